//! The Programs panel: the files (tabs, the new-file form, the editor),
//! the terminal and the process tabs; files dropped on it are added. The
//! Python parser is loaded the first time a file is added, with a note
//! saying so while it loads.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::code_editor::CodeEditor;
use super::file_bar::{file_bar, FileBarProps, NewFile};
use super::process_tabs::{process_tabs, ProcessTabsProps};
use super::terminal::Terminal;
use super::{load_files, use_programs_context, Programs};
use crate::components::{use_lang, use_stage};
use crate::i18n::{Lang, Msg};
use crate::runner::Pid;
use crate::view::terminal::{answer, readiness, Readiness, TranscriptLine};
use crate::web::python_parser::{self, Status};
use crate::workspace::program_files::check_name;

/// How long typing pauses before the edited file is checked again (ms).
const EDIT_PAUSE_MS: u32 = 400;

/// The properties of [`ProgramsPanel`].
#[derive(Properties, PartialEq)]
pub struct ProgramsPanelProps {
    /// Shown beside the canvas (a phone shows it as a sheet instead).
    pub open: bool,
    /// Closes it.
    pub on_close: Callback<()>,
}

/// What the panel remembers between renders.
#[derive(Clone, Default, PartialEq)]
struct PanelState {
    file: Option<String>,
    pid: Option<Pid>,
    adding: bool,
    add_error: Option<Msg>,
    transcript: Vec<TranscriptLine>,
    /// A command waiting for its file's parse.
    waiting: Option<String>,
}

/// The panel.
#[function_component(ProgramsPanel)]
pub fn programs_panel(props: &ProgramsPanelProps) -> Html {
    let programs = use_programs_context();
    let stage = use_stage();
    let lang = use_lang();
    let state = use_state(PanelState::default);
    let pause = use_mut_ref(|| None::<Timeout>);
    use_clock_tick(&programs, &stage);
    let files = programs.files.borrow().clone();
    let processes = programs.link.processes();
    use_waiting_command(&programs, &state, &files);
    let shown_file = state.file.as_ref().and_then(|n| files.get(n)).or(files.files().first()).cloned();
    let adding = state.adding || files.files().is_empty();
    let ondragover = Callback::from(|e: DragEvent| {
        e.prevent_default();
        e.stop_propagation();
    });
    let ondrop = {
        let (programs, state) = (programs.clone(), state.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            if let Some(list) = e.data_transfer().and_then(|dt| dt.files()) {
                add_picked(&programs, &state, files_of(&list));
            }
        })
    };
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let bar = file_bar(&FileBarProps {
        files: files.files().to_vec(),
        selected: shown_file.as_ref().map(|f| f.name.clone()),
        on_select: select_file(&state),
        on_new: new_file(&state),
        adding,
        on_open: open_files(&programs, &state),
        on_remove: remove_file(&programs, &state),
        lang,
    });
    let interrupt_it = interrupt_shown(&programs, &state, &processes);
    let tabs = process_tabs(&ProcessTabsProps {
        on_interrupt: interrupt(&programs),
        on_select: select_process(&state),
        selected: state.pid,
        processes,
        lang,
    });
    let body = html! {
        <>
            { bar }
            { parser_note(&files, lang) }
            if adding {
                <NewFile on_add={add_pasted(&programs, &state)} error={state.add_error.clone()}
                         on_cancel={(!files.files().is_empty()).then(|| cancel_new(&state))} />
            } else if let Some(file) = shown_file {
                <CodeEditor on_input={edit_file(&programs, &file.name, &pause)}
                            notes={notes_for(&stage, &file.name)} {file} />
            }
            <Terminal transcript={state.transcript.clone()} on_run={run_command(&programs, &state)}
                      on_interrupt={interrupt_it}
                      waiting={state.waiting.clone().map(AttrValue::from)} />
            { tabs }
        </>
    };
    html! {
        <aside id="programs-panel" class={classes!("programs-panel", props.open.then_some("open"))}
               aria-label={t!(lang, "programs-panel.aria-label")} {ondragover} {ondrop}>
            <div class="programs-head">
                <h2>{ t!(lang, "programs-panel") }</h2>
                <span class="muted programs-sub">{ t!(lang, "programs-panel-sub") }</span>
                <button type="button" class="programs-close" aria-label={t!(lang, "programs-panel-close.aria-label")} onclick={on_close}>{ "×" }</button>
            </div>
            { body }
        </aside>
    }
}

/// The run's notes on the program `name` ([`explain`](crate::runner::mistakes::explain)
/// gives each once, in line order).
fn notes_for(stage: &crate::components::Stage, name: &str) -> Vec<crate::runner::mistakes::Note> {
    stage.runtime.borrow().sim.mistakes().into_iter().filter(|n| n.program == name).collect()
}

/// While the parser loads for the first time, a note says so.
fn parser_note(files: &crate::workspace::program_files::ProgramFiles, lang: Lang) -> Html {
    match python_parser::status() {
        Status::Loading if files.parsing() => html! {
            <p class="parser-loading" role="status">
                <span class="spinner" aria-hidden="true"></span>
                { t!(lang, "programs-parser-loading") }
            </p>
        },
        _ => html! {},
    }
}

/// While processes run and the clock plays, renders ten times a second so
/// their output follows the virtual clock.
#[hook]
fn use_clock_tick(programs: &Programs, stage: &crate::components::Stage) {
    let tick = use_state(|| 0u32);
    let playing = stage.runtime.try_borrow().map(|rt| rt.playing).unwrap_or(false);
    let live = playing && programs.link.any_running();
    let setter = tick.setter();
    let count = *tick;
    use_effect_with(live, move |live| {
        let interval = live.then(|| {
            let mut n = count;
            Interval::new(100, move || {
                n = n.wrapping_add(1);
                setter.set(n);
            })
        });
        move || drop(interval)
    });
}

/// Runs a command that waited for its file once the file is checked.
#[hook]
fn use_waiting_command(
    programs: &Programs,
    state: &UseStateHandle<PanelState>,
    files: &crate::workspace::program_files::ProgramFiles,
) {
    let waiting = state.waiting.clone();
    let ready = waiting.as_ref().map(|w| !matches!(readiness(files, w), Readiness::Wait(_)));
    let (programs, state) = (programs.clone(), state.clone());
    use_effect_with((waiting, ready), move |(waiting, ready)| {
        if let (Some(line), Some(true)) = (waiting, ready) {
            let mut next = (*state).clone();
            next.waiting = None;
            start(&programs, &mut next, line);
            state.set(next);
        }
    });
}

/// Starts `line` (or says why not) into the transcript.
fn start(programs: &Programs, next: &mut PanelState, line: &str) {
    let files = programs.files.borrow().clone();
    match readiness(&files, line) {
        Readiness::Wait(program) => next.waiting = Some(line.to_string()).filter(|_| !program.is_empty()),
        Readiness::Refused(why) => next.transcript.push(TranscriptLine::Refused(why)),
        Readiness::Go => {
            let started = programs.link.run_command(line);
            if let Ok(pid) = started {
                next.pid = Some(pid);
            }
            next.transcript.push(answer(line, started));
        }
    }
}

fn run_command(programs: &Programs, state: &UseStateHandle<PanelState>) -> Callback<String> {
    let (programs, state) = (programs.clone(), state.clone());
    Callback::from(move |line: String| {
        let mut next = (*state).clone();
        next.transcript.push(TranscriptLine::Command(line.clone()));
        if !line.trim().is_empty() {
            start(&programs, &mut next, &line);
        }
        state.set(next);
    })
}

fn interrupt(programs: &Programs) -> Callback<Pid> {
    let programs = programs.clone();
    Callback::from(move |pid| programs.link.interrupt(pid))
}

/// Ctrl+C in the terminal: the process shown, if it runs.
fn interrupt_shown(
    programs: &Programs,
    state: &UseStateHandle<PanelState>,
    processes: &[super::ProcessRow],
) -> Callback<()> {
    let shown = state.pid.filter(|pid| processes.iter().any(|p| p.pid == *pid)).or(processes.last().map(|p| p.pid));
    let programs = programs.clone();
    Callback::from(move |_| {
        if let Some(pid) = shown {
            programs.link.interrupt(pid);
        }
    })
}

fn select_process(state: &UseStateHandle<PanelState>) -> Callback<Pid> {
    let state = state.clone();
    Callback::from(move |pid| state.set(PanelState { pid: Some(pid), ..(*state).clone() }))
}

fn select_file(state: &UseStateHandle<PanelState>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |name| state.set(PanelState { file: Some(name), adding: false, ..(*state).clone() }))
}

fn new_file(state: &UseStateHandle<PanelState>) -> Callback<()> {
    let state = state.clone();
    Callback::from(move |_| state.set(PanelState { adding: true, add_error: None, ..(*state).clone() }))
}

fn cancel_new(state: &UseStateHandle<PanelState>) -> Callback<()> {
    let state = state.clone();
    Callback::from(move |_| state.set(PanelState { adding: false, add_error: None, ..(*state).clone() }))
}

fn remove_file(programs: &Programs, state: &UseStateHandle<PanelState>) -> Callback<String> {
    let (programs, state) = (programs.clone(), state.clone());
    Callback::from(move |name: String| {
        programs.files.borrow_mut().remove(&name);
        state.set(PanelState { file: None, ..(*state).clone() });
        programs.refresh.emit(());
    })
}

/// "Add program": the name is checked here, so the form keeps the text
/// when it is wrong.
fn add_pasted(programs: &Programs, state: &UseStateHandle<PanelState>) -> Callback<(String, String)> {
    let (programs, state) = (programs.clone(), state.clone());
    Callback::from(move |(name, source): (String, String)| {
        if let Err(e) = check_name(&name) {
            state.set(PanelState { add_error: Some(e), ..(*state).clone() });
            return;
        }
        state.set(PanelState { file: Some(name.clone()), adding: false, add_error: None, ..(*state).clone() });
        let programs = programs.clone();
        spawn_local(async move {
            load_files(programs, vec![(name, source)]).await;
        });
    })
}

fn open_files(programs: &Programs, state: &UseStateHandle<PanelState>) -> Callback<Vec<web_sys::File>> {
    let (programs, state) = (programs.clone(), state.clone());
    Callback::from(move |list| add_picked(&programs, &state, list))
}

/// The files of a file list.
pub(super) fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads picked or dropped files and adds them (the first one is shown).
fn add_picked(programs: &Programs, state: &UseStateHandle<PanelState>, picked: Vec<web_sys::File>) {
    if let Some(first) = picked.first() {
        state.set(PanelState { file: Some(first.name()), adding: false, add_error: None, ..(**state).clone() });
    }
    let programs = programs.clone();
    spawn_local(async move {
        let mut read = Vec::new();
        for file in picked {
            let text = crate::web::browser::read_file(&file).await.unwrap_or_default();
            read.push((file.name(), text));
        }
        load_files(programs, read).await;
    });
}

/// Editing: the text is kept at once, checked again once typing pauses.
fn edit_file(programs: &Programs, name: &str, pause: &Rc<RefCell<Option<Timeout>>>) -> Callback<String> {
    let (programs, name, pause) = (programs.clone(), name.to_string(), pause.clone());
    Callback::from(move |text: String| {
        let _ = programs.files.borrow_mut().put(&name, &text);
        programs.refresh.emit(());
        let (programs, name) = (programs.clone(), name.clone());
        // A newer keystroke replaces (and so cancels) the pending check.
        *pause.borrow_mut() = Some(Timeout::new(EDIT_PAUSE_MS, move || {
            spawn_local(async move {
                load_files(programs, vec![(name, text)]).await;
            });
        }));
    })
}
