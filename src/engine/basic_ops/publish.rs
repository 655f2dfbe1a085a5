//! basic.publish: confirms, returns, enqueueing a routed message and
//! overflow (drop-head, reject-publish), direct reply-to.

use std::rc::Rc;

use super::{parse_expiration, Publish, PublishOutcome, REPLY_TO_QUEUE};
use crate::engine::broker::{Broker, PendingDeadLetter};
use crate::engine::channel::ChannelId;
use crate::engine::error::{check_short_str, resource, AmqpError, ReplyCode};
use crate::engine::event::{DeathReason, Event, RemovalReason};
use crate::engine::message::{Message, Properties, QueuedMessage};
use crate::engine::name_table::QueueIx;
use crate::engine::queue_args::{Overflow, QueueType};
use crate::engine::queue_names::QueueNames;
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
        let exchange = self.publishable_exchange(&p.exchange)?;
        let mut properties = p.properties;
        self.resolve_reply_to(channel, &mut properties)?;
        check_properties(&properties)?;
        let extra_routing_keys = take_cc_and_bcc(&mut properties)?;
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
        let routed = route.queues.clone();
        self.emit(Event::Routed { message: id, route });
        Ok(self.enqueue_routed(channel, &message, routed, p.mandatory))
    }

    /// The shared name of the exchange a client publishes to: 404 when it
    /// does not exist, 403 when it is internal.
    fn publishable_exchange(&self, exchange: &str) -> Result<Name, AmqpError> {
        let x = self.exchanges.get(exchange).ok_or_else(|| crate::engine::error::not_found("exchange", exchange))?;
        if x.internal {
            return Err(AmqpError::new(
                ReplyCode::AccessRefused,
                format!("cannot publish to internal {}", resource("exchange", exchange)),
            ));
        }
        Ok(x.name.clone())
    }

    /// Direct reply-to: `reply_to: amq.rabbitmq.reply-to` becomes the
    /// channel's own reply key (406 without a reply consumer).
    fn resolve_reply_to(&self, channel: ChannelId, properties: &mut Properties) -> Result<(), AmqpError> {
        if properties.reply_to.as_deref() == Some(REPLY_TO_QUEUE) {
            let ch = &self.channels[&channel];
            if ch.reply_consumer.is_none() {
                return Err(AmqpError::new(ReplyCode::PreconditionFailed, "fast reply consumer does not exist"));
            }
            properties.reply_to = Some(ch.reply_to_key());
        }
        Ok(())
    }

    /// After routing: basic.return or unroutable when no queue took it,
    /// a copy offered to each queue reached (by index), and the publisher
    /// confirm.
    fn enqueue_routed(
        &mut self,
        channel: ChannelId,
        message: &Rc<Message>,
        routed: QueueNames,
        mandatory: bool,
    ) -> PublishOutcome {
        let id = message.id;
        let confirm = self.channels[&channel].confirm;
        let mut outcome = PublishOutcome { message: id, routed, returned: false, nacked: false };
        if outcome.routed.is_empty() {
            if mandatory {
                outcome.returned = true;
                self.emit(Event::Returned { message: id, channel });
            } else {
                self.emit(Event::Unroutable { message: id });
            }
        }
        // The route was just taken: its queues' indexes are valid.
        for &(_, ix) in outcome.routed.entries() {
            if !self.offer(ix, message) {
                outcome.nacked = true;
            }
        }
        if confirm {
            self.emit(Event::Confirmed { channel, message: id, ack: !outcome.nacked });
        }
        outcome
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

    /// The queue at `ix` takes a routed message (RabbitMQ's
    /// `maybe_deliver_or_enqueue`): refused when full under
    /// `reject-publish[-dlx]`, else handed to a waiting consumer or
    /// enqueued, then the head is dropped while over the limit. Returns
    /// false when refused.
    pub(crate) fn offer(&mut self, ix: QueueIx, message: &Rc<Message>) -> bool {
        if self.offer_plain(ix, message) {
            return true;
        }
        let q = self.queues.at(ix);
        if q.settings.is_stream() {
            self.append_to_stream(ix, message);
            return true;
        }
        if self.refuses_publish(q, message) {
            self.refuse(ix, message);
            return false;
        }
        let copy = self.new_copy(ix, message);
        let q = self.queues.at(ix);
        self.events.push(Event::Enqueued { queue: q.name.clone(), copy: copy.copy, message: message.clone() });
        if q.ready.is_empty() && !q.consumers.is_empty() {
            if let Some(idx) = self.pick_consumer(ix) {
                self.deliver(ix, idx, copy);
                return true;
            }
        }
        let q = self.queues.at_mut(ix);
        q.ready.push_back(copy);
        self.after_enqueue(ix);
        true
    }

    /// [`Broker::offer`] in one pass for the most common queue: a classic
    /// queue without length limits, TTL, priorities or consumers taking a
    /// message without an expiration (nothing to refuse, deliver, drop or
    /// settle; copies already there may still expire). False, having done
    /// nothing, for any other.
    #[inline]
    fn offer_plain(&mut self, ix: QueueIx, message: &Rc<Message>) -> bool {
        let q = self.queues.at_mut(ix);
        let s = &q.settings;
        let plain = s.queue_type == QueueType::Classic
            && s.max_length.is_none()
            && s.max_length_bytes.is_none()
            && s.message_ttl.is_none()
            && s.max_priority.is_none()
            && q.consumers.is_empty()
            && message.properties.expiration.is_none();
        if !plain {
            return false;
        }
        let copy = self.next_copy;
        self.next_copy += 1;
        let seq = self.next_seq;
        self.next_seq += 1;
        self.events.push(Event::Enqueued { queue: q.name.clone(), copy, message: message.clone() });
        q.ready.push_back(QueuedMessage {
            copy,
            message: message.clone(),
            seq,
            expires_at: None,
            redelivered: false,
            priority: 0,
            delivery_count: 0,
        });
        if q.ready.next_expiry().is_some_and(|t| t <= self.now) {
            self.expire_heads_at(ix);
        }
        true
    }

    /// After a copy joined the queue at `ix`: drop-head while over its
    /// limit, expire what is due at the heads, a quorum queue's
    /// reject-publish state, and settling if it has consumers. (Each step
    /// is looked at here first: most queues need none of them.)
    fn after_enqueue(&mut self, ix: QueueIx) {
        let q = self.queues.at(ix);
        let s = &q.settings;
        if s.max_length.is_some() || s.max_length_bytes.is_some() {
            self.drop_head_while_over_at(ix);
        }
        let q = self.queues.at(ix);
        if q.ready.next_expiry().is_some_and(|t| t <= self.now) {
            self.expire_heads_at(ix);
        }
        let q = self.queues.at(ix);
        if q.settings.is_quorum() {
            self.evaluate_reject_publish(ix);
        }
        // Settling delivers to the queue's consumers; without any it would
        // have nothing to do (what expires now is gone already).
        if !self.queues.at(ix).consumers.is_empty() {
            self.mark_dirty_at(ix);
        }
    }

    /// A new copy of `message` for the queue at `ix`: its expiry (the
    /// queue's TTL or the message's, whichever is shorter) and lane.
    fn new_copy(&mut self, ix: QueueIx, message: &Rc<Message>) -> QueuedMessage {
        let q = self.queues.at(ix);
        let s = &q.settings;
        let per_message = message.properties.expiration.as_deref().and_then(|e| parse_expiration(e).ok());
        let ttl = match (s.message_ttl, per_message) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let priority = if s.max_priority.is_some() { q.ready.lane_for(message.properties.priority) } else { 0 };
        let now = self.now;
        QueuedMessage {
            copy: self.new_copy_id(),
            message: message.clone(),
            seq: self.new_seq(),
            expires_at: ttl.map(|t| now.saturating_add(t)),
            redelivered: false,
            priority,
            delivery_count: 0,
        }
    }

    /// A full queue refuses a message: the nack, and under
    /// `reject-publish-dlx` a dead letter (reason `maxlen`).
    fn refuse(&mut self, ix: QueueIx, message: &Rc<Message>) {
        let q = self.queues.at(ix);
        let s = &q.settings;
        let (queue, dlx, rk) = (q.name.clone(), s.dead_letter_exchange.clone(), s.dead_letter_routing_key.clone());
        let dlx = dlx.filter(|_| s.overflow() == Overflow::RejectPublishDlx);
        self.emit(Event::Refused { queue: queue.clone(), message: message.id });
        if let Some(dlx) = dlx {
            self.dead_letters.push_back(PendingDeadLetter {
                queue,
                copy: None,
                message: message.clone(),
                reason: DeathReason::Maxlen,
                dlx,
                routing_key: rk,
            });
        }
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
    pub(crate) fn evaluate_reject_publish(&mut self, ix: QueueIx) {
        let q = self.queues.at_mut(ix);
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
    fn append_to_stream(&mut self, ix: QueueIx, message: &Rc<Message>) {
        let copy = self.new_copy_id();
        let now = self.now;
        let queue = self.queues.at(ix).name.clone();
        self.emit(Event::Enqueued { queue: queue.clone(), copy, message: message.clone() });
        let q = self.queues.at_mut(ix);
        let settings = &q.settings;
        let removed = q.stream.as_mut().map(|log| log.append(message.clone(), copy, now, settings)).unwrap_or_default();
        for e in removed {
            self.emit(Event::Removed { queue: queue.clone(), copy: e.copy, reason: RemovalReason::Retention });
        }
        self.mark_dirty_at(ix);
    }

    /// `x-overflow: drop-head`: while the queue is over `x-max-length` or
    /// `x-max-length-bytes`, drop (or dead-letter, reason `maxlen`) its head.
    pub(crate) fn drop_head_while_over(&mut self, queue: &Name) {
        if let Some(ix) = self.queues.ix(queue) {
            self.drop_head_while_over_at(ix);
        }
    }

    /// [`Broker::drop_head_while_over`] for the queue at `ix`.
    pub(crate) fn drop_head_while_over_at(&mut self, ix: QueueIx) {
        loop {
            let q = self.queues.at_mut(ix);
            let s = &q.settings;
            if (s.max_length.is_none() && s.max_length_bytes.is_none()) || s.overflow() != Overflow::DropHead {
                return;
            }
            let over = s.max_length.is_some_and(|m| q.ready.len() as u64 > m)
                || s.max_length_bytes.is_some_and(|m| q.ready.bytes() > m);
            if !over {
                return;
            }
            let Some(m) = q.ready.pop_front() else { return };
            let queue = q.name.clone();
            self.dead_letter_or_remove(&queue, m, DeathReason::Maxlen);
        }
    }
}

/// The properties a publish may not carry: an `expiration` that is not a
/// number of milliseconds, a `delivery_mode` other than 1 or 2 (406).
fn check_properties(properties: &Properties) -> Result<(), AmqpError> {
    if let Some(exp) = &properties.expiration {
        parse_expiration(exp)
            .map_err(|e| AmqpError::new(ReplyCode::PreconditionFailed, format!("invalid expiration '{exp}': {e}")))?;
    }
    if let Some(mode) = properties.delivery_mode {
        if mode != 1 && mode != 2 {
            return Err(AmqpError::new(
                ReplyCode::PreconditionFailed,
                format!("invalid message: {{delivery_mode_unknown,{mode}}}"),
            ));
        }
    }
    Ok(())
}

/// The extra routing keys of the `CC` and `BCC` headers (arrays of
/// strings; another type is a 406); `BCC` is taken out of the headers, and
/// headers left empty become none.
fn take_cc_and_bcc(properties: &mut Properties) -> Result<Vec<String>, AmqpError> {
    let mut extra_routing_keys = Vec::new();
    let Some(h) = properties.headers.as_mut() else { return Ok(extra_routing_keys) };
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
    Ok(extra_routing_keys)
}
