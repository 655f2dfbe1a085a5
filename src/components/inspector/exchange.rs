//! The exchange form: name, type, durable, auto-delete, internal, alternate
//! exchange; its bindings; and a tester that explains how a routing key
//! would be routed right now.

use yew::prelude::*;

use crate::editor::{Edge, EditAction};
use crate::scenario::{ExchangeKind, Scenario, DEFAULT_EXCHANGE_ID};

use super::fields::{CheckField, SelectField, TextField};
use super::{exchange, exchange_options, on, RouteTester};
use crate::components::canvas::edges::binding_label;
use crate::components::canvas::node_actions::NodeActions;
use crate::components::context::{use_editor, use_stage, EditorHandle};
use crate::editor::edits::ExchangeField;

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
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let binding_list = binding_list(&editor, &s, &id);
    if id == DEFAULT_EXCHANGE_ID {
        return html! {
            <div class="inspector-form">
                <p class="inspector-lead">
                    { "The default exchange (its name is the empty string) is a direct exchange every queue is bound to, with the queue's name as the key. Publish to it with a queue's name as the routing key to reach that queue. It cannot be deleted, and binding to it is refused (403 ACCESS_REFUSED)." }
                </p>
                <RouteTester exchange={props.id.clone()} />
            </div>
        };
    }
    let Some(x) = s.exchange(&id).cloned() else { return html! {} };
    let in_broker = stage.runtime.borrow().sim.broker().exchange(&x.name).is_some();
    let types: Vec<(AttrValue, AttrValue)> =
        ExchangeKind::ALL.iter().map(|k| (AttrValue::from(k.as_str()), AttrValue::from(k.as_str()))).collect();
    let mut ae_options = exchange_options(&s, Some("none"));
    ae_options.retain(|(v, _)| v.as_str() != id);
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            if !in_broker { <p class="inspector-warn">{ "This exchange is not in the broker (a restart removed it, or the broker refused it)." }</p> }
            <TextField name="name" label="Name" value={x.name.clone()}
                on_commit={on(&editor, exchange(&id, ExchangeField::Name))}
                hint="Names starting with amq. are reserved: the broker refuses them (403)." />
            <SelectField name="type" label="Type" value={AttrValue::from(x.kind.as_str())} options={types}
                on_commit={on(&editor, exchange(&id, ExchangeField::Kind))}
                hint={match x.kind {
                    ExchangeKind::Direct => "direct: a binding matches when its key equals the routing key",
                    ExchangeKind::Fanout => "fanout: every bound queue gets a copy; keys are ignored",
                    ExchangeKind::Topic => "topic: keys are words separated by dots; * matches one word, # zero or more",
                    ExchangeKind::Headers => "headers: bindings match header values (x-match all or any); keys are ignored",
                }} />
            <div class="field-group">
                <CheckField name="durable" label="durable" checked={x.durable} hint="survives a broker restart"
                    on_commit={on(&editor, exchange(&id, ExchangeField::Durable))} />
                <CheckField name="auto_delete" label="auto-delete" checked={x.auto_delete} hint="deleted when its last binding goes"
                    on_commit={on(&editor, exchange(&id, ExchangeField::AutoDelete))} />
                <CheckField name="internal" label="internal" checked={x.internal} hint="publishers may not publish to it (403); only other exchanges route to it"
                    on_commit={on(&editor, exchange(&id, ExchangeField::Internal))} />
            </div>
            <SelectField name="alternate_exchange" label="Alternate exchange" value={AttrValue::from(x.alternate_exchange.clone().unwrap_or_default())}
                options={ae_options} hint="takes the messages no binding of this exchange matches"
                on_commit={on(&editor, exchange(&id, ExchangeField::AlternateExchange))} />
            { super::other_arguments(&x.arguments, on(&editor, exchange(&id, ExchangeField::Arguments))) }
            { binding_list }
            <RouteTester exchange={props.id.clone()} />
        </div>
    }
}

/// The exchange's bindings (each selects its edge) and a choice that adds
/// one from the keyboard.
fn binding_list(editor: &EditorHandle, s: &Scenario, id: &str) -> Html {
    let bindings = s.bindings.iter().filter(|b| b.from == id).map(|b| {
        let to = s
            .exchange_name(&b.to)
            .map(|n| format!("exchange {n}"))
            .or_else(|| s.queue(&b.to).map(|q| format!("queue {}", if q.name.is_empty() { &q.id } else { &q.name })))
            .unwrap_or_else(|| b.to.clone());
        let onclick = {
            let editor = editor.clone();
            let edge = Edge::Binding(b.id.clone());
            Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::SelectEdge(edge.clone())))
        };
        html! {
            <li key={b.id.clone()}>
                <button type="button" class="link" {onclick}>{ format!("→ {to}") }</button>
                <code class="binding-key">{ binding_label(s, b) }</code>
            </li>
        }
    });
    // Binding from the keyboard: the same as dragging from the port.
    let mut targets: Vec<(AttrValue, AttrValue)> = vec![("".into(), "choose a queue or exchange…".into())];
    targets.extend(super::queue_options(s, None).into_iter().map(|(v, l)| (v, AttrValue::from(format!("queue {l}")))));
    targets.extend(
        s.exchanges
            .iter()
            .filter(|x| x.id != id)
            .map(|x| (AttrValue::from(x.id.clone()), AttrValue::from(format!("exchange {}", x.name)))),
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
            <h3>{ "Bindings" }</h3>
            <ul class="binding-list">{ for bindings }</ul>
            <SelectField name="bind_to" label="Add a binding to" value="" options={targets} on_commit={bind_to}
                hint="or drag from this exchange's ● port to a queue or another exchange" />
        </section>
    }
}
