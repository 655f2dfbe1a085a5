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

use crate::components::use_lang;
use crate::i18n::Lang;
use crate::monitor::log::LogKind;
use crate::monitor::runtime::Runtime;
use crate::view::log_filter::{empty_filter_note, kind_label};

use crate::components::context::{use_editor, use_open_message, use_stage, wall_now};
use crate::components::log::route_detail::RouteDetail;
use crate::components::run_loop::format_clock;
use crate::view::log_flood::{hidden_by_default, Held, SHOWN};

/// The properties of [`LogLines`].
#[derive(Properties)]
struct LinesProps {
    runtime: Rc<RefCell<Runtime>>,
    /// The newest line and the number of lines when last rebuilt: the lines
    /// are rebuilt only when this (or a filter) changes.
    version: (u64, usize),
    /// Most lines shown ([`SHOWN`], or `FLOOD_SHOWN` during a flood).
    limit: usize,
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
            && self.limit == other.limit
            && self.hidden == other.hidden
            && self.node == other.node
            && self.opened_count == other.opened_count
    }
}

/// The lines, newest first (the `<li>`s of the log's list).
#[function_component(LogLines)]
fn log_lines(props: &LinesProps) -> Html {
    let lang = use_lang();
    let rt = props.runtime.borrow();
    let opened = props.opened.borrow();
    let total = rt.monitor.log.len();
    let mut entries: Vec<Html> = rt
        .monitor
        .log
        .entries()
        .rev()
        .filter(|e| !props.hidden.contains(&e.kind))
        .filter(|e| props.node.as_deref().is_none_or(|n| e.concerns(n)))
        .take(props.limit)
        .map(|e| {
            let inspect = e.message.is_some().then(|| {
                html! { <button type="button" class="log-inspect" title={t!(lang, "log-inspect.title")}>{ t!(lang, "log-inspect") }</button> }
            });
            let line = html! {
                <>
                    <span class="log-time">{ format_clock(e.at) }</span>
                    <span class={classes!("log-kind", e.kind.as_str())}>{ kind_label(e.kind, lang) }</span>
                    <span class="log-text">{ e.text.render(lang) }</span>
                    if e.redelivered { <span class="log-flag">{ t!(lang, "log-flag-redelivered") }</span> }
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
        entries.push(html! { <li key="empty" class="log-empty">{ t!(lang, "log-empty") }</li> });
    } else if entries.is_empty() {
        let label = props.node.as_deref().map(|id| node_label(&rt.sim, id, lang));
        let node = props.node.as_deref().zip(label.as_deref());
        let note = empty_filter_note(rt.monitor.log.entries(), &props.hidden, node, lang);
        entries.push(html! { <li key="no-match" class="log-empty">{ note }</li> });
    }
    html! { for entries }
}

/// The properties of [`NodeFilter`].
#[derive(Properties, PartialEq)]
struct NodeFilterProps {
    /// (node id, label) of every node.
    options: Vec<(String, String)>,
    /// The node whose events are shown (empty: all).
    selected: String,
    onchange: Callback<Event>,
}

/// The node filter (its own component: the log renders at every refresh,
/// the options change only with the scenario).
#[function_component(NodeFilter)]
fn node_filter(props: &NodeFilterProps) -> Html {
    let lang = use_lang();
    let selected = &props.selected;
    html! {
        <label class="log-node-filter">
            <span class="visually-hidden">{ t!(lang, "log-node-filter") }</span>
            <select aria-label={t!(lang, "log-node-filter.aria-label")} onchange={props.onchange.clone()}>
                <option value="" selected={selected.is_empty()}>{ t!(lang, "log-all-nodes") }</option>
                { for props.options.iter().map(|(id, label)| html! { <option value={id.clone()} selected={id == selected}>{ label.clone() }</option> }) }
            </select>
        </label>
    }
}

/// The properties of [`KindFilters`].
#[derive(Properties, PartialEq)]
struct KindFiltersProps {
    hidden: BTreeSet<LogKind>,
    on_toggle: Callback<LogKind>,
}

/// The buttons that show or hide a kind of line.
#[function_component(KindFilters)]
fn kind_filters(props: &KindFiltersProps) -> Html {
    let lang = use_lang();
    let buttons = LogKind::ALL.iter().map(|&k| {
        let shown = !props.hidden.contains(&k);
        let onclick = props.on_toggle.reform(move |_: MouseEvent| k);
        html! {
            <button type="button" class={classes!("log-filter", k.as_str(), shown.then_some("on"))} aria-pressed={shown.to_string()} data-kind={k.as_str()} {onclick}>
                { kind_label(k, lang) }
            </button>
        }
    });
    html! { <div class="log-filters" role="group" aria-label={t!(lang, "log-kind-filter.aria-label")}>{ for buttons }</div> }
}

/// A node as the node filter names it: `queue task_queue`.
fn node_label(sim: &crate::simulation::Simulation, id: &str, lang: Lang) -> String {
    let s = sim.scenario();
    let kind = s.kind_of(id).map_or("node", |k| k.as_str());
    msg!("log-node-label", kind = kind, name = crate::components::canvas::node::display_name_in(s, sim, id, lang))
        .render(lang)
}

/// The event log panel.
#[function_component(EventLog)]
pub fn event_log() -> Html {
    let lang = use_lang();
    let stage = use_stage();
    let editor = use_editor();
    let hidden = use_state(hidden_by_default);
    let node = use_state(|| None::<String>);
    let collapsed = use_state(|| false);
    // Lines whose detail was opened (by sequence number): only those build it.
    let opened = use_mut_ref(HashSet::<u64>::new);
    let rerender = use_force_update();
    let controls = use_log_controls(&hidden, &node, &collapsed);
    let on_list_click = use_list_click(&opened, rerender.clone());
    // The lines' version on show, when it was taken and how many lines it
    // shows (see FLOOD_LINES); a timer catches up when a flood stops
    // between two renders.
    let held = use_mut_ref(Held::default);
    let catch_up = use_mut_ref(|| None::<Timeout>);
    let armed = use_mut_ref(|| false);

    let s = editor.scenario.clone();
    let rt = stage.runtime.borrow();
    let total = rt.monitor.log.len();
    let newest = rt.monitor.log.entries().next_back().map_or(0, |e| e.seq);
    let (version, limit) = {
        let mut h = held.borrow_mut();
        let now = wall_now();
        let rebuilt = h.render(now, newest, total, rt.playing);
        // Rebuild later: the flood's next lines, or all of them once it stops.
        if let Some(wait) = h.catch_up(rebuilt, now).filter(|_| !*armed.borrow()) {
            *armed.borrow_mut() = true;
            let (armed, rerender) = (armed.clone(), rerender.clone());
            *catch_up.borrow_mut() = Some(Timeout::new(wait, move || {
                *armed.borrow_mut() = false;
                rerender.force_update();
            }));
        }
        ((h.newest, h.total), h.limit)
    };
    let dropped = rt.monitor.log.dropped();
    let node_options: Vec<(String, String)> =
        s.node_ids().map(|(id, _)| (id.to_string(), node_label(&rt.sim, id, lang))).collect();
    drop(rt);
    let opened_count = opened.borrow().len();

    let selected_node = (*node).clone().unwrap_or_default();
    html! {
        <section class={classes!("event-log", (*collapsed).then_some("collapsed"))} aria-label={t!(lang, "log-title")}>
            <header class="log-head">
                <button type="button" class="log-toggle" aria-expanded={(!*collapsed).to_string()} onclick={controls.toggle}>
                    <h2>{ t!(lang, "log-title") }</h2>
                </button>
                // The count and the lines change at every refresh: each sits
                // in a box of its own size that lays out its inside alone
                // (see style.css), so the page around is not laid out again.
                <span class="log-count"><span class="log-count-text">{ msg!("log-count", count = total).render(lang) }</span></span>
                <NodeFilter options={node_options} selected={selected_node} onchange={controls.on_node} />
                <KindFilters hidden={(*hidden).clone()} on_toggle={controls.on_kind} />
                <button type="button" class="log-clear" onclick={controls.clear}>{ t!(lang, "log-clear") }</button>
            </header>
            if !*collapsed {
                <div class="log-body"><div class="log-scroll">
                    <ol class="log-list" aria-live="off" onclick={on_list_click}>
                        <LogLines runtime={stage.runtime.clone()} {version} {limit} hidden={(*hidden).clone()} node={(*node).clone()}
                                  opened={opened.clone()} {opened_count} />
                    </ol>
                    { flood_note(limit, dropped, lang) }
                </div></div>
            }
        </section>
    }
}

/// The log's filter, collapse and clear controls.
struct LogControls {
    on_kind: Callback<LogKind>,
    on_node: Callback<Event>,
    toggle: Callback<MouseEvent>,
    clear: Callback<MouseEvent>,
}

/// The callbacks of the log's controls.
#[hook]
fn use_log_controls(
    hidden: &UseStateHandle<BTreeSet<LogKind>>,
    node: &UseStateHandle<Option<String>>,
    collapsed: &UseStateHandle<bool>,
) -> LogControls {
    let stage = use_stage();
    let on_kind = {
        let hidden = hidden.clone();
        use_callback((*hidden).clone(), move |k: LogKind, shown: &BTreeSet<LogKind>| {
            let mut h = shown.clone();
            if !h.remove(&k) {
                h.insert(k);
            }
            hidden.set(h);
        })
    };
    let on_node = {
        let node = node.setter();
        use_callback((), move |e: Event, _| {
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
    LogControls { on_kind, on_node, toggle, clear }
}

/// One listener for every line: "inspect" opens the message (and does not
/// toggle the line); a summary marks its line opened so its detail is built.
#[hook]
fn use_list_click(opened: &Rc<RefCell<HashSet<u64>>>, rerender: UseForceUpdateHandle) -> Callback<MouseEvent> {
    let stage = use_stage();
    let open = use_open_message();
    let opened = opened.clone();
    Callback::from(move |ev: MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let within = |selector: &str| target.closest(selector).ok().flatten();
        let Some(seq) =
            within("[data-seq]").and_then(|li| li.get_attribute("data-seq")).and_then(|s| s.parse::<u64>().ok())
        else {
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
}

/// The note under the lines during a flood, or when old lines were dropped
/// (one line at most: in a narrow window the log is short).
fn flood_note(limit: usize, dropped: u64, lang: Lang) -> Html {
    if limit < SHOWN {
        let mut note = msg!("log-flood", limit = limit);
        if dropped > 0 {
            note = note.with(var!("older"), msg!("log-flood-older", dropped = dropped));
        }
        html! { <p class="log-note log-flood">{ note.render(lang) }</p> }
    } else if dropped > 0 {
        html! { <p class="log-note">{ msg!("log-dropped", dropped = dropped).render(lang) }</p> }
    } else {
        html! {}
    }
}
