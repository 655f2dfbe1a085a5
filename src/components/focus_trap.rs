//! Keeping keyboard focus inside a modal dialog while it is open, and
//! giving it back to where it was when the dialog closes.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What Tab can reach inside a dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside `dialog`: from its last control to its first, and
/// Shift+Tab the other way. Call it from the dialog's keydown handler.
pub fn trap_focus(e: &KeyboardEvent, dialog: &NodeRef) {
    if e.key() != "Tab" {
        return;
    }
    let Some(dialog) = dialog.cast::<web_sys::Element>() else { return };
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else { return };
    let items: Vec<web_sys::HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
    let active = gloo::utils::document().active_element();
    let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.as_ref() as &web_sys::Element);
    let outside = active.as_ref().is_none_or(|a| !dialog.contains(Some(a.as_ref())));
    if e.shift_key() && (at(first) || outside) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && (at(last) || outside) {
        e.prevent_default();
        let _ = first.focus();
    }
}

/// Remembers what had focus when the calling component (a dialog) mounts
/// and focuses it again when the component goes, if it is still on the page.
#[hook]
pub fn use_restore_focus() {
    use_effect_with((), |_| {
        let before = gloo::utils::document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        move || {
            if let Some(el) = before.filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
        }
    });
}
