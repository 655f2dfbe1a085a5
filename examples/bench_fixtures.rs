//! Checks the browser benchmark's inputs natively (`make bench` does not
//! need it; run it when the fixtures change):
//!
//! ```sh
//! node e2e/fixtures/generate.mjs
//! cargo run --release --example bench_fixtures
//! ```
//!
//! - plays `target/bench/bench-stress.json` in a [`Runtime`] at 60 frames a
//!   second for 10 s and prints how many dots are drawn per frame, how many
//!   motions would be on screen without the cap, and how many messages
//!   the broker holds (ready + unacked);
//! - imports `target/bench/bench-definitions.json` and lays it out, and
//!   writes the result as `target/bench/bench-definitions.scenario.json`
//!   (the benchmark loads it when the page has no `importDefinitions`).

use std::time::Instant;

use warren::monitor::runtime::Runtime;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench");
    let text =
        std::fs::read_to_string(format!("{dir}/bench-stress.json")).expect("run node e2e/fixtures/generate.mjs first");
    let scenario = warren::scenario::parse(&text).expect("the stress scenario parses");
    let nodes = scenario.node_ids().count();
    let mut rt = Runtime::new(scenario);
    rt.playing = true;
    let leg = rt.leg_ms();
    let frame_ms = 1000.0 / 60.0;
    let (mut drawn, mut frames, mut max_drawn) = (0usize, 0usize, 0usize);
    let t = Instant::now();
    for i in 0..600 {
        let now = i as f64 * frame_ms;
        rt.frame(now);
        let list = rt.flights.dots(now, rt.sim.scenario());
        if i >= 120 {
            drawn += list.len();
            frames += 1;
            max_drawn = max_drawn.max(list.len());
        }
    }
    let per_frame = t.elapsed().as_secs_f64() * 1000.0 / 600.0;
    let (mut ready, mut unacked) = (0usize, 0u64);
    for q in rt.sim.broker().queues() {
        ready += q.ready.len();
        unacked += q.unacked;
        if std::env::var("VERBOSE").is_ok() {
            println!("    {}: {} ready, {} unacked", q.name, q.ready.len(), q.unacked);
        }
    }
    println!("stress scenario: {nodes} nodes (default exchange included), leg {leg:.0} ms");
    println!(
        "  dots drawn per frame (after 2 s): mean {:.0}, max {max_drawn} (cap {} flights)",
        drawn as f64 / frames.max(1) as f64,
        warren::monitor::flights::MAX_FLIGHTS
    );
    println!("  at t = {} ms: {ready} ready, {unacked} unacked in the broker", rt.sim.now());
    println!("  native runtime cost: {per_frame:.3} ms per frame (simulation + monitor + dot placement)");

    // Motions per second without the cap, from a second runtime's monitor.
    let scenario = warren::scenario::parse(&text).unwrap();
    let mut sim = warren::simulation::Simulation::new(scenario);
    let mut monitor = warren::monitor::Monitor::new();
    let mut motions = 0usize;
    for _ in 0..600 {
        sim.advance(16);
        let events = sim.take_events();
        monitor.ingest(&sim, events);
        motions += monitor.take_motions().len();
    }
    let secs = 600.0 * 16.0 / 1000.0;
    println!(
        "  motions: {:.0} a second; uncapped, {:.0} would be on screen at once (each {leg:.0} ms)",
        motions as f64 / secs,
        motions as f64 / secs * leg / 1000.0
    );

    let defs = std::fs::read_to_string(format!("{dir}/bench-definitions.json")).expect("definitions fixture");
    let t = Instant::now();
    let import = warren::definitions::import(&defs).expect("the definitions import");
    let took = t.elapsed().as_secs_f64() * 1000.0;
    let s = &import.scenario;
    println!(
        "definitions: {} exchanges, {} queues, {} bindings imported and laid out natively in {took:.1} ms ({} warnings)",
        s.exchanges.len(),
        s.queues.len(),
        s.bindings.len(),
        import.warnings.len()
    );
    let out = serde_json::to_string(s).unwrap();
    std::fs::write(format!("{dir}/bench-definitions.scenario.json"), out).unwrap();
}
