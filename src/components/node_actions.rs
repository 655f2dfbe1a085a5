//! The buttons over the selected node, for the things people try: publish
//! now, kill (or revive) a consumer, purge a queue, delete.

use yew::prelude::*;

use crate::editor::geometry::node_size;
use crate::editor::EditAction;
use crate::scenario::{NodeKind, DEFAULT_EXCHANGE_ID};
use crate::simulation::Down;

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
    let mut buttons: Vec<Html> = Vec::new();
    match kind {
        NodeKind::Producer => {
            let stage = stage.clone();
            let id = id.clone();
            buttons.push(act(
                "Publish now",
                "publish",
                "Publish this producer's message once, now",
                Callback::from(move |_| {
                    let _ = stage.act(|sim| sim.publish_now(&id));
                }),
            ));
        }
        NodeKind::Queue => {
            let stage = stage.clone();
            let id = id.clone();
            buttons.push(act(
                "Purge",
                "purge",
                "queue.purge: remove every ready message (unacked ones stay)",
                Callback::from(move |_| {
                    let _ = stage.act(|sim| sim.purge_queue(&id));
                }),
            ));
        }
        NodeKind::Consumer => {
            let stage = stage.clone();
            let id = id.clone();
            if matches!(down, Some(Down::Killed) | Some(Down::Crashed)) {
                buttons.push(act(
                    "Revive",
                    "revive",
                    "Start this consumer again",
                    Callback::from(move |_| stage.act(|sim| sim.revive_consumer(&id))),
                ));
            } else {
                buttons.push(act(
                    "Kill",
                    "kill",
                    "Kill this consumer: its channel closes and its unacked messages go back to the queue, marked redelivered",
                    Callback::from(move |_| stage.act(|sim| sim.kill_consumer(&id))),
                ));
            }
        }
        NodeKind::Exchange => {}
    }
    // RabbitMQ refused to redeclare it with the canvas's settings (406
    // inequivalent): the way out, next to the node as well as in its callout.
    let refused = stage.runtime.borrow().sim.node_errors().get(&id).is_some_and(super::callouts::offers_recreate);
    if refused {
        let stage = stage.clone();
        let id = id.clone();
        buttons.push(act(
            "Declare anew",
            "recreate",
            "Delete it in the broker (a queue's messages are lost) and declare it with the canvas's settings",
            Callback::from(move |_| stage.act(|sim| sim.recreate(&id))),
        ));
    }
    if id != DEFAULT_EXCHANGE_ID {
        let editor = editor.clone();
        let id = id.clone();
        buttons.push(act("Delete", "delete", "Delete this node and its edges (Delete key)", Callback::from(move |_| editor.dispatch(EditAction::DeleteNode(id.clone())))));
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
