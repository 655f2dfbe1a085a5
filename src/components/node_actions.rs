//! The buttons over the selected node, for the things people try: publish
//! now, kill (or revive) a consumer, purge a queue, delete.

use yew::prelude::*;

use crate::editor::geometry::node_size;
use crate::editor::EditAction;
use crate::scenario::{NodeKind, DEFAULT_EXCHANGE_ID};
use crate::simulation::{Down, NodeError, Simulation};

use super::context::{use_editor, use_stage};

/// Properties of [`NodeActions`].
#[derive(Properties, PartialEq)]
pub struct NodeActionsProps {
    /// The node.
    pub id: AttrValue,
    /// Where to draw the bar: above the node (`false`) or in the
    /// inspector's flow (`true`).
    #[prop_or_default]
    pub inline: bool,
}

/// The action buttons of one node.
#[function_component(NodeActions)]
pub fn node_actions(props: &NodeActionsProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let id = props.id.to_string();
    let s = editor.scenario.clone();
    let (Some(kind), Some(at)) = (s.kind_of(&id), s.position(&id)) else { return html! {} };
    let down = stage.runtime.borrow().sim.consumer_state(&id).and_then(|c| c.down.clone());

    let act = |label: &'static str, class: &'static str, title: &'static str, f: Callback<()>| {
        let onclick = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            f.emit(());
        });
        html! { <button type="button" class={classes!("node-action", class)} {title} {onclick}>{ label }</button> }
    };
    // A button that runs `f` on the simulation, for this node.
    let on_sim = |label: &'static str, class: &'static str, title: &'static str, f: fn(&mut Simulation, &str)| {
        let (stage, id) = (stage.clone(), id.clone());
        act(label, class, title, Callback::from(move |_| stage.act(|sim| f(sim, &id))))
    };
    let mut buttons: Vec<Html> = Vec::new();
    match kind {
        NodeKind::Producer => {
            buttons.push(on_sim("Publish now", "publish", "Publish this producer's message once, now", |sim, id| {
                let _ = sim.publish_now(id);
            }))
        }
        NodeKind::Queue => buttons.push(on_sim(
            "Purge",
            "purge",
            "queue.purge: remove every ready message (unacked ones stay)",
            |sim, id| {
                let _ = sim.purge_queue(id);
            },
        )),
        NodeKind::Consumer if matches!(down, Some(Down::Killed) | Some(Down::Crashed)) => {
            buttons.push(on_sim("Revive", "revive", "Start this consumer again", |sim, id| sim.revive_consumer(id)))
        }
        NodeKind::Consumer => buttons.push(on_sim(
            "Kill",
            "kill",
            "Kill this consumer: its channel closes and its unacked messages go back to the queue, marked redelivered",
            |sim, id| sim.kill_consumer(id),
        )),
        NodeKind::Exchange => {}
    }
    // RabbitMQ refused to redeclare it with the canvas's settings (406
    // inequivalent): the way out, next to the node as well as in its callout.
    let refused = stage.runtime.borrow().sim.node_error(&id).is_some_and(NodeError::is_refused_redeclare);
    if refused {
        buttons.push(on_sim(
            "Declare anew",
            "recreate",
            "Delete it in the broker (a queue's messages are lost) and declare it with the canvas's settings",
            |sim, id| sim.recreate(id),
        ));
    }
    if id != DEFAULT_EXCHANGE_ID {
        let editor = editor.clone();
        let id = id.clone();
        buttons.push(act(
            "Delete",
            "delete",
            "Delete this node and its edges (Delete key)",
            Callback::from(move |_| editor.dispatch(EditAction::DeleteNode(id.clone()))),
        ));
    }
    if buttons.is_empty() {
        return html! {};
    }
    if props.inline {
        return html! { <div class="node-actions inline" role="toolbar" aria-label="Node actions">{ for buttons }</div> };
    }
    let (w, _) = node_size(kind);
    html! {
        <div class="node-actions" role="toolbar" aria-label="Node actions" data-for={id.clone()}
             style={format!("left: {:.1}px; top: {:.1}px; width: {w}px", at.x, at.y - 34.0)}>
            { for buttons }
        </div>
    }
}
