//! Undo and redo: the scenarios before each change (at most
//! [`HISTORY_LIMIT`]), a drag remembered as one step, and runs of keyboard
//! nudges coalesced into one.

use std::rc::Rc;

use crate::scenario::Scenario;

/// How many scenarios undo remembers.
pub const HISTORY_LIMIT: usize = 200;

/// The undo and redo stacks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Vec<Rc<Scenario>>,
    redo: Vec<Rc<Scenario>>,
    gesture: Option<Rc<Scenario>>,
    coalesce: Option<&'static str>,
}

impl History {
    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// True while a drag is in progress.
    pub fn in_gesture(&self) -> bool {
        self.gesture.is_some()
    }

    /// How many steps undo can take back.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Records `current` before a change. Changes with the same `coalesce`
    /// tag in a row are one step; any other action ends a run
    /// ([`History::end_run`]).
    pub fn remember(&mut self, current: &Rc<Scenario>, coalesce: Option<&'static str>) {
        if coalesce.is_some() && coalesce == self.coalesce {
            return;
        }
        self.coalesce = coalesce;
        self.push_undo(current.clone());
        self.redo.clear();
    }

    /// Ends a run of coalesced changes.
    pub fn end_run(&mut self) {
        self.coalesce = None;
    }

    /// A drag starts from `current`.
    pub fn begin_gesture(&mut self, current: &Rc<Scenario>) {
        self.gesture = Some(current.clone());
    }

    /// A drag ends at `current`: one step, if it changed anything.
    pub fn end_gesture(&mut self, current: &Rc<Scenario>) {
        if let Some(before) = self.gesture.take() {
            if before != *current {
                self.push_undo(before);
                self.redo.clear();
            }
        }
    }

    /// Forgets a drag in progress (without a step).
    pub fn cancel_gesture(&mut self) {
        self.gesture = None;
    }

    /// Takes back one step: the scenario to show instead of `current`.
    pub fn undo(&mut self, current: Rc<Scenario>) -> Option<Rc<Scenario>> {
        let prev = self.undo.pop()?;
        self.redo.push(current);
        Some(prev)
    }

    /// Does again what undo took back.
    pub fn redo(&mut self, current: Rc<Scenario>) -> Option<Rc<Scenario>> {
        let next = self.redo.pop()?;
        self.push_undo(current);
        Some(next)
    }

    fn push_undo(&mut self, s: Rc<Scenario>) {
        self.undo.push(s);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
    }
}
