//! The live view as something to draw: each node's box, title and count
//! lines, each edge's curve and, where the broker reports it, its message
//! rate. The component only turns this into SVG.
//!
//! The API reports rates per exchange and queue, not per binding; an edge
//! gets a rate only where that is exact: a binding that is its exchange's
//! only one (the exchange's `publish_out`), a consumer that is its queue's
//! only one (the queue's `deliver_get`).

use super::live::{LiveView, NodeStats};
use crate::editor::geometry::{in_port, node_size, out_port, Curve};
use crate::scenario::{NodeKind, Position, DEFAULT_EXCHANGE_ID};

/// A node to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Box {
    /// Node id (`data-live-node`).
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// Left, top, width, height.
    pub rect: (f64, f64, f64, f64),
    /// The name.
    pub title: String,
    /// The exchange type, or "queue" / "consumer".
    pub caption: String,
    /// Count and rate lines.
    pub lines: Vec<String>,
}

/// An edge to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The SVG path.
    pub path: String,
    /// Where its label goes.
    pub label_at: (f64, f64),
    /// The rate, where exact (`2.5/s`).
    pub rate: Option<String>,
}

/// The whole picture and its size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// Nodes.
    pub boxes: Vec<Box>,
    /// Edges.
    pub lines: Vec<Line>,
    /// Width and height that hold everything.
    pub size: (f64, f64),
}

/// A rate as shown: `0/s`, `2.5/s`, `120/s`.
pub fn rate(r: f64) -> String {
    if r >= 100.0 || r == r.trunc() {
        format!("{:.0}/s", r)
    } else {
        format!("{:.1}/s", r)
    }
}

/// The picture of a live view.
pub fn draw(view: &LiveView) -> Picture {
    let s = &view.scenario;
    let stats = |id: &str| view.stats.get(id).copied().unwrap_or_default();
    let mut boxes = Vec::new();
    let used_default = s.bindings.iter().any(|b| b.from == DEFAULT_EXCHANGE_ID);
    if used_default {
        boxes.push(node_box(
            DEFAULT_EXCHANGE_ID,
            NodeKind::Exchange,
            s.default_exchange,
            "(default)",
            "direct",
            exchange_lines(stats(DEFAULT_EXCHANGE_ID)),
        ));
    }
    for x in &s.exchanges {
        let at = Position { x: x.x, y: x.y };
        boxes.push(node_box(&x.id, NodeKind::Exchange, at, &x.name, x.kind.as_str(), exchange_lines(stats(&x.id))));
    }
    for q in &s.queues {
        let st = stats(&q.id);
        let lines = vec![
            format!("ready {} · unacked {}", st.ready, st.unacked),
            format!("consumers {}", st.consumers),
            format!("in {} · out {}", rate(st.rate_in), rate(st.rate_out)),
        ];
        boxes.push(node_box(&q.id, NodeKind::Queue, Position { x: q.x, y: q.y }, &q.name, "queue", lines));
    }
    for c in &s.consumers {
        let ack = if c.ack == crate::scenario::AckMode::Manual { "manual ack" } else { "auto ack" };
        let lines = vec![ack.to_string(), format!("prefetch {}", c.prefetch)];
        boxes.push(node_box(&c.id, NodeKind::Consumer, Position { x: c.x, y: c.y }, &c.name, "consumer", lines));
    }
    let place = |id: &str| boxes.iter().find(|b| b.id == id).map(|b| (b.kind, Position { x: b.rect.0, y: b.rect.1 }));
    let mut lines = Vec::new();
    for b in &s.bindings {
        let (Some(from), Some(to)) = (place(&b.from), place(&b.to)) else { continue };
        let only = s.bindings.iter().filter(|o| o.from == b.from).count() == 1;
        let r = only.then(|| rate(stats(&b.from).rate_out));
        lines.push(line(from, to, r));
    }
    for c in &s.consumers {
        let Some(q) = c.queue.as_deref() else { continue };
        let (Some(from), Some(to)) = (place(q), place(&c.id)) else { continue };
        let only = s.consumers.iter().filter(|o| o.queue.as_deref() == Some(q)).count() == 1;
        let r = only.then(|| rate(stats(q).rate_out));
        lines.push(line(from, to, r));
    }
    let w = boxes.iter().map(|b| b.rect.0 + b.rect.2).fold(0.0, f64::max) + 40.0;
    let h = boxes.iter().map(|b| b.rect.1 + b.rect.3).fold(0.0, f64::max) + 40.0;
    Picture { boxes, lines, size: (w, h) }
}

fn exchange_lines(st: NodeStats) -> Vec<String> {
    vec![format!("in {} · out {}", rate(st.rate_in), rate(st.rate_out))]
}

fn node_box(id: &str, kind: NodeKind, at: Position, title: &str, caption: &str, lines: Vec<String>) -> Box {
    let (w, h) = node_size(kind);
    Box {
        id: id.to_string(),
        kind,
        rect: (at.x, at.y, w, h),
        title: title.to_string(),
        caption: caption.to_string(),
        lines,
    }
}

fn line(from: (NodeKind, Position), to: (NodeKind, Position), rate: Option<String>) -> Line {
    let curve = Curve::between(out_port(from.0, from.1), in_port(to.0, to.1));
    let mid = curve.at(0.5);
    Line { path: curve.svg(), label_at: (mid.x, mid.y), rate }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::broker_link::answers::{read, ConsumerInfo, ExchangeInfo, QueueInfo};
    use crate::broker_link::live::Answers;

    #[test]
    fn the_picture_shows_counts_and_exact_edge_rates() {
        let defs = r#"{"queues":[{"name":"a"},{"name":"b"}],
            "exchanges":[{"name":"logs","type":"fanout"},{"name":"one","type":"direct"}],
            "bindings":[{"source":"logs","destination":"a","destination_type":"queue"},
                        {"source":"logs","destination":"b","destination_type":"queue"},
                        {"source":"one","destination":"a","destination_type":"queue","routing_key":"k"}]}"#;
        let queues: Vec<QueueInfo> =
            read("q", r#"[{"name":"a","messages_ready":5,"message_stats":{"deliver_get_details":{"rate":1.5}}}]"#)
                .unwrap();
        let exchanges: Vec<ExchangeInfo> =
            read("x", r#"[{"name":"one","message_stats":{"publish_out_details":{"rate":2}}}]"#).unwrap();
        let consumers: Vec<ConsumerInfo> = read("c", r#"[{"queue":{"name":"a"},"consumer_tag":"t1"}]"#).unwrap();
        let v = LiveView::build(
            "/",
            &Answers { definitions: defs, queues: &queues, exchanges: &exchanges, consumers: &consumers },
        )
        .unwrap();
        let p = draw(&v);
        assert_eq!(p.boxes.len(), 5);
        let a = p.boxes.iter().find(|b| b.title == "a").unwrap();
        assert_eq!(a.lines[0], "ready 5 · unacked 0");
        let rates: Vec<Option<String>> = p.lines.iter().map(|l| l.rate.clone()).collect();
        assert_eq!(
            rates,
            [None, None, Some("2/s".to_string()), Some("1.5/s".to_string())],
            "logs has two bindings: no exact rate"
        );
        assert!(p.size.0 > 400.0 && p.size.1 > 100.0);
        assert_eq!((rate(0.0), rate(2.25), rate(150.4)), ("0/s".to_string(), "2.2/s".to_string(), "150/s".to_string()));
    }
}
