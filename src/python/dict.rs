//! Insertion-ordered dicts (and sets) keyed by hashable values.

use std::collections::HashMap;

use super::value::Value;

/// The hashable form of a key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    None,
    Int(i64),
    Float(u64),
    Str(std::rc::Rc<str>),
    Bytes(std::rc::Rc<[u8]>),
    Tuple(Vec<Key>),
    /// Identity of an object that hashes by id.
    Id(usize),
}

/// The key of a value, or `None` if it is unhashable (list, dict, set).
pub fn key_of(v: &Value) -> Option<Key> {
    Some(match v {
        Value::None => Key::None,
        Value::Bool(b) => Key::Int(*b as i64),
        Value::Int(i) => Key::Int(*i),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Key::Int(*f as i64),
        Value::Float(f) => Key::Float(f.to_bits()),
        Value::Str(s) => Key::Str(s.clone()),
        Value::Bytes(b) => Key::Bytes(b.clone()),
        Value::Tuple(t) => Key::Tuple(t.iter().map(key_of).collect::<Option<Vec<_>>>()?),
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => return None,
        Value::Function(f) => Key::Id(std::rc::Rc::as_ptr(f) as *const u8 as usize),
        Value::Class(c) => Key::Id(std::rc::Rc::as_ptr(c) as *const u8 as usize),
        Value::Instance(i) => Key::Id(std::rc::Rc::as_ptr(i) as *const u8 as usize),
        Value::Module(m) => Key::Id(std::rc::Rc::as_ptr(m) as *const u8 as usize),
        _ => Key::Id(0),
    })
}

/// An insertion-ordered map.
#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<(Value, Value)>>,
    index: HashMap<Key, usize>,
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value for a key.
    pub fn get(&self, k: &Key) -> Option<&Value> {
        self.index.get(k).and_then(|&i| self.entries[i].as_ref()).map(|(_, v)| v)
    }

    /// Inserts or replaces (keeping the first key and its position).
    pub fn insert(&mut self, key: Key, k: Value, v: Value) {
        match self.index.get(&key) {
            Some(&i) => {
                if let Some(e) = self.entries[i].as_mut() {
                    e.1 = v;
                }
            }
            None => {
                self.index.insert(key, self.entries.len());
                self.entries.push(Some((k, v)));
            }
        }
    }

    /// Removes a key.
    pub fn remove(&mut self, k: &Key) -> Option<(Value, Value)> {
        let i = self.index.remove(k)?;
        let e = self.entries[i].take();
        if self.entries.len() > 32 && self.index.len() * 2 < self.entries.len() {
            self.compact();
        }
        e
    }

    fn compact(&mut self) {
        let entries: Vec<_> = self.entries.drain(..).flatten().collect();
        self.index.clear();
        for (i, (k, _)) in entries.iter().enumerate() {
            if let Some(key) = key_of(k) {
                self.index.insert(key, i);
            }
        }
        self.entries = entries.into_iter().map(Some).collect();
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(k, v)| (k, v))
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
    }
}
