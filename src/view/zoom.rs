//! Text that stays readable at every zoom. Nodes are drawn in canvas units
//! and scaled with the view, so a small frame that fits a whole scenario
//! (an embed at 800×440 fits the RPC lesson at 48 %) would shrink 13 px
//! names and counts to 6 px. Below the zoom where the full form's main
//! text would be under [`READABLE_PX`], nodes switch to a compact form
//! (name and counts, a queue's first messages, a consumer's status, in
//! larger type; kind, flags and schedules hidden), and a fit never goes below the zoom where even the
//! compact form's type would be too small: there it stops and the user
//! pans.

use crate::editor::view::View;

/// The smallest text size on screen that people read without effort (px).
pub const READABLE_PX: f64 = 9.0;

/// The size of a node's names and counts in the full form (canvas units;
/// `.node-name` and `.stat b` in style.css).
pub const FULL_TEXT: f64 = 13.0;

/// The smallest text in the compact form (canvas units; `.world.compact`
/// in style.css).
pub const COMPACT_TEXT: f64 = 17.0;

/// The least zoom a fit goes to: the compact form's smallest text is
/// readable there.
pub const READABLE_FLOOR: f64 = READABLE_PX / COMPACT_TEXT;

/// True when nodes at this zoom are drawn in the compact form.
pub fn is_compact(zoom: f64) -> bool {
    zoom * FULL_TEXT < READABLE_PX
}

/// A fitted view, held at [`READABLE_FLOOR`] when the fit would go below
/// it: the same zoom centre is not kept, the top-left corner of what was
/// fitted stays in place (where a reader starts), so the user pans to the
/// rest.
pub fn readable(fitted: View) -> View {
    if fitted.zoom >= READABLE_FLOOR {
        return fitted;
    }
    // The world point at the screen's top-left margin stays there.
    let corner = fitted.to_world(crate::editor::geometry::Point::new(fitted.x.max(0.0), fitted.y.max(0.0)));
    let zoom = READABLE_FLOOR;
    View { x: fitted.x.max(0.0) - corner.x * zoom, y: fitted.y.max(0.0) - corner.y * zoom, zoom }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::geometry::Point;

    #[test]
    fn the_compact_form_starts_where_names_and_counts_would_be_too_small() {
        assert!(!is_compact(1.0));
        assert!(!is_compact(0.7), "13 px at 70 % is 9.1 px");
        assert!(is_compact(0.68), "13 px at 68 % is 8.8 px");
        assert!(is_compact(0.48), "the RPC embed at 800x440");
        assert!(COMPACT_TEXT * READABLE_FLOOR >= READABLE_PX - 1e-9);
        assert!(FULL_TEXT * READABLE_FLOOR < READABLE_PX, "the floor is in the compact range");
    }

    #[test]
    fn a_fit_stops_at_the_readable_floor_keeping_its_top_left_corner() {
        let kept = View { x: 10.0, y: 5.0, zoom: 0.6 };
        assert_eq!(readable(kept), kept);
        let tiny = View { x: 30.0, y: 12.0, zoom: 0.3 };
        let corner = tiny.to_world(Point::new(30.0, 12.0));
        let held = readable(tiny);
        assert_eq!(held.zoom, READABLE_FLOOR);
        let again = held.to_screen(corner);
        assert!((again.x - 30.0).abs() < 1e-9 && (again.y - 12.0).abs() < 1e-9, "{again:?}");
    }
}
