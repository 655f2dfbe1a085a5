//! A drop-down menu in the header: a button that opens a panel of items.
//! Keyboard: Enter or Space opens it and focuses the first item, the
//! arrow keys move between items, Escape closes it and returns to the
//! button; a click outside or Tab out of it closes it too. Items are ordinary buttons
//! (class `menu-item`) given as children; a click on one closes the menu.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::view::menu_nav::{menu_key, target_item, MenuKey, Step};

/// Properties of [`Menu`].
#[derive(Properties, PartialEq)]
pub struct MenuProps {
    /// The button's text.
    pub label: AttrValue,
    /// A class for the menu (`lesson-menu`, `file-menu`).
    pub class: AttrValue,
    /// The button's tooltip.
    #[prop_or_default]
    pub title: AttrValue,
    /// The items.
    pub children: Html,
}

/// The panel's items, in order.
fn items(panel: &NodeRef) -> Vec<HtmlElement> {
    let Some(panel) = panel.cast::<Element>() else { return Vec::new() };
    let Ok(list) = panel.query_selector_all(".menu-item") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

/// Focuses the item `step` says among the panel's items.
fn focus_item(panel: &NodeRef, step: Step) {
    let list = items(panel);
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let current = active.and_then(|a| list.iter().position(|i| **i == a));
    if let Some(next) = target_item(list.len(), current, step) {
        let _ = list[next].focus();
    }
}

/// True when the event's target is inside `root`.
fn inside(target: Option<web_sys::EventTarget>, root: &NodeRef) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .zip(root.cast::<web_sys::Node>())
        .is_some_and(|(t, r)| r.contains(Some(&t)))
}

/// Closes the menu on a press outside it, while it is open.
#[hook]
fn use_close_on_outside_press(open: UseStateHandle<bool>, root: NodeRef) {
    use_effect_with(*open, move |is_open| {
        let listener = is_open.then(|| {
            let document = gloo::utils::document();
            gloo::events::EventListener::new(&document, "pointerdown", move |e| {
                if !inside(e.target(), &root) {
                    open.set(false);
                }
            })
        });
        move || drop(listener)
    });
}

/// Focuses the first item when the menu opens (from the keyboard or a click).
#[hook]
fn use_focus_first_item(open: bool, panel: NodeRef) {
    use_effect_with(open, move |is_open| {
        if *is_open {
            focus_item(&panel, Step::First);
        }
    });
}

/// The menu's keys ([`menu_key`]): Escape, the arrows.
fn on_key(open: UseStateHandle<bool>, panel: NodeRef, button: NodeRef) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let Some(command) = menu_key(&e.key(), *open) else { return };
        e.prevent_default();
        match command {
            MenuKey::Close => {
                e.stop_propagation();
                open.set(false);
                if let Some(b) = button.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
            MenuKey::Focus(step) => focus_item(&panel, step),
            MenuKey::Open => open.set(true),
        }
    })
}

/// Tabbing out of the menu closes it.
fn on_focus_out(open: UseStateHandle<bool>, root: NodeRef) -> Callback<FocusEvent> {
    Callback::from(move |e: FocusEvent| {
        let to = e.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = match (to, root.cast::<web_sys::Node>()) {
            (Some(to), Some(r)) => r.contains(Some(&to)),
            // Focus left the page, or went nowhere (a click on the page
            // is handled by the pointerdown listener).
            _ => true,
        };
        if !inside && *open {
            open.set(false);
        }
    })
}

/// A chosen item closes the menu.
fn on_item_click(open: UseStateHandle<bool>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let on_item = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest(".menu-item").ok().flatten())
            .is_some();
        if on_item {
            open.set(false);
        }
    })
}

/// A drop-down menu.
#[function_component(Menu)]
pub fn menu(props: &MenuProps) -> Html {
    let open = use_state(|| false);
    let root = use_node_ref();
    let panel = use_node_ref();
    let button = use_node_ref();
    use_close_on_outside_press(open.clone(), root.clone());
    use_focus_first_item(*open, panel.clone());

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = on_key(open.clone(), panel.clone(), button.clone());
    let onfocusout = on_focus_out(open.clone(), root.clone());
    html! {
        <div class={classes!("menu", props.class.to_string(), open.then_some("open"))} ref={root} {onkeydown} {onfocusout}>
            <button type="button" class="menu-button" ref={button} aria-haspopup="true" aria-expanded={open.to_string()}
                    title={props.title.clone()} onclick={toggle}>
                { props.label.clone() }<span class="menu-caret" aria-hidden="true">{ "▾" }</span>
            </button>
            if *open {
                <div class="menu-panel" ref={panel} onclick={on_item_click(open.clone())}>{ props.children.clone() }</div>
            }
        </div>
    }
}
