//! The banners above the canvas (see [`crate::workspace::banner`]): a
//! reducer shared through a context, and the list that shows them, each
//! with its details as text (a long list folded after a few lines, so the
//! canvas keeps its room), its buttons and a Dismiss button. Errors are
//! announced (`role=alert`), the rest politely (`role=status`).

use std::rc::Rc;

use yew::prelude::*;

use crate::editor::EditAction;
use crate::workspace::banner::{Banner, BannerAction, BannerChange, Banners};
use crate::workspace::files;

use crate::components::context::use_editor;
use crate::web::browser;

/// How many detail lines a banner shows before "Show N more".
pub const FOLD_AFTER: usize = 3;

/// The banners' reducer handle (a context provided by the app).
pub type BannersHandle = UseReducerHandle<Banners>;

impl Reducible for Banners {
    type Action = BannerChange;

    fn reduce(self: Rc<Self>, change: BannerChange) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(change);
        Rc::new(next)
    }
}

/// The banners from context. Without a provider (a component rendered on
/// its own), a handle of its own.
#[hook]
pub fn use_banners() -> BannersHandle {
    let own = use_reducer(Banners::default);
    use_context::<BannersHandle>().unwrap_or(own)
}

/// Shows a banner (replacing the one about the same topic).
pub fn show(banners: &BannersHandle, banner: Banner) {
    banners.dispatch(BannerChange::Show(banner));
}

/// Every banner, oldest first.
#[function_component(BannerList)]
pub fn banner_list() -> Html {
    let banners = use_banners();
    let editor = use_editor();
    let lang = crate::components::use_lang();
    if banners.list.is_empty() {
        return html! {};
    }
    let dismiss_text = crate::t!(lang, "workspace-banner-dismiss");
    let items = banners.list.iter().map(|b| {
        let id = b.id;
        let dismiss = {
            let banners = banners.clone();
            Callback::from(move |_: MouseEvent| banners.dispatch(BannerChange::Dismiss(id)))
        };
        let actions = b.actions.iter().map(|a| {
            let label = a.label().render(lang);
            let onclick = {
                let a = a.clone();
                let banners = banners.clone();
                let editor = editor.clone();
                Callback::from(move |_: MouseEvent| {
                    match &a {
                        BannerAction::Undo => editor.dispatch(EditAction::Undo),
                        BannerAction::Load(s) => editor.dispatch(EditAction::Load(s.clone())),
                        BannerAction::Download { name, text } => {
                            let _ = browser::save_file(name, "application/json", text);
                            return;
                        }
                        BannerAction::ExportScenario => {
                            let s = &editor.scenario;
                            let _ = browser::save_file(&files::scenario_file_name(s), "application/json", &files::scenario_file(s));
                            return;
                        }
                    }
                    banners.dispatch(BannerChange::Dismiss(id));
                })
            };
            html! { <button type="button" class="banner-action" {onclick}>{ label }</button> }
        });
        let role = if b.tone == crate::workspace::Tone::Error { "alert" } else { "status" };
        // A long list shows its first lines; the rest open on demand.
        let shown = if b.lines.len() > FOLD_AFTER + 1 { FOLD_AFTER } else { b.lines.len() };
        html! {
            <div key={id} class={classes!("banner", b.tone.as_str())} role={role} data-tone={b.tone.as_str()} data-topic={b.topic.as_str()}>
                <div class="banner-main">
                    <p class="banner-title">{ b.title.render(lang) }</p>
                    if !b.lines.is_empty() {
                        <ul class="banner-lines">
                            { for b.lines.iter().take(shown).map(|l| html! { <li>{ l.render(lang) }</li> }) }
                        </ul>
                    }
                    if b.lines.len() > shown {
                        <details class="banner-more">
                            <summary>{ crate::msg!("workspace-banner-show-more", count = b.lines.len() - shown).render(lang) }</summary>
                            <ul class="banner-lines">
                                { for b.lines.iter().skip(shown).map(|l| html! { <li>{ l.render(lang) }</li> }) }
                            </ul>
                        </details>
                    }
                    if !b.actions.is_empty() {
                        <div class="banner-actions">{ for actions }</div>
                    }
                </div>
                <button type="button" class="banner-close" aria-label={dismiss_text.clone()} title={dismiss_text.clone()} onclick={dismiss}>{ "×" }</button>
            </div>
        }
    });
    html! { <div class="banners" aria-label={crate::t!(lang, "workspace-banners.aria-label")}><div class="banner-stack">{ for items }</div></div> }
}
