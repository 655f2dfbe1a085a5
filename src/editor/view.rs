//! The canvas viewport: pan and zoom, and the conversions between screen
//! coordinates (pixels in the canvas element) and canvas (world) units.

use super::geometry::Point;

/// Smallest zoom.
pub const MIN_ZOOM: f64 = 0.25;
/// Largest zoom.
pub const MAX_ZOOM: f64 = 3.0;

/// Pan and zoom: `screen = world * zoom + (x, y)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Horizontal offset in pixels.
    pub x: f64,
    /// Vertical offset in pixels.
    pub y: f64,
    /// Scale factor.
    pub zoom: f64,
}

impl Default for View {
    fn default() -> Self {
        View { x: 0.0, y: 0.0, zoom: 1.0 }
    }
}

impl View {
    /// The canvas point under a screen point.
    pub fn to_world(&self, screen: Point) -> Point {
        Point::new((screen.x - self.x) / self.zoom, (screen.y - self.y) / self.zoom)
    }

    /// The screen point of a canvas point.
    pub fn to_screen(&self, world: Point) -> Point {
        Point::new(world.x * self.zoom + self.x, world.y * self.zoom + self.y)
    }

    /// Moved by a screen distance.
    pub fn panned(&self, dx: f64, dy: f64) -> View {
        if !dx.is_finite() || !dy.is_finite() {
            return *self;
        }
        View { x: self.x + dx, y: self.y + dy, zoom: self.zoom }
    }

    /// Zoomed by `factor`, keeping the canvas point under `screen` in place.
    pub fn zoomed_at(&self, screen: Point, factor: f64) -> View {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let world = self.to_world(screen);
        View { x: screen.x - world.x * zoom, y: screen.y - world.y * zoom, zoom }
    }

    /// The CSS / SVG transform that draws the world in this view.
    pub fn transform(&self) -> String {
        format!("translate({:.2}px, {:.2}px) scale({:.4})", self.x, self.y, self.zoom)
    }

    /// The SVG `transform` attribute for the same view.
    pub fn svg_transform(&self) -> String {
        format!("translate({:.2} {:.2}) scale({:.4})", self.x, self.y, self.zoom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let v = View { x: 30.0, y: -10.0, zoom: 1.0 };
        let p = Point::new(200.0, 150.0);
        let before = v.to_world(p);
        let z = v.zoomed_at(p, 1.5);
        let after = z.to_world(p);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
        assert_eq!(z.zoom, 1.5);
        assert_eq!(v.zoomed_at(p, 100.0).zoom, MAX_ZOOM);
        assert_eq!(v.zoomed_at(p, f64::NAN), v);
    }

    #[test]
    fn screen_and_world_round_trip() {
        let v = View { x: 12.0, y: 7.0, zoom: 0.5 };
        let w = Point::new(40.0, 80.0);
        assert_eq!(v.to_world(v.to_screen(w)), w);
    }
}
