//! The queue class: queue.declare, queue.bind, queue.unbind, queue.purge
//! and queue.delete, with exclusive, auto-delete and server-named queues.

use crate::engine::QueueDeletion;
use std::borrow::Cow;
use std::rc::Rc;

use super::broker::Broker;
use super::channel::{ChannelId, ConnectionId};
use super::error::{check_short_str, inequivalent, locked, not_found, resource, strip_cr_lf, AmqpError, ReplyCode};
use super::event::{Event, RemovalReason};
use super::exchange::Destination;
use super::exchange_ops::{arg_inequivalent, default_exchange_refused};
use super::name_table::QueueIx;
use super::queue::{Queue, ReadyMessages};
use super::queue_args::{self, QueueSettings, QueueType, MAX_SEGMENT_SIZE_BYTES};
use super::value::FieldTable;
use super::Name;

/// queue.declare's fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueueDeclare {
    /// The queue name; `""` asks the broker to choose one (`amq.gen-...`).
    pub queue: String,
    /// Only check that it exists (and report its counts).
    pub passive: bool,
    /// Survives a restart (never for exclusive queues).
    pub durable: bool,
    /// Owned by this connection, deleted when it closes.
    pub exclusive: bool,
    /// Deleted when its last consumer goes.
    pub auto_delete: bool,
    /// Arguments (`x-message-ttl`, `x-max-length`, ...).
    pub arguments: FieldTable,
}

impl QueueDeclare {
    /// A declaration of a plain transient queue.
    pub fn new(queue: impl Into<String>) -> Self {
        QueueDeclare { queue: queue.into(), ..Default::default() }
    }
}

/// queue.declare-ok.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueDeclareOk {
    /// The queue's name (the generated one for server-named queues).
    pub queue: Name,
    /// Ready messages.
    pub message_count: u64,
    /// Consumers.
    pub consumer_count: u64,
    /// The broker chose the name.
    pub server_named: bool,
}

/// What a quorum queue or a stream refuses at declare
/// (`rabbit_queue_type_util` checks, in RabbitMQ's order): auto-delete,
/// exclusive, transient; and a stream's segment size over 3 GB.
fn check_replicated(name: &str, d: &QueueDeclare, durable: bool) -> Result<(), AmqpError> {
    let refuse = |property: &str| {
        AmqpError::new(
            ReplyCode::PreconditionFailed,
            format!("invalid property '{property}' for {}", resource("queue", name)),
        )
    };
    if d.auto_delete {
        return Err(refuse("auto-delete"));
    }
    if d.exclusive {
        return Err(refuse("exclusive-owner"));
    }
    if !durable {
        return Err(refuse("non-durable"));
    }
    if d.arguments
        .get("x-stream-max-segment-size-bytes")
        .and_then(|v| v.as_int())
        .is_some_and(|n| n > MAX_SEGMENT_SIZE_BYTES)
        && QueueType::of_arguments(&d.arguments) == QueueType::Stream
    {
        return Err(AmqpError::new(
            ReplyCode::PreconditionFailed,
            "Exceeded max value for x-stream-max-segment-size-bytes",
        ));
    }
    Ok(())
}

/// A client-chosen queue name: the `amq.` prefix is reserved (403).
fn unreserved_name(queue: &str) -> Result<String, AmqpError> {
    if queue.starts_with("amq.") {
        return Err(AmqpError::new(
            ReplyCode::AccessRefused,
            format!("queue name '{queue}' contains reserved prefix 'amq.*'"),
        ));
    }
    Ok(queue.to_string())
}

/// Declaring a queue that exists: the same owner (405 otherwise), the same
/// durable and auto-delete flags and the same arguments of its type (406,
/// `rabbit_amqqueue:assert_args_equivalence`).
fn check_redeclare(q: &Queue, d: &QueueDeclare, conn: ConnectionId) -> Result<(), AmqpError> {
    let name = &*q.name;
    if q.exclusive_owner != d.exclusive.then_some(conn) {
        return Err(locked(name));
    }
    let durable = d.durable && !d.exclusive;
    if q.durable != durable {
        return Err(inequivalent("queue", name, "durable", &format!("'{durable}'"), &format!("'{}'", q.durable)));
    }
    if q.auto_delete != d.auto_delete {
        return Err(inequivalent(
            "queue",
            name,
            "auto_delete",
            &format!("'{}'", d.auto_delete),
            &format!("'{}'", q.auto_delete),
        ));
    }
    for key in q.settings.queue_type.arguments() {
        if !q.arguments.equivalent_at(&d.arguments, key) {
            return Err(arg_inequivalent("queue", name, key, &d.arguments, &q.arguments));
        }
    }
    Ok(())
}

/// rabbit_channel's queue.declare checks the dead-letter exchange's type
/// (rabbit_misc:r_arg) before rabbit_amqqueue:declare validates the other
/// arguments, with its own text.
fn check_dead_letter_exchange_type(name: &str, arguments: &FieldTable) -> Result<(), AmqpError> {
    match arguments.get("x-dead-letter-exchange") {
        Some(v) if !matches!(v, super::value::FieldValue::Str(_)) => Err(AmqpError::new(
            ReplyCode::PreconditionFailed,
            format!("invalid type '{}' for arg 'x-dead-letter-exchange' in {}", v.type_name(), resource("queue", name)),
        )),
        _ => Ok(()),
    }
}

impl Broker {
    /// queue.declare.
    pub fn queue_declare(&mut self, channel: ChannelId, d: QueueDeclare) -> Result<QueueDeclareOk, AmqpError> {
        self.on_channel(channel, |b| b.queue_declare_inner(channel, d))
    }

    fn queue_declare_inner(&mut self, channel: ChannelId, mut d: QueueDeclare) -> Result<QueueDeclareOk, AmqpError> {
        check_short_str("queue name", &d.queue)?;
        d.queue = strip_cr_lf(&d.queue).into_owned();
        let conn = self.channels[&channel].connection;
        if d.passive {
            let q = self.accessible_queue(conn, &d.queue)?;
            return Ok(self.declare_ok_existing(channel, &q));
        }
        let server_named = d.queue.is_empty();
        let name = if server_named { self.rng.guid("amq.gen") } else { unreserved_name(&d.queue)? };
        if let Some(q) = self.queues.get(name.as_str()) {
            check_redeclare(q, &d, conn)?;
            let name = q.name.clone();
            return Ok(self.declare_ok_existing(channel, &name));
        }
        check_dead_letter_exchange_type(&name, &d.arguments)?;
        let settings = queue_args::parse(&name, &d.arguments)?;
        if settings.queue_type != QueueType::Classic {
            check_replicated(&name, &d, d.durable && !d.exclusive)?;
        }
        Ok(self.create_queue(channel, &name, d, settings, server_named))
    }

    /// Creates a queue that passed every check.
    fn create_queue(
        &mut self,
        channel: ChannelId,
        name: &str,
        d: QueueDeclare,
        settings: QueueSettings,
        server_named: bool,
    ) -> QueueDeclareOk {
        let name: Name = Rc::from(name);
        let incarnation = self.next_incarnation;
        self.next_incarnation += 1;
        let queue = Queue {
            name: name.clone(),
            incarnation,
            durable: d.durable && !d.exclusive,
            exclusive_owner: d.exclusive.then_some(self.channels[&channel].connection),
            auto_delete: d.auto_delete,
            server_named,
            ready: ReadyMessages::for_settings(&settings),
            stream: settings.is_stream().then(Default::default),
            reject_publish: false,
            settings,
            arguments: d.arguments,
            unacked: 0,
            consumers: Vec::new(),
            active: None,
            had_consumer: false,
            last_used: self.now,
        };
        self.queues.insert(queue);
        self.emit(Event::QueueDeclared { queue: name.clone() });
        self.channels.get_mut(&channel).expect("open").last_queue = Some(name.clone());
        QueueDeclareOk { queue: name, message_count: 0, consumer_count: 0, server_named }
    }

    /// queue.declare-ok for an existing queue: it counts as used (x-expires)
    /// and becomes the channel's most recently declared queue.
    fn declare_ok_existing(&mut self, channel: ChannelId, queue: &Name) -> QueueDeclareOk {
        let q = self.queues.get_mut(queue).expect("exists");
        q.last_used = self.now;
        let ok = QueueDeclareOk {
            queue: q.name.clone(),
            message_count: q.message_count(),
            consumer_count: q.consumers.len() as u64,
            server_named: false,
        };
        self.channels.get_mut(&channel).expect("open").last_queue = Some(ok.queue.clone());
        ok
    }

    /// Resolves AMQP's empty-queue-name shortcut (the queue last declared on
    /// the channel).
    pub(crate) fn resolve_queue_name<'q>(&self, channel: ChannelId, queue: &'q str) -> Result<Cow<'q, str>, AmqpError> {
        if !queue.is_empty() {
            return Ok(Cow::Borrowed(queue));
        }
        match &self.channels[&channel].last_queue {
            Some(q) => Ok(Cow::Owned(q.to_string())),
            None => Err(AmqpError::new(ReplyCode::NotFound, "no previously declared queue")),
        }
    }

    /// The queue if it exists and `conn` may use it: 404 when missing, 405
    /// when exclusive to another connection.
    pub(crate) fn accessible_queue(&self, conn: ConnectionId, queue: &str) -> Result<Name, AmqpError> {
        self.accessible_queue_ix(conn, queue).map(|ix| self.queues.at(ix).name.clone())
    }

    /// [`Broker::accessible_queue`]: its index.
    pub(crate) fn accessible_queue_ix(&self, conn: ConnectionId, queue: &str) -> Result<QueueIx, AmqpError> {
        let ix = self.queues.ix(queue).ok_or_else(|| not_found("queue", queue))?;
        if self.queues.at(ix).exclusive_owner.is_some_and(|o| o != conn) {
            return Err(locked(queue));
        }
        Ok(ix)
    }

    /// queue.bind: `exchange` routes matching messages to `queue`.
    pub fn queue_bind(
        &mut self,
        channel: ChannelId,
        queue: &str,
        exchange: &str,
        routing_key: &str,
        arguments: FieldTable,
    ) -> Result<(), AmqpError> {
        let exchange = &*strip_cr_lf(exchange);
        self.on_channel(channel, |b| {
            let resolved = strip_cr_lf(&b.resolve_queue_name(channel, queue)?).into_owned();
            // AMQP shortcut: empty queue and key bind with the queue's name.
            let routing_key = if routing_key.is_empty() && queue.is_empty() { resolved.as_str() } else { routing_key };
            let queue = resolved.clone();
            check_short_str("routing key", routing_key)?;
            if exchange.is_empty() {
                return Err(default_exchange_refused());
            }
            b.existing_exchange(exchange)?;
            let q = b.queues.get(queue.as_str()).map(|q| q.name.clone()).ok_or_else(|| not_found("queue", &queue))?;
            // rabbit_binding:add validates the binding (headers x-match)
            // before the exclusive-access check.
            let binding = b.checked_binding(exchange, Destination::Queue(q), routing_key, arguments)?;
            let conn = b.channels[&channel].connection;
            b.accessible_queue(conn, &queue)?;
            b.add_binding(binding);
            Ok(())
        })
    }

    /// queue.unbind (a missing binding is fine).
    pub fn queue_unbind(
        &mut self,
        channel: ChannelId,
        queue: &str,
        exchange: &str,
        routing_key: &str,
        arguments: FieldTable,
    ) -> Result<(), AmqpError> {
        let exchange = &*strip_cr_lf(exchange);
        self.on_channel(channel, |b| {
            let queue = strip_cr_lf(&b.resolve_queue_name(channel, queue)?).into_owned();
            if exchange.is_empty() {
                return Err(default_exchange_refused());
            }
            let x = b.existing_exchange(exchange)?;
            let q = b.queues.get(queue.as_str()).map(|q| q.name.clone()).ok_or_else(|| not_found("queue", &queue))?;
            // rabbit_binding:remove: a missing binding is simply ok; the
            // exclusive-access check runs only for a binding that exists.
            let dest = Destination::Queue(q);
            let exists = b.exchanges[&x]
                .bindings()
                .iter()
                .any(|bd| bd.destination == dest && bd.routing_key == routing_key && bd.arguments == arguments);
            if exists {
                let conn = b.channels[&channel].connection;
                b.accessible_queue(conn, &queue)?;
            }
            b.remove_binding(&x, &dest, routing_key, &arguments);
            Ok(())
        })
    }

    /// queue.purge: removes the ready messages, returning how many.
    pub fn queue_purge(&mut self, channel: ChannelId, queue: &str) -> Result<u64, AmqpError> {
        self.on_channel(channel, |b| {
            let queue = b.resolve_queue_name(channel, queue)?;
            let conn = b.channels[&channel].connection;
            let ix = b.accessible_queue_ix(conn, &queue)?;
            let q = b.queues.at_mut(ix);
            if q.settings.is_stream() {
                return Err(AmqpError::new(
                    ReplyCode::NotImplemented,
                    format!("queue.purge not supported by stream queues {}", resource("queue", &q.name)),
                ));
            }
            b.dirty.insert(&q.name, ix);
            let n = q.ready.len();
            let (name, events) = (&q.name, &mut b.events);
            events.reserve(n);
            q.ready.clear_each(|m| {
                events.push(Event::Removed { queue: name.clone(), copy: m.copy, reason: RemovalReason::Purged })
            });
            Ok(n as u64)
        })
    }

    /// queue.delete: returns the number of ready messages deleted with it.
    /// Deleting a missing queue is fine (0).
    pub fn queue_delete(
        &mut self,
        channel: ChannelId,
        queue: &str,
        if_unused: bool,
        if_empty: bool,
    ) -> Result<u64, AmqpError> {
        self.on_channel(channel, |b| {
            let queue = strip_cr_lf(&b.resolve_queue_name(channel, queue)?).into_owned();
            let conn = b.channels[&channel].connection;
            let Some(q) = b.queues.get(queue.as_str()) else { return Ok(0) };
            if q.exclusive_owner.is_some_and(|o| o != conn) {
                return Err(locked(&queue));
            }
            // rabbit_amqqueue_process handle_call({delete, ...}) checks
            // if_empty before if_unused; rabbit_channel's texts are
            // "~s not empty" and "~s in use".
            if q.settings.is_quorum() && (if_unused || if_empty) {
                let flag = if if_unused { "if-unused" } else { "if-empty" };
                return Err(AmqpError::new(
                    ReplyCode::NotImplemented,
                    format!(
                        "cannot delete {}. queue.delete operations with {flag} flag set are not supported by quorum queues",
                        resource("queue", &queue)
                    ),
                ));
            }
            let (if_unused, if_empty) = if q.settings.is_stream() { (false, false) } else { (if_unused, if_empty) };
            if if_empty && !q.ready.is_empty() {
                return Err(AmqpError::new(
                    ReplyCode::PreconditionFailed,
                    format!("{} not empty", resource("queue", &queue)),
                ));
            }
            if if_unused && !q.consumers.is_empty() {
                return Err(AmqpError::new(
                    ReplyCode::PreconditionFailed,
                    format!("{} in use", resource("queue", &queue)),
                ));
            }
            let n = q.ready.len() as u64;
            b.delete_queue(&queue, QueueDeletion::Deleted);
            Ok(n)
        })
    }

    /// Deletes a queue: its consumers are cancelled, its bindings removed
    /// (auto-deleting exchanges left without bindings), and its ready and
    /// unacked copies are gone.
    pub(crate) fn delete_queue(&mut self, queue: &str, reason: QueueDeletion) {
        let Some(mut q) = self.queues.remove(queue) else { return };
        self.dirty.remove(queue);
        for c in q.consumers.drain(..) {
            if let Some(ch) = self.channels.get_mut(&c.channel) {
                ch.consumers.remove(&*c.tag);
            }
            self.events.push(Event::ConsumerCancelled {
                queue: q.name.clone(),
                channel: c.channel,
                tag: c.tag.to_string(),
                by_broker: true,
            });
        }
        let logged = q.stream.take().into_iter().flat_map(|log| log.iter().map(|e| e.copy).collect::<Vec<_>>());
        for copy in q.ready.drain_all().into_iter().map(|m| m.copy).chain(logged) {
            self.events.push(Event::Removed { queue: q.name.clone(), copy, reason: RemovalReason::QueueDeleted });
        }
        // Unacked copies stay on their channels (acking them is harmless)
        // but are gone from the broker's point of view.
        for ch in self.channels.values() {
            for u in ch.unacked.values() {
                if u.queue == q.name && u.incarnation == q.incarnation {
                    self.events.push(Event::Removed {
                        queue: q.name.clone(),
                        copy: u.message.copy,
                        reason: RemovalReason::QueueDeleted,
                    });
                }
            }
        }
        self.remove_bindings_to(&Destination::Queue(q.name.clone()));
        self.emit(Event::QueueDeleted { queue: q.name, reason });
    }

    /// Deletes an auto-delete queue that had consumers and has none left.
    pub(crate) fn maybe_auto_delete_queue(&mut self, queue: &str) {
        if self.queues.get(queue).is_some_and(|q| q.auto_delete && q.had_consumer && q.consumers.is_empty()) {
            self.delete_queue(queue, QueueDeletion::AutoDelete);
        }
    }
}
