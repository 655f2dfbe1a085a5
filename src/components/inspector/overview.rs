//! What the inspector shows with nothing selected (the scenario, how to
//! start, the shortcuts, what the dots mean) or with several nodes.

use crate::i18n::MsgId;
use yew::prelude::*;

use crate::editor::EditAction;

use super::fields::TextField;
use super::on;
use crate::components::context::use_editor;
use crate::editor::Edit;
use crate::i18n::{t, text, Arg, Lang};

/// The scenario overview.
#[function_component(Overview)]
pub fn overview() -> Html {
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let s = editor.scenario.clone();
    let title = on(&editor, Edit::Title);
    let count = |id: MsgId, n: usize| html! { <><b>{ n }</b>{ format!(" {}", text(lang, id, &[(var!("count"), Arg::from(n))])) }</> };
    let description = on(&editor, Edit::Description);
    html! {
        <div class="inspector-form overview">
            <TextField name="title" label={t!(lang, "inspector-scenario-title")} value={s.title.clone()}
                placeholder={t!(lang, "inspector-scenario-title-placeholder")} on_commit={title} />
            <TextField name="description" label={t!(lang, "inspector-scenario-description")} value={s.description.clone()} multiline=true on_commit={description} />
            <p class="live-stats">
                <span>{ count(id!("inspector-count-producers"), s.producers.len()) }</span>
                // The default exchange is not declared: every vhost has it.
                <span title={t!(lang, "inspector-exchanges-counted")}>
                    { count(id!("inspector-count-exchanges"), s.exchanges.len()) }
                </span>
                <span>{ count(id!("inspector-count-queues"), s.queues.len()) }</span>
                <span>{ count(id!("inspector-count-consumers"), s.consumers.len()) }</span>
            </p>
            { guide(lang) }
        </div>
    }
}

/// How to start, what the dots mean, and the keys.
fn guide(lang: Lang) -> Html {
    let steps = [
        id!("inspector-step-drag"),
        id!("inspector-step-connect"),
        id!("inspector-step-edit"),
        id!("inspector-step-play"),
    ];
    let dots = [
        ("route", id!("inspector-dot-route")),
        ("requeue", id!("inspector-dot-requeue")),
        ("dead-letter", id!("inspector-dot-dead-letter")),
        ("ack", id!("inspector-dot-ack")),
        ("drop", id!("inspector-dot-drop")),
    ];
    // (key, what it does): messages; the key "." is itself.
    let keys = [
        (Some(id!("inspector-key-space")), id!("inspector-key-space-does")),
        (None, id!("inspector-key-step-does")),
        (Some(id!("inspector-key-tab")), id!("inspector-key-tab-does")),
        (Some(id!("inspector-key-arrows")), id!("inspector-key-arrows-does")),
        (Some(id!("inspector-key-delete")), id!("inspector-key-delete-does")),
        (Some(id!("inspector-key-undo")), id!("inspector-key-undo-does")),
        (Some(id!("inspector-key-several")), id!("inspector-key-several-does")),
        (Some(id!("inspector-key-zoom")), id!("inspector-key-zoom-does")),
        (Some(id!("inspector-key-escape")), id!("inspector-key-escape-does")),
    ];
    let key_name = |k: &Option<MsgId>| k.map_or_else(|| ".".to_string(), |k| t(lang, k));
    html! {
        <>
            <section class="inspector-section">
                <h3>{ t!(lang, "inspector-getting-started") }</h3>
                <ol class="steps">{ for steps.iter().map(|id| html! { <li>{ t(lang, *id) }</li> }) }</ol>
            </section>
            <section class="inspector-section">
                <h3>{ t!(lang, "inspector-dots") }</h3>
                <ul class="legend">
                    { for dots.iter().map(|(class, id)| html! {
                        <li><span class={classes!("legend-dot", *class)}></span>{ t(lang, *id) }</li>
                    }) }
                </ul>
            </section>
            <section class="inspector-section">
                <h3>{ t!(lang, "inspector-keys") }</h3>
                <dl class="shortcuts">
                    { for keys.iter().map(|(key, does)| html! {
                        <><dt>{ key_name(key) }</dt><dd>{ t(lang, *does) }</dd></>
                    }) }
                </dl>
            </section>
        </>
    }
}

/// Several nodes selected.
#[function_component(MultiSelection)]
pub fn multi_selection() -> Html {
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let s = editor.scenario.clone();
    let names = editor.selection.nodes.iter().map(|id| {
        let name = s
            .exchange_name(id)
            .map(|n| if n.is_empty() { t!(lang, "inspector-default-exchange-choice") } else { n.to_string() })
            .or_else(|| s.queue(id).map(|q| q.name.clone()))
            .or_else(|| s.producer(id).map(|p| p.name.clone()))
            .or_else(|| s.consumer(id).map(|c| c.name.clone()))
            .unwrap_or_else(|| id.clone());
        let label = match s.kind_of(id) {
            Some(kind) => text(
                lang,
                id!("inspector-selected-node"),
                &[(var!("kind"), Arg::from(kind.as_str())), (var!("name"), Arg::from(name))],
            ),
            None => name,
        };
        html! { <li key={id.clone()}>{ label }</li> }
    });
    let delete = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::DeleteSelected))
    };
    html! {
        <div class="inspector-form">
            <ul class="selection-list">{ for names }</ul>
            <p class="field-hint">{ t!(lang, "inspector-multi-hint") }</p>
            <div class="inspector-actions">
                <button type="button" class="node-action delete" onclick={delete}>{ t!(lang, "inspector-delete-selected") }</button>
            </div>
        </div>
    }
}
