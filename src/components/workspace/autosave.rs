//! Autosave (the format and the two-tab rules are in
//! [`crate::workspace::saved`]): a third of a second after the last change
//! the whole scenario, clock speed included, is written to this tab's
//! `sessionStorage` and to `localStorage`, and at once when the page is
//! left. A failed write (storage full or blocked) is reported once, with a
//! way to save the scenario as a file; the page keeps working. When another
//! tab saves a different workspace, a banner offers to load it (an
//! undoable step); ignoring it keeps this tab's, and this tab's next change
//! is saved over it (last writer wins, whole documents only).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::scenario::Scenario;
use crate::view::autosave_banners::{other_tab_saved, write_failed};
use crate::workspace::banner::BannerChange;
use crate::workspace::saved::{self, KEY, TAB_KEY};
use crate::workspace::startup::Store;
use crate::workspace::Topic;

use crate::components::context::use_editor;
use crate::components::workspace::banners::{use_banners, BannersHandle};
use crate::web::browser;

/// How long after the last change the workspace is saved (ms).
pub const DEBOUNCE_MS: u32 = 300;

/// This tab's id: kept in `sessionStorage`, so a reload keeps it.
fn tab_id() -> String {
    if let Some(id) = browser::storage_get(Store::Session, TAB_KEY).filter(|id| !id.is_empty()) {
        return id;
    }
    let id = saved::tab_id(js_sys::Math::random());
    let _ = browser::storage_set(Store::Session, TAB_KEY, &id);
    id
}

/// What the saver keeps between renders.
struct Saver {
    tab: String,
    /// The scenario this tab last wrote (or found saved at start).
    written: Option<Rc<Scenario>>,
    /// The scenario on the page.
    current: Rc<Scenario>,
    pending: Option<Timeout>,
    /// A failure is being shown (reported once until a write succeeds).
    failing: bool,
    banners: Option<BannersHandle>,
}

impl Saver {
    /// The saver at start: what is saved already counts as written, and so
    /// does an empty workspace: opening a tab writes nothing until
    /// something changes.
    fn new(current: Rc<Scenario>) -> Saver {
        let written = [Store::Session, Store::Local]
            .into_iter()
            .find_map(|s| browser::storage_get(s, KEY))
            .and_then(|t| saved::decode(&t).ok())
            .map(|s| s.scenario)
            .unwrap_or_default();
        Saver {
            tab: String::new(),
            written: Some(Rc::new(written)),
            current,
            pending: None,
            failing: false,
            banners: None,
        }
    }

    /// Writes the current scenario if it differs from what was written.
    fn flush(&mut self) {
        self.pending = None;
        if self.written.as_ref().is_some_and(|w| **w == *self.current) {
            return;
        }
        let text = saved::encode(&self.current, &self.tab, browser::now_ms());
        let result =
            browser::storage_set(Store::Session, KEY, &text).and(browser::storage_set(Store::Local, KEY, &text));
        match result {
            Ok(()) => {
                self.written = Some(self.current.clone());
                if std::mem::take(&mut self.failing) {
                    self.tell(BannerChange::Clear(Topic::Autosave));
                }
            }
            // Reported once, until a write succeeds.
            Err(why) if !self.failing => {
                self.failing = true;
                self.tell(BannerChange::Show(write_failed(why.message())));
            }
            Err(_) => {}
        }
    }

    /// Shows or clears a banner.
    fn tell(&self, change: BannerChange) {
        if let Some(b) = &self.banners {
            b.dispatch(change);
        }
    }

    /// Another tab wrote the autosave (a `storage` event): offer its copy.
    fn other_tab_saved(&self, e: &web_sys::StorageEvent) {
        if e.key().as_deref() != Some(KEY) {
            return;
        }
        let is_local = match (e.storage_area(), browser::storage(Store::Local)) {
            (Some(area), Ok(local)) => area == local,
            _ => false,
        };
        if !is_local {
            return;
        }
        let Some(copy) = e.new_value().and_then(|t| saved::decode(&t).ok()) else { return };
        if self.banners.is_none() {
            return;
        }
        let time = |ms: f64| String::from(js_sys::Date::new(&ms.into()).to_locale_time_string("default"));
        self.tell(other_tab_saved(copy, &self.tab, &self.current, time));
    }
}

/// Properties of [`Autosave`].
#[derive(Properties, PartialEq)]
pub struct AutosaveProps {
    /// Save at all (the page's own workspace; not in component tests).
    pub enabled: bool,
}

/// A change: save a moment later (a drag saves once, at its end).
#[hook]
fn use_save_changes(saver: Rc<RefCell<Saver>>, scenario: Rc<Scenario>, enabled: bool) {
    use_effect_with(scenario, move |scenario| {
        let mut s = saver.borrow_mut();
        s.current = scenario.clone();
        if enabled {
            let weak = Rc::downgrade(&saver);
            s.pending = Some(Timeout::new(DEBOUNCE_MS, move || {
                if let Some(saver) = weak.upgrade() {
                    saver.borrow_mut().flush();
                }
            }));
        }
    });
}

/// Leaving the page saves at once; another tab's save is offered.
#[hook]
fn use_page_listeners(saver: Rc<RefCell<Saver>>, enabled: bool) {
    use_effect_with(enabled, move |enabled| {
        let listeners = enabled.then(|| {
            saver.borrow_mut().tab = tab_id();
            let window = gloo::utils::window();
            let leave = {
                let saver = saver.clone();
                EventListener::new(&window, "pagehide", move |_| saver.borrow_mut().flush())
            };
            let other_tab = EventListener::new(&window, "storage", move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() {
                    saver.borrow().other_tab_saved(e);
                }
            });
            (leave, other_tab)
        });
        move || {
            drop(listeners);
        }
    });
}

/// Saves the workspace as it changes; draws nothing.
#[function_component(Autosave)]
pub fn autosave(props: &AutosaveProps) -> Html {
    let editor = use_editor();
    let banners = use_banners();
    let saver = use_mut_ref(|| Saver::new(editor.scenario.clone()));
    saver.borrow_mut().banners = Some(banners);
    use_save_changes(saver.clone(), editor.scenario.clone(), props.enabled);
    use_page_listeners(saver, props.enabled);
    html! {}
}
