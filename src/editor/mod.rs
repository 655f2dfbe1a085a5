//! The editor: the scenario being built on the canvas, its undo/redo
//! history, the selection, the viewport and the notices shown when the
//! canvas refuses something. Pure Rust (no DOM), so every editing rule is
//! tested natively; the Yew app wraps [`Editor`] in a reducer.
//!
//! - [`geometry`]: node sizes, ports, edge curves, rectangles.
//! - [`view`]: pan and zoom.
//! - [`connect`]: which connections are accepted and what they mean.
//! - [`naming`]: unique names for new nodes.
//! - [`table_text`]: header tables as `name=value, ...` text.

pub mod connect;
pub mod geometry;
pub mod naming;
pub mod queue_form;
pub mod table_text;
pub mod view;

use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::Map;

use crate::scenario::{
    ConsumerNode, ExchangeKind, ExchangeNode, NodeKind, Position, ProducerNode, QueueNode, Scenario,
    DEFAULT_EXCHANGE_ID,
};
use connect::Connected;
use geometry::{Point, Rect};
use view::View;

/// How many scenarios undo remembers.
pub const HISTORY_LIMIT: usize = 200;

/// An edge on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Edge {
    /// Producer (by id) → the exchange it publishes to.
    Publish(String),
    /// A binding, by its index in `Scenario::bindings`.
    Binding(usize),
    /// Queue → consumer (by id) that consumes from it.
    Consume(String),
}

impl Edge {
    /// The node ids at the two ends, if the edge exists in `s`.
    pub fn ends(&self, s: &Scenario) -> Option<(String, String)> {
        match self {
            Edge::Publish(p) => Some((p.clone(), s.producer(p)?.exchange.clone()?)),
            Edge::Binding(i) => s.bindings.get(*i).map(|b| (b.from.clone(), b.to.clone())),
            Edge::Consume(c) => Some((s.consumer(c)?.queue.clone()?, c.clone())),
        }
    }

    /// A stable string for DOM attributes and tests: `publish:p1`,
    /// `binding:0`, `consume:c1`.
    pub fn key(&self) -> String {
        match self {
            Edge::Publish(p) => format!("publish:{p}"),
            Edge::Binding(i) => format!("binding:{i}"),
            Edge::Consume(c) => format!("consume:{c}"),
        }
    }
}

/// Every edge of `s`, in drawing order.
pub fn edges(s: &Scenario) -> Vec<Edge> {
    let mut out: Vec<Edge> =
        s.producers.iter().filter(|p| p.exchange.is_some()).map(|p| Edge::Publish(p.id.clone())).collect();
    out.extend((0..s.bindings.len()).map(Edge::Binding));
    out.extend(s.consumers.iter().filter(|c| c.queue.is_some()).map(|c| Edge::Consume(c.id.clone())));
    out
}

/// What is selected: nodes (several with shift-click or a box) or one edge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected node ids.
    pub nodes: BTreeSet<String>,
    /// The selected edge.
    pub edge: Option<Edge>,
}

impl Selection {
    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edge.is_none()
    }

    /// The one selected node, when exactly one is selected.
    pub fn single_node(&self) -> Option<&str> {
        (self.nodes.len() == 1 && self.edge.is_none()).then(|| self.nodes.iter().next().map(|s| s.as_str())).flatten()
    }
}

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

    /// The label shown in the palette.
    pub fn label(&self) -> String {
        match self.kind {
            NodeKind::Exchange => format!("{} exchange", self.exchange.as_str()),
            k => k.as_str().to_string(),
        }
    }

    /// One line about what it does.
    pub fn description(&self) -> &'static str {
        match (self.kind, self.exchange) {
            (NodeKind::Producer, _) => "Publishes messages to an exchange",
            (NodeKind::Exchange, ExchangeKind::Direct) => "Routes by exact routing key",
            (NodeKind::Exchange, ExchangeKind::Fanout) => "Copies to every bound queue",
            (NodeKind::Exchange, ExchangeKind::Topic) => "Routes by patterns with * and #",
            (NodeKind::Exchange, ExchangeKind::Headers) => "Routes by header values",
            (NodeKind::Queue, _) => "Holds messages until consumed",
            (NodeKind::Consumer, _) => "Receives, processes and acks",
        }
    }
}

/// A message shown when the canvas refuses something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// What was refused and why.
    pub text: String,
    /// The node it concerns, if any (the notice is drawn next to it).
    pub node: Option<String>,
    /// Increases with every notice, so the same text shown twice is seen
    /// as new.
    pub serial: u64,
}

/// An edit of the scenario, applied by the reducer to the scenario it
/// holds at that moment (so two quick edits never overwrite each other).
/// It may refuse with a reason.
#[derive(Clone)]
pub struct ScenarioEdit(pub Rc<EditFn>);

/// The function inside a [`ScenarioEdit`].
pub type EditFn = dyn Fn(&mut Scenario) -> Result<(), String>;

impl ScenarioEdit {
    /// Wraps an edit.
    pub fn new(f: impl Fn(&mut Scenario) -> Result<(), String> + 'static) -> Self {
        ScenarioEdit(Rc::new(f))
    }

    /// The scenario `s` with the edit made, or why it cannot be: the edit
    /// refused, or the result is not a document the format accepts.
    pub fn applied_to(&self, s: &Scenario) -> Result<Scenario, String> {
        let mut next = s.clone();
        (self.0)(&mut next)?;
        crate::scenario::parse::check(&next).map_err(|e| e.to_string())?;
        Ok(next)
    }
}

impl std::fmt::Debug for ScenarioEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScenarioEdit(..)")
    }
}

impl PartialEq for ScenarioEdit {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
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
    /// Apply an edit to the current scenario (the inspector's edits); the
    /// result must pass the document checks, or nothing changes and a
    /// notice says why.
    Apply(ScenarioEdit),
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
        /// The text.
        text: String,
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
                | EditAction::Apply(_)
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
    undo: Vec<Rc<Scenario>>,
    redo: Vec<Rc<Scenario>>,
    gesture: Option<Rc<Scenario>>,
    coalesce: Option<&'static str>,
    /// What is selected.
    pub selection: Selection,
    /// Pan and zoom.
    pub view: View,
    /// Edits are refused ([`EditAction::SetReadOnly`]): a read-only embed.
    pub read_only: bool,
    /// The notice shown, if any.
    pub notice: Option<Notice>,
    /// The binding whose key is being edited right on the canvas (just
    /// after it was drawn).
    pub inline_binding: Option<usize>,
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
    pub fn new(scenario: Scenario) -> Self {
        Editor {
            scenario: Rc::new(scenario),
            undo: Vec::new(),
            redo: Vec::new(),
            gesture: None,
            coalesce: None,
            selection: Selection::default(),
            view: View { x: 24.0, y: 16.0, zoom: 1.0 },
            read_only: false,
            notice: None,
            inline_binding: None,
            loads: 0,
            serial: 0,
        }
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// True while a drag is in progress.
    pub fn in_gesture(&self) -> bool {
        self.gesture.is_some()
    }

    /// Records the current scenario for undo before a change.
    fn remember(&mut self, coalesce: Option<&'static str>) {
        if coalesce.is_some() && coalesce == self.coalesce {
            return;
        }
        self.coalesce = coalesce;
        self.undo.push(self.scenario.clone());
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn notify(&mut self, text: impl Into<String>, node: Option<String>) {
        self.serial += 1;
        self.notice = Some(Notice { text: text.into(), node, serial: self.serial });
    }

    /// Drops selected things that no longer exist.
    fn prune_selection(&mut self) {
        let s = self.scenario.clone();
        self.selection.nodes.retain(|id| s.kind_of(id).is_some());
        if let Some(e) = &self.selection.edge {
            if e.ends(&s).is_none() {
                self.selection.edge = None;
            }
        }
        if self.inline_binding.is_some_and(|i| i >= s.bindings.len()) {
            self.inline_binding = None;
        }
    }

    /// Applies an action.
    pub fn apply(&mut self, action: EditAction) {
        if self.read_only && action.is_edit() {
            return;
        }
        if !matches!(action, EditAction::Nudge { .. }) {
            self.coalesce = None;
        }
        match action {
            EditAction::Add { item, at } => {
                self.remember(None);
                let id = add_node(Rc::make_mut(&mut self.scenario), item, at);
                self.selection = Selection { nodes: BTreeSet::from([id]), edge: None };
                self.notice = None;
            }
            EditAction::Connect { from, to } => {
                let mut next = (*self.scenario).clone();
                match connect::connect(&mut next, &from, &to) {
                    Ok(done) => {
                        self.remember(None);
                        self.scenario = Rc::new(next);
                        self.notice = None;
                        let edge = match done {
                            Connected::Publishes => Edge::Publish(from),
                            Connected::Consumes => Edge::Consume(to),
                            Connected::Binding(i) => {
                                self.inline_binding = Some(i);
                                Edge::Binding(i)
                            }
                        };
                        self.selection = Selection { nodes: BTreeSet::new(), edge: Some(edge) };
                    }
                    Err(why) => self.notify(why, Some(from)),
                }
            }
            EditAction::SelectNode(id) => {
                if self.scenario.kind_of(&id).is_some() {
                    self.selection = Selection { nodes: BTreeSet::from([id]), edge: None };
                }
            }
            EditAction::ToggleNode(id) => {
                if self.scenario.kind_of(&id).is_some() {
                    self.selection.edge = None;
                    if !self.selection.nodes.remove(&id) {
                        self.selection.nodes.insert(id);
                    }
                }
            }
            EditAction::SelectEdge(e) => {
                if e.ends(&self.scenario).is_some() {
                    self.selection = Selection { nodes: BTreeSet::new(), edge: Some(e) };
                }
            }
            EditAction::SelectBox { rect, add } => {
                if !add {
                    self.selection = Selection::default();
                }
                self.selection.edge = None;
                let s = self.scenario.clone();
                for (id, kind) in s.node_ids() {
                    if let Some(p) = s.position(id) {
                        if rect.intersects(&Rect::of_node(kind, p)) {
                            self.selection.nodes.insert(id.to_string());
                        }
                    }
                }
            }
            EditAction::SelectAll => {
                self.selection =
                    Selection { nodes: self.scenario.node_ids().map(|(id, _)| id.to_string()).collect(), edge: None };
            }
            EditAction::ClearSelection => {
                self.selection = Selection::default();
                self.inline_binding = None;
            }
            EditAction::BeginGesture => {
                self.gesture = Some(self.scenario.clone());
            }
            EditAction::MoveSelected { dx, dy } => {
                move_nodes(Rc::make_mut(&mut self.scenario), &self.selection.nodes, dx, dy);
            }
            EditAction::EndGesture => {
                if let Some(before) = self.gesture.take() {
                    if before != self.scenario {
                        self.undo.push(before);
                        if self.undo.len() > HISTORY_LIMIT {
                            self.undo.remove(0);
                        }
                        self.redo.clear();
                    }
                }
            }
            EditAction::Nudge { dx, dy } => {
                if !self.selection.nodes.is_empty() {
                    self.remember(Some("nudge"));
                    move_nodes(Rc::make_mut(&mut self.scenario), &self.selection.nodes, dx, dy);
                }
            }
            EditAction::Replace(s) => {
                if s != self.scenario {
                    self.remember(None);
                    self.scenario = s;
                    self.prune_selection();
                }
            }
            EditAction::Apply(edit) => match edit.applied_to(&self.scenario) {
                Ok(next) if next != *self.scenario => {
                    self.remember(None);
                    self.scenario = Rc::new(next);
                    self.prune_selection();
                }
                Ok(_) => {}
                Err(why) => self.notify(why, None),
            },
            EditAction::Load(s) => {
                self.remember(None);
                self.scenario = s;
                self.selection = Selection::default();
                self.inline_binding = None;
                self.notice = None;
                self.view = Editor::default().view;
                self.loads += 1;
            }
            EditAction::DeleteSelected => {
                let sel = std::mem::take(&mut self.selection);
                let deletable: Vec<&String> = sel.nodes.iter().filter(|id| *id != DEFAULT_EXCHANGE_ID).collect();
                if deletable.is_empty() && sel.edge.is_none() {
                    if sel.nodes.contains(DEFAULT_EXCHANGE_ID) {
                        self.notify(
                            "The default exchange is part of every broker: it cannot be deleted.",
                            Some(DEFAULT_EXCHANGE_ID.into()),
                        );
                    }
                    self.selection = sel;
                    return;
                }
                self.remember(None);
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
            EditAction::DeleteNode(id) => {
                if id == DEFAULT_EXCHANGE_ID {
                    self.notify("The default exchange is part of every broker: it cannot be deleted.", Some(id));
                } else if self.scenario.kind_of(&id).is_some() {
                    self.remember(None);
                    Rc::make_mut(&mut self.scenario).remove_node(&id);
                    self.inline_binding = None;
                    self.prune_selection();
                }
            }
            EditAction::Undo => {
                if let Some(mut prev) = self.undo.pop() {
                    Rc::make_mut(&mut prev).speed = self.scenario.speed;
                    let now = std::mem::replace(&mut self.scenario, prev);
                    self.redo.push(now);
                    self.inline_binding = None;
                    self.prune_selection();
                }
            }
            EditAction::Redo => {
                if let Some(mut next) = self.redo.pop() {
                    Rc::make_mut(&mut next).speed = self.scenario.speed;
                    let now = std::mem::replace(&mut self.scenario, next);
                    self.undo.push(now);
                    self.inline_binding = None;
                    self.prune_selection();
                }
            }
            EditAction::Pan { dx, dy } => self.view = self.view.panned(dx, dy),
            EditAction::Zoom { at, factor } => self.view = self.view.zoomed_at(at, factor),
            EditAction::ResetView => self.view = Editor::default().view,
            EditAction::SetView(v) => {
                if v.x.is_finite() && v.y.is_finite() && v.zoom.is_finite() {
                    self.view = View { x: v.x, y: v.y, zoom: v.zoom.clamp(view::MIN_ZOOM, view::MAX_ZOOM) };
                }
            }
            EditAction::Notify { text, node } => self.notify(text, node),
            EditAction::DismissNotice => self.notice = None,
            EditAction::CloseInline => self.inline_binding = None,
            EditAction::SetSpeed(v) => {
                if v.is_finite() {
                    Rc::make_mut(&mut self.scenario).speed = v.clamp(0.1, 10.0);
                }
            }
            EditAction::SetReadOnly(on) => {
                self.read_only = on;
                if on {
                    self.gesture = None;
                    self.inline_binding = None;
                }
            }
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
        Edge::Binding(i) => {
            if *i < s.bindings.len() {
                s.bindings.remove(*i);
            }
        }
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
            stream_offset: None,
            x,
            y,
        }),
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let undo_len = e.undo.len();
        e.apply(EditAction::BeginGesture);
        e.apply(EditAction::EndGesture);
        assert_eq!(e.undo.len(), undo_len);
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
        let undo_len = e.undo.len();
        e.apply(EditAction::Connect { from: "p1".into(), to: "q1".into() });
        assert_eq!(e.undo.len(), undo_len);
        let n = e.notice.clone().unwrap();
        assert!(n.text.contains("exchange"), "{}", n.text);
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
        assert_eq!(e.inline_binding, Some(0));
        assert_eq!(e.selection.edge, Some(Edge::Binding(0)));
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
        assert!(e.notice.as_ref().unwrap().text.contains("cannot be deleted"));
        assert_eq!(e.scenario.kind_of("default"), Some(NodeKind::Exchange));
        assert!(!e.can_undo());
    }

    #[test]
    fn edits_apply_to_the_current_scenario_and_are_checked() {
        let mut e = Editor::default();
        e.apply(EditAction::Add { item: item(NodeKind::Queue), at: at(0.0, 0.0) });
        let rename = |name: &'static str| {
            EditAction::Apply(ScenarioEdit::new(move |s| {
                s.queues[0].name = name.into();
                Ok(())
            }))
        };
        let durable = EditAction::Apply(ScenarioEdit::new(|s| {
            s.queues[0].durable = true;
            Ok(())
        }));
        e.apply(rename("orders"));
        e.apply(durable);
        assert_eq!((e.scenario.queues[0].name.as_str(), e.scenario.queues[0].durable), ("orders", true));
        e.apply(rename("bad\u{7}name"));
        assert!(e.notice.as_ref().unwrap().text.contains("control character"));
        assert_eq!(e.scenario.queues[0].name, "orders");
        e.apply(EditAction::Undo);
        assert!(!e.scenario.queues[0].durable);
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
