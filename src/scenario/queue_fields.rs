//! The queue arguments a [`QueueNode`] has fields of their own for, read
//! and written by the argument's name from the engine's table
//! ([`crate::engine::queue_args::table`]): the declare (and so the
//! definitions export and the pika program) reads them with [`argument`],
//! the definitions import fills them with [`take`]. A test checks that
//! every table entry with a field is covered both ways.

use super::{OverflowKind, QueueNode, Scenario};
use crate::engine::queue_args::{table, Overflow, QueueSettings, QueueType};
use crate::engine::FieldValue;

fn int(v: u64) -> FieldValue {
    FieldValue::Int(v.min(i64::MAX as u64) as i64)
}

/// The declare argument the field for `key` sets, if it is set. The
/// dead-letter exchange is a node id, so it needs the scenario to name it.
pub fn argument(s: &Scenario, q: &QueueNode, key: &str) -> Option<FieldValue> {
    match key {
        "x-queue-type" => (q.queue_type != QueueType::Classic).then(|| FieldValue::from(q.queue_type.as_str())),
        "x-message-ttl" => q.message_ttl.map(int),
        "x-expires" => q.expires.map(int),
        "x-max-length" => q.max_length.map(int),
        "x-max-length-bytes" => q.max_length_bytes.map(int),
        "x-overflow" => q.overflow.map(|v| FieldValue::from(v.as_str())),
        "x-dead-letter-exchange" => {
            q.dead_letter_exchange.as_deref().and_then(|d| s.exchange_name(d)).map(FieldValue::from)
        }
        "x-dead-letter-routing-key" => q.dead_letter_routing_key.as_deref().map(FieldValue::from),
        "x-dead-letter-strategy" => q.dead_letter_strategy.map(|v| FieldValue::from(v.as_str())),
        "x-max-priority" => q.max_priority.map(|p| FieldValue::Int(p as i64)),
        "x-single-active-consumer" => q.single_active_consumer.then_some(FieldValue::Bool(true)),
        "x-delivery-limit" => q.delivery_limit.map(int),
        "x-max-age" => q.max_age.as_deref().map(FieldValue::from),
        "x-stream-max-segment-size-bytes" => q.stream_max_segment_size_bytes.map(int),
        _ => None,
    }
}

/// Sets the field for `key` from a queue's parsed arguments; false when
/// the queue node has no field for it (it stays an "other argument").
/// The dead-letter exchange and its routing key are left to the caller
/// (they become fields only when the exchange is on the canvas).
pub fn take(q: &mut QueueNode, key: &str, settings: &QueueSettings, raw: &FieldValue) -> bool {
    match key {
        // An explicit `classic` stays as written (a redeclare compares it).
        "x-queue-type" if settings.queue_type == QueueType::Classic => return false,
        "x-queue-type" => q.queue_type = settings.queue_type,
        "x-message-ttl" => q.message_ttl = settings.message_ttl,
        "x-expires" => q.expires = settings.expires,
        "x-max-length" => q.max_length = settings.max_length,
        "x-max-length-bytes" => q.max_length_bytes = settings.max_length_bytes,
        "x-overflow" => {
            q.overflow = settings.overflow.map(|o| match o {
                Overflow::DropHead => OverflowKind::DropHead,
                Overflow::RejectPublish => OverflowKind::RejectPublish,
                Overflow::RejectPublishDlx => OverflowKind::RejectPublishDlx,
            })
        }
        "x-dead-letter-strategy" => q.dead_letter_strategy = settings.dead_letter_strategy,
        "x-max-priority" => q.max_priority = settings.max_priority,
        "x-single-active-consumer" => q.single_active_consumer = settings.single_active_consumer,
        // RabbitMQ does not check x-delivery-limit; only a non-negative
        // integer has a field (anything else stays as written).
        "x-delivery-limit" => match raw.as_int() {
            Some(n) if n >= 0 => q.delivery_limit = Some(n as u64),
            _ => return false,
        },
        "x-max-age" => q.max_age = raw.as_str().map(str::to_string),
        "x-stream-max-segment-size-bytes" => q.stream_max_segment_size_bytes = settings.max_segment_size_bytes,
        _ => return false,
    }
    true
}

/// Clears the field for `key` (a queue type that does not take it).
pub fn clear(q: &mut QueueNode, key: &str) {
    match key {
        "x-queue-type" => q.queue_type = QueueType::Classic,
        "x-message-ttl" => q.message_ttl = None,
        "x-expires" => q.expires = None,
        "x-max-length" => q.max_length = None,
        "x-max-length-bytes" => q.max_length_bytes = None,
        "x-overflow" => q.overflow = None,
        "x-dead-letter-exchange" => q.dead_letter_exchange = None,
        "x-dead-letter-routing-key" => q.dead_letter_routing_key = None,
        "x-dead-letter-strategy" => q.dead_letter_strategy = None,
        "x-max-priority" => q.max_priority = None,
        "x-single-active-consumer" => q.single_active_consumer = false,
        "x-delivery-limit" => q.delivery_limit = None,
        "x-max-age" => q.max_age = None,
        "x-stream-max-segment-size-bytes" => q.stream_max_segment_size_bytes = None,
        _ => {}
    }
}

/// Makes `q` a queue of type `t`: quorum queues and streams are durable,
/// never exclusive or auto-delete, and every field the type does not
/// take is cleared (its argument would be refused), as are other
/// arguments the type does not take.
pub fn retype(q: &mut QueueNode, t: QueueType) {
    q.queue_type = t;
    if t != QueueType::Classic {
        q.durable = true;
        q.exclusive = false;
        q.auto_delete = false;
    }
    for arg in table::QUEUE_ARGS.iter().filter(|a| !a.types.contains(&t)) {
        clear(q, arg.key);
        q.arguments.remove(arg.key);
    }
    q.arguments.remove("x-queue-type");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::queue_args::{self, ArgCheck};
    use crate::engine::FieldTable;
    use crate::scenario::ExchangeNode;

    /// A valid value for each table entry with a field.
    fn sample(check: ArgCheck, key: &str) -> FieldValue {
        match check {
            ArgCheck::Expires | ArgCheck::MessageTtl | ArgCheck::NonNegInt | ArgCheck::Unchecked => FieldValue::Int(7),
            ArgCheck::DeadLetterExchange => FieldValue::from("dlx"),
            ArgCheck::DeadLetterRoutingKey => FieldValue::from("k"),
            ArgCheck::DeadLetterStrategy => FieldValue::from("at-least-once"),
            ArgCheck::MaxPriority => FieldValue::Int(5),
            ArgCheck::Overflow => FieldValue::from("reject-publish"),
            ArgCheck::Bool => FieldValue::Bool(true),
            ArgCheck::QueueType => FieldValue::from(if key == "x-queue-type" { "quorum" } else { "classic" }),
            ArgCheck::MaxAge => FieldValue::from("1h"),
            other => panic!("no sample for {other:?} ({key})"),
        }
    }

    #[test]
    fn every_argument_with_a_field_is_imported_and_declared_back_the_same() {
        let mut s = Scenario::default();
        s.exchanges.push(ExchangeNode {
            id: "x1".into(),
            name: "dlx".into(),
            kind: crate::scenario::ExchangeKind::Fanout,
            durable: false,
            auto_delete: false,
            internal: false,
            alternate_exchange: None,
            arguments: Default::default(),
            x: 0.0,
            y: 0.0,
        });
        for arg in table::fields() {
            let t = if arg.key == "x-queue-type" { QueueType::Quorum } else { arg.types[0] };
            let mut args = FieldTable::new();
            if t != QueueType::Classic {
                args.insert("x-queue-type", FieldValue::from(t.as_str()));
            }
            if arg.key == "x-dead-letter-routing-key" {
                args.insert("x-dead-letter-exchange", FieldValue::from("dlx"));
            }
            let value = sample(arg.check, arg.key);
            args.insert(arg.key, value.clone());
            let settings = queue_args::parse("q", &args).unwrap_or_else(|e| panic!("{}: {e:?}", arg.key));
            let mut q = QueueNode::default();
            if arg.key == "x-dead-letter-exchange" || arg.key == "x-dead-letter-routing-key" {
                // The import links the dead-letter exchange (and its key)
                // only when the exchange is on the canvas.
                assert!(!take(&mut q, arg.key, &settings, &value), "the caller links the dead-letter exchange");
                q.dead_letter_exchange = Some("x1".into());
                q.dead_letter_routing_key = settings.dead_letter_routing_key.clone();
            } else {
                assert!(
                    take(&mut q, arg.key, &settings, &value),
                    "{} has a field but import does not fill it",
                    arg.key
                );
            }
            assert_eq!(argument(&s, &q, arg.key), Some(value), "{} is not declared back the same", arg.key);
            clear(&mut q, arg.key);
            assert_eq!(argument(&s, &q, arg.key), None, "{} is not cleared", arg.key);
        }
    }

    #[test]
    fn retyping_clears_what_the_new_type_does_not_take() {
        let mut q = QueueNode {
            max_priority: Some(3),
            message_ttl: Some(5),
            exclusive: true,
            arguments: serde_json::from_str(r#"{"x-queue-mode": "lazy", "x-custom": 1}"#).unwrap(),
            ..Default::default()
        };
        retype(&mut q, QueueType::Quorum);
        assert_eq!((q.max_priority, q.message_ttl, q.durable, q.exclusive), (None, Some(5), true, false));
        assert_eq!(q.arguments.keys().collect::<Vec<_>>(), ["x-custom"]);
        let s = Scenario::default();
        let args: FieldTable = crate::simulation::sync::queue_declare(
            &Scenario { queues: vec![QueueNode { id: "q".into(), ..q.clone() }], ..s },
            "q",
        )
        .unwrap()
        .arguments;
        queue_args::parse("q", &args).expect("a retyped queue is one the broker takes");
        retype(&mut q, QueueType::Stream);
        assert_eq!(q.message_ttl, None);
    }

    #[test]
    fn arguments_without_a_field_stay_other_arguments() {
        for arg in table::QUEUE_ARGS.iter().filter(|a| a.field.is_none()) {
            let mut q = QueueNode::default();
            assert!(!take(&mut q, arg.key, &QueueSettings::default(), &FieldValue::Int(1)), "{}", arg.key);
            assert_eq!(argument(&Scenario::default(), &q, arg.key), None, "{}", arg.key);
        }
    }
}
