//! The palette's entries and what placing one does: a new node with a
//! fresh id and name, in a free spot.

use serde_json::Map;

use super::geometry::{self, Rect};
use super::naming;
use crate::i18n::Msg;
use crate::scenario::{
    ConsumerNode, ExchangeKind, ExchangeNode, NodeKind, Position, ProducerNode, QueueNode, Scenario,
};

/// A palette entry: a node kind, and for exchanges their type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaletteItem {
    /// The kind of node.
    pub kind: NodeKind,
    /// The exchange type (ignored for other kinds).
    pub exchange: ExchangeKind,
}

impl PaletteItem {
    /// The palette, in order: producer, the four exchange types, queue,
    /// consumer.
    pub const ALL: [PaletteItem; 7] = [
        PaletteItem { kind: NodeKind::Producer, exchange: ExchangeKind::Direct },
        PaletteItem { kind: NodeKind::Exchange, exchange: ExchangeKind::Direct },
        PaletteItem { kind: NodeKind::Exchange, exchange: ExchangeKind::Fanout },
        PaletteItem { kind: NodeKind::Exchange, exchange: ExchangeKind::Topic },
        PaletteItem { kind: NodeKind::Exchange, exchange: ExchangeKind::Headers },
        PaletteItem { kind: NodeKind::Queue, exchange: ExchangeKind::Direct },
        PaletteItem { kind: NodeKind::Consumer, exchange: ExchangeKind::Direct },
    ];

    /// A stable name for DOM attributes and tests: `producer`,
    /// `exchange-topic`, `queue`, `consumer`.
    pub fn key(&self) -> String {
        match self.kind {
            NodeKind::Exchange => format!("exchange-{}", self.exchange.as_str()),
            k => k.as_str().to_string(),
        }
    }

    /// The label shown in the palette (`direct exchange`, `queue`).
    pub fn label(&self) -> Msg {
        msg!("editor-palette-label", item = self.entry_kind())
    }

    /// One line about what it does.
    pub fn description(&self) -> Msg {
        msg!("editor-palette-description", item = self.entry_kind())
    }

    /// The kind, or the exchange type for exchanges (the catalogue's key).
    fn entry_kind(&self) -> &'static str {
        match self.kind {
            NodeKind::Exchange => self.exchange.as_str(),
            k => k.as_str(),
        }
    }
}

/// A free spot for a new node of `kind` near `near` (top-left): the first
/// place, searching outwards on a grid, that overlaps no node.
pub fn free_spot(s: &Scenario, kind: NodeKind, near: Position) -> Position {
    let (w, h) = geometry::node_size(kind);
    let taken: Vec<Rect> = s
        .node_ids()
        .filter_map(|(id, k)| Some(Rect::of_node(k, s.position(id)?)))
        .map(|r| Rect { x: r.x - 16.0, y: r.y - 16.0, w: r.w + 32.0, h: r.h + 32.0 })
        .collect();
    for ring in 0..40i32 {
        for dy in -ring..=ring {
            for dx in -ring..=ring {
                if dx.abs() != ring && dy.abs() != ring {
                    continue;
                }
                let at = Position { x: near.x + dx as f64 * 40.0, y: near.y + dy as f64 * 40.0 };
                let r = Rect { x: at.x, y: at.y, w, h };
                if !taken.iter().any(|t| t.intersects(&r)) {
                    return at;
                }
            }
        }
    }
    near
}

/// Adds a node for a palette item at `at` and returns its id.
pub fn add_node(s: &mut Scenario, item: PaletteItem, at: Position) -> String {
    let id = s.fresh_id(naming::id_prefix(item.kind));
    let name = naming::fresh_name(s, item.kind, naming::name_stem(item.kind, item.exchange));
    let (x, y) = (at.x.round(), at.y.round());
    match item.kind {
        NodeKind::Producer => s.producers.push(ProducerNode {
            id: id.clone(),
            name,
            exchange: None,
            message: crate::scenario::MessageTemplate { body: "message {n}".into(), ..Default::default() },
            schedule: crate::scenario::Schedule::Every { every_ms: 1000, start_ms: 0, count: None, batch: 1 },
            x,
            y,
        }),
        NodeKind::Exchange => s.exchanges.push(ExchangeNode {
            id: id.clone(),
            name,
            kind: item.exchange,
            durable: false,
            auto_delete: false,
            internal: false,
            alternate_exchange: None,
            arguments: Map::new(),
            x,
            y,
        }),
        NodeKind::Queue => s.queues.push(QueueNode { id: id.clone(), name, x, y, ..Default::default() }),
        NodeKind::Consumer => s.consumers.push(ConsumerNode {
            id: id.clone(),
            name,
            queue: None,
            ack: Default::default(),
            prefetch: 1,
            processing_ms: 500,
            outcome: Default::default(),
            crash_after: None,
            reply: false,
            exclusive: false,
            priority: None,
            same_client_as: None,
            stream_offset: None,
            x,
            y,
        }),
    }
    id
}
