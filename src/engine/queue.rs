//! Queues: their ready messages (in order, by priority), their consumers in
//! round-robin order, and the settings from their arguments.

use std::collections::VecDeque;

use super::channel::{ChannelId, ConnectionId};
use super::message::QueuedMessage;
use super::queue_args::QueueSettings;
use super::stream::StreamLog;
use super::value::FieldTable;
use super::Name;

/// Ready messages in delivery order. A priority queue keeps one lane per
/// priority (highest delivered first, FIFO within a lane); any other queue
/// has one lane. In a classic queue requeued copies go back to their
/// original position (by `seq`). A quorum queue (as RabbitMQ 3.10.8 does)
/// puts a nacked or rejected copy at the tail, and the copies of a consumer
/// that went away (channel or connection closed) in a lane of returns of
/// their own, delivered before the other messages in the order they came
/// back.
#[derive(Clone, Debug, Default)]
pub struct ReadyMessages {
    lanes: Vec<VecDeque<QueuedMessage>>,
    len: usize,
    bytes: u64,
    /// How many have an expiry (none: nothing to look for at the heads).
    expiring: usize,
    returns_lane: bool,
}

impl ReadyMessages {
    /// Ready messages for a classic queue with `max_priority` (None: one lane).
    pub fn new(max_priority: Option<u8>) -> Self {
        let lanes = max_priority.map(|p| p as usize + 1).unwrap_or(1);
        ReadyMessages {
            lanes: (0..lanes).map(|_| VecDeque::new()).collect(),
            len: 0,
            bytes: 0,
            expiring: 0,
            returns_lane: false,
        }
    }

    /// Ready messages for a queue with these settings.
    pub fn for_settings(settings: &QueueSettings) -> Self {
        if settings.is_quorum() {
            ReadyMessages {
                lanes: vec![VecDeque::new(), VecDeque::new()],
                len: 0,
                bytes: 0,
                expiring: 0,
                returns_lane: true,
            }
        } else {
            ReadyMessages::new(settings.max_priority)
        }
    }

    /// Number of ready messages.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no message is ready.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Total body bytes of the ready messages.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The lane for a message priority (clamped to the queue's maximum).
    pub fn lane_for(&self, priority: Option<u8>) -> u8 {
        let max = (self.lanes.len() - 1) as u8;
        priority.unwrap_or(0).min(max)
    }

    /// Counts a copy coming in.
    fn count_in(&mut self, m: &QueuedMessage) {
        self.len += 1;
        self.bytes += m.message.size();
        self.expiring += usize::from(m.expires_at.is_some());
    }

    /// Counts a copy going out.
    fn count_out(&mut self, m: &QueuedMessage) {
        self.len -= 1;
        self.bytes -= m.message.size();
        self.expiring -= usize::from(m.expires_at.is_some());
    }

    /// Appends a newly enqueued copy.
    pub fn push_back(&mut self, m: QueuedMessage) {
        self.count_in(&m);
        let top = if self.returns_lane { 0 } else { self.lanes.len() - 1 };
        let lane = (m.priority as usize).min(top);
        self.lanes[lane].push_back(m);
    }

    /// Puts a requeued copy back: at its original position, or (quorum
    /// queue) at the tail when nacked or rejected, at the end of the
    /// returns when its consumer went away.
    pub fn requeue(&mut self, m: QueuedMessage, consumer_gone: bool) {
        self.count_in(&m);
        let last = self.lanes.len() - 1;
        if self.returns_lane {
            self.lanes[if consumer_gone { 1 } else { 0 }].push_back(m);
            return;
        }
        let lane = &mut self.lanes[(m.priority as usize).min(last)];
        let at = lane.partition_point(|x| x.seq < m.seq);
        lane.insert(at, m);
    }

    /// The next copy to deliver.
    pub fn front(&self) -> Option<&QueuedMessage> {
        self.lanes.iter().rev().find_map(|l| l.front())
    }

    /// Takes the next copy to deliver.
    pub fn pop_front(&mut self) -> Option<QueuedMessage> {
        let lane = self.lanes.iter_mut().rev().find(|l| !l.is_empty())?;
        let m = lane.pop_front()?;
        self.count_out(&m);
        Some(m)
    }

    /// Takes the head of each lane while `expired` holds for it (RabbitMQ
    /// removes expired messages only at the head).
    pub fn pop_expired(&mut self, mut expired: impl FnMut(&QueuedMessage) -> bool) -> Vec<QueuedMessage> {
        let mut out = Vec::new();
        for lane in self.lanes.iter_mut().rev() {
            while lane.front().is_some_and(&mut expired) {
                out.push(lane.pop_front().expect("front exists"));
            }
        }
        out.iter().for_each(|m| self.count_out(m));
        out
    }

    /// The earliest expiry among the lane heads.
    #[inline]
    pub fn next_expiry(&self) -> Option<u64> {
        if self.expiring == 0 {
            return None;
        }
        self.lanes.iter().filter_map(|l| l.front()?.expires_at).min()
    }

    /// Removes every ready copy.
    pub fn drain_all(&mut self) -> Vec<QueuedMessage> {
        self.drain().collect()
    }

    /// Removes every ready copy, giving them in delivery order.
    pub fn drain(&mut self) -> impl Iterator<Item = QueuedMessage> + '_ {
        self.len = 0;
        self.bytes = 0;
        self.expiring = 0;
        self.lanes.iter_mut().rev().flat_map(|lane| lane.drain(..))
    }

    /// Removes every ready copy, showing each to `f` first, in delivery
    /// order (then dropping them all at once: cheaper than
    /// [`ReadyMessages::drain`] when the copies are not kept).
    pub fn clear_each(&mut self, mut f: impl FnMut(&QueuedMessage)) {
        self.len = 0;
        self.bytes = 0;
        self.expiring = 0;
        for lane in self.lanes.iter_mut().rev() {
            let (front, back) = lane.as_slices();
            front.iter().chain(back).for_each(&mut f);
            lane.clear();
        }
    }

    /// Ready copies in delivery order.
    pub fn iter(&self) -> impl Iterator<Item = &QueuedMessage> {
        self.lanes.iter().rev().flat_map(|l| l.iter())
    }

    /// Keeps only the copies for which `keep` holds (broker restart).
    pub fn retain(&mut self, mut keep: impl FnMut(&QueuedMessage) -> bool) {
        for lane in &mut self.lanes {
            lane.retain(&mut keep);
        }
        self.len = self.lanes.iter().map(|l| l.len()).sum();
        self.bytes = self.lanes.iter().flat_map(|l| l.iter()).map(|m| m.message.size()).sum();
        self.expiring = self.lanes.iter().flat_map(|l| l.iter()).filter(|m| m.expires_at.is_some()).count();
    }
}

/// A consumer registered on a queue (basic.consume).
#[derive(Clone, Debug)]
pub struct Consumer {
    /// Consumer tag, unique on its channel.
    pub tag: Name,
    /// The channel it consumes on.
    pub channel: ChannelId,
    /// Auto-ack: deliveries need no ack and ignore prefetch.
    pub no_ack: bool,
    /// Exclusive consumer: no other consumer may join.
    pub exclusive: bool,
    /// Consumer priority (`x-priority`), higher served first.
    pub priority: i64,
    /// Per-consumer prefetch limit (0 = unlimited), from basic.qos at
    /// consume time.
    pub prefetch: u32,
    /// Deliveries to this consumer not yet settled.
    pub unacked: u32,
    /// Position in the round robin: lower goes first (within a priority).
    pub(crate) turn: u64,
    /// Skipped because it was at its limit; rejoins at the tail when it
    /// can take messages again.
    pub(crate) blocked: bool,
    /// Registration order (single active consumer picks the earliest).
    pub(crate) registered: u64,
    /// Consumer arguments.
    pub arguments: FieldTable,
    /// A stream consumer: the offset it reads next.
    pub stream_offset: Option<u64>,
}

/// A queue.
#[derive(Clone, Debug)]
pub struct Queue {
    /// Its name.
    pub name: Name,
    /// An id that changes when a queue of the same name is recreated.
    pub(crate) incarnation: u64,
    /// Survives a broker restart (with its persistent messages).
    pub durable: bool,
    /// The connection that owns it, for exclusive queues.
    pub exclusive_owner: Option<ConnectionId>,
    /// Deleted when its last consumer goes (if it ever had one).
    pub auto_delete: bool,
    /// The broker chose its name (`amq.gen-...`).
    pub server_named: bool,
    /// Declared arguments.
    pub arguments: FieldTable,
    /// Settings parsed from the arguments.
    pub settings: QueueSettings,
    /// Ready messages (always none in a stream).
    pub ready: ReadyMessages,
    /// A stream's log (None for classic and quorum queues).
    pub stream: Option<StreamLog>,
    /// A quorum queue under `reject-publish` that went over its limit
    /// refuses publishes until it is back under 80% of it (`rabbit_fifo`'s
    /// `reject_publish` queue status).
    pub reject_publish: bool,
    /// Copies delivered to consumers (or basic.get with ack) and not yet
    /// settled.
    pub unacked: u64,
    /// Consumers, in registration order.
    pub consumers: Vec<Consumer>,
    /// Single active consumer: the (channel, tag) of the active one. It
    /// stays active until it goes, even if a higher-priority one joins.
    pub(crate) active: Option<(ChannelId, Name)>,
    /// Had at least one consumer (auto-delete only deletes such queues).
    pub(crate) had_consumer: bool,
    /// Virtual time of the last use (declare, get, consumer leaving), for
    /// `x-expires`.
    pub(crate) last_used: u64,
}

impl Queue {
    /// True when exclusive to a connection.
    pub fn is_exclusive(&self) -> bool {
        self.exclusive_owner.is_some()
    }

    /// The message count queue.declare-ok reports: ready messages, or the
    /// messages a stream holds.
    pub fn message_count(&self) -> u64 {
        match &self.stream {
            Some(log) => log.len() as u64,
            None => self.ready.len() as u64,
        }
    }

    /// Number of consumers.
    pub fn consumer_count(&self) -> usize {
        self.consumers.len()
    }

    /// The consumer that receives under single active consumer, if the
    /// queue uses it.
    pub fn active_consumer(&self) -> Option<&Consumer> {
        let (ch, tag) = self.active.as_ref()?;
        self.consumers.iter().find(|c| c.channel == *ch && c.tag == *tag)
    }

    /// Single active consumer: after the active consumer left, the next one
    /// is the head of the consumer list (highest consumer priority, then
    /// earliest registered), as `rabbit_queue_consumers:get_consumer`.
    pub(crate) fn elect_active_consumer(&mut self) {
        if !self.settings.single_active_consumer || self.active_consumer().is_some() {
            return;
        }
        self.active = self
            .consumers
            .iter()
            .min_by_key(|c| (std::cmp::Reverse(c.priority), c.registered))
            .map(|c| (c.channel, c.tag.clone()));
    }

    /// When this queue is due to be deleted by `x-expires`, if it is unused.
    pub fn expires_at(&self) -> Option<u64> {
        let ttl = self.settings.expires?;
        if self.consumers.is_empty() {
            Some(self.last_used.saturating_add(ttl))
        } else {
            None
        }
    }
}
