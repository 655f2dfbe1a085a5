//! Tests of the simulation driver: schedules, consumer behaviours, kills,
//! restarts, edits applied as AMQP commands, and runaway limits.

use super::*;
use crate::engine::RemovalReason;
use crate::scenario::*;

fn queue(id: &str, name: &str) -> QueueNode {
    QueueNode { id: id.into(), name: name.into(), ..Default::default() }
}

fn consumer(id: &str, queue: &str, prefetch: u16, processing_ms: u64) -> ConsumerNode {
    ConsumerNode {
        id: id.into(),
        name: id.into(),
        queue: Some(queue.into()),
        ack: AckMode::Manual,
        prefetch,
        processing_ms,
        outcome: Outcome::Ack,
        crash_after: None,
        reply: false,
        exclusive: false,
        priority: None,
        same_client_as: None,
        stream_offset: None,
        x: 0.0,
        y: 0.0,
    }
}

fn producer(id: &str, exchange: &str, routing_key: &str, schedule: Schedule) -> ProducerNode {
    ProducerNode {
        id: id.into(),
        name: id.into(),
        exchange: Some(exchange.into()),
        message: MessageTemplate { routing_key: routing_key.into(), body: "task {n}".into(), ..Default::default() },
        schedule,
        x: 0.0,
        y: 0.0,
    }
}

fn work_queue() -> Scenario {
    Scenario {
        queues: vec![queue("q", "tasks")],
        producers: vec![producer("p", DEFAULT_EXCHANGE_ID, "tasks", Schedule::Burst { count: 4, at_ms: 0 })],
        consumers: vec![consumer("fast", "q", 1, 100), consumer("slow", "q", 1, 10_000)],
        ..Default::default()
    }
}

#[test]
fn work_queue_fair_dispatch_and_kill_redelivers() {
    let mut sim = Simulation::new(work_queue());
    sim.advance(1);
    let q = sim.broker().queue("tasks").unwrap();
    assert_eq!(q.unacked, 2, "each consumer holds one message (prefetch 1)");
    assert_eq!(q.ready.len(), 2);
    sim.advance(500);
    // The fast consumer finished its messages; the slow one still holds task 2.
    let slow = sim.consumer_state("slow").unwrap();
    assert_eq!(slow.jobs.len(), 1);
    let held = slow.jobs[0].message.body.to_string();
    let fast_channel = sim.consumer_state("fast").unwrap().channel;
    sim.take_events();
    sim.kill_consumer("slow");
    sim.advance(1);
    let events = sim.take_events();
    let redelivered: Vec<_> = events
        .iter()
        .filter_map(|e| match &e.event {
            Event::Delivered { channel, message, redelivered: true, .. } if Some(*channel) == fast_channel => {
                Some(message.body.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(redelivered, vec![held], "the other consumer gets the killed one's message, redelivered");
    sim.advance(1_000);
    let q = sim.broker().queue("tasks").unwrap();
    assert_eq!((q.ready.len(), q.unacked), (0, 0));
    assert_eq!(sim.consumer_state("slow").unwrap().down, Some(Down::Killed));
}

#[test]
fn every_schedule_publishes_on_time_and_stops_at_count() {
    let mut s = Scenario { queues: vec![queue("q", "q")], ..Default::default() };
    s.producers.push(producer(
        "p",
        DEFAULT_EXCHANGE_ID,
        "q",
        Schedule::Every { every_ms: 100, start_ms: 50, count: Some(3), batch: 1 },
    ));
    let mut sim = Simulation::new(s);
    sim.advance(49);
    assert_eq!(sim.broker().queue("q").unwrap().ready.len(), 0);
    sim.advance(1);
    assert_eq!(sim.broker().queue("q").unwrap().ready.len(), 1);
    sim.advance(1_000);
    assert_eq!(sim.broker().queue("q").unwrap().ready.len(), 3);
    assert_eq!(sim.next_due(), None);
}

#[test]
fn step_jumps_to_the_next_thing_that_happens() {
    let mut s = Scenario { queues: vec![queue("q", "q")], ..Default::default() };
    s.producers.push(producer("p", DEFAULT_EXCHANGE_ID, "q", Schedule::Once { at_ms: 700 }));
    let mut sim = Simulation::new(s);
    assert!(sim.step());
    assert_eq!(sim.now(), 700);
    assert_eq!(sim.broker().queue("q").unwrap().ready.len(), 1);
    assert!(!sim.step());
}

#[test]
fn rpc_server_replies_to_reply_to_with_correlation_id() {
    let mut s = Scenario {
        queues: vec![
            queue("rpc", "rpc_queue"),
            QueueNode { id: "reply".into(), exclusive: true, ..Default::default() },
        ],
        ..Default::default()
    };
    let mut client = producer("client", DEFAULT_EXCHANGE_ID, "rpc_queue", Schedule::Once { at_ms: 0 });
    client.message.reply_to_queue = Some("reply".into());
    client.message.correlation_id = Some("req-{n}".into());
    s.producers.push(client);
    let mut server = consumer("server", "rpc", 1, 10);
    server.reply = true;
    s.consumers.push(server);
    let mut sim = Simulation::new(s);
    let reply_name = sim.queue_name("reply").unwrap().clone();
    assert!(reply_name.starts_with("amq.gen-"));
    sim.advance(100);
    let q = sim.broker().queue(&reply_name).unwrap();
    let m = q.ready.iter().next().expect("a reply arrived");
    assert_eq!(m.message.properties.correlation_id.as_deref(), Some("req-1"));
    assert_eq!(&*m.message.body, "reply to task 1");
}

#[test]
fn crash_after_closes_the_channel_and_requeues() {
    let mut s = work_queue();
    s.consumers = vec![ConsumerNode { crash_after: Some(2), ..consumer("c", "q", 0, 1_000) }];
    let mut sim = Simulation::new(s);
    sim.advance(1);
    assert_eq!(sim.consumer_state("c").unwrap().down, Some(Down::Crashed));
    let q = sim.broker().queue("tasks").unwrap();
    assert_eq!((q.ready.len(), q.unacked, q.consumers.len()), (4, 0, 0));
    assert!(q.ready.iter().take(2).all(|m| m.redelivered));
    sim.revive_consumer("c");
    assert_eq!(sim.consumer_state("c").unwrap().down, Some(Down::Crashed), "crashes again at its 2nd delivery");
}

#[test]
fn restart_keeps_durable_and_persistent_only_and_consumers_reconnect() {
    let mut s = Scenario {
        queues: vec![QueueNode { durable: true, ..queue("d", "durable") }, queue("t", "transient")],
        ..Default::default()
    };
    let mut p = producer("p", DEFAULT_EXCHANGE_ID, "durable", Schedule::Manual);
    p.message.persistent = true;
    s.producers.push(p);
    s.producers.push(producer("p2", DEFAULT_EXCHANGE_ID, "durable", Schedule::Manual));
    let mut sim = Simulation::new(s);
    sim.publish_now("p").unwrap();
    sim.publish_now("p2").unwrap();
    assert_eq!(sim.broker().queue("durable").unwrap().ready.len(), 2);
    sim.restart_broker();
    assert!(sim.broker().queue("transient").is_none());
    assert_eq!(sim.broker().queue("durable").unwrap().ready.len(), 1);
    assert!(sim.publish_now("p").is_ok(), "producers reconnect");
    sim.redeclare_all();
    assert!(sim.broker().queue("transient").is_some());
}

/// A topic exchange `logs` bound to queue `errors` with `*.error`.
fn logs_to_errors() -> Scenario {
    let mut s = Scenario {
        exchanges: vec![ExchangeNode {
            id: "x".into(),
            name: "logs".into(),
            kind: ExchangeKind::Topic,
            durable: false,
            auto_delete: false,
            internal: false,
            alternate_exchange: None,
            arguments: Default::default(),
            x: 0.0,
            y: 0.0,
        }],
        queues: vec![queue("q", "errors")],
        ..Default::default()
    };
    s.bindings.push(BindingEdge {
        id: String::new(),
        from: "x".into(),
        to: "q".into(),
        routing_key: "*.error".into(),
        arguments: Default::default(),
    });
    s
}

#[test]
fn binding_edits_become_amqp_commands_and_refusals_stay_on_the_binding() {
    let mut s = logs_to_errors();
    let mut sim = Simulation::new(s.clone());
    assert_eq!(sim.broker().route("logs", "db.error", None).queues.len(), 1);
    // Edit the binding key: unbind the old, bind the new.
    s.bindings[0].routing_key = "#.error".into();
    sim.set_scenario(s.clone());
    assert_eq!(sim.broker().bindings().filter(|b| &*b.source == "logs").count(), 1);
    assert_eq!(sim.broker().route("logs", "a.b.error", None).queues.len(), 1);
    // Binding the default exchange is refused by the broker with 403.
    s.bindings.push(BindingEdge {
        id: String::new(),
        from: DEFAULT_EXCHANGE_ID.into(),
        to: "q".into(),
        routing_key: "k".into(),
        arguments: Default::default(),
    });
    sim.set_scenario(s.clone());
    let e = sim.binding_error("b2").expect("refused");
    assert_eq!(e.code, ReplyCode::AccessRefused);
    assert!(!e.is_refused_redeclare());
    assert_eq!(e.explanation, ReplyCode::AccessRefused.explanation());
    // RabbitMQ's reply text stays as it is; the explanation follows the page.
    assert!(e.text.starts_with("ACCESS_REFUSED - "), "{}", e.text);
    let zh = e.explanation.render(crate::i18n::Lang::Zh);
    assert!(zh.starts_with("broker 拒绝执行这个操作：保留名称（amq.*）"), "{zh}");
}

#[test]
fn a_binding_refusal_goes_with_its_binding() {
    let mut s = logs_to_errors();
    // Binding the default exchange is refused by the broker with 403.
    s.bindings.push(BindingEdge {
        id: String::new(),
        from: DEFAULT_EXCHANGE_ID.into(),
        to: "q".into(),
        routing_key: "k".into(),
        arguments: Default::default(),
    });
    let mut sim = Simulation::new(s.clone());
    assert!(sim.binding_error("b2").is_some());
    // The refusal goes with its binding, and does not pass to another one.
    let mut without = sim.scenario().clone();
    without.bindings.retain(|b| b.id != "b2");
    sim.set_scenario(without.clone());
    assert!(sim.binding_error("b2").is_none(), "the error went with its binding");
    without.bindings.push(BindingEdge {
        id: "b3".into(),
        from: "x".into(),
        to: "q".into(),
        routing_key: "k".into(),
        arguments: Default::default(),
    });
    sim.set_scenario(without);
    assert!(sim.node_errors().is_empty(), "{:?}", sim.node_errors());
}

#[test]
fn node_edits_become_amqp_commands_and_refusals_stay_on_the_node() {
    let mut s = logs_to_errors();
    s.bindings[0].routing_key = "#.error".into();
    let mut sim = Simulation::new(s.clone());
    // Changing an empty, unused queue simply declares it anew.
    s.queues[0].message_ttl = Some(60_000);
    sim.set_scenario(s.clone());
    assert!(sim.node_error("q").is_none());
    assert_eq!(sim.broker().queue("errors").unwrap().settings.message_ttl, Some(60_000));
    // A queue holding messages is redeclared as a client would: RabbitMQ
    // refuses (406) and the queue keeps its old arguments and messages...
    s.producers.push(producer("p", "x", "a.error", Schedule::Manual));
    sim.set_scenario(s.clone());
    sim.publish_now("p").unwrap();
    s.queues[0].max_length = Some(5);
    sim.set_scenario(s.clone());
    let e = sim.node_error("q").expect("refused");
    assert_eq!((e.code, e.during.as_str()), (ReplyCode::PreconditionFailed, "queue.declare"));
    assert!(e.text.contains("inequivalent arg 'x-max-length'"), "{}", e.text);
    assert!(e.is_refused_redeclare());
    assert!(e.explanation.english().contains("a declare cannot change them"), "{}", e.explanation.english());
    assert_eq!(sim.broker().queue("errors").unwrap().settings.max_length, None);
    // ...until the user recreates it.
    sim.recreate("q");
    assert!(sim.node_error("q").is_none());
    assert_eq!(sim.broker().queue("errors").unwrap().settings.max_length, Some(5));
    assert_eq!(sim.broker().route("logs", "a.error", None).queues.len(), 1, "bindings are restored");
    // Undoing a refused change clears the error (the redeclare now matches).
    sim.publish_now("p").unwrap();
    s.queues[0].durable = true;
    sim.set_scenario(s.clone());
    assert_eq!(sim.node_error("q").map(|e| e.code), Some(ReplyCode::PreconditionFailed));
    s.queues[0].durable = false;
    sim.set_scenario(s.clone());
    assert!(sim.node_error("q").is_none());
    // An exchange's type cannot change either.
    s.exchanges[0].kind = ExchangeKind::Direct;
    sim.set_scenario(s.clone());
    assert!(sim.node_error("x").unwrap().text.contains("inequivalent arg 'type'"));
    sim.recreate("x");
    assert_eq!(sim.broker().exchange("logs").unwrap().kind, crate::engine::ExchangeType::Direct);
    assert_eq!(sim.broker().route("logs", "#.error", None).queues.len(), 1, "its bindings came back");
    // Removing the queue deletes it.
    s.remove_node("q");
    sim.set_scenario(s);
    assert!(sim.broker().queue("errors").is_none());
}

#[test]
fn runaway_producer_pauses_the_simulation() {
    let mut s = Scenario { queues: vec![queue("q", "sink")], ..Default::default() };
    s.producers.push(producer(
        "p",
        DEFAULT_EXCHANGE_ID,
        "sink",
        Schedule::Every { every_ms: 10, start_ms: 0, count: None, batch: 1 },
    ));
    let mut sim = Simulation::new(s);
    sim.set_limits(Limits { max_ready_messages: 1_000, ..Limits::default() });
    sim.advance(60_000);
    assert!(sim.halted().is_some());
    assert!(sim.broker().queue("sink").unwrap().ready.len() <= 1_001);
    let before = sim.now();
    sim.advance(1_000);
    assert_eq!(sim.now(), before, "halted: time does not move");
    sim.purge_queue("q").unwrap();
    sim.resume();
    sim.advance(100);
    assert!(sim.now() > before);
}

#[test]
fn a_scenario_sets_its_own_limits() {
    let mut s = Scenario { queues: vec![queue("q", "sink")], ..Default::default() };
    s.producers.push(producer(
        "p",
        DEFAULT_EXCHANGE_ID,
        "sink",
        Schedule::Every { every_ms: 10, start_ms: 0, count: None, batch: 10 },
    ));
    s.limits.max_ready_messages = 100;
    let mut sim = Simulation::new(s);
    sim.advance(10_000);
    assert!(sim.halted().unwrap().english().contains("over the limit of 100"));
    let zh = sim.halted().unwrap().render(crate::i18n::Lang::Zh);
    assert!(zh.contains("超过了 100 条的上限"), "{zh}");
    assert!(sim.broker().queue("sink").unwrap().ready.len() <= 110);
}

#[test]
fn same_scenario_same_events() {
    let run = || {
        let mut sim = Simulation::new(work_queue());
        sim.advance(30_000);
        sim.take_events().into_iter().map(|e| format!("{:?}", e)).collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn auto_ack_consumer_leaves_nothing_unacked() {
    let mut s = work_queue();
    s.consumers = vec![ConsumerNode { ack: AckMode::Auto, ..consumer("c", "q", 1, 1_000) }];
    let mut sim = Simulation::new(s);
    sim.advance(1);
    let q = sim.broker().queue("tasks").unwrap();
    assert_eq!((q.ready.len(), q.unacked), (0, 0), "auto-ack ignores prefetch");
    let events = sim.take_events();
    assert_eq!(
        events.iter().filter(|e| matches!(e.event, Event::Removed { reason: RemovalReason::AutoAcked, .. })).count(),
        4
    );
}

#[test]
fn every_argument_a_queue_field_sets_is_one_the_inspector_keeps_out_of_other_arguments() {
    // The inspector refuses these names in "Other arguments"
    // (table_text::queue_fields(), EXCHANGE_FIELDS) because a field of their
    // own sets them, and the typed field would win in the declare.
    use crate::editor::table_text::{queue_fields, EXCHANGE_FIELDS};
    use crate::scenario::{ExchangeNode, OverflowKind};
    let mut s = Scenario::default();
    let exchange = |id: &str, ae: Option<&str>| ExchangeNode {
        id: id.into(),
        name: id.into(),
        kind: ExchangeKind::Direct,
        durable: false,
        auto_delete: false,
        internal: false,
        alternate_exchange: ae.map(Into::into),
        arguments: Default::default(),
        x: 0.0,
        y: 0.0,
    };
    s.exchanges.push(exchange("x", Some("ae")));
    s.exchanges.push(exchange("ae", None));
    let mut q = queue("q", "q");
    q.message_ttl = Some(1);
    q.expires = Some(1);
    q.max_length = Some(1);
    q.max_length_bytes = Some(1);
    q.overflow = Some(OverflowKind::RejectPublish);
    q.dead_letter_exchange = Some("x".into());
    q.dead_letter_routing_key = Some("k".into());
    q.max_priority = Some(1);
    q.single_active_consumer = true;
    q.queue_type = crate::engine::QueueType::Quorum;
    q.delivery_limit = Some(1);
    q.dead_letter_strategy = Some(crate::engine::queue_args::DeadLetterStrategy::AtLeastOnce);
    q.max_age = Some("1h".into());
    q.stream_max_segment_size_bytes = Some(1);
    s.queues.push(q);
    let queue_args = sync::queue_declare(&s, "q").unwrap().arguments;
    let set: Vec<&str> = queue_args.iter().map(|(k, _)| k).collect();
    let listed: Vec<&str> = queue_fields().iter().map(|(k, _)| *k).collect();
    assert_eq!(set.len(), listed.len(), "{set:?} vs {listed:?}");
    assert!(set.iter().all(|k| listed.contains(k)), "{set:?} vs {listed:?}");
    let exchange_args = sync::exchange_declare(&s, "x").unwrap().arguments;
    let set: Vec<&str> = exchange_args.iter().map(|(k, _)| k).collect();
    assert_eq!(set, EXCHANGE_FIELDS.iter().map(|(k, _)| *k).collect::<Vec<_>>());
}

fn stream_scenario() -> Scenario {
    let s = QueueNode { durable: true, queue_type: crate::engine::QueueType::Stream, ..queue("s", "events") };
    let reader = |id: &str, offset: Option<&str>| ConsumerNode {
        stream_offset: offset.map(str::to_string),
        ..consumer(id, "s", 10, 10)
    };
    Scenario {
        queues: vec![s, queue("q", "tasks")],
        producers: vec![
            producer("p", DEFAULT_EXCHANGE_ID, "events", Schedule::Burst { count: 3, at_ms: 0 }),
            producer("w", DEFAULT_EXCHANGE_ID, "tasks", Schedule::Burst { count: 2, at_ms: 0 }),
        ],
        consumers: vec![reader("live", None), consumer("worker", "q", 1, 10)],
        ..Default::default()
    }
}

#[test]
fn stream_consumers_read_from_their_offset_and_acks_keep_the_messages() {
    let mut sim = Simulation::new(stream_scenario());
    sim.advance(1_000);
    assert_eq!(sim.broker().queue("events").unwrap().message_count(), 3, "acked, and still in the stream");
    let mut s = sim.scenario().clone();
    s.consumers.push(ConsumerNode { stream_offset: Some("first".into()), ..consumer("replay", "s", 10, 10) });
    s.consumers.push(ConsumerNode { stream_offset: Some("1".into()), ..consumer("from1", "s", 10, 10) });
    sim.take_events();
    sim.set_scenario(s);
    sim.advance(1_000);
    let offsets = |tag: &str, events: &[SimEvent]| -> Vec<i64> {
        events
            .iter()
            .filter_map(|e| match &e.event {
                Event::Delivered { consumer: Some(c), message, .. } if &**c == tag => {
                    message.properties.headers.as_ref()?.get("x-stream-offset")?.as_int()
                }
                _ => None,
            })
            .collect()
    };
    let events = sim.take_events();
    assert_eq!(offsets("replay", &events), [0, 1, 2]);
    assert_eq!(offsets("from1", &events), [1, 2]);
    assert!(offsets("live", &events).is_empty(), "live read them already");
}

#[test]
fn an_auto_ack_stream_consumer_is_refused_without_closing_the_playground() {
    let mut s = stream_scenario();
    s.consumers[0].ack = AckMode::Auto;
    let mut sim = Simulation::new(s);
    sim.advance(1_000);
    let e = sim.node_error("live").expect("refused");
    assert_eq!(e.code.code(), 540, "{e:?}");
    assert_eq!(
        sim.broker().queue("tasks").unwrap().ready.len(),
        0,
        "the worker on the playground's connection still works"
    );
}
