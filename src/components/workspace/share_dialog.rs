//! Share: a button that makes a link holding the whole scenario
//! (`origin + path + #s=...`, see [`crate::share`]), copies it to the
//! clipboard where the browser allows, and shows it in a small dialog,
//! selected, with its length, so it can be copied by hand otherwise.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{t, Lang};
use crate::share;
use crate::view::share_view::{embed_snippet, Copied, LinkLength};

use crate::components::context::use_editor;
use crate::components::focus_trap::trap_focus;
use crate::web::browser;

pub use crate::view::share_view::LONG_LINK;

/// The share link for the current scenario.
pub fn share_link(scenario: &crate::scenario::Scenario) -> String {
    let a = browser::address();
    format!("{}{}{}", a.origin, a.pathname, share::fragment(scenario))
}

/// The clipboard status and a way to copy a text, which updates it.
#[hook]
fn use_copy() -> (Copied, Callback<String>) {
    let copied = use_state(|| Copied::Trying);
    let copy = {
        let copied = copied.setter();
        Callback::from(move |text: String| {
            copied.set(Copied::Trying);
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                copied.set(if browser::copy_text(&text).await { Copied::Yes } else { Copied::No });
            });
        })
    };
    (*copied, copy)
}

/// The Share button and its dialog.
#[function_component(ShareButton)]
pub fn share_button() -> Html {
    let editor = use_editor();
    let link = use_state(|| None::<String>);
    let (copied, copy) = use_copy();
    let button = use_node_ref();
    let lang = crate::components::use_lang();

    let open = {
        let (link, copy) = (link.clone(), copy.clone());
        Callback::from(move |_: MouseEvent| {
            let text = share_link(&editor.scenario);
            link.set(Some(text.clone()));
            copy.emit(text);
        })
    };
    let on_close = {
        let (link, button) = (link.clone(), button.clone());
        Callback::from(move |_: ()| {
            link.set(None);
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    html! {
        <>
            <button type="button" class="header-button share-button" ref={button} onclick={open}
                    title={t!(lang, "workspace-share.title")} aria-haspopup="dialog">{ t!(lang, "workspace-share") }</button>
            if let Some(link) = (*link).clone() {
                <ShareDialog {link} {copied} on_copy={copy} {on_close} />
            }
        </>
    }
}

/// Properties of [`ShareDialog`].
#[derive(Properties, PartialEq)]
struct ShareDialogProps {
    /// The link.
    link: String,
    /// Whether it reached the clipboard.
    copied: Copied,
    /// Copies a text to the clipboard.
    on_copy: Callback<String>,
    /// Closes the dialog.
    on_close: Callback<()>,
}

/// True when a click landed on the backdrop itself (not in the dialog).
fn on_backdrop(e: &MouseEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| t.get_attribute("class").is_some_and(|c| c.split_whitespace().any(|c| c == "modal-backdrop")))
}

/// Focuses and selects the link when the dialog opens.
#[hook]
fn use_select_on_open(input: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(i) = input.cast::<HtmlInputElement>() {
            let _ = i.focus();
            i.select();
            // Show where the link starts (the site), not its tail.
            i.set_scroll_left(0);
        }
    });
}

/// The dialog: the link, selected, its length and the clipboard status.
#[function_component(ShareDialog)]
fn share_dialog(props: &ShareDialogProps) -> Html {
    let input = use_node_ref();
    let dialog_ref = use_node_ref();
    use_select_on_open(input.clone());
    let on_key = {
        let (close, dialog_ref) = (props.on_close.clone(), dialog_ref.clone());
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
    let close = props.on_close.clone();
    let backdrop = Callback::from(move |e: MouseEvent| {
        if on_backdrop(&e) {
            close.emit(());
        }
    });
    let close_click = props.on_close.reform(|_: MouseEvent| ());
    let lang = crate::components::use_lang();
    html! {
        <div class="modal-backdrop" onclick={backdrop}>
            <div class="share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" onkeydown={on_key} ref={dialog_ref}>
                <div class="dialog-head">
                    <h2 id="share-title">{ t!(lang, "workspace-share-dialog") }</h2>
                    <button type="button" class="dialog-close" aria-label={t!(lang, "workspace-share-close.aria-label")} onclick={close_click.clone()}>{ "×" }</button>
                </div>
                <div class="dialog-body">
                    <p class="share-lead">{ t!(lang, "workspace-share-lead") }</p>
                    { link_field(&props.link, &input, lang) }
                    { link_meta(&props.link, props.copied, lang) }
                    <div class="dialog-actions">
                        <button type="button" class="share-copy primary" onclick={copy_again(props, &input)}>{ t!(lang, "workspace-share-copy") }</button>
                        <button type="button" class="share-close" onclick={close_click}>{ t!(lang, "workspace-share-done") }</button>
                    </div>
                    { embed_field(&props.link, lang) }
                </div>
            </div>
        </div>
    }
}

/// "Copy link": selects the link again and copies it.
fn copy_again(props: &ShareDialogProps, input: &NodeRef) -> Callback<MouseEvent> {
    let (copy, text, input) = (props.on_copy.clone(), props.link.clone(), input.clone());
    Callback::from(move |_: MouseEvent| {
        if let Some(i) = input.cast::<HtmlInputElement>() {
            i.select();
        }
        copy.emit(text.clone());
    })
}

/// The read-only link field (selected whole when focused).
fn link_field(link: &str, input: &NodeRef, lang: Lang) -> Html {
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            i.select();
        }
    });
    html! {
        <label class="share-field">
            <span class="visually-hidden">{ t!(lang, "workspace-share-the-link") }</span>
            <input type="text" class="share-link" readonly=true value={link.to_string()} ref={input.clone()} onfocus={select_all} spellcheck="false" />
        </label>
    }
}

/// The link's length, the clipboard status, and the note on long links.
fn link_meta(link: &str, copied: Copied, lang: Lang) -> Html {
    let length = LinkLength::of(link);
    html! {
        <>
            <p class="share-meta">
                <span class="share-length">{ length.text().render(lang) }</span>
                <span class={classes!("share-status", copied.warns().then_some("warn"))} role="status">{ t(lang, copied.status()) }</span>
            </p>
            if length.is_long() {
                <p class="share-note">{ t!(lang, "workspace-share-long") }</p>
            }
        </>
    }
}

/// The embed snippet for the link, selected whole when focused; it names
/// the page's language when that is Chinese.
fn embed_field(link: &str, lang: Lang) -> Html {
    let (page, fragment) = match link.find('#') {
        Some(i) => (&link[..i], &link[i..]),
        None => (link, ""),
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
            i.select();
        }
    });
    html! {
        <label class="share-embed">
            <span class="share-embed-label">{ t!(lang, "workspace-share-embed") }</span>
            <textarea class="share-embed-code" readonly=true rows="3" spellcheck="false" onfocus={select_all}
                      value={embed_snippet(page, fragment, lang)} />
        </label>
    }
}
