//! The live view as something to draw: each node's box, title and count
//! lines, each edge's curve and, where the broker reports it, its message
//! rate. The component only turns this into SVG.
//!
//! The API reports rates per exchange and queue, not per binding; an edge
//! gets a rate only where that is exact: a binding that is its exchange's
//! only one (the exchange's `publish_out`), a consumer that is its queue's
//! only one (the queue's `deliver_get`).

use super::live::{LiveView, NodeStats};
use super::publish::exchange_label;
use crate::editor::geometry::{in_port, node_size, out_port, Curve};
use crate::i18n::Msg;
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
    /// The name (`(default)` for the default exchange).
    pub title: Msg,
    /// The exchange type, or "queue" / "consumer".
    pub caption: Msg,
    /// Count and rate lines.
    pub lines: Vec<Msg>,
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

/// The whole picture and the part of the plane it covers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// Nodes.
    pub boxes: Vec<Box>,
    /// Edges.
    pub lines: Vec<Line>,
    /// Left, top, width and height of what holds everything, with a
    /// margin (an SVG `viewBox`: the empty space an import layout leaves
    /// around the nodes is not drawn).
    pub view_box: (f64, f64, f64, f64),
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
            exchange_label(""),
            exchange_type("direct"),
            exchange_lines(stats(DEFAULT_EXCHANGE_ID)),
        ));
    }
    for x in &s.exchanges {
        let at = Position { x: x.x, y: x.y };
        let caption = exchange_type(x.kind.as_str());
        boxes.push(node_box(
            &x.id,
            NodeKind::Exchange,
            at,
            exchange_label(&x.name),
            caption,
            exchange_lines(stats(&x.id)),
        ));
    }
    for q in &s.queues {
        let st = stats(&q.id);
        let lines = vec![
            msg!("broker-live-ready", ready = st.ready, unacked = st.unacked),
            msg!("broker-live-consumers", count = st.consumers),
            rates(st),
        ];
        let caption = msg!("broker-kind-queue");
        let at = Position { x: q.x, y: q.y };
        boxes.push(node_box(&q.id, NodeKind::Queue, at, crate::i18n::Msg::verbatim(&q.name), caption, lines));
    }
    for c in &s.consumers {
        let ack = if c.ack == crate::scenario::AckMode::Manual {
            msg!("broker-live-manual-ack")
        } else {
            msg!("broker-live-auto-ack")
        };
        let lines = vec![ack, msg!("broker-live-prefetch", count = c.prefetch)];
        let (at, caption) = (Position { x: c.x, y: c.y }, msg!("broker-live-consumer"));
        boxes.push(node_box(&c.id, NodeKind::Consumer, at, crate::i18n::Msg::verbatim(&c.name), caption, lines));
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
    let view_box = bounds(&boxes);
    Picture { boxes, lines, view_box }
}

/// The margin around the nodes.
pub const MARGIN: f64 = 24.0;

/// What holds every box, with the margin (a small empty square for none).
fn bounds(boxes: &[Box]) -> (f64, f64, f64, f64) {
    if boxes.is_empty() {
        return (0.0, 0.0, 2.0 * MARGIN, 2.0 * MARGIN);
    }
    let left = boxes.iter().map(|b| b.rect.0).fold(f64::INFINITY, f64::min) - MARGIN;
    let top = boxes.iter().map(|b| b.rect.1).fold(f64::INFINITY, f64::min) - MARGIN;
    let right = boxes.iter().map(|b| b.rect.0 + b.rect.2).fold(f64::NEG_INFINITY, f64::max) + MARGIN;
    let bottom = boxes.iter().map(|b| b.rect.1 + b.rect.3).fold(f64::NEG_INFINITY, f64::max) + MARGIN;
    (left, top, right - left, bottom - top)
}

fn exchange_lines(st: NodeStats) -> Vec<Msg> {
    vec![rates(st)]
}

fn rates(st: NodeStats) -> Msg {
    msg!("broker-live-rates", rate_in = rate(st.rate_in), rate_out = rate(st.rate_out))
}

/// An exchange's type as its caption: the AMQP name (`direct`, `topic`).
fn exchange_type(kind: &str) -> Msg {
    msg!("broker-live-exchange-type", kind = kind)
}

fn node_box(id: &str, kind: NodeKind, at: Position, title: Msg, caption: Msg, lines: Vec<Msg>) -> Box {
    let (w, h) = node_size(kind);
    Box { id: id.to_string(), kind, rect: (at.x, at.y, w, h), title, caption, lines }
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
        let a = p.boxes.iter().find(|b| b.title.english() == "a").unwrap();
        assert_eq!(a.title.render(crate::i18n::Lang::Zh), "a", "a name is shown as it is");
        assert_eq!(a.lines[0].english(), "ready 5 · unacked 0");
        assert_eq!(a.lines[0].render(crate::i18n::Lang::Zh), "就绪 5 · 未确认 0");
        assert_eq!(a.caption.render(crate::i18n::Lang::Zh), "队列");
        let rates: Vec<Option<String>> = p.lines.iter().map(|l| l.rate.clone()).collect();
        assert_eq!(
            rates,
            [None, None, Some("2/s".to_string()), Some("1.5/s".to_string())],
            "logs has two bindings: no exact rate"
        );
        let (x, y, w, h) = p.view_box;
        let left = p.boxes.iter().map(|b| b.rect.0).fold(f64::INFINITY, f64::min);
        assert_eq!(x, left - MARGIN, "the view starts at the leftmost node");
        assert!(y < p.boxes.iter().map(|b| b.rect.1).fold(f64::INFINITY, f64::min));
        for b in &p.boxes {
            assert!(b.rect.0 + b.rect.2 <= x + w && b.rect.1 + b.rect.3 <= y + h, "{} is inside", b.title.english());
        }
        assert_eq!(bounds(&[]), (0.0, 0.0, 48.0, 48.0));
        assert_eq!((rate(0.0), rate(2.25), rate(150.4)), ("0/s".to_string(), "2.2/s".to_string(), "150/s".to_string()));
    }
}
