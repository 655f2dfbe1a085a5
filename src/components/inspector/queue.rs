//! The queue form: name, flags and every argument (TTL, expiry, max length
//! and overflow, dead-letter exchange and key, max priority, single active
//! consumer) and any other argument as text, with its live counts and
//! messages.

use yew::prelude::*;

use crate::scenario::OverflowKind;

use super::super::context::{use_editor, use_open_message, use_stage};
use super::super::node_actions::NodeActions;
use super::super::node_body::chip_text;
use super::fields::{CheckField, NumberField, SelectField, TextField};
use super::{exchange_options, find_queue, node_cb, non_empty, other_arguments};
use crate::editor::table_text::{parse_arguments, queue_fields};

/// Properties of [`QueueForm`].
#[derive(Properties, PartialEq)]
pub struct QueueFormProps {
    /// The queue node id.
    pub id: AttrValue,
}

const MAX_MS: i64 = 315_360_000_000;

/// The queue form.
#[function_component(QueueForm)]
pub fn queue_form(props: &QueueFormProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let open = use_open_message();
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let Some(q) = s.queue(&id).cloned() else { return html! {} };
    let rt = stage.runtime.borrow();
    let engine_name = rt.sim.queue_name(&id).map(|n| n.to_string());
    let live = engine_name.as_deref().and_then(|n| rt.sim.broker().queue(n)).map(|eq| {
        let messages: Vec<Html> = eq
            .ready
            .iter()
            .take(20)
            .enumerate()
            .map(|(i, m)| {
                let msg = m.message.clone();
                let open = open.clone();
                let onclick = Callback::from(move |_: MouseEvent| open.emit(msg.clone()));
                html! {
                    <li key={m.copy.to_string()}>
                        <button type="button" class={classes!("msg-row", m.redelivered.then_some("redelivered"))} {onclick}>
                            <span class="msg-pos">{ i + 1 }</span>
                            <span class="msg-id">{ format!("#{}", m.message.id) }</span>
                            <span class="msg-text">{ chip_text(&m.message.body, 40) }</span>
                            if m.redelivered { <span class="msg-flag">{ "redelivered" }</span> }
                        </button>
                    </li>
                }
            })
            .collect();
        html! {
            <section class="inspector-section live">
                <h3>{ "In the broker" }</h3>
                <p class="live-stats">
                    <span><b>{ eq.ready.len() }</b>{ " ready" }</span>
                    <span><b>{ eq.unacked }</b>{ " unacked" }</span>
                    <span><b>{ eq.consumers.len() }</b>{ " consumers" }</span>
                </p>
                if eq.server_named { <p class="field-hint">{ format!("The broker named it {}.", eq.name) }</p> }
                <ol class="msg-list" aria-label="Ready messages, next first">{ for messages }</ol>
                if eq.ready.len() > 20 { <p class="field-hint">{ format!("and {} more", eq.ready.len() - 20) }</p> }
            </section>
        }
    });
    drop(rt);
    let overflow = q.overflow.map(|o| o.as_str()).unwrap_or("");
    let overflow_options: Vec<(AttrValue, AttrValue)> = vec![
        ("".into(), "not set (drop-head)".into()),
        ("drop-head".into(), "drop-head: drop the oldest".into()),
        ("reject-publish".into(), "reject-publish: refuse new ones".into()),
        ("reject-publish-dlx".into(), "reject-publish-dlx: refuse and dead-letter".into()),
    ];
    let ms = |v: Option<u64>| v.map(|v| v.min(i64::MAX as u64) as i64);
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            if live.is_none() { <p class="inspector-warn">{ "This queue is not in the broker (a restart removed it, or the broker refused it)." }</p> }
            <TextField name="name" label="Name" value={q.name.clone()} placeholder="empty: the broker picks one"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: String| { q.name = v; Ok(()) })}
                hint="Leave empty for a server-named queue (amq.gen-…)." />
            <div class="field-group">
                <CheckField name="durable" label="durable" checked={q.durable} hint="survives a broker restart (with its persistent messages)"
                    on_commit={node_cb(&editor, &id, find_queue, |q, v: bool| { q.durable = v; Ok(()) })} />
                <CheckField name="exclusive" label="exclusive" checked={q.exclusive} hint="only the playground's connection may use it; deleted when it closes"
                    on_commit={node_cb(&editor, &id, find_queue, |q, v: bool| { q.exclusive = v; Ok(()) })} />
                <CheckField name="auto_delete" label="auto-delete" checked={q.auto_delete} hint="deleted when its last consumer leaves"
                    on_commit={node_cb(&editor, &id, find_queue, |q, v: bool| { q.auto_delete = v; Ok(()) })} />
                <CheckField name="single_active_consumer" label="single active consumer" checked={q.single_active_consumer}
                    hint="only one consumer receives at a time; the next takes over when it leaves"
                    on_commit={node_cb(&editor, &id, find_queue, |q, v: bool| { q.single_active_consumer = v; Ok(()) })} />
            </div>
            <NumberField name="message_ttl" label="Message TTL (x-message-ttl)" value={ms(q.message_ttl)} min={0} max={MAX_MS} optional=true unit="ms"
                hint="messages older than this expire (dead-lettered if the queue has a DLX)"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: Option<i64>| { q.message_ttl = v.map(|v| v as u64); Ok(()) })} />
            <NumberField name="expires" label="Queue expiry (x-expires)" value={ms(q.expires)} min={1} max={MAX_MS} optional=true unit="ms"
                hint="the queue is deleted after this long unused"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: Option<i64>| { q.expires = v.map(|v| v as u64); Ok(()) })} />
            <NumberField name="max_length" label="Max length (x-max-length)" value={ms(q.max_length)} min={0} max={i64::MAX} optional=true unit="messages"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: Option<i64>| { q.max_length = v.map(|v| v as u64); Ok(()) })} />
            <NumberField name="max_length_bytes" label="Max length in bytes (x-max-length-bytes)" value={ms(q.max_length_bytes)} min={0} max={i64::MAX} optional=true unit="bytes"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: Option<i64>| { q.max_length_bytes = v.map(|v| v as u64); Ok(()) })} />
            <SelectField name="overflow" label="When full (x-overflow)" value={AttrValue::from(overflow)} options={overflow_options}
                on_commit={node_cb(&editor, &id, find_queue, |q, v: String| {
                    q.overflow = match v.as_str() {
                        "drop-head" => Some(OverflowKind::DropHead),
                        "reject-publish" => Some(OverflowKind::RejectPublish),
                        "reject-publish-dlx" => Some(OverflowKind::RejectPublishDlx),
                        _ => None,
                    };
                    Ok(())
                })} />
            <SelectField name="dead_letter_exchange" label="Dead-letter exchange (x-dead-letter-exchange)"
                value={AttrValue::from(q.dead_letter_exchange.clone().unwrap_or_default())} options={exchange_options(&s, Some("none"))}
                hint="where rejected, expired and dropped messages go"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: String| { q.dead_letter_exchange = non_empty(v); Ok(()) })} />
            <TextField name="dead_letter_routing_key" label="Dead-letter routing key" value={q.dead_letter_routing_key.clone().unwrap_or_default()}
                placeholder="not set: the message's own key"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: String| { q.dead_letter_routing_key = non_empty(v); Ok(()) })} />
            <NumberField name="max_priority" label="Max priority (x-max-priority)" value={q.max_priority.map(|p| p as i64)} min={0} max={255} optional=true
                hint="makes it a priority queue: higher priorities are delivered first"
                on_commit={node_cb(&editor, &id, find_queue, |q, v: Option<i64>| { q.max_priority = v.map(|v| v as u8); Ok(()) })} />
            { other_arguments(&q.arguments, node_cb(&editor, &id, find_queue, |q, v: String| { q.arguments = parse_arguments(&v, &queue_fields())?; Ok(()) })) }
            { for live }
        </div>
    }
}
