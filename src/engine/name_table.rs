//! The broker's queues and exchanges: each in a numbered slot (its index,
//! which the hot paths of routing, enqueueing and settling carry instead
//! of its name), found by name through a hash map, and iterated in name
//! order.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::ops::Index;

use rustc_hash::FxHashMap;

use super::exchange::Exchange;
use super::queue::Queue;
use super::Name;

/// A queue's index in the [`QueueTable`]: valid while the queue exists (a
/// deleted queue's index is given to a later queue).
pub(crate) type QueueIx = u32;

/// The broker's queues.
pub(crate) type QueueTable = NameTable<Queue>;

/// The broker's exchanges.
pub(crate) type ExchangeTable = NameTable<Exchange>;

/// What a [`NameTable`] holds: things with a name.
pub(crate) trait Named {
    /// The name it is found by.
    fn name(&self) -> &Name;
}

impl Named for Queue {
    fn name(&self) -> &Name {
        &self.name
    }
}

impl Named for Exchange {
    fn name(&self) -> &Name {
        &self.name
    }
}

/// Things by index, by name, and in name order.
#[derive(Debug)]
pub(crate) struct NameTable<T> {
    slots: Vec<Option<T>>,
    free: Vec<u32>,
    /// Name to index (looked up, never iterated).
    index: FxHashMap<Name, u32>,
    /// Name order (iterated).
    order: BTreeMap<Name, u32>,
}

impl<T> Default for NameTable<T> {
    fn default() -> Self {
        NameTable { slots: Vec::new(), free: Vec::new(), index: FxHashMap::default(), order: BTreeMap::new() }
    }
}

impl<T: Named> NameTable<T> {
    /// Stores a new one (none of that name exists), returning its index.
    pub fn insert(&mut self, value: T) -> u32 {
        let name = value.name().clone();
        debug_assert!(!self.index.contains_key(&name), "one name, one entry");
        let ix = match self.free.pop() {
            Some(ix) => {
                self.slots[ix as usize] = Some(value);
                ix
            }
            None => {
                self.slots.push(Some(value));
                (self.slots.len() - 1) as u32
            }
        };
        self.index.insert(name.clone(), ix);
        self.order.insert(name, ix);
        ix
    }

    /// Takes one out, freeing its index.
    pub fn remove(&mut self, name: &str) -> Option<T> {
        let ix = self.index.remove(name)?;
        self.order.remove(name);
        self.free.push(ix);
        self.slots[ix as usize].take()
    }

    /// The index of the one named `name`.
    #[inline]
    pub fn ix(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    /// The one at `ix` (which must exist).
    #[inline]
    pub fn at(&self, ix: u32) -> &T {
        self.slots[ix as usize].as_ref().expect("a live index")
    }

    /// The one at `ix` (which must exist), to change.
    #[inline]
    pub fn at_mut(&mut self, ix: u32) -> &mut T {
        self.slots[ix as usize].as_mut().expect("a live index")
    }

    /// The one named `name`.
    #[inline]
    pub fn get(&self, name: &str) -> Option<&T> {
        self.ix(name).map(|ix| self.at(ix))
    }

    /// The one named `name`, to change.
    #[inline]
    pub fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.ix(name).map(|ix| self.at_mut(ix))
    }

    /// True when one is named `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The shared name and index of the one named `name`.
    #[inline]
    pub fn named(&self, name: &str) -> Option<(&Name, u32)> {
        self.index.get_key_value(name).map(|(n, ix)| (n, *ix))
    }

    /// The shared name of the one named `name`, and it.
    #[inline]
    pub fn get_key_value(&self, name: &str) -> Option<(&Name, &T)> {
        self.index.get_key_value(name).map(|(n, &ix)| (n, self.at(ix)))
    }

    /// All, in name order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.order.values().map(|&ix| self.at(ix))
    }

    /// All, in name order, to change.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        let mut by_ix: Vec<Option<&mut T>> = self.slots.iter_mut().map(Option::as_mut).collect();
        let in_order: Vec<&mut T> =
            self.order.values().map(|&ix| by_ix[ix as usize].take().expect("a live index")).collect();
        in_order.into_iter()
    }

    /// Names and indexes in name order.
    pub fn entries(&self) -> impl Iterator<Item = (&Name, u32)> {
        self.order.iter().map(|(n, ix)| (n, *ix))
    }
}

impl<T: Named, K: Borrow<str> + ?Sized> Index<&K> for NameTable<T> {
    type Output = T;
    fn index(&self, name: &K) -> &T {
        self.get(name.borrow()).expect("one of that name")
    }
}
