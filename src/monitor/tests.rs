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
        bindings: vec![BindingEdge { from: "x1".into(), to: "q1".into(), routing_key: "*.error".into(), arguments: Map::new() }],
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
    assert_eq!(route.text, "exchange logs routed #1 \"m1\" to errors");
    let Some(Detail::Route { explanation, .. }) = &route.detail else { panic!("route detail") };
    assert!(explanation.hops[0].bindings[0].matched);
    assert!(explanation.hops[0].bindings[0].reason.contains("*.error"), "{}", explanation.hops[0].bindings[0].reason);
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
fn an_unroutable_message_says_why() {
    let mut s = topic_scenario();
    s.producers[0].message.routing_key = "db.info".into();
    let mut sim = Simulation::new(s);
    let mut mon = Monitor::new();
    sim.publish_now("p1").unwrap();
    run(&mut sim, &mut mon);
    let drop = mon.log.entries().find(|e| e.kind == LogKind::Drop).expect("a drop entry");
    assert!(drop.text.contains("unroutable"), "{}", drop.text);
    let Some(Detail::Route { explanation, .. }) = &drop.detail else { panic!("route detail") };
    assert!(!explanation.hops[0].bindings[0].matched);
    assert!(explanation.verdict.contains("no queue"), "{}", explanation.verdict);
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
    assert!(requeue.text.contains("from slow"), "{}", requeue.text);
    let redelivery = mon.log.entries().find(|e| e.kind == LogKind::Deliver && e.redelivered).expect("redelivered");
    assert!(redelivery.text.contains("to worker") && redelivery.text.contains("marked redelivered"), "{}", redelivery.text);
    assert_eq!(mon.consumer_stats("c1").redelivered, 1);
}

#[test]
fn engine_refusals_are_logged_with_the_node() {
    let mut s = topic_scenario();
    s.bindings.push(BindingEdge { from: "default".into(), to: "q1".into(), routing_key: "errors".into(), arguments: Map::new() });
    let mut sim = Simulation::new(s);
    let mut mon = Monitor::new();
    run(&mut sim, &mut mon);
    let err = mon.log.entries().find(|e| e.kind == LogKind::Error).expect("an error entry");
    assert!(err.text.contains("403"), "{}", err.text);
    assert!(err.concerns("default"), "{:?}", err.nodes);
}
