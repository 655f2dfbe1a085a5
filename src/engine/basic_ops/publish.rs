//! basic.publish: confirms, returns, enqueueing a routed message and
//! overflow (drop-head, reject-publish), direct reply-to.

use std::rc::Rc;

use super::{parse_expiration, Publish, PublishOutcome, REPLY_TO_QUEUE};
use crate::engine::broker::{Broker, PendingDeadLetter};
use crate::engine::channel::ChannelId;
use crate::engine::error::{check_short_str, resource, AmqpError, ReplyCode};
use crate::engine::event::{DeathReason, Event, RemovalReason};
use crate::engine::message::{Message, QueuedMessage};
use crate::engine::queue_args::Overflow;
use crate::engine::value::FieldValue;
use crate::engine::Name;

impl Broker {
    /// basic.publish (with the channel's confirm mode deciding whether a
    /// Confirmed event follows).
    pub fn basic_publish(&mut self, channel: ChannelId, p: Publish) -> Result<PublishOutcome, AmqpError> {
        self.on_channel(channel, |b| b.publish_inner(channel, p))
    }

    pub(crate) fn publish_inner(&mut self, channel: ChannelId, p: Publish) -> Result<PublishOutcome, AmqpError> {
        check_short_str("exchange name", &p.exchange)?;
        check_short_str("routing key", &p.routing_key)?;
        let x = self
            .exchanges
            .get(p.exchange.as_str())
            .ok_or_else(|| crate::engine::error::not_found("exchange", &p.exchange))?;
        if x.internal {
            return Err(AmqpError::new(
                ReplyCode::AccessRefused,
                format!("cannot publish to internal {}", resource("exchange", &p.exchange)),
            ));
        }
        let exchange = x.name.clone();
        let mut properties = p.properties;
        if properties.reply_to.as_deref() == Some(REPLY_TO_QUEUE) {
            let ch = &self.channels[&channel];
            if ch.reply_consumer.is_none() {
                return Err(AmqpError::new(ReplyCode::PreconditionFailed, "fast reply consumer does not exist"));
            }
            properties.reply_to = Some(ch.reply_to_key());
        }
        if let Some(exp) = &properties.expiration {
            parse_expiration(exp).map_err(|e| {
                AmqpError::new(ReplyCode::PreconditionFailed, format!("invalid expiration '{exp}': {e}"))
            })?;
        }
        if let Some(mode) = properties.delivery_mode {
            if mode != 1 && mode != 2 {
                return Err(AmqpError::new(
                    ReplyCode::PreconditionFailed,
                    format!("invalid message: {{delivery_mode_unknown,{mode}}}"),
                ));
            }
        }
        let mut extra_routing_keys = Vec::new();
        if let Some(h) = properties.headers.as_mut() {
            for key in ["CC", "BCC"] {
                match h.get(key) {
                    None => {}
                    Some(FieldValue::Array(items)) => {
                        extra_routing_keys.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string)))
                    }
                    Some(v) => {
                        return Err(AmqpError::new(
                            ReplyCode::PreconditionFailed,
                            format!("invalid message: {{unacceptable_type_in_header,\"{key}\",{}}}", v.type_name()),
                        ))
                    }
                }
            }
            h.remove("BCC");
            if h.is_empty() {
                properties.headers = None;
            }
        }
        let id = self.new_message_id();
        let message = Rc::new(Message {
            id,
            exchange: exchange.clone(),
            routing_key: p.routing_key,
            extra_routing_keys,
            properties,
            body: Rc::from(p.body),
        });
        self.emit(Event::Published { message: message.clone(), channel: Some(channel), mandatory: p.mandatory });
        let route = self.route_message(&exchange, &message);
        let queues = route.queues.clone();
        self.emit(Event::Routed { message: id, route });
        let confirm = self.channels[&channel].confirm;
        let mut outcome = PublishOutcome { message: id, routed: queues.clone(), returned: false, nacked: false };
        if queues.is_empty() {
            if p.mandatory {
                outcome.returned = true;
                self.emit(Event::Returned { message: id, channel });
            } else {
                self.emit(Event::Unroutable { message: id });
            }
        }
        for q in &queues {
            if !self.offer(q, &message) {
                outcome.nacked = true;
            }
        }
        if confirm {
            self.emit(Event::Confirmed { channel, message: id, ack: !outcome.nacked });
        }
        Ok(outcome)
    }

    pub(crate) fn deliver_reply(&mut self, key: &str, message: &Rc<Message>) {
        let Some(ch) = self.channels.values_mut().find(|c| c.reply_consumer.is_some() && c.reply_to_key() == key)
        else {
            return;
        };
        let tag = ch.next_tag();
        let channel = ch.id;
        let consumer = ch.reply_consumer.as_deref().map(Rc::from);
        let copy = self.new_copy_id();
        self.emit(Event::Delivered {
            queue: Rc::from(REPLY_TO_QUEUE),
            copy,
            message: message.clone(),
            channel,
            consumer,
            delivery_tag: tag,
            redelivered: false,
            auto_ack: true,
            remaining: 0,
        });
    }

    /// A queue takes a routed message (RabbitMQ's
    /// `maybe_deliver_or_enqueue`): refused when full under
    /// `reject-publish[-dlx]`, else handed to a waiting consumer or
    /// enqueued, then the head is dropped while over the limit. Returns
    /// false when refused.
    pub(crate) fn offer(&mut self, queue: &Name, message: &Rc<Message>) -> bool {
        let now = self.now;
        let Some(q) = self.queues.get(queue) else { return true };
        if q.settings.is_stream() {
            self.append_to_stream(queue, message);
            return true;
        }
        let s = &q.settings;
        let overflow = s.overflow();
        if self.refuses_publish(q, message) {
            let (dlx, rk) = (s.dead_letter_exchange.clone(), s.dead_letter_routing_key.clone());
            self.emit(Event::Refused { queue: queue.clone(), message: message.id });
            if overflow == Overflow::RejectPublishDlx {
                if let Some(dlx) = dlx {
                    self.dead_letters.push_back(PendingDeadLetter {
                        queue: queue.clone(),
                        copy: None,
                        message: message.clone(),
                        reason: DeathReason::Maxlen,
                        dlx,
                        routing_key: rk,
                    });
                }
            }
            return false;
        }
        let s = &q.settings;
        let per_message = message.properties.expiration.as_deref().and_then(|e| parse_expiration(e).ok());
        let ttl = match (s.message_ttl, per_message) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let priority = if s.max_priority.is_some() { q.ready.lane_for(message.properties.priority) } else { 0 };
        let copy = QueuedMessage {
            copy: self.new_copy_id(),
            message: message.clone(),
            seq: self.new_seq(),
            expires_at: ttl.map(|t| now.saturating_add(t)),
            redelivered: false,
            priority,
            delivery_count: 0,
        };
        self.emit(Event::Enqueued { queue: queue.clone(), copy: copy.copy, message: message.clone() });
        let empty = self.queues[queue].ready.is_empty();
        if empty {
            if let Some(idx) = self.pick_consumer(queue) {
                self.deliver(queue, idx, copy);
                return true;
            }
        }
        self.queues.get_mut(queue).expect("exists").ready.push_back(copy);
        self.drop_head_while_over(queue);
        self.expire_heads(queue);
        self.evaluate_reject_publish(queue);
        self.dirty.insert(queue.clone());
        true
    }

    /// Whether a full queue refuses this message under `reject-publish[-dlx]`.
    /// A classic queue refuses a message that would take it over its
    /// limit; a quorum queue takes messages until it is over the limit and
    /// then refuses them until it is back under 80% of it.
    fn refuses_publish(&self, q: &crate::engine::queue::Queue, message: &Message) -> bool {
        let s = &q.settings;
        match s.overflow() {
            Overflow::DropHead => false,
            _ if s.is_quorum() => q.reject_publish,
            _ => {
                s.max_length.is_some_and(|m| q.ready.len() as u64 + 1 > m)
                    || s.max_length_bytes.is_some_and(|m| q.ready.bytes() + message.size() > m)
            }
        }
    }

    /// A quorum queue under `reject-publish` (`rabbit_fifo:evaluate_limit`):
    /// over its limit it starts refusing publishes; at or under 80% of the
    /// limit it takes them again.
    pub(crate) fn evaluate_reject_publish(&mut self, queue: &Name) {
        let Some(q) = self.queues.get_mut(queue) else { return };
        let s = &q.settings;
        if !s.is_quorum() || s.overflow() != Overflow::RejectPublish {
            return;
        }
        let (len, bytes) = (q.ready.len() as u64, q.ready.bytes());
        let over = s.max_length.is_some_and(|m| len > m) || s.max_length_bytes.is_some_and(|m| bytes > m);
        let below_soft = s.max_length.is_none_or(|m| len <= (m as f64 * 0.8) as u64)
            && s.max_length_bytes.is_none_or(|m| bytes <= (m as f64 * 0.8) as u64);
        if over {
            q.reject_publish = true;
        } else if q.reject_publish && below_soft {
            q.reject_publish = false;
        }
    }

    /// A stream appends the message to its log (retention may remove old
    /// segments) and its consumers read it from there.
    fn append_to_stream(&mut self, queue: &Name, message: &Rc<Message>) {
        let copy = self.new_copy_id();
        let now = self.now;
        self.emit(Event::Enqueued { queue: queue.clone(), copy, message: message.clone() });
        let q = self.queues.get_mut(queue).expect("exists");
        let settings = &q.settings;
        let removed = q.stream.as_mut().map(|log| log.append(message.clone(), copy, now, settings)).unwrap_or_default();
        for e in removed {
            self.emit(Event::Removed { queue: queue.clone(), copy: e.copy, reason: RemovalReason::Retention });
        }
        self.dirty.insert(queue.clone());
    }

    /// `x-overflow: drop-head`: while the queue is over `x-max-length` or
    /// `x-max-length-bytes`, drop (or dead-letter, reason `maxlen`) its head.
    pub(crate) fn drop_head_while_over(&mut self, queue: &Name) {
        loop {
            let Some(q) = self.queues.get_mut(queue) else { return };
            let s = &q.settings;
            if s.overflow() != Overflow::DropHead {
                return;
            }
            let over = s.max_length.is_some_and(|m| q.ready.len() as u64 > m)
                || s.max_length_bytes.is_some_and(|m| q.ready.bytes() > m);
            if !over {
                return;
            }
            let Some(m) = q.ready.pop_front() else { return };
            self.dead_letter_or_remove(queue, m, DeathReason::Maxlen);
        }
    }
}
