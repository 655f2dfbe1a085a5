//! The page's Python parser: a web worker (built by Trunk from
//! `index.html`'s `data-type="worker"` link) that holds ruff's parser and
//! Warren's compiler, so the first load never carries them. It posts
//! `"ready"` once loaded, then answers every request (JSON text
//! `{id, name, source}`) with the compiled program or its refusal
//! (`warren::workspace::parser_wire`).
//!
//! Natively it reads one request from stdin and prints the answer, which
//! is handy to look at what the page receives.

/// Answers the page's requests (wasm32, in a dedicated worker).
#[cfg(target_arch = "wasm32")]
fn main() {
    use warren::workspace::parser_wire;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let request = e.data().as_string().unwrap_or_default();
        let _ = reply.post_message(&JsValue::from_str(&parser_wire::answer(&request)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it: so does its handler.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(parser_wire::READY));
}

/// Reads one request (`{"id", "name", "source"}`) from stdin and prints
/// the worker's answer.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Read;
    let mut request = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut request) {
        eprintln!("python-parser: cannot read stdin: {e}");
        std::process::exit(2);
    }
    println!("{}", warren::workspace::parser_wire::answer(&request));
}
