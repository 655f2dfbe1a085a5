//! Embed mode (`?embed=1`): the page inside a tutorial's iframe. The
//! canvas, the clock bar and a compact event log, sized to the frame, with
//! no editing chrome (no header menus, no inspector; the palette only when
//! the embed is editable), and a small "Open in Warren" link that carries
//! the scenario to the full playground as a share link.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::api::page::open_link;
use crate::editor::view::View;
use crate::editor::{fit_view, EditAction};
use crate::scenario::Scenario;

use crate::components::context::use_editor;
use crate::components::workspace::clock_bar::ClockBar;
use crate::components::{Canvas, EventLog, Palette};

/// The view that shows all of `s` in a `width` × `height` canvas with a
/// narrow margin (frames are small; the full page's fit keeps 48 px),
/// above the band of the zoom buttons and the node count at the bottom;
/// never under the zoom where text cannot be read (the user pans).
pub fn embed_view(s: &Scenario, width: f64, height: f64) -> View {
    const EXTRA: f64 = 32.0;
    const CONTROLS: f64 = 40.0;
    let mut v = fit_view(s, width + 2.0 * EXTRA, (height - CONTROLS).max(1.0) + 2.0 * EXTRA);
    v.x -= EXTRA;
    v.y -= EXTRA;
    crate::view::zoom::readable(s, v, width, (height - CONTROLS).max(1.0))
}

/// The properties of [`EmbedLayout`].
#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// The page's own URL without query or fragment (the base of the
    /// "Open in Warren" link).
    pub page_url: AttrValue,
    /// Shown once at start (a share link or lesson that could not be
    /// opened).
    #[prop_or_default]
    pub notice: Option<crate::i18n::Msg>,
}

/// The embedded page: bar (title, clock, "Open in Warren"), canvas and log.
#[function_component(EmbedLayout)]
pub fn embed_layout(props: &EmbedProps) -> Html {
    let editor = use_editor();
    let link = {
        let page = props.page_url.clone();
        use_memo(editor.scenario.clone(), move |s| open_link(&page, s))
    };

    // Show the whole scenario: at start and whenever the frame is resized.
    let latest = use_mut_ref(|| editor.scenario.clone());
    *latest.borrow_mut() = editor.scenario.clone();
    {
        let editor = editor.clone();
        let notice = props.notice.clone();
        use_effect_with((), move |_| {
            let fit = {
                let editor = editor.clone();
                move || {
                    if let Some(r) = crate::components::workspace::palette::canvas_rect() {
                        let s = latest.borrow().clone();
                        editor.dispatch(EditAction::SetView(embed_view(&s, r.width(), r.height())));
                    }
                }
            };
            fit();
            if let Some(text) = notice {
                editor.dispatch(EditAction::Notify { text, node: None });
            }
            let fit = Rc::new(fit);
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| fit());
            move || drop(listener)
        });
    }

    let title = editor.scenario.title.clone();
    let read_only = editor.read_only;
    let lang = crate::components::use_lang();
    html! {
        <div class={classes!("app", "embed", read_only.then_some("read-only"))} data-embed={if read_only { "read-only" } else { "editable" }}>
            <header class="embed-bar">
                if !title.is_empty() {
                    <span class="embed-title" title={title.clone()}>{ title }</span>
                }
                <ClockBar />
                <a class="open-in-warren" href={(*link).clone()} target="_blank" rel="noopener noreferrer"
                   title={t!(lang, "workspace-open-in-warren.title")}>
                    { t!(lang, "workspace-open-in-warren") }
                </a>
            </header>
            <main class="workspace embed-workspace">
                if !read_only {
                    <Palette />
                }
                <div class="stage-column">
                    <Canvas />
                    <EventLog />
                </div>
            </main>
        </div>
    }
}
