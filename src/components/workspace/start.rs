//! The browser side of starting the page (the rules are in
//! [`crate::workspace::startup`]): read the address and the saved copies,
//! set damaged copies aside, tidy the address, and build the editor (the
//! autosave, with a link or lesson loaded over it as an undoable step) and
//! the first banners.

use std::rc::Rc;

use crate::editor::{EditAction, Editor};
use crate::scenario::Scenario;
use crate::workspace::saved::{self, KEY};
use crate::workspace::startup::{self, damaged_banner, Inputs, Store};
use crate::workspace::{Banner, Banners};

use crate::web::browser;

/// The editor and banners the page starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Begin {
    /// The editor.
    pub editor: Editor,
    /// The banners.
    pub banners: Banners,
}

/// The start of a page: with `persist`, from the address and the saved
/// workspace (see [`startup::decide`]); otherwise `given` or an empty
/// scenario, touching nothing in the browser. A lesson opens in `lang`.
pub fn begin(persist: bool, given: Option<Rc<Scenario>>, lang: crate::i18n::Lang) -> Begin {
    if !persist {
        return Begin {
            editor: Editor::new(given.as_deref().cloned().unwrap_or_default()),
            banners: Banners::default(),
        };
    }
    let address = browser::address();
    let inputs = Inputs {
        search: address.search.clone(),
        hash: address.hash.clone(),
        session: browser::storage_get(Store::Session, KEY),
        local: browser::storage_get(Store::Local, KEY),
        lang,
    };
    let mut start = startup::decide(&inputs);
    if let Some(s) = given {
        if start.open.is_none() {
            start.base = (*s).clone();
        }
    }

    // Damaged copies: moved aside under a key of their own, reported once.
    let mut banners: Vec<Banner> = Vec::new();
    let mut set_aside: Option<Banner> = None;
    for d in &start.damaged {
        let key = saved::set_aside_key(d.store.as_str(), browser::now_ms());
        let b = match browser::storage_set(Store::Local, &key, &d.text) {
            Ok(()) => {
                browser::storage_remove(d.store, KEY);
                damaged_banner(d, Ok(&key))
            }
            Err(why) => damaged_banner(d, Err(why.message())),
        };
        match &mut set_aside {
            None => set_aside = Some(b),
            Some(first) => {
                first.lines.push(b.title);
                first.lines.extend(b.lines);
                first.actions.extend(b.actions);
            }
        }
    }
    banners.extend(set_aside);
    banners.extend(start.banners.iter().cloned());

    // The link and the lesson are used: a reload restores the autosave.
    if start.search.is_some() || start.hash.is_some() {
        browser::replace_address(
            start.search.as_deref().unwrap_or(&address.search),
            start.hash.as_deref().unwrap_or(&address.hash),
        );
    }

    let mut editor = Editor::new(start.base.clone());
    if let Some((s, _)) = start.open.take() {
        editor.apply(EditAction::Load(Rc::new(s)));
    }
    Begin { editor, banners: Banners::with(banners) }
}
