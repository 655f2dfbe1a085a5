//! The host-page API's logic (`window.warren` and `postMessage`), in plain
//! Rust over JSON values so it is tested natively; the page only wraps it.
//!
//! Every function answers with a JSON object and never panics on bad input:
//! a request it cannot use gets `{"ok": false, "error": "..."}` saying what
//! is wrong and where, and changes nothing.
//!
//! - this module: the calls' arguments and answers (publish, snapshot,
//!   load, definitions, code export, advance);
//! - [`programs`]: `loadPrograms` (in two halves around the page's
//!   parser), `run`, `processes`, `interrupt`;
//! - [`host`]: one entry point for every method (`call`), over a [`Host`]
//!   that the page implements, and the `postMessage` envelope;
//! - [`origins`]: the allow-list of host-page origins;
//! - [`page`]: what the page's URL asks for (embed mode, editable, lesson,
//!   share link, origins) and the "Open in Warren" link.

pub mod host;
pub mod origins;
pub mod page;
pub mod programs;

pub use host::{call, Host};

use serde_json::{json, Map, Value};

use crate::engine::{FieldTable, Properties, Publish};
use crate::scenario::{self, Scenario};
use crate::simulation::Simulation;

/// The largest message body the API accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The longest virtual time one `advance(ms)` call may move (an hour).
pub const MAX_ADVANCE_MS: u64 = 3_600_000;

/// The most computing slices one `advance(ms)` call gives processes: a
/// whole step budget, so a program that spins is stopped within one call;
/// a process still computing after them holds the clock (`computing: true`
/// in the result) and the next call goes on.
pub const ADVANCE_SLICES: u32 = (crate::runner::SPIN_BUDGET / crate::runner::STEP_SLICE) as u32;

/// `{"ok": false, "error": message}`.
pub fn error(message: impl Into<String>) -> Value {
    json!({ "ok": false, "error": message.into() })
}

fn short_str(req: &Map<String, Value>, key: &str, what: &str) -> Result<Option<String>, String> {
    match req.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.len() <= 255 => Ok(Some(s.clone())),
        Some(Value::String(s)) => Err(format!("{what} is {} bytes long; AMQP allows at most 255", s.len())),
        Some(other) => Err(format!("{what} must be a string, got {}", kind(other))),
    }
}

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a publish request: `{exchange, routing_key, body, headers,
/// properties, mandatory}` (exchange and routing key default to `""`).
pub fn publish_request(req: &Value) -> Result<Publish, String> {
    let Some(req) = req.as_object() else {
        return Err(format!("publish expects an object like {{exchange, routing_key, body}}, got {}", kind(req)));
    };
    for key in req.keys() {
        if !["exchange", "routing_key", "body", "headers", "properties", "mandatory"].contains(&key.as_str()) {
            return Err(format!(
                "publish: unknown field '{key}' (expected exchange, routing_key, body, headers, properties, mandatory)"
            ));
        }
    }
    let exchange = short_str(req, "exchange", "exchange")?.unwrap_or_default();
    let routing_key = short_str(req, "routing_key", "routing_key")?.unwrap_or_default();
    let body = match req.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if s.len() <= MAX_BODY_BYTES => s.clone(),
        Some(Value::String(s)) => return Err(format!("body is {} bytes; the limit is {MAX_BODY_BYTES}", s.len())),
        Some(other) => return Err(format!("body must be a string, got {}", kind(other))),
    };
    let mandatory = match req.get("mandatory") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(format!("mandatory must be true or false, got {}", kind(other))),
    };
    let mut properties = Properties { headers: request_headers(req.get("headers"))?, ..Default::default() };
    match req.get("properties") {
        None | Some(Value::Null) => {}
        Some(Value::Object(p)) => {
            for (key, v) in p {
                set_property(&mut properties, key, v)?;
            }
        }
        Some(other) => return Err(format!("properties must be an object, got {}", kind(other))),
    }
    Ok(Publish { exchange, routing_key, mandatory, properties, body })
}

/// A request's `headers` (absent, null or empty: none).
fn request_headers(v: Option<&Value>) -> Result<Option<FieldTable>, String> {
    let headers = match v {
        None | Some(Value::Null) => None,
        Some(v @ Value::Object(_)) => Some(FieldTable::from_json(v).ok_or(
            "headers: values must be strings, numbers, booleans, arrays or objects (null is not an AMQP value)",
        )?),
        Some(other) => return Err(format!("headers must be an object, got {}", kind(other))),
    };
    Ok(headers.filter(|h| !h.is_empty()))
}

/// Sets one of a request's `properties`, or says why it cannot.
fn set_property(properties: &mut Properties, key: &str, v: &Value) -> Result<(), String> {
    let field = format!("properties.{key}");
    match key {
        "delivery_mode" => {
            properties.delivery_mode = Some(match v.as_u64() {
                Some(m @ (1 | 2)) => m as u8,
                _ => return Err(format!("{field} must be 1 (transient) or 2 (persistent), got {v}")),
            })
        }
        "persistent" => match v {
            Value::Bool(b) => properties.delivery_mode = Some(if *b { 2 } else { 1 }),
            _ => return Err(format!("{field} must be true or false, got {}", kind(v))),
        },
        "priority" => {
            properties.priority = Some(match v.as_u64() {
                Some(p) if p <= 255 => p as u8,
                _ => return Err(format!("{field} must be an integer from 0 to 255, got {v}")),
            })
        }
        "expiration" => properties.expiration = Some(expiration(&field, v)?),
        "reply_to" | "correlation_id" | "message_id" | "content_type" => {
            let s = match v {
                Value::String(s) if s.len() <= 255 => s.clone(),
                Value::String(_) => return Err(format!("{field} is longer than 255 bytes")),
                _ => return Err(format!("{field} must be a string, got {}", kind(v))),
            };
            match key {
                "reply_to" => properties.reply_to = Some(s),
                "correlation_id" => properties.correlation_id = Some(s),
                "message_id" => properties.message_id = Some(s),
                _ => properties.content_type = Some(s),
            }
        }
        other => {
            return Err(format!(
                "unknown property '{other}' (expected delivery_mode, persistent, priority, expiration, reply_to, correlation_id, message_id, content_type)"
            ))
        }
    }
    Ok(())
}

/// An `expiration` property: a TTL in ms, as a string or a whole number.
fn expiration(field: &str, v: &Value) -> Result<String, String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.as_u64().is_some() => n.to_string(),
        _ => return Err(format!("{field} must be a TTL in ms (a string like \"5000\"), got {v}")),
    };
    crate::engine::basic_ops::parse_expiration(&s).map_err(|e| format!("{field} '{s}' is not a TTL in ms ({e})"))?;
    Ok(s)
}

/// `publish(request)`: publishes through the simulation's API channel.
/// Answers `{ok: true, routed: [queue names], returned, nacked}` or
/// `{ok: false, error}` (a bad request, or the broker's refusal such as
/// `404 NOT_FOUND - no exchange 'x' in vhost '/'`).
pub fn publish(sim: &mut Simulation, req: &Value) -> Value {
    let p = match publish_request(req) {
        Ok(p) => p,
        Err(e) => return error(e),
    };
    match sim.publish_raw(p) {
        Ok(o) => json!({
            "ok": true,
            "routed": o.routed.iter().map(|q| q.to_string()).collect::<Vec<_>>(),
            "returned": o.returned,
            "nacked": o.nacked,
        }),
        Err(e) => json!({ "ok": false, "error": e.to_string(), "code": e.code.code() }),
    }
}

/// `snapshot()`: the broker's state as a host page reads it.
pub fn snapshot(sim: &Simulation) -> Value {
    let b = sim.broker();
    let queues: Map<String, Value> = b
        .queues()
        .map(|q| {
            (
                q.name.to_string(),
                json!({
                    "ready": q.ready.iter().map(|m| m.message.body.to_string()).collect::<Vec<_>>(),
                    "unacked": q.unacked,
                    "consumers": q.consumer_count(),
                    "durable": q.durable,
                }),
            )
        })
        .collect();
    let exchanges: Vec<Value> = b
        .exchanges()
        .map(|x| {
            json!({
                "name": &*x.name,
                "type": x.kind.as_str(),
                "durable": x.durable,
                "auto_delete": x.auto_delete,
                "internal": x.internal,
                "arguments": x.arguments.to_json(),
            })
        })
        .collect();
    let bindings: Vec<Value> = b
        .bindings()
        .map(|bd| {
            json!({
                "source": &*bd.source,
                "destination": &**bd.destination.name(),
                "destination_type": bd.destination.kind(),
                "routing_key": bd.routing_key,
                "arguments": bd.arguments.to_json(),
            })
        })
        .collect();
    json!({
        "ok": true,
        "now": sim.now(),
        "halted": sim.halted().map(crate::i18n::Msg::english),
        "queues": queues,
        "exchanges": exchanges,
        "bindings": bindings,
    })
}

/// `load(scenario)`: reads a scenario given as JSON text or as an object.
/// The caller swaps it in only on success.
pub fn load(input: &Value) -> Result<Scenario, String> {
    match input {
        Value::String(text) => scenario::parse(text).map_err(|e| e.to_string()),
        Value::Object(_) => scenario::parse::from_value(input.clone()).map_err(|e| e.to_string()),
        other => Err(format!("load expects a scenario (a JSON object or its text), got {}", kind(other))),
    }
}

/// `scenario()`: the scenario in play, as JSON text.
pub fn scenario_json(sim: &Simulation) -> String {
    serde_json::to_string_pretty(sim.scenario()).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// `advance(ms)`: reads the number of virtual milliseconds to move (a whole
/// number from 0 to [`MAX_ADVANCE_MS`]).
pub fn advance_ms(v: &Value) -> Result<u64, String> {
    let Value::Number(n) = v else {
        return Err(format!("advance expects a number of milliseconds, got {}", kind(v)));
    };
    match n.as_u64() {
        Some(ms) if ms <= MAX_ADVANCE_MS => Ok(ms),
        Some(ms) => Err(format!("advance: {ms} ms is more than the limit of {MAX_ADVANCE_MS} ms (an hour) per call")),
        None => match n.as_f64() {
            Some(f) if f < 0.0 => Err(format!("advance: {n} ms is negative; time only moves forward")),
            _ => Err(format!("advance: {n} is not a whole number of milliseconds")),
        },
    }
}

/// A text argument given as a JSON string, or as an object or array that
/// is written back as text (the API accepts `load({...})` and
/// `load("{...}")` alike).
fn document_text(v: &Value, what: &str, limit: usize) -> Result<String, String> {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Object(_) | Value::Array(_) => serde_json::to_string(v).map_err(|e| format!("{what}: {e}"))?,
        other => return Err(format!("{what} expects a JSON document (an object or its text), got {}", kind(other))),
    };
    if text.len() > limit {
        return Err(format!("{what}: the document is {} bytes; the limit is {limit} bytes", text.len()));
    }
    Ok(text)
}

/// `importDefinitions(json)`: a RabbitMQ definitions file (text or object)
/// as a scenario laid out for the canvas, with the warnings as
/// `"path: message"` lines. The caller swaps it in only on success.
pub fn import_definitions(input: &Value) -> Result<(Scenario, Vec<String>), String> {
    let text = document_text(input, "importDefinitions", crate::definitions::MAX_DEFINITIONS_BYTES)?;
    let import = crate::definitions::import(&text).map_err(|e| e.to_string())?;
    Ok((import.scenario, import.warnings.iter().map(|w| w.to_string()).collect()))
}

/// `exportDefinitions()`: `{ok: true, json: "<definitions.json text>",
/// warnings: [...]}` for the scenario.
pub fn export_definitions(s: &Scenario) -> Value {
    let export = crate::definitions::export(s);
    json!({
        "ok": true,
        "json": export.json,
        "warnings": export.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
    })
}

/// `exportCode(language)`: `{ok: true, language, filename, code}`, or an
/// error for a language Warren cannot write (`null` means pika).
pub fn export_code(s: &Scenario, language: &Value) -> Value {
    let lang = match language {
        Value::Null => crate::codegen::Language::Pika,
        Value::String(name) => match crate::codegen::Language::parse(name) {
            Some(l) => l,
            None => {
                return error(format!(
                    "exportCode: unknown language '{}' (Warren writes \"pika\": Python with pika 1.3)",
                    name.chars().take(40).collect::<String>()
                ))
            }
        },
        other => return error(format!("exportCode expects a language name like \"pika\", got {}", kind(other))),
    };
    json!({
        "ok": true,
        "language": "pika",
        "filename": format!("warren.{}", lang.extension()),
        "code": crate::codegen::export(s, lang, crate::i18n::Lang::En),
    })
}

#[cfg(test)]
mod tests;
