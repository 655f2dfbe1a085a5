//! The palette's gestures as arithmetic: when a press becomes a drag, where
//! a dropped or clicked entry is placed, and what each entry says.

use crate::editor::geometry::{node_size, Point};
use crate::editor::PaletteItem;
use crate::i18n::Msg;
use crate::scenario::{ExchangeKind, NodeKind, Position};

/// How far (px) a pointer must move before a press becomes a drag (the
/// canvas's threshold, so both feel the same).
pub use super::gesture::DRAG_THRESHOLD;

/// Where a click (or Enter) places an entry when the canvas is not on the
/// page: in the canvas's own pixels.
pub const FALLBACK_MIDDLE: Point = Point { x: 400.0, y: 200.0 };

/// True once a press that started at `start` and is now at `p` has moved
/// far enough to be a drag.
pub fn is_drag(start: Point, p: Point) -> bool {
    ((p.x - start.x).powi(2) + (p.y - start.y).powi(2)).sqrt() >= DRAG_THRESHOLD
}

/// The top-left corner that puts a node of `kind` centred on `world`,
/// rounded to whole pixels.
pub fn centred_on(kind: NodeKind, world: Point) -> Position {
    let (w, h) = node_size(kind);
    Position { x: (world.x - w / 2.0).round(), y: (world.y - h / 2.0).round() }
}

/// Where a clicked entry goes on a canvas `width` × `height` (px): the
/// middle across, a third of the way down.
pub fn click_spot(width: f64, height: f64) -> Point {
    Point::new(width / 2.0, height / 3.0)
}

/// The entry's name: the exchange type for exchanges, else the kind.
pub fn entry_name(item: PaletteItem) -> Msg {
    match item.kind {
        NodeKind::Exchange => crate::i18n::Msg::verbatim(item.exchange.as_str()),
        NodeKind::Producer => msg!("view-palette-producer"),
        NodeKind::Queue => msg!("view-palette-queue"),
        NodeKind::Consumer => msg!("view-palette-consumer"),
    }
}

/// The entry's full label (`direct exchange`, `queue`), as a drag ghost
/// shows it.
pub fn entry_label(item: PaletteItem) -> Msg {
    match item.kind {
        NodeKind::Exchange => msg!("view-palette-exchange", kind = item.exchange.as_str()),
        _ => entry_name(item),
    }
}

/// One line about what the entry does.
pub fn entry_description(item: PaletteItem) -> Msg {
    match (item.kind, item.exchange) {
        (NodeKind::Producer, _) => msg!("view-palette-producer-about"),
        (NodeKind::Exchange, ExchangeKind::Direct) => msg!("view-palette-direct-about"),
        (NodeKind::Exchange, ExchangeKind::Fanout) => msg!("view-palette-fanout-about"),
        (NodeKind::Exchange, ExchangeKind::Topic) => msg!("view-palette-topic-about"),
        (NodeKind::Exchange, ExchangeKind::Headers) => msg!("view-palette-headers-about"),
        (NodeKind::Queue, _) => msg!("view-palette-queue-about"),
        (NodeKind::Consumer, _) => msg!("view-palette-consumer-about"),
    }
}

/// The entry's tooltip.
pub fn entry_title(item: PaletteItem) -> Msg {
    msg!("view-palette-entry-title", about = entry_description(item))
}

/// The exchange type's class of an exchange entry (`None` for other kinds).
pub fn exchange_class(item: PaletteItem) -> Option<&'static str> {
    (item.kind == NodeKind::Exchange).then(|| item.exchange.as_str())
}

/// The entries of `kinds`, in palette order.
pub fn entries(kinds: &[NodeKind]) -> Vec<PaletteItem> {
    kinds.iter().flat_map(|k| PaletteItem::ALL.iter().copied().filter(move |i| i.kind == *k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_press_becomes_a_drag_at_the_threshold() {
        let start = Point::new(10.0, 10.0);
        assert!(!is_drag(start, Point::new(12.0, 12.0)));
        assert!(is_drag(start, Point::new(14.0, 10.0)));
        assert!(is_drag(start, Point::new(10.0, 6.0)));
    }

    #[test]
    fn nodes_are_centred_and_rounded() {
        let (w, h) = node_size(NodeKind::Queue);
        let at = centred_on(NodeKind::Queue, Point::new(500.4, 300.0));
        assert_eq!(at, Position { x: (500.4 - w / 2.0).round(), y: (300.0 - h / 2.0).round() });
        assert_eq!(click_spot(900.0, 600.0), Point::new(450.0, 200.0));
    }

    #[test]
    fn entries_come_in_palette_order_and_name_their_type() {
        let exchanges = entries(&[NodeKind::Exchange]);
        let names: Vec<String> = exchanges.iter().map(|i| entry_name(*i).render(crate::i18n::Lang::Zh)).collect();
        assert_eq!(names, ["direct", "fanout", "topic", "headers"]);
        assert_eq!(exchange_class(exchanges[2]), Some("topic"));
        let rest = entries(&[NodeKind::Queue, NodeKind::Consumer]);
        assert_eq!(rest.iter().map(|i| i.kind).collect::<Vec<_>>(), [NodeKind::Queue, NodeKind::Consumer]);
        assert_eq!(exchange_class(rest[0]), None);
        assert_eq!(entry_name(rest[0]).english(), rest[0].label().english());
        assert_eq!(entry_label(exchanges[0]).english(), exchanges[0].label().english());
        assert_eq!(entry_description(rest[1]).english(), rest[1].description().english());
        assert!(entry_title(rest[0]).english().ends_with(": drag onto the canvas, or click to place"));
        assert_eq!(entry_title(rest[0]).render(crate::i18n::Lang::Zh), "保存消息，直到被消费：拖到画布上，或点击放置");
        assert_eq!(entry_label(exchanges[1]).render(crate::i18n::Lang::Zh), "fanout 交换机");
        assert_eq!(entries(&[NodeKind::Producer]).len(), 1);
    }
}
