//! Thin wrappers over the browser APIs the workspace features use: the
//! address, `localStorage` / `sessionStorage`, file downloads, reading a
//! chosen or dropped file, the clipboard; their failures as a
//! [`BrowserError`] that says what went wrong in the page's language.
//! None of them panics: a missing API is an error value.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Storage, Url};

use crate::i18n::Msg;
use crate::workspace::startup::Store;

/// The parts of the page's address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// `https://example.org`.
    pub origin: String,
    /// `/warren/`.
    pub pathname: String,
    /// `?lesson=rpc`.
    pub search: String,
    /// `#s=...`.
    pub hash: String,
}

/// The page's address now.
pub fn address() -> Address {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return Address::default() };
    Address {
        origin: loc.origin().unwrap_or_default(),
        pathname: loc.pathname().unwrap_or_default(),
        search: loc.search().unwrap_or_default(),
        hash: loc.hash().unwrap_or_default(),
    }
}

/// Shows a new query and fragment in the address bar without loading
/// anything or adding a history entry.
pub fn replace_address(search: &str, hash: &str) {
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}{hash}")));
    }
}

/// Milliseconds since 1970 (the browser's clock).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Why a browser API could not do what was asked: Warren's words as a
/// message (the page's language), the browser's own reason kept as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserError {
    /// The page has no `window` (not a browser page).
    NoWindow,
    /// The page has no `document` or no `<body>`.
    NoDocument,
    /// The browser gives this page no storage area.
    NoStorage,
    /// The storage for this site is full.
    StorageFull,
    /// A file's contents are not text.
    NotText,
    /// The browser refused, in its own words (`SecurityError: …`).
    Refused(String),
    /// The browser failed without saying why.
    Unknown,
}

impl BrowserError {
    /// A JavaScript error as a refusal in the browser's words.
    pub fn from_js(e: &JsValue) -> BrowserError {
        error_text(e).map_or(BrowserError::Unknown, BrowserError::Refused)
    }

    /// What went wrong, in words.
    pub fn message(&self) -> Msg {
        match self {
            BrowserError::NoWindow => msg!("web-browser-no-window"),
            BrowserError::NoDocument => msg!("web-browser-no-document"),
            BrowserError::NoStorage => msg!("web-browser-no-storage"),
            BrowserError::StorageFull => msg!("web-browser-storage-full"),
            BrowserError::NotText => msg!("web-browser-not-text"),
            BrowserError::Refused(why) => crate::i18n::Msg::verbatim(why),
            BrowserError::Unknown => msg!("web-browser-unknown"),
        }
    }
}

/// In English (developers' logs, and callers that keep a text).
impl std::fmt::Display for BrowserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().english())
    }
}

/// A storage area, or why it cannot be used (blocked by the browser's
/// settings, or missing).
pub fn storage(store: Store) -> Result<Storage, BrowserError> {
    let window = web_sys::window().ok_or(BrowserError::NoWindow)?;
    let s = match store {
        Store::Local => window.local_storage(),
        Store::Session => window.session_storage(),
    };
    match s {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(BrowserError::NoStorage),
        Err(e) => Err(BrowserError::from_js(&e)),
    }
}

/// Reads a key (`None` when absent or unreadable).
pub fn storage_get(store: Store, key: &str) -> Option<String> {
    storage(store).ok()?.get_item(key).ok().flatten()
}

/// Writes a key; a full storage is [`BrowserError::StorageFull`].
pub fn storage_set(store: Store, key: &str, value: &str) -> Result<(), BrowserError> {
    let s = storage(store)?;
    s.set_item(key, value).map_err(|e| {
        let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name()).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            BrowserError::StorageFull
        } else {
            BrowserError::from_js(&e)
        }
    })
}

/// Removes a key.
pub fn storage_remove(store: Store, key: &str) {
    if let Ok(s) = storage(store) {
        let _ = s.remove_item(key);
    }
}

/// A JavaScript error in the browser's words (`None` when it gives none).
pub fn error_text(e: &JsValue) -> Option<String> {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return Some(format!("{}: {}", d.name(), d.message()));
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return Some(String::from(err.message()));
    }
    e.as_string()
}

/// Starts the download of a text file, or says why it cannot.
pub fn save_file(name: &str, mime: &str, text: &str) -> Result<(), BrowserError> {
    let js = |e: JsValue| BrowserError::from_js(&e);
    let document = web_sys::window().and_then(|w| w.document()).ok_or(BrowserError::NoDocument)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js)?;
    let a: HtmlAnchorElement = document.create_element("a").map_err(js)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document.body().ok_or(BrowserError::NoDocument)?;
    let _ = body.append_child(&a);
    a.click();
    a.remove();
    // Revoke later: some browsers read the blob after click() returns.
    let timeout = gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    });
    timeout.forget();
    Ok(())
}

/// Reads a file's text, or says why it cannot.
pub async fn read_file(file: &web_sys::File) -> Result<String, BrowserError> {
    let text = JsFuture::from(file.text()).await.map_err(|e| BrowserError::from_js(&e))?;
    text.as_string().ok_or(BrowserError::NotText)
}

/// Copies text to the clipboard; false when the browser has no clipboard
/// API here or refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let clipboard =
        js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) else { return false };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else { return false };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else { return false };
    match promise.dyn_into::<js_sys::Promise>() {
        Ok(p) => JsFuture::from(p).await.is_ok(),
        Err(_) => false,
    }
}
