//! What an exchange keeps so that routing costs what it matches: its
//! bindings in numbered slots (the type indexes, the topic trie and the
//! direct map, hold slot numbers), a bit per slot that keeps a binding
//! matched by several routing keys from being reported twice, and the
//! queues its bindings lead to in name order (shared with routes), so the
//! queues a message reaches come out as ranks in that order, sorted and
//! once each (a few by a short sort, more from a bit set), without
//! copying a name or hashing.

use std::cell::Cell;
use std::rc::Rc;

use smallvec::SmallVec;

use super::exchange::Binding;
use super::headers::HeadersRule;
use super::name_table::QueueIx;
use super::queue_names::{QueueList, QueueNames, Ranks};
use super::Name;

/// "No queue" (a binding to an exchange) / "no slot".
pub(crate) const NO_QUEUE: u32 = u32::MAX;

/// What the type indexes (the topic trie, the direct map) hold and report
/// for a binding: its slot, and the index of the queue it leads to
/// ([`NO_QUEUE`] for an exchange), so that gathering a route's queues
/// reads no per-slot table.
pub(crate) type Bound = (u32, QueueIx);

/// An exchange's bindings by slot number (`None`: a free slot), shared
/// with the routes that name them.
type Table = Rc<Vec<Option<Rc<Binding>>>>;

/// Bindings in numbered slots (a removed binding's number is reused), with
/// what routing reads of each, and the marks of one route.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slots {
    table: Table,
    /// Per slot: the index of the binding's queue in the broker's queue
    /// table, or [`NO_QUEUE`] for an exchange.
    queue: Vec<u32>,
    /// Per slot (headers exchanges): the binding's arguments, compiled.
    rules: Vec<Option<HeadersRule>>,
    free: Vec<u32>,
    /// One bit per slot: reported already in this route, for routes with
    /// several routing keys (a scratch set, all zero between routes).
    seen: Scratch,
    /// The slots a type index reported for one route (a scratch list).
    reports: Scratch<Bound>,
}

impl Slots {
    /// Stores a binding, returning its slot number.
    pub fn insert(&mut self, binding: Rc<Binding>, queue: u32, rule: Option<HeadersRule>) -> u32 {
        let table = Rc::make_mut(&mut self.table);
        match self.free.pop() {
            Some(n) => {
                table[n as usize] = Some(binding);
                self.queue[n as usize] = queue;
                self.rules[n as usize] = rule;
                n
            }
            None => {
                table.push(Some(binding));
                self.queue.push(queue);
                self.rules.push(rule);
                (table.len() - 1) as u32
            }
        }
    }

    /// Frees slot `n`, returning its queue id.
    pub fn remove(&mut self, n: u32) -> u32 {
        Rc::make_mut(&mut self.table)[n as usize] = None;
        self.rules[n as usize] = None;
        self.free.push(n);
        std::mem::replace(&mut self.queue[n as usize], NO_QUEUE)
    }

    /// The binding in slot `n` (which must be in use).
    #[inline]
    pub fn binding(&self, n: u32) -> &Rc<Binding> {
        self.table[n as usize].as_ref().expect("a slot in use")
    }

    /// The queue id of slot `n`.
    #[inline]
    pub fn queue(&self, n: u32) -> u32 {
        self.queue[n as usize]
    }

    /// The compiled headers rule of slot `n`.
    #[inline]
    pub fn rule(&self, n: u32) -> Option<&HeadersRule> {
        self.rules[n as usize].as_ref()
    }

    /// The bindings matched, as slot numbers, read against today's table.
    pub fn matched(&self, slots: SlotList) -> MatchedBindings {
        MatchedBindings { table: (!slots.is_empty()).then(|| self.table.clone()), slots }
    }

    /// An empty list for the slots one route reports (reused).
    pub fn take_reports(&self) -> Vec<Bound> {
        let mut v = self.reports.0.take();
        v.clear();
        v
    }

    /// Gives back the list of [`Slots::take_reports`].
    pub fn give_back_reports(&self, v: Vec<Bound>) {
        self.reports.0.set(v);
    }

    /// The marks of one route: no slot reported yet.
    pub fn marks(&self) -> SlotMarks<'_> {
        let mut bits = self.seen.0.take();
        bits.resize(self.queue.len().div_ceil(64), 0);
        SlotMarks { slots: self, bits }
    }
}

/// Which slots one route has reported (a bit each).
pub(crate) struct SlotMarks<'a> {
    slots: &'a Slots,
    bits: Vec<u64>,
}

impl SlotMarks<'_> {
    /// The slots of `reported` in first-report order, each once (the
    /// marks are cleared again).
    pub fn firsts(mut self, mut reported: Vec<Bound>) -> Vec<Bound> {
        reported.retain(|&(n, _)| {
            let (w, bit) = ((n >> 6) as usize, 1u64 << (n & 63));
            let new = self.bits[w] & bit == 0;
            self.bits[w] |= bit;
            new
        });
        for &(n, _) in &reported {
            self.bits[(n >> 6) as usize] = 0;
        }
        self.slots.seen.0.set(std::mem::take(&mut self.bits));
        reported
    }
}

impl Drop for SlotMarks<'_> {
    fn drop(&mut self) {
        // Dropped without `firsts` (never, in routing): cleared all the same.
        if !self.bits.is_empty() {
            self.bits.iter_mut().for_each(|w| *w = 0);
            self.slots.seen.0.set(std::mem::take(&mut self.bits));
        }
    }
}

/// The bindings one exchange matched for a message, each once, in the
/// order they first matched: slot numbers into the exchange's binding
/// table as it was then (shared, not copied), so a route with many
/// matches copies no binding.
#[derive(Clone, Default)]
pub struct MatchedBindings {
    table: Option<Table>,
    slots: SlotList,
}

/// Slot numbers; a few inline.
pub(crate) type SlotList = SmallVec<[u32; SLOTS_INLINE]>;

/// How many slot numbers a [`SlotList`] holds inline.
pub(crate) const SLOTS_INLINE: usize = 4;

impl MatchedBindings {
    /// How many bindings matched.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when none matched.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The bindings, in first-match order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Rc<Binding>> + '_ {
        self.slots.iter().map(move |&n| self.at(n))
    }

    /// The `i`-th binding matched.
    pub fn get(&self, i: usize) -> Option<&Rc<Binding>> {
        self.slots.get(i).map(|&n| self.at(n))
    }

    fn at(&self, n: u32) -> &Rc<Binding> {
        let table = self.table.as_ref().expect("a table when bindings matched");
        table[n as usize].as_ref().expect("a matched slot is in use in its table")
    }
}

impl std::ops::Index<usize> for MatchedBindings {
    type Output = Rc<Binding>;
    fn index(&self, i: usize) -> &Rc<Binding> {
        self.at(self.slots[i])
    }
}

impl<'a> IntoIterator for &'a MatchedBindings {
    type Item = &'a Rc<Binding>;
    type IntoIter = Box<dyn Iterator<Item = &'a Rc<Binding>> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl PartialEq for MatchedBindings {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl std::fmt::Debug for MatchedBindings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl From<Vec<Rc<Binding>>> for MatchedBindings {
    fn from(bindings: Vec<Rc<Binding>>) -> Self {
        let slots = (0..bindings.len() as u32).collect();
        let table = (!bindings.is_empty()).then(|| Rc::new(bindings.into_iter().map(Some).collect()));
        MatchedBindings { table, slots }
    }
}

/// The distinct queues an exchange's bindings lead to, by their index in
/// the broker's queue table (which lasts while a binding leads there), and
/// their order by name.
#[derive(Clone, Debug, Default)]
pub(crate) struct QueueOrder {
    /// Per queue index: how many bindings lead to the queue (0: none).
    refs: Vec<u32>,
    /// Per queue index: its place in name order.
    rank: Vec<u32>,
    /// By rank: the queue's name and index (shared with routes).
    sorted: QueueList,
    /// One bit per rank (a scratch set for one hop of a route; all zero
    /// between routes).
    bits: Scratch,
}

/// A reusable buffer (bit sets: all zero when not in use); a clone starts
/// with none.
#[derive(Default)]
struct Scratch<T = u64>(Cell<Vec<T>>);

impl<T> Clone for Scratch<T> {
    fn clone(&self) -> Self {
        Scratch(Cell::new(Vec::new()))
    }
}

impl<T> std::fmt::Debug for Scratch<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl QueueOrder {
    /// One more binding leads to queue `ix` named `name`.
    pub fn add(&mut self, name: &Name, ix: QueueIx) {
        let i = ix as usize;
        if self.refs.len() <= i {
            self.refs.resize(i + 1, 0);
            self.rank.resize(i + 1, 0);
        }
        self.refs[i] += 1;
        if self.refs[i] > 1 {
            return;
        }
        let at = self.sorted.partition_point(|(n, _)| n < name);
        Rc::make_mut(&mut self.sorted).insert(at, (name.clone(), ix));
        self.renumber(at);
    }

    /// One binding fewer leads to queue `ix` ([`NO_QUEUE`]: an exchange).
    pub fn release(&mut self, ix: QueueIx) {
        if ix == NO_QUEUE {
            return;
        }
        let refs = &mut self.refs[ix as usize];
        *refs -= 1;
        if *refs > 0 {
            return;
        }
        let at = self.rank[ix as usize] as usize;
        Rc::make_mut(&mut self.sorted).remove(at);
        self.renumber(at);
    }

    fn renumber(&mut self, from: usize) {
        for (r, (_, ix)) in self.sorted.iter().enumerate().skip(from) {
            self.rank[*ix as usize] = r as u32;
        }
    }

    /// Every queue, in name order.
    pub fn all(&self) -> QueueNames {
        QueueNames::all(&self.sorted)
    }

    /// The queues the reports lead to (each report's queue, possibly
    /// repeated), in name order, once each, and whether any report leads
    /// to an exchange instead.
    pub fn collect(&self, reported: &[Bound]) -> (QueueNames, bool) {
        let (ranks, to_exchanges) = self.ranks(reported);
        (QueueNames::ranked(&self.sorted, ranks), to_exchanges)
    }

    /// The ranks of the reports' queues, increasing, once each: a few
    /// sorted, more through a bit per rank (read in order, which clears
    /// it again); and whether a report leads to an exchange. (A report's
    /// queue is one of this exchange's, so its index is within `rank`;
    /// [`NO_QUEUE`] is not: looking it up finds the exchanges.)
    fn ranks(&self, reported: &[Bound]) -> (Ranks, bool) {
        let rank = &self.rank[..];
        let mut to_exchanges = false;
        if reported.len() <= FEW {
            let mut ranks = Ranks::new();
            for &(_, q) in reported {
                match rank.get(q as usize) {
                    Some(&r) => ranks.push(r),
                    None => to_exchanges = true,
                }
            }
            ranks.sort_unstable();
            ranks.dedup();
            return (ranks, to_exchanges);
        }
        let mut bits = self.bits.0.take();
        bits.resize(self.sorted.len().div_ceil(64), 0);
        for &(_, q) in reported {
            debug_assert!(q == NO_QUEUE || (q as usize) < rank.len(), "a report's queue is the exchange's");
            match rank.get(q as usize) {
                Some(&r) => bits[(r >> 6) as usize] |= 1 << (r & 63),
                None => to_exchanges = true,
            }
        }
        let mut ranks = vec![0u32; bits.iter().map(|w| w.count_ones() as usize).sum()];
        let mut k = 0;
        for (i, word) in bits.iter_mut().enumerate() {
            let base = (i << 6) as u32;
            let mut w = std::mem::take(word);
            while w != 0 {
                ranks[k] = base + w.trailing_zeros();
                k += 1;
                w &= w - 1;
            }
        }
        self.bits.0.set(bits);
        (Ranks::from_vec(ranks), to_exchanges)
    }
}

/// Queues one hop ranks by sorting (more: by a bit set).
const FEW: usize = 8;
