//! `window.warren`'s program methods, on the page's own object (added
//! before it is frozen, like the real-broker methods):
//!
//! - `loadPrograms([{name, source}])` → a promise of `{ok, programs, notes}`
//!   (parsed by the worker; `notes`: `{program, line, column, message}` per
//!   file refused);
//! - `run(commandLine)` → `{ok, pid}`; `processes()` → `{ok, processes:
//!   [{pid, command, state, exit_code, stdout, stderr, note, started_ms}]}`;
//!   `interrupt(pid)` → `{ok}`.
//!
//! Nothing throws and no promise rejects: a bad argument, or a page still
//! starting, answers `{ok: false, error}`.

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use super::host_api::{from_json, to_json};
use crate::api::error;
use crate::components::programs::{self, load_files, Programs};
use crate::view::terminal::state_name;
use crate::workspace::program_files::{read_pid, read_program_list};

/// The methods answered at once.
pub const METHODS: [&str; 3] = ["run", "processes", "interrupt"];

/// What stays registered with `window.warren`.
pub struct Installed {
    _load: Closure<dyn Fn(JsValue) -> js_sys::Promise>,
    _calls: Vec<Closure<dyn Fn(JsValue) -> JsValue>>,
}

const STARTING: &str = "Warren is still starting; call again once the page has loaded";

/// Adds the methods to the `window.warren` object (before it is frozen).
pub fn install(api: &js_sys::Object) -> Option<Installed> {
    let load = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(|arg: JsValue| {
        let arg = to_json(&arg);
        wasm_bindgen_futures::future_to_promise(async move {
            let answer = match (arg, programs::current()) {
                (Err(e), _) => error(format!("loadPrograms: {e}")),
                (_, None) => error(STARTING),
                (Ok(v), Some(p)) => match read_program_list(&v) {
                    Ok(list) => load_files(p, list).await.to_json(),
                    Err(e) => error(e),
                },
            };
            Ok(from_json(&answer))
        })
    });
    js_sys::Reflect::set(api, &"loadPrograms".into(), load.as_ref()).ok()?;
    let mut calls = Vec::new();
    for method in METHODS {
        let f = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |arg: JsValue| {
            let answer = match (to_json(&arg), programs::current()) {
                (Err(e), _) => error(format!("{method}: {e}")),
                (_, None) => error(STARTING),
                (Ok(v), Some(p)) => call(&p, method, &v),
            };
            from_json(&answer)
        });
        js_sys::Reflect::set(api, &method.into(), f.as_ref()).ok()?;
        calls.push(f);
    }
    Some(Installed { _load: load, _calls: calls })
}

fn call(p: &Programs, method: &str, arg: &Value) -> Value {
    match method {
        "run" => match arg.as_str() {
            None => error(format!("run expects a command line like \"python3 send.py\", got {arg}")),
            Some(line) => match p.link.run_command(line) {
                Ok(pid) => json!({"ok": true, "pid": pid}),
                Err(e) => error(e),
            },
        },
        "interrupt" => match read_pid(arg) {
            Err(e) => error(format!("interrupt: {e}")),
            Ok(pid) if !p.link.processes().iter().any(|r| r.pid == pid) => {
                error(format!("interrupt: no process {pid}"))
            }
            Ok(pid) => {
                p.link.interrupt(pid);
                json!({"ok": true})
            }
        },
        _ => processes(p),
    }
}

fn processes(p: &Programs) -> Value {
    let rows: Vec<Value> = p
        .link
        .processes()
        .into_iter()
        .map(|r| {
            json!({"pid": r.pid, "command": r.command, "state": state_name(r.exit), "exit_code": r.exit,
                   "stdout": r.stdout, "stderr": r.stderr, "note": r.note.as_ref().map(crate::i18n::Msg::english), "started_ms": r.started_ms})
        })
        .collect();
    json!({"ok": true, "processes": rows})
}
