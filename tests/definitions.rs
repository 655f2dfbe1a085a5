//! definitions.json import and export: realistic exports of several shapes
//! (tests/fixtures/definitions/) import with the right warnings, export
//! back in the shape `rabbitmqctl import_definitions` reads, round-trip to
//! the same topology, and route exactly as the file itself does when it is
//! loaded straight into the engine.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};
use warren::definitions::{self, layout, ImportOptions};
use warren::engine::{Broker, ChannelId, ExchangeDeclare, FieldTable, FieldValue, QueueDeclare, QueueType};
use warren::scenario::{NodeKind, Scenario};
use warren::simulation::sync::{exchange_declare, queue_declare};
use warren::simulation::Simulation;

const FIXTURES: [&str; 4] = [
    "rabbitmqctl-headers-and-e2e.json",
    "management-ae-dlx-policies.json",
    "management-per-vhost.json",
    "plugins-and-missing-ends.json",
];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/definitions/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Loads a definitions file straight into a broker, the way
/// `rabbitmqctl import_definitions` would, for one vhost: what the broker
/// refuses (plugin types, amq.*, missing ends) is simply not there.
/// Quorum queues and streams are declared with their type.
fn load_into_broker(text: &str, vhost: &str) -> Broker {
    let d: Value = serde_json::from_str(text).unwrap();
    let mut b = Broker::new();
    let mut conn = b.open_connection("import");
    let mut ch: ChannelId = b.open_channel(conn).unwrap();
    let mut reopen = |b: &mut Broker, ch: &mut ChannelId| {
        if !b.is_connection_open(conn) {
            conn = b.open_connection("import");
        }
        if !b.is_channel_open(*ch) {
            *ch = b.open_channel(conn).unwrap();
        }
    };
    let items = |key: &str| d.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let mine = |v: &Value| v.get("vhost").and_then(Value::as_str).is_none_or(|x| x == vhost);
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let flag = |v: &Value, k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    let args = |v: &Value| FieldTable::from_json(v.get("arguments").unwrap_or(&json!({}))).unwrap();
    for x in items("exchanges").iter().filter(|x| mine(x)) {
        let _ = b.exchange_declare(
            ch,
            ExchangeDeclare {
                exchange: s(x, "name"),
                kind: s(x, "type"),
                passive: false,
                durable: flag(x, "durable"),
                auto_delete: flag(x, "auto_delete"),
                internal: flag(x, "internal"),
                arguments: args(x),
            },
        );
        reopen(&mut b, &mut ch);
    }
    for q in items("queues").iter().filter(|q| mine(q)) {
        let mut a = args(q);
        if let (None, Some(t)) = (a.get("x-queue-type"), q.get("type").and_then(Value::as_str)) {
            a.insert("x-queue-type", FieldValue::from(t));
        }
        let _ = b.queue_declare(
            ch,
            QueueDeclare {
                queue: s(q, "name"),
                passive: false,
                durable: flag(q, "durable"),
                exclusive: false,
                auto_delete: flag(q, "auto_delete"),
                arguments: a,
            },
        );
        reopen(&mut b, &mut ch);
    }
    for x in items("bindings").iter().filter(|x| mine(x)) {
        let (src, dest, key) = (s(x, "source"), s(x, "destination"), s(x, "routing_key"));
        let _ = if s(x, "destination_type") == "queue" {
            b.queue_bind(ch, &dest, &src, &key, args(x))
        } else {
            b.exchange_bind(ch, &dest, &src, &key, args(x))
        };
        reopen(&mut b, &mut ch);
    }
    b
}

/// Routing keys and header sets worth trying against a topology: every
/// binding key with its wildcards filled in several ways, and every
/// headers binding's values, whole and one at a time.
fn probes(text: &str) -> (BTreeSet<String>, Vec<Option<FieldTable>>) {
    let d: Value = serde_json::from_str(text).unwrap();
    let mut keys: BTreeSet<String> = ["", "x", "a.b.c", "unknown.key"].iter().map(|s| s.to_string()).collect();
    let mut headers: Vec<Option<FieldTable>> = vec![None, Some(FieldTable::new())];
    for b in d.get("bindings").and_then(Value::as_array).into_iter().flatten() {
        let key = b.get("routing_key").and_then(Value::as_str).unwrap_or_default();
        for fill in [("*", "w"), ("#", ""), ("#", "a.b")] {
            let k = key.replace(fill.0, fill.1).replace("*", "w").replace("#", "z");
            keys.insert(k.trim_matches('.').to_string());
            keys.insert(k);
        }
        keys.insert(key.to_string());
        if let Some(Value::Object(args)) = b.get("arguments") {
            let mut all = args.clone();
            all.remove("x-match");
            headers.push(FieldTable::from_json(&Value::Object(all.clone())));
            for (k, v) in &all {
                headers.push(FieldTable::from_json(&json!({ k: v })));
            }
        }
    }
    (keys, headers)
}

type RoutingTable = BTreeMap<(String, String, String), Vec<String>>;

fn routing(b: &Broker, exchanges: &[String], keys: &BTreeSet<String>, headers: &[Option<FieldTable>]) -> RoutingTable {
    let mut out = BTreeMap::new();
    for x in exchanges {
        for k in keys {
            for (i, h) in headers.iter().enumerate() {
                let queues: Vec<String> = b.route(x, k, h.as_ref()).queues.iter().map(|q| q.to_string()).collect();
                out.insert((x.clone(), k.clone(), i.to_string()), queues);
            }
        }
    }
    out
}

fn exchange_names(text: &str) -> Vec<String> {
    let d: Value = serde_json::from_str(text).unwrap();
    let names: Vec<String> =
        d["exchanges"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_string()).collect();
    names
}

/// The probes on which two routing tables differ (empty when they agree).
fn differences(a: &RoutingTable, b: &RoutingTable) -> Vec<String> {
    let keys: BTreeSet<_> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .take(10)
        .map(|k| format!("{k:?}: {:?} vs {:?}", a.get(k), b.get(k)))
        .collect()
}

/// The topology of a scenario by names, as the broker would be told it.
fn topology(s: &Scenario) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let exchanges = s.exchanges.iter().map(|x| format!("{:?}", exchange_declare(s, &x.id).unwrap())).collect();
    let queues = s.queues.iter().map(|q| format!("{:?}", queue_declare(s, &q.id).unwrap())).collect();
    let name =
        |id: &str| s.exchange_name(id).map(str::to_string).or_else(|| s.queue(id).map(|q| q.name.clone())).unwrap();
    let bindings = s
        .bindings
        .iter()
        .map(|b| {
            format!("{} -> {} {:?} {}", name(&b.from), name(&b.to), b.routing_key, Value::Object(b.arguments.clone()))
        })
        .collect();
    (exchanges, queues, bindings)
}

#[test]
fn fixtures_round_trip_to_the_same_topology_and_routing() {
    for file in FIXTURES {
        let text = fixture(file);
        let first = definitions::import(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let exported = definitions::export(&first.scenario);
        let second = definitions::import(&exported.json).unwrap_or_else(|e| panic!("{file} re-import: {e}"));
        assert_eq!(topology(&first.scenario), topology(&second.scenario), "{file}: import → export → import");
        assert!(
            second.warnings.iter().all(|w| w.message.english().contains("is not in the import")),
            "{file}: the export imports cleanly (only a missing alternate or dead-letter exchange stays missing): {:?}",
            second.warnings
        );
        assert_eq!(definitions::export(&second.scenario).json, exported.json, "{file}: export is stable");

        // Routing: the file loaded straight into the engine, the imported
        // scenario played by the simulation, and the re-imported export
        // route every probe the same way.
        let (keys, headers) = probes(&text);
        let exchanges = exchange_names(&text);
        let reference = routing(&load_into_broker(&text, &first.vhost), &exchanges, &keys, &headers);
        let sim = Simulation::new(first.scenario.clone());
        assert!(sim.node_errors().is_empty(), "{file}: {:?}", sim.node_errors());
        let d = differences(&routing(sim.broker(), &exchanges, &keys, &headers), &reference);
        assert!(d.is_empty(), "{file}: imported scenario: {d:#?}");
        let sim2 = Simulation::new(second.scenario.clone());
        let d = differences(&routing(sim2.broker(), &exchanges, &keys, &headers), &reference);
        assert!(d.is_empty(), "{file}: after export and import: {d:#?}");
        let direct = load_into_broker(&exported.json, "/");
        let d = differences(&routing(&direct, &exchanges, &keys, &headers), &reference);
        assert!(d.is_empty(), "{file}: the export loaded straight: {d:#?}");
        assert!(reference.values().any(|q| !q.is_empty()), "{file}: the probes reach something");
        assert!(layout::no_overlaps(&first.scenario), "{file}: layout overlaps");
    }
}

fn warnings_of(file: &str) -> Vec<String> {
    definitions::import(&fixture(file)).unwrap().warnings.iter().map(|w| w.to_string()).collect()
}

fn has(warnings: &[String], parts: &[&str]) -> bool {
    warnings.iter().any(|w| parts.iter().all(|p| w.contains(p)))
}

#[test]
fn management_export_skips_users_policies_and_other_vhosts_with_a_warning_each() {
    let w = warnings_of("management-ae-dlx-policies.json");
    assert!(has(&w, &["users:", "2 users skipped", "'admin'", "'orders-svc'"]), "{w:#?}");
    assert!(has(&w, &["permissions:", "3 permissions skipped"]), "{w:#?}");
    assert!(has(&w, &["topic_permissions:", "1 topic permission skipped"]), "{w:#?}");
    assert!(has(&w, &["parameters[0]:", "'dc2'", "federation-upstream"]), "{w:#?}");
    assert!(has(&w, &["global_parameters:", "'cluster_name'"]), "{w:#?}");
    assert!(has(&w, &["policies[0]:", "'ha-orders'", "ha-mode"]), "{w:#?}");
    assert!(has(&w, &["policies[1]:", "'dlx-everything'", "dead-letter-exchange, message-ttl"]), "{w:#?}");
    assert!(has(&w, &["vhosts:", "vhost 'staging' skipped (1 exchange, 1 queue, 1 binding)"]), "{w:#?}");
    assert!(!w.iter().any(|w| w.contains("queues[4]")), "a quorum queue imports without a warning: {w:#?}");
    assert_eq!(w.len(), 8, "{w:#?}");

    let s = definitions::import(&fixture("management-ae-dlx-policies.json")).unwrap().scenario;
    let orders = s.exchanges.iter().find(|x| x.name == "orders").unwrap();
    assert_eq!(
        s.exchange_name(orders.alternate_exchange.as_deref().unwrap()),
        Some("orders.ae"),
        "alternate exchange as an edge"
    );
    assert!(s.exchanges.iter().find(|x| x.name == "orders.router").unwrap().internal);
    let eu = s.queues.iter().find(|q| q.name == "orders.eu").unwrap();
    assert_eq!((eu.message_ttl, eu.max_length), (Some(60_000), Some(1000)));
    assert_eq!(s.exchange_name(eu.dead_letter_exchange.as_deref().unwrap()), Some("dead"));
    assert_eq!(eu.dead_letter_routing_key.as_deref(), Some("orders.eu.dead"));
    assert!(eu.arguments.is_empty(), "typed arguments leave the raw table: {:?}", eu.arguments);
    let retry = s.queues.iter().find(|q| q.name == "orders.retry").unwrap();
    assert_eq!(retry.dead_letter_exchange.as_deref(), Some("default"), "\"\" is the default exchange");
    let notify = s.exchanges.iter().find(|x| x.name == "notify").unwrap();
    assert_eq!(
        notify.arguments.get("alternate-exchange"),
        Some(&json!("amq.fanout")),
        "amq.* alternates stay arguments"
    );
    let dl = s.queues.iter().find(|q| q.name == "dead-letters").unwrap();
    assert_eq!(dl.queue_type, QueueType::Quorum, "the queue type is carried");
    assert_eq!(dl.delivery_limit, Some(5), "x-delivery-limit becomes its field");
    assert!(dl.arguments.is_empty(), "{:?}", dl.arguments);
}

#[test]
fn plugin_types_amq_names_and_missing_ends_are_warnings_not_errors() {
    let w = warnings_of("plugins-and-missing-ends.json");
    let expect: [&[&str]; 9] = [
        &["parameters[0]:", "'jobs-to-backup'", "shovel"],
        &["queues[4]:", "'amq.gen-JzTY20BRgKO-HjmUJj0wLg' skipped", "reserved"],
        &["exchanges[1]:", "'delayed' skipped", "'x-delayed-message'"],
        &["exchanges[2]:", "'sharded' skipped", "'x-consistent-hash'"],
        &["exchanges[3].arguments.alternate-exchange:", "'gone' is not in the import"],
        &["bindings[1]:", "from 'delayed'", "source exchange was skipped"],
        &["bindings[3]:", "from 'amq.topic'", "'mqtt-subscription-sensor1qos1'", "not in the file"],
        &["bindings[4]:", "queue 'no-such-queue'", "not in the file"],
        &["bindings[5]:", "'no-such-exchange' is not in the file"],
    ];
    for parts in expect {
        assert!(has(&w, parts), "missing {parts:?} in {w:#?}");
    }
    assert_eq!(w.len(), expect.len() + 1, "{w:#?}");
    assert!(has(&w, &["bindings[2]:", "from 'sharded'"]), "{w:#?}");
    let s = definitions::import(&fixture("plugins-and-missing-ends.json")).unwrap().scenario;
    assert_eq!(s.bindings.len(), 3, "jobs→jobs (once: duplicates merge), events→jobs, events→stream-of-events");
    let stream = s.queues.iter().find(|q| q.name == "stream-of-events").unwrap();
    assert_eq!((stream.queue_type, stream.max_length_bytes), (QueueType::Stream, Some(2_000_000_000)));
}

#[test]
fn per_vhost_export_without_vhost_fields_imports_as_the_default_vhost() {
    let i = definitions::import(&fixture("management-per-vhost.json")).unwrap();
    assert_eq!(i.vhost, "/");
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    assert_eq!((i.scenario.exchanges.len(), i.scenario.queues.len(), i.scenario.bindings.len()), (2, 4, 5));
    let task = i.scenario.queues.iter().find(|q| q.name == "task_queue").unwrap();
    assert_eq!(task.arguments.get("x-queue-type"), Some(&json!("classic")));
}

#[test]
fn another_vhost_can_be_chosen_and_an_unknown_one_is_refused() {
    let text = fixture("management-ae-dlx-policies.json");
    let i = definitions::import_with(&text, &ImportOptions { vhost: Some("staging".into()), ..Default::default() })
        .unwrap();
    assert_eq!(i.scenario.queues.iter().map(|q| q.name.as_str()).collect::<Vec<_>>(), ["staging.orders"]);
    assert!(
        i.warnings
            .iter()
            .any(|w| w.message.english().contains("vhost '/' skipped (5 exchanges, 6 queues, 8 bindings)")),
        "{:?}",
        i.warnings
    );
    let e = definitions::import_with(&text, &ImportOptions { vhost: Some("prod".into()), ..Default::default() })
        .unwrap_err();
    assert_eq!(e.path, "vhosts");
    assert!(e.message.english().contains("no vhost 'prod'") && e.message.english().contains("'staging'"), "{e}");
    assert_eq!(e.to_string(), format!("at vhosts: {}", e.message.english()), "the English text names the path");
}

#[test]
fn import_warnings_render_in_chinese_and_keep_the_names() {
    let text = r#"{"users": [{"name": "guest"}], "queues": [{"name": "amq.q", "vhost": "/"}],
        "exchanges": [{"name": "jobs", "vhost": "/", "type": "x-delayed-message"}]}"#;
    let i = definitions::import(text).unwrap();
    let zh: Vec<String> = i.warnings.iter().map(|w| w.to_msg().render(warren::i18n::Lang::Zh)).collect();
    assert_eq!(zh[0], "users：略过了 1 个用户（'guest'）：Warren 没有用户和登录", "{zh:?}");
    assert!(zh.iter().any(|w| w.contains("略过了交换机 'jobs'：它的类型 'x-delayed-message' 来自插件")), "{zh:?}");
    assert!(zh.iter().any(|w| w.contains("略过了队列 'amq.q'")), "{zh:?}");
    assert_eq!(i.warnings[0].to_string(), "users: 1 user skipped ('guest'): Warren has no users or logins");
}

#[test]
fn export_has_every_key_rabbitmqctl_reads_and_leaves_out_server_named_and_exclusive_queues() {
    let s = warren::lessons::by_slug("rpc").unwrap().scenario;
    let out = definitions::export(&s);
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(out.warnings[0].message.english().contains("server-named queue"));
    let s = warren::lessons::by_slug("dead-lettering").unwrap().scenario;
    let d: Value = serde_json::from_str(&definitions::export(&s).json).unwrap();
    for key in [
        "rabbit_version",
        "rabbitmq_version",
        "users",
        "vhosts",
        "permissions",
        "topic_permissions",
        "parameters",
        "global_parameters",
        "policies",
        "queues",
        "exchanges",
        "bindings",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert_eq!(d["vhosts"], json!([{"name": "/"}]));
    for x in d["exchanges"].as_array().unwrap() {
        for key in ["name", "vhost", "type", "durable", "auto_delete", "internal", "arguments"] {
            assert!(x.get(key).is_some(), "exchange without {key}: {x}");
        }
    }
    for q in d["queues"].as_array().unwrap() {
        for key in ["name", "vhost", "durable", "auto_delete", "arguments"] {
            assert!(q.get(key).is_some(), "queue without {key}: {q}");
        }
    }
    for b in d["bindings"].as_array().unwrap() {
        for key in ["source", "vhost", "destination", "destination_type", "routing_key", "arguments"] {
            assert!(b.get(key).is_some(), "binding without {key}: {b}");
        }
    }
    let waiting = d["queues"].as_array().unwrap().iter().find(|q| q["name"] == "waiting").unwrap();
    assert_eq!(waiting["arguments"], json!({"x-dead-letter-exchange": "dlx", "x-message-ttl": 4000}));
    assert!(!d.to_string().contains("null"));

    let s = warren::lessons::by_slug("publish-subscribe").unwrap().scenario;
    let out = definitions::export(&s);
    assert_eq!(out.warnings.len(), 4, "two server-named queues and their two bindings: {:?}", out.warnings);
    let s = warren::lessons::by_slug("alternate-exchange").unwrap().scenario;
    let d: Value = serde_json::from_str(&definitions::export(&s).json).unwrap();
    let orders = d["exchanges"].as_array().unwrap().iter().find(|x| x["name"] == "orders").unwrap();
    assert_eq!(orders["arguments"], json!({"alternate-exchange": "unrouted"}));
}

#[test]
fn every_lesson_exports_and_imports_back_to_the_same_routing() {
    for l in warren::lessons::all() {
        let out = definitions::export(&l.scenario);
        let back = definitions::import(&out.json).unwrap_or_else(|e| panic!("{}: {e}", l.slug));
        assert!(back.warnings.is_empty(), "{}: {:?}", l.slug, back.warnings);
        let before = Simulation::new(l.scenario.clone());
        let after = Simulation::new(back.scenario.clone());
        let s = &l.scenario;
        for x in &s.exchanges {
            for p in &s.producers {
                let headers = FieldTable::from_json(&Value::Object(p.message.headers.clone()));
                let route = |sim: &Simulation| -> Vec<String> {
                    sim.broker()
                        .route(&x.name, &p.message.routing_key, headers.as_ref())
                        .queues
                        .iter()
                        .filter(|q| !q.starts_with("amq.gen-"))
                        .map(|q| q.to_string())
                        .collect()
                };
                assert_eq!(route(&before), route(&after), "{}: {} with {:?}", l.slug, x.name, p.message.routing_key);
            }
        }
    }
}

#[test]
fn a_large_topology_imports_and_lays_out_without_overlaps() {
    // Its speed is measured by `cargo bench --bench documents`.
    const KINDS: [&str; 4] = ["direct", "topic", "fanout", "headers"];
    let mut exchanges = vec![
        json!({"name": "ingress", "vhost": "/", "type": "topic", "durable": true, "auto_delete": false, "internal": false, "arguments": {}}),
    ];
    for i in 0..40 {
        exchanges.push(json!({"name": format!("x{i}"), "vhost": "/", "type": KINDS[i % 4], "durable": true, "auto_delete": false, "internal": i % 3 == 0, "arguments": {}}));
    }
    let queues: Vec<Value> = (0..500)
        .map(|i| json!({"name": format!("queue-{i:03}"), "vhost": "/", "durable": true, "auto_delete": false, "arguments": {"x-max-length": 100 + i}}))
        .collect();
    let mut bindings: Vec<Value> = (0..40)
        .map(|i| json!({"source": "ingress", "vhost": "/", "destination": format!("x{i}"), "destination_type": "exchange", "routing_key": format!("r{i}.#"), "arguments": {}}))
        .collect();
    for i in 0..1960 {
        bindings.push(json!({"source": format!("x{}", i % 40), "vhost": "/", "destination": format!("queue-{:03}", (i * 7) % 500), "destination_type": "queue", "routing_key": format!("k{i}"), "arguments": {"x-match": "any", "k": i}}));
    }
    let text =
        json!({"rabbit_version": "3.10.8", "exchanges": exchanges, "queues": queues, "bindings": bindings}).to_string();
    let i = definitions::import(&text).unwrap();
    assert_eq!((i.scenario.queues.len(), i.scenario.bindings.len()), (500, 2000));
    assert!(layout::no_overlaps(&i.scenario));
    // Columns: producers | exchanges by depth | queues | consumers.
    let ingress = i.scenario.exchanges.iter().find(|x| x.name == "ingress").unwrap();
    let x0 = i.scenario.exchanges.iter().find(|x| x.name == "x0").unwrap();
    assert!(ingress.x < x0.x, "exchange-to-exchange bindings go left to right");
    assert!(i.scenario.queues.iter().all(|q| q.x > x0.x));
    let out = definitions::export(&i.scenario);
    assert_eq!(definitions::import(&out.json).unwrap().scenario.bindings.len(), 2000);
}

#[test]
fn layout_boxes_are_at_least_as_big_as_the_canvas_draws_nodes() {
    for kind in [NodeKind::Producer, NodeKind::Exchange, NodeKind::Queue, NodeKind::Consumer] {
        let (w, h) = layout::node_size(kind);
        let (cw, ch) = warren::editor::geometry::node_size(kind);
        assert!(w >= cw && h >= ch, "{kind:?}: layout {w}x{h}, canvas {cw}x{ch}");
    }
}

#[test]
fn layout_puts_columns_in_flow_order_and_consumers_beside_their_queue() {
    let mut s = warren::lessons::by_slug("dead-lettering").unwrap().scenario;
    layout::arrange(&mut s);
    assert!(layout::no_overlaps(&s));
    let p = &s.producers[0];
    let q = s.queue("orders").unwrap();
    let c = &s.consumers[0];
    assert!(p.x < s.default_exchange.x && s.default_exchange.x < q.x && q.x < c.x);
    let (_, qh) = layout::node_size(NodeKind::Queue);
    let (_, ch) = layout::node_size(NodeKind::Consumer);
    assert!((c.y + ch / 2.0 - (q.y + qh / 2.0)).abs() < 1.0, "the consumer is level with its queue");
    for l in warren::lessons::all() {
        let mut s = l.scenario;
        layout::arrange(&mut s);
        assert!(layout::no_overlaps(&s), "{}", l.slug);
        assert!(warren::scenario::parse::check(&s).is_ok());
    }
}

#[test]
fn quorum_queues_and_streams_import_without_refusals_and_export_with_their_type() {
    for (file, name, kind) in [
        ("management-ae-dlx-policies.json", "dead-letters", QueueType::Quorum),
        ("plugins-and-missing-ends.json", "stream-of-events", QueueType::Stream),
    ] {
        let s = definitions::import(&fixture(file)).unwrap().scenario;
        let q = s.queues.iter().find(|q| q.name == name).unwrap();
        assert_eq!(q.queue_type, kind, "{file}");
        let mut sim = Simulation::new(s.clone());
        sim.advance(1);
        assert!(sim.node_error(&q.id).is_none(), "{file}: {:?}", sim.node_error(&q.id));
        assert_eq!(sim.broker().queue(name).unwrap().settings.queue_type, kind);
        let exported = definitions::export(&s).json;
        let v: Value = serde_json::from_str(&exported).unwrap();
        let def = v["queues"].as_array().unwrap().iter().find(|d| d["name"] == name).unwrap().clone();
        assert_eq!(def["type"], json!(kind.as_str()), "{file}");
        assert_eq!(def["arguments"]["x-queue-type"], json!(kind.as_str()), "{file}");
        let again = definitions::import(&exported).unwrap().scenario;
        assert_eq!(again.queues.iter().find(|q| q.name == name).unwrap().queue_type, kind);
    }
}
