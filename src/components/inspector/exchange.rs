//! The exchange form: name, type, durable, auto-delete, internal, alternate
//! exchange; its bindings; and a tester that explains how a routing key
//! would be routed right now.

use crate::i18n::MsgId;
use yew::prelude::*;

use crate::editor::{Edge, EditAction};
use crate::scenario::{ExchangeKind, Scenario, DEFAULT_EXCHANGE_ID};

use super::fields::{CheckField, SelectField, TextField};
use super::{exchange, exchange_options, on, RouteTester};
use crate::components::canvas::node_actions::NodeActions;
use crate::components::context::{use_editor, use_stage, EditorHandle};
use crate::editor::edits::ExchangeField;
use crate::i18n::{text, Arg, Lang};

/// Properties of [`ExchangeForm`].
#[derive(Properties, PartialEq)]
pub struct ExchangeFormProps {
    /// The exchange node id.
    pub id: AttrValue,
}

/// The exchange form.
#[function_component(ExchangeForm)]
pub fn exchange_form(props: &ExchangeFormProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let lang = crate::components::use_lang();
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let binding_list = binding_list(&editor, &s, &id, lang);
    if id == DEFAULT_EXCHANGE_ID {
        return html! {
            <div class="inspector-form">
                <p class="inspector-lead">
                    { t!(lang, "inspector-default-exchange-about") }
                </p>
                <RouteTester exchange={props.id.clone()} />
            </div>
        };
    }
    let Some(x) = s.exchange(&id).cloned() else { return html! {} };
    let in_broker = stage.runtime.borrow().sim.broker().exchange(&x.name).is_some();
    let types: Vec<(AttrValue, AttrValue)> =
        ExchangeKind::ALL.iter().map(|k| (AttrValue::from(k.as_str()), AttrValue::from(k.as_str()))).collect();
    let mut ae_options = exchange_options(&s, Some(id!("inspector-none")), lang);
    ae_options.retain(|(v, _)| v.as_str() != id);
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            if !in_broker { <p class="inspector-warn">{ t!(lang, "inspector-exchange-missing") }</p> }
            <TextField name="name" label={t!(lang, "inspector-name")} value={x.name.clone()}
                on_commit={on(&editor, exchange(&id, ExchangeField::Name))}
                hint={t!(lang, "inspector-exchange-name-hint")} />
            <SelectField name="type" label={t!(lang, "inspector-type")} value={AttrValue::from(x.kind.as_str())} options={types}
                on_commit={on(&editor, exchange(&id, ExchangeField::Kind))}
                hint={text(lang, id!("inspector-exchange-type-hint"), &[(var!("kind"), Arg::from(x.kind.as_str()))])} />
            <div class="field-group">
                <CheckField name="durable" label={t!(lang, "inspector-durable")} checked={x.durable} hint={t!(lang, "inspector-exchange-durable-hint")}
                    on_commit={on(&editor, exchange(&id, ExchangeField::Durable))} />
                <CheckField name="auto_delete" label={t!(lang, "inspector-auto-delete")} checked={x.auto_delete} hint={t!(lang, "inspector-exchange-auto-delete-hint")}
                    on_commit={on(&editor, exchange(&id, ExchangeField::AutoDelete))} />
                <CheckField name="internal" label={t!(lang, "inspector-internal")} checked={x.internal} hint={t!(lang, "inspector-internal-hint")}
                    on_commit={on(&editor, exchange(&id, ExchangeField::Internal))} />
            </div>
            <SelectField name="alternate_exchange" label={t!(lang, "inspector-alternate-exchange")} value={AttrValue::from(x.alternate_exchange.clone().unwrap_or_default())}
                options={ae_options} hint={t!(lang, "inspector-alternate-exchange-hint")}
                on_commit={on(&editor, exchange(&id, ExchangeField::AlternateExchange))} />
            { super::other_arguments(&x.arguments, on(&editor, exchange(&id, ExchangeField::Arguments)), lang) }
            { binding_list }
            <RouteTester exchange={props.id.clone()} />
        </div>
    }
}

/// The exchange's bindings (each selects its edge) and a choice that adds
/// one from the keyboard.
fn binding_list(editor: &EditorHandle, s: &Scenario, id: &str, lang: Lang) -> Html {
    let named = |id: MsgId, name: &str| text(lang, id, &[(var!("name"), Arg::from(name))]);
    let bindings = s.bindings.iter().filter(|b| b.from == id).map(|b| {
        let to = s
            .exchange_name(&b.to)
            .map(|n| named(id!("inspector-exchange-named"), n))
            .or_else(|| {
                s.queue(&b.to).map(|q| named(id!("inspector-queue-named"), if q.name.is_empty() { &q.id } else { &q.name }))
            })
            .unwrap_or_else(|| b.to.clone());
        let onclick = {
            let editor = editor.clone();
            let edge = Edge::Binding(b.id.clone());
            Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::SelectEdge(edge.clone())))
        };
        html! {
            <li key={b.id.clone()}>
                <button type="button" class="link" {onclick}>{ format!("→ {to}") }</button>
                <code class="binding-key">{ crate::components::canvas::edges::binding_label_msg(s, b).render(lang) }</code>
            </li>
        }
    });
    // Binding from the keyboard: the same as dragging from the port.
    let mut targets: Vec<(AttrValue, AttrValue)> = vec![("".into(), t!(lang, "inspector-bind-to-choose").into())];
    targets.extend(
        super::queue_options(s, None, lang)
            .into_iter()
            .map(|(v, l)| (v, AttrValue::from(named(id!("inspector-queue-named"), &l)))),
    );
    targets.extend(
        s.exchanges
            .iter()
            .filter(|x| x.id != id)
            .map(|x| (AttrValue::from(x.id.clone()), AttrValue::from(named(id!("inspector-exchange-named"), &x.name)))),
    );
    let bind_to = {
        let editor = editor.clone();
        let id = id.to_string();
        Callback::from(move |to: String| {
            if !to.is_empty() {
                editor.dispatch(EditAction::Connect { from: id.clone(), to });
            }
        })
    };
    html! {
        <section class="inspector-section">
            <h3>{ t!(lang, "inspector-bindings") }</h3>
            <ul class="binding-list">{ for bindings }</ul>
            <SelectField name="bind_to" label={t!(lang, "inspector-bind-to")} value="" options={targets} on_commit={bind_to}
                hint={t!(lang, "inspector-bind-to-hint")} />
        </section>
    }
}
