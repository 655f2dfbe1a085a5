//! The scenario document, version 2: everything a playground holds
//! (topology, node positions, producer and consumer behaviours, clock
//! speed, narration, Python programs and the commands typed), as serde
//! types that read and write JSON. Version 1 documents (no programs) are
//! read as they are and written as version 2.
//!
//! Nodes have ids that never change (edges refer to ids, so renaming a
//! queue keeps its bindings); exchanges and queues also have the AMQP name
//! they are declared with. The default exchange is always there, with the
//! id [`DEFAULT_EXCHANGE_ID`].

use crate::engine::queue_args::{DeadLetterStrategy, QueueSettings, QueueType};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The document format version this Warren writes.
pub const FORMAT_VERSION: u32 = 2;

/// The versions this Warren reads (1: before programs).
pub const READABLE_VERSIONS: [u32; 2] = [1, 2];

/// The node id of the default exchange (`""`), present in every scenario.
pub const DEFAULT_EXCHANGE_ID: &str = "default";

/// A whole scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version: one of [`READABLE_VERSIONS`] when read,
    /// [`FORMAT_VERSION`] once read.
    pub warren: u32,
    /// A title shown in the header and the lesson picker.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// A short description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Clock speed (0.1 to 10).
    #[serde(default = "default_speed")]
    pub speed: f64,
    /// Seed for the names the broker makes up; the same seed replays the
    /// same way.
    #[serde(default)]
    pub seed: u64,
    /// Whether a host page may edit an embedded copy (embed mode).
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// Exchanges (besides the default exchange).
    #[serde(default)]
    pub exchanges: Vec<ExchangeNode>,
    /// Queues.
    #[serde(default)]
    pub queues: Vec<QueueNode>,
    /// Bindings: exchange → queue or exchange → exchange.
    #[serde(default)]
    pub bindings: Vec<BindingEdge>,
    /// Producers.
    #[serde(default)]
    pub producers: Vec<ProducerNode>,
    /// Consumers.
    #[serde(default)]
    pub consumers: Vec<ConsumerNode>,
    /// Narration steps for lessons and embedded tutorials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narration: Vec<NarrationStep>,
    /// Where the default exchange sits on the canvas.
    #[serde(default = "default_exchange_position")]
    pub default_exchange: Position,
    /// Runaway limits (absent: the defaults).
    #[serde(default, skip_serializing_if = "RunLimits::is_default")]
    pub limits: RunLimits,
    /// Python program files a terminal command can run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<super::ProgramFile>,
    /// Command lines typed in the terminal, with their virtual times.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<super::TerminalCommand>,
}

/// Limits that pause a runaway scenario with a notice instead of freezing
/// the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunLimits {
    /// Most ready messages across all queues (1 to 1,000,000).
    #[serde(default = "default_max_ready")]
    pub max_ready_messages: u64,
    /// Most broker events in one tick of the clock (1,000 to 5,000,000).
    #[serde(default = "default_max_events")]
    pub max_events_per_tick: u64,
}

fn default_max_ready() -> u64 {
    50_000
}

fn default_max_events() -> u64 {
    200_000
}

impl Default for RunLimits {
    fn default() -> Self {
        RunLimits { max_ready_messages: default_max_ready(), max_events_per_tick: default_max_events() }
    }
}

impl RunLimits {
    /// True for the default limits (not written to documents).
    pub fn is_default(&self) -> bool {
        *self == RunLimits::default()
    }
}

fn default_speed() -> f64 {
    1.0
}

fn default_exchange_position() -> Position {
    Position { x: 320.0, y: 60.0 }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            warren: FORMAT_VERSION,
            title: String::new(),
            description: String::new(),
            speed: 1.0,
            seed: 0,
            read_only: false,
            exchanges: Vec::new(),
            queues: Vec::new(),
            bindings: Vec::new(),
            producers: Vec::new(),
            consumers: Vec::new(),
            narration: Vec::new(),
            default_exchange: default_exchange_position(),
            limits: RunLimits::default(),
            programs: Vec::new(),
            commands: Vec::new(),
        }
    }
}

/// A point on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Horizontal, in canvas units.
    pub x: f64,
    /// Vertical, in canvas units.
    pub y: f64,
}

/// The four exchange types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExchangeKind {
    /// Exact routing-key match.
    #[default]
    Direct,
    /// Every binding.
    Fanout,
    /// `*` and `#` patterns.
    Topic,
    /// Header values.
    Headers,
}

impl ExchangeKind {
    /// The engine's type.
    pub fn engine(self) -> crate::engine::ExchangeType {
        use crate::engine::ExchangeType as T;
        match self {
            ExchangeKind::Direct => T::Direct,
            ExchangeKind::Fanout => T::Fanout,
            ExchangeKind::Topic => T::Topic,
            ExchangeKind::Headers => T::Headers,
        }
    }

    /// The AMQP type name.
    pub fn as_str(self) -> &'static str {
        self.engine().as_str()
    }

    /// All four.
    pub const ALL: [ExchangeKind; 4] =
        [ExchangeKind::Direct, ExchangeKind::Fanout, ExchangeKind::Topic, ExchangeKind::Headers];
}

/// An exchange on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeNode {
    /// Node id (unique in the scenario).
    pub id: String,
    /// Exchange name.
    pub name: String,
    /// Exchange type.
    #[serde(rename = "type", default)]
    pub kind: ExchangeKind,
    /// Survives a broker restart.
    #[serde(default, skip_serializing_if = "is_false")]
    pub durable: bool,
    /// Deleted when its last binding goes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_delete: bool,
    /// Only reachable through exchange-to-exchange bindings.
    #[serde(default, skip_serializing_if = "is_false")]
    pub internal: bool,
    /// Node id of the alternate exchange, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_exchange: Option<String>,
    /// Other declared arguments, passed to the broker as they are.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub arguments: Map<String, Value>,
    /// Horizontal position on the canvas.
    #[serde(default)]
    pub x: f64,
    /// Vertical position on the canvas.
    #[serde(default)]
    pub y: f64,
}

/// What a full queue does (`x-overflow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverflowKind {
    /// Drop (or dead-letter) the oldest message.
    DropHead,
    /// Refuse the new message (publisher nack).
    RejectPublish,
    /// Refuse the new message and dead-letter it.
    RejectPublishDlx,
}

impl OverflowKind {
    /// The `x-overflow` value.
    pub fn as_str(self) -> &'static str {
        match self {
            OverflowKind::DropHead => "drop-head",
            OverflowKind::RejectPublish => "reject-publish",
            OverflowKind::RejectPublishDlx => "reject-publish-dlx",
        }
    }
}

/// A queue on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct QueueNode {
    /// Node id.
    pub id: String,
    /// Queue name; empty asks the broker for one (`amq.gen-...`).
    #[serde(default)]
    pub name: String,
    /// `x-queue-type`: classic (left out of the document), quorum or stream.
    #[serde(default, skip_serializing_if = "QueueSettings::is_classic")]
    pub queue_type: QueueType,
    /// Survives a restart.
    #[serde(default, skip_serializing_if = "is_false")]
    pub durable: bool,
    /// Owned by the playground's connection, deleted when it closes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
    /// Deleted when its last consumer goes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_delete: bool,
    /// `x-message-ttl` in ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_ttl: Option<u64>,
    /// `x-expires` in ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<u64>,
    /// `x-max-length`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// `x-max-length-bytes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length_bytes: Option<u64>,
    /// `x-overflow`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overflow: Option<OverflowKind>,
    /// Node id of the dead-letter exchange (`default` for `""`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter_exchange: Option<String>,
    /// `x-dead-letter-routing-key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter_routing_key: Option<String>,
    /// `x-max-priority`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_priority: Option<u8>,
    /// `x-single-active-consumer`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub single_active_consumer: bool,
    /// `x-delivery-limit` (quorum queues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_limit: Option<u64>,
    /// `x-dead-letter-strategy` (quorum queues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter_strategy: Option<DeadLetterStrategy>,
    /// `x-max-age` (streams), as RabbitMQ writes it: `7D`, `1h`, `30s`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<String>,
    /// `x-stream-max-segment-size-bytes` (streams).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_max_segment_size_bytes: Option<u64>,
    /// Other arguments, passed to the broker as they are.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub arguments: Map<String, Value>,
    /// Horizontal position on the canvas.
    #[serde(default)]
    pub x: f64,
    /// Vertical position on the canvas.
    #[serde(default)]
    pub y: f64,
}

/// A binding: from an exchange to a queue or another exchange.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BindingEdge {
    /// The binding's id, stable across edits (errors and the selection
    /// refer to it). Documents written before bindings had ids get `b1`,
    /// `b2`, ... when read (see [`Scenario::assign_binding_ids`]).
    #[serde(default)]
    pub id: String,
    /// Node id of the source exchange.
    pub from: String,
    /// Node id of the destination queue or exchange.
    pub to: String,
    /// Binding key.
    #[serde(default)]
    pub routing_key: String,
    /// Binding arguments (headers exchanges: `x-match` and header values).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub arguments: Map<String, Value>,
}

/// When a producer publishes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Schedule {
    /// Only when "publish now" is pressed.
    #[default]
    Manual,
    /// Once, at `at_ms` on the virtual clock.
    Once {
        /// When.
        #[serde(default)]
        at_ms: u64,
    },
    /// Every `every_ms`, starting at `start_ms`, `count` times (forever when
    /// absent).
    Every {
        /// Interval.
        every_ms: u64,
        /// First publish.
        #[serde(default)]
        start_ms: u64,
        /// How many in all.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        count: Option<u32>,
        /// Messages published at each tick (1 unless set): 100 every 10 ms
        /// is 10,000 messages a second.
        #[serde(default = "one", skip_serializing_if = "is_one")]
        batch: u32,
    },
    /// `count` messages at once, at `at_ms`.
    Burst {
        /// How many.
        count: u32,
        /// When.
        #[serde(default)]
        at_ms: u64,
    },
}

/// The message a producer publishes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MessageTemplate {
    /// Routing key.
    #[serde(default)]
    pub routing_key: String,
    /// Body; `{n}` becomes the message's number (1, 2, ...).
    #[serde(default)]
    pub body: String,
    /// Header values (strings, integers, booleans).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub headers: Map<String, Value>,
    /// delivery_mode 2.
    #[serde(default, skip_serializing_if = "is_false")]
    pub persistent: bool,
    /// Per-message TTL in ms, as AMQP's string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    /// Priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// reply_to as a literal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// reply_to as a queue node id (resolved to its real name, so it works
    /// with server-named queues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_queue: Option<String>,
    /// correlation_id; `{n}` becomes the message's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// message_id; `{n}` becomes the message's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// Return the message if no queue receives it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub mandatory: bool,
}

/// A producer on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProducerNode {
    /// Node id.
    pub id: String,
    /// A label.
    pub name: String,
    /// Node id of the exchange it publishes to (`default` for `""`);
    /// `None` until connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<String>,
    /// The message.
    #[serde(default)]
    pub message: MessageTemplate,
    /// When it publishes.
    #[serde(default)]
    pub schedule: Schedule,
    /// Horizontal position on the canvas.
    #[serde(default)]
    pub x: f64,
    /// Vertical position on the canvas.
    #[serde(default)]
    pub y: f64,
}

/// How a consumer acknowledges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AckMode {
    /// Manual acknowledgements (the consumer decides after processing).
    #[default]
    Manual,
    /// Auto-ack (no_ack): the broker forgets a message once it is sent.
    Auto,
}

/// What a manual-ack consumer does with each message after processing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// basic.ack.
    #[default]
    Ack,
    /// basic.nack with requeue.
    NackRequeue,
    /// basic.nack without requeue (dead-lettered or dropped).
    Nack,
    /// basic.reject without requeue.
    Reject,
    /// basic.reject with requeue.
    RejectRequeue,
    /// Never acknowledges: messages stay unacked.
    NeverAck,
}

impl Outcome {
    /// A label for people, to render in the page's language.
    pub fn msg(self) -> Msg {
        match self {
            Outcome::Ack => msg!("document-outcome-ack"),
            Outcome::NackRequeue => msg!("document-outcome-nack-requeue"),
            Outcome::Nack => msg!("document-outcome-nack"),
            Outcome::Reject => msg!("document-outcome-reject"),
            Outcome::RejectRequeue => msg!("document-outcome-reject-requeue"),
            Outcome::NeverAck => msg!("document-outcome-never-ack"),
        }
    }

    /// The label in English (`nack + requeue`).
    pub fn label(self) -> String {
        self.msg().english()
    }

    /// All outcomes.
    pub const ALL: [Outcome; 6] =
        [Outcome::Ack, Outcome::NackRequeue, Outcome::Nack, Outcome::Reject, Outcome::RejectRequeue, Outcome::NeverAck];
}

/// A consumer on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsumerNode {
    /// Node id.
    pub id: String,
    /// A label (also its consumer tag).
    pub name: String,
    /// Node id of the queue it consumes from; `None` until connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// Manual or auto ack.
    #[serde(default)]
    pub ack: AckMode,
    /// basic.qos prefetch (0 = unlimited).
    #[serde(default)]
    pub prefetch: u16,
    /// Virtual ms it takes to process one message.
    #[serde(default)]
    pub processing_ms: u64,
    /// What it does after processing (manual ack).
    #[serde(default)]
    pub outcome: Outcome,
    /// Crashes (its channel closes) when it receives this many messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crash_after: Option<u32>,
    /// RPC server: publishes an answer to each message's reply_to with its
    /// correlation_id.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reply: bool,
    /// Exclusive consumer.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
    /// Consumer priority (`x-priority`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    /// The producer node this consumer is one client with (one program on
    /// one connection that publishes as that producer and consumes as this
    /// consumer, as an RPC client sends requests and takes the replies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_client_as: Option<String>,
    /// `x-stream-offset` for a stream consumer: `first`, `last`, `next`,
    /// an offset (`12`) or an interval (`1h`, `30s`); absent is `next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_offset: Option<String>,
    /// Horizontal position on the canvas.
    #[serde(default)]
    pub x: f64,
    /// Vertical position on the canvas.
    #[serde(default)]
    pub y: f64,
}

impl ConsumerNode {
    /// The delivery at which this consumer crashes, if it does: its n-th
    /// delivery since it started, counted from 1 with the crashing delivery
    /// included. "Received" means the same everywhere: the simulation
    /// counts it so, the node's card shows it so and the exported program
    /// counts and crashes so.
    pub fn crashes_at(&self) -> Option<u32> {
        self.crash_after.map(|n| n.max(1))
    }
}

/// A step of narration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrationStep {
    /// A short heading.
    pub title: String,
    /// What to watch.
    pub text: String,
    /// Something to try.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_this: Option<String>,
    /// A command line to type in the terminal for this step
    /// (`python3 receive.py`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

impl Scenario {
    /// Every node id with its kind.
    pub fn node_ids(&self) -> impl Iterator<Item = (&str, NodeKind)> {
        std::iter::once((DEFAULT_EXCHANGE_ID, NodeKind::Exchange))
            .chain(self.exchanges.iter().map(|n| (n.id.as_str(), NodeKind::Exchange)))
            .chain(self.queues.iter().map(|n| (n.id.as_str(), NodeKind::Queue)))
            .chain(self.producers.iter().map(|n| (n.id.as_str(), NodeKind::Producer)))
            .chain(self.consumers.iter().map(|n| (n.id.as_str(), NodeKind::Consumer)))
    }

    /// The kind of node `id`, if it exists.
    pub fn kind_of(&self, id: &str) -> Option<NodeKind> {
        self.node_ids().find(|(i, _)| *i == id).map(|(_, k)| k)
    }

    /// An exchange node by id (not the default exchange).
    pub fn exchange(&self, id: &str) -> Option<&ExchangeNode> {
        self.exchanges.iter().find(|n| n.id == id)
    }

    /// A queue node by id.
    pub fn queue(&self, id: &str) -> Option<&QueueNode> {
        self.queues.iter().find(|n| n.id == id)
    }

    /// A producer by id.
    pub fn producer(&self, id: &str) -> Option<&ProducerNode> {
        self.producers.iter().find(|n| n.id == id)
    }

    /// A consumer by id.
    pub fn consumer(&self, id: &str) -> Option<&ConsumerNode> {
        self.consumers.iter().find(|n| n.id == id)
    }

    /// The AMQP name of exchange node `id` (`""` for the default exchange).
    pub fn exchange_name(&self, id: &str) -> Option<&str> {
        if id == DEFAULT_EXCHANGE_ID {
            Some("")
        } else {
            self.exchange(id).map(|x| x.name.as_str())
        }
    }

    /// A node's position.
    pub fn position(&self, id: &str) -> Option<Position> {
        if id == DEFAULT_EXCHANGE_ID {
            return Some(self.default_exchange);
        }
        let at = |x: f64, y: f64| Position { x, y };
        self.exchange(id)
            .map(|n| at(n.x, n.y))
            .or_else(|| self.queue(id).map(|n| at(n.x, n.y)))
            .or_else(|| self.producer(id).map(|n| at(n.x, n.y)))
            .or_else(|| self.consumer(id).map(|n| at(n.x, n.y)))
    }

    /// Moves a node.
    pub fn set_position(&mut self, id: &str, p: Position) {
        if id == DEFAULT_EXCHANGE_ID {
            self.default_exchange = p;
        } else if let Some(n) = self.exchanges.iter_mut().find(|n| n.id == id) {
            (n.x, n.y) = (p.x, p.y);
        } else if let Some(n) = self.queues.iter_mut().find(|n| n.id == id) {
            (n.x, n.y) = (p.x, p.y);
        } else if let Some(n) = self.producers.iter_mut().find(|n| n.id == id) {
            (n.x, n.y) = (p.x, p.y);
        } else if let Some(n) = self.consumers.iter_mut().find(|n| n.id == id) {
            (n.x, n.y) = (p.x, p.y);
        }
    }

    /// A fresh node id with `prefix` not used yet (`q1`, `q2`, ...).
    pub fn fresh_id(&self, prefix: &str) -> String {
        (1..).map(|n| format!("{prefix}{n}")).find(|id| self.kind_of(id).is_none()).expect("unbounded")
    }

    /// The binding with id `id`.
    pub fn binding(&self, id: &str) -> Option<&BindingEdge> {
        self.bindings.iter().find(|b| b.id == id)
    }

    /// The binding with id `id`, to change it.
    pub fn binding_mut(&mut self, id: &str) -> Option<&mut BindingEdge> {
        self.bindings.iter_mut().find(|b| b.id == id)
    }

    /// A binding id not used yet (`b1`, `b2`, ...).
    pub fn fresh_binding_id(&self) -> String {
        let taken: std::collections::HashSet<&str> = self.bindings.iter().map(|b| b.id.as_str()).collect();
        (1..).map(|n| format!("b{n}")).find(|id| !taken.contains(id.as_str())).expect("unbounded")
    }

    /// Gives every binding without an id a fresh one, in list order (older
    /// documents and scenarios built in code have none).
    pub fn assign_binding_ids(&mut self) {
        for i in 0..self.bindings.len() {
            if self.bindings[i].id.is_empty() {
                self.bindings[i].id = self.fresh_binding_id();
            }
        }
    }

    /// Removes a node and every edge that touches it.
    pub fn remove_node(&mut self, id: &str) {
        if id == DEFAULT_EXCHANGE_ID {
            return;
        }
        self.exchanges.retain(|n| n.id != id);
        self.queues.retain(|n| n.id != id);
        self.producers.retain(|n| n.id != id);
        self.consumers.retain(|n| n.id != id);
        self.bindings.retain(|b| b.from != id && b.to != id);
        for p in &mut self.producers {
            if p.exchange.as_deref() == Some(id) {
                p.exchange = None;
            }
            if p.message.reply_to_queue.as_deref() == Some(id) {
                p.message.reply_to_queue = None;
            }
        }
        for c in &mut self.consumers {
            if c.queue.as_deref() == Some(id) {
                c.queue = None;
            }
            if c.same_client_as.as_deref() == Some(id) {
                c.same_client_as = None;
            }
        }
        for x in &mut self.exchanges {
            if x.alternate_exchange.as_deref() == Some(id) {
                x.alternate_exchange = None;
            }
        }
        for q in &mut self.queues {
            if q.dead_letter_exchange.as_deref() == Some(id) {
                q.dead_letter_exchange = None;
            }
        }
    }
}

/// The kinds of node on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// Publishes messages.
    Producer,
    /// Routes messages.
    Exchange,
    /// Holds messages.
    Queue,
    /// Receives messages.
    Consumer,
}

impl NodeKind {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Producer => "producer",
            NodeKind::Exchange => "exchange",
            NodeKind::Queue => "queue",
            NodeKind::Consumer => "consumer",
        }
    }
}
