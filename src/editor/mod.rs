//! The editor: the scenario being built on the canvas, its undo/redo
//! history, the selection, the viewport and the notices shown when the
//! canvas refuses something. Pure Rust (no DOM), so every editing rule is
//! tested natively; the Yew app wraps [`Editor`] in a reducer.
//!
//! - [`edits`]: inspector edits as data ([`Edit`]), applied and checked once.
//! - [`history`]: undo and redo.
//! - [`selection`]: what is selected, and the canvas's edges.
//! - [`palette`]: palette entries and placing a new node.
//! - [`geometry`]: node sizes, ports, edge curves, rectangles.
//! - [`view`]: pan and zoom.
//! - [`connect`]: which connections are accepted and what they mean.
//! - [`naming`]: unique names for new nodes.
//! - [`table_text`]: header tables as `name=value, ...` text.

pub mod connect;
pub mod edits;
pub mod geometry;
pub mod history;
pub mod naming;
pub mod palette;
pub mod queue_form;
pub mod selection;
pub mod table_text;
pub mod view;

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::i18n::Msg;
use crate::scenario::{Position, ProgramFile, Scenario, DEFAULT_EXCHANGE_ID};
use connect::Connected;
pub use edits::{Edit, Refusal};
use geometry::{Point, Rect};
pub use history::{History, HISTORY_LIMIT};
pub use palette::{add_node, free_spot, PaletteItem};
pub use selection::{edges, Edge, Selection};
use view::View;

/// A message shown when the canvas refuses something.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// What was refused and why (rendered in the page's language when it
    /// is drawn).
    pub text: Msg,
    /// The node it concerns, if any (the notice is drawn next to it).
    pub node: Option<String>,
    /// Increases with every notice, so the same text shown twice is seen
    /// as new.
    pub serial: u64,
}

/// A change to the [`Editor`].
#[derive(Clone, Debug, PartialEq)]
pub enum EditAction {
    /// Create a node from the palette with its top-left corner at `at`
    /// (`None`: a free spot near the middle of the view, given as `near`).
    Add {
        /// What to create.
        item: PaletteItem,
        /// Where (top-left, canvas units).
        at: Position,
    },
    /// Connect two nodes (see [`connect::connect`]).
    Connect {
        /// The node dragged from.
        from: String,
        /// The node dropped on.
        to: String,
    },
    /// Store program files in the document (replacing files of the same
    /// name), as one undoable step; nothing happens if they are there.
    StorePrograms(Vec<ProgramFile>),
    /// Select only this node.
    SelectNode(String),
    /// Add or remove this node from the selection (shift-click).
    ToggleNode(String),
    /// Select only this edge.
    SelectEdge(Edge),
    /// Select the nodes inside a rectangle (canvas units); `add` keeps the
    /// current selection.
    SelectBox {
        /// The rectangle.
        rect: Rect,
        /// Add to the selection instead of replacing it.
        add: bool,
    },
    /// Select every node.
    SelectAll,
    /// Clear the selection.
    ClearSelection,
    /// Start a drag: later moves become one undo step.
    BeginGesture,
    /// Move the selected nodes by a canvas distance (during a drag).
    MoveSelected {
        /// Horizontal.
        dx: f64,
        /// Vertical.
        dy: f64,
    },
    /// End a drag.
    EndGesture,
    /// Move the selected nodes by a canvas distance as one step (keyboard);
    /// consecutive nudges are one undo step.
    Nudge {
        /// Horizontal.
        dx: f64,
        /// Vertical.
        dy: f64,
    },
    /// Replace the scenario with an edited copy.
    Replace(Rc<Scenario>),
    /// Set a field (the inspector's and the inline binding editor's edits)
    /// on the scenario held at that moment; the result must pass the
    /// document checks, or nothing changes and [`Editor::refusal`] says why.
    Set(Edit),
    /// Load a whole scenario (a lesson, an import): undoable; the selection
    /// and the view are reset and the app starts a fresh simulation.
    Load(Rc<Scenario>),
    /// Delete the selected nodes and edge.
    DeleteSelected,
    /// Delete one node.
    DeleteNode(String),
    /// Undo the last change to the scenario.
    Undo,
    /// Redo what undo took back.
    Redo,
    /// Pan by a screen distance.
    Pan {
        /// Horizontal pixels.
        dx: f64,
        /// Vertical pixels.
        dy: f64,
    },
    /// Zoom by `factor` around a screen point.
    Zoom {
        /// Screen point that stays in place.
        at: Point,
        /// Zoom factor (>1 zooms in).
        factor: f64,
    },
    /// Back to 100% at the origin.
    ResetView,
    /// Set pan and zoom (fit to content).
    SetView(View),
    /// Show a notice.
    Notify {
        /// The message.
        text: Msg,
        /// The node it concerns.
        node: Option<String>,
    },
    /// Hide the notice.
    DismissNotice,
    /// Close the inline binding-key editor.
    CloseInline,
    /// Set the clock speed (0.1 to 10). Not an undo step: undo and redo
    /// keep the current speed.
    SetSpeed(f64),
    /// Refuse (true) or accept again (false) every change to the scenario
    /// made on the page: a read-only embed. Loads and the clock speed still
    /// go through (the host page's `load`, the clock bar).
    SetReadOnly(bool),
}

impl EditAction {
    /// Whether the action changes the scenario as an edit (what a
    /// read-only editor refuses): adding, connecting, moving, deleting,
    /// inspector edits, undo and redo.
    pub fn is_edit(&self) -> bool {
        matches!(
            self,
            EditAction::Add { .. }
                | EditAction::Connect { .. }
                | EditAction::BeginGesture
                | EditAction::MoveSelected { .. }
                | EditAction::Nudge { .. }
                | EditAction::Replace(_)
                | EditAction::StorePrograms(_)
                | EditAction::Set(_)
                | EditAction::DeleteSelected
                | EditAction::DeleteNode(_)
                | EditAction::Undo
                | EditAction::Redo
        )
    }
}

/// The editor state.
#[derive(Clone, Debug, PartialEq)]
pub struct Editor {
    /// The scenario on the canvas.
    pub scenario: Rc<Scenario>,
    history: History,
    /// What is selected.
    pub selection: Selection,
    /// Pan and zoom.
    pub view: View,
    /// Edits are refused ([`EditAction::SetReadOnly`]): a read-only embed.
    pub read_only: bool,
    /// The notice shown, if any.
    pub notice: Option<Notice>,
    /// The last edit the reducer refused, shown by the field it came from.
    pub refusal: Option<Refusal>,
    /// The binding (by id) whose key is being edited right on the canvas
    /// (just after it was drawn).
    pub inline_binding: Option<String>,
    /// Increases with every [`EditAction::Load`]: the app starts a fresh
    /// simulation (new broker, empty log) when it changes.
    pub loads: u64,
    serial: u64,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new(Scenario::default())
    }
}

impl Editor {
    /// An editor holding `scenario`, with no history.
    pub fn new(mut scenario: Scenario) -> Self {
        scenario.assign_binding_ids();
        Editor {
            scenario: Rc::new(scenario),
            history: History::default(),
            selection: Selection::default(),
            view: View { x: 24.0, y: 16.0, zoom: 1.0 },
            read_only: false,
            notice: None,
            refusal: None,
            inline_binding: None,
            loads: 0,
            serial: 0,
        }
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// True while a drag is in progress.
    pub fn in_gesture(&self) -> bool {
        self.history.in_gesture()
    }

    /// The refusal of the last edit of `field` of `target`, if that edit was
    /// refused.
    pub fn refused(&self, target: &str, field: &str) -> Option<&Msg> {
        self.refusal.as_ref().filter(|r| r.target == target && r.field == field).map(|r| &r.text)
    }

    fn notify(&mut self, text: Msg, node: Option<String>) {
        self.serial += 1;
        self.notice = Some(Notice { text, node, serial: self.serial });
    }

    /// Shows `next` as a new undo step (nothing when it is the same).
    fn commit(&mut self, next: Rc<Scenario>) {
        if next != self.scenario {
            self.history.remember(&self.scenario, None);
            self.scenario = next;
            self.prune_selection();
        }
    }

    /// Drops selected things that no longer exist.
    fn prune_selection(&mut self) {
        let s = self.scenario.clone();
        self.selection.nodes.retain(|id| s.kind_of(id).is_some());
        if self.selection.edge.as_ref().is_some_and(|e| e.ends(&s).is_none()) {
            self.selection.edge = None;
        }
        if self.inline_binding.as_deref().is_some_and(|id| s.binding(id).is_none()) {
            self.inline_binding = None;
        }
    }

    /// Applies an action.
    pub fn apply(&mut self, action: EditAction) {
        if self.read_only && action.is_edit() {
            return;
        }
        if !matches!(action, EditAction::Nudge { .. }) {
            self.history.end_run();
        }
        if !matches!(action, EditAction::Set(_)) && action.is_edit() {
            self.refusal = None;
        }
        match action {
            EditAction::Add { item, at } => self.add(item, at),
            EditAction::Connect { from, to } => self.connect(from, to),
            EditAction::SelectNode(_)
            | EditAction::ToggleNode(_)
            | EditAction::SelectEdge(_)
            | EditAction::SelectBox { .. }
            | EditAction::SelectAll
            | EditAction::ClearSelection => self.select(action),
            EditAction::BeginGesture => self.history.begin_gesture(&self.scenario),
            EditAction::MoveSelected { dx, dy } => {
                move_nodes(Rc::make_mut(&mut self.scenario), &self.selection.nodes, dx, dy)
            }
            EditAction::EndGesture => self.history.end_gesture(&self.scenario),
            EditAction::Nudge { dx, dy } => self.nudge(dx, dy),
            EditAction::Replace(s) => self.commit(s),
            EditAction::Set(edit) => self.set(edit),
            EditAction::Load(s) => self.load(s),
            EditAction::StorePrograms(files) => self.store_programs(files),
            EditAction::DeleteSelected => self.delete_selected(),
            EditAction::DeleteNode(id) => self.delete_node(id),
            EditAction::Undo | EditAction::Redo => self.travel(matches!(action, EditAction::Undo)),
            EditAction::Pan { .. } | EditAction::Zoom { .. } | EditAction::ResetView | EditAction::SetView(_) => {
                self.move_view(action)
            }
            EditAction::Notify { text, node } => self.notify(text, node),
            EditAction::DismissNotice => self.notice = None,
            EditAction::CloseInline => self.inline_binding = None,
            EditAction::SetSpeed(v) => {
                if v.is_finite() {
                    Rc::make_mut(&mut self.scenario).speed = v.clamp(0.1, 10.0);
                }
            }
            EditAction::SetReadOnly(on) => self.set_read_only(on),
        }
    }

    fn add(&mut self, item: PaletteItem, at: Position) {
        self.history.remember(&self.scenario, None);
        let id = add_node(Rc::make_mut(&mut self.scenario), item, at);
        self.selection = Selection { nodes: BTreeSet::from([id]), edge: None };
        self.notice = None;
    }

    fn connect(&mut self, from: String, to: String) {
        let mut next = (*self.scenario).clone();
        match connect::connect(&mut next, &from, &to) {
            Ok(done) => {
                self.history.remember(&self.scenario, None);
                self.scenario = Rc::new(next);
                self.notice = None;
                let edge = match done {
                    Connected::Publishes => Edge::Publish(from),
                    Connected::Consumes => Edge::Consume(to),
                    Connected::Binding(id) => {
                        self.inline_binding = Some(id.clone());
                        Edge::Binding(id)
                    }
                };
                self.selection = Selection { nodes: BTreeSet::new(), edge: Some(edge) };
            }
            Err(why) => self.notify(why, Some(from)),
        }
    }

    fn select(&mut self, action: EditAction) {
        let s = self.scenario.clone();
        match action {
            EditAction::SelectNode(id) if s.kind_of(&id).is_some() => {
                self.selection = Selection { nodes: BTreeSet::from([id]), edge: None }
            }
            EditAction::ToggleNode(id) if s.kind_of(&id).is_some() => {
                self.selection.edge = None;
                if !self.selection.nodes.remove(&id) {
                    self.selection.nodes.insert(id);
                }
            }
            EditAction::SelectEdge(e) if e.ends(&s).is_some() => {
                self.selection = Selection { nodes: BTreeSet::new(), edge: Some(e) }
            }
            EditAction::SelectBox { rect, add } => {
                if !add {
                    self.selection = Selection::default();
                }
                self.selection.edge = None;
                let inside = s
                    .node_ids()
                    .filter(|(id, kind)| s.position(id).is_some_and(|p| rect.intersects(&Rect::of_node(*kind, p))));
                self.selection.nodes.extend(inside.map(|(id, _)| id.to_string()));
            }
            EditAction::SelectAll => {
                self.selection = Selection { nodes: s.node_ids().map(|(id, _)| id.to_string()).collect(), edge: None }
            }
            EditAction::ClearSelection => {
                self.selection = Selection::default();
                self.inline_binding = None;
            }
            _ => {}
        }
    }

    fn nudge(&mut self, dx: f64, dy: f64) {
        if !self.selection.nodes.is_empty() {
            self.history.remember(&self.scenario, Some("nudge"));
            move_nodes(Rc::make_mut(&mut self.scenario), &self.selection.nodes, dx, dy);
        }
    }

    /// An inspector edit: applied to the scenario held now and checked once;
    /// a refusal is kept for the field to show.
    fn set(&mut self, edit: Edit) {
        match edit.applied_to(&self.scenario) {
            Ok(next) => {
                self.refusal = None;
                self.commit(Rc::new(next));
            }
            Err(text) => self.refusal = Some(Refusal { target: edit.target().to_string(), field: edit.field(), text }),
        }
    }

    fn store_programs(&mut self, files: Vec<ProgramFile>) {
        let mut s = (*self.scenario).clone();
        s.store_programs(files);
        if s.programs != self.scenario.programs {
            self.commit(Rc::new(s));
        }
    }

    fn load(&mut self, s: Rc<Scenario>) {
        self.history.remember(&self.scenario, None);
        self.scenario = s;
        if self.scenario.bindings.iter().any(|b| b.id.is_empty()) {
            Rc::make_mut(&mut self.scenario).assign_binding_ids();
        }
        self.selection = Selection::default();
        self.inline_binding = None;
        self.notice = None;
        self.refusal = None;
        self.view = Editor::default().view;
        self.loads += 1;
    }

    fn delete_selected(&mut self) {
        let sel = std::mem::take(&mut self.selection);
        let deletable: Vec<&String> = sel.nodes.iter().filter(|id| *id != DEFAULT_EXCHANGE_ID).collect();
        if deletable.is_empty() && sel.edge.is_none() {
            if sel.nodes.contains(DEFAULT_EXCHANGE_ID) {
                self.notify(msg!("editor-default-exchange-stays"), Some(DEFAULT_EXCHANGE_ID.into()));
            }
            self.selection = sel;
            return;
        }
        self.history.remember(&self.scenario, None);
        let s = Rc::make_mut(&mut self.scenario);
        if let Some(e) = &sel.edge {
            delete_edge(s, e);
        }
        for id in deletable {
            s.remove_node(id);
        }
        self.inline_binding = None;
        self.prune_selection();
    }

    fn delete_node(&mut self, id: String) {
        if id == DEFAULT_EXCHANGE_ID {
            self.notify(msg!("editor-default-exchange-stays"), Some(id));
        } else if self.scenario.kind_of(&id).is_some() {
            self.history.remember(&self.scenario, None);
            Rc::make_mut(&mut self.scenario).remove_node(&id);
            self.inline_binding = None;
            self.prune_selection();
        }
    }

    /// Undo (`back`) or redo; the clock speed stays as it is.
    fn travel(&mut self, back: bool) {
        let now = self.scenario.clone();
        let other = if back { self.history.undo(now) } else { self.history.redo(now) };
        if let Some(mut other) = other {
            Rc::make_mut(&mut other).speed = self.scenario.speed;
            self.scenario = other;
            self.inline_binding = None;
            self.prune_selection();
        }
    }

    fn move_view(&mut self, action: EditAction) {
        self.view = match action {
            EditAction::Pan { dx, dy } => self.view.panned(dx, dy),
            EditAction::Zoom { at, factor } => self.view.zoomed_at(at, factor),
            EditAction::SetView(v) if v.x.is_finite() && v.y.is_finite() && v.zoom.is_finite() => {
                View { x: v.x, y: v.y, zoom: v.zoom.clamp(view::MIN_ZOOM, view::MAX_ZOOM) }
            }
            EditAction::ResetView => Editor::default().view,
            _ => self.view,
        };
    }

    fn set_read_only(&mut self, on: bool) {
        self.read_only = on;
        if on {
            self.history.cancel_gesture();
            self.inline_binding = None;
        }
    }
}

fn move_nodes(s: &mut Scenario, ids: &BTreeSet<String>, dx: f64, dy: f64) {
    if !dx.is_finite() || !dy.is_finite() {
        return;
    }
    for id in ids {
        if let Some(p) = s.position(id) {
            let clamp = |v: f64| v.clamp(-100_000.0, 100_000.0);
            s.set_position(id, Position { x: clamp(p.x + dx), y: clamp(p.y + dy) });
        }
    }
}

fn delete_edge(s: &mut Scenario, e: &Edge) {
    match e {
        Edge::Publish(p) => {
            if let Some(p) = s.producers.iter_mut().find(|n| &n.id == p) {
                p.exchange = None;
            }
        }
        Edge::Binding(id) => s.bindings.retain(|b| &b.id != id),
        Edge::Consume(c) => {
            if let Some(c) = s.consumers.iter_mut().find(|n| &n.id == c) {
                c.queue = None;
            }
        }
    }
}

/// The view that shows every node of `s` in a `width` × `height` canvas,
/// with a margin, at most at 100%.
pub fn fit_view(s: &Scenario, width: f64, height: f64) -> View {
    let rects: Vec<Rect> = s.node_ids().filter_map(|(id, k)| Some(Rect::of_node(k, s.position(id)?))).collect();
    let (x0, y0) = rects.iter().fold((f64::MAX, f64::MAX), |(x, y), r| (x.min(r.x), y.min(r.y)));
    let (x1, y1) = rects.iter().fold((f64::MIN, f64::MIN), |(x, y), r| (x.max(r.x + r.w), y.max(r.y + r.h)));
    if rects.is_empty() || width <= 0.0 || height <= 0.0 {
        return View::default();
    }
    let margin = 48.0;
    let zoom = ((width - 2.0 * margin) / (x1 - x0).max(1.0))
        .min((height - 2.0 * margin) / (y1 - y0).max(1.0))
        .clamp(view::MIN_ZOOM, 1.0);
    View { x: (width - (x1 - x0) * zoom) / 2.0 - x0 * zoom, y: (height - (y1 - y0) * zoom) / 2.0 - y0 * zoom, zoom }
}

#[cfg(test)]
mod tests {

    #[test]
    fn programs_are_stored_in_the_document_as_one_undoable_step() {
        let file = |name: &str, source: &str| ProgramFile { name: name.into(), source: source.into() };
        let mut e = Editor::default();
        e.apply(EditAction::StorePrograms(vec![file("send.py", "print(1)")]));
        e.apply(EditAction::StorePrograms(vec![file("send.py", "print(1)")]));
        e.apply(EditAction::StorePrograms(vec![file("receive.py", "print(2)"), file("send.py", "print(3)")]));
        let names: Vec<(&str, &str)> =
            e.scenario.programs.iter().map(|f| (f.name.as_str(), f.source.as_str())).collect();
        assert_eq!(names, [("send.py", "print(3)"), ("receive.py", "print(2)")]);
        e.apply(EditAction::Undo);
        assert_eq!(e.scenario.programs, [file("send.py", "print(1)")], "storing the same file again was no step");
        e.apply(EditAction::Undo);
        assert!(e.scenario.programs.is_empty());
    }

    use super::*;
    use crate::scenario::{ExchangeKind, NodeKind};

    fn item(kind: NodeKind) -> PaletteItem {
        PaletteItem { kind, exchange: ExchangeKind::Topic }
    }

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    #[test]
    fn adding_names_selects_and_undoes() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(100.0, 100.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(100.0, 300.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Exchange), at: at(0.0, 0.0) });
        let names: Vec<&str> = e.scenario.queues.iter().map(|q| q.name.as_str()).collect();
        assert_eq!(names, ["queue1", "queue2"]);
        assert_eq!(e.scenario.exchanges[0].name, "topic1");
        assert_eq!(e.selection.single_node(), Some("x1"));
        e.apply(EditAction::Undo);
        assert!(e.scenario.exchanges.is_empty());
        assert!(e.selection.is_empty(), "the undone node is no longer selected");
        e.apply(EditAction::Redo);
        assert_eq!(e.scenario.exchanges.len(), 1);
        e.apply(EditAction::Undo);
        e.apply(EditAction::Undo);
        e.apply(EditAction::Undo);
        assert_eq!(*e.scenario, Scenario::default());
        assert!(!e.can_undo());
        assert!(e.can_redo());
    }

    #[test]
    fn a_drag_is_one_undo_step() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(0.0, 0.0) });
        e.apply(EditAction::BeginGesture);
        for _ in 0..10 {
            e.apply(EditAction::MoveSelected { dx: 5.0, dy: 1.0 });
        }
        e.apply(EditAction::EndGesture);
        assert_eq!((e.scenario.queues[0].x, e.scenario.queues[0].y), (50.0, 10.0));
        e.apply(EditAction::Undo);
        assert_eq!((e.scenario.queues[0].x, e.scenario.queues[0].y), (0.0, 0.0));
        // A click (gesture without movement) leaves no undo step.
        let undo_len = e.history.undo_len();
        e.apply(EditAction::BeginGesture);
        e.apply(EditAction::EndGesture);
        assert_eq!(e.history.undo_len(), undo_len);
    }

    #[test]
    fn nudges_coalesce() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(0.0, 0.0) });
        for _ in 0..3 {
            e.apply(EditAction::Nudge { dx: 10.0, dy: 0.0 });
        }
        assert_eq!(e.scenario.queues[0].x, 30.0);
        e.apply(EditAction::Undo);
        assert_eq!(e.scenario.queues[0].x, 0.0);
    }

    #[test]
    fn box_select_and_delete() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(1000.0, 1000.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Consumer), at: at(1300.0, 1000.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(3000.0, 3000.0) });
        e.apply(EditAction::Connect { from: "q1".into(), to: "c1".into() });
        e.apply(EditAction::SelectBox {
            rect: Rect::spanning(Point::new(990.0, 990.0), Point::new(1400.0, 1100.0)),
            add: false,
        });
        assert_eq!(e.selection.nodes, BTreeSet::from(["q1".to_string(), "c1".to_string()]));
        e.apply(EditAction::DeleteSelected);
        assert_eq!(e.scenario.queues.len(), 1);
        assert!(e.scenario.consumers.is_empty());
        assert!(e.selection.is_empty());
        e.apply(EditAction::Undo);
        assert_eq!(e.scenario.consumers[0].queue.as_deref(), Some("q1"));
    }

    #[test]
    fn refused_connections_leave_a_notice_and_no_history() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Producer), at: at(0.0, 0.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(300.0, 0.0) });
        let undo_len = e.history.undo_len();
        e.apply(EditAction::Connect { from: "p1".into(), to: "q1".into() });
        assert_eq!(e.history.undo_len(), undo_len);
        let n = e.notice.clone().unwrap();
        assert!(n.text.english().contains("exchange"), "{:?}", n.text);
        assert_eq!(n.node.as_deref(), Some("p1"));
        e.apply(EditAction::Connect { from: "p1".into(), to: "default".into() });
        assert!(e.notice.is_none());
        assert_eq!(e.selection.edge, Some(Edge::Publish("p1".into())));
    }

    #[test]
    fn binding_opens_the_inline_editor_and_edge_delete_removes_only_it() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Exchange), at: at(0.0, 0.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(300.0, 0.0) });
        e.apply(EditAction::Connect { from: "x1".into(), to: "q1".into() });
        assert_eq!(e.inline_binding.as_deref(), Some("b1"));
        assert_eq!(e.selection.edge, Some(Edge::Binding("b1".into())));
        e.apply(EditAction::DeleteSelected);
        assert!(e.scenario.bindings.is_empty());
        assert_eq!(e.scenario.queues.len(), 1);
        assert_eq!(e.inline_binding, None);
    }

    #[test]
    fn the_default_exchange_stays() {
        let mut e = Editor::default();
        e.apply(EditAction::SelectNode("default".into()));
        e.apply(EditAction::DeleteSelected);
        let text = &e.notice.as_ref().unwrap().text;
        assert!(text.english().contains("cannot be deleted"));
        assert_eq!(text.render(crate::i18n::Lang::Zh), "默认交换机是每个 broker 都有的，不能删除。");
        assert_eq!(e.scenario.kind_of("default"), Some(NodeKind::Exchange));
        assert!(!e.can_undo());
    }

    #[test]
    fn edits_apply_to_the_current_scenario_and_are_checked() {
        use edits::QueueField;
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(0.0, 0.0) });
        let set = |field| EditAction::Set(Edit::Queue { id: "q1".into(), field });
        e.apply(set(QueueField::Name("orders".into())));
        e.apply(set(QueueField::Durable(true)));
        assert_eq!((e.scenario.queues[0].name.as_str(), e.scenario.queues[0].durable), ("orders", true));
        e.apply(set(QueueField::Name("bad\u{7}name".into())));
        assert!(e.refused("q1", "name").unwrap().english().contains("control character"));
        assert_eq!(e.refused("q1", "durable"), None, "only the field it came from");
        assert_eq!(e.scenario.queues[0].name, "orders");
        e.apply(set(QueueField::Name("fine".into())));
        assert_eq!(e.refusal, None, "a good edit clears the refusal");
        e.apply(EditAction::Undo);
        e.apply(EditAction::Undo);
        assert!(!e.scenario.queues[0].durable);
    }

    #[test]
    fn a_binding_keeps_its_id_when_another_goes() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Exchange), at: at(0.0, 0.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(300.0, 0.0) });
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(300.0, 300.0) });
        e.apply(EditAction::Connect { from: "x1".into(), to: "q1".into() });
        e.apply(EditAction::Connect { from: "x1".into(), to: "q2".into() });
        e.apply(EditAction::SelectEdge(Edge::Binding("b1".into())));
        e.apply(EditAction::DeleteSelected);
        e.apply(EditAction::SelectEdge(Edge::Binding("b2".into())));
        assert_eq!(e.selection.edge, Some(Edge::Binding("b2".into())), "b2 is still b2");
        e.apply(EditAction::Set(Edit::Binding { id: "b2".into(), field: edits::BindingField::Key("k".into()) }));
        assert_eq!(e.scenario.binding("b2").unwrap().routing_key, "k");
    }

    #[test]
    fn loading_resets_selection_and_view_and_counts() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(0.0, 0.0) });
        e.apply(EditAction::Pan { dx: 100.0, dy: 0.0 });
        let lesson = Scenario { title: "Hello".into(), ..Scenario::default() };
        e.apply(EditAction::Load(Rc::new(lesson)));
        assert_eq!((e.loads, e.scenario.title.as_str()), (1, "Hello"));
        assert!(e.selection.is_empty());
        assert_eq!(e.view, Editor::default().view);
        e.apply(EditAction::Undo);
        assert_eq!(e.scenario.queues.len(), 1, "a load is undoable");
    }

    #[test]
    fn read_only_refuses_edits_but_not_loads_selection_or_speed() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(0.0, 0.0) });
        e.apply(EditAction::SetReadOnly(true));
        let before = e.scenario.clone();
        let id = before.queues[0].id.clone();
        for a in [
            EditAction::Add { item: item(NodeKind::Queue), at: at(300.0, 0.0) },
            EditAction::SelectNode(id.clone()),
            EditAction::BeginGesture,
            EditAction::MoveSelected { dx: 50.0, dy: 0.0 },
            EditAction::EndGesture,
            EditAction::Nudge { dx: 1.0, dy: 0.0 },
            EditAction::DeleteSelected,
            EditAction::DeleteNode(id.clone()),
            EditAction::Undo,
        ] {
            e.apply(a);
        }
        assert_eq!(e.scenario, before, "nothing changed");
        assert!(e.selection.nodes.contains(&id), "selecting still works");
        e.apply(EditAction::SetSpeed(3.0));
        assert_eq!(e.scenario.speed, 3.0);
        e.apply(EditAction::Load(Rc::new(Scenario { title: "loaded".into(), ..Default::default() })));
        assert_eq!(e.scenario.title, "loaded", "a load (the host page's) goes through");
        e.apply(EditAction::SetReadOnly(false));
        e.apply(EditAction::Undo);
        assert_eq!(e.scenario.queues.len(), 1, "editable again");
    }

    #[test]
    fn speed_is_not_undone() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(0.0, 0.0) });
        e.apply(EditAction::SetSpeed(4.0));
        e.apply(EditAction::SetSpeed(f64::NAN));
        e.apply(EditAction::Undo);
        assert_eq!(e.scenario.speed, 4.0);
        assert!(e.scenario.queues.is_empty());
        e.apply(EditAction::SetSpeed(100.0));
        assert_eq!(e.scenario.speed, 10.0);
    }

    #[test]
    fn free_spots_do_not_overlap() {
        let mut s = Scenario::default();
        let p = free_spot(&s, NodeKind::Queue, at(320.0, 60.0));
        assert_ne!(p, at(320.0, 60.0), "the default exchange sits there");
        add_node(&mut s, item(NodeKind::Queue), p);
        let q = free_spot(&s, NodeKind::Queue, at(320.0, 60.0));
        assert!(!Rect::of_node(NodeKind::Queue, p).intersects(&Rect::of_node(NodeKind::Queue, q)));
    }
}
