//! Automatic layout: places every node of a scenario in columns, left to
//! right the way messages flow — producers | exchanges (one column per
//! depth of exchange-to-exchange bindings and alternate exchanges) | queues
//! | consumers — ordered so that edges mostly run straight across, and
//! packed so that no two nodes overlap.
//!
//! Linear in nodes and edges (plus sorting), so a topology of 500 queues
//! and 2,000 bindings is laid out in milliseconds.

use std::collections::HashMap;

use crate::scenario::{NodeKind, Position, Scenario, DEFAULT_EXCHANGE_ID};

/// Left and top margin of the layout.
pub const MARGIN: f64 = 40.0;
/// Horizontal space between columns.
pub const COLUMN_GAP: f64 = 100.0;
/// Vertical space between nodes in a column.
pub const ROW_GAP: f64 = 24.0;
/// Most exchange columns (deeper chains share the last one).
pub const MAX_EXCHANGE_COLUMNS: usize = 8;

/// The box the layout reserves for a node: at least the size the canvas
/// draws it at (`editor::geometry::node_size`), with room to spare.
pub fn node_size(kind: NodeKind) -> (f64, f64) {
    match kind {
        NodeKind::Producer => (190.0, 104.0),
        NodeKind::Exchange => (190.0, 84.0),
        NodeKind::Queue => (220.0, 120.0),
        NodeKind::Consumer => (200.0, 120.0),
    }
}

/// A column being filled: nodes with the vertical centre they would like.
struct Column {
    x: f64,
    height: f64,
    nodes: Vec<(String, f64)>,
}

impl Column {
    fn new(x: f64, kind: NodeKind) -> Self {
        Column { x, height: node_size(kind).1, nodes: Vec::new() }
    }

    /// Sorts by wanted centre (stable, so ties keep their order) and packs
    /// top to bottom: each node as close to its wish as the one above
    /// allows. Returns each node's top-left corner.
    fn place(mut self) -> Vec<(String, Position)> {
        self.nodes.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut next_top = MARGIN;
        let mut out = Vec::with_capacity(self.nodes.len());
        for (id, centre) in self.nodes {
            let wished = if centre.is_finite() { centre - self.height / 2.0 } else { next_top };
            let top = wished.max(next_top).round();
            next_top = top + self.height + ROW_GAP;
            out.push((id, Position { x: self.x, y: top }));
        }
        out
    }
}

/// The depth of each exchange (by index) in the graph of exchange-to-exchange
/// bindings and alternate exchanges: 0 for exchanges nothing leads to,
/// otherwise one more than the deepest exchange that leads to it. Cycles
/// are cut where they are found.
fn exchange_depths(s: &Scenario, index: &HashMap<&str, usize>) -> Vec<usize> {
    let n = s.exchanges.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut edge = |from: &str, to: &str| {
        if let (Some(&a), Some(&b)) = (index.get(from), index.get(to)) {
            if a != b {
                preds[b].push(a);
                succs[a].push(b);
            }
        }
    };
    for b in &s.bindings {
        edge(&b.from, &b.to);
    }
    for x in &s.exchanges {
        if let Some(ae) = &x.alternate_exchange {
            edge(&x.id, ae);
        }
    }
    // Kahn's algorithm, longest path; exchanges left in cycles are placed
    // after their placed predecessors.
    let mut depth = vec![0usize; n];
    let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut done = vec![false; n];
    let mut queued: Vec<bool> = waiting.iter().map(|&w| w == 0).collect();
    let mut ready: Vec<usize> = (0..n).filter(|&i| queued[i]).collect();
    let mut remaining = n;
    loop {
        while let Some(i) = ready.pop() {
            done[i] = true;
            remaining -= 1;
            for &j in &succs[i] {
                if done[j] {
                    continue;
                }
                depth[j] = depth[j].max(depth[i] + 1).min(MAX_EXCHANGE_COLUMNS - 1);
                waiting[j] = waiting[j].saturating_sub(1);
                if waiting[j] == 0 && !queued[j] {
                    queued[j] = true;
                    ready.push(j);
                }
            }
        }
        if remaining == 0 {
            break;
        }
        // A cycle: release its first exchange (in document order).
        let i = (0..n).find(|&i| !queued[i]).expect("some exchange remains");
        queued[i] = true;
        ready.push(i);
    }
    depth
}

/// Where placed nodes are: top-left corners, and vertical centres (what
/// later columns line up with).
#[derive(Default)]
struct Placed {
    at: HashMap<String, Position>,
    centre: HashMap<String, f64>,
}

impl Placed {
    /// Places a column and remembers its nodes.
    fn column(&mut self, col: Column) {
        let h = col.height;
        for (id, p) in col.place() {
            self.centre.insert(id.clone(), p.y + h / 2.0);
            self.at.insert(id, p);
        }
    }

    /// The centre of node `id`, if placed.
    fn centre_of(&self, id: &str) -> Option<f64> {
        self.centre.get(id).copied()
    }
}

/// Lays out every node of `s` (and the default exchange) in columns.
pub fn arrange(s: &mut Scenario) {
    let (pw, _) = node_size(NodeKind::Producer);
    let (xw, _) = node_size(NodeKind::Exchange);
    let (qw, _) = node_size(NodeKind::Queue);
    let index: HashMap<&str, usize> = s.exchanges.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect();
    let depth = exchange_depths(s, &index);
    let columns = depth.iter().copied().max().map_or(1, |d| d + 1);
    let exchange_x = |d: usize| MARGIN + pw + COLUMN_GAP + d as f64 * (xw + COLUMN_GAP);
    let queue_x = exchange_x(columns);
    let mut placed = Placed::default();
    s.default_exchange = Position { x: exchange_x(0), y: MARGIN };
    let preds = exchange_predecessors(s, &index);
    for d in 0..columns {
        placed.column(exchange_column(s, &depth, &preds, d, exchange_x(d), &placed));
    }
    placed.column(queue_column(s, queue_x, &placed));
    placed.column(client_column(
        queue_x + qw + COLUMN_GAP,
        NodeKind::Consumer,
        s.consumers.iter().map(|c| (c.id.clone(), c.queue.clone())),
        &placed,
    ));
    placed.column(client_column(
        MARGIN,
        NodeKind::Producer,
        s.producers.iter().map(|p| (p.id.clone(), p.exchange.clone())),
        &placed,
    ));
    move_nodes_to(s, &placed.at);
}

/// For each exchange, the exchanges that lead to it (by a binding or as
/// their alternate exchange).
fn exchange_predecessors(s: &Scenario, index: &HashMap<&str, usize>) -> Vec<Vec<usize>> {
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); s.exchanges.len()];
    for b in &s.bindings {
        if let (Some(&a), Some(&t)) = (index.get(b.from.as_str()), index.get(b.to.as_str())) {
            preds[t].push(a);
        }
    }
    for (i, x) in s.exchanges.iter().enumerate() {
        if let Some(&t) = x.alternate_exchange.as_deref().and_then(|ae| index.get(ae)) {
            preds[t].push(i);
        }
    }
    preds
}

/// The exchanges of depth `d`: the first column in name order below the
/// default exchange (whose place is kept free), deeper ones by the centres
/// of what leads to them.
fn exchange_column(s: &Scenario, depth: &[usize], preds: &[Vec<usize>], d: usize, x: f64, placed: &Placed) -> Column {
    let (_, xh) = node_size(NodeKind::Exchange);
    let mut col = Column::new(x, NodeKind::Exchange);
    let mut members: Vec<usize> = (0..s.exchanges.len()).filter(|&i| depth[i] == d).collect();
    if d == 0 {
        members.sort_by(|&a, &b| s.exchanges[a].name.cmp(&s.exchanges[b].name));
    }
    let first_top = MARGIN + xh + ROW_GAP;
    for (rank, &i) in members.iter().enumerate() {
        let wish = if d == 0 {
            first_top + rank as f64 * (xh + ROW_GAP) + xh / 2.0
        } else {
            mean(preds[i].iter().filter_map(|&p| placed.centre_of(&s.exchanges[p].id))).unwrap_or(f64::INFINITY)
        };
        col.nodes.push((s.exchanges[i].id.clone(), wish));
    }
    if d == 0 {
        col.nodes.push((DEFAULT_EXCHANGE_ID.to_string(), MARGIN + xh / 2.0));
    }
    col
}

/// Queues by the centres of the exchanges bound to them; queues fed through
/// the default exchange (a producer names them) beside it; the rest below.
fn queue_column(s: &Scenario, x: f64, placed: &Placed) -> Column {
    let mut sources: HashMap<&str, Vec<f64>> = HashMap::new();
    for b in &s.bindings {
        if let Some(c) = placed.centre_of(&b.from) {
            sources.entry(b.to.as_str()).or_default().push(c);
        }
    }
    let mut col = Column::new(x, NodeKind::Queue);
    for q in &s.queues {
        let by_default = || {
            s.producers
                .iter()
                .any(|p| p.exchange.as_deref() == Some(DEFAULT_EXCHANGE_ID) && p.message.routing_key == q.name)
                .then(|| placed.centre_of(DEFAULT_EXCHANGE_ID))
                .flatten()
        };
        let wish = sources.get(q.id.as_str()).and_then(|v| mean(v.iter().copied())).or_else(by_default);
        col.nodes.push((q.id.clone(), wish.unwrap_or(f64::INFINITY)));
    }
    col
}

/// Consumers next to their queue, producers next to their exchange: each
/// `(id, what it is attached to)`.
fn client_column(
    x: f64,
    kind: NodeKind,
    clients: impl Iterator<Item = (String, Option<String>)>,
    placed: &Placed,
) -> Column {
    let mut col = Column::new(x, kind);
    for (id, attached) in clients {
        let wish = attached.and_then(|a| placed.centre_of(&a)).unwrap_or(f64::INFINITY);
        col.nodes.push((id, wish));
    }
    col
}

/// Moves every node of `s` to its place.
fn move_nodes_to(s: &mut Scenario, placed: &HashMap<String, Position>) {
    let at = |id: &str| placed.get(id).copied().unwrap_or_default();
    for n in &mut s.exchanges {
        Position { x: n.x, y: n.y } = at(&n.id);
    }
    for n in &mut s.queues {
        Position { x: n.x, y: n.y } = at(&n.id);
    }
    for n in &mut s.producers {
        Position { x: n.x, y: n.y } = at(&n.id);
    }
    for n in &mut s.consumers {
        Position { x: n.x, y: n.y } = at(&n.id);
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// True when no two nodes' boxes (from [`node_size`]) overlap.
pub fn no_overlaps(s: &Scenario) -> bool {
    let mut boxes: Vec<(f64, f64, f64, f64)> = s
        .node_ids()
        .filter_map(|(id, kind)| {
            let p = s.position(id)?;
            let (w, h) = node_size(kind);
            Some((p.x, p.y, p.x + w, p.y + h))
        })
        .collect();
    boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if b.0 >= a.2 {
                break;
            }
            if a.1 < b.3 && b.1 < a.3 {
                return false;
            }
        }
    }
    true
}
