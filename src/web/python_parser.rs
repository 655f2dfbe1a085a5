//! The Python parser's web worker, from the page's side: started the first
//! time a program is parsed (ruff's parser is about 560 KB gzipped, so it is
//! never part of the first load), then kept for the rest of the visit; the
//! browser caches its files. Requests made while it loads wait for it.
//!
//! Its address: Trunk names worker files after the binary
//! (`python-parser_loader.js`, no file hash); `scripts/hash-worker.sh`, a
//! post-build hook, renames them with a hash of their contents and writes
//! the new name into `index.html`'s `<meta name="warren-python-parser">`,
//! which is read here (so a new build is never served an old, cached
//! parser).
//!
//! Nothing here panics or throws: a worker that cannot load, fails, or does
//! not answer in time makes every waiting request come back as an error
//! (the next request starts a fresh worker).

use std::cell::RefCell;
use std::collections::BTreeMap;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::workspace::parser_wire::{self, ParseAnswer, ParseError, ParseOutcome, WorkerFailure, READY};

/// The worker's loader when no build hook renamed it.
const DEFAULT_URL: &str = "python-parser_loader.js";

/// How long the worker may take to load before requests give up (ms).
const LOAD_TIMEOUT_MS: u32 = 30_000;

/// Where the parser is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not asked for yet.
    Idle,
    /// Its module is loading.
    Loading,
    /// Loaded: answers come in milliseconds.
    Ready,
    /// It could not load or stopped (the next request tries again).
    Failed(WorkerFailure),
}

/// The worker's message and error handlers.
type Handlers = (Closure<dyn Fn(web_sys::MessageEvent)>, Closure<dyn Fn(web_sys::ErrorEvent)>);

/// The worker and the requests waiting for it.
struct Parser {
    worker: Option<web_sys::Worker>,
    status: Status,
    next_id: u32,
    /// Each waiting request's promise resolver.
    pending: BTreeMap<u32, js_sys::Function>,
    /// Requests made before the worker was ready.
    queued: Vec<String>,
    /// Counts the workers started (a load timeout is for its own worker only).
    starts: u32,
    _handlers: Option<Handlers>,
}

thread_local! {
    static PARSER: RefCell<Parser> = const { RefCell::new(Parser {
        worker: None,
        status: Status::Idle,
        next_id: 1,
        pending: BTreeMap::new(),
        queued: Vec::new(),
        starts: 0,
        _handlers: None,
    }) };
}

/// The parser's status now.
pub fn status() -> Status {
    PARSER.with(|p| p.borrow().status.clone())
}

/// A request on its way: await [`Pending::outcome`].
pub struct Pending {
    promise: js_sys::Promise,
}

impl Pending {
    /// The program, its refusal, or why the parser could not answer.
    pub async fn outcome(self) -> ParseOutcome {
        let answer = wasm_bindgen_futures::JsFuture::from(self.promise).await;
        let text = answer.ok().and_then(|v| v.as_string()).unwrap_or_default();
        match parser_wire::read_answer(&text) {
            Ok(a) => a.outcome,
            Err(e) => ParseOutcome::Error(e),
        }
    }
}

/// Sends a file to the parser (starting it if needed); several requests
/// can be on their way at once.
pub fn request(name: &str, source: &str) -> Pending {
    PARSER.with(|cell| {
        let mut p = cell.borrow_mut();
        let id = p.next_id;
        p.next_id = p.next_id.wrapping_add(1).max(1);
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |res, _rej| resolve = Some(res));
        if let Some(res) = resolve {
            p.pending.insert(id, res);
        }
        let text = parser_wire::request_text(id, name, source);
        match (&p.status, &p.worker) {
            (Status::Ready, Some(w)) => {
                if let Err(e) = w.post_message(&JsValue::from_str(&text)) {
                    p.answer_error(id, &WorkerFailure::NotTaken(js_reason(&e)));
                }
            }
            _ => {
                p.queued.push(text);
                if p.worker.is_none() {
                    start(&mut p);
                }
            }
        }
        Pending { promise }
    })
}

/// Starts the worker (its address from the page's meta tag).
fn start(p: &mut Parser) {
    p.status = Status::Loading;
    let url = worker_url();
    let worker = match web_sys::Worker::new(&url) {
        Ok(w) => w,
        Err(e) => return p.fail(&WorkerFailure::NoStart(js_reason(&e))),
    };
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let text = e.data().as_string().unwrap_or_default();
        PARSER.with(|cell| cell.borrow_mut().on_message(&text));
    });
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(|e: web_sys::ErrorEvent| {
        let message = e.message();
        let failure = WorkerFailure::Stopped((!message.is_empty()).then_some(message));
        PARSER.with(|cell| cell.borrow_mut().fail(&failure));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    p._handlers = Some((on_message, on_error));
    p.starts += 1;
    let this_start = p.starts;
    // Left to fire (a few bytes): dropping a timeout from its own callback
    // is not allowed, and a later start is told apart by its number.
    Timeout::new(LOAD_TIMEOUT_MS, move || {
        PARSER.with(|cell| {
            let mut p = cell.borrow_mut();
            if p.starts == this_start && p.status == Status::Loading {
                p.fail(&WorkerFailure::TimedOut(LOAD_TIMEOUT_MS / 1000));
            }
        })
    })
    .forget();
    p.worker = Some(worker);
}

impl Parser {
    fn on_message(&mut self, text: &str) {
        if text == READY {
            self.status = Status::Ready;
            let Some(worker) = self.worker.clone() else { return };
            for request in std::mem::take(&mut self.queued) {
                let _ = worker.post_message(&JsValue::from_str(&request));
            }
            return;
        }
        match parser_wire::read_answer(text) {
            Ok(ParseAnswer { id, .. }) => {
                if let Some(resolve) = self.pending.remove(&id) {
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(text));
                }
            }
            Err(e) => web_sys::console::warn_1(&format!("Warren: {e}").into()),
        }
    }

    /// Answers one waiting request with an error.
    fn answer_error(&mut self, id: u32, failure: &WorkerFailure) {
        if let Some(resolve) = self.pending.remove(&id) {
            let answer = ParseAnswer { id, outcome: ParseOutcome::Error(ParseError::Worker(failure.clone())) };
            let text = serde_json::to_string(&answer).unwrap_or_default();
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
        }
    }

    /// Gives up on the worker: every waiting request gets `failure`.
    fn fail(&mut self, failure: &WorkerFailure) {
        if let Some(w) = self.worker.take() {
            w.terminate();
        }
        self.status = Status::Failed(failure.clone());
        self.queued.clear();
        let ids: Vec<u32> = self.pending.keys().copied().collect();
        for id in ids {
            self.answer_error(id, failure);
        }
    }
}

/// The browser's reason for a JavaScript error, as it words it.
fn js_reason(e: &JsValue) -> Option<String> {
    super::browser::error_text(e)
}

/// The worker's address: the build's name for it, relative to the page.
fn worker_url() -> String {
    let document = gloo::utils::document();
    let named = document
        .query_selector("meta[name='warren-python-parser']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| DEFAULT_URL.to_string());
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(&named, &base).map(|u| u.href()).unwrap_or(named)
}
