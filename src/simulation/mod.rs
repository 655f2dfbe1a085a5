//! The simulation: the driver between the virtual clock and the engine.
//!
//! A [`Simulation`] owns a [`Broker`] and plays the clients a scenario
//! describes: it declares the topology (and applies later edits as AMQP
//! commands, see [`sync`]), publishes for producers on their schedules,
//! and lets consumers process, ack, nack, reject, reply or crash. Time is
//! virtual and only moves through [`Simulation::advance`] and
//! [`Simulation::step`], so a scenario plays the same way every time.
//!
//! The simulation never hides the engine's state: views read queues,
//! consumers and bindings from [`Simulation::broker`], and every engine
//! event comes out of [`Simulation::take_events`] stamped with its time.

pub mod clients;
mod programs;
pub mod sync;

use crate::i18n::Msg;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::{
    AmqpError, Broker, ChannelId, ConnectionId, Event, FieldTable, Name, Properties, Publish, PublishOutcome,
    ReplyCode, RouteExplanation,
};
use crate::scenario::{AckMode, Outcome, Scenario, Schedule, DEFAULT_EXCHANGE_ID};

pub use clients::{ConsumerState, Down, Job, ProducerState};
pub use programs::ENDED_BY_LOAD;

/// An engine event with the virtual time it happened at.
#[derive(Clone, Debug, PartialEq)]
pub struct SimEvent {
    /// Virtual time in ms.
    pub at: u64,
    /// What happened.
    pub event: Event,
}

/// An engine refusal attached to the node (or binding) that caused it.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeError {
    /// The AMQP reply code.
    pub code: ReplyCode,
    /// RabbitMQ's reply text.
    pub text: String,
    /// What the code means, in plain words (rendered in the page's
    /// language).
    pub explanation: Msg,
    /// The AMQP method that failed (`queue.declare`, `basic.publish`, ...).
    pub during: String,
}

impl NodeError {
    fn new(e: &AmqpError, during: &str) -> Self {
        let mut error = NodeError {
            code: e.code,
            text: e.text.clone(),
            explanation: e.code.explanation(),
            during: during.to_string(),
        };
        // A refused redeclare is the common 406 in the playground: say
        // exactly that rather than the code's general meaning.
        if error.is_refused_redeclare() {
            error.explanation = msg!("simulation-refused-redeclare");
        }
        error
    }

    /// True when RabbitMQ refused to declare an existing exchange or queue
    /// again with other attributes (406 inequivalent): deleting it and
    /// declaring it anew ([`Simulation::recreate`]) is the way out.
    pub fn is_refused_redeclare(&self) -> bool {
        self.code == ReplyCode::PreconditionFailed
            && (self.during == "queue.declare" || self.during == "exchange.declare")
            && self.text.contains("inequivalent")
    }
}

/// Runaway protection: limits that pause the simulation with a notice
/// instead of freezing the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most ready messages across all queues.
    pub max_ready_messages: usize,
    /// Most engine events one `advance` may produce.
    pub max_events_per_advance: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::from(&crate::scenario::RunLimits::default())
    }
}

impl From<&crate::scenario::RunLimits> for Limits {
    fn from(l: &crate::scenario::RunLimits) -> Self {
        Limits {
            max_ready_messages: l.max_ready_messages as usize,
            max_events_per_advance: l.max_events_per_tick as usize,
        }
    }
}

/// What an engine refusal is attached to: a node or a binding, by id. An
/// error goes when what it is attached to goes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKey {
    /// A node (exchange, queue, producer, consumer), by id.
    Node(String),
    /// A binding, by id.
    Binding(String),
}

impl ErrorKey {
    /// The key of node `id`.
    pub fn node(id: &str) -> Self {
        ErrorKey::Node(id.to_string())
    }

    /// The key of binding `id`.
    pub fn binding(id: &str) -> Self {
        ErrorKey::Binding(id.to_string())
    }

    /// A stable string for DOM attributes: the node id, or `binding:ID`
    /// (what [`Edge::key`](crate::editor::Edge::key) gives the binding).
    pub fn dom_key(&self) -> String {
        match self {
            ErrorKey::Node(id) => id.clone(),
            ErrorKey::Binding(id) => format!("binding:{id}"),
        }
    }
}

/// A running scenario.
#[derive(Debug)]
pub struct Simulation {
    pub(crate) scenario: Scenario,
    pub(crate) broker: Broker,
    pub(crate) connection: Option<ConnectionId>,
    /// Stream consumers' own connections, by consumer node id.
    pub(crate) stream_connections: BTreeMap<String, ConnectionId>,
    pub(crate) admin: Option<ChannelId>,
    /// The channel the host-page API publishes on.
    pub(crate) api: Option<ChannelId>,
    pub(crate) producers: BTreeMap<String, ProducerState>,
    pub(crate) consumers: BTreeMap<String, ConsumerState>,
    /// Every channel a producer or consumer has had, with its node id (kept
    /// after the channel closes: events of a consumer that crashed in the
    /// same step still name its channel, and channel ids are never reused).
    channel_owners: BTreeMap<ChannelId, String>,
    /// Queue node id → the engine's name (server-named queues included).
    queue_names: BTreeMap<String, Name>,
    /// The reverse of `queue_names` (engine name → node id): events name
    /// queues, and views look up their nodes for every one of them.
    queue_nodes: BTreeMap<Name, String>,
    pub(crate) errors: BTreeMap<ErrorKey, NodeError>,
    pub(crate) events: Vec<SimEvent>,
    pub(crate) limits: Limits,
    halted: Option<Msg>,
    /// Python files and processes (on this broker, on this clock).
    pub(crate) programs: crate::runner::Programs,
    /// Every command line run, with its time (document commands with the
    /// same time and line count as run).
    pub(crate) ran_commands: Vec<(u64, String)>,
    /// Files the page's parser refused: the source refused, the message.
    pub(crate) refused_programs: BTreeMap<String, (String, String)>,
}

impl Simulation {
    /// Starts a scenario on a fresh broker: declares its exchanges, queues
    /// and bindings and starts its consumers.
    pub fn new(scenario: Scenario) -> Self {
        let mut sim = Simulation {
            broker: Broker::with_seed(scenario.seed),
            scenario: Scenario::default(),
            connection: None,
            stream_connections: BTreeMap::new(),
            admin: None,
            api: None,
            producers: BTreeMap::new(),
            consumers: BTreeMap::new(),
            channel_owners: BTreeMap::new(),
            queue_names: BTreeMap::new(),
            queue_nodes: BTreeMap::new(),
            errors: BTreeMap::new(),
            events: Vec::new(),
            limits: Limits::default(),
            halted: None,
            programs: crate::runner::Programs::new(scenario.seed),
            ran_commands: Vec::new(),
            refused_programs: BTreeMap::new(),
        };
        sim.set_scenario(scenario);
        sim
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The broker, for reading its state.
    pub fn broker(&self) -> &Broker {
        &self.broker
    }

    /// Virtual time in ms.
    pub fn now(&self) -> u64 {
        self.broker.now()
    }

    /// Sets the runaway limits.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// Why the simulation paused itself (a limit was reached), if it did.
    pub fn halted(&self) -> Option<&Msg> {
        self.halted.as_ref()
    }

    /// Clears a halt so time can move again (after the user made room).
    pub fn resume(&mut self) {
        self.halted = None;
    }

    /// Takes the events since the last call.
    pub fn take_events(&mut self) -> Vec<SimEvent> {
        self.pump();
        std::mem::take(&mut self.events)
    }

    /// Engine refusals by the node or binding they are attached to.
    pub fn node_errors(&self) -> &BTreeMap<ErrorKey, NodeError> {
        &self.errors
    }

    /// The engine refusal attached to node `id`, if any.
    pub fn node_error(&self, id: &str) -> Option<&NodeError> {
        self.errors.get(&ErrorKey::node(id))
    }

    /// The engine refusal attached to binding `id`, if any.
    pub fn binding_error(&self, id: &str) -> Option<&NodeError> {
        self.errors.get(&ErrorKey::binding(id))
    }

    /// The engine's name of queue node `id` (server-named queues get theirs
    /// when declared).
    pub fn queue_name(&self, id: &str) -> Option<&Name> {
        self.queue_names.get(id)
    }

    /// Records the engine's name of queue node `id`.
    pub(crate) fn set_queue_name(&mut self, id: &str, name: Name) {
        if let Some(old) = self.queue_names.insert(id.to_string(), name.clone()) {
            self.queue_nodes.remove(&old);
        }
        self.queue_nodes.insert(name, id.to_string());
    }

    /// Forgets the engine's name of queue node `id`, returning it.
    pub(crate) fn forget_queue_name(&mut self, id: &str) -> Option<Name> {
        let name = self.queue_names.remove(id)?;
        self.queue_nodes.remove(&name);
        Some(name)
    }

    /// The queue node of an engine queue name.
    pub fn node_for_queue(&self, name: &str) -> Option<&str> {
        self.queue_nodes.get(name).map(String::as_str)
    }

    /// The exchange node of an engine exchange name.
    pub fn node_for_exchange(&self, name: &str) -> Option<&str> {
        if name.is_empty() {
            return Some(DEFAULT_EXCHANGE_ID);
        }
        self.scenario.exchanges.iter().find(|x| x.name == name).map(|x| x.id.as_str())
    }

    /// The producer or consumer node that owns or owned a channel (also
    /// after the channel closed, so what is read from events does not
    /// depend on how far the clock moved before they were read).
    pub fn node_for_channel(&self, channel: ChannelId) -> Option<&str> {
        let id = self.channel_owners.get(&channel)?;
        let on_canvas = self.scenario.producer(id).is_some() || self.scenario.consumer(id).is_some();
        on_canvas.then_some(id.as_str())
    }

    /// A consumer's runtime state (its jobs, whether it is down and why).
    pub fn consumer_state(&self, id: &str) -> Option<&ConsumerState> {
        self.consumers.get(id)
    }

    /// A producer's runtime state.
    pub fn producer_state(&self, id: &str) -> Option<&ProducerState> {
        self.producers.get(id)
    }

    /// Explains how a message from exchange node `exchange_id` with this key
    /// and these headers would be routed now.
    pub fn explain(&self, exchange_id: &str, routing_key: &str, headers: Option<&FieldTable>) -> RouteExplanation {
        let name = self.scenario.exchange_name(exchange_id).unwrap_or(exchange_id);
        self.broker.explain_route(name, routing_key, headers)
    }

    // ----- connection and channels ---------------------------------------------

    pub(crate) fn connection(&mut self) -> ConnectionId {
        if let Some(c) = self.connection.filter(|c| self.broker.is_connection_open(*c)) {
            return c;
        }
        let c = self.broker.open_connection("playground");
        self.connection = Some(c);
        c
    }

    pub(crate) fn admin_channel(&mut self) -> ChannelId {
        if let Some(ch) = self.admin.filter(|ch| self.broker.is_channel_open(*ch)) {
            return ch;
        }
        let conn = self.connection();
        let ch = self.broker.open_channel(conn).expect("connection just opened");
        self.admin = Some(ch);
        ch
    }

    /// Keeps what the broker answered `during` a method for `key`: a
    /// refusal is attached to it, a success clears an earlier refusal of
    /// the same method.
    pub(crate) fn record(&mut self, key: ErrorKey, during: &str, r: Result<(), AmqpError>) -> bool {
        match r {
            Ok(()) => {
                if self.errors.get(&key).is_some_and(|e| e.during == during) {
                    self.errors.remove(&key);
                }
                true
            }
            Err(e) => {
                self.errors.insert(key, NodeError::new(&e, during));
                false
            }
        }
    }

    /// Forgets the refusal attached to node `id`.
    pub(crate) fn forget_error(&mut self, id: &str) {
        self.errors.remove(&ErrorKey::node(id));
    }

    /// Moves broker events (already seen by the processes) into the
    /// simulation's log, handing deliveries to the consumers that received
    /// them.
    pub(crate) fn absorb(&mut self, events: Vec<Event>) {
        let now = self.broker.now();
        for event in events {
            if let Event::Delivered {
                channel,
                consumer: Some(_),
                message,
                redelivered,
                delivery_tag,
                auto_ack,
                queue,
                ..
            } = &event
            {
                self.on_delivery(*channel, queue.clone(), message.clone(), *redelivered, *delivery_tag, *auto_ack);
            }
            self.events.push(SimEvent { at: now, event });
        }
        if self.consumers.values().any(|c| c.down.is_none() && c.received > 0) {
            self.check_crashes();
        }
    }

    fn on_delivery(
        &mut self,
        channel: ChannelId,
        queue: Name,
        message: Rc<crate::engine::Message>,
        redelivered: bool,
        delivery_tag: u64,
        auto_ack: bool,
    ) {
        let now = self.broker.now();
        let Some((id, c)) = self.consumers.iter_mut().find(|(_, c)| c.channel == Some(channel)) else { return };
        let Some(node) = self.scenario.consumers.iter().find(|n| &n.id == id) else { return };
        let start = c.jobs.back().map(|j| j.done_at).unwrap_or(now).max(now);
        c.jobs.push_back(Job {
            delivery_tag,
            message,
            redelivered,
            queue,
            done_at: start + node.processing_ms.max(1),
            auto_ack,
        });
        c.received += 1;
    }

    // ----- time ------------------------------------------------------------------

    /// The next virtual time at which something happens: a producer
    /// publishes, a consumer finishes a message, a TTL or queue expiry.
    pub fn next_due(&self) -> Option<u64> {
        let producers = self.producers.values().filter_map(|p| p.next_at);
        let consumers = self.consumers.values().filter(|c| c.down.is_none()).filter_map(|c| c.next_done());
        let programs = self.programs.next_wake().into_iter().chain(self.next_command_at());
        producers.chain(consumers).chain(programs).chain(self.broker.next_due()).min()
    }

    /// Moves to the next thing that happens (a computing process's next
    /// slice first); false when nothing is due (or the clock waits for a
    /// program file, see [`waiting_for_program`](Self::waiting_for_program)).
    pub fn step(&mut self) -> bool {
        if self.computing() && self.halted.is_none() {
            self.advance(0);
            return true;
        }
        match self.next_due() {
            Some(t) if self.halted.is_none() && self.program_gate().is_none_or(|g| t < g) => {
                let now = self.now();
                self.advance(t.saturating_sub(now));
                true
            }
            _ => false,
        }
    }

    /// Moves virtual time forward by `ms`, running everything due on the
    /// way in time order: producers, consumers, the document's commands,
    /// then the processes that wake. Stops early (and
    /// [`halted`](Self::halted) says why) when a runaway limit is reached,
    /// one millisecond before a document command whose program file is
    /// not parsed yet ([`waiting_for_program`](Self::waiting_for_program)),
    /// and where a process computes ([`computing`](Self::computing)).
    pub fn advance(&mut self, ms: u64) {
        if self.halted.is_some() {
            return;
        }
        if self.computing() {
            self.settle_programs();
            return;
        }
        let mut target = self.now().saturating_add(ms);
        if let Some(gate) = self.program_gate() {
            if gate <= self.now() {
                return;
            }
            target = target.min(gate - 1);
        }
        let events_before = self.events.len();
        let mut same_time = 0;
        while let Some(due) = self.next_due().filter(|t| *t <= target) {
            let now = self.now();
            same_time = if due <= now { same_time + 1 } else { 0 };
            if same_time > crate::runner::SETTLE_ROUNDS {
                break;
            }
            if due > now {
                self.broker.advance(due - now);
            }
            self.pump();
            self.run_due_consumers();
            self.run_due_producers();
            self.run_due_commands();
            self.settle_programs();
            if let Some(reason) = self.over_limit(events_before) {
                self.halted = Some(reason);
                return;
            }
            if self.computing() {
                return;
            }
        }
        let now = self.now();
        if target > now {
            self.broker.advance(target - now);
        }
        self.settle_programs();
    }

    fn over_limit(&self, events_before: usize) -> Option<Msg> {
        let ready: usize = self.broker.queues().map(|q| q.ready.len()).sum();
        if ready > self.limits.max_ready_messages {
            return Some(msg!("simulation-paused-ready", ready = ready, limit = self.limits.max_ready_messages));
        }
        let events = self.events.len() - events_before;
        if events > self.limits.max_events_per_advance {
            return Some(msg!("simulation-paused-events", events = events, limit = self.limits.max_events_per_advance));
        }
        None
    }

    fn run_due_producers(&mut self) {
        let now = self.now();
        let due: Vec<String> = self
            .producers
            .iter()
            .filter(|(_, p)| p.next_at.is_some_and(|t| t <= now))
            .map(|(id, _)| id.clone())
            .collect();
        for id in due {
            let Some(node) = self.scenario.producer(&id).cloned() else { continue };
            let remaining = self.producers[&id].remaining;
            let n = match node.schedule {
                Schedule::Burst { .. } => remaining.unwrap_or(1),
                Schedule::Every { batch, .. } => remaining.map_or(batch, |r| r.min(batch)).max(1),
                _ => 1,
            };
            for _ in 0..n {
                let _ = self.publish_now(&id);
            }
            let p = self.producers.get_mut(&id).expect("exists");
            p.remaining = p.remaining.map(|r| r.saturating_sub(n));
            p.next_at = match (&node.schedule, p.remaining) {
                (_, Some(0)) => None,
                (Schedule::Every { every_ms, .. }, _) => Some(now + (*every_ms).max(1)),
                _ => None,
            };
        }
    }

    fn run_due_consumers(&mut self) {
        let now = self.now();
        let ids: Vec<String> = self.consumers.keys().cloned().collect();
        for id in ids {
            while let Some(job) =
                self.consumers.get(&id).and_then(|c| c.jobs.front()).filter(|j| j.done_at <= now).cloned()
            {
                self.consumers.get_mut(&id).expect("exists").jobs.pop_front();
                self.finish_job(&id, job);
                self.pump();
            }
        }
    }

    fn finish_job(&mut self, id: &str, job: Job) {
        let Some(node) = self.scenario.consumer(id).cloned() else { return };
        let Some(channel) = self.consumers.get(id).and_then(|c| c.channel) else { return };
        if node.reply {
            if let Some(reply_to) = job.message.properties.reply_to.clone() {
                let p = Publish {
                    exchange: String::new(),
                    routing_key: reply_to,
                    mandatory: false,
                    properties: Properties {
                        correlation_id: job.message.properties.correlation_id.clone(),
                        ..Default::default()
                    },
                    body: format!("reply to {}", job.message.body),
                };
                let r = self.broker.basic_publish(channel, p).map(|_| ());
                self.record(ErrorKey::node(id), "basic.publish (reply)", r);
            }
        }
        if job.auto_ack || node.ack == AckMode::Auto || !self.broker.is_channel_open(channel) {
            return;
        }
        let tag = job.delivery_tag;
        let r = match node.outcome {
            Outcome::Ack => self.broker.basic_ack(channel, tag, false),
            Outcome::NackRequeue => self.broker.basic_nack(channel, tag, false, true),
            Outcome::Nack => self.broker.basic_nack(channel, tag, false, false),
            Outcome::Reject => self.broker.basic_reject(channel, tag, false),
            Outcome::RejectRequeue => self.broker.basic_reject(channel, tag, true),
            Outcome::NeverAck => Ok(()),
        };
        self.record(ErrorKey::node(id), "basic.ack", r);
    }

    // ----- actions -------------------------------------------------------------------

    /// Publishes the producer's message now.
    pub fn publish_now(&mut self, producer_id: &str) -> Result<PublishOutcome, AmqpError> {
        let Some(node) = self.scenario.producer(producer_id).cloned() else {
            return Err(AmqpError::new(ReplyCode::NotFound, format!("no producer '{producer_id}' on the canvas")));
        };
        let Some(exchange_id) = node.exchange.as_deref() else {
            let e = AmqpError::new(
                ReplyCode::NotFound,
                "this producer is not connected to an exchange yet: drag from it to an exchange",
            );
            self.errors.insert(ErrorKey::node(producer_id), NodeError::new(&e, "basic.publish"));
            return Err(e);
        };
        let exchange = self.scenario.exchange_name(exchange_id).unwrap_or("").to_string();
        let state = self.producers.entry(producer_id.to_string()).or_default();
        state.sent += 1;
        let n = state.sent;
        let channel = match state.channel.filter(|c| self.broker.is_channel_open(*c)) {
            Some(c) => c,
            None => {
                let conn = self.connection();
                let c = self.broker.open_channel(conn).expect("connection is open");
                let _ = self.broker.confirm_select(c);
                self.producers.get_mut(producer_id).expect("exists").channel = Some(c);
                self.channel_owners.insert(c, producer_id.to_string());
                c
            }
        };
        let m = &node.message;
        let fill = |s: &str| s.replace("{n}", &n.to_string());
        let reply_to = m
            .reply_to_queue
            .as_ref()
            .and_then(|q| self.queue_names.get(q).map(|n| n.to_string()))
            .or_else(|| m.reply_to.clone());
        let headers = (!m.headers.is_empty())
            .then(|| FieldTable::from_json(&serde_json::Value::Object(m.headers.clone())))
            .flatten();
        let p = Publish {
            exchange,
            routing_key: m.routing_key.clone(),
            mandatory: m.mandatory,
            properties: Properties {
                delivery_mode: m.persistent.then_some(2),
                expiration: m.expiration.clone(),
                priority: m.priority,
                reply_to,
                correlation_id: m.correlation_id.as_deref().map(fill),
                message_id: m.message_id.as_deref().map(fill),
                content_type: None,
                headers,
            },
            body: fill(&m.body),
        };
        let r = self.broker.basic_publish(channel, p);
        self.record(ErrorKey::node(producer_id), "basic.publish", r.as_ref().map(|_| ()).map_err(Clone::clone));
        self.settle_programs();
        r
    }

    /// Publishes an arbitrary message on the simulation's API channel (for
    /// the host-page API and the "publish" tool), with publisher confirms.
    pub fn publish_raw(&mut self, p: Publish) -> Result<PublishOutcome, AmqpError> {
        let channel = match self.api.filter(|c| self.broker.is_channel_open(*c)) {
            Some(c) => c,
            None => {
                let conn = self.connection();
                let c = self.broker.open_channel(conn).expect("connection is open");
                let _ = self.broker.confirm_select(c);
                self.api = Some(c);
                c
            }
        };
        let r = self.broker.basic_publish(channel, p);
        self.settle_programs();
        r
    }

    /// Kills a consumer: its channel closes and its unacked messages go back
    /// to the queue, marked redelivered.
    pub fn kill_consumer(&mut self, consumer_id: &str) {
        self.stop_consumer(consumer_id, Down::Killed);
        self.settle_programs();
    }

    /// Starts a killed or crashed consumer again.
    pub fn revive_consumer(&mut self, consumer_id: &str) {
        if let Some(c) = self.consumers.get_mut(consumer_id) {
            c.down = None;
            c.received = 0;
        }
        self.start_consumer(consumer_id);
        self.settle_programs();
    }

    pub(crate) fn stop_consumer(&mut self, consumer_id: &str, why: Down) {
        let Some(c) = self.consumers.get_mut(consumer_id) else { return };
        c.jobs.clear();
        c.down = Some(why);
        if let Some(ch) = c.channel.take() {
            self.broker.close_channel(ch);
        }
        self.pump();
    }

    /// The connection a consumer's channel opens on: the playground's, or
    /// for a stream consumer one of its own (streams cannot be exclusive,
    /// and a 540 for an auto-ack stream consumer or its nack closes only
    /// that consumer's connection, as it would in an application that
    /// gives such a consumer its own).
    fn consumer_connection(&mut self, consumer_id: &str, queue: &str) -> ConnectionId {
        if !self.broker.queue(queue).is_some_and(|q| q.settings.is_stream()) {
            return self.connection();
        }
        if let Some(c) = self.stream_connections.get(consumer_id).filter(|c| self.broker.is_connection_open(**c)) {
            return *c;
        }
        let c = self.broker.open_connection(format!("stream consumer {consumer_id}"));
        self.stream_connections.insert(consumer_id.to_string(), c);
        c
    }

    /// Opens the consumer's channel, sets its prefetch and consumes.
    pub(crate) fn start_consumer(&mut self, consumer_id: &str) {
        let Some(node) = self.scenario.consumer(consumer_id).cloned() else { return };
        let state = self.consumers.entry(consumer_id.to_string()).or_default();
        if matches!(state.down, Some(Down::Killed) | Some(Down::Crashed)) || state.channel.is_some() {
            return;
        }
        let Some(queue_id) = node.queue.clone() else {
            state.down = Some(Down::Unconnected);
            return;
        };
        let Some(queue) = self.queue_names.get(&queue_id).cloned().filter(|q| self.broker.queue(q).is_some()) else {
            state.down = Some(Down::NoQueue);
            return;
        };
        let conn = self.consumer_connection(consumer_id, &queue);
        let ch = self.broker.open_channel(conn).expect("connection is open");
        let qos = self.broker.basic_qos(ch, node.prefetch, false);
        let arguments = sync::consume_arguments(&node);
        let consume = qos.and_then(|_| {
            self.broker.basic_consume(
                ch,
                crate::engine::ConsumeOptions {
                    queue: queue.to_string(),
                    consumer_tag: node.name.clone(),
                    no_ack: node.ack == AckMode::Auto,
                    exclusive: node.exclusive,
                    arguments,
                },
            )
        });
        let state = self.consumers.get_mut(consumer_id).expect("exists");
        match consume {
            Ok(_) => {
                state.channel = Some(ch);
                self.channel_owners.insert(ch, consumer_id.to_string());
                state.queue = Some(queue);
                state.down = None;
                self.record(ErrorKey::node(consumer_id), "basic.consume", Ok(()));
            }
            Err(e) => {
                state.down = Some(Down::Refused);
                self.record(ErrorKey::node(consumer_id), "basic.consume", Err(e));
                self.broker.close_channel(ch);
            }
        }
        // Deliveries may already have arrived.
        self.pump();
        self.check_crashes();
    }

    /// Consumers that reached `crash_after` deliveries crash now.
    pub(crate) fn check_crashes(&mut self) {
        let crashing: Vec<String> = self
            .consumers
            .iter()
            .filter(|(id, c)| {
                c.down.is_none()
                    && self.scenario.consumer(id).and_then(|n| n.crashes_at()).is_some_and(|n| c.received >= n)
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in crashing {
            self.stop_consumer(&id, Down::Crashed);
        }
    }

    /// Restarts the broker: connections close; only durable exchanges and
    /// queues and persistent messages in durable queues survive. The
    /// clients reconnect: consumers whose queue survived consume again.
    pub fn restart_broker(&mut self) {
        self.broker.restart();
        self.connection = None;
        self.admin = None;
        self.api = None;
        for p in self.producers.values_mut() {
            p.channel = None;
        }
        for c in self.consumers.values_mut() {
            c.channel = None;
            c.jobs.clear();
            if c.down == Some(Down::NoQueue) || c.down == Some(Down::Refused) {
                c.down = None;
            }
        }
        self.pump();
        let ids: Vec<String> = self.consumers.keys().cloned().collect();
        for id in ids {
            self.start_consumer(&id);
        }
        self.settle_programs();
    }

    /// queue.purge on a queue node.
    pub fn purge_queue(&mut self, queue_id: &str) -> Result<u64, AmqpError> {
        let name = self.queue_names.get(queue_id).cloned().unwrap_or_else(|| Rc::from(""));
        let ch = self.admin_channel();
        let r = self.broker.queue_purge(ch, &name);
        self.record(ErrorKey::node(queue_id), "queue.purge", r.as_ref().map(|_| ()).map_err(Clone::clone));
        self.settle_programs();
        r
    }

    /// Declares again whatever the broker lost (after a restart or a
    /// deletion): the same as a client that redeclares its topology on
    /// reconnect.
    pub fn redeclare_all(&mut self) {
        let scenario = self.scenario.clone();
        self.scenario = Scenario::default();
        let gone: Vec<String> =
            self.queue_names.iter().filter(|(_, n)| self.broker.queue(n).is_none()).map(|(id, _)| id.clone()).collect();
        for id in gone {
            self.forget_queue_name(&id);
        }
        self.set_scenario(scenario);
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod program_tests;
