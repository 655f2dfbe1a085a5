//! What the programs put on the canvas: the exchanges, queues (server-named
//! `amq.gen-…` ones included) and bindings that exist in the broker but not
//! in the scenario document, and each process as a producer node (wired to
//! the exchange it published to last) and a consumer node per queue it
//! consumes from. A pure function of the simulation ([`ProgramTopology::of`]):
//! an entity appears when it is declared and goes when the broker deletes
//! it (an exclusive queue when its connection closes); a process's nodes
//! stay [`LINGER_MS`] of virtual time after it ends, so the dots of its last
//! messages have somewhere to start.
//!
//! Ids are stable and cannot be confused with the document's (which never
//! contain `:`): `program-exchange:NAME`, `program-queue:NAME`,
//! `program-binding:SOURCE>DESTINATION:KEY`, `process:PID:publish`,
//! `process:PID:consume:QUEUE`. Positions come from the definitions import's
//! layout ([`crate::definitions::layout::arrange`]), placed below the
//! document's nodes. [`ProgramTopology::merged_into`] gives the document
//! with the overlay's nodes added, which the canvas and the dot layer draw
//! like any other.

use std::collections::{BTreeMap, BTreeSet};

use crate::definitions::layout;
use crate::engine::{Binding, Destination, Exchange, Queue};
use crate::runner::{Pid, Process};
use crate::scenario::*;
use crate::simulation::Simulation;

/// How long a process's nodes stay after it ends (virtual ms).
pub const LINGER_MS: u64 = 2_000;

/// Vertical space between the document's nodes and the overlay.
const GAP: f64 = 60.0;

/// The node id of a program's exchange.
pub fn exchange_id(name: &str) -> String {
    format!("program-exchange:{name}")
}

/// The node id of a program's queue.
pub fn queue_id(name: &str) -> String {
    format!("program-queue:{name}")
}

/// The node id of a process's publishing side.
pub fn producer_id(pid: Pid) -> String {
    format!("process:{pid}:publish")
}

/// The node id of a process's consumer on `queue`.
pub fn consumer_id(pid: Pid, queue: &str) -> String {
    format!("process:{pid}:consume:{queue}")
}

/// The queue an overlay queue node stands for (`program-queue:NAME`).
fn queue_of(node_id: &str) -> Option<&str> {
    node_id.strip_prefix("program-queue:")
}

/// The broker's name of queue node `node_id`: the document's queue as the
/// simulation named it, or the overlay's.
pub fn queue_name<'a>(sim: &'a Simulation, node_id: &'a str) -> Option<&'a str> {
    sim.queue_name(node_id).map(|n| &**n).or_else(|| queue_of(node_id))
}

/// Whether `node_id` is one of the overlay's (a document's ids never hold
/// `:`).
pub fn is_overlay(node_id: &str) -> bool {
    node_id.contains(':')
}

/// The process a process node stands for.
pub fn pid_of(node_id: &str) -> Option<Pid> {
    node_id.strip_prefix("process:")?.split(':').next()?.parse().ok()
}

/// A process as the overlay shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessNode {
    /// Its pid.
    pub pid: Pid,
    /// Its command line (the node's title).
    pub command: String,
    /// False once it ended (its nodes linger a while).
    pub running: bool,
}

/// The programs' part of the canvas, as scenario nodes and edges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramTopology {
    /// Exchanges programs declared that the document does not have.
    pub exchanges: Vec<ExchangeNode>,
    /// Queues likewise (`amq.gen-…` ones included).
    pub queues: Vec<QueueNode>,
    /// Bindings the document does not have (between any nodes).
    pub bindings: Vec<BindingEdge>,
    /// Processes that published (one node each).
    pub producers: Vec<ProducerNode>,
    /// Processes' consumers (one node per process and queue).
    pub consumers: Vec<ConsumerNode>,
    /// The process each producer and consumer node stands for, by node id.
    pub processes: BTreeMap<String, ProcessNode>,
}

/// Name lookups over the document: which broker entities it already has.
struct Doc<'a> {
    sim: &'a Simulation,
    bindings: BTreeSet<(String, String, String, String)>,
}

impl<'a> Doc<'a> {
    fn new(sim: &'a Simulation) -> Self {
        let s = sim.scenario();
        let dest = |id: &str| {
            sim.queue_name(id)
                .map(|n| format!("queue:{n}"))
                .or_else(|| s.exchange_name(id).map(|n| format!("exchange:{n}")))
        };
        let bindings = s
            .bindings
            .iter()
            .filter_map(|b| {
                let source = s.exchange_name(&b.from)?.to_string();
                let args = serde_json::Value::Object(b.arguments.clone()).to_string();
                Some((source, dest(&b.to)?, b.routing_key.clone(), args))
            })
            .collect();
        Doc { sim, bindings }
    }

    fn exchange_node(&self, name: &str) -> String {
        self.sim.node_for_exchange(name).map(str::to_string).unwrap_or_else(|| exchange_id(name))
    }

    fn queue_node(&self, name: &str) -> String {
        self.sim.node_for_queue(name).map(str::to_string).unwrap_or_else(|| queue_id(name))
    }

    fn has_binding(&self, b: &Binding) -> bool {
        let dest = format!("{}:{}", b.destination.kind(), b.destination.name());
        let args = b.arguments.to_json().to_string();
        let args = if args == "null" { "{}".to_string() } else { args };
        self.bindings.contains(&(b.source.to_string(), dest, b.routing_key.clone(), args))
    }
}

impl ProgramTopology {
    /// The overlay of `sim` now, laid out below the document's nodes.
    pub fn of(sim: &Simulation) -> ProgramTopology {
        let doc = Doc::new(sim);
        let mut t = ProgramTopology::default();
        t.add_processes(sim, &doc);
        t.add_bindings(sim, &doc);
        let used: BTreeSet<String> = t.referenced_exchanges(sim, &doc);
        for x in sim.broker().exchanges() {
            let predeclared = x.name.is_empty() || x.name.starts_with("amq.");
            if sim.node_for_exchange(&x.name).is_none() && (!predeclared || used.contains(&*x.name)) {
                t.exchanges.push(exchange_node(x));
            }
        }
        for q in sim.broker().queues().filter(|q| sim.node_for_queue(&q.name).is_none()) {
            t.queues.push(queue_node(q));
        }
        t.arrange(sim.scenario());
        t
    }

    /// True when the programs add nothing to the canvas.
    pub fn is_empty(&self) -> bool {
        self.exchanges.is_empty() && self.queues.is_empty() && self.bindings.is_empty() && self.processes.is_empty()
    }

    /// True while an ended process's nodes are still shown (they go
    /// [`LINGER_MS`] after it ends, with no event to say so).
    pub fn lingering(&self) -> bool {
        self.processes.values().any(|p| !p.running)
    }

    /// True when `id` is one of the overlay's nodes or bindings.
    pub fn contains(&self, id: &str) -> bool {
        self.processes.contains_key(id)
            || self.exchanges.iter().any(|x| x.id == id)
            || self.queues.iter().any(|q| q.id == id)
            || self.bindings.iter().any(|b| b.id == id)
    }

    /// The document with the overlay's nodes and bindings added: what the
    /// canvas draws and the dots travel on.
    pub fn merged_into(&self, doc: &Scenario) -> Scenario {
        let mut s = doc.clone();
        s.exchanges.extend(self.exchanges.iter().cloned());
        s.queues.extend(self.queues.iter().cloned());
        s.bindings.extend(self.bindings.iter().cloned());
        s.producers.extend(self.producers.iter().cloned());
        s.consumers.extend(self.consumers.iter().cloned());
        s
    }

    fn add_processes(&mut self, sim: &Simulation, doc: &Doc) {
        let now = sim.now();
        for (pid, p) in sim.processes() {
            if p.ended_at.is_some_and(|end| now >= end + LINGER_MS) {
                continue;
            }
            let node = ProcessNode { pid, command: p.command.clone(), running: p.running() };
            let producer = p.traffic.last_publish.as_ref().map(|(x, key)| {
                let exchange = (x.is_empty() || sim.broker().exchange(x).is_some()).then(|| doc.exchange_node(x));
                self.producer(pid, p, exchange, key)
            });
            if let Some(id) = &producer {
                self.processes.insert(id.clone(), node.clone());
            }
            for queue in &p.traffic.queues {
                let exists = sim.broker().queue(queue).is_some();
                let id = self.consumer(sim, pid, p, queue, exists.then(|| doc.queue_node(queue)), producer.clone());
                self.processes.insert(id, node.clone());
            }
        }
    }

    fn producer(&mut self, pid: Pid, p: &Process, exchange: Option<String>, key: &str) -> String {
        let id = producer_id(pid);
        self.producers.push(ProducerNode {
            id: id.clone(),
            name: p.command.clone(),
            exchange,
            message: MessageTemplate { routing_key: key.to_string(), ..Default::default() },
            schedule: Schedule::Manual,
            x: 0.0,
            y: 0.0,
        });
        id
    }

    fn consumer(
        &mut self,
        sim: &Simulation,
        pid: Pid,
        p: &Process,
        queue: &str,
        node: Option<String>,
        producer: Option<String>,
    ) -> String {
        let live = sim.broker().queue(queue).and_then(|q| {
            q.consumers.iter().find(|c| sim.process_of_channel(c.channel) == Some(pid)).map(|c| (c.no_ack, c.prefetch))
        });
        let (no_ack, prefetch) = live.unwrap_or((false, 0));
        let id = consumer_id(pid, queue);
        self.consumers.push(ConsumerNode {
            id: id.clone(),
            name: p.command.clone(),
            queue: node,
            ack: if no_ack { AckMode::Auto } else { AckMode::Manual },
            prefetch: prefetch.min(u16::MAX as u32) as u16,
            processing_ms: 0,
            outcome: Outcome::Ack,
            crash_after: None,
            reply: false,
            exclusive: false,
            priority: None,
            same_client_as: producer,
            stream_offset: None,
            x: 0.0,
            y: 0.0,
        });
        id
    }

    fn add_bindings(&mut self, sim: &Simulation, doc: &Doc) {
        for b in sim.broker().bindings().filter(|b| !doc.has_binding(b)) {
            let to = match &b.destination {
                Destination::Queue(q) => doc.queue_node(q),
                Destination::Exchange(x) => doc.exchange_node(x),
            };
            let base = format!("program-binding:{}>{}:{}", b.source, b.destination.name(), b.routing_key);
            let mut id = base.clone();
            let mut n = 1;
            while self.bindings.iter().any(|e| e.id == id) {
                n += 1;
                id = format!("{base}#{n}");
            }
            let arguments = match b.arguments.to_json() {
                serde_json::Value::Object(m) => m,
                _ => Default::default(),
            };
            self.bindings.push(BindingEdge {
                id,
                from: doc.exchange_node(&b.source),
                to,
                routing_key: b.routing_key.clone(),
                arguments,
            });
        }
    }

    /// Predeclared (`amq.*`) exchanges the overlay draws because a program
    /// binds from or publishes to them.
    fn referenced_exchanges(&self, sim: &Simulation, doc: &Doc) -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        for x in sim.broker().exchanges().filter(|x| x.name.starts_with("amq.")) {
            let id = doc.exchange_node(&x.name);
            let bound = self.bindings.iter().any(|b| b.from == id || b.to == id);
            let published = self.producers.iter().any(|p| p.exchange.as_deref() == Some(id.as_str()));
            if bound || published {
                used.insert(x.name.to_string());
            }
        }
        used
    }

    /// Places the overlay's nodes in the layout's columns, below the
    /// document's nodes.
    fn arrange(&mut self, doc: &Scenario) {
        let mut s = Scenario {
            exchanges: std::mem::take(&mut self.exchanges),
            queues: std::mem::take(&mut self.queues),
            bindings: self.bindings.clone(),
            producers: std::mem::take(&mut self.producers),
            consumers: std::mem::take(&mut self.consumers),
            ..Default::default()
        };
        layout::arrange(&mut s);
        let dy = document_bottom(doc).map_or(0.0, |bottom| bottom + GAP - layout::MARGIN);
        for (id, _) in s.node_ids().map(|(id, k)| (id.to_string(), k)).collect::<Vec<_>>() {
            if let Some(p) = s.position(&id) {
                s.set_position(&id, Position { x: p.x, y: p.y + dy });
            }
        }
        self.exchanges = s.exchanges;
        self.queues = s.queues;
        self.producers = s.producers;
        self.consumers = s.consumers;
    }
}

/// The lowest edge of the document's nodes (the default exchange left
/// out: the layout keeps its place free), if it has any.
fn document_bottom(doc: &Scenario) -> Option<f64> {
    doc.node_ids()
        .filter(|(id, _)| *id != DEFAULT_EXCHANGE_ID)
        .filter_map(|(id, kind)| doc.position(id).map(|p| p.y + layout::node_size(kind).1))
        .reduce(f64::max)
}

fn exchange_node(x: &Exchange) -> ExchangeNode {
    let arguments = match x.arguments.to_json() {
        serde_json::Value::Object(m) => m,
        _ => Default::default(),
    };
    ExchangeNode {
        id: exchange_id(&x.name),
        name: x.name.to_string(),
        kind: match x.kind {
            crate::engine::ExchangeType::Direct => ExchangeKind::Direct,
            crate::engine::ExchangeType::Fanout => ExchangeKind::Fanout,
            crate::engine::ExchangeType::Topic => ExchangeKind::Topic,
            crate::engine::ExchangeType::Headers => ExchangeKind::Headers,
        },
        durable: x.durable,
        auto_delete: x.auto_delete,
        internal: x.internal,
        alternate_exchange: None,
        arguments,
        x: 0.0,
        y: 0.0,
    }
}

fn queue_node(q: &Queue) -> QueueNode {
    let mut node = QueueNode {
        id: queue_id(&q.name),
        name: q.name.to_string(),
        durable: q.durable,
        exclusive: q.exclusive_owner.is_some(),
        auto_delete: q.auto_delete,
        ..Default::default()
    };
    for (key, raw) in q.arguments.iter() {
        if !queue_fields::take(&mut node, key, &q.settings, raw) {
            node.arguments.insert(key.to_string(), raw.to_json());
        }
    }
    node
}
