//! The narration panel: a lesson's (or any scenario's) narration steps,
//! one at a time: its title, what to watch and a "try this", with
//! previous / next and a way to fold it away. Shown only when the scenario
//! has narration; it starts again at step 1 when the narration changes.

use yew::prelude::*;

use crate::components::context::use_editor;

/// The narration of the scenario on the canvas.
#[function_component(NarrationPanel)]
pub fn narration_panel() -> Html {
    let editor = use_editor();
    let steps = editor.scenario.narration.clone();
    let step = use_state(|| 0usize);
    let open = use_state(|| true);
    {
        let step = step.setter();
        let open = open.setter();
        use_effect_with(steps.clone(), move |_| {
            step.set(0);
            open.set(true);
        });
    }
    if steps.is_empty() {
        return html! {};
    }
    let n = steps.len();
    let i = (*step).min(n - 1);
    let current = &steps[i];
    let go = |to: usize| {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(to))
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let heading =
        if editor.scenario.title.is_empty() { "Narration".to_string() } else { editor.scenario.title.clone() };
    html! {
        <section class={classes!("narration", (!*open).then_some("folded"))} aria-label="Narration" data-step={(i + 1).to_string()}>
            <div class="narration-head">
                <span class="narration-where">
                    <span class="narration-lesson">{ heading }</span>
                    <span class="narration-count" aria-live="polite">{ format!("Step {} of {n}", i + 1) }</span>
                </span>
                <h2 class="narration-title">{ current.title.clone() }</h2>
                <div class="narration-nav">
                    <button type="button" class="narration-prev" disabled={i == 0} onclick={go(i.saturating_sub(1))}
                            aria-label="Previous step" title="Previous step">{ "‹ Previous" }</button>
                    <button type="button" class="narration-next" disabled={i + 1 >= n} onclick={go((i + 1).min(n - 1))}
                            aria-label="Next step" title="Next step">{ "Next ›" }</button>
                    <button type="button" class="narration-toggle" aria-expanded={open.to_string()} onclick={toggle}
                            title={if *open { "Fold the narration away" } else { "Show the narration" }}>
                        { if *open { "Hide" } else { "Show" } }
                    </button>
                </div>
            </div>
            if *open {
                <div class="narration-body">
                    <p class="narration-text">{ current.text.clone() }</p>
                    if let Some(t) = &current.try_this {
                        <p class="narration-try"><strong>{ "Try this: " }</strong>{ t.clone() }</p>
                    }
                </div>
            }
        </section>
    }
}
