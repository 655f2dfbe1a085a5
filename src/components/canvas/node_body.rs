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
use crate::i18n::{t, Lang, Msg};
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
fn chip_html(c: &Chip, lang: Lang) -> Html {
    let id = c.message.id;
    let body = c.message.body.to_string();
    let label = if c.redelivered {
        msg!("canvas-chip-redelivered", id = id, body = body)
    } else {
        msg!("canvas-chip", id = id, body = body)
    }
    .render(lang);
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
    let lang = crate::components::use_lang();
    let on_chip = chip_opener(&props.state, open);
    match &props.state {
        BodyState::Missing => html! {},
        BodyState::Producer { target, schedule, sent } => producer_view(target.as_ref(), schedule, *sent, lang),
        BodyState::DefaultExchange => html! {
            <div class="node-body"><div class="node-line muted" title={t!(lang, "canvas-default-exchange.title")}>{ t!(lang, "canvas-default-exchange") }</div></div>
        },
        BodyState::Exchange { bindings, flags, vanished } => html! {
            <div class="node-body">
                <div class="node-line muted">
                    <span>{ msg!("unit-bindings", count = *bindings).render(lang) }</span>
                    if !flags.is_empty() { <span>{ joined(flags, lang) }</span> }
                </div>
                if *vanished { <Vanished /> }
            </div>
        },
        BodyState::QueueGone => html! { <div class="node-body"><Vanished /></div> },
        BodyState::Queue { ready, unacked, chips, flags, queue_type } => {
            let counts = QueueCounts { ready: *ready, unacked: *unacked };
            queue_view(counts, chips, &joined(flags, lang), *queue_type, on_chip, lang)
        }
        BodyState::Consumer { .. } => consumer_view(&props.state, on_chip, lang),
    }
}

/// A node's flags in one line: `durable · max 5`.
fn joined(flags: &[Msg], lang: Lang) -> String {
    flags.iter().map(|f| f.render(lang)).collect::<Vec<_>>().join(" · ")
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
fn producer_view(target: Option<&(Msg, String)>, schedule: &Msg, sent: u32, lang: Lang) -> Html {
    let target = match target {
        None => html! {
            <div class="node-line"><span class="node-warn">{ t!(lang, "canvas-producer-unconnected") }</span></div>
        },
        Some((name, key)) => html! {
            <>
                <div class="node-line target"><span>{ "→ " }<b>{ name.render(lang) }</b></span></div>
                <div class="node-line key" title={msg!("canvas-routing-key.title", key = key.clone()).render(lang)}>
                    <span><span class="key-word">{ t!(lang, "canvas-routing-key") }{ " " }</span><code>{ key.clone() }</code></span>
                </div>
            </>
        },
    };
    html! {
        <div class="node-body">
            { target }
            <div class="node-line muted">
                <span>{ schedule.render(lang) }</span>
                <span class="stat sent"><b>{ sent }</b>{ " " }{ t!(lang, "canvas-stat-sent") }</span>
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
    lang: Lang,
) -> Html {
    let more = n.ready.saturating_sub(QUEUE_CHIPS);
    let stream = queue_type == QueueType::Stream;
    let [ready, ready_title, chips_title] = if stream {
        [id!("canvas-stat-in-stream"), id!("canvas-stat-in-stream.title"), id!("canvas-stat-in-stream.chips")]
    } else {
        [id!("canvas-stat-ready"), id!("canvas-stat-ready.title"), id!("canvas-stat-ready.chips")]
    };
    let chips_label = t(lang, chips_title);
    html! {
        <div class="node-body">
            <div class="node-line stats">
                <span class="stat ready" title={t(lang, ready_title)}><b>{ n.ready }</b>{ " " }{ t(lang, ready) }</span>
                <span class="stat unacked" title={t!(lang, "canvas-stat-unacked.title")}><b>{ n.unacked }</b>{ " " }{ t!(lang, "canvas-stat-unacked") }</span>
            </div>
            <ol class="msg-chips" aria-label={chips_label} onclick={on_chip}>
                { for chips.iter().map(|c| chip_html(c, lang)) }
                if more > 0 { <li class="msg-more">{ format!("+{more}") }</li> }
                if n.ready == 0 { <li class="msg-empty">{ t!(lang, "canvas-chips-empty") }</li> }
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
fn consumer_view(state: &BodyState, on_chip: Callback<MouseEvent>, lang: Lang) -> Html {
    let BodyState::Consumer { auto, unacked, prefetch, chips, idle, delivered, acked, status, mode } = state else {
        return html! {};
    };
    let unacked_title =
        t(lang, if *auto { id!("canvas-consumer-auto-ack.title") } else { id!("canvas-consumer-unacked.title") });
    html! {
        <div class="node-body">
            <div class="node-line stats">
                <span class="stat unacked" title={unacked_title}>
                    <b>{ *unacked }</b>{ format!("/{prefetch} ") }{ t!(lang, "canvas-stat-unacked") }
                </span>
            </div>
            <ol class="msg-chips" aria-label={t!(lang, "canvas-consumer-chips.aria-label")} onclick={on_chip}>
                { for chips.iter().map(|c| chip_html(c, lang)) }
                if *idle { <li class="msg-empty">{ t!(lang, "canvas-chips-idle") }</li> }
            </ol>
            <div class="node-line muted">
                <span class="stat received" title={t!(lang, "canvas-stat-received.title")}><b>{ *delivered }</b>{ " " }{ t!(lang, "canvas-stat-received") }</span>
                <span class="stat acked" title={t!(lang, "canvas-stat-acked.title")}><b>{ *acked }</b>{ " " }{ t!(lang, "canvas-stat-acked") }</span>
            </div>
            if let Some((class, text)) = status {
                <div class={classes!("node-status", *class)}>{ text.render(lang) }</div>
            } else {
                <div class="node-line muted">{ mode.render(lang) }</div>
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
    let lang = crate::components::use_lang();
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
            <span>{ t!(lang, "canvas-vanished") }</span>
            <button type="button" class="redeclare" {onclick} title={t!(lang, "canvas-redeclare.title")}>{ t!(lang, "canvas-redeclare") }</button>
        </div>
    }
}
