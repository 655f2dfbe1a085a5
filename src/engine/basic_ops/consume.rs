//! basic.consume / cancel, basic.qos, confirm.select and basic.get.

use std::rc::Rc;

use super::dispatch::with_header;
use super::{ConsumeOptions, GetOk, REPLY_TO_QUEUE};
use crate::engine::broker::Broker;
use crate::engine::channel::{ChannelId, Unacked};
use crate::engine::error::{check_short_str, resource, AmqpError, ReplyCode};
use crate::engine::event::{Event, RemovalReason};
use crate::engine::queue::{Consumer, Queue};
use crate::engine::queue_args::{self, StreamOffset};
use crate::engine::value::FieldValue;

impl Broker {
    /// basic.consume; returns the consumer tag.
    pub fn basic_consume(&mut self, channel: ChannelId, opts: ConsumeOptions) -> Result<String, AmqpError> {
        self.on_channel(channel, |b| b.consume_inner(channel, opts))
    }

    pub(crate) fn consume_inner(&mut self, channel: ChannelId, opts: ConsumeOptions) -> Result<String, AmqpError> {
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
        queue_args::check_consume_arguments(&queue, q.settings.queue_type, &opts.arguments)?;
        let stream_offset = self.stream_start(channel, q, &opts)?;
        check_exclusive_consume(&self.queues[&qname], &opts)?;
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
            stream_offset,
        });
        q.had_consumer = true;
        q.last_used = now;
        q.elect_active_consumer();
        self.emit(Event::ConsumerAdded { queue: qname.clone(), channel, tag: tag.clone() });
        self.mark_dirty(&qname);
        Ok(tag)
    }

    /// What a quorum queue or a stream refuses at basic.consume
    /// (`rabbit_stream_queue:consume`, `rabbit_quorum_queue:consume`), and
    /// where a stream consumer starts reading (`x-stream-offset`, default
    /// `next`). None for other queues.
    fn stream_start(&self, channel: ChannelId, q: &Queue, opts: &ConsumeOptions) -> Result<Option<u64>, AmqpError> {
        let ch = &self.channels[&channel];
        let name = resource("queue", &q.name);
        let global_qos = || AmqpError::new(ReplyCode::NotImplemented, format!("{name} does not support global qos"));
        if q.settings.is_quorum() && ch.global_prefetch > 0 {
            return Err(global_qos());
        }
        let Some(log) = q.stream.as_ref() else { return Ok(None) };
        if ch.prefetch == 0 {
            return Err(AmqpError::new(
                ReplyCode::PreconditionFailed,
                format!("consumer prefetch count is not set for '{name}'"),
            ));
        }
        if opts.no_ack {
            return Err(AmqpError::new(
                ReplyCode::NotImplemented,
                format!("automatic acknowledgement not supported by stream queues {name}"),
            ));
        }
        if ch.global_prefetch > 0 {
            return Err(global_qos());
        }
        let spec = opts.arguments.get("x-stream-offset").and_then(StreamOffset::parse).unwrap_or(StreamOffset::Next);
        Ok(Some(log.start_offset(&spec, self.now)))
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
            b.mark_dirty(&queue);
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
            if b.queues[&qname].settings.is_stream() {
                return Err(AmqpError::new(
                    ReplyCode::NotImplemented,
                    format!("basic.get not supported by stream queues {}", resource("queue", &qname)),
                ));
            }
            b.mark_dirty(&qname);
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
            // rabbit_fifo_client:dequeue: a quorum queue's message always
            // carries x-delivery-count.
            let message = if q.settings.is_quorum() {
                with_header(&m.message, "x-delivery-count", m.delivery_count as i64)
            } else {
                m.message.clone()
            };
            let ch = b.channels.get_mut(&channel).expect("open");
            let tag = ch.next_tag();
            let ok = GetOk {
                delivery_tag: tag,
                copy: m.copy,
                message: message.clone(),
                redelivered: m.redelivered,
                message_count: remaining as u64,
            };
            let event = Event::Delivered {
                queue: qname.clone(),
                copy: m.copy,
                message,
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
}

/// rabbit_amqqueue_process basic_consume: on a single-active-consumer
/// classic queue an exclusive consume is always refused; otherwise it needs
/// a queue without consumers, and an exclusive consumer bars others.
/// Quorum queues and streams ignore exclusive consumers (3.10.8).
fn check_exclusive_consume(q: &Queue, opts: &ConsumeOptions) -> Result<(), AmqpError> {
    let classic = q.settings.queue_type == crate::engine::QueueType::Classic;
    if classic
        && (q.consumers.iter().any(|c| c.exclusive)
            || (opts.exclusive && (!q.consumers.is_empty() || q.settings.single_active_consumer)))
    {
        return Err(AmqpError::new(
            ReplyCode::AccessRefused,
            format!("{} in exclusive use", resource("queue", &q.name)),
        ));
    }
    Ok(())
}
