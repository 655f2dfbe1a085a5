//! A plain code editor: the file's text in a `<textarea>` beside a gutter
//! of line numbers that scrolls with it; a refused file's line is marked
//! in the gutter and its reason shown under the text.

use yew::prelude::*;

use crate::components::use_lang;
use crate::i18n::{t, Lang};
use crate::msg;
use crate::workspace::program_files::{FileState, ProgramFile};

/// The properties of [`CodeEditor`].
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The file shown.
    pub file: ProgramFile,
    /// Called with the new text at every change.
    pub on_input: Callback<String>,
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
        html! { <span class={classes!("code-line-number", refused.then_some("refused"))}>{ n }</span> }
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
        <div class="code-editor-wrap">
            <div class="code-editor">
                <div class="code-gutter" ref={gutter} aria-hidden="true">{ for numbers }</div>
                <textarea class="code-text" data-program={file.name.clone()} spellcheck="false" wrap="off"
                          autocapitalize="off" autocomplete="off" aria-label={msg!("programs-editor.aria-label", name = &file.name).render(lang)}
                          aria-invalid={refused_line.is_some().to_string()}
                          value={file.source.clone()} {oninput} {onscroll} />
            </div>
            { state_line(file, lang) }
        </div>
    }
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
            html! { <p class="code-status" aria-live="polite">{ t(lang, "programs-editor-checking") }</p> }
        }
        FileState::Ready => html! {
            <p class="code-status ready" aria-live="polite">
                { msg!("programs-editor-ready", name = &file.name).render(lang) }
            </p>
        },
    }
}
