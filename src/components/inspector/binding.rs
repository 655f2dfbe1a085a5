//! The binding form: its ends, its key, and for headers exchanges its
//! `x-match` and header values; the engine's refusal if it refused it.

use yew::prelude::*;

use crate::editor::edits::BindingField;
use crate::editor::table_text::format_table;
use crate::editor::EditAction;
use crate::scenario::{ExchangeKind, Scenario, DEFAULT_EXCHANGE_ID};

use super::fields::{SelectField, TextField};
use super::{binding, on};
use crate::components::context::{use_editor, use_stage};

/// Properties of [`BindingForm`].
#[derive(Properties, PartialEq)]
pub struct BindingFormProps {
    /// The binding's id.
    pub id: AttrValue,
}

fn end_label(s: &Scenario, id: &str) -> String {
    if id == DEFAULT_EXCHANGE_ID {
        return "the default exchange".into();
    }
    s.exchange(id)
        .map(|x| format!("{} exchange {}", x.kind.as_str(), x.name))
        .or_else(|| s.queue(id).map(|q| format!("queue {}", if q.name.is_empty() { &q.id } else { &q.name })))
        .unwrap_or_else(|| id.to_string())
}

/// The binding form.
#[function_component(BindingForm)]
pub fn binding_form(props: &BindingFormProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let Some(b) = s.binding(&id).cloned() else { return html! {} };
    let kind = if b.from == DEFAULT_EXCHANGE_ID {
        ExchangeKind::Direct
    } else {
        s.exchange(&b.from).map(|x| x.kind).unwrap_or_default()
    };
    let error = stage.runtime.borrow().sim.binding_error(&id).cloned();
    let lang = crate::components::use_lang();
    let delete = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::DeleteSelected))
    };
    let key_hint = match kind {
        ExchangeKind::Direct => "matches a message whose routing key is exactly this",
        ExchangeKind::Topic => "words separated by dots; * stands for exactly one word, # for zero or more",
        ExchangeKind::Fanout => "fanout exchanges ignore keys: every bound queue gets a copy",
        ExchangeKind::Headers => "headers exchanges ignore keys: the header values below decide",
    };
    let mode = b.arguments.get("x-match").and_then(|v| v.as_str()).unwrap_or("all").to_string();
    let modes: Vec<(AttrValue, AttrValue)> = [
        ("all", "all: every header must match"),
        ("any", "any: one header is enough"),
        ("all-with-x", "all-with-x: all, counting x- headers"),
        ("any-with-x", "any-with-x: any, counting x- headers"),
    ]
    .iter()
    .map(|(v, l)| (AttrValue::from(*v), AttrValue::from(*l)))
    .collect();
    html! {
        <div class="inspector-form">
            <p class="inspector-lead">{ format!("From {} to {}.", end_label(&s, &b.from), end_label(&s, &b.to)) }</p>
            if let Some(e) = error {
                <div class="inspector-error" role="alert">
                    <strong>{ format!("{} {}", e.code.code(), e.code.name()) }</strong>
                    <p>{ e.text }</p>
                    <p>{ e.explanation.render(lang) }</p>
                </div>
            }
            <TextField name="routing_key" label="Binding key" value={b.routing_key.clone()} hint={key_hint}
                on_commit={on(&editor, binding(&id, BindingField::Key))} />
            if kind == ExchangeKind::Headers {
                <SelectField name="x_match" label="x-match" value={AttrValue::from(mode)} options={modes}
                    on_commit={on(&editor, binding(&id, BindingField::Match))} />
                <TextField name="headers" label="Header values" value={format_table(&b.arguments, &["x-match"])}
                    placeholder="format=pdf, type=report" hint="name=value pairs; 42 is a number, \"42\" a string, true/false booleans"
                    on_commit={on(&editor, binding(&id, BindingField::Headers))} />
            }
            <div class="inspector-actions">
                <button type="button" class="node-action delete" onclick={delete}>{ "Delete binding" }</button>
            </div>
        </div>
    }
}
