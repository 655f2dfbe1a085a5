//! The "Programs" button at the canvas's top right, which opens the
//! Programs panel beside the canvas (on a phone the tab bar opens the
//! panel as a sheet instead, style.css).

use yew::prelude::*;

use crate::components::use_lang;

/// The button that opens the Programs panel; nothing while it is open
/// (the panel has its own close button). A plain function, not a
/// component: it holds no state.
pub fn programs_toggle(open: bool, on_toggle: &Callback<bool>) -> Html {
    if open {
        return html! {};
    }
    html! { <ProgramsToggle on_toggle={on_toggle.clone()} /> }
}

/// The properties of [`ProgramsToggle`].
#[derive(Properties, PartialEq)]
struct ToggleProps {
    on_toggle: Callback<bool>,
}

/// The button itself, in the page's language.
#[function_component(ProgramsToggle)]
fn programs_toggle_button(props: &ToggleProps) -> Html {
    let lang = use_lang();
    let onclick = props.on_toggle.reform(|_: MouseEvent| true);
    html! {
        <button type="button" class="programs-toggle" aria-expanded="false" aria-controls="programs-panel"
                title={t!(lang, "programs-toggle.title")} {onclick}>
            { t!(lang, "programs-toggle") }
        </button>
    }
}
