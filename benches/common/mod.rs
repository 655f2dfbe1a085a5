//! The engine workloads, shared by the native benchmark (`benches/engine.rs`,
//! timed with `Instant`) and the same workloads compiled to wasm and timed
//! in Chromium with `performance.now()` (`tests/wasm_bench.rs`). Nothing
//! here reads a clock, so both time exactly the same code.

#![allow(dead_code)]

use std::hint::black_box;

use warren::engine::{
    Broker, ChannelId, ConsumeOptions, Event, ExchangeDeclare, ExchangeType, FieldTable, FieldValue, Properties,
    Publish, QueueDeclare,
};

/// A tiny deterministic generator for keys.
pub struct Lcg(pub u64);
impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

pub fn broker_with_channel() -> (Broker, ChannelId) {
    let mut b = Broker::new();
    let c = b.open_connection("bench");
    let ch = b.open_channel(c).unwrap();
    (b, ch)
}

/// A topic exchange `t` with `n` bindings over `n / 10` queues (at least
/// one), with a realistic mix of patterns: literal keys, `*` and `#`; and
/// 1,024 routing keys to route.
pub struct Topic {
    pub broker: Broker,
    pub keys: Vec<String>,
}

impl Topic {
    pub fn new(n: usize) -> Self {
        let (mut b, ch) = broker_with_channel();
        b.exchange_declare(ch, ExchangeDeclare::new("t", ExchangeType::Topic)).unwrap();
        let queues = (n / 10).max(1);
        for q in 0..queues {
            b.queue_declare(ch, QueueDeclare::new(format!("q{q}"))).unwrap();
        }
        let mut rng = Lcg(42);
        for i in 0..n {
            let region = rng.next() % 20;
            let service = rng.next() % 50;
            let level = ["info", "warn", "error", "debug"][(rng.next() % 4) as usize];
            let key = match i % 5 {
                0 => format!("r{region}.s{service}.{level}"),
                1 => format!("r{region}.*.{level}.{i}"),
                2 => format!("r{region}.s{service}.#"),
                3 => format!("*.s{service}.{level}.{i}"),
                _ => format!("#.{level}.{i}"),
            };
            b.queue_bind(ch, &format!("q{}", i % queues), "t", &key, FieldTable::new()).unwrap();
        }
        let keys: Vec<String> = (0..1024)
            .map(|k| {
                let region = rng.next() % 20;
                let service = rng.next() % 50;
                let level = ["info", "warn", "error", "debug"][(rng.next() % 4) as usize];
                let tail = rng.next() % (n as u64 * 2);
                if k % 2 == 0 {
                    format!("r{region}.s{service}.{level}")
                } else {
                    format!("r{region}.s{service}.{level}.{tail}")
                }
            })
            .collect();
        Topic { broker: b, keys }
    }

    /// Queues matched per key, on average.
    pub fn fan_out(&self) -> f64 {
        let matched: usize = self.keys.iter().map(|k| self.broker.route("t", k, None).queues.len()).sum();
        matched as f64 / self.keys.len() as f64
    }

    /// Routes `iters` publishes (cycling through the keys).
    pub fn run(&self, iters: u64) {
        for i in 0..iters as usize {
            black_box(self.broker.route("t", &self.keys[i & 1023], None));
        }
    }
}

/// A headers exchange `h` with `n` bindings over 100 queues and 256 header
/// tables to route.
pub struct Headers {
    pub broker: Broker,
    pub headers: Vec<FieldTable>,
}

impl Headers {
    pub fn new(n: usize) -> Self {
        let (mut b, ch) = broker_with_channel();
        b.exchange_declare(ch, ExchangeDeclare::new("h", ExchangeType::Headers)).unwrap();
        for q in 0..100 {
            b.queue_declare(ch, QueueDeclare::new(format!("q{q}"))).unwrap();
        }
        let mut rng = Lcg(7);
        for i in 0..n {
            let mut args = FieldTable::new();
            args.insert("x-match", FieldValue::from(if i % 3 == 0 { "any" } else { "all" }));
            args.insert("format", FieldValue::from(["pdf", "zip", "txt", "csv"][(rng.next() % 4) as usize]));
            args.insert("type", FieldValue::from(format!("t{}", rng.next() % 25)));
            if i % 2 == 0 {
                args.insert("size", FieldValue::Int((rng.next() % 10) as i64));
            }
            b.queue_bind(ch, &format!("q{}", i % 100), "h", "", args).unwrap();
        }
        let headers: Vec<FieldTable> = (0..256)
            .map(|_| {
                let mut h = FieldTable::new();
                h.insert("format", FieldValue::from(["pdf", "zip", "txt", "csv"][(rng.next() % 4) as usize]));
                h.insert("type", FieldValue::from(format!("t{}", rng.next() % 25)));
                h.insert("size", FieldValue::Int((rng.next() % 10) as i64));
                h.insert("app", FieldValue::from("bench"));
                h
            })
            .collect();
        Headers { broker: b, headers }
    }

    /// Routes `iters` publishes (cycling through the header tables).
    pub fn run(&self, iters: u64) {
        for i in 0..iters as usize {
            black_box(self.broker.route("h", "", Some(&self.headers[i & 255])));
        }
    }
}

/// publish → route → enqueue → deliver → ack, 4 consumers at prefetch 10,
/// events taken every batch so memory stays flat.
pub struct Cycle {
    pub broker: Broker,
    ch: ChannelId,
    acks: Vec<(ChannelId, u64)>,
}

/// Messages published per round of [`Cycle::run`].
pub const CYCLE_BATCH: u64 = 40;

impl Cycle {
    pub fn new() -> Self {
        let (mut b, ch) = broker_with_channel();
        b.queue_declare(ch, QueueDeclare::new("work")).unwrap();
        b.exchange_declare(ch, ExchangeDeclare::new("x", ExchangeType::Direct)).unwrap();
        b.queue_bind(ch, "work", "x", "job", FieldTable::new()).unwrap();
        let conn = b.open_connection("consumers");
        for i in 0..4 {
            let c = b.open_channel(conn).unwrap();
            b.basic_qos(c, 10, false).unwrap();
            b.basic_consume(
                c,
                ConsumeOptions { queue: "work".into(), consumer_tag: format!("c{i}"), ..Default::default() },
            )
            .unwrap();
        }
        b.take_events();
        Cycle { broker: b, ch, acks: Vec::with_capacity(64) }
    }

    /// `rounds` rounds of [`CYCLE_BATCH`] messages each.
    pub fn run(&mut self, rounds: u64) {
        let b = &mut self.broker;
        for _ in 0..rounds {
            for _ in 0..CYCLE_BATCH {
                b.basic_publish(
                    self.ch,
                    Publish {
                        exchange: "x".into(),
                        routing_key: "job".into(),
                        mandatory: false,
                        properties: Properties::default(),
                        body: "payload".into(),
                    },
                )
                .unwrap();
            }
            for e in b.take_events() {
                if let Event::Delivered { channel, delivery_tag, .. } = e {
                    self.acks.push((channel, delivery_tag));
                }
            }
            for (c, t) in self.acks.drain(..) {
                b.basic_ack(c, t, false).unwrap();
            }
            b.take_events();
        }
    }

    /// Every message delivered and acked.
    pub fn drained(&self) -> bool {
        let q = self.broker.queue("work").unwrap();
        q.ready.is_empty() && q.unacked == 0
    }
}
