//! The inspector's form fields: text, whole numbers (optional or not),
//! check boxes and choices. Each commits on `change` (Enter or leaving the
//! field), so one edit is one undo step; a refused value stays in the field
//! with the reason under it (the reducer's [`Refusal`](crate::editor::Refusal)
//! for this field of the [`FieldTarget`], or the field's own reading of a
//! number), and the scenario is unchanged.
//!
//! Yew writes an input's `value` back on every render, and the page renders
//! while the simulation runs, so text fields keep what is being typed as a
//! draft in their own state until it is committed.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::Msg;
use crate::view::number_field::parse_whole;

/// What a field calls with its new value (it dispatches an edit).
pub type Commit<T> = Callback<T>;

/// The node or binding id the fields of a form edit (empty: the scenario),
/// so a field can show the reducer's refusal of its own last edit.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldTarget(pub AttrValue);

/// The reducer's refusal of this field's last edit, if it was refused, in
/// the page's language.
#[hook]
fn use_refusal(name: &AttrValue) -> Option<String> {
    let editor = crate::components::context::use_editor();
    let lang = crate::components::use_lang();
    let target = use_context::<FieldTarget>().map(|t| t.0).unwrap_or_default();
    editor.refused(&target, name).map(|m| m.render(lang))
}

fn blur_on_enter(e: KeyboardEvent) {
    if e.key() == "Enter" {
        if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            let _ = el.blur();
            let _ = el.focus();
        }
    }
}

/// Properties of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// A short name (`data-field`, and the input's id).
    pub name: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The current value.
    pub value: AttrValue,
    /// Called with the new value.
    pub on_commit: Commit<String>,
    /// A hint under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Placeholder text.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// A multi-line text area.
    #[prop_or_default]
    pub multiline: bool,
    /// Read only.
    #[prop_or_default]
    pub disabled: bool,
}

/// The draft text of a field and the handler that keeps it.
#[hook]
fn use_draft(value: AttrValue) -> (UseStateHandle<Option<String>>, UseStateHandle<Option<Msg>>, Callback<InputEvent>) {
    let draft = use_state(|| None::<String>);
    let error = use_state(|| None::<Msg>);
    {
        let (draft, error) = (draft.clone(), error.clone());
        use_effect_with(value, move |_| {
            draft.set(None);
            error.set(None);
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target().and_then(|t| {
                t.clone()
                    .dyn_into::<HtmlInputElement>()
                    .ok()
                    .map(|i| i.value())
                    .or_else(|| t.dyn_into::<HtmlTextAreaElement>().ok().map(|t| t.value()))
            });
            draft.set(value);
        })
    };
    (draft, error, oninput)
}

/// A text field.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let (draft, _, oninput) = use_draft(props.value.clone());
    let error = use_refusal(&props.name);
    let value = (*draft).clone().map(AttrValue::from).unwrap_or_else(|| props.value.clone());
    let onchange = {
        let commit = props.on_commit.clone();
        Callback::from(move |e: Event| {
            let value = e.target().and_then(|t| {
                t.clone()
                    .dyn_into::<HtmlInputElement>()
                    .ok()
                    .map(|i| i.value())
                    .or_else(|| t.dyn_into::<HtmlTextAreaElement>().ok().map(|t| t.value()))
            });
            if let Some(v) = value {
                commit.emit(v);
            }
        })
    };
    let id = format!("field-{}", props.name);
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))} data-field={props.name.clone()}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            if props.multiline {
                <textarea {id} {value} {onchange} {oninput} rows="3" disabled={props.disabled}
                          placeholder={props.placeholder.clone()} aria-invalid={error.is_some().to_string()}></textarea>
            } else {
                <input {id} type="text" {value} {onchange} {oninput} onkeydown={Callback::from(blur_on_enter)}
                       disabled={props.disabled} placeholder={props.placeholder.clone()} aria-invalid={error.is_some().to_string()}
                       spellcheck="false" autocomplete="off" />
            }
            if let Some(e) = error { <p class="field-error" role="alert">{ e }</p> }
            else if let Some(h) = props.hint.clone() { <p class="field-hint">{ h }</p> }
        </div>
    }
}

/// Properties of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// A short name.
    pub name: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The current value (`None`: empty).
    pub value: Option<i64>,
    /// Smallest allowed.
    pub min: i64,
    /// Largest allowed.
    pub max: i64,
    /// Empty is allowed (and means "not set").
    #[prop_or_default]
    pub optional: bool,
    /// Called with the new value.
    pub on_commit: Commit<Option<i64>>,
    /// A hint under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// A unit after the field (`ms`).
    #[prop_or_default]
    pub unit: Option<AttrValue>,
}

/// A whole-number field.
#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let text = AttrValue::from(props.value.map(|v| v.to_string()).unwrap_or_default());
    let (draft, unread, oninput) = use_draft(text.clone());
    let refusal = use_refusal(&props.name);
    let value = (*draft).clone().map(AttrValue::from).unwrap_or(text);
    let onchange = {
        let unread = unread.clone();
        let commit = props.on_commit.clone();
        let (min, max, optional) = (props.min, props.max, props.optional);
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            match parse_whole(&input.value(), min, max, optional) {
                Ok(v) => {
                    unread.set(None);
                    commit.emit(v);
                }
                Err(why) => unread.set(Some(why)),
            }
        })
    };
    let lang = crate::components::use_lang();
    let error = (*unread).as_ref().map(|m| m.render(lang)).or(refusal);
    let id = format!("field-{}", props.name);
    html! {
        <div class={classes!("field", "number", error.is_some().then_some("invalid"))} data-field={props.name.clone()}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <span class="field-row">
                <input {id} type="text" inputmode="numeric" {value}
                       placeholder={props.optional.then(|| t!(lang, "inspector-not-set"))} {onchange} {oninput} onkeydown={Callback::from(blur_on_enter)}
                       aria-invalid={error.is_some().to_string()} autocomplete="off" />
                if let Some(u) = props.unit.clone() { <span class="field-unit">{ u }</span> }
            </span>
            if let Some(e) = error.clone() { <p class="field-error" role="alert">{ e }</p> }
            else if let Some(h) = props.hint.clone() { <p class="field-hint">{ h }</p> }
        </div>
    }
}

/// Properties of [`CheckField`].
#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    /// A short name.
    pub name: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// Checked.
    pub checked: bool,
    /// Called with the new state.
    pub on_commit: Commit<bool>,
    /// A hint.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// A check box.
#[function_component(CheckField)]
pub fn check_field(props: &CheckFieldProps) -> Html {
    let error = use_refusal(&props.name);
    let onchange = {
        let commit = props.on_commit.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            commit.emit(input.checked());
        })
    };
    let id = format!("field-{}", props.name);
    html! {
        <div class="field check" data-field={props.name.clone()} title={props.hint.clone()}>
            <input id={id.clone()} type="checkbox" checked={props.checked} {onchange} />
            <label for={id}>{ props.label.clone() }</label>
            if let Some(e) = error.clone() { <p class="field-error" role="alert">{ e }</p> }
        </div>
    }
}

/// Properties of [`SelectField`].
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// A short name.
    pub name: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The chosen value.
    pub value: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Called with the chosen value.
    pub on_commit: Commit<String>,
    /// A hint.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// A choice.
#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let error = use_refusal(&props.name);
    let onchange = {
        let commit = props.on_commit.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            commit.emit(el.value());
        })
    };
    let id = format!("field-{}", props.name);
    html! {
        <div class="field select" data-field={props.name.clone()}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <select {id} {onchange}>
                { for props.options.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == props.value}>{ l.clone() }</option> }) }
            </select>
            if let Some(e) = error.clone() { <p class="field-error" role="alert">{ e }</p> }
            else if let Some(h) = props.hint.clone() { <p class="field-hint">{ h }</p> }
        </div>
    }
}
