//! Any text after `#s=` decodes to a scenario or to a refusal; never a
//! panic, never an unbounded inflate.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(s) = warren::share::decode(text) {
        // What decodes re-encodes to a link that decodes to the same.
        let again = warren::share::decode(&warren::share::encode(&s)).expect("round trip");
        assert_eq!(again, s);
    }
    // Raw deflate streams too: wrap the bytes the way links carry them.
    let _ = warren::share::decode(&warren::share::base64url::encode(data));
});
