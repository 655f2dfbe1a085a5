//! The animation loop: every frame (requestAnimationFrame) it moves the
//! virtual clock, draws the dots on their canvas and writes the time, all
//! outside Yew's render path. It asks Yew to render again only when the
//! simulation's state changed, at most ten times a second.

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

use crate::editor::view::View;

use crate::components::canvas::dots::draw_dots;
use crate::components::context::Stage;

/// Least wall time between two renders caused by the simulation (ms).
pub use crate::view::log_flood::REFRESH_MS;

/// Virtual time as the clock shows it: `12.345 s`.
pub fn format_clock(ms: u64) -> String {
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

type Frame = Rc<dyn Fn(f64)>;

/// Starts the loop for `stage` while the calling component is mounted;
/// `view` is the current pan and zoom (read by the loop every frame).
#[hook]
pub fn use_run_loop(stage: &Stage, view: View) {
    let view_cell = use_mut_ref(|| view);
    *view_cell.borrow_mut() = view;
    let runtime = stage.runtime.clone();
    let dots = stage.dots.clone();
    let clock = stage.clock.clone();
    let refresh = stage.refresh.clone();
    use_effect_with((), move |_| {
        let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
        let next: Rc<RefCell<Option<Frame>>> = Rc::new(RefCell::new(None));
        let last_refresh = Rc::new(Cell::new(f64::NEG_INFINITY));
        let pending = Rc::new(Cell::new(false));
        let had_dots = Rc::new(Cell::new(true));
        let last_clock = Rc::new(Cell::new(u64::MAX));
        // Reused every frame: the dots and their `data-dots` text.
        let buffer = RefCell::new(Vec::new());
        let attribute = RefCell::new(String::new());
        let frame: Frame = {
            let handle = handle.clone();
            let next = next.clone();
            Rc::new(move |ts: f64| {
                let Ok(mut rt) = runtime.try_borrow_mut() else {
                    schedule(&handle, &next);
                    return;
                };
                rt.frame(ts);
                if rt.take_changed() {
                    pending.set(true);
                }
                let now = rt.sim.now();
                if let Some(canvas) = dots.cast::<HtmlCanvasElement>() {
                    let mut list = buffer.borrow_mut();
                    rt.flights.dots_into(ts, rt.dot_scenario(), &mut list);
                    if !list.is_empty() || had_dots.get() {
                        let view = *view_cell.borrow();
                        draw_dots(&canvas, &list, view);
                        // Where the travelling dots are, as `message:x,y` in canvas
                        // pixels, for tests and tools.
                        let mut at = attribute.borrow_mut();
                        at.clear();
                        // (Whole pixels as integers: formatting a float to no
                        // decimals costs more than the rest of the frame's script.)
                        for d in list.iter().filter(|d| matches!(d.kind, crate::monitor::flights::DotKind::Leg(_))) {
                            let p = view.to_screen(d.at);
                            let sep = if at.is_empty() { "" } else { " " };
                            let _ = write!(at, "{sep}{}:{},{}", d.message, p.x.round() as i64, p.y.round() as i64);
                        }
                        let _ = canvas.set_attribute("data-dots", &at);
                    }
                    had_dots.set(!list.is_empty());
                }
                drop(rt);
                if last_clock.get() != now {
                    if let Some(el) = clock.cast::<HtmlElement>() {
                        el.set_text_content(Some(&format_clock(now)));
                        last_clock.set(now);
                    }
                }
                if pending.get() && ts - last_refresh.get() >= REFRESH_MS {
                    pending.set(false);
                    last_refresh.set(ts);
                    refresh.emit(());
                }
                schedule(&handle, &next);
            })
        };
        *next.borrow_mut() = Some(frame);
        schedule(&handle, &next);
        move || {
            next.borrow_mut().take();
            handle.borrow_mut().take();
        }
    });
}

fn schedule(handle: &Rc<RefCell<Option<AnimationFrame>>>, next: &Rc<RefCell<Option<Frame>>>) {
    let Some(f) = next.borrow().clone() else { return };
    *handle.borrow_mut() = Some(request_animation_frame(move |ts| f(ts)));
}
