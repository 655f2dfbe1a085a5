//! The Python (pika 1.3) program for a scenario, in the style of the
//! classic RabbitMQ tutorials: `BlockingConnection`s to localhost, the
//! declarations, one function per producer and per consumer, and a `main`
//! that runs consumers in threads with their own connections.
//!
//! Every name, key, body and header from the scenario reaches the program
//! only as a Python literal made by [`python::str_literal`] or
//! [`python::value`]; comments and docstrings hold fixed text only.
//!
//! Queues that belong to a connection (exclusive or server-named) are
//! declared by the connection that uses them, as in the tutorials: the
//! first consumer of the queue declares and binds it, and the other
//! consumers of an exclusive queue share that connection. `QUEUES` maps
//! queue node ids to the names the broker gave them, and `DECLARED` lets
//! producers wait until those queues exist.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use super::python::{self, Identifiers};
use crate::engine::QueueType;
use crate::i18n::Lang;
use crate::scenario::{
    AckMode, ConsumerNode, Outcome, ProducerNode, QueueNode, Scenario, Schedule, DEFAULT_EXCHANGE_ID,
};
use crate::simulation::sync::{exchange_declare, queue_declare};

/// A queue that a connection owns: exclusive, or named by the server.
fn connection_owned(q: &QueueNode) -> bool {
    q.exclusive || q.name.is_empty()
}

fn seconds(ms: u64) -> String {
    let s = ms as f64 / 1000.0;
    let text = format!("{s}");
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
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
    ids: Identifiers,
    /// Queue node id → the consumer that declares it (connection-owned
    /// queues with a consumer).
    owner: BTreeMap<&'a str, &'a str>,
    /// Queue node id → the function that declares it.
    declare_fn: BTreeMap<&'a str, String>,
    /// The language of the comments.
    lang: Lang,
}

/// The program for a scenario, its comments in `lang`.
pub fn program(s: &Scenario, lang: Lang) -> String {
    let mut w = Writer {
        lang,
        s,
        out: String::new(),
        ids: Identifiers::default(),
        owner: BTreeMap::new(),
        declare_fn: BTreeMap::new(),
    };
    for c in &s.consumers {
        if let Some(q) = c.queue.as_deref().and_then(|q| s.queue(q)) {
            if connection_owned(q) {
                w.owner.entry(q.id.as_str()).or_insert(c.id.as_str());
            }
        }
    }
    w.header();
    w.topology();
    let producers: Vec<String> = s.producers.iter().filter_map(|p| w.producer(p)).collect();
    let groups = w.consumers();
    w.main(&producers, &groups);
    w.out
}

impl<'a> Writer<'a> {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// The comment `id` in the program's language, at `indent`.
    fn comment(&mut self, indent: &str, id: crate::i18n::MsgId) {
        for l in super::comment_lines(indent, id, self.lang) {
            self.line(&l);
        }
    }

    fn queue_ref(&self, id: &str) -> String {
        format!("QUEUES[{}]", python::str_literal(id))
    }

    fn header(&mut self) {
        self.line("#!/usr/bin/env python3");
        self.comment("", id!("codegen-generated"));
        self.line("#");
        self.comment("", id!("codegen-runs"));
        self.line("#     python3 -m pip install 'pika>=1.3,<1.4'");
        self.line("#     python3 this_file.py");
        self.comment("", id!("codegen-stop"));
        self.line("");
        self.line("import threading");
        self.line("import time");
        self.line("");
        self.line("import pika");
        self.line("");
        let title = python::str_literal(&self.s.title);
        self.line(&format!("TITLE = {title}"));
        self.line("HOST = 'localhost'");
        self.line("");
        self.comment("", id!("codegen-queues"));
        self.line("QUEUES = {}");
        self.comment("", id!("codegen-declared"));
        let events: Vec<String> = self
            .s
            .queues
            .iter()
            .filter(|q| connection_owned(q))
            .map(|q| format!("{}: threading.Event()", python::str_literal(&q.id)))
            .collect();
        self.line(&format!("DECLARED = {{{}}}", events.join(", ")));
        self.line("");
        self.line("");
        self.line("def connect():");
        self.line("    return pika.BlockingConnection(pika.ConnectionParameters(host=HOST))");
        self.line("");
        self.line("");
        self.comment("", id!("codegen-print-lock"));
        self.line("PRINT_LOCK = threading.Lock()");
        self.line("");
        self.line("");
        self.line("def say(text):");
        self.line("    \"\"\"Prints one whole line, never mixed with another thread's.\"\"\"");
        self.line("    with PRINT_LOCK:");
        self.line("        print(text, flush=True)");
        self.line("");
        self.line("");
        self.line("def fill(template, n):");
        self.line("    \"\"\"Puts the message number where the template says {n}.\"\"\"");
        self.line("    return template.replace('{n}', str(n))");
        self.line("");
        self.line("");
    }

    fn bindings_to(&self, queue_id: Option<&str>) -> Vec<String> {
        let s = self.s;
        let mut lines = Vec::new();
        for b in &s.bindings {
            if b.from == DEFAULT_EXCHANGE_ID {
                continue; // RabbitMQ refuses bindings on the default exchange.
            }
            let Some(source) = s.exchange_name(&b.from) else { continue };
            let args = table(&Value::Object(b.arguments.clone()));
            let key = python::str_literal(&b.routing_key);
            if let Some(q) = s.queue(&b.to) {
                if connection_owned(q) != queue_id.is_some() || queue_id.is_some_and(|id| id != q.id) {
                    continue;
                }
                lines.push(format!(
                    "    channel.queue_bind(queue={}, exchange={}, routing_key={key}, arguments={args})",
                    self.queue_ref(&q.id),
                    python::str_literal(source)
                ));
            } else if let Some(dest) = s.exchange_name(&b.to) {
                if queue_id.is_some() || dest.is_empty() {
                    continue;
                }
                lines.push(format!(
                    "    channel.exchange_bind(destination={}, source={}, routing_key={key}, arguments={args})",
                    python::str_literal(dest),
                    python::str_literal(source)
                ));
            }
        }
        lines
    }

    fn queue_declare_line(&self, q: &QueueNode) -> String {
        let d = queue_declare(self.s, &q.id).expect("the queue exists");
        format!(
            "    result = channel.queue_declare(queue={}, durable={}, exclusive={}, auto_delete={}, arguments={})",
            python::str_literal(&d.queue),
            py_bool(d.durable),
            py_bool(d.exclusive),
            py_bool(d.auto_delete),
            table(&d.arguments.to_json())
        )
    }

    fn topology(&mut self) {
        let s = self.s;
        self.line("def declare_topology(channel):");
        self.line("    \"\"\"Declares the exchanges, the shared queues and their bindings.\"\"\"");
        let mut body = Vec::new();
        for x in &s.exchanges {
            let d = exchange_declare(s, &x.id).expect("the exchange exists");
            body.push(format!(
                "    channel.exchange_declare(exchange={}, exchange_type={}, durable={}, auto_delete={}, internal={}, arguments={})",
                python::str_literal(&d.exchange),
                python::str_literal(&d.kind),
                py_bool(d.durable),
                py_bool(d.auto_delete),
                py_bool(d.internal),
                table(&d.arguments.to_json())
            ));
        }
        for q in s.queues.iter().filter(|q| !connection_owned(q)) {
            body.push(self.queue_declare_line(q));
            body.push(format!("    {} = result.method.queue", self.queue_ref(&q.id)));
        }
        body.extend(self.bindings_to(None));
        if body.is_empty() {
            body.push("    pass".to_string());
        }
        for l in body {
            self.line(&l);
        }
        self.line("");
        self.line("");
        for q in s.queues.iter().filter(|q| connection_owned(q)) {
            let f = self.ids.make("declare", &q.name, &q.id);
            self.declare_fn.insert(q.id.as_str(), f.clone());
            self.line(&format!("def {f}(channel):"));
            self.line("    \"\"\"Declares a queue that belongs to this channel's connection, and binds it.\"\"\"");
            let l = self.queue_declare_line(q);
            self.line(&l);
            let r = self.queue_ref(&q.id);
            self.line(&format!("    {r} = result.method.queue"));
            for l in self.bindings_to(Some(&q.id)) {
                self.line(&l);
            }
            self.line(&format!("    DECLARED[{}].set()", python::str_literal(&q.id)));
            self.line("");
            self.line("");
        }
    }

    /// Writes a producer's function; returns its name (None when the
    /// producer is not connected to an exchange).
    fn producer(&mut self, p: &ProducerNode) -> Option<String> {
        let s = self.s;
        let exchange = s.exchange_name(p.exchange.as_deref()?)?;
        let f = self.ids.make("publish", &p.name, &p.id);
        let m = &p.message;
        self.line(&format!("def {f}():"));
        self.line(&format!("    \"\"\"A producer: {}.\"\"\"", schedule_text(&p.schedule)));
        self.line(&format!("    name = {}", python::str_literal(&p.name)));
        self.line("    connection = connect()");
        self.line("    channel = connection.channel()");
        self.line("    channel.confirm_delivery()");
        let reply_to = match (&m.reply_to_queue, &m.reply_to) {
            (Some(q), _) if s.queue(q).is_some() => {
                if s.queue(q).is_some_and(connection_owned) {
                    self.line(&format!("    DECLARED[{}].wait()", python::str_literal(q)));
                }
                Some(self.queue_ref(q))
            }
            (_, Some(r)) => Some(python::str_literal(r)),
            _ => None,
        };
        let props = properties(m, reply_to);
        self.line("");
        self.line("    def publish(n):");
        self.line("        try:");
        self.line("            channel.basic_publish(");
        self.line(&format!("                exchange={},", python::str_literal(exchange)));
        self.line(&format!("                routing_key={},", python::str_literal(&m.routing_key)));
        self.line(&format!("                body=fill({}, n),", python::str_literal(&m.body)));
        if !props.is_empty() {
            self.line(&format!("                properties=pika.BasicProperties({}),", props.join(", ")));
        }
        if m.mandatory {
            self.line("                mandatory=True,");
        }
        self.line("            )");
        self.line("            say(f'{name}: message {n} published and confirmed')");
        self.line("        except pika.exceptions.UnroutableError:");
        self.line("            say(f'{name}: message {n} was returned: no queue took it')");
        self.line("        except pika.exceptions.NackError:");
        self.line("            say(f'{name}: message {n} was refused by the broker (basic.nack)')");
        self.line("");
        self.schedule(&p.schedule);
        self.line("    connection.close()");
        self.line("");
        self.line("");
        Some(f)
    }

    /// A producer's schedule: when `publish(n)` is called.
    fn schedule(&mut self, schedule: &Schedule) {
        match schedule {
            Schedule::Manual => {
                self.comment("    ", id!("codegen-publish-now"));
                self.line("    publish(1)");
            }
            Schedule::Once { at_ms } => {
                self.line(&format!("    connection.sleep({})", seconds(*at_ms)));
                self.line("    publish(1)");
            }
            Schedule::Burst { count, at_ms } => {
                self.line(&format!("    connection.sleep({})", seconds(*at_ms)));
                self.line(&format!("    for n in range(1, {}):", u64::from(*count) + 1));
                self.line("        publish(n)");
            }
            Schedule::Every { every_ms, start_ms, count, batch } => {
                self.line(&format!("    connection.sleep({})", seconds(*start_ms)));
                match count {
                    Some(c) => {
                        self.line(&format!("    for n in range(1, {}):", u64::from(*c) + 1));
                        self.line("        publish(n)");
                        if *batch > 1 {
                            // `batch` messages per tick: sleep after every batch.
                            self.line(&format!("        if n % {batch} == 0:"));
                            self.line(&format!("            connection.sleep({})", seconds(*every_ms)));
                        } else {
                            self.line(&format!("        connection.sleep({})", seconds(*every_ms)));
                        }
                    }
                    None => {
                        self.line("    n = 0");
                        self.line("    while True:");
                        self.line(&format!("        for _ in range({batch}):"));
                        self.line("            n += 1");
                        self.line("            publish(n)");
                        self.line(&format!("        connection.sleep({})", seconds(*every_ms)));
                    }
                }
            }
        }
    }

    /// Writes every consumer's start function; returns them grouped by the
    /// connection they share.
    fn consumers(&mut self) -> Vec<Vec<String>> {
        let s = self.s;
        let mut groups: Vec<Vec<String>> = Vec::new();
        // Consumers of an exclusive queue run on its owner's connection.
        let mut group_of_owner: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &s.consumers {
            let Some(q) = c.queue.as_deref().and_then(|q| s.queue(q)) else { continue };
            let f = self.consumer(c, q);
            let owner = self.owner.get(q.id.as_str()).copied();
            match owner {
                Some(o) if q.exclusive && o != c.id => {
                    let g = *group_of_owner.get(o).expect("the owner comes first");
                    groups[g].push(f);
                }
                _ => {
                    group_of_owner.insert(c.id.as_str(), groups.len());
                    groups.push(vec![f]);
                }
            }
        }
        groups
    }

    fn consumer(&mut self, c: &ConsumerNode, q: &QueueNode) -> String {
        let f = self.ids.make("start", &c.name, &c.id);
        let manual = c.ack == AckMode::Manual;
        self.line(&format!("def {f}(connection):"));
        let what = if manual {
            format!("manual ack, prefetch {}, then {}", c.prefetch, c.outcome.label())
        } else {
            "auto-ack".to_string()
        };
        self.line(&format!(
            "    \"\"\"A consumer ({what}); it processes each message for {} s.\"\"\"",
            seconds(c.processing_ms)
        ));
        self.line(&format!("    name = {}", python::str_literal(&c.name)));
        self.line("    channel = connection.channel()");
        let owned = connection_owned(q);
        if owned {
            if self.owner.get(q.id.as_str()) == Some(&c.id.as_str()) {
                let d = self.declare_fn[q.id.as_str()].clone();
                self.line(&format!("    {d}(channel)"));
            } else {
                self.line(&format!("    DECLARED[{}].wait()", python::str_literal(&q.id)));
            }
        }
        if manual && c.prefetch > 0 {
            self.line(&format!("    channel.basic_qos(prefetch_count={})", c.prefetch));
        }
        self.line("    received = 0");
        self.line("");
        self.on_message(c, q, manual);
        self.line("");
        let mut args = vec![
            format!("queue={}", self.queue_ref(&q.id)),
            "on_message_callback=on_message".to_string(),
            format!("auto_ack={}", py_bool(!manual)),
        ];
        if c.exclusive {
            args.push("exclusive=True".to_string());
        }
        args.push(format!("consumer_tag={}", python::str_literal(&c.name)));
        let arguments = crate::simulation::sync::consume_arguments(c);
        if !arguments.is_empty() {
            args.push(format!("arguments={}", table(&arguments.to_json())));
        }
        self.line(&format!("    channel.basic_consume({})", args.join(", ")));
        self.line("");
        self.line("");
        f
    }

    /// A consumer's callback: the crash, the processing, the reply, the
    /// ack or its other outcome.
    fn on_message(&mut self, c: &ConsumerNode, q: &QueueNode, manual: bool) {
        self.line("    def on_message(ch, method, properties, body):");
        self.line("        nonlocal received");
        self.line("        received += 1");
        if let Some(n) = c.crashes_at() {
            self.line(&format!("        if received >= {n}:"));
            self.comment("            ", id!("codegen-crash"));
            self.line("            say(f'{name}: crashing with message {body!r} unacked')");
            self.line("            ch.close()");
            self.line("            return");
        }
        self.line("        say(f'{name} received {body!r} (redelivered: {method.redelivered})')");
        match q.queue_type {
            QueueType::Stream => {
                self.line("        say(f\"  at offset {(properties.headers or {}).get('x-stream-offset')} (the stream keeps it after the ack)\")")
            }
            QueueType::Quorum => self.line(
                "        say(f\"  delivery count {(properties.headers or {}).get('x-delivery-count', 0)}\")",
            ),
            QueueType::Classic => {}
        }
        if c.processing_ms > 0 {
            self.line(&format!("        time.sleep({})", seconds(c.processing_ms)));
        }
        if c.reply {
            self.line("        if properties.reply_to:");
            self.line("            ch.basic_publish(");
            self.line("                exchange='',");
            self.line("                routing_key=properties.reply_to,");
            self.line("                properties=pika.BasicProperties(correlation_id=properties.correlation_id),");
            self.line("                body=b'reply to ' + body,");
            self.line("            )");
        }
        if manual {
            let never = format!("pass  # {}", t!(self.lang, "codegen-never-acks"));
            let settle = match c.outcome {
                Outcome::Ack => "ch.basic_ack(delivery_tag=method.delivery_tag)",
                Outcome::NackRequeue => "ch.basic_nack(delivery_tag=method.delivery_tag, requeue=True)",
                Outcome::Nack => "ch.basic_nack(delivery_tag=method.delivery_tag, requeue=False)",
                Outcome::Reject => "ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)",
                Outcome::RejectRequeue => "ch.basic_reject(delivery_tag=method.delivery_tag, requeue=True)",
                Outcome::NeverAck => never.as_str(),
            };
            self.line(&format!("        {settle}"));
        }
    }

    fn main(&mut self, producers: &[String], groups: &[Vec<String>]) {
        let s = self.s;
        self.line("def run_consumers(starts):");
        self.line("    \"\"\"Runs consumers on one connection of their own until the program stops.\"\"\"");
        self.line("    connection = connect()");
        self.line("    for start in starts:");
        self.line("        start(connection)");
        self.line("    while True:");
        self.line("        connection.process_data_events(time_limit=1)");
        self.line("");
        self.line("");
        self.line("def main():");
        self.line("    say(f'{TITLE}: connecting to RabbitMQ on {HOST}')");
        self.line("    connection = connect()");
        self.line("    channel = connection.channel()");
        self.line("    declare_topology(channel)");
        let unowned: Vec<String> = s
            .queues
            .iter()
            .filter(|q| connection_owned(q) && !self.owner.contains_key(q.id.as_str()))
            .map(|q| self.declare_fn[q.id.as_str()].clone())
            .collect();
        if !unowned.is_empty() {
            self.comment("    ", id!("codegen-connection-queues"));
            for f in unowned {
                self.line(&format!("    {f}(channel)"));
            }
        }
        let groups: Vec<String> = groups.iter().map(|g| format!("[{}]", g.join(", "))).collect();
        self.line(&format!("    consumers = [{}]", groups.join(", ")));
        self.line("    for starts in consumers:");
        self.line("        threading.Thread(target=run_consumers, args=(starts,), daemon=True).start()");
        self.line("    for declared in DECLARED.values():");
        self.line("        declared.wait(timeout=10)");
        self.line(&format!("    for publish in [{}]:", producers.join(", ")));
        self.line("        threading.Thread(target=publish, daemon=True).start()");
        self.line("    say('Running. Press Ctrl+C to stop.')");
        self.line("    try:");
        self.line("        while True:");
        self.line("            connection.process_data_events(time_limit=1)");
        self.line("    except KeyboardInterrupt:");
        self.line("        pass");
        self.line("    finally:");
        self.line("        connection.close()");
        self.line("");
        self.line("");
        self.line("if __name__ == '__main__':");
        self.line("    main()");
    }
}

/// The `BasicProperties` keywords of a producer's message.
pub(super) fn properties(m: &crate::scenario::MessageTemplate, reply_to: Option<String>) -> Vec<String> {
    let mut props = Vec::new();
    if m.persistent {
        props.push("delivery_mode=pika.DeliveryMode.Persistent".to_string());
    }
    if !m.headers.is_empty() {
        props.push(format!("headers={}", python::value(&Value::Object(m.headers.clone()))));
    }
    if let Some(e) = &m.expiration {
        props.push(format!("expiration={}", python::str_literal(e)));
    }
    if let Some(pr) = m.priority {
        props.push(format!("priority={pr}"));
    }
    if let Some(r) = reply_to {
        props.push(format!("reply_to={r}"));
    }
    if let Some(c) = &m.correlation_id {
        props.push(format!("correlation_id=fill({}, n)", python::str_literal(c)));
    }
    if let Some(id) = &m.message_id {
        props.push(format!("message_id=fill({}, n)", python::str_literal(id)));
    }
    props
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn schedule_text(s: &Schedule) -> String {
    let mut out = String::new();
    match s {
        Schedule::Manual => out.push_str("publishes one message"),
        Schedule::Once { at_ms } => {
            let _ = write!(out, "publishes one message after {} s", seconds(*at_ms));
        }
        Schedule::Burst { count, at_ms } => {
            let _ = write!(out, "publishes {count} messages at once after {} s", seconds(*at_ms));
        }
        Schedule::Every { every_ms, start_ms, count, .. } => {
            let times = count.map(|c| format!("{c} messages")).unwrap_or_else(|| "messages".to_string());
            let _ = write!(out, "publishes {times}, one every {} s from {} s", seconds(*every_ms), seconds(*start_ms));
        }
    }
    out
}
