//! Tests of the monitor: log sentences and details, motions, message paths.

use super::*;
use crate::scenario::*;
use crate::simulation::Simulation;
use serde_json::Map;

fn topic_scenario() -> Scenario {
    Scenario {
        exchanges: vec![ExchangeNode {
            id: "x1".into(),
            name: "logs".into(),
            kind: ExchangeKind::Topic,
            durable: false,
            auto_delete: false,
            internal: false,
            alternate_exchange: None,
            arguments: Map::new(),
            x: 0.0,
            y: 0.0,
        }],
        queues: vec![QueueNode { id: "q1".into(), name: "errors".into(), ..Default::default() }],
        bindings: vec![BindingEdge {
            id: String::new(),
            from: "x1".into(),
            to: "q1".into(),
            routing_key: "*.error".into(),
            arguments: Map::new(),
        }],
        producers: vec![ProducerNode {
            id: "p1".into(),
            name: "app".into(),
            exchange: Some("x1".into()),
            message: MessageTemplate { routing_key: "db.error".into(), body: "m{n}".into(), ..Default::default() },
            schedule: Schedule::Manual,
            x: 0.0,
            y: 0.0,
        }],
        consumers: vec![ConsumerNode {
            id: "c1".into(),
            name: "worker".into(),
            queue: Some("q1".into()),
            ack: AckMode::Manual,
            prefetch: 1,
            processing_ms: 100,
            outcome: Outcome::Ack,
            crash_after: None,
            reply: false,
            exclusive: false,
            priority: None,
            same_client_as: None,
            stream_offset: None,
            x: 0.0,
            y: 0.0,
        }],
        ..Default::default()
    }
}

fn run(sim: &mut Simulation, mon: &mut Monitor) {
    let events = sim.take_events();
    mon.ingest(sim, events);
}

#[test]
fn a_topic_match_is_explained_and_drawn_in_order() {
    let mut sim = Simulation::new(topic_scenario());
    let mut mon = Monitor::new();
    run(&mut sim, &mut mon);
    mon.take_motions();
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    let route = mon.log.entries().find(|e| e.kind == LogKind::Route).expect("a route entry");
    assert_eq!(route.text.english(), "exchange logs routed #1 \"m1\" to errors");
    let detail = route.detail.as_ref().expect("a route detail");
    assert!(!detail.is_built(), "the explanation is only put into words when read");
    let Detail::Route { explanation, .. } = detail.get() else { panic!("route detail") };
    assert!(detail.is_built());
    assert!(explanation.hops[0].bindings[0].matched);
    assert!(
        explanation.hops[0].bindings[0].reason.english().contains("*.error"),
        "{}",
        explanation.hops[0].bindings[0].reason.english()
    );
    let motions = mon.take_motions();
    let legs: Vec<(LegKind, u32)> = motions
        .iter()
        .filter_map(|m| match m {
            Motion::Leg { kind, slot, .. } => Some((*kind, *slot)),
            _ => None,
        })
        .collect();
    assert_eq!(legs, [(LegKind::Publish, 0), (LegKind::Route, 1), (LegKind::Deliver, 2)]);
    sim.advance(200);
    run(&mut sim, &mut mon);
    assert_eq!(mon.consumer_stats("c1"), ConsumerStats { delivered: 1, acked: 1, ..Default::default() });
    let path: Vec<LogKind> = mon.path(1).iter().map(|e| e.kind).collect();
    assert_eq!(path, [LogKind::Publish, LogKind::Route, LogKind::Enqueue, LogKind::Deliver, LogKind::Ack]);
}

#[test]
fn an_explanation_read_later_tells_of_the_bindings_when_it_was_logged() {
    let mut s = topic_scenario();
    let mut sim = Simulation::new(s.clone());
    let mut mon = Monitor::new();
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    // The binding changes before anyone opens the line.
    s.bindings[0].routing_key = "#.info".into();
    sim.set_scenario(s);
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    let routes: Vec<&LogEntry> = mon.log.entries().filter(|e| e.kind == LogKind::Route).collect();
    let explain = |e: &LogEntry| match e.detail.as_ref().map(LazyDetail::get) {
        Some(Detail::Route { explanation, .. }) => explanation.clone(),
        other => panic!("a route detail, not {other:?}"),
    };
    let (first, second) = (explain(routes[0]), explain(routes[1]));
    assert_eq!(first.hops[0].bindings[0].binding.routing_key, "*.error");
    assert!(first.hops[0].bindings[0].matched);
    assert_eq!(first.verdict.english(), "reaches 1 queue: errors");
    assert_eq!(second.hops[0].bindings[0].binding.routing_key, "#.info");
    assert!(!second.hops[0].bindings[0].matched);
}

#[test]
fn an_unroutable_message_says_why() {
    let mut s = topic_scenario();
    s.producers[0].message.routing_key = "db.info".into();
    let mut sim = Simulation::new(s);
    let mut mon = Monitor::new();
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    let drop = mon.log.entries().find(|e| e.kind == LogKind::Drop).expect("a drop entry");
    assert!(drop.text.english().contains("unroutable"), "{}", drop.text.english());
    let Some(Detail::Route { explanation, .. }) = drop.detail.as_ref().map(LazyDetail::get) else {
        panic!("route detail")
    };
    assert!(!explanation.hops[0].bindings[0].matched);
    assert!(explanation.verdict.english().contains("no queue"), "{}", explanation.verdict.english());
    assert!(drop.concerns("x1"));
}

#[test]
fn a_killed_consumer_s_message_is_redelivered_to_the_other() {
    let mut s = topic_scenario();
    let mut slow = s.consumers[0].clone();
    slow.id = "c2".into();
    slow.name = "slow".into();
    slow.processing_ms = 100_000;
    s.consumers[0].processing_ms = 100;
    s.consumers.insert(0, slow);
    let mut sim = Simulation::new(s);
    let mut mon = Monitor::new();
    sim.publish_now("p1").unwrap();
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    assert_eq!(mon.consumer_stats("c2").delivered, 1);
    sim.advance(500);
    run(&mut sim, &mut mon);
    sim.kill_consumer("c2");
    sim.advance(1);
    run(&mut sim, &mut mon);
    let requeue = mon.log.entries().find(|e| e.kind == LogKind::Requeue).expect("requeued");
    assert!(requeue.text.english().contains("from slow"), "{}", requeue.text.english());
    let redelivery = mon.log.entries().find(|e| e.kind == LogKind::Deliver && e.redelivered).expect("redelivered");
    assert!(
        redelivery.text.english().contains("to worker") && redelivery.text.english().contains("marked redelivered"),
        "{}",
        redelivery.text.english()
    );
    assert_eq!(mon.consumer_stats("c1").redelivered, 1);
}

#[test]
fn engine_refusals_are_logged_with_the_node() {
    let mut s = topic_scenario();
    s.bindings.push(BindingEdge {
        id: String::new(),
        from: "default".into(),
        to: "q1".into(),
        routing_key: "errors".into(),
        arguments: Map::new(),
    });
    let mut sim = Simulation::new(s);
    let mut mon = Monitor::new();
    run(&mut sim, &mut mon);
    let err = mon.log.entries().find(|e| e.kind == LogKind::Error).expect("an error entry");
    assert!(err.text.english().contains("403"), "{}", err.text.english());
    assert!(err.concerns("default"), "{:?}", err.nodes);
}

fn exchange(id: &str, name: &str, kind: ExchangeKind) -> ExchangeNode {
    ExchangeNode {
        id: id.into(),
        name: name.into(),
        kind,
        durable: false,
        auto_delete: false,
        internal: false,
        alternate_exchange: None,
        arguments: Map::new(),
        x: 0.0,
        y: 0.0,
    }
}

#[test]
fn alternate_exchanges_and_returns_are_explained() {
    let mut s = topic_scenario();
    s.exchanges.push(exchange("ae", "unrouted", ExchangeKind::Fanout));
    s.exchanges[0].alternate_exchange = Some("ae".into());
    s.queues.push(QueueNode { id: "q2".into(), name: "lost-and-found".into(), ..Default::default() });
    s.bindings.push(BindingEdge {
        id: String::new(),
        from: "ae".into(),
        to: "q2".into(),
        routing_key: String::new(),
        arguments: Map::new(),
    });
    s.producers[0].message.routing_key = "db.info".into();
    let mut sim = Simulation::new(s.clone());
    let mut mon = Monitor::new();
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    let route = mon.log.entries().find(|e| e.kind == LogKind::Route).unwrap();
    assert_eq!(route.text.english(), "exchange logs routed #1 \"m1\" to lost-and-found");
    let Some(Detail::Route { alternates, explanation, .. }) = route.detail.as_ref().map(LazyDetail::get) else {
        panic!()
    };
    assert_eq!(alternates.len(), 1);
    assert_eq!((&*alternates[0].0, &*alternates[0].1), ("logs", "unrouted"));
    assert!(
        explanation.hops[0].summary.english().contains("alternate exchange 'unrouted' takes the message"),
        "{}",
        explanation.hops[0].summary.english()
    );
    let legs: Vec<LegKind> = mon
        .take_motions()
        .into_iter()
        .filter_map(|m| match m {
            Motion::Leg { kind, .. } => Some(kind),
            _ => None,
        })
        .collect();
    assert!(legs.contains(&LegKind::Alternate), "{legs:?}");

    // Without the alternate exchange and with mandatory, the message comes
    // back. (Redeclaring without the argument is refused, 406, as RabbitMQ
    // does: the exchange is deleted and declared again.)
    let x = s.exchanges[0].id.clone();
    s.exchanges[0].alternate_exchange = None;
    s.producers[0].message.mandatory = true;
    sim.set_scenario(s);
    assert!(sim.node_error(&x).is_some_and(|e| e.text.contains("inequivalent arg 'alternate-exchange'")));
    sim.recreate(&x);
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    let ret = mon.log.entries().find(|e| e.kind == LogKind::Return).expect("a return entry");
    assert!(ret.text.english().contains("returned to app (312 NO_ROUTE)"), "{}", ret.text.english());
    assert!(matches!(ret.detail.as_ref().map(LazyDetail::get), Some(Detail::Route { .. })));
}

#[test]
fn dead_letters_keep_their_history() {
    let mut s = topic_scenario();
    s.exchanges.push(exchange("dlx", "dead", ExchangeKind::Fanout));
    s.queues[0].dead_letter_exchange = Some("dlx".into());
    s.queues.push(QueueNode { id: "q2".into(), name: "graveyard".into(), ..Default::default() });
    s.bindings.push(BindingEdge {
        id: String::new(),
        from: "dlx".into(),
        to: "q2".into(),
        routing_key: String::new(),
        arguments: Map::new(),
    });
    s.consumers[0].outcome = Outcome::Reject;
    let mut sim = Simulation::new(s);
    let mut mon = Monitor::new();
    sim.publish_now("p1").unwrap();
    sim.advance(500);
    run(&mut sim, &mut mon);
    let dl = mon.log.entries().find(|e| e.kind == LogKind::DeadLetter).expect("dead-lettered");
    assert!(
        dl.text.english().contains("dead-lettered from queue errors (reason: rejected) to exchange dead as message #2"),
        "{}",
        dl.text.english()
    );
    let new = mon.message(2).expect("the dead letter is known");
    assert_eq!(new.parent, Some(1));
    let x_death = new.message.properties.headers.as_ref().and_then(|h| h.get("x-death").cloned());
    assert!(x_death.is_some(), "the new message carries x-death");
    let republished = mon.log.entries().find(|e| e.kind == LogKind::Publish && e.message_id() == Some(2)).unwrap();
    let Some(Detail::Deaths(deaths)) = republished.detail.as_ref().map(LazyDetail::get) else { panic!() };
    let deaths: Vec<String> = deaths.iter().map(Msg::english).collect();
    assert_eq!(deaths, ["once rejected in queue errors (published to exchange logs with keys db.error)"]);
    // The path of the dead letter includes the original's.
    let path: Vec<LogKind> = mon.path(2).iter().map(|e| e.kind).collect();
    assert_eq!(path.first(), Some(&LogKind::Publish));
    assert!(path.contains(&LogKind::Deliver) && path.contains(&LogKind::DeadLetter), "{path:?}");
    assert!(mon.path(2).iter().any(|e| e.text.english().contains("entered queue graveyard")));
    let legs: Vec<LegKind> = mon
        .take_motions()
        .into_iter()
        .filter_map(|m| match m {
            Motion::Leg { kind, .. } => Some(kind),
            _ => None,
        })
        .collect();
    assert!(legs.contains(&LegKind::DeadLetter), "{legs:?}");
}

#[test]
fn replays_are_the_same_whatever_the_frame_rate() {
    use crate::monitor::runtime::Runtime;
    let mut s = topic_scenario();
    s.producers[0].schedule = Schedule::Every { every_ms: 70, start_ms: 0, count: Some(20), batch: 1 };
    let play = |frame_ms: f64| {
        let mut rt = Runtime::new(s.clone());
        rt.playing = true;
        let mut t = 0.0;
        while rt.sim.now() < 3_000 {
            rt.frame(t);
            t += frame_ms;
        }
        rt.sim.advance(3_000u64.saturating_sub(rt.sim.now()));
        rt.drain(t);
        rt.monitor.log.entries().map(|e| (e.at, e.text.clone())).filter(|(at, _)| *at < 3_000).collect::<Vec<_>>()
    };
    let smooth = play(16.7);
    let jerky = play(113.0);
    assert!(smooth.len() > 60, "{}", smooth.len());
    assert_eq!(smooth, jerky);
}

#[test]
fn a_publish_through_the_api_is_said_to_come_from_the_api() {
    let mut sim = Simulation::new(topic_scenario());
    let mut mon = Monitor::new();
    run(&mut sim, &mut mon);
    let p = crate::api::publish_request(
        &serde_json::json!({"exchange": "logs", "routing_key": "db.error", "body": "by hand"}),
    )
    .unwrap();
    sim.publish_raw(p).unwrap();
    run(&mut sim, &mut mon);
    let texts: Vec<String> = mon.log.entries().map(|e| e.text.english()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t
                .starts_with("the page's API published #1 \"by hand\" to exchange logs with routing key \"db.error\"")),
        "{texts:#?}"
    );
    assert!(!texts.iter().any(|t| t.contains("dead lettering")), "{texts:#?}");
}

#[test]
fn log_lines_and_explanations_render_in_chinese_with_names_kept() {
    use crate::i18n::Lang;
    let mut sim = Simulation::new(topic_scenario());
    let mut mon = Monitor::new();
    run(&mut sim, &mut mon);
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    let publish = mon.log.entries().find(|e| e.kind == LogKind::Publish).expect("a publish entry");
    assert_eq!(publish.text.render(Lang::Zh), "app 把 #1 \"m1\" 发布到交换机 logs，路由键 \"db.error\"");
    let route = mon.log.entries().find(|e| e.kind == LogKind::Route).expect("a route entry");
    assert_eq!(route.text.render(Lang::Zh), "交换机 logs 把 #1 \"m1\" 路由到 errors");
    let Detail::Route { explanation, .. } = route.detail.as_ref().unwrap().get() else { panic!("route detail") };
    assert_eq!(explanation.verdict.render(Lang::Zh), "到达 1 个队列：errors");
    assert_eq!(explanation.hops[0].summary.render(Lang::Zh), "topic 交换机 'logs'：1 个绑定中有 1 个匹配");
    let reason = explanation.hops[0].bindings[0].reason.render(Lang::Zh);
    assert!(reason.starts_with("'*.error' 匹配 'db.error'（通配符"), "{reason}");
}

#[test]
fn the_engines_reasons_for_deleting_a_queue_each_have_a_message() {
    // The engine names these (QueueDeletion, DeadLetterDrop); the log
    // words each with a message of its own.
    use crate::engine::{DeadLetterDrop, QueueDeletion};
    for (reason, words) in [
        (QueueDeletion::Deleted, "deleted by queue.delete"),
        (QueueDeletion::AutoDelete, "auto-delete: its last consumer went away"),
        (QueueDeletion::OwnerClosed, "its exclusive owner connection closed"),
        (QueueDeletion::Expired, "unused for longer than its x-expires"),
        (QueueDeletion::Restart, "transient queues do not survive a restart"),
    ] {
        let m = super::ingest::queue_deleted_reason(reason);
        assert_eq!(m.english(), words, "the log says what the engine means");
    }
    let dropped = super::ingest::dead_letter_drop_reason(&DeadLetterDrop::MissingExchange("dlx".into()), "q");
    assert_eq!(dropped.render(crate::i18n::Lang::Zh), "它的死信交换机 'dlx' 不存在");
}
