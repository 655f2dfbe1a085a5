//! The message dots: a `<canvas>` over the edges, drawn by the animation
//! loop (never by a Yew render). Each dot is a message travelling along an
//! edge; a ring that fades out is a message acked (green) or dropped (red).

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::editor::view::View;
use crate::monitor::flights::{Dot, DotKind};
use crate::monitor::{LegKind, PuffKind};

use super::context::use_stage;

/// The canvas the dots are drawn on (pointer events pass through it).
#[function_component(DotLayer)]
pub fn dot_layer() -> Html {
    let stage = use_stage();
    html! { <canvas class="dots-layer" ref={stage.dots.clone()} aria-hidden="true"></canvas> }
}

fn dark_theme() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The colour of a dot (light theme, dark theme).
pub fn dot_colour(kind: DotKind, dark: bool) -> &'static str {
    match (kind, dark) {
        (DotKind::Leg(LegKind::Publish | LegKind::Route | LegKind::Deliver), false) => "#1f6feb",
        (DotKind::Leg(LegKind::Publish | LegKind::Route | LegKind::Deliver), true) => "#79b0ff",
        (DotKind::Leg(LegKind::Alternate | LegKind::DeadLetter), false) => "#9a3fd1",
        (DotKind::Leg(LegKind::Alternate | LegKind::DeadLetter), true) => "#c792ff",
        (DotKind::Leg(LegKind::Requeue), false) => "#c27c00",
        (DotKind::Leg(LegKind::Requeue), true) => "#ffc14d",
        (DotKind::Leg(LegKind::Return) | DotKind::Puff(PuffKind::Drop), false) => "#d1242f",
        (DotKind::Leg(LegKind::Return) | DotKind::Puff(PuffKind::Drop), true) => "#ff7b72",
        (DotKind::Puff(PuffKind::Ack), false) => "#1a7f37",
        (DotKind::Puff(PuffKind::Ack), true) => "#56d364",
    }
}

/// Draws `dots` on `canvas` for the view; resizes the canvas to its CSS
/// size first (sharp on high-density screens).
pub fn draw_dots(canvas: &HtmlCanvasElement, dots: &[Dot], view: View) {
    let (w, h) = (canvas.client_width().max(0) as f64, canvas.client_height().max(0) as f64);
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    if dots.is_empty() {
        return;
    }
    let dark = dark_theme();
    let outline = if dark { "#12151b" } else { "#ffffff" };
    let r = (6.0 * view.zoom).clamp(3.5, 9.0);
    for dot in dots {
        let p = view.to_screen(dot.at);
        let colour = dot_colour(dot.kind, dark);
        ctx.begin_path();
        match dot.kind {
            DotKind::Leg(_) => {
                ctx.set_global_alpha(1.0);
                let _ = ctx.arc(p.x, p.y, r, 0.0, std::f64::consts::TAU);
                ctx.set_fill_style_str(colour);
                ctx.fill();
                ctx.set_line_width(2.0);
                ctx.set_stroke_style_str(outline);
                ctx.stroke();
            }
            DotKind::Puff(_) => {
                ctx.set_global_alpha((1.0 - dot.progress).clamp(0.0, 1.0));
                let radius = r + dot.progress * 28.0 * view.zoom.max(0.5);
                let _ = ctx.arc(p.x, p.y, radius, 0.0, std::f64::consts::TAU);
                ctx.set_line_width(3.0);
                ctx.set_stroke_style_str(colour);
                ctx.stroke();
            }
        }
    }
    ctx.set_global_alpha(1.0);
}
