//! The files: one tab per file (its name and whether it is ready, being
//! checked or refused), "New" (a name and the pasted text), "Open .py"
//! (a file picker), and removing the file shown.

use crate::i18n::MsgId;
use yew::prelude::*;

use crate::components::use_lang;
use crate::i18n::{t, text, Arg, Lang, Msg};
use crate::workspace::program_files::{FileState, ProgramFile};

/// What [`file_bar`] draws.
pub struct FileBarProps {
    /// The files, in order.
    pub files: Vec<ProgramFile>,
    /// The file shown in the editor.
    pub selected: Option<String>,
    /// Called with the file to show.
    pub on_select: Callback<String>,
    /// Opens the new-file form.
    pub on_new: Callback<()>,
    /// The new-file form is showing (no "New" button then).
    pub adding: bool,
    /// Called with the files picked in "Open .py".
    pub on_open: Callback<Vec<web_sys::File>>,
    /// Removes the file shown.
    pub on_remove: Callback<String>,
    /// The page's language.
    pub lang: Lang,
}

/// A file's badge: its state's name and the message id of its word.
fn badge(state: &FileState) -> (&'static str, MsgId) {
    match state {
        FileState::Parsing => ("parsing", id!("programs-file-checking")),
        FileState::Ready => ("ready", id!("programs-file-ready")),
        FileState::Refused(_) => ("refused", id!("programs-file-refused")),
        FileState::Failed(_) => ("failed", id!("programs-file-failed")),
    }
}

/// The file tabs and the file buttons (a plain function, not a component:
/// it holds no state and the panel draws it at every render anyway).
pub fn file_bar(props: &FileBarProps) -> Html {
    let lang = props.lang;
    let tabs = props.files.iter().map(|f| {
        let on = props.selected.as_deref() == Some(f.name.as_str());
        let (state, word) = badge(&f.state);
        let word = t(lang, word);
        let label = text(
            lang,
            id!("programs-file-tab.aria-label"),
            &[(var!("name"), Arg::from(&f.name)), (var!("state"), Arg::from(&word))],
        );
        let onclick = {
            let name = f.name.clone();
            props.on_select.reform(move |_: MouseEvent| name.clone())
        };
        html! {
            <button type="button" class={classes!("program-file", on.then_some("on"))} data-program={f.name.clone()}
                    data-state={state} aria-pressed={on.to_string()} {onclick}
                    aria-label={label}>
                <span class="program-file-name">{ f.name.clone() }</span>
                <span class={classes!("program-file-state", state)} aria-hidden="true">{ word }</span>
            </button>
        }
    });
    let on_new = props.on_new.reform(|_: MouseEvent| ());
    let onchange = {
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            // Taken out before the input is cleared (which empties its list).
            let picked = input.files().map(|l| super::panel::files_of(&l)).unwrap_or_default();
            input.set_value("");
            on_open.emit(picked);
        })
    };
    let remove = props.selected.clone().filter(|_| !props.adding).map(|name| {
        let onclick = props.on_remove.reform(move |_: MouseEvent| name.clone());
        html! { <button type="button" class="program-remove" aria-label={t!(lang, "programs-file-remove.aria-label")} {onclick}>{ t!(lang, "programs-file-remove") }</button> }
    });
    html! {
        <div class="program-files">
            <div class="program-file-tabs" role="group" aria-label={t!(lang, "programs-files.aria-label")}>{ for tabs }</div>
            <div class="program-file-actions">
                if !props.adding {
                    <button type="button" class="program-new" onclick={on_new}>{ t!(lang, "programs-file-new") }</button>
                }
                <label class="program-open button-like">
                    { t!(lang, "programs-file-open") }
                    <input type="file" accept=".py,text/x-python,text/plain" multiple=true data-import="programs"
                           class="visually-hidden" {onchange} />
                </label>
                { for remove }
            </div>
        </div>
    }
}

/// The properties of [`NewFile`].
#[derive(Properties, PartialEq)]
pub struct NewFileProps {
    /// Called with (name, source) to add.
    pub on_add: Callback<(String, String)>,
    /// Closes the form (absent while there are no files yet).
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
    /// Why the last name or text was not taken.
    #[prop_or_default]
    pub error: Option<Msg>,
}

/// The form that takes a pasted program: its file name and its text.
#[function_component(NewFile)]
pub fn new_file(props: &NewFileProps) -> Html {
    let lang = use_lang();
    let name = use_node_ref();
    let source = use_node_ref();
    let onsubmit = {
        let (name, source, on_add) = (name.clone(), source.clone(), props.on_add.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let n = name.cast::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let s = source.cast::<web_sys::HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            on_add.emit((n.trim().to_string(), s));
        })
    };
    let cancel = props.on_cancel.clone().map(|c| {
        html! { <button type="button" onclick={c.reform(|_: MouseEvent| ())}>{ t!(lang, "programs-new-cancel") }</button> }
    });
    html! {
        <form class="program-new-form" {onsubmit} aria-label={t!(lang, "programs-new.aria-label")}>
            <label class="program-new-name">
                <span>{ t!(lang, "programs-new-name") }</span>
                <input ref={name} type="text" placeholder="send.py" spellcheck="false" autocapitalize="off"
                       aria-describedby="program-new-hint" />
            </label>
            <textarea ref={source} class="program-new-source" spellcheck="false" wrap="off"
                      aria-label={t!(lang, "programs-new-source.aria-label")} placeholder={t!(lang, "programs-new-source.placeholder")} />
            if let Some(e) = &props.error {
                <p class="field-error" role="alert">{ e.render(lang) }</p>
            }
            <p id="program-new-hint" class="muted">{ t!(lang, "programs-new-hint") }</p>
            <div class="program-new-buttons">
                <button type="submit" class="primary">{ t!(lang, "programs-new-add") }</button>
                { for cancel }
            </div>
        </form>
    }
}
