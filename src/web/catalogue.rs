//! Fetches a language's catalogue when the page first needs it. English is
//! built into the page; Chinese is a file of its own (`zh-HASH.catalogue`,
//! named by `scripts/post-build.sh`, which writes the name into
//! `index.html`'s `<meta name="warren-catalogue-zh">`), fetched before the
//! first render of a Chinese page or when the switch first asks for it.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::i18n::{self, Lang, Msg};
use crate::web::browser::BrowserError;

/// Makes `lang` ready to speak: at once if it is, else by fetching and
/// installing its catalogue. The error says why in words for the user.
pub async fn load(lang: Lang) -> Result<(), Msg> {
    if i18n::is_ready(lang) {
        return Ok(());
    }
    let url = address(lang);
    let bytes = fetch_bytes(&url).await.map_err(|why| msg!("catalogue-unreachable", file = &url, reason = why))?;
    i18n::install(lang, bytes).map_err(|_| msg!("catalogue-damaged", file = &url))
}

/// The catalogue's address, from the page's meta tag.
fn address(lang: Lang) -> String {
    let selector = format!("meta[name='warren-catalogue-{}']", lang.tag());
    gloo::utils::document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| format!("{}.catalogue", lang.tag()))
}

/// The bytes at `url`, or why not (the server's status, or the browser's
/// reason in its own words).
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, Msg> {
    let answer = JsFuture::from(gloo::utils::window().fetch_with_str(url)).await;
    let response: Response = answer.map_err(|e| reason(&e))?.unchecked_into();
    if !response.ok() {
        return Err(msg!("catalogue-http-status", status = response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| reason(&e))?).await.map_err(|e| reason(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn reason(e: &wasm_bindgen::JsValue) -> Msg {
    BrowserError::from_js(e).message()
}
