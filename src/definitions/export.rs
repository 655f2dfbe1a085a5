//! Exporting a scenario as a definitions file that `rabbitmqctl
//! import_definitions` (or the management UI's upload) accepts and that
//! routes the way the playground does: the declarations are exactly the
//! ones the simulation makes ([`exchange_declare`] and [`queue_declare`]),
//! so typed fields become their `x-` arguments and alternate and
//! dead-letter exchanges their names.
//!
//! Left out, each with a [`Warning`]: server-named queues (the broker picks
//! their names) and exclusive queues (they belong to one connection, and
//! RabbitMQ never exports them either), with their bindings. Producers and
//! consumers are clients, not definitions (see [`crate::codegen`]).

use serde::Serialize;

use super::format::{BindingDef, Definitions, ExchangeDef, QueueDef, VhostDef};
use super::Warning;
use crate::scenario::{Scenario, DEFAULT_EXCHANGE_ID};
use crate::simulation::sync::{exchange_declare, queue_declare};

/// The RabbitMQ version the export says it is for (the engine's model).
pub const RABBITMQ_VERSION: &str = "3.10.8";

/// Choices for an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// The virtual host the definitions go to.
    pub vhost: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { vhost: "/".to_string() }
    }
}

/// An exported definitions file.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    /// The file, pretty-printed JSON.
    pub json: String,
    /// What was left out.
    pub warnings: Vec<Warning>,
}

/// Exports a scenario for the vhost `/`.
pub fn export(s: &Scenario) -> Export {
    export_with(s, &ExportOptions::default())
}

/// Exports a scenario with options.
pub fn export_with(s: &Scenario, options: &ExportOptions) -> Export {
    let vhost = Some(options.vhost.clone());
    let mut warnings = Vec::new();
    let mut exchanges = Vec::new();
    let mut exported_exchanges = std::collections::HashSet::new();
    for x in &s.exchanges {
        let Some(d) = exchange_declare(s, &x.id) else { continue };
        if x.name.starts_with("amq.") {
            warnings.push(Warning::at(
                &x.id,
                format!(
                    "exchange '{}' is not exported: names starting with 'amq.' are reserved (RabbitMQ skips them)",
                    x.name
                ),
            ));
            continue;
        }
        exported_exchanges.insert(x.id.as_str());
        exchanges.push(ExchangeDef {
            name: d.exchange,
            vhost: vhost.clone(),
            kind: d.kind,
            durable: d.durable,
            auto_delete: d.auto_delete,
            internal: d.internal,
            arguments: object(d.arguments.to_json()),
        });
    }
    let mut queues = Vec::new();
    let mut exported_queues = std::collections::HashSet::new();
    for q in &s.queues {
        if q.name.is_empty() {
            warnings.push(Warning::at(&q.id, "a server-named queue (empty name) is not exported: the broker names it when a client declares it, so the client code declares it"));
            continue;
        }
        if q.exclusive {
            warnings.push(Warning::at(&q.id, format!("exclusive queue '{}' is not exported: it belongs to the connection that declares it (RabbitMQ never exports exclusive queues)", q.name)));
            continue;
        }
        if q.name.starts_with("amq.") {
            warnings.push(Warning::at(
                &q.id,
                format!(
                    "queue '{}' is not exported: names starting with 'amq.' are reserved (RabbitMQ skips them)",
                    q.name
                ),
            ));
            continue;
        }
        let Some(d) = queue_declare(s, &q.id) else { continue };
        if let Err(e) = crate::engine::queue_args::parse(&d.queue, &d.arguments) {
            warnings.push(Warning::at(
                &q.id,
                format!("queue '{}' is not exported: the broker refuses its arguments ({})", q.name, e.text),
            ));
            continue;
        }
        exported_queues.insert(q.id.as_str());
        queues.push(QueueDef {
            name: d.queue,
            vhost: vhost.clone(),
            kind: Some(q.queue_type.as_str().to_string()),
            durable: d.durable,
            auto_delete: d.auto_delete,
            arguments: object(d.arguments.to_json()),
        });
    }
    let mut bindings = Vec::new();
    for b in &s.bindings {
        let Some(source) = s.exchange_name(&b.from) else { continue };
        if b.from != DEFAULT_EXCHANGE_ID && !exported_exchanges.contains(b.from.as_str()) {
            continue;
        }
        if b.from == DEFAULT_EXCHANGE_ID {
            warnings.push(Warning::at(
                format!("{}->{}", b.from, b.to),
                "a binding from the default exchange is not exported: RabbitMQ refuses it (403)",
            ));
            continue;
        }
        let (destination, destination_type) = if let Some(q) = s.queue(&b.to) {
            if !exported_queues.contains(q.id.as_str()) {
                warnings.push(Warning::at(
                    format!("{}->{}", b.from, b.to),
                    format!(
                        "the binding from '{source}' (key '{}') to a queue that is not exported is left out too",
                        b.routing_key
                    ),
                ));
                continue;
            }
            (q.name.clone(), "queue")
        } else if let Some(x) = s.exchange_name(&b.to) {
            if x.is_empty() {
                warnings.push(Warning::at(
                    format!("{}->{}", b.from, b.to),
                    "a binding to the default exchange is not exported: RabbitMQ refuses it (403)",
                ));
                continue;
            }
            if !exported_exchanges.contains(b.to.as_str()) {
                continue;
            }
            (x.to_string(), "exchange")
        } else {
            continue;
        };
        if s.exchange(&b.from).is_some_and(|x| x.kind == crate::scenario::ExchangeKind::Headers) {
            let x_match = b.arguments.get("x-match");
            let valid = x_match.is_none()
                || x_match
                    .and_then(|v| v.as_str())
                    .is_some_and(|m| ["all", "any", "all-with-x", "any-with-x"].contains(&m));
            if !valid {
                warnings.push(Warning::at(
                    format!("{}->{}", b.from, b.to),
                    format!("the binding from '{source}' is not exported: its x-match must be all, any, all-with-x or any-with-x (the broker refuses it)"),
                ));
                continue;
            }
        }
        bindings.push(BindingDef {
            source: source.to_string(),
            vhost: vhost.clone(),
            destination,
            destination_type: destination_type.to_string(),
            routing_key: b.routing_key.clone(),
            arguments: b.arguments.clone(),
        });
    }
    let defs = Definitions {
        rabbit_version: Some(RABBITMQ_VERSION.to_string()),
        rabbitmq_version: Some(RABBITMQ_VERSION.to_string()),
        product_name: Some("RabbitMQ".to_string()),
        product_version: Some(RABBITMQ_VERSION.to_string()),
        users: Vec::new(),
        vhosts: vec![VhostDef { name: options.vhost.clone() }],
        permissions: Vec::new(),
        topic_permissions: Vec::new(),
        parameters: Vec::new(),
        global_parameters: Vec::new(),
        policies: Vec::new(),
        queues,
        exchanges,
        bindings,
    };
    Export { json: to_pretty_json(&defs), warnings }
}

fn object(v: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match v {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

fn to_pretty_json(v: &impl Serialize) -> String {
    serde_json::to_string_pretty(v).expect("definitions always serialize")
}
