//! Sensible unique names and ids for new nodes: `producer1`, `topic1`,
//! `queue1`, `consumer1`, ... (the first number not yet taken).

use crate::scenario::{ExchangeKind, NodeKind, Scenario};

/// The id prefix for a kind of node (`p`, `x`, `q`, `c`).
pub fn id_prefix(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Producer => "p",
        NodeKind::Exchange => "x",
        NodeKind::Queue => "q",
        NodeKind::Consumer => "c",
    }
}

/// The stem of a new node's name: the exchange type for exchanges, the kind
/// otherwise.
pub fn name_stem(kind: NodeKind, exchange: ExchangeKind) -> &'static str {
    match kind {
        NodeKind::Exchange => exchange.as_str(),
        other => other.as_str(),
    }
}

/// True when some node of `kind` in `s` is already called `name`.
pub fn name_taken(s: &Scenario, kind: NodeKind, name: &str) -> bool {
    match kind {
        NodeKind::Producer => s.producers.iter().any(|n| n.name == name),
        NodeKind::Exchange => name.is_empty() || name.starts_with("amq.") || s.exchanges.iter().any(|n| n.name == name),
        NodeKind::Queue => s.queues.iter().any(|n| n.name == name),
        NodeKind::Consumer => s.consumers.iter().any(|n| n.name == name),
    }
}

/// The first `stem1`, `stem2`, ... that no node of `kind` uses.
pub fn fresh_name(s: &Scenario, kind: NodeKind, stem: &str) -> String {
    (1..).map(|n| format!("{stem}{n}")).find(|name| !name_taken(s, kind, name)).expect("unbounded")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::QueueNode;

    #[test]
    fn names_skip_the_taken_ones() {
        let mut s = Scenario::default();
        assert_eq!(fresh_name(&s, NodeKind::Queue, "queue"), "queue1");
        s.queues.push(QueueNode { id: "q1".into(), name: "queue1".into(), ..Default::default() });
        assert_eq!(fresh_name(&s, NodeKind::Queue, "queue"), "queue2");
        assert_eq!(fresh_name(&s, NodeKind::Exchange, name_stem(NodeKind::Exchange, ExchangeKind::Topic)), "topic1");
    }
}
