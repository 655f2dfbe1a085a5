//! Every built-in lesson loads, plays in the simulation, and does what its
//! narration says.

use std::collections::BTreeMap;

use warren::engine::{Event, FieldValue, RemovalReason};
use warren::lessons::{self, Lesson};
use warren::scenario::{NodeKind, Position};
use warren::simulation::{SimEvent, Simulation};

fn lesson(slug: &str) -> Lesson {
    lessons::by_slug(slug).unwrap_or_else(|| panic!("no lesson {slug}"))
}

fn play(slug: &str, ms: u64) -> (Simulation, Vec<SimEvent>) {
    let mut sim = Simulation::new(lesson(slug).scenario);
    sim.advance(ms);
    assert!(sim.halted().is_none(), "{slug} hit a runaway limit: {:?}", sim.halted());
    let events = sim.take_events();
    (sim, events)
}

/// Bodies delivered to each consumer tag, in order, with the redelivered flag.
fn deliveries(events: &[SimEvent]) -> BTreeMap<String, Vec<(String, bool)>> {
    let mut out: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    for e in events {
        if let Event::Delivered { consumer: Some(tag), message, redelivered, .. } = &e.event {
            out.entry(tag.to_string()).or_default().push((message.body.to_string(), *redelivered));
        }
    }
    out
}

fn bodies(received: &[(String, bool)]) -> Vec<&str> {
    received.iter().map(|(b, _)| b.as_str()).collect()
}

fn ready_bodies(sim: &Simulation, queue: &str) -> Vec<String> {
    let q = sim.broker().queue(queue).unwrap_or_else(|| panic!("no queue {queue}"));
    q.ready.iter().map(|m| m.message.body.to_string()).collect()
}

fn routed(sim: &Simulation, exchange: &str, key: &str) -> Vec<String> {
    sim.broker().route(exchange, key, None).queues.iter().map(|q| q.to_string()).collect()
}

#[test]
fn every_lesson_loads_with_title_narration_and_a_sensible_speed() {
    let all = lessons::all();
    let slugs: Vec<&str> = all.iter().map(|l| l.slug).collect();
    assert_eq!(
        slugs,
        [
            "hello-world",
            "work-queues",
            "fair-dispatch",
            "durability",
            "publish-subscribe",
            "routing",
            "topics",
            "headers",
            "rpc",
            "dead-lettering",
            "alternate-exchange",
            "max-length",
            "priorities",
            "quorum-poison",
            "streams"
        ]
    );
    for l in &all {
        assert!(!l.title.is_empty() && !l.scenario.description.is_empty(), "{}", l.slug);
        assert!(l.scenario.narration.len() >= 2, "{}: narration", l.slug);
        assert!(l.scenario.narration.iter().any(|s| s.try_this.is_some()), "{}: a try-this step", l.slug);
        assert!((0.5..=2.0).contains(&l.scenario.speed), "{}: speed", l.slug);
        assert_eq!(lessons::by_slug(l.slug).as_ref(), Some(l));
        let sim = Simulation::new(l.scenario.clone());
        assert!(sim.node_errors().is_empty(), "{}: the broker refused {:?}", l.slug, sim.node_errors());
    }
    assert!(lessons::by_slug("nope").is_none());
}

/// Node sizes as the canvas draws them.
fn node_box(kind: NodeKind) -> (f64, f64) {
    warren::editor::geometry::node_size(kind)
}

#[test]
fn every_lesson_fits_a_1280_by_800_canvas_without_overlaps() {
    for l in lessons::all() {
        let s = &l.scenario;
        let used: Vec<&str> = s.producers.iter().filter_map(|p| p.exchange.as_deref()).collect();
        let boxes: Vec<(String, Position, (f64, f64))> = s
            .node_ids()
            .filter(|(id, _)| *id != "default" || used.contains(&"default"))
            .map(|(id, kind)| (id.to_string(), s.position(id).unwrap(), node_box(kind)))
            .collect();
        for (id, p, (w, h)) in &boxes {
            assert!(
                p.x >= 0.0 && p.y >= 0.0 && p.x + w <= 1280.0 && p.y + h <= 800.0,
                "{}: {id} at {p:?} is off the canvas",
                l.slug
            );
        }
        for (i, (a, pa, (wa, ha))) in boxes.iter().enumerate() {
            for (b, pb, (wb, hb)) in &boxes[i + 1..] {
                let apart = pa.x + wa + 16.0 <= pb.x
                    || pb.x + wb + 16.0 <= pa.x
                    || pa.y + ha + 16.0 <= pb.y
                    || pb.y + hb + 16.0 <= pa.y;
                assert!(apart, "{}: {a} and {b} overlap", l.slug);
            }
        }
    }
}

#[test]
fn hello_world_delivers_every_message_and_a_wrong_key_is_dropped() {
    let (mut sim, events) = play("hello-world", 10_600);
    let got = deliveries(&events);
    assert_eq!(
        bodies(&got["receive"]),
        [
            "Hello World! #1",
            "Hello World! #2",
            "Hello World! #3",
            "Hello World! #4",
            "Hello World! #5",
            "Hello World! #6"
        ]
    );
    let q = sim.broker().queue("hello").unwrap();
    assert_eq!((q.ready.len(), q.unacked), (0, 0), "auto-ack: nothing waits, nothing unacked");
    // Try this: a routing key that names no queue.
    assert!(routed(&sim, "", "hallo").is_empty());
    let mut s = sim.scenario().clone();
    s.producers[0].message.routing_key = "hallo".into();
    s.producers[0].message.mandatory = true;
    sim.set_scenario(s);
    sim.publish_now("send").unwrap();
    assert!(sim.take_events().iter().any(|e| matches!(e.event, Event::Returned { .. })), "mandatory: returned");
    // Killing the receiver lets messages wait as ready.
    sim.kill_consumer("receive");
    sim.advance(4_000);
    let mut s = sim.scenario().clone();
    s.producers[0].message.routing_key = "hello".into();
    sim.set_scenario(s);
    sim.advance(4_000);
    assert!(sim.broker().queue("hello").unwrap().ready.len() >= 2);
}

#[test]
fn work_queues_redeliver_a_dead_workers_task_to_the_other() {
    let (sim, events) = play("work-queues", 60_000);
    let got = deliveries(&events);
    let w2 = &got["worker 2"];
    assert_eq!(w2.len(), 3, "worker 2 crashes at its 3rd task");
    let lost = &w2[2].0;
    let w1 = &got["worker 1"];
    assert!(w1.iter().any(|(b, redelivered)| b == lost && *redelivered), "worker 1 gets {lost} redelivered: {w1:?}");
    assert!(w1.len() >= 2 && w2.len() >= 2, "round robin: both worked");
    let q = sim.broker().queue("task_queue").unwrap();
    assert_eq!((q.ready.len(), q.unacked), (0, 0), "every task done");
    let acked =
        events.iter().filter(|e| matches!(e.event, Event::Removed { reason: RemovalReason::Acked, .. })).count();
    assert_eq!(acked, 12, "all 12 tasks acked, none lost");
    // Try this: kill worker 1 while it holds a task.
    let mut sim = Simulation::new(lesson("work-queues").scenario);
    sim.advance(1_000);
    let held = sim.consumer_state("worker1").unwrap().jobs[0].message.body.to_string();
    sim.take_events();
    sim.kill_consumer("worker1");
    sim.advance(5_000);
    let got = deliveries(&sim.take_events());
    assert!(got["worker 2"].contains(&(held, true)), "the next free worker gets it, redelivered");
}

#[test]
fn fair_dispatch_round_robin_deals_evenly_prefetch_one_favours_the_fast() {
    let mut sim = Simulation::new(lesson("fair-dispatch").scenario);
    sim.advance(3_500);
    let unacked = |sim: &Simulation, q: &str| {
        sim.broker().queue(q).unwrap().consumers.iter().map(|c| (c.tag.to_string(), c.unacked)).collect::<Vec<_>>()
    };
    assert_eq!(unacked(&sim, "round_robin"), [("rr fast".to_string(), 0), ("rr slow".to_string(), 5)]);
    let (sim, events) = play("fair-dispatch", 60_000);
    let got = deliveries(&events);
    let n = |tag: &str| got.get(tag).map_or(0, |v| v.len());
    assert_eq!((n("rr fast"), n("rr slow")), (5, 5), "round robin: 5 each");
    assert_eq!((n("fair fast"), n("fair slow")), (9, 1), "prefetch 1: the fast consumer does most");
    // When each queue is done: the fair one long before the round-robin one.
    let last_ack = |queue: &str| {
        events
            .iter()
            .filter(
                |e| matches!(&e.event, Event::Removed { queue: q, reason: RemovalReason::Acked, .. } if &**q == queue),
            )
            .map(|e| e.at)
            .max()
            .unwrap()
    };
    let (fair_done, rr_done) = (last_ack("fair"), last_ack("round_robin"));
    assert!((5_000..=6_000).contains(&fair_done), "fair done at {fair_done}");
    assert!((19_000..=21_000).contains(&rr_done), "round robin done at {rr_done}");
    assert!(sim.broker().queues().all(|q| q.ready.is_empty() && q.unacked == 0));
}

#[test]
fn durability_keeps_only_the_persistent_message_in_the_durable_queue() {
    let (mut sim, _) = play("durability", 2_000);
    assert_eq!(ready_bodies(&sim, "durable_queue"), ["persistent message", "transient message"]);
    assert_eq!(ready_bodies(&sim, "transient_queue"), ["persistent message", "transient message"]);
    sim.restart_broker();
    assert!(sim.broker().queue("transient_queue").is_none(), "the transient queue is gone");
    assert_eq!(ready_bodies(&sim, "durable_queue"), ["persistent message"]);
    // Try this: publish again; the durable exchange and binding survived.
    sim.publish_now("transient").unwrap();
    assert_eq!(ready_bodies(&sim, "durable_queue"), ["persistent message", "transient message"]);
}

#[test]
fn publish_subscribe_fans_out_to_both_server_named_exclusive_queues() {
    let (sim, events) = play("publish-subscribe", 5_000);
    let got = deliveries(&events);
    let all = ["log line 1", "log line 2", "log line 3", "log line 4"];
    assert_eq!(bodies(&got["receive_logs 1"]), all);
    assert_eq!(bodies(&got["receive_logs 2"]), all);
    for id in ["sub1", "sub2"] {
        let name = sim.queue_name(id).unwrap();
        assert!(name.starts_with("amq.gen-"), "{name}");
        assert!(sim.broker().queue(name).unwrap().is_exclusive());
    }
}

#[test]
fn routing_sends_errors_to_both_and_the_rest_to_screen() {
    let (sim, events) = play("routing", 6_000);
    assert_eq!(routed(&sim, "direct_logs", "error"), ["disk", "screen"]);
    assert_eq!(routed(&sim, "direct_logs", "info"), ["screen"]);
    assert_eq!(routed(&sim, "direct_logs", "warning"), ["screen"]);
    assert!(routed(&sim, "direct_logs", "debug").is_empty());
    let got = deliveries(&events);
    assert_eq!(bodies(&got["write to disk"]), ["error 1"]);
    assert!(
        bodies(&got["print to screen"]).contains(&"info 1") && bodies(&got["print to screen"]).contains(&"error 1")
    );
}

#[test]
fn topics_star_misses_three_words_and_hash_matches_zero_or_more() {
    let (sim, events) = play("topics", 3_000);
    assert_eq!(routed(&sim, "topic_logs", "kern.critical"), ["hash", "star"]);
    assert_eq!(routed(&sim, "topic_logs", "kern.disk.full"), ["hash"], "* is exactly one word");
    assert_eq!(routed(&sim, "topic_logs", "kern"), ["hash"], "# can be zero words");
    assert!(routed(&sim, "topic_logs", "auth.info").is_empty());
    let got = deliveries(&events);
    assert_eq!(bodies(&got["star reader"]), ["kern.critical 1"]);
    assert_eq!(bodies(&got["hash reader"]), ["kern.critical 1", "kern.disk.full 1", "kern 1"]);
}

#[test]
fn headers_all_needs_every_header_any_needs_one() {
    let (sim, _) = play("headers", 3_000);
    assert_eq!(ready_bodies(&sim, "all_pdf_reports"), ["pdf report 1"]);
    assert_eq!(ready_bodies(&sim, "any_pdf_or_report"), ["pdf report 1", "pdf log 1"]);
}

#[test]
fn rpc_replies_reach_the_exclusive_reply_queue_with_the_correlation_id() {
    let (sim, events) = play("rpc", 5_000);
    let reply = sim.queue_name("reply").unwrap().to_string();
    assert!(reply.starts_with("amq.gen-"));
    let replies: Vec<(String, Option<String>)> = events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Delivered { queue, consumer: Some(tag), message, .. }
                if **queue == *reply && &**tag == "client callback" =>
            {
                Some((message.body.to_string(), message.properties.correlation_id.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        replies,
        [
            ("reply to request 1".to_string(), Some("req-1".to_string())),
            ("reply to request 2".to_string(), Some("req-2".to_string()))
        ]
    );
    let requests: Vec<_> = events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Delivered { consumer: Some(tag), message, .. } if &**tag == "rpc server" => {
                Some(message.properties.reply_to.clone())
            }
            _ => None,
        })
        .collect();
    assert!(requests.iter().all(|r| r.as_deref() == Some(reply.as_str())));
}

fn x_death_reasons(sim: &Simulation, queue: &str) -> Vec<(String, String)> {
    let q = sim.broker().queue(queue).unwrap();
    q.ready
        .iter()
        .map(|m| {
            let headers = m.message.properties.headers.as_ref().expect("x-death header");
            let Some(FieldValue::Array(deaths)) = headers.get("x-death") else { panic!("no x-death") };
            let Some(FieldValue::Table(first)) = deaths.first() else { panic!("empty x-death") };
            let s = |k: &str| first.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            (s("reason"), s("queue"))
        })
        .collect()
}

#[test]
fn dead_lettering_records_expired_and_rejected_in_x_death() {
    let (sim, _) = play("dead-lettering", 20_000);
    let deaths = x_death_reasons(&sim, "dead_letters");
    assert_eq!(deaths.len(), 10, "all 10 messages end in dead_letters");
    let expired = deaths.iter().filter(|(r, q)| r == "expired" && q == "waiting").count();
    let rejected = deaths.iter().filter(|(r, q)| r == "rejected" && q == "orders").count();
    assert_eq!((expired, rejected), (5, 5));
    assert!(sim.broker().queue("waiting").unwrap().ready.is_empty());
}

#[test]
fn alternate_exchange_catches_what_orders_cannot_route() {
    let (sim, events) = play("alternate-exchange", 5_000);
    assert_eq!(routed(&sim, "orders", "eu"), ["eu_orders"]);
    let route = sim.broker().route("orders", "us", None);
    assert_eq!(route.queues.iter().map(|q| q.to_string()).collect::<Vec<_>>(), ["unrouted_orders"]);
    assert!(route.hops.iter().any(|h| &*h.exchange == "unrouted" && h.as_alternate));
    assert_eq!(ready_bodies(&sim, "unrouted_orders"), ["us order 1", "us order 2"]);
    assert_eq!(bodies(&deliveries(&events)["eu warehouse"]), ["eu order 1", "eu order 2", "eu order 3"]);
}

#[test]
fn max_length_drops_the_head_or_refuses_and_nacks() {
    let (sim, events) = play("max-length", 7_000);
    assert_eq!(ready_bodies(&sim, "drop_head"), ["message 4", "message 5", "message 6"]);
    assert_eq!(ready_bodies(&sim, "reject_publish"), ["message 1", "message 2", "message 3"]);
    let confirms: Vec<bool> = events
        .iter()
        .filter_map(|e| match e.event {
            Event::Confirmed { ack, .. } => Some(ack),
            _ => None,
        })
        .collect();
    assert_eq!(confirms, [true, true, true, false, false, false], "basic.nack for messages 4 to 6");
}

#[test]
fn priorities_deliver_high_before_the_waiting_lows() {
    let (_, events) = play("priorities", 15_000);
    let got = deliveries(&events);
    assert_eq!(
        bodies(&got["worker"]),
        ["low 1", "high 1", "high 2", "high 3", "high 4", "high 5", "low 2", "low 3", "low 4", "low 5"]
    );
}

fn header_int(m: &warren::engine::Message, key: &str) -> Option<i64> {
    m.properties.headers.as_ref()?.get(key)?.as_int()
}

#[test]
fn quorum_poison_message_is_parked_after_its_delivery_limit() {
    let (sim, events) = play("quorum-poison", 20_000);
    // Each order reaches worker 3 times: x-delivery-count absent, 1, 2.
    let counts: Vec<(String, Option<i64>)> = events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Delivered { consumer: Some(tag), message, .. } if &**tag == "worker" => {
                Some((message.body.to_string(), header_int(message, "x-delivery-count")))
            }
            _ => None,
        })
        .collect();
    for order in ["poison order 1", "poison order 2"] {
        let seen: Vec<Option<i64>> = counts.iter().filter(|(b, _)| b == order).map(|(_, c)| *c).collect();
        assert_eq!(seen, [None, Some(1), Some(2)], "{order}");
    }
    let limited =
        events.iter().filter(|e| matches!(e.event, Event::Removed { reason: RemovalReason::DeliveryLimit, .. }));
    assert_eq!(limited.count(), 2);
    let reason = ("delivery_limit".to_string(), "orders".to_string());
    assert_eq!(x_death_reasons(&sim, "parked"), [reason.clone(), reason]);
    assert!(ready_bodies(&sim, "orders").is_empty());
    assert_eq!(ready_bodies(&sim, "parked"), ["poison order 1", "poison order 2"]);
}

#[test]
fn streams_every_consumer_reads_everything_at_its_own_offset() {
    let (mut sim, events) = play("streams", 4_000);
    let read = |events: &[SimEvent], tag: &str| -> Vec<i64> {
        events
            .iter()
            .filter_map(|e| match &e.event {
                Event::Delivered { consumer: Some(t), message, .. } if &**t == tag => {
                    header_int(message, "x-stream-offset")
                }
                _ => None,
            })
            .collect()
    };
    // Mid-way: dashboard is at the newest offset, archive far behind.
    assert_eq!(read(&events, "dashboard"), [0, 1, 2, 3]);
    assert_eq!(read(&events, "archive"), [0, 1]);
    sim.advance(16_000);
    let later = sim.take_events();
    assert_eq!(read(&later, "dashboard"), [4, 5]);
    assert_eq!(read(&later, "archive"), [2, 3, 4, 5], "archive reads every reading too");
    let stream = sim.broker().queue("events").unwrap();
    assert_eq!(stream.message_count(), 6, "acks remove nothing");
    assert_eq!(stream.unacked, 0);
    // Try this: a restart; archive (first) reads it all again, dashboard (next) nothing.
    sim.restart_broker();
    sim.advance(20_000);
    let again = sim.take_events();
    assert_eq!(read(&again, "archive"), [0, 1, 2, 3, 4, 5]);
    assert!(read(&again, "dashboard").is_empty());
}

/// A lesson's programs compiled, loaded into a run of the lesson (`alone`:
/// without the lesson's own producers and consumers).
fn with_programs(slug: &str, alone: bool) -> Simulation {
    let mut scenario = lesson(slug).scenario;
    if alone {
        scenario.producers.clear();
        scenario.consumers.clear();
    }
    let files = scenario
        .programs
        .iter()
        .map(|p| {
            let program = warren::python::compile::compile(&p.name, &p.source)
                .unwrap_or_else(|e| panic!("{slug}: {} is refused: {e}", p.name));
            (p.name.clone(), std::rc::Rc::new(program))
        })
        .collect();
    let mut sim = Simulation::new(scenario);
    sim.load_programs(files);
    sim
}

#[test]
fn the_tutorial_lessons_try_this_command_does_what_it_says() {
    let cases: [(&str, &[&str], &[&str]); 6] = [
        ("hello-world", &[" [*] Waiting for messages.", " [x] Received b'Hello World! #"], &[]),
        ("work-queues", &[" [x] Working on 'task ", " [x] Done\n"], &[]),
        ("publish-subscribe", &[" [*] Waiting for logs on amq.gen-", " [x] log line "], &[]),
        ("routing", &[" [x] warning: warning ", " [x] error: error "], &["info"]),
        ("topics", &[" [x] kern.critical: kern.critical "], &["kern.disk.full", "kern: kern"]),
        ("rpc", &[" [x] Requesting fib(10)\n [.] Got reply to 10\n"], &[]),
    ];
    for (slug, wanted, unwanted) in cases {
        let mut sim = with_programs(slug, false);
        let steps = &lesson(slug).scenario.narration;
        let command = steps.iter().find_map(|s| s.command.clone()).unwrap_or_else(|| panic!("{slug}: no command"));
        let pid = sim.run_command(&command).unwrap_or_else(|e| panic!("{slug}: {}", e.english()));
        sim.advance(9_000);
        let p = sim.process(pid).unwrap();
        assert_eq!(p.stderr, "", "{slug}");
        for text in wanted {
            assert!(p.stdout.contains(text), "{slug}: {text:?} in {:?}", p.stdout);
        }
        for text in unwanted {
            assert!(!p.stdout.contains(text), "{slug}: no {text:?} in {:?}", p.stdout);
        }
    }
}

#[test]
fn the_tutorial_lessons_programs_run_together_as_the_tutorials_say() {
    let runs: [(&str, &[&str], &str); 5] = [
        ("hello-world", &["python3 receive.py", "python3 send.py"], " [x] Received b'Hello World!'"),
        ("work-queues", &["python3 worker.py", "python3 new_task.py First.."], " [x] Working on 'First..'"),
        ("publish-subscribe", &["python3 receive_logs.py", "python3 emit_log.py boot"], " [x] boot"),
        (
            "routing",
            &["python3 receive_logs_direct.py error", "python3 emit_log_direct.py error \"disk full\""],
            " [x] error: disk full",
        ),
        (
            "topics",
            &["python3 receive_logs_topic.py \"*.mysql.*\"", "python3 emit_log_topic.py db.mysql.slow q"],
            " [x] db.mysql.slow: q",
        ),
    ];
    for (slug, commands, expected) in runs {
        let mut sim = with_programs(slug, true);
        let pids: Vec<_> =
            commands.iter().map(|c| sim.run_command(c).unwrap_or_else(|e| panic!("{slug}: {}", e.english()))).collect();
        sim.advance(3_000);
        let receiver = sim.process(pids[0]).unwrap();
        assert!(receiver.stdout.contains(expected), "{slug}: {:?}", receiver.stdout);
        assert_eq!(sim.process(pids[1]).unwrap().exit, Some(0), "{slug}: the sender ends");
    }
    let mut sim = with_programs("rpc", true);
    sim.run_command("python3 rpc_server.py").unwrap();
    let client = sim.run_command("python3 rpc_client.py 7").unwrap();
    sim.advance(5_000);
    let p = sim.process(client).unwrap();
    assert_eq!(p.stdout, " [x] Requesting fib(7)\n [.] Got 13\n");
    assert_eq!(p.exit, Some(0));
}
