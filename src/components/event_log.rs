//! The event log: what happened, newest first, filterable by node and by
//! kind. Routing decisions, returns, drops and errors open to show why;
//! a line about a message opens the message inspector.
//!
//! The lines are rebuilt at every render while the clock runs (a busy
//! topology replaces all of them several times a second), so a line is kept
//! cheap: one click listener on the list serves every line's "inspect"
//! button and summary (`data-seq` says which line), and a routing decision's
//! detail is built only once its line has been opened.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use gloo::timers::callback::Timeout;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use crate::monitor::log::LogKind;
use crate::monitor::runtime::Runtime;

use super::context::{use_editor, use_open_message, use_stage, wall_now};
use super::node::display_name;
use super::route_detail::RouteDetail;
use super::run_loop::format_clock;

/// Most lines shown at once (the newest that pass the filter).
pub const SHOWN: usize = 200;

/// The kinds hidden until asked for.
pub fn hidden_by_default() -> BTreeSet<LogKind> {
    BTreeSet::from([LogKind::Topology, LogKind::Enqueue])
}

/// While the clock runs and lines arrive faster than this many per render,
/// the lines are rebuilt at most every [`FLOOD_MS`] (the rest of the page
/// still renders every 100 ms): a flood replaces every line on show at each
/// render, which nobody can read and which costs a long frame.
pub const FLOOD_LINES: u64 = 40;

/// The least time between two rebuilds of the lines during a flood (ms).
pub const FLOOD_MS: f64 = 400.0;

/// The properties of [`LogLines`].
#[derive(Properties)]
struct LinesProps {
    runtime: Rc<RefCell<Runtime>>,
    /// The newest line and the number of lines when last rebuilt: the lines
    /// are rebuilt only when this (or a filter) changes.
    version: (u64, usize),
    hidden: BTreeSet<LogKind>,
    node: Option<String>,
    /// Lines whose detail was opened (by sequence number), and how many.
    opened: Rc<RefCell<HashSet<u64>>>,
    opened_count: usize,
}

impl PartialEq for LinesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.runtime, &other.runtime)
            && Rc::ptr_eq(&self.opened, &other.opened)
            && self.version == other.version
            && self.hidden == other.hidden
            && self.node == other.node
            && self.opened_count == other.opened_count
    }
}

/// The lines, newest first (the `<li>`s of the log's list).
#[function_component(LogLines)]
fn log_lines(props: &LinesProps) -> Html {
    let rt = props.runtime.borrow();
    let opened = props.opened.borrow();
    let total = rt.monitor.log.len();
    let mut entries: Vec<Html> = rt
        .monitor
        .log
        .entries()
        .rev()
        .filter(|e| !props.hidden.contains(&e.kind))
        .filter(|e| props.node.as_deref().map_or(true, |n| e.concerns(n)))
        .take(SHOWN)
        .map(|e| {
            let inspect = e.message.is_some().then(|| {
                html! { <button type="button" class="log-inspect" title="Inspect this message">{ "inspect" }</button> }
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
                <li key={e.seq} class={classes!("log-entry", e.kind.as_str())} data-kind={e.kind.as_str()} data-seq={e.seq.to_string()}>
                    if let Some(detail) = e.detail.as_ref() {
                        <details>
                            <summary>{ line }{ for inspect }</summary>
                            if opened.contains(&e.seq) {
                                <RouteDetail detail={detail.clone()} />
                            }
                        </details>
                    } else {
                        <div class="log-line">{ line }{ for inspect }</div>
                    }
                </li>
            }
        })
        .collect();
    // Every child keyed (so new lines are inserted, not patched over old ones).
    if total == 0 {
        entries.push(html! { <li key="empty" class="log-empty">{ "Nothing yet. Press Play, or Publish now on a producer." }</li> });
    } else if entries.is_empty() {
        entries.push(html! { <li key="no-match" class="log-empty">{ "No event matches the filter." }</li> });
    }
    html! { for entries }
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
    // Lines whose detail was opened (by sequence number): only those build it.
    let opened = use_mut_ref(HashSet::<u64>::new);
    let rerender = use_force_update();
    // The lines' version on show, and when it was taken (see FLOOD_LINES);
    // a timer catches up when a flood stops between two renders.
    let held = use_mut_ref(|| (0u64, 0usize, f64::NEG_INFINITY));
    let catch_up = use_mut_ref(|| None::<Timeout>);
    let armed = use_mut_ref(|| false);

    let s = editor.scenario.clone();
    let rt = stage.runtime.borrow();
    let total = rt.monitor.log.len();
    let newest = rt.monitor.log.entries().next_back().map_or(0, |e| e.seq);
    let version = {
        let mut h = held.borrow_mut();
        let now = wall_now();
        let arrived = newest.saturating_sub(h.0);
        if !rt.playing || arrived <= FLOOD_LINES || now - h.2 >= FLOOD_MS || newest < h.0 || total < h.1 {
            *h = (newest, total, now);
        } else if !*armed.borrow() {
            *armed.borrow_mut() = true;
            let armed = armed.clone();
            let rerender = rerender.clone();
            let wait = (FLOOD_MS - (now - h.2)).max(0.0).ceil() as u32;
            *catch_up.borrow_mut() = Some(Timeout::new(wait, move || {
                *armed.borrow_mut() = false;
                rerender.force_update();
            }));
        }
        (h.0, h.1)
    };
    let dropped = rt.monitor.log.dropped();
    let node_options: Vec<(String, String)> = s.node_ids().map(|(id, k)| (id.to_string(), format!("{} {}", k.as_str(), display_name(&s, &rt.sim, id)))).collect();
    drop(rt);
    let opened_count = opened.borrow().len();

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
    // One listener for every line: "inspect" opens the message (and does not
    // toggle the line); a summary marks its line opened so its detail is built.
    let on_list_click = {
        let stage = stage.clone();
        let opened = opened.clone();
        Callback::from(move |ev: MouseEvent| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let within = |selector: &str| target.closest(selector).ok().flatten();
            let Some(seq) = within("[data-seq]").and_then(|li| li.get_attribute("data-seq")).and_then(|s| s.parse::<u64>().ok()) else {
                return;
            };
            if within(".log-inspect").is_some() {
                ev.prevent_default();
                ev.stop_propagation();
                let message = stage.runtime.borrow().monitor.log.get(seq).and_then(|e| e.message.clone());
                if let Some(m) = message {
                    open.emit(m);
                }
            } else if within("summary").is_some() && opened.borrow_mut().insert(seq) {
                rerender.force_update();
            }
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
                <ol class="log-list" aria-live="off" onclick={on_list_click}>
                    <LogLines runtime={stage.runtime.clone()} {version} hidden={(*hidden).clone()} node={(*node).clone()}
                              opened={opened.clone()} {opened_count} />
                </ol>
                if dropped > 0 { <p class="log-note">{ format!("{dropped} older events are no longer kept.") }</p> }
            }
        </section>
    }
}
