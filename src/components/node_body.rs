//! What a node shows below its name, read from the engine at each render:
//! a queue's ready and unacked counts and its first messages, a consumer's
//! unacked deliveries against its prefetch, what a producer sends and how
//! often, an exchange's flags. Message chips open the message inspector.

use std::rc::Rc;

use yew::prelude::*;

use crate::editor::EditAction;
use crate::engine::Message;
use crate::scenario::{AckMode, NodeKind, Schedule, DEFAULT_EXCHANGE_ID};
use crate::simulation::Down;

use super::context::{use_canvas_doc, use_open_message, use_stage};

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
        Schedule::Every { every_ms, count: Some(n), batch: 1, .. } => format!("every {}, {n} in all", format_ms(*every_ms)),
        Schedule::Every { every_ms, count: None, batch, .. } => format!("{batch} every {}", format_ms(*every_ms)),
        Schedule::Every { every_ms, count: Some(n), batch, .. } => format!("{batch} every {}, {n} in all", format_ms(*every_ms)),
        Schedule::Burst { count, at_ms } => format!("{count} at once at {}", format_ms(*at_ms)),
    }
}

#[derive(Properties, PartialEq)]
struct ChipProps {
    message: Rc<Message>,
    redelivered: bool,
    #[prop_or_default]
    busy: bool,
}

/// One message as a small button.
#[function_component(MessageChip)]
fn message_chip(props: &ChipProps) -> Html {
    let open = use_open_message();
    let onclick = {
        let m = props.message.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            open.emit(m.clone());
        })
    };
    let label = format!(
        "message #{}: {}{}",
        props.message.id,
        props.message.body,
        if props.redelivered { " (redelivered)" } else { "" }
    );
    html! {
        <li>
            <button type="button" class={classes!("msg-chip", props.redelivered.then_some("redelivered"), props.busy.then_some("busy"))}
                    data-message-id={props.message.id.to_string()} title={label.clone()} aria-label={label} {onclick}>
                if props.redelivered { <span class="redelivered-mark" aria-hidden="true">{ "↻" }</span> }
                { format!("#{}", props.message.id) }
            </button>
        </li>
    }
}

/// The live part of a node.
#[function_component(NodeBody)]
pub fn node_body(props: &NodeBodyProps) -> Html {
    let doc = use_canvas_doc();
    let stage = use_stage();
    let s = doc.scenario.clone();
    let id = props.id.as_str();
    let rt = stage.runtime.borrow();
    let sim = &rt.sim;
    match props.kind {
        NodeKind::Producer => {
            let Some(p) = s.producer(id) else { return html! {} };
            let target = match p.exchange.as_deref() {
                None => html! { <span class="node-warn">{ "not connected: drag from ● to an exchange" }</span> },
                Some(x) => {
                    let name = s.exchange_name(x).unwrap_or_default();
                    let name = if name.is_empty() { "(default)".to_string() } else { name.to_string() };
                    html! { <span>{ "→ " }<b>{ name }</b>{ " · key " }<code>{ if p.message.routing_key.is_empty() { "\"\"".to_string() } else { p.message.routing_key.clone() } }</code></span> }
                }
            };
            let sent = sim.producer_state(id).map(|p| p.sent).unwrap_or(0);
            html! {
                <div class="node-body">
                    <div class="node-line">{ target }</div>
                    <div class="node-line muted">
                        <span>{ schedule_text(&p.schedule) }</span>
                        <span class="stat sent"><b>{ sent }</b>{ " sent" }</span>
                    </div>
                </div>
            }
        }
        NodeKind::Exchange => {
            if id == DEFAULT_EXCHANGE_ID {
                return html! {
                    <div class="node-body"><div class="node-line muted" title="routes each message to the queue named by its routing key">{ "routes by queue name" }</div></div>
                };
            }
            let Some(x) = s.exchange(id) else { return html! {} };
            // What the broker holds (see the queue's flags below).
            let Some(engine) = sim.broker().exchange(&x.name) else {
                return html! { <div class="node-body"><Vanished /></div> };
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
            let bindings = engine.bindings().len();
            html! {
                <div class="node-body">
                    <div class="node-line muted">
                        <span>{ format!("{bindings} binding{}", if bindings == 1 { "" } else { "s" }) }</span>
                        if !flags.is_empty() { <span>{ flags.join(" · ") }</span> }
                    </div>
                </div>
            }
        }
        NodeKind::Queue => {
            if s.queue(id).is_none() {
                return html! {};
            }
            let engine = sim.queue_name(id).and_then(|n| sim.broker().queue(n));
            let Some(engine) = engine else {
                return html! { <div class="node-body"><Vanished /></div> };
            };
            let ready = engine.ready.len();
            let chips: Vec<Html> = engine
                .ready
                .iter()
                .take(QUEUE_CHIPS)
                .map(|m| html! { <MessageChip key={m.copy.to_string()} message={m.message.clone()} redelivered={m.redelivered} /> })
                .collect();
            let more = ready.saturating_sub(QUEUE_CHIPS);
            // The flags say what the broker holds, not what the scenario
            // asks: after a refused redeclare (406) the two differ, and the
            // node's callout explains the scenario's side.
            let settings = &engine.settings;
            let mut flags: Vec<String> = vec![format!("{} consumer{}", engine.consumers.len(), if engine.consumers.len() == 1 { "" } else { "s" })];
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
            html! {
                <div class="node-body">
                    <div class="node-line stats">
                        <span class="stat ready" title="Ready: waiting to be delivered"><b>{ ready }</b>{ " ready" }</span>
                        <span class="stat unacked" title="Delivered, waiting for an ack"><b>{ engine.unacked }</b>{ " unacked" }</span>
                    </div>
                    <ol class="msg-chips" aria-label="First messages in the queue">
                        { for chips }
                        if more > 0 { <li class="msg-more">{ format!("+{more}") }</li> }
                        if ready == 0 { <li class="msg-empty">{ "empty" }</li> }
                    </ol>
                    <div class="node-line muted flags" title={flags.join(" · ")}>{ flags.join(" · ") }</div>
                </div>
            }
        }
        NodeKind::Consumer => {
            let Some(c) = s.consumer(id) else { return html! {} };
            let state = sim.consumer_state(id);
            let stats = rt.monitor.consumer_stats(id);
            let channel = state.and_then(|st| st.channel);
            let unacked: Vec<(u64, Rc<Message>, bool)> = channel
                .and_then(|ch| sim.broker().channel(ch))
                .map(|ch| ch.unacked.iter().map(|(tag, u)| (*tag, u.message.message.clone(), u.message.redelivered)).collect())
                .unwrap_or_default();
            let auto = c.ack == AckMode::Auto;
            let working: Vec<(u64, Rc<Message>, bool)> = if auto {
                state.map(|st| st.jobs.iter().map(|j| (j.delivery_tag, j.message.clone(), j.redelivered)).collect()).unwrap_or_default()
            } else {
                unacked.clone()
            };
            let busy_tag = state.and_then(|st| st.jobs.front()).map(|j| j.delivery_tag);
            let status = match state.and_then(|st| st.down.clone()) {
                Some(Down::Killed) => Some(("killed", "killed: channel closed".to_string())),
                Some(Down::Crashed) => Some(("crashed", format!("crashed after {}", c.crash_after.unwrap_or(0)))),
                Some(Down::Unconnected) => Some(("unconnected", "not connected to a queue".to_string())),
                Some(Down::NoQueue) => Some(("no-queue", "its queue is gone".to_string())),
                Some(Down::Refused) => Some(("refused", "consume refused".to_string())),
                None => None,
            };
            let prefetch = if auto || c.prefetch == 0 { "∞".to_string() } else { c.prefetch.to_string() };
            let chips: Vec<Html> = working
                .iter()
                .take(CONSUMER_CHIPS)
                .map(|(tag, m, re)| html! { <MessageChip key={tag.to_string()} message={m.clone()} redelivered={*re} busy={Some(*tag) == busy_tag} /> })
                .collect();
            let down = status.is_some();
            html! {
                <div class="node-body">
                    <div class="node-line stats">
                        <span class="stat unacked" title={if auto { "auto-ack: nothing to ack" } else { "Unacked deliveries / prefetch" }}>
                            <b>{ if auto { 0 } else { unacked.len() } }</b>{ format!("/{prefetch} unacked") }
                        </span>
                    </div>
                    <ol class="msg-chips" aria-label="Messages it holds">
                        { for chips }
                        if working.is_empty() && !down { <li class="msg-empty">{ "idle" }</li> }
                    </ol>
                    <div class="node-line muted">
                        <span class="stat received" title="Deliveries received"><b>{ stats.delivered }</b>{ " received" }</span>
                        <span class="stat acked" title="Acked"><b>{ stats.acked }</b>{ " acked" }</span>
                    </div>
                    if let Some((class, text)) = status {
                        <div class={classes!("node-status", class)}>{ text }</div>
                    } else {
                        <div class="node-line muted">{ format!("{} · {} each", if auto { "auto-ack".to_string() } else { c.outcome.label().to_string() }, format_ms(c.processing_ms)) }</div>
                    }
                </div>
            }
        }
    }
}

/// Shown on a queue or exchange the broker does not have (lost on a
/// restart, or deleted): with a button to declare the topology again.
#[function_component(Vanished)]
fn vanished() -> Html {
    let stage = use_stage();
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
