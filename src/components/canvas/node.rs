//! A node on the canvas: a producer, an exchange, a queue or a consumer,
//! drawn as an HTML box at its position in the world layer, with its name,
//! its live state (see [`crate::components::canvas::node_body`]) and its ports. Dragging,
//! selecting and connecting are handled by the canvas through the
//! `data-node-id` and `data-port` attributes.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::view::clients::client_tag;

use crate::editor::geometry::node_size;
use crate::editor::EditAction;
use crate::scenario::{NodeKind, DEFAULT_EXCHANGE_ID};

use crate::components::canvas::node_body::NodeBody;
use crate::components::context::{use_canvas_doc, use_live_stage};

/// Properties of [`NodeView`].
#[derive(Properties, PartialEq)]
pub struct NodeViewProps {
    /// The node id.
    pub id: AttrValue,
    /// Its kind.
    pub kind: NodeKind,
    /// Selected.
    pub selected: bool,
}

/// The label the node shows: its name (the broker's name for a
/// server-named queue); the nameless default exchange and a server-named
/// queue not declared yet say so in `lang`.
pub fn display_name_in(
    s: &crate::scenario::Scenario,
    sim: &crate::simulation::Simulation,
    id: &str,
    lang: crate::i18n::Lang,
) -> String {
    if id == DEFAULT_EXCHANGE_ID {
        return crate::t!(lang, "view-default-name");
    }
    if let Some(x) = s.exchange(id) {
        return x.name.clone();
    }
    if let Some(q) = s.queue(id) {
        if q.name.is_empty() {
            return sim.queue_name(id).map(|n| n.to_string()).unwrap_or_else(|| crate::t!(lang, "canvas-server-named"));
        }
        return q.name.clone();
    }
    s.producer(id).map(|p| p.name.clone()).or_else(|| s.consumer(id).map(|c| c.name.clone())).unwrap_or_default()
}

/// Focuses the first field of the inspector (Enter on a node).
pub fn focus_inspector() {
    if let Some(el) = gloo::utils::document()
        .query_selector(".inspector input, .inspector select, .inspector textarea")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.select();
        }
    }
}

/// What a node's frame shows from the engine: its name (the broker's name
/// for a server-named queue), whether the broker refused it, whether the
/// broker lacks it.
#[derive(Clone, PartialEq)]
struct NodeLook {
    name: AttrValue,
    error: bool,
    vanished: bool,
}

/// One node. At each refresh it reads what the frame shows from the engine
/// and renders the frame again only when that changed (the live counts
/// are the [`NodeBody`]'s own).
#[function_component(NodeView)]
pub fn node_view(props: &NodeViewProps) -> Html {
    let doc = use_canvas_doc();
    let stage = use_live_stage();
    let lang = crate::components::use_lang();
    let s = &doc.scenario;
    let id = props.id.as_str();
    let look = {
        let rt = stage.runtime.borrow();
        NodeLook {
            name: AttrValue::from(display_name_in(s, &rt.sim, id, lang)),
            error: rt.sim.node_error(id).is_some(),
            vanished: match props.kind {
                NodeKind::Queue => crate::monitor::program_topology::queue_name(&rt.sim, id)
                    .is_none_or(|n| rt.sim.broker().queue(n).is_none()),
                NodeKind::Exchange => s.exchange_name(id).is_some_and(|n| rt.sim.broker().exchange(n).is_none()),
                _ => false,
            },
        }
    };
    html! { <NodeFrame id={props.id.clone()} kind={props.kind} selected={props.selected} {look} /> }
}

/// Properties of [`NodeFrame`].
#[derive(Properties, PartialEq)]
struct NodeFrameProps {
    id: AttrValue,
    kind: NodeKind,
    selected: bool,
    look: NodeLook,
}

/// What kind of node it is, in words: `queue`, `topic exchange`.
fn kind_label(kind: NodeKind, exchange_type: Option<&str>, lang: crate::i18n::Lang) -> String {
    match kind {
        NodeKind::Exchange => crate::msg!("view-palette-exchange", kind = exchange_type.unwrap_or("direct")),
        NodeKind::Producer => crate::msg!("view-palette-producer"),
        NodeKind::Queue => crate::msg!("view-palette-queue"),
        NodeKind::Consumer => crate::msg!("view-palette-consumer"),
    }
    .render(lang)
}

/// The node's box: name, kind, body and ports.
#[function_component(NodeFrame)]
fn node_frame(props: &NodeFrameProps) -> Html {
    let doc = use_canvas_doc();
    let lang = crate::components::use_lang();
    let s = doc.scenario.clone();
    let id = props.id.to_string();
    let Some(at) = s.position(&id) else { return html! {} };
    let (w, h) = node_size(props.kind);
    let NodeLook { name, error, vanished } = props.look.clone();
    let exchange_type = s.exchange(&id).map(|x| x.kind.as_str()).or((id == DEFAULT_EXCHANGE_ID).then_some("direct"));
    let kind_label = kind_label(props.kind, exchange_type, lang);
    let client = client_tag(&s, &id).map(|c| c.render(lang));
    // Drawn from what a program did, not from the document (not editable).
    let from_program = crate::monitor::program_topology::is_overlay(&id);
    let badge = match props.kind {
        NodeKind::Producer => "P",
        NodeKind::Exchange => "X",
        NodeKind::Queue => "Q",
        NodeKind::Consumer => "C",
    };

    let onfocus = {
        let dispatch = doc.dispatch.clone();
        let id = id.clone();
        let selected = props.selected;
        Callback::from(move |e: FocusEvent| {
            let keyboard = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false));
            if keyboard && !selected && !from_program {
                dispatch.dispatch(EditAction::SelectNode(id.clone()));
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        let on_node =
            e.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| el.has_attribute("data-node-id"));
        if e.key() == "Enter" && on_node {
            e.prevent_default();
            focus_inspector();
        }
    });

    html! {
        <div
            class={classes!(
                "node", props.kind.as_str(), exchange_type,
                props.selected.then_some("selected"), error.then_some("has-error"), vanished.then_some("vanished"),
                (id == DEFAULT_EXCHANGE_ID).then_some("default-exchange"), client.is_some().then_some("in-client"),
                from_program.then_some("from-program")
            )}
            title={from_program.then(|| crate::t!(lang, "canvas-from-program.title"))}
            data-node-id={id.clone()}
            data-kind={props.kind.as_str()}
            // A fixed size (with `contain: layout size` in style.css: a
            // count or chip that changes at a refresh lays out this node only).
            style={format!("left: {}px; top: {}px; width: {w}px; height: {h}px", at.x, at.y)}
            tabindex="0"
            role="group"
            aria-label={format!("{kind_label} {name}{}", client.as_deref().map(|c| format!(", {c}")).unwrap_or_default())}
            aria-current={props.selected.then_some("true")}
            {onfocus} {onkeydown}
        >
            if let Some(tag) = &client {
                <span class="client-tag" aria-hidden="true">{ tag.clone() }</span>
            }
            <div class="node-head">
                <span class="node-badge" aria-hidden="true">{ badge }</span>
                <span class="node-name" title={name.clone()}>{ name }</span>
            </div>
            <div class="node-kind">{ kind_label }</div>
            <NodeBody id={props.id.clone()} kind={props.kind} />
            if props.kind != NodeKind::Producer {
                <span class="port port-in" aria-hidden="true"></span>
            }
            if props.kind != NodeKind::Consumer {
                <span class="port port-out" data-port="out" title={crate::t!(lang, "canvas-port-out.title")}></span>
            }
        </div>
    }
}
