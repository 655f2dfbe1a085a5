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
use warren::monitor::runtime::Runtime;

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
/// 1,024 routing keys to route. The sparse workload: at 10,000 bindings a
/// key reaches about 2.3 queues.
pub struct Topic {
    pub broker: Broker,
    pub keys: Vec<String>,
}

impl Topic {
    /// `n` bindings whose words range over 20 regions and 50 services (the
    /// sparse 10,000-binding workload).
    pub fn new(n: usize) -> Self {
        Self::with_space(n, (n / 10).max(1), 20, 50, n as u64 * 2)
    }

    /// The same patterns over `queues` queues, with `regions` regions,
    /// `services` services and `tails` numbers ending 4-word keys, so that a
    /// small binding set still matches (10 bindings over 10 queues: 1
    /// region, 2 services, 10 tails).
    pub fn with_space(n: usize, queues: usize, regions: u64, services: u64, tails: u64) -> Self {
        let (mut b, ch) = broker_with_channel();
        b.exchange_declare(ch, ExchangeDeclare::new("t", ExchangeType::Topic)).unwrap();
        for q in 0..queues {
            b.queue_declare(ch, QueueDeclare::new(format!("q{q}"))).unwrap();
        }
        let mut rng = Lcg(42);
        for i in 0..n {
            let region = rng.next() % regions;
            let service = rng.next() % services;
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
                let region = rng.next() % regions;
                let service = rng.next() % services;
                let level = ["info", "warn", "error", "debug"][(rng.next() % 4) as usize];
                let tail = rng.next() % tails;
                if k % 2 == 0 {
                    format!("r{region}.s{service}.{level}")
                } else {
                    format!("r{region}.s{service}.{level}.{tail}")
                }
            })
            .collect();
        Topic { broker: b, keys }
    }

    /// The dense workload: `n` bindings over `queues` queues whose keys
    /// take their words from a 12-word vocabulary; 30 % of the binding
    /// keys hold a wildcard (`*` or `#`). Routing keys are 4 words long, so
    /// at 10,000 bindings over 1,000 queues a key reaches about 130
    /// queues (printed by the bench).
    pub fn dense(n: usize, queues: usize) -> Self {
        const VOCABULARY: [&str; 12] =
            ["eu", "us", "orders", "payments", "users", "created", "updated", "deleted", "info", "warn", "error", "v2"];
        let (mut b, ch) = broker_with_channel();
        b.exchange_declare(ch, ExchangeDeclare::new("t", ExchangeType::Topic)).unwrap();
        for q in 0..queues {
            b.queue_declare(ch, QueueDeclare::new(format!("q{q}"))).unwrap();
        }
        let mut rng = Lcg(1234);
        let word = |rng: &mut Lcg| VOCABULARY[(rng.next() % 12) as usize];
        for i in 0..n {
            let len = 2 + rng.next() % 3;
            let mut words: Vec<&str> = (0..len).map(|_| word(&mut rng)).collect();
            if i % 10 < 3 {
                // One wildcard, and each other word a wildcard too one time in eight.
                let at = (rng.next() % len) as usize;
                for (j, w) in words.iter_mut().enumerate() {
                    if j == at || rng.next() % 8 == 0 {
                        *w = if rng.next() % 2 == 0 { "*" } else { "#" };
                    }
                }
            }
            b.queue_bind(ch, &format!("q{}", i % queues), "t", &words.join("."), FieldTable::new()).unwrap();
        }
        let keys: Vec<String> =
            (0..1024).map(|_| (0..3).map(|_| word(&mut rng)).collect::<Vec<_>>().join(".")).collect();
        Topic { broker: b, keys }
    }

    /// Queues matched per key, on average.
    pub fn fan_out(&self) -> f64 {
        let matched: usize = self.keys.iter().map(|k| self.broker.route("t", k, None).queues.len()).sum();
        matched as f64 / self.keys.len() as f64
    }

    /// Bindings matched per key, on average.
    pub fn bindings_matched(&self) -> f64 {
        let matched: usize = self.keys.iter().map(|k| self.broker.route("t", k, None).hops[0].matched.len()).sum();
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

    /// Queues matched per header table, on average.
    pub fn fan_out(&self) -> f64 {
        let matched: usize = self.headers.iter().map(|h| self.broker.route("h", "", Some(h)).queues.len()).sum();
        matched as f64 / self.headers.len() as f64
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

/// basic.publish into a fanout exchange `f` with `queues` bound queues:
/// route and enqueue a copy in each (events taken after every publish).
/// To keep memory flat, every [`FANOUT_BATCH`] publishes the queues are
/// purged; that purge is part of the measured time.
pub struct FanoutPublish {
    pub broker: Broker,
    ch: ChannelId,
    queues: Vec<String>,
}

/// Publishes between two purges in [`FanoutPublish::run`].
pub const FANOUT_BATCH: u64 = 10;

impl FanoutPublish {
    pub fn new(queues: usize) -> Self {
        let (mut b, ch) = broker_with_channel();
        b.exchange_declare(ch, ExchangeDeclare::new("f", ExchangeType::Fanout)).unwrap();
        let names: Vec<String> = (0..queues).map(|q| format!("q{q}")).collect();
        for q in &names {
            b.queue_declare(ch, QueueDeclare::new(q.clone())).unwrap();
            b.queue_bind(ch, q, "f", "", FieldTable::new()).unwrap();
        }
        b.take_events();
        FanoutPublish { broker: b, ch, queues: names }
    }

    /// Copies enqueued per publish.
    pub fn fan_out(&self) -> usize {
        self.broker.route("f", "", None).queues.len()
    }

    /// `rounds` rounds of [`FANOUT_BATCH`] publishes, then a purge.
    pub fn run(&mut self, rounds: u64) {
        let b = &mut self.broker;
        for _ in 0..rounds {
            for _ in 0..FANOUT_BATCH {
                b.basic_publish(
                    self.ch,
                    Publish {
                        exchange: "f".into(),
                        routing_key: String::new(),
                        mandatory: false,
                        properties: Properties::default(),
                        body: "news".into(),
                    },
                )
                .unwrap();
                black_box(b.take_events());
            }
            for q in &self.queues {
                b.queue_purge(self.ch, q).unwrap();
            }
            black_box(b.take_events());
        }
    }
}

/// The page's stress case "a fanout to 1,000 queues" (e2e/runaway.test.mjs):
/// a producer every 100 ms into a fanout bound to 1,000 queues, played at
/// speed 10. One tick is what the page's animation frame does with the
/// engine: `Runtime::frame` (advance the simulation by the frame's virtual
/// time, the monitor ingests the events, dots are added). Frames are 1/60 s
/// of wall time apart.
pub struct FanoutTick {
    pub runtime: Runtime,
    now: f64,
}

impl FanoutTick {
    pub fn new(queues: usize) -> Self {
        let qs: Vec<serde_json::Value> = (0..queues)
            .map(|i| serde_json::json!({"id": format!("q{i}"), "name": format!("q{i}"), "x": 500 + (i % 20) * 230, "y": 100 + (i / 20) * 150}))
            .collect();
        let bindings: Vec<serde_json::Value> =
            (0..queues).map(|i| serde_json::json!({"from": "x", "to": format!("q{i}")})).collect();
        let doc = serde_json::json!({
            "warren": 1, "speed": 10, "title": "fanout to 1,000 queues",
            "exchanges": [{"id": "x", "name": "broadcast", "type": "fanout", "x": 300, "y": 100}],
            "queues": qs, "bindings": bindings,
            "producers": [{"id": "p", "name": "announcer", "exchange": "x", "x": 100, "y": 100,
                "message": {"body": "news {n}"}, "schedule": {"kind": "every", "every_ms": 100}}],
        });
        let scenario = warren::scenario::parse::parse(&doc.to_string()).expect("a valid scenario");
        let mut runtime = Runtime::new(scenario);
        runtime.playing = true;
        runtime.frame(0.0);
        FanoutTick { runtime, now: 0.0 }
    }

    /// Plays one frame; false once the simulation paused itself (the
    /// ready-message limit).
    pub fn tick(&mut self) -> bool {
        self.now += 1000.0 / 60.0;
        self.runtime.frame(self.now);
        self.runtime.sim.halted().is_none()
    }
}
