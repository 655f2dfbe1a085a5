//! The canvas: the SVG surface where the topology will be drawn. For now it
//! is empty and says so.

use yew::prelude::*;

use crate::app::NodeKind;

/// Properties of [`Canvas`].
#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    /// The palette entry picked, if any; the canvas says what it will place.
    pub selected: Option<NodeKind>,
    /// Called when the user clears the pick from the canvas.
    pub on_clear: Callback<()>,
}

/// The empty canvas: a dotted grid in an `<svg>`, with a hint in the middle.
#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let status = match props.selected {
        None => "Empty canvas: nothing placed yet".to_string(),
        Some(kind) => format!("Selected: {}", kind.name()),
    };
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());

    html! {
        <section class="canvas-area" aria-label="Canvas">
            <svg class="canvas" role="img" aria-label="Topology canvas" width="100%" height="100%">
                <defs>
                    <pattern id="canvas-grid" width="24" height="24" patternUnits="userSpaceOnUse">
                        <circle cx="1" cy="1" r="1" class="canvas-grid-dot" />
                    </pattern>
                </defs>
                <rect class="canvas-grid" width="100%" height="100%" fill="url(#canvas-grid)" />
                <g class="canvas-nodes"></g>
            </svg>
            <div class="canvas-overlay">
                <p class="canvas-status" aria-live="polite">{ status }</p>
                if props.selected.is_some() {
                    <button type="button" class="canvas-clear" onclick={on_clear}>{ "Clear selection" }</button>
                } else {
                    <p class="canvas-hint">{ "Producers, exchanges, queues and consumers will appear here." }</p>
                }
            </div>
        </section>
    }
}
