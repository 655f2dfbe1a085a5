//! Messages drawn next to what they are about, in the world layer: the
//! engine's refusals (the AMQP code and name, RabbitMQ's text and a plain
//! explanation) under the node or on the binding that caused them, and the
//! canvas's own notices (a connection it refused, and why).

use yew::prelude::*;

use crate::view::callout_place::{place_callout, CALLOUT};

use crate::editor::geometry::{node_size, Point, Rect};
use crate::editor::EditAction;
use crate::i18n::{t, Lang};
use crate::simulation::NodeError;

use crate::components::canvas::edges::edge_geometry;
use crate::components::context::{use_editor, use_live_stage, use_stage};

/// Properties of [`ErrorCallout`].
#[derive(Properties, PartialEq)]
pub struct ErrorCalloutProps {
    /// The node id, or the binding's edge key.
    pub target: AttrValue,
    /// Where (world units, top-left).
    pub at: Point,
    /// The refusal.
    pub error: NodeError,
}

/// One engine refusal.
#[function_component(ErrorCallout)]
pub fn error_callout(props: &ErrorCalloutProps) -> Html {
    let e = &props.error;
    let lang = crate::components::use_lang();
    let stage = use_stage();
    let recreate = e.is_refused_redeclare().then(|| {
        let target = props.target.to_string();
        let onclick = Callback::from(move |ev: MouseEvent| {
            ev.stop_propagation();
            stage.act(|sim| sim.recreate(&target));
        });
        let what = if e.during == "queue.declare" { id!("canvas-recreate-queue.title") } else { id!("canvas-recreate-exchange.title") };
        html! { <button type="button" class="callout-action" title={t(lang, what)} {onclick}>{ t!(lang, "canvas-recreate") }</button> }
    });
    html! {
        <div class="error-callout" role="alert" data-error-for={props.target.clone()}
             style={format!("left: {:.1}px; top: {:.1}px", props.at.x, props.at.y)}>
            <div class="error-code">
                <strong>{ format!("{} {}", e.code.code(), e.code.name()) }</strong>
                <span class="error-during">{ crate::msg!("canvas-error-during", method = e.during.to_string()).render(lang) }</span>
            </div>
            <p class="error-text">{ e.text.clone() }</p>
            <p class="error-explain">{ e.explanation.render(lang) }</p>
            { for recreate }
        </div>
    }
}

/// The part of the world the canvas shows, from the size the dot layer
/// was drawn at (see [`crate::components::canvas::dots::drawn_size`]).
fn visible_world(dots: &NodeRef, view: crate::editor::view::View) -> Option<Rect> {
    let (w, h) = crate::components::canvas::dots::drawn_size(&dots.cast::<web_sys::HtmlCanvasElement>()?)?;
    let top_left = view.to_world(Point::new(0.0, 0.0));
    // A margin for the canvas's own controls (zoom buttons, status line).
    Some(Rect { x: top_left.x, y: top_left.y, w: w / view.zoom, h: (h - 40.0).max(0.0) / view.zoom })
}

/// Every refusal and the current notice.
#[function_component(Callouts)]
pub fn callouts() -> Html {
    let (editor, lang) = (use_editor(), crate::components::use_lang());
    let stage = use_live_stage();
    let s = editor.scenario.clone();
    let rt = stage.runtime.borrow();
    let (cw, ch) = CALLOUT;
    let mut items: Vec<Html> = Vec::new();
    // Nothing refused (the usual case, and at every refresh while the clock
    // runs): no obstacles or edge geometry to work out.
    let refused = !rt.sim.node_errors().is_empty();
    let visible = if refused { visible_world(&stage.dots, editor.view) } else { None };
    // Callouts go where they hide no node (and no other callout), if they can.
    let mut obstacles: Vec<Rect> = if refused {
        s.node_ids().filter_map(|(id, k)| Some(Rect::of_node(k, s.position(id)?))).collect()
    } else {
        Vec::new()
    };
    for (key, error) in rt.sim.node_errors() {
        let crate::simulation::ErrorKey::Node(key) = key else { continue };
        if let (Some(kind), Some(p)) = (s.kind_of(key), s.position(key)) {
            let (w, h) = node_size(kind);
            let candidates = [
                Point::new(p.x, p.y + h + 10.0),
                Point::new(p.x + w + 14.0, p.y),
                Point::new(p.x, p.y - ch - 40.0),
                Point::new(p.x - cw - 14.0, p.y),
                Point::new(p.x + w + 14.0, p.y + h - ch),
            ];
            let at = place_callout(&candidates, &obstacles, visible);
            obstacles.push(Rect { x: at.x, y: at.y, w: cw, h: ch });
            items.push(html! { <ErrorCallout key={key.clone()} target={AttrValue::from(key.clone())} {at} error={error.clone()} /> });
        }
    }
    for g in if refused { edge_geometry(&s, &rt.sim) } else { Vec::new() } {
        if let Some(error) = g.error {
            let m = g.curve.at(0.5);
            let candidates = [
                Point::new(m.x - 20.0, m.y + 18.0),
                Point::new(m.x - cw + 20.0, m.y + 18.0),
                Point::new(m.x - cw / 2.0, m.y - ch - 18.0),
                Point::new(m.x + 18.0, m.y - ch / 2.0),
                Point::new(m.x - cw - 18.0, m.y - ch / 2.0),
                Point::new(m.x - cw / 2.0, m.y + 18.0),
            ];
            let at = place_callout(&candidates, &obstacles, visible);
            obstacles.push(Rect { x: at.x, y: at.y, w: cw, h: ch });
            items.push(
                html! { <ErrorCallout key={g.key.clone()} target={AttrValue::from(g.key.clone())} {at} {error} /> },
            );
        }
    }
    drop(rt);
    let notice = editor.notice.clone().map(|n| {
        let at = n.node.as_deref().and_then(|id| Some((s.kind_of(id)?, s.position(id)?))).map(|(k, p)| {
            let (w, _) = node_size(k);
            Point::new(p.x + w + 16.0, p.y - 8.0)
        });
        let dismiss = {
            let editor = editor.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                editor.dispatch(EditAction::DismissNotice);
            })
        };
        let body = notice_body(lang, &n.text, dismiss);
        match at {
            Some(at) => html! {
                <div key={format!("notice-{}", n.serial)} class="notice" role="alert" data-notice-for={n.node.clone()}
                     style={format!("left: {:.1}px; top: {:.1}px", at.x, at.y)}>{ body }</div>
            },
            None => html! {},
        }
    });
    html! { <>{ for items }{ for notice }</> }
}

/// The notice when it is not about a node: at the top of the canvas.
#[function_component(FloatingNotice)]
pub fn floating_notice() -> Html {
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let Some(n) =
        editor.notice.clone().filter(|n| n.node.as_deref().is_none_or(|id| editor.scenario.kind_of(id).is_none()))
    else {
        return html! {};
    };
    let dismiss = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| editor.dispatch(EditAction::DismissNotice))
    };
    html! {
        <div key={format!("notice-{}", n.serial)} class="notice floating" role="alert">{ notice_body(lang, &n.text, dismiss) }</div>
    }
}

/// A notice's text and its dismiss button.
fn notice_body(lang: Lang, text: &crate::i18n::Msg, dismiss: Callback<MouseEvent>) -> Html {
    html! {
        <>
            <p>{ text.render(lang) }</p>
            <button type="button" class="notice-close" aria-label={t!(lang, "canvas-notice-dismiss.aria-label")} onclick={dismiss}>{ "×" }</button>
        </>
    }
}
