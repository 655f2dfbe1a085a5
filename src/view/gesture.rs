//! The canvas's pointer gestures as a pure reducer: what a press, a move
//! and a release mean (move nodes, connect, pan, box-select, pinch-zoom,
//! select, clear), given what the pointer is on. The canvas component only
//! finds what is under the pointer and dispatches the [`EditAction`]s this
//! returns; every rule is tested natively.

use std::collections::BTreeMap;

use crate::editor::geometry::{Point, Rect};
use crate::editor::view::View;
use crate::editor::{Edge, EditAction};

/// How far (screen pixels) a pointer moves before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 4.0;

/// What a press landed on, as the canvas finds it in the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A node's ● port: start a connection from `node`, whose out port is
    /// at `port` (world units).
    Port {
        /// The node id.
        node: String,
        /// The out port's position.
        port: Point,
    },
    /// A node's box.
    Node {
        /// The node id.
        id: String,
        /// Shift, Ctrl or Cmd held: add it to or remove it from the selection.
        toggle: bool,
    },
    /// An edge or its label.
    Edge(Edge),
    /// The empty canvas (`shift`: box-select instead of pan).
    Empty {
        /// Shift held.
        shift: bool,
    },
}

/// The gesture in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    /// Nothing.
    #[default]
    Idle,
    /// Panning the view (screen points).
    Pan {
        /// Where it started.
        start: Point,
        /// The last point seen.
        last: Point,
        /// Past the drag threshold.
        moved: bool,
    },
    /// Moving the selected nodes (`last` in world units).
    Move {
        /// Where it started (screen).
        start: Point,
        /// The last point seen (world).
        last: Point,
        /// Past the drag threshold.
        moved: bool,
        /// A click without moving selects only this node.
        collapse_to: Option<String>,
    },
    /// Dragging a connection from a node.
    Connect {
        /// The node it starts at.
        from: String,
        /// Where it started (screen).
        start: Point,
    },
    /// Selecting with a box (screen points).
    Box {
        /// The corner it started at.
        start: Point,
        /// Keep the current selection.
        add: bool,
    },
    /// Two fingers: zoom by their distance, pan by their middle.
    Pinch {
        /// Their last distance.
        distance: f64,
        /// Their last middle.
        middle: Point,
    },
}

/// What the canvas draws while a gesture runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Preview {
    /// Nothing.
    #[default]
    None,
    /// The connection being dragged (world units).
    Connect {
        /// The out port.
        from: Point,
        /// The pointer.
        to: Point,
    },
    /// The selection box (screen points).
    Box {
        /// One corner.
        a: Point,
        /// The other.
        b: Point,
    },
}

/// The pointers down on the canvas and the gesture they make.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gestures {
    /// The gesture in progress.
    pub gesture: Gesture,
    /// What to draw for it.
    pub preview: Preview,
    pointers: BTreeMap<i32, Point>,
}

/// The distance between two points.
pub fn distance(a: Point, b: Point) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

fn middle(a: Point, b: Point) -> Point {
    Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}

impl Gestures {
    /// A connection is being dragged: its release needs the node under the
    /// pointer.
    pub fn is_connecting(&self) -> bool {
        matches!(self.gesture, Gesture::Connect { .. })
    }

    /// Pointer `id` pressed at `at` (screen) on `target`. `selected` is the
    /// current selection's nodes.
    pub fn down(&mut self, id: i32, at: Point, target: Target, view: View, selected: &[String]) -> Vec<EditAction> {
        self.pointers.insert(id, at);
        if self.pointers.len() == 2 {
            // A second finger turns a pan into a pinch.
            if matches!(self.gesture, Gesture::Pan { .. } | Gesture::Idle) {
                let pts: Vec<Point> = self.pointers.values().copied().collect();
                self.gesture = Gesture::Pinch { distance: distance(pts[0], pts[1]), middle: middle(pts[0], pts[1]) };
            }
            return Vec::new();
        }
        match target {
            Target::Port { node, port } => {
                self.preview = Preview::Connect { from: port, to: view.to_world(at) };
                self.gesture = Gesture::Connect { from: node, start: at };
                Vec::new()
            }
            Target::Node { id, toggle: true } => {
                self.gesture = Gesture::Idle;
                vec![EditAction::ToggleNode(id)]
            }
            Target::Node { id, toggle: false } => self.press_node(id, at, view, selected),
            Target::Edge(edge) => {
                self.gesture = Gesture::Idle;
                vec![EditAction::SelectEdge(edge)]
            }
            Target::Empty { shift: true } => {
                self.preview = Preview::Box { a: at, b: at };
                self.gesture = Gesture::Box { start: at, add: true };
                Vec::new()
            }
            Target::Empty { shift: false } => {
                self.gesture = Gesture::Pan { start: at, last: at, moved: false };
                Vec::new()
            }
        }
    }

    /// A press on a node: select it (unless it is part of a selection that
    /// then moves together) and start moving.
    fn press_node(&mut self, id: String, at: Point, view: View, selected: &[String]) -> Vec<EditAction> {
        let is_selected = selected.contains(&id);
        let collapse_to = (is_selected && selected.len() > 1).then(|| id.clone());
        let mut actions = Vec::new();
        if !is_selected {
            actions.push(EditAction::SelectNode(id));
        }
        actions.push(EditAction::BeginGesture);
        self.gesture = Gesture::Move { start: at, last: view.to_world(at), moved: false, collapse_to };
        actions
    }

    /// Pointer `id` moved to `at` (screen).
    pub fn moved(&mut self, id: i32, at: Point, view: View) -> Vec<EditAction> {
        if let Some(p) = self.pointers.get_mut(&id) {
            *p = at;
        }
        match &mut self.gesture {
            Gesture::Idle => Vec::new(),
            Gesture::Pan { start, last, moved } => {
                if !*moved && distance(*start, at) < DRAG_THRESHOLD {
                    return Vec::new();
                }
                *moved = true;
                let (dx, dy) = (at.x - last.x, at.y - last.y);
                *last = at;
                vec![EditAction::Pan { dx, dy }]
            }
            Gesture::Move { start, last, moved, .. } => {
                if !*moved && distance(*start, at) < DRAG_THRESHOLD {
                    return Vec::new();
                }
                *moved = true;
                let w = view.to_world(at);
                let (dx, dy) = (w.x - last.x, w.y - last.y);
                *last = w;
                vec![EditAction::MoveSelected { dx, dy }]
            }
            Gesture::Connect { .. } => {
                if let Preview::Connect { from, .. } = self.preview {
                    self.preview = Preview::Connect { from, to: view.to_world(at) };
                }
                Vec::new()
            }
            Gesture::Box { start, .. } => {
                self.preview = Preview::Box { a: *start, b: at };
                Vec::new()
            }
            Gesture::Pinch { .. } => self.pinch(),
        }
    }

    /// Two fingers moved: pan by their middle, zoom by their distance.
    fn pinch(&mut self) -> Vec<EditAction> {
        let pts: Vec<Point> = self.pointers.values().copied().collect();
        let Gesture::Pinch { distance: d0, middle: m0 } = &mut self.gesture else { return Vec::new() };
        if pts.len() != 2 {
            return Vec::new();
        }
        let (d, m) = (distance(pts[0], pts[1]), middle(pts[0], pts[1]));
        let mut actions = Vec::new();
        if *d0 > 0.0 && d > 0.0 {
            actions.push(EditAction::Pan { dx: m.x - m0.x, dy: m.y - m0.y });
            actions.push(EditAction::Zoom { at: m, factor: d / *d0 });
        }
        (*d0, *m0) = (d, m);
        actions
    }

    /// Pointer `id` was released at `at` (screen), or the browser cancelled
    /// it. `drop_on` is the node under the pointer (asked for only while
    /// [`connecting`](Self::is_connecting)).
    pub fn up(&mut self, id: i32, at: Point, drop_on: Option<String>, cancelled: bool, view: View) -> Vec<EditAction> {
        self.pointers.remove(&id);
        let gesture = std::mem::take(&mut self.gesture);
        if matches!(gesture, Gesture::Connect { .. } | Gesture::Box { .. }) {
            self.preview = Preview::None;
        }
        match gesture {
            // The remaining finger of a pinch does nothing until lifted.
            Gesture::Idle | Gesture::Pinch { .. } => Vec::new(),
            Gesture::Pan { moved, .. } => {
                if !moved && !cancelled {
                    vec![EditAction::ClearSelection]
                } else {
                    Vec::new()
                }
            }
            Gesture::Move { moved, collapse_to, .. } => {
                let mut actions = vec![EditAction::EndGesture];
                if let Some(id) = collapse_to.filter(|_| !moved && !cancelled) {
                    actions.push(EditAction::SelectNode(id));
                }
                actions
            }
            Gesture::Connect { .. } if cancelled => Vec::new(),
            Gesture::Connect { from, start } => vec![match drop_on {
                Some(to) if to != from => EditAction::Connect { from, to },
                None if distance(start, at) >= DRAG_THRESHOLD => {
                    EditAction::Notify { text: crate::msg!("editor-drop-on-node"), node: Some(from) }
                }
                _ => EditAction::SelectNode(from),
            }],
            Gesture::Box { .. } if cancelled => Vec::new(),
            Gesture::Box { start, add } => {
                vec![EditAction::SelectBox { rect: Rect::spanning(view.to_world(start), view.to_world(at)), add }]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: View = View { x: 0.0, y: 0.0, zoom: 1.0 };

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    #[test]
    fn a_click_on_the_empty_canvas_clears_and_a_drag_pans() {
        let mut g = Gestures::default();
        g.down(1, p(10.0, 10.0), Target::Empty { shift: false }, VIEW, &[]);
        assert_eq!(g.moved(1, p(11.0, 10.0), VIEW), vec![], "under the threshold");
        assert_eq!(g.up(1, p(11.0, 10.0), None, false, VIEW), vec![EditAction::ClearSelection]);
        g.down(1, p(10.0, 10.0), Target::Empty { shift: false }, VIEW, &[]);
        assert_eq!(g.moved(1, p(30.0, 15.0), VIEW), vec![EditAction::Pan { dx: 20.0, dy: 5.0 }]);
        assert_eq!(g.up(1, p(30.0, 15.0), None, false, VIEW), vec![]);
    }

    #[test]
    fn dragging_a_node_selects_it_and_moves_in_world_units() {
        let mut g = Gestures::default();
        let zoomed = View { x: 0.0, y: 0.0, zoom: 2.0 };
        let down = g.down(1, p(100.0, 100.0), Target::Node { id: "q1".into(), toggle: false }, zoomed, &[]);
        assert_eq!(down, vec![EditAction::SelectNode("q1".into()), EditAction::BeginGesture]);
        assert_eq!(g.moved(1, p(120.0, 100.0), zoomed), vec![EditAction::MoveSelected { dx: 10.0, dy: 0.0 }]);
        assert_eq!(g.up(1, p(120.0, 100.0), None, false, zoomed), vec![EditAction::EndGesture]);
    }

    #[test]
    fn a_click_on_one_of_several_selected_nodes_selects_only_it() {
        let mut g = Gestures::default();
        let sel = ["q1".to_string(), "q2".to_string()];
        let down = g.down(1, p(0.0, 0.0), Target::Node { id: "q1".into(), toggle: false }, VIEW, &sel);
        assert_eq!(down, vec![EditAction::BeginGesture], "the selection moves together");
        let up = g.up(1, p(0.0, 0.0), None, false, VIEW);
        assert_eq!(up, vec![EditAction::EndGesture, EditAction::SelectNode("q1".into())]);
        let toggle = g.down(1, p(0.0, 0.0), Target::Node { id: "q2".into(), toggle: true }, VIEW, &sel);
        assert_eq!(toggle, vec![EditAction::ToggleNode("q2".into())]);
    }

    #[test]
    fn connections_end_on_a_node_or_say_where_to_drop() {
        let mut g = Gestures::default();
        let port = Target::Port { node: "x1".into(), port: p(50.0, 20.0) };
        g.down(1, p(50.0, 20.0), port.clone(), VIEW, &[]);
        assert!(g.is_connecting());
        g.moved(1, p(200.0, 20.0), VIEW);
        assert_eq!(g.preview, Preview::Connect { from: p(50.0, 20.0), to: p(200.0, 20.0) });
        let up = g.up(1, p(200.0, 20.0), Some("q1".into()), false, VIEW);
        assert_eq!(up, vec![EditAction::Connect { from: "x1".into(), to: "q1".into() }]);
        assert_eq!(g.preview, Preview::None);
        g.down(1, p(50.0, 20.0), port.clone(), VIEW, &[]);
        let up = g.up(1, p(200.0, 20.0), None, false, VIEW);
        assert!(matches!(&up[..], [EditAction::Notify { node: Some(n), .. }] if n == "x1"));
        g.down(1, p(50.0, 20.0), port, VIEW, &[]);
        assert_eq!(g.up(1, p(51.0, 20.0), None, false, VIEW), vec![EditAction::SelectNode("x1".into())]);
    }

    #[test]
    fn shift_drag_selects_a_box_and_a_cancel_does_nothing() {
        let mut g = Gestures::default();
        g.down(1, p(0.0, 0.0), Target::Empty { shift: true }, VIEW, &[]);
        g.moved(1, p(100.0, 50.0), VIEW);
        assert_eq!(g.preview, Preview::Box { a: p(0.0, 0.0), b: p(100.0, 50.0) });
        let up = g.up(1, p(100.0, 50.0), None, false, VIEW);
        assert_eq!(up, vec![EditAction::SelectBox { rect: Rect::spanning(p(0.0, 0.0), p(100.0, 50.0)), add: true }]);
        g.down(1, p(0.0, 0.0), Target::Empty { shift: true }, VIEW, &[]);
        assert_eq!(g.up(1, p(100.0, 50.0), None, true, VIEW), vec![]);
        assert_eq!(g.preview, Preview::None);
    }

    #[test]
    fn two_fingers_pinch_zoom_around_their_middle() {
        let mut g = Gestures::default();
        g.down(1, p(100.0, 100.0), Target::Empty { shift: false }, VIEW, &[]);
        g.down(2, p(200.0, 100.0), Target::Empty { shift: false }, VIEW, &[]);
        assert!(matches!(g.gesture, Gesture::Pinch { .. }));
        let actions = g.moved(2, p(300.0, 100.0), VIEW);
        assert_eq!(
            actions,
            vec![EditAction::Pan { dx: 50.0, dy: 0.0 }, EditAction::Zoom { at: p(200.0, 100.0), factor: 2.0 }]
        );
        assert_eq!(g.up(2, p(300.0, 100.0), None, false, VIEW), vec![], "lifting a finger ends it quietly");
        assert_eq!(g.moved(1, p(150.0, 100.0), VIEW), vec![]);
    }
}
