//! Dispatch: picking the next consumer of a queue (round robin, prefetch,
//! priorities, single active consumer) and delivering to it.

use crate::engine::broker::Broker;
use crate::engine::channel::{Channel, Unacked};
use crate::engine::event::{Event, RemovalReason};
use crate::engine::message::QueuedMessage;
use crate::engine::name_table::QueueIx;
use crate::engine::queue::Consumer;
use crate::engine::stream::StreamEntry;
use crate::engine::value::FieldValue;
use crate::engine::Message;
use std::rc::Rc;

impl Broker {
    /// The consumer that gets the next message, RabbitMQ's way: highest
    /// consumer priority first, round robin within it; a consumer at its
    /// prefetch limit is skipped and rejoins at the tail once it can take
    /// more; under single active consumer only the active one receives.
    pub(crate) fn pick_consumer(&mut self, ix: QueueIx) -> Option<usize> {
        let q = self.queues.at_mut(ix);
        if q.consumers.is_empty() {
            return None;
        }
        if q.settings.single_active_consumer {
            q.elect_active_consumer();
            let (ch, tag) = q.active.as_ref()?;
            let idx = q.consumers.iter().position(|c| c.channel == *ch && &c.tag == tag)?;
            return can_take(&q.consumers[idx], self.channels.get(ch)).then_some(idx);
        }
        loop {
            let (idx, c) = q
                .consumers
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.blocked)
                .min_by_key(|(_, c)| (std::cmp::Reverse(c.priority), c.turn))?;
            if can_take(c, self.channels.get(&c.channel)) {
                return Some(idx);
            }
            q.consumers[idx].blocked = true;
        }
    }

    /// Hands a copy to consumer `idx` of the queue at `ix`.
    pub(crate) fn deliver(&mut self, ix: QueueIx, idx: usize, copy: QueuedMessage) {
        let turn = self.new_turn();
        let q = self.queues.at_mut(ix);
        let remaining = q.ready.len();
        let incarnation = q.incarnation;
        // rabbit_fifo_client: a message a quorum queue got back carries
        // x-delivery-count.
        let message = if q.settings.is_quorum() && copy.delivery_count > 0 {
            with_header(&copy.message, "x-delivery-count", copy.delivery_count as i64)
        } else {
            copy.message.clone()
        };
        let c = &mut q.consumers[idx];
        c.turn = turn;
        let ch = self.channels.get_mut(&c.channel).expect("consumer's channel is open");
        let tag = ch.next_tag();
        let queue = &q.name;
        let event = Event::Delivered {
            queue: queue.clone(),
            copy: copy.copy,
            message,
            channel: ch.id,
            consumer: Some(c.tag.clone()),
            delivery_tag: tag,
            redelivered: copy.redelivered,
            auto_ack: c.no_ack,
            remaining,
        };
        if c.no_ack {
            self.events.push(event);
            self.events.push(Event::Removed {
                queue: queue.clone(),
                copy: copy.copy,
                reason: RemovalReason::AutoAcked,
            });
        } else {
            c.unacked += 1;
            q.unacked += 1;
            ch.unacked.insert(
                tag,
                Unacked { queue: queue.clone(), incarnation, consumer: Some(c.tag.clone()), message: copy },
            );
            self.events.push(event);
        }
    }

    /// Delivers ready messages to consumers until one side runs out (a
    /// stream: each consumer reads on from its offset while it has credit).
    pub(crate) fn dispatch_at(&mut self, ix: QueueIx) {
        if self.queues.at(ix).settings.is_stream() {
            self.dispatch_stream(ix);
            return;
        }
        self.dispatch_ready(ix);
        self.evaluate_reject_publish(ix);
    }

    fn dispatch_ready(&mut self, ix: QueueIx) {
        loop {
            self.expire_heads_at(ix);
            let q = self.queues.at(ix);
            if q.ready.is_empty() || q.consumers.is_empty() {
                return;
            }
            let Some(idx) = self.pick_consumer(ix) else { return };
            let m = self.queues.at_mut(ix).ready.pop_front().expect("not empty");
            self.deliver(ix, idx, m);
        }
    }
}

impl Broker {
    /// Stream consumers read in registration order, each from its own
    /// offset, as many messages as its prefetch (credit) allows; every
    /// delivery carries `x-stream-offset`.
    fn dispatch_stream(&mut self, ix: QueueIx) {
        for idx in 0..self.queues.at(ix).consumers.len() {
            while let Some(entry) = self.next_stream_read(ix, idx) {
                self.deliver_stream_entry(ix, idx, entry);
            }
        }
    }

    fn next_stream_read(&mut self, ix: QueueIx, idx: usize) -> Option<StreamEntry> {
        let q = self.queues.at_mut(ix);
        let log = q.stream.as_ref()?;
        let c = q.consumers.get_mut(idx)?;
        if !can_take(c, self.channels.get(&c.channel)) {
            return None;
        }
        let offset = c.stream_offset?.max(log.first_offset());
        c.stream_offset = Some(offset);
        log.get(offset).cloned()
    }

    fn deliver_stream_entry(&mut self, ix: QueueIx, idx: usize, entry: StreamEntry) {
        let copy = QueuedMessage {
            copy: self.new_copy_id(),
            message: entry.message.clone(),
            seq: entry.offset,
            expires_at: None,
            redelivered: false,
            priority: 0,
            delivery_count: 0,
        };
        let q = self.queues.at_mut(ix);
        q.consumers[idx].stream_offset = Some(entry.offset + 1);
        let offset = i64::try_from(entry.offset).unwrap_or(i64::MAX);
        let mut copy = copy;
        copy.message = with_header(&entry.message, "x-stream-offset", offset);
        self.deliver(ix, idx, copy);
    }
}

/// The message with one more header (a delivery's own copy; what the
/// queue holds is unchanged).
pub(crate) fn with_header(message: &Rc<Message>, key: &str, value: i64) -> Rc<Message> {
    let mut m = (**message).clone();
    m.properties.headers.get_or_insert_with(Default::default).insert(key, FieldValue::Int(value));
    Rc::new(m)
}

/// Whether a consumer can take one more delivery now (auto-ack, its own
/// prefetch, the channel's global prefetch).
pub(crate) fn can_take(c: &Consumer, ch: Option<&Channel>) -> bool {
    if c.no_ack {
        return true;
    }
    if c.prefetch > 0 && c.unacked >= c.prefetch {
        return false;
    }
    match ch {
        Some(ch) if ch.global_prefetch > 0 => ch.consumer_unacked() < ch.global_prefetch as usize,
        _ => true,
    }
}
