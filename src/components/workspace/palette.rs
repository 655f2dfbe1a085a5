//! The palette: the kinds of node (producer, the four exchange types,
//! queue, consumer). Drag one onto the canvas to create it there (pointer
//! events, so mouse, pen and touch all work), or click it (or press Enter)
//! to place it in a free spot in view.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent};
use yew::prelude::*;

use crate::editor::geometry::Point;
use crate::editor::{free_spot, EditAction, PaletteItem};
use crate::i18n::Lang;
use crate::scenario::NodeKind;
use crate::view::palette_drop::{
    centred_on, click_spot, entries, entry_description, entry_label, entry_name, entry_title, exchange_class, is_drag,
    FALLBACK_MIDDLE,
};

use crate::components::context::{use_editor, EditorHandle};

/// A press on a palette entry, until it is released: a drag once it moved far enough.
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

/// Places an entry in a free spot near the middle of the canvas in view.
#[hook]
fn use_place_in_view() -> Callback<PaletteItem> {
    let editor = use_editor();
    Callback::from(move |item: PaletteItem| {
        let middle = canvas_rect().map(|r| click_spot(r.width(), r.height())).unwrap_or(FALLBACK_MIDDLE);
        let near = centred_on(item.kind, editor.view.to_world(middle));
        let at = free_spot(&editor.scenario, item.kind, near);
        editor.dispatch(EditAction::Add { item, at });
    })
}

/// The pointer's position in client pixels.
fn client_point(e: &PointerEvent) -> Point {
    Point::new(e.client_x() as f64, e.client_y() as f64)
}

/// The palette's gestures, shared by its entries.
#[derive(Clone)]
struct Gestures {
    /// The press in progress.
    drag: Rc<RefCell<Option<PaletteDrag>>>,
    /// A drag just ended: the click that follows is not a click.
    suppress_click: Rc<RefCell<bool>>,
    /// The ghost following the pointer during a drag.
    ghost: UseStateHandle<Option<(PaletteItem, Point)>>,
    editor: EditorHandle,
    place_in_view: Callback<PaletteItem>,
    /// The page's language.
    lang: Lang,
}

/// The palette's gesture state.
#[hook]
fn use_gestures() -> Gestures {
    Gestures {
        drag: use_mut_ref(|| None::<PaletteDrag>),
        suppress_click: use_mut_ref(|| false),
        ghost: use_state(|| None::<(PaletteItem, Point)>),
        editor: use_editor(),
        place_in_view: use_place_in_view(),
        lang: crate::components::use_lang(),
    }
}

impl Gestures {
    /// A press on an entry: capture the pointer, start watching for a drag.
    fn pointer_down(&self, item: PaletteItem) -> Callback<PointerEvent> {
        let drag = self.drag.clone();
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
            *drag.borrow_mut() = Some(PaletteDrag { item, start: client_point(&e), dragging: false });
        })
    }

    /// The pointer moves: past the threshold the press is a drag, and the ghost follows.
    fn pointer_move(&self) -> Callback<PointerEvent> {
        let (drag, ghost) = (self.drag.clone(), self.ghost.clone());
        Callback::from(move |e: PointerEvent| {
            let mut d = drag.borrow_mut();
            let Some(d) = d.as_mut() else { return };
            let p = client_point(&e);
            if !d.dragging && is_drag(d.start, p) {
                d.dragging = true;
            }
            if d.dragging {
                e.prevent_default();
                ghost.set(Some((d.item, p)));
            }
        })
    }

    /// The press ends: a drag drops the entry where it was released (on the canvas).
    fn pointer_up(&self) -> Callback<PointerEvent> {
        let this = self.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(d) = this.drag.borrow_mut().take() else { return };
            this.ghost.set(None);
            if d.dragging {
                *this.suppress_click.borrow_mut() = true;
                this.drop_at(d.item, client_point(&e));
            }
        })
    }

    /// Creates `item` where it was dropped (client pixels), or says where to drop it.
    fn drop_at(&self, item: PaletteItem, p: Point) {
        let Some(r) = canvas_rect() else { return };
        if p.x < r.left() || p.x > r.right() || p.y < r.top() || p.y > r.bottom() {
            self.editor.dispatch(EditAction::Notify { text: crate::msg!("editor-drop-on-canvas"), node: None });
            return;
        }
        let at = centred_on(item.kind, self.editor.view.to_world(Point::new(p.x - r.left(), p.y - r.top())));
        self.editor.dispatch(EditAction::Add { item, at });
    }

    /// The press is cancelled (the browser took the pointer).
    fn pointer_cancel(&self) -> Callback<PointerEvent> {
        let (drag, ghost) = (self.drag.clone(), self.ghost.clone());
        Callback::from(move |_: PointerEvent| {
            drag.borrow_mut().take();
            ghost.set(None);
        })
    }

    /// A click (or Enter) places the entry in view, unless it ends a drag.
    fn click(&self, item: PaletteItem) -> Callback<MouseEvent> {
        let (place_in_view, suppress_click) = (self.place_in_view.clone(), self.suppress_click.clone());
        Callback::from(move |_: MouseEvent| {
            if std::mem::take(&mut *suppress_click.borrow_mut()) {
                return;
            }
            place_in_view.emit(item);
        })
    }

    /// One entry of the palette.
    fn entry(&self, item: PaletteItem) -> Html {
        let (onpointerdown, onpointermove) = (self.pointer_down(item), self.pointer_move());
        let (onpointerup, onpointercancel, onclick) = (self.pointer_up(), self.pointer_cancel(), self.click(item));
        html! {
            <li key={item.key()}>
                <button
                    type="button"
                    class={classes!("palette-item", item.kind.as_str(), exchange_class(item))}
                    data-kind={item.key()}
                    title={entry_title(item).render(self.lang)}
                    {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onclick}
                >
                    <span class="palette-swatch" aria-hidden="true"></span>
                    <span class="palette-name">{ entry_name(item).render(self.lang) }</span>
                    <span class="palette-description">{ entry_description(item).render(self.lang) }</span>
                </button>
            </li>
        }
    }

    /// The entries of `kinds`.
    fn entries(&self, kinds: &[NodeKind]) -> Html {
        entries(kinds).into_iter().map(|item| self.entry(item)).collect()
    }
}

/// The ghost that follows the pointer while an entry is dragged.
fn ghost_view(item: PaletteItem, p: Point, lang: Lang) -> Html {
    html! {
        <div class={classes!("palette-ghost", item.kind.as_str(), exchange_class(item))}
             style={format!("left: {}px; top: {}px", p.x, p.y)} aria-hidden="true">
            { entry_label(item).render(lang) }
        </div>
    }
}

/// The palette.
#[function_component(Palette)]
pub fn palette() -> Html {
    let gestures = use_gestures();
    let lang = gestures.lang;
    html! {
        <nav class="palette" aria-label={t!(lang, "workspace-palette.aria-label")}>
            <h2 class="palette-title">{ t!(lang, "workspace-palette") }</h2>
            <ul class="palette-list">{ gestures.entries(&[NodeKind::Producer]) }</ul>
            <h3 class="palette-group">{ t!(lang, "workspace-palette-exchanges") }</h3>
            <ul class="palette-list exchanges">{ gestures.entries(&[NodeKind::Exchange]) }</ul>
            <h3 class="palette-group">{ t!(lang, "workspace-palette-queues") }</h3>
            <ul class="palette-list">{ gestures.entries(&[NodeKind::Queue, NodeKind::Consumer]) }</ul>
            <p class="palette-hint">{ t!(lang, "workspace-palette-hint") }</p>
            if let Some((item, p)) = *gestures.ghost {
                { ghost_view(item, p, lang) }
            }
        </nav>
    }
}
