//! The queues a route reached, in name order, once each, without copying
//! a name: the usual route (one exchange's bindings) keeps the ranks of
//! its queues in that exchange's name-ordered list of queues, which it
//! shares (a few ranks inline, no allocation); a route that gathered
//! queues from several exchanges keeps a list of its own.

use std::rc::Rc;

use smallvec::SmallVec;

use super::name_table::QueueIx;
use super::Name;

/// An exchange's queues in name order, with their indexes in the broker's
/// queue table (shared with the routes that name them; copied on write).
pub(crate) type QueueList = Rc<Vec<(Name, QueueIx)>>;

/// Ranks (places in a [`QueueList`]), increasing; a few inline.
pub(crate) type Ranks = SmallVec<[u32; 4]>;

/// Queue names, sorted, each once (a route's queues, the queues a publish
/// reached). Reads like a list of names: `iter`, `len`, `is_empty`,
/// `queues[i]`, `for q in &queues`.
#[derive(Clone, Default)]
pub struct QueueNames {
    /// `None`: no queue.
    list: Option<QueueList>,
    /// The ranks in `list` of the queues; empty: all of `list`.
    ranks: Ranks,
}

impl QueueNames {
    /// The queues at `ranks` (increasing) of `list`.
    pub(crate) fn ranked(list: &QueueList, ranks: Ranks) -> Self {
        if ranks.is_empty() {
            return QueueNames::default();
        }
        QueueNames { list: Some(list.clone()), ranks }
    }

    /// Every queue of `list`.
    pub(crate) fn all(list: &QueueList) -> Self {
        if list.is_empty() {
            return QueueNames::default();
        }
        QueueNames { list: Some(list.clone()), ranks: Ranks::new() }
    }

    /// Queues in any order, possibly repeated: sorted by name, once each.
    pub(crate) fn gathered(mut queues: Vec<(Name, QueueIx)>) -> Self {
        if queues.is_empty() {
            return QueueNames::default();
        }
        queues.sort_by(|a, b| a.0.cmp(&b.0));
        queues.dedup_by(|a, b| a.0 == b.0);
        QueueNames::all(&Rc::new(queues))
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

    /// How many queues.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.list {
            None => 0,
            Some(list) if self.ranks.is_empty() => list.len(),
            Some(_) => self.ranks.len(),
        }
    }

    /// True when there is none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.list.is_none()
    }

    /// The `i`-th queue's name.
    pub fn get(&self, i: usize) -> Option<&Name> {
        self.entry(i).map(|(name, _)| name)
    }

    #[inline]
    fn entry(&self, i: usize) -> Option<&(Name, QueueIx)> {
        let list = self.list.as_ref()?;
        if self.ranks.is_empty() {
            list.get(i)
        } else {
            self.ranks.get(i).map(|&r| &list[r as usize])
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
        *self = QueueNames::gathered(kept);
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
