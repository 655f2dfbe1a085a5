//! The palette: the kinds of node (producer, the four exchange types,
//! queue, consumer). Drag one onto the canvas to create it there (pointer
//! events, so mouse, pen and touch all work), or click it (or press Enter)
//! to place it in a free spot in view.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent};
use yew::prelude::*;

use crate::editor::geometry::{node_size, Point};
use crate::editor::{free_spot, EditAction, PaletteItem};
use crate::scenario::{NodeKind, Position};

use super::context::use_editor;

/// How far (px) a pointer must move before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 4.0;

#[derive(Clone, Copy, Debug, PartialEq)]
struct PaletteDrag {
    item: PaletteItem,
    start: Point,
    dragging: bool,
}

/// The canvas element's bounding box in client pixels, if it is on the page.
pub fn canvas_rect() -> Option<web_sys::DomRect> {
    gloo::utils::document().query_selector(".canvas-area").ok().flatten().map(|el| el.get_bounding_client_rect())
}

/// The palette.
#[function_component(Palette)]
pub fn palette() -> Html {
    let editor = use_editor();
    let drag = use_mut_ref(|| None::<PaletteDrag>);
    let suppress_click = use_mut_ref(|| false);
    let ghost = use_state(|| None::<(PaletteItem, Point)>);

    let place_in_view = {
        let editor = editor.clone();
        Callback::from(move |item: PaletteItem| {
            let view = editor.view;
            let middle = canvas_rect()
                .map(|r| Point::new(r.width() / 2.0, r.height() / 3.0))
                .unwrap_or(Point::new(400.0, 200.0));
            let w = view.to_world(middle);
            let (nw, nh) = node_size(item.kind);
            let near = Position { x: (w.x - nw / 2.0).round(), y: (w.y - nh / 2.0).round() };
            let at = free_spot(&editor.scenario, item.kind, near);
            editor.dispatch(EditAction::Add { item, at });
        })
    };

    let render = |item: PaletteItem| {
        let onpointerdown = {
            let drag = drag.clone();
            Callback::from(move |e: PointerEvent| {
                if e.button() != 0 {
                    return;
                }
                // Yew delegates events from the root, so the button is found from the target.
                let button = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|el| el.closest(".palette-item").ok().flatten());
                if let Some(el) = button {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                *drag.borrow_mut() = Some(PaletteDrag {
                    item,
                    start: Point::new(e.client_x() as f64, e.client_y() as f64),
                    dragging: false,
                });
            })
        };
        let onpointermove = {
            let drag = drag.clone();
            let ghost = ghost.clone();
            Callback::from(move |e: PointerEvent| {
                let mut d = drag.borrow_mut();
                let Some(d) = d.as_mut() else { return };
                let p = Point::new(e.client_x() as f64, e.client_y() as f64);
                if !d.dragging && ((p.x - d.start.x).powi(2) + (p.y - d.start.y).powi(2)).sqrt() >= DRAG_THRESHOLD {
                    d.dragging = true;
                }
                if d.dragging {
                    e.prevent_default();
                    ghost.set(Some((d.item, p)));
                }
            })
        };
        let onpointerup = {
            let drag = drag.clone();
            let ghost = ghost.clone();
            let editor = editor.clone();
            let suppress_click = suppress_click.clone();
            Callback::from(move |e: PointerEvent| {
                let Some(d) = drag.borrow_mut().take() else { return };
                ghost.set(None);
                if !d.dragging {
                    return;
                }
                *suppress_click.borrow_mut() = true;
                let (x, y) = (e.client_x() as f64, e.client_y() as f64);
                let Some(r) = canvas_rect() else { return };
                if x < r.left() || x > r.right() || y < r.top() || y > r.bottom() {
                    editor.dispatch(EditAction::Notify {
                        text: "Drop it on the canvas to create it.".into(),
                        node: None,
                    });
                    return;
                }
                let w = editor.view.to_world(Point::new(x - r.left(), y - r.top()));
                let (nw, nh) = node_size(d.item.kind);
                let at = Position { x: (w.x - nw / 2.0).round(), y: (w.y - nh / 2.0).round() };
                editor.dispatch(EditAction::Add { item: d.item, at });
            })
        };
        let onpointercancel = {
            let drag = drag.clone();
            let ghost = ghost.clone();
            Callback::from(move |_: PointerEvent| {
                drag.borrow_mut().take();
                ghost.set(None);
            })
        };
        let onclick = {
            let place_in_view = place_in_view.clone();
            let suppress_click: Rc<RefCell<bool>> = suppress_click.clone();
            Callback::from(move |_: MouseEvent| {
                if std::mem::take(&mut *suppress_click.borrow_mut()) {
                    return;
                }
                place_in_view.emit(item);
            })
        };
        let exchange_type = (item.kind == NodeKind::Exchange).then(|| item.exchange.as_str());
        html! {
            <li key={item.key()}>
                <button
                    type="button"
                    class={classes!("palette-item", item.kind.as_str(), exchange_type)}
                    data-kind={item.key()}
                    title={format!("{}: drag onto the canvas, or click to place", item.description())}
                    {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onclick}
                >
                    <span class="palette-swatch" aria-hidden="true"></span>
                    <span class="palette-name">{ if item.kind == NodeKind::Exchange { item.exchange.as_str().to_string() } else { item.label() } }</span>
                    <span class="palette-description">{ item.description() }</span>
                </button>
            </li>
        }
    };
    let single = |kind: NodeKind| PaletteItem::ALL.iter().copied().filter(move |i| i.kind == kind);

    html! {
        <nav class="palette" aria-label="Node palette">
            <h2 class="palette-title">{ "Palette" }</h2>
            <ul class="palette-list">{ for single(NodeKind::Producer).map(&render) }</ul>
            <h3 class="palette-group">{ "Exchanges" }</h3>
            <ul class="palette-list exchanges">{ for single(NodeKind::Exchange).map(&render) }</ul>
            <h3 class="palette-group">{ "Queues and consumers" }</h3>
            <ul class="palette-list">{ for single(NodeKind::Queue).chain(single(NodeKind::Consumer)).map(&render) }</ul>
            <p class="palette-hint">{ "Drag onto the canvas, or click to place. Then drag from a node's ● port to another node to connect them." }</p>
            if let Some((item, p)) = *ghost {
                <div class={classes!("palette-ghost", item.kind.as_str(), (item.kind == NodeKind::Exchange).then(|| item.exchange.as_str()))}
                     style={format!("left: {}px; top: {}px", p.x, p.y)} aria-hidden="true">
                    { item.label() }
                </div>
            }
        </nav>
    }
}
