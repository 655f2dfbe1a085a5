//! The simulated clients: what each producer and consumer on the canvas is
//! doing right now (its channel, its schedule, the messages it is
//! processing).

use std::collections::VecDeque;
use std::rc::Rc;

use crate::engine::{ChannelId, Message, Name};
use crate::scenario::Schedule;

/// A producer's runtime state.
#[derive(Clone, Debug, Default)]
pub struct ProducerState {
    /// Its channel (opened on first publish, reopened after an error).
    pub channel: Option<ChannelId>,
    /// Messages published so far (numbers the `{n}` in bodies).
    pub sent: u32,
    /// When its schedule publishes next.
    pub next_at: Option<u64>,
    /// Messages left in the current burst or series.
    pub remaining: Option<u32>,
}

impl ProducerState {
    /// State for a schedule starting at virtual time `now`.
    pub fn scheduled(schedule: &Schedule, now: u64) -> Self {
        let (next_at, remaining) = match schedule {
            Schedule::Manual => (None, None),
            Schedule::Once { at_ms } => (Some((*at_ms).max(now)), Some(1)),
            Schedule::Every { start_ms, count, .. } => (Some((*start_ms).max(now)), *count),
            Schedule::Burst { count, at_ms } => (Some((*at_ms).max(now)), Some(*count)),
        };
        ProducerState { channel: None, sent: 0, next_at, remaining: remaining.filter(|_| next_at.is_some()) }
    }
}

/// A message a consumer has received and is working on (or waiting to).
#[derive(Clone, Debug)]
pub struct Job {
    /// Delivery tag on the consumer's channel.
    pub delivery_tag: u64,
    /// The message.
    pub message: Rc<Message>,
    /// Delivered before.
    pub redelivered: bool,
    /// The queue it came from.
    pub queue: Name,
    /// When processing finishes.
    pub done_at: u64,
    /// The delivery was auto-acked (nothing to settle).
    pub auto_ack: bool,
}

/// Why a consumer is not consuming.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Down {
    /// Killed from the canvas.
    Killed,
    /// Crashed after its `crash_after` deliveries.
    Crashed,
    /// Its queue does not exist in the broker.
    NoQueue,
    /// Not connected to a queue on the canvas.
    Unconnected,
    /// The broker refused basic.consume (see the node's error).
    Refused,
}

/// A consumer's runtime state.
#[derive(Clone, Debug, Default)]
pub struct ConsumerState {
    /// Its channel while consuming.
    pub channel: Option<ChannelId>,
    /// The queue it consumes from (the engine's name).
    pub queue: Option<Name>,
    /// Received messages, in order; the first is being processed.
    pub jobs: VecDeque<Job>,
    /// Deliveries received since it (re)started.
    pub received: u32,
    /// Why it is down, if it is.
    pub down: Option<Down>,
}

impl ConsumerState {
    /// When the next job finishes.
    pub fn next_done(&self) -> Option<u64> {
        self.jobs.front().map(|j| j.done_at)
    }
}
