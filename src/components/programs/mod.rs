//! The Programs panel: the learner's own pika programs beside the canvas
//! (a sheet on a phone). Files pasted, dropped or opened are parsed by the
//! on-demand parser worker ([`crate::web::python_parser`]) and listed by
//! name, editable in place (`code_editor`); a terminal (`terminal`) runs command
//! lines as a tutorial types them; each process gets a tab with its output
//! and a Ctrl+C (`process_tabs`).
//!
//! Shared state: [`Programs`] (the files and the [`RuntimeLink`]), made
//! once by [`use_programs`] and provided by the app, also reached by
//! `window.warren`'s program methods ([`current`]).

mod code_editor;
mod dock;
mod file_bar;
mod loading;
mod panel;
mod process_tabs;
pub mod runtime_link;
mod terminal;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

pub use dock::programs_toggle;
pub use loading::{load_files, LoadReport};
pub use panel::ProgramsPanel;
pub use runtime_link::{ProcessRow, RuntimeLink};

use crate::components::{EditorHandle, Stage};
use crate::editor::Editor;
use crate::workspace::program_files::ProgramFiles;

/// The programs' shared state: the files, the runtime's program methods,
/// and a way to render again after a change.
#[derive(Clone)]
pub struct Programs {
    /// The files, with their parse states.
    pub files: Rc<RefCell<ProgramFiles>>,
    /// Loads, runs and interrupts programs on the runtime.
    pub link: RuntimeLink,
    /// Asks the page to render again.
    pub refresh: Callback<()>,
    /// The editor: files taken into the list are stored in the document
    /// (so undo, autosave, files and share links carry them).
    pub editor: UseReducerDispatcher<Editor>,
}

impl PartialEq for Programs {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.files, &other.files)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Programs>> = const { RefCell::new(None) };
}

/// The page's programs (for `window.warren`), once the app has rendered.
pub fn current() -> Option<Programs> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Makes the programs' state once, for the app to provide as a context,
/// and takes in the programs of every document opened (a link, a file,
/// the autosave, undo), parsing those the list does not have as they are.
#[hook]
pub fn use_programs(stage: &Stage, editor: &EditorHandle) -> Programs {
    let made = {
        let stage = stage.clone();
        let dispatcher = editor.dispatcher();
        use_memo((), move |_| Programs {
            files: Rc::new(RefCell::new(ProgramFiles::default())),
            link: RuntimeLink::new(stage.clone()),
            refresh: stage.refresh.clone(),
            editor: dispatcher,
        })
    };
    let programs = (*made).clone();
    CURRENT.with(|c| *c.borrow_mut() = Some(programs.clone()));
    {
        let programs = programs.clone();
        use_effect_with(editor.scenario.programs.clone(), move |documented| {
            let missing: Vec<(String, String)> = documented
                .iter()
                .filter(|f| !programs.files.borrow().holds(&f.name, &f.source))
                .map(|f| (f.name.clone(), f.source.clone()))
                .collect();
            if !missing.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    load_files(programs, missing).await;
                });
            }
        });
    }
    programs
}

/// The programs' state provided by the app.
#[hook]
pub fn use_programs_context() -> Programs {
    use_context::<Programs>().expect("inside the app's Programs provider")
}
