//! What a node shows below its name, read from the engine at each render:
//! a queue's ready and unacked counts and its first messages, a consumer's
//! unacked deliveries against its prefetch, what a producer sends and how
//! often, an exchange's flags. Message chips open the message inspector.
//!
//! A refresh (ten a second while the clock runs) reads the body's state
//! from the engine ([`BodyState`]) and renders the body only if it changed;
//! chips are plain buttons served by one listener per list.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::QueueType;

use crate::editor::EditAction;
use crate::engine::Message;
use crate::scenario::NodeKind;
use crate::view::node_state::{body_state, BodyState, Chip};
pub use crate::view::node_state::{chip_text, format_ms, schedule_text, QUEUE_CHIPS};

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::components::context::{use_canvas_doc, use_live_stage, use_open_message, use_quiet_stage};

/// Properties of [`NodeBody`].
#[derive(Properties, PartialEq)]
pub struct NodeBodyProps {
    /// The node id.
    pub id: AttrValue,
    /// Its kind.
    pub kind: NodeKind,
}

/// A chip as a list item. Not keyed: while the clock runs the messages a
/// node shows change at nearly every refresh, and patching the same few
/// buttons' text and attributes costs far less style and layout than
/// removing them and building new ones.
fn chip_html(c: &Chip) -> Html {
    let id = c.message.id;
    let label = format!("message #{id}: {}{}", c.message.body, if c.redelivered { " (redelivered)" } else { "" });
    html! {
        <li>
            <button type="button" class={classes!("msg-chip", c.redelivered.then_some("redelivered"), c.busy.then_some("busy"))}
                    data-message-id={id.to_string()} title={label.clone()} aria-label={label}>
                if c.redelivered { <span class="redelivered-mark" aria-hidden="true">{ "↻" }</span> }
                { format!("#{id}") }
            </button>
        </li>
    }
}

/// The live part of a node: at every refresh it reads what the body shows
/// (`BodyState`) and hands it to `BodyView`, which renders only when
/// it changed.
#[function_component(NodeBody)]
pub fn node_body(props: &NodeBodyProps) -> Html {
    let doc = use_canvas_doc();
    let stage = use_live_stage();
    let state = body_state(&doc.scenario, &stage.runtime.borrow(), props.id.as_str(), props.kind);
    html! { <BodyView {state} /> }
}

/// Properties of [`BodyView`].
#[derive(Properties, PartialEq)]
struct BodyViewProps {
    state: BodyState,
}

/// A node's body as [`BodyState`] says. One listener on each list of
/// message chips opens the message of the chip clicked (`data-message-id`).
#[function_component(BodyView)]
fn body_view(props: &BodyViewProps) -> Html {
    let open = use_open_message();
    let on_chip = chip_opener(&props.state, open);
    match &props.state {
        BodyState::Missing => html! {},
        BodyState::Producer { target, schedule, sent } => producer_view(target.as_ref(), schedule, *sent),
        BodyState::DefaultExchange => html! {
            <div class="node-body"><div class="node-line muted" title="routes each message to the queue named by its routing key">{ "routes by queue name" }</div></div>
        },
        BodyState::Exchange { bindings, flags, vanished } => html! {
            <div class="node-body">
                <div class="node-line muted">
                    <span>{ format!("{bindings} binding{}", if *bindings == 1 { "" } else { "s" }) }</span>
                    if !flags.is_empty() { <span>{ flags.clone() }</span> }
                </div>
                if *vanished { <Vanished /> }
            </div>
        },
        BodyState::QueueGone => html! { <div class="node-body"><Vanished /></div> },
        BodyState::Queue { ready, unacked, chips, flags, queue_type } => {
            queue_view(QueueCounts { ready: *ready, unacked: *unacked }, chips, flags, *queue_type, on_chip)
        }
        BodyState::Consumer { .. } => consumer_view(&props.state, on_chip),
    }
}

/// The click listener of a list of chips: opens the chip's message.
fn chip_opener(state: &BodyState, open: Callback<Rc<Message>>) -> Callback<MouseEvent> {
    let chips: Vec<Rc<Message>> = state.chips().iter().map(|c| c.message.clone()).collect();
    Callback::from(move |e: MouseEvent| {
        let Some(button) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("[data-message-id]").ok().flatten())
        else {
            return;
        };
        e.stop_propagation();
        let id = button.get_attribute("data-message-id").and_then(|v| v.parse::<u64>().ok());
        if let Some(m) = chips.iter().find(|m| Some(m.id) == id) {
            open.emit(m.clone());
        }
    })
}

/// A producer's target, schedule and count. The routing key has a line of
/// its own: it is what a topic or direct lesson is about, so it is never
/// cut to make room.
fn producer_view(target: Option<&(String, String)>, schedule: &str, sent: u32) -> Html {
    let target = match target {
        None => html! {
            <div class="node-line"><span class="node-warn">{ "not connected: drag from ● to an exchange" }</span></div>
        },
        Some((name, key)) => html! {
            <>
                <div class="node-line target"><span>{ "→ " }<b>{ name.clone() }</b></span></div>
                <div class="node-line key" title={format!("routing key {key}")}><span><span class="key-word">{ "key " }</span><code>{ key.clone() }</code></span></div>
            </>
        },
    };
    html! {
        <div class="node-body">
            { target }
            <div class="node-line muted">
                <span>{ schedule.to_string() }</span>
                <span class="stat sent"><b>{ sent }</b>{ " sent" }</span>
            </div>
        </div>
    }
}

/// A queue's two counts.
struct QueueCounts {
    ready: usize,
    unacked: u64,
}

/// A queue's counts, first messages and flags (led by its type).
fn queue_view(
    n: QueueCounts,
    chips: &[Chip],
    flags: &str,
    queue_type: QueueType,
    on_chip: Callback<MouseEvent>,
) -> Html {
    let more = n.ready.saturating_sub(QUEUE_CHIPS);
    let (ready_label, ready_title, chips_label) = if queue_type == QueueType::Stream {
        (
            " in stream",
            "Messages the stream holds (acks remove nothing; retention removes whole segments)",
            "Newest messages in the stream",
        )
    } else {
        (" ready", "Ready: waiting to be delivered", "First messages in the queue")
    };
    html! {
        <div class="node-body">
            <div class="node-line stats">
                <span class="stat ready" title={ready_title}><b>{ n.ready }</b>{ ready_label }</span>
                <span class="stat unacked" title="Delivered, waiting for an ack"><b>{ n.unacked }</b>{ " unacked" }</span>
            </div>
            <ol class="msg-chips" aria-label={chips_label} onclick={on_chip}>
                { for chips.iter().map(chip_html) }
                if more > 0 { <li class="msg-more">{ format!("+{more}") }</li> }
                if n.ready == 0 { <li class="msg-empty">{ "empty" }</li> }
            </ol>
            // The type leads the last line, so the counts above keep their room.
            <div class="node-line muted flags" title={flags.to_string()}>
                if queue_type != QueueType::Classic {
                    <span class={classes!("queue-type", queue_type.as_str())} data-queue-type={queue_type.as_str()}>{ queue_type.as_str() }</span>
                    { " " }
                }
                { flags.to_string() }
            </div>
        </div>
    }
}

/// A consumer's unacked count, held messages, counts and mode or status.
fn consumer_view(state: &BodyState, on_chip: Callback<MouseEvent>) -> Html {
    let BodyState::Consumer { auto, unacked, prefetch, chips, idle, delivered, acked, status, mode } = state else {
        return html! {};
    };
    html! {
        <div class="node-body">
            <div class="node-line stats">
                <span class="stat unacked" title={if *auto { "auto-ack: nothing to ack" } else { "Unacked deliveries / prefetch" }}>
                    <b>{ *unacked }</b>{ format!("/{prefetch} unacked") }
                </span>
            </div>
            <ol class="msg-chips" aria-label="Messages it holds" onclick={on_chip}>
                { for chips.iter().map(chip_html) }
                if *idle { <li class="msg-empty">{ "idle" }</li> }
            </ol>
            <div class="node-line muted">
                <span class="stat received" title="Deliveries received"><b>{ *delivered }</b>{ " received" }</span>
                <span class="stat acked" title="Acked"><b>{ *acked }</b>{ " acked" }</span>
            </div>
            if let Some((class, text)) = status {
                <div class={classes!("node-status", *class)}>{ text.clone() }</div>
            } else {
                <div class="node-line muted">{ mode.clone() }</div>
            }
        </div>
    }
}

/// Shown on a queue or exchange the broker does not have (lost on a
/// restart, or deleted): with a button to declare the topology again.
#[function_component(Vanished)]
fn vanished() -> Html {
    let stage = use_quiet_stage();
    let dispatch = use_canvas_doc().dispatch;
    let onclick = {
        let stage = stage.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            stage.act(|sim| sim.redeclare_all());
            dispatch.dispatch(EditAction::DismissNotice);
        })
    };
    html! {
        <div class="node-gone" role="status">
            <span>{ "not in the broker" }</span>
            <button type="button" class="redeclare" {onclick} title="Declare the canvas's exchanges, queues and bindings again, as a client does when it reconnects">{ "declare again" }</button>
        </div>
    }
}
