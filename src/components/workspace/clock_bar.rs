//! The clock bar: play, pause, step to the next event, speed from 0.1× to
//! 10×, the virtual time, reset to time zero and restart the broker.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::editor::EditAction;
use crate::i18n::t;

use crate::components::context::{use_editor, use_stage};
use crate::view::clock::{format_speed, speed_of_slider};

/// The clock bar.
#[function_component(ClockBar)]
pub fn clock_bar() -> Html {
    let stage = use_stage();
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let (playing, halted) = {
        let rt = stage.runtime.borrow();
        (rt.playing, rt.sim.halted().map(|why| why.render(lang)))
    };
    let speed = editor.scenario.speed;
    let lang = crate::components::use_lang();

    let toggle = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set_playing(!playing))
    };
    let step = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.step())
    };
    let on_speed = {
        let editor = editor.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                if let Ok(v) = input.value().parse::<f64>() {
                    editor.dispatch(EditAction::SetSpeed(speed_of_slider(v)));
                }
            }
        })
    };
    let reset = {
        let stage = stage.clone();
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            stage.runtime.borrow_mut().reset((*editor.scenario).clone());
            stage.refresh.emit(());
        })
    };
    let restart = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.act(|sim| sim.restart_broker()))
    };

    html! {
        <div class="clock-bar" role="toolbar" aria-label={t!(lang, "workspace-clock.aria-label")}>
            <button type="button" class={classes!("clock-play", playing.then_some("playing"))} aria-pressed={playing.to_string()}
                    onclick={toggle} title={t!(lang, "workspace-clock-play.title")}>
                <span class="clock-icon" aria-hidden="true">{ if playing { "❚❚" } else { "▶" } }</span>
                { t(lang, if playing { id!("workspace-clock-pause") } else { id!("workspace-clock-play") }) }
            </button>
            <button type="button" class="clock-step" onclick={step} title={t!(lang, "workspace-clock-step.title")}>
                <span class="clock-icon" aria-hidden="true">{ "▶|" }</span>{ t!(lang, "workspace-clock-step") }
            </button>
            <label class="clock-speed" title={t!(lang, "workspace-clock-speed.title")}>
                <span class="clock-label">{ t!(lang, "workspace-clock-speed") }</span>
                <input type="range" min="-1" max="1" step="0.05" value={format!("{:.2}", speed.log10())}
                       aria-label={t!(lang, "workspace-clock-speed")} aria-valuetext={format_speed(speed)} oninput={on_speed} />
                <output class="clock-speed-value">{ format_speed(speed) }</output>
            </label>
            <span class="clock-time-box" title={t!(lang, "workspace-clock-time.title")}>
                <span class="clock-label">{ "t =" }</span>
                // A box of fixed size that contains its own layout: the time
                // written every frame lays out this box only, not the page.
                <span class="clock-time" aria-live="off"><span class="clock-digits" ref={stage.clock.clone()}></span></span>
            </span>
            <button type="button" class="clock-reset" onclick={reset} title={t!(lang, "workspace-clock-reset.title")}>{ t!(lang, "workspace-clock-reset") }</button>
            <button type="button" class="clock-restart" onclick={restart} title={t!(lang, "workspace-clock-restart.title")}>
                { t!(lang, "workspace-clock-restart") }
            </button>
            if let Some(why) = halted {
                <p class="clock-halted" role="status">{ why }</p>
            }
        </div>
    }
}
