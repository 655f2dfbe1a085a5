//! The producer form: where it publishes, its message (routing key, body,
//! headers, properties: persistent, expiration, priority, reply_to,
//! correlation_id, message_id, mandatory) and its schedule (on demand, once,
//! every N ms, a burst).

use yew::prelude::*;

use crate::editor::edits::ProducerField;
use crate::editor::table_text::format_table;
use crate::scenario::{MessageTemplate, Scenario, Schedule};

use super::fields::{CheckField, NumberField, SelectField, TextField};
use super::{exchange_options, on, producer, queue_options};
use crate::components::broker::{BrokerPublish, PublishWhat};
use crate::components::canvas::node_actions::NodeActions;
use crate::components::context::{use_editor, use_stage, EditorHandle};

/// Properties of [`ProducerForm`].
#[derive(Properties, PartialEq)]
pub struct ProducerFormProps {
    /// The producer node id.
    pub id: AttrValue,
}

const DAY_MS: i64 = 86_400_000;

/// The producer form.
#[function_component(ProducerForm)]
pub fn producer_form(props: &ProducerFormProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let Some(p) = s.producer(&id).cloned() else { return html! {} };
    let sent = stage.runtime.borrow().sim.producer_state(&id).map(|st| st.sent).unwrap_or(0);
    let m = p.message.clone();
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            <p class="live-stats"><span><b>{ sent }</b>{ " published" }</span></p>
            <BrokerPublish what={PublishWhat::Producer(props.id.clone())} />
            <TextField name="name" label="Name" value={p.name.clone()}
                on_commit={on(&editor, producer(&id, ProducerField::Name))} />
            <SelectField name="exchange" label="Publishes to" value={AttrValue::from(p.exchange.clone().unwrap_or_default())}
                options={exchange_options(&s, Some("not connected"))}
                on_commit={on(&editor, producer(&id, ProducerField::Exchange))} />
            <TextField name="routing_key" label="Routing key" value={m.routing_key.clone()}
                hint="for the default exchange: the name of the queue to reach"
                on_commit={on(&editor, producer(&id, ProducerField::RoutingKey))} />
            <TextField name="body" label="Body" value={m.body.clone()} multiline=true hint="{n} becomes the message's number"
                on_commit={on(&editor, producer(&id, ProducerField::Body))} />
            <TextField name="headers" label="Headers" value={format_table(&m.headers, &[])} placeholder="format=pdf, type=report"
                hint="name=value pairs; 42 is a number, \"42\" a string"
                on_commit={on(&editor, producer(&id, ProducerField::Headers))} />
            { properties_fields(&editor, &s, &id, &p.message) }
            { schedule_fields(&editor, &id, &p.schedule) }
        </div>
    }
}

/// The message's properties.
fn properties_fields(editor: &EditorHandle, s: &Scenario, id: &str, m: &MessageTemplate) -> Html {
    html! {
        <>
            <h3 class="form-heading">{ "Properties" }</h3>
            <div class="field-group">
                <CheckField name="persistent" label="persistent (delivery_mode 2)" checked={m.persistent} hint="survives a restart in a durable queue"
                    on_commit={on(editor, producer(id, ProducerField::Persistent))} />
                <CheckField name="mandatory" label="mandatory" checked={m.mandatory} hint="returned (312 NO_ROUTE) when no queue receives it"
                    on_commit={on(editor, producer(id, ProducerField::Mandatory))} />
            </div>
            <TextField name="expiration" label="Expiration (per-message TTL, ms)" value={m.expiration.clone().unwrap_or_default()} placeholder="not set"
                on_commit={on(editor, producer(id, ProducerField::Expiration))} />
            <NumberField name="priority" label="Priority" value={m.priority.map(|v| v as i64)} min={0} max={255} optional=true
                hint="counts in queues with x-max-priority"
                on_commit={on(editor, producer(id, ProducerField::Priority))} />
            <SelectField name="reply_to_queue" label="reply_to: a queue on the canvas" value={AttrValue::from(m.reply_to_queue.clone().unwrap_or_default())}
                options={queue_options(s, Some("none"))} hint="for RPC: the consumer answering sends its reply there"
                on_commit={on(editor, producer(id, ProducerField::ReplyToQueue))} />
            <TextField name="reply_to" label="reply_to: a name" value={m.reply_to.clone().unwrap_or_default()} placeholder="not set"
                on_commit={on(editor, producer(id, ProducerField::ReplyTo))} />
            <TextField name="correlation_id" label="correlation_id" value={m.correlation_id.clone().unwrap_or_default()} placeholder="not set ({n} = number)"
                on_commit={on(editor, producer(id, ProducerField::CorrelationId))} />
            <TextField name="message_id" label="message_id" value={m.message_id.clone().unwrap_or_default()} placeholder="not set ({n} = number)"
                on_commit={on(editor, producer(id, ProducerField::MessageId))} />
        </>
    }
}

/// The schedule: its kind, and the timings of that kind.
fn schedule_fields(editor: &EditorHandle, id: &str, schedule: &Schedule) -> Html {
    let kind = match schedule {
        Schedule::Manual => "manual",
        Schedule::Once { .. } => "once",
        Schedule::Every { .. } => "every",
        Schedule::Burst { .. } => "burst",
    };
    let kinds: Vec<(AttrValue, AttrValue)> = vec![
        ("manual".into(), "on demand (Publish now)".into()),
        ("once".into(), "once, at a time".into()),
        ("every".into(), "every N ms".into()),
        ("burst".into(), "a burst of N at once".into()),
    ];
    let timings = match schedule.clone() {
        Schedule::Manual => html! {},
        Schedule::Once { at_ms } => html! {
            <NumberField name="at_ms" label="At" value={Some(at_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                on_commit={on(editor, producer(id, ProducerField::AtMs))} />
        },
        Schedule::Every { every_ms, start_ms, count, batch } => html! {
            <>
                <NumberField name="every_ms" label="Every" value={Some(every_ms as i64)} min={10} max={DAY_MS} unit="ms"
                    on_commit={on(editor, producer(id, ProducerField::EveryMs))} />
                <NumberField name="start_ms" label="Starting at" value={Some(start_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                    on_commit={on(editor, producer(id, ProducerField::StartMs))} />
                <NumberField name="count" label="How many" value={count.map(|c| c as i64)} min={1} max={1_000_000} optional=true
                    hint="empty: forever"
                    on_commit={on(editor, producer(id, ProducerField::Count))} />
                <NumberField name="batch" label="Per tick" value={Some(batch as i64)} min={1} max={10_000} unit="messages"
                    hint="messages published at each tick (100 every 10 ms is 10,000 a second)"
                    on_commit={on(editor, producer(id, ProducerField::Batch))} />
            </>
        },
        Schedule::Burst { count, at_ms } => html! {
            <>
                <NumberField name="burst_count" label="How many" value={Some(count as i64)} min={1} max={10_000}
                    on_commit={on(editor, producer(id, ProducerField::BurstCount))} />
                <NumberField name="at_ms" label="At" value={Some(at_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                    on_commit={on(editor, producer(id, ProducerField::AtMs))} />
            </>
        },
    };
    html! {
        <>
            <h3 class="form-heading">{ "Schedule" }</h3>
            <SelectField name="schedule" label="Publishes" value={AttrValue::from(kind)} options={kinds}
                on_commit={on(editor, producer(id, ProducerField::Schedule))} />
            { timings }
        </>
    }
}
