//! Property tests for the routing fast path: random dense topologies
//! (many bindings over few words, so keys reach many queues; bindings and
//! queues removed along the way, so binding slots and queue ids are
//! reused) routed by `Broker::route` and by a publish with CC keys,
//! compared with reference matchers that read every binding:
//!
//! - the queues reached are exactly the queues of the bindings the
//!   reference matcher (`topic::matches`, `headers::matches`, equal keys)
//!   accepts, sorted by name, each once;
//! - the bindings reported are exactly the matching ones, each once, in
//!   the order the exchange's own matcher (`Exchange::for_each_match`)
//!   first reports them (topic: the trie's walk order; headers and fanout:
//!   binding order);
//! - across exchange-to-exchange bindings, the queues are those a plain
//!   breadth-first reference walk reaches.
//!
//! `PROPTEST_CASES=2000 cargo test --release --test route_properties` runs
//! longer.

mod common;

use std::collections::BTreeSet;
use std::rc::Rc;

use common::*;
use proptest::prelude::*;

/// Queue names chosen so that name order differs from creation order.
fn queue_name(i: usize) -> String {
    const STEMS: [&str; 6] = ["q", "Q", "a.q", "zeta", "b-", "q1"];
    format!("{}{}", STEMS[i % STEMS.len()], i * 7 % 13)
}

const WORDS: [&str; 6] = ["a", "b", "c", "", "*", "#"];
const KEY_WORDS: [&str; 4] = ["a", "b", "c", ""];

fn pattern() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&WORDS[..]), 0..5).prop_map(|w| w.join("."))
}

fn routing_key() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&KEY_WORDS[..]), 0..6).prop_map(|w| w.join("."))
}

struct Topology {
    b: Broker,
    ch: ChannelId,
}

impl Topology {
    fn new(queues: usize) -> Self {
        let mut b = Broker::new();
        let c = b.open_connection("props");
        let ch = b.open_channel(c).unwrap();
        for i in 0..queues {
            b.queue_declare(ch, QueueDeclare::new(queue_name(i))).unwrap();
        }
        Topology { b, ch }
    }

    fn exchange(&mut self, name: &str, kind: ExchangeType) {
        self.b.exchange_declare(self.ch, ExchangeDeclare::new(name, kind)).unwrap();
    }

    fn bind(&mut self, q: usize, x: &str, key: &str, args: FieldTable) {
        self.b.queue_bind(self.ch, &queue_name(q), x, key, args).unwrap();
    }

    /// The bindings of `x` the exchange's own matcher reports, first
    /// report first, each once.
    fn first_reports(&self, x: &str, keys: &[String], headers: Option<&FieldTable>) -> Vec<Rc<Binding>> {
        let mut out: Vec<Rc<Binding>> = Vec::new();
        self.b.exchange(x).unwrap().for_each_match(keys, headers, |b| {
            if !out.iter().any(|o| Rc::ptr_eq(o, b)) {
                out.push(b.clone());
            }
        });
        out
    }
}

fn queues_of(bindings: &[Rc<Binding>]) -> Vec<String> {
    let set: BTreeSet<String> = bindings
        .iter()
        .filter_map(|b| match &b.destination {
            Destination::Queue(q) => Some(q.to_string()),
            Destination::Exchange(_) => None,
        })
        .collect();
    set.into_iter().collect()
}

fn names(route: &Route) -> Vec<String> {
    route.queues.iter().map(|q| q.to_string()).collect()
}

fn ptrs<'a>(bs: impl Iterator<Item = &'a Rc<Binding>>) -> Vec<*const Binding> {
    bs.map(Rc::as_ptr).collect()
}

/// The Routed event of the last publish.
fn routed(b: &mut Broker) -> Route {
    b.take_events()
        .into_iter()
        .find_map(|e| match e {
            Event::Routed { route, .. } => Some(route),
            _ => None,
        })
        .expect("a Routed event")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn dense_topic_routes_like_the_reference_matcher(
        queues in 3usize..40,
        bindings in prop::collection::vec((0usize..40, pattern()), 1..160),
        unbind in prop::collection::vec(0usize..160, 0..30),
        delete in prop::collection::vec(0usize..40, 0..4),
        keys in prop::collection::vec(routing_key(), 1..12),
        cc in prop::collection::vec(routing_key(), 0..4),
    ) {
        let mut w = Topology::new(queues);
        w.exchange("t", ExchangeType::Topic);
        for (q, p) in &bindings {
            w.bind(q % queues, "t", p, FieldTable::new());
        }
        for i in &unbind {
            let (q, p) = &bindings[i % bindings.len()];
            w.b.queue_unbind(w.ch, &queue_name(q % queues), "t", p, FieldTable::new()).unwrap();
        }
        for q in &delete {
            let _ = w.b.queue_delete(w.ch, &queue_name(q % queues), false, false);
        }
        // Re-binding after removals reuses slots and queue ids.
        for (q, p) in bindings.iter().take(10) {
            if w.b.queue(&queue_name(q % queues)).is_some() {
                w.bind(q % queues, "t", p, FieldTable::new());
            }
        }
        let all: Vec<Rc<Binding>> = w.b.exchange("t").unwrap().bindings().to_vec();
        for k in &keys {
            let route = w.b.route("t", k, None);
            let want: Vec<Rc<Binding>> =
                all.iter().filter(|b| warren::engine::topic::matches(&b.routing_key, k)).cloned().collect();
            prop_assert_eq!(names(&route), queues_of(&want), "queues for key {:?}", k);
            let got = ptrs(route.hops[0].matched.iter());
            let mut got_sorted = got.clone();
            got_sorted.sort();
            let mut want_sorted = ptrs(want.iter());
            want_sorted.sort();
            prop_assert_eq!(&got_sorted, &want_sorted, "bindings for key {:?}", k);
            let order = ptrs(w.first_reports("t", std::slice::from_ref(k), None).iter());
            prop_assert_eq!(got, order, "first-report order for key {:?}", k);
        }
        // Several routing keys (CC): each binding once, in first-report order.
        let mut all_keys = vec![keys[0].clone()];
        all_keys.extend(cc.iter().cloned());
        let cc_value = FieldValue::Array(cc.iter().map(|k| FieldValue::from(k.as_str())).collect());
        let mut headers = FieldTable::new();
        headers.insert("CC", cc_value);
        w.b.take_events();
        w.b.basic_publish(w.ch, Publish {
            exchange: "t".into(),
            routing_key: keys[0].clone(),
            properties: Properties { headers: Some(headers), ..Default::default() },
            body: "m".into(),
            ..Default::default()
        }).unwrap();
        let route = routed(&mut w.b);
        let want: Vec<Rc<Binding>> = all
            .iter()
            .filter(|b| all_keys.iter().any(|k| warren::engine::topic::matches(&b.routing_key, k)))
            .cloned()
            .collect();
        prop_assert_eq!(names(&route), queues_of(&want));
        let order = ptrs(w.first_reports("t", &all_keys, None).iter());
        prop_assert_eq!(ptrs(route.hops[0].matched.iter()), order);
    }

    #[test]
    fn dense_topic_over_many_queues_routes_like_the_reference_matcher(
        queues in 65usize..79,
        bindings in prop::collection::vec((0usize..79, pattern()), 64..400),
        keys in prop::collection::vec(routing_key(), 1..8),
    ) {
        // More queues than one 64-bit word of rank marks holds (`queue_name`
        // repeats after 78).
        let mut w = Topology::new(queues);
        w.exchange("t", ExchangeType::Topic);
        for (q, p) in &bindings {
            w.bind(q % queues, "t", p, FieldTable::new());
        }
        let all: Vec<Rc<Binding>> = w.b.exchange("t").unwrap().bindings().to_vec();
        for k in &keys {
            let route = w.b.route("t", k, None);
            let want: Vec<Rc<Binding>> =
                all.iter().filter(|b| warren::engine::topic::matches(&b.routing_key, k)).cloned().collect();
            prop_assert_eq!(names(&route), queues_of(&want), "queues for key {:?}", k);
            let mut got = ptrs(route.hops[0].matched.iter());
            let order = ptrs(w.first_reports("t", std::slice::from_ref(k), None).iter());
            prop_assert_eq!(&got, &order, "first-report order for key {:?}", k);
            got.sort();
            let mut want_sorted = ptrs(want.iter());
            want_sorted.sort();
            prop_assert_eq!(got, want_sorted, "bindings for key {:?}", k);
        }
    }

    #[test]
    fn a_publish_enqueues_in_the_queues_its_route_names(
        queues in 3usize..30,
        bindings in prop::collection::vec((0usize..2, 0usize..30, pattern()), 1..120),
        delete in prop::collection::vec(0usize..30, 0..6),
        fresh in 0usize..6,
        keys in prop::collection::vec(routing_key(), 1..8),
    ) {
        // Queues are deleted and new ones declared and bound after them,
        // so the queue table's indexes are reused by other queues.
        let xs = ["t", "f"];
        let mut w = Topology::new(queues);
        w.exchange("t", ExchangeType::Topic);
        w.exchange("f", ExchangeType::Fanout);
        w.b.exchange_bind(w.ch, "f", "t", "#", FieldTable::new()).unwrap();
        for (x, q, p) in &bindings {
            w.bind(q % queues, xs[*x], p, FieldTable::new());
        }
        for q in &delete {
            let _ = w.b.queue_delete(w.ch, &queue_name(q % queues), false, false);
        }
        for i in 0..fresh {
            let name = format!("fresh{i}");
            w.b.queue_declare(w.ch, QueueDeclare::new(name.clone())).unwrap();
            let (x, _, p) = &bindings[i % bindings.len()];
            w.b.queue_bind(w.ch, &name, xs[*x], p, FieldTable::new()).unwrap();
        }
        for k in &keys {
            let before: Vec<(String, usize)> = w.b.queues().map(|q| (q.name.to_string(), q.ready.len())).collect();
            w.b.take_events();
            let outcome = w.b.basic_publish(w.ch, Publish {
                exchange: "t".into(),
                routing_key: k.clone(),
                body: "m".into(),
                ..Default::default()
            }).unwrap();
            let events = w.b.take_events();
            let route = events.iter().find_map(|e| match e {
                Event::Routed { route, .. } => Some(route.clone()),
                _ => None,
            }).expect("a Routed event");
            let enqueued: Vec<String> = events.iter().filter_map(|e| match e {
                Event::Enqueued { queue, .. } => Some(queue.to_string()),
                _ => None,
            }).collect();
            prop_assert_eq!(&enqueued, &names(&route), "copies for key {:?}", k);
            prop_assert_eq!(outcome.routed.iter().map(|q| q.to_string()).collect::<Vec<_>>(), names(&route));
            for (name, ready) in before {
                let now = w.b.queue(&name).unwrap().ready.len();
                prop_assert_eq!(now, ready + usize::from(enqueued.contains(&name)), "queue {}", name);
            }
        }
    }

    #[test]
    fn headers_route_like_the_reference_matcher(
        queues in 2usize..30,
        bindings in prop::collection::vec(
            (0usize..30, 0usize..4, prop::collection::vec((0usize..4, 0usize..5), 0..4)), 1..120),
        unbind in prop::collection::vec(0usize..120, 0..20),
        messages in prop::collection::vec(prop::collection::vec((0usize..4, 0usize..5), 0..5), 1..10),
    ) {
        const KEYS: [&str; 4] = ["format", "type", "x-k", "size"];
        let value = |v: usize| match v {
            0 => FieldValue::from("pdf"),
            1 => FieldValue::from("zip"),
            2 => FieldValue::Int(1),
            3 => FieldValue::Float(1.0),
            _ => FieldValue::Void,
        };
        let table = |pairs: &[(usize, usize)], x_match: Option<&str>| {
            let mut t = FieldTable::new();
            if let Some(m) = x_match {
                t.insert("x-match", FieldValue::from(m));
            }
            for (k, v) in pairs {
                t.insert(KEYS[*k], value(*v));
            }
            t
        };
        const MATCH: [&str; 4] = ["all", "any", "all-with-x", "any-with-x"];
        let mut w = Topology::new(queues);
        w.exchange("h", ExchangeType::Headers);
        let args: Vec<(usize, FieldTable)> =
            bindings.iter().map(|(q, m, pairs)| (q % queues, table(pairs, Some(MATCH[*m])))).collect();
        for (q, a) in &args {
            w.bind(*q, "h", "", a.clone());
        }
        for i in &unbind {
            let (q, a) = &args[i % args.len()];
            w.b.queue_unbind(w.ch, &queue_name(*q), "h", "", a.clone()).unwrap();
        }
        let all: Vec<Rc<Binding>> = w.b.exchange("h").unwrap().bindings().to_vec();
        for m in &messages {
            let h = table(m, None);
            let route = w.b.route("h", "", Some(&h));
            let want: Vec<Rc<Binding>> =
                all.iter().filter(|b| warren::engine::headers::matches(&b.arguments, &h)).cloned().collect();
            prop_assert_eq!(names(&route), queues_of(&want), "queues for {:?}", h);
            prop_assert_eq!(ptrs(route.hops[0].matched.iter()), ptrs(want.iter()), "binding order for {:?}", h);
        }
    }

    #[test]
    fn exchange_to_exchange_routes_like_a_plain_walk(
        queues in 2usize..20,
        kinds in prop::collection::vec(0usize..3, 3),
        edges in prop::collection::vec((0usize..3, 0usize..3, pattern()), 0..8),
        bindings in prop::collection::vec((0usize..3, 0usize..20, pattern()), 1..60),
        key in routing_key(),
    ) {
        let kind = |k: usize| [ExchangeType::Topic, ExchangeType::Fanout, ExchangeType::Direct][k];
        let mut w = Topology::new(queues);
        let xs = ["x0", "x1", "x2"];
        for (x, k) in xs.iter().zip(&kinds) {
            w.exchange(x, kind(*k));
        }
        for (from, to, p) in &edges {
            w.b.exchange_bind(w.ch, xs[*to], xs[*from], p, FieldTable::new()).unwrap();
        }
        for (x, q, p) in &bindings {
            w.bind(q % queues, xs[*x], p, FieldTable::new());
        }
        let route = w.b.route("x0", &key, None);
        // Reference: every exchange reachable from x0 through matching
        // exchange bindings routes once; the queues of all their matching
        // bindings, sorted, once each.
        let matches = |x: &str, b: &Binding| match w.b.exchange(x).unwrap().kind {
            ExchangeType::Topic => warren::engine::topic::matches(&b.routing_key, &key),
            ExchangeType::Fanout => true,
            _ => b.routing_key == key,
        };
        let mut seen = vec!["x0".to_string()];
        let mut at = 0;
        let mut reached = BTreeSet::new();
        while at < seen.len() {
            let x = seen[at].clone();
            at += 1;
            for b in w.b.exchange(&x).unwrap().bindings() {
                if !matches(&x, b) {
                    continue;
                }
                match &b.destination {
                    Destination::Queue(q) => {
                        reached.insert(q.to_string());
                    }
                    Destination::Exchange(e) => {
                        if !seen.iter().any(|s| **s == **e) {
                            seen.push(e.to_string());
                        }
                    }
                }
            }
        }
        prop_assert_eq!(names(&route), reached.into_iter().collect::<Vec<_>>());
        let hops: BTreeSet<String> = route.hops.iter().map(|h| h.exchange.to_string()).collect();
        prop_assert_eq!(hops, seen.into_iter().collect::<BTreeSet<_>>());
    }
}
