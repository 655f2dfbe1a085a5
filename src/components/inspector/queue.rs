//! The queue form: name, type (classic, quorum, stream), flags and the
//! arguments the chosen type takes (the engine's argument table decides;
//! the others are named as absent), any other argument as text, and its
//! live counts and messages.

use crate::i18n::MsgId;
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Message;

use crate::editor::queue_form;
use crate::engine::queue_args::QueueType;
use crate::i18n::{t, text, Arg, Lang};
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
fn type_choice(editor: &EditorHandle, id: &str, qt: QueueType, lang: Lang) -> Html {
    let options: Vec<(AttrValue, AttrValue)> =
        QueueType::ALL.iter().map(|t| (AttrValue::from(t.as_str()), AttrValue::from(t.as_str()))).collect();
    html! {
        <>
            <SelectField name="queue_type" label={t!(lang, "inspector-queue-type")} value={AttrValue::from(qt.as_str())} options={options}
                on_commit={on(editor, queue(id, QueueField::Type))} />
            <p class="field-hint queue-type-about">{ queue_form::about(qt).render(lang) }</p>
        </>
    }
}

/// TTL, expiry, max length and overflow: each only for the types that take it.
fn limit_fields(editor: &EditorHandle, id: &str, q: &QueueNode, lang: Lang) -> Html {
    let show = |key: &str| queue_form::shows(q.queue_type, key);
    let overflow = q.overflow.map(|o| o.as_str()).unwrap_or("");
    let mut modes = vec!["", "drop-head", "reject-publish"];
    if q.queue_type == QueueType::Classic || overflow == "reject-publish-dlx" {
        modes.push("reject-publish-dlx");
    }
    let overflow_options: Vec<(AttrValue, AttrValue)> = modes
        .iter()
        .map(|m| {
            let key = if m.is_empty() { "unset" } else { m };
            (
                AttrValue::from(*m),
                AttrValue::from(text(lang, id!("inspector-overflow-choice"), &[(var!("mode"), Arg::from(key))])),
            )
        })
        .collect();
    let bytes_hint = (q.queue_type == QueueType::Stream).then(|| t!(lang, "inspector-stream-bytes-hint"));
    let (messages, bytes) = (t!(lang, "inspector-unit-messages"), t!(lang, "inspector-unit-bytes"));
    html! {
        <>
            if show("x-message-ttl") {
                <NumberField name="message_ttl" label={t!(lang, "inspector-message-ttl")} value={ms(q.message_ttl)} min={0} max={MAX_MS} optional=true unit="ms"
                    hint={t!(lang, "inspector-message-ttl-hint")}
                    on_commit={on(editor, queue(id, QueueField::MessageTtl))} />
            }
            if show("x-expires") {
                <NumberField name="expires" label={t!(lang, "inspector-expires")} value={ms(q.expires)} min={1} max={MAX_MS} optional=true unit="ms"
                    hint={t!(lang, "inspector-expires-hint")}
                    on_commit={on(editor, queue(id, QueueField::Expires))} />
            }
            if show("x-max-length") {
                <NumberField name="max_length" label={t!(lang, "inspector-max-length")} value={ms(q.max_length)} min={0} max={i64::MAX} optional=true unit={messages}
                    on_commit={on(editor, queue(id, QueueField::MaxLength))} />
            }
            <NumberField name="max_length_bytes" label={t!(lang, "inspector-max-length-bytes")} value={ms(q.max_length_bytes)} min={0} max={i64::MAX} optional=true unit={bytes}
                hint={bytes_hint}
                on_commit={on(editor, queue(id, QueueField::MaxLengthBytes))} />
            if show("x-overflow") {
                <SelectField name="overflow" label={t!(lang, "inspector-overflow")} value={AttrValue::from(overflow)} options={overflow_options}
                    hint={(q.queue_type == QueueType::Quorum).then(|| t!(lang, "inspector-quorum-overflow-hint"))}
                    on_commit={on(editor, queue(id, QueueField::Overflow))} />
            }
        </>
    }
}

/// Dead-letter exchange, key and (quorum) strategy; max priority (classic).
fn dead_letter_fields(editor: &EditorHandle, id: &str, q: &QueueNode, s: &Scenario, lang: Lang) -> Html {
    let show = |key: &str| queue_form::shows(q.queue_type, key);
    let strategy = q.dead_letter_strategy.map(|d| d.as_str()).unwrap_or("");
    let strategies: Vec<(AttrValue, AttrValue)> = ["", "at-most-once", "at-least-once"]
        .iter()
        .map(|v| {
            let key = if v.is_empty() { "unset" } else { v };
            let label = text(lang, id!("inspector-dead-letter-strategy-choice"), &[(var!("strategy"), Arg::from(key))]);
            (AttrValue::from(*v), AttrValue::from(label))
        })
        .collect();
    html! {
        <>
            if show("x-dead-letter-exchange") {
                <SelectField name="dead_letter_exchange" label={t!(lang, "inspector-dead-letter-exchange")}
                    value={AttrValue::from(q.dead_letter_exchange.clone().unwrap_or_default())} options={exchange_options(s, Some(id!("inspector-none")), lang)}
                    hint={t!(lang, "inspector-dead-letter-exchange-hint")}
                    on_commit={on(editor, queue(id, QueueField::DeadLetterExchange))} />
                <TextField name="dead_letter_routing_key" label={t!(lang, "inspector-dead-letter-key")} value={q.dead_letter_routing_key.clone().unwrap_or_default()}
                    placeholder={t!(lang, "inspector-dead-letter-key-placeholder")}
                    on_commit={on(editor, queue(id, QueueField::DeadLetterRoutingKey))} />
            }
            if show("x-dead-letter-strategy") {
                <SelectField name="dead_letter_strategy" label={t!(lang, "inspector-dead-letter-strategy")} value={AttrValue::from(strategy)} options={strategies}
                    on_commit={on(editor, queue(id, QueueField::DeadLetterStrategy))} />
            }
            if show("x-max-priority") {
                <NumberField name="max_priority" label={t!(lang, "inspector-max-priority")} value={q.max_priority.map(|p| p as i64)} min={0} max={255} optional=true
                    hint={t!(lang, "inspector-max-priority-hint")}
                    on_commit={on(editor, queue(id, QueueField::MaxPriority))} />
            }
        </>
    }
}

/// The settings of quorum queues (delivery limit) and streams (max age,
/// segment size).
fn type_fields(editor: &EditorHandle, id: &str, q: &QueueNode, lang: Lang) -> Html {
    let show = |key: &str| queue_form::shows(q.queue_type, key);
    html! {
        <>
            if show("x-delivery-limit") {
                <NumberField name="delivery_limit" label={t!(lang, "inspector-delivery-limit")} value={ms(q.delivery_limit)} min={0} max={i64::MAX} optional=true
                    unit={t!(lang, "inspector-unit-redeliveries")} hint={t!(lang, "inspector-delivery-limit-hint")}
                    on_commit={on(editor, queue(id, QueueField::DeliveryLimit))} />
            }
            if show("x-max-age") {
                <TextField name="max_age" label={t!(lang, "inspector-max-age")} value={q.max_age.clone().unwrap_or_default()} placeholder={t!(lang, "inspector-max-age-placeholder")}
                    hint={t!(lang, "inspector-max-age-hint")}
                    on_commit={on(editor, queue(id, QueueField::MaxAge))} />
            }
            if show("x-stream-max-segment-size-bytes") {
                <NumberField name="stream_max_segment_size_bytes" label={t!(lang, "inspector-segment-size")} value={ms(q.stream_max_segment_size_bytes)} min={0} max={3_000_000_000i64} optional=true
                    unit={t!(lang, "inspector-unit-bytes")} hint={t!(lang, "inspector-segment-size-hint")}
                    on_commit={on(editor, queue(id, QueueField::SegmentSize))} />
            }
        </>
    }
}

/// One message row of the live list: position (a stream: its offset), id,
/// body, and whether it was redelivered.
fn message_row(
    position: String,
    key: u64,
    msg: Rc<Message>,
    redelivered: bool,
    open: &Callback<Rc<Message>>,
    lang: Lang,
) -> Html {
    let open = open.clone();
    let text = chip_text(&msg.body, 40, lang);
    let id = format!("#{}", msg.id);
    let onclick = Callback::from(move |_: MouseEvent| open.emit(msg.clone()));
    html! {
        <li key={key.to_string()}>
            <button type="button" class={classes!("msg-row", redelivered.then_some("redelivered"))} {onclick}>
                <span class="msg-pos">{ position }</span>
                <span class="msg-id">{ id }</span>
                <span class="msg-text">{ text }</span>
                if redelivered { <span class="msg-flag">{ t!(lang, "inspector-redelivered") }</span> }
            </button>
        </li>
    }
}

/// What the broker holds for this queue: counts and the first messages
/// (a stream: its newest messages with their offsets).
fn live_section(eq: &crate::engine::Queue, open: &Callback<Rc<Message>>, lang: Lang) -> Html {
    let (messages, total): (Vec<Html>, usize) = match &eq.stream {
        Some(log) => (
            log.iter()
                .rev()
                .take(20)
                .map(|e| message_row(format!("@{}", e.offset), e.copy, e.message.clone(), false, open, lang))
                .collect(),
            log.len(),
        ),
        None => (
            eq.ready
                .iter()
                .take(20)
                .enumerate()
                .map(|(i, m)| message_row((i + 1).to_string(), m.copy, m.message.clone(), m.redelivered, open, lang))
                .collect(),
            eq.ready.len(),
        ),
    };
    let stream = eq.stream.as_ref();
    let stat = |id: MsgId| format!(" {}", t(lang, id));
    let consumers = text(lang, id!("inspector-consumer-count"), &[(var!("count"), Arg::from(eq.consumers.len()))]);
    let offsets = stream.map(|log| {
        let args = [
            (var!("first"), Arg::from(log.first_offset())),
            (var!("last"), Arg::from(log.next_offset().saturating_sub(1))),
            (var!("segments"), Arg::from(log.segment_count())),
        ];
        text(lang, id!("inspector-stream-offsets"), &args)
    });
    let list_label =
        t(lang, if stream.is_some() { id!("inspector-stream-messages") } else { id!("inspector-ready-messages") });
    html! {
        <section class="inspector-section live">
            <h3>{ t!(lang, "inspector-in-broker") }</h3>
            <p class="live-stats">
                <span><b>{ eq.message_count() }</b>{ stat(if stream.is_some() { id!("inspector-in-stream") } else { id!("inspector-ready") }) }</span>
                <span><b>{ eq.unacked }</b>{ stat(id!("inspector-unacked")) }</span>
                <span><b>{ eq.consumers.len() }</b>{ format!(" {consumers}") }</span>
            </p>
            if let Some(offsets) = offsets { <p class="field-hint">{ offsets }</p> }
            if eq.server_named { <p class="field-hint">{ text(lang, id!("inspector-server-named-as"), &[(var!("name"), Arg::from(&*eq.name))]) }</p> }
            <ol class="msg-list" aria-label={list_label}>{ for messages }</ol>
            if total > 20 { <p class="field-hint">{ text(lang, id!("inspector-and-more"), &[(var!("count"), Arg::from(total - 20))]) }</p> }
        </section>
    }
}

/// The queue form.
#[function_component(QueueForm)]
pub fn queue_form(props: &QueueFormProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let open = use_open_message();
    let lang = crate::components::use_lang();
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let Some(q) = s.queue(&id).cloned() else { return html! {} };
    let rt = stage.runtime.borrow();
    let engine_name = rt.sim.queue_name(&id).map(|n| n.to_string());
    let live = engine_name.as_deref().and_then(|n| rt.sim.broker().queue(n)).map(|eq| live_section(eq, &open, lang));
    drop(rt);
    let qt = q.queue_type;
    let show = |key: &str| queue_form::shows(qt, key);
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            if live.is_none() { <p class="inspector-warn">{ t!(lang, "inspector-queue-missing") }</p> }
            <TextField name="name" label={t!(lang, "inspector-name")} value={q.name.clone()} placeholder={t!(lang, "inspector-queue-name-placeholder")}
                on_commit={on(&editor, queue(&id, QueueField::Name))}
                hint={t!(lang, "inspector-queue-name-hint")} />
            { type_choice(&editor, &id, qt, lang) }
            <div class="field-group">
                <CheckField name="durable" label={t!(lang, "inspector-durable")} checked={q.durable} hint={t!(lang, "inspector-queue-durable-hint")}
                    on_commit={on(&editor, queue(&id, QueueField::Durable))} />
                if qt == QueueType::Classic {
                    <CheckField name="exclusive" label={t!(lang, "inspector-exclusive")} checked={q.exclusive} hint={t!(lang, "inspector-queue-exclusive-hint")}
                        on_commit={on(&editor, queue(&id, QueueField::Exclusive))} />
                    <CheckField name="auto_delete" label={t!(lang, "inspector-auto-delete")} checked={q.auto_delete} hint={t!(lang, "inspector-queue-auto-delete-hint")}
                        on_commit={on(&editor, queue(&id, QueueField::AutoDelete))} />
                }
                if show("x-single-active-consumer") {
                    <CheckField name="single_active_consumer" label={t!(lang, "inspector-single-active-consumer")} checked={q.single_active_consumer}
                        hint={t!(lang, "inspector-single-active-consumer-hint")}
                        on_commit={on(&editor, queue(&id, QueueField::SingleActiveConsumer))} />
                }
            </div>
            { limit_fields(&editor, &id, &q, lang) }
            { dead_letter_fields(&editor, &id, &q, &s, lang) }
            { type_fields(&editor, &id, &q, lang) }
            if let Some(note) = queue_form::absent_note(qt) { <p class="field-hint absent-settings" data-absent-for={qt.as_str()}>{ note.render(lang) }</p> }
            { other_arguments(&q.arguments, on(&editor, queue(&id, QueueField::Arguments)), lang) }
            { for live }
        </div>
    }
}
