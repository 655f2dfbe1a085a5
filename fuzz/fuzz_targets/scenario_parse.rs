//! Any text given to the scenario parser is either a scenario that can be
//! played and written back, or a refusal with a message; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(s) = warren::scenario::parse(text) {
        let written = serde_json::to_string(&s).expect("a parsed scenario serialises");
        let again = warren::scenario::parse(&written).expect("what we write, we read");
        assert_eq!(again, s);
        let mut sim = warren::simulation::Simulation::new(s);
        sim.advance(2_000);
    }
});
