//! The "Programs" button at the canvas's top right, which opens the
//! Programs panel beside the canvas (on a phone the tab bar opens the
//! panel as a sheet instead, style.css).

use yew::prelude::*;

/// The button that opens the Programs panel; nothing while it is open
/// (the panel has its own close button). A plain function, not a
/// component: it holds no state.
pub fn programs_toggle(open: bool, on_toggle: &Callback<bool>) -> Html {
    if open {
        return html! {};
    }
    let onclick = on_toggle.reform(|_: MouseEvent| true);
    html! {
        <button type="button" class="programs-toggle" aria-expanded="false" aria-controls="programs-panel"
                title="Run your own pika programs: a terminal and Python on this broker" {onclick}>
            { "Programs" }
        </button>
    }
}
