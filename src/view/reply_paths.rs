//! The path an RPC server's replies take, so the canvas can draw it: a
//! consumer that replies publishes each answer to the default exchange
//! with the request's `reply_to` as the routing key, and the default
//! exchange delivers it to the queue of that name. Nothing in the scenario
//! draws that path (it is no binding and no producer), so without it the
//! reply dots would appear from nowhere.
//!
//! [`default_routes`] are the default exchange's routes for producers
//! that publish to it, drawn for the same reason.
//!
//! The routing key comes from the requests: the producers whose messages
//! reach the consumer's queue (routed by the broker as it is now) and
//! carry a `reply_to`, either a literal name or a queue node (resolved to
//! the broker's name, `amq.gen-…` for a server-named queue).

use crate::scenario::{Scenario, DEFAULT_EXCHANGE_ID};
use crate::simulation::Simulation;

/// One reply path: consumer → exchange (→ the reply queue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyPath {
    /// The consumer node that replies.
    pub consumer: String,
    /// The exchange node it publishes its replies through.
    pub exchange: String,
    /// The routing key of its replies (the requests' `reply_to`), when a
    /// producer's requests reach it; `None` when no request says yet.
    pub routing_key: Option<String>,
    /// The queue node the replies land in, when it is on the canvas.
    pub queue: Option<String>,
}

impl ReplyPath {
    /// The reply edge's label: `reply_to = amq.gen-…`.
    pub fn label(&self) -> String {
        match &self.routing_key {
            Some(k) => format!("reply_to = {k}"),
            None => "reply_to".to_string(),
        }
    }
}

/// Every reply path of the scenario, one per replying consumer and reply
/// key, in the order of the consumers.
pub fn reply_paths(s: &Scenario, sim: &Simulation) -> Vec<ReplyPath> {
    let mut out = Vec::new();
    for c in s.consumers.iter().filter(|c| c.reply) {
        let start = out.len();
        let queue_name = c.queue.as_deref().and_then(|q| sim.queue_name(q));
        for p in &s.producers {
            let m = &p.message;
            let reply_to = match (&m.reply_to_queue, &m.reply_to) {
                (Some(q), _) => sim.queue_name(q).map(|n| (n.to_string(), Some(q.clone()))),
                (None, Some(name)) => Some((name.clone(), sim.node_for_queue(name).map(str::to_string))),
                (None, None) => None,
            };
            let Some((key, queue)) = reply_to else { continue };
            let Some(exchange) = p.exchange.as_deref().and_then(|x| s.exchange_name(x)) else { continue };
            let headers = (!m.headers.is_empty())
                .then(|| crate::engine::FieldTable::from_json(&serde_json::Value::Object(m.headers.clone())))
                .flatten();
            let route = sim.broker().route(exchange, &m.routing_key, headers.as_ref());
            let reaches = queue_name.is_some_and(|q| route.queues.iter().any(|r| r == q));
            let path = ReplyPath {
                consumer: c.id.clone(),
                exchange: DEFAULT_EXCHANGE_ID.to_string(),
                routing_key: Some(key),
                queue,
            };
            if reaches && !out[start..].contains(&path) {
                out.push(path);
            }
        }
        if out.len() == start {
            out.push(ReplyPath {
                consumer: c.id.clone(),
                exchange: DEFAULT_EXCHANGE_ID.to_string(),
                routing_key: None,
                queue: None,
            });
        }
    }
    out
}

/// The routes the default exchange takes for the producers that publish
/// to it: the queue nodes their routing keys name, each once. The default exchange has no bindings on the canvas, so without
/// these a message would leave it for its queue along no edge.
pub fn default_routes(s: &Scenario, sim: &Simulation) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in s.producers.iter().filter(|p| p.exchange.as_deref() == Some(DEFAULT_EXCHANGE_ID)) {
        if let Some(q) = sim.node_for_queue(&p.message.routing_key) {
            if !out.iter().any(|o| o == q) {
                out.push(q.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons;

    #[test]
    fn the_rpc_server_replies_through_the_default_exchange_to_the_clients_queue() {
        let s = lessons::by_slug("rpc").unwrap().scenario;
        let sim = Simulation::new(s.clone());
        let paths = reply_paths(&s, &sim);
        let name = sim.queue_name("reply").expect("declared").to_string();
        assert!(name.starts_with("amq.gen-"), "{name}");
        assert_eq!(
            paths,
            [ReplyPath {
                consumer: "server".into(),
                exchange: DEFAULT_EXCHANGE_ID.into(),
                routing_key: Some(name.clone()),
                queue: Some("reply".into()),
            }]
        );
        assert_eq!(paths[0].label(), format!("reply_to = {name}"));
    }

    #[test]
    fn the_default_exchange_routes_each_producer_to_the_queue_its_key_names() {
        let s = lessons::by_slug("rpc").unwrap().scenario;
        assert_eq!(default_routes(&s, &Simulation::new(s.clone())), ["rpc_queue"]);
        let s = lessons::by_slug("work-queues").unwrap().scenario;
        assert_eq!(default_routes(&s, &Simulation::new(s.clone())), ["task_queue"]);
        let s = lessons::by_slug("routing").unwrap().scenario;
        assert!(default_routes(&s, &Simulation::new(s.clone())).is_empty(), "no producer uses the default exchange");
    }

    #[test]
    fn the_reply_key_follows_the_requests_that_reach_the_consumer() {
        let mut s = lessons::by_slug("rpc").unwrap().scenario;
        // Requests that no longer reach the server's queue say nothing of its replies.
        s.producers[0].message.routing_key = "elsewhere".into();
        let sim = Simulation::new(s.clone());
        assert_eq!(reply_paths(&s, &sim)[0].routing_key, None);
        assert_eq!(reply_paths(&s, &sim)[0].label(), "reply_to");
        // A literal reply_to names the queue by its name.
        s.producers[0].message.routing_key = "rpc_queue".into();
        s.producers[0].message.reply_to_queue = None;
        s.producers[0].message.reply_to = Some("rpc_queue".into());
        let sim = Simulation::new(s.clone());
        let p = &reply_paths(&s, &sim)[0];
        assert_eq!((p.routing_key.as_deref(), p.queue.as_deref()), (Some("rpc_queue"), Some("rpc_queue")));
        // A consumer that does not reply has no path.
        s.consumers.iter_mut().for_each(|c| c.reply = false);
        assert!(reply_paths(&s, &Simulation::new(s.clone())).is_empty());
    }
}
