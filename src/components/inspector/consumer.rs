//! The consumer form: which queue, auto or manual ack, prefetch, processing
//! time, what it does with each message (ack, nack or reject, with or
//! without requeue, never ack), crash after N, RPC reply, exclusive,
//! priority; with its unacked deliveries and whether it is running.

use yew::prelude::*;

use crate::editor::edits::{outcome_key, ConsumerField};
use crate::i18n::{t, text, Arg, Lang, MsgId, VarId};
use crate::scenario::{AckMode, Outcome};
use crate::simulation::Down;

use super::fields::{CheckField, NumberField, SelectField, TextField};
use super::{consumer, on, queue_options};
use crate::components::canvas::node_actions::NodeActions;
use crate::components::canvas::node_body::chip_text;
use crate::components::context::{use_editor, use_open_message, use_stage, Stage};
use crate::engine::Message;
use std::rc::Rc;

/// Properties of [`ConsumerForm`].
#[derive(Properties, PartialEq)]
pub struct ConsumerFormProps {
    /// The consumer node id.
    pub id: AttrValue,
}

/// The consumer form.
#[function_component(ConsumerForm)]
pub fn consumer_form(props: &ConsumerFormProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let open = use_open_message();
    let lang = crate::components::use_lang();
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let Some(c) = s.consumer(&id).cloned() else { return html! {} };
    let live = consumer_live(&stage, &open, &id, lang);
    let on_stream =
        c.queue.as_deref().and_then(|q| s.queue(q)).is_some_and(|q| q.queue_type == crate::engine::QueueType::Stream);
    let choice = |id: MsgId, var: VarId, value: &'static str| {
        (AttrValue::from(value), AttrValue::from(text(lang, id, &[(var, Arg::from(value))])))
    };
    let outcomes: Vec<(AttrValue, AttrValue)> =
        Outcome::ALL.iter().map(|o| choice(id!("inspector-outcome"), var!("outcome"), outcome_key(*o))).collect();
    let acks: Vec<(AttrValue, AttrValue)> =
        ["manual", "auto"].iter().map(|m| choice(id!("inspector-ack-mode"), var!("mode"), m)).collect();
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            { live }
            <TextField name="name" label={t!(lang, "inspector-consumer-name")} value={c.name.clone()}
                on_commit={on(&editor, consumer(&id, ConsumerField::Name))} />
            <SelectField name="queue" label={t!(lang, "inspector-consumes-from")} value={AttrValue::from(c.queue.clone().unwrap_or_default())}
                options={queue_options(&s, Some(id!("inspector-not-connected")), lang)}
                on_commit={on(&editor, consumer(&id, ConsumerField::Queue))} />
            <SelectField name="ack" label={t!(lang, "inspector-acknowledgement")} value={AttrValue::from(if c.ack == AckMode::Auto { "auto" } else { "manual" })} options={acks}
                on_commit={on(&editor, consumer(&id, ConsumerField::Ack))} />
            <NumberField name="prefetch" label={t!(lang, "inspector-prefetch")} value={Some(c.prefetch as i64)} min={0} max={65535}
                hint={t!(lang, "inspector-prefetch-hint")}
                on_commit={on(&editor, consumer(&id, ConsumerField::Prefetch))} />
            <NumberField name="processing_ms" label={t!(lang, "inspector-processing-time")} value={Some(c.processing_ms as i64)} min={0} max={3_600_000} unit="ms"
                on_commit={on(&editor, consumer(&id, ConsumerField::ProcessingMs))} />
            <SelectField name="outcome" label={t!(lang, "inspector-then")} value={AttrValue::from(outcome_key(c.outcome))} options={outcomes}
                hint={t!(lang, "inspector-then-hint")}
                on_commit={on(&editor, consumer(&id, ConsumerField::Outcome))} />
            <NumberField name="crash_after" label={t!(lang, "inspector-crash-after")} value={c.crash_after.map(|v| v as i64)} min={1} max={1_000_000} optional=true
                unit={t!(lang, "inspector-unit-messages")} hint={t!(lang, "inspector-crash-after-hint")}
                on_commit={on(&editor, consumer(&id, ConsumerField::CrashAfter))} />
            <div class="field-group">
                <CheckField name="reply" label={t!(lang, "inspector-reply")} checked={c.reply} hint={t!(lang, "inspector-reply-hint")}
                    on_commit={on(&editor, consumer(&id, ConsumerField::Reply))} />
                <CheckField name="exclusive" label={t!(lang, "inspector-exclusive-consumer")} checked={c.exclusive} hint={t!(lang, "inspector-exclusive-consumer-hint")}
                    on_commit={on(&editor, consumer(&id, ConsumerField::Exclusive))} />
            </div>
            if !on_stream {
                <NumberField name="priority" label={t!(lang, "inspector-consumer-priority")} value={c.priority.map(|p| p as i64)} min={i32::MIN as i64} max={i32::MAX as i64} optional=true
                    hint={t!(lang, "inspector-consumer-priority-hint")}
                    on_commit={on(&editor, consumer(&id, ConsumerField::Priority))} />
            }
            if on_stream {
                <TextField name="stream_offset" label={t!(lang, "inspector-stream-offset")} value={c.stream_offset.clone().unwrap_or_default()}
                    placeholder={t!(lang, "inspector-stream-offset-placeholder")}
                    hint={t!(lang, "inspector-stream-offset-hint")}
                    on_commit={on(&editor, consumer(&id, ConsumerField::StreamOffset))} />
            }
        </div>
    }
}

/// What the consumer is doing: its state, its tallies and its unacked
/// deliveries (each opens the message).
fn consumer_live(stage: &Stage, open: &Callback<Rc<Message>>, id: &str, lang: Lang) -> Html {
    let rt = stage.runtime.borrow();
    let state = rt.sim.consumer_state(id).cloned();
    let stats = rt.monitor.consumer_stats(id);
    let unacked: Vec<Html> = state
        .as_ref()
        .and_then(|st| st.channel)
        .and_then(|ch| rt.sim.broker().channel(ch))
        .map(|ch| {
            ch.unacked
                .iter()
                .map(|(tag, u)| {
                    let msg = u.message.message.clone();
                    let open = open.clone();
                    let onclick = Callback::from(move |_: MouseEvent| open.emit(msg.clone()));
                    html! {
                        <li key={*tag}>
                            <button type="button" class={classes!("msg-row", u.message.redelivered.then_some("redelivered"))} {onclick}>
                                <span class="msg-pos">{ text(lang, id!("inspector-delivery-tag"), &[(var!("tag"), Arg::from(*tag))]) }</span>
                                <span class="msg-id">{ format!("#{}", u.message.message.id) }</span>
                                <span class="msg-text">{ chip_text(&u.message.message.body, 36, lang) }</span>
                                if u.message.redelivered { <span class="msg-flag">{ t!(lang, "inspector-redelivered") }</span> }
                            </button>
                        </li>
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    drop(rt);
    let status = match state.as_ref().and_then(|st| st.down.clone()) {
        None => "consuming",
        Some(Down::Killed) => "killed",
        Some(Down::Crashed) => "crashed",
        Some(Down::Unconnected) => "unconnected",
        Some(Down::NoQueue) => "no-queue",
        Some(Down::Refused) => "refused",
    };
    let status = text(lang, id!("inspector-consumer-status"), &[(var!("status"), Arg::from(status))]);
    let stat = |id: MsgId| format!(" {}", t(lang, id));
    html! {
        <section class="inspector-section live">
                <p class="live-stats">
                    <span class="consumer-status">{ status }</span>
                    <span><b>{ stats.delivered }</b>{ stat(id!("inspector-received")) }</span>
                    <span><b>{ stats.redelivered }</b>{ stat(id!("inspector-redelivered-count")) }</span>
                    <span><b>{ stats.acked }</b>{ stat(id!("inspector-acked")) }</span>
                </p>
                if !unacked.is_empty() {
                    <h3>{ t!(lang, "inspector-unacked-deliveries") }</h3>
                    <ol class="msg-list">{ for unacked }</ol>
                }
            </section>
    }
}
