//! Every queue argument RabbitMQ 3.10.8 knows, listed once: which queue
//! types take it, how `queue.declare` checks it, and whether the scenario
//! has a field of its own for it (with the inspector's label). The declare
//! validation, the definitions import and export and the inspector all read
//! this table.

use super::QueueType::{self, Classic, Quorum, Stream};

/// How `queue.declare` checks an argument's value (the validators of
/// `rabbit_amqqueue:declare_args/0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgCheck {
    /// `x-expires`: a positive integer up to ten years.
    Expires,
    /// `x-message-ttl`: an integer from 0 up to ten years.
    MessageTtl,
    /// `x-dead-letter-exchange`: a string.
    DeadLetterExchange,
    /// `x-dead-letter-routing-key`: a string, only with a dead-letter exchange.
    DeadLetterRoutingKey,
    /// `x-dead-letter-strategy`: `at-most-once` or `at-least-once`.
    DeadLetterStrategy,
    /// A non-negative integer.
    NonNegInt,
    /// `x-max-priority`: 0 to 255.
    MaxPriority,
    /// `x-overflow`: `drop-head`, `reject-publish` or `reject-publish-dlx`.
    Overflow,
    /// `x-queue-mode`: `default` or `lazy`.
    QueueMode,
    /// `x-queue-version`: 1 or 2.
    QueueVersion,
    /// A boolean.
    Bool,
    /// `x-queue-type`: `classic`, `quorum` or `stream`.
    QueueType,
    /// A positive integer (`x-quorum-initial-group-size`, `x-initial-cluster-size`).
    PositiveInt,
    /// `x-max-age`: a positive number and a unit (`Y M D h m s`), e.g. `7D`.
    MaxAge,
    /// `x-queue-leader-locator`: `client-local`, `balanced` (or the
    /// deprecated `random`, `least-leaders`).
    LeaderLocator,
    /// Not checked at declare (used as it is by the queue).
    Unchecked,
}

/// One queue argument.
#[derive(Clone, Copy, Debug)]
pub struct QueueArg {
    /// The argument's name, e.g. `x-message-ttl`.
    pub key: &'static str,
    /// The queue types that take it (`queue_arguments` of each type's
    /// capabilities); declaring another type with it is refused.
    pub types: &'static [QueueType],
    /// How its value is checked.
    pub check: ArgCheck,
    /// The label of the field the scenario and the inspector have for it,
    /// or `None` when it is only an "other argument".
    pub field: Option<&'static str>,
    /// What it does, in a few words.
    pub about: &'static str,
}

const ALL: &[QueueType] = &[Classic, Quorum, Stream];
const CLASSIC: &[QueueType] = &[Classic];
const QUORUM: &[QueueType] = &[Quorum];
const STREAM: &[QueueType] = &[Stream];
const CLASSIC_QUORUM: &[QueueType] = &[Classic, Quorum];
const QUORUM_STREAM: &[QueueType] = &[Quorum, Stream];

const fn arg(
    key: &'static str,
    types: &'static [QueueType],
    check: ArgCheck,
    field: Option<&'static str>,
    about: &'static str,
) -> QueueArg {
    QueueArg { key, types, check, field, about }
}

/// Every queue argument, in the order `queue.declare` checks them
/// (`rabbit_amqqueue:declare_args/0`, then the ones without a check).
pub const QUEUE_ARGS: &[QueueArg] = &[
    arg(
        "x-expires",
        CLASSIC_QUORUM,
        ArgCheck::Expires,
        Some("Queue expiry"),
        "the queue is deleted after this long unused",
    ),
    arg("x-message-ttl", CLASSIC_QUORUM, ArgCheck::MessageTtl, Some("Message TTL"), "messages older than this expire"),
    arg(
        "x-dead-letter-exchange",
        CLASSIC_QUORUM,
        ArgCheck::DeadLetterExchange,
        Some("Dead-letter exchange"),
        "where rejected, expired and dropped messages go",
    ),
    arg(
        "x-dead-letter-routing-key",
        CLASSIC_QUORUM,
        ArgCheck::DeadLetterRoutingKey,
        Some("Dead-letter routing key"),
        "the routing key dead-lettered messages get",
    ),
    arg(
        "x-dead-letter-strategy",
        QUORUM,
        ArgCheck::DeadLetterStrategy,
        Some("Dead-letter strategy"),
        "at-most-once, or at-least-once (needs reject-publish)",
    ),
    arg("x-max-length", CLASSIC_QUORUM, ArgCheck::NonNegInt, Some("Max length"), "most ready messages"),
    arg("x-max-length-bytes", ALL, ArgCheck::NonNegInt, Some("Max length in bytes"), "most ready body bytes"),
    arg("x-max-in-memory-length", QUORUM, ArgCheck::NonNegInt, None, "messages kept in memory (no effect here)"),
    arg("x-max-in-memory-bytes", QUORUM, ArgCheck::NonNegInt, None, "bytes kept in memory (no effect here)"),
    arg("x-max-priority", CLASSIC, ArgCheck::MaxPriority, Some("Max priority"), "makes it a priority queue"),
    arg("x-overflow", CLASSIC_QUORUM, ArgCheck::Overflow, Some("When full"), "what a full queue does"),
    arg("x-queue-mode", CLASSIC, ArgCheck::QueueMode, None, "lazy keeps messages on disk (no effect here)"),
    arg("x-queue-version", CLASSIC, ArgCheck::QueueVersion, None, "classic queue storage version (no effect here)"),
    arg(
        "x-single-active-consumer",
        CLASSIC_QUORUM,
        ArgCheck::Bool,
        Some("single active consumer"),
        "only one consumer receives at a time",
    ),
    arg("x-queue-type", ALL, ArgCheck::QueueType, Some("Type"), "classic, quorum or stream"),
    arg("x-quorum-initial-group-size", QUORUM, ArgCheck::PositiveInt, None, "replicas (one node here)"),
    arg("x-max-age", STREAM, ArgCheck::MaxAge, Some("Max age"), "segments older than this are removed"),
    arg(
        "x-stream-max-segment-size-bytes",
        STREAM,
        ArgCheck::NonNegInt,
        Some("Segment size"),
        "retention removes whole segments of this size",
    ),
    arg("x-initial-cluster-size", STREAM, ArgCheck::PositiveInt, None, "replicas (one node here)"),
    arg(
        "x-queue-leader-locator",
        QUORUM_STREAM,
        ArgCheck::LeaderLocator,
        None,
        "where the leader is placed (one node here)",
    ),
    arg(
        "x-delivery-limit",
        QUORUM,
        ArgCheck::Unchecked,
        Some("Delivery limit"),
        "after this many redeliveries a message is dropped or dead-lettered",
    ),
    arg("x-queue-master-locator", CLASSIC, ArgCheck::Unchecked, None, "where the master is placed (one node here)"),
];

/// The table entry for `key`.
pub fn lookup(key: &str) -> Option<&'static QueueArg> {
    QUEUE_ARGS.iter().find(|a| a.key == key)
}

/// The arguments that have a field of their own, with its label.
pub fn fields() -> impl Iterator<Item = &'static QueueArg> {
    QUEUE_ARGS.iter().filter(|a| a.field.is_some())
}

/// True when a queue of type `t` takes argument `key` (unknown arguments
/// are taken by every type and ignored).
pub fn accepts(t: QueueType, key: &str) -> bool {
    lookup(key).is_none_or(|a| a.types.contains(&t))
}
