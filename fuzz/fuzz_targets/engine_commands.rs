//! Random command sequences against the broker: no panic, and the copy
//! accounting invariant holds after every command (every copy a publish put
//! in a queue is ready, unacked, or gone with a recorded reason).
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use warren::engine::*;

const NAMES: [&str; 4] = ["a", "b", "c", "amq.x"];
const KEYS: [&str; 6] = ["", "a", "a.b", "#", "*.b", "a.#"];

struct Bytes<'a>(&'a [u8]);
impl Bytes<'_> {
    fn next(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    fn pick<'s>(&mut self, from: &[&'s str]) -> Option<&'s str> {
        Some(from[self.next()? as usize % from.len()])
    }
}

#[derive(PartialEq, Debug)]
enum Place {
    Ready,
    Unacked,
    Gone,
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let mut broker = Broker::new();
    let conn = broker.open_connection("fuzz");
    let mut channels = vec![broker.open_channel(conn).unwrap()];
    let mut places: HashMap<CopyId, Place> = HashMap::new();
    while let Some(op) = b.next() {
        let ch = channels[b.next().unwrap_or(0) as usize % channels.len()];
        let _ = match op % 16 {
            0 => {
                let kind = ["direct", "fanout", "topic", "headers", "x-bogus"][b.next().unwrap_or(0) as usize % 5];
                let mut d = ExchangeDeclare::new(b.pick(&NAMES).unwrap_or("a"), ExchangeType::Direct);
                d.kind = kind.to_string();
                d.durable = b.next().unwrap_or(0) % 2 == 0;
                if b.next().unwrap_or(0) % 3 == 0 {
                    d.arguments.insert("alternate-exchange", FieldValue::from(b.pick(&NAMES).unwrap_or("b")));
                }
                broker.exchange_declare(ch, d).map(|_| ())
            }
            1 => {
                let mut d = QueueDeclare::new(b.pick(&NAMES).unwrap_or("a"));
                let flags = b.next().unwrap_or(0);
                d.durable = flags & 1 != 0;
                d.exclusive = flags & 2 != 0;
                d.auto_delete = flags & 4 != 0;
                let arg = b.next().unwrap_or(0);
                let n = (b.next().unwrap_or(0) as i64) - 20;
                match arg % 8 {
                    0 => d.arguments.insert("x-message-ttl", FieldValue::Int(n)),
                    1 => d.arguments.insert("x-max-length", FieldValue::Int(n)),
                    2 => d.arguments.insert("x-dead-letter-exchange", FieldValue::from(b.pick(&NAMES).unwrap_or("a"))),
                    3 => d.arguments.insert("x-max-priority", FieldValue::Int(n)),
                    4 => d.arguments.insert("x-overflow", FieldValue::from("reject-publish-dlx")),
                    5 => d.arguments.insert("x-expires", FieldValue::Int(n)),
                    6 => d.arguments.insert("x-single-active-consumer", FieldValue::Bool(true)),
                    _ => {}
                }
                broker.queue_declare(ch, d).map(|_| ())
            }
            2 => broker.queue_bind(
                ch,
                b.pick(&NAMES).unwrap_or("a"),
                b.pick(&NAMES).unwrap_or("a"),
                b.pick(&KEYS).unwrap_or(""),
                FieldTable::new(),
            ),
            3 => broker.exchange_bind(
                ch,
                b.pick(&NAMES).unwrap_or("a"),
                b.pick(&NAMES).unwrap_or("a"),
                b.pick(&KEYS).unwrap_or(""),
                FieldTable::new(),
            ),
            4 | 5 => {
                let mut p = Publish {
                    exchange: if op % 2 == 0 { String::new() } else { b.pick(&NAMES).unwrap_or("a").to_string() },
                    routing_key: b.pick(&NAMES).unwrap_or("a").to_string(),
                    mandatory: b.next().unwrap_or(0) % 2 == 0,
                    ..Default::default()
                };
                let e = b.next().unwrap_or(0);
                if e % 3 == 0 {
                    p.properties.expiration = Some((e / 3).to_string());
                }
                p.properties.priority = Some(b.next().unwrap_or(0));
                broker.basic_publish(ch, p).map(|_| ())
            }
            6 => broker
                .basic_consume(
                    ch,
                    ConsumeOptions {
                        queue: b.pick(&NAMES).unwrap_or("a").to_string(),
                        no_ack: b.next().unwrap_or(0) % 2 == 0,
                        ..Default::default()
                    },
                )
                .map(|_| ()),
            7 => broker.basic_ack(ch, b.next().unwrap_or(0) as u64 % 8, b.next().unwrap_or(0) % 2 == 0),
            8 => broker.basic_nack(
                ch,
                b.next().unwrap_or(0) as u64 % 8,
                b.next().unwrap_or(0) % 2 == 0,
                b.next().unwrap_or(0) % 2 == 0,
            ),
            9 => broker.basic_qos(ch, b.next().unwrap_or(0) as u16 % 4, b.next().unwrap_or(0) % 2 == 0),
            10 => broker.basic_get(ch, b.pick(&NAMES).unwrap_or("a"), b.next().unwrap_or(0) % 2 == 0).map(|_| ()),
            11 => {
                broker.advance(b.next().unwrap_or(0) as u64 * 10);
                Ok(())
            }
            12 => {
                if let Ok(c) = broker.open_channel(conn) {
                    channels.push(c);
                }
                Ok(())
            }
            13 => {
                broker.close_channel(ch);
                Ok(())
            }
            14 => broker.queue_delete(ch, b.pick(&NAMES).unwrap_or("a"), false, false).map(|_| ()),
            _ => {
                if b.next().unwrap_or(0) % 8 == 0 {
                    broker.restart();
                }
                broker.queue_purge(ch, b.pick(&NAMES).unwrap_or("a")).map(|_| ())
            }
        };
        // Reopen what errors closed.
        if !broker.is_connection_open(conn) {
            return;
        }
        channels.retain(|c| broker.is_channel_open(*c));
        if channels.is_empty() {
            channels.push(broker.open_channel(conn).unwrap());
        }
        for e in broker.take_events() {
            match e {
                Event::Enqueued { copy, .. } => {
                    assert!(places.insert(copy, Place::Ready).is_none(), "a copy enqueued twice");
                }
                Event::Delivered { copy, queue, .. } if &*queue != "amq.rabbitmq.reply-to" => {
                    // An auto-acked delivery is followed by its Removed event.
                    assert_eq!(places.get(&copy), Some(&Place::Ready), "delivered a copy that was not ready");
                    places.insert(copy, Place::Unacked);
                }
                Event::Requeued { copy, .. } => {
                    assert_eq!(places.get(&copy), Some(&Place::Unacked));
                    places.insert(copy, Place::Ready);
                }
                Event::Removed { copy, .. } => {
                    assert_ne!(places.get(&copy), Some(&Place::Gone), "removed twice");
                    places.insert(copy, Place::Gone);
                }
                _ => {}
            }
        }
        let ready: usize = broker.queues().map(|q| q.ready.len()).sum();
        let tracked_ready = places.values().filter(|p| **p == Place::Ready).count();
        assert_eq!(ready, tracked_ready, "ready copies match the events");
        for q in broker.queues() {
            for c in &q.consumers {
                if !c.no_ack && c.prefetch > 0 {
                    assert!(c.unacked <= c.prefetch);
                }
            }
        }
    }
});
