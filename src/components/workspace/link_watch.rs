//! A share link pasted into the address bar of an open page changes only
//! the fragment (no reload): this opens it like at start, as an undoable
//! load, or says why it could not, leaving the workspace as it was. The
//! `s=` part is then removed from the address.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::editor::EditAction;
use crate::share;
use crate::workspace::{query, Banner, BannerAction, Tone, Topic};

use crate::components::context::use_editor;
use crate::components::workspace::banners::{show, use_banners};
use crate::web::browser;

/// Properties of [`LinkWatch`].
#[derive(Properties, PartialEq)]
pub struct LinkWatchProps {
    /// Watch at all (the page's own workspace).
    pub enabled: bool,
}

/// Opens share links that arrive by a change of the fragment; draws nothing.
#[function_component(LinkWatch)]
pub fn link_watch(props: &LinkWatchProps) -> Html {
    let editor = use_editor();
    let banners = use_banners();
    let latest = use_mut_ref(|| (editor.clone(), banners.clone()));
    *latest.borrow_mut() = (editor.clone(), banners.clone());
    use_effect_with(props.enabled, move |enabled| {
        let listener = enabled.then(|| {
            EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let address = browser::address();
                let Some(data) = query::param(&address.hash, "s") else { return };
                let (editor, banners) = latest.borrow().clone();
                match share::decode(&data) {
                    Ok(s) => {
                        editor.dispatch(EditAction::Load(Rc::new(s)));
                        show(
                            &banners,
                            Banner::new(Topic::Link, Tone::Info, crate::msg!("workspace-link-opened"))
                                .with_action(BannerAction::Undo),
                        );
                    }
                    Err(e) => show(
                        &banners,
                        Banner::new(Topic::Link, Tone::Error, crate::msg!("workspace-link-refused"))
                            .with_lines([e.msg()]),
                    ),
                }
                browser::replace_address(&address.search, &query::without(&address.hash, "s", '#'));
            })
        });
        move || drop(listener)
    });
    html! {}
}
