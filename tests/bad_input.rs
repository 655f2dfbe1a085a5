//! Bad-input catalogues (issue 7) for the surfaces that take whole
//! documents: scenario parsing, share-link decoding and definitions
//! import. Each case says what it feeds in, where the message must point
//! and what it must say; none may panic. A mutation sweep then feeds each
//! surface thousands of damaged copies of good inputs.

use std::panic::{catch_unwind, AssertUnwindSafe};

use warren::definitions::{self, ImportOptions};
use warren::scenario;
use warren::share::{self, base64url};

/// `depth` nested arrays around a 1.
fn nested(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

fn zlib(bytes: &[u8]) -> String {
    base64url::encode(&miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6))
}

fn doc(body: &str) -> String {
    format!(r#"{{"warren": 1, {body}}}"#)
}

/// Runs `f` and returns its error text (path and message), failing on a
/// panic or a success.
fn refused<T, E: std::fmt::Display>(what: &str, f: impl FnOnce() -> Result<T, E>) -> String {
    match catch_unwind(AssertUnwindSafe(f)) {
        Err(_) => panic!("{what}: panicked"),
        Ok(Ok(_)) => panic!("{what}: was accepted"),
        Ok(Err(e)) => e.to_string(),
    }
}

#[test]
fn scenario_parse_catalogue() {
    let long = "n".repeat(300);
    let many_queues: Vec<String> = (0..2001).map(|i| format!(r#"{{"id": "q{i}", "name": "q{i}"}}"#)).collect();
    let big_body = "b".repeat(70_000);
    let huge = doc(&format!(r#""description": "{}""#, "x".repeat(3 * 1024 * 1024)));
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("empty", String::new(), "", "the document is empty"),
        ("blank", "  \n\t ".into(), "", "the document is empty"),
        ("malformed", r#"{"warren": 1,"#.into(), "", "not valid JSON"),
        ("trailing garbage", r#"{"warren": 1} x"#.into(), "", "line 1, column 15"),
        ("not an object", "[1, 2]".into(), "", "a scenario is a JSON object"),
        ("missing version", r#"{"title": "x"}"#.into(), "warren", "missing the format version"),
        ("unknown version", r#"{"warren": 7}"#.into(), "warren", "unknown format version 7"),
        ("version as a string", r#"{"warren": "1"}"#.into(), "warren", "unknown format version \"1\""),
        ("wrong type of list", doc(r#""queues": {}"#), "queues", "expected a sequence"),
        ("missing id", doc(r#""queues": [{"name": "q"}]"#), "queues[0]", "missing field `id`"),
        ("name of the wrong type", doc(r#""queues": [{"id": "q", "name": 5}]"#), "queues[0].name", "expected a string"),
        (
            "negative prefetch",
            doc(r#""consumers": [{"id": "c", "name": "c", "prefetch": -1}]"#),
            "consumers[0].prefetch",
            "-1",
        ),
        (
            "huge prefetch",
            doc(r#""consumers": [{"id": "c", "name": "c", "prefetch": 70000}]"#),
            "consumers[0].prefetch",
            "70000",
        ),
        ("NaN", doc(r#""speed": NaN"#), "", "not valid JSON"),
        ("infinite number", doc(r#""speed": 1e999"#), "", "number out of range"),
        ("speed out of range", doc(r#""speed": -1"#), "speed", "outside 0.1 to 10"),
        (
            "TTL over ten years",
            doc(r#""queues": [{"id": "q", "name": "q", "message_ttl": 315360000001}]"#),
            "queues[0].message_ttl",
            "more than RabbitMQ's limit",
        ),
        (
            "fractional TTL",
            doc(r#""queues": [{"id": "q", "name": "q", "message_ttl": 1.5}]"#),
            "queues[0].message_ttl",
            "invalid type: floating point",
        ),
        ("empty exchange name", doc(r#""exchanges": [{"id": "x", "name": ""}]"#), "exchanges[0].name", "needs a name"),
        (
            "over-long name",
            doc(&format!(r#""exchanges": [{{"id": "x", "name": "{long}"}}]"#)),
            "exchanges[0].name",
            "300 bytes; AMQP names hold at most 255",
        ),
        (
            "control character",
            doc(r#""queues": [{"id": "q", "name": "a\u0007b"}]"#),
            "queues[0].name",
            "control character",
        ),
        ("empty id", doc(r#""queues": [{"id": "", "name": "q"}]"#), "queues[0].id", "1 to 64 characters"),
        (
            "duplicate queue name",
            doc(r#""queues": [{"id": "a", "name": "q"}, {"id": "b", "name": "q"}]"#),
            "queues[1].name",
            "another queue is named 'q'",
        ),
        (
            "dangling reference",
            doc(r#""consumers": [{"id": "c", "name": "c", "queue": "nope"}]"#),
            "consumers[0].queue",
            "no queue node has the id 'nope'",
        ),
        (
            "null header",
            doc(r#""producers": [{"id": "p", "name": "p", "message": {"headers": {"h": null}}}]"#),
            "producers[0].message.headers",
            "null is not an AMQP value",
        ),
        (
            "over-long routing key",
            doc(&format!(r#""producers": [{{"id": "p", "name": "p", "message": {{"routing_key": "{long}"}}}}]"#)),
            "producers[0].message.routing_key",
            "at most 255",
        ),
        (
            "bad expiration",
            doc(r#""producers": [{"id": "p", "name": "p", "message": {"expiration": "soon"}}]"#),
            "producers[0].message.expiration",
            "'soon' is not a TTL",
        ),
        (
            "unknown schedule",
            doc(r#""producers": [{"id": "p", "name": "p", "schedule": {"kind": "hourly"}}]"#),
            "producers[0].schedule.kind",
            "unknown variant `hourly`",
        ),
        (
            "too fast",
            doc(r#""producers": [{"id": "p", "name": "p", "schedule": {"kind": "every", "every_ms": 0}}]"#),
            "producers[0].schedule.every_ms",
            "at most every 10 ms",
        ),
        (
            "giant burst",
            doc(r#""producers": [{"id": "p", "name": "p", "schedule": {"kind": "burst", "count": 100000}}]"#),
            "producers[0].schedule.count",
            "at most 10,000",
        ),
        (
            "unknown ack mode",
            doc(r#""consumers": [{"id": "c", "name": "c", "ack": "maybe"}]"#),
            "consumers[0].ack",
            "unknown variant `maybe`",
        ),
        (
            "far-away node",
            doc(r#""queues": [{"id": "q", "name": "q", "x": 1e12}]"#),
            "queues[0].x",
            "not a usable canvas coordinate",
        ),
        (
            "big body",
            doc(&format!(r#""producers": [{{"id": "p", "name": "p", "message": {{"body": "{big_body}"}}}}]"#)),
            "producers[0].message.body",
            "the limit is 65536",
        ),
        (
            "too many queues",
            doc(&format!(r#""queues": [{}]"#, many_queues.join(","))),
            "queues",
            "2001 entries; the limit is 2000",
        ),
        (
            "deeply nested",
            doc(&format!(r#""exchanges": [{{"id": "x", "name": "x", "arguments": {{"a": {}}}}}]"#, nested(5000))),
            "",
            "recursion limit exceeded",
        ),
        ("very large", huge, "", "the limit is 2097152 bytes"),
        (
            "unknown field",
            doc(r#""queues": [{"id": "q", "name": "q", "ttl": 5}]"#),
            "queues[0].ttl",
            "unknown field `ttl`",
        ),
    ];
    assert!(cases.len() >= 15);
    for (what, input, path, text) in cases {
        let e = match catch_unwind(|| scenario::parse(&input)) {
            Err(_) => panic!("{what}: panicked"),
            Ok(Ok(_)) => panic!("{what}: was accepted"),
            Ok(Err(e)) => e,
        };
        assert_eq!(e.path, path, "{what}: {e}");
        assert!(e.message.contains(text), "{what}: {e:?} does not say {text:?}");
    }
}

#[test]
fn share_link_catalogue() {
    let lesson = warren::lessons::by_slug("topics").unwrap().scenario;
    let good = share::encode(&lesson);
    let mut tampered = good.clone().into_bytes();
    let mid = tampered.len() / 2;
    tampered[mid] = if tampered[mid] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let cut = &good[..good.len() / 2 - good.len() / 2 % 4];
    let bomb = zlib(&vec![b' '; 3 * 1024 * 1024]);
    let raw_deflate = base64url::encode(&miniz_oxide::deflate::compress_to_vec(br#"{"warren": 1}"#, 6));
    let cases: Vec<(&str, String, &str)> = vec![
        ("nothing", String::new(), "not a Warren share link"),
        ("another fragment", "https://example.org/#lesson=rpc".into(), "not a Warren share link"),
        ("no equals sign", "#s".into(), "not a Warren share link"),
        ("empty data", "#s=".into(), "the share link is empty"),
        ("a dollar sign", "#s=eJyr$Vi".into(), "character '$' at position 4"),
        ("standard base64 plus", "#s=eJy+".into(), "character '+' at position 3"),
        ("a space from a mail client", format!("#s={} {}", &good[..10], &good[10..]), "character ' ' at position 10"),
        ("percent-encoding", "#s=eJy%3D".into(), "character '%' at position 3"),
        ("a non-ASCII character", "#s=eJyé".into(), "character 'é' at position 3"),
        (
            "cut mid-group",
            format!("#s={}", &good[..good.len() - good.len() % 4 - 3]),
            "which no share link is: it was cut short",
        ),
        ("cut in half", format!("#s={cut}"), "damaged or cut short"),
        ("one character changed", format!("#s={tampered}"), "damaged or cut short"),
        ("not compressed", format!("#s={}", base64url::encode(b"hello world")), "damaged or cut short"),
        ("raw deflate without the zlib wrapper", format!("#s={raw_deflate}"), "damaged or cut short"),
        ("decompression bomb", format!("#s={bomb}"), "inflates to more than 2097152 bytes"),
        ("over-long link", format!("#s={}", "A".repeat(share::MAX_LINK_CHARS + 4)), "the limit is 1048576"),
        ("binary inside", format!("#s={}", zlib(&[0xff, 0xfe, 0x00])), "not text (invalid UTF-8 at byte 0)"),
        ("text, not JSON", format!("#s={}", zlib(b"hello")), "holds an invalid scenario: not valid JSON"),
        ("JSON, not a scenario", format!("#s={}", zlib(b"[]")), "a scenario is a JSON object"),
        ("a future version", format!("#s={}", zlib(br#"{"warren": 9}"#)), "at warren: unknown format version 9"),
        (
            "an invalid scenario",
            format!("#s={}", zlib(doc(r#""speed": 99"#).as_bytes())),
            "at speed: 99 is outside 0.1 to 10",
        ),
        (
            "deeply nested",
            format!("#s={}", zlib(doc(&format!(r#""narration": {}"#, nested(10_000))).as_bytes())),
            "recursion limit exceeded",
        ),
    ];
    assert!(cases.len() >= 15);
    for (what, input, text) in cases {
        let e = refused(what, || share::decode_link(&input));
        assert!(e.contains(text), "{what}: {e:?} does not say {text:?}");
    }
    assert_eq!(share::decode_link(&format!("#s={good}")).unwrap(), lesson);
}

#[test]
fn definitions_import_catalogue() {
    let long = "n".repeat(300);
    let queues: Vec<String> = (0..2001)
        .map(|i| {
            format!(r#"{{"name": "q{i}", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {{}}}}"#)
        })
        .collect();
    let huge = format!(r#"{{"queues": [], "padding": "{}"}}"#, "x".repeat(definitions::MAX_DEFINITIONS_BYTES));
    let defs = |body: &str| format!(r#"{{"rabbit_version": "3.10.8", {body}}}"#);
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("empty", String::new(), "", "the file is empty"),
        ("malformed", r#"{"queues": ["#.into(), "", "not valid JSON: EOF while parsing a list"),
        ("not an object", "[]".into(), "", "a definitions file is a JSON object"),
        ("a scenario", r#"{"warren": 1}"#.into(), "warren", "this is a Warren scenario"),
        ("something else", r#"{"name": "my app", "version": 3}"#.into(), "", "not a RabbitMQ definitions file"),
        ("list of the wrong type", defs(r#""queues": {}"#), "queues", "expected a sequence"),
        ("an entry that is not an object", defs(r#""queues": ["orders"]"#), "queues[0]", "expected a queue object"),
        ("missing name", defs(r#""exchanges": [{"type": "direct"}]"#), "exchanges[0]", "missing field `name`"),
        ("missing type", defs(r#""exchanges": [{"name": "x"}]"#), "exchanges[0]", "missing field `type`"),
        (
            "type of the wrong type",
            defs(r#""exchanges": [{"name": "x", "type": 5}]"#),
            "exchanges[0].type",
            "invalid type: integer `5`",
        ),
        (
            "a flag as a string",
            defs(r#""queues": [{"name": "q", "durable": "yes"}]"#),
            "queues[0].durable",
            "expected a boolean",
        ),
        (
            "null argument",
            defs(r#""queues": [{"name": "q", "arguments": {"x-max-length": null}}]"#),
            "queues[0].arguments.x-max-length",
            "null is not an AMQP value",
        ),
        (
            "nested null argument",
            defs(
                r#""bindings": [{"source": "a", "destination": "b", "destination_type": "queue", "arguments": {"h": {"list": [1, null]}}}]"#,
            ),
            "bindings[0].arguments.h.list[1]",
            "null is not an AMQP value",
        ),
        (
            "unknown destination type",
            defs(r#""bindings": [{"source": "a", "destination": "b", "destination_type": "topic"}]"#),
            "bindings[0].destination_type",
            "'topic' is not a destination type",
        ),
        (
            "missing destination",
            defs(r#""bindings": [{"source": "a", "destination_type": "queue"}]"#),
            "bindings[0]",
            "missing field `destination`",
        ),
        (
            "over-long name",
            defs(&format!(r#""exchanges": [{{"name": "{long}", "type": "direct"}}]"#)),
            "exchanges[0].name",
            "300 bytes",
        ),
        ("control character", defs(r#""queues": [{"name": "a\u0000b"}]"#), "queues[0].name", "control character"),
        (
            "over-long binding key",
            defs(&format!(
                r#""exchanges": [{{"name": "x", "type": "topic"}}], "bindings": [{{"source": "x", "destination": "x", "destination_type": "exchange", "routing_key": "{long}"}}]"#
            )),
            "bindings[0].routing_key",
            "at most 255",
        ),
        (
            "a huge number",
            defs(r#""queues": [{"name": "q", "arguments": {"x-max-length": 1e999}}]"#),
            "",
            "number out of range",
        ),
        (
            "deeply nested",
            defs(&format!(r#""queues": [{{"name": "q", "arguments": {{"a": {}}}}}]"#, nested(1000))),
            "",
            "recursion limit exceeded",
        ),
        (
            "too many queues",
            defs(&format!(r#""queues": [{}]"#, queues.join(","))),
            "queues",
            "2001 queues in vhost '/'; Warren holds at most 2000",
        ),
        ("very large", huge, "", "the limit is 16777216 bytes"),
    ];
    assert!(cases.len() >= 15);
    for (what, input, path, text) in cases {
        let e = match catch_unwind(|| definitions::import(&input)) {
            Err(_) => panic!("{what}: panicked"),
            Ok(Ok(_)) => panic!("{what}: was accepted"),
            Ok(Err(e)) => e,
        };
        assert_eq!(e.path, path, "{what}: {e}");
        assert!(e.message.english().contains(text), "{what}: {e:?} does not say {text:?}");
    }
    let e = definitions::import_with(
        r#"{"vhosts": [{"name": "/"}]}"#,
        &ImportOptions { vhost: Some("nope".into()), ..Default::default() },
    )
    .unwrap_err();
    assert_eq!(e.path, "vhosts");
}

#[test]
fn arguments_the_broker_refuses_import_with_a_warning_and_stay_refused() {
    let text = r#"{"queues": [{"name": "q", "durable": true, "arguments": {"x-message-ttl": "sixty seconds"}}]}"#;
    let i = definitions::import(text).unwrap();
    assert!(i.warnings[0].message.english().contains("invalid arg 'x-message-ttl'"), "{:?}", i.warnings);
    let sim = warren::simulation::Simulation::new(i.scenario.clone());
    assert!(sim.node_error("q1").is_some(), "the simulation shows the broker's refusal on the queue");
    let out = definitions::export(&i.scenario);
    assert!(out.warnings[0].message.english().contains("is not exported: the broker refuses its arguments"));
}

/// A small deterministic generator for the sweep.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[u8] = b"{}[]\":,0-9ae\\\x00";

/// A damaged copy: bytes flipped, cut, duplicated or spliced.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.truncate(at),
            2 => {
                let chunk: Vec<u8> = v[at..].iter().take(1 + rng.below(16)).copied().collect();
                v.splice(at..at, chunk);
            }
            3 => v.insert(at.min(v.len()), PIECES[rng.below(PIECES.len())]),
            _ => {
                let end = (at + rng.below(8)).min(v.len());
                v.drain(at..end);
            }
        }
    }
    v
}

#[test]
fn damaged_inputs_never_panic() {
    let mut rng = Rng(7);
    let lessons: Vec<String> =
        warren::lessons::slugs().map(|s| warren::lessons::source(s).unwrap().to_string()).collect();
    let links: Vec<String> = warren::lessons::all().iter().map(|l| share::encode(&l.scenario)).collect();
    let fixtures: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/definitions"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for round in 0..3_000 {
        let l = &lessons[round % lessons.len()];
        let text = String::from_utf8_lossy(&mutate(&mut rng, l.as_bytes())).into_owned();
        assert!(catch_unwind(|| scenario::parse(&text)).is_ok(), "scenario::parse panicked on {text:?}");
        let link = String::from_utf8_lossy(&mutate(&mut rng, links[round % links.len()].as_bytes())).into_owned();
        assert!(catch_unwind(|| share::decode(&link)).is_ok(), "share::decode panicked on {link:?}");
        let d = &fixtures[round % fixtures.len()];
        let text = String::from_utf8_lossy(&mutate(&mut rng, d.as_bytes())).into_owned();
        assert!(catch_unwind(|| definitions::import(&text)).is_ok(), "definitions::import panicked on {text:?}");
    }
}
