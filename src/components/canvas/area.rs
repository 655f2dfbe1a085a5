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

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::editor::geometry::{out_port, Curve, Point, Rect};
use crate::editor::view::View;
use crate::editor::{EditAction, Editor};
use crate::scenario::{NodeKind, Scenario};
use crate::view::gesture::{Gestures, Preview, Target};
use crate::view::zoom::is_compact;

use crate::components::canvas::callouts::{Callouts, FloatingNotice};
use crate::components::canvas::canvas_controls::CanvasControls;
use crate::components::canvas::dots::DotLayer;
use crate::components::canvas::edges::{parse_edge_key, EdgeLabels, EdgeLayer};
use crate::components::canvas::inline_binding::InlineBinding;
use crate::components::canvas::node::NodeView;
use crate::components::canvas::node_actions::NodeActions;
use crate::components::context::{
    use_editor, use_open_message, use_quiet_stage, wall_now, CanvasDoc, EditorHandle, LiveScope, Stage,
};

/// What a press must not start a gesture on: controls, and the boxes that
/// take their own clicks.
const CONTROLS: &str = "button, input, select, textarea, a, summary, label, .inline-binding, .error-callout, .notice";

fn closest(e: &Event, selector: &str) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|el| el.closest(selector).ok().flatten())
}

/// The point of a pointer or wheel event in the canvas area (screen units).
fn local(area: &NodeRef, client_x: i32, client_y: i32) -> Point {
    let r = area.cast::<Element>().map(|el| el.get_bounding_client_rect());
    let (left, top) = r.map(|r| (r.left(), r.top())).unwrap_or((0.0, 0.0));
    Point::new(client_x as f64 - left, client_y as f64 - top)
}

/// What a press at `e` landed on, for the gesture reducer.
/// What the programs drew (nodes and edges not in the document `s`) is
/// not edited: pressing on it is pressing on the canvas.
fn press_target(e: &PointerEvent, s: &Scenario) -> Option<Target> {
    let ev: &Event = e.as_ref();
    let empty = Some(Target::Empty { shift: e.shift_key() });
    if let Some(port) = closest(ev, "[data-port]") {
        let node = port.closest("[data-node-id]").ok().flatten()?.get_attribute("data-node-id")?;
        let Some((kind, at)) = s.kind_of(&node).zip(s.position(&node)) else { return empty };
        return Some(Target::Port { node, port: out_port(kind, at) });
    }
    if let Some(node) = closest(ev, "[data-node-id]") {
        let id = node.get_attribute("data-node-id")?;
        if s.kind_of(&id).is_none() {
            return empty;
        }
        return Some(Target::Node { id, toggle: e.shift_key() || e.ctrl_key() || e.meta_key() });
    }
    if let Some(edge) = closest(ev, "[data-edge]") {
        let edge = edge.get_attribute("data-edge").as_deref().and_then(parse_edge_key);
        return match edge {
            Some(edge) if edge.ends(s).is_some() => Some(Target::Edge(edge)),
            _ => empty,
        };
    }
    empty
}

/// The node under the pointer, even beneath a callout or an action bar.
fn node_under(e: &PointerEvent) -> Option<String> {
    gloo::utils::document()
        .elements_from_point(e.client_x() as f32, e.client_y() as f32)
        .iter()
        .filter_map(|v| v.dyn_into::<Element>().ok())
        .find_map(|el| el.closest("[data-node-id]").ok().flatten())
        .and_then(|el| el.get_attribute("data-node-id"))
}

/// The message of the dot under `p` (screen), if a dot is there: a dot is
/// drawn above everything, and pressing on one inspects its message.
fn dot_under(stage: &Stage, view: View, p: Point) -> Option<Rc<crate::engine::Message>> {
    let rt = stage.runtime.borrow();
    rt.flights
        .hit(wall_now(), rt.dot_scenario(), view.to_world(p), 10.0 / view.zoom)
        .and_then(|id| rt.monitor.message(id))
        .map(|m| m.message.clone())
}

/// Sends what a gesture step decided to the editor.
fn dispatch_all(editor: &EditorHandle, actions: Vec<EditAction>) {
    for a in actions {
        editor.dispatch(a);
    }
}

/// The canvas. Inside a `LiveScope`: a refresh of the running
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
    let area = use_node_ref();
    let gestures = use_mut_ref(Gestures::default);
    let preview = use_state(Preview::default);
    let handlers = use_pointer_handlers(&editor, &area, &gestures, &preview);
    let view = editor.view;
    let single = editor.selection.single_node().map(|id| AttrValue::from(id.to_string()));
    // What the programs add is drawn with the document (Runtime::drawn);
    // OverlayWatch draws the canvas again when that changes.
    let stage = use_quiet_stage();
    let redraw = use_force_update();
    let drawn = stage.runtime.borrow().drawn().cloned();
    let shown = drawn.as_ref().map_or(0, |d| Rc::as_ptr(d) as usize);
    // Nodes and edges read the scenario from this, not from the editor (see CanvasDoc).
    let doc = CanvasDoc::drawing(&editor, drawn);
    let s = doc.scenario.clone();
    let lang = crate::components::use_lang();
    // When a program adds nodes the canvas cannot show, the view is fitted
    // to show them (as a loaded scenario is).
    {
        let program_nodes = s.node_ids().filter(|(id, _)| crate::monitor::program_topology::is_overlay(id)).count();
        let (editor, s) = (editor.clone(), s.clone());
        use_effect_with(program_nodes, move |n| {
            if *n > 0 {
                crate::components::canvas::fit_on_load::fit_if_outside(&editor, &s);
            }
        });
    }
    html! {
        <ContextProvider<CanvasDoc> context={doc}>
        <section class={classes!("canvas-area", (*preview != Preview::None).then_some("gesture"))} ref={area} tabindex="-1"
                 aria-label={crate::t!(lang, "canvas-area.aria-label")}
                 onpointerdown={handlers.down} onpointermove={handlers.moved} onpointerup={handlers.up}
                 onpointercancel={handlers.cancel} onwheel={handlers.wheel}>
            <svg class="canvas" role="img" aria-label={crate::t!(lang, "canvas-svg.aria-label")} width="100%" height="100%">
                { grid_defs(view) }
                <rect class="canvas-grid" width="100%" height="100%" fill="url(#canvas-grid)" />
                <g class="canvas-edges" transform={view.svg_transform()}>
                    <EdgeLayer />
                    { connect_line(&preview) }
                </g>
            </svg>
            <DotLayer />
            <div class={classes!("world", is_compact(view.zoom).then_some("compact"))} style={format!("transform: {}", view.transform())}>
                <div class="canvas-nodes">{ nodes(&s, &editor) }</div>
                <EdgeLabels compact={is_compact(view.zoom)} />
                <Callouts />
                if let Some(id) = single {
                    <NodeActions {id} />
                }
                <InlineBinding />
            </div>
            { box_rect(&preview) }
            <CanvasControls />
            <FloatingNotice />
            { status_and_hint(&s, lang) }
            <OverlayWatch {shown} redraw={Callback::from(move |_| redraw.force_update())} />
        </section>
        </ContextProvider<CanvasDoc>>
    }
}

/// Properties of [`OverlayWatch`].
#[derive(Properties, PartialEq)]
struct OverlayWatchProps {
    /// The drawn scenario the canvas shows now (its address; 0 for none).
    shown: usize,
    /// Draws the canvas again.
    redraw: Callback<()>,
}

/// Watches, at every refresh, what the programs add to the canvas
/// ([`Runtime::drawn`](crate::monitor::runtime::Runtime::drawn)) and draws
/// the canvas again when it is no longer what the canvas shows: an
/// exchange a program declared, a process that started or ended.
#[function_component(OverlayWatch)]
fn overlay_watch(props: &OverlayWatchProps) -> Html {
    let stage = crate::components::context::use_live_stage();
    let now = stage.runtime.borrow().drawn().map_or(0, |d| Rc::as_ptr(d) as usize);
    let (shown, redraw) = (props.shown, props.redraw.clone());
    use_effect_with(now, move |now| {
        if *now != shown {
            redraw.emit(());
        }
    });
    html! {}
}

/// The canvas's pointer and wheel handlers.
struct PointerHandlers {
    down: Callback<PointerEvent>,
    moved: Callback<PointerEvent>,
    up: Callback<PointerEvent>,
    cancel: Callback<PointerEvent>,
    wheel: Callback<WheelEvent>,
}

/// The handlers: each finds what the pointer is on, runs the gesture
/// reducer, shows its preview and dispatches what it decided.
#[hook]
fn use_pointer_handlers(
    editor: &EditorHandle,
    area: &NodeRef,
    gestures: &Rc<RefCell<Gestures>>,
    preview: &UseStateHandle<Preview>,
) -> PointerHandlers {
    let stage = use_quiet_stage();
    let open_message = use_open_message();
    let show = {
        let (gestures, preview) = (gestures.clone(), preview.clone());
        move || {
            let p = gestures.borrow().preview.clone();
            if *preview != p {
                preview.set(p);
            }
        }
    };
    let down = {
        let (editor, area, gestures, show) = (editor.clone(), area.clone(), gestures.clone(), show.clone());
        Callback::from(move |e: PointerEvent| {
            if (e.button() != 0 && e.pointer_type() == "mouse") || closest(e.as_ref(), CONTROLS).is_some() {
                return;
            }
            let p = local(&area, e.client_x(), e.client_y());
            if let Some(m) = dot_under(&stage, editor.view, p) {
                e.prevent_default();
                open_message.emit(m);
                return;
            }
            if let Some(el) = area.cast::<HtmlElement>() {
                let _ = el.focus();
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
            let Some(target) = press_target(&e, &editor.scenario) else { return };
            let selected: Vec<String> = editor.selection.nodes.iter().cloned().collect();
            let actions = gestures.borrow_mut().down(e.pointer_id(), p, target, editor.view, &selected);
            show();
            dispatch_all(&editor, actions);
        })
    };
    let moved = {
        let (editor, area, gestures, show) = (editor.clone(), area.clone(), gestures.clone(), show.clone());
        Callback::from(move |e: PointerEvent| {
            let p = local(&area, e.client_x(), e.client_y());
            let actions = gestures.borrow_mut().moved(e.pointer_id(), p, editor.view);
            show();
            dispatch_all(&editor, actions);
        })
    };
    let finish = {
        let (editor, area, gestures) = (editor.clone(), area.clone(), gestures.clone());
        move |e: PointerEvent, cancelled: bool| {
            let p = local(&area, e.client_x(), e.client_y());
            let drop_on = if gestures.borrow().is_connecting() { node_under(&e) } else { None };
            let actions = gestures.borrow_mut().up(e.pointer_id(), p, drop_on, cancelled, editor.view);
            show();
            dispatch_all(&editor, actions);
        }
    };
    let up = {
        let finish = finish.clone();
        Callback::from(move |e: PointerEvent| finish(e, false))
    };
    let cancel = Callback::from(move |e: PointerEvent| finish(e, true));
    PointerHandlers { down, moved, up, cancel, wheel: wheel_handler(editor, area) }
}

/// The wheel zooms around the pointer.
fn wheel_handler(editor: &EditorHandle, area: &NodeRef) -> Callback<WheelEvent> {
    let (editor, area) = (editor.clone(), area.clone());
    Callback::from(move |e: WheelEvent| {
        e.prevent_default();
        let at = local(&area, e.client_x(), e.client_y());
        let unit = match e.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let factor = (-e.delta_y() * unit * 0.0015).clamp(-1.0, 1.0).exp();
        editor.dispatch(EditAction::Zoom { at, factor });
    })
}

/// The nodes, in flow order (producers, exchanges, queues, consumers): the
/// order Tab follows.
fn nodes(s: &Scenario, editor: &Editor) -> Html {
    let mut ordered: Vec<(&str, NodeKind)> = s.node_ids().collect();
    ordered.sort_by_key(|(_, k)| match k {
        NodeKind::Producer => 0,
        NodeKind::Exchange => 1,
        NodeKind::Queue => 2,
        NodeKind::Consumer => 3,
    });
    ordered
        .into_iter()
        .map(|(id, kind)| {
            let selected = editor.selection.nodes.contains(id);
            html! { <NodeView key={id.to_string()} id={AttrValue::from(id.to_string())} {kind} {selected} /> }
        })
        .collect()
}

/// The dotted grid (following the pan and zoom) and the edges' arrow head.
fn grid_defs(view: View) -> Html {
    let grid = 24.0 * view.zoom;
    html! {
        <defs>
            <pattern id="canvas-grid" width={grid.to_string()} height={grid.to_string()} patternUnits="userSpaceOnUse"
                     patternTransform={format!("translate({:.1} {:.1})", view.x, view.y)}>
                <circle cx="1" cy="1" r="1" class="canvas-grid-dot" />
            </pattern>
            <marker id="edge-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" class="edge-arrow" />
            </marker>
        </defs>
    }
}

/// The connection being dragged.
fn connect_line(preview: &Preview) -> Html {
    match preview {
        Preview::Connect { from, to } => {
            html! { <path class="connect-preview" d={Curve::between(*from, *to).svg()} /> }
        }
        _ => html! {},
    }
}

/// The selection box being dragged.
fn box_rect(preview: &Preview) -> Html {
    match preview {
        Preview::Box { a, b } => {
            let r = Rect::spanning(*a, *b);
            let style = format!("left: {}px; top: {}px; width: {}px; height: {}px", r.x, r.y, r.w, r.h);
            html! { <div class="select-box" {style}></div> }
        }
        _ => html! {},
    }
}

/// What the canvas holds, for screen readers, and on an empty canvas the
/// first steps.
fn status_and_hint(s: &Scenario, lang: crate::i18n::Lang) -> Html {
    let empty = s.exchanges.is_empty() && s.queues.is_empty() && s.producers.is_empty() && s.consumers.is_empty();
    let status = if empty {
        t!(lang, "canvas-status-empty")
    } else {
        let bindings = crate::msg!("unit-bindings", count = s.bindings.len());
        crate::msg!("canvas-status", nodes = s.node_ids().count(), bindings = bindings).render(lang)
    };
    html! {
        <>
            <p class="canvas-status" aria-live="polite">{ status }</p>
            if empty {
                <div class="canvas-hint" aria-hidden="true">
                    <p class="canvas-hint-title">{ t!(lang, "canvas-hint-title") }</p>
                    <p>{ t!(lang, "canvas-hint") }</p>
                </div>
            }
        </>
    }
}
