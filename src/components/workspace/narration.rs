//! The narration panel: a lesson's (or any scenario's) narration steps,
//! one at a time: its title, what to watch and a "try this", with
//! previous / next and a way to fold it away. Shown only when the scenario
//! has narration; it starts again at step 1 when the narration changes.
//! A lesson's narration is shown in the page's language, and follows a
//! switch of language at the same step (see [`crate::workspace::lesson_lang`]).

use yew::prelude::*;

use crate::i18n::{t, text, Arg};
use crate::workspace::lesson_lang::narration_in;

use crate::components::context::use_editor;

/// The narration of the scenario on the canvas.
#[function_component(NarrationPanel)]
pub fn narration_panel() -> Html {
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let steps = editor.scenario.narration.clone();
    let shown = {
        let s = editor.scenario.clone();
        use_memo((steps.clone(), s.title.clone(), lang), move |_| narration_in(&s, lang))
    };
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
    let (title, shown_steps) = &*shown;
    let n = shown_steps.len();
    let i = (*step).min(n - 1);
    let current = &shown_steps[i];
    let go = |to: usize| {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(to))
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let try_label = t!(lang, "workspace-narration-try");
    let heading = if title.is_empty() { t!(lang, "workspace-narration") } else { title.clone() };
    let count =
        text(lang, id!("workspace-narration-step"), &[(var!("step"), Arg::from(i + 1)), (var!("count"), Arg::from(n))]);
    let (prev, next) =
        (t!(lang, "workspace-narration-previous.aria-label"), t!(lang, "workspace-narration-next.aria-label"));
    html! {
        <section class={classes!("narration", (!*open).then_some("folded"))} aria-label={t!(lang, "workspace-narration")} data-step={(i + 1).to_string()}>
            <div class="narration-head">
                <span class="narration-where">
                    <span class="narration-lesson">{ heading }</span>
                    <span class="narration-count" aria-live="polite">{ count }</span>
                </span>
                <h2 class="narration-title">{ current.title.clone() }</h2>
                <div class="narration-nav">
                    <button type="button" class="narration-prev" disabled={i == 0} onclick={go(i.saturating_sub(1))}
                            aria-label={prev.clone()} title={prev}>{ t!(lang, "workspace-narration-previous") }</button>
                    <button type="button" class="narration-next" disabled={i + 1 >= n} onclick={go((i + 1).min(n - 1))}
                            aria-label={next.clone()} title={next}>{ t!(lang, "workspace-narration-next") }</button>
                    <button type="button" class="narration-toggle" aria-expanded={open.to_string()} onclick={toggle}
                            title={t(lang, if *open { id!("workspace-narration-hide.title") } else { id!("workspace-narration-show.title") })}>
                        { t(lang, if *open { id!("workspace-narration-hide") } else { id!("workspace-narration-show") }) }
                    </button>
                </div>
            </div>
            if *open {
                <div class="narration-body">
                    <p class="narration-text">{ current.text.clone() }</p>
                    if let Some(try_this) = &current.try_this {
                        <p class="narration-try"><strong>{ try_label.clone() }</strong>{ try_this.clone() }</p>
                    }
                </div>
            }
        </section>
    }
}
