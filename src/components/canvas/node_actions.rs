//! The buttons over the selected node, for the things people try: publish
//! now, kill (or revive) a consumer, purge a queue, delete (which ones:
//! [`crate::view::node_action_list`]).

use yew::prelude::*;

use crate::editor::geometry::node_size;
use crate::editor::EditAction;
use crate::simulation::{NodeError, Simulation};
use crate::view::node_action_list::{node_actions as action_list, NodeAction, NodeFacts};

use crate::components::context::{use_editor, use_stage, EditorHandle, Stage};

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

/// Runs `action` for node `id`: on the simulation, or as an edit (Delete).
fn run(action: NodeAction, id: &str, stage: &Stage, editor: &EditorHandle) {
    let on_sim = |f: fn(&mut Simulation, &str)| stage.act(|sim| f(sim, id));
    match action {
        NodeAction::PublishNow => on_sim(|sim, id| {
            let _ = sim.publish_now(id);
        }),
        NodeAction::Purge => on_sim(|sim, id| {
            let _ = sim.purge_queue(id);
        }),
        NodeAction::Revive => on_sim(|sim, id| sim.revive_consumer(id)),
        NodeAction::Kill => on_sim(|sim, id| sim.kill_consumer(id)),
        NodeAction::DeclareAnew => on_sim(|sim, id| sim.recreate(id)),
        NodeAction::Delete => editor.dispatch(EditAction::DeleteNode(id.to_string())),
    }
}

/// One action's button.
fn action_button(action: NodeAction, id: &str, stage: &Stage, editor: &EditorHandle, lang: crate::i18n::Lang) -> Html {
    let (id, stage, editor) = (id.to_string(), stage.clone(), editor.clone());
    let onclick = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        run(action, &id, &stage, &editor);
    });
    html! {
        <button type="button" class={classes!("node-action", action.class())} title={crate::i18n::t(lang, action.title())} {onclick}>{ crate::i18n::t(lang, action.label()) }</button>
    }
}

/// The action buttons of one node.
#[function_component(NodeActions)]
pub fn node_actions(props: &NodeActionsProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let lang = crate::components::use_lang();
    let id = props.id.to_string();
    let s = editor.scenario.clone();
    let (Some(kind), Some(at)) = (s.kind_of(&id), s.position(&id)) else { return html! {} };
    let actions = {
        let rt = stage.runtime.borrow();
        let down = rt.sim.consumer_state(&id).and_then(|c| c.down.as_ref());
        let refused_redeclare = rt.sim.node_error(&id).is_some_and(NodeError::is_refused_redeclare);
        action_list(&id, kind, NodeFacts { down, refused_redeclare })
    };
    if actions.is_empty() {
        return html! {};
    }
    let buttons = actions.into_iter().map(|a| action_button(a, &id, &stage, &editor, lang));
    let label = crate::t!(lang, "canvas-node-actions.aria-label");
    if props.inline {
        return html! { <div class="node-actions inline" role="toolbar" aria-label={label}>{ for buttons }</div> };
    }
    let (w, _) = node_size(kind);
    html! {
        <div class="node-actions" role="toolbar" aria-label={label} data-for={id.clone()}
             style={format!("left: {:.1}px; top: {:.1}px; width: {w}px", at.x, at.y - 34.0)}>
            { for buttons }
        </div>
    }
}
