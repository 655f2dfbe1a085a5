//! What the message dialog shows about a message: its properties and
//! headers as text rows, and where its copies are now, in words (in the
//! language the dialog is drawn in).

use crate::engine::{FieldValue, Message};
use crate::i18n::Lang;
use crate::simulation::Simulation;

/// A header shown in the dialog: its name, its value as text and its AMQP type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderRow {
    /// The header's name.
    pub name: String,
    /// Its value, as text ([`value_text`]).
    pub value: String,
    /// Its AMQP field type (`longstr`, `signedint`, ...).
    pub type_name: &'static str,
}

/// A header value as text: strings as they are (an empty one said so),
/// everything else as the engine writes it.
pub fn value_text(v: &FieldValue, lang: Lang) -> String {
    match v {
        FieldValue::Str(s) if s.is_empty() => t!(lang, "log-value-empty"),
        FieldValue::Str(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The properties table: exchange, routing key, CC keys (when there are
/// any), delivery mode, then each property that is set.
pub fn property_rows(m: &Message, lang: Lang) -> Vec<(String, String)> {
    let p = &m.properties;
    let exchange = if m.exchange.is_empty() { t!(lang, "log-prop-default-exchange") } else { m.exchange.to_string() };
    let mut rows: Vec<(String, String)> = vec![
        (t!(lang, "log-prop-exchange"), exchange),
        (t!(lang, "log-prop-routing-key"), format!("\"{}\"", m.routing_key)),
    ];
    if !m.extra_routing_keys.is_empty() {
        rows.push((t!(lang, "log-prop-cc"), m.extra_routing_keys.join(", ")));
    }
    rows.push(("delivery_mode".into(), delivery_mode_text(p.delivery_mode, lang)));
    for (k, v) in [
        ("expiration", p.expiration.clone()),
        ("priority", p.priority.map(|v| v.to_string())),
        ("reply_to", p.reply_to.clone()),
        ("correlation_id", p.correlation_id.clone()),
        ("message_id", p.message_id.clone()),
        ("content_type", p.content_type.clone()),
    ] {
        if let Some(v) = v {
            rows.push((k.into(), v));
        }
    }
    rows
}

/// The delivery mode in words.
fn delivery_mode_text(mode: Option<u8>, lang: Lang) -> String {
    match mode {
        Some(2) => t!(lang, "log-mode-persistent"),
        Some(1) => t!(lang, "log-mode-transient"),
        Some(n) => n.to_string(),
        None => t!(lang, "log-mode-unset"),
    }
}

/// The headers table, `x-death` left out (it is spelled out on its own).
pub fn header_rows(m: &Message, lang: Lang) -> Vec<HeaderRow> {
    let Some(headers) = &m.properties.headers else { return Vec::new() };
    headers
        .iter()
        .filter(|(k, _)| *k != "x-death")
        .map(|(k, v)| HeaderRow { name: k.to_string(), value: value_text(v, lang), type_name: v.type_name() })
        .collect()
}

/// Where the message's copies are now, in words: ready in a queue (at
/// which position), or delivered to a consumer and not acked yet.
pub fn whereabouts(sim: &Simulation, m: &Message, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for q in sim.broker().queues() {
        for (i, c) in q.ready.iter().enumerate() {
            if c.message.id == m.id {
                let at =
                    msg!("log-where-ready", queue = &q.name, position = i + 1, redelivered = u8::from(c.redelivered));
                out.push(at.render(lang));
            }
        }
    }
    for ch in sim.broker().channels() {
        for (tag, u) in &ch.unacked {
            if u.message.message.id == m.id {
                let who = sim
                    .node_for_channel(ch.id)
                    .and_then(|id| sim.scenario().consumer(id))
                    .map(|c| c.name.clone())
                    .or_else(|| u.consumer.as_deref().map(str::to_string))
                    .unwrap_or_else(|| t!(lang, "log-a-consumer"));
                out.push(msg!("log-where-unacked", queue = &u.queue, who = who, tag = *tag).render(lang));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::*;

    fn work_queue() -> Scenario {
        let queue = QueueNode { id: "q".into(), name: "tasks".into(), ..Default::default() };
        let consumer = |id: &str, processing_ms| ConsumerNode {
            id: id.into(),
            name: id.into(),
            queue: Some("q".into()),
            ack: AckMode::Manual,
            prefetch: 1,
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
        };
        let producer = ProducerNode {
            id: "p".into(),
            name: "p".into(),
            exchange: Some(DEFAULT_EXCHANGE_ID.into()),
            message: MessageTemplate { routing_key: "tasks".into(), body: "task {n}".into(), ..Default::default() },
            schedule: Schedule::Burst { count: 4, at_ms: 0 },
            x: 0.0,
            y: 0.0,
        };
        Scenario {
            queues: vec![queue],
            producers: vec![producer],
            consumers: vec![consumer("fast", 100), consumer("slow", 10_000)],
            ..Default::default()
        }
    }

    #[test]
    fn whereabouts_name_the_queue_position_and_consumer() {
        let mut sim = Simulation::new(work_queue());
        sim.advance(1);
        let q = sim.broker().queue("tasks").unwrap();
        let ready: Vec<_> = q.ready.iter().map(|c| c.message.clone()).collect();
        assert_eq!(whereabouts(&sim, &ready[0], Lang::En), ["ready in queue tasks at position 1"]);
        assert_eq!(whereabouts(&sim, &ready[1], Lang::En), ["ready in queue tasks at position 2"]);
        let delivered: Vec<String> = sim
            .broker()
            .channels()
            .flat_map(|ch| ch.unacked.values().map(|u| u.message.message.clone()))
            .flat_map(|m| whereabouts(&sim, &m, Lang::En))
            .collect();
        assert_eq!(delivered.len(), 2);
        assert!(delivered.iter().any(|t| t.starts_with("delivered from queue tasks to fast, not acked yet")));
        assert!(delivered.iter().any(|t| t.starts_with("delivered from queue tasks to slow, not acked yet")));
    }

    #[test]
    fn a_message_no_longer_held_is_nowhere() {
        let mut sim = Simulation::new(work_queue());
        sim.advance(1);
        let mut gone = (*sim.broker().queue("tasks").unwrap().ready.iter().next().unwrap().message).clone();
        gone.id = 999_999;
        assert!(whereabouts(&sim, &gone, Lang::En).is_empty());
    }

    fn message() -> Message {
        Message {
            id: 1,
            exchange: "".into(),
            routing_key: "tasks".into(),
            extra_routing_keys: Vec::new(),
            properties: Default::default(),
            body: "hi".into(),
        }
    }

    #[test]
    fn properties_start_with_exchange_key_and_delivery_mode() {
        let rows = property_rows(&message(), Lang::En);
        let expected = [
            ("exchange", "(default exchange)"),
            ("routing key", "\"tasks\""),
            ("delivery_mode", "not set (transient)"),
        ];
        assert_eq!(rows, expected.map(|(k, v)| (k.to_string(), v.to_string())));
    }

    #[test]
    fn properties_that_are_set_are_listed_in_order() {
        let mut m = message();
        m.exchange = "logs".into();
        m.extra_routing_keys = vec!["a".into(), "b".into()];
        m.properties.delivery_mode = Some(2);
        m.properties.priority = Some(5);
        m.properties.reply_to = Some("amq.rabbitmq.reply-to".into());
        let rows = property_rows(&m, Lang::En);
        let names: Vec<&str> = rows.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["exchange", "routing key", "CC routing keys", "delivery_mode", "priority", "reply_to"]);
        assert_eq!(rows[0].1, "logs");
        assert_eq!(rows[2].1, "a, b");
        assert_eq!(rows[3].1, "2 (persistent)");
        assert_eq!(rows[4].1, "5");
        assert_eq!(delivery_mode_text(Some(1), Lang::En), "1 (transient)");
        assert_eq!(delivery_mode_text(Some(7), Lang::En), "7");
    }

    #[test]
    fn headers_leave_x_death_out_and_say_empty_strings() {
        assert!(header_rows(&message(), Lang::En).is_empty());
        let mut m = message();
        let mut headers = crate::engine::FieldTable::default();
        headers.insert("format", FieldValue::Str("pdf".into()));
        headers.insert("empty", FieldValue::Str(String::new()));
        headers.insert("x-death", FieldValue::Array(Vec::new()));
        m.properties.headers = Some(headers);
        let rows = header_rows(&m, Lang::En);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], HeaderRow { name: "empty".into(), value: "\"\" (empty)".into(), type_name: "longstr" });
        assert_eq!(rows[1], HeaderRow { name: "format".into(), value: "pdf".into(), type_name: "longstr" });
    }
}
