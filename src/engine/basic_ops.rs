//! The basic class: basic.publish (routing, enqueueing, overflow, returns
//! and confirms), basic.consume / cancel, dispatch to consumers (round
//! robin, prefetch, priorities, single active consumer), basic.get,
//! basic.ack / nack / reject / recover and basic.qos; and dead lettering.

use std::rc::Rc;

use super::message::{CopyId, Message, MessageId, Properties};
use super::queue_args::MAX_EXPIRY_MS;
use super::queue_names::QueueNames;
use super::value::FieldTable;

mod ack;
mod consume;
mod dispatch;
mod publish;
mod route;

pub(crate) use dispatch::can_take;

/// The pseudo-queue of direct reply-to.
pub const REPLY_TO_QUEUE: &str = "amq.rabbitmq.reply-to";

/// basic.publish's fields and the message content.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Publish {
    /// Target exchange (`""`: the default exchange).
    pub exchange: String,
    /// Routing key.
    pub routing_key: String,
    /// Return the message (basic.return) if no queue receives it.
    pub mandatory: bool,
    /// Properties.
    pub properties: Properties,
    /// Body.
    pub body: String,
}

/// What happened to a publish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishOutcome {
    /// The message's id (events refer to it).
    pub message: MessageId,
    /// Queues that received a copy (or refused it), by name.
    pub routed: QueueNames,
    /// Mandatory and unroutable: basic.return 312 NO_ROUTE.
    pub returned: bool,
    /// A queue refused it (publisher confirm nack).
    pub nacked: bool,
}

/// basic.consume's fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsumeOptions {
    /// Queue to consume from.
    pub queue: String,
    /// Consumer tag (`""`: the broker makes one up).
    pub consumer_tag: String,
    /// Auto-ack: deliveries need no acknowledgement.
    pub no_ack: bool,
    /// Exclusive consumer.
    pub exclusive: bool,
    /// Arguments (`x-priority`).
    pub arguments: FieldTable,
}

/// basic.get-ok.
#[derive(Clone, Debug, PartialEq)]
pub struct GetOk {
    /// Delivery tag on the channel.
    pub delivery_tag: u64,
    /// The copy's id.
    pub copy: CopyId,
    /// The message.
    pub message: Rc<Message>,
    /// Delivered before.
    pub redelivered: bool,
    /// Ready messages left in the queue.
    pub message_count: u64,
}

/// How a delivery is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Settlement {
    /// basic.ack.
    Ack,
    /// Back to the queue (nack/reject with requeue, basic.recover).
    Requeue,
    /// Back to the queue because its channel closed (a quorum queue puts
    /// these first).
    ConsumerGone,
    /// Rejected without requeue: dead-lettered or discarded.
    Discard,
}

/// Parses an `expiration` property as RabbitMQ does (Erlang's
/// `string:to_integer`, then 0 to ten years).
pub fn parse_expiration(s: &str) -> Result<u64, String> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = digits.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(digits.len());
    if end == 0 {
        return Err("no_integer".into());
    }
    if end < digits.len() {
        return Err(format!("{{leftover_string,\"{}\"}}", &digits[end..]));
    }
    let value: i128 = digits[..end].parse::<i128>().unwrap_or(i128::MAX);
    let value = if negative { -value } else { value };
    if value < 0 {
        return Err(format!("{{value_negative,{value}}}"));
    }
    if value > MAX_EXPIRY_MS as i128 {
        // rabbit_misc:check_expiry (rabbitmq-server#4836, backported to
        // 3.10.x): {error, {value_too_large, N}}.
        return Err(format!("{{value_too_large,{value}}}"));
    }
    Ok(value as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiration_parsing_follows_erlang_to_integer() {
        assert_eq!(parse_expiration("100"), Ok(100));
        assert_eq!(parse_expiration("+5"), Ok(5));
        assert_eq!(parse_expiration("0"), Ok(0));
        assert!(parse_expiration("").is_err());
        assert!(parse_expiration("abc").unwrap_err().contains("no_integer"));
        assert!(parse_expiration("-1").unwrap_err().contains("value_negative"));
        assert!(parse_expiration("5.0").unwrap_err().contains("leftover_string"));
        assert!(parse_expiration(" 5").is_err());
        assert!(parse_expiration("315360000001").unwrap_err().contains("value_too_large"));
        assert!(parse_expiration("99999999999999999999999999999999999999999").is_err());
    }
}
