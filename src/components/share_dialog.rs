//! Share: a button that makes a link holding the whole scenario
//! (`origin + path + #s=...`, see [`crate::share`]), copies it to the
//! clipboard where the browser allows, and shows it in a small dialog,
//! selected, with its length, so it can be copied by hand otherwise.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::share;

use super::browser;
use super::context::use_editor;
use super::focus_trap::trap_focus;

/// Links longer than this may be cut by some chat and mail programs.
pub const LONG_LINK: usize = 2000;

/// Whether the link reached the clipboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Copied {
    Trying,
    Yes,
    No,
}

/// The share link for the current scenario.
pub fn share_link(scenario: &crate::scenario::Scenario) -> String {
    let a = browser::address();
    format!("{}{}{}", a.origin, a.pathname, share::fragment(scenario))
}

/// The Share button and its dialog.
#[function_component(ShareButton)]
pub fn share_button() -> Html {
    let editor = use_editor();
    let link = use_state(|| None::<String>);
    let copied = use_state(|| Copied::Trying);
    let input = use_node_ref();
    let button = use_node_ref();
    let dialog_ref = use_node_ref();

    let copy = {
        let copied = copied.setter();
        move |text: String| {
            copied.set(Copied::Trying);
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                copied.set(if browser::copy_text(&text).await { Copied::Yes } else { Copied::No });
            });
        }
    };
    let open = {
        let editor = editor.clone();
        let link = link.clone();
        let copy = copy.clone();
        Callback::from(move |_: MouseEvent| {
            let text = share_link(&editor.scenario);
            link.set(Some(text.clone()));
            copy(text);
        })
    };
    let close = {
        let link = link.clone();
        let button = button.clone();
        Callback::from(move |_: ()| {
            link.set(None);
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    // Focus and select the link when the dialog opens.
    {
        let input = input.clone();
        use_effect_with(link.is_some(), move |shown| {
            if *shown {
                if let Some(i) = input.cast::<HtmlInputElement>() {
                    let _ = i.focus();
                    i.select();
                    // Show where the link starts (the site), not its tail.
                    i.set_scroll_left(0);
                }
            }
        });
    }

    let dialog = (*link).clone().map(|text| {
        let length = text.chars().count();
        let on_key = {
            let close = close.clone();
            let dialog_ref = dialog_ref.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    e.prevent_default();
                    e.stop_propagation();
                    close.emit(());
                } else {
                    trap_focus(&e, &dialog_ref);
                }
            })
        };
        let on_backdrop = {
            let close = close.clone();
            Callback::from(move |e: MouseEvent| {
                let on_backdrop = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|t| t.get_attribute("class").is_some_and(|c| c.split_whitespace().any(|c| c == "modal-backdrop")));
                if on_backdrop {
                    close.emit(());
                }
            })
        };
        let select_all = Callback::from(|e: FocusEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                i.select();
            }
        });
        let copy_again = {
            let copy = copy.clone();
            let text = text.clone();
            let input = input.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(i) = input.cast::<HtmlInputElement>() {
                    i.select();
                }
                copy(text.clone());
            })
        };
        let status = match *copied {
            Copied::Trying => "Copying…",
            Copied::Yes => "Copied to the clipboard.",
            Copied::No => "The browser did not allow copying here: the link is selected, press Ctrl+C (⌘C) to copy it.",
        };
        let close_click = {
            let close = close.clone();
            Callback::from(move |_: MouseEvent| close.emit(()))
        };
        html! {
            <div class="modal-backdrop" onclick={on_backdrop}>
                <div class="share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" onkeydown={on_key} ref={dialog_ref.clone()}>
                    <div class="dialog-head">
                        <h2 id="share-title">{ "Share link" }</h2>
                        <button type="button" class="dialog-close" aria-label="Close" onclick={close_click.clone()}>{ "×" }</button>
                    </div>
                    <div class="dialog-body">
                        <p class="share-lead">{ "Whoever opens this link gets this scenario exactly: topology, positions, behaviours, speed and narration. Nothing is uploaded: it is all in the link." }</p>
                        <label class="share-field">
                            <span class="visually-hidden">{ "The link" }</span>
                            <input type="text" class="share-link" readonly=true value={text.clone()} ref={input.clone()} onfocus={select_all} spellcheck="false" />
                        </label>
                        <p class="share-meta">
                            <span class="share-length">{ format!("{length} characters") }</span>
                            <span class={classes!("share-status", (*copied == Copied::No).then_some("warn"))} role="status">{ status }</span>
                        </p>
                        if length > LONG_LINK {
                            <p class="share-note">{ "Some chat and mail programs cut links longer than about 2,000 characters: if the link arrives broken, send the scenario file instead (File → Save scenario file)." }</p>
                        }
                        <div class="dialog-actions">
                            <button type="button" class="share-copy primary" onclick={copy_again}>{ "Copy link" }</button>
                            <button type="button" class="share-close" onclick={close_click}>{ "Done" }</button>
                        </div>
                    </div>
                </div>
            </div>
        }
    });

    html! {
        <>
            <button type="button" class="header-button share-button" ref={button} onclick={open}
                    title="Make a link that holds the whole scenario" aria-haspopup="dialog">{ "Share" }</button>
            { for dialog }
        </>
    }
}
