//! Which connections the canvas accepts, and what each one means in the
//! scenario: producer → exchange (it publishes there), exchange → queue or
//! exchange (a binding), queue → consumer (it consumes). Anything else is
//! refused with a reason a learner can act on.

use serde_json::{Map, Value};

use crate::i18n::Msg;
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

/// "a producer", "an exchange", ...: the kind as a phrase inside a sentence.
fn label(kind: NodeKind) -> Msg {
    msg!("editor-kind-article", kind = kind.as_str())
}

/// Why a connection from a `from` node to a `to` node is refused, or `None`
/// when the pair is one the canvas accepts.
pub fn refusal(from: NodeKind, to: NodeKind) -> Option<Msg> {
    use NodeKind::*;
    let why = match (from, to) {
        (Producer, Exchange) | (Exchange, Queue) | (Exchange, Exchange) | (Queue, Consumer) => return None,
        (Producer, Queue) => msg!("editor-connect-producer-queue"),
        (Producer, _) => msg!("editor-connect-producer-other", to = label(to)),
        (Exchange, _) => msg!("editor-connect-exchange-other", to = label(to)),
        (Queue, Exchange) => msg!("editor-connect-queue-exchange"),
        (Queue, _) => msg!("editor-connect-queue-other", to = label(to)),
        (Consumer, _) => msg!("editor-connect-consumer"),
    };
    Some(why)
}

/// Connects node `from` to node `to` in `s`, or says why not (the scenario
/// is unchanged then).
pub fn connect(s: &mut Scenario, from: &str, to: &str) -> Result<Connected, Msg> {
    let (Some(fk), Some(tk)) = (s.kind_of(from), s.kind_of(to)) else {
        return Err(msg!("editor-connect-gone"));
    };
    if from == to {
        return Err(msg!("editor-connect-itself", node = label(fk)));
    }
    if let Some(why) = refusal(fk, tk) {
        return Err(why);
    }
    match (fk, tk) {
        (NodeKind::Producer, NodeKind::Exchange) => {
            let Some(p) = s.producers.iter_mut().find(|p| p.id == from) else {
                return Err(msg!("editor-connect-gone"));
            };
            if p.exchange.as_deref() == Some(to) {
                return Err(msg!("editor-connect-publishes-already"));
            }
            p.exchange = Some(to.to_string());
            Ok(Connected::Publishes)
        }
        (NodeKind::Queue, NodeKind::Consumer) => {
            let Some(c) = s.consumers.iter_mut().find(|c| c.id == to) else { return Err(msg!("editor-connect-gone")) };
            if c.queue.as_deref() == Some(from) {
                return Err(msg!("editor-connect-consumes-already"));
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
                    msg!("editor-key-empty")
                } else {
                    msg!("editor-key-named", key = routing_key.as_str())
                };
                return Err(msg!("editor-connect-bound-already", key = key));
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
            let e = connect(&mut s, from, to).unwrap_err().english();
            assert!(e.contains(why), "{from} -> {to}: {e}");
        }
        assert_eq!(s, before);
        connect(&mut s, "x1", "q1").unwrap();
        assert!(connect(&mut s, "x1", "q1").unwrap_err().english().contains("already bound"));
    }

    #[test]
    fn refusals_read_in_chinese_with_the_kinds_named() {
        use crate::i18n::Lang;
        let why = refusal(NodeKind::Exchange, NodeKind::Producer).unwrap();
        assert_eq!(
            why.english(),
            "An exchange routes to queues (or other exchanges) through bindings, not to a producer."
        );
        assert_eq!(why.render(Lang::Zh), "交换机通过绑定把消息路由到队列（或其他交换机），不能连到生产者。");
        let mut s = scenario();
        connect(&mut s, "x1", "q1").unwrap();
        let dup = connect(&mut s, "x1", "q1").unwrap_err().render(Lang::Zh);
        assert!(dup.starts_with("这两者之间已经有一个使用"), "{dup}");
    }
}
