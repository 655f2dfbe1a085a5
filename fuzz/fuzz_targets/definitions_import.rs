//! Any text given to the definitions importer is imported (and exports and
//! plays) or refused with a message; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(import) = warren::definitions::import(text) {
        let _ = warren::definitions::export(&import.scenario);
        let mut sim = warren::simulation::Simulation::new(import.scenario);
        sim.advance(100);
    }
});
