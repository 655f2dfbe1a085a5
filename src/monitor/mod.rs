//! Watching a simulation run: turns the engine's events into the event log
//! (sentences with reasons, see [`log`]), into motions for the message dots
//! (which edge a message travels along, in which order), and into small
//! per-consumer tallies. Pure Rust: the page draws what this computes.
//!
//! Routing explanations are taken from the broker when the events are
//! ingested (right after the simulation step that produced them), so they
//! reflect the bindings of that moment.

pub mod flights;
pub mod log;
pub mod runtime;

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::engine::{CopyId, Event, Message, MessageId, Name, RemovalReason};
use crate::simulation::{SimEvent, Simulation};
use log::{Detail, EventLog, LogEntry, LogKind};

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

fn label(m: &Message) -> String {
    format!("#{} \"{}\"", m.id, short(&m.body))
}

/// What a delivery's queue type adds: the stream offset it was read at, or
/// a quorum queue's count of earlier deliveries.
fn queue_type_note(message: &crate::engine::Message) -> String {
    let header = |k: &str| message.properties.headers.as_ref().and_then(|h| h.get(k)).and_then(|v| v.as_int());
    match (header("x-stream-offset"), header("x-delivery-count")) {
        (Some(o), _) => format!(", read at stream offset {o}"),
        (None, Some(n)) if n > 0 => {
            format!(", x-delivery-count {n} (the quorum queue got it back {n} time{})", if n == 1 { "" } else { "s" })
        }
        _ => String::new(),
    }
}

fn exchange_label(name: &str) -> String {
    if name.is_empty() {
        "the default exchange".to_string()
    } else {
        format!("exchange {name}")
    }
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
        text: String,
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
        text: String,
        message: Option<Rc<Message>>,
        copy: Option<CopyId>,
        redelivered: bool,
        detail: Option<Detail>,
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

    fn queue_node(sim: &Simulation, name: &str) -> Option<String> {
        sim.node_for_queue(name).map(str::to_string)
    }

    fn exchange_node(sim: &Simulation, name: &str) -> Option<String> {
        sim.node_for_exchange(name).map(str::to_string)
    }

    fn node_name(sim: &Simulation, id: &str) -> String {
        let s = sim.scenario();
        s.producer(id)
            .map(|p| p.name.clone())
            .or_else(|| s.consumer(id).map(|c| c.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    fn ingest_one(&mut self, sim: &Simulation, at: u64, event: Event) {
        match event {
            Event::Published { message, channel, mandatory } => {
                let publisher = channel.and_then(|c| sim.node_for_channel(c)).map(str::to_string);
                let xnode = Self::exchange_node(sim, &message.exchange);
                let parent = self.pending_dead_letter.as_ref().filter(|_| channel.is_none()).map(|(_, old, _)| *old);
                self.remember(MessageInfo {
                    message: message.clone(),
                    parent,
                    publisher: publisher.clone(),
                    entries: Vec::new(),
                });
                let mut nodes: Vec<String> = publisher.iter().chain(xnode.iter()).cloned().collect();
                let key = if message.routing_key.is_empty() {
                    "an empty routing key".to_string()
                } else {
                    format!("routing key \"{}\"", message.routing_key)
                };
                let text = match &publisher {
                    Some(p) => format!(
                        "{} published {} to {} with {key}{}",
                        Self::node_name(sim, p),
                        label(&message),
                        exchange_label(&message.exchange),
                        if mandatory { " (mandatory)" } else { "" }
                    ),
                    // A channel that is no node's: the host page's API (`publish`).
                    None if channel.is_some() => format!(
                        "the page's API published {} to {} with {key}{}",
                        label(&message),
                        exchange_label(&message.exchange),
                        if mandatory { " (mandatory)" } else { "" }
                    ),
                    None => format!(
                        "{} was re-published to {} by dead lettering",
                        label(&message),
                        exchange_label(&message.exchange)
                    ),
                };
                match (&publisher, &xnode) {
                    (Some(p), Some(x)) => {
                        self.motions.push(Motion::Leg {
                            from: p.clone(),
                            to: x.clone(),
                            reverse: false,
                            kind: LegKind::Publish,
                            message: message.id,
                            slot: 0,
                        });
                        self.bump_slot(message.id, 0);
                    }
                    _ => {
                        if let Some((qnode, _, slot)) = self.pending_dead_letter.take() {
                            if let Some(x) = &xnode {
                                self.motions.push(Motion::Leg {
                                    from: qnode.clone(),
                                    to: x.clone(),
                                    reverse: false,
                                    kind: LegKind::DeadLetter,
                                    message: message.id,
                                    slot,
                                });
                            }
                            nodes.push(qnode);
                            self.bump_slot(message.id, slot);
                        }
                    }
                }
                let deaths = log::x_death_lines(&message);
                let detail = (publisher.is_none() && !deaths.is_empty()).then_some(Detail::Deaths(deaths));
                self.log_full(sim, at, LogKind::Publish, nodes, text, Some(message), None, false, detail);
            }
            Event::Routed { message, route } => {
                let Some(m) = self.msg(message) else { return };
                let explanation =
                    sim.broker().explain_route(&m.exchange, &m.routing_key, m.properties.headers.as_ref());
                let base = self.slots.get(&message).copied().unwrap_or(0);
                let mut depth: HashMap<Name, u32> = HashMap::new();
                let mut alternates = Vec::new();
                let mut nodes = Vec::new();
                let mut max_slot = base;
                for hop in &route.hops {
                    let d = hop.via.as_ref().and_then(|v| depth.get(v)).map(|d| d + 1).unwrap_or(0);
                    depth.insert(hop.exchange.clone(), d);
                    let xnode = Self::exchange_node(sim, &hop.exchange);
                    if let Some(x) = &xnode {
                        nodes.push(x.clone());
                    }
                    if hop.as_alternate {
                        if let Some(via) = &hop.via {
                            alternates.push((via.clone(), hop.exchange.clone()));
                            if let (Some(from), Some(to)) = (Self::exchange_node(sim, via), xnode.clone()) {
                                self.motions.push(Motion::Leg {
                                    from,
                                    to,
                                    reverse: false,
                                    kind: LegKind::Alternate,
                                    message,
                                    slot: base + d,
                                });
                            }
                        }
                    }
                    for b in &hop.matched {
                        let to = match &b.destination {
                            crate::engine::Destination::Queue(q) => Self::queue_node(sim, q),
                            crate::engine::Destination::Exchange(x) => Self::exchange_node(sim, x),
                        };
                        if let (Some(from), Some(to)) = (xnode.clone(), to) {
                            nodes.push(to.clone());
                            self.motions.push(Motion::Leg {
                                from,
                                to,
                                reverse: false,
                                kind: LegKind::Route,
                                message,
                                slot: base + d + 1,
                            });
                            max_slot = max_slot.max(base + d + 1);
                        }
                    }
                }
                if route.hops.first().is_some_and(|h| h.exchange.is_empty()) {
                    // The default exchange routes by queue name, without bindings.
                    for q in &route.queues {
                        if let (Some(from), Some(to)) = (Self::exchange_node(sim, ""), Self::queue_node(sim, q)) {
                            nodes.push(to.clone());
                            self.motions.push(Motion::Leg {
                                from,
                                to,
                                reverse: false,
                                kind: LegKind::Route,
                                message,
                                slot: base + 1,
                            });
                            max_slot = max_slot.max(base + 1);
                        }
                    }
                }
                self.bump_slot(message, max_slot);
                nodes.sort();
                nodes.dedup();
                let queues: Vec<&str> = route.queues.iter().map(|q| &**q).collect();
                let text = if queues.is_empty() {
                    format!("{} routed {} to no queue", exchange_label(&m.exchange), label(&m))
                } else {
                    format!("{} routed {} to {}", exchange_label(&m.exchange), label(&m), queues.join(", "))
                };
                let detail =
                    Detail::Route { explanation, alternates, missing_alternates: route.missing_alternates.clone() };
                self.log_full(sim, at, LogKind::Route, nodes, text, Some(m), None, false, Some(detail));
            }
            Event::Unroutable { message } => {
                let Some(m) = self.msg(message) else { return };
                let x = Self::exchange_node(sim, &m.exchange);
                let slot = self.slot_after(message);
                if let Some(x) = &x {
                    self.motions.push(Motion::Puff { node: x.clone(), kind: PuffKind::Drop, message, slot });
                }
                let detail = self.route_detail(message);
                let text = format!(
                    "{} was unroutable: no queue receives it, and it was not mandatory, so the broker dropped it",
                    label(&m)
                );
                self.log_full(sim, at, LogKind::Drop, x.into_iter().collect(), text, Some(m), None, false, detail);
            }
            Event::Returned { message, channel } => {
                let Some(m) = self.msg(message) else { return };
                let p = sim.node_for_channel(channel).map(str::to_string);
                let x = Self::exchange_node(sim, &m.exchange);
                let slot = self.slot_after(message);
                if let (Some(p), Some(x)) = (&p, &x) {
                    self.motions.push(Motion::Leg {
                        from: p.clone(),
                        to: x.clone(),
                        reverse: true,
                        kind: LegKind::Return,
                        message,
                        slot,
                    });
                }
                let who = p.as_deref().map(|p| Self::node_name(sim, p)).unwrap_or_else(|| "its publisher".into());
                let text =
                    format!("{} reached no queue and was mandatory: returned to {who} (312 NO_ROUTE)", label(&m));
                let detail = self.route_detail(message);
                let nodes = p.into_iter().chain(x).collect();
                self.log_full(sim, at, LogKind::Return, nodes, text, Some(m), None, false, detail);
            }
            Event::Enqueued { queue, copy, message } => {
                let q = Self::queue_node(sim, &queue);
                self.copies.insert(copy, CopyInfo { message: message.id, consumer: None });
                let text = format!("{} entered queue {queue}", label(&message));
                self.log_full(
                    sim,
                    at,
                    LogKind::Enqueue,
                    q.into_iter().collect(),
                    text,
                    Some(message),
                    Some(copy),
                    false,
                    None,
                );
            }
            Event::Refused { queue, message } => {
                let Some(m) = self.msg(message) else { return };
                let q = Self::queue_node(sim, &queue);
                let slot = self.slot_after(message);
                if let Some(q) = &q {
                    self.motions.push(Motion::Puff { node: q.clone(), kind: PuffKind::Drop, message, slot });
                }
                let text = format!(
                    "queue {queue} is full (x-max-length with overflow reject-publish): it refused {}",
                    label(&m)
                );
                self.log(sim, at, LogKind::Drop, q.into_iter().collect(), text, Some(m));
            }
            Event::Delivered {
                queue, copy, message, channel, consumer, delivery_tag, redelivered, auto_ack, ..
            } => {
                let q = Self::queue_node(sim, &queue);
                let c = sim.node_for_channel(channel).map(str::to_string);
                // A stream's reads are copies of their own (never enqueued).
                let info = self.copies.entry(copy).or_insert(CopyInfo { message: message.id, consumer: None });
                info.consumer = c.clone();
                let slot = self.slot_after(message.id);
                if let (Some(q), Some(c)) = (&q, &c) {
                    self.motions.push(Motion::Leg {
                        from: q.clone(),
                        to: c.clone(),
                        reverse: false,
                        kind: LegKind::Deliver,
                        message: message.id,
                        slot,
                    });
                }
                if let Some(c) = &c {
                    let s = self.stats.entry(c.clone()).or_default();
                    s.delivered += 1;
                    if redelivered {
                        s.redelivered += 1;
                    }
                }
                let who = match (&c, &consumer) {
                    (Some(c), _) => Self::node_name(sim, c),
                    (None, Some(tag)) => tag.to_string(),
                    (None, None) => "basic.get".to_string(),
                };
                let mut text =
                    format!("queue {queue} delivered {} to {who} (delivery tag {delivery_tag})", label(&message));
                if redelivered {
                    text.push_str(", marked redelivered");
                }
                text.push_str(&queue_type_note(&message));
                if auto_ack {
                    text.push_str("; auto-ack: the broker forgets it now");
                }
                let nodes = q.into_iter().chain(c).collect();
                self.log_full(sim, at, LogKind::Deliver, nodes, text, Some(message), Some(copy), redelivered, None);
            }
            Event::Requeued { queue, copy, delivery_count, .. } => {
                let info = self.copies.get(&copy).cloned().unwrap_or_default();
                let m = self.msg(info.message);
                let q = Self::queue_node(sim, &queue);
                if let Some(c) = &info.consumer {
                    self.stats.entry(c.clone()).or_default().requeued += 1;
                    if let (Some(q), Some(c)) = (&q, sim.scenario().consumer(c).map(|n| n.id.clone())) {
                        let slot = self.slot_after(info.message);
                        self.motions.push(Motion::Leg {
                            from: q.clone(),
                            to: c,
                            reverse: true,
                            kind: LegKind::Requeue,
                            message: info.message,
                            slot,
                        });
                    }
                }
                if let Some(i) = self.copies.get_mut(&copy) {
                    i.consumer = None;
                }
                let what = m.as_deref().map(label).unwrap_or_else(|| format!("copy {copy}"));
                let from =
                    info.consumer.as_deref().map(|c| format!(" from {}", Self::node_name(sim, c))).unwrap_or_default();
                let mut text =
                    format!("{what} went back{from} to queue {queue}: it will be redelivered, marked redelivered");
                if let Some((count, limit)) = delivery_count {
                    text.push_str(&format!("; the quorum queue counts the return (x-delivery-count {count}"));
                    if let Some(limit) = limit {
                        text.push_str(&format!(", x-delivery-limit {limit}"));
                    }
                    text.push(')');
                }
                let nodes = q.into_iter().chain(info.consumer).collect();
                self.log_full(sim, at, LogKind::Requeue, nodes, text, m, Some(copy), false, None);
            }
            Event::Removed { queue, copy, reason } => {
                // Kept (bounded): a dead-lettering that follows needs to know the copy.
                let info = self.copies.get(&copy).cloned().unwrap_or_default();
                let m = self.msg(info.message);
                let q = Self::queue_node(sim, &queue);
                let what = m.as_deref().map(label).unwrap_or_else(|| format!("copy {copy}"));
                let slot = self.slot_after(info.message);
                let (kind, text) = match reason {
                    RemovalReason::Acked | RemovalReason::AutoAcked => {
                        if let Some(c) = &info.consumer {
                            self.stats.entry(c.clone()).or_default().acked += 1;
                            self.motions.push(Motion::Puff {
                                node: c.clone(),
                                kind: PuffKind::Ack,
                                message: info.message,
                                slot,
                            });
                        }
                        if reason == RemovalReason::AutoAcked {
                            return;
                        }
                        let who = info
                            .consumer
                            .as_deref()
                            .map(|c| Self::node_name(sim, c))
                            .unwrap_or_else(|| "the consumer".into());
                        (LogKind::Ack, format!("{who} acked {what}: it leaves queue {queue} for good"))
                    }
                    RemovalReason::StreamRead => {
                        let who = info
                            .consumer
                            .as_deref()
                            .map(|c| Self::node_name(sim, c))
                            .unwrap_or_else(|| "the consumer".into());
                        if let Some(c) = &info.consumer {
                            self.stats.entry(c.clone()).or_default().acked += 1;
                        }
                        (LogKind::Ack, format!("{who} is done with {what}: stream {queue} keeps it (acks remove nothing from a stream)"))
                    }
                    RemovalReason::Rejected => {
                        if let Some(c) = &info.consumer {
                            self.stats.entry(c.clone()).or_default().rejected += 1;
                        }
                        let who = info
                            .consumer
                            .as_deref()
                            .map(|c| Self::node_name(sim, c))
                            .unwrap_or_else(|| "the consumer".into());
                        (LogKind::Drop, format!("{who} rejected {what} without requeue: it leaves queue {queue} (dead-lettered if the queue has a dead-letter exchange)"))
                    }
                    other => {
                        if let Some(q) = &q {
                            self.motions.push(Motion::Puff {
                                node: q.clone(),
                                kind: PuffKind::Drop,
                                message: info.message,
                                slot,
                            });
                        }
                        let why = match other {
                            RemovalReason::Expired => "its TTL ran out at the head of the queue",
                            RemovalReason::MaxLength => {
                                "the queue was over x-max-length, so the oldest message was dropped (drop-head)"
                            }
                            RemovalReason::Purged => "the queue was purged",
                            RemovalReason::QueueDeleted => "its queue was deleted",
                            RemovalReason::LostOnRestart => {
                                "the broker restarted and it was not a persistent message in a durable queue"
                            }
                            RemovalReason::DeliveryLimit => {
                                "it was returned more often than the quorum queue's x-delivery-limit (dead-lettered with reason delivery_limit if the queue has a dead-letter exchange, else dropped)"
                            }
                            RemovalReason::Retention => {
                                "stream retention removed the oldest segment holding it (x-max-length-bytes / x-max-age act on whole segments)"
                            }
                            _ => other.as_str(),
                        };
                        (LogKind::Drop, format!("{what} left queue {queue}: {why}"))
                    }
                };
                let nodes = q.into_iter().chain(info.consumer).collect();
                self.log_full(sim, at, kind, nodes, text, m, Some(copy), false, None);
            }
            Event::DeadLettered { queue, copy, reason, exchange, message } => {
                let old = copy.and_then(|c| self.copies.get(&c)).map(|i| i.message);
                let q = Self::queue_node(sim, &queue);
                let old_id = old.unwrap_or(message);
                let slot = self.slot_after(old_id);
                if let Some(qn) = &q {
                    self.pending_dead_letter = Some((qn.clone(), old_id, slot));
                }
                let m = old.and_then(|o| self.msg(o));
                let what = m.as_deref().map(label).unwrap_or_else(|| "a message".into());
                let text = format!(
                    "{what} was dead-lettered from queue {queue} (reason: {}) to {} as message #{message}; its x-death header records why",
                    reason.as_str(),
                    exchange_label(&exchange)
                );
                let nodes = q.into_iter().chain(Self::exchange_node(sim, &exchange)).collect();
                self.log(sim, at, LogKind::DeadLetter, nodes, text, m);
            }
            Event::DeadLetterDropped { queue, copy, why } => {
                let info = copy.and_then(|c| self.copies.get(&c)).cloned();
                let m = info.as_ref().and_then(|i| self.msg(i.message));
                let q = Self::queue_node(sim, &queue);
                if let (Some(qn), Some(mm)) = (&q, &m) {
                    let slot = self.slot_after(mm.id);
                    self.motions.push(Motion::Puff { node: qn.clone(), kind: PuffKind::Drop, message: mm.id, slot });
                }
                let what = m.as_deref().map(label).unwrap_or_else(|| "a message".into());
                let text = format!("{what} from queue {queue} could not be dead-lettered and was dropped: {why}");
                self.log(sim, at, LogKind::Drop, q.into_iter().collect(), text, m);
            }
            Event::Error { channel, error } => {
                let node = sim
                    .node_errors()
                    .iter()
                    .find(|(_, e)| e.text == error.text)
                    .map(|(k, _)| k.split("->").next().unwrap_or(k).to_string())
                    .or_else(|| channel.and_then(|c| sim.node_for_channel(c)).map(str::to_string));
                let text = format!("the broker refused: {} {}", error.code.code(), error.text);
                let detail = Detail::Error {
                    code: error.code,
                    text: error.text.clone(),
                    explanation: error.code.explanation().to_string(),
                };
                self.log_full(
                    sim,
                    at,
                    LogKind::Error,
                    node.into_iter().collect(),
                    text,
                    None,
                    None,
                    false,
                    Some(detail),
                );
            }
            Event::ExchangeDeclared { exchange, kind } => {
                let n = Self::exchange_node(sim, &exchange);
                self.log(
                    sim,
                    at,
                    LogKind::Topology,
                    n.into_iter().collect(),
                    format!("declared {kind} exchange {exchange}"),
                    None,
                );
            }
            Event::ExchangeDeleted { exchange, auto } => {
                let n = Self::exchange_node(sim, &exchange);
                let how = if auto { " (auto-delete: its last binding went)" } else { "" };
                self.log(
                    sim,
                    at,
                    LogKind::Topology,
                    n.into_iter().collect(),
                    format!("deleted exchange {exchange}{how}"),
                    None,
                );
            }
            Event::QueueDeclared { queue } => {
                let n = Self::queue_node(sim, &queue);
                self.log(sim, at, LogKind::Topology, n.into_iter().collect(), format!("declared queue {queue}"), None);
            }
            Event::QueueDeleted { queue, reason } => {
                let n = Self::queue_node(sim, &queue);
                self.log(
                    sim,
                    at,
                    LogKind::Topology,
                    n.into_iter().collect(),
                    format!("queue {queue} was deleted: {reason}"),
                    None,
                );
            }
            Event::BindingCreated { binding } => {
                let nodes = self.binding_nodes(sim, &binding);
                let text = format!(
                    "bound {} to {} {} with key \"{}\"{}",
                    exchange_label(&binding.source),
                    binding.destination.kind(),
                    binding.destination.name(),
                    binding.routing_key,
                    if binding.arguments.is_empty() {
                        String::new()
                    } else {
                        format!(" and arguments {}", binding.arguments.to_json())
                    }
                );
                self.log(sim, at, LogKind::Topology, nodes, text, None);
            }
            Event::BindingRemoved { binding } => {
                let nodes = self.binding_nodes(sim, &binding);
                let text = format!(
                    "unbound {} from {} {} (key \"{}\")",
                    binding.destination.name(),
                    exchange_label(&binding.source),
                    binding.destination.kind(),
                    binding.routing_key
                );
                self.log(sim, at, LogKind::Topology, nodes, text, None);
            }
            Event::ConsumerAdded { queue, channel, tag } => {
                let nodes = Self::queue_node(sim, &queue)
                    .into_iter()
                    .chain(sim.node_for_channel(channel).map(str::to_string))
                    .collect();
                self.log(
                    sim,
                    at,
                    LogKind::Topology,
                    nodes,
                    format!("consumer {tag} started consuming from queue {queue}"),
                    None,
                );
            }
            Event::ConsumerCancelled { queue, channel, tag, by_broker } => {
                let nodes = Self::queue_node(sim, &queue)
                    .into_iter()
                    .chain(sim.node_for_channel(channel).map(str::to_string))
                    .collect();
                let how = if by_broker { " (the broker cancelled it: its queue is gone)" } else { "" };
                self.log(
                    sim,
                    at,
                    LogKind::Topology,
                    nodes,
                    format!("consumer {tag} stopped consuming from queue {queue}{how}"),
                    None,
                );
            }
            Event::Restarted => {
                self.log(
                    sim,
                    at,
                    LogKind::Broker,
                    Vec::new(),
                    "the broker restarted: connections closed; only durable exchanges and queues, and persistent messages in durable queues, survived".into(),
                    None,
                );
            }
            Event::ChannelClosed { .. }
            | Event::ConnectionOpened { .. }
            | Event::ConnectionClosed { .. }
            | Event::ChannelOpened { .. }
            | Event::Confirmed { .. }
            | Event::QosChanged { .. }
            | Event::ClockAdvanced { .. } => {}
        }
    }

    fn binding_nodes(&self, sim: &Simulation, b: &crate::engine::Binding) -> Vec<String> {
        let dest = match &b.destination {
            crate::engine::Destination::Queue(q) => Self::queue_node(sim, q),
            crate::engine::Destination::Exchange(x) => Self::exchange_node(sim, x),
        };
        Self::exchange_node(sim, &b.source).into_iter().chain(dest).collect()
    }

    fn route_detail(&self, message: MessageId) -> Option<Detail> {
        let info = self.messages.get(&message)?;
        info.entries.iter().rev().filter_map(|s| self.log.get(*s)).find_map(|e| match (&e.kind, &e.detail) {
            (LogKind::Route, Some(d)) => Some(d.clone()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests;
