//! Keyboard shortcuts for the whole page (ignored while typing in a field):
//!
//! | keys | what |
//! | --- | --- |
//! | Delete, Backspace | delete the selection |
//! | Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y | undo / redo |
//! | Ctrl+A | select every node |
//! | arrows (Shift: further) | move the selected nodes |
//! | Escape | close the message dialog, or leave the field and clear the selection |
//! | Space | play / pause |
//! | `.` | step to the next event |
//! | `+` `-` `0` | zoom in, out, reset |

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::editor::geometry::Point;
use crate::editor::{EditAction, Editor};
use crate::monitor::runtime::Runtime;

use super::context::wall_now;

/// True when the key press is typing in a text field (which has its own
/// undo, selection and arrows).
fn typing(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return false };
    let tag = el.tag_name().to_ascii_lowercase();
    let text_input = tag == "input"
        && !matches!(el.get_attribute("type").unwrap_or_default().as_str(), "checkbox" | "radio" | "range" | "button");
    text_input || tag == "textarea" || el.closest("[contenteditable]").ok().flatten().is_some()
}

/// True when the key press goes to a form control that uses keys itself
/// (a select, a check box, a slider).
fn on_control(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return false };
    matches!(el.tag_name().to_ascii_lowercase().as_str(), "input" | "select")
}

/// True when the key press happens on the page itself or on the canvas
/// (not in the log, the inspector or a dialog, where arrows scroll).
fn on_canvas(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return true };
    let tag = el.tag_name().to_ascii_lowercase();
    tag == "body" || tag == "html" || el.closest(".canvas-area").ok().flatten().is_some()
}

fn on_button(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest("button, summary, a, [role=button]").ok().flatten())
        .is_some()
}

/// The middle of the canvas, in its own pixels.
fn canvas_middle() -> Point {
    gloo::utils::document()
        .query_selector(".canvas-area")
        .ok()
        .flatten()
        .map(|el| {
            let r = el.get_bounding_client_rect();
            Point::new(r.width() / 2.0, r.height() / 2.0)
        })
        .unwrap_or_default()
}

/// Installs the shortcuts on the document while the component is mounted.
#[hook]
pub fn use_shortcuts(
    editor: UseReducerDispatcher<Editor>,
    runtime: Rc<RefCell<Runtime>>,
    refresh: Callback<()>,
    close_message: Callback<()>,
) {
    use_effect_with((), move |_| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
            if e.key() == "Escape"
                && gloo::utils::document().query_selector(".message-inspector").ok().flatten().is_some()
            {
                close_message.emit(());
                return;
            }
            if e.key() == "Escape" {
                // Leaving a field commits it (change fires on blur), then the
                // selection closes.
                if let Some(el) =
                    gloo::utils::document().active_element().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.blur();
                }
                close_message.emit(());
                editor.dispatch(EditAction::DismissNotice);
                editor.dispatch(EditAction::ClearSelection);
                return;
            }
            if typing(e) || e.alt_key() {
                return;
            }
            let ctrl = e.ctrl_key() || e.meta_key();
            let key = e.key();
            // Selects and check boxes keep their keys, except undo and redo.
            let undo_redo = ctrl && matches!(key.as_str(), "z" | "Z" | "y" | "Y");
            if on_control(e) && !undo_redo {
                return;
            }
            let action = match (key.as_str(), ctrl, e.shift_key()) {
                ("z" | "Z", true, false) => Some(EditAction::Undo),
                ("z" | "Z", true, true) | ("y" | "Y", true, _) => Some(EditAction::Redo),
                ("a" | "A", true, _) => Some(EditAction::SelectAll),
                ("Delete" | "Backspace", false, _) => Some(EditAction::DeleteSelected),
                ("ArrowLeft", false, s) => Some(EditAction::Nudge { dx: if s { -50.0 } else { -10.0 }, dy: 0.0 }),
                ("ArrowRight", false, s) => Some(EditAction::Nudge { dx: if s { 50.0 } else { 10.0 }, dy: 0.0 }),
                ("ArrowUp", false, s) => Some(EditAction::Nudge { dx: 0.0, dy: if s { -50.0 } else { -10.0 } }),
                ("ArrowDown", false, s) => Some(EditAction::Nudge { dx: 0.0, dy: if s { 50.0 } else { 10.0 } }),
                ("+" | "=", false, _) => Some(EditAction::Zoom { at: canvas_middle(), factor: 1.2 }),
                ("-" | "_", false, _) => Some(EditAction::Zoom { at: canvas_middle(), factor: 1.0 / 1.2 }),
                ("0", false, _) => Some(EditAction::ResetView),
                _ => None,
            };
            let arrow = key.starts_with("Arrow");
            if arrow && !on_canvas(e) {
                return;
            }
            if let Some(action) = action {
                // Arrows scroll lists and move focus elsewhere; on the canvas they move nodes.
                e.prevent_default();
                editor.dispatch(action);
                return;
            }
            match key.as_str() {
                " " if !ctrl && !on_button(e) => {
                    e.prevent_default();
                    let mut rt = runtime.borrow_mut();
                    rt.playing = !rt.playing;
                    if rt.playing {
                        rt.sim.resume();
                    }
                    rt.touch();
                    drop(rt);
                    refresh.emit(());
                }
                "." if !ctrl => {
                    let mut rt = runtime.borrow_mut();
                    rt.playing = false;
                    rt.step(wall_now());
                    drop(rt);
                    refresh.emit(());
                }
                _ => {}
            }
        });
        move || drop(listener)
    });
}
