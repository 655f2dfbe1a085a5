//! The real-broker methods of `window.warren`: `connectBroker`,
//! `deployToBroker`, `checkAgainstBroker`, `disconnectBroker`. They are on
//! the page's own `window.warren` only, never answered over `postMessage`,
//! so no host page can reach a user's broker or credentials. Each returns
//! a promise that always resolves (never rejects): `{ok: true, ...}` or
//! `{ok: false, code, error, advice}`.

use std::future::Future;

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use super::broker_session::{self as session, failure_json};
use super::host_api::{from_json, to_json};
use crate::broker_link::deploy::Plan;
use crate::broker_link::Settings;

/// The methods, as JavaScript sees them.
pub const METHODS: [&str; 4] = ["connectBroker", "deployToBroker", "checkAgainstBroker", "disconnectBroker"];

/// What stays registered with `window.warren`.
pub struct Installed {
    _closures: Vec<Closure<dyn Fn(JsValue) -> js_sys::Promise>>,
}

/// Adds the methods to the `window.warren` object (before it is frozen).
pub fn install(api: &js_sys::Object) -> Option<Installed> {
    let mut closures = Vec::new();
    for method in METHODS {
        let f = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |arg: JsValue| {
            let arg = to_json(&arg);
            wasm_bindgen_futures::future_to_promise(async move {
                let answer = match arg {
                    Ok(arg) => run(method, arg).await,
                    Err(e) => json!({"ok": false, "code": "bad_argument", "error": format!("{method}: {e}")}),
                };
                Ok(from_json(&answer))
            })
        });
        js_sys::Reflect::set(api, &method.into(), f.as_ref()).ok()?;
        closures.push(f);
    }
    Some(Installed { _closures: closures })
}

fn run(method: &'static str, arg: Value) -> std::pin::Pin<Box<dyn Future<Output = Value>>> {
    Box::pin(async move {
        match method {
            "connectBroker" => connect(arg).await,
            "deployToBroker" => deploy(arg).await,
            "checkAgainstBroker" => check().await,
            _ => {
                session::disconnect();
                json!({"ok": true})
            }
        }
    })
}

fn not_connected() -> Value {
    json!({"ok": false, "code": "not_connected", "error": "not connected to a broker: call connectBroker({url, user, password, vhost}) first"})
}

async fn connect(arg: Value) -> Value {
    let settings: Settings = match serde_json::from_value(if arg.is_null() { json!({}) } else { arg }) {
        Ok(s) => s,
        Err(e) => {
            return json!({"ok": false, "code": "bad_argument",
                          "error": format!("connectBroker: expected {{url, user, password, vhost}} (strings): {e}")})
        }
    };
    match session::connect(&settings).await {
        Ok(c) => json!({"ok": true, "vhost": c.settings.vhost, "exchanges": c.exchanges, "queues": c.queues,
                        "vhosts": c.vhosts, "user": c.me.name, "administrator": c.me.is_administrator()}),
        Err(f) => failure_json(&f),
    }
}

/// The plan as JSON: `create`, `same`, `conflicts`.
pub fn plan_json(plan: &Plan) -> Value {
    json!({"create": plan.create, "same": plan.same, "conflicts": plan.conflicts})
}

async fn deploy(arg: Value) -> Value {
    let Some(c) = session::connected() else { return not_connected() };
    let dry_run = arg.get("dryRun").and_then(Value::as_bool).unwrap_or(true);
    let scenario = session::scenario();
    let plan = match session::preview(&c.settings, &scenario).await {
        Ok(p) => p,
        Err(f) => return failure_json(&f),
    };
    let mut answer = plan_json(&plan);
    answer["ok"] = json!(true);
    answer["dryRun"] = json!(dry_run);
    if dry_run {
        return answer;
    }
    let results = session::apply(&c.settings, &plan.create).await;
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    answer["ok"] = json!(failed == 0);
    answer["results"] = results
        .iter()
        .map(|(item, r)| match r {
            Ok(()) => json!({"kind": item.kind, "name": item.name, "ok": true}),
            Err(f) => json!({"kind": item.kind, "name": item.name, "ok": false, "error": f.title().english()}),
        })
        .collect();
    answer
}

async fn check() -> Value {
    let Some(c) = session::connected() else { return not_connected() };
    let scenario = session::scenario();
    match session::check(&c, &scenario).await {
        Ok(report) => {
            let mut v = serde_json::to_value(&report).unwrap_or_default();
            v["ok"] = json!(true);
            v
        }
        Err(f) => failure_json(&f),
    }
}
