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
use crate::scenario::{AckMode, NodeKind, Schedule, DEFAULT_EXCHANGE_ID};
use crate::simulation::Down;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::context::{use_canvas_doc, use_live_stage, use_open_message, use_quiet_stage};

/// How many messages a queue shows.
pub const QUEUE_CHIPS: usize = 4;
/// How many deliveries a consumer shows.
pub const CONSUMER_CHIPS: usize = 5;

/// Properties of [`NodeBody`].
#[derive(Properties, PartialEq)]
pub struct NodeBodyProps {
    /// The node id.
    pub id: AttrValue,
    /// Its kind.
    pub kind: NodeKind,
}

/// A message's body, cut short for a chip.
pub fn chip_text(body: &str, max: usize) -> String {
    let mut s: String = body.chars().take(max).collect();
    if body.chars().count() > max {
        s.push('…');
    }
    if s.is_empty() {
        s.push_str("(empty)");
    }
    s
}

/// A duration in ms as people read it: `500 ms`, `2 s`, `1.5 s`.
pub fn format_ms(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// A producer's schedule in words.
pub fn schedule_text(s: &Schedule) -> String {
    match s {
        Schedule::Manual => "on demand".into(),
        Schedule::Once { at_ms } => format!("once at {}", format_ms(*at_ms)),
        Schedule::Every { every_ms, count: None, batch: 1, .. } => format!("every {}", format_ms(*every_ms)),
        Schedule::Every { every_ms, count: Some(n), batch: 1, .. } => {
            format!("every {}, {n} in all", format_ms(*every_ms))
        }
        Schedule::Every { every_ms, count: None, batch, .. } => format!("{batch} every {}", format_ms(*every_ms)),
        Schedule::Every { every_ms, count: Some(n), batch, .. } => {
            format!("{batch} every {}, {n} in all", format_ms(*every_ms))
        }
        Schedule::Burst { count, at_ms } => format!("{count} at once at {}", format_ms(*at_ms)),
    }
}

/// One message as a node shows it: a small button (`data-message-id`)
/// that opens the message inspector.
#[derive(Clone)]
struct Chip {
    /// Its delivery tag (a consumer) or copy id (a queue).
    key: u64,
    message: Rc<Message>,
    redelivered: bool,
    busy: bool,
}

impl PartialEq for Chip {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && Rc::ptr_eq(&self.message, &other.message)
            && self.redelivered == other.redelivered
            && self.busy == other.busy
    }
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

/// What a node's body shows, read from the engine and the scenario at a
/// refresh. [`NodeBody`] takes it at every refresh and [`BodyView`] draws
/// it only when it changed, so a refresh touches the DOM of the nodes whose
/// counts or messages moved, and there only what changed.
#[derive(Clone, PartialEq)]
enum BodyState {
    /// The node is not in the scenario (any more).
    Missing,
    Producer {
        /// The exchange's name and the routing key; none when not connected.
        target: Option<(String, String)>,
        schedule: String,
        sent: u32,
    },
    DefaultExchange,
    Exchange {
        bindings: usize,
        flags: String,
        vanished: bool,
    },
    /// A queue the broker does not have.
    QueueGone,
    Queue {
        /// Ready messages, or the messages a stream holds.
        ready: usize,
        unacked: u64,
        chips: Vec<Chip>,
        flags: String,
        queue_type: QueueType,
    },
    Consumer {
        auto: bool,
        unacked: usize,
        prefetch: String,
        chips: Vec<Chip>,
        idle: bool,
        delivered: u32,
        acked: u32,
        status: Option<(&'static str, String)>,
        mode: String,
    },
}

impl BodyState {
    fn chips(&self) -> &[Chip] {
        match self {
            BodyState::Queue { chips, .. } | BodyState::Consumer { chips, .. } => chips,
            _ => &[],
        }
    }
}

/// What the body of node `id` shows now.
fn body_state(
    s: &crate::scenario::Scenario,
    rt: &crate::monitor::runtime::Runtime,
    id: &str,
    kind: NodeKind,
) -> BodyState {
    let sim = &rt.sim;
    match kind {
        NodeKind::Producer => {
            let Some(p) = s.producer(id) else { return BodyState::Missing };
            let target = p.exchange.as_deref().map(|x| {
                let name = s.exchange_name(x).unwrap_or_default();
                let name = if name.is_empty() { "(default)".to_string() } else { name.to_string() };
                let key =
                    if p.message.routing_key.is_empty() { "\"\"".to_string() } else { p.message.routing_key.clone() };
                (name, key)
            });
            let sent = sim.producer_state(id).map(|p| p.sent).unwrap_or(0);
            BodyState::Producer { target, schedule: schedule_text(&p.schedule), sent }
        }
        NodeKind::Exchange => {
            if id == DEFAULT_EXCHANGE_ID {
                return BodyState::DefaultExchange;
            }
            let Some(x) = s.exchange(id) else { return BodyState::Missing };
            // What the broker holds (see the queue's flags below).
            let Some(engine) = sim.broker().exchange(&x.name) else {
                let bindings = s.bindings.iter().filter(|b| b.from == id).count();
                return BodyState::Exchange { bindings, flags: String::new(), vanished: true };
            };
            let mut flags: Vec<String> = Vec::new();
            if engine.durable {
                flags.push("durable".into());
            }
            if engine.internal {
                flags.push("internal".into());
            }
            if engine.auto_delete {
                flags.push("auto-delete".into());
            }
            if let Some(ae) = engine.alternate_exchange() {
                flags.push(format!("AE → {}", if ae.is_empty() { "(default)" } else { ae }));
            }
            BodyState::Exchange { bindings: engine.bindings().len(), flags: flags.join(" · "), vanished: false }
        }
        NodeKind::Queue => {
            if s.queue(id).is_none() {
                return BodyState::Missing;
            }
            let Some(engine) = sim.queue_name(id).and_then(|n| sim.broker().queue(n)) else {
                return BodyState::QueueGone;
            };
            let chips = match &engine.stream {
                // A stream shows its newest messages (nothing leaves it on ack).
                Some(log) => log
                    .iter()
                    .rev()
                    .take(QUEUE_CHIPS)
                    .map(|e| Chip { key: e.copy, message: e.message.clone(), redelivered: false, busy: false })
                    .collect(),
                None => engine
                    .ready
                    .iter()
                    .take(QUEUE_CHIPS)
                    .map(|m| Chip { key: m.copy, message: m.message.clone(), redelivered: m.redelivered, busy: false })
                    .collect(),
            };
            // The flags say what the broker holds, not what the scenario
            // asks: after a refused redeclare (406) the two differ, and the
            // node's callout explains the scenario's side.
            let settings = &engine.settings;
            let mut flags: Vec<String> = vec![format!(
                "{} consumer{}",
                engine.consumers.len(),
                if engine.consumers.len() == 1 { "" } else { "s" }
            )];
            if engine.durable {
                flags.push("durable".into());
            }
            if engine.exclusive_owner.is_some() {
                flags.push("exclusive".into());
            }
            if let Some(t) = settings.message_ttl {
                flags.push(format!("TTL {}", format_ms(t)));
            }
            if let Some(m) = settings.max_length {
                flags.push(format!("max {m}"));
            }
            if let Some(p) = settings.max_priority {
                flags.push(format!("priority ≤{p}"));
            }
            if let Some(d) = &settings.dead_letter_exchange {
                flags.push(format!("DLX → {}", if d.is_empty() { "(default)" } else { d }));
            }
            if let Some(l) = settings.delivery_limit {
                flags.push(format!("delivery limit {l}"));
            }
            if let Some(log) = &engine.stream {
                flags.push(format!("offsets {}–{}", log.first_offset(), log.next_offset()));
            }
            BodyState::Queue {
                ready: engine.message_count() as usize,
                unacked: engine.unacked,
                chips,
                flags: flags.join(" · "),
                queue_type: settings.queue_type,
            }
        }
        NodeKind::Consumer => {
            let Some(c) = s.consumer(id) else { return BodyState::Missing };
            let state = sim.consumer_state(id);
            let stats = rt.monitor.consumer_stats(id);
            let channel = state.and_then(|st| st.channel).and_then(|ch| sim.broker().channel(ch));
            let auto = c.ack == AckMode::Auto;
            let unacked = channel.map_or(0, |ch| ch.unacked.len());
            let busy_tag = state.and_then(|st| st.jobs.front()).map(|j| j.delivery_tag);
            let chip = |tag: u64, message: &Rc<Message>, redelivered: bool| Chip {
                key: tag,
                message: message.clone(),
                redelivered,
                busy: Some(tag) == busy_tag,
            };
            // What it holds: its jobs (auto-ack) or its channel's unacked deliveries.
            let (chips, working): (Vec<Chip>, usize) = if auto {
                let jobs = state.map(|st| &st.jobs);
                (
                    jobs.map(|j| {
                        j.iter().take(CONSUMER_CHIPS).map(|j| chip(j.delivery_tag, &j.message, j.redelivered)).collect()
                    })
                    .unwrap_or_default(),
                    jobs.map_or(0, |j| j.len()),
                )
            } else {
                (
                    channel
                        .map(|ch| {
                            ch.unacked
                                .iter()
                                .take(CONSUMER_CHIPS)
                                .map(|(tag, u)| chip(*tag, &u.message.message, u.message.redelivered))
                                .collect()
                        })
                        .unwrap_or_default(),
                    unacked,
                )
            };
            let status = match state.and_then(|st| st.down.clone()) {
                Some(Down::Killed) => Some(("killed", "killed: channel closed".to_string())),
                Some(Down::Crashed) => Some(("crashed", format!("crashed after {}", c.crash_after.unwrap_or(0)))),
                Some(Down::Unconnected) => Some(("unconnected", "not connected to a queue".to_string())),
                Some(Down::NoQueue) => Some(("no-queue", "its queue is gone".to_string())),
                Some(Down::Refused) => Some(("refused", "consume refused".to_string())),
                None => None,
            };
            BodyState::Consumer {
                auto,
                unacked: if auto { 0 } else { unacked },
                prefetch: if auto || c.prefetch == 0 { "∞".to_string() } else { c.prefetch.to_string() },
                chips,
                idle: working == 0 && status.is_none(),
                delivered: stats.delivered,
                acked: stats.acked,
                mode: format!(
                    "{} · {} each",
                    if auto { "auto-ack".to_string() } else { c.outcome.label().to_string() },
                    format_ms(c.processing_ms)
                ),
                status,
            }
        }
    }
}

/// The live part of a node: at every refresh it reads what the body shows
/// ([`BodyState`]) and hands it to [`BodyView`], which renders only when
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
    let on_chip = {
        let chips: Vec<Rc<Message>> = props.state.chips().iter().map(|c| c.message.clone()).collect();
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
    };
    match &props.state {
        BodyState::Missing => html! {},
        BodyState::Producer { target, schedule, sent } => {
            let target = match target {
                None => html! { <span class="node-warn">{ "not connected: drag from ● to an exchange" }</span> },
                Some((name, key)) => {
                    html! { <span>{ "→ " }<b>{ name.clone() }</b>{ " · key " }<code>{ key.clone() }</code></span> }
                }
            };
            html! {
                <div class="node-body">
                    <div class="node-line">{ target }</div>
                    <div class="node-line muted">
                        <span>{ schedule.clone() }</span>
                        <span class="stat sent"><b>{ *sent }</b>{ " sent" }</span>
                    </div>
                </div>
            }
        }
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
            let more = ready.saturating_sub(QUEUE_CHIPS);
            let stream = *queue_type == QueueType::Stream;
            let (ready_label, ready_title, chips_label) = if stream {
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
                        if *queue_type != QueueType::Classic {
                            <span class={classes!("queue-type", queue_type.as_str())} data-queue-type={queue_type.as_str()}>{ queue_type.as_str() }</span>
                        }
                        <span class="stat ready" title={ready_title}><b>{ *ready }</b>{ ready_label }</span>
                        <span class="stat unacked" title="Delivered, waiting for an ack"><b>{ *unacked }</b>{ " unacked" }</span>
                    </div>
                    <ol class="msg-chips" aria-label={chips_label} onclick={on_chip}>
                        { for chips.iter().map(chip_html) }
                        if more > 0 { <li class="msg-more">{ format!("+{more}") }</li> }
                        if *ready == 0 { <li class="msg-empty">{ "empty" }</li> }
                    </ol>
                    <div class="node-line muted flags" title={flags.clone()}>{ flags.clone() }</div>
                </div>
            }
        }
        BodyState::Consumer { auto, unacked, prefetch, chips, idle, delivered, acked, status, mode } => html! {
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
        },
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
