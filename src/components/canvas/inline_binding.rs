//! The binding editor drawn right on a new binding: its key (or, for a
//! headers exchange, `x-match` and the header values), focused at once so
//! a person can type the key and press Enter. It sends the same
//! [`Edit`](crate::editor::Edit)s as the inspector's binding form.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::editor::edits::{BindingField, Edit};
use crate::editor::EditAction;
use crate::view::binding_editor::{inline_error, inline_form, BindingInput, MATCH_MODES};

use crate::components::context::{use_editor, EditorHandle};

/// What is being typed in the editor (Yew rewrites an input's value on
/// every render), forgotten when another binding is edited, and the
/// `oninput` that keeps it.
#[hook]
fn use_draft(index: Option<String>) -> (Option<String>, Callback<InputEvent>) {
    let draft = use_state(|| None::<String>);
    {
        let draft = draft.clone();
        use_effect_with(index, move |_| draft.set(None));
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                draft.set(Some(el.value()));
            }
        })
    };
    ((*draft).clone(), oninput)
}

/// Focuses and selects the input when another binding is edited.
#[hook]
fn use_focus_input(index: Option<String>, input: NodeRef) {
    use_effect_with(index, move |_| {
        if let Some(el) = input.cast::<HtmlInputElement>() {
            let _ = el.focus();
            el.select();
        }
    });
}

/// The inline binding editor (shown while `Editor::inline_binding` is set).
#[function_component(InlineBinding)]
pub fn inline_binding() -> Html {
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let input = use_node_ref();
    let index = editor.inline_binding.clone();
    let (draft, oninput) = use_draft(index.clone());
    use_focus_input(index.clone(), input.clone());
    let Some(id) = index else { return html! {} };
    let Some(form) = inline_form(&editor.scenario, &id) else { return html! {} };
    let error = inline_error(editor.refusal.as_ref(), &id);
    let fields = Fields { editor: editor.clone(), id, input, draft, oninput, lang };
    html! {
        <div class="inline-binding" style={form.style()}>
            { match form.input {
                BindingInput::Headers { mode, headers } => fields.headers(&mode, headers),
                BindingInput::Key { label, key } => fields.key(&crate::i18n::t(lang, label), key),
            } }
            if let Some(e) = error { <p class="field-error" role="alert">{ e.render(lang) }</p> }
        </div>
    }
}

/// What the editor's fields need.
struct Fields {
    editor: EditorHandle,
    id: String,
    input: NodeRef,
    draft: Option<String>,
    oninput: Callback<InputEvent>,
    /// The page's language.
    lang: crate::i18n::Lang,
}

impl Fields {
    /// Sends an edit of the binding's `field`.
    fn set(&self) -> impl Fn(BindingField) + Clone {
        let (editor, id) = (self.editor.clone(), self.id.clone());
        move |field: BindingField| editor.dispatch(EditAction::Set(Edit::Binding { id: id.clone(), field }))
    }

    /// Enter leaves the field (committing it); Escape closes the editor.
    fn onkeydown(&self) -> Callback<KeyboardEvent> {
        let editor = self.editor.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.blur();
                }
            }
            "Escape" => {
                e.stop_propagation();
                editor.dispatch(EditAction::CloseInline);
            }
            _ => {}
        })
    }

    /// Commits the input's text as `field`.
    fn onchange(&self, field: fn(String) -> BindingField) -> Callback<Event> {
        let set = self.set();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            set(field(el.value()));
        })
    }

    /// A headers binding: `x-match` and the header values.
    fn headers(&self, mode: &str, headers: String) -> Html {
        let set = self.set();
        let on_mode = Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            set(BindingField::Match(el.value()));
        });
        let (onchange, oninput, onkeydown) =
            (self.onchange(BindingField::Headers), self.oninput.clone(), self.onkeydown());
        html! {
            <>
                <label class="inline-field">
                    <span>{ "x-match" }</span>
                    <select aria-label="x-match" onchange={on_mode}>
                        { for MATCH_MODES.iter().map(|m| html! { <option value={*m} selected={*m == mode}>{ *m }</option> }) }
                    </select>
                </label>
                <label class="inline-field">
                    <span>{ crate::t!(self.lang, "canvas-binding-headers-label") }</span>
                    <input ref={self.input.clone()} type="text" aria-label={crate::t!(self.lang, "canvas-binding-headers.aria-label")} placeholder="format=pdf, type=report"
                           value={self.draft.clone().unwrap_or(headers)} {onchange} {oninput} {onkeydown} />
                </label>
            </>
        }
    }

    /// A binding key (closed when the field loses the focus).
    fn key(&self, label: &str, key: String) -> Html {
        let editor = self.editor.clone();
        let close = Callback::from(move |_: FocusEvent| editor.dispatch(EditAction::CloseInline));
        let (onchange, oninput, onkeydown) = (self.onchange(BindingField::Key), self.oninput.clone(), self.onkeydown());
        html! {
            <label class="inline-field">
                <span>{ label }</span>
                <input ref={self.input.clone()} type="text" aria-label={crate::t!(self.lang, "canvas-binding-key.aria-label")} value={self.draft.clone().unwrap_or(key)}
                       {onchange} {oninput} {onkeydown} onblur={close} />
            </label>
        }
    }
}
