//! The host-page API's programs: `loadPrograms`, `run`, `processes`,
//! `interrupt`. Parsing needs the Python parser, which the page loads on
//! demand and runs asynchronously, so `loadPrograms` comes in two halves:
//! [`program_files`] reads the request (`[{name, source}]`), the page
//! parses each source, and [`load_parsed`] stores the sources in the
//! document, loads the parsed files and answers
//! `{ok, programs: [names], notes: [{program, line, message}]}`. Natively
//! (tests, tools) [`call`](super::call) does both halves at once.

use std::rc::Rc;

use serde_json::{json, Value};

use super::{error, kind, Host};
use crate::python::{Program, Refusal};
use crate::runner::{Pid, Process};
use crate::scenario::programs::{MAX_COMMAND_BYTES, MAX_PROGRAMS, MAX_PROGRAM_BYTES};
use crate::scenario::ProgramFile;
use crate::simulation::Simulation;

/// One file of a `loadPrograms` call, parsed by the page.
#[derive(Clone, Debug)]
pub struct ParsedFile {
    /// The file name and the source to store in the document.
    pub file: ProgramFile,
    /// The parsed program, or why the parser refused it.
    pub parsed: Result<Rc<Program>, Refusal>,
}

/// Reads `loadPrograms([{name, source}])`'s argument.
pub fn program_files(arg: &Value) -> Result<Vec<ProgramFile>, String> {
    let Value::Array(items) = arg else {
        return Err(format!("loadPrograms expects an array like [{{name, source}}], got {}", kind(arg)));
    };
    if items.len() > MAX_PROGRAMS {
        return Err(format!("loadPrograms: {} files; the limit is {MAX_PROGRAMS}", items.len()));
    }
    items.iter().enumerate().map(|(i, item)| program_file(i, item)).collect()
}

fn program_file(i: usize, item: &Value) -> Result<ProgramFile, String> {
    let Some(obj) = item.as_object() else {
        return Err(format!("loadPrograms: [{i}] must be an object {{name, source}}, got {}", kind(item)));
    };
    if let Some(key) = obj.keys().find(|k| *k != "name" && *k != "source") {
        return Err(format!("loadPrograms: [{i}]: unknown field '{key}' (expected name, source)"));
    }
    let text = |key: &str| match obj.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        None => Err(format!("loadPrograms: [{i}].{key} is missing")),
        Some(other) => Err(format!("loadPrograms: [{i}].{key} must be a string, got {}", kind(other))),
    };
    let file = ProgramFile { name: text("name")?, source: text("source")? };
    if file.source.len() > MAX_PROGRAM_BYTES {
        return Err(format!(
            "loadPrograms: [{i}].source is {} bytes; the limit is {MAX_PROGRAM_BYTES}",
            file.source.len()
        ));
    }
    let mut probe = crate::scenario::Scenario::default();
    probe.programs.push(file.clone());
    crate::scenario::parse::check(&probe).map_err(|e| format!("loadPrograms: [{i}].name: {}", e.message))?;
    Ok(file)
}

/// The second half of `loadPrograms`: stores the sources in the document
/// (replacing files with the same name), loads what parsed, marks what did
/// not, and answers with the names and the parser's notes.
pub fn load_parsed(host: &mut dyn Host, files: Vec<ParsedFile>) -> Value {
    let names: Vec<String> = files.iter().map(|f| f.file.name.clone()).collect();
    let notes: Vec<Value> = files
        .iter()
        .filter_map(|f| f.parsed.as_ref().err())
        .map(|r| json!({ "program": r.file, "line": r.line, "message": format!("{}: {}", r.construct, r.message) }))
        .collect();
    if let Err(e) = host.store_programs(files.iter().map(|f| f.file.clone()).collect()) {
        return error(e);
    }
    let answer = host.act(&mut |sim| {
        for f in &files {
            match &f.parsed {
                Ok(p) => sim.load_programs(vec![(f.file.name.clone(), p.clone())]),
                Err(r) => sim.refuse_program(&f.file.name, &r.to_string()),
            }
        }
        json!({ "ok": true, "programs": names, "notes": notes })
    });
    answer.unwrap_or_else(error)
}

/// Parses natively (the page parses in its worker instead).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_natively(files: Vec<ProgramFile>) -> Vec<ParsedFile> {
    files
        .into_iter()
        .map(|file| {
            let parsed = crate::python::compile::compile(&file.name, &file.source).map(Rc::new);
            ParsedFile { file, parsed }
        })
        .collect()
}

/// `run(commandLine)` → `{ok, pid}`, or `{ok: false, error}` with what a
/// shell would say.
pub fn run(sim: &mut Simulation, arg: &Value) -> Value {
    let line = match arg {
        Value::String(s) if s.len() <= MAX_COMMAND_BYTES => s,
        Value::String(s) => {
            return error(format!("run: the command is {} bytes; the limit is {MAX_COMMAND_BYTES}", s.len()))
        }
        other => return error(format!("run expects a command line like \"python3 send.py\", got {}", kind(other))),
    };
    match sim.run_command(line) {
        Ok(pid) => json!({ "ok": true, "pid": pid }),
        Err(e) => error(e),
    }
}

/// A process as `processes()` lists it.
pub fn process_json(pid: Pid, p: &Process) -> Value {
    json!({
        "pid": pid,
        "command": p.command,
        "state": if p.running() { "running" } else { "exited" },
        "exit_code": p.exit,
        "stdout": p.stdout,
        "stderr": p.stderr,
        "started_at": p.started_at,
        "note": p.note.as_ref().map(crate::i18n::Msg::english),
    })
}

/// `processes()` → `{ok, processes: [...]}`, oldest first.
pub fn processes(sim: &Simulation) -> Value {
    let list: Vec<Value> = sim.processes().map(|(pid, p)| process_json(pid, p)).collect();
    json!({ "ok": true, "processes": list })
}

/// Reads a pid argument.
pub fn pid_arg(arg: &Value) -> Result<Pid, String> {
    match arg.as_u64() {
        Some(n) if n <= Pid::MAX as u64 => Ok(n as Pid),
        _ => Err(format!("interrupt expects a process id (a whole number from processes()), got {arg}")),
    }
}

/// `interrupt(pid)` → `{ok}`: Ctrl+C for a running process (nothing for
/// one that already exited).
pub fn interrupt(sim: &mut Simulation, pid: Pid) -> Value {
    if sim.process(pid).is_none() {
        return error(format!("interrupt: no process {pid} (processes() lists them)"));
    }
    sim.interrupt(pid);
    json!({ "ok": true })
}
