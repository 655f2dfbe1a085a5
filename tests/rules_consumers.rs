//! Consumer and channel rules beyond the recorded corpus: round robin,
//! prefetch (per consumer and global), no-ack, ack/nack/reject with
//! multiple and requeue, delivery tags, cancel, channel and connection
//! close, basic.get, exclusive consumers, duplicate tags, single active
//! consumer, consumer priorities, direct reply-to, and the events.
//!
//! Sources (RabbitMQ v3.10.x, deps/rabbit/src/): rabbit_queue_consumers.erl
//! (deliver/5, add/10, unblock/2, get_consumer/1), rabbit_amqqueue_process.erl
//! (basic_consume, basic_cancel, handle_ch_down, requeue_and_run),
//! rabbit_channel.erl (basic.consume, basic.qos, collect_acks), rabbit_limiter.erl.

mod common;
use common::*;
use serde_json::json;

fn bodies(s: &[Seen]) -> Vec<String> {
    s.iter().map(|d| d.body.clone()).collect()
}

fn publish_n(w: &mut World, q: &str, n: usize) {
    for i in 1..=n {
        w.publish("", q, &i.to_string());
    }
}

#[test]
fn round_robin_across_consumers() {
    let mut w = World::new();
    w.queue("q");
    w.consume("q", "a", 0, false);
    w.consume("q", "b", 0, false);
    w.consume("q", "c", 0, false);
    publish_n(&mut w, "q", 7);
    let s = w.seen();
    assert_eq!(World::bodies_for(&s, "a"), vec!["1", "4", "7"]);
    assert_eq!(World::bodies_for(&s, "b"), vec!["2", "5"]);
    assert_eq!(World::bodies_for(&s, "c"), vec!["3", "6"]);
}

#[test]
fn backlog_is_shared_round_robin_when_consumers_arrive() {
    let mut w = World::new();
    w.queue("q");
    publish_n(&mut w, "q", 4);
    w.consume("q", "a", 0, false);
    let s = w.seen();
    assert_eq!(World::bodies_for(&s, "a"), vec!["1", "2", "3", "4"], "the first consumer takes the whole backlog");
}

#[test]
fn prefetch_limits_each_consumer_and_skipped_consumers_rejoin_at_the_tail() {
    let mut w = World::new();
    w.queue("q");
    let a = w.consume("q", "a", 1, false);
    let _b = w.consume("q", "b", 2, false);
    publish_n(&mut w, "q", 6);
    let s = w.seen();
    assert_eq!(World::bodies_for(&s, "a"), vec!["1"]);
    assert_eq!(World::bodies_for(&s, "b"), vec!["2", "3"]);
    assert_eq!(w.ready("q"), vec!["4", "5", "6"]);
    assert_eq!(w.b.queue("q").unwrap().unacked, 3);
    // Acking a's message frees one slot: a gets the next one.
    w.b.basic_ack(a, s[0].tag, false).unwrap();
    assert_eq!(bodies(&w.seen()), vec!["4"]);
}

#[test]
fn no_ack_consumers_ignore_prefetch() {
    let mut w = World::new();
    w.queue("q");
    w.consume("q", "fast", 1, true);
    publish_n(&mut w, "q", 5);
    let s = w.seen();
    assert_eq!(s.len(), 5);
    assert!(s.iter().all(|d| d.auto_ack));
    assert_eq!(w.b.queue("q").unwrap().unacked, 0);
    let ev = w.b.take_events();
    assert!(ev.is_empty());
}

#[test]
fn global_prefetch_is_shared_by_the_channels_consumers() {
    let mut w = World::new();
    w.queue("q1");
    w.queue("q2");
    let ch = w.b.open_channel(w.conn).unwrap();
    w.b.basic_qos(ch, 3, true).unwrap();
    for (q, tag) in [("q1", "c1"), ("q2", "c2")] {
        w.b.basic_consume(ch, ConsumeOptions { queue: q.into(), consumer_tag: tag.into(), ..Default::default() })
            .unwrap();
    }
    publish_n(&mut w, "q1", 5);
    publish_n(&mut w, "q2", 5);
    let s = w.seen();
    assert_eq!(s.len(), 3, "3 unacked at most on the channel");
    w.b.basic_ack(ch, 0, true).unwrap();
    assert_eq!(w.seen().len(), 3);
}

#[test]
fn qos_without_global_lifts_the_global_limit() {
    // rabbit_channel basic.qos global=false calls
    // rabbit_limiter:unlimit_prefetch before setting the consumer prefetch.
    let mut w = World::new();
    w.queue("q");
    let ch = w.b.open_channel(w.conn).unwrap();
    w.b.basic_qos(ch, 1, true).unwrap();
    w.b.basic_qos(ch, 0, false).unwrap();
    w.b.basic_consume(ch, ConsumeOptions { queue: "q".into(), consumer_tag: "c".into(), ..Default::default() })
        .unwrap();
    publish_n(&mut w, "q", 3);
    assert_eq!(w.seen().len(), 3);
}

#[test]
fn prefetch_is_taken_at_consume_time() {
    let mut w = World::new();
    w.queue("q");
    let ch = w.b.open_channel(w.conn).unwrap();
    w.b.basic_qos(ch, 1, false).unwrap();
    w.b.basic_consume(ch, ConsumeOptions { queue: "q".into(), consumer_tag: "c".into(), ..Default::default() })
        .unwrap();
    w.b.basic_qos(ch, 10, false).unwrap(); // affects later consumers only
    publish_n(&mut w, "q", 3);
    assert_eq!(w.seen().len(), 1);
}

#[test]
fn ack_multiple_and_delivery_tags() {
    let mut w = World::new();
    w.queue("q");
    let c = w.consume("q", "c", 0, false);
    publish_n(&mut w, "q", 4);
    let s = w.seen();
    assert_eq!(s.iter().map(|d| d.tag).collect::<Vec<_>>(), vec![1, 2, 3, 4], "tags count from 1 per channel");
    w.b.basic_ack(c, 3, true).unwrap();
    assert_eq!(w.b.channel(c).unwrap().unacked.keys().copied().collect::<Vec<_>>(), vec![4]);
    // Double ack: unknown delivery tag, 406, channel closed.
    let e = w.b.basic_ack(c, 2, false).unwrap_err();
    assert_eq!(e.code.code(), 406);
    assert_eq!(e.text, "PRECONDITION_FAILED - unknown delivery tag 2");
    assert!(!w.b.is_channel_open(c));
    // Its consumer went with it and the unacked "4" is back.
    assert_eq!(w.b.queue("q").unwrap().consumer_count(), 0);
    assert_eq!(w.ready("q"), vec!["4"]);
}

#[test]
fn tag_zero_multiple_settles_all_but_alone_is_unknown() {
    let mut w = World::new();
    w.queue("q");
    let c = w.consume("q", "c", 0, false);
    publish_n(&mut w, "q", 3);
    w.seen();
    w.b.basic_nack(c, 0, true, false).unwrap();
    assert!(w.b.channel(c).unwrap().unacked.is_empty());
    assert_eq!(code(w.b.basic_ack(c, 0, false)), 406);
    // An ack beyond every outstanding tag is unknown too.
    let c = w.consume("q", "c2", 0, false);
    publish_n(&mut w, "q", 2);
    assert_eq!(code(w.b.basic_ack(c, 99, true)), 406);
}

#[test]
fn delivery_tags_are_per_channel_and_never_reused() {
    let mut w = World::new();
    w.queue("q");
    let ch = w.ch();
    publish_n(&mut w, "q", 3);
    let g1 = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    w.b.basic_reject(ch, g1.delivery_tag, true).unwrap();
    let g2 = w.b.basic_get(ch, "q", true).unwrap().unwrap();
    let g3 = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    assert_eq!((g1.delivery_tag, g2.delivery_tag, g3.delivery_tag), (1, 2, 3), "auto-ack gets use tags too");
    assert!(g2.redelivered);
    let other = w.b.open_channel(w.conn).unwrap();
    let g = w.b.basic_get(other, "q", false).unwrap().unwrap();
    assert_eq!(g.delivery_tag, 1);
}

#[test]
fn requeue_goes_back_to_the_original_position_redelivered() {
    let mut w = World::new();
    w.queue("q");
    publish_n(&mut w, "q", 5);
    let ch = w.ch();
    let g1 = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    let g2 = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    let g3 = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    // Requeue out of order: 3, then 1; positions follow the original order.
    w.b.basic_reject(ch, g3.delivery_tag, true).unwrap();
    w.b.basic_nack(ch, g1.delivery_tag, false, true).unwrap();
    assert_eq!(w.ready("q"), vec!["1", "3", "4", "5"]);
    let q = w.b.queue("q").unwrap();
    let flags: Vec<bool> = q.ready.iter().map(|m| m.redelivered).collect();
    assert_eq!(flags, vec![true, true, false, false]);
    w.b.basic_ack(ch, g2.delivery_tag, false).unwrap();
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::Requeued { .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::Removed { reason: RemovalReason::Acked, .. })));
}

#[test]
fn nack_multiple_requeue_keeps_order() {
    let mut w = World::new();
    w.queue("q");
    let c = w.consume("q", "c", 3, false);
    publish_n(&mut w, "q", 5);
    let s = w.seen();
    assert_eq!(bodies(&s), vec!["1", "2", "3"]);
    w.b.basic_cancel(c, "c").unwrap();
    w.b.basic_nack(c, 2, true, true).unwrap();
    assert_eq!(w.ready("q"), vec!["1", "2", "4", "5"]);
}

#[test]
fn reject_without_requeue_discards_or_dead_letters() {
    let mut w = World::new();
    w.queue("plain");
    w.publish("", "plain", "m");
    let ch = w.ch();
    let g = w.b.basic_get(ch, "plain", false).unwrap().unwrap();
    w.b.basic_reject(ch, g.delivery_tag, false).unwrap();
    assert!(w.ready("plain").is_empty());
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::Removed { reason: RemovalReason::Rejected, .. })));
}

#[test]
fn cancel_keeps_unacked_and_close_requeues_them() {
    let mut w = World::new();
    w.queue("q");
    let c = w.consume("q", "c", 0, false);
    publish_n(&mut w, "q", 3);
    let s = w.seen();
    w.b.basic_ack(c, s[0].tag, false).unwrap();
    w.b.basic_cancel(c, "c").unwrap();
    assert_eq!(w.b.channel(c).unwrap().unacked.len(), 2, "cancel does not requeue");
    publish_n(&mut w, "q", 1);
    assert!(w.seen().is_empty(), "no new deliveries after cancel");
    // Acks still work after cancel.
    w.b.basic_ack(c, s[1].tag, false).unwrap();
    w.b.close_channel(c);
    assert_eq!(w.ready("q"), vec!["3", "1"], "'3' back at its original position, before the newer '1'");
    assert!(w.b.queue("q").unwrap().ready.iter().next().unwrap().redelivered);
    // Cancelling an unknown tag is fine.
    let ch = w.ch();
    w.b.basic_cancel(ch, "nobody").unwrap();
    assert!(w.b.is_channel_open(ch));
}

#[test]
fn connection_close_requeues_and_other_consumers_get_the_messages() {
    let mut w = World::new();
    w.queue("q");
    let (conn, ch) = w.connect("worker");
    w.b.basic_consume(ch, ConsumeOptions { queue: "q".into(), consumer_tag: "w".into(), ..Default::default() })
        .unwrap();
    publish_n(&mut w, "q", 2);
    w.seen();
    w.consume("q", "other", 0, false);
    w.b.close_connection(conn);
    let s = w.seen();
    assert_eq!(World::bodies_for(&s, "other"), vec!["1", "2"]);
    assert!(s.iter().all(|d| d.redelivered));
    assert!(!w.b.is_channel_open(ch));
}

#[test]
fn basic_get_ignores_prefetch_and_reports_message_count() {
    let mut w = World::new();
    w.queue("q");
    publish_n(&mut w, "q", 3);
    let ch = w.b.open_channel(w.conn).unwrap();
    w.b.basic_qos(ch, 1, true).unwrap();
    let a = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    let b = w.b.basic_get(ch, "q", false).unwrap().unwrap();
    assert_eq!((a.message_count, b.message_count), (2, 1));
    assert_eq!(&*b.message.body, "2");
    let c = w.b.basic_get(ch, "q", true).unwrap().unwrap();
    assert_eq!(c.message_count, 0);
    assert!(w.b.basic_get(ch, "q", true).unwrap().is_none(), "get-empty");
    assert_eq!(code(w.b.basic_get(ch, "missing", true)), 404);
}

#[test]
fn exclusive_consumer_rules() {
    let mut w = World::new();
    w.queue("q");
    let ch = w.b.open_channel(w.conn).unwrap();
    w.b.basic_consume(
        ch,
        ConsumeOptions { queue: "q".into(), consumer_tag: "x".into(), exclusive: true, ..Default::default() },
    )
    .unwrap();
    let other = w.b.open_channel(w.conn).unwrap();
    let e = w.b.basic_consume(other, ConsumeOptions { queue: "q".into(), ..Default::default() }).unwrap_err();
    assert_eq!(e.code.code(), 403);
    assert_eq!(e.text, "ACCESS_REFUSED - queue 'q' in vhost '/' in exclusive use");
    // After the exclusive consumer leaves, others may consume...
    w.b.basic_cancel(ch, "x").unwrap();
    w.consume("q", "plain", 0, false);
    // ...but an exclusive consume with consumers present is refused.
    let third = w.b.open_channel(w.conn).unwrap();
    let e = w.b.basic_consume(third, ConsumeOptions { queue: "q".into(), exclusive: true, ..Default::default() });
    assert_eq!(code(e), 403);
}

#[test]
fn duplicate_consumer_tag_is_530_and_closes_the_connection() {
    let mut w = World::new();
    w.queue("q");
    let ch = w.ch();
    let extra = w.b.open_channel(w.conn).unwrap();
    w.b.basic_consume(ch, ConsumeOptions { queue: "q".into(), consumer_tag: "t".into(), ..Default::default() })
        .unwrap();
    let e =
        w.b.basic_consume(ch, ConsumeOptions { queue: "q".into(), consumer_tag: "t".into(), ..Default::default() })
            .unwrap_err();
    assert_eq!(e.code.code(), 530);
    assert_eq!(e.text, "NOT_ALLOWED - attempt to reuse consumer tag 't'");
    assert!(!w.b.is_connection_open(w.conn));
    assert!(!w.b.is_channel_open(extra));
    assert_eq!(w.b.queue("q").unwrap().consumer_count(), 0);
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::ConnectionClosed { error: Some(_), .. })));
    // The same tag on another channel is fine.
    let (_, c1) = w.connect("a");
    let c2 = w.b.open_channel(w.b.channel(c1).unwrap().connection).unwrap();
    for c in [c1, c2] {
        w.b.basic_consume(c, ConsumeOptions { queue: "q".into(), consumer_tag: "same".into(), ..Default::default() })
            .unwrap();
    }
}

#[test]
fn server_generated_consumer_tags() {
    let mut w = World::new();
    w.queue("q");
    let ch = w.ch();
    let tag = w.b.basic_consume(ch, ConsumeOptions { queue: "q".into(), ..Default::default() }).unwrap();
    assert!(tag.starts_with("amq.ctag-") && tag.len() == "amq.ctag-".len() + 22, "{tag}");
}

#[test]
fn consumer_priority_serves_higher_first_and_round_robins_within() {
    let mut w = World::new();
    w.queue("q");
    let mk = |w: &mut World, tag: &str, p: i64, prefetch: u16| {
        let ch = w.b.open_channel(w.conn).unwrap();
        w.b.basic_qos(ch, prefetch, false).unwrap();
        w.b.basic_consume(
            ch,
            ConsumeOptions {
                queue: "q".into(),
                consumer_tag: tag.into(),
                arguments: t(json!({"x-priority": p})),
                ..Default::default()
            },
        )
        .unwrap();
        ch
    };
    mk(&mut w, "low", 0, 0);
    mk(&mut w, "high1", 10, 2);
    mk(&mut w, "high2", 10, 2);
    publish_n(&mut w, "q", 7);
    let s = w.seen();
    assert_eq!(World::bodies_for(&s, "high1"), vec!["1", "3"]);
    assert_eq!(World::bodies_for(&s, "high2"), vec!["2", "4"]);
    assert_eq!(World::bodies_for(&s, "low"), vec!["5", "6", "7"], "low gets what the blocked high ones cannot take");
    // x-priority must be an integer.
    let ch = w.b.open_channel(w.conn).unwrap();
    let e = w.b.basic_consume(
        ch,
        ConsumeOptions { queue: "q".into(), arguments: t(json!({"x-priority": "high"})), ..Default::default() },
    );
    assert_eq!(code(e), 406);
}

#[test]
fn single_active_consumer_failover_and_exclusive_refused() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-single-active-consumer": true})).unwrap();
    let a = w.consume("q", "a", 0, false);
    let _b = w.consume("q", "b", 0, false);
    publish_n(&mut w, "q", 3);
    let s = w.seen();
    assert_eq!(World::bodies_for(&s, "a"), vec!["1", "2", "3"]);
    // The active one leaves with unacked messages: they are requeued on
    // channel close and go to the next consumer.
    w.b.close_channel(a);
    let s = w.seen();
    assert_eq!(World::bodies_for(&s, "b"), vec!["1", "2", "3"]);
    // Exclusive consume on a single-active-consumer queue: always refused
    // (rabbit_amqqueue_process basic_consume: exclusive_consume_unavailable).
    w.queue_args("sac2", json!({"x-single-active-consumer": true})).unwrap();
    let ch = w.b.open_channel(w.conn).unwrap();
    let e = w.b.basic_consume(ch, ConsumeOptions { queue: "sac2".into(), exclusive: true, ..Default::default() });
    assert_eq!(code(e), 403);
}

#[test]
fn single_active_consumer_successor_by_priority() {
    let mut w = World::new();
    w.queue_args("q", json!({"x-single-active-consumer": true})).unwrap();
    let mk = |w: &mut World, tag: &str, p: i64| {
        let ch = w.b.open_channel(w.conn).unwrap();
        w.b.basic_consume(
            ch,
            ConsumeOptions {
                queue: "q".into(),
                consumer_tag: tag.into(),
                arguments: t(json!({"x-priority": p})),
                ..Default::default()
            },
        )
        .unwrap();
        ch
    };
    let first = mk(&mut w, "first", 0);
    mk(&mut w, "second", 0);
    mk(&mut w, "vip", 5);
    w.publish("", "q", "m1");
    assert_eq!(
        World::bodies_for(&w.seen(), "first"),
        vec!["m1"],
        "the first stays active even with a higher priority waiting"
    );
    w.b.basic_cancel(first, "first").unwrap();
    w.publish("", "q", "m2");
    assert_eq!(World::bodies_for(&w.seen(), "vip"), vec!["m2"], "successor: highest priority");
}

#[test]
fn error_closes_the_channel_and_later_commands_fail() {
    let mut w = World::new();
    let ch = w.ch();
    let e = w.b.basic_get(ch, "missing", true).unwrap_err();
    assert_eq!(e.code.code(), 404);
    let ev = w.b.take_events();
    assert!(ev.iter().any(|e| matches!(e, Event::Error { .. })));
    assert!(ev.iter().any(|e| matches!(e, Event::ChannelClosed { error: Some(_), .. })));
    for r in [
        w.b.queue_declare(ch, QueueDeclare::new("q")).map(|_| ()),
        w.b.basic_qos(ch, 1, false),
        w.b.basic_ack(ch, 1, false),
        w.b.confirm_select(ch),
    ] {
        assert_eq!(r.unwrap_err().code.code(), 504);
    }
    assert!(w.b.open_channel(w.conn).is_ok(), "the connection is still usable");
}

#[test]
fn direct_reply_to() {
    let mut w = World::new();
    w.queue("rpc");
    let client = w.b.open_channel(w.conn).unwrap();
    // Without the pseudo-consumer, reply_to amq.rabbitmq.reply-to is 406.
    let e = w.b.basic_publish(
        client,
        Publish {
            routing_key: "rpc".into(),
            properties: Properties { reply_to: Some("amq.rabbitmq.reply-to".into()), ..Default::default() },
            ..Default::default()
        },
    );
    assert_eq!(code(e), 406);
    let client = w.b.open_channel(w.conn).unwrap();
    // It must be no-ack.
    let e = w.b.basic_consume(client, ConsumeOptions { queue: "amq.rabbitmq.reply-to".into(), ..Default::default() });
    let e = e.unwrap_err();
    assert_eq!(e.text, "PRECONDITION_FAILED - reply consumer cannot acknowledge");
    let client = w.b.open_channel(w.conn).unwrap();
    w.b.basic_consume(
        client,
        ConsumeOptions {
            queue: "amq.rabbitmq.reply-to".into(),
            no_ack: true,
            consumer_tag: "rt".into(),
            ..Default::default()
        },
    )
    .unwrap();
    w.b.basic_publish(
        client,
        Publish {
            routing_key: "rpc".into(),
            properties: Properties {
                reply_to: Some("amq.rabbitmq.reply-to".into()),
                correlation_id: Some("c-1".into()),
                ..Default::default()
            },
            body: "question".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let ch = w.ch();
    let req = w.b.basic_get(ch, "rpc", true).unwrap().unwrap();
    let reply_to = req.message.properties.reply_to.clone().unwrap();
    assert!(reply_to.starts_with("amq.rabbitmq.reply-to."), "{reply_to}");
    assert_eq!(req.message.properties.correlation_id.as_deref(), Some("c-1"), "carried untouched");
    w.b.take_events();
    w.publish("", &reply_to, "answer");
    let s = w.seen();
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].channel, s[0].body.as_str(), s[0].consumer.as_deref()), (client, "answer", Some("rt")));
    // A regular consumer may reuse the reply consumer's tag on that channel
    // (rabbit_channel checks consumer_mapping only).
    w.b.basic_consume(client, ConsumeOptions { queue: "rpc".into(), consumer_tag: "rt".into(), ..Default::default() })
        .unwrap();
}

#[test]
fn events_for_a_consumer_lifecycle() {
    let mut w = World::new();
    w.queue("q");
    w.b.take_events();
    let c = w.consume("q", "c", 0, false);
    w.publish("", "q", "m");
    w.b.basic_nack(c, 1, false, true).unwrap();
    w.b.basic_ack(c, 2, false).unwrap();
    w.b.basic_cancel(c, "c").unwrap();
    let names: Vec<&'static str> =
        w.b.take_events()
            .iter()
            .map(|e| match e {
                Event::ChannelOpened { .. } => "channel-opened",
                Event::ConsumerAdded { .. } => "consumer-added",
                Event::Published { .. } => "published",
                Event::Routed { .. } => "routed",
                Event::Enqueued { .. } => "enqueued",
                Event::Delivered { .. } => "delivered",
                Event::Requeued { .. } => "requeued",
                Event::Removed { reason: RemovalReason::Acked, .. } => "acked",
                Event::ConsumerCancelled { .. } => "cancelled",
                _ => "other",
            })
            .collect();
    assert_eq!(
        names,
        vec![
            "channel-opened",
            "consumer-added",
            "published",
            "routed",
            "enqueued",
            "delivered",
            "requeued",
            "delivered",
            "acked",
            "cancelled"
        ]
    );
}

#[test]
fn deterministic_events() {
    let run = || {
        let mut w = World::new();
        w.queue("");
        w.queue_args("q", json!({"x-message-ttl": 50, "x-max-length": 3})).unwrap();
        w.consume("q", "", 2, false);
        publish_n(&mut w, "q", 10);
        w.b.advance(100);
        format!("{:?}", w.b.take_events())
    };
    assert_eq!(run(), run());
}
