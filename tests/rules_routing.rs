//! Routing rules beyond the recorded corpus: topic edge cases, headers
//! typed values and x-match variants, exchange-to-exchange bindings (cycles,
//! de-duplication), alternate exchanges, internal and auto-delete exchanges,
//! the default exchange, reserved names, redeclaration, mandatory returns
//! and routing explanations.
//!
//! Sources (RabbitMQ v3.10.x, deps/rabbit/src/): rabbit_exchange.erl
//! (route/2, route1, process_alternate, process_route),
//! rabbit_exchange_type_topic.erl, rabbit_exchange_type_headers.erl,
//! rabbit_channel.erl (check_name, check_not_default_exchange,
//! check_internal_exchange, check_exchange_deletion), rabbit_binding.erl.

mod common;
use common::*;

// ----- topic -----------------------------------------------------------------

fn topic_world(bindings: &[&str]) -> World {
    let mut w = World::new();
    w.exchange("t", ExchangeType::Topic);
    for (i, k) in bindings.iter().enumerate() {
        let q = format!("q{i}");
        w.queue(&q);
        w.bind(&q, "t", k);
    }
    w
}

fn topic_match(binding: &str, key: &str) -> bool {
    let w = topic_world(&[binding]);
    !w.route("t", key).is_empty()
}

#[test]
fn topic_empty_words_and_wildcards_follow_rabbitmq() {
    // rabbit_exchange_type_topic: split on ".", empty words kept, "" = no words.
    let yes = [
        ("a.*.b", "a..b"),
        ("a.#.b", "a..b"),
        ("*.*", "."),
        ("#.#", ""),
        ("#", ""),
        ("#", "."),
        ("#", "a.b.c"),
        ("a.#", "a"),
        ("#.a", "a"),
        ("a.*", "a."),
        ("*.a", ".a"),
        ("*", "*"),
        ("*", "#"),
        ("", ""),
        ("a", "a"),
        ("#.#.#", "a"),
        ("a.#.#.b", "a.b"),
        ("#.b.#", "b"),
        ("*.#", "a"),
        ("#.*", "a.b"),
        ("a.#.c", "a.b.x.c"),
        ("a*", "a*"),
        ("##", "##"),
        ("a.b", "a.b"),
        (".", "."),
        ("..", ".."),
    ];
    for (b, k) in yes {
        assert!(topic_match(b, k), "'{b}' should match '{k}'");
    }
    let no = [
        ("a.b", "a..b"),
        ("*", "."),
        ("*", ""),
        ("", "."),
        ("", "a"),
        ("*.#", ""),
        ("a.*", "a"),
        ("A.b", "a.b"),
        ("a", "*"),
        ("a", "#"),
        ("a*", "ab"),
        ("##", "a"),
        ("#.b", "b.a"),
        ("a.#.c", "a.b.x.c.d"),
        ("*.*", "a"),
        ("a.", "a"),
        (".a", "a"),
        ("a.b", "a.b."),
        ("*.*.*", "a.b"),
    ];
    for (b, k) in no {
        assert!(!topic_match(b, k), "'{b}' should not match '{k}'");
    }
}

#[test]
fn topic_same_key_different_arguments_are_two_bindings_one_copy() {
    let mut w = World::new();
    w.exchange("t", ExchangeType::Topic);
    w.queue("q");
    w.bind_args("q", "t", "a.#", serde_json::json!({"x": 1})).unwrap();
    w.bind_args("q", "t", "a.#", serde_json::json!({"x": 2})).unwrap();
    w.bind("q", "t", "a.*");
    w.bind("q", "t", "#");
    assert_eq!(w.b.exchange("t").unwrap().bindings().len(), 4);
    let r = w.b.route("t", "a.b", None);
    assert_eq!(r.hops[0].matched.len(), 4, "every matching binding is reported");
    assert_eq!(r.queues.len(), 1, "but the queue gets one copy");
    w.publish("t", "a.b", "m");
    assert_eq!(w.drain("q"), vec!["m"]);
}

#[test]
fn topic_identical_bind_is_idempotent_and_unbind_removes_it() {
    let mut w = topic_world(&["a.*"]);
    w.bind("q0", "t", "a.*");
    assert_eq!(w.b.exchange("t").unwrap().bindings().len(), 1);
    let ch = w.ch();
    w.b.queue_unbind(ch, "q0", "t", "a.*", FieldTable::new()).unwrap();
    assert!(w.route("t", "a.b").is_empty());
    // Unbinding again is fine (rabbit_binding:remove: missing binding -> ok).
    w.b.queue_unbind(ch, "q0", "t", "a.*", FieldTable::new()).unwrap();
    assert!(w.b.is_channel_open(ch));
}

#[test]
fn topic_with_many_bindings_routes_like_the_reference_matcher() {
    // The trie must agree with the plain recursive definition on a
    // systematic set of keys.
    let words = ["a", "b", "", "*", "#"];
    let mut keys = vec![String::new()];
    for n in 1..=3 {
        let mut acc = vec![String::new()];
        for _ in 0..n {
            acc = acc
                .iter()
                .flat_map(|p| {
                    words.iter().map(move |w| if p.is_empty() && n > 0 { w.to_string() } else { format!("{p}.{w}") })
                })
                .collect();
        }
        keys.extend(acc);
    }
    keys.sort();
    keys.dedup();
    let mut w = World::new();
    w.exchange("t", ExchangeType::Topic);
    for (i, k) in keys.iter().enumerate() {
        w.queue(&format!("q{i:03}"));
        w.bind(&format!("q{i:03}"), "t", k);
    }
    for rk in keys.iter().filter(|k| !k.contains('*') && !k.contains('#')) {
        let got = w.route("t", rk);
        let want: Vec<String> = keys
            .iter()
            .enumerate()
            .filter(|(_, b)| warren::engine::topic::matches(b, rk))
            .map(|(i, _)| format!("q{i:03}"))
            .collect();
        assert_eq!(got, want, "routing key '{rk}'");
    }
}

// ----- direct, fanout, default -------------------------------------------------

#[test]
fn direct_compares_bytes_including_empty_and_case() {
    let mut w = World::new();
    w.exchange("d", ExchangeType::Direct);
    for (q, k) in [("empty", ""), ("lower", "key"), ("upper", "Key"), ("dots", "a.b")] {
        w.queue(q);
        w.bind(q, "d", k);
    }
    assert_eq!(w.route("d", ""), vec!["empty"]);
    assert_eq!(w.route("d", "key"), vec!["lower"]);
    assert_eq!(w.route("d", "Key"), vec!["upper"]);
    assert_eq!(w.route("d", "a.b"), vec!["dots"]);
    assert!(w.route("d", "a.*").is_empty());
    assert!(w.route("d", "key ").is_empty());
}

#[test]
fn fanout_ignores_the_routing_key() {
    let mut w = World::new();
    w.exchange("f", ExchangeType::Fanout);
    w.queue("a");
    w.queue("b");
    w.bind("a", "f", "ignored");
    w.bind("b", "f", "");
    assert_eq!(w.route("f", "anything"), vec!["a", "b"]);
    assert_eq!(w.route("f", ""), vec!["a", "b"]);
}

#[test]
fn default_exchange_routes_by_queue_name_only() {
    let mut w = World::new();
    w.queue("jobs");
    assert_eq!(w.route("", "jobs"), vec!["jobs"]);
    assert!(w.route("", "Jobs").is_empty());
    assert!(w.route("", "nope").is_empty());
    // Publishing to a missing queue through "" is not an error: dropped.
    let o = w.publish("", "nope", "x");
    assert!(o.routed.is_empty() && !o.returned);
    assert!(w.b.is_channel_open(w.ch));
}

#[test]
fn default_exchange_operations_are_403() {
    // rabbit_channel:check_not_default_exchange ("operation not permitted on
    // the default exchange").
    let mut w = World::new();
    w.queue("q");
    w.exchange("x", ExchangeType::Direct);
    let ch = w.ch();
    assert_eq!(code(w.b.queue_bind(ch, "q", "", "q", FieldTable::new())), 403);
    let ch = w.ch();
    assert_eq!(code(w.b.queue_unbind(ch, "q", "", "q", FieldTable::new())), 403);
    let ch = w.ch();
    assert_eq!(code(w.b.exchange_delete(ch, "", false)), 403);
    let ch = w.ch();
    assert_eq!(code(w.b.exchange_declare(ch, ExchangeDeclare::new("", ExchangeType::Direct))), 403);
    let ch = w.ch();
    assert_eq!(code(w.b.exchange_bind(ch, "x", "", "k", FieldTable::new())), 403);
    let ch = w.ch();
    assert_eq!(code(w.b.exchange_bind(ch, "", "x", "k", FieldTable::new())), 403);
    let ch = w.ch();
    let e =
        w.b.exchange_declare(ch, ExchangeDeclare { passive: true, ..ExchangeDeclare::new("", ExchangeType::Direct) });
    assert_eq!(code(e), 403);
}

#[test]
fn cc_and_bcc_headers_add_routing_keys_and_bcc_is_stripped() {
    // rabbit_basic:header_routes: CC and BCC arrays of longstr are extra
    // routing keys; BCC is removed from the delivered message.
    let mut w = World::new();
    w.exchange("d", ExchangeType::Direct);
    for q in ["main", "cc", "bcc"] {
        w.queue(q);
        w.bind(q, "d", q);
    }
    w.publish_h("d", "main", "m", serde_json::json!({"CC": ["cc"], "BCC": ["bcc"]}));
    let ch = w.ch();
    for q in ["main", "cc", "bcc"] {
        let g = w.b.basic_get(ch, q, true).unwrap().expect("a copy in every queue");
        let h = g.message.properties.headers.clone().unwrap();
        assert!(h.get("CC").is_some(), "CC stays");
        assert!(h.get("BCC").is_none(), "BCC is stripped");
    }
    // A CC header that is not an array: 406 invalid message.
    let ch = w.ch();
    let e = w.b.basic_publish(
        ch,
        Publish {
            exchange: "d".into(),
            routing_key: "main".into(),
            properties: Properties { headers: Some(t(serde_json::json!({"CC": "cc"}))), ..Default::default() },
            ..Default::default()
        },
    );
    let e = e.unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert!(e.text.contains("unacceptable_type_in_header"), "{}", e.text);
}

// ----- headers -------------------------------------------------------------------

fn headers_world(args: serde_json::Value) -> World {
    let mut w = World::new();
    w.exchange("h", ExchangeType::Headers);
    w.queue("q");
    w.bind_args("q", "h", "", args).unwrap();
    w
}

fn h_matches(args: serde_json::Value, headers: serde_json::Value) -> bool {
    !headers_world(args).route_h("h", "", headers).is_empty()
}

#[test]
fn headers_values_compare_by_type_and_value() {
    use serde_json::json;
    assert!(h_matches(json!({"a": 1}), json!({"a": 1})));
    assert!(!h_matches(json!({"a": 1}), json!({"a": "1"})), "the string '1' is not the integer 1");
    assert!(!h_matches(json!({"a": true}), json!({"a": "true"})));
    assert!(!h_matches(json!({"a": true}), json!({"a": 1})));
    assert!(h_matches(json!({"a": true}), json!({"a": true})));
    assert!(!h_matches(json!({"a": false}), json!({"a": true})));
    assert!(h_matches(json!({"a": "x"}), json!({"a": "x", "b": 2})), "extra headers are fine");
    assert!(!h_matches(json!({"a": "x"}), json!({"A": "x"})), "keys are case-sensitive");
    // Numbers unify across integer/float types (Erlang ==).
    assert!(h_matches(json!({"a": 1}), json!({"a": 1.0})));
    // Nested values compare by value.
    assert!(h_matches(json!({"a": [1, "b"]}), json!({"a": [1, "b"]})));
    assert!(!h_matches(json!({"a": [1, "b"]}), json!({"a": ["b", 1]})));
}

#[test]
fn headers_void_binding_value_needs_presence_only() {
    let mut w = World::new();
    w.exchange("h", ExchangeType::Headers);
    w.queue("q");
    let mut args = FieldTable::new();
    args.insert("present", FieldValue::Void);
    let ch = w.ch();
    w.b.queue_bind(ch, "q", "h", "", args).unwrap();
    assert_eq!(w.route_h("h", "", serde_json::json!({"present": "anything"})), vec!["q"]);
    assert_eq!(w.route_h("h", "", serde_json::json!({"present": 0})), vec!["q"]);
    assert!(w.route_h("h", "", serde_json::json!({"other": 1})).is_empty());
}

#[test]
fn headers_all_and_any_with_no_compared_arguments() {
    use serde_json::json;
    // all with nothing to compare matches every message, even without
    // headers; any with nothing to compare matches nothing.
    assert!(h_matches(json!({}), json!({})));
    assert!(h_matches(json!({"x-match": "all"}), json!({"z": 1})));
    assert!(!headers_world(json!({})).b.route("h", "", None).queues.is_empty(), "no headers at all");
    assert!(!h_matches(json!({"x-match": "any"}), json!({"z": 1})));
    // x- arguments are not compared under all/any...
    assert!(h_matches(json!({"x-match": "all", "x-tag": "v"}), json!({})));
    assert!(!h_matches(json!({"x-match": "any", "x-tag": "v"}), json!({"x-tag": "v"})));
    // ...but are under the -with-x variants; x-match itself never is.
    assert!(!h_matches(json!({"x-match": "all-with-x", "x-tag": "v"}), json!({})));
    assert!(h_matches(json!({"x-match": "all-with-x", "x-tag": "v"}), json!({"x-tag": "v"})));
    assert!(h_matches(json!({"x-match": "any-with-x", "x-tag": "v", "a": 1}), json!({"x-tag": "v"})));
    assert!(h_matches(json!({"x-match": "any-with-x", "x-tag": "v", "a": 1}), json!({"a": 1})));
    assert!(!h_matches(json!({"x-match": "any-with-x", "x-tag": "v"}), json!({"x-tag": "w"})));
    assert!(h_matches(json!({"x-match": "all-with-x"}), json!({})));
    assert!(!h_matches(json!({"x-match": "any-with-x"}), json!({"x-match": "any-with-x"})));
}

#[test]
fn headers_all_needs_every_argument_any_needs_one() {
    use serde_json::json;
    let all = json!({"x-match": "all", "a": 1, "b": "two"});
    let any = json!({"x-match": "any", "a": 1, "b": "two"});
    assert!(h_matches(all.clone(), json!({"a": 1, "b": "two"})));
    assert!(!h_matches(all.clone(), json!({"a": 1})));
    assert!(!h_matches(all, json!({"a": 1, "b": "TWO"})));
    assert!(h_matches(any.clone(), json!({"a": 1})));
    assert!(h_matches(any.clone(), json!({"b": "two", "a": 5})));
    assert!(!h_matches(any, json!({"a": 2, "b": "three"})));
}

#[test]
fn headers_bad_x_match_is_406_and_routing_key_is_ignored() {
    let mut w = World::new();
    w.exchange("h", ExchangeType::Headers);
    w.queue("q");
    let e = w.bind_args("q", "h", "", serde_json::json!({"x-match": "some"})).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert!(e.text.contains("Invalid x-match field value"), "{}", e.text);
    assert!(!w.b.is_channel_open(w.ch), "406 closes the channel");
    let e = w.bind_args("q", "h", "", serde_json::json!({"x-match": 1})).unwrap_err();
    assert_eq!(e.code.code(), 406);
    // x-match is only validated on headers exchanges.
    w.exchange("d", ExchangeType::Direct);
    w.bind_args("q", "d", "k", serde_json::json!({"x-match": "some"})).unwrap();
    // The routing key of a headers binding plays no part.
    w.bind_args("q", "h", "some-key", serde_json::json!({"a": 1})).unwrap();
    assert_eq!(w.route_h("h", "other-key", serde_json::json!({"a": 1})), vec!["q"]);
}

// ----- exchange-to-exchange ---------------------------------------------------------

#[test]
fn e2e_chain_cycle_and_dedup() {
    let mut w = World::new();
    for x in ["a", "b", "c"] {
        w.exchange(x, ExchangeType::Fanout);
    }
    w.queue("q");
    w.bind_x("b", "a", "");
    w.bind_x("c", "b", "");
    w.bind_x("a", "c", ""); // cycle a -> b -> c -> a
    w.bind_x("a", "a", ""); // self-binding
    w.bind("q", "a", "");
    w.bind("q", "b", "");
    w.bind("q", "c", "");
    let r = w.b.route("a", "k", None);
    assert_eq!(r.queues.len(), 1, "one copy per queue per publish");
    let mut visited: Vec<&str> = r.hops.iter().map(|h| &*h.exchange).collect();
    visited.sort();
    assert_eq!(visited, vec!["a", "b", "c"], "each exchange routes once");
    w.publish("a", "k", "m");
    assert_eq!(w.drain("q"), vec!["m"]);
}

#[test]
fn e2e_binding_keys_apply_at_each_hop() {
    let mut w = World::new();
    w.exchange("front", ExchangeType::Topic);
    w.exchange("back", ExchangeType::Direct);
    w.queue("q");
    w.bind_x("back", "front", "orders.#");
    w.bind("q", "back", "orders.eu");
    assert_eq!(w.route("front", "orders.eu"), vec!["q"]);
    assert!(w.route("front", "orders.us").is_empty(), "back's direct binding does not match");
    assert!(w.route("front", "billing.eu").is_empty());
}

#[test]
fn e2e_bind_errors() {
    let mut w = World::new();
    w.exchange("a", ExchangeType::Direct);
    let ch = w.ch();
    let e = w.b.exchange_bind(ch, "missing", "a", "", FieldTable::new()).unwrap_err();
    assert_eq!(e.code.code(), 404);
    assert!(e.text.contains("exchange 'missing'"));
    // Source reported first when both are missing (rabbit_binding:
    // call_with_source_and_destination).
    let ch = w.ch();
    let e = w.b.exchange_bind(ch, "nod", "nos", "", FieldTable::new()).unwrap_err();
    assert!(e.text.contains("'nos'"), "{}", e.text);
    let ch = w.ch();
    w.b.exchange_unbind(ch, "a", "a", "not-bound", FieldTable::new()).unwrap();
}

#[test]
fn queue_bind_missing_exchange_is_reported_before_missing_queue() {
    let mut w = World::new();
    let ch = w.ch();
    let e = w.b.queue_bind(ch, "noq", "nox", "", FieldTable::new()).unwrap_err();
    assert_eq!(e.code.code(), 404);
    assert!(e.text.contains("exchange 'nox'"), "{}", e.text);
    w.exchange("x", ExchangeType::Direct);
    let ch = w.ch();
    let e = w.b.queue_bind(ch, "noq", "x", "", FieldTable::new()).unwrap_err();
    assert_eq!(e.text, "NOT_FOUND - no queue 'noq' in vhost '/'");
}

// ----- alternate exchanges ------------------------------------------------------------

fn ae_declare(name: &str, kind: ExchangeType, ae: &str) -> ExchangeDeclare {
    ExchangeDeclare { arguments: t(serde_json::json!({"alternate-exchange": ae})), ..ExchangeDeclare::new(name, kind) }
}

#[test]
fn alternate_exchange_only_when_own_bindings_match_nothing() {
    let mut w = World::new();
    w.exchange_with(ae_declare("main", ExchangeType::Direct, "ae")).unwrap();
    w.exchange("ae", ExchangeType::Fanout);
    w.queue("routed");
    w.queue("unrouted");
    w.bind("routed", "main", "good");
    w.bind("unrouted", "ae", "");
    assert_eq!(w.route("main", "good"), vec!["routed"]);
    assert_eq!(w.route("main", "bad"), vec!["unrouted"]);
    // Mandatory: reaching a queue through the AE counts as routed.
    let o = w.publish_with("main", "bad", "m", Properties::default(), true).unwrap();
    assert!(!o.returned);
    assert_eq!(w.drain("unrouted"), vec!["m"]);
}

#[test]
fn alternate_exchange_not_used_when_a_binding_leads_to_an_exchange_that_routes_nowhere() {
    // process_alternate/2 looks at the exchange type's own destinations,
    // exchanges included.
    let mut w = World::new();
    w.exchange_with(ae_declare("main", ExchangeType::Direct, "ae")).unwrap();
    w.exchange("ae", ExchangeType::Fanout);
    w.exchange("empty", ExchangeType::Fanout);
    w.queue("unrouted");
    w.bind("unrouted", "ae", "");
    w.bind_x("empty", "main", "k");
    assert!(w.route("main", "k").is_empty(), "the binding to 'empty' matched, so no AE");
    let o = w.publish_with("main", "k", "m", Properties::default(), true).unwrap();
    assert!(o.returned, "and nothing reached a queue: returned");
    assert_eq!(w.route("main", "other"), vec!["unrouted"]);
}

#[test]
fn alternate_exchange_chains_and_loops() {
    let mut w = World::new();
    w.exchange_with(ae_declare("x1", ExchangeType::Direct, "x2")).unwrap();
    w.exchange_with(ae_declare("x2", ExchangeType::Direct, "x3")).unwrap();
    w.exchange_with(ae_declare("x3", ExchangeType::Direct, "x1")).unwrap(); // loop back
    w.queue("end");
    w.bind("end", "x3", "k");
    assert_eq!(w.route("x1", "k"), vec!["end"], "each exchange uses its own AE");
    assert!(w.route("x1", "other").is_empty(), "the loop ends at a visited exchange");
    let r = w.b.route("x1", "other", None);
    assert_eq!(r.hops.len(), 3);
    assert!(r.hops[1].as_alternate && r.hops[2].as_alternate);
}

#[test]
fn missing_alternate_exchange_drops_and_mandatory_returns() {
    let mut w = World::new();
    w.exchange_with(ae_declare("main", ExchangeType::Direct, "nowhere")).unwrap();
    let r = w.b.route("main", "k", None);
    assert!(r.queues.is_empty());
    assert_eq!(r.missing_alternates.iter().map(|n| n.to_string()).collect::<Vec<_>>(), vec!["nowhere"]);
    let o = w.publish_with("main", "k", "m", Properties::default(), true).unwrap();
    assert!(o.returned);
    // Declaring the AE later makes it work: the argument is looked up at
    // routing time.
    w.exchange("nowhere", ExchangeType::Fanout);
    w.queue("late");
    w.bind("late", "nowhere", "");
    assert_eq!(w.route("main", "k"), vec!["late"]);
}

#[test]
fn alternate_exchange_of_an_exchange_reached_by_e2e_binding() {
    let mut w = World::new();
    w.exchange("front", ExchangeType::Fanout);
    w.exchange_with(ae_declare("inner", ExchangeType::Direct, "ae")).unwrap();
    w.exchange("ae", ExchangeType::Fanout);
    w.queue("q");
    w.bind("q", "ae", "");
    w.bind_x("inner", "front", "");
    assert_eq!(w.route("front", "k"), vec!["q"], "inner matched nothing, so its AE takes it");
}

#[test]
fn alternate_exchange_argument_must_be_a_string() {
    let mut w = World::new();
    let e = w
        .exchange_with(ExchangeDeclare {
            arguments: t(serde_json::json!({"alternate-exchange": 5})),
            ..ExchangeDeclare::new("x", ExchangeType::Direct)
        })
        .unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert!(e.text.contains("invalid type"), "{}", e.text);
}

// ----- internal, auto-delete, delete ----------------------------------------------------

#[test]
fn internal_exchange_refuses_publish_but_routes_via_e2e() {
    let mut w = World::new();
    w.exchange_with(ExchangeDeclare { internal: true, ..ExchangeDeclare::new("inner", ExchangeType::Fanout) }).unwrap();
    w.exchange("front", ExchangeType::Fanout);
    w.queue("q");
    w.bind("q", "inner", "");
    w.bind_x("inner", "front", "");
    let e = w.publish_with("inner", "", "m", Properties::default(), false).unwrap_err();
    assert_eq!(e.code.code(), 403);
    assert_eq!(e.text, "ACCESS_REFUSED - cannot publish to internal exchange 'inner' in vhost '/'");
    w.publish("front", "", "via front");
    assert_eq!(w.drain("q"), vec!["via front"]);
    // amq.rabbitmq.trace is predeclared, internal, topic.
    let e = w.publish_with("amq.rabbitmq.trace", "", "m", Properties::default(), false).unwrap_err();
    assert_eq!(e.code.code(), 403);
}

#[test]
fn auto_delete_exchange_goes_with_its_last_source_binding_and_cascades() {
    let mut w = World::new();
    let ad = |n: &str, k| ExchangeDeclare { auto_delete: true, ..ExchangeDeclare::new(n, k) };
    w.exchange_with(ad("top", ExchangeType::Fanout)).unwrap();
    w.exchange_with(ad("mid", ExchangeType::Fanout)).unwrap();
    w.queue("q1");
    w.queue("q2");
    w.bind_x("mid", "top", "");
    w.bind("q1", "mid", "");
    w.bind("q2", "mid", "");
    // Never-bound auto-delete exchanges stay.
    w.exchange_with(ad("lonely", ExchangeType::Direct)).unwrap();
    let ch = w.ch();
    w.b.queue_unbind(ch, "q1", "mid", "", FieldTable::new()).unwrap();
    assert!(w.b.exchange("mid").is_some(), "one binding left");
    w.b.queue_delete(ch, "q2", false, false).unwrap();
    assert!(w.b.exchange("mid").is_none(), "last binding gone with its queue");
    assert!(w.b.exchange("top").is_none(), "cascade: top lost its binding to mid");
    assert!(w.b.exchange("lonely").is_some());
    let events = w.b.take_events();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ExchangeDeleted { exchange, auto: true } if &**exchange == "top")));
}

#[test]
fn auto_delete_destination_exchange_is_not_deleted_by_unbinding_it() {
    let mut w = World::new();
    w.exchange("src", ExchangeType::Fanout);
    w.exchange_with(ExchangeDeclare { auto_delete: true, ..ExchangeDeclare::new("dst", ExchangeType::Fanout) })
        .unwrap();
    w.bind_x("dst", "src", "");
    let ch = w.ch();
    w.b.exchange_unbind(ch, "dst", "src", "", FieldTable::new()).unwrap();
    assert!(w.b.exchange("dst").is_some());
}

#[test]
fn exchange_delete_if_unused_and_bindings_on_both_sides() {
    let mut w = World::new();
    w.exchange("x", ExchangeType::Fanout);
    w.exchange("up", ExchangeType::Fanout);
    w.queue("q");
    w.bind("q", "x", "");
    w.bind_x("x", "up", "");
    let ch = w.ch();
    let e = w.b.exchange_delete(ch, "x", true).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert_eq!(e.text, "PRECONDITION_FAILED - exchange 'x' in vhost '/' in use");
    // if_unused only looks at bindings where x is the source.
    w.exchange("only-dest", ExchangeType::Fanout);
    w.bind_x("only-dest", "up", "");
    let ch = w.ch();
    w.b.exchange_delete(ch, "only-dest", true).unwrap();
    w.b.exchange_delete(ch, "x", false).unwrap();
    assert!(w.b.bindings().all(|b| &*b.source != "x" && b.destination.name().as_ref() != "x"));
    // Deleting a missing exchange is fine.
    w.b.exchange_delete(ch, "x", false).unwrap();
    w.b.exchange_delete(ch, "never", true).unwrap();
    assert!(w.b.is_channel_open(ch));
}

#[test]
fn reserved_amq_names() {
    // check_name: "exchange name 'amq.x' contains reserved prefix 'amq.*'";
    // check_exchange_deletion: "deletion of system exchange ... not allowed".
    let mut w = World::new();
    let e = w.exchange_with(ExchangeDeclare::new("amq.custom", ExchangeType::Direct)).unwrap_err();
    assert_eq!(e.code.code(), 403);
    assert_eq!(e.text, "ACCESS_REFUSED - exchange name 'amq.custom' contains reserved prefix 'amq.*'");
    let e = w.declare(QueueDeclare::new("amq.q")).unwrap_err();
    assert_eq!(e.code.code(), 403);
    assert_eq!(e.text, "ACCESS_REFUSED - queue name 'amq.q' contains reserved prefix 'amq.*'");
    // Redeclaring an existing amq.* exchange with the same attributes is fine.
    w.exchange_with(ExchangeDeclare { durable: true, ..ExchangeDeclare::new("amq.direct", ExchangeType::Direct) })
        .unwrap();
    let e = w.exchange_with(ExchangeDeclare::new("amq.direct", ExchangeType::Direct)).unwrap_err();
    assert_eq!(e.code.code(), 406, "amq.direct is durable");
    let ch = w.ch();
    let e = w.b.exchange_delete(ch, "amq.fanout", false).unwrap_err();
    assert_eq!(e.code.code(), 403);
    // Passive declare of an amq.* name that does not exist: 404.
    let ch = w.ch();
    let e = w.b.exchange_declare(
        ch,
        ExchangeDeclare { passive: true, ..ExchangeDeclare::new("amq.nope", ExchangeType::Direct) },
    );
    assert_eq!(code(e), 404);
    for x in ["amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match"] {
        assert!(w.b.exchange(x).is_some_and(|x| x.durable), "{x} predeclared");
    }
}

#[test]
fn exchange_redeclare_inequivalence() {
    let mut w = World::new();
    w.exchange_with(ExchangeDeclare { durable: true, ..ExchangeDeclare::new("x", ExchangeType::Direct) }).unwrap();
    let e = w.exchange_with(ExchangeDeclare::new("x", ExchangeType::Direct)).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert_eq!(
        e.text,
        "PRECONDITION_FAILED - inequivalent arg 'durable' for exchange 'x' in vhost '/': received 'false' but current is 'true'"
    );
    let e = w
        .exchange_with(ExchangeDeclare { durable: true, ..ExchangeDeclare::new("x", ExchangeType::Topic) })
        .unwrap_err();
    assert_eq!(
        e.text,
        "PRECONDITION_FAILED - inequivalent arg 'type' for exchange 'x' in vhost '/': received 'topic' but current is 'direct'"
    );
    let e = w
        .exchange_with(ExchangeDeclare {
            durable: true,
            auto_delete: true,
            ..ExchangeDeclare::new("x", ExchangeType::Direct)
        })
        .unwrap_err();
    assert!(e.text.contains("'auto_delete'"));
    let e = w
        .exchange_with(ExchangeDeclare {
            durable: true,
            internal: true,
            ..ExchangeDeclare::new("x", ExchangeType::Direct)
        })
        .unwrap_err();
    assert!(e.text.contains("'internal'"));
    let e =
        w.exchange_with(ExchangeDeclare { durable: true, ..ae_declare("x", ExchangeType::Direct, "ae") }).unwrap_err();
    assert_eq!(
        e.text,
        "PRECONDITION_FAILED - inequivalent arg 'alternate-exchange' for exchange 'x' in vhost '/': received the value 'ae' of type 'longstr' but current is none"
    );
    // Other arguments are not compared.
    w.exchange_with(ExchangeDeclare {
        durable: true,
        arguments: t(serde_json::json!({"x-whatever": 1})),
        ..ExchangeDeclare::new("x", ExchangeType::Direct)
    })
    .unwrap();
    // Passive declare ignores type and flags.
    let ch = w.ch();
    w.b.exchange_declare(ch, ExchangeDeclare { passive: true, ..ExchangeDeclare::new("x", ExchangeType::Fanout) })
        .unwrap();
}

#[test]
fn unknown_exchange_type_is_503_and_closes_the_connection() {
    let mut w = World::new();
    let other = w.b.open_channel(w.conn).unwrap();
    let mut d = ExchangeDeclare::new("x", ExchangeType::Direct);
    d.kind = "x-consistent-hash".into();
    let ch = w.ch();
    let e = w.b.exchange_declare(ch, d).unwrap_err();
    assert_eq!(e.code.code(), 503);
    assert!(e.text.contains("unknown exchange type 'x-consistent-hash'"), "{}", e.text);
    assert!(!w.b.is_connection_open(w.conn));
    assert!(!w.b.is_channel_open(other), "every channel of the connection closes");
    // A later command on the closed channel fails.
    let e = w.b.queue_declare(ch, QueueDeclare::new("q")).unwrap_err();
    assert_eq!(e.code.code(), 504);
}

#[test]
fn publish_to_missing_exchange_is_404_and_closes_the_channel() {
    let mut w = World::new();
    let ch = w.ch();
    let e = w.publish_with("nope", "k", "m", Properties::default(), false).unwrap_err();
    assert_eq!(e.text, "NOT_FOUND - no exchange 'nope' in vhost '/'");
    assert!(!w.b.is_channel_open(ch));
    assert!(w.b.is_connection_open(w.conn), "channel errors keep the connection");
    assert!(w.b.basic_publish(ch, Publish { exchange: "".into(), ..Default::default() }).is_err());
}

// ----- mandatory, confirms ---------------------------------------------------------------

#[test]
fn mandatory_return_comes_before_the_confirm() {
    let mut w = World::new();
    let ch = w.ch();
    w.b.confirm_select(ch).unwrap();
    w.exchange("d", ExchangeType::Direct);
    w.b.take_events();
    let o = w.publish_with("d", "nobody", "m", Properties::default(), true).unwrap();
    assert!(o.returned && !o.nacked);
    let ev = w.b.take_events();
    let ret = ev.iter().position(|e| matches!(e, Event::Returned { .. })).expect("returned");
    let conf = ev.iter().position(|e| matches!(e, Event::Confirmed { ack: true, .. })).expect("acked");
    assert!(ret < conf, "basic.return precedes basic.ack");
    // Without mandatory: dropped with an Unroutable event, still acked.
    w.publish_with("d", "nobody", "m2", Properties::default(), false).unwrap();
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::Unroutable { .. })));
    assert!(!ev.iter().any(|e| matches!(e, Event::Returned { .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::Confirmed { ack: true, .. })));
}

#[test]
fn confirm_nack_when_one_queue_refuses_and_others_still_get_it() {
    let mut w = World::new();
    let ch = w.ch();
    w.b.confirm_select(ch).unwrap();
    w.exchange("f", ExchangeType::Fanout);
    w.queue_args("full", serde_json::json!({"x-max-length": 0, "x-overflow": "reject-publish"})).unwrap();
    w.queue("open");
    w.bind("full", "f", "");
    w.bind("open", "f", "");
    w.b.take_events();
    let o = w.publish_with("f", "", "m", Properties::default(), true).unwrap();
    assert!(o.nacked && !o.returned, "refused is not unroutable");
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::Confirmed { ack: false, .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::Refused { queue, .. } if &**queue == "full")));
    assert_eq!(w.drain("open"), vec!["m"]);
    assert!(w.drain("full").is_empty());
}

// ----- explanations ------------------------------------------------------------------------

#[test]
fn explain_route_names_the_failing_topic_word() {
    let mut w = World::new();
    w.exchange("logs", ExchangeType::Topic);
    w.queue("errors");
    w.queue("all");
    w.bind("errors", "logs", "*.mysql.error");
    w.bind("all", "logs", "#");
    let ex = w.b.explain_route("logs", "app.redis.error", None);
    assert_eq!(ex.queues.iter().map(|q| q.to_string()).collect::<Vec<_>>(), vec!["all"]);
    let v = ex.hops[0].bindings.iter().find(|v| v.binding.routing_key == "*.mysql.error").unwrap();
    assert!(!v.matched);
    let reason = v.reason.english();
    assert!(reason.contains("word 2") && reason.contains("mysql") && reason.contains("redis"), "{reason}");
    let v = ex.hops[0].bindings.iter().find(|v| v.binding.routing_key == "#").unwrap();
    assert!(v.matched);
    // Word-count mismatch is explained as such.
    let ex = w.b.explain_route("logs", "mysql.error", None);
    let v = ex.hops[0].bindings.iter().find(|v| v.binding.routing_key == "*.mysql.error").unwrap();
    let reason = v.reason.english();
    assert!(reason.contains("3 words") && reason.contains("has 2"), "{reason}");
    // Missing exchange.
    let ex = w.b.explain_route("nope", "k", None);
    assert!(ex.verdict.english().contains("404"));
}

#[test]
fn explain_route_headers_and_alternate() {
    let mut w = World::new();
    w.exchange_with(ae_declare("h", ExchangeType::Headers, "ae")).unwrap();
    w.exchange("ae", ExchangeType::Fanout);
    w.queue("q");
    w.queue("fallback");
    w.bind_args("q", "h", "", serde_json::json!({"x-match": "all", "format": "pdf", "n": 1})).unwrap();
    w.bind("fallback", "ae", "");
    let ex = w.b.explain_route("h", "", Some(&t(serde_json::json!({"format": "pdf", "n": "1"}))));
    assert_eq!(ex.queues.iter().map(|q| q.to_string()).collect::<Vec<_>>(), vec!["fallback"]);
    let reason = ex.hops[0].bindings[0].reason.english();
    assert!(reason.contains("different type"), "{reason}");
    let summary = ex.hops[0].summary.english();
    assert!(summary.contains("alternate exchange 'ae'"), "{summary}");
    assert!(ex.hops[1].as_alternate);
}

#[test]
fn routed_event_lists_matched_bindings_and_path() {
    let mut w = World::new();
    w.exchange("front", ExchangeType::Topic);
    w.exchange("back", ExchangeType::Fanout);
    w.queue("q");
    w.bind_x("back", "front", "a.#");
    w.bind("q", "back", "");
    w.b.take_events();
    w.publish("front", "a.b", "m");
    let ev = w.b.take_events();
    let route = ev
        .iter()
        .find_map(|e| match e {
            Event::Routed { route, .. } => Some(route.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(route.hops.len(), 2);
    assert_eq!(&*route.hops[1].exchange, "back");
    assert_eq!(route.hops[1].via.as_deref(), Some("front"));
    assert_eq!(route.hops[0].matched[0].routing_key, "a.#");
    assert_eq!(route.queues.iter().map(|q| q.to_string()).collect::<Vec<_>>(), vec!["q"]);
    // The order of events for one publish.
    let kinds: Vec<&str> = ev
        .iter()
        .map(|e| match e {
            Event::Published { .. } => "published",
            Event::Routed { .. } => "routed",
            Event::Enqueued { .. } => "enqueued",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, vec!["published", "routed", "enqueued"]);
}

#[test]
fn long_keys_and_many_hashes_route_like_the_reference_matcher() {
    // Exercises the trie's '#' memo past its short-list size and the
    // de-duplication of bindings matched several times.
    let patterns = [
        "#",
        "#.#",
        "a.#",
        "#.a",
        "#.a.#",
        "#.b.#.a.#",
        "*.#.*",
        "a.#.b.#.c.#",
        "#.*.#.*.#",
        "a.*.#.a",
        "#.x",
        "b.#.b.#.b",
    ];
    let mut w = World::new();
    w.exchange("t", ExchangeType::Topic);
    for (i, p) in patterns.iter().enumerate() {
        w.queue(&format!("p{i:02}"));
        w.bind(&format!("p{i:02}"), "t", p);
        w.bind(&format!("p{i:02}"), "t", &format!("{p}.#"));
    }
    let keys = [
        "a.b.a.b.a.b.a.b.a.b.a.b.c",
        "b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b",
        "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a",
        "x.y.z.a.b.c.d.e.f.g.h.i.j.k",
        "",
        "a",
    ];
    for k in keys {
        let want: Vec<String> = patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                warren::engine::topic::matches(p, k) || warren::engine::topic::matches(&format!("{p}.#"), k)
            })
            .map(|(i, _)| format!("p{i:02}"))
            .collect();
        assert_eq!(w.route("t", k), want, "key {k}");
        let r = w.b.route("t", k, None);
        let mut ptrs: Vec<*const Binding> = r.hops[0].matched.iter().map(std::rc::Rc::as_ptr).collect();
        let n = ptrs.len();
        ptrs.sort();
        ptrs.dedup();
        assert_eq!(ptrs.len(), n, "each binding reported once for {k}");
    }
}

#[test]
fn bindings_matched_by_several_routing_keys_are_reported_once_in_first_match_order() {
    let mut w = World::new();
    w.exchange("t", ExchangeType::Topic);
    for i in 0..20 {
        w.queue(&format!("q{i:02}"));
        w.bind(&format!("q{i:02}"), "t", "#");
        w.bind(&format!("q{i:02}"), "t", &format!("k{i}.*"));
    }
    w.b.take_events();
    let cc: Vec<String> = (0..20).map(|i| format!("k{i}.x")).collect();
    w.publish_h("t", "k0.x", "m", serde_json::json!({ "CC": cc }));
    let route =
        w.b.take_events()
            .into_iter()
            .find_map(|e| match e {
                Event::Routed { route, .. } => Some(route),
                _ => None,
            })
            .unwrap();
    let keys: Vec<&str> = route.hops[0].matched.iter().map(|b| b.routing_key.as_str()).collect();
    assert_eq!(keys.len(), 40, "20 '#' bindings and 20 'kN.*' bindings, each once");
    assert_eq!(route.queues.len(), 20);
}

/// 3.10 stores a binding from the default exchange to every queue (keyed by
/// its name), so an alternate exchange of `""` routes by queue name.
#[test]
fn alternate_exchange_can_be_the_default_exchange() {
    let mut b = warren::engine::Broker::new();
    let c = b.open_connection("t");
    let ch = b.open_channel(c).unwrap();
    let mut d = warren::engine::ExchangeDeclare::new("main", warren::engine::ExchangeType::Direct);
    d.arguments.insert("alternate-exchange", warren::engine::FieldValue::from(""));
    b.exchange_declare(ch, d).unwrap();
    b.queue_declare(ch, warren::engine::QueueDeclare::new("fallback")).unwrap();
    let r = b.route("main", "fallback", None);
    assert_eq!(r.queues.iter().map(|q| q.to_string()).collect::<Vec<_>>(), vec!["fallback"]);
    assert!(b.route("main", "nothing-named-so", None).queues.is_empty());
}

#[test]
fn declare_delete_and_bind_strip_cr_and_lf_from_names() {
    // rabbit_channel strip_cr_lf: exchange.declare/delete, queue.declare/
    // delete and every bind/unbind take names without "\r" and "\n";
    // basic.publish, basic.get and queue.purge take them as they are.
    let mut w = World::new();
    w.exchange("orders\r\n", ExchangeType::Direct);
    let q = w.queue("new\norders");
    assert_eq!(q.as_ref(), "neworders");
    w.bind("new\r\norders", "ord\ners", "k");
    assert_eq!(w.publish("orders", "k", "m1").routed.len(), 1);
    assert_eq!(w.get("neworders").as_deref(), Some("m1"));
    // Publishing to "orders\n" names an exchange that does not exist.
    assert_eq!(code(w.publish_with("orders\n", "k", "m2", Properties::default(), false)), 404);
    // Passive declares and deletes strip too.
    let ch = w.ch();
    assert!(w
        .b
        .exchange_declare(
            ch,
            ExchangeDeclare { passive: true, ..ExchangeDeclare::new("\norders", ExchangeType::Direct) }
        )
        .is_ok());
    assert_eq!(w.b.queue_delete(ch, "neworders\r", false, false).unwrap(), 0);
    assert!(w.b.queue("neworders").is_none());
    w.b.exchange_delete(ch, "orders\n", false).unwrap();
    assert!(w.b.exchange("orders").is_none());
    // A name of nothing but CR/LF is the empty name: a server-named queue.
    let q = w.declare(QueueDeclare::new("\r\n")).unwrap();
    assert!(q.queue.starts_with("amq.gen-"), "{}", q.queue);
}
