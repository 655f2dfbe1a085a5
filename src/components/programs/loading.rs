//! Making files runnable: each file taken into the list (replacing one of
//! the same name), sent to the parser worker, and once it answers, marked
//! ready (and loaded on the runtime) or refused at its line. The panel
//! (paste, drop, open, edit) and `window.warren.loadPrograms` both come
//! here.

use std::rc::Rc;

use serde_json::{json, Value};

use super::Programs;
use crate::editor::EditAction;
use crate::scenario::ProgramFile;
use crate::web::python_parser;
use crate::workspace::parser_wire::ParseOutcome;
use crate::workspace::program_files::{failure_note, refusal_note, FileState};

/// What became of a load: the programs now runnable and a note per file
/// that is not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadReport {
    /// Names of the files compiled and loaded.
    pub ready: Vec<String>,
    /// `{program, line, column?, message}` for each file refused or not taken.
    pub notes: Vec<Value>,
}

impl LoadReport {
    /// The API's answer: `{ok, programs, notes}` (`ok` when every file loaded).
    pub fn to_json(&self) -> Value {
        json!({"ok": self.notes.is_empty(), "programs": self.ready, "notes": self.notes})
    }
}

/// Takes `files` (name, source) into the list and parses them; answers
/// once every one is ready or refused (notes in the files' order).
pub async fn load_files(programs: Programs, files: Vec<(String, String)>) -> LoadReport {
    let mut notes: Vec<(usize, Value)> = Vec::new();
    let mut ready = Vec::new();
    let mut waiting = Vec::new();
    let mut stored = Vec::new();
    for (i, (name, source)) in files.into_iter().enumerate() {
        let taken = programs.files.borrow_mut().put(&name, &source);
        if taken.is_ok() {
            stored.push(ProgramFile { name: name.clone(), source: source.clone() });
        }
        match taken {
            // Every request is posted before the first answer is awaited.
            Ok(revision) => waiting.push((i, name.clone(), revision, python_parser::request(&name, &source))),
            Err(e) => notes.push((i, failure_note(&name, &e.english()))),
        }
    }
    if !stored.is_empty() {
        programs.editor.dispatch(EditAction::StorePrograms(stored));
    }
    programs.refresh.emit(());
    for (i, name, revision, pending) in waiting {
        let outcome = pending.outcome().await;
        match settle(&programs, &name, revision, outcome) {
            Ok(()) => ready.push(name),
            Err(note) => notes.push((i, note)),
        }
        programs.refresh.emit(());
    }
    notes.sort_by_key(|(i, _)| *i);
    LoadReport { ready, notes: notes.into_iter().map(|(_, n)| n).collect() }
}

/// Records one answer (if it is for the file's current text) and loads a
/// compiled program on the runtime; `Err`: the note saying why it is not
/// runnable.
fn settle(programs: &Programs, name: &str, revision: u64, outcome: ParseOutcome) -> Result<(), Value> {
    let (state, program, note) = match outcome {
        ParseOutcome::Program(p) => (FileState::Ready, Some(p), None),
        ParseOutcome::Refusal(r) => {
            let note = refusal_note(&r);
            (FileState::Refused(r), None, Some(note))
        }
        ParseOutcome::Error(e) => {
            let note = failure_note(name, &e.to_string());
            (FileState::Failed(e.message()), None, Some(note))
        }
    };
    let current = programs.files.borrow_mut().settle(name, revision, state);
    match (program, note) {
        (Some(p), _) if current => {
            programs.link.load_programs(vec![(name.to_string(), Rc::new(p))]);
            Ok(())
        }
        (Some(_), _) => Err(failure_note(name, &msg!("programs-changed-while-parsing").english())),
        (None, Some(note)) => Err(note),
        (None, None) => Ok(()),
    }
}
