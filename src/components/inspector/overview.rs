//! What the inspector shows with nothing selected (the scenario, how to
//! start, the shortcuts, what the dots mean) or with several nodes.

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
    let count =
        |id: &str, n: usize| html! { <><b>{ n }</b>{ format!(" {}", text(lang, id, &[("count", Arg::from(n))])) }</> };
    let description = on(&editor, Edit::Description);
    html! {
        <div class="inspector-form overview">
            <TextField name="title" label={t(lang, "inspector-scenario-title")} value={s.title.clone()}
                placeholder={t(lang, "inspector-scenario-title-placeholder")} on_commit={title} />
            <TextField name="description" label={t(lang, "inspector-scenario-description")} value={s.description.clone()} multiline=true on_commit={description} />
            <p class="live-stats">
                <span>{ count("inspector-count-producers", s.producers.len()) }</span>
                // The default exchange is not declared: every vhost has it.
                <span title={t(lang, "inspector-exchanges-counted")}>
                    { count("inspector-count-exchanges", s.exchanges.len()) }
                </span>
                <span>{ count("inspector-count-queues", s.queues.len()) }</span>
                <span>{ count("inspector-count-consumers", s.consumers.len()) }</span>
            </p>
            { guide(lang) }
        </div>
    }
}

/// How to start, what the dots mean, and the keys.
fn guide(lang: Lang) -> Html {
    let steps = ["inspector-step-drag", "inspector-step-connect", "inspector-step-edit", "inspector-step-play"];
    let dots = [
        ("route", "inspector-dot-route"),
        ("requeue", "inspector-dot-requeue"),
        ("dead-letter", "inspector-dot-dead-letter"),
        ("ack", "inspector-dot-ack"),
        ("drop", "inspector-dot-drop"),
    ];
    // (key, what it does): message ids, except the key "." itself.
    let keys = [
        ("inspector-key-space", "inspector-key-space-does"),
        (".", "inspector-key-step-does"),
        ("inspector-key-tab", "inspector-key-tab-does"),
        ("inspector-key-arrows", "inspector-key-arrows-does"),
        ("inspector-key-delete", "inspector-key-delete-does"),
        ("inspector-key-undo", "inspector-key-undo-does"),
        ("inspector-key-several", "inspector-key-several-does"),
        ("inspector-key-zoom", "inspector-key-zoom-does"),
        ("inspector-key-escape", "inspector-key-escape-does"),
    ];
    let key_name = |k: &str| if k == "." { k.to_string() } else { t(lang, k) };
    html! {
        <>
            <section class="inspector-section">
                <h3>{ t(lang, "inspector-getting-started") }</h3>
                <ol class="steps">{ for steps.iter().map(|id| html! { <li>{ t(lang, id) }</li> }) }</ol>
            </section>
            <section class="inspector-section">
                <h3>{ t(lang, "inspector-dots") }</h3>
                <ul class="legend">
                    { for dots.iter().map(|(class, id)| html! {
                        <li><span class={classes!("legend-dot", *class)}></span>{ t(lang, id) }</li>
                    }) }
                </ul>
            </section>
            <section class="inspector-section">
                <h3>{ t(lang, "inspector-keys") }</h3>
                <dl class="shortcuts">
                    { for keys.iter().map(|(key, does)| html! {
                        <><dt>{ key_name(key) }</dt><dd>{ t(lang, does) }</dd></>
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
            .map(|n| if n.is_empty() { t(lang, "inspector-default-exchange-choice") } else { n.to_string() })
            .or_else(|| s.queue(id).map(|q| q.name.clone()))
            .or_else(|| s.producer(id).map(|p| p.name.clone()))
            .or_else(|| s.consumer(id).map(|c| c.name.clone()))
            .unwrap_or_else(|| id.clone());
        let label = match s.kind_of(id) {
            Some(kind) => {
                text(lang, "inspector-selected-node", &[("kind", Arg::from(kind.as_str())), ("name", Arg::from(name))])
            }
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
            <p class="field-hint">{ t(lang, "inspector-multi-hint") }</p>
            <div class="inspector-actions">
                <button type="button" class="node-action delete" onclick={delete}>{ t(lang, "inspector-delete-selected") }</button>
            </div>
        </div>
    }
}
