//! Shared helpers for the engine's rule tests: a broker with one open
//! connection and channel, short ways to declare, bind, publish, consume and
//! read deliveries, and field tables from JSON.

#![allow(dead_code)]

use std::rc::Rc;

pub use warren::engine::*;

/// A field table from a JSON object (strings → longstr, integers → long,
/// booleans → bool).
pub fn t(v: serde_json::Value) -> FieldTable {
    FieldTable::from_json(&v).expect("a JSON object without nulls")
}

/// One basic.deliver / get-ok as seen in the events.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub queue: String,
    pub channel: ChannelId,
    pub consumer: Option<String>,
    pub tag: u64,
    pub body: String,
    pub redelivered: bool,
    pub auto_ack: bool,
    pub message: Rc<Message>,
}

/// Every delivery among `events`, in order.
pub fn deliveries(events: &[Event]) -> Vec<Seen> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Delivered { queue, message, channel, consumer, delivery_tag, redelivered, auto_ack, .. } => {
                Some(Seen {
                    queue: queue.to_string(),
                    channel: *channel,
                    consumer: consumer.as_deref().map(str::to_string),
                    tag: *delivery_tag,
                    body: message.body.to_string(),
                    redelivered: *redelivered,
                    auto_ack: *auto_ack,
                    message: message.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

/// A broker with a connection `main` and a channel on it.
pub struct World {
    pub b: Broker,
    pub conn: ConnectionId,
    pub ch: ChannelId,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    pub fn new() -> Self {
        let mut b = Broker::new();
        let conn = b.open_connection("main");
        let ch = b.open_channel(conn).unwrap();
        World { b, conn, ch }
    }

    /// The main channel, reopened if an error closed it (and the main
    /// connection, if a hard error closed that).
    pub fn ch(&mut self) -> ChannelId {
        if !self.b.is_connection_open(self.conn) {
            self.conn = self.b.open_connection("main");
        }
        if !self.b.is_channel_open(self.ch) {
            self.ch = self.b.open_channel(self.conn).unwrap();
        }
        self.ch
    }

    /// A new connection with one channel.
    pub fn connect(&mut self, label: &str) -> (ConnectionId, ChannelId) {
        let c = self.b.open_connection(label);
        let ch = self.b.open_channel(c).unwrap();
        (c, ch)
    }

    pub fn queue(&mut self, name: &str) -> Name {
        let ch = self.ch();
        self.b.queue_declare(ch, QueueDeclare::new(name)).unwrap().queue
    }

    pub fn queue_args(&mut self, name: &str, args: serde_json::Value) -> Result<QueueDeclareOk, AmqpError> {
        let ch = self.ch();
        self.b.queue_declare(ch, QueueDeclare { queue: name.into(), arguments: t(args), ..Default::default() })
    }

    pub fn declare(&mut self, d: QueueDeclare) -> Result<QueueDeclareOk, AmqpError> {
        let ch = self.ch();
        self.b.queue_declare(ch, d)
    }

    pub fn exchange(&mut self, name: &str, kind: ExchangeType) {
        let ch = self.ch();
        self.b.exchange_declare(ch, ExchangeDeclare::new(name, kind)).unwrap();
    }

    pub fn exchange_with(&mut self, d: ExchangeDeclare) -> Result<(), AmqpError> {
        let ch = self.ch();
        self.b.exchange_declare(ch, d)
    }

    pub fn bind(&mut self, queue: &str, exchange: &str, key: &str) {
        let ch = self.ch();
        self.b.queue_bind(ch, queue, exchange, key, FieldTable::new()).unwrap();
    }

    pub fn bind_args(
        &mut self,
        queue: &str,
        exchange: &str,
        key: &str,
        args: serde_json::Value,
    ) -> Result<(), AmqpError> {
        let ch = self.ch();
        self.b.queue_bind(ch, queue, exchange, key, t(args))
    }

    /// exchange.bind: `source` routes to `destination`.
    pub fn bind_x(&mut self, destination: &str, source: &str, key: &str) {
        let ch = self.ch();
        self.b.exchange_bind(ch, destination, source, key, FieldTable::new()).unwrap();
    }

    pub fn publish(&mut self, exchange: &str, key: &str, body: &str) -> PublishOutcome {
        self.publish_with(exchange, key, body, Properties::default(), false).unwrap()
    }

    pub fn publish_with(
        &mut self,
        exchange: &str,
        key: &str,
        body: &str,
        properties: Properties,
        mandatory: bool,
    ) -> Result<PublishOutcome, AmqpError> {
        let ch = self.ch();
        self.b.basic_publish(
            ch,
            Publish { exchange: exchange.into(), routing_key: key.into(), mandatory, properties, body: body.into() },
        )
    }

    /// Publishes with message headers.
    pub fn publish_h(&mut self, exchange: &str, key: &str, body: &str, headers: serde_json::Value) -> PublishOutcome {
        let p = Properties { headers: Some(t(headers)), ..Default::default() };
        self.publish_with(exchange, key, body, p, false).unwrap()
    }

    /// basic.get with auto-ack: the body, or None when empty.
    pub fn get(&mut self, queue: &str) -> Option<String> {
        let ch = self.ch();
        self.b.basic_get(ch, queue, true).unwrap().map(|g| g.message.body.to_string())
    }

    /// Every ready body of a queue, in delivery order, taken by basic.get.
    pub fn drain(&mut self, queue: &str) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(b) = self.get(queue) {
            out.push(b);
        }
        out
    }

    /// Ready bodies without taking them.
    pub fn ready(&self, queue: &str) -> Vec<String> {
        self.b.queue(queue).map(|q| q.ready.iter().map(|m| m.message.body.to_string()).collect()).unwrap_or_default()
    }

    /// A consumer on its own channel of the main connection (like the
    /// corpus does), with basic.qos `prefetch` (0 = unlimited).
    pub fn consume(&mut self, queue: &str, tag: &str, prefetch: u16, no_ack: bool) -> ChannelId {
        let conn = if self.b.is_connection_open(self.conn) {
            self.conn
        } else {
            self.ch();
            self.conn
        };
        let ch = self.b.open_channel(conn).unwrap();
        if prefetch > 0 {
            self.b.basic_qos(ch, prefetch, false).unwrap();
        }
        self.b
            .basic_consume(
                ch,
                ConsumeOptions { queue: queue.into(), consumer_tag: tag.into(), no_ack, ..Default::default() },
            )
            .unwrap();
        ch
    }

    /// Deliveries since the last call (takes the events).
    pub fn seen(&mut self) -> Vec<Seen> {
        deliveries(&self.b.take_events())
    }

    /// Bodies delivered to consumer `tag` among `seen`.
    pub fn bodies_for(seen: &[Seen], tag: &str) -> Vec<String> {
        seen.iter().filter(|s| s.consumer.as_deref() == Some(tag)).map(|s| s.body.clone()).collect()
    }

    /// Queues a publish would reach from `exchange` (sorted names).
    pub fn route(&self, exchange: &str, key: &str) -> Vec<String> {
        self.b.route(exchange, key, None).queues.iter().map(|q| q.to_string()).collect()
    }

    pub fn route_h(&self, exchange: &str, key: &str, headers: serde_json::Value) -> Vec<String> {
        self.b.route(exchange, key, Some(&t(headers))).queues.iter().map(|q| q.to_string()).collect()
    }
}

/// Properties with an `expiration`.
pub fn expiring(ms: &str) -> Properties {
    Properties { expiration: Some(ms.into()), ..Default::default() }
}

/// Persistent properties (delivery_mode 2).
pub fn persistent() -> Properties {
    Properties { delivery_mode: Some(2), ..Default::default() }
}

/// The `x-death` entries of a message, newest first.
pub fn x_death(m: &Message) -> Vec<FieldTable> {
    match m.properties.headers.as_ref().and_then(|h| h.get("x-death")) {
        Some(FieldValue::Array(a)) => a
            .iter()
            .map(|v| match v {
                FieldValue::Table(t) => t.clone(),
                other => panic!("x-death entry is not a table: {other:?}"),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A header of a message as a string, if it is one.
pub fn header_str(m: &Message, key: &str) -> Option<String> {
    m.properties.headers.as_ref()?.get(key)?.as_str().map(str::to_string)
}

/// The code of an error result.
pub fn code<T: std::fmt::Debug>(r: Result<T, AmqpError>) -> u16 {
    r.expect_err("expected an AMQP error").code.code()
}
