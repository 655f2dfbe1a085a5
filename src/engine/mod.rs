//! The broker engine: a deterministic model of RabbitMQ 3.10.8 (one virtual
//! host, AMQP 0-9-1 semantics).
//!
//! Pure Rust with no web dependency, no wall clock and no global randomness:
//! the same commands always produce the same events. Commands are methods on
//! [`Broker`] named after their AMQP methods (`queue_declare`,
//! `basic_publish`, `basic_ack`, ...); every state change is reported as an
//! [`Event`], taken with [`Broker::take_events`]. Virtual time moves only by
//! [`Broker::advance`].
//!
//! Module map:
//! - [`broker`]: the broker state, connections and channels, time, restart;
//!   the AMQP classes live in [`exchange_ops`], [`queue_ops`] and
//!   [`basic_ops`] (publish, route, deliver, settle).
//! - [`exchange`], [`topic`], [`headers`]: exchange types and matching;
//!   `binding_index`: binding slots and queues in name order, so routing
//!   costs what it matches; [`queue_names`]: a route's queues as ranks in
//!   that order.
//! - `name_table`: the broker's queues and exchanges by index (what the
//!   hot paths carry), by name and in name order.
//! - [`queue`], [`queue_args`]: queues, their ready messages and consumers;
//!   the queue types (classic, quorum, stream) and the table of arguments.
//! - [`stream`]: a stream's log, offsets and retention by segment.
//! - [`dead_letter`]: `x-death` and the cycle rule.
//! - [`value`], [`message`], [`error`], [`event`], [`channel`]: the data.
//! - [`explain`]: why a message would or would not be routed.

pub mod basic_ops;
pub(crate) mod binding_index;
pub mod broker;
pub mod channel;
pub mod dead_letter;
pub mod error;
pub mod event;
pub mod exchange;
pub mod exchange_ops;
pub mod explain;
pub mod headers;
pub mod message;
pub(crate) mod name_table;
pub mod queue;
pub mod queue_args;
pub mod queue_names;
pub mod queue_ops;
pub mod rng;
pub mod stream;
pub mod topic;
pub mod value;

/// A name (exchange, queue): cheap to clone and share with events.
pub type Name = std::rc::Rc<str>;

pub use basic_ops::{ConsumeOptions, GetOk, Publish, PublishOutcome};
pub use binding_index::MatchedBindings;
pub use broker::Broker;
pub use channel::{Channel, ChannelId, Connection, ConnectionId};
pub use error::{AmqpError, ReplyCode};
pub use event::{DeadLetterDrop, DeathReason, Event, QueueDeletion, RemovalReason, Route, RouteHop};
pub use exchange::{Binding, Destination, Exchange, ExchangeType};
pub use exchange_ops::ExchangeDeclare;
pub use explain::{BindingVerdict, HopExplanation, RouteExplanation, RouteSnapshot};
pub use message::{CopyId, Message, MessageId, Properties, QueuedMessage};
pub use queue::{Consumer, Queue};
pub use queue_args::{Overflow, QueueType, StreamOffset};
pub use queue_names::QueueNames;
pub use queue_ops::{QueueDeclare, QueueDeclareOk};
pub use value::{FieldTable, FieldValue};
