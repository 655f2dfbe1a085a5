//! Canvas geometry: node sizes, where edges attach, the curves they follow
//! and points along them (for message dots). Positions in a scenario are the
//! top-left corners of nodes, in canvas units.

use crate::scenario::{NodeKind, Position};

/// A point in canvas (world) units.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    /// Horizontal.
    pub x: f64,
    /// Vertical.
    pub y: f64,
}

impl Point {
    /// A point.
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

impl From<Position> for Point {
    fn from(p: Position) -> Self {
        Point { x: p.x, y: p.y }
    }
}

/// Width and height of a node of `kind`, in canvas units.
pub fn node_size(kind: NodeKind) -> (f64, f64) {
    match kind {
        NodeKind::Producer => (152.0, 100.0),
        NodeKind::Exchange => (156.0, 74.0),
        NodeKind::Queue => (180.0, 112.0),
        NodeKind::Consumer => (166.0, 120.0),
    }
}

/// The centre of a node at `at`.
pub fn center(kind: NodeKind, at: Position) -> Point {
    let (w, h) = node_size(kind);
    Point::new(at.x + w / 2.0, at.y + h / 2.0)
}

/// Where outgoing edges leave a node: the middle of its right side.
pub fn out_port(kind: NodeKind, at: Position) -> Point {
    let (w, h) = node_size(kind);
    Point::new(at.x + w, at.y + h / 2.0)
}

/// Where incoming edges arrive: the middle of its left side.
pub fn in_port(kind: NodeKind, at: Position) -> Point {
    let (_, h) = node_size(kind);
    Point::new(at.x, at.y + h / 2.0)
}

/// A cubic Bézier curve from one port to another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve {
    /// Start.
    pub p0: Point,
    /// First control point.
    pub p1: Point,
    /// Second control point.
    pub p2: Point,
    /// End.
    pub p3: Point,
}

impl Curve {
    /// The curve an edge follows from `a` (an out port) to `b` (an in port):
    /// it leaves to the right and arrives from the left, looping around
    /// when `b` is left of `a`.
    pub fn between(a: Point, b: Point) -> Curve {
        let dx = ((b.x - a.x).abs() / 2.0).max(48.0);
        Curve { p0: a, p1: Point::new(a.x + dx, a.y), p2: Point::new(b.x - dx, b.y), p3: b }
    }

    /// The point at `t` (0 start, 1 end).
    pub fn at(&self, t: f64) -> Point {
        let t = t.clamp(0.0, 1.0);
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Point::new(
            a * self.p0.x + b * self.p1.x + c * self.p2.x + d * self.p3.x,
            a * self.p0.y + b * self.p1.y + c * self.p2.y + d * self.p3.y,
        )
    }

    /// The SVG path data (`M ... C ...`).
    pub fn svg(&self) -> String {
        format!(
            "M {:.1} {:.1} C {:.1} {:.1}, {:.1} {:.1}, {:.1} {:.1}",
            self.p0.x, self.p0.y, self.p1.x, self.p1.y, self.p2.x, self.p2.y, self.p3.x, self.p3.y
        )
    }
}

/// A rectangle in canvas units (for box selection).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The rectangle spanned by two corners in any order.
    pub fn spanning(a: Point, b: Point) -> Rect {
        Rect { x: a.x.min(b.x), y: a.y.min(b.y), w: (a.x - b.x).abs(), h: (a.y - b.y).abs() }
    }

    /// The rectangle a node of `kind` at `at` covers.
    pub fn of_node(kind: NodeKind, at: Position) -> Rect {
        let (w, h) = node_size(kind);
        Rect { x: at.x, y: at.y, w, h }
    }

    /// True when the two rectangles overlap.
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_ends_at_its_ports_and_passes_between() {
        let c = Curve::between(Point::new(0.0, 0.0), Point::new(200.0, 100.0));
        assert_eq!(c.at(0.0), Point::new(0.0, 0.0));
        assert_eq!(c.at(1.0), Point::new(200.0, 100.0));
        let mid = c.at(0.5);
        assert!((mid.x - 100.0).abs() < 1e-9 && (mid.y - 50.0).abs() < 1e-9);
        assert!(c.svg().starts_with("M 0.0 0.0 C"));
    }

    #[test]
    fn ports_sit_on_the_sides() {
        let at = Position { x: 10.0, y: 20.0 };
        let (w, h) = node_size(NodeKind::Queue);
        assert_eq!(out_port(NodeKind::Queue, at), Point::new(10.0 + w, 20.0 + h / 2.0));
        assert_eq!(in_port(NodeKind::Queue, at), Point::new(10.0, 20.0 + h / 2.0));
    }

    #[test]
    fn rectangles_overlap() {
        let a = Rect::spanning(Point::new(10.0, 10.0), Point::new(0.0, 0.0));
        assert!(a.intersects(&Rect { x: 5.0, y: 5.0, w: 10.0, h: 10.0 }));
        assert!(!a.intersects(&Rect { x: 11.0, y: 0.0, w: 10.0, h: 10.0 }));
    }
}
