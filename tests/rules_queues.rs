//! Queue rules beyond the recorded corpus: declaration and redeclaration,
//! exclusive, auto-delete and server-named queues, message TTL and queue
//! expiry, length limits and overflow, dead lettering, priorities, purge,
//! delete and restart.
//!
//! Sources (RabbitMQ v3.10.x, deps/rabbit/src/): rabbit_channel.erl
//! (queue.declare / delete handlers), rabbit_amqqueue.erl (declare_args,
//! check_arguments, assert_equivalence, check_exclusive_access),
//! rabbit_amqqueue_process.erl (maybe_deliver_or_enqueue, deliver_or_enqueue,
//! maybe_drop_head, drop_expired_msgs, handle_ch_down, basic_get, delete),
//! rabbit_dead_letter.erl (make_msg, update_x_death_header, detect_cycles),
//! rabbit_priority_queue.erl, rabbit_misc.erl (assert_args_equivalence,
//! check_expiry).

mod common;
use common::*;
use serde_json::json;

// ----- declare ------------------------------------------------------------------

#[test]
fn server_named_queue_shape_and_declare_ok_counts() {
    let mut w = World::new();
    let ok = w.declare(QueueDeclare::new("")).unwrap();
    assert!(ok.server_named);
    let name = ok.queue.to_string();
    assert!(name.starts_with("amq.gen-"), "{name}");
    let suffix = &name["amq.gen-".len()..];
    assert_eq!(suffix.len(), 22);
    assert!(suffix.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "base64url: {suffix}");
    let other = w.declare(QueueDeclare::new("")).unwrap().queue;
    assert_ne!(other.to_string(), name);
    w.publish("", &name, "m");
    // rabbit_channel's queue.declare runs check_name on any non-empty name
    // before looking the queue up: redeclaring amq.gen-... is 403; a
    // passive declare works.
    assert_eq!(code(w.declare(QueueDeclare::new(name.clone()))), 403);
    let again = w.declare(QueueDeclare { passive: true, ..QueueDeclare::new(name.clone()) }).unwrap();
    assert_eq!((again.message_count, again.consumer_count, again.server_named), (1, 0, false));
    // The empty name in later commands means the last declared queue.
    let ch = w.ch();
    assert_eq!(w.b.basic_get(ch, "", true).unwrap().unwrap().message.body.as_ref(), "m");
    // Same seed, same names (determinism).
    let mut w2 = World::new();
    assert_eq!(w2.declare(QueueDeclare::new("")).unwrap().queue.to_string(), name);
}

#[test]
fn passive_declare_of_missing_queue_is_404() {
    let mut w = World::new();
    let e = w.declare(QueueDeclare { passive: true, ..QueueDeclare::new("nope") }).unwrap_err();
    assert_eq!(e.text, "NOT_FOUND - no queue 'nope' in vhost '/'");
    w.queue("q");
    let ok = w.declare(QueueDeclare { passive: true, durable: true, ..QueueDeclare::new("q") }).unwrap();
    assert_eq!(ok.message_count, 0, "passive ignores the flags");
}

#[test]
fn queue_redeclare_inequivalence() {
    let mut w = World::new();
    w.declare(QueueDeclare { durable: true, ..QueueDeclare::new("q") }).unwrap();
    let e = w.declare(QueueDeclare::new("q")).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert_eq!(e.text, "PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'q' in vhost '/': received 'false' but current is 'true'");
    let e = w.declare(QueueDeclare { durable: true, auto_delete: true, ..QueueDeclare::new("q") }).unwrap_err();
    assert!(e.text.contains("'auto_delete'"));
    // Compared arguments.
    w.queue_args("a", json!({"x-max-length": 5})).unwrap();
    let e = w.queue_args("a", json!({"x-max-length": 6})).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert!(e.text.contains("inequivalent arg 'x-max-length'"), "{}", e.text);
    let e = w.queue_args("a", json!({})).unwrap_err();
    assert!(e.text.contains("but current is the value '5'"), "{}", e.text);
    let e = w.queue_args("a", json!({"x-max-length": "5"})).unwrap_err();
    assert_eq!(e.code.code(), 406, "same value, different type class");
    for key in ["x-message-ttl", "x-expires", "x-max-length-bytes", "x-max-priority"] {
        w.queue_args(&format!("c-{key}"), json!({ key: 10 })).unwrap();
        let e = w.queue_args(&format!("c-{key}"), json!({ key: 11 })).unwrap_err();
        assert_eq!(e.code.code(), 406, "{key} is compared");
    }
    for (key, a, b) in [
        ("x-overflow", json!("drop-head"), json!("reject-publish")),
        ("x-dead-letter-exchange", json!("d1"), json!("d2")),
        ("x-single-active-consumer", json!(true), json!(false)),
    ] {
        w.queue_args(&format!("c-{key}"), json!({ key: a })).unwrap();
        let e = w.queue_args(&format!("c-{key}"), json!({ key: b })).unwrap_err();
        assert_eq!(e.code.code(), 406, "{key} is compared");
    }
    w.queue_args("rk", json!({"x-dead-letter-exchange": "d", "x-dead-letter-routing-key": "k1"})).unwrap();
    let e = w.queue_args("rk", json!({"x-dead-letter-exchange": "d", "x-dead-letter-routing-key": "k2"})).unwrap_err();
    assert_eq!(e.code.code(), 406);
    // Arguments RabbitMQ does not compare are ignored on redeclaration.
    w.queue_args("a", json!({"x-max-length": 5, "x-custom": "whatever"})).unwrap();
}

#[test]
fn x_queue_type_classic_is_equivalent_to_absent() {
    // rabbit_misc:assert_field_equivalence special-cases x-queue-type
    // "classic" against undefined (rabbitmq-common#341).
    let mut w = World::new();
    w.queue("q");
    w.queue_args("q", json!({"x-queue-type": "classic"})).unwrap();
    w.queue_args("c", json!({"x-queue-type": "classic"})).unwrap();
    w.queue_args("c", json!({})).unwrap();
    let e = w.queue_args("c", json!({"x-queue-type": "other"})).unwrap_err();
    assert_eq!(e.code.code(), 406);
}

#[test]
fn queue_mode_and_in_memory_limits_are_validated_and_compared() {
    // declare_args() in rabbit_amqqueue.erl lists x-queue-mode and
    // x-max-in-memory-length/-bytes: validated on declare, compared on
    // redeclare, each for the queue types that take it (in-memory limits:
    // quorum queues only; a classic queue refuses them).
    let mut w = World::new();
    w.queue_args("lazy", json!({"x-queue-mode": "lazy"})).unwrap();
    let e = w.queue_args("lazy", json!({"x-queue-mode": "default"})).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert_eq!(code(w.queue_args("bad-mode", json!({"x-queue-mode": "fast"}))), 406);
    let e = w.queue_args("bad-mode2", json!({"x-queue-mode": "fast"})).unwrap_err();
    assert!(e.text.ends_with(": \"unsupported queue mode 'fast'\""), "{}", e.text);
    let e = w.queue_args("classic-mem", json!({"x-max-in-memory-length": 3})).unwrap_err();
    assert!(e.text.ends_with("of queue type rabbit_classic_queue"), "{}", e.text);
    let quorum = |name: &str, args: serde_json::Value| QueueDeclare {
        queue: name.into(),
        durable: true,
        arguments: t(args),
        ..Default::default()
    };
    let bad = quorum("bad-mem", json!({"x-queue-type": "quorum", "x-max-in-memory-length": -1}));
    assert_eq!(code(w.declare(bad)), 406);
    let bad = quorum("bad-mem2", json!({"x-queue-type": "quorum", "x-max-in-memory-bytes": "x"}));
    assert_eq!(code(w.declare(bad)), 406);
    w.declare(quorum("mem", json!({"x-queue-type": "quorum", "x-max-in-memory-length": 3}))).unwrap();
    let changed = quorum("mem", json!({"x-queue-type": "quorum", "x-max-in-memory-length": 4}));
    assert_eq!(code(w.declare(changed)), 406);
}

#[test]
fn bad_queue_arguments_are_406_with_rabbitmq_texts() {
    let mut w = World::new();
    let cases = [
        (
            json!({"x-max-length": "abc"}),
            "invalid arg 'x-max-length' for queue 'q' in vhost '/': {unacceptable_type,longstr}",
        ),
        (json!({"x-max-length": -1}), "invalid arg 'x-max-length' for queue 'q' in vhost '/': {value_negative,-1}"),
        (json!({"x-message-ttl": -5}), "{value_negative,-5}"),
        (json!({"x-message-ttl": 315360000001i64}), "{value_too_large,315360000001}"),
        (json!({"x-expires": 0}), "{value_zero,0}"),
        (json!({"x-max-priority": 300}), "{max_value_exceeded,300}"),
        (json!({"x-overflow": "drop-tail"}), "invalid_overflow"),
        (json!({"x-dead-letter-routing-key": "k"}), "routing_key_but_no_dlx_defined"),
        (json!({"x-single-active-consumer": "yes"}), "{unacceptable_type,longstr}"),
        (json!({"x-max-length-bytes": true}), "{unacceptable_type,bool}"),
        (json!({"x-dead-letter-exchange": 5}), "invalid type"),
    ];
    for (args, text) in cases {
        let e = w.queue_args("q", args.clone()).unwrap_err();
        assert_eq!(e.code.code(), 406, "{args}");
        assert!(e.text.contains(text), "{args}: {}", e.text);
        assert!(w.b.queue("q").is_none(), "nothing declared for {args}");
    }
    // Valid edge values.
    w.queue_args("ok1", json!({"x-max-priority": 255, "x-message-ttl": 0, "x-max-length": 0})).unwrap();
    w.queue_args("ok2", json!({"x-message-ttl": 315360000000i64})).unwrap();
}

#[test]
fn dead_letter_exchange_of_wrong_type_is_reported_first() {
    // rabbit_channel's queue.declare checks x-dead-letter-exchange with
    // rabbit_misc:r_arg before rabbit_amqqueue:declare validates the rest:
    // "invalid type 'signedint' for arg 'x-dead-letter-exchange' in queue ...".
    let mut w = World::new();
    let e = w.queue_args("q", json!({"x-message-ttl": -1, "x-dead-letter-exchange": 5})).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert!(e.text.contains("invalid type") && e.text.contains("'x-dead-letter-exchange'"), "{}", e.text);
}

// ----- exclusive queues ---------------------------------------------------------------

#[test]
fn exclusive_queue_is_locked_to_its_connection() {
    let mut w = World::new();
    w.declare(QueueDeclare { exclusive: true, durable: true, ..QueueDeclare::new("mine") }).unwrap();
    assert!(!w.b.queue("mine").unwrap().durable, "exclusive queues are never durable");
    w.exchange("x", ExchangeType::Fanout);
    let (other, och) = w.connect("other");
    let mut ch = och;
    let mut reopen = |w: &mut World| {
        if !w.b.is_channel_open(ch) {
            ch = w.b.open_channel(other).unwrap();
        }
        ch
    };
    let c = reopen(&mut w);
    let e = w.b.basic_consume(c, ConsumeOptions { queue: "mine".into(), ..Default::default() }).unwrap_err();
    assert_eq!(e.code.code(), 405);
    assert!(e.text.starts_with("RESOURCE_LOCKED - cannot obtain exclusive access to locked queue 'mine' in vhost '/'"));
    let c = reopen(&mut w);
    assert_eq!(code(w.b.basic_get(c, "mine", true)), 405);
    let c = reopen(&mut w);
    assert_eq!(code(w.b.queue_purge(c, "mine")), 405);
    let c = reopen(&mut w);
    assert_eq!(code(w.b.queue_delete(c, "mine", false, false)), 405);
    let c = reopen(&mut w);
    assert_eq!(code(w.b.queue_bind(c, "mine", "x", "", FieldTable::new())), 405);
    let c = reopen(&mut w);
    assert_eq!(code(w.b.queue_declare(c, QueueDeclare { passive: true, ..QueueDeclare::new("mine") })), 405);
    let c = reopen(&mut w);
    assert_eq!(code(w.b.queue_declare(c, QueueDeclare { exclusive: true, ..QueueDeclare::new("mine") })), 405);
    // Publishing to it from another connection is allowed.
    let c = reopen(&mut w);
    let o =
        w.b.basic_publish(c, Publish { routing_key: "mine".into(), body: "hi".into(), ..Default::default() }).unwrap();
    assert_eq!(o.routed.len(), 1);
    // The owner may redeclare it only as exclusive (strict check).
    assert_eq!(code(w.declare(QueueDeclare::new("mine"))), 405);
    w.declare(QueueDeclare { exclusive: true, ..QueueDeclare::new("mine") }).unwrap();
    w.bind("mine", "x", "");
    // Deleted when its connection closes, with its bindings.
    w.b.close_connection(w.conn);
    assert!(w.b.queue("mine").is_none());
    assert!(w.b.bindings().all(|b| b.destination.name().as_ref() != "mine"));
}

#[test]
fn non_exclusive_queue_cannot_be_redeclared_exclusive() {
    let mut w = World::new();
    w.queue("shared");
    assert_eq!(code(w.declare(QueueDeclare { exclusive: true, ..QueueDeclare::new("shared") })), 405);
}

#[test]
fn unbind_of_a_missing_binding_on_a_locked_queue_is_ok() {
    // rabbit_binding:remove runs the exclusivity check only when the binding
    // exists; a missing binding is simply ok.
    let mut w = World::new();
    w.declare(QueueDeclare { exclusive: true, ..QueueDeclare::new("mine") }).unwrap();
    w.exchange("x", ExchangeType::Fanout);
    let (_, och) = w.connect("other");
    w.b.queue_unbind(och, "mine", "x", "", FieldTable::new()).unwrap();
    w.bind("mine", "x", "");
    assert_eq!(code(w.b.queue_unbind(och, "mine", "x", "", FieldTable::new())), 405);
}

// ----- auto-delete ---------------------------------------------------------------------

#[test]
fn auto_delete_queue_needs_a_consumer_first() {
    let mut w = World::new();
    w.declare(QueueDeclare { auto_delete: true, ..QueueDeclare::new("ad") }).unwrap();
    w.publish("", "ad", "1");
    w.publish("", "ad", "2");
    assert_eq!(w.get("ad").as_deref(), Some("1"), "basic.get does not count as a consumer");
    assert!(w.b.queue("ad").is_some());
    let c = w.consume("ad", "c1", 0, false);
    let c2 = w.consume("ad", "c2", 0, false);
    w.b.basic_cancel(c, "c1").unwrap();
    assert!(w.b.queue("ad").is_some(), "one consumer left");
    w.b.close_channel(c2);
    assert!(w.b.queue("ad").is_none(), "deleted with its last consumer, messages and all");
}

// ----- TTL ---------------------------------------------------------------------------

#[test]
fn ttl_is_min_of_queue_and_message_and_expires_only_at_the_head() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-message-ttl": 1000})).unwrap();
    w.publish_with("", "q", "long", expiring("5000"), false).unwrap(); // 1000 wins
    w.publish_with("", "q", "short", expiring("100"), false).unwrap(); // 100 wins, but behind "long"
    w.publish("", "q", "plain"); // 1000
    w.b.advance(500);
    assert_eq!(w.ready("q"), vec!["long", "short", "plain"], "'short' is expired but not at the head");
    w.b.advance(500);
    assert!(w.ready("q").is_empty(), "at 1000 the head expires, then 'short', then 'plain'");
    let ev = w.b.take_events();
    let expired = ev.iter().filter(|e| matches!(e, Event::Removed { reason: RemovalReason::Expired, .. })).count();
    assert_eq!(expired, 3);
}

#[test]
fn per_message_ttl_without_queue_ttl_and_zero_ttl() {
    let mut w = World::new();
    w.queue("q");
    w.publish_with("", "q", "zero", expiring("0"), false).unwrap();
    assert!(w.ready("q").is_empty(), "expiration 0 without a consumer: gone at once");
    let _c = w.consume("q", "c", 0, false);
    w.seen();
    w.publish_with("", "q", "zero-consumed", expiring("0"), false).unwrap();
    assert_eq!(W::bodies(&w.seen()), vec!["zero-consumed"], "a waiting consumer gets it first");
}

struct W;
impl W {
    fn bodies(s: &[Seen]) -> Vec<String> {
        s.iter().map(|d| d.body.clone()).collect()
    }
}

#[test]
fn requeued_message_keeps_its_original_expiry() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-message-ttl": 1000})).unwrap();
    w.publish("", "q", "m");
    let ch = w.ch();
    w.b.advance(600);
    let g = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    w.b.advance(300);
    w.b.basic_reject(ch, g.delivery_tag, true).unwrap();
    assert_eq!(w.ready("q"), vec!["m"]);
    w.b.advance(99);
    assert_eq!(w.ready("q"), vec!["m"], "999 ms old");
    w.b.advance(1);
    assert!(w.ready("q").is_empty(), "expired at 1000 ms after the first enqueue");
}

#[test]
fn unacked_messages_do_not_expire_and_expired_are_never_delivered() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-message-ttl": 100})).unwrap();
    let c = w.consume("q", "c", 1, false);
    w.publish("", "q", "a");
    w.publish("", "q", "b");
    let s = w.seen();
    assert_eq!(W::bodies(&s), vec!["a"]);
    w.b.advance(1000);
    assert!(w.ready("q").is_empty(), "b expired while waiting");
    w.b.basic_ack(c, s[0].tag, false).unwrap();
    assert!(w.seen().is_empty(), "b is never delivered");
    // a was unacked for 1000 ms: acking it works.
    assert_eq!(w.b.queue("q").unwrap().unacked, 0);
}

#[test]
fn bad_expiration_and_delivery_mode_are_406() {
    let mut w = World::new();
    w.queue("q");
    for exp in ["abc", "-1", "1.5", " 5", "", "315360000001"] {
        let e = w.publish_with("", "q", "m", expiring(exp), false).unwrap_err();
        assert_eq!(e.code.code(), 406, "expiration {exp:?}");
        assert!(e.text.contains("invalid expiration"), "{}", e.text);
    }
    w.publish_with("", "q", "m", expiring("315360000000"), false).unwrap();
    for mode in [0u8, 3] {
        let p = Properties { delivery_mode: Some(mode), ..Default::default() };
        let e = w.publish_with("", "q", "m", p, false).unwrap_err();
        assert_eq!(e.code.code(), 406, "delivery_mode {mode}");
    }
}

// ----- x-expires -------------------------------------------------------------------------

#[test]
fn queue_expires_when_unused() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-expires": 1000, "x-dead-letter-exchange": "dlx"})).unwrap();
    w.exchange("dlx", ExchangeType::Fanout);
    w.queue("dead");
    w.bind("dead", "dlx", "");
    w.publish("", "q", "m");
    w.b.advance(800);
    w.get("q"); // basic.get resets the timer (ensure_expiry_timer)
    w.publish("", "q", "m2");
    w.b.advance(800);
    assert!(w.b.queue("q").is_some());
    w.declare(QueueDeclare { passive: true, ..QueueDeclare::new("q") }).unwrap(); // so does a declare
    w.b.advance(999);
    assert!(w.b.queue("q").is_some());
    w.b.advance(1);
    assert!(w.b.queue("q").is_none());
    assert!(w.drain("dead").is_empty(), "queue expiry does not dead-letter");
}

#[test]
fn queue_with_consumer_does_not_expire_until_the_consumer_goes() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-expires": 100})).unwrap();
    let c = w.consume("q", "c", 0, false);
    w.b.advance(10_000);
    assert!(w.b.queue("q").is_some());
    w.b.basic_cancel(c, "c").unwrap();
    w.b.advance(99);
    assert!(w.b.queue("q").is_some());
    w.b.advance(1);
    assert!(w.b.queue("q").is_none());
    // publishing does not count as use.
    w.queue_args("p", json!({"x-expires": 100})).unwrap();
    w.b.advance(50);
    w.publish("", "p", "m");
    w.b.advance(50);
    assert!(w.b.queue("p").is_none());
}

// ----- length limits ------------------------------------------------------------------------

#[test]
fn drop_head_dead_letters_with_reason_maxlen() {
    let mut w = World::new();
    w.exchange("dlx", ExchangeType::Fanout);
    w.queue("dead");
    w.bind("dead", "dlx", "");
    w.queue_args("q", json!({"x-max-length": 2, "x-dead-letter-exchange": "dlx"})).unwrap();
    for b in ["1", "2", "3", "4"] {
        w.publish("", "q", b);
    }
    assert_eq!(w.ready("q"), vec!["3", "4"]);
    let ch = w.ch();
    let g = w.b.basic_get(ch, "dead", true).unwrap().unwrap();
    assert_eq!(&*g.message.body, "1");
    let d = x_death(&g.message);
    assert_eq!(d[0].get("reason"), Some(&FieldValue::from("maxlen")));
    assert_eq!(w.drain("dead"), vec!["2"]);
}

#[test]
fn max_length_counts_ready_messages_only() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-max-length": 1})).unwrap();
    let c = w.consume("q", "c", 1, false);
    w.publish("", "q", "a"); // straight to the consumer: not counted
    w.publish("", "q", "b"); // ready: 1
    w.publish("", "q", "c"); // over: drop head "b"
    assert_eq!(w.ready("q"), vec!["c"]);
    let s = w.seen();
    assert_eq!(W::bodies(&s), vec!["a"]);
    // Requeueing "a" puts it at the head; now 2 ready > 1: the head ("a")
    // is dropped (requeue_and_run calls maybe_drop_head).
    w.b.basic_reject(c, s[0].tag, true).unwrap();
    assert_eq!(w.ready("q"), vec![] as Vec<String>, "'c' delivered after 'a' was dropped");
    assert_eq!(W::bodies(&w.seen()), vec!["c"]);
}

#[test]
fn max_length_bytes_counts_bodies() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-max-length-bytes": 10})).unwrap();
    w.publish("", "q", "12345");
    w.publish("", "q", "67890");
    w.publish("", "q", "x");
    assert_eq!(w.ready("q"), vec!["67890", "x"]);
    w.queue_args("r", json!({"x-max-length-bytes": 4, "x-overflow": "reject-publish"})).unwrap();
    let ch = w.ch();
    w.b.confirm_select(ch).unwrap();
    assert!(!w.publish("", "r", "1234").nacked);
    assert!(w.publish("", "r", "5").nacked);
    assert!(!w.publish("", "r", "").nacked, "an empty body still fits");
    assert_eq!(w.ready("r"), vec!["1234", ""]);
}

#[test]
fn reject_publish_refuses_without_dead_lettering_and_dlx_variant_dead_letters() {
    let mut w = World::new();
    let ch = w.ch();
    w.b.confirm_select(ch).unwrap();
    w.exchange("dlx", ExchangeType::Fanout);
    w.queue("dead");
    w.bind("dead", "dlx", "");
    w.queue_args("rp", json!({"x-max-length": 1, "x-overflow": "reject-publish", "x-dead-letter-exchange": "dlx"}))
        .unwrap();
    w.queue_args(
        "rpd",
        json!({"x-max-length": 1, "x-overflow": "reject-publish-dlx", "x-dead-letter-exchange": "dlx"}),
    )
    .unwrap();
    assert!(!w.publish("", "rp", "a").nacked);
    assert!(w.publish("", "rp", "b").nacked);
    assert!(w.drain("dead").is_empty(), "reject-publish does not dead-letter");
    assert!(!w.publish("", "rpd", "c").nacked);
    assert!(w.publish("", "rpd", "d").nacked);
    let ch = w.ch();
    let g = w.b.basic_get(ch, "dead", true).unwrap().unwrap();
    assert_eq!(&*g.message.body, "d");
    assert_eq!(x_death(&g.message)[0].get("reason"), Some(&FieldValue::from("maxlen")));
    assert_eq!(x_death(&g.message)[0].get("queue"), Some(&FieldValue::from("rpd")));
    assert_eq!(w.ready("rp"), vec!["a"]);
    assert_eq!(w.ready("rpd"), vec!["c"]);
}

#[test]
fn max_length_zero_with_a_waiting_consumer_delivers() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-max-length": 0, "x-overflow": "reject-publish"})).unwrap();
    let ch = w.ch();
    w.b.confirm_select(ch).unwrap();
    assert!(w.publish("", "q", "refused").nacked, "BQ len + 1 > 0");
    let _c = w.consume("q", "c", 0, false);
    // will_overflow is checked before attempting delivery: still refused.
    assert!(w.publish("", "q", "still refused").nacked);
    w.queue_args("dh", json!({"x-max-length": 0})).unwrap();
    assert!(!w.publish("", "dh", "dropped").nacked);
    assert!(w.ready("dh").is_empty());
    let _c2 = w.consume("dh", "c2", 0, false);
    w.seen();
    w.publish("", "dh", "handed over");
    assert_eq!(W::bodies(&w.seen()), vec!["handed over"]);
}

// ----- dead lettering -----------------------------------------------------------------------

fn dl_world() -> World {
    let mut w = World::new();
    w.exchange("dlx", ExchangeType::Topic);
    w.queue("dead");
    w.bind("dead", "dlx", "#");
    w
}

#[test]
fn x_death_fields_and_first_death_headers() {
    let mut w = dl_world();
    w.exchange("work-x", ExchangeType::Direct);
    w.queue_args("work", json!({"x-dead-letter-exchange": "dlx", "x-message-ttl": 10})).unwrap();
    w.bind("work", "work-x", "job");
    let p = Properties {
        expiration: Some("50".into()),
        headers: Some(t(json!({"CC": ["cc-key"], "app": "x"}))),
        ..Default::default()
    };
    w.publish_with("work-x", "job", "m", p, false).unwrap();
    w.b.advance(1000);
    let ch = w.ch();
    let g = w.b.basic_get(ch, "dead", true).unwrap().unwrap();
    let m = &g.message;
    assert_eq!(&*m.exchange, "dlx", "the exchange becomes the DLX");
    assert_eq!(m.routing_key, "job", "original routing key kept");
    assert_eq!(m.properties.expiration, None, "expiration removed");
    let d = x_death(m);
    assert_eq!(d.len(), 1);
    let e = &d[0];
    assert_eq!(e.get("count"), Some(&FieldValue::Int(1)));
    assert_eq!(e.get("reason"), Some(&FieldValue::from("expired")));
    assert_eq!(e.get("queue"), Some(&FieldValue::from("work")));
    assert_eq!(e.get("exchange"), Some(&FieldValue::from("work-x")));
    assert_eq!(e.get("original-expiration"), Some(&FieldValue::from("50")));
    assert_eq!(
        e.get("routing-keys"),
        Some(&FieldValue::Array(vec![FieldValue::from("job"), FieldValue::from("cc-key")]))
    );
    // Seconds of virtual time at the death (10 ms: second 0).
    assert!(matches!(e.get("time"), Some(FieldValue::Timestamp(0))), "{:?}", e.get("time"));
    assert_eq!(header_str(m, "x-first-death-reason").as_deref(), Some("expired"));
    assert_eq!(header_str(m, "x-first-death-queue").as_deref(), Some("work"));
    assert_eq!(header_str(m, "x-first-death-exchange").as_deref(), Some("work-x"));
    assert_eq!(header_str(m, "app").as_deref(), Some("x"), "other headers kept");
    assert!(w.get("dead").is_none(), "both keys match '#' but the queue gets one copy");
}

#[test]
fn x_death_routing_keys_leave_out_bcc() {
    // make_msg: routing-keys = [first routing key | header_routes(Headers)]
    // after BCC was stripped at publish: BCC keys are routed but not
    // recorded.
    let mut w = dl_world();
    w.queue_args("q", json!({"x-dead-letter-exchange": "dlx"})).unwrap();
    w.queue("secret");
    let p = Properties { headers: Some(t(json!({"BCC": ["secret"]}))), ..Default::default() };
    w.publish_with("", "q", "m", p, false).unwrap();
    assert_eq!(w.drain("secret"), vec!["m"]);
    let ch = w.ch();
    let g = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    w.b.basic_reject(ch, g.delivery_tag, false).unwrap();
    let g = w.b.basic_get(ch, "dead", true).unwrap().unwrap();
    assert_eq!(x_death(&g.message)[0].get("routing-keys"), Some(&FieldValue::Array(vec![FieldValue::from("q")])));
}

#[test]
fn dead_letter_routing_key_replaces_keys_and_drops_cc() {
    let mut w = dl_world();
    w.queue_args("q", json!({"x-dead-letter-exchange": "dlx", "x-dead-letter-routing-key": "dl.key"})).unwrap();
    w.queue("only-dl");
    w.bind("only-dl", "dlx", "dl.key");
    let p = Properties { headers: Some(t(json!({"CC": ["other"]}))), ..Default::default() };
    w.publish_with("", "q", "m", p, false).unwrap();
    let ch = w.ch();
    let g = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    w.b.basic_nack(ch, g.delivery_tag, false, false).unwrap();
    let g = w.b.basic_get(ch, "only-dl", true).unwrap().unwrap();
    assert_eq!(g.message.routing_key, "dl.key");
    assert!(g.message.properties.headers.as_ref().unwrap().get("CC").is_none(), "CC removed");
    let d = x_death(&g.message);
    assert_eq!(d[0].get("reason"), Some(&FieldValue::from("rejected")));
    assert_eq!(
        d[0].get("routing-keys"),
        Some(&FieldValue::Array(vec![FieldValue::from("q"), FieldValue::from("other")])),
        "x-death records the keys before the change"
    );
}

#[test]
fn missing_dead_letter_exchange_drops() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-dead-letter-exchange": "not-there", "x-max-length": 1})).unwrap();
    w.publish("", "q", "1");
    w.publish("", "q", "2");
    assert_eq!(w.ready("q"), vec!["2"]);
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::DeadLetterDropped { .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::Removed { reason: RemovalReason::MaxLength, .. })));
}

#[test]
fn same_queue_and_reason_counts_up_and_moves_to_front() {
    // Ping-pong between two queues by rejection: a -> b -> a -> b.
    let mut w = World::new();
    w.queue_args("a", json!({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "b"})).unwrap();
    w.queue_args("b", json!({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "a"})).unwrap();
    w.publish("", "a", "m");
    let ch = w.ch();
    for q in ["a", "b", "a"] {
        let g = w.b.basic_get(ch, q, false).unwrap().unwrap();
        w.b.basic_reject(ch, g.delivery_tag, false).unwrap();
    }
    let g = w.b.basic_get(ch, "b", true).unwrap().unwrap();
    let d = x_death(&g.message);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].get("queue"), Some(&FieldValue::from("a")));
    assert_eq!(d[0].get("count"), Some(&FieldValue::Int(2)));
    assert_eq!(d[1].get("queue"), Some(&FieldValue::from("b")));
    assert_eq!(d[1].get("count"), Some(&FieldValue::Int(1)));
    assert_eq!(header_str(&g.message, "x-first-death-queue").as_deref(), Some("a"));
    assert_eq!(header_str(&g.message, "x-first-death-reason").as_deref(), Some("rejected"));
}

#[test]
fn cycle_rule_drops_automatic_cycles_but_not_rejections() {
    let mut w = World::new();
    // A queue that dead-letters expired messages back to itself: dropped.
    w.queue_args(
        "self",
        json!({"x-message-ttl": 10, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "self"}),
    )
    .unwrap();
    w.publish("", "self", "m");
    w.b.advance(100);
    assert!(w.ready("self").is_empty());
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::DeadLetterDropped { why: DeadLetterDrop::Cycle, .. })));
    // Rejection back to itself is not a cycle.
    w.queue_args("rej", json!({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "rej"})).unwrap();
    w.publish("", "rej", "r");
    let ch = w.ch();
    let g = w.b.basic_get(ch, "rej", false).unwrap().unwrap();
    w.b.basic_reject(ch, g.delivery_tag, false).unwrap();
    assert_eq!(w.ready("rej"), vec!["r"]);
    // Rejected once, then expiring back into the queue: the rejected entry
    // breaks the cycle... only if it comes before the target's entry.
    w.queue_args(
        "mix",
        json!({"x-message-ttl": 10, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "mix2"}),
    )
    .unwrap();
    w.queue_args("mix2", json!({"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "mix"})).unwrap();
    w.publish("", "mix", "x");
    w.b.advance(20); // expired in mix -> mix2
    assert_eq!(w.ready("mix2"), vec!["x"]);
    let g = w.b.basic_get(ch, "mix2", false).unwrap().unwrap();
    w.b.basic_reject(ch, g.delivery_tag, false).unwrap(); // rejected in mix2 -> mix
    assert_eq!(w.ready("mix"), vec!["x"]);
    w.b.advance(20); // expired in mix again -> mix2: x-death = [mix expired(2), mix2 rejected]
                     // target mix2: its entry is the rejected one, preceded by mix/expired:
                     // the cycle contains a rejection, so it is delivered.
    assert_eq!(w.ready("mix2"), vec!["x"]);
    let g = w.b.basic_get(ch, "mix2", true).unwrap().unwrap();
    let d = x_death(&g.message);
    assert_eq!(d[0].get("queue"), Some(&FieldValue::from("mix")));
    assert_eq!(d[0].get("count"), Some(&FieldValue::Int(2)));
}

#[test]
fn maxlen_cycle_is_dropped_too() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-max-length": 1, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "q"}))
        .unwrap();
    w.publish("", "q", "1");
    w.publish("", "q", "2");
    assert_eq!(w.ready("q"), vec!["2"], "'1' died of maxlen and would re-enter q: cycle, dropped");
}

#[test]
fn invalid_x_death_header_is_reset_without_first_death_headers() {
    // update_x_death_header: a non-array x-death is replaced by a fresh
    // one-entry array; x-first-death-* are only set when x-death was absent.
    let mut w = dl_world();
    w.queue_args("q", json!({"x-dead-letter-exchange": "dlx"})).unwrap();
    let p = Properties { headers: Some(t(json!({"x-death": "garbage"}))), ..Default::default() };
    w.publish_with("", "q", "m", p, false).unwrap();
    let ch = w.ch();
    let g = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    w.b.basic_reject(ch, g.delivery_tag, false).unwrap();
    let g = w.b.basic_get(ch, "dead", true).unwrap().unwrap();
    let d = x_death(&g.message);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].get("count"), Some(&FieldValue::Int(1)));
    assert_eq!(header_str(&g.message, "x-first-death-reason"), None);
}

#[test]
fn dead_lettered_messages_are_not_confirmed_or_returned() {
    let mut w = World::new();
    let ch = w.ch();
    w.b.confirm_select(ch).unwrap();
    w.queue_args("q", json!({"x-dead-letter-exchange": "amq.direct"})).unwrap();
    w.publish("", "q", "m");
    w.b.take_events();
    let g = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    w.b.basic_reject(ch, g.delivery_tag, false).unwrap();
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::DeadLettered { reason: DeathReason::Rejected, .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::Published { channel: None, mandatory: false, .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::Unroutable { .. })), "amq.direct has no binding for 'q'");
    assert!(!ev.iter().any(|e| matches!(e, Event::Returned { .. } | Event::Confirmed { .. })));
}

// ----- priorities -----------------------------------------------------------------------------

#[test]
fn priority_queue_orders_by_priority_then_fifo_and_clamps() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-max-priority": 5})).unwrap();
    let pri = |p: Option<u8>| Properties { priority: p, ..Default::default() };
    for (b, p) in [
        ("none", None),
        ("p1", Some(1)),
        ("p9", Some(9)),
        ("p5", Some(5)),
        ("p0", Some(0)),
        ("p1b", Some(1)),
        ("p255", Some(255)),
    ] {
        w.publish_with("", "q", b, pri(p), false).unwrap();
    }
    // 9 and 255 count as 5; absent is 0.
    assert_eq!(w.drain("q"), vec!["p9", "p5", "p255", "p1", "p1b", "none", "p0"]);
    // A queue without x-max-priority ignores priorities.
    w.queue("plain");
    w.publish_with("", "plain", "a", pri(Some(1)), false).unwrap();
    w.publish_with("", "plain", "b", pri(Some(9)), false).unwrap();
    assert_eq!(w.drain("plain"), vec!["a", "b"]);
    // x-max-priority 0: one level.
    w.queue_args("zero", json!({"x-max-priority": 0})).unwrap();
    w.publish_with("", "zero", "a", pri(Some(1)), false).unwrap();
    w.publish_with("", "zero", "b", pri(Some(9)), false).unwrap();
    assert_eq!(w.drain("zero"), vec!["a", "b"]);
}

#[test]
fn priority_requeue_goes_back_to_its_own_level() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-max-priority": 2})).unwrap();
    let pri = |p| Properties { priority: Some(p), ..Default::default() };
    w.publish_with("", "q", "low", pri(0), false).unwrap();
    w.publish_with("", "q", "high", pri(2), false).unwrap();
    let ch = w.ch();
    let g = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    assert_eq!(&*g.message.body, "high");
    w.publish_with("", "q", "high2", pri(2), false).unwrap();
    w.b.basic_nack(ch, g.delivery_tag, false, true).unwrap();
    assert_eq!(w.drain("q"), vec!["high", "high2", "low"]);
}

// ----- purge, delete ------------------------------------------------------------------------------

#[test]
fn purge_removes_ready_only() {
    let mut w = World::new();
    w.queue("q");
    for b in ["1", "2", "3"] {
        w.publish("", "q", b);
    }
    let ch = w.ch();
    let g = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    assert_eq!(w.b.queue_purge(ch, "q").unwrap(), 2);
    w.b.basic_reject(ch, g.delivery_tag, true).unwrap();
    assert_eq!(w.drain("q"), vec!["1"], "the unacked one comes back");
    assert_eq!(code(w.b.queue_purge(ch, "missing")), 404);
}

#[test]
fn queue_delete_conditions_and_counts() {
    let mut w = World::new();
    w.queue("q");
    w.publish("", "q", "1");
    let c = w.consume("q", "c", 1, false);
    w.publish("", "q", "2");
    let ch = w.ch();
    // Both conditions fail: if_empty is checked first (rabbit_amqqueue_process
    // handle_call({delete, ...})).
    let e = w.b.queue_delete(ch, "q", true, true).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert!(e.text.contains("not empty"), "{}", e.text);
    let ch = w.ch();
    let e = w.b.queue_delete(ch, "q", true, false).unwrap_err();
    assert_eq!(e.text, "PRECONDITION_FAILED - queue 'q' in vhost '/' in use");
    let ch = w.ch();
    assert_eq!(w.b.queue_delete(ch, "q", false, false).unwrap(), 1, "ready messages only");
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::ConsumerCancelled { by_broker: true, .. })));
    assert_eq!(
        ev.iter().filter(|e| matches!(e, Event::Removed { reason: RemovalReason::QueueDeleted, .. })).count(),
        2,
        "the ready and the unacked copy"
    );
    // Acking a delivery of a deleted queue is harmless.
    w.b.basic_ack(c, 1, false).unwrap();
    assert!(w.b.is_channel_open(c));
    assert_eq!(w.b.queue_delete(ch, "q", true, true).unwrap(), 0, "missing queue: ok, 0");
}

// ----- restart -------------------------------------------------------------------------------------

#[test]
fn restart_keeps_durable_things_and_persistent_messages() {
    let mut w = World::new();
    w.declare(QueueDeclare { durable: true, ..QueueDeclare::new("dq") }).unwrap();
    w.queue("tq");
    w.exchange_with(ExchangeDeclare { durable: true, ..ExchangeDeclare::new("dx", ExchangeType::Fanout) }).unwrap();
    w.exchange("tx", ExchangeType::Fanout);
    w.bind("dq", "dx", "");
    w.bind("tq", "dx", "");
    w.bind("dq", "tx", "");
    w.bind_x("tx", "dx", "");
    w.publish_with("dx", "", "persistent", persistent(), false).unwrap();
    w.publish("dx", "", "transient");
    let c = w.consume("dq", "c", 1, false);
    assert_eq!(W::bodies(&w.seen()), vec!["persistent"]);
    w.b.restart();
    assert!(!w.b.is_channel_open(c));
    assert!(w.b.queue("tq").is_none() && w.b.exchange("tx").is_none());
    assert!(w.b.queue("dq").is_some() && w.b.exchange("dx").is_some());
    let bindings: Vec<String> = w.b.bindings().map(|b| format!("{}->{}", b.source, b.destination.name())).collect();
    assert_eq!(bindings, vec!["dx->dq"]);
    let ch = w.ch();
    let g = w.b.basic_get(ch, "dq", true).unwrap().unwrap();
    assert_eq!(&*g.message.body, "persistent");
    assert!(g.redelivered, "it had been delivered before the restart");
    assert!(w.b.basic_get(ch, "dq", true).unwrap().is_none(), "the transient one is gone");
}

#[test]
fn restart_does_not_auto_delete_durable_exchanges() {
    // rabbit_binding:recover only restores bindings whose ends were
    // recovered; nothing runs the auto-delete check for their sources.
    let mut w = World::new();
    w.exchange_with(ExchangeDeclare {
        durable: true,
        auto_delete: true,
        ..ExchangeDeclare::new("adx", ExchangeType::Fanout)
    })
    .unwrap();
    w.queue("transient");
    w.bind("transient", "adx", "");
    w.b.restart();
    assert!(w.b.exchange("adx").is_some());
    assert!(w.b.exchange("adx").unwrap().bindings().is_empty());
}

#[test]
fn restart_keeps_persistent_messages_in_order_and_drops_in_transient_queue() {
    let mut w = World::new();
    w.declare(QueueDeclare { durable: true, ..QueueDeclare::new("dq") }).unwrap();
    w.queue("tq");
    for (b, p) in [("p1", true), ("t1", false), ("p2", true)] {
        let props = if p { persistent() } else { Properties::default() };
        w.publish_with("", "dq", b, props.clone(), false).unwrap();
        w.publish_with("", "tq", b, props, false).unwrap();
    }
    w.b.restart();
    assert_eq!(w.drain("dq"), vec!["p1", "p2"]);
    assert!(w.b.queue("tq").is_none());
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::Removed { reason: RemovalReason::LostOnRestart, .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::Restarted)));
}
