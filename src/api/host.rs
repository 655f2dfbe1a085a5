//! One entry point for every API method, shared by `window.warren` and
//! `postMessage`: [`call`] checks the method name and its arguments, runs it
//! on a [`Host`] (the page: its simulation, its editor, its clock) and
//! answers with JSON. It never panics and never throws: anything it cannot
//! use is answered with `{"ok": false, "error": "..."}` and changes nothing.
//!
//! The `postMessage` envelope: a host page sends
//! `{"warren": ID, "method": "publish", "args": [...]}` and gets back
//! `{"warren": ID, "result": ...}` ([`Incoming::parse`], [`reply`]). A message
//! without both `warren` and `method` is not a call (other scripts' messages,
//! and Warren's own replies, are ignored, so two Warrens never answer each
//! other forever).

use serde_json::{json, Value};

use crate::scenario::{ProgramFile, Scenario};
use crate::simulation::Simulation;

use super::{error, kind, programs};

/// The version of the API and of the message protocol.
pub const API_VERSION: u32 = 1;

/// Every method, in the order the documentation lists them.
pub const METHODS: [&str; 16] = [
    "load",
    "scenario",
    "play",
    "pause",
    "step",
    "advance",
    "publish",
    "snapshot",
    "importDefinitions",
    "exportDefinitions",
    "exportCode",
    "loadPrograms",
    "run",
    "processes",
    "interrupt",
    "ping",
];

/// The most arguments a call may carry (none of the methods takes more
/// than one).
pub const MAX_ARGS: usize = 1;

/// What the API drives: the page (its simulation, shown on the canvas) or,
/// in tests, a bare simulation. Every change goes through here so that the
/// page shows it at once.
pub trait Host {
    /// Reads the simulation in play. `Err` when it cannot be reached now.
    fn read(&self, f: &mut dyn FnMut(&Simulation) -> Value) -> Result<Value, String>;
    /// Changes the simulation (publish, advance) and shows the result.
    fn act(&mut self, f: &mut dyn FnMut(&mut Simulation) -> Value) -> Result<Value, String>;
    /// Swaps in a whole scenario (load, import): a fresh broker, the canvas
    /// redrawn, undoable in the editor.
    fn load(&mut self, scenario: Scenario) -> Result<(), String>;
    /// Plays or pauses the clock.
    fn set_playing(&mut self, playing: bool) -> Result<(), String>;
    /// Whether the clock plays.
    fn playing(&self) -> bool;
    /// Steps to the next thing that happens (pausing first); false when
    /// nothing is due.
    fn step(&mut self) -> Result<bool, String>;
    /// Stores program files in the scenario (replacing files with the same
    /// name). By default the simulation's scenario takes them; the page
    /// makes it an editor edit, so undo, autosave and share links carry them.
    fn store_programs(&mut self, files: Vec<ProgramFile>) -> Result<(), String> {
        self.act(&mut |sim| {
            let mut s = sim.scenario().clone();
            s.store_programs(files.clone());
            sim.set_scenario(s);
            Value::Null
        })
        .map(|_| ())
    }
}

fn arity(method: &str, args: &[Value], min: usize, max: usize, usage: &str) -> Result<(), Value> {
    if args.len() < min || args.len() > max {
        let what = match max {
            0 => "no arguments".to_string(),
            1 if min == 1 => "one argument".to_string(),
            _ => "at most one argument".to_string(),
        };
        return Err(error(format!("{method} takes {what} ({usage}), got {}", args.len())));
    }
    Ok(())
}

/// Runs `method` with `args` on `host`. Answers with the method's result
/// (`scenario()` answers with the scenario's JSON text, every other method
/// with an object carrying `ok`).
pub fn call(host: &mut dyn Host, method: &str, args: &[Value]) -> Value {
    match run(host, method, args) {
        Ok(v) | Err(v) => v,
    }
}

fn run(host: &mut dyn Host, method: &str, args: &[Value]) -> Result<Value, Value> {
    let arg = args.first().cloned().unwrap_or(Value::Null);
    let failed = |e: String| error(e);
    Ok(match method {
        "load" => {
            arity(method, args, 1, 1, "load(scenario)")?;
            let s = super::load(&arg).map_err(|e| error(format!("load: {e}")))?;
            let title = s.title.clone();
            // Running processes end first: their connections close.
            host.act(&mut |sim| {
                sim.end_processes();
                Value::Null
            })
            .map_err(failed)?;
            host.load(s).map_err(failed)?;
            json!({ "ok": true, "title": title })
        }
        "scenario" => {
            arity(method, args, 0, 0, "scenario()")?;
            host.read(&mut |sim| Value::String(super::scenario_json(sim))).map_err(failed)?
        }
        "play" | "pause" => {
            arity(method, args, 0, 0, &format!("{method}()"))?;
            host.set_playing(method == "play").map_err(failed)?;
            json!({ "ok": true, "playing": host.playing() })
        }
        "step" => {
            arity(method, args, 0, 0, "step()")?;
            let moved = host.step().map_err(failed)?;
            let (now, halted) = host
                .read(&mut |sim| json!([sim.now(), sim.halted().map(crate::i18n::Msg::english)]))
                .map(|v| (v[0].clone(), v[1].clone()))
                .map_err(failed)?;
            json!({ "ok": true, "moved": moved, "now": now, "halted": halted })
        }
        "advance" => {
            arity(method, args, 1, 1, "advance(ms)")?;
            let ms = super::advance_ms(&arg).map_err(failed)?;
            host.act(&mut |sim| {
                let computing = sim.advance_through(ms, super::ADVANCE_SLICES);
                json!({
                    "ok": true,
                    "now": sim.now(),
                    "halted": sim.halted().map(crate::i18n::Msg::english),
                    "computing": computing,
                })
            })
            .map_err(failed)?
        }
        "publish" => {
            arity(method, args, 1, 1, "publish({exchange, routing_key, body, headers, properties, mandatory})")?;
            // Check the request before touching the page.
            super::publish_request(&arg).map_err(failed)?;
            host.act(&mut |sim| super::publish(sim, &arg)).map_err(failed)?
        }
        "snapshot" => {
            arity(method, args, 0, 0, "snapshot()")?;
            host.read(&mut |sim| super::snapshot(sim)).map_err(failed)?
        }
        "importDefinitions" => {
            arity(method, args, 1, 1, "importDefinitions(definitionsJson)")?;
            let (s, warnings) =
                super::import_definitions(&arg).map_err(|e| error(format!("importDefinitions: {e}")))?;
            host.load(s).map_err(failed)?;
            json!({ "ok": true, "warnings": warnings })
        }
        "exportDefinitions" => {
            arity(method, args, 0, 0, "exportDefinitions()")?;
            host.read(&mut |sim| super::export_definitions(sim.scenario())).map_err(failed)?
        }
        "exportCode" => {
            arity(method, args, 0, 1, "exportCode(\"pika\")")?;
            host.read(&mut |sim| super::export_code(sim.scenario(), &arg)).map_err(failed)?
        }
        "loadPrograms" | "run" | "processes" | "interrupt" => programs_method(host, method, args)?,
        "ping" => {
            arity(method, args, 0, 0, "ping()")?;
            json!({ "ok": true, "version": API_VERSION, "methods": METHODS })
        }
        other => {
            let shown: String = other.chars().take(60).collect();
            return Err(error(format!("unknown method '{shown}' (methods: {})", METHODS.join(", "))));
        }
    })
}

/// The programs' methods (see [`programs`]).
fn programs_method(host: &mut dyn Host, method: &str, args: &[Value]) -> Result<Value, Value> {
    let arg = args.first().cloned().unwrap_or(Value::Null);
    let failed = |e: String| error(e);
    Ok(match method {
        "loadPrograms" => {
            arity(method, args, 1, 1, "loadPrograms([{name, source}])")?;
            let files = programs::program_files(&arg).map_err(failed)?;
            load_programs(host, files)?
        }
        "run" => {
            arity(method, args, 1, 1, "run(commandLine)")?;
            host.act(&mut |sim| programs::run(sim, &arg)).map_err(failed)?
        }
        "processes" => {
            arity(method, args, 0, 0, "processes()")?;
            host.read(&mut |sim| programs::processes(sim)).map_err(failed)?
        }
        "interrupt" => {
            arity(method, args, 1, 1, "interrupt(pid)")?;
            let pid = programs::pid_arg(&arg).map_err(failed)?;
            host.act(&mut |sim| programs::interrupt(sim, pid)).map_err(failed)?
        }
        _ => return Err(error(format!("{method} is not a programs method"))),
    })
}

/// `loadPrograms` natively: parse here, then the second half.
#[cfg(not(target_arch = "wasm32"))]
fn load_programs(host: &mut dyn Host, files: Vec<ProgramFile>) -> Result<Value, Value> {
    Ok(programs::load_parsed(host, programs::parse_natively(files)))
}

/// `loadPrograms` in the page: the parser is asynchronous, so the page's
/// own `window.warren.loadPrograms` parses and calls
/// [`programs::load_parsed`]; a synchronous call cannot.
#[cfg(target_arch = "wasm32")]
fn load_programs(_: &mut dyn Host, _: Vec<ProgramFile>) -> Result<Value, Value> {
    Err(error("loadPrograms parses Python with the page's parser, which answers later: call window.warren.loadPrograms (it returns a promise)"))
}

/// A message that reached the page, as the protocol reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// Not a call (no `warren` and `method` keys): ignored without a word.
    NotACall,
    /// A call to run.
    Call {
        /// The caller's id, echoed in the reply.
        id: Value,
        /// The method's name.
        method: String,
        /// Its arguments.
        args: Vec<Value>,
    },
    /// A call that cannot be run: answered with this error.
    Bad {
        /// The caller's id, echoed in the reply.
        id: Value,
        /// What is wrong.
        error: String,
    },
}

impl Incoming {
    /// Reads a message's data (`event.data`, as JSON).
    pub fn parse(data: &Value) -> Incoming {
        let Some(obj) = data.as_object() else { return Incoming::NotACall };
        let (Some(id), Some(method)) = (obj.get("warren"), obj.get("method")) else {
            return Incoming::NotACall;
        };
        let id = match id {
            Value::String(s) if s.len() <= 200 => id.clone(),
            Value::Number(_) => id.clone(),
            _ => {
                return Incoming::Bad {
                    id: Value::Null,
                    error: "warren: the call id must be a number or a short string".into(),
                }
            }
        };
        let Value::String(method) = method else {
            return Incoming::Bad { id, error: format!("method must be a string, got {}", kind(method)) };
        };
        let args = match obj.get("args") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) if a.len() <= MAX_ARGS => a.clone(),
            Some(Value::Array(a)) => {
                return Incoming::Bad {
                    id,
                    error: format!("args: {method} takes at most {MAX_ARGS} argument, got {}", a.len()),
                }
            }
            Some(other) => return Incoming::Bad { id, error: format!("args must be an array, got {}", kind(other)) },
        };
        Incoming::Call { id, method: method.clone(), args }
    }
}

/// The reply to a call: `{"warren": id, "result": result}`.
pub fn reply(id: &Value, result: Value) -> Value {
    json!({ "warren": id, "result": result })
}

/// The message an embedded Warren sends its parent page once it listens:
/// `{"warrenEvent": "ready", "version": 1}`.
pub fn ready_event() -> Value {
    json!({ "warrenEvent": "ready", "version": API_VERSION })
}

#[cfg(test)]
mod tests;
