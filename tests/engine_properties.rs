//! Property tests: random command sequences against the broker, with the
//! invariants checked after EVERY command.
//!
//! Each case builds random topologies (queues with random arguments,
//! exchanges of every type with alternate exchanges, queue and exchange
//! bindings), publishes with random keys, headers and properties, consumes
//! with random prefetch / no-ack / priorities, settles real and bogus
//! delivery tags, cancels, closes channels and connections, gets, purges,
//! deletes, moves the clock and restarts the broker. The invariants:
//!
//! - no panic;
//! - every copy a publish put into a queue (an `Enqueued` event) is, at that
//!   moment, in exactly one place: ready in its queue, unacked on one
//!   channel under one delivery tag, or gone with a recorded reason
//!   (`Removed`, an auto-ack delivery, queue deletion), and the queues'
//!   `ready` lists and `unacked` counts agree with that bookkeeping;
//! - a consumer's unacked count never exceeds its prefetch (prefetch > 0,
//!   not no-ack) and matches its channel's deliveries;
//! - delivery tags are never reused on a channel (they only grow);
//! - every publish is routed, and an unroutable one is `Returned`
//!   (mandatory) or `Unroutable`; a confirming channel gets exactly one
//!   confirm per publish.
//!
//! Defaults keep `cargo test` fast: 64 cases of up to 40 commands. Run
//! longer with e.g.
//! `PROPTEST_CASES=5000 PROPTEST_COMMANDS=120 cargo test --release --test engine_properties`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use proptest::prelude::*;

const QUEUES: [&str; 4] = ["q0", "q1", "q2", "q3"];
const EXCHANGES: [&str; 3] = ["x0", "x1", "x2"];
const WORDS: [&str; 5] = ["a", "b", "", "*", "#"];

#[derive(Clone, Debug)]
enum Cmd {
    DeclareQueue {
        q: usize,
        slot: usize,
        durable: bool,
        exclusive: bool,
        auto_delete: bool,
        args: Vec<(String, ArgVal)>,
    },
    DeclareExchange {
        x: usize,
        kind: usize,
        durable: bool,
        auto_delete: bool,
        internal: bool,
        ae: Option<usize>,
    },
    BindQueue {
        q: usize,
        x: usize,
        key: String,
        headers: Vec<(String, i64)>,
        x_match: usize,
    },
    BindExchange {
        dst: usize,
        src: usize,
        key: String,
    },
    UnbindQueue {
        q: usize,
        x: usize,
        key: String,
    },
    Publish {
        slot: usize,
        x: Option<usize>,
        key: String,
        mandatory: bool,
        props: Props,
    },
    Consume {
        slot: usize,
        q: usize,
        prefetch: u16,
        no_ack: bool,
        exclusive: bool,
        priority: i64,
    },
    Settle {
        slot: usize,
        pick: usize,
        bogus: bool,
        kind: usize,
        multiple: bool,
        requeue: bool,
    },
    Cancel {
        slot: usize,
        pick: usize,
    },
    Qos {
        slot: usize,
        n: u16,
        global: bool,
    },
    Get {
        slot: usize,
        q: usize,
        no_ack: bool,
    },
    Purge {
        slot: usize,
        q: usize,
    },
    DeleteQueue {
        slot: usize,
        q: usize,
        if_unused: bool,
        if_empty: bool,
    },
    DeleteExchange {
        x: usize,
        if_unused: bool,
    },
    CloseChannel {
        slot: usize,
    },
    CloseConnection {
        conn: usize,
    },
    Advance {
        ms: u64,
    },
    Restart,
}

#[derive(Clone, Debug)]
enum ArgVal {
    Int(i64),
    Str(String),
    Bool(bool),
}

#[derive(Clone, Debug)]
struct Props {
    expiration: Option<String>,
    priority: Option<u8>,
    persistent: bool,
    headers: Vec<(String, i64)>,
    cc: Vec<String>,
}

fn key() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&WORDS[..]), 0..4).prop_map(|w| w.join("."))
}

fn arg() -> impl Strategy<Value = (String, ArgVal)> {
    // Dead lettering and TTL are weighted up so that short runs reach them.
    prop_oneof![
        3 => (0i64..300).prop_map(|v| ("x-message-ttl".to_string(), ArgVal::Int(v))),
        1 => (0i64..4).prop_map(|v| ("x-max-length".to_string(), ArgVal::Int(v))),
        1 => (0i64..12).prop_map(|v| ("x-max-length-bytes".to_string(), ArgVal::Int(v))),
        1 => prop::sample::select(vec!["drop-head", "reject-publish", "reject-publish-dlx", "bogus"])
            .prop_map(|v| ("x-overflow".to_string(), ArgVal::Str(v.into()))),
        4 => prop::sample::select(vec!["", "x0", "x1", "x2", "missing"])
            .prop_map(|v| ("x-dead-letter-exchange".to_string(), ArgVal::Str(v.into()))),
        1 => prop::sample::select(vec!["q0", "q1", "a.b"]).prop_map(|v| ("x-dead-letter-routing-key".to_string(), ArgVal::Str(v.into()))),
        1 => (0i64..4).prop_map(|v| ("x-max-priority".to_string(), ArgVal::Int(v))),
        1 => any::<bool>().prop_map(|v| ("x-single-active-consumer".to_string(), ArgVal::Bool(v))),
        1 => (-1i64..500).prop_map(|v| ("x-expires".to_string(), ArgVal::Int(v))),
        1 => Just(("x-max-length".to_string(), ArgVal::Str("abc".into()))),
    ]
}

fn props() -> impl Strategy<Value = Props> {
    (
        prop::option::of(prop::sample::select(vec!["0", "10", "100", "1000", "bad"])),
        prop::option::of(0u8..6),
        any::<bool>(),
        prop::collection::vec((prop::sample::select(vec!["h1", "h2", "x-h"]), 0i64..3), 0..3),
        prop::collection::vec(prop::sample::select(vec!["q0", "q1", "a", "b"]), 0..2),
    )
        .prop_map(|(expiration, priority, persistent, headers, cc)| Props {
            expiration: expiration.map(str::to_string),
            priority,
            persistent,
            headers: headers.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            cc: cc.into_iter().map(str::to_string).collect(),
        })
}

fn cmd() -> impl Strategy<Value = Cmd> {
    let q = 0..QUEUES.len();
    let x = 0..EXCHANGES.len();
    let slot = 0..4usize;
    prop_oneof![
        3 => (q.clone(), slot.clone(), any::<bool>(), prop::bool::weighted(0.2), prop::bool::weighted(0.2), prop::collection::vec(arg(), 0..3))
            .prop_map(|(q, slot, durable, exclusive, auto_delete, args)| Cmd::DeclareQueue { q, slot, durable, exclusive, auto_delete, args }),
        2 => (x.clone(), 0..5usize, any::<bool>(), prop::bool::weighted(0.2), prop::bool::weighted(0.1), prop::option::of(0..EXCHANGES.len() + 1))
            .prop_map(|(x, kind, durable, auto_delete, internal, ae)| Cmd::DeclareExchange { x, kind, durable, auto_delete, internal, ae }),
        3 => (q.clone(), x.clone(), key(), prop::collection::vec((prop::sample::select(vec!["h1", "h2", "x-h"]), 0i64..3), 0..3), 0..5usize)
            .prop_map(|(q, x, key, headers, x_match)| Cmd::BindQueue {
                q, x, key, headers: headers.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), x_match
            }),
        1 => (x.clone(), x.clone(), key()).prop_map(|(dst, src, key)| Cmd::BindExchange { dst, src, key }),
        1 => (q.clone(), x.clone(), key()).prop_map(|(q, x, key)| Cmd::UnbindQueue { q, x, key }),
        8 => (slot.clone(), prop::option::of(x.clone()), prop_oneof![key(), prop::sample::select(QUEUES.to_vec()).prop_map(str::to_string)], prop::bool::weighted(0.3), props())
            .prop_map(|(slot, x, key, mandatory, props)| Cmd::Publish { slot, x, key, mandatory, props }),
        3 => (slot.clone(), q.clone(), 0u16..4, prop::bool::weighted(0.25), prop::bool::weighted(0.1), -1i64..2)
            .prop_map(|(slot, q, prefetch, no_ack, exclusive, priority)| Cmd::Consume { slot, q, prefetch, no_ack, exclusive, priority }),
        6 => (slot.clone(), 0..8usize, prop::bool::weighted(0.1), 0..3usize, prop::bool::weighted(0.3), any::<bool>())
            .prop_map(|(slot, pick, bogus, kind, multiple, requeue)| Cmd::Settle { slot, pick, bogus, kind, multiple, requeue }),
        1 => (slot.clone(), 0..4usize).prop_map(|(slot, pick)| Cmd::Cancel { slot, pick }),
        1 => (slot.clone(), 0u16..3, any::<bool>()).prop_map(|(slot, n, global)| Cmd::Qos { slot, n, global }),
        3 => (slot.clone(), q.clone(), any::<bool>()).prop_map(|(slot, q, no_ack)| Cmd::Get { slot, q, no_ack }),
        1 => (slot.clone(), q.clone()).prop_map(|(slot, q)| Cmd::Purge { slot, q }),
        1 => (slot.clone(), q.clone(), any::<bool>(), any::<bool>())
            .prop_map(|(slot, q, if_unused, if_empty)| Cmd::DeleteQueue { slot, q, if_unused, if_empty }),
        1 => (x.clone(), any::<bool>()).prop_map(|(x, if_unused)| Cmd::DeleteExchange { x, if_unused }),
        1 => slot.clone().prop_map(|slot| Cmd::CloseChannel { slot }),
        1 => (0..2usize).prop_map(|conn| Cmd::CloseConnection { conn }),
        2 => prop::sample::select(vec![1u64, 10, 50, 100, 400, 1000]).prop_map(|ms| Cmd::Advance { ms }),
        1 => Just(Cmd::Restart),
    ]
}

/// Where a copy is, according to the events.
#[derive(Clone, Debug, PartialEq)]
enum Place {
    Ready(String),
    Unacked {
        queue: String,
        channel: ChannelId,
        tag: u64,
    },
    /// Delivered with auto-ack; its `Removed` must follow.
    AutoAcking(String),
    Gone(RemovalReason),
}

/// The harness: two connections with two channel slots each (slot / 2 is
/// the connection), reopened on demand; the copies' bookkeeping.
struct Harness {
    b: Broker,
    conns: [ConnectionId; 2],
    slots: [ChannelId; 4],
    places: BTreeMap<CopyId, Place>,
    last_tag: BTreeMap<ChannelId, u64>,
    confirming: BTreeSet<ChannelId>,
}

impl Harness {
    fn new() -> Self {
        let mut b = Broker::new();
        let conns = [b.open_connection("c0"), b.open_connection("c1")];
        let mut h = Harness {
            b,
            conns,
            slots: [0; 4],
            places: BTreeMap::new(),
            last_tag: BTreeMap::new(),
            confirming: BTreeSet::new(),
        };
        for s in 0..4 {
            h.slots[s] = h.open_slot(s);
        }
        h.absorb().unwrap();
        h
    }

    fn open_slot(&mut self, slot: usize) -> ChannelId {
        let c = slot / 2;
        if !self.b.is_connection_open(self.conns[c]) {
            self.conns[c] = self.b.open_connection(format!("c{c}"));
        }
        let ch = self.b.open_channel(self.conns[c]).unwrap();
        if slot % 2 == 0 {
            self.b.confirm_select(ch).unwrap();
            self.confirming.insert(ch);
        }
        ch
    }

    fn ch(&mut self, slot: usize) -> ChannelId {
        if !self.b.is_channel_open(self.slots[slot]) {
            self.slots[slot] = self.open_slot(slot);
        }
        self.slots[slot]
    }

    fn run(&mut self, cmd: &Cmd) {
        let _ = match cmd.clone() {
            Cmd::DeclareQueue { q, slot, durable, exclusive, auto_delete, args } => {
                let ch = self.ch(slot);
                let mut arguments = FieldTable::new();
                for (k, v) in args {
                    let v = match v {
                        ArgVal::Int(i) => FieldValue::Int(i),
                        ArgVal::Str(s) => FieldValue::Str(s),
                        ArgVal::Bool(b) => FieldValue::Bool(b),
                    };
                    arguments.insert(k, v);
                }
                self.b
                    .queue_declare(
                        ch,
                        QueueDeclare {
                            queue: QUEUES[q].into(),
                            durable,
                            exclusive,
                            auto_delete,
                            arguments,
                            ..Default::default()
                        },
                    )
                    .map(|_| ())
            }
            Cmd::DeclareExchange { x, kind, durable, auto_delete, internal, ae } => {
                let ch = self.ch(0);
                let kind = ["direct", "fanout", "topic", "headers", "bogus"][kind].to_string();
                let mut arguments = FieldTable::new();
                if let Some(ae) = ae {
                    arguments.insert("alternate-exchange", FieldValue::from(*EXCHANGES.get(ae).unwrap_or(&"missing")));
                }
                self.b.exchange_declare(
                    ch,
                    ExchangeDeclare {
                        exchange: EXCHANGES[x].into(),
                        kind,
                        durable,
                        auto_delete,
                        internal,
                        arguments,
                        passive: false,
                    },
                )
            }
            Cmd::BindQueue { q, x, key, headers, x_match } => {
                let ch = self.ch(1);
                let mut args: FieldTable = FieldTable::from_pairs(headers);
                if x_match < 4 {
                    args.insert("x-match", FieldValue::from(["all", "any", "all-with-x", "any-with-x"][x_match]));
                }
                self.b.queue_bind(ch, QUEUES[q], EXCHANGES[x], &key, args)
            }
            Cmd::BindExchange { dst, src, key } => {
                let ch = self.ch(1);
                self.b.exchange_bind(ch, EXCHANGES[dst], EXCHANGES[src], &key, FieldTable::new())
            }
            Cmd::UnbindQueue { q, x, key } => {
                let ch = self.ch(3);
                self.b.queue_unbind(ch, QUEUES[q], EXCHANGES[x], &key, FieldTable::new())
            }
            Cmd::Publish { slot, x, key, mandatory, props } => {
                let ch = self.ch(slot);
                let mut headers = FieldTable::from_pairs(props.headers);
                if !props.cc.is_empty() {
                    headers.insert(
                        "CC",
                        FieldValue::Array(props.cc.iter().map(|k| FieldValue::from(k.as_str())).collect()),
                    );
                }
                let properties = Properties {
                    expiration: props.expiration,
                    priority: props.priority,
                    delivery_mode: Some(if props.persistent { 2 } else { 1 }),
                    headers: if headers.is_empty() { None } else { Some(headers) },
                    ..Default::default()
                };
                let exchange = x.map(|x| EXCHANGES[x].to_string()).unwrap_or_default();
                self.b
                    .basic_publish(
                        ch,
                        Publish { exchange, routing_key: key, mandatory, properties, body: "body".into() },
                    )
                    .map(|_| ())
            }
            Cmd::Consume { slot, q, prefetch, no_ack, exclusive, priority } => {
                let ch = self.ch(slot);
                let _ = self.b.basic_qos(ch, prefetch, false);
                let ch = self.ch(slot);
                let mut arguments = FieldTable::new();
                if priority != 0 {
                    arguments.insert("x-priority", FieldValue::Int(priority));
                }
                self.b
                    .basic_consume(
                        ch,
                        ConsumeOptions {
                            queue: QUEUES[q].into(),
                            consumer_tag: String::new(),
                            no_ack,
                            exclusive,
                            arguments,
                        },
                    )
                    .map(|_| ())
            }
            Cmd::Settle { slot, pick, bogus, kind, multiple, requeue } => {
                let ch = self.ch(slot);
                let tags: Vec<u64> = self.b.channel(ch).unwrap().unacked.keys().copied().collect();
                let tag = if bogus || tags.is_empty() { 1000 + pick as u64 } else { tags[pick % tags.len()] };
                match kind {
                    0 => self.b.basic_ack(ch, tag, multiple),
                    1 => self.b.basic_nack(ch, tag, multiple, requeue),
                    _ => self.b.basic_reject(ch, tag, requeue),
                }
            }
            Cmd::Cancel { slot, pick } => {
                let ch = self.ch(slot);
                let tags: Vec<String> = self.b.channel(ch).unwrap().consumers.keys().cloned().collect();
                let tag = tags.get(pick % tags.len().max(1)).cloned().unwrap_or_else(|| "none".into());
                self.b.basic_cancel(ch, &tag)
            }
            Cmd::Qos { slot, n, global } => {
                let ch = self.ch(slot);
                self.b.basic_qos(ch, n, global)
            }
            Cmd::Get { slot, q, no_ack } => {
                let ch = self.ch(slot);
                self.b.basic_get(ch, QUEUES[q], no_ack).map(|_| ())
            }
            Cmd::Purge { slot, q } => {
                let ch = self.ch(slot);
                self.b.queue_purge(ch, QUEUES[q]).map(|_| ())
            }
            Cmd::DeleteQueue { slot, q, if_unused, if_empty } => {
                let ch = self.ch(slot);
                self.b.queue_delete(ch, QUEUES[q], if_unused, if_empty).map(|_| ())
            }
            Cmd::DeleteExchange { x, if_unused } => {
                let ch = self.ch(3);
                self.b.exchange_delete(ch, EXCHANGES[x], if_unused)
            }
            Cmd::CloseChannel { slot } => {
                let ch = self.ch(slot);
                self.b.close_channel(ch);
                Ok(())
            }
            Cmd::CloseConnection { conn } => {
                self.b.close_connection(self.conns[conn]);
                Ok(())
            }
            Cmd::Advance { ms } => {
                self.b.advance(ms);
                Ok(())
            }
            Cmd::Restart => {
                self.b.restart();
                Ok(())
            }
        };
    }

    /// Applies the events since the last call to the bookkeeping, checking
    /// each transition.
    fn absorb(&mut self) -> Result<(), String> {
        let events = self.b.take_events();
        let mut routed: BTreeMap<MessageId, (bool, bool, Option<ChannelId>)> = BTreeMap::new(); // id -> (mandatory, unroutable, channel)
        let mut outcome: BTreeMap<MessageId, usize> = BTreeMap::new();
        let mut confirms: BTreeMap<MessageId, usize> = BTreeMap::new();
        for e in &events {
            match e {
                Event::Published { message, mandatory, channel } => {
                    routed.insert(message.id, (*mandatory, false, *channel));
                }
                Event::Routed { message, route } => {
                    let r = routed.get_mut(message).ok_or("Routed without Published")?;
                    r.1 = route.queues.is_empty();
                }
                Event::Returned { message, .. } | Event::Unroutable { message } => {
                    *outcome.entry(*message).or_default() += 1;
                    let (mandatory, unroutable, channel) =
                        routed.get(message).copied().ok_or("return of an unknown message")?;
                    if !unroutable {
                        return Err(format!("message {message} returned/unroutable but routed to queues"));
                    }
                    let returned = matches!(e, Event::Returned { .. });
                    if returned != (mandatory && channel.is_some()) {
                        return Err(format!("message {message}: mandatory={mandatory} but returned={returned}"));
                    }
                }
                Event::Confirmed { message, channel, .. } => {
                    *confirms.entry(*message).or_default() += 1;
                    if !self.confirming.contains(channel) {
                        return Err(format!("confirm on a channel without confirm mode: {channel}"));
                    }
                }
                Event::Enqueued { queue, copy, .. }
                    if self.places.insert(*copy, Place::Ready(queue.to_string())).is_some() =>
                {
                    return Err(format!("copy {copy} enqueued twice"));
                }
                Event::Delivered { queue, copy, channel, delivery_tag, auto_ack, .. } => {
                    let last = self.last_tag.entry(*channel).or_insert(0);
                    if *delivery_tag <= *last {
                        return Err(format!("delivery tag {delivery_tag} reused on channel {channel} (last {last})"));
                    }
                    *last = *delivery_tag;
                    if &**queue == "amq.rabbitmq.reply-to" {
                        continue;
                    }
                    match self.places.get(copy) {
                        Some(Place::Ready(q)) if q == &**queue => {}
                        other => return Err(format!("copy {copy} delivered from {queue} but was {other:?}")),
                    }
                    let place = if *auto_ack {
                        Place::AutoAcking(queue.to_string())
                    } else {
                        Place::Unacked { queue: queue.to_string(), channel: *channel, tag: *delivery_tag }
                    };
                    self.places.insert(*copy, place);
                }
                Event::Requeued { queue, copy, channel, delivery_tag, .. } => match self.places.get(copy) {
                    Some(Place::Unacked { queue: q, channel: c, tag })
                        if q == &**queue && c == channel && tag == delivery_tag =>
                    {
                        self.places.insert(*copy, Place::Ready(queue.to_string()));
                    }
                    other => return Err(format!("copy {copy} requeued but was {other:?}")),
                },
                Event::Removed { queue, copy, reason } => {
                    let ok = match (self.places.get(copy), reason) {
                        (Some(Place::AutoAcking(q)), RemovalReason::AutoAcked) => q == &**queue,
                        (Some(Place::Ready(q)), r) => {
                            q == &**queue
                                && matches!(
                                    r,
                                    RemovalReason::Expired
                                        | RemovalReason::MaxLength
                                        | RemovalReason::Purged
                                        | RemovalReason::QueueDeleted
                                        | RemovalReason::LostOnRestart
                                )
                        }
                        (Some(Place::Unacked { queue: q, .. }), r) => {
                            q == &**queue
                                && matches!(
                                    r,
                                    RemovalReason::Acked | RemovalReason::Rejected | RemovalReason::QueueDeleted
                                )
                        }
                        _ => false,
                    };
                    if !ok {
                        return Err(format!(
                            "copy {copy} removed from {queue} ({reason:?}) but was {:?}",
                            self.places.get(copy)
                        ));
                    }
                    self.places.insert(*copy, Place::Gone(*reason));
                }
                _ => {}
            }
        }
        for (id, (_, unroutable, _)) in &routed {
            let n = outcome.get(id).copied().unwrap_or(0);
            if *unroutable && n != 1 {
                return Err(format!("unroutable message {id} has {n} Returned/Unroutable events"));
            }
        }
        for (id, n) in confirms {
            if n != 1 {
                return Err(format!("message {id} confirmed {n} times"));
            }
        }
        if let Some((copy, p)) = self.places.iter().find(|(_, p)| matches!(p, Place::AutoAcking(_))) {
            return Err(format!("copy {copy} auto-acked without a Removed event: {p:?}"));
        }
        Ok(())
    }

    /// Compares the bookkeeping with the broker's state.
    fn check_state(&self) -> Result<(), String> {
        // Ready copies.
        let mut ready_by_queue: BTreeMap<String, BTreeSet<CopyId>> = BTreeMap::new();
        let mut unacked_by_queue: BTreeMap<String, u64> = BTreeMap::new();
        for (copy, p) in &self.places {
            match p {
                Place::Ready(q) => {
                    ready_by_queue.entry(q.clone()).or_default().insert(*copy);
                }
                Place::Unacked { queue, channel, tag } => {
                    *unacked_by_queue.entry(queue.clone()).or_default() += 1;
                    let ch =
                        self.b.channel(*channel).ok_or(format!("copy {copy} unacked on closed channel {channel}"))?;
                    let u =
                        ch.unacked.get(tag).ok_or(format!("copy {copy}: tag {tag} missing on channel {channel}"))?;
                    if u.message.copy != *copy || &*u.queue != queue.as_str() {
                        return Err(format!("channel {channel} tag {tag} holds copy {} not {copy}", u.message.copy));
                    }
                }
                _ => {}
            }
        }
        for q in self.b.queues() {
            let actual: BTreeSet<CopyId> = q.ready.iter().map(|m| m.copy).collect();
            if actual.len() != q.ready.len() {
                return Err(format!(
                    "queue {}: ready.len() {} but {} distinct copies",
                    q.name,
                    q.ready.len(),
                    actual.len()
                ));
            }
            let expected = ready_by_queue.remove(&*q.name).unwrap_or_default();
            if actual != expected {
                return Err(format!("queue {}: ready {actual:?} but events say {expected:?}", q.name));
            }
            let unacked = unacked_by_queue.remove(&*q.name).unwrap_or(0);
            if q.unacked != unacked {
                return Err(format!("queue {}: unacked {} but events say {unacked}", q.name, q.unacked));
            }
            let bytes: u64 = q.ready.iter().map(|m| m.message.size()).sum();
            if bytes != q.ready.bytes() {
                return Err(format!("queue {}: bytes {} but bodies sum to {bytes}", q.name, q.ready.bytes()));
            }
            for c in &q.consumers {
                if !c.no_ack && c.prefetch > 0 && c.unacked > c.prefetch {
                    return Err(format!(
                        "consumer {} on {}: {} unacked over prefetch {}",
                        c.tag, q.name, c.unacked, c.prefetch
                    ));
                }
                let ch = self.b.channel(c.channel).ok_or(format!("consumer {} on closed channel", c.tag))?;
                let held = ch
                    .unacked
                    .values()
                    .filter(|u| u.consumer.as_deref() == Some(&c.tag) && u.queue == q.name)
                    .filter(|u| matches!(self.places.get(&u.message.copy), Some(Place::Unacked { .. })))
                    .count() as u32;
                if held != c.unacked {
                    return Err(format!("consumer {}: count {} but channel holds {held}", c.tag, c.unacked));
                }
                if ch.consumers.get(&*c.tag) != Some(&q.name) {
                    return Err(format!("consumer {} not registered on its channel", c.tag));
                }
            }
            if q.settings.single_active_consumer && !q.consumers.is_empty() && q.active_consumer().is_none() {
                return Err(format!("queue {}: consumers but no active one", q.name));
            }
        }
        if let Some((q, copies)) = ready_by_queue.into_iter().find(|(_, c)| !c.is_empty()) {
            return Err(format!("copies {copies:?} ready in missing queue {q}"));
        }
        if let Some((q, n)) = unacked_by_queue.into_iter().find(|(_, n)| *n > 0) {
            return Err(format!("{n} copies unacked from missing queue {q}"));
        }
        // Every unacked entry on a channel is tracked as unacked there, or
        // gone with its deleted queue.
        for ch in self.b.channels() {
            for (tag, u) in &ch.unacked {
                match self.places.get(&u.message.copy) {
                    Some(Place::Unacked { channel, tag: t, .. }) if *channel == ch.id && t == tag => {}
                    Some(Place::Gone(RemovalReason::QueueDeleted)) => {}
                    other => return Err(format!("channel {} tag {tag}: copy {} is {other:?}", ch.id, u.message.copy)),
                }
            }
            for (tag, q) in &ch.consumers {
                let found =
                    self.b.queue(q).is_some_and(|q| q.consumers.iter().any(|c| c.channel == ch.id && *c.tag == **tag));
                if !found {
                    return Err(format!("channel {} lists consumer {tag} on {q} which does not have it", ch.id));
                }
            }
        }
        Ok(())
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

fn commands() -> impl Strategy<Value = Vec<Cmd>> {
    let n = std::env::var("PROPTEST_COMMANDS").ok().and_then(|v| v.parse().ok()).unwrap_or(40usize);
    prop::collection::vec(cmd(), 1..=n)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn invariants_hold_after_every_command(cmds in commands()) {
        let mut h = Harness::new();
        for (i, c) in cmds.iter().enumerate() {
            h.run(c);
            if let Err(e) = h.absorb().and_then(|_| h.check_state()) {
                prop_assert!(false, "after command {i} {c:?}: {e}");
            }
        }
    }

    #[test]
    fn same_commands_same_events(cmds in commands()) {
        let play = |cmds: &[Cmd]| {
            let mut h = Harness::new();
            let mut log = String::new();
            for c in cmds {
                h.run(c);
                log.push_str(&format!("{:?}\n", h.b.take_events()));
            }
            log
        };
        prop_assert_eq!(play(&cmds), play(&cmds));
    }
}

/// A fixed, long mixed sequence (a smoke test that always runs the same
/// path, independent of the random cases).
#[test]
fn scripted_long_run_keeps_invariants() {
    let mut h = Harness::new();
    let mut script = Vec::new();
    for i in 0..400usize {
        script.push(match i % 11 {
            0 => Cmd::DeclareQueue {
                q: i % 4,
                slot: i % 4,
                durable: i % 3 == 0,
                exclusive: false,
                auto_delete: false,
                args: vec![("x-max-length".into(), ArgVal::Int(3))],
            },
            1 => Cmd::DeclareExchange {
                x: i % 3,
                kind: i % 4,
                durable: false,
                auto_delete: false,
                internal: false,
                ae: Some((i + 1) % 3),
            },
            2 => Cmd::BindQueue { q: i % 4, x: i % 3, key: "#".into(), headers: vec![], x_match: 4 },
            3..=5 => Cmd::Publish {
                slot: i % 4,
                x: Some(i % 3),
                key: "a.b".into(),
                mandatory: i % 2 == 0,
                props: Props {
                    expiration: Some("100".into()),
                    priority: None,
                    persistent: true,
                    headers: vec![],
                    cc: vec![],
                },
            },
            6 => Cmd::Consume { slot: i % 4, q: i % 4, prefetch: 2, no_ack: false, exclusive: false, priority: 0 },
            7 => Cmd::Settle { slot: i % 4, pick: i, bogus: false, kind: i % 3, multiple: i % 2 == 0, requeue: true },
            8 => Cmd::Advance { ms: 60 },
            9 => Cmd::Get { slot: i % 4, q: i % 4, no_ack: false },
            _ => {
                if i % 5 == 0 {
                    Cmd::Restart
                } else {
                    Cmd::CloseChannel { slot: i % 4 }
                }
            }
        });
    }
    for (i, c) in script.iter().enumerate() {
        h.run(c);
        if let Err(e) = h.absorb().and_then(|_| h.check_state()) {
            panic!("after command {i} {c:?}: {e}");
        }
    }
}
