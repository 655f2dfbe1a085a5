//! Requests to a RabbitMQ management API with the browser's `fetch`
//! (plain web-sys: no extra crate, and the `no-cors` probe below needs the
//! raw request modes). What the answers mean is decided in
//! [`crate::broker_link`].
//!
//! A `fetch` that fails without an answer is a `TypeError` whether
//! nothing listens or the browser refused the answer for CORS; a second,
//! `no-cors` request tells them apart: it succeeds (with an opaque answer)
//! only when a server answered.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit, RequestMode, Response};

use crate::broker_link::connection::Method;
use crate::broker_link::{Failure, Request, Settings};

/// How long a request may take.
pub const TIMEOUT_MS: u32 = 15_000;

/// Sends a request; the body of a 2xx answer, or why it failed.
pub async fn call(settings: &Settings, request: &Request) -> Result<String, Failure> {
    let (status, body) = send(settings, request).await?;
    if (200..300).contains(&status) {
        Ok(body)
    } else {
        Err(Failure::from_status(status, &body, &settings.user))
    }
}

/// Sends a request: the status and body of whatever answer came.
pub async fn send(settings: &Settings, request: &Request) -> Result<(u16, String), Failure> {
    let url = settings.endpoint(&request.path);
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let headers = web_sys::Headers::new().map_err(|_| Failure::BadAnswer("no Headers in this browser".into()))?;
    let _ = headers.set("Authorization", &settings.authorization());
    if let Some(body) = &request.body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(&body.to_string()));
    } else if request.method != Method::Get && request.method != Method::Delete {
        init.set_body(&JsValue::from_str("{}"));
    }
    init.set_headers(&headers);
    let window = gloo::utils::window();
    let answer = JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await;
    let response: Response = match answer {
        Ok(r) => r.unchecked_into(),
        Err(e) => return Err(diagnose(settings, &e).await),
    };
    let status = response.status();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((status, text))
}

/// Why a `fetch` failed without an answer: a timeout, CORS (a server
/// answered a `no-cors` request) or nothing listening.
async fn diagnose(settings: &Settings, error: &JsValue) -> Failure {
    let name = js_sys::Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    if name == "TimeoutError" || name == "AbortError" {
        return Failure::TimedOut { url: settings.url.clone(), seconds: TIMEOUT_MS / 1000 };
    }
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::NoCors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let probe = gloo::utils::window().fetch_with_str_and_init(&settings.endpoint("/api/overview"), &init);
    match JsFuture::from(probe).await {
        Ok(_) => Failure::Cors { url: settings.url.clone(), origin: own_origin() },
        Err(_) => Failure::Unreachable { url: settings.url.clone() },
    }
}

/// This page's origin (`http://127.0.0.1:8080`).
pub fn own_origin() -> String {
    gloo::utils::window().location().origin().unwrap_or_default()
}
