//! Which connections the canvas accepts, and what each one means in the
//! scenario: producer → exchange (it publishes there), exchange → queue or
//! exchange (a binding), queue → consumer (it consumes). Anything else is
//! refused with a reason a learner can act on.

use serde_json::{Map, Value};

use crate::scenario::{BindingEdge, ExchangeKind, NodeKind, Scenario};

/// What a connection did to the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Connected {
    /// The producer now publishes to the exchange.
    Publishes,
    /// A binding was added, with this id.
    Binding(String),
    /// The consumer now consumes from the queue.
    Consumes,
}

/// The binding key (and arguments) a new binding from `from` to `to` starts
/// with: the destination's name for direct exchanges, `#` for topic,
/// nothing for fanout, `x-match: all` for headers.
pub fn default_binding(s: &Scenario, from: &str, to: &str) -> (String, Map<String, Value>) {
    let kind = s.exchange(from).map(|x| x.kind).unwrap_or(ExchangeKind::Direct);
    let dest_name =
        s.queue(to).map(|q| q.name.clone()).or_else(|| s.exchange(to).map(|x| x.name.clone())).unwrap_or_default();
    match kind {
        ExchangeKind::Direct => (dest_name, Map::new()),
        ExchangeKind::Topic => ("#".to_string(), Map::new()),
        ExchangeKind::Fanout => (String::new(), Map::new()),
        ExchangeKind::Headers => {
            let mut args = Map::new();
            args.insert("x-match".into(), Value::String("all".into()));
            (String::new(), args)
        }
    }
}

fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Producer => "a producer",
        NodeKind::Exchange => "an exchange",
        NodeKind::Queue => "a queue",
        NodeKind::Consumer => "a consumer",
    }
}

/// Why a connection from a `from` node to a `to` node is refused, or `None`
/// when the pair is one the canvas accepts.
pub fn refusal(from: NodeKind, to: NodeKind) -> Option<String> {
    use NodeKind::*;
    let why = match (from, to) {
        (Producer, Exchange) | (Exchange, Queue) | (Exchange, Exchange) | (Queue, Consumer) => return None,
        (Producer, Queue) => "A producer never publishes straight to a queue: it publishes to an exchange. \
             Connect it to the default exchange and set its routing key to the queue's name to reach this queue."
            .to_string(),
        (Producer, _) => format!("A producer publishes to an exchange, not to {}.", label(to)),
        (Exchange, _) => {
            format!("An exchange routes to queues (or other exchanges) through bindings, not to {}.", label(to))
        }
        (Queue, Exchange) => "A queue does not publish to exchanges. To send its rejected or expired messages on, \
             set its dead-letter exchange in the inspector."
            .to_string(),
        (Queue, _) => format!("A queue delivers to consumers, not to {}.", label(to)),
        (Consumer, _) => "A consumer is where messages end: connect a queue to it instead.".to_string(),
    };
    Some(why)
}

/// Connects node `from` to node `to` in `s`, or says why not (the scenario
/// is unchanged then).
pub fn connect(s: &mut Scenario, from: &str, to: &str) -> Result<Connected, String> {
    let (Some(fk), Some(tk)) = (s.kind_of(from), s.kind_of(to)) else {
        return Err("That node no longer exists.".to_string());
    };
    if from == to {
        return Err(format!("Connect {} to another node, not to itself.", label(fk)));
    }
    if let Some(why) = refusal(fk, tk) {
        return Err(why);
    }
    match (fk, tk) {
        (NodeKind::Producer, NodeKind::Exchange) => {
            let p = s.producers.iter_mut().find(|p| p.id == from).expect("kind_of found it");
            if p.exchange.as_deref() == Some(to) {
                return Err("This producer already publishes to that exchange.".to_string());
            }
            p.exchange = Some(to.to_string());
            Ok(Connected::Publishes)
        }
        (NodeKind::Queue, NodeKind::Consumer) => {
            let c = s.consumers.iter_mut().find(|c| c.id == to).expect("kind_of found it");
            if c.queue.as_deref() == Some(from) {
                return Err("This consumer already consumes from that queue.".to_string());
            }
            c.queue = Some(from.to_string());
            Ok(Connected::Consumes)
        }
        _ => {
            let (routing_key, arguments) = default_binding(s, from, to);
            let dup = s
                .bindings
                .iter()
                .any(|b| b.from == from && b.to == to && b.routing_key == routing_key && b.arguments == arguments);
            if dup {
                let key = if routing_key.is_empty() {
                    "an empty key".to_string()
                } else {
                    format!("the key '{routing_key}'")
                };
                return Err(format!(
                    "These two are already bound with {key}. Select that binding and change its key first, \
                     then connect again to add another key."
                ));
            }
            // A binding from the default exchange is kept: the engine refuses
            // it (403 ACCESS_REFUSED) and the canvas shows that next to it.
            let id = s.fresh_binding_id();
            s.bindings.push(BindingEdge {
                id: id.clone(),
                from: from.to_string(),
                to: to.to_string(),
                routing_key,
                arguments,
            });
            Ok(Connected::Binding(id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{ConsumerNode, ExchangeNode, ProducerNode, QueueNode};

    fn scenario() -> Scenario {
        let mut s = Scenario::default();
        s.exchanges.push(ExchangeNode {
            id: "x1".into(),
            name: "topic1".into(),
            kind: ExchangeKind::Topic,
            durable: false,
            auto_delete: false,
            internal: false,
            alternate_exchange: None,
            arguments: Map::new(),
            x: 0.0,
            y: 0.0,
        });
        s.queues.push(QueueNode { id: "q1".into(), name: "queue1".into(), ..Default::default() });
        s.producers.push(ProducerNode {
            id: "p1".into(),
            name: "producer1".into(),
            exchange: None,
            message: Default::default(),
            schedule: Default::default(),
            x: 0.0,
            y: 0.0,
        });
        s.consumers.push(ConsumerNode {
            id: "c1".into(),
            name: "consumer1".into(),
            queue: None,
            ack: Default::default(),
            prefetch: 0,
            processing_ms: 0,
            outcome: Default::default(),
            crash_after: None,
            reply: false,
            exclusive: false,
            priority: None,
            same_client_as: None,
            stream_offset: None,
            x: 0.0,
            y: 0.0,
        });
        s
    }

    #[test]
    fn the_four_connections_change_the_scenario() {
        let mut s = scenario();
        assert_eq!(connect(&mut s, "p1", "x1"), Ok(Connected::Publishes));
        assert_eq!(s.producers[0].exchange.as_deref(), Some("x1"));
        assert_eq!(connect(&mut s, "x1", "q1"), Ok(Connected::Binding("b1".into())));
        assert_eq!(s.bindings[0].routing_key, "#");
        assert_eq!(connect(&mut s, "q1", "c1"), Ok(Connected::Consumes));
        assert_eq!(s.consumers[0].queue.as_deref(), Some("q1"));
        assert_eq!(connect(&mut s, "x1", "default"), Ok(Connected::Binding("b2".into())));
        // The default exchange may be the source: the engine refuses it with 403.
        assert_eq!(connect(&mut s, "default", "q1"), Ok(Connected::Binding("b3".into())));
        assert_eq!(s.bindings[2].routing_key, "queue1");
    }

    #[test]
    fn wrong_pairs_are_refused_with_a_reason_and_change_nothing() {
        let mut s = scenario();
        let before = s.clone();
        for (from, to, why) in [
            ("p1", "q1", "never publishes straight to a queue"),
            ("p1", "c1", "not to a consumer"),
            ("q1", "x1", "dead-letter exchange"),
            ("c1", "q1", "where messages end"),
            ("x1", "x1", "not to itself"),
            ("x1", "p1", "not to a producer"),
            ("nope", "q1", "no longer exists"),
        ] {
            let e = connect(&mut s, from, to).unwrap_err();
            assert!(e.contains(why), "{from} -> {to}: {e}");
        }
        assert_eq!(s, before);
        connect(&mut s, "x1", "q1").unwrap();
        assert!(connect(&mut s, "x1", "q1").unwrap_err().contains("already bound"));
    }
}
