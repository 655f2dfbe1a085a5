//! Replays the conformance corpus (format `amqp-conformance/1`, recorded
//! from a real RabbitMQ 3.10.8 with pika) through the engine and compares
//! every `expect`.
//!
//! The corpus describes steps the way a pika client performs them: named
//! connections opened on first use, one channel per connection for
//! everything but consumers, one channel per consumer, publisher confirms on,
//! `$aliases` for server-named queues and a virtual clock moved only by
//! `wait`. See `tests/conformance/FORMAT.md`.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use crate::engine::{
    AmqpError, Broker, ChannelId, ConnectionId, ConsumeOptions, Event, ExchangeDeclare, FieldTable, FieldValue,
    Message, Properties, Publish, QueueDeclare,
};

/// A step whose answer differed from the recording.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// Index of the step in its case (0-based).
    pub step: usize,
    /// The step's `op`.
    pub op: String,
    /// What RabbitMQ answered.
    pub expected: Value,
    /// What the engine answered.
    pub actual: Value,
}

/// The result of one case.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseReport {
    /// The case's name.
    pub name: String,
    /// Every mismatching step (empty: the case passed).
    pub mismatches: Vec<Mismatch>,
}

/// Reads a corpus file and replays all of its cases.
pub fn run_file(path: &std::path::Path) -> Result<Vec<CaseReport>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{}: invalid JSON: {e}", path.display()))?;
    if doc.get("format").and_then(Value::as_str) != Some("amqp-conformance/1") {
        return Err(format!("{}: not an amqp-conformance/1 file", path.display()));
    }
    let cases = doc.get("cases").and_then(Value::as_array).ok_or_else(|| format!("{}: no cases", path.display()))?;
    Ok(cases.iter().map(run_case).collect())
}

/// Replays one case on a fresh broker.
pub fn run_case(case: &Value) -> CaseReport {
    let name = case.get("name").and_then(Value::as_str).unwrap_or("(unnamed)").to_string();
    let mut replay = Replay::new();
    let mut mismatches = Vec::new();
    let steps = case.get("steps").and_then(Value::as_array).cloned().unwrap_or_default();
    for (i, step) in steps.iter().enumerate() {
        let op = step.get("op").and_then(Value::as_str).unwrap_or("").to_string();
        let actual = replay.step(step);
        let expected = step.get("expect").cloned().unwrap_or_else(|| json!({}));
        if actual != expected {
            mismatches.push(Mismatch { step: i, op, expected, actual });
        }
    }
    CaseReport { name, mismatches }
}

struct ConsumerRef {
    channel: ChannelId,
    tag: String,
    /// (delivery tag, body) of every delivery, oldest first.
    received: Vec<(u64, String)>,
}

struct Replay {
    broker: Broker,
    connections: HashMap<String, ConnectionId>,
    main_channels: HashMap<String, ChannelId>,
    consumers: HashMap<String, ConsumerRef>,
    /// `$alias` → generated name.
    aliases: HashMap<String, String>,
    /// Deliveries since the last `deliveries` step, per consumer name.
    pending: BTreeMap<String, Vec<Value>>,
}

fn s<'a>(step: &'a Value, key: &str) -> &'a str {
    step.get(key).and_then(Value::as_str).unwrap_or("")
}

fn b(step: &Value, key: &str) -> bool {
    step.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn table(step: &Value, key: &str) -> FieldTable {
    step.get(key).and_then(FieldTable::from_json).unwrap_or_default()
}

fn error(e: AmqpError) -> Value {
    json!({ "error": e.code.code() })
}

impl Replay {
    fn new() -> Self {
        Replay {
            broker: Broker::new(),
            connections: HashMap::new(),
            main_channels: HashMap::new(),
            consumers: HashMap::new(),
            aliases: HashMap::new(),
            pending: BTreeMap::new(),
        }
    }

    fn resolve(&self, name: &str) -> String {
        if name.starts_with('$') {
            self.aliases.get(name).cloned().unwrap_or_else(|| name.to_string())
        } else {
            name.to_string()
        }
    }

    fn connection(&mut self, name: &str) -> ConnectionId {
        if let Some(c) = self.connections.get(name) {
            if self.broker.is_connection_open(*c) {
                return *c;
            }
        }
        let c = self.broker.open_connection(name);
        self.connections.insert(name.to_string(), c);
        c
    }

    fn channel(&mut self, step: &Value) -> ChannelId {
        let conn_name = step.get("conn").and_then(Value::as_str).unwrap_or("main").to_string();
        if let Some(ch) = self.main_channels.get(&conn_name) {
            if self.broker.is_channel_open(*ch) {
                return *ch;
            }
        }
        let conn = self.connection(&conn_name);
        let ch = self.broker.open_channel(conn).expect("connection is open");
        self.broker.confirm_select(ch).expect("channel is open");
        self.main_channels.insert(conn_name, ch);
        ch
    }

    fn step(&mut self, step: &Value) -> Value {
        let result = self.run(step);
        self.collect_deliveries();
        result
    }

    fn run(&mut self, step: &Value) -> Value {
        let op = s(step, "op");
        match op {
            "exchange_declare" => self.op_exchange_declare(step),
            "exchange_delete" => self.op_exchange_delete(step),
            "exchange_bind" | "exchange_unbind" => self.op_exchange_bind(step, op),
            "queue_declare" => self.op_queue_declare(step),
            "queue_bind" | "queue_unbind" => self.op_queue_bind(step, op),
            "queue_purge" => self.op_queue_purge(step),
            "queue_delete" => self.op_queue_delete(step),
            "publish" => self.op_publish(step),
            "get" => self.op_get(step),
            "drain" => self.op_drain(step),
            "consume" => self.op_consume(step),
            "ack" | "nack" | "reject" => self.op_settle(step, op),
            "cancel" => self.op_cancel(step),
            "close" => self.op_close(step),
            "close_connection" => self.op_close_connection(step),
            "deliveries" => self.op_deliveries(),
            "wait" => self.op_wait(step),
            "restart" => self.op_restart(),
            other => json!({ "error": format!("unknown op '{other}'") }),
        }
    }

    /// The `exchange_declare` step.
    fn op_exchange_declare(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        let d = ExchangeDeclare {
            exchange: s(step, "exchange").to_string(),
            kind: s(step, "type").to_string(),
            passive: b(step, "passive"),
            durable: b(step, "durable"),
            auto_delete: b(step, "auto_delete"),
            internal: b(step, "internal"),
            arguments: table(step, "arguments"),
        };
        self.broker.exchange_declare(ch, d).map(|_| json!({})).unwrap_or_else(error)
    }

    /// The `exchange_delete` step.
    fn op_exchange_delete(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        self.broker
            .exchange_delete(ch, s(step, "exchange"), b(step, "if_unused"))
            .map(|_| json!({}))
            .unwrap_or_else(error)
    }

    /// The `exchange_bind` / `exchange_unbind` step.
    fn op_exchange_bind(&mut self, step: &Value, op: &str) -> Value {
        let ch = self.channel(step);
        let (dest, src, rk) = (s(step, "destination"), s(step, "source"), s(step, "routing_key"));
        let args = table(step, "arguments");
        let r = if op == "exchange_bind" {
            self.broker.exchange_bind(ch, dest, src, rk, args)
        } else {
            self.broker.exchange_unbind(ch, dest, src, rk, args)
        };
        r.map(|_| json!({})).unwrap_or_else(error)
    }

    /// The `queue_declare` step.
    fn op_queue_declare(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        let d = QueueDeclare {
            queue: self.resolve(s(step, "queue")),
            passive: b(step, "passive"),
            durable: b(step, "durable"),
            exclusive: b(step, "exclusive"),
            auto_delete: b(step, "auto_delete"),
            arguments: table(step, "arguments"),
        };
        match self.broker.queue_declare(ch, d) {
            Ok(ok) => {
                if let Some(alias) = step.get("as").and_then(Value::as_str) {
                    self.aliases.insert(alias.to_string(), ok.queue.to_string());
                }
                let mut v = json!({ "message_count": ok.message_count, "consumer_count": ok.consumer_count });
                if ok.server_named {
                    v["server_named"] = json!(true);
                }
                v
            }
            Err(e) => error(e),
        }
    }

    /// The `queue_bind` / `queue_unbind` step.
    fn op_queue_bind(&mut self, step: &Value, op: &str) -> Value {
        let ch = self.channel(step);
        let q = self.resolve(s(step, "queue"));
        let rk = self.resolve(s(step, "routing_key"));
        let args = table(step, "arguments");
        let r = if op == "queue_bind" {
            self.broker.queue_bind(ch, &q, s(step, "exchange"), &rk, args)
        } else {
            self.broker.queue_unbind(ch, &q, s(step, "exchange"), &rk, args)
        };
        r.map(|_| json!({})).unwrap_or_else(error)
    }

    /// The `queue_purge` step.
    fn op_queue_purge(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        let q = self.resolve(s(step, "queue"));
        self.broker.queue_purge(ch, &q).map(|n| json!({ "message_count": n })).unwrap_or_else(error)
    }

    /// The `queue_delete` step.
    fn op_queue_delete(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        let q = self.resolve(s(step, "queue"));
        self.broker
            .queue_delete(ch, &q, b(step, "if_unused"), b(step, "if_empty"))
            .map(|n| json!({ "message_count": n }))
            .unwrap_or_else(error)
    }

    /// The `publish` step.
    fn op_publish(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        let props = step.get("properties").cloned().unwrap_or_else(|| json!({}));
        let p = Publish {
            exchange: s(step, "exchange").to_string(),
            routing_key: self.resolve(s(step, "routing_key")),
            mandatory: b(step, "mandatory"),
            properties: self.properties(&props),
            body: s(step, "body").to_string(),
        };
        let mandatory = p.mandatory;
        match self.broker.basic_publish(ch, p) {
            Ok(o) => {
                let mut v = json!({});
                if mandatory {
                    v["returned"] = json!(o.returned);
                }
                if o.nacked {
                    v["nacked"] = json!(true);
                }
                v
            }
            Err(e) => error(e),
        }
    }

    /// The `get` step.
    fn op_get(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        let q = self.resolve(s(step, "queue"));
        match self.broker.basic_get(ch, &q, true) {
            Ok(Some(ok)) => {
                let mut v = self.message_json(&ok.message, ok.redelivered);
                v["message_count"] = json!(ok.message_count);
                v
            }
            Ok(None) => json!({ "empty": true }),
            Err(e) => error(e),
        }
    }

    /// The `drain` step.
    fn op_drain(&mut self, step: &Value) -> Value {
        let ch = self.channel(step);
        let mut out = Map::new();
        let queues: Vec<String> = step
            .get("queues")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        for name in queues {
            let q = self.resolve(&name);
            let mut bodies = Vec::new();
            let ch = if self.broker.is_channel_open(ch) { ch } else { self.channel(step) };
            loop {
                match self.broker.basic_get(ch, &q, true) {
                    Ok(Some(ok)) => bodies.push(json!(&*ok.message.body)),
                    Ok(None) => break,
                    Err(e) => return error(e),
                }
            }
            out.insert(name, Value::Array(bodies));
        }
        json!({ "queues": out })
    }

    /// The `consume` step.
    fn op_consume(&mut self, step: &Value) -> Value {
        let conn_name = step.get("conn").and_then(Value::as_str).unwrap_or("main").to_string();
        let conn = self.connection(&conn_name);
        let ch = self.broker.open_channel(conn).expect("connection is open");
        if let Some(prefetch) = step.get("prefetch").and_then(Value::as_u64) {
            if let Err(e) = self.broker.basic_qos(ch, prefetch.min(u16::MAX as u64) as u16, false) {
                return error(e);
            }
        }
        let name = s(step, "consumer").to_string();
        let opts = ConsumeOptions {
            queue: self.resolve(s(step, "queue")),
            consumer_tag: name.clone(),
            no_ack: b(step, "no_ack"),
            exclusive: b(step, "exclusive"),
            arguments: table(step, "arguments"),
        };
        match self.broker.basic_consume(ch, opts) {
            Ok(tag) => {
                self.consumers.insert(name, ConsumerRef { channel: ch, tag, received: Vec::new() });
                json!({})
            }
            Err(e) => error(e),
        }
    }

    /// The `ack` / `nack` / `reject` step.
    fn op_settle(&mut self, step: &Value, op: &str) -> Value {
        let name = s(step, "consumer");
        let body = s(step, "body");
        let Some(c) = self.consumers.get(name) else { return json!({ "error": "unknown consumer" }) };
        let ch = c.channel;
        let Some(tag) = c.received.iter().rev().find(|(_, b)| b == body).map(|(t, _)| *t) else {
            return json!({ "error": "no delivery of that body" });
        };
        let requeue = step.get("requeue").and_then(Value::as_bool).unwrap_or(true);
        let r = match op {
            "ack" => self.broker.basic_ack(ch, tag, b(step, "multiple")),
            "nack" => self.broker.basic_nack(ch, tag, b(step, "multiple"), requeue),
            _ => self.broker.basic_reject(ch, tag, requeue),
        };
        r.map(|_| json!({})).unwrap_or_else(error)
    }

    /// The `cancel` step.
    fn op_cancel(&mut self, step: &Value) -> Value {
        let Some(c) = self.consumers.get(s(step, "consumer")) else { return json!({}) };
        let (ch, tag) = (c.channel, c.tag.clone());
        self.broker.basic_cancel(ch, &tag).map(|_| json!({})).unwrap_or_else(error)
    }

    /// The `close` step.
    fn op_close(&mut self, step: &Value) -> Value {
        if let Some(c) = self.consumers.get(s(step, "consumer")) {
            let ch = c.channel;
            self.broker.close_channel(ch);
        }
        json!({})
    }

    /// The `close_connection` step.
    fn op_close_connection(&mut self, step: &Value) -> Value {
        let conn_name = step.get("conn").and_then(Value::as_str).unwrap_or("main");
        if let Some(c) = self.connections.get(conn_name).copied() {
            self.broker.close_connection(c);
        }
        json!({})
    }

    /// The `deliveries` step.
    fn op_deliveries(&mut self) -> Value {
        let pending = std::mem::take(&mut self.pending);
        let map: Map<String, Value> = pending.into_iter().map(|(k, v)| (k, Value::Array(v))).collect();
        json!({ "deliveries": map })
    }

    /// The `wait` step.
    fn op_wait(&mut self, step: &Value) -> Value {
        self.broker.advance(step.get("ms").and_then(Value::as_u64).unwrap_or(0));
        json!({})
    }

    /// The `restart` step.
    fn op_restart(&mut self) -> Value {
        self.broker.restart();
        json!({})
    }

    fn properties(&self, v: &Value) -> Properties {
        let str_of = |k: &str| v.get(k).and_then(Value::as_str).map(|s| self.resolve(s));
        Properties {
            delivery_mode: v.get("delivery_mode").and_then(Value::as_u64).map(|d| d.min(255) as u8),
            expiration: str_of("expiration"),
            priority: v.get("priority").and_then(Value::as_u64).map(|p| p.min(255) as u8),
            reply_to: str_of("reply_to"),
            correlation_id: str_of("correlation_id"),
            message_id: str_of("message_id"),
            content_type: str_of("content_type"),
            headers: v.get("headers").and_then(FieldTable::from_json),
        }
    }

    /// Records consumer deliveries from the engine's events.
    fn collect_deliveries(&mut self) {
        for e in self.broker.take_events() {
            if let Event::Delivered { channel, consumer: Some(tag), message, redelivered, delivery_tag, .. } = e {
                let Some((name, _)) = self.consumers.iter().find(|(_, c)| c.channel == channel && *c.tag == *tag)
                else {
                    continue;
                };
                let name = name.clone();
                let v = self.message_json(&message, redelivered);
                let c = self.consumers.get_mut(&name).expect("found");
                c.received.push((delivery_tag, message.body.to_string()));
                self.pending.entry(name).or_default().push(v);
            }
        }
    }

    /// A MESSAGE as FORMAT.md writes it, with generated names shown as their
    /// aliases and the `time` of `x-death` entries left out.
    fn message_json(&self, m: &Message, redelivered: bool) -> Value {
        let mut v = json!({
            "body": &*m.body,
            "redelivered": redelivered,
            "exchange": &*m.exchange,
            "routing_key": m.routing_key,
        });
        if let Some(h) = m.properties.headers.as_ref().filter(|h| !h.is_empty()) {
            let mut h = h.clone();
            if let Some(FieldValue::Array(deaths)) = h.get("x-death").cloned() {
                let deaths = deaths
                    .into_iter()
                    .map(|d| match d {
                        FieldValue::Table(mut t) => {
                            t.remove("time");
                            FieldValue::Table(t)
                        }
                        other => other,
                    })
                    .collect();
                h.insert("x-death", FieldValue::Array(deaths));
            }
            v["headers"] = h.to_json();
        }
        let p = &m.properties;
        let mut props = Map::new();
        if let Some(d) = p.delivery_mode {
            props.insert("delivery_mode".into(), json!(d));
        }
        for (k, val) in [
            ("expiration", &p.expiration),
            ("reply_to", &p.reply_to),
            ("correlation_id", &p.correlation_id),
            ("message_id", &p.message_id),
        ] {
            if let Some(x) = val {
                props.insert(k.into(), json!(x));
            }
        }
        if let Some(pr) = p.priority {
            props.insert("priority".into(), json!(pr));
        }
        if !props.is_empty() {
            v["properties"] = Value::Object(props);
        }
        self.alias_strings(v)
    }

    fn alias_strings(&self, v: Value) -> Value {
        match v {
            Value::String(s) => match self.aliases.iter().find(|(_, real)| **real == s) {
                Some((alias, _)) => Value::String(alias.clone()),
                None => Value::String(s),
            },
            Value::Array(a) => Value::Array(a.into_iter().map(|x| self.alias_strings(x)).collect()),
            Value::Object(o) => Value::Object(o.into_iter().map(|(k, x)| (k, self.alias_strings(x))).collect()),
            other => other,
        }
    }
}

/// Formats failing cases for people: the case, the step, expected vs
/// actual (at most `per_case` steps each).
pub fn describe_failures(reports: &[CaseReport], per_case: usize) -> String {
    let mut out = String::new();
    for r in reports.iter().filter(|r| !r.mismatches.is_empty()) {
        out.push_str(&format!("FAIL {}\n", r.name));
        for m in r.mismatches.iter().take(per_case) {
            out.push_str(&format!(
                "  step {} ({}):\n    expected {}\n    actual   {}\n",
                m.step, m.op, m.expected, m.actual
            ));
        }
        if r.mismatches.len() > per_case {
            out.push_str(&format!("  ... and {} more mismatching steps\n", r.mismatches.len() - per_case));
        }
    }
    out
}
