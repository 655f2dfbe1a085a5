//! The binding editor drawn right on a new binding: its key (or, for a
//! headers exchange, `x-match` and the header values), focused at once so
//! a person can type the key and press Enter.

use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::editor::geometry::{in_port, out_port, Curve};
use crate::editor::table_text::{format_table, parse_table};
use crate::editor::EditAction;
use crate::scenario::{ExchangeKind, DEFAULT_EXCHANGE_ID};

use super::commit::edit;
use super::context::use_editor;

/// The inline binding editor (shown while `Editor::inline_binding` is set).
#[function_component(InlineBinding)]
pub fn inline_binding() -> Html {
    let editor = use_editor();
    let input = use_node_ref();
    let error = use_state(|| None::<String>);
    // What is being typed (Yew rewrites an input's value on every render).
    let draft = use_state(|| None::<String>);
    let index = editor.inline_binding;
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
    {
        let input = input.clone();
        use_effect_with(index, move |_| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let s = editor.scenario.clone();
    let Some(i) = index else { return html! {} };
    let Some(b) = s.bindings.get(i).cloned() else { return html! {} };
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
    let onchange = {
        let editor = editor.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let text = el.value();
            let r = if headers {
                match parse_table(&text) {
                    Ok(mut table) => {
                        let mode = editor
                            .scenario
                            .bindings
                            .get(i)
                            .and_then(|b| b.arguments.get("x-match").cloned())
                            .unwrap_or(Value::String("all".into()));
                        table.insert("x-match".into(), mode);
                        edit(&editor, move |s| {
                            if let Some(b) = s.bindings.get_mut(i) {
                                b.arguments = table.clone();
                            }
                        })
                    }
                    Err(e) => Err(e),
                }
            } else {
                edit(&editor, move |s| {
                    if let Some(b) = s.bindings.get_mut(i) {
                        b.routing_key = text.clone();
                    }
                })
            };
            error.set(r.err());
        })
    };
    let on_mode = {
        let editor = editor.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            let mode = el.value();
            let r = edit(&editor, move |s| {
                if let Some(b) = s.bindings.get_mut(i) {
                    b.arguments.insert("x-match".into(), Value::String(mode.clone()));
                }
            });
            error.set(r.err());
        })
    };
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
            if let Some(e) = (*error).clone() { <p class="field-error" role="alert">{ e }</p> }
        </div>
    }
}
