//! Dropping a file anywhere on the page opens it: a scenario file or a
//! RabbitMQ definitions file, told apart by what it holds. While a file is
//! dragged over the page an overlay says what will happen. Other drags
//! (nodes from the palette use pointer events) are left alone.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::DragEvent;
use yew::prelude::*;

use crate::components::context::use_editor;
use crate::components::workspace::banners::use_banners;
use crate::components::workspace::file_menu::open_file;

/// True when the drag carries files.
fn has_files(e: &DragEvent) -> bool {
    e.data_transfer().is_some_and(|dt| dt.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
}

/// The drop target (the whole page) and its overlay.
#[function_component(FileDrop)]
pub fn file_drop() -> Html {
    let editor = use_editor();
    let banners = use_banners();
    let over = use_state(|| false);
    // The latest handles, for listeners installed once.
    let lang = crate::components::use_lang();
    let latest = use_mut_ref(|| (editor.clone(), banners.clone(), lang));
    *latest.borrow_mut() = (editor.clone(), banners.clone(), lang);
    {
        let over = over.setter();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = EventListenerOptions::enable_prevent_default();
            let depth = std::rc::Rc::new(std::cell::Cell::new(0i32));
            let enter = {
                let over = over.clone();
                let depth = depth.clone();
                EventListener::new_with_options(&window, "dragenter", options, move |e| {
                    let Some(e) = e.dyn_ref::<DragEvent>() else { return };
                    if has_files(e) {
                        e.prevent_default();
                        depth.set(depth.get() + 1);
                        over.set(true);
                    }
                })
            };
            let over_listener = EventListener::new_with_options(&window, "dragover", options, move |e| {
                let Some(e) = e.dyn_ref::<DragEvent>() else { return };
                if has_files(e) {
                    e.prevent_default();
                    if let Some(dt) = e.data_transfer() {
                        dt.set_drop_effect("copy");
                    }
                }
            });
            let leave = {
                let over = over.clone();
                let depth = depth.clone();
                EventListener::new_with_options(&window, "dragleave", options, move |e| {
                    let Some(e) = e.dyn_ref::<DragEvent>() else { return };
                    if has_files(e) {
                        depth.set((depth.get() - 1).max(0));
                        if depth.get() == 0 {
                            over.set(false);
                        }
                    }
                })
            };
            let drop = {
                let over = over.clone();
                let depth = depth.clone();
                EventListener::new_with_options(&window, "drop", options, move |e| {
                    let Some(e) = e.dyn_ref::<DragEvent>() else { return };
                    let file = e.data_transfer().and_then(|dt| dt.files()).and_then(|f| f.get(0));
                    if let Some(file) = file {
                        e.prevent_default();
                        depth.set(0);
                        over.set(false);
                        let (editor, banners, lang) = latest.borrow().clone();
                        open_file(file, None, editor, banners, lang);
                    }
                })
            };
            move || {
                std::mem::drop((enter, over_listener, leave, drop));
            }
        });
    }
    html! { if *over { <DropOverlay /> } }
}

/// What the page says while a file is dragged over it.
#[function_component(DropOverlay)]
fn drop_overlay() -> Html {
    let lang = crate::components::use_lang();
    html! {
        <div class="drop-overlay" aria-hidden="true">
            <div class="drop-card">
                <p class="drop-title">{ crate::t!(lang, "workspace-drop-title") }</p>
                <p>{ crate::t!(lang, "workspace-drop-what") }</p>
                <p class="muted">{ crate::t!(lang, "workspace-drop-undo") }</p>
            </div>
        </div>
    }
}
