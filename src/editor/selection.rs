//! What is selected on the canvas: nodes, or one edge; and the edges
//! themselves (publish, binding, consume), named by stable ids.

use std::collections::BTreeSet;

use crate::scenario::Scenario;

/// An edge on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Edge {
    /// Producer (by id) → the exchange it publishes to.
    Publish(String),
    /// A binding, by its id.
    Binding(String),
    /// Queue → consumer (by id) that consumes from it.
    Consume(String),
}

impl Edge {
    /// The node ids at the two ends, if the edge exists in `s`.
    pub fn ends(&self, s: &Scenario) -> Option<(String, String)> {
        match self {
            Edge::Publish(p) => Some((p.clone(), s.producer(p)?.exchange.clone()?)),
            Edge::Binding(id) => s.binding(id).map(|b| (b.from.clone(), b.to.clone())),
            Edge::Consume(c) => Some((s.consumer(c)?.queue.clone()?, c.clone())),
        }
    }

    /// A stable string for DOM attributes and tests: `publish:p1`,
    /// `binding:b1`, `consume:c1`.
    pub fn key(&self) -> String {
        match self {
            Edge::Publish(p) => format!("publish:{p}"),
            Edge::Binding(id) => format!("binding:{id}"),
            Edge::Consume(c) => format!("consume:{c}"),
        }
    }
}

/// Every edge of `s`, in drawing order.
pub fn edges(s: &Scenario) -> Vec<Edge> {
    let mut out: Vec<Edge> =
        s.producers.iter().filter(|p| p.exchange.is_some()).map(|p| Edge::Publish(p.id.clone())).collect();
    out.extend(s.bindings.iter().map(|b| Edge::Binding(b.id.clone())));
    out.extend(s.consumers.iter().filter(|c| c.queue.is_some()).map(|c| Edge::Consume(c.id.clone())));
    out
}

/// What is selected: nodes (several with shift-click or a box) or one edge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected node ids.
    pub nodes: BTreeSet<String>,
    /// The selected edge.
    pub edge: Option<Edge>,
}

impl Selection {
    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edge.is_none()
    }

    /// The one selected node, when exactly one is selected.
    pub fn single_node(&self) -> Option<&str> {
        (self.nodes.len() == 1 && self.edge.is_none()).then(|| self.nodes.iter().next().map(|s| s.as_str())).flatten()
    }
}
