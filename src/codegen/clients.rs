//! The scenario as tutorial-style programs, one per client: a producer's
//! program declares what it needs, publishes on its schedule and closes; a
//! consumer's declares, consumes and prints what it receives until Ctrl+C.
//! A producer and the consumer of its own reply queue (an RPC client) are
//! one program. These run in Warren's terminal as they run against a real
//! RabbitMQ, so the lesson on the canvas and its programs can be compared
//! (`tests/export_agreement.rs`).
//!
//! Names reach the programs only as literals ([`python::str_literal`]).

use std::collections::BTreeMap;

use serde_json::Value;

use super::python::{self, Identifiers};
use crate::i18n::Lang;
use crate::scenario::{AckMode, ConsumerNode, Outcome, ProducerNode, ProgramFile, QueueNode, Scenario, Schedule};
use crate::simulation::sync::{exchange_declare, queue_declare};

/// The clients of one program: at most one producer, and consumers.
#[derive(Default)]
struct Client<'a> {
    producer: Option<&'a ProducerNode>,
    consumers: Vec<&'a ConsumerNode>,
}

/// One program per client, in the scenario's order (consumers' programs
/// first, so they consume before anything is published), their comments
/// in `lang`.
pub fn programs(s: &Scenario, lang: Lang) -> Vec<ProgramFile> {
    let clients = clients(s);
    let mut ids = Identifiers::default();
    let mut files: Vec<(bool, ProgramFile)> = clients
        .iter()
        .map(|c| {
            let first = c.producer.map(|p| (&p.name, &p.id)).or(c.consumers.first().map(|c| (&c.name, &c.id)));
            let (name, id) = first.expect("a client has a node");
            let file = format!("{}.py", ids.make("x", name, id).trim_start_matches("x_"));
            (c.producer.is_some(), ProgramFile { name: file, source: Writer::new(s, lang).client(c) })
        })
        .collect();
    files.sort_by_key(|(publishes, _)| *publishes);
    files.into_iter().map(|(_, f)| f).collect()
}

/// Groups the scenario's clients: a consumer of a producer's reply queue
/// (or one marked `same_client_as` a producer) joins that producer.
fn clients(s: &Scenario) -> Vec<Client<'_>> {
    let mut out: Vec<Client> = Vec::new();
    let mut of_producer: BTreeMap<&str, usize> = BTreeMap::new();
    for p in s.producers.iter().filter(|p| p.exchange.is_some()) {
        of_producer.insert(p.id.as_str(), out.len());
        out.push(Client { producer: Some(p), consumers: Vec::new() });
    }
    for c in s.consumers.iter().filter(|c| c.queue.as_deref().and_then(|q| s.queue(q)).is_some()) {
        let reply_of =
            s.producers.iter().find(|p| p.message.reply_to_queue.is_some() && p.message.reply_to_queue == c.queue);
        let joins = c.same_client_as.as_deref().or(reply_of.map(|p| p.id.as_str())).and_then(|p| of_producer.get(p));
        match joins {
            Some(&i) => out[i].consumers.push(c),
            None => out.push(Client { producer: None, consumers: vec![c] }),
        }
    }
    out
}

fn owned_by_connection(q: &QueueNode) -> bool {
    q.exclusive || q.name.is_empty()
}

fn seconds(ms: u64) -> String {
    let text = format!("{}", ms as f64 / 1000.0);
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn table(v: &Value) -> String {
    match v {
        Value::Object(m) if m.is_empty() => "None".to_string(),
        other => python::value(other),
    }
}

struct Writer<'a> {
    s: &'a Scenario,
    out: String,
    /// The language of the comments.
    lang: Lang,
}

impl<'a> Writer<'a> {
    fn new(s: &'a Scenario, lang: Lang) -> Self {
        Writer { s, out: String::new(), lang }
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn client(mut self, c: &Client) -> String {
        self.header(c);
        self.declarations(c);
        for consumer in &c.consumers {
            self.consumer(consumer);
        }
        if let Some(p) = c.producer {
            self.producer(p);
        }
        if c.consumers.is_empty() {
            self.line("connection.close()");
        } else {
            self.line("print(' [*] Waiting for messages. To exit press CTRL+C')");
            self.line("try:");
            self.line("    channel.start_consuming()");
            self.line("except KeyboardInterrupt:");
            self.line("    connection.close()");
        }
        self.out
    }

    fn header(&mut self, c: &Client) {
        self.line("#!/usr/bin/env python3");
        for l in super::comment_lines("", id!("codegen-client-generated"), self.lang) {
            self.line(&l);
        }
        let crashes = c.consumers.iter().any(|c| c.crashes_at().is_some());
        let sleeps = c.consumers.iter().any(|c| c.processing_ms > 0) || self.pauses(c);
        if crashes {
            self.line("import os");
        }
        if sleeps {
            self.line("import time");
        }
        if crashes || sleeps {
            self.line("");
        }
        self.line("import pika");
        self.line("");
        self.line("connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))");
        self.line("channel = connection.channel()");
        self.line("queues = {}");
        self.line("");
        self.line("");
        self.line("def fill(template, n):");
        self.line("    return template.replace('{n}', str(n))");
        self.line("");
        self.line("");
        if self.pauses(c) {
            self.line("def pause(seconds):");
            self.line("    \"\"\"Waits, handing this program's consumers what arrives meanwhile.\"\"\"");
            self.line("    until = time.time() + seconds");
            self.line("    while time.time() < until:");
            self.line("        connection.process_data_events(time_limit=max(until - time.time(), 0.001))");
            self.line("");
            self.line("");
        }
    }

    /// A program that publishes on a schedule and consumes too waits with
    /// `pause` (its consumers are served meanwhile), else with
    /// `connection.sleep`.
    fn pauses(&self, c: &Client) -> bool {
        c.producer.is_some_and(|p| !matches!(p.schedule, Schedule::Manual)) && !c.consumers.is_empty()
    }

    /// The exchanges, the shared queues and their bindings (declaring is
    /// idempotent, so every program declares them), then the queues of
    /// this connection.
    fn declarations(&mut self, c: &Client) {
        let s = self.s;
        for x in &s.exchanges {
            let d = exchange_declare(s, &x.id).expect("the exchange exists");
            self.line(&format!(
                "channel.exchange_declare(exchange={}, exchange_type={}, durable={}, auto_delete={}, internal={}, arguments={})",
                python::str_literal(&d.exchange),
                python::str_literal(&d.kind),
                py_bool(d.durable),
                py_bool(d.auto_delete),
                py_bool(d.internal),
                table(&d.arguments.to_json())
            ));
        }
        let own: Vec<&str> = c.consumers.iter().filter_map(|c| c.queue.as_deref()).collect();
        let declared = s.queues.iter().filter(|q| !owned_by_connection(q) || own.contains(&q.id.as_str()));
        for q in declared.collect::<Vec<_>>() {
            self.queue(q);
        }
        self.exchange_bindings();
        self.line("");
    }

    fn queue(&mut self, q: &QueueNode) {
        let d = queue_declare(self.s, &q.id).expect("the queue exists");
        let key = python::str_literal(&q.id);
        self.line(&format!(
            "queues[{key}] = channel.queue_declare(queue={}, durable={}, exclusive={}, auto_delete={}, arguments={}).method.queue",
            python::str_literal(&d.queue),
            py_bool(d.durable),
            py_bool(d.exclusive),
            py_bool(d.auto_delete),
            table(&d.arguments.to_json())
        ));
        for b in self.s.bindings.iter().filter(|b| b.to == q.id) {
            let Some(source) = self.s.exchange_name(&b.from).filter(|n| !n.is_empty()) else { continue };
            self.line(&format!(
                "channel.queue_bind(queue=queues[{key}], exchange={}, routing_key={}, arguments={})",
                python::str_literal(source),
                python::str_literal(&b.routing_key),
                table(&Value::Object(b.arguments.clone()))
            ));
        }
    }

    fn exchange_bindings(&mut self) {
        let s = self.s;
        for b in &s.bindings {
            let (Some(source), Some(dest)) = (s.exchange_name(&b.from), s.exchange_name(&b.to)) else { continue };
            if source.is_empty() || dest.is_empty() {
                continue;
            }
            self.line(&format!(
                "channel.exchange_bind(destination={}, source={}, routing_key={}, arguments={})",
                python::str_literal(dest),
                python::str_literal(source),
                python::str_literal(&b.routing_key),
                table(&Value::Object(b.arguments.clone()))
            ));
        }
    }

    /// A consumer: its callback (processing as `time.sleep`, the RPC reply,
    /// the crash, the ack or its other outcome) and its basic.consume.
    fn consumer(&mut self, c: &ConsumerNode) {
        let q = c.queue.as_deref().and_then(|q| self.s.queue(q)).expect("the consumer's queue exists");
        let manual = c.ack == AckMode::Manual;
        if manual && c.prefetch > 0 {
            self.line(&format!("channel.basic_qos(prefetch_count={})", c.prefetch));
        }
        let name = python::str_literal(&c.name);
        let count = format!("received_{}", self.out.matches("def on_message").count());
        self.line(&format!("{count} = [0]"));
        self.line("");
        self.line("");
        self.line(&format!("def on_message_{}(ch, method, properties, body):", &count[9..]));
        self.line(&format!("    {count}[0] += 1"));
        if let Some(n) = c.crashes_at() {
            self.line(&format!("    if {count}[0] >= {n}:"));
            self.line(&format!("        print({name} + f' crashes with {{body!r}} unacked')"));
            self.line("        os._exit(1)");
        }
        self.line(&format!("    print({name} + f' received {{body!r}}')"));
        if c.processing_ms > 0 {
            self.line(&format!("    time.sleep({})", seconds(c.processing_ms)));
        }
        if c.reply {
            self.reply();
        }
        if manual {
            self.line(&format!("    {}", settle(c.outcome, self.lang)));
        }
        self.line("");
        self.line("");
        self.line(&format!(
            "channel.basic_consume(queue=queues[{}], on_message_callback=on_message_{}, auto_ack={}, exclusive={}, consumer_tag={name})",
            python::str_literal(&q.id),
            &count[9..],
            py_bool(!manual),
            py_bool(c.exclusive),
        ));
        self.line("");
    }

    fn reply(&mut self) {
        self.line("    if properties.reply_to:");
        self.line("        channel.basic_publish(");
        self.line("            exchange='',");
        self.line("            routing_key=properties.reply_to,");
        self.line("            properties=pika.BasicProperties(correlation_id=properties.correlation_id),");
        self.line("            body='reply to ' + body.decode(),");
        self.line("        )");
    }

    /// A producer: `publish(n)` with its message, then its schedule
    /// (`connection.sleep` waits and still serves this program's consumers).
    fn producer(&mut self, p: &ProducerNode) {
        let s = self.s;
        let exchange = p.exchange.as_deref().and_then(|x| s.exchange_name(x)).unwrap_or("");
        let m = &p.message;
        if m.mandatory {
            self.line("channel.confirm_delivery()");
        }
        self.line("");
        self.line("");
        self.line("def publish(n):");
        self.line(&format!("    body = fill({}, n)", python::str_literal(&m.body)));
        self.line("    channel.basic_publish(");
        self.line(&format!("        exchange={},", python::str_literal(exchange)));
        self.line(&format!("        routing_key={},", python::str_literal(&m.routing_key)));
        self.line("        body=body,");
        let props = self.properties(p);
        if !props.is_empty() {
            self.line(&format!("        properties=pika.BasicProperties({}),", props.join(", ")));
        }
        if m.mandatory {
            self.line("        mandatory=True,");
        }
        self.line("    )");
        self.line("    print(f' [x] Sent {body!r}')");
        self.line("");
        self.line("");
        let wait = if self.pauses_for(p) { "pause" } else { "connection.sleep" };
        self.schedule(&p.schedule, wait);
    }

    fn pauses_for(&self, p: &ProducerNode) -> bool {
        self.out.contains("def pause(") && !matches!(p.schedule, Schedule::Manual)
    }

    /// The message's `BasicProperties` keywords (as the single-file
    /// export writes them), with a reply queue of this program's own.
    fn properties(&self, p: &ProducerNode) -> Vec<String> {
        let m = &p.message;
        let reply_to = match (&m.reply_to_queue, &m.reply_to) {
            (Some(q), _) if self.s.queue(q).is_some() => Some(format!("queues[{}]", python::str_literal(q))),
            (_, Some(r)) => Some(python::str_literal(r)),
            _ => None,
        };
        super::pika::properties(m, reply_to)
    }

    fn schedule(&mut self, schedule: &Schedule, wait: &str) {
        match *schedule {
            Schedule::Manual => self.line("publish(1)"),
            Schedule::Once { at_ms } => {
                self.line(&format!("{wait}({})", seconds(at_ms)));
                self.line("publish(1)");
            }
            Schedule::Burst { count, at_ms } => {
                self.line(&format!("{wait}({})", seconds(at_ms)));
                self.line(&format!("for n in range(1, {}):", u64::from(count) + 1));
                self.line("    publish(n)");
            }
            Schedule::Every { every_ms, start_ms, count, batch } => {
                self.line(&format!("{wait}({})", seconds(start_ms)));
                self.line("n = 0");
                match count {
                    Some(c) => self.line(&format!("while n < {c}:")),
                    None => self.line("while True:"),
                }
                self.line(&format!("    for _ in range({}):", batch.max(1)));
                if let Some(c) = count {
                    self.line(&format!("        if n < {c}:"));
                    self.line("            n += 1");
                    self.line("            publish(n)");
                } else {
                    self.line("        n += 1");
                    self.line("        publish(n)");
                }
                self.line(&format!("    {wait}({})", seconds(every_ms)));
            }
        }
        self.line("");
    }
}

fn settle(outcome: Outcome, lang: Lang) -> String {
    match outcome {
        Outcome::Ack => "channel.basic_ack(delivery_tag=method.delivery_tag)".into(),
        Outcome::NackRequeue => "channel.basic_nack(delivery_tag=method.delivery_tag, requeue=True)".into(),
        Outcome::Nack => "channel.basic_nack(delivery_tag=method.delivery_tag, requeue=False)".into(),
        Outcome::Reject => "channel.basic_reject(delivery_tag=method.delivery_tag, requeue=False)".into(),
        Outcome::RejectRequeue => "channel.basic_reject(delivery_tag=method.delivery_tag, requeue=True)".into(),
        Outcome::NeverAck => format!("pass  # {}", t!(lang, "codegen-never-acks")),
    }
}
