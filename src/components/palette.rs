//! The palette: the kinds of node a user can put on the canvas.

use yew::prelude::*;

use crate::app::NodeKind;

/// Properties of [`Palette`].
#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    /// The entry shown as picked, if any.
    pub selected: Option<NodeKind>,
    /// Called with the kind whose entry was clicked.
    pub on_select: Callback<NodeKind>,
}

/// A list of the node kinds (producer, exchange, queue, consumer), each a
/// button that picks it.
#[function_component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    let items = NodeKind::ALL.iter().map(|&kind| {
        let pressed = props.selected == Some(kind);
        let onclick = props.on_select.reform(move |_: MouseEvent| kind);
        html! {
            <li key={kind.name()}>
                <button
                    type="button"
                    class={classes!("palette-item", kind.name(), pressed.then_some("selected"))}
                    data-kind={kind.name()}
                    aria-pressed={pressed.to_string()}
                    title={kind.description()}
                    {onclick}
                >
                    <span class="palette-swatch" aria-hidden="true"></span>
                    <span class="palette-name">{ kind.name() }</span>
                    <span class="palette-description">{ kind.description() }</span>
                </button>
            </li>
        }
    });

    html! {
        <nav class="palette" aria-label="Node palette">
            <h2 class="palette-title">{ "Palette" }</h2>
            <ul class="palette-list">{ for items }</ul>
            <p class="palette-hint">{ "Pick a kind, then place it on the canvas." }</p>
        </nav>
    }
}
