//! The message inspector: a dialog with a message's body, properties and
//! headers (x-death spelled out), where it is now, and its whole path
//! through the broker as the log recorded it.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::engine::{FieldValue, Message};

use super::context::use_stage;
use super::focus_trap::{trap_focus, use_restore_focus};
use super::run_loop::format_clock;

/// Properties of [`MessageInspector`].
#[derive(Properties, PartialEq)]
pub struct MessageInspectorProps {
    /// The message.
    pub message: Rc<Message>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

fn value_text(v: &FieldValue) -> String {
    match v {
        FieldValue::Str(s) if s.is_empty() => "\"\" (empty)".to_string(),
        FieldValue::Str(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Where the message's copies are now, in words.
fn whereabouts(sim: &crate::simulation::Simulation, m: &Message) -> Vec<String> {
    let mut out = Vec::new();
    for q in sim.broker().queues() {
        for (i, c) in q.ready.iter().enumerate() {
            if c.message.id == m.id {
                out.push(format!(
                    "ready in queue {} at position {}{}",
                    q.name,
                    i + 1,
                    if c.redelivered { ", marked redelivered" } else { "" }
                ));
            }
        }
    }
    for ch in sim.broker().channels() {
        for (tag, u) in &ch.unacked {
            if u.message.message.id == m.id {
                let who = sim
                    .node_for_channel(ch.id)
                    .and_then(|id| sim.scenario().consumer(id))
                    .map(|c| c.name.clone())
                    .or_else(|| u.consumer.as_deref().map(str::to_string))
                    .unwrap_or_else(|| "a consumer".into());
                out.push(format!("delivered from queue {} to {who}, not acked yet (delivery tag {tag})", u.queue));
            }
        }
    }
    out
}

/// The dialog.
#[function_component(MessageInspector)]
pub fn message_inspector(props: &MessageInspectorProps) -> Html {
    let stage = use_stage();
    let close_ref = use_node_ref();
    let dialog_ref = use_node_ref();
    use_restore_focus();
    {
        let close_ref = close_ref.clone();
        use_effect_with(props.message.id, move |_| {
            if let Some(el) = close_ref.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let m = props.message.clone();
    let p = &m.properties;
    let rt = stage.runtime.borrow();
    let now = whereabouts(&rt.sim, &m);
    let path: Vec<Html> = rt
        .monitor
        .path(m.id)
        .into_iter()
        .map(|e| {
            html! {
                <li key={e.seq} class={classes!("path-step", e.kind.as_str())}>
                    <span class="log-time">{ format_clock(e.at) }</span>
                    <span class={classes!("log-kind", e.kind.as_str())}>{ e.kind.as_str() }</span>
                    <span>{ e.text.clone() }</span>
                </li>
            }
        })
        .collect();
    let parent = rt.monitor.message(m.id).and_then(|i| i.parent);
    drop(rt);

    let mut props_rows: Vec<(String, String)> = vec![
        ("exchange".into(), if m.exchange.is_empty() { "(default exchange)".into() } else { m.exchange.to_string() }),
        ("routing key".into(), format!("\"{}\"", m.routing_key)),
    ];
    if !m.extra_routing_keys.is_empty() {
        props_rows.push(("CC routing keys".into(), m.extra_routing_keys.join(", ")));
    }
    props_rows.push((
        "delivery_mode".into(),
        match p.delivery_mode {
            Some(2) => "2 (persistent)".into(),
            Some(1) => "1 (transient)".into(),
            Some(n) => n.to_string(),
            None => "not set (transient)".into(),
        },
    ));
    for (k, v) in [
        ("expiration", p.expiration.clone()),
        ("priority", p.priority.map(|v| v.to_string())),
        ("reply_to", p.reply_to.clone()),
        ("correlation_id", p.correlation_id.clone()),
        ("message_id", p.message_id.clone()),
        ("content_type", p.content_type.clone()),
    ] {
        if let Some(v) = v {
            props_rows.push((k.into(), v));
        }
    }
    let headers = p.headers.clone().unwrap_or_default();
    let header_rows: Vec<Html> = headers
        .iter()
        .filter(|(k, _)| *k != "x-death")
        .map(|(k, v)| html! { <tr key={k.to_string()}><th scope="row">{ k.to_string() }</th><td>{ value_text(v) }</td><td class="muted">{ v.type_name() }</td></tr> })
        .collect();
    let deaths: Vec<Html> = crate::monitor::log::x_death_lines(&m)
        .into_iter()
        .enumerate()
        .map(|(i, t)| html! { <li key={i}>{ t }</li> })
        .collect();
    let close = props.on_close.reform(|_: MouseEvent| ());
    let backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            let on_backdrop = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.class_name().split_whitespace().any(|c| c == "modal-backdrop"));
            if on_backdrop {
                on_close.emit(());
            }
        })
    };
    let on_key = {
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| trap_focus(&e, &dialog_ref))
    };
    html! {
        <div class="modal-backdrop" onclick={backdrop}>
            <div class="message-inspector" role="dialog" aria-modal="true" aria-labelledby="message-title" ref={dialog_ref.clone()}
                 onkeydown={on_key}>
                <header class="dialog-head">
                    <h2 id="message-title">{ format!("Message #{}", m.id) }</h2>
                    <button type="button" class="dialog-close" ref={close_ref} aria-label="Close" onclick={close}>{ "×" }</button>
                </header>
                <div class="dialog-body">
                    <section>
                        <h3>{ "Body" }</h3>
                        <pre class="msg-body">{ m.body.to_string() }</pre>
                        <p class="muted">{ format!("{} bytes", m.body.len()) }</p>
                    </section>
                    <section>
                        <h3>{ "Properties" }</h3>
                        <table class="kv"><tbody>
                            { for props_rows.into_iter().map(|(k, v)| html! { <tr key={k.clone()}><th scope="row">{ k }</th><td>{ v }</td></tr> }) }
                        </tbody></table>
                    </section>
                    <section>
                        <h3>{ "Headers" }</h3>
                        if header_rows.is_empty() && deaths.is_empty() { <p class="muted">{ "none" }</p> }
                        if !header_rows.is_empty() { <table class="kv headers"><tbody>{ for header_rows }</tbody></table> }
                        if !deaths.is_empty() {
                            <h4>{ "x-death (why it was dead-lettered, most recent first)" }</h4>
                            <ol class="x-death">{ for deaths }</ol>
                        }
                        if let Some(parent) = parent { <p class="muted">{ format!("Dead-lettered from message #{parent}.") }</p> }
                    </section>
                    <section>
                        <h3>{ "Where it is now" }</h3>
                        if now.is_empty() { <p class="muted">{ "No longer in the broker." }</p> }
                        else { <ul class="whereabouts">{ for now.into_iter().map(|t| html! { <li>{ t }</li> }) }</ul> }
                    </section>
                    <section>
                        <h3>{ "Path" }</h3>
                        if path.is_empty() { <p class="muted">{ "The log no longer holds this message's path." }</p> }
                        else { <ol class="path">{ for path }</ol> }
                    </section>
                </div>
            </div>
        </div>
    }
}
