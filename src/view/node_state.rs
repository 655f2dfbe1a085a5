//! What a node shows below its name, as data: a function of the scenario,
//! the engine's state and the simulation's (never of how the clock got
//! there). The canvas's `NodeBody` reads a [`BodyState`] at every refresh
//! and draws it; natively tested here.

use std::rc::Rc;

use crate::engine::{Message, Queue};
use crate::i18n::Msg;
use crate::monitor::program_topology::pid_of;
use crate::monitor::runtime::Runtime;
use crate::scenario::{AckMode, NodeKind, Outcome, Scenario, Schedule, DEFAULT_EXCHANGE_ID};
use crate::simulation::{ConsumerState, Down};

/// How many messages a queue shows.
pub const QUEUE_CHIPS: usize = 4;
/// How many deliveries a consumer shows.
pub const CONSUMER_CHIPS: usize = 5;

/// A message's body, cut short for a chip.
pub fn chip_text(body: &str, max: usize, lang: crate::i18n::Lang) -> String {
    let mut s: String = body.chars().take(max).collect();
    if body.chars().count() > max {
        s.push('…');
    }
    if s.is_empty() {
        s.push_str(&crate::t!(lang, "view-empty-body"));
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
pub fn schedule_text(s: &Schedule) -> Msg {
    match s {
        Schedule::Manual => msg!("view-schedule-manual"),
        Schedule::Once { at_ms } => msg!("view-schedule-once", at = format_ms(*at_ms)),
        Schedule::Every { every_ms, count: None, batch: 1, .. } => {
            msg!("view-schedule-every", every = format_ms(*every_ms))
        }
        Schedule::Every { every_ms, count: Some(n), batch: 1, .. } => {
            msg!("view-schedule-every-count", every = format_ms(*every_ms), count = *n)
        }
        Schedule::Every { every_ms, count: None, batch, .. } => {
            msg!("view-schedule-batch", batch = *batch, every = format_ms(*every_ms))
        }
        Schedule::Every { every_ms, count: Some(n), batch, .. } => {
            msg!("view-schedule-batch-count", batch = *batch, every = format_ms(*every_ms), count = *n)
        }
        Schedule::Burst { count, at_ms } => msg!("view-schedule-burst", count = *count, at = format_ms(*at_ms)),
    }
}

/// What a consumer does with each delivery, in words.
pub fn outcome_text(o: Outcome) -> Msg {
    match o {
        Outcome::Ack => msg!("view-outcome-ack"),
        Outcome::NackRequeue => msg!("view-outcome-nack-requeue"),
        Outcome::Nack => msg!("view-outcome-nack"),
        Outcome::Reject => msg!("view-outcome-reject"),
        Outcome::RejectRequeue => msg!("view-outcome-reject-requeue"),
        Outcome::NeverAck => msg!("view-outcome-never-ack"),
    }
}

/// The default exchange's name as a node shows it (it has none).
fn exchange_shown(name: &str) -> Msg {
    if name.is_empty() {
        msg!("view-default-name")
    } else {
        crate::i18n::Msg::verbatim(name)
    }
}

/// One message as a node shows it: a small button (`data-message-id`)
/// that opens the message inspector.
#[derive(Clone, Debug)]
pub struct Chip {
    /// Its delivery tag (a consumer) or copy id (a queue).
    pub key: u64,
    /// The message.
    pub message: Rc<Message>,
    /// Delivered before.
    pub redelivered: bool,
    /// Being processed now (a consumer's first job).
    pub busy: bool,
}

impl PartialEq for Chip {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && Rc::ptr_eq(&self.message, &other.message)
            && self.redelivered == other.redelivered
            && self.busy == other.busy
    }
}

/// What a node's body shows, read from the engine and the scenario at a
/// refresh. The canvas's `NodeBody` takes it at every refresh and draws it
/// only when it changed, so a refresh touches the DOM of the nodes whose
/// counts or messages moved, and there only what changed.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyState {
    /// The node is not in the scenario (any more).
    Missing,
    /// A producer: where it publishes, its schedule, how many it sent.
    Producer {
        /// The exchange's name and the routing key; none when not connected.
        target: Option<(Msg, String)>,
        /// The schedule in words.
        schedule: Msg,
        /// Messages published so far.
        sent: u32,
    },
    /// The default exchange.
    DefaultExchange,
    /// An exchange: its bindings in the broker and its flags.
    Exchange {
        /// Bindings from it in the broker.
        bindings: usize,
        /// durable, internal, auto-delete, alternate exchange.
        flags: Vec<Msg>,
        /// The broker does not have it.
        vanished: bool,
    },
    /// A queue the broker does not have.
    QueueGone,
    /// A queue: its counts, first messages and flags as the broker has them.
    Queue {
        /// Ready messages, or the messages a stream holds.
        ready: usize,
        /// Delivered, not yet acked.
        unacked: u64,
        /// The first ready messages.
        chips: Vec<Chip>,
        /// What the broker holds (durable, TTL, max length, ...).
        flags: Vec<Msg>,
        /// Classic, quorum or stream.
        queue_type: crate::engine::QueueType,
    },
    /// A consumer: what it holds, its tallies, why it is down.
    Consumer {
        /// Auto-ack.
        auto: bool,
        /// Unacked deliveries on its channel.
        unacked: usize,
        /// Its prefetch (`∞` for none).
        prefetch: String,
        /// The messages it holds.
        chips: Vec<Chip>,
        /// Holds nothing and is up.
        idle: bool,
        /// Deliveries received ([`crate::scenario::ConsumerNode::crashes_at`] counts the same way).
        delivered: u32,
        /// Deliveries acked.
        acked: u32,
        /// Why it is down: a class and the text.
        status: Option<(&'static str, Msg)>,
        /// Its ack mode and processing time.
        mode: Msg,
    },
}

impl BodyState {
    /// The message chips it shows.
    pub fn chips(&self) -> &[Chip] {
        match self {
            BodyState::Queue { chips, .. } | BodyState::Consumer { chips, .. } => chips,
            _ => &[],
        }
    }
}

/// What the body of node `id` shows now.
pub fn body_state(s: &Scenario, rt: &Runtime, id: &str, kind: NodeKind) -> BodyState {
    match kind {
        NodeKind::Producer => producer_body(s, rt, id),
        NodeKind::Exchange => exchange_body(s, rt, id),
        NodeKind::Queue => queue_body(s, rt, id),
        NodeKind::Consumer => consumer_body(s, rt, id),
    }
}

/// A producer: where it publishes, its schedule, how many it sent.
fn producer_body(s: &Scenario, rt: &Runtime, id: &str) -> BodyState {
    let Some(p) = s.producer(id) else { return BodyState::Missing };
    let target = p.exchange.as_deref().map(|x| {
        let name = s.exchange_name(x).unwrap_or_default();
        let name = exchange_shown(name);
        let key = if p.message.routing_key.is_empty() { "\"\"".to_string() } else { p.message.routing_key.clone() };
        (name, key)
    });
    // A process's node: what it sent, and whether it still runs.
    if let Some(process) = pid_of(id).and_then(|pid| rt.sim.processes().find(|(p, _)| *p == pid).map(|(_, p)| p)) {
        let state = match process.exit {
            Some(code) => msg!("programs-process-exited", code = code),
            None => msg!("programs-process-running"),
        };
        return BodyState::Producer { target, schedule: state, sent: process.traffic.sent };
    }
    let sent = rt.sim.producer_state(id).map(|p| p.sent).unwrap_or(0);
    BodyState::Producer { target, schedule: schedule_text(&p.schedule), sent }
}

/// An exchange: its bindings and the flags the broker holds (see
/// [`queue_flags`]).
fn exchange_body(s: &Scenario, rt: &Runtime, id: &str) -> BodyState {
    if id == DEFAULT_EXCHANGE_ID {
        return BodyState::DefaultExchange;
    }
    let Some(x) = s.exchange(id) else { return BodyState::Missing };
    let Some(engine) = rt.sim.broker().exchange(&x.name) else {
        let bindings = s.bindings.iter().filter(|b| b.from == id).count();
        return BodyState::Exchange { bindings, flags: Vec::new(), vanished: true };
    };
    let mut flags: Vec<Msg> = Vec::new();
    if engine.durable {
        flags.push(msg!("view-flag-durable"));
    }
    if engine.internal {
        flags.push(msg!("view-flag-internal"));
    }
    if engine.auto_delete {
        flags.push(msg!("view-flag-auto-delete"));
    }
    if let Some(ae) = engine.alternate_exchange() {
        flags.push(msg!("view-flag-ae", exchange = exchange_shown(ae)));
    }
    BodyState::Exchange { bindings: engine.bindings().len(), flags, vanished: false }
}

/// A queue: its counts, first messages and the flags the broker holds.
fn queue_body(s: &Scenario, rt: &Runtime, id: &str) -> BodyState {
    if s.queue(id).is_none() {
        return BodyState::Missing;
    }
    let sim = &rt.sim;
    let name = crate::monitor::program_topology::queue_name(sim, id);
    let Some(engine) = name.and_then(|n| sim.broker().queue(n)) else {
        return BodyState::QueueGone;
    };
    BodyState::Queue {
        ready: engine.message_count() as usize,
        unacked: engine.unacked,
        chips: queue_chips(engine),
        flags: queue_flags(engine),
        queue_type: engine.settings.queue_type,
    }
}

/// A queue's first messages; a stream shows its newest (nothing leaves it
/// on ack).
fn queue_chips(engine: &Queue) -> Vec<Chip> {
    match &engine.stream {
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
    }
}

/// The flags say what the broker holds, not what the scenario asks: after
/// a refused redeclare (406) the two differ, and the node's callout
/// explains the scenario's side.
fn queue_flags(engine: &Queue) -> Vec<Msg> {
    let settings = &engine.settings;
    let mut flags: Vec<Msg> = vec![msg!("unit-consumers", count = engine.consumers.len())];
    if engine.durable {
        flags.push(msg!("view-flag-durable"));
    }
    if engine.exclusive_owner.is_some() {
        flags.push(msg!("view-flag-exclusive"));
    }
    if let Some(t) = settings.message_ttl {
        flags.push(msg!("view-flag-ttl", ttl = format_ms(t)));
    }
    if let Some(m) = settings.max_length {
        flags.push(msg!("view-flag-max-length", max = m));
    }
    if let Some(p) = settings.max_priority {
        flags.push(msg!("view-flag-max-priority", priority = p));
    }
    if let Some(d) = &settings.dead_letter_exchange {
        flags.push(msg!("view-flag-dlx", exchange = exchange_shown(d)));
    }
    if let Some(l) = settings.delivery_limit {
        flags.push(msg!("view-flag-delivery-limit", limit = l));
    }
    if let Some(log) = &engine.stream {
        flags.push(msg!("view-flag-offsets", first = log.first_offset(), next = log.next_offset()));
    }
    flags
}

/// A consumer: what it holds, its counts, its mode and why it is down.
fn consumer_body(s: &Scenario, rt: &Runtime, id: &str) -> BodyState {
    let Some(c) = s.consumer(id) else { return BodyState::Missing };
    let state = rt.sim.consumer_state(id);
    let stats = rt.monitor.consumer_stats(id);
    let auto = c.ack == AckMode::Auto;
    let (chips, working, unacked) = consumer_chips(rt, state, auto);
    let status = state.and_then(|st| st.down.clone()).map(|d| down_status(&d, c.crash_after));
    BodyState::Consumer {
        auto,
        unacked,
        prefetch: if auto || c.prefetch == 0 { "∞".to_string() } else { c.prefetch.to_string() },
        chips,
        idle: working == 0 && status.is_none(),
        delivered: stats.delivered,
        acked: stats.acked,
        mode: msg!(
            "view-consumer-mode",
            outcome = if auto { msg!("view-outcome-auto-ack") } else { outcome_text(c.outcome) },
            each = format_ms(c.processing_ms)
        ),
        status,
    }
}

/// What a consumer holds: its jobs (auto-ack) or its channel's unacked
/// deliveries; with how many it is working on and how many are unacked.
fn consumer_chips(rt: &Runtime, state: Option<&ConsumerState>, auto: bool) -> (Vec<Chip>, usize, usize) {
    let channel = state.and_then(|st| st.channel).and_then(|ch| rt.sim.broker().channel(ch));
    let busy_tag = state.and_then(|st| st.jobs.front()).map(|j| j.delivery_tag);
    let chip = |tag: u64, message: &Rc<Message>, redelivered: bool| Chip {
        key: tag,
        message: message.clone(),
        redelivered,
        busy: Some(tag) == busy_tag,
    };
    if auto {
        let Some(jobs) = state.map(|st| &st.jobs) else { return (Vec::new(), 0, 0) };
        let chips = jobs.iter().take(CONSUMER_CHIPS).map(|j| chip(j.delivery_tag, &j.message, j.redelivered)).collect();
        return (chips, jobs.len(), 0);
    }
    let Some(ch) = channel else { return (Vec::new(), 0, 0) };
    let chips = ch
        .unacked
        .iter()
        .take(CONSUMER_CHIPS)
        .map(|(tag, u)| chip(*tag, &u.message.message, u.message.redelivered))
        .collect();
    (chips, ch.unacked.len(), ch.unacked.len())
}

/// Why a consumer is down, as a class and a sentence.
fn down_status(down: &Down, crash_after: Option<u32>) -> (&'static str, Msg) {
    match down {
        Down::Killed => ("killed", msg!("view-down-killed")),
        Down::Crashed => ("crashed", msg!("view-down-crashed", after = crash_after.unwrap_or(0))),
        Down::Unconnected => ("unconnected", msg!("view-down-unconnected")),
        Down::NoQueue => ("no-queue", msg!("view-down-no-queue")),
        Down::Refused => ("refused", msg!("view-down-refused")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons;

    /// Every node's shown state, as text (chips hold messages by pointer,
    /// which differ between two runs).
    fn shown(rt: &Runtime) -> Vec<String> {
        let s = rt.sim.scenario();
        s.node_ids().map(|(id, kind)| format!("{id}: {:?}", body_state(s, rt, id, kind))).collect()
    }

    /// A run of `slug` that moves the clock by each of `steps` ms in turn.
    fn run(slug: &str, steps: &[u64]) -> Runtime {
        let mut rt = Runtime::new(lessons::by_slug(slug).expect("a lesson").scenario.clone());
        for ms in steps {
            rt.sim.advance(*ms);
            rt.drain(0.0);
        }
        rt
    }

    #[test]
    fn what_a_node_shows_does_not_depend_on_how_the_clock_got_there() {
        let splits: [&[u64]; 5] = [&[9000], &[6000, 3000], &[3000, 3000, 3000], &[4321, 777], &[1; 90]];
        for slug in lessons::slugs() {
            let whole = run(slug, &[9000]);
            for split in splits {
                let total: u64 = split.iter().sum();
                let mut steps = split.to_vec();
                steps.push(9000 - total.min(9000));
                let other = run(slug, &steps);
                assert_eq!(shown(&whole), shown(&other), "{slug}: 9 s in steps {split:?}");
            }
        }
    }

    #[test]
    fn a_crashed_worker_counts_the_delivery_that_crashed_it() {
        let rt = run("work-queues", &[9000]);
        let shown = body_state(rt.sim.scenario(), &rt, "worker2", NodeKind::Consumer);
        let BodyState::Consumer { delivered, acked, status, .. } = shown else { panic!("a consumer: {shown:?}") };
        let crashes_at = rt.sim.scenario().consumer("worker2").and_then(|c| c.crashes_at());
        assert_eq!(Some(delivered), crashes_at, "it received its 3 tasks, the 3rd crashed it");
        assert_eq!(acked, 2, "it acked the first two");
        let (class, text) = status.expect("down");
        assert_eq!((class, text.english()), ("crashed", "crashed after 3".to_string()));
        assert_eq!(text.render(crate::i18n::Lang::Zh), "处理到第 3 条时崩溃");
    }

    #[test]
    fn flags_and_schedules_read_in_both_languages() {
        let every = Schedule::Every { every_ms: 1500, start_ms: 0, count: Some(4), batch: 2 };
        assert_eq!(schedule_text(&every).english(), "2 every 1.5 s, 4 in all");
        assert_eq!(schedule_text(&every).render(crate::i18n::Lang::Zh), "每 1.5 s 发 2 条，共 4 次");
        let ae = msg!("view-flag-ae", exchange = exchange_shown(""));
        assert_eq!((ae.english(), ae.render(crate::i18n::Lang::Zh)), ("AE → (default)".into(), "AE → （默认）".into()));
        assert_eq!(outcome_text(Outcome::Nack).render(crate::i18n::Lang::Zh), "nack（不重新入队）");
    }
}
