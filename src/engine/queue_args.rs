//! Queue arguments (`x-message-ttl`, `x-max-length`, `x-queue-type`, ...):
//! validation with RabbitMQ's errors, and the parsed settings a queue runs
//! with. Which arguments exist and which queue types take them is the
//! table in [`table`].

use super::error::{resource, AmqpError, ReplyCode};
use super::value::{FieldTable, FieldValue};

pub mod table;

pub use table::{ArgCheck, QueueArg, QUEUE_ARGS};

/// The largest TTL or expiry RabbitMQ accepts, in milliseconds (ten years).
pub const MAX_EXPIRY_MS: i64 = 315_360_000_000;

/// The highest `x-max-priority` RabbitMQ supports.
pub const MAX_PRIORITY: i64 = 255;

/// The largest `x-stream-max-segment-size-bytes` (3 GB).
pub const MAX_SEGMENT_SIZE_BYTES: i64 = 3_000_000_000;

/// A stream's segment size when `x-stream-max-segment-size-bytes` is not set.
pub const DEFAULT_SEGMENT_SIZE_BYTES: u64 = 500_000_000;

/// The queue type (`x-queue-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueueType {
    /// A classic queue (the default).
    #[default]
    Classic,
    /// A quorum queue: replicated, durable, with a delivery limit.
    Quorum,
    /// A stream: an append-only log read from an offset.
    Stream,
}

impl QueueType {
    /// Every type, in the order the inspector offers them.
    pub const ALL: [QueueType; 3] = [QueueType::Classic, QueueType::Quorum, QueueType::Stream];

    /// The `x-queue-type` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            QueueType::Classic => "classic",
            QueueType::Quorum => "quorum",
            QueueType::Stream => "stream",
        }
    }

    /// Parses an `x-queue-type` value.
    pub fn parse(s: &str) -> Option<QueueType> {
        QueueType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// RabbitMQ's module for the type, as its errors name it.
    pub fn module(self) -> &'static str {
        match self {
            QueueType::Classic => "rabbit_classic_queue",
            QueueType::Quorum => "rabbit_quorum_queue",
            QueueType::Stream => "rabbit_stream_queue",
        }
    }

    /// The type a declare's arguments ask for (classic when absent).
    pub fn of_arguments(args: &FieldTable) -> QueueType {
        match args.get("x-queue-type") {
            Some(FieldValue::Str(t)) => QueueType::parse(t).unwrap_or_default(),
            _ => QueueType::Classic,
        }
    }

    /// The arguments a queue of this type takes and compares on redeclare.
    pub fn arguments(self) -> impl Iterator<Item = &'static str> {
        QUEUE_ARGS.iter().filter(move |a| a.types.contains(&self)).map(|a| a.key)
    }

    /// The consumer arguments this type takes (`consumer_arguments`).
    pub fn consumer_arguments(self) -> &'static [&'static str] {
        match self {
            QueueType::Classic => &["x-cancel-on-ha-failover", "x-priority", "x-credit"],
            QueueType::Quorum => &["x-priority", "x-credit"],
            QueueType::Stream => &["x-stream-offset", "x-credit"],
        }
    }
}

/// Every consumer argument some queue type takes.
pub const CONSUMER_ARGS: [&str; 4] = ["x-cancel-on-ha-failover", "x-priority", "x-credit", "x-stream-offset"];

/// What a quorum queue does with messages it dead-letters
/// (`x-dead-letter-strategy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeadLetterStrategy {
    /// Published once to the dead-letter exchange, lost if unroutable.
    AtMostOnce,
    /// Kept until the dead-letter target confirms (only with
    /// `reject-publish`; otherwise at-most-once).
    AtLeastOnce,
}

impl DeadLetterStrategy {
    /// The `x-dead-letter-strategy` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadLetterStrategy::AtMostOnce => "at-most-once",
            DeadLetterStrategy::AtLeastOnce => "at-least-once",
        }
    }
}

/// A queue's parsed arguments.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct QueueSettings {
    /// `x-queue-type`.
    pub queue_type: QueueType,
    /// `x-message-ttl`: per-queue message TTL in ms.
    pub message_ttl: Option<u64>,
    /// `x-expires`: delete the queue after this many ms unused.
    pub expires: Option<u64>,
    /// `x-max-length`: most ready messages.
    pub max_length: Option<u64>,
    /// `x-max-length-bytes`: most ready body bytes (a stream: most bytes
    /// retained, by segment).
    pub max_length_bytes: Option<u64>,
    /// `x-overflow`.
    pub overflow: Option<Overflow>,
    /// `x-dead-letter-exchange`.
    pub dead_letter_exchange: Option<String>,
    /// `x-dead-letter-routing-key`.
    pub dead_letter_routing_key: Option<String>,
    /// `x-dead-letter-strategy` (quorum queues).
    pub dead_letter_strategy: Option<DeadLetterStrategy>,
    /// `x-max-priority`: makes a priority queue with priorities 0..=N.
    pub max_priority: Option<u8>,
    /// `x-single-active-consumer`.
    pub single_active_consumer: bool,
    /// `x-delivery-limit` (quorum queues): a message returned more often
    /// than this is dropped or dead-lettered. RabbitMQ does not check the
    /// value; only an integer limits anything.
    pub delivery_limit: Option<i64>,
    /// `x-max-age` (streams), in ms.
    pub max_age: Option<u64>,
    /// `x-stream-max-segment-size-bytes` (streams).
    pub max_segment_size_bytes: Option<u64>,
}

impl QueueSettings {
    /// The overflow behaviour (drop-head unless set). A quorum queue
    /// treats `reject-publish-dlx` as drop-head, as RabbitMQ 3.10 does.
    pub fn overflow(&self) -> Overflow {
        match (self.queue_type, self.overflow) {
            (QueueType::Quorum, Some(Overflow::RejectPublishDlx)) => Overflow::DropHead,
            (_, o) => o.unwrap_or(Overflow::DropHead),
        }
    }

    /// True unless classic (the default, which documents leave out).
    pub fn is_classic(t: &QueueType) -> bool {
        *t == QueueType::Classic
    }

    /// True for a quorum queue.
    pub fn is_quorum(&self) -> bool {
        self.queue_type == QueueType::Quorum
    }

    /// True for a stream.
    pub fn is_stream(&self) -> bool {
        self.queue_type == QueueType::Stream
    }

    /// A stream's segment size.
    pub fn segment_size_bytes(&self) -> u64 {
        self.max_segment_size_bytes.unwrap_or(DEFAULT_SEGMENT_SIZE_BYTES)
    }
}

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

fn invalid(queue: &str, key: &str, detail: String) -> AmqpError {
    AmqpError::new(
        ReplyCode::PreconditionFailed,
        format!("invalid arg '{key}' for {}: {detail}", resource("queue", queue)),
    )
}

/// An error that RabbitMQ makes with `rabbit_misc:format` and prints with
/// `~p`: a quoted string.
fn quoted(text: String) -> String {
    format!("\"{text}\"")
}

fn unacceptable(v: &FieldValue) -> String {
    format!("{{unacceptable_type,{}}}", v.type_name())
}

fn int_value(v: &FieldValue) -> Result<i64, String> {
    match v {
        FieldValue::Int(i) => Ok(*i),
        other => Err(unacceptable(other)),
    }
}

fn non_neg_value(v: &FieldValue) -> Result<u64, String> {
    let i = int_value(v)?;
    if i < 0 {
        return Err(format!("{{value_negative,{i}}}"));
    }
    Ok(i as u64)
}

fn expiry_value(v: &FieldValue, zero_allowed: bool) -> Result<u64, String> {
    let i = int_value(v)?;
    if i == 0 && !zero_allowed {
        Err("{value_zero,0}".into())
    } else if i < 0 {
        Err(format!("{{value_negative,{i}}}"))
    } else if i > MAX_EXPIRY_MS {
        // rabbit_misc:check_expiry: {value_too_large, N} (rabbitmq-server#4836).
        Err(format!("{{value_too_large,{i}}}"))
    } else {
        Ok(i as u64)
    }
}

fn one_of<'a>(v: &'a FieldValue, allowed: &[&str], otherwise: &str) -> Result<&'a str, String> {
    match v {
        FieldValue::Str(s) if allowed.contains(&s.as_str()) => Ok(s),
        FieldValue::Str(_) => Err(otherwise.to_string()),
        other => Err(unacceptable(other)),
    }
}

/// Parses an `x-max-age` (`rabbit_amqqueue:check_max_age`): digits, then
/// one of `Y M D h m s`; the number must be positive. Returns ms.
pub fn parse_max_age(s: &str) -> Option<u64> {
    let end = s.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(s.len());
    let n: u64 = s[..end].parse().ok().filter(|n| *n > 0)?;
    let unit: u64 = match &s[end..] {
        "Y" => 365 * 86_400_000,
        "M" => 30 * 86_400_000,
        "D" => 86_400_000,
        "h" => 3_600_000,
        "m" => 60_000,
        "s" => 1_000,
        _ => return None,
    };
    n.checked_mul(unit)
}

/// The checks that only accept or refuse (no setting of their own).
fn check_plain(check: ArgCheck, v: &FieldValue) -> Result<(), String> {
    match check {
        ArgCheck::QueueMode => match v {
            FieldValue::Str(m) if m == "default" || m == "lazy" => Ok(()),
            FieldValue::Str(m) => Err(quoted(format!("unsupported queue mode '{m}'"))),
            _ => Err("invalid_queue_mode".into()),
        },
        ArgCheck::QueueVersion => match non_neg_value(v)? {
            1 | 2 => Ok(()),
            n => Err(quoted(format!("unsupported queue version '{n}'"))),
        },
        ArgCheck::LeaderLocator => {
            one_of(v, &["client-local", "balanced", "random", "least-leaders"], "invalid_queue_locator_arg").map(|_| ())
        }
        ArgCheck::PositiveInt if non_neg_value(v)? == 0 => Err("{value_zero,0}".into()),
        _ => Ok(()),
    }
}

/// Checks one argument's value as its table entry says, recording the
/// parsed value in `s`. The error is the detail after "invalid arg ...: ".
fn check_value(arg: &QueueArg, v: &FieldValue, args: &FieldTable, s: &mut QueueSettings) -> Result<(), String> {
    match arg.check {
        ArgCheck::Expires => s.expires = Some(expiry_value(v, false)?),
        ArgCheck::MessageTtl => s.message_ttl = Some(expiry_value(v, true)?),
        ArgCheck::DeadLetterExchange => match v {
            FieldValue::Str(x) => s.dead_letter_exchange = Some(x.clone()),
            other => return Err(unacceptable(other)),
        },
        ArgCheck::DeadLetterRoutingKey => match v {
            FieldValue::Str(_) if args.get("x-dead-letter-exchange").is_none() => {
                return Err("routing_key_but_no_dlx_defined".into())
            }
            FieldValue::Str(rk) => s.dead_letter_routing_key = Some(rk.clone()),
            other => return Err(unacceptable(other)),
        },
        ArgCheck::DeadLetterStrategy => {
            let v = one_of(v, &["at-most-once", "at-least-once"], "invalid_dlx_strategy")?;
            s.dead_letter_strategy = Some(if v == "at-least-once" {
                DeadLetterStrategy::AtLeastOnce
            } else {
                DeadLetterStrategy::AtMostOnce
            });
        }
        ArgCheck::NonNegInt => {
            let n = non_neg_value(v)?;
            match arg.key {
                "x-max-length" => s.max_length = Some(n),
                "x-max-length-bytes" => s.max_length_bytes = Some(n),
                "x-stream-max-segment-size-bytes" => s.max_segment_size_bytes = Some(n),
                _ => {}
            }
        }
        ArgCheck::MaxPriority => {
            let p = non_neg_value(v)?;
            if p as i64 > MAX_PRIORITY {
                return Err(format!("{{max_value_exceeded,{p}}}"));
            }
            s.max_priority = Some(p as u8);
        }
        ArgCheck::Overflow => {
            s.overflow =
                Some(match one_of(v, &["drop-head", "reject-publish", "reject-publish-dlx"], "invalid_overflow")? {
                    "drop-head" => Overflow::DropHead,
                    "reject-publish" => Overflow::RejectPublish,
                    _ => Overflow::RejectPublishDlx,
                })
        }
        ArgCheck::QueueMode | ArgCheck::QueueVersion | ArgCheck::LeaderLocator | ArgCheck::PositiveInt => {
            check_plain(arg.check, v)?
        }
        ArgCheck::Bool => match v {
            FieldValue::Bool(b) => s.single_active_consumer = *b,
            other => return Err(unacceptable(other)),
        },
        ArgCheck::QueueType => match v {
            FieldValue::Str(t) => match QueueType::parse(t) {
                Some(t) => s.queue_type = t,
                None => return Err(quoted(format!("unsupported queue type '{t}'"))),
            },
            other => return Err(unacceptable(other)),
        },
        ArgCheck::MaxAge => match v {
            FieldValue::Str(a) => s.max_age = Some(parse_max_age(a).ok_or("invalid_max_age")?),
            other => return Err(unacceptable(other)),
        },
        ArgCheck::Unchecked => {
            if arg.key == "x-delivery-limit" {
                s.delivery_limit = v.as_int();
            }
        }
    }
    Ok(())
}

/// Validates the arguments of a new queue as RabbitMQ's
/// `rabbit_amqqueue:check_declare_arguments` does: the queue type first,
/// then each argument the type takes (in the table's order), then any
/// known argument the type does not take ("... of queue type ..."), in
/// the order of the table as sent. Unknown arguments are accepted and
/// ignored, as RabbitMQ does.
pub fn parse(queue: &str, args: &FieldTable) -> Result<QueueSettings, AmqpError> {
    let mut s = QueueSettings::default();
    let type_arg = table::lookup("x-queue-type").expect("x-queue-type is in the table");
    if let Some(v) = args.get("x-queue-type") {
        check_value(type_arg, v, args, &mut s).map_err(|d| invalid(queue, "x-queue-type", d))?;
    }
    let t = s.queue_type;
    for arg in QUEUE_ARGS.iter().filter(|a| a.types.contains(&t)) {
        if let Some(v) = args.get(arg.key) {
            check_value(arg, v, args, &mut s).map_err(|d| invalid(queue, arg.key, d))?;
        }
    }
    if let Some((key, _)) = args.iter().find(|(k, _)| !table::accepts(t, k)) {
        return Err(AmqpError::new(
            ReplyCode::PreconditionFailed,
            format!("invalid arg '{key}' for {} of queue type {}", resource("queue", queue), t.module()),
        ));
    }
    Ok(s)
}

/// Validates basic.consume's arguments for a queue of type `t`
/// (`rabbit_amqqueue:check_consume_arguments`): `x-priority` must be an
/// integer, `x-stream-offset` a valid offset, and a consumer argument of
/// another queue type is refused.
pub fn check_consume_arguments(queue: &str, t: QueueType, args: &FieldTable) -> Result<(), AmqpError> {
    let accepted = t.consumer_arguments();
    if let Some(v) = args.get("x-priority").filter(|_| accepted.contains(&"x-priority")) {
        if !matches!(v, FieldValue::Int(_)) {
            return Err(invalid(queue, "x-priority", quoted(format!("expected integer, got {}", v.type_name()))));
        }
    }
    // An `x-stream-offset` RabbitMQ cannot read passes this check and then
    // crashes the stream consumer: 541 INTERNAL_ERROR.
    if args
        .get("x-stream-offset")
        .filter(|_| accepted.contains(&"x-stream-offset"))
        .is_some_and(|v| StreamOffset::parse(v).is_none())
    {
        return Err(AmqpError::internal());
    }
    if let Some((key, _)) = args.iter().find(|(k, _)| CONSUMER_ARGS.contains(k) && !accepted.contains(k)) {
        return Err(AmqpError::new(
            ReplyCode::PreconditionFailed,
            format!("invalid arg '{key}' for {} of queue type {}", resource("queue", queue), t.module()),
        ));
    }
    Ok(())
}

/// Where a stream consumer starts reading (`x-stream-offset`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamOffset {
    /// The first message the stream still holds.
    First,
    /// The last chunk written (here: the last message).
    Last,
    /// Only messages published from now on (the default).
    Next,
    /// This offset (clamped to what the stream holds).
    Offset(u64),
    /// The first message written at or after this time (ms).
    Timestamp(u64),
    /// Messages written within this many ms before the consumer started
    /// (an interval like `1h`).
    Age(u64),
}

impl StreamOffset {
    /// Parses an `x-stream-offset` value as `rabbit_stream_queue:parse_offset_arg`.
    pub fn parse(v: &FieldValue) -> Option<StreamOffset> {
        Some(match v {
            FieldValue::Str(s) if s == "first" => StreamOffset::First,
            FieldValue::Str(s) if s == "last" => StreamOffset::Last,
            FieldValue::Str(s) if s == "next" => StreamOffset::Next,
            FieldValue::Str(s) => StreamOffset::Age(parse_max_age(s)?),
            FieldValue::Timestamp(secs) => StreamOffset::Timestamp(secs.saturating_mul(1000)),
            // A negative offset reads from next (as RabbitMQ 3.10.8 does).
            FieldValue::Int(i) if *i < 0 => StreamOffset::Next,
            FieldValue::Int(i) => StreamOffset::Offset(*i as u64),
            // RabbitMQ passes any other value on as it is; read from next.
            _ => StreamOffset::Next,
        })
    }
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
            (serde_json::json!({"x-queue-type": "fancy"}), "\"unsupported queue type 'fancy'\""),
            (serde_json::json!({"x-queue-type": "stream", "x-max-age": "7W"}), "invalid_max_age"),
            (serde_json::json!({"x-queue-type": "quorum", "x-dead-letter-strategy": "twice"}), "invalid_dlx_strategy"),
        ];
        for (a, text) in cases {
            let e = parse("q", &args(a.clone())).unwrap_err();
            assert_eq!(e.code, ReplyCode::PreconditionFailed, "{a}");
            assert!(e.text.contains(text), "{a}: {}", e.text);
            assert!(e.text.contains("queue 'q' in vhost '/'"));
        }
    }

    #[test]
    fn a_type_refuses_the_arguments_of_other_types() {
        let e = parse("qp", &args(serde_json::json!({"x-queue-type": "quorum", "x-max-priority": 5}))).unwrap_err();
        assert!(
            e.text.ends_with(
                "invalid arg 'x-max-priority' for queue 'qp' in vhost '/' of queue type rabbit_quorum_queue"
            ),
            "{}",
            e.text
        );
        let e = parse("c", &args(serde_json::json!({"x-delivery-limit": 5}))).unwrap_err();
        assert!(e.text.ends_with("of queue type rabbit_classic_queue"), "{}", e.text);
        let e = parse("s", &args(serde_json::json!({"x-queue-type": "stream", "x-message-ttl": 5}))).unwrap_err();
        assert!(e.text.ends_with("of queue type rabbit_stream_queue"), "{}", e.text);
        let s = parse("q", &args(serde_json::json!({"x-queue-type": "quorum", "x-overflow": "reject-publish-dlx"})));
        assert_eq!(s.unwrap().overflow(), Overflow::DropHead);
    }

    #[test]
    fn every_table_entry_is_checked_for_the_types_that_take_it() {
        // A value of the wrong kind is refused for every checked argument;
        // an unchecked one is accepted.
        for arg in QUEUE_ARGS.iter().filter(|a| a.key != "x-queue-type") {
            let t = arg.types[0];
            let bad = if arg.check == ArgCheck::Bool { FieldValue::Int(1) } else { FieldValue::Array(vec![]) };
            let mut table = FieldTable::new();
            table.insert("x-queue-type", FieldValue::from(t.as_str()));
            if arg.key == "x-dead-letter-routing-key" {
                table.insert("x-dead-letter-exchange", FieldValue::from("dlx"));
            }
            table.insert(arg.key, bad);
            let result = parse("q", &table);
            assert_eq!(result.is_err(), arg.check != ArgCheck::Unchecked, "{}: {result:?}", arg.key);
        }
    }

    #[test]
    fn stream_offsets_parse_like_rabbitmq() {
        assert_eq!(StreamOffset::parse(&FieldValue::from("first")), Some(StreamOffset::First));
        assert_eq!(StreamOffset::parse(&FieldValue::Int(7)), Some(StreamOffset::Offset(7)));
        assert_eq!(StreamOffset::parse(&FieldValue::from("1h")), Some(StreamOffset::Age(3_600_000)));
        assert_eq!(StreamOffset::parse(&FieldValue::Timestamp(2)), Some(StreamOffset::Timestamp(2000)));
        assert_eq!(StreamOffset::parse(&FieldValue::from("soon")), None);
        assert_eq!(StreamOffset::parse(&FieldValue::Int(-1)), Some(StreamOffset::Next));
        assert_eq!(parse_max_age("0s"), None);
    }
}
