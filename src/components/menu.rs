//! A drop-down menu in the header: a button that opens a panel of items.
//! Keyboard: Enter or Space opens it and focuses the first item, the
//! arrow keys move between items, Escape closes it and returns to the
//! button; a click outside or Tab out of it closes it too. Items are ordinary buttons
//! (class `menu-item`) given as children; a click on one closes the menu.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

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

fn items(panel: &NodeRef) -> Vec<HtmlElement> {
    let Some(panel) = panel.cast::<Element>() else { return Vec::new() };
    let Ok(list) = panel.query_selector_all(".menu-item") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

fn focus_item(panel: &NodeRef, pick: impl FnOnce(usize, Option<usize>) -> usize) {
    let list = items(panel);
    if list.is_empty() {
        return;
    }
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let current = active.and_then(|a| list.iter().position(|i| **i == a));
    let next = pick(list.len(), current) % list.len();
    let _ = list[next].focus();
}

/// A drop-down menu.
#[function_component(Menu)]
pub fn menu(props: &MenuProps) -> Html {
    let open = use_state(|| false);
    let root = use_node_ref();
    let panel = use_node_ref();
    let button = use_node_ref();

    // Close on a press outside.
    {
        let open = open.clone();
        let root = root.clone();
        use_effect_with(*open, move |is_open| {
            let listener = is_open.then(|| {
                let document = gloo::utils::document();
                gloo::events::EventListener::new(&document, "pointerdown", move |e| {
                    let inside = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                        .zip(root.cast::<web_sys::Node>())
                        .is_some_and(|(t, r)| r.contains(Some(&t)));
                    if !inside {
                        open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Focus the first item when opened from the keyboard or a click.
    {
        let panel = panel.clone();
        use_effect_with(*open, move |is_open| {
            if *is_open {
                focus_item(&panel, |_, _| 0);
            }
        });
    }

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        let panel = panel.clone();
        let button = button.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" if *open => {
                e.prevent_default();
                e.stop_propagation();
                open.set(false);
                if let Some(b) = button.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
            "ArrowDown" if *open => {
                e.prevent_default();
                focus_item(&panel, |_, c| c.map_or(0, |c| c + 1));
            }
            "ArrowUp" if *open => {
                e.prevent_default();
                focus_item(&panel, |n, c| c.map_or(n - 1, |c| c + n - 1));
            }
            "ArrowDown" => {
                e.prevent_default();
                open.set(true);
            }
            _ => {}
        })
    };
    // Tabbing out of the menu closes it.
    let onfocusout = {
        let open = open.clone();
        let root = root.clone();
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
    };
    // A chosen item closes the menu.
    let onclick = {
        let open = open.clone();
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
    };
    html! {
        <div class={classes!("menu", props.class.to_string(), open.then_some("open"))} ref={root} {onkeydown} {onfocusout}>
            <button type="button" class="menu-button" ref={button} aria-haspopup="true" aria-expanded={open.to_string()}
                    title={props.title.clone()} onclick={toggle}>
                { props.label.clone() }<span class="menu-caret" aria-hidden="true">{ "▾" }</span>
            </button>
            if *open {
                <div class="menu-panel" ref={panel} {onclick}>{ props.children.clone() }</div>
            }
        </div>
    }
}
