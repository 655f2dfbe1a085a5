//! The broker: its state (one virtual host), connections and channels,
//! virtual time, restart, and the loop that settles the state after every
//! command (deliveries, expiries, dead letters).

use crate::engine::QueueDeletion;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

use super::channel::{Channel, ChannelId, Connection, ConnectionId};
use super::error::{AmqpError, ReplyCode};
use super::event::{DeathReason, Event, RemovalReason};
use super::exchange::{Binding, Exchange, ExchangeType};
use super::message::{CopyId, Message, MessageId};
use super::name_table::{ExchangeTable, QueueIx, QueueTable};
use super::queue::Queue;
use super::rng::SplitMix64;
use super::value::FieldTable;
use super::Name;

/// A dead letter waiting to be published (dead lettering is processed in
/// order, iteratively, so long chains cannot overflow the stack).
#[derive(Debug)]
pub(crate) struct PendingDeadLetter {
    pub queue: Name,
    pub copy: Option<CopyId>,
    pub message: Rc<Message>,
    pub reason: DeathReason,
    pub dlx: String,
    pub routing_key: Option<String>,
}

/// The queues that may be able to deliver or expire something, taken in
/// name order: a sorted list of names and queue indexes from `head` on
/// (unlike a `BTreeSet` it keeps its buffer when it empties, so settling
/// allocates nothing). Taking the first moves `head`, and queues added in
/// name order (a route's) go at the end, so a publish to many queues costs
/// no shifting.
#[derive(Debug, Default)]
pub(crate) struct DirtyQueues {
    queues: Vec<(Name, QueueIx)>,
    head: usize,
}

impl DirtyQueues {
    /// Adds queue `ix` named `q` (once).
    pub(crate) fn insert(&mut self, q: &Name, ix: QueueIx) -> bool {
        let live = &self.queues[self.head..];
        if live.last().is_none_or(|(last, _)| *last < *q) {
            self.queues.push((q.clone(), ix));
            return true;
        }
        match live.binary_search_by(|(n, _)| n.cmp(q)) {
            Ok(_) => false,
            Err(at) => {
                self.queues.insert(self.head + at, (q.clone(), ix));
                true
            }
        }
    }

    /// Takes the first queue by name: its index.
    pub(crate) fn pop_first(&mut self) -> Option<QueueIx> {
        // The entries before `head` are dropped when the list empties.
        let (_, first) = *self.queues.get(self.head)?;
        self.head += 1;
        if self.head == self.queues.len() {
            self.queues.clear();
            self.head = 0;
        }
        Some(first)
    }

    /// Takes queue `q` out (it is being deleted).
    pub(crate) fn remove(&mut self, q: &str) -> bool {
        match self.queues[self.head..].binary_search_by(|(n, _)| (**n).cmp(q)) {
            Ok(at) => {
                self.queues.remove(self.head + at);
                if self.head == self.queues.len() {
                    self.queues.clear();
                    self.head = 0;
                }
                true
            }
            Err(_) => false,
        }
    }
}

/// A RabbitMQ 3.10.8 broker with one virtual host (`/`).
///
/// Every command returns its AMQP answer or an [`AmqpError`]; an error closes
/// the channel (or, for 503/530/540, the connection) as RabbitMQ does.
/// After each command the broker delivers everything it can and expires what
/// is due. See the module docs for the event model.
#[derive(Debug)]
pub struct Broker {
    pub(crate) now: u64,
    pub(crate) exchanges: ExchangeTable,
    pub(crate) queues: QueueTable,
    pub(crate) connections: BTreeMap<ConnectionId, Connection>,
    pub(crate) channels: BTreeMap<ChannelId, Channel>,
    pub(crate) events: Vec<Event>,
    pub(crate) rng: SplitMix64,
    next_connection: ConnectionId,
    next_channel: ChannelId,
    next_message: MessageId,
    pub(crate) next_copy: CopyId,
    pub(crate) next_seq: u64,
    pub(crate) next_turn: u64,
    pub(crate) next_incarnation: u64,
    /// Queues that may be able to deliver or expire something.
    pub(crate) dirty: DirtyQueues,
    pub(crate) dead_letters: VecDeque<PendingDeadLetter>,
}

impl Default for Broker {
    fn default() -> Self {
        Broker::new()
    }
}

/// The exchanges every virtual host starts with.
pub const PREDECLARED: [(&str, ExchangeType, bool); 7] = [
    ("", ExchangeType::Direct, false),
    ("amq.direct", ExchangeType::Direct, false),
    ("amq.fanout", ExchangeType::Fanout, false),
    ("amq.topic", ExchangeType::Topic, false),
    ("amq.headers", ExchangeType::Headers, false),
    ("amq.match", ExchangeType::Headers, false),
    ("amq.rabbitmq.trace", ExchangeType::Topic, true),
];

impl Broker {
    /// A fresh broker (seed 0 for generated names).
    pub fn new() -> Self {
        Broker::with_seed(0)
    }

    /// A fresh broker whose generated names come from `seed`.
    pub fn with_seed(seed: u64) -> Self {
        let mut b = Broker {
            now: 0,
            exchanges: ExchangeTable::default(),
            queues: QueueTable::default(),
            connections: BTreeMap::new(),
            channels: BTreeMap::new(),
            events: Vec::new(),
            rng: SplitMix64::new(seed),
            next_connection: 1,
            next_channel: 1,
            next_message: 1,
            next_copy: 1,
            next_seq: 1,
            next_turn: 1,
            next_incarnation: 1,
            dirty: DirtyQueues::default(),
            dead_letters: VecDeque::new(),
        };
        for (name, kind, internal) in PREDECLARED {
            let name: Name = Rc::from(name);
            b.exchanges.insert(Exchange::new(name, kind, true, false, internal, FieldTable::new()));
        }
        b
    }

    // ----- reading the state -------------------------------------------------

    /// Virtual time in milliseconds since the broker started.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Takes the events recorded since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        // The next batch gets room for as many as this one had, so that a
        // publish to many queues does not grow its list step by step.
        let room = self.events.len();
        std::mem::replace(&mut self.events, Vec::with_capacity(room))
    }

    /// Exchanges by name (including the default and `amq.*` ones).
    pub fn exchanges(&self) -> impl Iterator<Item = &Exchange> {
        self.exchanges.values()
    }

    /// One exchange.
    pub fn exchange(&self, name: &str) -> Option<&Exchange> {
        self.exchanges.get(name)
    }

    /// Queues by name.
    pub fn queues(&self) -> impl Iterator<Item = &Queue> {
        self.queues.values()
    }

    /// One queue.
    pub fn queue(&self, name: &str) -> Option<&Queue> {
        self.queues.get(name)
    }

    /// Every binding, by source exchange then creation order.
    pub fn bindings(&self) -> impl Iterator<Item = &Rc<Binding>> {
        self.exchanges.values().flat_map(|x| x.bindings().iter())
    }

    /// Open connections.
    pub fn connections(&self) -> impl Iterator<Item = &Connection> {
        self.connections.values()
    }

    /// An open channel.
    pub fn channel(&self, id: ChannelId) -> Option<&Channel> {
        self.channels.get(&id)
    }

    /// Open channels.
    pub fn channels(&self) -> impl Iterator<Item = &Channel> {
        self.channels.values()
    }

    // ----- ids and events ----------------------------------------------------

    pub(crate) fn emit(&mut self, e: Event) {
        self.events.push(e);
    }

    pub(crate) fn new_message_id(&mut self) -> MessageId {
        let id = self.next_message;
        self.next_message += 1;
        id
    }

    pub(crate) fn new_copy_id(&mut self) -> CopyId {
        let id = self.next_copy;
        self.next_copy += 1;
        id
    }

    pub(crate) fn new_seq(&mut self) -> u64 {
        let s = self.next_seq;
        self.next_seq += 1;
        s
    }

    pub(crate) fn new_turn(&mut self) -> u64 {
        let t = self.next_turn;
        self.next_turn += 1;
        t
    }

    // ----- connections and channels -----------------------------------------

    /// Opens a connection; `label` names it for people.
    pub fn open_connection(&mut self, label: impl Into<String>) -> ConnectionId {
        let id = self.next_connection;
        self.next_connection += 1;
        let label = label.into();
        self.connections.insert(id, Connection { id, label: label.clone(), channels: Vec::new() });
        self.emit(Event::ConnectionOpened { connection: id, label });
        id
    }

    /// Opens a channel on a connection.
    pub fn open_channel(&mut self, connection: ConnectionId) -> Result<ChannelId, AmqpError> {
        let conn = self
            .connections
            .get_mut(&connection)
            .ok_or_else(|| AmqpError::new(ReplyCode::ChannelError, format!("connection {connection} is closed")))?;
        let id = self.next_channel;
        self.next_channel += 1;
        conn.channels.push(id);
        self.channels.insert(id, Channel::new(id, connection));
        self.emit(Event::ChannelOpened { channel: id, connection });
        Ok(id)
    }

    /// True while the channel is open.
    pub fn is_channel_open(&self, channel: ChannelId) -> bool {
        self.channels.contains_key(&channel)
    }

    /// True while the connection is open.
    pub fn is_connection_open(&self, connection: ConnectionId) -> bool {
        self.connections.contains_key(&connection)
    }

    /// channel.close by the client: its consumers go away and its unacked
    /// deliveries are requeued (redelivered).
    pub fn close_channel(&mut self, channel: ChannelId) {
        self.close_channel_inner(channel, None);
        self.settle();
    }

    /// connection.close by the client: every channel closes, then the
    /// connection's exclusive queues are deleted.
    pub fn close_connection(&mut self, connection: ConnectionId) {
        self.close_connection_inner(connection, None);
        self.settle();
    }

    pub(crate) fn close_channel_inner(&mut self, channel: ChannelId, error: Option<AmqpError>) {
        let Some(ch) = self.channels.remove(&channel) else { return };
        if let Some(conn) = self.connections.get_mut(&ch.connection) {
            conn.channels.retain(|c| *c != channel);
        }
        // Consumers go first (without touching their unacked deliveries)...
        let mut touched: BTreeSet<Name> = BTreeSet::new();
        for (tag, queue) in &ch.consumers {
            touched.insert(queue.clone());
            if let Some(q) = self.queues.get_mut(queue) {
                q.consumers.retain(|c| !(c.channel == channel && *c.tag == **tag));
                q.last_used = self.now;
                q.elect_active_consumer();
            }
            self.events.push(Event::ConsumerCancelled {
                queue: queue.clone(),
                channel,
                tag: tag.clone(),
                by_broker: false,
            });
        }
        // ...then every unacked delivery goes back to its queue.
        let unacked: Vec<(u64, super::channel::Unacked)> = ch.unacked.into_iter().collect();
        for (tag, u) in unacked {
            touched.insert(u.queue.clone());
            self.settle_one(channel, tag, u, super::basic_ops::Settlement::ConsumerGone);
        }
        self.emit(Event::ChannelClosed { channel, error });
        for queue in touched {
            self.after_requeue(&queue);
            self.maybe_auto_delete_queue(&queue);
        }
    }

    pub(crate) fn close_connection_inner(&mut self, connection: ConnectionId, error: Option<AmqpError>) {
        let Some(conn) = self.connections.get(&connection) else { return };
        for ch in conn.channels.clone() {
            self.close_channel_inner(ch, None);
        }
        self.connections.remove(&connection);
        let exclusive: Vec<Name> =
            self.queues.values().filter(|q| q.exclusive_owner == Some(connection)).map(|q| q.name.clone()).collect();
        for q in exclusive {
            self.delete_queue(&q, QueueDeletion::OwnerClosed);
        }
        self.emit(Event::ConnectionClosed { connection, error });
    }

    /// Runs a command on a channel: checks that the channel is open, and on
    /// error closes the channel (or connection) as RabbitMQ does. Settles
    /// the broker afterwards either way.
    pub(crate) fn on_channel<T>(
        &mut self,
        channel: ChannelId,
        f: impl FnOnce(&mut Self) -> Result<T, AmqpError>,
    ) -> Result<T, AmqpError> {
        if !self.channels.contains_key(&channel) {
            return Err(AmqpError::new(ReplyCode::ChannelError, format!("channel {channel} is closed")));
        }
        let result = f(self);
        if let Err(e) = &result {
            self.emit(Event::Error { channel: Some(channel), error: e.clone() });
            if e.closes_connection() {
                let conn = self.channels[&channel].connection;
                self.close_connection_inner(conn, Some(e.clone()));
            } else {
                self.close_channel_inner(channel, Some(e.clone()));
            }
        }
        self.settle();
        result
    }

    // ----- settling: deliveries, expiry, dead letters ------------------------

    /// Delivers everything that can be delivered, expires what is due and
    /// publishes pending dead letters, until nothing changes.
    pub(crate) fn settle(&mut self) {
        loop {
            if let Some(dl) = self.dead_letters.pop_front() {
                self.publish_dead_letter(dl);
                continue;
            }
            let Some(ix) = self.dirty.pop_first() else { break };
            self.expire_heads_at(ix);
            self.dispatch_at(ix);
        }
    }

    /// Removes expired messages from the heads of a queue (dead-lettering
    /// them with reason `expired` when the queue has a dead-letter exchange).
    pub(crate) fn expire_heads(&mut self, queue: &str) {
        if let Some(ix) = self.queues.ix(queue) {
            self.expire_heads_at(ix);
        }
    }

    /// [`Broker::expire_heads`] for the queue at index `ix`.
    pub(crate) fn expire_heads_at(&mut self, ix: QueueIx) {
        let now = self.now;
        let q = self.queues.at_mut(ix);
        if q.ready.next_expiry().is_none_or(|t| t > now) {
            return;
        }
        let expired = q.ready.pop_expired(|m| m.expires_at.is_some_and(|t| now >= t));
        let name = q.name.clone();
        for m in expired {
            self.dead_letter_or_remove(&name, m, DeathReason::Expired);
        }
    }

    /// Marks a queue as one that may be able to deliver or expire
    /// something (settling will look at it); nothing if it is gone.
    pub(crate) fn mark_dirty(&mut self, queue: &str) {
        if let Some((name, ix)) = self.queues.named(queue) {
            self.dirty.insert(name, ix);
        }
    }

    /// [`Broker::mark_dirty`] for the queue at index `ix`.
    pub(crate) fn mark_dirty_at(&mut self, ix: QueueIx) {
        self.dirty.insert(&self.queues.at(ix).name, ix);
    }

    /// The next virtual time at which something is due (a message expiring
    /// at a queue head, a queue expiring), if any.
    pub fn next_due(&self) -> Option<u64> {
        self.queues.values().flat_map(|q| [q.ready.next_expiry(), q.expires_at()]).flatten().min()
    }

    /// Moves virtual time forward by `ms`, handling every expiry at its own
    /// moment, in time order.
    pub fn advance(&mut self, ms: u64) {
        let target = self.now.saturating_add(ms);
        while let Some(due) = self.next_due().filter(|t| *t <= target) {
            self.now = self.now.max(due);
            let now = self.now;
            let due_queues: Vec<(Name, bool)> = self
                .queues
                .values()
                .filter_map(|q| {
                    let head = q.ready.next_expiry().is_some_and(|t| t <= now);
                    let gone = q.expires_at().is_some_and(|t| t <= now);
                    (head || gone).then(|| (q.name.clone(), gone))
                })
                .collect();
            for (q, gone) in due_queues {
                if gone {
                    self.delete_queue(&q, QueueDeletion::Expired);
                } else {
                    self.mark_dirty(&q);
                }
            }
            self.settle();
        }
        self.now = target;
        self.emit(Event::ClockAdvanced { now: target });
    }

    /// Restarts the broker: every connection closes; durable exchanges,
    /// durable queues, the bindings between them and the persistent
    /// messages in durable queues survive; everything else is gone.
    pub fn restart(&mut self) {
        let conns: Vec<ConnectionId> = self.connections.keys().copied().collect();
        for c in conns {
            self.close_connection_inner(c, None);
        }
        self.settle();
        let transient_queues: Vec<Name> = self.queues.values().filter(|q| !q.durable).map(|q| q.name.clone()).collect();
        for q in transient_queues {
            let copies: Vec<CopyId> = self.queues[&*q].ready.iter().map(|m| m.copy).collect();
            for copy in copies {
                self.emit(Event::Removed { queue: q.clone(), copy, reason: RemovalReason::LostOnRestart });
            }
            self.queues.get_mut(&q).expect("queue exists").ready.drain_all();
            // Their bindings simply are not recovered (rabbit_binding:recover
            // restores only routes whose destination came back): nothing
            // runs the auto-delete check for their source exchanges.
            let dest = super::exchange::Destination::Queue(q.clone());
            for x in self.exchanges.values_mut() {
                for binding in x.remove_bindings(|b| b.destination == dest) {
                    self.events.push(Event::BindingRemoved { binding });
                }
            }
            self.delete_queue(&q, QueueDeletion::Restart);
        }
        let now = self.now;
        let mut lost = Vec::new();
        let in_order: Vec<QueueIx> = self.queues.entries().map(|(_, ix)| ix).collect();
        for ix in in_order {
            let q = self.queues.at_mut(ix);
            // A quorum queue keeps every message (its log is on disk);
            // a classic queue only the persistent ones.
            let keeps_all = q.settings.queue_type != super::QueueType::Classic;
            for m in q.ready.iter().filter(|m| !keeps_all && !m.message.properties.is_persistent()) {
                lost.push((q.name.clone(), m.copy));
            }
            q.ready.retain(|m| keeps_all || m.message.properties.is_persistent());
            q.reject_publish = false;
            q.had_consumer = false;
            q.last_used = now;
        }
        for (queue, copy) in lost {
            self.emit(Event::Removed { queue, copy, reason: RemovalReason::LostOnRestart });
        }
        let transient_exchanges: Vec<Name> =
            self.exchanges.values().filter(|x| !x.durable).map(|x| x.name.clone()).collect();
        for x in transient_exchanges {
            self.remove_exchange(&x, false, false);
        }
        self.emit(Event::Restarted);
        for (name, ix) in self.queues.entries() {
            self.dirty.insert(name, ix);
        }
        self.settle();
    }
}
