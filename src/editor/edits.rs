//! Inspector edits as plain data: which thing, which field, the new value.
//! The reducer applies an [`Edit`] once to the scenario it holds
//! ([`Edit::apply`]), checks the result once with the document's own checks,
//! and keeps a refused edit's reason as a [`Refusal`] that the field shows.
//!
//! Values arrive as the fields give them (text, a check box, a whole
//! number); turning them into the document's types, and refusing what does
//! not fit, happens here, natively tested.

use serde_json::Value;

use super::table_text::{parse_arguments, parse_table, queue_fields, EXCHANGE_FIELDS};
use crate::engine::queue_args::{parse_max_age, DeadLetterStrategy, QueueType};
use crate::i18n::Msg;
use crate::scenario::{
    AckMode, BindingEdge, ConsumerNode, ExchangeKind, ExchangeNode, Outcome, OverflowKind, ProducerNode, QueueNode,
    Scenario, Schedule,
};

/// One edit of the scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// The scenario's title.
    Title(String),
    /// The scenario's description.
    Description(String),
    /// A field of exchange node `id`.
    Exchange {
        /// The node id.
        id: String,
        /// The field and its value.
        field: ExchangeField,
    },
    /// A field of queue node `id`.
    Queue {
        /// The node id.
        id: String,
        /// The field and its value.
        field: QueueField,
    },
    /// A field of producer node `id`.
    Producer {
        /// The node id.
        id: String,
        /// The field and its value.
        field: ProducerField,
    },
    /// A field of consumer node `id`.
    Consumer {
        /// The node id.
        id: String,
        /// The field and its value.
        field: ConsumerField,
    },
    /// A field of binding `id`.
    Binding {
        /// The binding id.
        id: String,
        /// The field and its value.
        field: BindingField,
    },
}

/// An exchange's fields.
#[derive(Clone, Debug, PartialEq)]
pub enum ExchangeField {
    /// The AMQP name.
    Name(String),
    /// The type: `direct`, `fanout`, `topic` or `headers`.
    Kind(String),
    /// durable.
    Durable(bool),
    /// auto-delete.
    AutoDelete(bool),
    /// internal.
    Internal(bool),
    /// The alternate exchange's node id (empty: none).
    AlternateExchange(String),
    /// Other arguments as `name=value, ...` text.
    Arguments(String),
}

/// A queue's fields.
#[derive(Clone, Debug, PartialEq)]
pub enum QueueField {
    /// The AMQP name (empty: server-named).
    Name(String),
    /// durable.
    Durable(bool),
    /// exclusive.
    Exclusive(bool),
    /// auto-delete.
    AutoDelete(bool),
    /// x-single-active-consumer.
    SingleActiveConsumer(bool),
    /// x-message-ttl (ms).
    MessageTtl(Option<i64>),
    /// x-expires (ms).
    Expires(Option<i64>),
    /// x-max-length.
    MaxLength(Option<i64>),
    /// x-max-length-bytes.
    MaxLengthBytes(Option<i64>),
    /// x-overflow (empty: not set).
    Overflow(String),
    /// The dead-letter exchange's node id (empty: none).
    DeadLetterExchange(String),
    /// x-dead-letter-routing-key (empty: not set).
    DeadLetterRoutingKey(String),
    /// x-max-priority.
    MaxPriority(Option<i64>),
    /// Other arguments as `name=value, ...` text.
    Arguments(String),
    /// x-queue-type: `classic`, `quorum` or `stream` (what the new type
    /// does not take is cleared).
    Type(String),
    /// x-delivery-limit (quorum queues).
    DeliveryLimit(Option<i64>),
    /// x-dead-letter-strategy (empty: not set).
    DeadLetterStrategy(String),
    /// x-max-age (streams; empty: not set).
    MaxAge(String),
    /// x-stream-max-segment-size-bytes (streams).
    SegmentSize(Option<i64>),
}

/// A producer's fields: its own, its message template's and its schedule's.
#[derive(Clone, Debug, PartialEq)]
pub enum ProducerField {
    /// The name shown on the canvas.
    Name(String),
    /// The exchange node it publishes to (empty: not connected).
    Exchange(String),
    /// The routing key.
    RoutingKey(String),
    /// The body (`{n}`: the message's number).
    Body(String),
    /// Headers as `name=value, ...` text.
    Headers(String),
    /// delivery_mode 2.
    Persistent(bool),
    /// mandatory.
    Mandatory(bool),
    /// The expiration property (empty: not set).
    Expiration(String),
    /// The priority property.
    Priority(Option<i64>),
    /// reply_to as a queue node id (empty: none).
    ReplyToQueue(String),
    /// reply_to as a name (empty: not set).
    ReplyTo(String),
    /// correlation_id (empty: not set).
    CorrelationId(String),
    /// message_id (empty: not set).
    MessageId(String),
    /// The kind of schedule: `manual`, `once`, `every`, `burst`.
    Schedule(String),
    /// When a one-shot or a burst publishes (ms).
    AtMs(Option<i64>),
    /// The period of a repeating schedule (ms).
    EveryMs(Option<i64>),
    /// When a repeating schedule starts (ms).
    StartMs(Option<i64>),
    /// How many a repeating schedule publishes (empty: forever).
    Count(Option<i64>),
    /// Messages per tick of a repeating schedule.
    Batch(Option<i64>),
    /// Messages in a burst.
    BurstCount(Option<i64>),
}

/// A consumer's fields.
#[derive(Clone, Debug, PartialEq)]
pub enum ConsumerField {
    /// The name (its consumer tag).
    Name(String),
    /// The queue node it consumes from (empty: not connected).
    Queue(String),
    /// `manual` or `auto`.
    Ack(String),
    /// basic.qos prefetch.
    Prefetch(Option<i64>),
    /// Processing time per message (ms).
    ProcessingMs(Option<i64>),
    /// What it does after processing ([`outcome_key`]).
    Outcome(String),
    /// Crash after this many deliveries.
    CrashAfter(Option<i64>),
    /// x-stream-offset for a stream consumer (empty: `next`).
    StreamOffset(String),
    /// Answers RPC requests.
    Reply(bool),
    /// Exclusive consumer.
    Exclusive(bool),
    /// x-priority.
    Priority(Option<i64>),
}

/// A binding's fields.
#[derive(Clone, Debug, PartialEq)]
pub enum BindingField {
    /// The binding key.
    Key(String),
    /// Headers bindings: `x-match` (`all`, `any`, `all-with-x`, `any-with-x`).
    Match(String),
    /// Headers bindings: the header values as `name=value, ...` text
    /// (`x-match` is kept).
    Headers(String),
}

/// An edit the reducer refused: which field of which thing, and why. The
/// field it came from shows the reason until the next edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// The node or binding id (empty for the scenario's own fields).
    pub target: String,
    /// The field's name, as the inspector names it (`data-field`).
    pub field: &'static str,
    /// Why (rendered in the page's language when it is shown).
    pub text: Msg,
}

/// The key the consumer form uses for each [`Outcome`].
pub fn outcome_key(o: Outcome) -> &'static str {
    match o {
        Outcome::Ack => "ack",
        Outcome::NackRequeue => "nack_requeue",
        Outcome::Nack => "nack",
        Outcome::Reject => "reject",
        Outcome::RejectRequeue => "reject_requeue",
        Outcome::NeverAck => "never_ack",
    }
}

fn non_empty(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_string())
}

fn unsigned(v: Option<i64>) -> Option<u64> {
    v.map(|v| v.max(0) as u64)
}

impl Edit {
    /// The node or binding the edit is for (empty for the scenario).
    pub fn target(&self) -> &str {
        match self {
            Edit::Title(_) | Edit::Description(_) => "",
            Edit::Exchange { id, .. }
            | Edit::Queue { id, .. }
            | Edit::Producer { id, .. }
            | Edit::Consumer { id, .. }
            | Edit::Binding { id, .. } => id,
        }
    }

    /// The field's name, as the inspector's field is named.
    pub fn field(&self) -> &'static str {
        match self {
            Edit::Title(_) => "title",
            Edit::Description(_) => "description",
            Edit::Exchange { field, .. } => field.name(),
            Edit::Queue { field, .. } => field.name(),
            Edit::Producer { field, .. } => field.name(),
            Edit::Consumer { field, .. } => field.name(),
            Edit::Binding { field, .. } => field.name(),
        }
    }

    /// Makes the edit in `s`, or says why it cannot be made (the thing is
    /// gone, or the value does not fit). The caller checks the result as a
    /// document.
    pub fn apply(&self, s: &mut Scenario) -> Result<(), Msg> {
        let gone = || msg!("editor-node-gone");
        match self {
            Edit::Title(v) => s.title = v.clone(),
            Edit::Description(v) => s.description = v.clone(),
            Edit::Exchange { id, field } => {
                field.apply(s.exchanges.iter_mut().find(|n| n.id == *id).ok_or_else(gone)?)?
            }
            Edit::Queue { id, field } => field.apply(s.queues.iter_mut().find(|n| n.id == *id).ok_or_else(gone)?)?,
            Edit::Producer { id, field } => {
                field.apply(s.producers.iter_mut().find(|n| n.id == *id).ok_or_else(gone)?)?
            }
            Edit::Consumer { id, field } => {
                field.apply(s.consumers.iter_mut().find(|n| n.id == *id).ok_or_else(gone)?)?
            }
            Edit::Binding { id, field } => {
                field.apply(s.binding_mut(id).ok_or_else(|| msg!("editor-binding-gone"))?)?
            }
        }
        Ok(())
    }

    /// `s` with the edit made and checked as a document, or why not.
    pub fn applied_to(&self, s: &Scenario) -> Result<Scenario, Msg> {
        let mut next = s.clone();
        self.apply(&mut next)?;
        // The document's own checks speak in the scenario's words.
        crate::scenario::parse::check(&next).map_err(|e| crate::i18n::Msg::verbatim(e.to_string()))?;
        Ok(next)
    }
}

impl ExchangeField {
    fn name(&self) -> &'static str {
        match self {
            ExchangeField::Name(_) => "name",
            ExchangeField::Kind(_) => "type",
            ExchangeField::Durable(_) => "durable",
            ExchangeField::AutoDelete(_) => "auto_delete",
            ExchangeField::Internal(_) => "internal",
            ExchangeField::AlternateExchange(_) => "alternate_exchange",
            ExchangeField::Arguments(_) => "arguments",
        }
    }

    fn apply(&self, x: &mut ExchangeNode) -> Result<(), Msg> {
        match self {
            ExchangeField::Name(v) => x.name = v.clone(),
            ExchangeField::Kind(v) => {
                x.kind = ExchangeKind::ALL
                    .into_iter()
                    .find(|k| k.as_str() == v)
                    .ok_or_else(|| msg!("editor-unknown-exchange-type"))?
            }
            ExchangeField::Durable(v) => x.durable = *v,
            ExchangeField::AutoDelete(v) => x.auto_delete = *v,
            ExchangeField::Internal(v) => x.internal = *v,
            ExchangeField::AlternateExchange(v) => x.alternate_exchange = non_empty(v),
            ExchangeField::Arguments(v) => x.arguments = parse_arguments(v, EXCHANGE_FIELDS)?,
        }
        Ok(())
    }
}

impl QueueField {
    fn name(&self) -> &'static str {
        match self {
            QueueField::Name(_) => "name",
            QueueField::Durable(_) => "durable",
            QueueField::Exclusive(_) => "exclusive",
            QueueField::AutoDelete(_) => "auto_delete",
            QueueField::SingleActiveConsumer(_) => "single_active_consumer",
            QueueField::MessageTtl(_) => "message_ttl",
            QueueField::Expires(_) => "expires",
            QueueField::MaxLength(_) => "max_length",
            QueueField::MaxLengthBytes(_) => "max_length_bytes",
            QueueField::Overflow(_) => "overflow",
            QueueField::DeadLetterExchange(_) => "dead_letter_exchange",
            QueueField::DeadLetterRoutingKey(_) => "dead_letter_routing_key",
            QueueField::MaxPriority(_) => "max_priority",
            QueueField::Arguments(_) => "arguments",
            QueueField::Type(_) => "queue_type",
            QueueField::DeliveryLimit(_) => "delivery_limit",
            QueueField::DeadLetterStrategy(_) => "dead_letter_strategy",
            QueueField::MaxAge(_) => "max_age",
            QueueField::SegmentSize(_) => "stream_max_segment_size_bytes",
        }
    }

    fn apply(&self, q: &mut QueueNode) -> Result<(), Msg> {
        match self {
            QueueField::Name(v) => q.name = v.clone(),
            QueueField::Durable(v) => q.durable = *v,
            QueueField::Exclusive(v) => q.exclusive = *v,
            QueueField::AutoDelete(v) => q.auto_delete = *v,
            QueueField::SingleActiveConsumer(v) => q.single_active_consumer = *v,
            QueueField::MessageTtl(v) => q.message_ttl = unsigned(*v),
            QueueField::Expires(v) => q.expires = unsigned(*v),
            QueueField::MaxLength(v) => q.max_length = unsigned(*v),
            QueueField::MaxLengthBytes(v) => q.max_length_bytes = unsigned(*v),
            QueueField::Overflow(v) => q.overflow = overflow(v)?,
            QueueField::DeadLetterExchange(v) => q.dead_letter_exchange = non_empty(v),
            QueueField::DeadLetterRoutingKey(v) => q.dead_letter_routing_key = non_empty(v),
            QueueField::MaxPriority(v) => q.max_priority = v.map(|v| v.clamp(0, 255) as u8),
            QueueField::Arguments(v) => q.arguments = parse_arguments(v, &queue_fields())?,
            QueueField::Type(v) => {
                let t = QueueType::parse(v).ok_or_else(|| msg!("editor-not-queue-type", value = v))?;
                crate::scenario::queue_fields::retype(q, t);
            }
            QueueField::DeliveryLimit(v) => q.delivery_limit = unsigned(*v),
            QueueField::DeadLetterStrategy(v) => {
                q.dead_letter_strategy = match v.as_str() {
                    "at-most-once" => Some(DeadLetterStrategy::AtMostOnce),
                    "at-least-once" => Some(DeadLetterStrategy::AtLeastOnce),
                    _ => None,
                }
            }
            QueueField::MaxAge(v) => {
                let v = non_empty(v);
                if let Some(a) = &v {
                    parse_max_age(a).ok_or_else(|| msg!("editor-not-age", value = a))?;
                }
                q.max_age = v;
            }
            QueueField::SegmentSize(v) => q.stream_max_segment_size_bytes = unsigned(*v),
        }
        Ok(())
    }
}

fn overflow(v: &str) -> Result<Option<OverflowKind>, Msg> {
    Ok(match v {
        "" => None,
        "drop-head" => Some(OverflowKind::DropHead),
        "reject-publish" => Some(OverflowKind::RejectPublish),
        "reject-publish-dlx" => Some(OverflowKind::RejectPublishDlx),
        other => return Err(msg!("editor-not-overflow", value = other)),
    })
}

impl ProducerField {
    fn name(&self) -> &'static str {
        match self {
            ProducerField::Name(_) => "name",
            ProducerField::Exchange(_) => "exchange",
            ProducerField::RoutingKey(_) => "routing_key",
            ProducerField::Body(_) => "body",
            ProducerField::Headers(_) => "headers",
            ProducerField::Persistent(_) => "persistent",
            ProducerField::Mandatory(_) => "mandatory",
            ProducerField::Expiration(_) => "expiration",
            ProducerField::Priority(_) => "priority",
            ProducerField::ReplyToQueue(_) => "reply_to_queue",
            ProducerField::ReplyTo(_) => "reply_to",
            ProducerField::CorrelationId(_) => "correlation_id",
            ProducerField::MessageId(_) => "message_id",
            ProducerField::Schedule(_) => "schedule",
            ProducerField::AtMs(_) => "at_ms",
            ProducerField::EveryMs(_) => "every_ms",
            ProducerField::StartMs(_) => "start_ms",
            ProducerField::Count(_) => "count",
            ProducerField::Batch(_) => "batch",
            ProducerField::BurstCount(_) => "burst_count",
        }
    }

    fn apply(&self, p: &mut ProducerNode) -> Result<(), Msg> {
        let m = &mut p.message;
        match self {
            ProducerField::Name(v) => p.name = v.clone(),
            ProducerField::Exchange(v) => p.exchange = non_empty(v),
            ProducerField::RoutingKey(v) => m.routing_key = v.clone(),
            ProducerField::Body(v) => m.body = v.clone(),
            ProducerField::Headers(v) => m.headers = parse_table(v)?,
            ProducerField::Persistent(v) => m.persistent = *v,
            ProducerField::Mandatory(v) => m.mandatory = *v,
            ProducerField::Expiration(v) => m.expiration = non_empty(v.trim()),
            ProducerField::Priority(v) => m.priority = v.map(|v| v.clamp(0, 255) as u8),
            ProducerField::ReplyToQueue(v) => m.reply_to_queue = non_empty(v),
            ProducerField::ReplyTo(v) => m.reply_to = non_empty(v),
            ProducerField::CorrelationId(v) => m.correlation_id = non_empty(v),
            ProducerField::MessageId(v) => m.message_id = non_empty(v),
            ProducerField::Schedule(v) => p.schedule = schedule_of_kind(v)?,
            timing => set_timing(&mut p.schedule, timing),
        }
        Ok(())
    }
}

/// A fresh schedule of a kind chosen in the form.
fn schedule_of_kind(kind: &str) -> Result<Schedule, Msg> {
    Ok(match kind {
        "manual" => Schedule::Manual,
        "once" => Schedule::Once { at_ms: 0 },
        "every" => Schedule::Every { every_ms: 1000, start_ms: 0, count: None, batch: 1 },
        "burst" => Schedule::Burst { count: 10, at_ms: 0 },
        other => return Err(msg!("editor-not-schedule", value = other)),
    })
}

/// Sets one timing of the schedule it belongs to (a timing of another kind
/// of schedule changes nothing).
fn set_timing(schedule: &mut Schedule, field: &ProducerField) {
    let ms = |v: &Option<i64>, empty: u64| unsigned(*v).unwrap_or(empty);
    match (schedule, field) {
        (Schedule::Once { at_ms }, ProducerField::AtMs(v))
        | (Schedule::Burst { at_ms, .. }, ProducerField::AtMs(v)) => *at_ms = ms(v, 0),
        (Schedule::Every { every_ms, .. }, ProducerField::EveryMs(v)) => *every_ms = ms(v, 1000),
        (Schedule::Every { start_ms, .. }, ProducerField::StartMs(v)) => *start_ms = ms(v, 0),
        (Schedule::Every { count, .. }, ProducerField::Count(v)) => *count = unsigned(*v).map(|c| c as u32),
        (Schedule::Every { batch, .. }, ProducerField::Batch(v)) => *batch = ms(v, 1).clamp(1, 10_000) as u32,
        (Schedule::Burst { count, .. }, ProducerField::BurstCount(v)) => *count = ms(v, 1) as u32,
        _ => {}
    }
}

impl ConsumerField {
    fn name(&self) -> &'static str {
        match self {
            ConsumerField::Name(_) => "name",
            ConsumerField::Queue(_) => "queue",
            ConsumerField::Ack(_) => "ack",
            ConsumerField::Prefetch(_) => "prefetch",
            ConsumerField::ProcessingMs(_) => "processing_ms",
            ConsumerField::Outcome(_) => "outcome",
            ConsumerField::CrashAfter(_) => "crash_after",
            ConsumerField::StreamOffset(_) => "stream_offset",
            ConsumerField::Reply(_) => "reply",
            ConsumerField::Exclusive(_) => "exclusive",
            ConsumerField::Priority(_) => "priority",
        }
    }

    fn apply(&self, c: &mut ConsumerNode) -> Result<(), Msg> {
        match self {
            ConsumerField::Name(v) => c.name = v.clone(),
            ConsumerField::Queue(v) => c.queue = non_empty(v),
            ConsumerField::Ack(v) => c.ack = if v == "auto" { AckMode::Auto } else { AckMode::Manual },
            ConsumerField::Prefetch(v) => c.prefetch = unsigned(*v).unwrap_or(0).min(u16::MAX as u64) as u16,
            ConsumerField::ProcessingMs(v) => c.processing_ms = unsigned(*v).unwrap_or(0),
            ConsumerField::Outcome(v) => {
                c.outcome = Outcome::ALL
                    .into_iter()
                    .find(|o| outcome_key(*o) == v)
                    .ok_or_else(|| msg!("editor-unknown-outcome"))?
            }
            ConsumerField::CrashAfter(v) => c.crash_after = unsigned(*v).map(|v| v.min(u32::MAX as u64) as u32),
            ConsumerField::StreamOffset(v) => c.stream_offset = non_empty(v),
            ConsumerField::Reply(v) => c.reply = *v,
            ConsumerField::Exclusive(v) => c.exclusive = *v,
            ConsumerField::Priority(v) => c.priority = v.map(|v| v.clamp(i32::MIN as i64, i32::MAX as i64) as i32),
        }
        Ok(())
    }
}

impl BindingField {
    fn name(&self) -> &'static str {
        match self {
            BindingField::Key(_) => "routing_key",
            BindingField::Match(_) => "x_match",
            BindingField::Headers(_) => "headers",
        }
    }

    fn apply(&self, b: &mut BindingEdge) -> Result<(), Msg> {
        match self {
            BindingField::Key(v) => b.routing_key = v.clone(),
            BindingField::Match(v) => {
                if !["all", "any", "all-with-x", "any-with-x"].contains(&v.as_str()) {
                    return Err(msg!("editor-not-match-mode", value = v));
                }
                b.arguments.insert("x-match".into(), Value::String(v.clone()));
            }
            BindingField::Headers(v) => {
                let mut table = parse_table(v)?;
                let mode = b.arguments.get("x-match").cloned().unwrap_or(Value::String("all".into()));
                table.insert("x-match".into(), mode);
                b.arguments = table;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{NodeKind, Position};

    fn scenario() -> Scenario {
        let mut s = Scenario::default();
        let add = |s: &mut Scenario, kind, exchange| {
            crate::editor::add_node(
                s,
                crate::editor::PaletteItem { kind, exchange },
                Position { x: 0.0, y: s.node_ids().count() as f64 * 200.0 },
            )
        };
        add(&mut s, NodeKind::Exchange, ExchangeKind::Headers);
        add(&mut s, NodeKind::Queue, ExchangeKind::Direct);
        add(&mut s, NodeKind::Producer, ExchangeKind::Direct);
        add(&mut s, NodeKind::Consumer, ExchangeKind::Direct);
        crate::editor::connect::connect(&mut s, "x1", "q1").unwrap();
        s
    }

    #[test]
    fn edits_set_the_fields_they_name() {
        let s = scenario();
        let edits = [
            Edit::Queue { id: "q1".into(), field: QueueField::MessageTtl(Some(5000)) },
            Edit::Queue { id: "q1".into(), field: QueueField::Overflow("reject-publish".into()) },
            Edit::Exchange { id: "x1".into(), field: ExchangeField::Kind("topic".into()) },
            Edit::Producer { id: "p1".into(), field: ProducerField::Schedule("burst".into()) },
            Edit::Producer { id: "p1".into(), field: ProducerField::BurstCount(Some(3)) },
            Edit::Consumer { id: "c1".into(), field: ConsumerField::Outcome("never_ack".into()) },
            Edit::Binding { id: "b1".into(), field: BindingField::Key("a.#".into()) },
            Edit::Title("Mine".into()),
        ];
        let s = edits.iter().fold(s, |s, e| e.applied_to(&s).unwrap());
        assert_eq!(s.queues[0].message_ttl, Some(5000));
        assert_eq!(s.queues[0].overflow, Some(OverflowKind::RejectPublish));
        assert_eq!(s.exchanges[0].kind, ExchangeKind::Topic);
        assert_eq!(s.producers[0].schedule, Schedule::Burst { count: 3, at_ms: 0 });
        assert_eq!(s.consumers[0].outcome, Outcome::NeverAck);
        assert_eq!(s.bindings[0].routing_key, "a.#");
        assert_eq!(s.title, "Mine");
    }

    #[test]
    fn headers_keep_the_match_mode_the_scenario_holds() {
        let s = scenario();
        let s = Edit::Binding { id: "b1".into(), field: BindingField::Match("any".into()) }.applied_to(&s).unwrap();
        let s = Edit::Binding { id: "b1".into(), field: BindingField::Headers("format=pdf, n=2".into()) }
            .applied_to(&s)
            .unwrap();
        let args = &s.bindings[0].arguments;
        assert_eq!(args.get("x-match"), Some(&Value::String("any".into())));
        assert_eq!(args.get("n"), Some(&Value::from(2)));
    }

    #[test]
    fn refusals_say_why_and_change_nothing() {
        let s = scenario();
        let cases = [
            (Edit::Queue { id: "q1".into(), field: QueueField::Name("bad\u{7}".into()) }, "control character"),
            (
                Edit::Queue { id: "q1".into(), field: QueueField::Arguments("x-message-ttl=5".into()) },
                "field of its own",
            ),
            (Edit::Binding { id: "b9".into(), field: BindingField::Key("k".into()) }, "no longer exists"),
            (Edit::Consumer { id: "gone".into(), field: ConsumerField::Reply(true) }, "no longer exists"),
            (Edit::Binding { id: "b1".into(), field: BindingField::Match("some".into()) }, "x-match"),
        ];
        for (edit, why) in cases {
            let e = edit.applied_to(&s).unwrap_err().english();
            assert!(e.contains(why), "{edit:?}: {e}");
        }
    }

    #[test]
    fn a_timing_of_another_schedule_changes_nothing() {
        let s = scenario();
        let before = s.producers[0].schedule.clone();
        let s = Edit::Producer { id: "p1".into(), field: ProducerField::BurstCount(Some(9)) }.applied_to(&s).unwrap();
        assert_eq!(s.producers[0].schedule, before);
    }
}
