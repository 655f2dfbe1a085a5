//! The engine benchmark's workloads (`benches/common/`, the same code
//! `cargo bench --bench engine` times natively) compiled to wasm and timed
//! in headless Chromium with `performance.now()`. Not part of `make test`;
//! run it on demand (optimised, like `cargo bench`):
//!
//! ```text
//! make bench-wasm
//! # which is:
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test --release --target wasm32-unknown-unknown --test wasm_bench -- --nocapture
//! ```
//!
//! It prints one line per workload in the format of `benches/engine.rs`
//! (median of 7 runs after a warm-up run). It reports; it never fails on
//! timing. Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

#[path = "../benches/common/mod.rs"]
mod common;

use common::{Cycle, FanoutPublish, Headers, Topic, CYCLE_BATCH, FANOUT_BATCH};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 7;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
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

/// Like the native `measure`: a warm-up run, then the median of RUNS.
fn measure(name: &str, ops: u64, mut f: impl FnMut()) -> f64 {
    f();
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = now();
            f();
            // performance.now() is coarsened (100 µs or 5 µs steps): runs
            // are long enough (tens of ms) for that not to matter.
            ops as f64 / ((now() - t).max(0.001) / 1000.0)
        })
        .collect();
    rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = rates[RUNS / 2];
    let line = format!(
        "wasm {name:<53} median {:>12} /s   (min {:>10}, max {:>10}; {RUNS} runs of {ops})",
        human(median),
        human(rates[0]),
        human(rates[RUNS - 1])
    );
    console_log!("{line}");
    median
}

#[wasm_bindgen_test]
fn engine_in_wasm() {
    console_log!("warren engine benchmarks in wasm, Chromium (median of {RUNS} runs)");
    let topics = [
        ("small", 10usize, Topic::with_space(10, 10, 1, 2, 10)),
        ("sparse", 10_000, Topic::new(10_000)),
        ("dense", 10_000, Topic::dense(10_000, 1_000)),
    ];
    for (label, n, w) in &topics {
        console_log!("  (topic, {label}, {n} bindings: {:.1} queues matched per key on average)", w.fan_out());
        let iters = if *n > 1000 { 200_000 } else { 1_000_000 };
        measure(&format!("route: topic exchange, {label}, {n} bindings"), iters, || w.run(iters));
    }
    let w = Headers::new(1_000);
    console_log!("  (headers, 1000 bindings: {:.1} queues matched per header table on average)", w.fan_out());
    measure("route: headers exchange, 1000 bindings", 20_000, || w.run(20_000));
    let mut w = FanoutPublish::new(1_000);
    let rounds = 300u64.div_ceil(FANOUT_BATCH);
    measure("publish + enqueue: fanout to 1000 queues", rounds * FANOUT_BATCH, || w.run(rounds));
    let mut w = Cycle::new();
    let total = 400_000u64.div_ceil(CYCLE_BATCH) * CYCLE_BATCH;
    measure("full cycle: publish→route→enqueue→deliver→ack, 4×prefetch 10", total, || {
        w.run(total / CYCLE_BATCH)
    });
    assert!(w.drained(), "every message delivered and acked");
}
