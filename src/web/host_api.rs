//! `window.warren` and `postMessage`: the JavaScript face of
//! [`crate::api`]. Every method converts its arguments to JSON
//! (`JSON.stringify`, then serde_json), runs [`api::call`] on the page
//! ([`PageHost`]: the editor and the stage, so the canvas shows every change
//! at once) and converts the answer back. Nothing here throws: arguments
//! that are not JSON data, a page still starting or busy, an unknown method,
//! all come back as `{ok: false, error}`.
//!
//! Messages: a page sends `{warren: ID, method, args: [...]}` to the
//! iframe and gets `{warren: ID, result}` back. Only the page's own origin
//! and, in embeds, the origins listed in the iframe's `?origins=` are
//! answered; a call from any other origin is ignored with a console
//! warning, never run.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::host::{ready_event, reply, Incoming};
use crate::api::origins::origin_of_url;
use crate::api::page::PageMode;
use crate::api::{self, error, Host};
use crate::components::embed_view;
use crate::components::{wall_now, EditorHandle, Stage};
use crate::editor::EditAction;
use crate::scenario::Scenario;
use crate::simulation::Simulation;

/// The most JSON text one argument or message may hold (20 MiB: a
/// definitions file's limit and room to spare).
pub const MAX_ARGUMENT_CHARS: usize = 20 * 1024 * 1024;

/// The page as the API sees it: the editor (loads go through it, so they
/// are drawn and undoable) and the stage (the running simulation).
#[derive(Clone)]
pub struct PageHost {
    /// The editor.
    pub editor: EditorHandle,
    /// The running playground.
    pub stage: Stage,
    /// Embed or full page.
    pub mode: PageMode,
}

const BUSY: &str = "Warren is busy updating; call again in a moment";

impl Host for PageHost {
    fn read(&self, f: &mut dyn FnMut(&Simulation) -> Value) -> Result<Value, String> {
        let rt = self.stage.runtime.try_borrow().map_err(|_| BUSY.to_string())?;
        Ok(f(&rt.sim))
    }

    fn act(&mut self, f: &mut dyn FnMut(&mut Simulation) -> Value) -> Result<Value, String> {
        let out = {
            let mut rt = self.stage.runtime.try_borrow_mut().map_err(|_| BUSY.to_string())?;
            rt.act(wall_now(), |sim| f(sim))
        };
        self.stage.refresh.emit(());
        Ok(out)
    }

    fn load(&mut self, scenario: Scenario) -> Result<(), String> {
        // The simulation first, so a call right after this one (in the same
        // script) already sees the new scenario; the editor's load of the
        // same `Rc` then keeps this run (`Runtime::load`, `Runtime::follow`).
        let scenario = Rc::new(scenario);
        self.stage.runtime.try_borrow_mut().map_err(|_| BUSY.to_string())?.load(&scenario);
        let fit = if self.mode.embed { canvas_size().map(|(w, h)| embed_view(&scenario, w, h)) } else { None };
        self.editor.dispatch(EditAction::Load(scenario));
        if let Some(view) = fit {
            // An embed shows the whole scenario in its frame.
            self.editor.dispatch(EditAction::SetView(view));
        }
        self.stage.refresh.emit(());
        Ok(())
    }

    fn set_playing(&mut self, playing: bool) -> Result<(), String> {
        drop(self.stage.runtime.try_borrow_mut().map_err(|_| BUSY.to_string())?);
        self.stage.set_playing(playing);
        Ok(())
    }

    fn playing(&self) -> bool {
        self.stage.runtime.try_borrow().map(|rt| rt.playing).unwrap_or(false)
    }

    fn step(&mut self) -> Result<bool, String> {
        let moved = {
            let mut rt = self.stage.runtime.try_borrow_mut().map_err(|_| BUSY.to_string())?;
            rt.playing = false;
            rt.step(wall_now())
        };
        self.stage.refresh.emit(());
        Ok(moved)
    }
}

/// The canvas's size on screen (CSS pixels).
fn canvas_size() -> Option<(f64, f64)> {
    let el = gloo::utils::document().query_selector(".canvas-area").ok().flatten()?;
    let r = el.get_bounding_client_rect();
    (r.width() > 0.0 && r.height() > 0.0).then(|| (r.width(), r.height()))
}

/// The latest page handles, refreshed on every render of the app.
type Cell = Rc<RefCell<Option<PageHost>>>;

/// Reads a JavaScript value as JSON data (`undefined` is `null`).
pub fn to_json(v: &JsValue) -> Result<Value, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    let text = js_sys::JSON::stringify(v).map_err(|e| {
        let why = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
        format!("the argument cannot be written as JSON ({why})")
    })?;
    let Some(text) = text.as_string() else {
        return Err("the argument is not JSON data (a function or a symbol?)".into());
    };
    if text.len() > MAX_ARGUMENT_CHARS {
        return Err(format!("the argument is {} characters of JSON; the limit is {MAX_ARGUMENT_CHARS}", text.len()));
    }
    serde_json::from_str(&text).map_err(|e| format!("the argument cannot be read as JSON: {e}"))
}

/// Writes an answer as a JavaScript value (a string stays a string).
pub fn from_json(v: &Value) -> JsValue {
    if let Value::String(s) = v {
        return JsValue::from_str(s);
    }
    serde_json::to_string(v).ok().and_then(|t| js_sys::JSON::parse(&t).ok()).unwrap_or(JsValue::NULL)
}

/// Runs one call on the page; never panics on what it is given.
fn run(cell: &Cell, method: &str, args: Vec<Value>) -> Value {
    let host = match cell.try_borrow() {
        Ok(h) => h.clone(),
        Err(_) => return error(BUSY),
    };
    match host {
        Some(mut host) => api::call(&mut host, method, &args),
        None => error("Warren is still starting; call again once the page has loaded"),
    }
}

/// Calls from JavaScript: up to two arguments are seen (none of the methods
/// takes more than one, so a second one is reported), trailing `undefined`s
/// dropped.
fn js_call(cell: &Cell, method: &str, a: JsValue, b: JsValue) -> JsValue {
    let mut raw = vec![a, b];
    while raw.last().is_some_and(|v| v.is_undefined()) {
        raw.pop();
    }
    let mut args = Vec::with_capacity(raw.len());
    for (i, v) in raw.iter().enumerate() {
        match to_json(v) {
            Ok(j) => args.push(j),
            Err(e) => return from_json(&error(format!("{method}: argument {}: {e}", i + 1))),
        }
    }
    from_json(&run(cell, method, args))
}

/// What stays registered while the app is mounted.
struct Registration {
    _closures: Vec<Closure<dyn Fn(JsValue, JsValue) -> JsValue>>,
    _broker: Option<super::broker_api::Installed>,
    _programs: Option<super::programs_api::Installed>,
    _listener: EventListener,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let window = gloo::utils::window();
        let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &"warren".into());
    }
}

fn field(obj: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(obj, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `target.postMessage(message, origin)`, ignoring failures (a closed
/// window, an origin the browser refuses).
fn post(target: &JsValue, message: &Value, origin: &str) {
    let Ok(f) = field(target, "postMessage").dyn_into::<js_sys::Function>() else { return };
    let _ = f.call2(target, &from_json(message), &origin.into());
}

fn on_message(cell: &Cell, mode: &PageMode, event: &web_sys::Event) {
    let event: &JsValue = event.as_ref();
    let origin = field(event, "origin").as_string().unwrap_or_default();
    let data = match to_json(&field(event, "data")) {
        Ok(d) => d,
        Err(_) => return, // not JSON data: not a call
    };
    let incoming = Incoming::parse(&data);
    if incoming == Incoming::NotACall {
        return;
    }
    let own = gloo::utils::window().location().origin().unwrap_or_default();
    if !mode.allows(&origin, &own) {
        web_sys::console::warn_1(
            &format!(
                "Warren: ignored a postMessage call from {origin}: not an allowed origin. An embed answers it when its address lists it: embed.html?origins={origin}"
            )
            .into(),
        );
        return;
    }
    let (id, result) = match incoming {
        Incoming::Call { id, method, args } => {
            let result = run(cell, &method, args);
            (id, result)
        }
        Incoming::Bad { id, error: e } => (id, error(e)),
        Incoming::NotACall => return,
    };
    let source = field(event, "source");
    if !source.is_null() && !source.is_undefined() {
        post(&source, &reply(&id, result), &origin);
    }
}

/// The parent page's origin, when the browser tells: readable directly when
/// it is this page's own, else from `location.ancestorOrigins` (Chromium,
/// WebKit) or the referrer.
fn parent_origin(parent: &JsValue) -> Option<String> {
    let direct = js_sys::Reflect::get(parent, &"location".into())
        .ok()
        .and_then(|l| js_sys::Reflect::get(&l, &"origin".into()).ok());
    if let Some(o) = direct.and_then(|o| o.as_string()) {
        return Some(o);
    }
    let location: JsValue = gloo::utils::window().location().into();
    let ancestors = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).unwrap_or(JsValue::UNDEFINED);
    if !ancestors.is_undefined() && !ancestors.is_null() {
        if let Some(o) = js_sys::Reflect::get(&ancestors, &0.into()).ok().and_then(|o| o.as_string()) {
            return Some(o);
        }
    }
    origin_of_url(&gloo::utils::document().referrer())
}

fn register(cell: Cell, mode: PageMode) -> Option<Registration> {
    let window = gloo::utils::window();
    let api = js_sys::Object::new();
    let mut closures = Vec::new();
    for method in api::host::METHODS {
        let cell = cell.clone();
        let f = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(move |a, b| js_call(&cell, method, a, b));
        js_sys::Reflect::set(&api, &method.into(), f.as_ref()).ok()?;
        closures.push(f);
    }
    js_sys::Reflect::set(&api, &"version".into(), &api::host::API_VERSION.into()).ok()?;
    // The real-broker methods: on this object only, never by postMessage.
    let broker = super::broker_api::install(&api);
    // The program methods (loadPrograms, run, processes, interrupt).
    let programs = super::programs_api::install(&api);
    js_sys::Object::freeze(&api);
    js_sys::Reflect::set(&window, &"warren".into(), &api).ok()?;
    let listener = {
        let cell = cell.clone();
        let mode = mode.clone();
        EventListener::new(&window, "message", move |e| on_message(&cell, &mode, e))
    };
    // Tell the parent page (an embed's, if it is one we answer) that calls
    // can come.
    if let Ok(Some(parent)) = window.parent() {
        let parent: JsValue = parent.into();
        let own: JsValue = window.clone().into();
        if !js_sys::Object::is(&parent, &own) {
            let own_origin = window.location().origin().unwrap_or_default();
            for origin in mode.ready_targets(&own_origin, parent_origin(&parent).as_deref()) {
                post(&parent, &ready_event(), &origin);
            }
        }
    }
    Some(Registration { _closures: closures, _broker: broker, _programs: programs, _listener: listener })
}

/// Registers `window.warren` and the `postMessage` listener once, while
/// the calling component (the app) is mounted; every render hands them the
/// latest editor and stage.
#[hook]
pub fn use_host_api(editor: &EditorHandle, stage: &Stage, mode: &PageMode) {
    let cell: Cell = use_mut_ref(|| None);
    super::broker_session::set_scenario(editor.scenario.clone());
    if let Ok(mut slot) = cell.try_borrow_mut() {
        *slot = Some(PageHost { editor: editor.clone(), stage: stage.clone(), mode: mode.clone() });
    }
    let mode = mode.clone();
    use_effect_with((), move |_| {
        let registration = register(cell, mode);
        move || drop(registration)
    });
}
