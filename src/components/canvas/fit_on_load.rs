//! A loaded scenario (a lesson, a file, a share link, the autosave at
//! start) is shown whole: when its nodes do not fit the canvas at the
//! current view, the view is fitted to them (never zoomed in past 100%).
//! A scenario that fits keeps the usual view, and so does one too large to
//! read whole (see [`load_fit`]: on a phone the fit stops at a readable zoom
//! and the reader pans).

use yew::prelude::*;

use crate::editor::geometry::Rect;
use crate::editor::{fit_view, EditAction};
use crate::view::zoom::load_fit;

use crate::components::context::{use_editor, EditorHandle};
use crate::components::workspace::palette::canvas_rect;
use crate::scenario::Scenario;

/// Fits the view after each load; draws nothing.
#[function_component(FitOnLoad)]
pub fn fit_on_load() -> Html {
    let editor = use_editor();
    {
        let editor = editor.clone();
        // After the render that shows the loaded scenario (and its narration,
        // which takes room from the canvas).
        use_effect_with(editor.loads, move |_| fit_if_outside(&editor, &editor.scenario));
    }
    html! {}
}

/// Fits the view to `s` (what the canvas draws) when some of its nodes are
/// outside the canvas at the current view.
pub fn fit_if_outside(editor: &EditorHandle, s: &Scenario) {
    let Some(area) = canvas_rect() else { return };
    let v = editor.view;
    let outside = s.node_ids().filter_map(|(id, k)| Some(Rect::of_node(k, s.position(id)?))).any(|r| {
        let (x0, y0) = (r.x * v.zoom + v.x, r.y * v.zoom + v.y);
        let (x1, y1) = ((r.x + r.w) * v.zoom + v.x, (r.y + r.h) * v.zoom + v.y);
        x0 < 0.0 || y0 < 0.0 || x1 > area.width() || y1 > area.height()
    });
    if outside {
        if let Some(fitted) = load_fit(s, fit_view(s, area.width(), area.height()), area.width(), area.height()) {
            editor.dispatch(EditAction::SetView(fitted));
        }
    }
}
