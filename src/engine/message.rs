//! Messages: their properties, their content, and the copies that queues hold.

use std::rc::Rc;

use super::value::FieldTable;
use super::Name;

/// Basic properties of a message (`P_basic`), the ones a playground shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties {
    /// 1 = transient, 2 = persistent; absent is transient.
    pub delivery_mode: Option<u8>,
    /// Per-message TTL in milliseconds, as the decimal string AMQP carries.
    pub expiration: Option<String>,
    /// Message priority (0 to 255).
    pub priority: Option<u8>,
    /// Where an RPC reply should go; not interpreted by the broker.
    pub reply_to: Option<String>,
    /// Matches a reply to its request; not interpreted by the broker.
    pub correlation_id: Option<String>,
    /// An application message id.
    pub message_id: Option<String>,
    /// MIME content type.
    pub content_type: Option<String>,
    /// Message headers (`None` when the message has none).
    pub headers: Option<FieldTable>,
}

impl Properties {
    /// True when `delivery_mode` is 2: the message survives a broker restart
    /// if it sits in a durable queue.
    pub fn is_persistent(&self) -> bool {
        self.delivery_mode == Some(2)
    }

    /// The headers, or an empty table.
    pub fn headers_or_empty(&self) -> FieldTable {
        self.headers.clone().unwrap_or_default()
    }
}

/// A unique id for a published message (shared by the copies routed to
/// several queues) or for a message made by dead lettering.
pub type MessageId = u64;

/// A unique id for one copy of a message in one queue: the thing a dot on
/// the canvas stands for.
pub type CopyId = u64;

/// The immutable content of a message as published (or as remade by dead
/// lettering). Queue copies share it.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// Id of this message.
    pub id: MessageId,
    /// The exchange it was published to (for dead-lettered messages: the
    /// dead-letter exchange).
    pub exchange: Name,
    /// The routing key it was published with.
    pub routing_key: String,
    /// The extra routing keys from the `CC` and `BCC` headers (usually none,
    /// so the common message allocates nothing for them).
    pub extra_routing_keys: Vec<String>,
    /// Its properties.
    pub properties: Properties,
    /// The body (text in this playground; its length in bytes counts for
    /// `x-max-length-bytes`).
    pub body: Rc<str>,
}

impl Message {
    /// Every routing key: the routing key, then the `CC` and `BCC` keys.
    pub fn routing_keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.routing_key.as_str()).chain(self.extra_routing_keys.iter().map(String::as_str))
    }

    /// The body's size in bytes.
    pub fn size(&self) -> u64 {
        self.body.len() as u64
    }
}

/// One copy of a message held by a queue (ready or unacked).
#[derive(Clone, Debug)]
pub struct QueuedMessage {
    /// Unique id of this copy.
    pub copy: CopyId,
    /// The content.
    pub message: Rc<Message>,
    /// Position in the queue: requeued copies go back in `seq` order.
    pub seq: u64,
    /// Virtual time (ms) at which it expires, fixed at enqueue.
    pub expires_at: Option<u64>,
    /// Set once the copy has been delivered and requeued.
    pub redelivered: bool,
    /// Effective priority inside a priority queue (0 elsewhere).
    pub priority: u8,
    /// How often a quorum queue got it back (`x-delivery-count`); 0 until
    /// then and in other queues.
    pub delivery_count: u32,
}
