//! Text that stays readable at every zoom. Nodes are drawn in canvas units
//! and scaled with the view, so a small frame that fits a whole scenario
//! (an embed at 800×440 fits the RPC lesson at 48 %) would shrink 13 px
//! names and counts to 6 px. Below the zoom where the full form's main
//! text would be under [`READABLE_PX`], nodes switch to a compact form
//! (name and counts, a queue's first messages, a consumer's status, in
//! larger type; kind, flags and schedules hidden), and a fit never goes below the zoom where even the
//! compact form's type would be too small: there it stops and the user
//! pans.

use crate::editor::geometry::Rect;
use crate::editor::view::View;
use crate::scenario::Scenario;

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

/// The view a fit of `s` in a `width` × `height` canvas gives (`fitted`),
/// held at [`READABLE_FLOOR`] when it would go below it: on each axis the
/// scenario is then centred if it fits and otherwise starts at the
/// canvas's edge (where a reader starts), and the user pans to the rest.
pub fn readable(s: &Scenario, fitted: View, width: f64, height: f64) -> View {
    if fitted.zoom >= READABLE_FLOOR {
        return fitted;
    }
    let Some(b) = bounds(s) else { return fitted };
    let zoom = READABLE_FLOOR;
    let place = |start: f64, size: f64, room: f64| {
        if size * zoom + 2.0 * EDGE <= room {
            (room - size * zoom) / 2.0 - start * zoom
        } else {
            EDGE - start * zoom
        }
    };
    View { x: place(b.x, b.w, width), y: place(b.y, b.h, height), zoom }
}

/// The room left at the canvas's edge when a held fit does not fit (px).
const EDGE: f64 = 16.0;

/// The rectangle that holds every node of `s`.
fn bounds(s: &Scenario) -> Option<Rect> {
    let rects: Vec<Rect> = s.node_ids().filter_map(|(id, k)| Some(Rect::of_node(k, s.position(id)?))).collect();
    let x0 = rects.iter().map(|r| r.x).reduce(f64::min)?;
    let y0 = rects.iter().map(|r| r.y).reduce(f64::min)?;
    let x1 = rects.iter().map(|r| r.x + r.w).reduce(f64::max)?;
    let y1 = rects.iter().map(|r| r.y + r.h).reduce(f64::max)?;
    Some(Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
}

/// Canvases narrower than this (px) are a phone's: a loaded scenario is
/// fitted down to [`READABLE_FLOOR`] at most, and the reader pans.
pub const PHONE_MAX_WIDTH: f64 = 600.0;

/// The smallest zoom a load fits to on a wider canvas: a scenario that
/// needs less keeps the usual view (drawing hundreds of nodes at once
/// would also slow every frame).
pub const MIN_FIT_ZOOM: f64 = 0.3;

/// The view a load of `s` switches to, given the view that fits it whole
/// in a `width` × `height` canvas: on a phone, that view held at the
/// readable floor ([`readable`]); elsewhere that view unless it is under
/// [`MIN_FIT_ZOOM`] (then none: the view stays).
pub fn load_fit(s: &Scenario, fitted: View, width: f64, height: f64) -> Option<View> {
    if width < PHONE_MAX_WIDTH {
        Some(readable(s, fitted, width, height))
    } else {
        (fitted.zoom >= MIN_FIT_ZOOM).then_some(fitted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::geometry::Point;

    #[test]
    fn a_phone_fits_to_a_readable_zoom_and_a_desktop_as_before() {
        let s = crate::lessons::by_slug("work-queues").unwrap().scenario;
        let tiny = View { x: 4.0, y: 8.0, zoom: 0.25 };
        let held = load_fit(&s, tiny, 390.0, 700.0).expect("a phone always fits");
        assert_eq!(held.zoom, READABLE_FLOOR, "a phone pans");
        let b = bounds(&s).unwrap();
        let top = held.to_screen(Point::new(b.x, b.y));
        let bottom = held.to_screen(Point::new(b.x + b.w, b.y + b.h));
        assert!((top.x - EDGE).abs() < 1e-9, "too wide: it starts at the left edge ({top:?})");
        assert!(((700.0 - bottom.y) - top.y).abs() < 1e-9, "short enough: centred vertically ({top:?} {bottom:?})");
        assert_eq!(load_fit(&s, tiny, 1280.0, 800.0), None, "too large to read whole on a desktop: the view stays");
        let fine = View { x: 4.0, y: 8.0, zoom: 0.48 };
        assert_eq!(load_fit(&s, fine, 1280.0, 800.0), Some(fine));
        assert_eq!(load_fit(&s, View { zoom: 0.8, ..fine }, 390.0, 700.0), Some(View { zoom: 0.8, ..fine }));
    }

    #[test]
    fn the_compact_form_starts_where_names_and_counts_would_be_too_small() {
        assert!(!is_compact(1.0));
        assert!(!is_compact(0.7), "13 px at 70 % is 9.1 px");
        assert!(is_compact(0.68), "13 px at 68 % is 8.8 px");
        assert!(is_compact(0.48), "the RPC embed at 800x440");
        const { assert!(COMPACT_TEXT * READABLE_FLOOR >= READABLE_PX - 1e-9) };
        assert!(is_compact(READABLE_FLOOR), "the floor is in the compact range");
    }

    #[test]
    fn a_fit_stops_at_the_readable_floor_and_the_reader_starts_at_the_top_left() {
        let s = crate::lessons::by_slug("rpc").unwrap().scenario;
        let kept = View { x: 10.0, y: 5.0, zoom: 0.6 };
        assert_eq!(readable(&s, kept, 360.0, 300.0), kept);
        let held = readable(&s, View { x: 30.0, y: 12.0, zoom: 0.3 }, 360.0, 200.0);
        assert_eq!(held.zoom, READABLE_FLOOR);
        let b = bounds(&s).unwrap();
        let corner = held.to_screen(Point::new(b.x, b.y));
        assert!((corner.x - EDGE).abs() < 1e-9 && (corner.y - EDGE).abs() < 1e-9, "{corner:?}");
    }
}
