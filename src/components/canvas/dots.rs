//! The message dots: a `<canvas>` over the edges, drawn by the animation
//! loop (never by a Yew render). Each dot is a message travelling along an
//! edge; a ring that fades out is a message acked (green) or dropped (red).

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::editor::view::View;
use crate::monitor::flights::{Dot, DotKind};
use crate::monitor::{LegKind, PuffKind};

use crate::components::context::use_quiet_stage;

/// The canvas the dots are drawn on (pointer events pass through it).
#[function_component(DotLayer)]
pub fn dot_layer() -> Html {
    let stage = use_quiet_stage();
    html! { <canvas class="dots-layer" ref={stage.dots.clone()} aria-hidden="true"></canvas> }
}

thread_local! {
    /// The dark-theme media query, asked once (its `matches` follows the
    /// system's theme).
    static DARK: Option<web_sys::MediaQueryList> =
        web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
}

fn dark_theme() -> bool {
    DARK.with(|m| m.as_ref().is_some_and(|m| m.matches()))
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

/// A travelling dot drawn once, to be copied for every dot of its colour.
struct Sprite {
    colour: &'static str,
    outline: &'static str,
    radius: f64,
    dpr: f64,
    /// Its side, in CSS pixels.
    side: f64,
    canvas: HtmlCanvasElement,
}

thread_local! {
    static SPRITES: RefCell<Vec<Sprite>> = const { RefCell::new(Vec::new()) };
}

/// A square canvas of its own for a sprite reaching `half` CSS pixels from
/// its centre, scaled for `dpr`, and its side in CSS pixels (a whole
/// number of device pixels, so that copies are 1:1).
fn sprite_canvas(half: f64, dpr: f64) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d, f64)> {
    let px = (2.0 * half * dpr).ceil();
    let canvas: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(px as u32);
    canvas.set_height(px as u32);
    let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    Some((canvas, ctx, px / dpr))
}

/// The screen's device pixel ratio, as the dot layer uses it (1 to 3).
fn pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0)
}

/// The size in CSS pixels the dot layer was last drawn at (it covers the
/// canvas), read from its backing store so that no layout is forced;
/// `None` before it has been drawn.
pub fn drawn_size(canvas: &HtmlCanvasElement) -> Option<(f64, f64)> {
    let dpr = pixel_ratio();
    let (w, h) = (canvas.width() as f64 / dpr, canvas.height() as f64 / dpr);
    (w >= 1.0 && h >= 1.0).then_some((w, h))
}

/// Draws the dot `(colour, outline, radius)` on a small canvas of its own:
/// a filled disc with a 2 px ring, as the dot layer shows it.
fn make_sprite(colour: &'static str, outline: &'static str, radius: f64, dpr: f64) -> Option<Sprite> {
    let (canvas, ctx, side) = sprite_canvas(radius + 2.0, dpr)?;
    ctx.begin_path();
    let _ = ctx.arc(side / 2.0, side / 2.0, radius, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str(colour);
    ctx.fill();
    ctx.set_line_width(2.0);
    ctx.set_stroke_style_str(outline);
    ctx.stroke();
    Some(Sprite { colour, outline, radius, dpr, side, canvas })
}

thread_local! {
    /// The dot canvas's 2D context, asked for once per canvas element.
    static CONTEXT: RefCell<Option<(HtmlCanvasElement, CanvasRenderingContext2d)>> = const { RefCell::new(None) };
}

/// The 2D context of the dot canvas, asked for once. (Not
/// `desynchronized`: in headless Chromium that hint took the frame's commit
/// from ~3.9 ms to under 1 ms, but on machines with a GPU it may draw to the
/// front buffer, where a layer that is cleared and redrawn every frame can
/// tear or flicker, and that could not be checked here.)
fn dots_context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    CONTEXT.with(|cell| {
        let mut cached = cell.borrow_mut();
        if let Some((c, ctx)) = cached.as_ref() {
            if c == canvas {
                return Some(ctx.clone());
            }
        }
        let ctx =
            canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())?;
        *cached = Some((canvas.clone(), ctx.clone()));
        Some(ctx)
    })
}

/// How many sizes a fading ring takes as it grows (each drawn once per
/// colour, zoom and screen, then copied).
const RING_STEPS: f64 = 16.0;

/// A fading ring at one step of its growth, drawn once.
struct RingSprite {
    colour: &'static str,
    step: u8,
    /// Its side, in CSS pixels.
    side: f64,
    canvas: HtmlCanvasElement,
}

thread_local! {
    /// The ring sprites, with the (dot radius, growth, pixel ratio) they
    /// were drawn for.
    static RINGS: RefCell<([f64; 3], Vec<RingSprite>)> = const { RefCell::new(([0.0; 3], Vec::new())) };
}

/// Draws a ring of `radius` (3 px line, `alpha` opaque) on a small canvas.
fn make_ring(colour: &'static str, step: u8, radius: f64, alpha: f64, dpr: f64) -> Option<RingSprite> {
    let (canvas, ctx, side) = sprite_canvas(radius + 3.0, dpr)?;
    ctx.set_global_alpha(alpha);
    ctx.begin_path();
    let _ = ctx.arc(side / 2.0, side / 2.0, radius, 0.0, std::f64::consts::TAU);
    ctx.set_line_width(3.0);
    ctx.set_stroke_style_str(colour);
    ctx.stroke();
    Some(RingSprite { colour, step, side, canvas })
}

/// Draws `dots` on `canvas` for the view; resizes the canvas to its CSS
/// size first (sharp on high-density screens).
///
/// The first of `list` that `matches`, else a new one from `make`, kept.
fn cached<S>(list: &mut Vec<S>, matches: impl Fn(&S) -> bool, make: impl FnOnce() -> Option<S>) -> Option<&S> {
    let i = match list.iter().position(matches) {
        Some(i) => i,
        None => {
            list.push(make()?);
            list.len() - 1
        }
    };
    list.get(i)
}

/// Copies a square sprite of `side` CSS pixels centred on (`x`, `y`), its
/// corner on a whole device pixel (a plain blit, without resampling).
fn blit(ctx: &CanvasRenderingContext2d, sprite: &HtmlCanvasElement, side: f64, x: f64, y: f64, dpr: f64) {
    let snap = |v: f64| (v * dpr).round() / dpr;
    let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        sprite,
        snap(x - side / 2.0),
        snap(y - side / 2.0),
        side,
        side,
    );
}

/// A travelling dot is a copy of a small pre-drawn image of its colour (one
/// `drawImage` each, instead of a path filled and stroked each: software
/// rasterising a thousand anti-aliased rings costs several milliseconds a
/// frame). A fading ring is a copy too: its growth is cut into
/// `RING_STEPS` sizes (radius and opacity), each pre-drawn per colour.
/// Dots outside the canvas are skipped.
pub fn draw_dots(canvas: &HtmlCanvasElement, dots: &[Dot], view: View) {
    let (w, h) = (canvas.client_width().max(0) as f64, canvas.client_height().max(0) as f64);
    let dpr = pixel_ratio();
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let Some(ctx) = dots_context(canvas) else {
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
    let growth = 28.0 * view.zoom.max(0.5);
    let visible = |x: f64, y: f64, margin: f64| x > -margin && y > -margin && x < w + margin && y < h + margin;
    SPRITES.with(|cell| {
        RINGS.with(|rings| {
            let mut sprites = cell.borrow_mut();
            let mut rings = rings.borrow_mut();
            // Sprites of another zoom, screen or theme are not needed any more.
            sprites.retain(|s| s.radius == r && s.dpr == dpr && s.outline == outline);
            if rings.0 != [r, growth, dpr] {
                *rings = ([r, growth, dpr], Vec::new());
            }
            let rings = &mut rings.1;
            for dot in dots {
                let p = view.to_screen(dot.at);
                let colour = dot_colour(dot.kind, dark);
                match dot.kind {
                    DotKind::Leg(_) => {
                        if !visible(p.x, p.y, r + 2.0) {
                            continue;
                        }
                        if let Some(s) = cached(
                            &mut sprites,
                            |s: &Sprite| s.colour == colour,
                            || make_sprite(colour, outline, r, dpr),
                        ) {
                            blit(&ctx, &s.canvas, s.side, p.x, p.y, dpr);
                        }
                    }
                    DotKind::Puff(_) => {
                        let step = (dot.progress.clamp(0.0, 1.0) * RING_STEPS).round().min(RING_STEPS - 1.0) as u8;
                        let progress = step as f64 / RING_STEPS;
                        let radius = r + progress * growth;
                        if !visible(p.x, p.y, radius + 3.0) {
                            continue;
                        }
                        let ring = cached(
                            rings,
                            |s: &RingSprite| s.colour == colour && s.step == step,
                            || make_ring(colour, step, radius, 1.0 - progress, dpr),
                        );
                        if let Some(s) = ring {
                            blit(&ctx, &s.canvas, s.side, p.x, p.y, dpr);
                        }
                    }
                }
            }
        })
    });
}
