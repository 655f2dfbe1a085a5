//! Connections and channels: delivery tags, unacked deliveries, prefetch
//! (basic.qos) and the consumers a channel owns.

use std::collections::BTreeMap;

use super::message::QueuedMessage;
use super::Name;

/// Identifies a connection.
pub type ConnectionId = u32;

/// Identifies a channel (unique across connections).
pub type ChannelId = u32;

/// A client connection.
#[derive(Clone, Debug)]
pub struct Connection {
    /// Its id.
    pub id: ConnectionId,
    /// A label for people (e.g. the producer or consumer it belongs to).
    pub label: String,
    /// Its open channels.
    pub channels: Vec<ChannelId>,
}

/// A delivery that waits for basic.ack / nack / reject.
#[derive(Clone, Debug)]
pub struct Unacked {
    /// The queue the copy came from.
    pub queue: Name,
    /// That queue's incarnation (a recreated queue of the same name does not
    /// get it back).
    pub(crate) incarnation: u64,
    /// The consumer it went to (`None`: basic.get).
    pub consumer: Option<Name>,
    /// The copy itself.
    pub message: QueuedMessage,
}

/// An open channel.
#[derive(Clone, Debug)]
pub struct Channel {
    /// Its id.
    pub id: ChannelId,
    /// Its connection.
    pub connection: ConnectionId,
    /// The last delivery tag handed out (tags start at 1).
    pub(crate) last_tag: u64,
    /// Deliveries not yet settled, by delivery tag.
    pub unacked: BTreeMap<u64, Unacked>,
    /// Consumers on this channel: tag → queue.
    pub consumers: BTreeMap<String, Name>,
    /// basic.qos prefetch for consumers created from now on (0 = unlimited).
    pub prefetch: u32,
    /// basic.qos global prefetch shared by the channel's consumers.
    pub global_prefetch: u32,
    /// Publisher confirms are on.
    pub confirm: bool,
    /// The queue most recently declared on it (AMQP's `""` shortcut).
    pub(crate) last_queue: Option<Name>,
    /// Direct reply-to: the consumer tag consuming `amq.rabbitmq.reply-to`.
    pub reply_consumer: Option<String>,
}

impl Channel {
    /// A fresh channel.
    pub fn new(id: ChannelId, connection: ConnectionId) -> Self {
        Channel {
            id,
            connection,
            last_tag: 0,
            unacked: BTreeMap::new(),
            consumers: BTreeMap::new(),
            prefetch: 0,
            global_prefetch: 0,
            confirm: false,
            last_queue: None,
            reply_consumer: None,
        }
    }

    /// Unacked deliveries that count against the global prefetch (consumer
    /// deliveries, not basic.get).
    pub fn consumer_unacked(&self) -> usize {
        self.unacked.values().filter(|u| u.consumer.is_some()).count()
    }

    /// The next delivery tag.
    pub(crate) fn next_tag(&mut self) -> u64 {
        self.last_tag += 1;
        self.last_tag
    }

    /// The key that routes a direct reply-to answer to this channel.
    pub fn reply_to_key(&self) -> String {
        format!("amq.rabbitmq.reply-to.g1h2AA5yZXBseUAxNjE4MDAwNwAA{:08X}", self.id)
    }
}
