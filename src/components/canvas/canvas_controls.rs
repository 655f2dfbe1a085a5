//! The buttons over the canvas: undo and redo (top left), zoom out, the
//! zoom level, zoom in and fit (bottom left).

use crate::i18n::MsgId;
use yew::prelude::*;

use crate::editor::geometry::Point;
use crate::editor::{fit_view, EditAction};
use crate::i18n::t;

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
    let lang = crate::components::use_lang();
    let tr = |id: MsgId| t(lang, id);
    html! {
        <>
            <div class="canvas-controls history" role="toolbar" aria-label={tr(id!("canvas-history.aria-label"))}>
                <button type="button" class="undo" aria-label={tr(id!("canvas-undo.aria-label"))} title={tr(id!("canvas-undo.title"))} disabled={!editor.can_undo()} onclick={dispatch(EditAction::Undo)}>{ tr(id!("canvas-undo")) }</button>
                <button type="button" class="redo" aria-label={tr(id!("canvas-redo.aria-label"))} title={tr(id!("canvas-redo.title"))} disabled={!editor.can_redo()} onclick={dispatch(EditAction::Redo)}>{ tr(id!("canvas-redo")) }</button>
            </div>
            <div class="canvas-controls zoom" role="toolbar" aria-label={tr(id!("canvas-zoom.aria-label"))}>
                <button type="button" class="zoom-out" aria-label={tr(id!("canvas-zoom-out.aria-label"))} title={tr(id!("canvas-zoom-out.title"))} onclick={zoom_by(1.0 / 1.25)}>{ "−" }</button>
                <button type="button" class="zoom-level" title={tr(id!("canvas-zoom-reset.title"))} onclick={dispatch(EditAction::ResetView)}>{ format!("{:.0}%", editor.view.zoom * 100.0) }</button>
                <button type="button" class="zoom-in" aria-label={tr(id!("canvas-zoom-in.aria-label"))} title={tr(id!("canvas-zoom-in.title"))} onclick={zoom_by(1.25)}>{ "+" }</button>
                <button type="button" class="zoom-fit" title={tr(id!("canvas-zoom-fit.title"))} onclick={fit}>{ tr(id!("canvas-zoom-fit")) }</button>
            </div>
        </>
    }
}
