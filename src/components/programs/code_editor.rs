//! A plain code editor: the file's text in a `<textarea>` beside a gutter
//! of line numbers that scrolls with it; a refused file's line is marked
//! in the gutter and its reason shown under the text, and so are the
//! notes on what the run showed (mistakes explained), with the pika 1.x
//! line as a one-click fix where there is one.

use yew::prelude::*;

use crate::components::use_lang;
use crate::i18n::Lang;
use crate::runner::mistakes::Note;
use crate::workspace::program_files::{FileState, ProgramFile};

/// The properties of [`CodeEditor`].
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The file shown.
    pub file: ProgramFile,
    /// Called with the new text at every change (and a fix applied).
    pub on_input: Callback<String>,
    /// What the run showed about this file (see [`Note`]).
    #[prop_or_default]
    pub notes: Vec<Note>,
}

/// The editor of one file.
#[function_component(CodeEditor)]
pub fn code_editor(props: &CodeEditorProps) -> Html {
    let gutter = use_node_ref();
    let lang = use_lang();
    let file = &props.file;
    let refused_line = match &file.state {
        FileState::Refused(r) => Some(r.line),
        _ => None,
    };
    let lines = file.source.split('\n').count().max(1) as u32;
    let numbers = (1..=lines).map(|n| {
        let refused = refused_line == Some(n);
        let noted = props.notes.iter().any(|note| note.line == n);
        html! { <span class={classes!("code-line-number", refused.then_some("refused"), noted.then_some("noted"))}>{ n }</span> }
    });
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let (Some(text), Some(g)) =
                (e.target_dyn_into::<web_sys::HtmlTextAreaElement>(), gutter.cast::<web_sys::HtmlElement>())
            else {
                return;
            };
            g.set_scroll_top(text.scroll_top());
        })
    };
    let oninput = props.on_input.reform(|e: InputEvent| {
        e.target_dyn_into::<web_sys::HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default()
    });
    html! {
        <div class={classes!("code-editor-wrap", (!props.notes.is_empty()).then_some("with-notes"))}>
            <div class="code-editor">
                <div class="code-gutter" ref={gutter} aria-hidden="true">{ for numbers }</div>
                <textarea class="code-text" data-program={file.name.clone()} spellcheck="false" wrap="off"
                          autocapitalize="off" autocomplete="off" aria-label={msg!("programs-editor.aria-label", name = &file.name).render(lang)}
                          aria-invalid={refused_line.is_some().to_string()}
                          value={file.source.clone()} {oninput} {onscroll} />
            </div>
            { state_line(file, lang) }
            { notes_list(&file.source, &props.notes, &props.on_input, lang) }
        </div>
    }
}

/// The notes on what the run showed, by line; a note with a fix has a
/// button that writes the fixed line into the file.
fn notes_list(source: &str, notes: &[Note], on_input: &Callback<String>, lang: Lang) -> Html {
    if notes.is_empty() {
        return html! {};
    }
    let items = notes.iter().map(|note| {
        let fix = note.fix.as_ref().map(|line| {
            let fixed = with_line(source, note.line, line);
            let on_input = on_input.clone();
            html! {
                <div class="code-note-fix">
                    <code>{ line.clone() }</code>
                    <button type="button" onclick={move |_| on_input.emit(fixed.clone())}>{ t!(lang, "programs-note-fix") }</button>
                </div>
            }
        });
        html! {
            <li class="code-note" data-line={note.line.to_string()}>
                <strong>{ msg!("programs-note-at", line = note.line).render(lang) }</strong>
                { note.message.render(lang) }
                { for fix }
            </li>
        }
    });
    html! { <ul class="code-notes" aria-label={t!(lang, "programs-notes.aria-label")}>{ for items }</ul> }
}

/// `source` with line `n` (1-based) replaced by `line`.
fn with_line(source: &str, n: u32, line: &str) -> String {
    source
        .split('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == n as usize { line } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Under the text: why the file was refused (at its line), or that it is
/// being checked, or that the parser failed.
fn state_line(file: &ProgramFile, lang: Lang) -> Html {
    match &file.state {
        FileState::Refused(r) => html! {
            <p class="code-refusal" role="alert" data-line={r.line.to_string()}>
                <strong>{ msg!("programs-editor-refused-at", line = r.line, column = r.column).render(lang) }</strong>
                { format!("{}: {}", r.construct, r.message) }
            </p>
        },
        FileState::Failed(e) => html! { <p class="code-refusal" role="alert">{ e.render(lang) }</p> },
        FileState::Parsing => {
            html! { <p class="code-status" aria-live="polite">{ t!(lang, "programs-editor-checking") }</p> }
        }
        FileState::Ready => html! {
            <p class="code-status ready" aria-live="polite">
                { msg!("programs-editor-ready", name = &file.name).render(lang) }
            </p>
        },
    }
}
