//! The queue form: name, type (classic, quorum, stream), flags and the
//! arguments the chosen type takes (the engine's argument table decides;
//! the others are named as absent), any other argument as text, and its
//! live counts and messages.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Message;

use crate::editor::queue_form;
use crate::engine::queue_args::QueueType;
use crate::scenario::{QueueNode, Scenario};

use super::fields::{CheckField, NumberField, SelectField, TextField};
use super::{exchange_options, on, other_arguments, queue};
use crate::components::canvas::node_actions::NodeActions;
use crate::components::canvas::node_body::chip_text;
use crate::components::context::{use_editor, use_open_message, use_stage, EditorHandle};
use crate::editor::edits::QueueField;

/// Properties of [`QueueForm`].
#[derive(Properties, PartialEq)]
pub struct QueueFormProps {
    /// The queue node id.
    pub id: AttrValue,
}

const MAX_MS: i64 = 315_360_000_000;

fn ms(v: Option<u64>) -> Option<i64> {
    v.map(|v| v.min(i64::MAX as u64) as i64)
}

/// The type choice (`x-queue-type`) and what the chosen type is.
fn type_choice(editor: &EditorHandle, id: &str, t: QueueType) -> Html {
    let options: Vec<(AttrValue, AttrValue)> =
        QueueType::ALL.iter().map(|t| (AttrValue::from(t.as_str()), AttrValue::from(t.as_str()))).collect();
    html! {
        <>
            <SelectField name="queue_type" label="Type (x-queue-type)" value={AttrValue::from(t.as_str())} options={options}
                on_commit={on(editor, queue(id, QueueField::Type))} />
            <p class="field-hint queue-type-about">{ queue_form::about(t) }</p>
        </>
    }
}

/// TTL, expiry, max length and overflow: each only for the types that take it.
fn limit_fields(editor: &EditorHandle, id: &str, q: &QueueNode) -> Html {
    let show = |key: &str| queue_form::shows(q.queue_type, key);
    let overflow = q.overflow.map(|o| o.as_str()).unwrap_or("");
    let mut overflow_options: Vec<(AttrValue, AttrValue)> = vec![
        ("".into(), "not set (drop-head)".into()),
        ("drop-head".into(), "drop-head: drop the oldest".into()),
        ("reject-publish".into(), "reject-publish: refuse new ones".into()),
    ];
    if q.queue_type == QueueType::Classic || overflow == "reject-publish-dlx" {
        overflow_options.push(("reject-publish-dlx".into(), "reject-publish-dlx: refuse and dead-letter".into()));
    }
    let bytes_hint = (q.queue_type == QueueType::Stream).then_some(
        "retention by segment: whole old segments are removed when a new one starts, so the stream keeps somewhat more",
    );
    html! {
        <>
            if show("x-message-ttl") {
                <NumberField name="message_ttl" label="Message TTL (x-message-ttl)" value={ms(q.message_ttl)} min={0} max={MAX_MS} optional=true unit="ms"
                    hint="messages older than this expire (dead-lettered if the queue has a DLX)"
                    on_commit={on(editor, queue(id, QueueField::MessageTtl))} />
            }
            if show("x-expires") {
                <NumberField name="expires" label="Queue expiry (x-expires)" value={ms(q.expires)} min={1} max={MAX_MS} optional=true unit="ms"
                    hint="the queue is deleted after this long unused"
                    on_commit={on(editor, queue(id, QueueField::Expires))} />
            }
            if show("x-max-length") {
                <NumberField name="max_length" label="Max length (x-max-length)" value={ms(q.max_length)} min={0} max={i64::MAX} optional=true unit="messages"
                    on_commit={on(editor, queue(id, QueueField::MaxLength))} />
            }
            <NumberField name="max_length_bytes" label="Max length in bytes (x-max-length-bytes)" value={ms(q.max_length_bytes)} min={0} max={i64::MAX} optional=true unit="bytes"
                hint={bytes_hint}
                on_commit={on(editor, queue(id, QueueField::MaxLengthBytes))} />
            if show("x-overflow") {
                <SelectField name="overflow" label="When full (x-overflow)" value={AttrValue::from(overflow)} options={overflow_options}
                    hint={(q.queue_type == QueueType::Quorum).then_some("a quorum queue takes messages until it is over the limit, then refuses them until it is back under 80%")}
                    on_commit={on(editor, queue(id, QueueField::Overflow))} />
            }
        </>
    }
}

/// Dead-letter exchange, key and (quorum) strategy; max priority (classic).
fn dead_letter_fields(editor: &EditorHandle, id: &str, q: &QueueNode, s: &Scenario) -> Html {
    let show = |key: &str| queue_form::shows(q.queue_type, key);
    let strategy = q.dead_letter_strategy.map(|d| d.as_str()).unwrap_or("");
    let strategies: Vec<(AttrValue, AttrValue)> = vec![
        ("".into(), "not set (at-most-once)".into()),
        ("at-most-once".into(), "at-most-once".into()),
        ("at-least-once".into(), "at-least-once (needs reject-publish)".into()),
    ];
    html! {
        <>
            if show("x-dead-letter-exchange") {
                <SelectField name="dead_letter_exchange" label="Dead-letter exchange (x-dead-letter-exchange)"
                    value={AttrValue::from(q.dead_letter_exchange.clone().unwrap_or_default())} options={exchange_options(s, Some("none"))}
                    hint="where rejected, expired and dropped messages go"
                    on_commit={on(editor, queue(id, QueueField::DeadLetterExchange))} />
                <TextField name="dead_letter_routing_key" label="Dead-letter routing key" value={q.dead_letter_routing_key.clone().unwrap_or_default()}
                    placeholder="not set: the message's own key"
                    on_commit={on(editor, queue(id, QueueField::DeadLetterRoutingKey))} />
            }
            if show("x-dead-letter-strategy") {
                <SelectField name="dead_letter_strategy" label="Dead-letter strategy (x-dead-letter-strategy)" value={AttrValue::from(strategy)} options={strategies}
                    on_commit={on(editor, queue(id, QueueField::DeadLetterStrategy))} />
            }
            if show("x-max-priority") {
                <NumberField name="max_priority" label="Max priority (x-max-priority)" value={q.max_priority.map(|p| p as i64)} min={0} max={255} optional=true
                    hint="makes it a priority queue: higher priorities are delivered first"
                    on_commit={on(editor, queue(id, QueueField::MaxPriority))} />
            }
        </>
    }
}

/// The settings of quorum queues (delivery limit) and streams (max age,
/// segment size).
fn type_fields(editor: &EditorHandle, id: &str, q: &QueueNode) -> Html {
    let show = |key: &str| queue_form::shows(q.queue_type, key);
    html! {
        <>
            if show("x-delivery-limit") {
                <NumberField name="delivery_limit" label="Delivery limit (x-delivery-limit)" value={ms(q.delivery_limit)} min={0} max={i64::MAX} optional=true unit="redeliveries"
                    hint="a message returned more often than this is dropped, or dead-lettered with reason delivery_limit"
                    on_commit={on(editor, queue(id, QueueField::DeliveryLimit))} />
            }
            if show("x-max-age") {
                <TextField name="max_age" label="Max age (x-max-age)" value={q.max_age.clone().unwrap_or_default()} placeholder="e.g. 7D, 1h, 30s"
                    hint="segments whose newest message is older than this are removed (retention by segment)"
                    on_commit={on(editor, queue(id, QueueField::MaxAge))} />
            }
            if show("x-stream-max-segment-size-bytes") {
                <NumberField name="stream_max_segment_size_bytes" label="Segment size (x-stream-max-segment-size-bytes)" value={ms(q.stream_max_segment_size_bytes)} min={0} max={3_000_000_000i64} optional=true unit="bytes"
                    hint="retention removes whole segments; default 500000000 (message bodies count here)"
                    on_commit={on(editor, queue(id, QueueField::SegmentSize))} />
            }
        </>
    }
}

/// One message row of the live list: position (a stream: its offset), id,
/// body, and whether it was redelivered.
fn message_row(position: String, key: u64, msg: Rc<Message>, redelivered: bool, open: &Callback<Rc<Message>>) -> Html {
    let open = open.clone();
    let text = chip_text(&msg.body, 40);
    let id = format!("#{}", msg.id);
    let onclick = Callback::from(move |_: MouseEvent| open.emit(msg.clone()));
    html! {
        <li key={key.to_string()}>
            <button type="button" class={classes!("msg-row", redelivered.then_some("redelivered"))} {onclick}>
                <span class="msg-pos">{ position }</span>
                <span class="msg-id">{ id }</span>
                <span class="msg-text">{ text }</span>
                if redelivered { <span class="msg-flag">{ "redelivered" }</span> }
            </button>
        </li>
    }
}

/// What the broker holds for this queue: counts and the first messages
/// (a stream: its newest messages with their offsets).
fn live_section(eq: &crate::engine::Queue, open: &Callback<Rc<Message>>) -> Html {
    let (messages, total): (Vec<Html>, usize) = match &eq.stream {
        Some(log) => (
            log.iter()
                .rev()
                .take(20)
                .map(|e| message_row(format!("@{}", e.offset), e.copy, e.message.clone(), false, open))
                .collect(),
            log.len(),
        ),
        None => (
            eq.ready
                .iter()
                .take(20)
                .enumerate()
                .map(|(i, m)| message_row((i + 1).to_string(), m.copy, m.message.clone(), m.redelivered, open))
                .collect(),
            eq.ready.len(),
        ),
    };
    let stream = eq.stream.as_ref();
    html! {
        <section class="inspector-section live">
            <h3>{ "In the broker" }</h3>
            <p class="live-stats">
                <span><b>{ eq.message_count() }</b>{ if stream.is_some() { " in stream" } else { " ready" } }</span>
                <span><b>{ eq.unacked }</b>{ " unacked" }</span>
                <span><b>{ eq.consumers.len() }</b>{ " consumers" }</span>
            </p>
            if let Some(log) = stream {
                <p class="field-hint">{ format!(
                    "Offsets {} to {} in {} segment{}; consumers read from their own offset and acks remove nothing.",
                    log.first_offset(), log.next_offset().saturating_sub(1), log.segment_count(), if log.segment_count() == 1 { "" } else { "s" }
                ) }</p>
            }
            if eq.server_named { <p class="field-hint">{ format!("The broker named it {}.", eq.name) }</p> }
            <ol class="msg-list" aria-label={if stream.is_some() { "Messages in the stream, newest first" } else { "Ready messages, next first" }}>{ for messages }</ol>
            if total > 20 { <p class="field-hint">{ format!("and {} more", total - 20) }</p> }
        </section>
    }
}

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
    let live = engine_name.as_deref().and_then(|n| rt.sim.broker().queue(n)).map(|eq| live_section(eq, &open));
    drop(rt);
    let t = q.queue_type;
    let show = |key: &str| queue_form::shows(t, key);
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            if live.is_none() { <p class="inspector-warn">{ "This queue is not in the broker (a restart removed it, or the broker refused it)." }</p> }
            <TextField name="name" label="Name" value={q.name.clone()} placeholder="empty: the broker picks one"
                on_commit={on(&editor, queue(&id, QueueField::Name))}
                hint="Leave empty for a server-named queue (amq.gen-…)." />
            { type_choice(&editor, &id, t) }
            <div class="field-group">
                <CheckField name="durable" label="durable" checked={q.durable} hint="survives a broker restart (with its persistent messages)"
                    on_commit={on(&editor, queue(&id, QueueField::Durable))} />
                if t == QueueType::Classic {
                    <CheckField name="exclusive" label="exclusive" checked={q.exclusive} hint="only the playground's connection may use it; deleted when it closes"
                        on_commit={on(&editor, queue(&id, QueueField::Exclusive))} />
                    <CheckField name="auto_delete" label="auto-delete" checked={q.auto_delete} hint="deleted when its last consumer leaves"
                        on_commit={on(&editor, queue(&id, QueueField::AutoDelete))} />
                }
                if show("x-single-active-consumer") {
                    <CheckField name="single_active_consumer" label="single active consumer" checked={q.single_active_consumer}
                        hint="only one consumer receives at a time; the next takes over when it leaves"
                        on_commit={on(&editor, queue(&id, QueueField::SingleActiveConsumer))} />
                }
            </div>
            { limit_fields(&editor, &id, &q) }
            { dead_letter_fields(&editor, &id, &q, &s) }
            { type_fields(&editor, &id, &q) }
            if let Some(note) = queue_form::absent_note(t) { <p class="field-hint absent-settings" data-absent-for={t.as_str()}>{ note }</p> }
            { other_arguments(&q.arguments, on(&editor, queue(&id, QueueField::Arguments))) }
            { for live }
        </div>
    }
}
