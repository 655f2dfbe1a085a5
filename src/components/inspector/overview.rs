//! What the inspector shows with nothing selected (the scenario, how to
//! start, the shortcuts, what the dots mean) or with several nodes.

use yew::prelude::*;

use crate::editor::EditAction;

use super::fields::TextField;
use super::on;
use crate::components::context::use_editor;
use crate::editor::Edit;

/// The scenario overview.
#[function_component(Overview)]
pub fn overview() -> Html {
    let editor = use_editor();
    let s = editor.scenario.clone();
    let title = on(&editor, Edit::Title);
    let description = on(&editor, Edit::Description);
    html! {
        <div class="inspector-form overview">
            <TextField name="title" label="Title" value={s.title.clone()} placeholder="Untitled scenario" on_commit={title} />
            <TextField name="description" label="Description" value={s.description.clone()} multiline=true on_commit={description} />
            <p class="live-stats">
                <span><b>{ s.producers.len() }</b>{ noun(s.producers.len(), " producer", " producers") }</span>
                // The default exchange is not declared: every vhost has it.
                <span title="declared by the scenario; the default exchange, which every virtual host has, is not counted">
                    <b>{ s.exchanges.len() }</b>{ noun(s.exchanges.len(), " exchange", " exchanges") }
                </span>
                <span><b>{ s.queues.len() }</b>{ noun(s.queues.len(), " queue", " queues") }</span>
                <span><b>{ s.consumers.len() }</b>{ noun(s.consumers.len(), " consumer", " consumers") }</span>
            </p>
            <section class="inspector-section">
                <h3>{ "Getting started" }</h3>
                <ol class="steps">
                    <li>{ "Drag a producer, an exchange, a queue and a consumer onto the canvas." }</li>
                    <li>{ "Drag from a node's ● port to the next node: producer → exchange → queue → consumer." }</li>
                    <li>{ "Click a node or an edge to edit it here; click a binding to set its key." }</li>
                    <li>{ "Press Play and watch the messages; open a line of the log to see why." }</li>
                </ol>
            </section>
            <section class="inspector-section">
                <h3>{ "The dots" }</h3>
                <ul class="legend">
                    <li><span class="legend-dot route"></span>{ "a message on its way" }</li>
                    <li><span class="legend-dot requeue"></span>{ "going back to its queue" }</li>
                    <li><span class="legend-dot dead-letter"></span>{ "dead-lettered or via an alternate exchange" }</li>
                    <li><span class="legend-dot ack"></span>{ "acked" }</li>
                    <li><span class="legend-dot drop"></span>{ "dropped, expired or returned" }</li>
                </ul>
            </section>
            <section class="inspector-section">
                <h3>{ "Keys" }</h3>
                <dl class="shortcuts">
                    <dt>{ "Space" }</dt><dd>{ "play / pause" }</dd>
                    <dt>{ "." }</dt><dd>{ "step to the next event" }</dd>
                    <dt>{ "Tab, Enter" }</dt><dd>{ "go through the nodes, edit one" }</dd>
                    <dt>{ "arrows" }</dt><dd>{ "move the selection (Shift: further)" }</dd>
                    <dt>{ "Delete" }</dt><dd>{ "delete the selection" }</dd>
                    <dt>{ "Ctrl+Z, Ctrl+Shift+Z" }</dt><dd>{ "undo, redo" }</dd>
                    <dt>{ "Shift+click, Shift+drag" }</dt><dd>{ "select several" }</dd>
                    <dt>{ "wheel, + − 0" }</dt><dd>{ "zoom" }</dd>
                    <dt>{ "Escape" }</dt><dd>{ "clear the selection" }</dd>
                </dl>
            </section>
        </div>
    }
}

/// Several nodes selected.
#[function_component(MultiSelection)]
pub fn multi_selection() -> Html {
    let editor = use_editor();
    let s = editor.scenario.clone();
    let names = editor.selection.nodes.iter().map(|id| {
        let name = s
            .exchange_name(id)
            .map(|n| if n.is_empty() { "(default exchange)".to_string() } else { n.to_string() })
            .or_else(|| s.queue(id).map(|q| q.name.clone()))
            .or_else(|| s.producer(id).map(|p| p.name.clone()))
            .or_else(|| s.consumer(id).map(|c| c.name.clone()))
            .unwrap_or_else(|| id.clone());
        html! { <li key={id.clone()}>{ format!("{} {name}", s.kind_of(id).map(|k| k.as_str()).unwrap_or("")) }</li> }
    });
    let delete = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::DeleteSelected))
    };
    html! {
        <div class="inspector-form">
            <ul class="selection-list">{ for names }</ul>
            <p class="field-hint">{ "Drag any of them to move them together; arrows move them too." }</p>
            <div class="inspector-actions">
                <button type="button" class="node-action delete" onclick={delete}>{ "Delete selected" }</button>
            </div>
        </div>
    }
}

/// `one` for a count of 1, `many` otherwise.
fn noun(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
