//! Settling deliveries: basic.ack / nack / reject / recover, and what a
//! requeue or a freed prefetch slot sets moving.

use super::{can_take, Settlement};
use crate::engine::broker::Broker;
use crate::engine::channel::{ChannelId, Unacked};
use crate::engine::error::{resource, AmqpError, ReplyCode};
use crate::engine::event::{DeathReason, Event, RemovalReason};
use crate::engine::Name;

impl Broker {
    /// basic.ack (`multiple`: every outstanding tag up to this one; tag 0
    /// with `multiple`: all).
    pub fn basic_ack(&mut self, channel: ChannelId, delivery_tag: u64, multiple: bool) -> Result<(), AmqpError> {
        self.on_channel(channel, |b| b.settle_tags(channel, delivery_tag, multiple, Settlement::Ack))
    }

    /// basic.nack.
    pub fn basic_nack(
        &mut self,
        channel: ChannelId,
        delivery_tag: u64,
        multiple: bool,
        requeue: bool,
    ) -> Result<(), AmqpError> {
        let how = if requeue { Settlement::Requeue } else { Settlement::Discard };
        self.on_channel(channel, |b| {
            b.refuse_stream_settle(channel, delivery_tag, multiple)?;
            b.settle_tags(channel, delivery_tag, multiple, how)
        })
    }

    /// basic.reject.
    pub fn basic_reject(&mut self, channel: ChannelId, delivery_tag: u64, requeue: bool) -> Result<(), AmqpError> {
        let how = if requeue { Settlement::Requeue } else { Settlement::Discard };
        self.on_channel(channel, |b| {
            b.refuse_stream_settle(channel, delivery_tag, false)?;
            b.settle_tags(channel, delivery_tag, false, how)
        })
    }

    /// basic.recover with requeue: every unacked delivery of the channel
    /// goes back to its queue. (`requeue: false` is not implemented by
    /// RabbitMQ either: 540.)
    pub fn basic_recover(&mut self, channel: ChannelId, requeue: bool) -> Result<(), AmqpError> {
        self.on_channel(channel, |b| {
            if !requeue {
                return Err(AmqpError::new(ReplyCode::NotImplemented, "requeue=false"));
            }
            b.settle_tags(channel, 0, true, Settlement::Requeue)
        })
    }

    pub(crate) fn settle_tags(
        &mut self,
        channel: ChannelId,
        tag: u64,
        multiple: bool,
        how: Settlement,
    ) -> Result<(), AmqpError> {
        let ch = self.channels.get_mut(&channel).expect("open");
        if !multiple {
            // One tag (the common case): the same steps as below without
            // the lists.
            let Some(u) = ch.unacked.remove(&tag) else {
                return Err(AmqpError::new(ReplyCode::PreconditionFailed, format!("unknown delivery tag {tag}")));
            };
            let queue = u.queue.clone();
            self.settle_one(channel, tag, u, how);
            if how == Settlement::Requeue {
                self.after_requeue(&queue);
            }
            self.mark_dirty(&queue);
            self.unblock_consumers(channel);
            return Ok(());
        }
        let tags: Vec<u64> = if multiple && tag == 0 {
            ch.unacked.keys().copied().collect()
        } else if !ch.unacked.contains_key(&tag) {
            return Err(AmqpError::new(ReplyCode::PreconditionFailed, format!("unknown delivery tag {tag}")));
        } else if multiple {
            ch.unacked.range(..=tag).map(|(t, _)| *t).collect()
        } else {
            vec![tag]
        };
        let entries: Vec<(u64, Unacked)> =
            tags.into_iter().filter_map(|t| ch.unacked.remove(&t).map(|u| (t, u))).collect();
        let mut touched: Vec<Name> = Vec::new();
        for (t, u) in entries {
            if !touched.contains(&u.queue) {
                touched.push(u.queue.clone());
            }
            self.settle_one(channel, t, u, how);
        }
        for q in touched {
            if how == Settlement::Requeue {
                self.after_requeue(&q);
            }
            self.mark_dirty(&q);
        }
        self.unblock_consumers(channel);
        Ok(())
    }

    /// Settles one delivery that was already taken off its channel.
    pub(crate) fn settle_one(&mut self, channel: ChannelId, tag: u64, u: Unacked, how: Settlement) {
        let Some(q) = self.queues.get_mut(&u.queue).filter(|q| q.incarnation == u.incarnation) else {
            return; // its queue is gone, and the copy with it
        };
        q.unacked -= 1;
        if let Some(ctag) = &u.consumer {
            if let Some(c) = q.consumers.iter_mut().find(|c| c.channel == channel && &c.tag == ctag) {
                c.unacked -= 1;
            }
        }
        let mut m = u.message;
        if q.settings.is_stream() {
            // A stream keeps its messages: an ack (or a closed channel)
            // only gives the consumer its credit back.
            self.emit(Event::Removed { queue: u.queue, copy: m.copy, reason: RemovalReason::StreamRead });
            return;
        }
        match how {
            Settlement::Ack => {
                self.emit(Event::Removed { queue: u.queue, copy: m.copy, reason: RemovalReason::Acked });
            }
            Settlement::Requeue | Settlement::ConsumerGone => {
                m.redelivered = true;
                if q.settings.is_quorum() {
                    // rabbit_fifo return_one: every return counts; past
                    // x-delivery-limit the message is dead-lettered.
                    m.delivery_count += 1;
                    if q.settings.delivery_limit.is_some_and(|limit| m.delivery_count as i64 > limit) {
                        self.dead_letter_or_remove(&u.queue, m, DeathReason::DeliveryLimit);
                        return;
                    }
                }
                let copy = m.copy;
                let delivery_count = q.settings.is_quorum().then_some((m.delivery_count, q.settings.delivery_limit));
                q.ready.requeue(m, how == Settlement::ConsumerGone);
                self.emit(Event::Requeued { queue: u.queue, copy, channel, delivery_tag: tag, delivery_count });
            }
            Settlement::Discard => self.dead_letter_or_remove(&u.queue, m, DeathReason::Rejected),
        }
    }

    /// basic.nack / basic.reject on a stream's delivery: RabbitMQ does not
    /// implement them (540, the connection closes).
    pub(crate) fn refuse_stream_settle(&self, channel: ChannelId, tag: u64, multiple: bool) -> Result<(), AmqpError> {
        let ch = &self.channels[&channel];
        let mut targets = ch.unacked.iter().filter(|(t, _)| if multiple { tag == 0 || **t <= tag } else { **t == tag });
        let Some((_, u)) = targets.find(|(_, u)| self.queues.get(&u.queue).is_some_and(|q| q.settings.is_stream()))
        else {
            return Ok(());
        };
        Err(AmqpError::new(
            ReplyCode::NotImplemented,
            format!("basic.nack and basic.reject not supported by stream queues {}", resource("queue", &u.queue)),
        ))
    }

    /// After copies went back to a queue: drop-head if it is now over its
    /// limit, and deliver again.
    pub(crate) fn after_requeue(&mut self, queue: &Name) {
        self.drop_head_while_over(queue);
        if self.queues.contains_key(queue) {
            self.mark_dirty(queue);
        }
    }

    /// Consumers of a channel that were skipped at their limit and can take
    /// messages again rejoin the round robin at the tail, in the order they
    /// were skipped (`rabbit_queue_consumers:unblock`).
    pub(crate) fn unblock_consumers(&mut self, channel: ChannelId) {
        let Some(ch) = self.channels.get(&channel) else { return };
        let mut ready: Vec<(u64, String, Name)> = Vec::new();
        for (tag, queue) in &ch.consumers {
            let Some(q) = self.queues.get(queue) else { continue };
            if let Some(c) = q.consumers.iter().find(|c| c.channel == channel && *c.tag == **tag) {
                if c.blocked && can_take(c, Some(ch)) {
                    ready.push((c.turn, tag.clone(), queue.clone()));
                }
            }
        }
        ready.sort();
        for (_, tag, queue) in ready {
            let turn = self.new_turn();
            let q = self.queues.get_mut(&queue).expect("checked above");
            let c = q.consumers.iter_mut().find(|c| c.channel == channel && *c.tag == *tag).expect("checked above");
            c.blocked = false;
            c.turn = turn;
            self.mark_dirty(&queue);
        }
    }
}
