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

use crate::i18n::MsgId;
use yew::prelude::*;

use crate::editor::{Edge, EditAction};
use crate::i18n::{t, text, Arg, Lang};
use crate::scenario::{NodeKind, Scenario, DEFAULT_EXCHANGE_ID};

use super::context::{use_editor, EditorHandle};
use crate::editor::edits::{BindingField, ConsumerField, Edit, ExchangeField, ProducerField, QueueField};
use fields::{Commit, FieldTarget};

pub use route_tester::RouteTester;

/// A field's commit: the value, made into an [`Edit`] by `make`, goes to
/// the reducer, which applies and checks it once (a refusal comes back to
/// the field through [`Editor::refusal`](crate::editor::Editor::refusal)).
pub(crate) fn on<V: 'static>(editor: &EditorHandle, make: impl Fn(V) -> Edit + 'static) -> Commit<V> {
    let editor = editor.clone();
    Callback::from(move |v: V| editor.dispatch(EditAction::Set(make(v))))
}

/// `make` as an edit of exchange node `id`.
pub(crate) fn exchange<V>(id: &str, make: fn(V) -> ExchangeField) -> impl Fn(V) -> Edit {
    let id = id.to_string();
    move |v| Edit::Exchange { id: id.clone(), field: make(v) }
}

/// `make` as an edit of queue node `id`.
pub(crate) fn queue<V>(id: &str, make: fn(V) -> QueueField) -> impl Fn(V) -> Edit {
    let id = id.to_string();
    move |v| Edit::Queue { id: id.clone(), field: make(v) }
}

/// `make` as an edit of producer node `id`.
pub(crate) fn producer<V>(id: &str, make: fn(V) -> ProducerField) -> impl Fn(V) -> Edit {
    let id = id.to_string();
    move |v| Edit::Producer { id: id.clone(), field: make(v) }
}

/// `make` as an edit of consumer node `id`.
pub(crate) fn consumer<V>(id: &str, make: fn(V) -> ConsumerField) -> impl Fn(V) -> Edit {
    let id = id.to_string();
    move |v| Edit::Consumer { id: id.clone(), field: make(v) }
}

/// `make` as an edit of binding `id`.
pub(crate) fn binding<V>(id: &str, make: fn(V) -> BindingField) -> impl Fn(V) -> Edit {
    let id = id.to_string();
    move |v| Edit::Binding { id: id.clone(), field: make(v) }
}

/// The "Other arguments" field of a queue or exchange: every argument
/// without a field of its own (`x-queue-mode=lazy, x-custom=1`), sent in
/// its declare as it is. Arguments that text cannot hold (arrays, tables,
/// from an imported file) are shown but not editable here.
pub(crate) fn other_arguments(
    arguments: &serde_json::Map<String, serde_json::Value>,
    on_commit: Commit<String>,
    lang: Lang,
) -> Html {
    let editable = crate::editor::table_text::is_editable_as_text(arguments);
    let value = if editable {
        crate::editor::table_text::format_table(arguments, &[])
    } else {
        serde_json::Value::Object(arguments.clone()).to_string()
    };
    let hint = t(lang, if editable { id!("inspector-arguments-hint") } else { id!("inspector-arguments-locked") });
    html! {
        <fields::TextField name="arguments" label={t!(lang, "inspector-arguments")} {value}
            placeholder={t!(lang, "inspector-arguments-placeholder")} {hint} disabled={!editable} {on_commit} />
    }
}

/// The exchanges as choices (id, label), the default exchange first;
/// `none` adds a first choice with an empty value (that message's text).
pub(crate) fn exchange_options(s: &Scenario, none: Option<MsgId>, lang: Lang) -> Vec<(AttrValue, AttrValue)> {
    let mut v: Vec<(AttrValue, AttrValue)> = Vec::new();
    if let Some(label) = none {
        v.push(("".into(), AttrValue::from(t(lang, label))));
    }
    v.push((DEFAULT_EXCHANGE_ID.into(), t!(lang, "inspector-default-exchange-choice").into()));
    v.extend(
        s.exchanges
            .iter()
            .map(|x| (AttrValue::from(x.id.clone()), AttrValue::from(format!("{} ({})", x.name, x.kind.as_str())))),
    );
    v
}

/// The queues as choices (id, label), after an optional first choice
/// with an empty value (that message's text).
pub(crate) fn queue_options(s: &Scenario, none: Option<MsgId>, lang: Lang) -> Vec<(AttrValue, AttrValue)> {
    let mut v: Vec<(AttrValue, AttrValue)> = Vec::new();
    if let Some(label) = none {
        v.push(("".into(), AttrValue::from(t(lang, label))));
    }
    v.extend(s.queues.iter().map(|q| {
        let label = if q.name.is_empty() {
            text(lang, id!("inspector-server-named-choice"), &[(var!("id"), Arg::from(&q.id))])
        } else {
            q.name.clone()
        };
        (AttrValue::from(q.id.clone()), AttrValue::from(label))
    }));
    v
}

/// The inspector panel.
#[function_component(Inspector)]
pub fn inspector() -> Html {
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let s = editor.scenario.clone();
    let sel = &editor.selection;
    let close = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::ClearSelection))
    };
    let (title, body) = if let Some(edge) = &sel.edge {
        match edge {
            Edge::Binding(id) => (
                t!(lang, "inspector-title-binding"),
                html! { <binding::BindingForm key={format!("b-{id}")} id={AttrValue::from(id.clone())} /> },
            ),
            Edge::Publish(p) => (
                t!(lang, "inspector-publishes-to"),
                html! { <producer::ProducerForm key={format!("p-{p}")} id={AttrValue::from(p.clone())} /> },
            ),
            Edge::Consume(c) => (
                t!(lang, "inspector-consumes-from"),
                html! { <consumer::ConsumerForm key={format!("c-{c}")} id={AttrValue::from(c.clone())} /> },
            ),
        }
    } else if let Some(id) = sel.single_node() {
        let aid = AttrValue::from(id.to_string());
        match s.kind_of(id) {
            Some(NodeKind::Exchange) => (
                t!(lang, "inspector-title-exchange"),
                html! { <exchange::ExchangeForm key={id.to_string()} id={aid} /> },
            ),
            Some(NodeKind::Queue) => {
                (t!(lang, "inspector-title-queue"), html! { <queue::QueueForm key={id.to_string()} id={aid} /> })
            }
            Some(NodeKind::Producer) => (
                t!(lang, "inspector-title-producer"),
                html! { <producer::ProducerForm key={id.to_string()} id={aid} /> },
            ),
            Some(NodeKind::Consumer) => (
                t!(lang, "inspector-title-consumer"),
                html! { <consumer::ConsumerForm key={id.to_string()} id={aid} /> },
            ),
            None => (t!(lang, "inspector-title-scenario"), html! { <overview::Overview /> }),
        }
    } else if sel.nodes.len() > 1 {
        let title = text(lang, id!("inspector-title-selected"), &[(var!("count"), Arg::from(sel.nodes.len()))]);
        (title, html! { <overview::MultiSelection /> })
    } else {
        (t!(lang, "inspector-title-scenario"), html! { <overview::Overview /> })
    };
    let open = !sel.is_empty();
    // A new selection starts the panel at its top.
    let body_key =
        sel.edge.as_ref().map(|e| e.key()).unwrap_or_else(|| sel.nodes.iter().cloned().collect::<Vec<_>>().join(","));
    let target = FieldTarget(AttrValue::from(edited_id(sel).unwrap_or_default()));
    html! {
        <aside class={classes!("inspector", open.then_some("open"))} aria-label={t!(lang, "inspector-panel-label")}>
            <header class="inspector-head">
                <h2 class="inspector-title">{ title }</h2>
                if open {
                    <button type="button" class="inspector-close" aria-label={t!(lang, "inspector-close-label")}
                        title={t!(lang, "inspector-close-title")} onclick={close}>{ "×" }</button>
                }
            </header>
            <ContextProvider<FieldTarget> context={target}>
                <div class="inspector-body" key={body_key}>{ body }</div>
            </ContextProvider<FieldTarget>>
        </aside>
    }
}

/// The id of what the inspector's fields edit: the selected node, the
/// producer of a publish edge, the consumer of a consume edge, a binding.
fn edited_id(sel: &crate::editor::Selection) -> Option<String> {
    match &sel.edge {
        Some(Edge::Binding(id) | Edge::Publish(id) | Edge::Consume(id)) => Some(id.clone()),
        None => sel.single_node().map(str::to_string),
    }
}
