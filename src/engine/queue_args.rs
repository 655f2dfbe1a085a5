//! Queue arguments (`x-message-ttl`, `x-max-length`, ...): validation with
//! RabbitMQ's errors, and the parsed settings a queue runs with.

use super::error::{resource, AmqpError, ReplyCode};
use super::value::{FieldTable, FieldValue};

/// The largest TTL or expiry RabbitMQ accepts, in milliseconds (ten years).
pub const MAX_EXPIRY_MS: i64 = 315_360_000_000;

/// The highest `x-max-priority` RabbitMQ supports.
pub const MAX_PRIORITY: i64 = 255;

/// What a full queue does with a new message (`x-overflow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    /// Enqueue, then drop (or dead-letter, reason `maxlen`) from the head.
    DropHead,
    /// Refuse the new message: basic.nack to a confirming publisher.
    RejectPublish,
    /// Refuse the new message and dead-letter it (reason `maxlen`).
    RejectPublishDlx,
}

impl Overflow {
    /// The `x-overflow` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Overflow::DropHead => "drop-head",
            Overflow::RejectPublish => "reject-publish",
            Overflow::RejectPublishDlx => "reject-publish-dlx",
        }
    }
}

/// The arguments RabbitMQ compares when a queue is declared again: every key
/// of `rabbit_amqqueue:declare_args/0` (assert_args_equivalence), in its
/// order, which is also the order of validation on declare.
pub const COMPARED_ARGS: [&str; 17] = [
    "x-expires",
    "x-message-ttl",
    "x-dead-letter-exchange",
    "x-dead-letter-routing-key",
    "x-max-length",
    "x-max-length-bytes",
    "x-max-in-memory-length",
    "x-max-in-memory-bytes",
    "x-max-priority",
    "x-overflow",
    "x-queue-mode",
    "x-single-active-consumer",
    "x-queue-type",
    "x-quorum-initial-group-size",
    "x-max-age",
    "x-initial-cluster-size",
    "x-queue-leader-locator",
];

/// A queue's parsed arguments.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct QueueSettings {
    /// `x-message-ttl`: per-queue message TTL in ms.
    pub message_ttl: Option<u64>,
    /// `x-expires`: delete the queue after this many ms unused.
    pub expires: Option<u64>,
    /// `x-max-length`: most ready messages.
    pub max_length: Option<u64>,
    /// `x-max-length-bytes`: most ready body bytes.
    pub max_length_bytes: Option<u64>,
    /// `x-overflow`.
    pub overflow: Option<Overflow>,
    /// `x-dead-letter-exchange`.
    pub dead_letter_exchange: Option<String>,
    /// `x-dead-letter-routing-key`.
    pub dead_letter_routing_key: Option<String>,
    /// `x-max-priority`: makes a priority queue with priorities 0..=N.
    pub max_priority: Option<u8>,
    /// `x-single-active-consumer`.
    pub single_active_consumer: bool,
}

impl QueueSettings {
    /// The overflow behaviour (drop-head unless set).
    pub fn overflow(&self) -> Overflow {
        self.overflow.unwrap_or(Overflow::DropHead)
    }
}

fn invalid(queue: &str, key: &str, detail: String) -> AmqpError {
    AmqpError::new(
        ReplyCode::PreconditionFailed,
        format!("invalid arg '{key}' for {}: {detail}", resource("queue", queue)),
    )
}

fn int_arg(queue: &str, key: &str, v: &FieldValue) -> Result<i64, AmqpError> {
    match v {
        FieldValue::Int(i) => Ok(*i),
        other => Err(invalid(queue, key, format!("{{unacceptable_type,{}}}", other.type_name()))),
    }
}

fn non_neg(queue: &str, key: &str, v: &FieldValue) -> Result<u64, AmqpError> {
    let i = int_arg(queue, key, v)?;
    if i < 0 {
        return Err(invalid(queue, key, format!("{{value_negative,{i}}}")));
    }
    Ok(i as u64)
}

fn expiry(queue: &str, key: &str, i: i64) -> Result<u64, AmqpError> {
    if i < 0 {
        Err(invalid(queue, key, format!("{{value_negative,{i}}}")))
    } else if i > MAX_EXPIRY_MS {
        // rabbit_misc:check_expiry: {value_too_large, N} (rabbitmq-server#4836).
        Err(invalid(queue, key, format!("{{value_too_large,{i}}}")))
    } else {
        Ok(i as u64)
    }
}

fn string_arg(queue: &str, key: &str, v: &FieldValue) -> Result<String, AmqpError> {
    match v {
        FieldValue::Str(s) => Ok(s.clone()),
        other => Err(invalid(queue, key, format!("{{unacceptable_type,{}}}", other.type_name()))),
    }
}

/// Validates the arguments of a new queue as RabbitMQ's
/// `rabbit_amqqueue:check_arguments` does, returning the parsed settings.
/// Unknown arguments are accepted and ignored, as RabbitMQ does.
pub fn parse(queue: &str, args: &FieldTable) -> Result<QueueSettings, AmqpError> {
    let mut s = QueueSettings::default();
    if let Some(v) = args.get("x-expires") {
        let i = int_arg(queue, "x-expires", v)?;
        if i == 0 {
            return Err(invalid(queue, "x-expires", "{value_zero,0}".into()));
        }
        s.expires = Some(expiry(queue, "x-expires", i)?);
    }
    if let Some(v) = args.get("x-message-ttl") {
        let i = int_arg(queue, "x-message-ttl", v)?;
        s.message_ttl = Some(expiry(queue, "x-message-ttl", i)?);
    }
    if let Some(v) = args.get("x-dead-letter-exchange") {
        s.dead_letter_exchange = Some(string_arg(queue, "x-dead-letter-exchange", v)?);
    }
    if let Some(v) = args.get("x-dead-letter-routing-key") {
        let rk = string_arg(queue, "x-dead-letter-routing-key", v)?;
        if s.dead_letter_exchange.is_none() {
            return Err(invalid(queue, "x-dead-letter-routing-key", "routing_key_but_no_dlx_defined".into()));
        }
        s.dead_letter_routing_key = Some(rk);
    }
    if let Some(v) = args.get("x-max-length") {
        s.max_length = Some(non_neg(queue, "x-max-length", v)?);
    }
    if let Some(v) = args.get("x-max-length-bytes") {
        s.max_length_bytes = Some(non_neg(queue, "x-max-length-bytes", v)?);
    }
    // Accepted and validated but without effect on a classic queue in this
    // model (memory limits of 3.10's classic queues).
    for key in ["x-max-in-memory-length", "x-max-in-memory-bytes"] {
        if let Some(v) = args.get(key) {
            non_neg(queue, key, v)?;
        }
    }
    if let Some(v) = args.get("x-max-priority") {
        let p = non_neg(queue, "x-max-priority", v)?;
        if p as i64 > MAX_PRIORITY {
            return Err(invalid(queue, "x-max-priority", format!("{{max_value_exceeded,{p}}}")));
        }
        s.max_priority = Some(p as u8);
    }
    if let Some(v) = args.get("x-overflow") {
        s.overflow = Some(match v {
            FieldValue::Str(o) if o == "drop-head" => Overflow::DropHead,
            FieldValue::Str(o) if o == "reject-publish" => Overflow::RejectPublish,
            FieldValue::Str(o) if o == "reject-publish-dlx" => Overflow::RejectPublishDlx,
            FieldValue::Str(_) => return Err(invalid(queue, "x-overflow", "invalid_overflow".into())),
            other => return Err(invalid(queue, "x-overflow", format!("{{unacceptable_type,{}}}", other.type_name()))),
        });
    }
    // check_queue_mode: "default" or "lazy" (lazy changes only where a
    // classic queue keeps its messages, which this model does not show).
    if let Some(v) = args.get("x-queue-mode") {
        match v {
            FieldValue::Str(m) if m == "default" || m == "lazy" => {}
            FieldValue::Str(_) => return Err(invalid(queue, "x-queue-mode", "invalid_queue_mode".into())),
            other => {
                return Err(invalid(queue, "x-queue-mode", format!("{{unacceptable_type,{}}}", other.type_name())))
            }
        }
    }
    if let Some(v) = args.get("x-single-active-consumer") {
        s.single_active_consumer = match v {
            FieldValue::Bool(b) => *b,
            other => {
                return Err(invalid(
                    queue,
                    "x-single-active-consumer",
                    format!("{{unacceptable_type,{}}}", other.type_name()),
                ))
            }
        };
    }
    if let Some(v) = args.get("x-queue-type") {
        match v {
            FieldValue::Str(t) if t == "classic" => {}
            FieldValue::Str(t) if t == "quorum" || t == "stream" => {
                return Err(AmqpError::new(
                    ReplyCode::PreconditionFailed,
                    format!(
                        "invalid arg 'x-queue-type' for {}: Warren models classic queues only, not '{t}' queues",
                        resource("queue", queue)
                    ),
                ))
            }
            FieldValue::Str(t) => {
                return Err(invalid(queue, "x-queue-type", format!("{{unsupported_queue_type,<<\"{t}\">>}}")))
            }
            other => {
                return Err(invalid(queue, "x-queue-type", format!("{{unacceptable_type,{}}}", other.type_name())))
            }
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: serde_json::Value) -> FieldTable {
        FieldTable::from_json(&v).unwrap()
    }

    #[test]
    fn valid_arguments_parse() {
        let s = parse(
            "q",
            &args(serde_json::json!({
                "x-message-ttl": 100, "x-expires": 5000, "x-max-length": 2, "x-overflow": "reject-publish",
                "x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "k", "x-max-priority": 10,
                "x-single-active-consumer": true, "x-unknown": "ignored"
            })),
        )
        .unwrap();
        assert_eq!(s.message_ttl, Some(100));
        assert_eq!(s.overflow(), Overflow::RejectPublish);
        assert_eq!(s.max_priority, Some(10));
        assert!(s.single_active_consumer);
    }

    #[test]
    fn bad_arguments_are_406_with_rabbitmq_texts() {
        let cases = [
            (serde_json::json!({"x-max-length": "abc"}), "{unacceptable_type,longstr}"),
            (serde_json::json!({"x-message-ttl": -1}), "{value_negative,-1}"),
            (serde_json::json!({"x-expires": 0}), "{value_zero,0}"),
            (serde_json::json!({"x-max-priority": 256}), "{max_value_exceeded,256}"),
            (serde_json::json!({"x-overflow": "drop-tail"}), "invalid_overflow"),
            (serde_json::json!({"x-dead-letter-routing-key": "k"}), "routing_key_but_no_dlx_defined"),
            (serde_json::json!({"x-single-active-consumer": 1}), "{unacceptable_type,signedint}"),
            (serde_json::json!({"x-message-ttl": 315360000001i64}), "value_too_large"),
        ];
        for (a, text) in cases {
            let e = parse("q", &args(a.clone())).unwrap_err();
            assert_eq!(e.code, ReplyCode::PreconditionFailed, "{a}");
            assert!(e.text.contains(text), "{a}: {}", e.text);
            assert!(e.text.contains("queue 'q' in vhost '/'"));
        }
    }
}
