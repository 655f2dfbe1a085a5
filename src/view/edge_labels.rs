//! Where edge labels go. Several bindings between the same two nodes (a
//! queue bound to `direct_logs` with `info`, `warning` and `error`) follow
//! the same curve, so their labels would sit on the same point and only
//! the top one could be read or clicked. Labels of edges that share a
//! curve are stacked instead: a column of pills centred on the curve's
//! midpoint, one pill per binding, in the order of the bindings.

use crate::editor::geometry::{Curve, Point};

/// The vertical distance between two stacked labels' centres, in canvas
/// units: a label's height (18 px line, 1 px padding and 1 px border
/// above and below) and a 2 px gap.
pub const LABEL_PITCH: f64 = 24.0;

/// [`LABEL_PITCH`] for the compact form's larger labels (17 px type on a
/// 24 px line, see `.world.compact .edge-label` in style.css).
pub const COMPACT_LABEL_PITCH: f64 = 31.0;

/// A label placed on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelSpot {
    /// The label's centre.
    pub at: Point,
    /// Its place in its stack (0 is the top) ...
    pub index: usize,
    /// ... of this many labels sharing one curve (1 when alone).
    pub of: usize,
}

/// Where each label goes, in the order given: `curves[i]` is the curve of
/// the i-th labelled edge. Edges whose curves start and end at the same
/// points share a stack, `pitch` apart ([`LABEL_PITCH`], or
/// [`COMPACT_LABEL_PITCH`] when nodes are compact).
pub fn place_labels(curves: &[Curve], pitch: f64) -> Vec<LabelSpot> {
    let same = |a: &Curve, b: &Curve| a.p0 == b.p0 && a.p3 == b.p3;
    curves
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let of = curves.iter().filter(|o| same(o, c)).count();
            let index = curves[..i].iter().filter(|o| same(o, c)).count();
            let mid = c.at(0.5);
            let offset = (index as f64 - (of as f64 - 1.0) / 2.0) * pitch;
            LabelSpot { at: Point::new(mid.x, mid.y + offset), index, of }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(a: (f64, f64), b: (f64, f64)) -> Curve {
        Curve::between(Point::new(a.0, a.1), Point::new(b.0, b.1))
    }

    #[test]
    fn a_lone_label_sits_on_the_midpoint() {
        let c = curve((0.0, 0.0), (200.0, 100.0));
        assert_eq!(place_labels(&[c], LABEL_PITCH), [LabelSpot { at: c.at(0.5), index: 0, of: 1 }]);
    }

    #[test]
    fn labels_on_one_curve_stack_without_overlapping() {
        let shared = curve((300.0, 200.0), (560.0, 496.0));
        let other = curve((300.0, 200.0), (560.0, 216.0));
        let spots = place_labels(&[other, shared, shared, shared], LABEL_PITCH);
        assert_eq!(spots[0], LabelSpot { at: other.at(0.5), index: 0, of: 1 }, "another curve: untouched");
        let mid = shared.at(0.5);
        let ys: Vec<f64> = spots[1..].iter().map(|s| s.at.y).collect();
        assert_eq!(ys, [mid.y - LABEL_PITCH, mid.y, mid.y + LABEL_PITCH], "centred on the midpoint, in order");
        assert!(spots[1..].iter().all(|s| s.at.x == mid.x && s.of == 3));
        assert_eq!(spots[1..].iter().map(|s| s.index).collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn two_labels_straddle_the_midpoint() {
        let c = curve((0.0, 0.0), (300.0, 0.0));
        let spots = place_labels(&[c, c], COMPACT_LABEL_PITCH);
        let mid = c.at(0.5);
        assert_eq!(spots[0].at.y, mid.y - COMPACT_LABEL_PITCH / 2.0);
        assert_eq!(spots[1].at.y, mid.y + COMPACT_LABEL_PITCH / 2.0);
    }
}
