//! Engine benchmarks (a plain `harness = false` bench: no criterion).
//!
//! `cargo bench --bench engine` prints, for each measurement, the median
//! throughput over several runs (and the spread), plus the memory that
//! 100,000 ready messages take, counted by a global allocator wrapper.
//!
//! Goals (issue 3): 5M routed publishes/s through a topic exchange with
//! 10,000 bindings; 2M msgs/s for publish → route → enqueue → deliver → ack.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::time::Instant;

use warren::engine::{
    Broker, ChannelId, ConsumeOptions, Event, ExchangeDeclare, ExchangeType, FieldTable, FieldValue, Properties, Publish,
    QueueDeclare,
};

// ----- a counting allocator ------------------------------------------------------

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
/// Counting costs two atomic read-modify-writes per allocation, which would
/// distort the timed benchmarks: it is on only while memory is measured.
static COUNTING: AtomicBool = AtomicBool::new(false);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

// ----- measuring -------------------------------------------------------------------

const RUNS: usize = 7;

/// `BENCH_SCALE=0.01` shrinks every loop (for valgrind/callgrind
/// instruction counts, which stay comparable on a busy machine).
fn scaled(n: u64) -> u64 {
    let f: f64 = std::env::var("BENCH_SCALE").ok().and_then(|v| v.parse().ok()).unwrap_or(1.0);
    ((n as f64 * f) as u64).max(1)
}

/// Runs `f` (which performs `ops` operations) RUNS times after a warm-up
/// run and prints the median rate; returns it (ops per second).
fn measure(name: &str, ops: u64, mut f: impl FnMut()) -> f64 {
    f();
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            ops as f64 / t.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = rates[RUNS / 2];
    println!(
        "{name:<58} median {:>12} /s   (min {:>10}, max {:>10}; {RUNS} runs of {ops})",
        human(median),
        human(rates[0]),
        human(rates[RUNS - 1])
    );
    median
}

fn human(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.2}M", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.1}k", r / 1e3)
    } else {
        format!("{r:.0}")
    }
}

/// A tiny deterministic generator for keys.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn broker_with_channel() -> (Broker, ChannelId) {
    let mut b = Broker::new();
    let c = b.open_connection("bench");
    let ch = b.open_channel(c).unwrap();
    (b, ch)
}

// ----- topic routing -----------------------------------------------------------------

/// A topic exchange `t` with `n` bindings over `n / 10` queues (at least
/// one), with a realistic mix of patterns: literal keys, `*` and `#`.
fn topic_broker(n: usize) -> (Broker, Vec<String>) {
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
    (b, keys)
}

fn bench_topic(n: usize) -> f64 {
    let (b, keys) = topic_broker(n);
    let matched: usize = keys.iter().map(|k| b.route("t", k, None).queues.len()).sum();
    println!("  (topic, {n} bindings: {:.1} queues matched per key on average)", matched as f64 / keys.len() as f64);
    let iters = scaled(if n > 1000 { 200_000 } else { 1_000_000 });
    measure(&format!("route: topic exchange, {n} bindings"), iters, || {
        for i in 0..iters as usize {
            black_box(b.route("t", &keys[i & 1023], None));
        }
    })
}

// ----- headers routing ------------------------------------------------------------------

fn bench_headers(n: usize) -> f64 {
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
    let iters = scaled(20_000);
    measure(&format!("route: headers exchange, {n} bindings"), iters, || {
        for i in 0..iters as usize {
            black_box(b.route("h", "", Some(&headers[i & 255])));
        }
    })
}

// ----- the full cycle ------------------------------------------------------------------------

/// publish → route → enqueue → deliver → ack, 4 consumers at prefetch 10,
/// events taken every batch so memory stays flat.
fn bench_cycle() -> f64 {
    let (mut b, ch) = broker_with_channel();
    b.queue_declare(ch, QueueDeclare::new("work")).unwrap();
    b.exchange_declare(ch, ExchangeDeclare::new("x", ExchangeType::Direct)).unwrap();
    b.queue_bind(ch, "work", "x", "job", FieldTable::new()).unwrap();
    let conn = b.open_connection("consumers");
    for i in 0..4 {
        let c = b.open_channel(conn).unwrap();
        b.basic_qos(c, 10, false).unwrap();
        b.basic_consume(c, ConsumeOptions { queue: "work".into(), consumer_tag: format!("c{i}"), ..Default::default() }).unwrap();
    }
    b.take_events();
    let batch = 40;
    let total = scaled(400_000).div_ceil(batch) * batch;
    let mut acks: Vec<(ChannelId, u64)> = Vec::with_capacity(64);
    let mut cycle = |b: &mut Broker, rounds: u64| {
        for _ in 0..rounds {
            for _ in 0..batch {
                b.basic_publish(
                    ch,
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
                    acks.push((channel, delivery_tag));
                }
            }
            for (c, t) in acks.drain(..) {
                b.basic_ack(c, t, false).unwrap();
            }
            b.take_events();
        }
    };
    let rate = measure("full cycle: publish→route→enqueue→deliver→ack, 4×prefetch 10", total, || cycle(&mut b, total / batch));
    let q = b.queue("work").unwrap();
    assert_eq!((q.ready.len(), q.unacked), (0, 0), "every message delivered and acked");
    // Memory stays flat: count live bytes over one more (untimed) round.
    COUNTING.store(true, Ordering::Relaxed);
    let live_before = LIVE.load(Ordering::Relaxed);
    cycle(&mut b, total / batch);
    let growth = LIVE.load(Ordering::Relaxed) - live_before;
    COUNTING.store(false, Ordering::Relaxed);
    println!("  (memory growth over {total} more cycled messages: {growth} bytes)");
    rate
}

// ----- memory -----------------------------------------------------------------------------------

fn bench_memory() {
    let (mut b, ch) = broker_with_channel();
    b.queue_declare(ch, QueueDeclare::new("big")).unwrap();
    b.take_events();
    let n = 100_000;
    COUNTING.store(true, Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    let allocs_before = ALLOCS.load(Ordering::Relaxed);
    for i in 0..n {
        b.basic_publish(
            ch,
            Publish { exchange: String::new(), routing_key: "big".into(), body: format!("message {i:08}"), ..Default::default() },
        )
        .unwrap();
        if i % 1000 == 0 {
            b.take_events();
        }
    }
    b.take_events();
    let used = LIVE.load(Ordering::Relaxed) - before;
    let allocs = ALLOCS.load(Ordering::Relaxed) - allocs_before;
    COUNTING.store(false, Ordering::Relaxed);
    assert_eq!(b.queue("big").unwrap().ready.len(), n);
    println!(
        "memory: {n} ready messages (16-byte bodies)                 {:>8.1} MiB live, {:.0} bytes/message ({allocs} allocations during publishing)",
        used as f64 / (1024.0 * 1024.0),
        used as f64 / n as f64
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects benches.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let want = |name: &str| filter.as_deref().map_or(true, |f| name.contains(f));
    println!("warren engine benchmarks (median of {RUNS} runs)\n");
    if want("topic") {
        let r10 = bench_topic(10);
        let r10k = bench_topic(10_000);
        println!("  goal: 5M/s at 10,000 bindings → {}\n", if r10k >= 5e6 { "met" } else { "MISSED" });
        let _ = r10;
    }
    if want("headers") {
        bench_headers(1_000);
        println!();
    }
    if want("cycle") {
        let r = bench_cycle();
        println!("  goal: 2M msgs/s → {}\n", if r >= 2e6 { "met" } else { "MISSED" });
    }
    if want("memory") {
        bench_memory();
    }
}
