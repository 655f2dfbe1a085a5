//! Where a refusal callout goes on the canvas: beside what it is about,
//! covering no node or other callout, inside the visible part when it can.

use crate::editor::geometry::{Point, Rect};

/// The size a callout is laid out with (world units).
pub const CALLOUT: (f64, f64) = (260.0, 120.0);

/// The height a callout with a long refusal takes (world units).
const SHOWN_HEIGHT: f64 = 210.0;

/// Where a callout goes: the first of `preferred` (top-left corners) that
/// covers none of `obstacles` and lies inside `visible` (the part of the
/// world on screen, when known), else the first that covers none, else the
/// nearest free spot on a grid around the first one (up to about 300 units
/// away), else the first.
pub fn place_callout(preferred: &[Point], obstacles: &[Rect], visible: Option<Rect>) -> Point {
    let (w, h) = CALLOUT;
    let free = |c: &Point| {
        let r = Rect { x: c.x, y: c.y, w, h };
        !obstacles.iter().any(|o| o.intersects(&r))
    };
    // Judged with the height a long refusal takes (RabbitMQ's text runs to
    // five lines), not the height used to keep callouts apart.
    let shown = |c: &Point| {
        visible.is_none_or(|v| c.x >= v.x && c.y >= v.y && c.x + w <= v.x + v.w && c.y + SHOWN_HEIGHT <= v.y + v.h)
    };
    if let Some(p) = preferred.iter().find(|c| free(c) && shown(c)) {
        return *p;
    }
    if let Some(p) = preferred.iter().find(|c| free(c)) {
        return *p;
    }
    let origin = preferred[0];
    let step = 30.0;
    for ring in 1..=10i32 {
        let mut best: Option<(f64, Point)> = None;
        for dy in -ring..=ring {
            for dx in -ring..=ring {
                if dx.abs() != ring && dy.abs() != ring {
                    continue;
                }
                let c = Point::new(origin.x + dx as f64 * step, origin.y + dy as f64 * step);
                let d = (dx * dx + dy * dy) as f64;
                if free(&c) && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, c));
                }
            }
        }
        if let Some((_, c)) = best {
            return c;
        }
    }
    origin
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn the_first_free_and_visible_spot_wins() {
        let spots = [Point::new(0.0, 0.0), Point::new(400.0, 0.0), Point::new(800.0, 0.0)];
        let node = [rect(10.0, 10.0, 50.0, 50.0)];
        assert_eq!(place_callout(&spots, &node, None), spots[1], "the first spot is taken");
        let visible = rect(700.0, -10.0, 600.0, 400.0);
        assert_eq!(place_callout(&spots, &node, Some(visible)), spots[2], "the second is off screen");
        let nowhere = rect(5000.0, 5000.0, 10.0, 10.0);
        assert_eq!(place_callout(&spots, &node, Some(nowhere)), spots[1], "free beats visible");
    }

    #[test]
    fn with_every_spot_taken_a_free_one_nearby_is_found() {
        let origin = Point::new(0.0, 0.0);
        let blocker = [rect(-10.0, -10.0, 280.0, 140.0)];
        let p = place_callout(&[origin], &blocker, None);
        let (w, h) = CALLOUT;
        assert!(!blocker[0].intersects(&rect(p.x, p.y, w, h)), "{p:?}");
        assert!(p.x.abs() <= 300.0 && p.y.abs() <= 300.0, "{p:?}");
    }
}
