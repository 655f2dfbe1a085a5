//! The edges: producer → exchange (publishes), exchange → queue or
//! exchange (bindings, labelled with their key or header arguments),
//! queue → consumer (consumes), and dashed helpers for alternate and
//! dead-letter exchanges. Lines are SVG; labels are HTML buttons in the
//! world layer, so they are readable and clickable.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::editor::geometry::{in_port, out_port, Curve, Point};
use crate::editor::table_text::format_table;
use crate::editor::{edges, Edge, EditAction, Editor};
use crate::i18n::Msg;
use crate::scenario::{BindingEdge, ExchangeKind, Scenario, DEFAULT_EXCHANGE_ID};
use crate::simulation::{ErrorKey, NodeError, Simulation};
use crate::view::edge_labels::{place_labels, COMPACT_LABEL_PITCH, LABEL_PITCH};
use crate::view::reply_paths::{default_routes, reply_paths, ReplyPath};

use crate::components::context::{use_canvas_doc, use_live_stage, CanvasDoc};

/// An edge as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeGeom {
    /// `publish:p1`, `binding:b1`, `consume:c1`, or `alternate:x1`,
    /// `dead-letter:q1`, `default-route:q1`, `reply:c1`, `reply-route:c1:q1`
    /// for the helpers.
    pub key: String,
    /// The selectable edge (none for the helpers).
    pub edge: Option<Edge>,
    /// `publish`, `binding`, `consume`, `alternate`, `dead-letter`,
    /// `default-route`, `reply`, `reply-route`.
    pub class: &'static str,
    /// The source exchange's type, for bindings.
    pub exchange_type: Option<&'static str>,
    /// Its curve.
    pub curve: Curve,
    /// Its label, if it has one.
    pub label: Option<Msg>,
    /// The engine's refusal of this binding, if any.
    pub error: Option<NodeError>,
}

fn curve(s: &Scenario, from: &str, to: &str) -> Option<Curve> {
    let (fk, tk) = (s.kind_of(from)?, s.kind_of(to)?);
    Some(Curve::between(out_port(fk, s.position(from)?), in_port(tk, s.position(to)?)))
}

/// A binding's label: its key, or for headers exchanges its `x-match` and
/// header arguments.
pub fn binding_label_msg(s: &Scenario, b: &BindingEdge) -> Msg {
    let kind = if b.from == DEFAULT_EXCHANGE_ID {
        ExchangeKind::Direct
    } else {
        s.exchange(&b.from).map(|x| x.kind).unwrap_or_default()
    };
    match kind {
        ExchangeKind::Headers => {
            let mode = b.arguments.get("x-match").and_then(|v| v.as_str()).unwrap_or("all");
            let rest = format_table(&b.arguments, &["x-match"]);
            if rest.is_empty() {
                msg!("canvas-edge-no-headers", mode = mode)
            } else {
                crate::i18n::Msg::verbatim(format!("{mode}: {rest}"))
            }
        }
        ExchangeKind::Fanout if b.routing_key.is_empty() => crate::i18n::Msg::verbatim("fanout"),
        _ if b.routing_key.is_empty() => crate::i18n::Msg::verbatim("\"\""),
        _ => crate::i18n::Msg::verbatim(b.routing_key.clone()),
    }
}

/// Every edge of the scenario with its geometry.
pub fn edge_geometry(s: &Scenario, sim: &Simulation) -> Vec<EdgeGeom> {
    let mut out = Vec::new();
    for e in edges(s) {
        let Some((from, to)) = e.ends(s) else { continue };
        let Some(c) = curve(s, &from, &to) else { continue };
        let (class, label, exchange_type, error) = match &e {
            // The producer shows its routing key itself.
            Edge::Publish(_) => ("publish", None, None, None),
            Edge::Binding(id) => {
                let Some(b) = s.binding(id) else { continue };
                let t = if b.from == DEFAULT_EXCHANGE_ID {
                    Some("direct")
                } else {
                    s.exchange(&b.from).map(|x| x.kind.as_str())
                };
                let err = sim.binding_error(id).cloned();
                ("binding", Some(binding_label_msg(s, b)), t, err)
            }
            Edge::Consume(_) => ("consume", None, None, None),
        };
        out.push(EdgeGeom { key: e.key(), edge: Some(e), class, exchange_type, curve: c, label, error });
    }
    for x in &s.exchanges {
        if let Some(ae) = &x.alternate_exchange {
            if let Some(c) = curve(s, &x.id, ae) {
                out.push(EdgeGeom {
                    key: format!("alternate:{}", x.id),
                    edge: None,
                    class: "alternate",
                    exchange_type: None,
                    curve: c,
                    label: Some(msg!("canvas-edge-alternate")),
                    error: None,
                });
            }
        }
    }
    for q in &s.queues {
        if let Some(dlx) = &q.dead_letter_exchange {
            if let Some(c) = curve(s, &q.id, dlx) {
                out.push(EdgeGeom {
                    key: format!("dead-letter:{}", q.id),
                    edge: None,
                    class: "dead-letter",
                    exchange_type: None,
                    curve: c,
                    label: Some(msg!("canvas-edge-dead-letters")),
                    error: None,
                });
            }
        }
    }
    for q in default_routes(s, sim) {
        if let Some(c) = curve(s, DEFAULT_EXCHANGE_ID, &q) {
            out.push(EdgeGeom {
                key: format!("default-route:{q}"),
                edge: None,
                class: "default-route",
                exchange_type: Some("direct"),
                curve: c,
                label: None,
                error: None,
            });
        }
    }
    for path in reply_paths(s, sim) {
        out.extend(reply_geometry(s, &path));
    }
    out
}

/// A reply path's edges: the consumer's replies to the exchange it
/// publishes through (labelled with their routing key, the requests'
/// `reply_to`), and the default exchange's route to the reply queue.
fn reply_geometry(s: &Scenario, path: &ReplyPath) -> Vec<EdgeGeom> {
    let mut out = Vec::new();
    if let Some(c) = curve(s, &path.consumer, &path.exchange) {
        out.push(EdgeGeom {
            key: format!("reply:{}", path.consumer),
            edge: None,
            class: "reply",
            exchange_type: None,
            curve: c,
            label: Some(crate::i18n::Msg::verbatim(path.label())),
            error: None,
        });
    }
    if let Some(q) = &path.queue {
        if let Some(c) = curve(s, &path.exchange, q) {
            out.push(EdgeGeom {
                key: format!("reply-route:{}:{q}", path.consumer),
                edge: None,
                class: "reply-route",
                exchange_type: None,
                curve: c,
                label: None,
                error: None,
            });
        }
    }
    out
}

/// Whether `edge` is one the programs drew (not the document's).
fn from_program(edge: &Edge) -> bool {
    let (Edge::Publish(id) | Edge::Binding(id) | Edge::Consume(id)) = edge;
    crate::monitor::program_topology::is_overlay(id)
}

/// Parses an edge key back (`binding:b3` → `Edge::Binding("b3")`).
pub fn parse_edge_key(key: &str) -> Option<Edge> {
    let (kind, rest) = key.split_once(':')?;
    match kind {
        "publish" => Some(Edge::Publish(rest.to_string())),
        "binding" => Some(Edge::Binding(rest.to_string())),
        "consume" => Some(Edge::Consume(rest.to_string())),
        _ => None,
    }
}

/// The edges' geometry, shared by [`EdgeLayer`] and [`EdgeLabels`] and
/// computed again only when the scenario or the simulation's errors change
/// (not when the view or a node selection changes, nor at every render
/// while the clock runs).
#[derive(Clone)]
struct Geoms(Rc<Vec<EdgeGeom>>);

impl PartialEq for Geoms {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

type GeomCache = Option<(Rc<Scenario>, BTreeMap<ErrorKey, NodeError>, Vec<ReplyPath>, Geoms)>;

#[hook]
fn use_edge_geometry(doc: &CanvasDoc) -> Geoms {
    let stage = use_live_stage();
    let cache = use_mut_ref(|| GeomCache::None);
    let rt = stage.runtime.borrow();
    let errors = rt.sim.node_errors();
    // Reply keys name server-named queues, which a broker restart renames.
    let replies = reply_paths(&doc.scenario, &rt.sim);
    let mut cache = cache.borrow_mut();
    if let Some((s, e, r, g)) = cache.as_ref() {
        if Rc::ptr_eq(s, &doc.scenario) && e == errors && *r == replies {
            return g.clone();
        }
    }
    let geoms = Geoms(Rc::new(edge_geometry(&doc.scenario, &rt.sim)));
    *cache = Some((doc.scenario.clone(), errors.clone(), replies, geoms.clone()));
    geoms
}

/// The properties of [`EdgePaths`] and [`EdgeLabelList`].
#[derive(Properties, PartialEq)]
struct EdgesProps {
    geoms: Geoms,
    selected: Option<Edge>,
    dispatch: UseReducerDispatcher<Editor>,
    /// The distance between stacked labels (labels only).
    #[prop_or(LABEL_PITCH)]
    pitch: f64,
}

/// The SVG paths of the edges (inside the canvas's transformed group).
#[function_component(EdgeLayer)]
pub fn edge_layer() -> Html {
    let doc = use_canvas_doc();
    let geoms = use_edge_geometry(&doc);
    html! { <EdgePaths {geoms} selected={doc.edge.clone()} dispatch={doc.dispatch.clone()} /> }
}

#[function_component(EdgePaths)]
fn edge_paths(props: &EdgesProps) -> Html {
    let selected = &props.selected;
    let paths = props.geoms.0.iter().map(|g| {
        let is_selected = g.edge.is_some() && g.edge == *selected;
        let d = g.curve.svg();
        html! {
            <g key={g.key.clone()} class={classes!("edge", g.class, g.exchange_type, is_selected.then_some("selected"), g.error.is_some().then_some("has-error"))}
               data-edge={g.edge.is_some().then(|| g.key.clone())} data-helper={g.edge.is_none().then(|| g.key.clone())}>
                <path class="edge-hit" d={d.clone()} />
                <path class="edge-line" d={d} marker-end="url(#edge-arrow)" />
            </g>
        }
    });
    html! { <>{ for paths }</> }
}

/// The properties of [`EdgeLabels`].
#[derive(Properties, PartialEq)]
pub struct EdgeLabelsProps {
    /// Nodes are in their compact form (larger labels, stacked further apart).
    #[prop_or_default]
    pub compact: bool,
}

/// The edges' labels (HTML, in the world layer); clicking one selects its
/// edge.
#[function_component(EdgeLabels)]
pub fn edge_labels(props: &EdgeLabelsProps) -> Html {
    let doc = use_canvas_doc();
    let geoms = use_edge_geometry(&doc);
    let pitch = if props.compact { COMPACT_LABEL_PITCH } else { LABEL_PITCH };
    html! { <EdgeLabelList {geoms} selected={doc.edge.clone()} dispatch={doc.dispatch.clone()} {pitch} /> }
}

#[function_component(EdgeLabelList)]
fn edge_label_list(props: &EdgesProps) -> Html {
    let selected = &props.selected;
    let lang = crate::components::use_lang();
    let labelled: Vec<&EdgeGeom> = props.geoms.0.iter().filter(|g| g.label.is_some()).collect();
    let spots = place_labels(&labelled.iter().map(|g| g.curve).collect::<Vec<_>>(), props.pitch);
    let labels = labelled.iter().zip(spots).map(|(g, spot)| {
        let Point { x, y } = spot.at;
        let stacked = (spot.of > 1).then(|| format!("{} of {}", spot.index + 1, spot.of));
        let is_selected = g.edge.is_some() && g.edge == *selected;
        let onclick = {
            let dispatch = props.dispatch.clone();
            let edge = g.edge.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                if let Some(edge) = edge.clone() {
                    dispatch.dispatch(EditAction::SelectEdge(edge));
                }
            })
        };
        let style = format!("left: {x:.1}px; top: {y:.1}px");
        let label = g.label.as_ref().map(|l| l.render(lang)).unwrap_or_default();
        if g.edge.as_ref().is_some_and(from_program) {
            // What a program bound: shown, not edited.
            html! { <span key={g.key.clone()} class={classes!("edge-label", "from-program", g.class, g.exchange_type)} data-edge={g.key.clone()} {style} title={label.clone()}>{ label }</span> }
        } else if g.edge.is_some() {
            html! {
                <button key={g.key.clone()} type="button"
                    class={classes!("edge-label", g.class, g.exchange_type, is_selected.then_some("selected"), g.error.is_some().then_some("has-error"))}
                    data-edge={g.key.clone()} data-stacked={stacked} {style} {onclick} title={msg!("canvas-edge-edit.title", label = label.clone()).render(lang)}>
                    { label }
                </button>
            }
        } else {
            html! { <span key={g.key.clone()} class={classes!("edge-label", "aux", g.class)} data-helper={g.key.clone()} {style} title={label.clone()}>{ label }</span> }
        }
    });
    html! { <>{ for labels }</> }
}
