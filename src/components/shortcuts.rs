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
use crate::view::shortcuts::{shortcut, KeyPress, KeyTarget, Shortcut};

use crate::components::context::wall_now;

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

/// True when the key press goes to a button, a summary or a link (where
/// Space presses it).
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

/// Where the key press happened, read from its target and the page.
fn key_target(e: &KeyboardEvent) -> KeyTarget {
    let message_open =
        e.key() == "Escape" && gloo::utils::document().query_selector(".message-inspector").ok().flatten().is_some();
    KeyTarget {
        message_open,
        typing: typing(e),
        on_control: on_control(e),
        on_canvas: on_canvas(e),
        on_button: on_button(e),
    }
}

/// Blurs the focused element: leaving a field commits it (change fires on blur).
fn leave_field() {
    if let Some(el) = gloo::utils::document().active_element().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.blur();
    }
}

/// What the shortcuts act on.
struct Targets {
    editor: UseReducerDispatcher<Editor>,
    runtime: Rc<RefCell<Runtime>>,
    refresh: Callback<()>,
    close_message: Callback<()>,
}

impl Targets {
    /// Carries out a shortcut.
    fn run(&self, shortcut: Shortcut) {
        let edit = |action: EditAction| self.editor.dispatch(action);
        match shortcut {
            Shortcut::CloseMessage => self.close_message.emit(()),
            Shortcut::LeaveField => {
                leave_field();
                self.close_message.emit(());
                edit(EditAction::DismissNotice);
                edit(EditAction::ClearSelection);
            }
            Shortcut::Undo => edit(EditAction::Undo),
            Shortcut::Redo => edit(EditAction::Redo),
            Shortcut::SelectAll => edit(EditAction::SelectAll),
            Shortcut::DeleteSelected => edit(EditAction::DeleteSelected),
            Shortcut::Nudge { dx, dy } => edit(EditAction::Nudge { dx, dy }),
            Shortcut::Zoom(factor) => edit(EditAction::Zoom { at: canvas_middle(), factor }),
            Shortcut::ResetView => edit(EditAction::ResetView),
            Shortcut::PlayPause => self.play_pause(),
            Shortcut::Step => self.step(),
        }
    }

    /// Space: plays or pauses the clock.
    fn play_pause(&self) {
        let mut rt = self.runtime.borrow_mut();
        rt.playing = !rt.playing;
        if rt.playing {
            rt.sim.resume();
        }
        rt.touch();
        drop(rt);
        self.refresh.emit(());
    }

    /// `.`: pauses and steps to the next event.
    fn step(&self) {
        let mut rt = self.runtime.borrow_mut();
        rt.playing = false;
        rt.step(wall_now());
        drop(rt);
        self.refresh.emit(());
    }
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
        let targets = Targets { editor, runtime, refresh, close_message };
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
            let key = e.key();
            let press =
                KeyPress { key: &key, ctrl: e.ctrl_key() || e.meta_key(), shift: e.shift_key(), alt: e.alt_key() };
            let Some(shortcut) = shortcut(press, key_target(e)) else { return };
            if shortcut.prevents_default() {
                e.prevent_default();
            }
            targets.run(shortcut);
        });
        move || drop(listener)
    });
}
