//! Publishing one message to the real broker through the management API
//! (`POST /api/exchanges/{vhost}/{name}/publish`): the message built from
//! a producer's template or from the route tester's key and headers, and
//! the broker's answer (`{"routed": true}`) in words, beside Warren's own
//! routing of the same message.

use serde_json::{json, Map, Value};

use super::connection::{vhost_path, Method, Request};
use super::Failure;
use crate::engine::FieldTable;
use crate::i18n::Msg;
use crate::scenario::Scenario;
use crate::simulation::Simulation;

/// The name the management API gives the default exchange in paths.
pub const DEFAULT_EXCHANGE_PATH_NAME: &str = "amq.default";

/// One message to publish through the API.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outgoing {
    /// Exchange name (`""`: the default exchange).
    pub exchange: String,
    /// Routing key.
    pub routing_key: String,
    /// The basic properties as the API writes them (`delivery_mode`,
    /// `headers`, `expiration`, ...).
    pub properties: Map<String, Value>,
    /// The body, as text.
    pub payload: String,
    /// What of the message the API cannot send, in words.
    pub left_out: Vec<Msg>,
}

impl Outgoing {
    /// A message with a key, headers (none: no `headers` property) and body.
    pub fn new(exchange: &str, routing_key: &str, headers: &Map<String, Value>, payload: &str) -> Outgoing {
        let mut properties = Map::new();
        if !headers.is_empty() {
            properties.insert("headers".into(), Value::Object(headers.clone()));
        }
        Outgoing {
            exchange: exchange.to_string(),
            routing_key: routing_key.to_string(),
            properties,
            payload: payload.to_string(),
            left_out: Vec::new(),
        }
    }

    /// The request that publishes it in `vhost`.
    pub fn request(&self, vhost: &str) -> Request {
        let body = json!({
            "properties": Value::Object(self.properties.clone()),
            "routing_key": self.routing_key,
            "payload": self.payload,
            "payload_encoding": "string",
        });
        Request::with_body(Method::Post, publish_path(vhost, &self.exchange), body)
    }

    /// The exchange as people read it (`(default)` for `""`).
    pub fn exchange_label(&self) -> Msg {
        exchange_label(&self.exchange)
    }
}

/// `(default)` (in the page's language) for the default exchange, else
/// the name as it is.
pub fn exchange_label(name: &str) -> Msg {
    if name.is_empty() {
        msg!("broker-default-exchange")
    } else {
        crate::i18n::Msg::verbatim(name)
    }
}

/// The path a publish goes to: the default exchange is `amq.default`.
pub fn publish_path(vhost: &str, exchange: &str) -> String {
    let name = if exchange.is_empty() { DEFAULT_EXCHANGE_PATH_NAME } else { exchange };
    format!("{}/publish", vhost_path("exchanges", vhost, Some(name)))
}

/// Producer `id`'s message as its `n`-th publish (`{n}` in the body,
/// correlation_id and message_id becomes `n`), or why it cannot be sent.
pub fn from_producer(scenario: &Scenario, id: &str, n: u64) -> Result<Outgoing, Msg> {
    let p = scenario.producer(id).ok_or_else(|| msg!("broker-publish-no-producer", id = id))?;
    let exchange = p
        .exchange
        .as_deref()
        .and_then(|x| scenario.exchange_name(x))
        .ok_or_else(|| msg!("broker-publish-not-connected"))?;
    let m = &p.message;
    let fill = |s: &str| s.replace("{n}", &n.to_string());
    let mut out = Outgoing::new(exchange, &m.routing_key, &m.headers, &fill(&m.body));
    let mut set = |k: &str, v: Value| {
        out.properties.insert(k.to_string(), v);
    };
    if m.persistent {
        set("delivery_mode", json!(2));
    }
    if let Some(e) = &m.expiration {
        set("expiration", json!(e));
    }
    if let Some(pr) = m.priority {
        set("priority", json!(pr));
    }
    if let Some(c) = &m.correlation_id {
        set("correlation_id", json!(fill(c)));
    }
    if let Some(i) = &m.message_id {
        set("message_id", json!(fill(i)));
    }
    match reply_to(scenario, &m.reply_to_queue, &m.reply_to) {
        Ok(Some(r)) => set("reply_to", json!(r)),
        Ok(None) => {}
        Err(why) => out.left_out.push(why),
    }
    if m.mandatory {
        out.left_out.push(msg!("broker-publish-no-mandatory"));
    }
    Ok(out)
}

/// The reply_to to send: a queue on the canvas by its name, else the
/// literal; a server-named queue has no name the broker would know.
fn reply_to(scenario: &Scenario, queue: &Option<String>, literal: &Option<String>) -> Result<Option<String>, Msg> {
    match queue.as_deref().map(|id| scenario.queue(id)) {
        Some(Some(q)) if !q.name.is_empty() => Ok(Some(q.name.clone())),
        Some(Some(_)) => Err(msg!("broker-publish-reply-to-server-named")),
        Some(None) | None => Ok(literal.clone()),
    }
}

/// The route tester's message: exchange node `exchange_id`, a key, the
/// headers typed (an empty body).
pub fn from_route_tester(
    scenario: &Scenario,
    exchange_id: &str,
    routing_key: &str,
    headers: &Map<String, Value>,
) -> Result<Outgoing, Msg> {
    let exchange =
        scenario.exchange_name(exchange_id).ok_or_else(|| msg!("broker-publish-no-exchange", id = exchange_id))?;
    Ok(Outgoing::new(exchange, routing_key, headers, ""))
}

/// Whether Warren's broker, as the simulation has it now, routes the
/// message to at least one queue.
pub fn warren_routes(sim: &Simulation, message: &Outgoing) -> bool {
    let headers = match message.properties.get("headers") {
        Some(h @ Value::Object(_)) => FieldTable::from_json(h),
        _ => None,
    };
    !sim.broker().route(&message.exchange, &message.routing_key, headers.as_ref()).queues.is_empty()
}

/// What the broker said, beside what Warren predicted.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The exchange as shown.
    pub exchange: Msg,
    /// The broker's `routed`.
    pub routed: bool,
    /// Whether Warren routes the same message to at least one queue.
    pub warren_routed: bool,
    /// What of the message was not sent.
    pub left_out: Vec<Msg>,
}

impl Answer {
    /// The broker's answer in one line.
    pub fn text(&self) -> Msg {
        if self.routed {
            msg!("broker-publish-routed", exchange = self.exchange.clone())
        } else {
            msg!("broker-publish-not-routed", exchange = self.exchange.clone())
        }
    }

    /// Whether Warren agrees, in one line.
    pub fn comparison(&self) -> Msg {
        match (self.routed, self.warren_routed) {
            (true, true) | (false, false) => msg!("broker-publish-warren-same"),
            (true, false) => msg!("broker-publish-warren-nowhere"),
            (false, true) => msg!("broker-publish-warren-routes"),
        }
    }

    /// Whether the broker and Warren agree.
    pub fn agrees(&self) -> bool {
        self.routed == self.warren_routed
    }
}

/// Reads the publish's answer body.
pub fn read_answer(message: &Outgoing, body: &str, warren_routed: bool) -> Result<Answer, Failure> {
    let published: super::answers::Published = super::answers::read("publish", body)?;
    Ok(Answer {
        exchange: message.exchange_label(),
        routed: published.routed,
        warren_routed,
        left_out: message.left_out.clone(),
    })
}

/// A failed publish in plain words: an exchange the vhost lacks is a 404
/// (RabbitMQ 3.10 answers 400 with the channel's `404 NOT_FOUND - no
/// exchange ...`).
pub fn failure(f: Failure, message: &Outgoing, vhost: &str) -> Failure {
    match f {
        Failure::Http { status, reason } if status == 404 || reason.contains("NOT_FOUND - no exchange") => {
            Failure::NoSuchExchange { exchange: message.exchange_label(), vhost: vhost.to_string() }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{MessageTemplate, ProducerNode};

    fn lesson(slug: &str) -> Scenario {
        crate::lessons::by_slug(slug).unwrap().scenario
    }

    #[test]
    fn the_default_exchange_is_named_in_the_pages_language() {
        use crate::i18n::Lang;
        assert_eq!(exchange_label("").english(), "(default)");
        assert_eq!(exchange_label("").render(Lang::Zh), "（默认）");
        assert_eq!(exchange_label("amq.topic").render(Lang::Zh), "amq.topic");
        let out = Outgoing::new("", "q", &Map::new(), "hi");
        let f = failure(Failure::Http { status: 404, reason: "Not Found".into() }, &out, "/");
        assert_eq!(f.title().english(), "The broker's vhost / has no exchange '(default)' (404 Not Found).");
        assert_eq!(f.title().render(Lang::Zh), "Broker 的虚拟主机 / 中没有交换机 '（默认）'（404 Not Found）。");
        let answer = read_answer(&out, r#"{"routed": true}"#, true).unwrap();
        assert!(
            answer.text().render(Lang::Zh).contains("从 （默认） 收到了它（routed: true）"),
            "{}",
            answer.text().render(Lang::Zh)
        );
    }

    #[test]
    fn the_default_exchange_is_amq_default_in_the_path() {
        assert_eq!(publish_path("/", ""), "/api/exchanges/%2F/amq.default/publish");
        assert_eq!(publish_path("dev", "a b"), "/api/exchanges/dev/a%20b/publish");
        let r = Outgoing::new("", "q", &Map::new(), "hi").request("/");
        assert_eq!(r.method, Method::Post);
        let body = r.body.unwrap();
        assert_eq!(body, json!({"properties": {}, "routing_key": "q", "payload": "hi", "payload_encoding": "string"}));
    }

    #[test]
    fn a_producers_template_becomes_the_message_with_its_properties() {
        let mut s = lesson("topics");
        let id = s.producers[0].id.clone();
        let x = s.producers[0].exchange.clone().unwrap();
        let mut headers = Map::new();
        headers.insert("format".into(), json!("pdf"));
        s.producers[0].message = MessageTemplate {
            routing_key: "kern.critical".into(),
            body: "disk {n} full".into(),
            headers,
            persistent: true,
            expiration: Some("60000".into()),
            priority: Some(3),
            correlation_id: Some("req-{n}".into()),
            reply_to: Some("answers".into()),
            ..Default::default()
        };
        let out = from_producer(&s, &id, 7).unwrap();
        assert_eq!(out.exchange, s.exchange_name(&x).unwrap());
        assert_eq!((out.routing_key.as_str(), out.payload.as_str()), ("kern.critical", "disk 7 full"));
        let p = Value::Object(out.properties.clone());
        assert_eq!(p["delivery_mode"], 2);
        assert_eq!(p["expiration"], "60000");
        assert_eq!(p["priority"], 3);
        assert_eq!(p["correlation_id"], "req-7");
        assert_eq!(p["reply_to"], "answers");
        assert_eq!(p["headers"]["format"], "pdf");
        assert!(out.left_out.is_empty());
    }

    #[test]
    fn what_cannot_be_sent_is_said() {
        let mut s = lesson("rpc");
        s.queues[0].name = String::new();
        let q = s.queues[0].id.clone();
        let p = &mut s.producers[0];
        p.message.mandatory = true;
        p.message.reply_to_queue = Some(q);
        let out = from_producer(&s, &s.producers[0].id.clone(), 1).unwrap();
        assert!(out.left_out.iter().any(|w| w.english().starts_with("mandatory")), "{:?}", out.left_out);
        assert!(out.left_out.iter().any(|w| w.english().contains("server-named")), "{:?}", out.left_out);
        assert!(!out.properties.contains_key("reply_to"));
        s.queues[0].name = "answers".into();
        let named = from_producer(&s, &s.producers[0].id.clone(), 1).unwrap();
        assert_eq!(named.properties["reply_to"], "answers", "a named queue is sent by its name");
        let loose = ProducerNode { exchange: None, ..s.producers[0].clone() };
        s.producers[0] = loose;
        let err = from_producer(&s, &s.producers[0].id.clone(), 1).unwrap_err().english();
        assert!(err.contains("not connected to an exchange"), "{err}");
        assert!(from_producer(&s, "nope", 1).unwrap_err().english().contains("no producer 'nope'"));
    }

    #[test]
    fn the_route_testers_message_and_the_answer() {
        let s = lesson("headers");
        let x = s.exchanges.iter().find(|x| x.kind == crate::scenario::ExchangeKind::Headers).unwrap();
        let mut h = Map::new();
        h.insert("format".into(), json!("pdf"));
        let out = from_route_tester(&s, &x.id, "", &h).unwrap();
        assert_eq!(out.exchange, x.name);
        assert_eq!(out.properties["headers"]["format"], "pdf");
        assert!(from_route_tester(&s, "x404", "", &h).is_err());
        let a = read_answer(&out, r#"{"routed":true}"#, true).unwrap();
        assert!(a.text().english().contains("routed: true") && a.agrees(), "{}", a.text().english());
        let b = read_answer(&out, r#"{"routed":false}"#, true).unwrap();
        assert!(b.text().english().contains("did not route") && !b.agrees());
        assert!(b.comparison().english().contains("deploy"), "{}", b.comparison().english());
        let zh = b.text().render(crate::i18n::Lang::Zh);
        assert!(zh.contains("routed: false") && zh.contains(&x.name) && zh.contains("路由"), "{zh}");
        assert_eq!(read_answer(&out, "[]", true).unwrap_err().code(), "bad_answer");
        let sim = Simulation::new(s.clone());
        assert!(warren_routes(&sim, &out), "format=pdf reaches a queue in the headers lesson");
        assert!(!warren_routes(&sim, &Outgoing::new(&x.name, "", &Map::new(), "")));
    }

    #[test]
    fn a_missing_exchange_is_said_plainly() {
        let out = Outgoing::new("orders", "", &Map::new(), "");
        let f = failure(Failure::Http { status: 404, reason: "Not Found".into() }, &out, "dev");
        assert_eq!(f.code(), "no_such_exchange");
        let title = f.title().english();
        assert!(title.contains("'orders'") && title.contains("dev"), "{title}");
        assert!(f.advice().iter().any(|l| l.render(crate::i18n::Lang::En).contains("Deploy")));
        let channel = "404 NOT_FOUND - no exchange 'orders' in vhost 'dev'".to_string();
        assert_eq!(failure(Failure::Http { status: 400, reason: channel }, &out, "dev").code(), "no_such_exchange");
        let other = Failure::Http { status: 400, reason: "bad_request".into() };
        assert_eq!(failure(other.clone(), &out, "dev"), other);
        assert_eq!(failure(Failure::LoginFailed, &out, "dev"), Failure::LoginFailed);
    }
}
