//! The broker's queues: each in a numbered slot (its index, which the hot
//! paths of routing, enqueueing and settling carry instead of its name),
//! found by name through a hash map, and iterated in name order.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::ops::Index;

use rustc_hash::FxHashMap;

use super::queue::Queue;
use super::queue_args::QueueType;
use super::Name;

/// A queue's index in the [`QueueTable`]: valid while the queue exists (a
/// deleted queue's index is given to a later queue).
pub(crate) type QueueIx = u32;

/// Queues by index, by name, and in name order.
#[derive(Debug, Default)]
pub(crate) struct QueueTable {
    slots: Vec<Option<Queue>>,
    free: Vec<QueueIx>,
    /// Name to index (looked up, never iterated).
    index: FxHashMap<Name, QueueIx>,
    /// Name order (iterated).
    order: BTreeMap<Name, QueueIx>,
    /// How many are quorum queues or streams.
    replicated: usize,
}

impl QueueTable {
    /// Stores a new queue (none of that name exists), returning its index.
    pub fn insert(&mut self, queue: Queue) -> QueueIx {
        let name = queue.name.clone();
        self.replicated += usize::from(queue.settings.queue_type != QueueType::Classic);
        let ix = match self.free.pop() {
            Some(ix) => {
                self.slots[ix as usize] = Some(queue);
                ix
            }
            None => {
                self.slots.push(Some(queue));
                (self.slots.len() - 1) as QueueIx
            }
        };
        self.index.insert(name.clone(), ix);
        self.order.insert(name, ix);
        ix
    }

    /// Takes a queue out, freeing its index.
    pub fn remove(&mut self, name: &str) -> Option<Queue> {
        let ix = self.index.remove(name)?;
        self.order.remove(name);
        self.free.push(ix);
        let queue = self.slots[ix as usize].take()?;
        self.replicated -= usize::from(queue.settings.queue_type != QueueType::Classic);
        Some(queue)
    }

    /// How many quorum queues and streams there are.
    pub fn replicated(&self) -> usize {
        self.replicated
    }

    /// The index of the queue named `name`.
    #[inline]
    pub fn ix(&self, name: &str) -> Option<QueueIx> {
        self.index.get(name).copied()
    }

    /// The queue at `ix` (which must exist).
    #[inline]
    pub fn at(&self, ix: QueueIx) -> &Queue {
        self.slots[ix as usize].as_ref().expect("a queue at a live index")
    }

    /// The queue at `ix` (which must exist), to change.
    #[inline]
    pub fn at_mut(&mut self, ix: QueueIx) -> &mut Queue {
        self.slots[ix as usize].as_mut().expect("a queue at a live index")
    }

    /// The queue named `name`.
    #[inline]
    pub fn get(&self, name: &str) -> Option<&Queue> {
        self.ix(name).map(|ix| self.at(ix))
    }

    /// The queue named `name`, to change.
    #[inline]
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Queue> {
        self.ix(name).map(|ix| self.at_mut(ix))
    }

    /// True when a queue is named `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The shared name and index of the queue named `name`.
    #[inline]
    pub fn named(&self, name: &str) -> Option<(&Name, QueueIx)> {
        self.index.get_key_value(name).map(|(n, ix)| (n, *ix))
    }

    /// Queues in name order.
    pub fn values(&self) -> impl Iterator<Item = &Queue> {
        self.order.values().map(|&ix| self.at(ix))
    }

    /// Names and indexes in name order.
    pub fn entries(&self) -> impl Iterator<Item = (&Name, QueueIx)> {
        self.order.iter().map(|(n, ix)| (n, *ix))
    }
}

impl<K: Borrow<str> + ?Sized> Index<&K> for QueueTable {
    type Output = Queue;
    fn index(&self, name: &K) -> &Queue {
        self.get(name.borrow()).expect("a queue of that name")
    }
}
