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
use std::collections::HashSet;

use crate::scenario::{BindingEdge, ExchangeKind, ExchangeNode, QueueNode, Scenario, DEFAULT_EXCHANGE_ID};
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
    let mut e = Exporter {
        s,
        vhost: Some(options.vhost.clone()),
        warnings: Vec::new(),
        exchanges: HashSet::new(),
        queues: HashSet::new(),
    };
    let exchanges = s.exchanges.iter().filter_map(|x| e.exchange(x).map_err(|w| e.warn(w)).ok()).collect();
    let queues = s.queues.iter().filter_map(|q| e.queue(q).map_err(|w| e.warn(w)).ok()).collect();
    let bindings = s.bindings.iter().filter_map(|b| e.binding(b).map_err(|w| e.warn(w)).ok()).collect();
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
    Export { json: to_pretty_json(&defs), warnings: e.warnings }
}

/// Why an object is left out: with a warning, or silently (it follows
/// from another object left out, or the scenario does not declare it).
type Skip = Option<Warning>;

/// One export under way: what was exported so far (bindings need their
/// ends exported) and the warnings.
struct Exporter<'a> {
    s: &'a Scenario,
    vhost: Option<String>,
    warnings: Vec<Warning>,
    exchanges: HashSet<&'a str>,
    queues: HashSet<&'a str>,
}

impl<'a> Exporter<'a> {
    /// Keeps the warning of an object left out, if it has one.
    fn warn(&mut self, skip: Skip) {
        self.warnings.extend(skip);
    }

    fn exchange(&mut self, x: &'a ExchangeNode) -> Result<ExchangeDef, Skip> {
        let d = exchange_declare(self.s, &x.id).ok_or(None)?;
        if x.name.starts_with("amq.") {
            return Err(reserved(&x.id, "exchange", &x.name));
        }
        self.exchanges.insert(x.id.as_str());
        Ok(ExchangeDef {
            name: d.exchange,
            vhost: self.vhost.clone(),
            kind: d.kind,
            durable: d.durable,
            auto_delete: d.auto_delete,
            internal: d.internal,
            arguments: object(d.arguments.to_json()),
        })
    }

    fn queue(&mut self, q: &'a QueueNode) -> Result<QueueDef, Skip> {
        if q.name.is_empty() {
            return Err(Some(Warning::at(&q.id, msg!("definitions-export-server-named"))));
        }
        if q.exclusive {
            return Err(Some(Warning::at(&q.id, msg!("definitions-export-exclusive", queue = &q.name))));
        }
        if q.name.starts_with("amq.") {
            return Err(reserved(&q.id, "queue", &q.name));
        }
        let d = queue_declare(self.s, &q.id).ok_or(None)?;
        if let Err(e) = crate::engine::queue_args::parse(&d.queue, &d.arguments) {
            let text = msg!("definitions-export-refused-arguments", queue = &q.name, text = e.text);
            return Err(Some(Warning::at(&q.id, text)));
        }
        self.queues.insert(q.id.as_str());
        Ok(QueueDef {
            name: d.queue,
            vhost: self.vhost.clone(),
            kind: Some(q.queue_type.as_str().to_string()),
            durable: d.durable,
            auto_delete: d.auto_delete,
            arguments: object(d.arguments.to_json()),
        })
    }

    fn binding(&mut self, b: &BindingEdge) -> Result<BindingDef, Skip> {
        let s = self.s;
        let source = s.exchange_name(&b.from).ok_or(None)?;
        let at = format!("{}->{}", b.from, b.to);
        if b.from == DEFAULT_EXCHANGE_ID {
            return Err(Some(Warning::at(at, msg!("definitions-export-from-default"))));
        }
        if !self.exchanges.contains(b.from.as_str()) {
            return Err(None);
        }
        let (destination, destination_type) = self.destination(b, source, &at)?;
        if !valid_x_match(s, b) {
            return Err(Some(Warning::at(at, msg!("definitions-export-x-match", source = source))));
        }
        Ok(BindingDef {
            source: source.to_string(),
            vhost: self.vhost.clone(),
            destination,
            destination_type: destination_type.to_string(),
            routing_key: b.routing_key.clone(),
            arguments: b.arguments.clone(),
        })
    }

    /// A binding's destination name and type, if it is exported.
    fn destination(&self, b: &BindingEdge, source: &str, at: &str) -> Result<(String, &'static str), Skip> {
        if let Some(q) = self.s.queue(&b.to) {
            if !self.queues.contains(q.id.as_str()) {
                let text = msg!("definitions-export-to-left-out", source = source, key = &b.routing_key);
                return Err(Some(Warning::at(at, text)));
            }
            return Ok((q.name.clone(), "queue"));
        }
        let x = self.s.exchange_name(&b.to).ok_or(None)?;
        if x.is_empty() {
            return Err(Some(Warning::at(at, msg!("definitions-export-to-default"))));
        }
        if !self.exchanges.contains(b.to.as_str()) {
            return Err(None);
        }
        Ok((x.to_string(), "exchange"))
    }
}

/// The warning for a reserved `amq.` name.
fn reserved(id: &str, what: &str, name: &str) -> Skip {
    Some(Warning::at(id, msg!("definitions-export-reserved", what = what, name = name)))
}

/// A headers binding's `x-match`, if any, is one the broker takes.
fn valid_x_match(s: &Scenario, b: &BindingEdge) -> bool {
    if !s.exchange(&b.from).is_some_and(|x| x.kind == ExchangeKind::Headers) {
        return true;
    }
    match b.arguments.get("x-match") {
        None => true,
        Some(v) => v.as_str().is_some_and(|m| ["all", "any", "all-with-x", "any-with-x"].contains(&m)),
    }
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
