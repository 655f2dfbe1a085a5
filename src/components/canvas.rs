//! The canvas: the SVG edges, the dot layer and the HTML nodes, panned and
//! zoomed together, and every pointer gesture on them (pointer events, so
//! mouse, pen and touch all work):
//!
//! - drag a node: move it (and the other selected nodes); shift-click adds
//!   or removes it from the selection;
//! - drag from a node's ● port to another node: connect them;
//! - drag the empty canvas: pan; shift-drag: select with a box; two
//!   fingers: pinch to zoom; the wheel zooms around the pointer;
//! - click an edge or its label: select it; press on a moving dot (drawn
//!   above everything): inspect its message; click the empty canvas: clear
//!   the selection.

use std::collections::BTreeMap;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::view::zoom::is_compact;

use crate::editor::geometry::{out_port, Point, Rect};
use crate::editor::EditAction;

use super::callouts::{Callouts, FloatingNotice};
use super::canvas_controls::CanvasControls;
use super::context::{use_editor, use_open_message, use_quiet_stage, wall_now, CanvasDoc, LiveScope};
use super::dots::DotLayer;
use super::edges::{parse_edge_key, EdgeLabels, EdgeLayer};
use super::inline_binding::InlineBinding;
use super::node::NodeView;
use super::node_actions::NodeActions;
use super::palette::DRAG_THRESHOLD;

#[derive(Clone, Debug, PartialEq)]
enum Gesture {
    Idle,
    Pan { start: Point, last: Point, moved: bool },
    Move { start: Point, last: Point, moved: bool, collapse_to: Option<String> },
    Connect { from: String, start: Point },
    Box { start: Point, add: bool },
    Pinch { distance: f64, middle: Point },
}

#[derive(Clone, Debug, PartialEq)]
enum Preview {
    None,
    Connect { from: Point, to: Point },
    Box { a: Point, b: Point },
}

fn closest(e: &Event, selector: &str) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|el| el.closest(selector).ok().flatten())
}

fn distance(a: Point, b: Point) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// The canvas. Inside a [`LiveScope`]: a refresh of the running
/// simulation renders the nodes' live parts, not the canvas.
#[function_component(Canvas)]
pub fn canvas() -> Html {
    html! { <LiveScope><CanvasArea /></LiveScope> }
}

/// The canvas itself (it renders again on edits, pans, zooms and
/// selections; the running simulation only in pointer handlers).
#[function_component(CanvasArea)]
fn canvas_area() -> Html {
    let editor = use_editor();
    let stage = use_quiet_stage();
    let open_message = use_open_message();
    let area = use_node_ref();
    let gesture = use_mut_ref(|| Gesture::Idle);
    let pointers = use_mut_ref(BTreeMap::<i32, Point>::new);
    let preview = use_state(|| Preview::None);

    let local = {
        let area = area.clone();
        move |e: &PointerEvent| -> Point {
            let r = area.cast::<Element>().map(|el| el.get_bounding_client_rect());
            let (left, top) = r.map(|r| (r.left(), r.top())).unwrap_or((0.0, 0.0));
            Point::new(e.client_x() as f64 - left, e.client_y() as f64 - top)
        }
    };

    let onpointerdown = {
        let editor = editor.clone();
        let stage = stage.clone();
        let open_message = open_message.clone();
        let gesture = gesture.clone();
        let pointers = pointers.clone();
        let preview = preview.clone();
        let area = area.clone();
        let local = local.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 && e.pointer_type() == "mouse" {
                return;
            }
            let ev: &Event = e.as_ref();
            if closest(
                ev,
                "button, input, select, textarea, a, summary, label, .inline-binding, .error-callout, .notice",
            )
            .is_some()
            {
                return;
            }
            let p = local(&e);
            // A dot is drawn above everything: pressing on one inspects its message.
            let hit = {
                let rt = stage.runtime.borrow();
                let view = editor.view;
                rt.flights
                    .hit(wall_now(), rt.sim.scenario(), view.to_world(p), 10.0 / view.zoom)
                    .and_then(|id| rt.monitor.message(id))
                    .map(|m| m.message.clone())
            };
            if let Some(m) = hit {
                e.prevent_default();
                open_message.emit(m);
                return;
            }
            pointers.borrow_mut().insert(e.pointer_id(), p);
            if let Some(el) = area.cast::<HtmlElement>() {
                let _ = el.focus();
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
            let view = editor.view;
            // A second finger on the canvas turns a pan into a pinch.
            if pointers.borrow().len() == 2 {
                let pts: Vec<Point> = pointers.borrow().values().copied().collect();
                if matches!(*gesture.borrow(), Gesture::Pan { .. } | Gesture::Idle) {
                    *gesture.borrow_mut() = Gesture::Pinch {
                        distance: distance(pts[0], pts[1]),
                        middle: Point::new((pts[0].x + pts[1].x) / 2.0, (pts[0].y + pts[1].y) / 2.0),
                    };
                }
                return;
            }
            if let Some(port) = closest(ev, "[data-port]") {
                if let Some(id) =
                    port.closest("[data-node-id]").ok().flatten().and_then(|n| n.get_attribute("data-node-id"))
                {
                    let s = &editor.scenario;
                    if let (Some(k), Some(at)) = (s.kind_of(&id), s.position(&id)) {
                        let from = out_port(k, at);
                        preview.set(Preview::Connect { from, to: view.to_world(p) });
                        *gesture.borrow_mut() = Gesture::Connect { from: id, start: p };
                    }
                }
                return;
            }
            if let Some(node) = closest(ev, "[data-node-id]") {
                let Some(id) = node.get_attribute("data-node-id") else { return };
                if e.shift_key() || e.ctrl_key() || e.meta_key() {
                    editor.dispatch(EditAction::ToggleNode(id));
                    *gesture.borrow_mut() = Gesture::Idle;
                    return;
                }
                let selected = editor.selection.nodes.contains(&id);
                let collapse_to = (selected && editor.selection.nodes.len() > 1).then(|| id.clone());
                if !selected {
                    editor.dispatch(EditAction::SelectNode(id));
                }
                editor.dispatch(EditAction::BeginGesture);
                *gesture.borrow_mut() = Gesture::Move { start: p, last: view.to_world(p), moved: false, collapse_to };
                return;
            }
            if let Some(edge) = closest(ev, "[data-edge]") {
                if let Some(edge) = edge.get_attribute("data-edge").as_deref().and_then(parse_edge_key) {
                    editor.dispatch(EditAction::SelectEdge(edge));
                }
                *gesture.borrow_mut() = Gesture::Idle;
                return;
            }
            if e.shift_key() {
                preview.set(Preview::Box { a: p, b: p });
                *gesture.borrow_mut() = Gesture::Box { start: p, add: true };
            } else {
                *gesture.borrow_mut() = Gesture::Pan { start: p, last: p, moved: false };
            }
        })
    };

    let onpointermove = {
        let editor = editor.clone();
        let gesture = gesture.clone();
        let pointers = pointers.clone();
        let preview = preview.clone();
        let local = local.clone();
        Callback::from(move |e: PointerEvent| {
            let p = local(&e);
            if pointers.borrow().contains_key(&e.pointer_id()) {
                pointers.borrow_mut().insert(e.pointer_id(), p);
            }
            let view = editor.view;
            let mut g = gesture.borrow_mut();
            match &mut *g {
                Gesture::Idle => {}
                Gesture::Pan { start, last, moved } => {
                    if !*moved && distance(*start, p) < DRAG_THRESHOLD {
                        return;
                    }
                    *moved = true;
                    let (dx, dy) = (p.x - last.x, p.y - last.y);
                    *last = p;
                    editor.dispatch(EditAction::Pan { dx, dy });
                }
                Gesture::Move { start, last, moved, .. } => {
                    if !*moved && distance(*start, p) < DRAG_THRESHOLD {
                        return;
                    }
                    *moved = true;
                    let w = view.to_world(p);
                    let (dx, dy) = (w.x - last.x, w.y - last.y);
                    *last = w;
                    editor.dispatch(EditAction::MoveSelected { dx, dy });
                }
                Gesture::Connect { .. } => {
                    if let Preview::Connect { from, .. } = *preview {
                        preview.set(Preview::Connect { from, to: view.to_world(p) });
                    }
                }
                Gesture::Box { start, .. } => preview.set(Preview::Box { a: *start, b: p }),
                Gesture::Pinch { distance: d0, middle } => {
                    let pts: Vec<Point> = pointers.borrow().values().copied().collect();
                    if pts.len() == 2 {
                        let d = distance(pts[0], pts[1]);
                        let m = Point::new((pts[0].x + pts[1].x) / 2.0, (pts[0].y + pts[1].y) / 2.0);
                        if *d0 > 0.0 && d > 0.0 {
                            editor.dispatch(EditAction::Pan { dx: m.x - middle.x, dy: m.y - middle.y });
                            editor.dispatch(EditAction::Zoom { at: m, factor: d / *d0 });
                        }
                        *d0 = d;
                        *middle = m;
                    }
                }
            }
        })
    };

    let finish = {
        let editor = editor.clone();
        let gesture = gesture.clone();
        let pointers = pointers.clone();
        let preview = preview.clone();
        let local = local.clone();
        move |e: PointerEvent, cancelled: bool| {
            let p = local(&e);
            pointers.borrow_mut().remove(&e.pointer_id());
            let g = std::mem::replace(&mut *gesture.borrow_mut(), Gesture::Idle);
            let view = editor.view;
            match g {
                Gesture::Idle => {}
                Gesture::Pinch { .. } => {
                    // The remaining finger does nothing until lifted.
                }
                Gesture::Pan { moved, .. } => {
                    if !moved && !cancelled {
                        editor.dispatch(EditAction::ClearSelection);
                    }
                }
                Gesture::Move { moved, collapse_to, .. } => {
                    editor.dispatch(EditAction::EndGesture);
                    if !moved && !cancelled {
                        if let Some(id) = collapse_to {
                            editor.dispatch(EditAction::SelectNode(id));
                        }
                    }
                }
                Gesture::Connect { from, start } => {
                    preview.set(Preview::None);
                    if cancelled {
                        return;
                    }
                    // The node under the pointer, even beneath a callout or an action bar.
                    let target = gloo::utils::document()
                        .elements_from_point(e.client_x() as f32, e.client_y() as f32)
                        .iter()
                        .filter_map(|v| v.dyn_into::<Element>().ok())
                        .find_map(|el| el.closest("[data-node-id]").ok().flatten())
                        .and_then(|el| el.get_attribute("data-node-id"));
                    match target {
                        Some(to) if to != from => editor.dispatch(EditAction::Connect { from, to }),
                        Some(_) => editor.dispatch(EditAction::SelectNode(from)),
                        None if distance(start, p) >= DRAG_THRESHOLD => editor.dispatch(EditAction::Notify {
                            text: "Drop the connection on another node.".into(),
                            node: Some(from),
                        }),
                        None => editor.dispatch(EditAction::SelectNode(from)),
                    }
                }
                Gesture::Box { start, add } => {
                    preview.set(Preview::None);
                    if !cancelled {
                        let rect = Rect::spanning(view.to_world(start), view.to_world(p));
                        editor.dispatch(EditAction::SelectBox { rect, add });
                    }
                }
            }
        }
    };
    let onpointerup = {
        let finish = finish.clone();
        Callback::from(move |e: PointerEvent| finish(e, false))
    };
    let onpointercancel = Callback::from(move |e: PointerEvent| finish(e, true));

    let onwheel = {
        let editor = editor.clone();
        let area = area.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let r = area.cast::<Element>().map(|el| el.get_bounding_client_rect());
            let (left, top) = r.map(|r| (r.left(), r.top())).unwrap_or((0.0, 0.0));
            let at = Point::new(e.client_x() as f64 - left, e.client_y() as f64 - top);
            let unit = match e.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let factor = (-e.delta_y() * unit * 0.0015).clamp(-1.0, 1.0).exp();
            editor.dispatch(EditAction::Zoom { at, factor });
        })
    };

    let s = editor.scenario.clone();
    let view = editor.view;
    // In flow order (producers, exchanges, queues, consumers): the order Tab follows.
    let mut ordered: Vec<(&str, crate::scenario::NodeKind)> = s.node_ids().collect();
    ordered.sort_by_key(|(_, k)| match k {
        crate::scenario::NodeKind::Producer => 0,
        crate::scenario::NodeKind::Exchange => 1,
        crate::scenario::NodeKind::Queue => 2,
        crate::scenario::NodeKind::Consumer => 3,
    });
    let nodes = ordered.into_iter().map(|(id, kind)| {
        let selected = editor.selection.nodes.contains(id);
        html! { <NodeView key={id.to_string()} id={AttrValue::from(id.to_string())} {kind} {selected} /> }
    });
    let connect_line = match &*preview {
        Preview::Connect { from, to } => {
            let c = crate::editor::geometry::Curve::between(*from, *to);
            html! { <path class="connect-preview" d={c.svg()} /> }
        }
        _ => html! {},
    };
    let box_rect = match &*preview {
        Preview::Box { a, b } => {
            let r = Rect::spanning(*a, *b);
            html! { <div class="select-box" style={format!("left: {}px; top: {}px; width: {}px; height: {}px", r.x, r.y, r.w, r.h)}></div> }
        }
        _ => html! {},
    };
    let single = editor.selection.single_node().map(|id| AttrValue::from(id.to_string()));
    let empty = s.exchanges.is_empty() && s.queues.is_empty() && s.producers.is_empty() && s.consumers.is_empty();
    let count = s.node_ids().count();
    let status = if empty {
        "Empty canvas: only the default exchange".to_string()
    } else {
        let bindings = s.bindings.len();
        format!("{count} nodes, {bindings} binding{}", if bindings == 1 { "" } else { "s" })
    };
    let grid = 24.0 * view.zoom;
    // Nodes and edges read the scenario from this, not from the editor (see CanvasDoc).
    let doc = CanvasDoc::of(&editor);
    html! {
        <ContextProvider<CanvasDoc> context={doc}>
        <section class={classes!("canvas-area", (!matches!(*preview, Preview::None)).then_some("gesture"))} ref={area} tabindex="-1" aria-label="Canvas"
                 {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onwheel}>
            <svg class="canvas" role="img" aria-label="Topology canvas" width="100%" height="100%">
                <defs>
                    <pattern id="canvas-grid" width={grid.to_string()} height={grid.to_string()} patternUnits="userSpaceOnUse"
                             patternTransform={format!("translate({:.1} {:.1})", view.x, view.y)}>
                        <circle cx="1" cy="1" r="1" class="canvas-grid-dot" />
                    </pattern>
                    <marker id="edge-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="edge-arrow" />
                    </marker>
                </defs>
                <rect class="canvas-grid" width="100%" height="100%" fill="url(#canvas-grid)" />
                <g class="canvas-edges" transform={view.svg_transform()}>
                    <EdgeLayer />
                    { connect_line }
                </g>
            </svg>
            <DotLayer />
            <div class={classes!("world", is_compact(view.zoom).then_some("compact"))} style={format!("transform: {}", view.transform())}>
                <div class="canvas-nodes">{ for nodes }</div>
                <EdgeLabels compact={is_compact(view.zoom)} />
                <Callouts />
                if let Some(id) = single {
                    <NodeActions {id} />
                }
                <InlineBinding />
            </div>
            { box_rect }
            <CanvasControls />
            <FloatingNotice />
            <p class="canvas-status" aria-live="polite">{ status }</p>
            if empty {
                <div class="canvas-hint" aria-hidden="true">
                    <p class="canvas-hint-title">{ "Build a topology" }</p>
                    <p>{ "Drag a producer, an exchange, a queue and a consumer from the palette, then drag from each node's ● port to the next to connect them. Press Play to watch messages move." }</p>
                </div>
            }
        </section>
        </ContextProvider<CanvasDoc>>
    }
}
