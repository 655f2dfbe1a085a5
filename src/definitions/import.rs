//! Importing a definitions file into a scenario.
//!
//! One virtual host is imported (`/` unless asked otherwise, or the only
//! one there is); everything a playground does not model is left out with a
//! [`Warning`]: users, permissions, policies, parameters, other virtual
//! hosts, the default and `amq.*` exchanges, plugin exchange types, and
//! bindings whose ends are not in the file. A file that is not JSON, has
//! values of the wrong type, or `null` argument values is refused whole with
//! a [`DefinitionsError`] naming the path.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use super::format::{BindingDef, Definitions, ExchangeDef, QueueDef};
use super::{layout, DefinitionsError, Warning};
use crate::engine::{queue_args, FieldTable};
use crate::i18n::{Lang, Msg};
use crate::scenario::{
    self, queue_fields, BindingEdge, ExchangeKind, ExchangeNode, QueueNode, Scenario, DEFAULT_EXCHANGE_ID,
};

/// The largest definitions file accepted, in bytes.
pub const MAX_DEFINITIONS_BYTES: usize = 16 * 1024 * 1024;

/// Choices for an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The virtual host to import; `None` picks `/`, or the first one the
    /// file uses.
    pub vhost: Option<String>,
    /// The language of the imported scenario's title and description
    /// (document texts: written once, then the user's to edit).
    pub lang: Lang,
}

/// An imported scenario and what was left out or changed on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The topology, laid out.
    pub scenario: Scenario,
    /// The virtual host that was imported.
    pub vhost: String,
    /// What was skipped or changed, in document order.
    pub warnings: Vec<Warning>,
}

/// Imports a definitions file (the default virtual host, see
/// [`ImportOptions`]).
pub fn import(text: &str) -> Result<Import, DefinitionsError> {
    import_with(text, &ImportOptions::default())
}

/// Imports a definitions file with options.
pub fn import_with(text: &str, options: &ImportOptions) -> Result<Import, DefinitionsError> {
    let defs = read(text)?;
    Importer::new(&defs, options)?.run()
}

/// Reads the text into [`Definitions`]: size, JSON, shape and types.
fn read(text: &str) -> Result<Definitions, DefinitionsError> {
    if text.len() > MAX_DEFINITIONS_BYTES {
        let error = msg!("definitions-too-large", bytes = text.len(), limit = MAX_DEFINITIONS_BYTES);
        return Err(DefinitionsError::at("", error));
    }
    if text.trim().is_empty() {
        return Err(DefinitionsError::at("", msg!("definitions-empty")));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let error = msg!("definitions-not-json", error = e.to_string(), line = e.line(), column = e.column());
        DefinitionsError::at("", error)
    })?;
    let Some(obj) = value.as_object() else {
        return Err(DefinitionsError::at("", msg!("definitions-not-object")));
    };
    if obj.contains_key("warren") {
        return Err(DefinitionsError::at("warren", msg!("definitions-is-scenario")));
    }
    const KNOWN: [&str; 12] = [
        "rabbit_version",
        "rabbitmq_version",
        "users",
        "vhosts",
        "permissions",
        "topic_permissions",
        "parameters",
        "global_parameters",
        "policies",
        "queues",
        "exchanges",
        "bindings",
    ];
    if !obj.keys().any(|k| KNOWN.contains(&k.as_str())) {
        return Err(DefinitionsError::at("", msg!("definitions-no-known-key")));
    }
    if let Some(path) = find_null_argument(obj) {
        return Err(DefinitionsError::at(path, msg!("definitions-null-argument")));
    }
    crate::scenario::located::deserialize(&value).map_err(|e| {
        let path = e.path();
        DefinitionsError::at(path, crate::i18n::Msg::verbatim(e.message()))
    })
}

/// The path of the first `null` inside an `arguments` table of an exchange,
/// queue or binding.
fn find_null_argument(obj: &Map<String, Value>) -> Option<String> {
    fn walk(v: &Value, path: String) -> Option<String> {
        match v {
            Value::Null => Some(path),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| walk(x, format!("{path}[{i}]"))),
            Value::Object(m) => m.iter().find_map(|(k, x)| walk(x, format!("{path}.{k}"))),
            _ => None,
        }
    }
    for list in ["exchanges", "queues", "bindings"] {
        let Some(Value::Array(items)) = obj.get(list) else { continue };
        for (i, item) in items.iter().enumerate() {
            if let Some(args @ Value::Object(_)) = item.get("arguments") {
                if let Some(p) = walk(args, format!("{list}[{i}].arguments")) {
                    return Some(p);
                }
            }
        }
    }
    None
}

fn check_name(path: String, name: &str, what: &str) -> Result<(), DefinitionsError> {
    if name.len() > 255 {
        return Err(DefinitionsError::at(path, msg!("definitions-name-too-long", what = what, bytes = name.len())));
    }
    if name.chars().any(char::is_control) {
        return Err(DefinitionsError::at(path, msg!("definitions-name-control", what = what)));
    }
    Ok(())
}

/// At most five names, quoted, and how many more: `'a', 'b' and 3 more`.
fn list_names(names: impl Iterator<Item = String>) -> Msg {
    let names: Vec<String> = names.collect();
    let shown: Vec<String> = names.iter().take(5).map(|n| format!("'{n}'")).collect();
    let more = names.len().saturating_sub(5);
    msg!("definitions-names", names = shown.join(", "), more = more)
}

struct Importer<'a> {
    defs: &'a Definitions,
    vhost: String,
    lang: Lang,
    warnings: Vec<Warning>,
    scenario: Scenario,
    /// Exchange name → node id.
    exchange_ids: HashMap<String, String>,
    /// Queue name → node id.
    queue_ids: HashMap<String, String>,
    /// Names skipped on purpose, so bindings to them get a precise warning.
    skipped_exchanges: HashMap<String, Msg>,
    skipped_queues: HashMap<String, Msg>,
    /// For each imported exchange, its index in the file.
    exchange_index: Vec<usize>,
}

impl<'a> Importer<'a> {
    fn new(defs: &'a Definitions, options: &ImportOptions) -> Result<Self, DefinitionsError> {
        let vhost = choose_vhost(defs, options)?;
        Ok(Importer {
            defs,
            vhost,
            lang: options.lang,
            warnings: Vec::new(),
            scenario: Scenario::default(),
            exchange_ids: HashMap::new(),
            queue_ids: HashMap::new(),
            skipped_exchanges: HashMap::new(),
            skipped_queues: HashMap::new(),
            exchange_index: Vec::new(),
        })
    }

    fn warn(&mut self, path: impl Into<String>, message: Msg) {
        self.warnings.push(Warning::at(path, message));
    }

    fn in_vhost(&self, v: &Option<String>) -> bool {
        v.as_deref().is_none_or(|v| v == self.vhost)
    }

    fn run(mut self) -> Result<Import, DefinitionsError> {
        self.report_skipped_categories();
        self.report_other_vhosts();
        for (i, x) in self.defs.exchanges.iter().enumerate() {
            if self.in_vhost(&x.vhost) {
                self.exchange(i, x)?;
            }
        }
        self.resolve_alternates();
        for (i, q) in self.defs.queues.iter().enumerate() {
            if self.in_vhost(&q.vhost) {
                self.queue(i, q)?;
            }
        }
        let mut seen = HashSet::new();
        for (i, b) in self.defs.bindings.iter().enumerate() {
            if self.in_vhost(&b.vhost) {
                self.binding(i, b, &mut seen)?;
            }
        }
        self.check_limits()?;
        let s = &mut self.scenario;
        let version = self.defs.rabbitmq_version.as_ref().or(self.defs.rabbit_version.as_ref());
        s.title = match version {
            Some(v) => msg!("definitions-title-version", version = v),
            None => msg!("definitions-title"),
        }
        .render(self.lang);
        s.description = msg!(
            "definitions-description",
            vhost = &self.vhost,
            exchanges = s.exchanges.len(),
            queues = s.queues.len(),
            bindings = s.bindings.len()
        )
        .render(self.lang);
        layout::arrange(s);
        scenario::parse::check(s).map_err(|e| {
            DefinitionsError::at(e.path, msg!("definitions-invalid-scenario", error = e.message.to_string()))
        })?;
        Ok(Import { scenario: self.scenario, vhost: self.vhost, warnings: self.warnings })
    }

    fn report_skipped_categories(&mut self) {
        let d = self.defs;
        let names = |items: &[Value], key: &str| {
            list_names(items.iter().filter_map(|u| u.get(key).and_then(Value::as_str)).map(str::to_string))
        };
        if !d.users.is_empty() {
            self.warn("users", msg!("definitions-skip-users", count = d.users.len(), names = names(&d.users, "name")));
        }
        if !d.permissions.is_empty() {
            self.warn("permissions", msg!("definitions-skip-permissions", count = d.permissions.len()));
        }
        if !d.topic_permissions.is_empty() {
            let count = d.topic_permissions.len();
            self.warn("topic_permissions", msg!("definitions-skip-topic-permissions", count = count));
        }
        for (i, p) in d.parameters.iter().enumerate() {
            let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
            let warning =
                msg!("definitions-skip-parameter", name = s("name"), component = s("component"), vhost = s("vhost"));
            self.warn(format!("parameters[{i}]"), warning);
        }
        if !d.global_parameters.is_empty() {
            let warning = msg!(
                "definitions-skip-global-parameters",
                count = d.global_parameters.len(),
                names = names(&d.global_parameters, "name")
            );
            self.warn("global_parameters", warning);
        }
        for (i, p) in d.policies.iter().enumerate() {
            let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
            let keys = p
                .get("definition")
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            let keys =
                if keys.is_empty() { msg!("definitions-policy-nothing") } else { crate::i18n::Msg::verbatim(keys) };
            let warning = msg!(
                "definitions-skip-policy",
                name = s("name"),
                vhost = s("vhost"),
                pattern = s("pattern"),
                applies_to = p.get("apply-to").and_then(Value::as_str).unwrap_or("all"),
                keys = keys
            );
            self.warn(format!("policies[{i}]"), warning);
        }
    }

    fn report_other_vhosts(&mut self) {
        let d = self.defs;
        let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
        for v in &d.vhosts {
            counts.entry(v.name.as_str()).or_default();
        }
        for x in &d.exchanges {
            if let Some(v) = &x.vhost {
                counts.entry(v).or_default()[0] += 1;
            }
        }
        for q in &d.queues {
            if let Some(v) = &q.vhost {
                counts.entry(v).or_default()[1] += 1;
            }
        }
        for b in &d.bindings {
            if let Some(v) = &b.vhost {
                counts.entry(v).or_default()[2] += 1;
            }
        }
        for (v, [x, q, b]) in counts {
            if v != self.vhost {
                let warning = msg!("definitions-skip-vhost", vhost = v, exchanges = x, queues = q, bindings = b);
                self.warn("vhosts", warning);
            }
        }
    }

    fn exchange(&mut self, i: usize, x: &ExchangeDef) -> Result<(), DefinitionsError> {
        let path = format!("exchanges[{i}]");
        check_name(format!("{path}.name"), &x.name, "exchange")?;
        if x.name.is_empty() {
            self.warn(&path, msg!("definitions-skip-default-exchange"));
            return Ok(());
        }
        if x.name.starts_with("amq.") {
            self.skipped_exchanges.insert(x.name.clone(), msg!("definitions-why-amq-exchange"));
            self.warn(&path, msg!("definitions-skip-amq-exchange", exchange = &x.name));
            return Ok(());
        }
        let kind = match x.kind.as_str() {
            "direct" => ExchangeKind::Direct,
            "fanout" => ExchangeKind::Fanout,
            "topic" => ExchangeKind::Topic,
            "headers" => ExchangeKind::Headers,
            other => {
                self.skipped_exchanges.insert(x.name.clone(), msg!("definitions-why-type", kind = other));
                self.warn(&path, msg!("definitions-skip-plugin-type", exchange = &x.name, kind = other));
                return Ok(());
            }
        };
        if self.exchange_ids.contains_key(&x.name) {
            self.warn(&path, msg!("definitions-exchange-twice", exchange = &x.name));
            return Ok(());
        }
        let id = format!("x{}", self.scenario.exchanges.len() + 1);
        self.exchange_ids.insert(x.name.clone(), id.clone());
        self.exchange_index.push(i);
        self.scenario.exchanges.push(ExchangeNode {
            id,
            name: x.name.clone(),
            kind,
            durable: x.durable,
            auto_delete: x.auto_delete,
            internal: x.internal,
            alternate_exchange: None,
            arguments: x.arguments.clone(),
            x: 0.0,
            y: 0.0,
        });
        Ok(())
    }

    /// Turns `alternate-exchange` arguments that name an imported exchange
    /// into edges; others stay arguments (RabbitMQ drops the message when
    /// the alternate is missing, and so does the engine).
    fn resolve_alternates(&mut self) {
        let mut warnings = Vec::new();
        for (x, i) in self.scenario.exchanges.iter_mut().zip(&self.exchange_index) {
            let Some(Value::String(ae)) = x.arguments.get("alternate-exchange").cloned() else { continue };
            if let Some(id) = self.exchange_ids.get(&ae) {
                x.alternate_exchange = Some(id.clone());
                x.arguments.remove("alternate-exchange");
            } else if !ae.starts_with("amq.") {
                warnings.push(Warning::at(
                    format!("exchanges[{i}].arguments.alternate-exchange"),
                    msg!("definitions-alternate-missing", exchange = &x.name, alternate = ae),
                ));
            }
        }
        self.warnings.extend(warnings);
    }

    fn queue(&mut self, i: usize, q: &QueueDef) -> Result<(), DefinitionsError> {
        let path = format!("queues[{i}]");
        check_name(format!("{path}.name"), &q.name, "queue")?;
        if q.name.is_empty() {
            self.warn(&path, msg!("definitions-skip-server-named"));
            return Ok(());
        }
        if q.name.starts_with("amq.") {
            self.skipped_queues.insert(q.name.clone(), msg!("definitions-why-amq-queue"));
            self.warn(&path, msg!("definitions-skip-amq-queue", queue = &q.name));
            return Ok(());
        }
        if self.queue_ids.contains_key(&q.name) {
            self.warn(&path, msg!("definitions-queue-twice", queue = &q.name));
            return Ok(());
        }
        let mut arguments = q.arguments.clone();
        // The type is `x-queue-type`, or the `type` field of a management
        // export (the declare needs it as the argument).
        if let (None, Some(t)) = (arguments.get("x-queue-type"), q.kind.as_deref().filter(|t| *t != "classic")) {
            arguments.insert("x-queue-type".into(), Value::from(t));
        }
        let mut node = QueueNode {
            id: format!("q{}", self.scenario.queues.len() + 1),
            name: q.name.clone(),
            durable: q.durable,
            auto_delete: q.auto_delete,
            ..Default::default()
        };
        let table = FieldTable::from_json(&Value::Object(arguments.clone())).unwrap_or_default();
        match queue_args::parse(&q.name, &table) {
            Err(e) => {
                self.warn(format!("{path}.arguments"), msg!("definitions-refused-arguments", text = e.text));
            }
            Ok(settings) => {
                // Valid: every argument with a field of its own (the
                // engine's table) becomes that field.
                for arg in queue_args::table::fields() {
                    if let Some(raw) = table.get(arg.key) {
                        if queue_fields::take(&mut node, arg.key, &settings, raw) {
                            arguments.remove(arg.key);
                        }
                    }
                }
                self.link_dead_letter_exchange(&path, &q.name, &settings, &mut node, &mut arguments);
            }
        }
        node.arguments = arguments;
        self.queue_ids.insert(q.name.clone(), node.id.clone());
        self.scenario.queues.push(node);
        Ok(())
    }

    /// A valid queue's dead-letter exchange becomes a node reference when
    /// the exchange is in the import (its routing key with it); otherwise
    /// both stay arguments, with a warning unless it is an `amq.*` one.
    fn link_dead_letter_exchange(
        &mut self,
        path: &str,
        queue: &str,
        settings: &queue_args::QueueSettings,
        node: &mut QueueNode,
        arguments: &mut Map<String, Value>,
    ) {
        let Some(dlx) = &settings.dead_letter_exchange else { return };
        let id =
            if dlx.is_empty() { Some(DEFAULT_EXCHANGE_ID.to_string()) } else { self.exchange_ids.get(dlx).cloned() };
        match id {
            Some(id) => {
                node.dead_letter_exchange = Some(id);
                node.dead_letter_routing_key = settings.dead_letter_routing_key.clone();
                arguments.remove("x-dead-letter-exchange");
                arguments.remove("x-dead-letter-routing-key");
            }
            None if dlx.starts_with("amq.") => {}
            None => self.warn(
                format!("{path}.arguments.x-dead-letter-exchange"),
                msg!("definitions-dlx-missing", queue = queue, exchange = dlx),
            ),
        }
    }

    fn binding(
        &mut self,
        i: usize,
        b: &BindingDef,
        seen: &mut HashSet<(String, String, String, String)>,
    ) -> Result<(), DefinitionsError> {
        let path = format!("bindings[{i}]");
        check_name(format!("{path}.routing_key"), &b.routing_key, "binding-key")?;
        let to_exchange = match b.destination_type.as_str() {
            "queue" => false,
            "exchange" => true,
            other => {
                return Err(DefinitionsError::at(
                    format!("{path}.destination_type"),
                    msg!("definitions-destination-type", kind = other),
                ))
            }
        };
        let source = if b.source.is_empty() {
            msg!("definitions-from-default")
        } else {
            msg!("definitions-from", source = &b.source)
        };
        let describe = msg!(
            "definitions-binding",
            source = source,
            kind = &b.destination_type,
            destination = &b.destination,
            key = &b.routing_key
        );
        if b.source.is_empty() {
            self.warn(&path, msg!("definitions-skip-binding-default", binding = describe));
            return Ok(());
        }
        let Some(from) = self.exchange_ids.get(&b.source).cloned() else {
            let why = match self.skipped_exchanges.get(&b.source) {
                Some(why) => msg!("definitions-why-source-skipped", why = why.clone()),
                None => msg!("definitions-why-source-missing", source = &b.source),
            };
            self.warn(&path, msg!("definitions-skip-binding", binding = describe, why = why));
            return Ok(());
        };
        let target =
            if to_exchange { self.exchange_ids.get(&b.destination) } else { self.queue_ids.get(&b.destination) };
        let Some(to) = target.cloned() else {
            let skipped = if to_exchange {
                self.skipped_exchanges.get(&b.destination)
            } else {
                self.skipped_queues.get(&b.destination)
            };
            let why = match skipped {
                Some(why) => msg!("definitions-why-destination-skipped", why = why.clone()),
                None => {
                    msg!(
                        "definitions-why-destination-missing",
                        kind = &b.destination_type,
                        destination = &b.destination
                    )
                }
            };
            self.warn(&path, msg!("definitions-skip-binding", binding = describe, why = why));
            return Ok(());
        };
        let key = (from.clone(), to.clone(), b.routing_key.clone(), Value::Object(b.arguments.clone()).to_string());
        if !seen.insert(key) {
            return Ok(());
        }
        let id = self.scenario.fresh_binding_id();
        self.scenario.bindings.push(BindingEdge {
            id,
            from,
            to,
            routing_key: b.routing_key.clone(),
            arguments: b.arguments.clone(),
        });
        Ok(())
    }

    fn check_limits(&self) -> Result<(), DefinitionsError> {
        let s = &self.scenario;
        for (list, n) in [("exchanges", s.exchanges.len()), ("queues", s.queues.len())] {
            if n > scenario::parse::MAX_NODES {
                let error = msg!(
                    "definitions-too-many",
                    count = n,
                    list = list,
                    vhost = &self.vhost,
                    most = scenario::parse::MAX_NODES
                );
                return Err(DefinitionsError::at(list, error));
            }
        }
        if s.bindings.len() > scenario::parse::MAX_BINDINGS {
            let error = msg!(
                "definitions-too-many",
                count = s.bindings.len(),
                list = "bindings",
                vhost = &self.vhost,
                most = scenario::parse::MAX_BINDINGS
            );
            return Err(DefinitionsError::at("bindings", error));
        }
        Ok(())
    }
}

/// The virtual host to import: the one asked for, else `/` if the file has
/// it (or names none), else the first one it uses.
fn choose_vhost(d: &Definitions, options: &ImportOptions) -> Result<String, DefinitionsError> {
    let used: Vec<&str> = d
        .exchanges
        .iter()
        .filter_map(|x| x.vhost.as_deref())
        .chain(d.queues.iter().filter_map(|q| q.vhost.as_deref()))
        .chain(d.bindings.iter().filter_map(|b| b.vhost.as_deref()))
        .chain(d.vhosts.iter().map(|v| v.name.as_str()))
        .collect();
    if let Some(v) = &options.vhost {
        if used.is_empty() || used.contains(&v.as_str()) {
            return Ok(v.clone());
        }
        let mut all: Vec<&str> = used.clone();
        all.sort();
        all.dedup();
        return Err(DefinitionsError::at(
            "vhosts",
            msg!("definitions-no-vhost", vhost = v, names = list_names(all.into_iter().map(str::to_string))),
        ));
    }
    if used.is_empty() || used.contains(&"/") {
        return Ok("/".to_string());
    }
    // The first vhost that holds something, else the first listed.
    let holding = d
        .exchanges
        .iter()
        .filter_map(|x| x.vhost.as_deref())
        .chain(d.queues.iter().filter_map(|q| q.vhost.as_deref()))
        .next();
    Ok(holding.unwrap_or(used[0]).to_string())
}
