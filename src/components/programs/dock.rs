//! The "Programs" button at the canvas's top right, which opens the
//! Programs panel beside the canvas (on a phone the tab bar opens the
//! panel as a sheet instead, style.css).

use yew::prelude::*;

/// The properties of [`ProgramsToggle`].
#[derive(Properties, PartialEq)]
pub struct ProgramsToggleProps {
    /// The panel is open (the button is hidden then: the panel has a close button).
    pub open: bool,
    /// Called with the new open state.
    pub on_toggle: Callback<bool>,
}

/// The button that opens the Programs panel.
#[function_component(ProgramsToggle)]
pub fn programs_toggle(props: &ProgramsToggleProps) -> Html {
    if props.open {
        return html! {};
    }
    let onclick = props.on_toggle.reform(|_: MouseEvent| true);
    html! {
        <button type="button" class="programs-toggle" aria-expanded="false" aria-controls="programs-panel"
                title="Run your own pika programs: a terminal and Python on this broker" {onclick}>
            { "Programs" }
        </button>
    }
}
