//! The inspector: every property of the selected node or edge, edited in
//! place (see [`fields`]), with its live state and actions. With nothing
//! selected it shows the scenario and the shortcuts; with several nodes,
//! what is selected.

mod binding;
mod consumer;
mod exchange;
pub mod fields;
mod overview;
mod producer;
mod queue;
mod route_tester;

use yew::prelude::*;

use crate::editor::{Edge, EditAction};
use crate::scenario::{ConsumerNode, ExchangeNode, NodeKind, ProducerNode, QueueNode, Scenario, DEFAULT_EXCHANGE_ID};

use super::commit::apply;
use super::context::{use_editor, EditorHandle};
use fields::Commit;

pub use route_tester::RouteTester;

/// A callback that edits one node of the scenario (found by `find`) with
/// `f` and commits the result.
pub(crate) fn node_cb<T: 'static, V: Clone + 'static>(
    editor: &EditorHandle,
    id: &str,
    find: for<'a> fn(&'a mut Scenario, &str) -> Option<&'a mut T>,
    f: impl Fn(&mut T, V) -> Result<(), String> + 'static,
) -> Commit<V> {
    // The edit is boxed at once, so the callback's code is made once per
    // node and value type rather than once per field (about 80 fields: a
    // measurable part of the page's wasm).
    node_cb_dyn(editor, id, find, std::rc::Rc::new(f))
}

/// An edit of one node (or binding) of type `T` with a value `V`, boxed.
pub(crate) type NodeEdit<T, V> = std::rc::Rc<dyn Fn(&mut T, V) -> Result<(), String>>;

fn node_cb_dyn<T: 'static, V: Clone + 'static>(
    editor: &EditorHandle,
    id: &str,
    find: for<'a> fn(&'a mut Scenario, &str) -> Option<&'a mut T>,
    f: NodeEdit<T, V>,
) -> Commit<V> {
    let editor = editor.clone();
    let id = id.to_string();
    Callback::from(move |v: V| {
        let (id, f) = (id.clone(), f.clone());
        apply(&editor, move |s| {
            let node = find(s, &id).ok_or_else(|| "this node no longer exists".to_string())?;
            f(node, v.clone())
        })
    })
}

/// The "Other arguments" field of a queue or exchange: every argument
/// without a field of its own (`x-queue-mode=lazy, x-custom=1`), sent in
/// its declare as it is. Arguments that text cannot hold (arrays, tables,
/// from an imported file) are shown but not editable here.
pub(crate) fn other_arguments(
    arguments: &serde_json::Map<String, serde_json::Value>,
    on_commit: Commit<String>,
) -> Html {
    let editable = crate::editor::table_text::is_editable_as_text(arguments);
    let value = if editable {
        crate::editor::table_text::format_table(arguments, &[])
    } else {
        serde_json::Value::Object(arguments.clone()).to_string()
    };
    let hint = if editable {
        "name=value pairs, sent with the declare as they are; 42 is a number, \"42\" a string"
    } else {
        "holds a list or a table, which only a scenario file can edit"
    };
    html! {
        <fields::TextField name="arguments" label="Other arguments" {value} placeholder="none, e.g. x-queue-mode=lazy"
            hint={AttrValue::from(hint)} disabled={!editable} {on_commit} />
    }
}

pub(crate) fn find_exchange<'a>(s: &'a mut Scenario, id: &str) -> Option<&'a mut ExchangeNode> {
    s.exchanges.iter_mut().find(|n| n.id == id)
}
pub(crate) fn find_queue<'a>(s: &'a mut Scenario, id: &str) -> Option<&'a mut QueueNode> {
    s.queues.iter_mut().find(|n| n.id == id)
}
pub(crate) fn find_producer<'a>(s: &'a mut Scenario, id: &str) -> Option<&'a mut ProducerNode> {
    s.producers.iter_mut().find(|n| n.id == id)
}
pub(crate) fn find_consumer<'a>(s: &'a mut Scenario, id: &str) -> Option<&'a mut ConsumerNode> {
    s.consumers.iter_mut().find(|n| n.id == id)
}

/// The exchanges as choices (id, label), the default exchange first;
/// `none` adds a "none" choice with an empty value.
pub(crate) fn exchange_options(s: &Scenario, none: Option<&str>) -> Vec<(AttrValue, AttrValue)> {
    let mut v: Vec<(AttrValue, AttrValue)> = Vec::new();
    if let Some(label) = none {
        v.push(("".into(), AttrValue::from(label.to_string())));
    }
    v.push((DEFAULT_EXCHANGE_ID.into(), "(default exchange)".into()));
    v.extend(
        s.exchanges
            .iter()
            .map(|x| (AttrValue::from(x.id.clone()), AttrValue::from(format!("{} ({})", x.name, x.kind.as_str())))),
    );
    v
}

/// The queues as choices (id, label), after an optional "none".
pub(crate) fn queue_options(s: &Scenario, none: Option<&str>) -> Vec<(AttrValue, AttrValue)> {
    let mut v: Vec<(AttrValue, AttrValue)> = Vec::new();
    if let Some(label) = none {
        v.push(("".into(), AttrValue::from(label.to_string())));
    }
    v.extend(s.queues.iter().map(|q| {
        (
            AttrValue::from(q.id.clone()),
            AttrValue::from(if q.name.is_empty() { format!("(server-named {})", q.id) } else { q.name.clone() }),
        )
    }));
    v
}

/// Empty text is `None`.
pub(crate) fn non_empty(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

/// The inspector panel.
#[function_component(Inspector)]
pub fn inspector() -> Html {
    let editor = use_editor();
    let s = editor.scenario.clone();
    let sel = &editor.selection;
    let close = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::ClearSelection))
    };
    let (title, body) = if let Some(edge) = &sel.edge {
        match edge {
            Edge::Binding(i) => {
                ("Binding".to_string(), html! { <binding::BindingForm key={format!("b{i}")} index={*i} /> })
            }
            Edge::Publish(p) => (
                "Publishes to".to_string(),
                html! { <producer::ProducerForm key={format!("p-{p}")} id={AttrValue::from(p.clone())} /> },
            ),
            Edge::Consume(c) => (
                "Consumes from".to_string(),
                html! { <consumer::ConsumerForm key={format!("c-{c}")} id={AttrValue::from(c.clone())} /> },
            ),
        }
    } else if let Some(id) = sel.single_node() {
        let aid = AttrValue::from(id.to_string());
        match s.kind_of(id) {
            Some(NodeKind::Exchange) => {
                ("Exchange".into(), html! { <exchange::ExchangeForm key={id.to_string()} id={aid} /> })
            }
            Some(NodeKind::Queue) => ("Queue".into(), html! { <queue::QueueForm key={id.to_string()} id={aid} /> }),
            Some(NodeKind::Producer) => {
                ("Producer".into(), html! { <producer::ProducerForm key={id.to_string()} id={aid} /> })
            }
            Some(NodeKind::Consumer) => {
                ("Consumer".into(), html! { <consumer::ConsumerForm key={id.to_string()} id={aid} /> })
            }
            None => ("Scenario".into(), html! { <overview::Overview /> }),
        }
    } else if sel.nodes.len() > 1 {
        (format!("{} nodes selected", sel.nodes.len()), html! { <overview::MultiSelection /> })
    } else {
        ("Scenario".into(), html! { <overview::Overview /> })
    };
    let open = !sel.is_empty();
    // A new selection starts the panel at its top.
    let body_key =
        sel.edge.as_ref().map(|e| e.key()).unwrap_or_else(|| sel.nodes.iter().cloned().collect::<Vec<_>>().join(","));
    html! {
        <aside class={classes!("inspector", open.then_some("open"))} aria-label="Inspector">
            <header class="inspector-head">
                <h2 class="inspector-title">{ title }</h2>
                if open {
                    <button type="button" class="inspector-close" aria-label="Close the inspector" title="Clear the selection (Escape)" onclick={close}>{ "×" }</button>
                }
            </header>
            <div class="inspector-body" key={body_key}>{ body }</div>
        </aside>
    }
}
