//! The consumer form: which queue, auto or manual ack, prefetch, processing
//! time, what it does with each message (ack, nack or reject, with or
//! without requeue, never ack), crash after N, RPC reply, exclusive,
//! priority; with its unacked deliveries and whether it is running.

use yew::prelude::*;

use crate::editor::edits::{outcome_key, ConsumerField};
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
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let Some(c) = s.consumer(&id).cloned() else { return html! {} };
    let live = consumer_live(&stage, &open, &id);
    let on_stream =
        c.queue.as_deref().and_then(|q| s.queue(q)).is_some_and(|q| q.queue_type == crate::engine::QueueType::Stream);
    let outcomes: Vec<(AttrValue, AttrValue)> =
        Outcome::ALL.iter().map(|o| (AttrValue::from(outcome_key(*o)), AttrValue::from(o.label()))).collect();
    let acks: Vec<(AttrValue, AttrValue)> = vec![
        ("manual".into(), "manual: ack after processing".into()),
        ("auto".into(), "auto-ack (no_ack): forgotten once sent".into()),
    ];
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            { live }
            <TextField name="name" label="Name (consumer tag)" value={c.name.clone()}
                on_commit={on(&editor, consumer(&id, ConsumerField::Name))} />
            <SelectField name="queue" label="Consumes from" value={AttrValue::from(c.queue.clone().unwrap_or_default())}
                options={queue_options(&s, Some("not connected"))}
                on_commit={on(&editor, consumer(&id, ConsumerField::Queue))} />
            <SelectField name="ack" label="Acknowledgement" value={AttrValue::from(if c.ack == AckMode::Auto { "auto" } else { "manual" })} options={acks}
                on_commit={on(&editor, consumer(&id, ConsumerField::Ack))} />
            <NumberField name="prefetch" label="Prefetch (basic.qos)" value={Some(c.prefetch as i64)} min={0} max={65535}
                hint="most unacked messages it holds at once; 0 = no limit"
                on_commit={on(&editor, consumer(&id, ConsumerField::Prefetch))} />
            <NumberField name="processing_ms" label="Processing time" value={Some(c.processing_ms as i64)} min={0} max={3_600_000} unit="ms"
                on_commit={on(&editor, consumer(&id, ConsumerField::ProcessingMs))} />
            <SelectField name="outcome" label="Then" value={AttrValue::from(outcome_key(c.outcome))} options={outcomes}
                hint="what it does with each message after processing (manual ack)"
                on_commit={on(&editor, consumer(&id, ConsumerField::Outcome))} />
            <NumberField name="crash_after" label="Crash after" value={c.crash_after.map(|v| v as i64)} min={1} max={1_000_000} optional=true unit="messages"
                hint="its channel closes when it has received this many; unacked messages go back"
                on_commit={on(&editor, consumer(&id, ConsumerField::CrashAfter))} />
            <div class="field-group">
                <CheckField name="reply" label="answer RPC requests" checked={c.reply} hint="publishes a reply to each message's reply_to with its correlation_id"
                    on_commit={on(&editor, consumer(&id, ConsumerField::Reply))} />
                <CheckField name="exclusive" label="exclusive consumer" checked={c.exclusive} hint="no other consumer may consume from the queue"
                    on_commit={on(&editor, consumer(&id, ConsumerField::Exclusive))} />
            </div>
            if !on_stream {
                <NumberField name="priority" label="Consumer priority (x-priority)" value={c.priority.map(|p| p as i64)} min={i32::MIN as i64} max={i32::MAX as i64} optional=true
                    hint="higher-priority consumers are served first"
                    on_commit={on(&editor, consumer(&id, ConsumerField::Priority))} />
            }
            if on_stream {
                <TextField name="stream_offset" label="Start at (x-stream-offset)" value={c.stream_offset.clone().unwrap_or_default()}
                    placeholder="next (default)"
                    hint="first, last, next, an offset such as 12, or an age such as 1h; a stream consumer needs manual acks and a prefetch"
                    on_commit={on(&editor, consumer(&id, ConsumerField::StreamOffset))} />
            }
        </div>
    }
}

/// What the consumer is doing: its state, its tallies and its unacked
/// deliveries (each opens the message).
fn consumer_live(stage: &Stage, open: &Callback<Rc<Message>>, id: &str) -> Html {
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
                                <span class="msg-pos">{ format!("tag {tag}") }</span>
                                <span class="msg-id">{ format!("#{}", u.message.message.id) }</span>
                                <span class="msg-text">{ chip_text(&u.message.message.body, 36) }</span>
                                if u.message.redelivered { <span class="msg-flag">{ "redelivered" }</span> }
                            </button>
                        </li>
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    drop(rt);
    let status = match state.as_ref().and_then(|st| st.down.clone()) {
        None => "consuming".to_string(),
        Some(Down::Killed) => "killed: its channel is closed".into(),
        Some(Down::Crashed) => "crashed (crash after N)".into(),
        Some(Down::Unconnected) => "not connected to a queue".into(),
        Some(Down::NoQueue) => "its queue is not in the broker".into(),
        Some(Down::Refused) => "the broker refused basic.consume".into(),
    };
    html! {
        <section class="inspector-section live">
                <p class="live-stats">
                    <span class="consumer-status">{ status }</span>
                    <span><b>{ stats.delivered }</b>{ " received" }</span>
                    <span><b>{ stats.redelivered }</b>{ " redelivered" }</span>
                    <span><b>{ stats.acked }</b>{ " acked" }</span>
                </p>
                if !unacked.is_empty() {
                    <h3>{ "Unacked deliveries" }</h3>
                    <ol class="msg-list">{ for unacked }</ol>
                }
            </section>
    }
}
