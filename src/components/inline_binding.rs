//! The binding editor drawn right on a new binding: its key (or, for a
//! headers exchange, `x-match` and the header values), focused at once so
//! a person can type the key and press Enter. It sends the same
//! [`Edit`](crate::editor::Edit)s as the inspector's binding form.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::editor::edits::{BindingField, Edit};
use crate::editor::geometry::{in_port, out_port, Curve};
use crate::editor::table_text::format_table;
use crate::editor::EditAction;
use crate::scenario::{ExchangeKind, DEFAULT_EXCHANGE_ID};

use super::context::use_editor;

/// The inline binding editor (shown while `Editor::inline_binding` is set).
#[function_component(InlineBinding)]
pub fn inline_binding() -> Html {
    let editor = use_editor();
    let input = use_node_ref();
    // What is being typed (Yew rewrites an input's value on every render).
    let draft = use_state(|| None::<String>);
    let index = editor.inline_binding.clone();
    {
        let draft = draft.clone();
        use_effect_with(index.clone(), move |_| draft.set(None));
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                draft.set(Some(el.value()));
            }
        })
    };
    {
        let input = input.clone();
        use_effect_with(index.clone(), move |_| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let s = editor.scenario.clone();
    let Some(id) = index else { return html! {} };
    let Some(b) = s.binding(&id).cloned() else { return html! {} };
    let error = editor
        .refusal
        .as_ref()
        .filter(|r| r.target == id && ["routing_key", "x_match", "headers"].contains(&r.field))
        .map(|r| r.text.clone());
    let kind = if b.from == DEFAULT_EXCHANGE_ID {
        ExchangeKind::Direct
    } else {
        s.exchange(&b.from).map(|x| x.kind).unwrap_or_default()
    };
    if kind == ExchangeKind::Fanout {
        return html! {};
    }
    let (Some(fk), Some(tk), Some(fp), Some(tp)) =
        (s.kind_of(&b.from), s.kind_of(&b.to), s.position(&b.from), s.position(&b.to))
    else {
        return html! {};
    };
    let mid = Curve::between(out_port(fk, fp), in_port(tk, tp)).at(0.5);

    let close = {
        let editor = editor.clone();
        Callback::from(move |_: FocusEvent| editor.dispatch(EditAction::CloseInline))
    };
    let onkeydown = {
        let editor = editor.clone();
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
    };
    let headers = kind == ExchangeKind::Headers;
    let set = {
        let (editor, id) = (editor.clone(), id.clone());
        move |field: BindingField| editor.dispatch(EditAction::Set(Edit::Binding { id: id.clone(), field }))
    };
    let onchange = {
        let set = set.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            set(if headers { BindingField::Headers(el.value()) } else { BindingField::Key(el.value()) });
        })
    };
    let on_mode = Callback::from(move |e: Event| {
        let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
        set(BindingField::Match(el.value()));
    });
    let mode = b.arguments.get("x-match").and_then(|v| v.as_str()).unwrap_or("all").to_string();
    html! {
        <div class="inline-binding" style={format!("left: {:.1}px; top: {:.1}px", mid.x, mid.y)}>
            if headers {
                <label class="inline-field">
                    <span>{ "x-match" }</span>
                    <select aria-label="x-match" onchange={on_mode}>
                        { for ["all", "any", "all-with-x", "any-with-x"].iter().map(|m| html! { <option value={*m} selected={*m == mode}>{ *m }</option> }) }
                    </select>
                </label>
                <label class="inline-field">
                    <span>{ "headers" }</span>
                    <input ref={input} type="text" aria-label="Binding headers" placeholder="format=pdf, type=report"
                           value={(*draft).clone().unwrap_or_else(|| format_table(&b.arguments, &["x-match"]))} {onchange} {oninput} {onkeydown} />
                </label>
            } else {
                <label class="inline-field">
                    <span>{ if kind == ExchangeKind::Topic { "binding key (* one word, # any)" } else { "binding key" } }</span>
                    <input ref={input} type="text" aria-label="Binding key" value={(*draft).clone().unwrap_or_else(|| b.routing_key.clone())}
                           {onchange} {oninput} {onkeydown} onblur={close} />
                </label>
            }
            if let Some(e) = error { <p class="field-error" role="alert">{ e }</p> }
        </div>
    }
}
