//! The queues a route reached, in name order, once each, without copying
//! a name: the usual route (one exchange's bindings) keeps the ranks of
//! its queues in that exchange's name-ordered list of queues, which it
//! shares; a route that gathered queues from several exchanges keeps the
//! names themselves.

use std::rc::Rc;

use super::queue_table::QueueIx;
use super::Name;

/// An exchange's queues in name order, with their indexes in the broker's
/// queue table (shared with the routes that name them; copied on write).
pub(crate) type QueueList = Rc<Vec<(Name, QueueIx)>>;

/// Queue names, sorted, each once (a route's queues, the queues a publish
/// reached). Reads like a list of names: `iter`, `len`, `is_empty`,
/// `queues[i]`, `for q in &queues`.
#[derive(Clone, Default)]
pub struct QueueNames(Repr);

#[derive(Clone, Default)]
enum Repr {
    /// No queue.
    #[default]
    None,
    /// Every queue of one exchange's list (a fanout's).
    All(QueueList),
    /// Ranks (increasing) into one exchange's list.
    Ranked { list: QueueList, ranks: Vec<u32> },
    /// Names gathered from several places, with their indexes.
    Listed(Vec<(Name, QueueIx)>),
}

impl QueueNames {
    /// The queues at `ranks` (increasing) of `list`.
    pub(crate) fn ranked(list: &QueueList, ranks: Vec<u32>) -> Self {
        if ranks.is_empty() {
            return QueueNames::default();
        }
        QueueNames(Repr::Ranked { list: list.clone(), ranks })
    }

    /// Every queue of `list`.
    pub(crate) fn all(list: &QueueList) -> Self {
        if list.is_empty() {
            return QueueNames::default();
        }
        QueueNames(Repr::All(list.clone()))
    }

    /// The queues of both (each sorted, once each), merged.
    pub(crate) fn merged(self, other: QueueNames) -> Self {
        if self.is_empty() {
            return other;
        }
        if other.is_empty() {
            return self;
        }
        QueueNames::gathered(self.entries().chain(other.entries()).cloned().collect())
    }

    /// Queues in any order, possibly repeated: sorted by name, once each.
    pub(crate) fn gathered(mut queues: Vec<(Name, QueueIx)>) -> Self {
        if queues.is_empty() {
            return QueueNames::default();
        }
        queues.sort_by(|a, b| a.0.cmp(&b.0));
        queues.dedup_by(|a, b| a.0 == b.0);
        QueueNames(Repr::Listed(queues))
    }

    /// How many queues.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::None => 0,
            Repr::All(list) => list.len(),
            Repr::Ranked { ranks, .. } => ranks.len(),
            Repr::Listed(v) => v.len(),
        }
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th queue's name.
    pub fn get(&self, i: usize) -> Option<&Name> {
        self.entry(i).map(|(name, _)| name)
    }

    fn entry(&self, i: usize) -> Option<&(Name, QueueIx)> {
        match &self.0 {
            Repr::None => None,
            Repr::All(list) => list.get(i),
            Repr::Ranked { list, ranks } => ranks.get(i).map(|&r| &list[r as usize]),
            Repr::Listed(v) => v.get(i),
        }
    }

    /// The names, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { names: self, at: 0, end: self.len() }
    }

    /// The names, in a vector of their own.
    pub fn to_vec(&self) -> Vec<Name> {
        self.iter().cloned().collect()
    }

    /// Each queue's name and its index in the queue table: valid only
    /// while no queue has been deleted since the route was taken.
    pub(crate) fn entries(&self) -> impl ExactSizeIterator<Item = &(Name, QueueIx)> + '_ {
        (0..self.len()).map(|i| self.entry(i).expect("in range"))
    }

    /// Keeps the queues for which `keep` holds.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Name) -> bool) {
        if self.iter().all(&mut keep) {
            return;
        }
        let kept: Vec<(Name, QueueIx)> = self.entries().filter(|(n, _)| keep(n)).cloned().collect();
        *self = if kept.is_empty() { QueueNames::default() } else { QueueNames(Repr::Listed(kept)) };
    }
}

/// The names of a [`QueueNames`], in order.
#[derive(Clone)]
pub struct Iter<'a> {
    names: &'a QueueNames,
    at: usize,
    end: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Name;

    #[inline]
    fn next(&mut self) -> Option<&'a Name> {
        if self.at == self.end {
            return None;
        }
        self.at += 1;
        self.names.get(self.at - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.end - self.at, Some(self.end - self.at))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.at == self.end {
            return None;
        }
        self.end -= 1;
        self.names.get(self.end)
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a QueueNames {
    type Item = &'a Name;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl std::ops::Index<usize> for QueueNames {
    type Output = Name;
    fn index(&self, i: usize) -> &Name {
        self.get(i).expect("a queue at that position")
    }
}

impl PartialEq for QueueNames {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for QueueNames {}

impl std::fmt::Debug for QueueNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
