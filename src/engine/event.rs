//! Events: every change of the broker's state, in order, so a view can
//! animate and explain everything without looking inside the engine.

use std::rc::Rc;

use super::binding_index::MatchedBindings;
use super::channel::{ChannelId, ConnectionId};
use super::error::AmqpError;
use super::exchange::{Binding, ExchangeType};
use super::message::{CopyId, Message, MessageId};
use super::queue_names::QueueNames;
use super::Name;

/// Why a copy left the broker for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RemovalReason {
    /// basic.ack.
    Acked,
    /// Delivered to a no-ack consumer or by basic.get with auto-ack.
    AutoAcked,
    /// Its TTL passed at the head of the queue.
    Expired,
    /// Dropped from the head by `x-max-length` / `x-max-length-bytes`.
    MaxLength,
    /// basic.reject / basic.nack without requeue.
    Rejected,
    /// queue.purge.
    Purged,
    /// Its queue was deleted.
    QueueDeleted,
    /// A transient message (or one in a transient queue) at a broker restart.
    LostOnRestart,
    /// A quorum queue's message returned more often than `x-delivery-limit`
    /// (and no dead-letter exchange took it).
    DeliveryLimit,
    /// A stream's retention removed the segment holding it.
    Retention,
    /// A stream consumer acknowledged its read (the stream keeps the message).
    StreamRead,
}

impl RemovalReason {
    /// A short lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Acked => "acked",
            RemovalReason::AutoAcked => "auto-acked",
            RemovalReason::Expired => "expired",
            RemovalReason::MaxLength => "dropped by max-length",
            RemovalReason::Rejected => "rejected",
            RemovalReason::Purged => "purged",
            RemovalReason::QueueDeleted => "queue deleted",
            RemovalReason::LostOnRestart => "lost on restart",
            RemovalReason::DeliveryLimit => "dropped at its delivery limit",
            RemovalReason::Retention => "removed by retention",
            RemovalReason::StreamRead => "read (the stream keeps it)",
        }
    }
}

/// The `x-death` reason of a dead-lettered message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeathReason {
    /// Rejected or nacked without requeue.
    Rejected,
    /// Its TTL passed.
    Expired,
    /// A full queue dropped or refused it.
    Maxlen,
    /// A quorum queue's message was returned more often than its
    /// `x-delivery-limit`.
    DeliveryLimit,
}

impl DeathReason {
    /// The spelling in `x-death`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeathReason::Rejected => "rejected",
            DeathReason::Expired => "expired",
            DeathReason::Maxlen => "maxlen",
            DeathReason::DeliveryLimit => "delivery_limit",
        }
    }
}

/// One exchange's part in routing a message.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteHop {
    /// The exchange.
    pub exchange: Name,
    /// Its type.
    pub kind: ExchangeType,
    /// How it was reached: `None` for the exchange published to, or the
    /// exchange whose binding (or alternate-exchange) led here.
    pub via: Option<Name>,
    /// True when reached as an alternate exchange.
    pub as_alternate: bool,
    /// The bindings that matched (each once, in the order they first
    /// matched).
    pub matched: MatchedBindings,
}

/// How a message was routed: every exchange visited and the queues reached.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Route {
    /// Exchanges in the order they routed.
    pub hops: Vec<RouteHop>,
    /// Queues reached (de-duplicated, sorted by name).
    pub queues: QueueNames,
    /// Alternate exchanges named but missing (the message was dropped
    /// there).
    pub missing_alternates: Vec<Name>,
}

/// A state change.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A connection opened.
    ConnectionOpened { connection: ConnectionId, label: String },
    /// A connection closed (by the client, an error, or a restart).
    ConnectionClosed { connection: ConnectionId, error: Option<AmqpError> },
    /// A channel opened.
    ChannelOpened { channel: ChannelId, connection: ConnectionId },
    /// A channel closed; `error` when the broker closed it.
    ChannelClosed { channel: ChannelId, error: Option<AmqpError> },
    /// An exchange was created.
    ExchangeDeclared { exchange: Name, kind: ExchangeType },
    /// An exchange was deleted (`auto`: by auto-delete).
    ExchangeDeleted { exchange: Name, auto: bool },
    /// A queue was created.
    QueueDeclared { queue: Name },
    /// A queue was deleted, with why.
    QueueDeleted { queue: Name, reason: QueueDeletion },
    /// A binding was made.
    BindingCreated { binding: Rc<Binding> },
    /// A binding was removed.
    BindingRemoved { binding: Rc<Binding> },
    /// A consumer registered.
    ConsumerAdded { queue: Name, channel: ChannelId, tag: String },
    /// A consumer went away (`by_broker`: its queue was deleted).
    ConsumerCancelled { queue: Name, channel: ChannelId, tag: String, by_broker: bool },
    /// A message was published (or re-published by dead lettering:
    /// `channel` is `None`).
    Published { message: Rc<Message>, channel: Option<ChannelId>, mandatory: bool },
    /// How that message was routed.
    Routed { message: MessageId, route: Route },
    /// A mandatory message reached no queue and went back (basic.return 312).
    Returned { message: MessageId, channel: ChannelId },
    /// A message reached no queue and was dropped.
    Unroutable { message: MessageId },
    /// A copy entered a queue.
    Enqueued { queue: Name, copy: CopyId, message: Rc<Message> },
    /// A full queue refused a message (`x-overflow` reject-publish[-dlx]).
    Refused { queue: Name, message: MessageId },
    /// A publisher confirm (`ack: false` is a basic.nack).
    Confirmed { channel: ChannelId, message: MessageId, ack: bool },
    /// A copy was delivered: to a consumer, or by basic.get (`consumer`
    /// `None`).
    Delivered {
        queue: Name,
        copy: CopyId,
        message: Rc<Message>,
        channel: ChannelId,
        consumer: Option<Name>,
        delivery_tag: u64,
        redelivered: bool,
        /// The copy is settled at once (no-ack consumer or auto-ack get).
        auto_ack: bool,
        /// Ready messages left in the queue.
        remaining: usize,
    },
    /// A copy went back to its queue (nack/reject with requeue, channel
    /// closed, basic.recover).
    Requeued {
        queue: Name,
        copy: CopyId,
        channel: ChannelId,
        delivery_tag: u64,
        /// A quorum queue's count of returns so far (`x-delivery-count`
        /// at its next delivery) and its `x-delivery-limit`; None in
        /// other queues.
        delivery_count: Option<(u32, Option<i64>)>,
    },
    /// A copy left the broker for good.
    Removed { queue: Name, copy: CopyId, reason: RemovalReason },
    /// A copy was dead-lettered as a new message (`copy` is `None` for a
    /// message a full queue refused with `reject-publish-dlx`).
    DeadLettered { queue: Name, copy: Option<CopyId>, reason: DeathReason, exchange: Name, message: MessageId },
    /// A dead-lettered message was dropped: its dead-letter exchange is
    /// missing, or every target queue was a dead-letter cycle.
    DeadLetterDropped { queue: Name, copy: Option<CopyId>, why: DeadLetterDrop },
    /// basic.qos changed a channel's prefetch.
    QosChanged { channel: ChannelId, prefetch: u32, global: bool },
    /// The broker restarted.
    Restarted,
    /// A command failed; the channel or connection closes (see the
    /// following ChannelClosed / ConnectionClosed).
    Error { channel: Option<ChannelId>, error: AmqpError },
    /// Virtual time moved.
    ClockAdvanced { now: u64 },
}

/// Why the broker deleted a queue (`Event::QueueDeleted`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueueDeletion {
    /// `queue.delete`.
    Deleted,
    /// Auto-delete: its last consumer went away.
    AutoDelete,
    /// Its exclusive owner connection closed.
    OwnerClosed,
    /// Unused for longer than its `x-expires`.
    Expired,
    /// A transient queue, gone with a restart.
    Restart,
}

/// Why a dead-lettered message was dropped (`Event::DeadLetterDropped`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeadLetterDrop {
    /// Its dead-letter exchange does not exist.
    MissingExchange(String),
    /// The queue is a dead-letter cycle: the message already died there
    /// with no rejection since, so RabbitMQ drops it.
    Cycle,
}
