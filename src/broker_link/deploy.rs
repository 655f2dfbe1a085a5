//! Deploying a scenario's topology: its definitions (as
//! [`crate::definitions::export()`] writes them) against the broker's, sorted
//! into what would be created, what exists identically and what exists
//! with other settings. The last are found by declaring Warren's version
//! over the broker's in the engine, so the refusal is RabbitMQ's own 406
//! text (`inequivalent arg 'durable' for queue 'q' ...`).

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::connection::{segment, vhost_path, Method, Request};
use crate::definitions::format::{BindingDef, Definitions, ExchangeDef, QueueDef};
use crate::engine::{AmqpError, Broker, ChannelId, ConnectionId, ExchangeDeclare, FieldTable, QueueDeclare};
use crate::i18n::Msg;

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An exchange.
    Exchange,
    /// A queue.
    Queue,
    /// A binding.
    Binding,
}

impl Kind {
    /// The word for it (`exchange`, `queue`, `binding`).
    pub fn word(self) -> Msg {
        match self {
            Kind::Exchange => msg!("broker-kind-exchange"),
            Kind::Queue => msg!("broker-kind-queue"),
            Kind::Binding => msg!("broker-kind-binding"),
        }
    }
}

impl Item {
    /// The object as a reader names it: `queue Orders`, `binding x → q`.
    pub fn label(&self) -> Msg {
        msg!("broker-item", kind = self.kind.word(), name = &self.name)
    }
}

/// One object of the topology and the request that creates it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// Exchange, queue or binding.
    pub kind: Kind,
    /// Its name (`orders`; a binding: `orders → q1 (key 'a.*')`).
    pub name: String,
    /// The request that creates it.
    #[serde(skip)]
    pub request: Request,
}

/// An object the broker has with other settings: RabbitMQ would refuse
/// to redeclare it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// The object.
    #[serde(flatten)]
    pub item: Item,
    /// The AMQP reply code (406).
    pub code: u16,
    /// RabbitMQ's text.
    pub text: String,
}

/// The preview of a deploy.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Plan {
    /// To be created, in the order to send them (exchanges, queues,
    /// bindings).
    pub create: Vec<Item>,
    /// Already there with the same settings.
    pub same: Vec<Item>,
    /// There with other settings (not sent).
    pub conflicts: Vec<Conflict>,
}

/// The plan for deploying `ours` to a vhost whose definitions are
/// `theirs` (`GET /api/definitions/{vhost}`).
pub fn plan(ours: &Definitions, theirs: &Definitions, vhost: &str) -> Plan {
    let mut engine = Loaded::new();
    for x in &theirs.exchanges {
        let _ = engine.exchange(x);
    }
    for q in &theirs.queues {
        let _ = engine.queue(q);
    }
    let mut plan = Plan::default();
    for x in &ours.exchanges {
        let item = Item { kind: Kind::Exchange, name: x.name.clone(), request: exchange_request(vhost, x) };
        let existing = theirs.exchanges.iter().any(|t| t.name == x.name);
        sort(&mut plan, vhost, item, existing, || engine.exchange(x));
    }
    for q in &ours.queues {
        let item = Item { kind: Kind::Queue, name: q.name.clone(), request: queue_request(vhost, q) };
        let existing = theirs.queues.iter().find(|t| t.name == q.name);
        let queue_type = |d: &QueueDef| queue_type(d).to_string();
        match existing {
            Some(t) if queue_type(t) != queue_type(q) => plan.conflicts.push(Conflict {
                item,
                code: 406,
                text: format!(
                    "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue '{}' in vhost '{vhost}': received '{}' but current is '{}'",
                    q.name,
                    queue_type(q),
                    queue_type(t)
                ),
            }),
            _ => sort(&mut plan, vhost, item, existing.is_some(), || engine.queue(q)),
        }
    }
    for b in &ours.bindings {
        let item = Item { kind: Kind::Binding, name: binding_name(b), request: binding_request(vhost, b) };
        if theirs.bindings.iter().any(|t| same_binding(t, b)) {
            plan.same.push(item);
        } else {
            plan.create.push(item);
        }
    }
    plan
}

/// Sorts an object into new, the same or refused (the engine's text, with
/// the engine's vhost `/` made the broker's).
fn sort(plan: &mut Plan, vhost: &str, item: Item, existing: bool, redeclare: impl FnOnce() -> Result<(), AmqpError>) {
    if !existing {
        plan.create.push(item);
        return;
    }
    match redeclare() {
        Ok(()) => plan.same.push(item),
        Err(e) => {
            let text = e.text.replace(" in vhost '/'", &format!(" in vhost '{vhost}'"));
            plan.conflicts.push(Conflict { item, code: e.code.code(), text })
        }
    }
}

/// A binding as a reader names it.
pub fn binding_name(b: &BindingDef) -> String {
    let mut s = format!("{} → {}", b.source, b.destination);
    if !b.routing_key.is_empty() {
        s.push_str(&format!(" (key '{}')", b.routing_key));
    }
    if !b.arguments.is_empty() {
        s.push_str(&format!(" {}", Value::Object(b.arguments.clone())));
    }
    s
}

fn same_binding(a: &BindingDef, b: &BindingDef) -> bool {
    a.source == b.source
        && a.destination == b.destination
        && a.destination_type == b.destination_type
        && a.routing_key == b.routing_key
        && a.arguments == b.arguments
}

fn queue_type(q: &QueueDef) -> &str {
    q.arguments.get("x-queue-type").and_then(Value::as_str).or(q.kind.as_deref()).unwrap_or("classic")
}

/// `PUT /api/exchanges/{vhost}/{name}`.
pub fn exchange_request(vhost: &str, x: &ExchangeDef) -> Request {
    Request::with_body(
        Method::Put,
        vhost_path("exchanges", vhost, Some(&x.name)),
        json!({"type": x.kind, "durable": x.durable, "auto_delete": x.auto_delete, "internal": x.internal,
               "arguments": Value::Object(x.arguments.clone())}),
    )
}

/// `PUT /api/queues/{vhost}/{name}`.
pub fn queue_request(vhost: &str, q: &QueueDef) -> Request {
    Request::with_body(
        Method::Put,
        vhost_path("queues", vhost, Some(&q.name)),
        json!({"durable": q.durable, "auto_delete": q.auto_delete, "arguments": Value::Object(q.arguments.clone())}),
    )
}

/// `POST /api/bindings/{vhost}/e/{source}/q|e/{destination}`.
pub fn binding_request(vhost: &str, b: &BindingDef) -> Request {
    let kind = if b.destination_type == "exchange" { "e" } else { "q" };
    Request::with_body(
        Method::Post,
        format!("/api/bindings/{}/e/{}/{kind}/{}", segment(vhost), segment(&b.source), segment(&b.destination)),
        json!({"routing_key": b.routing_key, "arguments": Value::Object(b.arguments.clone())}),
    )
}

/// An engine holding the broker's declarations, for redeclaring ours over
/// them: a refusal closes the channel, so a fresh one is opened for the
/// next declaration.
struct Loaded {
    broker: Broker,
    connection: ConnectionId,
    channel: Option<ChannelId>,
}

impl Loaded {
    fn new() -> Loaded {
        let mut broker = Broker::new();
        let connection = broker.open_connection("deploy preview");
        Loaded { broker, connection, channel: None }
    }

    fn channel(&mut self) -> Option<ChannelId> {
        if !self.broker.is_connection_open(self.connection) {
            self.connection = self.broker.open_connection("deploy preview");
        }
        match self.channel {
            Some(ch) if self.broker.is_channel_open(ch) => Some(ch),
            _ => {
                self.channel = self.broker.open_channel(self.connection).ok();
                self.channel
            }
        }
    }

    fn exchange(&mut self, x: &ExchangeDef) -> Result<(), AmqpError> {
        let Some(ch) = self.channel() else { return Ok(()) };
        let d = ExchangeDeclare {
            exchange: x.name.clone(),
            kind: x.kind.clone(),
            passive: false,
            durable: x.durable,
            auto_delete: x.auto_delete,
            internal: x.internal,
            arguments: table(&x.arguments),
        };
        self.broker.exchange_declare(ch, d)
    }

    fn queue(&mut self, q: &QueueDef) -> Result<(), AmqpError> {
        let Some(ch) = self.channel() else { return Ok(()) };
        let mut arguments = table(&q.arguments);
        // The engine models classic queues; the type is compared apart.
        arguments.remove("x-queue-type");
        let d = QueueDeclare {
            queue: q.name.clone(),
            passive: false,
            durable: q.durable,
            exclusive: false,
            auto_delete: q.auto_delete,
            arguments,
        };
        self.broker.queue_declare(ch, d).map(|_| ())
    }
}

fn table(args: &Map<String, Value>) -> FieldTable {
    FieldTable::from_json(&Value::Object(args.clone())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Definitions {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_plan_sorts_new_same_and_refused() {
        let ours = defs(
            r#"{"exchanges":[{"name":"logs","type":"fanout","durable":true},{"name":"new","type":"topic"}],
                "queues":[{"name":"q1","durable":true,"arguments":{"x-message-ttl":1000}},{"name":"q2","durable":true},
                          {"name":"q3"}],
                "bindings":[{"source":"logs","destination":"q1","destination_type":"queue","routing_key":""},
                            {"source":"new","destination":"q2","destination_type":"queue","routing_key":"a.*"}]}"#,
        );
        let theirs = defs(
            r#"{"exchanges":[{"name":"logs","type":"fanout","durable":true,"auto_delete":false,"internal":false,"arguments":{}}],
                "queues":[{"name":"q1","durable":true,"arguments":{"x-message-ttl":1000}},{"name":"q2","durable":false},
                          {"name":"q3","arguments":{"x-queue-type":"quorum"}}],
                "bindings":[{"source":"logs","destination":"q1","destination_type":"queue","routing_key":"","arguments":{}}]}"#,
        );
        let p = plan(&ours, &theirs, "/");
        let names = |items: &[Item]| items.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&p.create), ["new", "new → q2 (key 'a.*')"]);
        assert_eq!(p.create[1].label().english(), "binding new → q2 (key 'a.*')");
        assert_eq!(p.create[1].label().render(crate::i18n::Lang::Zh), "绑定 new → q2 (key 'a.*')");
        assert_eq!(names(&p.same), ["logs", "q1", "logs → q1"]);
        assert_eq!(p.conflicts.len(), 2, "{:?}", p.conflicts);
        assert_eq!(p.conflicts[0].code, 406);
        assert!(
            p.conflicts[0].text.contains("inequivalent arg 'durable' for queue 'q2'"),
            "the engine's RabbitMQ text: {}",
            p.conflicts[0].text
        );
        assert!(p.conflicts[1].text.contains("'x-queue-type'") && p.conflicts[1].text.contains("'quorum'"));
        let b = &p.create[1].request;
        assert_eq!((b.method, b.path.as_str()), (Method::Post, "/api/bindings/%2F/e/new/q/q2"));
        assert_eq!(p.create[0].request.body.as_ref().unwrap()["type"], "topic");
    }

    #[test]
    fn a_changed_exchange_type_is_refused_with_rabbitmqs_text() {
        let ours = defs(r#"{"exchanges":[{"name":"x","type":"direct"}]}"#);
        let theirs = defs(r#"{"exchanges":[{"name":"x","type":"topic"}]}"#);
        let p = plan(&ours, &theirs, "dev");
        assert_eq!(p.conflicts.len(), 1);
        assert!(p.conflicts[0].text.starts_with("PRECONDITION_FAILED - inequivalent arg 'type'"), "{:?}", p.conflicts);
        assert!(
            p.conflicts[0].text.contains("for exchange 'x' in vhost 'dev'"),
            "the broker's vhost: {:?}",
            p.conflicts
        );
        assert_eq!(p.conflicts[0].item.request.path, "/api/exchanges/dev/x");
    }
}
