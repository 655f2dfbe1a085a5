//! Quorum queues and streams: rules checked against a RabbitMQ 3.10.8 node
//! (beyond the recorded corpus): when reject-publish refuses and takes
//! publishes again, where requeued messages go, what a restart keeps,
//! stream offsets and credit, and what each type refuses.

mod common;

use common::*;
use serde_json::json;

fn quorum(w: &mut World, name: &str, extra: serde_json::Value) {
    let mut args = json!({"x-queue-type": "quorum"});
    args.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    w.declare(QueueDeclare { queue: name.into(), durable: true, arguments: t(args), ..Default::default() }).unwrap();
}

fn stream(w: &mut World, name: &str, extra: serde_json::Value) {
    let mut args = json!({"x-queue-type": "stream"});
    args.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    w.declare(QueueDeclare { queue: name.into(), durable: true, arguments: t(args), ..Default::default() }).unwrap();
}

fn nacked(w: &mut World, queue: &str, body: &str) -> bool {
    w.publish("", queue, body).nacked
}

fn delivery_count(m: &Message) -> Option<i64> {
    m.properties.headers.as_ref()?.get("x-delivery-count")?.as_int()
}

fn stream_consumer(w: &mut World, queue: &str, tag: &str, prefetch: u16, offset: FieldValue) -> ChannelId {
    let ch = w.b.open_channel(w.conn).unwrap();
    w.b.basic_qos(ch, prefetch, false).unwrap();
    let mut arguments = FieldTable::new();
    arguments.insert("x-stream-offset", offset);
    w.b.basic_consume(
        ch,
        ConsumeOptions { queue: queue.into(), consumer_tag: tag.into(), arguments, ..Default::default() },
    )
    .unwrap();
    ch
}

fn offsets(seen: &[Seen]) -> Vec<(String, i64)> {
    seen.iter()
        .map(|s| {
            (
                s.body.clone(),
                s.message.properties.headers.as_ref().unwrap().get("x-stream-offset").unwrap().as_int().unwrap(),
            )
        })
        .collect()
}

#[test]
fn reject_publish_refuses_once_over_the_limit_and_takes_again_at_80_percent() {
    let mut w = World::new();
    quorum(&mut w, "qr", json!({"x-max-length": 5, "x-overflow": "reject-publish"}));
    let refused: Vec<bool> = (0..8).map(|i| nacked(&mut w, "qr", &format!("m{i}"))).collect();
    assert_eq!(refused, [false, false, false, false, false, false, true, true], "six go in (over 5), then refused");
    assert_eq!(w.get("qr").as_deref(), Some("m0"));
    assert!(nacked(&mut w, "qr", "a0"), "5 ready is not under 80% of 5");
    assert_eq!(w.get("qr").as_deref(), Some("m1"));
    assert!(!nacked(&mut w, "qr", "a1"), "4 ready: taken again");
    assert!(!nacked(&mut w, "qr", "a2"), "5 ready is not over the limit");
    assert_eq!(w.drain("qr"), ["m2", "m3", "m4", "m5", "a1", "a2"]);
}

#[test]
fn a_nacked_message_goes_to_the_tail_and_a_closed_channels_to_the_head() {
    let mut w = World::new();
    quorum(&mut w, "q", json!({}));
    for b in ["t1", "t2", "t3", "t4"] {
        w.publish("", "q", b);
    }
    let ch = w.ch();
    let t1 = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    let t2 = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    assert_eq!(delivery_count(&t1.message), Some(0), "basic.get always carries x-delivery-count");
    w.b.basic_reject(ch, t2.delivery_tag, true).unwrap();
    assert_eq!(w.ready("q"), ["t3", "t4", "t2"]);
    let consumer = w.consume("q", "c", 2, false);
    let seen = w.seen();
    assert_eq!(World::bodies_for(&seen, "c"), ["t3", "t4"]);
    w.b.close_channel(consumer);
    assert_eq!(w.ready("q"), ["t3", "t4", "t2"], "a closed channel's messages go first, in delivery order");
    let ch = w.ch();
    let got = w.b.basic_get(ch, "q", true).unwrap().unwrap();
    assert_eq!((got.message.body.as_ref(), got.redelivered, delivery_count(&got.message)), ("t3", true, Some(1)));
    let _ = t1;
}

#[test]
fn a_restart_keeps_every_message_of_a_quorum_queue_and_counts_the_return() {
    let mut w = World::new();
    quorum(&mut w, "q", json!({}));
    w.publish("", "q", "t1");
    w.publish_with("", "q", "t2", persistent(), false).unwrap();
    w.publish("", "q", "t3");
    w.consume("q", "c", 1, false);
    w.b.restart();
    let ch = w.ch();
    let first = w.b.basic_get(ch, "q", true).unwrap().unwrap();
    assert_eq!((first.message.body.as_ref(), first.redelivered, delivery_count(&first.message)), ("t1", true, Some(1)));
    assert_eq!(w.drain("q"), ["t2", "t3"], "transient messages survive in a quorum queue");
}

#[test]
fn delivery_limit_dead_letters_when_a_closed_channel_returns_it_too() {
    let mut w = World::new();
    w.exchange("dlx", ExchangeType::Fanout);
    w.queue("dead");
    w.bind("dead", "dlx", "");
    quorum(&mut w, "q", json!({"x-delivery-limit": 0, "x-dead-letter-exchange": "dlx"}));
    w.publish("", "q", "p");
    let c = w.consume("q", "c", 1, false);
    w.b.close_channel(c);
    let ch = w.ch();
    let dead = w.b.basic_get(ch, "dead", true).unwrap().unwrap();
    assert_eq!(header_str(&dead.message, "x-first-death-reason").as_deref(), Some("delivery_limit"));
    assert_eq!(delivery_count(&dead.message), None, "the dead letter does not carry x-delivery-count");
    assert!(w.drain("q").is_empty());
}

#[test]
fn a_quorum_queue_ignores_exclusive_consumers() {
    let mut w = World::new();
    quorum(&mut w, "q", json!({}));
    let ch = w.b.open_channel(w.conn).unwrap();
    w.b.basic_consume(ch, ConsumeOptions { queue: "q".into(), exclusive: true, ..Default::default() }).unwrap();
    w.consume("q", "second", 0, false);
    assert_eq!(w.b.queue("q").unwrap().consumer_count(), 2);
}

#[test]
fn what_quorum_queues_refuse() {
    let mut w = World::new();
    quorum(&mut w, "qg", json!({}));
    let ch = w.ch();
    w.b.basic_qos(ch, 3, true).unwrap();
    let e = w.b.basic_consume(ch, ConsumeOptions { queue: "qg".into(), ..Default::default() }).unwrap_err();
    assert_eq!(e.text, "NOT_IMPLEMENTED - queue 'qg' in vhost '/' does not support global qos");
    let ch = w.ch();
    let e = w.b.queue_delete(ch, "qg", false, true).unwrap_err();
    assert_eq!(e.code.code(), 540);
    assert!(e.text.contains("if-empty flag set are not supported by quorum queues"), "{}", e.text);
    let ch = w.ch();
    let mut arguments = FieldTable::new();
    arguments.insert("x-stream-offset", FieldValue::from("first"));
    let e = w.b.basic_consume(ch, ConsumeOptions { queue: "qg".into(), arguments, ..Default::default() }).unwrap_err();
    assert!(e
        .text
        .ends_with("invalid arg 'x-stream-offset' for queue 'qg' in vhost '/' of queue type rabbit_quorum_queue"));
    let e = w.declare(QueueDeclare {
        queue: "qt".into(),
        arguments: t(json!({"x-queue-type": "quorum"})),
        ..Default::default()
    });
    assert_eq!(e.unwrap_err().text, "PRECONDITION_FAILED - invalid property 'non-durable' for queue 'qt' in vhost '/'");
}

#[test]
fn stream_offsets_first_last_next_number_and_time() {
    let mut w = World::new();
    stream(&mut w, "s", json!({}));
    for b in ["s0", "s1", "s2", "s3"] {
        w.publish("", "s", b);
    }
    w.b.advance(10_000);
    w.publish("", "s", "s4");
    let cases = [
        (FieldValue::from("last"), vec![("s4", 4)]),
        (FieldValue::from("next"), vec![]),
        (FieldValue::Int(2), vec![("s2", 2), ("s3", 3), ("s4", 4)]),
        (FieldValue::Int(10), vec![]),
        (FieldValue::Int(-1), vec![]),
        (FieldValue::from("5s"), vec![("s4", 4)]),
        (FieldValue::Timestamp(0), vec![("s0", 0), ("s1", 1), ("s2", 2), ("s3", 3), ("s4", 4)]),
    ];
    for (spec, expected) in cases {
        w.seen();
        let ch = stream_consumer(&mut w, "s", "r", 10, spec.clone());
        let got = offsets(&w.seen());
        let expected: Vec<(String, i64)> = expected.into_iter().map(|(b, o)| (b.to_string(), o)).collect();
        assert_eq!(got, expected, "{spec:?}");
        w.b.close_channel(ch);
    }
}

#[test]
fn a_stream_consumer_reads_as_far_as_its_credit_and_acks_remove_nothing() {
    let mut w = World::new();
    stream(&mut w, "s", json!({}));
    for b in ["s0", "s1", "s2", "s3"] {
        w.publish("", "s", b);
    }
    let ch = stream_consumer(&mut w, "s", "r", 2, FieldValue::from("first"));
    let seen = w.seen();
    assert_eq!(World::bodies_for(&seen, "r"), ["s0", "s1"]);
    w.b.basic_ack(ch, seen[0].tag, false).unwrap();
    assert_eq!(World::bodies_for(&w.seen(), "r"), ["s2"]);
    w.b.basic_ack(ch, 0, true).unwrap();
    assert_eq!(World::bodies_for(&w.seen(), "r"), ["s3"]);
    assert_eq!(w.b.queue("s").unwrap().message_count(), 4, "acks remove nothing from a stream");
    let e = w.b.basic_nack(ch, 4, false, true).unwrap_err();
    assert_eq!(
        e.text,
        "NOT_IMPLEMENTED - basic.nack and basic.reject not supported by stream queues queue 's' in vhost '/'"
    );
    assert!(!w.b.is_connection_open(w.conn), "540 closes the connection");
}

#[test]
fn what_streams_refuse() {
    let mut w = World::new();
    stream(&mut w, "s", json!({}));
    let ch = w.ch();
    let e = w.b.queue_purge(ch, "s").unwrap_err();
    assert_eq!(e.text, "NOT_IMPLEMENTED - queue.purge not supported by stream queues queue 's' in vhost '/'");
    let ch = w.ch();
    w.b.basic_qos(ch, 1, false).unwrap();
    let mut arguments = FieldTable::new();
    arguments.insert("x-priority", FieldValue::Int(3));
    let e = w.b.basic_consume(ch, ConsumeOptions { queue: "s".into(), arguments, ..Default::default() }).unwrap_err();
    assert!(e.text.ends_with("of queue type rabbit_stream_queue"), "{}", e.text);
    let ch = w.ch();
    w.b.basic_qos(ch, 1, false).unwrap();
    let mut arguments = FieldTable::new();
    arguments.insert("x-stream-offset", FieldValue::from("soon"));
    let e = w.b.basic_consume(ch, ConsumeOptions { queue: "s".into(), arguments, ..Default::default() }).unwrap_err();
    assert_eq!((e.code.code(), e.text.as_str()), (541, "INTERNAL_ERROR"));
    let e = w.queue_args("s-ttl", json!({"x-queue-type": "stream", "x-message-ttl": 5}));
    assert!(e.unwrap_err().text.ends_with("of queue type rabbit_stream_queue"));
}

#[test]
fn stream_retention_removes_whole_segments() {
    let mut w = World::new();
    stream(&mut w, "s", json!({"x-max-length-bytes": 4, "x-stream-max-segment-size-bytes": 2}));
    for b in ["a1", "b2", "c3", "d4"] {
        w.publish("", "s", b);
    }
    // One 2-byte message fills a segment: [a1] [b2] [c3]. Retention runs
    // when a segment starts: at the fourth the stream holds 6 bytes (over
    // 4), so whole old segments go until it is not: [a1] goes.
    let log = w.b.queue("s").unwrap().stream.clone().unwrap();
    assert_eq!(log.iter().map(|e| e.message.body.to_string()).collect::<Vec<_>>(), ["b2", "c3", "d4"]);
    assert_eq!(log.first_offset(), 1);
}
