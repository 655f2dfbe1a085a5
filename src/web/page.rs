//! The address, read once at start: embed mode, editable, the allowed
//! origins and, for an embed, its first scenario (see [`crate::api::page`]).

use crate::api::page::{self, PageMode, PageOptions, Start};
use crate::scenario::Scenario;

/// `location.search` and `location.hash` (empty when unavailable).
pub fn address() -> (String, String) {
    let location = gloo::utils::window().location();
    (location.search().unwrap_or_default(), location.hash().unwrap_or_default())
}

/// The page's own URL without query or fragment (`https://host/path`).
pub fn page_url() -> String {
    let location = gloo::utils::window().location();
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// The page mode the address asks for; what it had to leave out is
/// reported on the console.
pub fn mode() -> PageMode {
    let (search, _) = address();
    let options = PageOptions::from_query(&search);
    for w in &options.warnings {
        web_sys::console::warn_1(&format!("Warren: {w}").into());
    }
    options.mode
}

/// An embed's first scenario (a share link, else a lesson) and, when the
/// address asked for one that cannot be opened, why. Embeds never read or
/// write the autosaved workspace.
pub fn embed_start() -> (Option<Scenario>, Option<crate::i18n::Msg>) {
    let (search, hash) = address();
    match page::start(&PageOptions::from_query(&search), &hash) {
        Start::Nothing => (None, None),
        Start::Shared(s) | Start::Lesson(s) => (Some(s), None),
        Start::Refused(why) => (None, Some(why)),
    }
}

/// The `localStorage` key of the language the user chose.
const LANG_KEY: &str = "warren.lang";

/// The language to start in: `?lang=`, else the one chosen before, else
/// `navigator.languages` (see [`Lang::choose`](crate::i18n::Lang::choose)).
pub fn start_lang(embed: bool) -> crate::i18n::Lang {
    let (search, _) = address();
    let query = crate::workspace::query::param(&search, "lang");
    // An embed follows its address and the browser, never the page's choice.
    let remembered =
        if embed { None } else { crate::web::browser::storage_get(crate::workspace::startup::Store::Local, LANG_KEY) };
    let navigator: Vec<String> =
        gloo::utils::window().navigator().languages().iter().filter_map(|v| v.as_string()).collect();
    crate::i18n::Lang::choose(query.as_deref(), remembered.as_deref(), &navigator)
}

/// Remembers the user's choice for the next visit (quietly: a blocked
/// storage only means it is not remembered).
pub fn remember_lang(lang: crate::i18n::Lang) {
    let _ = crate::web::browser::storage_set(crate::workspace::startup::Store::Local, LANG_KEY, lang.tag());
}

/// Sets `<html lang>` to the page's language.
pub fn show_lang(lang: crate::i18n::Lang) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}
