//! Document benchmarks (a plain `harness = false` bench: no criterion).
//!
//! `cargo bench --bench documents` prints the median time, over several
//! runs, to import a large definitions file (reading, checking and the
//! layout), to export it again, and to parse and write the scenario
//! document it becomes. The topology: 41 exchanges (one topic ingress bound
//! to 40 of every type), 500 queues with an argument each, 2,000 bindings.
//!
//! Goal: a large topology imports (laid out) and exports in well under a
//! second each natively, so that the page stays responsive when one is
//! dropped on it.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use warren::definitions;
use warren::scenario::{self, Scenario};

const RUNS: usize = 7;

/// The large definitions file.
fn large_definitions() -> String {
    const KINDS: [&str; 4] = ["direct", "topic", "fanout", "headers"];
    let mut exchanges = vec![json!({"name": "ingress", "vhost": "/", "type": "topic", "durable": true,
        "auto_delete": false, "internal": false, "arguments": {}})];
    for i in 0..40 {
        exchanges.push(json!({"name": format!("x{i}"), "vhost": "/", "type": KINDS[i % 4], "durable": true,
            "auto_delete": false, "internal": i % 3 == 0, "arguments": {}}));
    }
    let queues: Vec<Value> = (0..500)
        .map(|i| {
            json!({"name": format!("queue-{i:03}"), "vhost": "/", "durable": true, "auto_delete": false,
            "arguments": {"x-max-length": 100 + i}})
        })
        .collect();
    let mut bindings: Vec<Value> = (0..40)
        .map(|i| {
            json!({"source": "ingress", "vhost": "/", "destination": format!("x{i}"),
            "destination_type": "exchange", "routing_key": format!("r{i}.#"), "arguments": {}})
        })
        .collect();
    for i in 0..1960 {
        bindings.push(json!({"source": format!("x{}", i % 40), "vhost": "/",
            "destination": format!("queue-{:03}", (i * 7) % 500), "destination_type": "queue",
            "routing_key": format!("k{i}"), "arguments": {"x-match": "any", "k": i}}));
    }
    json!({"rabbit_version": "3.10.8", "exchanges": exchanges, "queues": queues, "bindings": bindings}).to_string()
}

/// The median of `RUNS` timings of `f`.
fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn report(what: &str, t: Duration) {
    println!("{what:<52} {:>9.1} ms", t.as_secs_f64() * 1000.0);
}

fn main() {
    println!("warren document benchmarks (median of {RUNS} runs)\n");
    let text = large_definitions();
    let imported: Scenario = definitions::import(&text).expect("the workload imports").scenario;
    report("definitions import, 500 queues, 2,000 bindings", median(|| drop(definitions::import(&text))));
    report("definitions export, same", median(|| drop(definitions::export(&imported))));
    let doc = serde_json::to_string(&imported).expect("a scenario serializes");
    report("scenario document parse, same", median(|| drop(scenario::parse(&doc))));
    report("scenario document write, same", median(|| drop(serde_json::to_string(&imported))));
}
