//! The event log: what happened, newest first, filterable by node and by
//! kind. Routing decisions, returns, drops and errors open to show why;
//! a line about a message opens the message inspector.

use std::collections::BTreeSet;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::monitor::log::LogKind;

use super::context::{use_editor, use_open_message, use_stage};
use super::node::display_name;
use super::route_detail::RouteDetail;
use super::run_loop::format_clock;

/// Most lines shown at once (the newest that pass the filter).
pub const SHOWN: usize = 200;

/// The kinds hidden until asked for.
pub fn hidden_by_default() -> BTreeSet<LogKind> {
    BTreeSet::from([LogKind::Topology, LogKind::Enqueue])
}

/// The event log panel.
#[function_component(EventLog)]
pub fn event_log() -> Html {
    let stage = use_stage();
    let editor = use_editor();
    let open = use_open_message();
    let hidden = use_state(hidden_by_default);
    let node = use_state(|| None::<String>);
    let collapsed = use_state(|| false);

    let s = editor.scenario.clone();
    let rt = stage.runtime.borrow();
    let total = rt.monitor.log.len();
    let mut entries: Vec<Html> = rt
        .monitor
        .log
        .entries()
        .rev()
        .filter(|e| !hidden.contains(&e.kind))
        .filter(|e| node.as_deref().map_or(true, |n| e.concerns(n)))
        .take(if *collapsed { 0 } else { SHOWN })
        .map(|e| {
            let inspect = e.message.clone().map(|m| {
                let open = open.clone();
                let onclick = Callback::from(move |ev: MouseEvent| {
                    ev.prevent_default();
                    ev.stop_propagation();
                    open.emit(m.clone());
                });
                html! { <button type="button" class="log-inspect" title="Inspect this message" {onclick}>{ "inspect" }</button> }
            });
            let line = html! {
                <>
                    <span class="log-time">{ format_clock(e.at) }</span>
                    <span class={classes!("log-kind", e.kind.as_str())}>{ e.kind.as_str() }</span>
                    <span class="log-text">{ e.text.clone() }</span>
                    if e.redelivered { <span class="log-flag">{ "redelivered" }</span> }
                </>
            };
            html! {
                <li key={e.seq} class={classes!("log-entry", e.kind.as_str())} data-kind={e.kind.as_str()}>
                    if let Some(detail) = e.detail.clone() {
                        <details>
                            <summary>{ line }{ for inspect }</summary>
                            <RouteDetail {detail} />
                        </details>
                    } else {
                        <div class="log-line">{ line }{ for inspect }</div>
                    }
                </li>
            }
        })
        .collect();
    let no_match = entries.is_empty();
    entries.shrink_to_fit();
    let dropped = rt.monitor.log.dropped();
    let node_options: Vec<(String, String)> = s.node_ids().map(|(id, k)| (id.to_string(), format!("{} {}", k.as_str(), display_name(&s, &rt.sim, id)))).collect();
    drop(rt);

    let kind_buttons = LogKind::ALL.iter().map(|&k| {
        let shown = !hidden.contains(&k);
        let onclick = {
            let hidden = hidden.clone();
            Callback::from(move |_: MouseEvent| {
                let mut h = (*hidden).clone();
                if !h.remove(&k) {
                    h.insert(k);
                }
                hidden.set(h);
            })
        };
        html! {
            <button type="button" class={classes!("log-filter", k.as_str(), shown.then_some("on"))} aria-pressed={shown.to_string()} data-kind={k.as_str()} {onclick}>
                { k.as_str() }
            </button>
        }
    });
    let on_node = {
        let node = node.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                let v = sel.value();
                node.set((!v.is_empty()).then_some(v));
            }
        })
    };
    let toggle = {
        let collapsed = collapsed.clone();
        Callback::from(move |_: MouseEvent| collapsed.set(!*collapsed))
    };
    let clear = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| {
            stage.runtime.borrow_mut().monitor.log.clear();
            stage.refresh.emit(());
        })
    };
    let selected_node = (*node).clone().unwrap_or_default();
    html! {
        <section class={classes!("event-log", (*collapsed).then_some("collapsed"))} aria-label="Event log">
            <header class="log-head">
                <button type="button" class="log-toggle" aria-expanded={(!*collapsed).to_string()} onclick={toggle}>
                    <h2>{ "Event log" }</h2>
                </button>
                <span class="log-count">{ format!("{total} events") }</span>
                <label class="log-node-filter">
                    <span class="visually-hidden">{ "Show events of" }</span>
                    <select aria-label="Filter by node" onchange={on_node}>
                        <option value="" selected={selected_node.is_empty()}>{ "all nodes" }</option>
                        { for node_options.into_iter().map(|(id, label)| html! { <option value={id.clone()} selected={id == selected_node}>{ label }</option> }) }
                    </select>
                </label>
                <div class="log-filters" role="group" aria-label="Filter by kind">{ for kind_buttons }</div>
                <button type="button" class="log-clear" onclick={clear}>{ "Clear" }</button>
            </header>
            if !*collapsed {
                <ol class="log-list" aria-live="off">
                    { for entries }
                    if total == 0 { <li class="log-empty">{ "Nothing yet. Press Play, or Publish now on a producer." }</li> }
                    else if no_match { <li class="log-empty">{ "No event matches the filter." }</li> }
                </ol>
                if dropped > 0 { <p class="log-note">{ format!("{dropped} older events are no longer kept.") }</p> }
            }
        </section>
    }
}
