//! Any JSON given to the host-page API's publish and load answers with an
//! object; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let mut sim = warren::simulation::Simulation::new(warren::scenario::Scenario::default());
    let r = warren::api::publish(&mut sim, &v);
    assert!(r.get("ok").is_some());
    let _ = warren::api::load(&v);
    let _ = warren::api::snapshot(&sim);
});
