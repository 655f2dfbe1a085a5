//! The binding form: its ends, its key, and for headers exchanges its
//! `x-match` and header values; the engine's refusal if it refused it.

use yew::prelude::*;

use crate::editor::edits::BindingField;
use crate::editor::table_text::format_table;
use crate::editor::EditAction;
use crate::i18n::{text, Arg, Lang};
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

fn end_label(s: &Scenario, id: &str, lang: Lang) -> String {
    if id == DEFAULT_EXCHANGE_ID {
        return t!(lang, "inspector-binding-default-exchange");
    }
    s.exchange(id)
        .map(|x| {
            let args = [(var!("kind"), Arg::from(x.kind.as_str())), (var!("name"), Arg::from(&x.name))];
            text(lang, id!("inspector-binding-end-exchange"), &args)
        })
        .or_else(|| {
            s.queue(id).map(|q| {
                let name = if q.name.is_empty() { &q.id } else { &q.name };
                text(lang, id!("inspector-queue-named"), &[(var!("name"), Arg::from(name))])
            })
        })
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
    let key_hint = text(lang, id!("inspector-binding-key-hint"), &[(var!("kind"), Arg::from(kind.as_str()))]);
    let mode = b.arguments.get("x-match").and_then(|v| v.as_str()).unwrap_or("all").to_string();
    let modes: Vec<(AttrValue, AttrValue)> = crate::view::binding_editor::MATCH_MODES
        .iter()
        .map(|v| {
            (
                AttrValue::from(*v),
                AttrValue::from(text(lang, id!("inspector-match-mode"), &[(var!("mode"), Arg::from(*v))])),
            )
        })
        .collect();
    let ends =
        [(var!("from"), Arg::from(end_label(&s, &b.from, lang))), (var!("to"), Arg::from(end_label(&s, &b.to, lang)))];
    html! {
        <div class="inspector-form">
            <p class="inspector-lead">{ text(lang, id!("inspector-binding-from-to"), &ends) }</p>
            if let Some(e) = error {
                <div class="inspector-error" role="alert">
                    <strong>{ format!("{} {}", e.code.code(), e.code.name()) }</strong>
                    <p>{ e.text }</p>
                    <p>{ e.explanation.render(lang) }</p>
                </div>
            }
            <TextField name="routing_key" label={t!(lang, "inspector-binding-key")} value={b.routing_key.clone()} hint={key_hint}
                on_commit={on(&editor, binding(&id, BindingField::Key))} />
            if kind == ExchangeKind::Headers {
                <SelectField name="x_match" label="x-match" value={AttrValue::from(mode)} options={modes}
                    on_commit={on(&editor, binding(&id, BindingField::Match))} />
                <TextField name="headers" label={t!(lang, "inspector-header-values")} value={format_table(&b.arguments, &["x-match"])}
                    placeholder="format=pdf, type=report" hint={t!(lang, "inspector-binding-headers-hint")}
                    on_commit={on(&editor, binding(&id, BindingField::Headers))} />
            }
            <div class="inspector-actions">
                <button type="button" class="node-action delete" onclick={delete}>{ t!(lang, "inspector-delete-binding") }</button>
            </div>
        </div>
    }
}
