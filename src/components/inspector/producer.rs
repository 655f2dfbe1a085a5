//! The producer form: where it publishes, its message (routing key, body,
//! headers, properties: persistent, expiration, priority, reply_to,
//! correlation_id, message_id, mandatory) and its schedule (on demand, once,
//! every N ms, a burst).

use yew::prelude::*;

use crate::editor::table_text::{format_table, parse_table};
use crate::scenario::Schedule;

use super::super::context::{use_editor, use_stage};
use super::super::node_actions::NodeActions;
use super::fields::{CheckField, NumberField, SelectField, TextField};
use super::{exchange_options, find_producer, node_cb, non_empty, queue_options};

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
    let kind = match p.schedule {
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
    let schedule_fields = match p.schedule.clone() {
        Schedule::Manual => html! {},
        Schedule::Once { at_ms } => html! {
            <NumberField name="at_ms" label="At" value={Some(at_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| { p.schedule = Schedule::Once { at_ms: v.unwrap_or(0) as u64 }; Ok(()) })} />
        },
        Schedule::Every { every_ms, start_ms, count, batch } => html! {
            <>
                <NumberField name="every_ms" label="Every" value={Some(every_ms as i64)} min={10} max={DAY_MS} unit="ms"
                    on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| {
                        if let Schedule::Every { every_ms, .. } = &mut p.schedule { *every_ms = v.unwrap_or(1000) as u64; }
                        Ok(())
                    })} />
                <NumberField name="start_ms" label="Starting at" value={Some(start_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                    on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| {
                        if let Schedule::Every { start_ms, .. } = &mut p.schedule { *start_ms = v.unwrap_or(0) as u64; }
                        Ok(())
                    })} />
                <NumberField name="count" label="How many" value={count.map(|c| c as i64)} min={1} max={1_000_000} optional=true
                    hint="empty: forever"
                    on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| {
                        if let Schedule::Every { count, .. } = &mut p.schedule { *count = v.map(|v| v as u32); }
                        Ok(())
                    })} />
                <NumberField name="batch" label="Per tick" value={Some(batch as i64)} min={1} max={10_000} unit="messages"
                    hint="messages published at each tick (100 every 10 ms is 10,000 a second)"
                    on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| {
                        if let Schedule::Every { batch, .. } = &mut p.schedule { *batch = v.unwrap_or(1).clamp(1, 10_000) as u32; }
                        Ok(())
                    })} />
            </>
        },
        Schedule::Burst { count, at_ms } => html! {
            <>
                <NumberField name="burst_count" label="How many" value={Some(count as i64)} min={1} max={10_000}
                    on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| {
                        if let Schedule::Burst { count, .. } = &mut p.schedule { *count = v.unwrap_or(1) as u32; }
                        Ok(())
                    })} />
                <NumberField name="at_ms" label="At" value={Some(at_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                    on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| {
                        if let Schedule::Burst { at_ms, .. } = &mut p.schedule { *at_ms = v.unwrap_or(0) as u64; }
                        Ok(())
                    })} />
            </>
        },
    };
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            <p class="live-stats"><span><b>{ sent }</b>{ " published" }</span></p>
            <TextField name="name" label="Name" value={p.name.clone()}
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.name = v; Ok(()) })} />
            <SelectField name="exchange" label="Publishes to" value={AttrValue::from(p.exchange.clone().unwrap_or_default())}
                options={exchange_options(&s, Some("not connected"))}
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.exchange = non_empty(v); Ok(()) })} />
            <TextField name="routing_key" label="Routing key" value={m.routing_key.clone()}
                hint="for the default exchange: the name of the queue to reach"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.routing_key = v; Ok(()) })} />
            <TextField name="body" label="Body" value={m.body.clone()} multiline=true hint="{n} becomes the message's number"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.body = v; Ok(()) })} />
            <TextField name="headers" label="Headers" value={format_table(&m.headers, &[])} placeholder="format=pdf, type=report"
                hint="name=value pairs; 42 is a number, \"42\" a string"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.headers = parse_table(&v)?; Ok(()) })} />
            <h3 class="form-heading">{ "Properties" }</h3>
            <div class="field-group">
                <CheckField name="persistent" label="persistent (delivery_mode 2)" checked={m.persistent} hint="survives a restart in a durable queue"
                    on_commit={node_cb(&editor, &id, find_producer, |p, v: bool| { p.message.persistent = v; Ok(()) })} />
                <CheckField name="mandatory" label="mandatory" checked={m.mandatory} hint="returned (312 NO_ROUTE) when no queue receives it"
                    on_commit={node_cb(&editor, &id, find_producer, |p, v: bool| { p.message.mandatory = v; Ok(()) })} />
            </div>
            <TextField name="expiration" label="Expiration (per-message TTL, ms)" value={m.expiration.clone().unwrap_or_default()} placeholder="not set"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.expiration = non_empty(v.trim().to_string()); Ok(()) })} />
            <NumberField name="priority" label="Priority" value={m.priority.map(|v| v as i64)} min={0} max={255} optional=true
                hint="counts in queues with x-max-priority"
                on_commit={node_cb(&editor, &id, find_producer, |p: &mut crate::scenario::ProducerNode, v: Option<i64>| { p.message.priority = v.map(|v| v as u8); Ok(()) })} />
            <SelectField name="reply_to_queue" label="reply_to: a queue on the canvas" value={AttrValue::from(m.reply_to_queue.clone().unwrap_or_default())}
                options={queue_options(&s, Some("none"))} hint="for RPC: the consumer answering sends its reply there"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.reply_to_queue = non_empty(v); Ok(()) })} />
            <TextField name="reply_to" label="reply_to: a name" value={m.reply_to.clone().unwrap_or_default()} placeholder="not set"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.reply_to = non_empty(v); Ok(()) })} />
            <TextField name="correlation_id" label="correlation_id" value={m.correlation_id.clone().unwrap_or_default()} placeholder="not set ({n} = number)"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.correlation_id = non_empty(v); Ok(()) })} />
            <TextField name="message_id" label="message_id" value={m.message_id.clone().unwrap_or_default()} placeholder="not set ({n} = number)"
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| { p.message.message_id = non_empty(v); Ok(()) })} />
            <h3 class="form-heading">{ "Schedule" }</h3>
            <SelectField name="schedule" label="Publishes" value={AttrValue::from(kind)} options={kinds}
                on_commit={node_cb(&editor, &id, find_producer, |p, v: String| {
                    p.schedule = match v.as_str() {
                        "once" => Schedule::Once { at_ms: 0 },
                        "every" => Schedule::Every { every_ms: 1000, start_ms: 0, count: None, batch: 1 },
                        "burst" => Schedule::Burst { count: 10, at_ms: 0 },
                        _ => Schedule::Manual,
                    };
                    Ok(())
                })} />
            { schedule_fields }
        </div>
    }
}
