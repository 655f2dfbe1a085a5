//! The basic class: basic.publish (routing, enqueueing, overflow, returns
//! and confirms), basic.consume / cancel, dispatch to consumers (round
//! robin, prefetch, priorities, single active consumer), basic.get,
//! basic.ack / nack / reject / recover and basic.qos; and dead lettering.

use std::rc::Rc;

use rustc_hash::FxHashSet;

use super::broker::{Broker, PendingDeadLetter};
use super::channel::{Channel, ChannelId, Unacked};
use super::dead_letter;
use super::error::{check_short_str, resource, AmqpError, ReplyCode};
use super::event::{DeathReason, Event, RemovalReason, Route, RouteHop};
use super::exchange::{Binding, Destination, Exchange, ExchangeType};
use super::message::{CopyId, Message, MessageId, Properties, QueuedMessage};
use super::queue::Consumer;
use super::queue_args::{Overflow, MAX_EXPIRY_MS};
use super::value::{FieldTable, FieldValue};
use super::Name;

/// The pseudo-queue of direct reply-to.
pub const REPLY_TO_QUEUE: &str = "amq.rabbitmq.reply-to";

/// basic.publish's fields and the message content.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Publish {
    /// Target exchange (`""`: the default exchange).
    pub exchange: String,
    /// Routing key.
    pub routing_key: String,
    /// Return the message (basic.return) if no queue receives it.
    pub mandatory: bool,
    /// Properties.
    pub properties: Properties,
    /// Body.
    pub body: String,
}

/// What happened to a publish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishOutcome {
    /// The message's id (events refer to it).
    pub message: MessageId,
    /// Queues that received a copy (or refused it), by name.
    pub routed: Vec<Name>,
    /// Mandatory and unroutable: basic.return 312 NO_ROUTE.
    pub returned: bool,
    /// A queue refused it (publisher confirm nack).
    pub nacked: bool,
}

/// basic.consume's fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsumeOptions {
    /// Queue to consume from.
    pub queue: String,
    /// Consumer tag (`""`: the broker makes one up).
    pub consumer_tag: String,
    /// Auto-ack: deliveries need no acknowledgement.
    pub no_ack: bool,
    /// Exclusive consumer.
    pub exclusive: bool,
    /// Arguments (`x-priority`).
    pub arguments: FieldTable,
}

/// basic.get-ok.
#[derive(Clone, Debug, PartialEq)]
pub struct GetOk {
    /// Delivery tag on the channel.
    pub delivery_tag: u64,
    /// The copy's id.
    pub copy: CopyId,
    /// The message.
    pub message: Rc<Message>,
    /// Delivered before.
    pub redelivered: bool,
    /// Ready messages left in the queue.
    pub message_count: u64,
}

/// How a delivery is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Settlement {
    /// basic.ack.
    Ack,
    /// Back to the queue (nack/reject with requeue, channel closed).
    Requeue,
    /// Rejected without requeue: dead-lettered or discarded.
    Discard,
}

/// Parses an `expiration` property as RabbitMQ does (Erlang's
/// `string:to_integer`, then 0 to ten years).
pub fn parse_expiration(s: &str) -> Result<u64, String> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = digits.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(digits.len());
    if end == 0 {
        return Err("no_integer".into());
    }
    if end < digits.len() {
        return Err(format!("{{leftover_string,\"{}\"}}", &digits[end..]));
    }
    let value: i128 = digits[..end].parse::<i128>().unwrap_or(i128::MAX);
    let value = if negative { -value } else { value };
    if value < 0 {
        return Err(format!("{{value_negative,{value}}}"));
    }
    if value > MAX_EXPIRY_MS as i128 {
        // rabbit_misc:check_expiry (rabbitmq-server#4836, backported to
        // 3.10.x): {error, {value_too_large, N}}.
        return Err(format!("{{value_too_large,{value}}}"));
    }
    Ok(value as u64)
}

fn can_take(c: &Consumer, ch: Option<&Channel>) -> bool {
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

impl Broker {
    // ----- publishing --------------------------------------------------------

    /// basic.publish (with the channel's confirm mode deciding whether a
    /// Confirmed event follows).
    pub fn basic_publish(&mut self, channel: ChannelId, p: Publish) -> Result<PublishOutcome, AmqpError> {
        self.on_channel(channel, |b| b.publish_inner(channel, p))
    }

    fn publish_inner(&mut self, channel: ChannelId, p: Publish) -> Result<PublishOutcome, AmqpError> {
        check_short_str("exchange name", &p.exchange)?;
        check_short_str("routing key", &p.routing_key)?;
        let x =
            self.exchanges.get(p.exchange.as_str()).ok_or_else(|| super::error::not_found("exchange", &p.exchange))?;
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

    /// Routes a message from `exchange` (without publishing it): the
    /// exchanges visited, the bindings that matched and the queues reached.
    pub fn route(&self, exchange: &str, routing_key: &str, headers: Option<&FieldTable>) -> Route {
        let Some((name, x)) = self.exchanges.get_key_value(exchange) else { return Route::default() };
        self.route_from(name, Some(x), &[routing_key], headers)
    }

    fn route_message(&mut self, exchange: &Name, message: &Rc<Message>) -> Route {
        if exchange.is_empty() {
            // Direct reply-to answers go straight to the requester's channel.
            let replies: Vec<String> = message
                .routing_keys()
                .filter(|rk| rk.starts_with("amq.rabbitmq.reply-to."))
                .map(str::to_string)
                .collect();
            for rk in replies {
                self.deliver_reply(&rk, message);
            }
        }
        self.route_message_keys(exchange, message)
    }

    /// Routes a message by all its routing keys (no allocation for the
    /// common message without CC/BCC keys).
    fn route_message_keys(&self, exchange: &Name, message: &Message) -> Route {
        let headers = message.properties.headers.as_ref();
        if message.extra_routing_keys.is_empty() {
            self.route_keys(exchange, &[message.routing_key.as_str()], headers)
        } else {
            let keys: Vec<&str> = message.routing_keys().collect();
            self.route_keys(exchange, &keys, headers)
        }
    }

    /// RabbitMQ's `rabbit_exchange:route`: a walk over exchanges with a
    /// visited set (each exchange routes once per message), alternate
    /// exchanges where an exchange matched nothing, and the queue set
    /// de-duplicated.
    pub(crate) fn route_keys<K: AsRef<str>>(
        &self,
        exchange: &Name,
        routing_keys: &[K],
        headers: Option<&FieldTable>,
    ) -> Route {
        let x = if exchange.is_empty() { None } else { self.exchanges.get(exchange) };
        self.route_from(exchange, x, routing_keys, headers)
    }

    /// [`Broker::route_keys`] once `exchange` has been looked up (`x`:
    /// `None` when it does not exist; not needed for the default exchange).
    fn route_from<K: AsRef<str>>(
        &self,
        exchange: &Name,
        x: Option<&Exchange>,
        routing_keys: &[K],
        headers: Option<&FieldTable>,
    ) -> Route {
        let mut route = Route { hops: Vec::with_capacity(1), ..Route::default() };
        if exchange.is_empty() {
            let mut queues: Vec<Name> = routing_keys
                .iter()
                .filter_map(|k| self.queues.get_key_value(k.as_ref()).map(|(n, _)| n.clone()))
                .collect();
            queues.sort();
            queues.dedup();
            route.hops.push(RouteHop {
                exchange: exchange.clone(),
                kind: ExchangeType::Direct,
                via: None,
                as_alternate: false,
                matched: Vec::new(),
            });
            route.queues = queues;
            return route;
        }
        // `visited` (besides `exchange` itself) and `work` (besides the
        // first hop) only allocate once a message goes past one exchange.
        // Each exchange is looked up once, when it is found (here, or as a
        // binding's destination or an alternate), and carried in `work`.
        let mut visited: Vec<Name> = Vec::new();
        let mut work: Vec<(Name, &Exchange, Option<Name>, bool)> = Vec::new();
        let mut first = x.map(|x| (exchange.clone(), x, None, false));
        let mut queues: Vec<Name> = Vec::with_capacity(4);
        while let Some((xname, x, via, as_alternate)) = first.take().or_else(|| work.pop()) {
            if x.is_default() {
                // Reached as an alternate exchange: in 3.10 every queue has a
                // stored binding from the default exchange keyed by its name,
                // so the default exchange routes by queue name here too.
                for k in routing_keys {
                    if let Some((q, _)) = self.queues.get_key_value(k.as_ref()) {
                        queues.push(q.clone());
                    }
                }
                route.hops.push(RouteHop { exchange: xname, kind: x.kind, via, as_alternate, matched: Vec::new() });
                continue;
            }
            let mut matched: Vec<Rc<Binding>> = Vec::with_capacity(4);
            let may_repeat =
                x.kind == ExchangeType::Topic || (x.kind == ExchangeType::Direct && routing_keys.len() > 1);
            if may_repeat {
                // A binding may match more than once (several `#` paths or
                // routing keys): keep its first occurrence. A linear scan
                // while the list is short, a hash set beyond.
                let mut seen: Option<FxHashSet<*const Binding>> = None;
                x.for_each_match(routing_keys, headers, |b| {
                    let new = match &mut seen {
                        Some(set) => set.insert(Rc::as_ptr(b)),
                        None if matched.len() < 16 => !matched.iter().any(|m| Rc::ptr_eq(m, b)),
                        None => {
                            let mut set: FxHashSet<*const Binding> = matched.iter().map(Rc::as_ptr).collect();
                            let new = set.insert(Rc::as_ptr(b));
                            seen = Some(set);
                            new
                        }
                    };
                    if new {
                        matched.push(b.clone());
                    }
                });
            } else {
                x.for_each_match(routing_keys, headers, |b| matched.push(b.clone()));
            }
            if matched.is_empty() {
                if let Some(ae) = x.alternate_exchange() {
                    if &**exchange != ae && !visited.iter().any(|v| &**v == ae) {
                        match self.exchanges.get_key_value(ae) {
                            Some((ae, alternate)) => {
                                visited.push(ae.clone());
                                work.push((ae.clone(), alternate, Some(xname.clone()), true));
                            }
                            None => {
                                let ae: Name = Rc::from(ae);
                                visited.push(ae.clone());
                                route.missing_alternates.push(ae);
                            }
                        }
                    }
                }
            }
            for b in &matched {
                match &b.destination {
                    Destination::Queue(q) => queues.push(q.clone()),
                    Destination::Exchange(e) => {
                        if e != exchange && !visited.contains(e) {
                            visited.push(e.clone());
                            if let Some(next) = self.exchanges.get(e) {
                                work.push((e.clone(), next, Some(xname.clone()), false));
                            }
                        }
                    }
                }
            }
            route.hops.push(RouteHop { exchange: xname, kind: x.kind, via, as_alternate, matched });
        }
        queues.sort();
        queues.dedup();
        route.queues = queues;
        route
    }

    fn deliver_reply(&mut self, key: &str, message: &Rc<Message>) {
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
        let s = &q.settings;
        let overflow = s.overflow();
        if overflow != Overflow::DropHead
            && (s.max_length.is_some_and(|m| q.ready.len() as u64 + 1 > m)
                || s.max_length_bytes.is_some_and(|m| q.ready.bytes() + message.size() > m))
        {
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
        self.dirty.insert(queue.clone());
        true
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

    /// A copy dies: it is removed, and dead-lettered if the queue has a
    /// dead-letter exchange.
    pub(crate) fn dead_letter_or_remove(&mut self, queue: &Name, m: QueuedMessage, reason: DeathReason) {
        let removal = match reason {
            DeathReason::Expired => RemovalReason::Expired,
            DeathReason::Maxlen => RemovalReason::MaxLength,
            DeathReason::Rejected => RemovalReason::Rejected,
        };
        self.emit(Event::Removed { queue: queue.clone(), copy: m.copy, reason: removal });
        let Some(q) = self.queues.get(queue) else { return };
        if let Some(dlx) = q.settings.dead_letter_exchange.clone() {
            let routing_key = q.settings.dead_letter_routing_key.clone();
            self.dead_letters.push_back(PendingDeadLetter {
                queue: queue.clone(),
                copy: Some(m.copy),
                message: m.message,
                reason,
                dlx,
                routing_key,
            });
        }
    }

    /// Publishes a dead letter to its dead-letter exchange (no mandatory, no
    /// confirms), dropping targets that would close an automatic cycle.
    pub(crate) fn publish_dead_letter(&mut self, dl: PendingDeadLetter) {
        let Some((dlx, _)) = self.exchanges.get_key_value(dl.dlx.as_str()) else {
            self.emit(Event::DeadLetterDropped {
                queue: dl.queue,
                copy: dl.copy,
                why: format!("its dead-letter exchange '{}' does not exist", dl.dlx),
            });
            return;
        };
        let dlx = dlx.clone();
        let id = self.new_message_id();
        let message = Rc::new(dead_letter::make_message(
            &dl.message,
            id,
            dl.reason,
            &dl.queue,
            dlx.clone(),
            dl.routing_key.as_deref(),
            self.now / 1000,
        ));
        self.emit(Event::DeadLettered {
            queue: dl.queue.clone(),
            copy: dl.copy,
            reason: dl.reason,
            exchange: dlx.clone(),
            message: id,
        });
        self.emit(Event::Published { message: message.clone(), channel: None, mandatory: false });
        let mut route = self.route_message_keys(&dlx, &message);
        let (cycles, targets): (Vec<Name>, Vec<Name>) =
            route.queues.drain(..).partition(|q| dead_letter::is_cycle(dl.reason, &message, q));
        route.queues = targets.clone();
        self.emit(Event::Routed { message: id, route });
        for q in cycles {
            self.emit(Event::DeadLetterDropped {
                queue: q.clone(),
                copy: dl.copy,
                why: format!("dead-letter cycle: the message already died in '{q}' with no rejection since, so RabbitMQ drops it"),
            });
        }
        if targets.is_empty() {
            self.emit(Event::Unroutable { message: id });
        }
        for q in &targets {
            self.offer(q, &message);
        }
    }

    // ----- dispatch ------------------------------------------------------------

    /// The consumer that gets the next message, RabbitMQ's way: highest
    /// consumer priority first, round robin within it; a consumer at its
    /// prefetch limit is skipped and rejoins at the tail once it can take
    /// more; under single active consumer only the active one receives.
    pub(crate) fn pick_consumer(&mut self, queue: &str) -> Option<usize> {
        let q = self.queues.get_mut(queue)?;
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

    /// Hands a copy to consumer `idx` of `queue`.
    pub(crate) fn deliver(&mut self, queue: &Name, idx: usize, copy: QueuedMessage) {
        let turn = self.new_turn();
        let q = self.queues.get_mut(queue).expect("queue exists");
        let remaining = q.ready.len();
        let incarnation = q.incarnation;
        let c = &mut q.consumers[idx];
        c.turn = turn;
        let ch = self.channels.get_mut(&c.channel).expect("consumer's channel is open");
        let tag = ch.next_tag();
        let event = Event::Delivered {
            queue: queue.clone(),
            copy: copy.copy,
            message: copy.message.clone(),
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

    /// Delivers ready messages to consumers until one side runs out.
    pub(crate) fn dispatch(&mut self, queue: &Name) {
        loop {
            self.expire_heads(queue);
            match self.queues.get(queue) {
                Some(q) if !q.ready.is_empty() && !q.consumers.is_empty() => {}
                _ => return,
            }
            let Some(idx) = self.pick_consumer(queue) else { return };
            let m = self.queues.get_mut(queue).expect("exists").ready.pop_front().expect("not empty");
            self.deliver(queue, idx, m);
        }
    }

    // ----- consumers -----------------------------------------------------------

    /// basic.consume; returns the consumer tag.
    pub fn basic_consume(&mut self, channel: ChannelId, opts: ConsumeOptions) -> Result<String, AmqpError> {
        self.on_channel(channel, |b| b.consume_inner(channel, opts))
    }

    fn consume_inner(&mut self, channel: ChannelId, opts: ConsumeOptions) -> Result<String, AmqpError> {
        check_short_str("consumer tag", &opts.consumer_tag)?;
        let reuse =
            || AmqpError::new(ReplyCode::NotAllowed, format!("attempt to reuse consumer tag '{}'", opts.consumer_tag));
        let ch = &self.channels[&channel];
        // rabbit_channel looks the tag up in the channel's consumer mapping
        // only (the direct reply-to pseudo-consumer is not in it).
        if !opts.consumer_tag.is_empty() && ch.consumers.contains_key(&opts.consumer_tag) {
            return Err(reuse());
        }
        if opts.queue == REPLY_TO_QUEUE {
            // rabbit_channel: `{_, false}` (must be no-ack) is matched
            // before "already set".
            if !opts.no_ack {
                return Err(AmqpError::new(ReplyCode::PreconditionFailed, "reply consumer cannot acknowledge"));
            }
            if ch.reply_consumer.is_some() {
                return Err(AmqpError::new(ReplyCode::PreconditionFailed, "reply consumer already set"));
            }
            let tag = if opts.consumer_tag.is_empty() { self.rng.guid("amq.ctag") } else { opts.consumer_tag };
            self.channels.get_mut(&channel).expect("open").reply_consumer = Some(tag.clone());
            return Ok(tag);
        }
        let queue = self.resolve_queue_name(channel, &opts.queue)?;
        let conn = self.channels[&channel].connection;
        let qname = self.accessible_queue(conn, &queue)?;
        let priority = match opts.arguments.get("x-priority") {
            None => 0,
            Some(FieldValue::Int(p)) => *p,
            Some(v) => {
                return Err(AmqpError::new(
                    ReplyCode::PreconditionFailed,
                    format!(
                        "invalid arg 'x-priority' for {}: {{unacceptable_type,{}}}",
                        resource("queue", &queue),
                        v.type_name()
                    ),
                ))
            }
        };
        let q = &self.queues[&qname];
        // rabbit_amqqueue_process basic_consume: on a single-active-consumer
        // queue an exclusive consume is always refused; otherwise it needs a
        // queue without consumers, and an exclusive consumer bars others.
        if q.consumers.iter().any(|c| c.exclusive)
            || (opts.exclusive && (!q.consumers.is_empty() || q.settings.single_active_consumer))
        {
            return Err(AmqpError::new(
                ReplyCode::AccessRefused,
                format!("{} in exclusive use", resource("queue", &queue)),
            ));
        }
        let tag = if opts.consumer_tag.is_empty() { self.rng.guid("amq.ctag") } else { opts.consumer_tag };
        let turn = self.new_turn();
        let now = self.now;
        let ch = self.channels.get_mut(&channel).expect("open");
        ch.consumers.insert(tag.clone(), qname.clone());
        let prefetch = ch.prefetch;
        let q = self.queues.get_mut(&qname).expect("exists");
        q.consumers.push(Consumer {
            tag: Rc::from(tag.as_str()),
            channel,
            no_ack: opts.no_ack,
            exclusive: opts.exclusive,
            priority,
            prefetch,
            unacked: 0,
            turn,
            blocked: false,
            registered: turn,
            arguments: opts.arguments,
        });
        q.had_consumer = true;
        q.last_used = now;
        q.elect_active_consumer();
        self.emit(Event::ConsumerAdded { queue: qname.clone(), channel, tag: tag.clone() });
        self.dirty.insert(qname);
        Ok(tag)
    }

    /// basic.cancel: no new deliveries; the consumer's unacked deliveries
    /// stay unacked on the channel.
    pub fn basic_cancel(&mut self, channel: ChannelId, consumer_tag: &str) -> Result<(), AmqpError> {
        self.on_channel(channel, |b| {
            let ch = b.channels.get_mut(&channel).expect("open");
            if ch.reply_consumer.as_deref() == Some(consumer_tag) {
                ch.reply_consumer = None;
                return Ok(());
            }
            let Some(queue) = ch.consumers.remove(consumer_tag) else { return Ok(()) };
            if let Some(q) = b.queues.get_mut(&queue) {
                q.consumers.retain(|c| !(c.channel == channel && &*c.tag == consumer_tag));
                q.last_used = b.now;
                q.elect_active_consumer();
            }
            b.emit(Event::ConsumerCancelled {
                queue: queue.clone(),
                channel,
                tag: consumer_tag.to_string(),
                by_broker: false,
            });
            b.maybe_auto_delete_queue(&queue);
            b.dirty.insert(queue);
            Ok(())
        })
    }

    /// basic.qos: `prefetch_count` for consumers created from now on
    /// (`global` false) or shared by the channel (`global` true); 0 means
    /// unlimited.
    pub fn basic_qos(&mut self, channel: ChannelId, prefetch_count: u16, global: bool) -> Result<(), AmqpError> {
        self.on_channel(channel, |b| {
            let ch = b.channels.get_mut(&channel).expect("open");
            if global {
                ch.global_prefetch = prefetch_count as u32;
            } else {
                // rabbit_channel: basic.qos with global=false also calls
                // rabbit_limiter:unlimit_prefetch, lifting a channel limit.
                ch.prefetch = prefetch_count as u32;
                ch.global_prefetch = 0;
            }
            b.emit(Event::QosChanged { channel, prefetch: prefetch_count as u32, global });
            b.unblock_consumers(channel);
            Ok(())
        })
    }

    /// confirm.select: publisher confirms on this channel.
    pub fn confirm_select(&mut self, channel: ChannelId) -> Result<(), AmqpError> {
        self.on_channel(channel, |b| {
            b.channels.get_mut(&channel).expect("open").confirm = true;
            Ok(())
        })
    }

    /// basic.get; `None` is get-empty.
    pub fn basic_get(&mut self, channel: ChannelId, queue: &str, no_ack: bool) -> Result<Option<GetOk>, AmqpError> {
        self.on_channel(channel, |b| {
            let queue = b.resolve_queue_name(channel, queue)?;
            let conn = b.channels[&channel].connection;
            let qname = b.accessible_queue(conn, &queue)?;
            b.expire_heads(&qname);
            let q = b.queues.get_mut(&qname).expect("exists");
            q.last_used = b.now;
            let Some(m) = q.ready.pop_front() else { return Ok(None) };
            b.expire_heads(&qname);
            let q = b.queues.get_mut(&qname).expect("exists");
            let remaining = q.ready.len();
            let incarnation = q.incarnation;
            if !no_ack {
                q.unacked += 1;
            }
            let ch = b.channels.get_mut(&channel).expect("open");
            let tag = ch.next_tag();
            let ok = GetOk {
                delivery_tag: tag,
                copy: m.copy,
                message: m.message.clone(),
                redelivered: m.redelivered,
                message_count: remaining as u64,
            };
            let event = Event::Delivered {
                queue: qname.clone(),
                copy: m.copy,
                message: m.message.clone(),
                channel,
                consumer: None,
                delivery_tag: tag,
                redelivered: m.redelivered,
                auto_ack: no_ack,
                remaining,
            };
            if no_ack {
                b.emit(event);
                b.emit(Event::Removed { queue: qname, copy: m.copy, reason: RemovalReason::AutoAcked });
            } else {
                ch.unacked.insert(tag, Unacked { queue: qname, incarnation, consumer: None, message: m });
                b.emit(event);
            }
            Ok(Some(ok))
        })
    }

    // ----- settling deliveries ---------------------------------------------------

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
        self.on_channel(channel, |b| b.settle_tags(channel, delivery_tag, multiple, how))
    }

    /// basic.reject.
    pub fn basic_reject(&mut self, channel: ChannelId, delivery_tag: u64, requeue: bool) -> Result<(), AmqpError> {
        let how = if requeue { Settlement::Requeue } else { Settlement::Discard };
        self.on_channel(channel, |b| b.settle_tags(channel, delivery_tag, false, how))
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

    fn settle_tags(&mut self, channel: ChannelId, tag: u64, multiple: bool, how: Settlement) -> Result<(), AmqpError> {
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
            self.dirty.insert(queue);
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
            self.dirty.insert(q);
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
        match how {
            Settlement::Ack => {
                self.emit(Event::Removed { queue: u.queue, copy: m.copy, reason: RemovalReason::Acked });
            }
            Settlement::Requeue => {
                m.redelivered = true;
                let copy = m.copy;
                q.ready.requeue(m);
                self.emit(Event::Requeued { queue: u.queue, copy, channel, delivery_tag: tag });
            }
            Settlement::Discard => self.dead_letter_or_remove(&u.queue, m, DeathReason::Rejected),
        }
    }

    /// After copies went back to a queue: drop-head if it is now over its
    /// limit, and deliver again.
    pub(crate) fn after_requeue(&mut self, queue: &Name) {
        self.drop_head_while_over(queue);
        if self.queues.contains_key(queue) {
            self.dirty.insert(queue.clone());
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
            self.dirty.insert(queue);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiration_parsing_follows_erlang_to_integer() {
        assert_eq!(parse_expiration("100"), Ok(100));
        assert_eq!(parse_expiration("+5"), Ok(5));
        assert_eq!(parse_expiration("0"), Ok(0));
        assert!(parse_expiration("").is_err());
        assert!(parse_expiration("abc").unwrap_err().contains("no_integer"));
        assert!(parse_expiration("-1").unwrap_err().contains("value_negative"));
        assert!(parse_expiration("5.0").unwrap_err().contains("leftover_string"));
        assert!(parse_expiration(" 5").is_err());
        assert!(parse_expiration("315360000001").unwrap_err().contains("value_too_large"));
        assert!(parse_expiration("99999999999999999999999999999999999999999").is_err());
    }
}
