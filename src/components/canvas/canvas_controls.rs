//! The buttons over the canvas: undo and redo (top left), zoom out, the
//! zoom level, zoom in and fit (bottom left).

use yew::prelude::*;

use crate::editor::geometry::Point;
use crate::editor::{fit_view, EditAction};

use crate::components::context::use_editor;
use crate::components::workspace::palette::canvas_rect;

/// Undo/redo and zoom buttons.
#[function_component(CanvasControls)]
pub fn canvas_controls() -> Html {
    let editor = use_editor();
    let dispatch = |a: EditAction| {
        let editor = editor.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            editor.dispatch(a.clone());
        })
    };
    // The canvas's middle is read when a button is pressed: reading it while
    // rendering forced a layout of the whole page at every render (every
    // pan, zoom and selection step: 8 ms with 500 nodes).
    let zoom_by = |factor: f64| {
        let editor = editor.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            let at = canvas_rect().map(|r| Point::new(r.width() / 2.0, r.height() / 2.0)).unwrap_or_default();
            editor.dispatch(EditAction::Zoom { at, factor });
        })
    };
    let fit = {
        let editor = editor.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            if let Some(r) = canvas_rect() {
                editor.dispatch(EditAction::SetView(fit_view(&editor.scenario, r.width(), r.height())));
            }
        })
    };
    html! {
        <>
            <div class="canvas-controls history" role="toolbar" aria-label="History">
                <button type="button" class="undo" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!editor.can_undo()} onclick={dispatch(EditAction::Undo)}>{ "↶ Undo" }</button>
                <button type="button" class="redo" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!editor.can_redo()} onclick={dispatch(EditAction::Redo)}>{ "↷ Redo" }</button>
            </div>
            <div class="canvas-controls zoom" role="toolbar" aria-label="Zoom">
                <button type="button" class="zoom-out" aria-label="Zoom out" title="Zoom out (-)" onclick={zoom_by(1.0 / 1.25)}>{ "−" }</button>
                <button type="button" class="zoom-level" title="Back to 100% (0)" onclick={dispatch(EditAction::ResetView)}>{ format!("{:.0}%", editor.view.zoom * 100.0) }</button>
                <button type="button" class="zoom-in" aria-label="Zoom in" title="Zoom in (+)" onclick={zoom_by(1.25)}>{ "+" }</button>
                <button type="button" class="zoom-fit" title="Show every node" onclick={fit}>{ "Fit" }</button>
            </div>
        </>
    }
}
