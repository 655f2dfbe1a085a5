//! The message inspector: a dialog with a message's body, properties and
//! headers (x-death spelled out), where it is now, and its whole path
//! through the broker as the log recorded it.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::use_lang;
use crate::engine::{Message, MessageId};
use crate::i18n::Lang;
use crate::monitor::log::{x_death_lines, LogEntry};
use crate::view::message_details::{header_rows, property_rows, whereabouts};

use crate::components::context::use_stage;
use crate::components::focus_trap::{trap_focus, use_restore_focus};
use crate::components::run_loop::format_clock;

/// Properties of [`MessageInspector`].
#[derive(Properties, PartialEq)]
pub struct MessageInspectorProps {
    /// The message.
    pub message: Rc<Message>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// Focuses the close button when a message is shown.
#[hook]
fn use_focus_close(message: MessageId, close_ref: NodeRef) {
    use_effect_with(message, move |_| {
        if let Some(el) = close_ref.cast::<HtmlElement>() {
            let _ = el.focus();
        }
    });
}

/// Closes the dialog on a click on the backdrop itself.
fn on_backdrop(on_close: &Callback<()>) -> Callback<MouseEvent> {
    let on_close = on_close.clone();
    Callback::from(move |e: MouseEvent| {
        let on_backdrop = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.class_name().split_whitespace().any(|c| c == "modal-backdrop"));
        if on_backdrop {
            on_close.emit(());
        }
    })
}

/// The dialog.
#[function_component(MessageInspector)]
pub fn message_inspector(props: &MessageInspectorProps) -> Html {
    let stage = use_stage();
    let lang = use_lang();
    let close_ref = use_node_ref();
    let dialog_ref = use_node_ref();
    use_restore_focus();
    use_focus_close(props.message.id, close_ref.clone());
    let m = props.message.clone();
    let rt = stage.runtime.borrow();
    let now = whereabouts(&rt.sim, &m, lang);
    let path: Vec<Html> = rt.monitor.path(m.id).into_iter().map(|e| path_step(e, lang)).collect();
    let parent = rt.monitor.message(m.id).and_then(|i| i.parent);
    drop(rt);

    let close = props.on_close.reform(|_: MouseEvent| ());
    let on_key = {
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| trap_focus(&e, &dialog_ref))
    };
    html! {
        <div class="modal-backdrop" onclick={on_backdrop(&props.on_close)}>
            <div class="message-inspector" role="dialog" aria-modal="true" aria-labelledby="message-title" ref={dialog_ref.clone()}
                 onkeydown={on_key}>
                <header class="dialog-head">
                    <h2 id="message-title">{ msg!("log-inspector-title", id = m.id).render(lang) }</h2>
                    <button type="button" class="dialog-close" ref={close_ref} aria-label={t!(lang, "log-inspector-close.aria-label")} onclick={close}>{ "×" }</button>
                </header>
                <div class="dialog-body">
                    { body_section(&m, lang) }
                    { properties_section(&m, lang) }
                    { headers_section(&m, parent, lang) }
                    { whereabouts_section(now, lang) }
                    { path_section(path, lang) }
                </div>
            </div>
        </div>
    }
}

/// One step of the message's path, as the log recorded it.
fn path_step(e: &LogEntry, lang: Lang) -> Html {
    html! {
        <li key={e.seq} class={classes!("path-step", e.kind.as_str())}>
            <span class="log-time">{ format_clock(e.at) }</span>
            <span class={classes!("log-kind", e.kind.as_str())}>{ e.kind.as_str() }</span>
            <span>{ e.text.render(lang) }</span>
        </li>
    }
}

/// The body and its size.
fn body_section(m: &Message, lang: Lang) -> Html {
    html! {
        <section>
            <h3>{ t!(lang, "log-inspector-body") }</h3>
            <pre class="msg-body">{ m.body.to_string() }</pre>
            <p class="muted">{ msg!("log-inspector-bytes", count = m.body.len()).render(lang) }</p>
        </section>
    }
}

/// The properties table.
fn properties_section(m: &Message, lang: Lang) -> Html {
    html! {
        <section>
            <h3>{ t!(lang, "log-inspector-properties") }</h3>
            <table class="kv"><tbody>
                { for property_rows(m, lang).into_iter().map(|(k, v)| html! { <tr key={k.clone()}><th scope="row">{ k }</th><td>{ v }</td></tr> }) }
            </tbody></table>
        </section>
    }
}

/// The headers, x-death spelled out, and the message it was dead-lettered from.
fn headers_section(m: &Message, parent: Option<MessageId>, lang: Lang) -> Html {
    let header_rows: Vec<Html> = header_rows(m, lang)
        .into_iter()
        .map(|r| html! { <tr key={r.name.clone()}><th scope="row">{ r.name }</th><td>{ r.value }</td><td class="muted">{ r.type_name }</td></tr> })
        .collect();
    let deaths: Vec<Html> =
        x_death_lines(m).into_iter().enumerate().map(|(i, d)| html! { <li key={i}>{ d.render(lang) }</li> }).collect();
    html! {
        <section>
            <h3>{ t!(lang, "log-inspector-headers") }</h3>
            if header_rows.is_empty() && deaths.is_empty() { <p class="muted">{ t!(lang, "log-inspector-none") }</p> }
            if !header_rows.is_empty() { <table class="kv headers"><tbody>{ for header_rows }</tbody></table> }
            if !deaths.is_empty() {
                <h4>{ t!(lang, "log-inspector-deaths") }</h4>
                <ol class="x-death">{ for deaths }</ol>
            }
            if let Some(parent) = parent { <p class="muted">{ msg!("log-inspector-parent", parent = parent).render(lang) }</p> }
        </section>
    }
}

/// Where the message's copies are now.
fn whereabouts_section(now: Vec<String>, lang: Lang) -> Html {
    html! {
        <section>
            <h3>{ t!(lang, "log-inspector-where") }</h3>
            if now.is_empty() { <p class="muted">{ t!(lang, "log-inspector-gone") }</p> }
            else { <ul class="whereabouts">{ for now.into_iter().map(|t| html! { <li>{ t }</li> }) }</ul> }
        </section>
    }
}

/// The message's path through the broker.
fn path_section(path: Vec<Html>, lang: Lang) -> Html {
    html! {
        <section>
            <h3>{ t!(lang, "log-inspector-path") }</h3>
            if path.is_empty() { <p class="muted">{ t!(lang, "log-inspector-path-gone") }</p> }
            else { <ol class="path">{ for path }</ol> }
        </section>
    }
}
