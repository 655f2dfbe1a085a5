//! Engine benchmarks (a plain `harness = false` bench: no criterion).
//!
//! `cargo bench --bench engine` prints, for each measurement, the median
//! throughput over several runs (and the spread), plus the memory that
//! 100,000 ready messages take, counted by a global allocator wrapper.
//!
//! The workloads live in `benches/common/` so that `tests/wasm_bench.rs`
//! times the very same code compiled to wasm, in Chromium.
//!
//! Goals (issue 3): 5M routed publishes/s through a topic exchange with
//! 10,000 bindings; 2M msgs/s for publish → route → enqueue → deliver → ack.
//! Issue 17 (high fan-out): 1M routes/s through the dense topic workload
//! (about 130 queues per key at 10,000 bindings), 50k publishes/s into a
//! fanout to 1,000 queues (enqueue included), 100k routes/s through a
//! headers exchange with 1,000 bindings, and a tick of the page's
//! fanout-to-1,000-queues stress case under 30 ms.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::time::Instant;

use warren::engine::{Publish, QueueDeclare};

mod common;
use common::{broker_with_channel, Cycle, FanoutPublish, FanoutTick, Headers, Topic, CYCLE_BATCH, FANOUT_BATCH};

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

// ----- topic routing -----------------------------------------------------------------

fn bench_topic(label: &str, w: &Topic, n: usize) -> f64 {
    println!(
        "  (topic, {label}, {n} bindings: {:.1} queues and {:.1} bindings matched per key on average)",
        w.fan_out(),
        w.bindings_matched()
    );
    let iters = scaled(if n > 1000 { 200_000 } else { 1_000_000 });
    measure(&format!("route: topic exchange, {label}, {n} bindings"), iters, || w.run(iters))
}

// ----- headers routing ------------------------------------------------------------------

fn bench_headers(n: usize) -> f64 {
    let w = Headers::new(n);
    println!("  (headers, {n} bindings: {:.1} queues matched per header table on average)", w.fan_out());
    let iters = scaled(20_000);
    measure(&format!("route: headers exchange, {n} bindings"), iters, || w.run(iters))
}

// ----- fanout publish ------------------------------------------------------------------------

fn bench_fanout_publish(queues: usize) -> f64 {
    let mut w = FanoutPublish::new(queues);
    println!("  (fanout, {queues} queues: {} copies enqueued per publish)", w.fan_out());
    let rounds = scaled(300).div_ceil(FANOUT_BATCH).max(1);
    measure(&format!("publish + enqueue: fanout to {queues} queues"), rounds * FANOUT_BATCH, || w.run(rounds))
}

/// The page's fanout-to-1,000-queues stress case: the median time of one
/// tick (`Runtime::frame`) from the first publish until the ready-message
/// limit pauses the run, over 3 runs.
fn bench_fanout_tick(queues: usize) -> f64 {
    let mut ticks: Vec<f64> = Vec::new();
    for _ in 0..3 {
        let mut w = FanoutTick::new(queues);
        loop {
            let t = Instant::now();
            let running = w.tick();
            ticks.push(t.elapsed().as_secs_f64() * 1e3);
            if !running || ticks.len() > 100_000 {
                break;
            }
        }
    }
    ticks.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = ticks[ticks.len() / 2];
    let p95 = ticks[ticks.len() * 95 / 100];
    println!(
        "{:<58} median {median:>9.2} ms     (p95 {p95:.2} ms, max {:.2} ms; {} ticks)",
        format!("tick: page stress case, fanout to {queues} queues"),
        ticks[ticks.len() - 1],
        ticks.len()
    );
    median
}

// ----- the full cycle ------------------------------------------------------------------------

/// publish → route → enqueue → deliver → ack, 4 consumers at prefetch 10,
/// events taken every batch so memory stays flat.
fn bench_cycle() -> f64 {
    let mut w = Cycle::new();
    let total = scaled(400_000).div_ceil(CYCLE_BATCH) * CYCLE_BATCH;
    let rate = measure("full cycle: publish→route→enqueue→deliver→ack, 4×prefetch 10", total, || {
        w.run(total / CYCLE_BATCH)
    });
    assert!(w.drained(), "every message delivered and acked");
    // Memory stays flat: count live bytes over one more (untimed) round.
    COUNTING.store(true, Ordering::Relaxed);
    let live_before = LIVE.load(Ordering::Relaxed);
    w.run(total / CYCLE_BATCH);
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
            Publish {
                exchange: String::new(),
                routing_key: "big".into(),
                body: format!("message {i:08}"),
                ..Default::default()
            },
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
    let want = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    println!("warren engine benchmarks (median of {RUNS} runs)\n");
    // `topic` runs every topic workload, `topic10000` only the big ones,
    // `dense` the dense one (e.g. under callgrind).
    if want("topic10") || want("small") {
        bench_topic("small", &Topic::with_space(10, 10, 1, 2, 10), 10);
    }
    if want("topic10000") || want("sparse") {
        let r10k = bench_topic("sparse", &Topic::new(10_000), 10_000);
        println!("  goal: 5M/s at 10,000 bindings → {}\n", if r10k >= 5e6 { "met" } else { "MISSED" });
    }
    if want("topic10000") || want("dense") {
        let r = bench_topic("dense", &Topic::dense(10_000, 1_000), 10_000);
        println!("  goal: 1M/s dense at 10,000 bindings → {}\n", if r >= 1e6 { "met" } else { "MISSED" });
    }
    if want("headers") {
        let r = bench_headers(1_000);
        println!("  goal: 100k/s at 1,000 bindings → {}\n", if r >= 1e5 { "met" } else { "MISSED" });
    }
    if want("fanout") {
        let r = bench_fanout_publish(1_000);
        println!("  goal: 50k publishes/s → {}\n", if r >= 5e4 { "met" } else { "MISSED" });
    }
    if want("tick") {
        let t = bench_fanout_tick(1_000);
        println!(
            "  goal: a tick under 30 ms (engine and monitor, native) → {}\n",
            if t < 30.0 { "met" } else { "MISSED" }
        );
    }
    if want("cycle") {
        let r = bench_cycle();
        println!("  goal: 2M msgs/s → {}\n", if r >= 2e6 { "met" } else { "MISSED" });
    }
    if want("memory") {
        bench_memory();
    }
}
