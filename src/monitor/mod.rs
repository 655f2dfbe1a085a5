//! Watching a simulation run: turns the engine's events into the event log
//! (sentences with reasons, see [`log`]), into motions for the message dots
//! (which edge a message travels along, in which order), and into small
//! per-consumer tallies. Pure Rust: the page draws what this computes.
//!
//! Routing explanations are taken from the broker when the events are
//! ingested (right after the simulation step that produced them), so they
//! reflect the bindings of that moment: as a snapshot (the route and the
//! bindings, shared), put into words only when a log line is opened
//! ([`log::LazyDetail`]).

pub mod flights;
mod ingest;
pub mod log;
pub mod program_topology;
pub mod runtime;

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::engine::{CopyId, Message, MessageId, Name, RemovalReason};
use crate::i18n::{Arg, Msg};
use crate::simulation::{SimEvent, Simulation};
use log::{Detail, EventLog, LazyDetail, LogEntry, LogKind};

/// Most messages remembered for the message inspector.
pub const MESSAGE_LIMIT: usize = 5_000;

/// Which edge a dot travels along.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegKind {
    /// Producer → exchange.
    Publish,
    /// Exchange → queue or exchange, along a binding.
    Route,
    /// Exchange → its alternate exchange.
    Alternate,
    /// Queue → its dead-letter exchange.
    DeadLetter,
    /// Queue → consumer.
    Deliver,
    /// Back to the producer (basic.return), along the publish edge.
    Return,
    /// Back to the queue from a consumer (requeue), along the consume edge.
    Requeue,
}

/// What a dot does when it ends somewhere instead of travelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PuffKind {
    /// Acked at the consumer.
    Ack,
    /// Dropped: unroutable, expired, max-length, rejected, purged, lost.
    Drop,
}

/// One thing for the dot layer to draw. `slot` orders the motions of one
/// message within one batch of events (a publish leg first, then the
/// routing legs, then the delivery).
#[derive(Clone, Debug, PartialEq)]
pub enum Motion {
    /// A dot travelling along the edge between two nodes.
    Leg {
        /// The node at the edge's start (out port).
        from: String,
        /// The node at the edge's end (in port).
        to: String,
        /// Travel from `to` back to `from`.
        reverse: bool,
        /// The kind of travel.
        kind: LegKind,
        /// The message.
        message: MessageId,
        /// Order within the batch.
        slot: u32,
    },
    /// A dot that fades out at a node.
    Puff {
        /// The node.
        node: String,
        /// Why.
        kind: PuffKind,
        /// The message.
        message: MessageId,
        /// Order within the batch.
        slot: u32,
    },
}

/// A message the inspector can show: its content and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageInfo {
    /// The message.
    pub message: Rc<Message>,
    /// The message it was dead-lettered from, if it was.
    pub parent: Option<MessageId>,
    /// The producer node that published it.
    pub publisher: Option<String>,
    /// Log entries about it, by sequence number.
    pub entries: Vec<u64>,
}

#[derive(Clone, Debug, Default)]
struct CopyInfo {
    message: MessageId,
    consumer: Option<String>,
}

/// What a consumer did since the page started watching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConsumerStats {
    /// Deliveries received.
    pub delivered: u32,
    /// Of which redeliveries.
    pub redelivered: u32,
    /// Acked.
    pub acked: u32,
    /// Went back to the queue.
    pub requeued: u32,
    /// Rejected or nacked without requeue.
    pub rejected: u32,
}

/// The watcher: the log, the messages seen, the motions to draw.
#[derive(Debug, Default)]
pub struct Monitor {
    /// The event log.
    pub log: EventLog,
    messages: BTreeMap<MessageId, MessageInfo>,
    copies: BTreeMap<CopyId, CopyInfo>,
    stats: HashMap<String, ConsumerStats>,
    motions: Vec<Motion>,
    slots: HashMap<MessageId, u32>,
    pending_dead_letter: Option<(String, MessageId, u32)>,
}

fn short(body: &str) -> String {
    let mut s: String = body.chars().take(32).collect();
    if body.chars().count() > 32 {
        s.push('…');
    }
    s
}

/// A message as the log names it, `#3 "hello"` (the same in every
/// language).
fn label(m: &Message) -> String {
    format!("#{} \"{}\"", m.id, short(&m.body))
}

/// What a delivery's queue type adds: the stream offset it was read at, or
/// a quorum queue's count of earlier deliveries.
fn queue_type_note(message: &crate::engine::Message) -> Option<Msg> {
    let header = |k: &str| message.properties.headers.as_ref().and_then(|h| h.get(k)).and_then(|v| v.as_int());
    match (header("x-stream-offset"), header("x-delivery-count")) {
        (Some(o), _) => Some(msg!("log-note-stream-offset", offset = o)),
        (None, Some(n)) if n > 0 => Some(msg!("log-note-delivery-count", count = n)),
        _ => None,
    }
}

/// A copy as the log names it: its message's label, else `copy 7`.
fn what_copy(m: Option<&Message>, copy: CopyId) -> Arg {
    match m {
        Some(m) => Arg::from(label(m)),
        None => msg!("log-copy", copy = copy).into(),
    }
}

/// A message as the log names it: its label, else `a message`.
fn what_message(m: Option<&Message>) -> Arg {
    match m {
        Some(m) => Arg::from(label(m)),
        None => msg!("log-a-message").into(),
    }
}

/// `the default exchange` or `exchange x`.
fn exchange_label(name: &Name) -> Msg {
    if name.is_empty() {
        msg!("log-default-exchange")
    } else {
        msg!("log-exchange", exchange = name)
    }
}

/// `1` or `0`, for a catalogue's select on a yes/no variable.
fn flag(b: bool) -> u8 {
    u8::from(b)
}

impl Monitor {
    /// A fresh monitor.
    pub fn new() -> Self {
        Monitor::default()
    }

    /// Takes the motions produced since the last call.
    pub fn take_motions(&mut self) -> Vec<Motion> {
        std::mem::take(&mut self.motions)
    }

    /// What a consumer node did.
    pub fn consumer_stats(&self, id: &str) -> ConsumerStats {
        self.stats.get(id).copied().unwrap_or_default()
    }

    /// A message seen, by id.
    pub fn message(&self, id: MessageId) -> Option<&MessageInfo> {
        self.messages.get(&id)
    }

    /// The log entries about a message and the messages it was
    /// dead-lettered from, oldest first.
    pub fn path(&self, id: MessageId) -> Vec<&LogEntry> {
        let mut seqs = Vec::new();
        let mut at = Some(id);
        let mut guard = 0;
        while let Some(m) = at.and_then(|i| self.messages.get(&i)) {
            seqs.extend(m.entries.iter().copied());
            at = m.parent;
            guard += 1;
            if guard > 64 {
                break;
            }
        }
        seqs.sort_unstable();
        seqs.dedup();
        seqs.into_iter().filter_map(|s| self.log.get(s)).collect()
    }

    /// Forgets everything (a new scenario was loaded).
    pub fn clear(&mut self) {
        *self = Monitor::default();
    }

    fn log(
        &mut self,
        sim: &Simulation,
        at: u64,
        kind: LogKind,
        nodes: Vec<String>,
        text: Msg,
        message: Option<Rc<Message>>,
    ) -> u64 {
        self.log_full(sim, at, kind, nodes, text, message, None, false, None)
    }

    #[allow(clippy::too_many_arguments)]
    fn log_full(
        &mut self,
        _sim: &Simulation,
        at: u64,
        kind: LogKind,
        nodes: Vec<String>,
        text: Msg,
        message: Option<Rc<Message>>,
        copy: Option<CopyId>,
        redelivered: bool,
        detail: Option<LazyDetail>,
    ) -> u64 {
        let id = message.as_ref().map(|m| m.id);
        let seq = self.log.push(LogEntry { seq: 0, at, kind, nodes, text, message, copy, redelivered, detail });
        if let Some(info) = id.and_then(|id| self.messages.get_mut(&id)) {
            info.entries.push(seq);
        }
        seq
    }

    fn remember(&mut self, info: MessageInfo) {
        self.messages.insert(info.message.id, info);
        while self.messages.len() > MESSAGE_LIMIT {
            self.messages.pop_first();
        }
        while self.copies.len() > MESSAGE_LIMIT * 4 {
            self.copies.pop_first();
        }
    }

    fn msg(&self, id: MessageId) -> Option<Rc<Message>> {
        self.messages.get(&id).map(|m| m.message.clone())
    }

    fn slot_after(&self, id: MessageId) -> u32 {
        self.slots.get(&id).map(|s| s + 1).unwrap_or(0)
    }

    fn bump_slot(&mut self, id: MessageId, slot: u32) {
        let s = self.slots.entry(id).or_insert(slot);
        *s = (*s).max(slot);
    }

    /// Takes in a batch of events from `sim` (call right after the step
    /// that produced them).
    pub fn ingest(&mut self, sim: &Simulation, events: Vec<SimEvent>) {
        self.slots.clear();
        for SimEvent { at, event } in events {
            self.ingest_one(sim, at, event);
        }
    }

    /// The node of a queue: the document's, else the programs' overlay's
    /// ([`program_topology`]).
    fn queue_node(sim: &Simulation, name: &str) -> Option<String> {
        Some(sim.node_for_queue(name).map(str::to_string).unwrap_or_else(|| program_topology::queue_id(name)))
    }

    /// The node of an exchange: the document's, else the overlay's.
    fn exchange_node(sim: &Simulation, name: &str) -> Option<String> {
        Some(sim.node_for_exchange(name).map(str::to_string).unwrap_or_else(|| program_topology::exchange_id(name)))
    }

    /// The client node of a channel: the document's producer or consumer,
    /// else a process's node (its consumer on `queue` for deliveries and
    /// consumers, its publishing side otherwise).
    fn client_node(sim: &Simulation, channel: crate::engine::ChannelId, queue: Option<&str>) -> Option<String> {
        if let Some(id) = sim.node_for_channel(channel) {
            return Some(id.to_string());
        }
        let pid = sim.process_of_channel(channel)?;
        Some(match queue {
            Some(q) => program_topology::consumer_id(pid, q),
            None => Self::process_node(sim, pid),
        })
    }

    /// A process's main node: its publishing side if it published, else
    /// its first consumer.
    fn process_node(sim: &Simulation, pid: crate::runner::Pid) -> String {
        let traffic = sim.process(pid).map(|p| &p.traffic);
        match traffic.filter(|t| t.last_publish.is_none()).and_then(|t| t.queues.first()) {
            Some(q) => program_topology::consumer_id(pid, q),
            None => program_topology::producer_id(pid),
        }
    }

    fn node_name(sim: &Simulation, id: &str) -> String {
        if let Some(p) = program_topology::pid_of(id).and_then(|pid| sim.process(pid)) {
            return p.command.clone();
        }
        let s = sim.scenario();
        s.producer(id)
            .map(|p| p.name.clone())
            .or_else(|| s.consumer(id).map(|c| c.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    /// A consumer node's name, else `the consumer`.
    fn consumer_name(sim: &Simulation, id: Option<&str>) -> Arg {
        match id {
            Some(c) => Arg::from(Self::node_name(sim, c)),
            None => msg!("log-the-consumer").into(),
        }
    }

    fn binding_nodes(&self, sim: &Simulation, b: &crate::engine::Binding) -> Vec<String> {
        let dest = match &b.destination {
            crate::engine::Destination::Queue(q) => Self::queue_node(sim, q),
            crate::engine::Destination::Exchange(x) => Self::exchange_node(sim, x),
        };
        Self::exchange_node(sim, &b.source).into_iter().chain(dest).collect()
    }

    fn route_detail(&self, message: MessageId) -> Option<LazyDetail> {
        let info = self.messages.get(&message)?;
        info.entries.iter().rev().filter_map(|s| self.log.get(*s)).find_map(|e| match (&e.kind, &e.detail) {
            (LogKind::Route, Some(d)) => Some(d.clone()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod program_tests;
