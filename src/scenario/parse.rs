//! Reading a scenario document: size and version checks, typed parsing with
//! the path of the first problem, then checks of the references between
//! nodes and of the numbers. A document that fails any of them is refused
//! whole, so the caller's current scenario stays as it was.

use std::collections::HashSet;
use std::fmt;

use serde_json::{Map, Value};

use crate::i18n::Msg;

use super::document::*;
use crate::engine::queue_args::MAX_EXPIRY_MS;
use crate::engine::FieldTable;

/// The largest document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// Most nodes of one kind, and most bindings.
pub const MAX_NODES: usize = 2_000;
/// Most bindings.
pub const MAX_BINDINGS: usize = 10_000;
/// Longest message body template, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Why a document was refused, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// Path in the document (`queues[2].name`), empty for the whole document.
    pub path: String,
    /// What is wrong, in plain English words (`reason` rendered in English).
    pub message: String,
    /// What is wrong, to render in the page's language.
    pub reason: Msg,
}

impl ScenarioError {
    pub(crate) fn at(path: impl Into<String>, reason: Msg) -> Self {
        ScenarioError { path: path.into(), message: reason.english(), reason }
    }

    /// An error whose reason is a text that has no message of its own
    /// yet; it reads the same in every language.
    pub fn untranslated(path: impl Into<String>, text: impl Into<String>) -> Self {
        ScenarioError::at(path, crate::i18n::Msg::verbatim(text.into()))
    }

    /// The whole error, path first (`at queues[2].name: ...`), to render in
    /// the page's language.
    pub fn msg(&self) -> Msg {
        if self.path.is_empty() {
            self.reason.clone()
        } else {
            msg!("document-at", path = self.path.as_str(), reason = self.reason.clone())
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().english())
    }
}

// The arguments are whole numbers and texts (never NaN), so equality is
// reflexive.
impl Eq for ScenarioError {}

impl std::error::Error for ScenarioError {}

/// Parses and checks a scenario document.
pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(ScenarioError::at("", msg!("document-too-big", bytes = text.len(), limit = MAX_DOCUMENT_BYTES)));
    }
    if text.trim().is_empty() {
        return Err(ScenarioError::at("", msg!("document-empty")));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ScenarioError::at("", msg!("document-not-json", detail = e.to_string(), line = e.line(), column = e.column()))
    })?;
    from_value(value)
}

/// Checks and converts an already parsed JSON value.
pub fn from_value(value: Value) -> Result<Scenario, ScenarioError> {
    let Some(obj) = value.as_object() else {
        return Err(ScenarioError::at("", msg!("document-not-object", example = r#"{"warren": 2, ...}"#)));
    };
    match obj.get("warren") {
        None => return Err(ScenarioError::at("warren", msg!("document-no-version"))),
        Some(v) if v.as_u64().is_some_and(|n| READABLE_VERSIONS.iter().any(|r| *r as u64 == n)) => {}
        Some(v) => {
            return Err(ScenarioError::at(
                "warren",
                msg!("document-unknown-version", found = v.to_string(), current = FORMAT_VERSION),
            ))
        }
    }
    let mut scenario: Scenario = crate::scenario::located::deserialize(&value).map_err(|e| {
        let path = e.path();
        ScenarioError::at(path, msg!("document-serde", text = e.message()))
    })?;
    scenario.assign_binding_ids();
    scenario.warren = FORMAT_VERSION;
    check(&scenario)?;
    Ok(scenario)
}

fn check_name(path: String, name: &str, what: Msg, allow_empty: bool) -> Result<(), ScenarioError> {
    if name.is_empty() && !allow_empty {
        return Err(ScenarioError::at(path, msg!("document-name-missing", what = what)));
    }
    if name.len() > 255 {
        return Err(ScenarioError::at(path, msg!("document-name-too-long", what = what, bytes = name.len())));
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(ScenarioError::at(path, msg!("document-name-control", what = what)));
    }
    Ok(())
}

fn check_finite(path: String, v: f64) -> Result<(), ScenarioError> {
    if !v.is_finite() || v.abs() > 1.0e6 {
        return Err(ScenarioError::at(path, msg!("document-coordinate", value = v.to_string())));
    }
    Ok(())
}

fn check_table(path: String, args: &Map<String, Value>) -> Result<(), ScenarioError> {
    if FieldTable::from_json(&Value::Object(args.clone())).is_none() {
        return Err(ScenarioError::at(path, msg!("document-table")));
    }
    Ok(())
}

fn check_ms(path: String, v: Option<u64>, what: &'static str) -> Result<(), ScenarioError> {
    if let Some(v) = v {
        if v > MAX_EXPIRY_MS as u64 {
            return Err(ScenarioError::at(
                path,
                msg!("document-ms-limit", kind = what, value = v, limit = MAX_EXPIRY_MS),
            ));
        }
    }
    Ok(())
}

/// The checks serde cannot make: unique ids and names, references between
/// nodes, limits on sizes and numbers.
pub fn check(s: &Scenario) -> Result<(), ScenarioError> {
    check_sizes(s)?;
    check_node_ids(s)?;
    check_exchanges(s)?;
    check_queues(s)?;
    check_bindings(s)?;
    check_producers(s)?;
    check_consumers(s)?;
    check_limits(s)?;
    super::programs::check_programs(s)
}

/// The clock speed and the number of entries in each list.
fn check_sizes(s: &Scenario) -> Result<(), ScenarioError> {
    if !(0.1..=10.0).contains(&s.speed) {
        return Err(ScenarioError::at("speed", msg!("document-speed", speed = s.speed.to_string())));
    }
    for (list, n) in [
        ("exchanges", s.exchanges.len()),
        ("queues", s.queues.len()),
        ("producers", s.producers.len()),
        ("consumers", s.consumers.len()),
    ] {
        if n > MAX_NODES {
            return Err(ScenarioError::at(list, msg!("document-entries", count = n, limit = MAX_NODES)));
        }
    }
    if s.bindings.len() > MAX_BINDINGS {
        return Err(ScenarioError::at(
            "bindings",
            msg!("document-entries", count = s.bindings.len(), limit = MAX_BINDINGS),
        ));
    }
    Ok(())
}

/// Node ids: 1 to 64 characters, unique (the default exchange's included); the default exchange's position.
fn check_node_ids(s: &Scenario) -> Result<(), ScenarioError> {
    let mut ids: HashSet<&str> = HashSet::new();
    ids.insert(DEFAULT_EXCHANGE_ID);
    let check_id = |path: String, id: &'_ str| -> Result<(), ScenarioError> {
        if id.is_empty() || id.len() > 64 {
            return Err(ScenarioError::at(path, msg!("document-id-length")));
        }
        Ok(())
    };
    let all_ids: Vec<(String, &str)> = s
        .exchanges
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("exchanges[{i}].id"), n.id.as_str()))
        .chain(s.queues.iter().enumerate().map(|(i, n)| (format!("queues[{i}].id"), n.id.as_str())))
        .chain(s.producers.iter().enumerate().map(|(i, n)| (format!("producers[{i}].id"), n.id.as_str())))
        .chain(s.consumers.iter().enumerate().map(|(i, n)| (format!("consumers[{i}].id"), n.id.as_str())))
        .collect();
    for (path, id) in &all_ids {
        check_id(path.clone(), id)?;
        if !ids.insert(id) {
            return Err(ScenarioError::at(path.clone(), msg!("document-id-taken", id = *id)));
        }
    }
    check_finite("default_exchange.x".into(), s.default_exchange.x)?;
    check_finite("default_exchange.y".into(), s.default_exchange.y)?;
    Ok(())
}

/// Exchange names (unique), positions, arguments, alternate exchanges.
fn check_exchanges(s: &Scenario) -> Result<(), ScenarioError> {
    let is_exchange = |id: &str| id == DEFAULT_EXCHANGE_ID || s.exchange(id).is_some();
    let mut names = HashSet::new();
    for (i, x) in s.exchanges.iter().enumerate() {
        check_name(format!("exchanges[{i}].name"), &x.name, msg!("document-what-exchange"), false)?;
        if !names.insert(x.name.as_str()) {
            return Err(ScenarioError::at(
                format!("exchanges[{i}].name"),
                msg!("document-exchange-name-taken", name = x.name.as_str()),
            ));
        }
        check_finite(format!("exchanges[{i}].x"), x.x)?;
        check_finite(format!("exchanges[{i}].y"), x.y)?;
        check_table(format!("exchanges[{i}].arguments"), &x.arguments)?;
        if let Some(ae) = &x.alternate_exchange {
            if !is_exchange(ae) {
                return Err(ScenarioError::at(
                    format!("exchanges[{i}].alternate_exchange"),
                    msg!("document-no-exchange", id = ae.as_str()),
                ));
            }
        }
    }
    Ok(())
}

/// Queue names (unique unless server-named), positions, arguments, TTLs, dead-letter exchanges.
fn check_queues(s: &Scenario) -> Result<(), ScenarioError> {
    let is_exchange = |id: &str| id == DEFAULT_EXCHANGE_ID || s.exchange(id).is_some();
    let mut names = HashSet::new();
    for (i, q) in s.queues.iter().enumerate() {
        check_name(format!("queues[{i}].name"), &q.name, msg!("document-what-queue"), true)?;
        if !q.name.is_empty() && !names.insert(q.name.as_str()) {
            return Err(ScenarioError::at(
                format!("queues[{i}].name"),
                msg!("document-queue-name-taken", name = q.name.as_str()),
            ));
        }
        check_finite(format!("queues[{i}].x"), q.x)?;
        check_finite(format!("queues[{i}].y"), q.y)?;
        check_table(format!("queues[{i}].arguments"), &q.arguments)?;
        check_ms(format!("queues[{i}].message_ttl"), q.message_ttl, "ttl")?;
        check_ms(format!("queues[{i}].expires"), q.expires, "expires")?;
        if q.expires == Some(0) {
            return Err(ScenarioError::at(format!("queues[{i}].expires"), msg!("document-expires-min")));
        }
        if let Some(dlx) = &q.dead_letter_exchange {
            if !is_exchange(dlx) {
                return Err(ScenarioError::at(
                    format!("queues[{i}].dead_letter_exchange"),
                    msg!("document-no-exchange", id = dlx.as_str()),
                ));
            }
        }
        if let Some(rk) = &q.dead_letter_routing_key {
            check_name(
                format!("queues[{i}].dead_letter_routing_key"),
                rk,
                msg!("document-what-dlx-routing-key"),
                true,
            )?;
        }
    }
    Ok(())
}

/// Binding ids (unique), ends, keys and arguments.
fn check_bindings(s: &Scenario) -> Result<(), ScenarioError> {
    let is_exchange = |id: &str| id == DEFAULT_EXCHANGE_ID || s.exchange(id).is_some();
    let is_queue = |id: &str| s.queue(id).is_some();
    let mut binding_ids = HashSet::new();
    for (i, b) in s.bindings.iter().enumerate() {
        if b.id.is_empty() || b.id.len() > 64 {
            return Err(ScenarioError::at(format!("bindings[{i}].id"), msg!("document-binding-id-length")));
        }
        if !binding_ids.insert(b.id.as_str()) {
            return Err(ScenarioError::at(
                format!("bindings[{i}].id"),
                msg!("document-binding-id-taken", id = b.id.as_str()),
            ));
        }
        if !is_exchange(&b.from) {
            return Err(ScenarioError::at(
                format!("bindings[{i}].from"),
                msg!("document-binding-from", id = b.from.as_str()),
            ));
        }
        if !is_exchange(&b.to) && !is_queue(&b.to) {
            return Err(ScenarioError::at(
                format!("bindings[{i}].to"),
                msg!("document-binding-to", id = b.to.as_str()),
            ));
        }
        check_name(format!("bindings[{i}].routing_key"), &b.routing_key, msg!("document-what-binding-key"), true)?;
        check_table(format!("bindings[{i}].arguments"), &b.arguments)?;
    }
    Ok(())
}

/// Producers: their exchange, message template and schedule.
fn check_producers(s: &Scenario) -> Result<(), ScenarioError> {
    let is_exchange = |id: &str| id == DEFAULT_EXCHANGE_ID || s.exchange(id).is_some();
    let is_queue = |id: &str| s.queue(id).is_some();
    for (i, p) in s.producers.iter().enumerate() {
        check_finite(format!("producers[{i}].x"), p.x)?;
        check_finite(format!("producers[{i}].y"), p.y)?;
        if let Some(x) = &p.exchange {
            if !is_exchange(x) {
                return Err(ScenarioError::at(
                    format!("producers[{i}].exchange"),
                    msg!("document-no-exchange", id = x.as_str()),
                ));
            }
        }
        let m = &p.message;
        check_name(
            format!("producers[{i}].message.routing_key"),
            &m.routing_key,
            msg!("document-what-routing-key"),
            true,
        )?;
        if m.body.len() > MAX_BODY_BYTES {
            return Err(ScenarioError::at(
                format!("producers[{i}].message.body"),
                msg!("document-body-size", bytes = m.body.len(), limit = MAX_BODY_BYTES),
            ));
        }
        check_table(format!("producers[{i}].message.headers"), &m.headers)?;
        if let Some(e) = &m.expiration {
            if let Err(why) = crate::engine::basic_ops::parse_expiration(e) {
                return Err(ScenarioError::at(
                    format!("producers[{i}].message.expiration"),
                    msg!("document-expiration", value = e.as_str(), limit = MAX_EXPIRY_MS, why = why.to_string()),
                ));
            }
        }
        if let Some(q) = &m.reply_to_queue {
            if !is_queue(q) {
                return Err(ScenarioError::at(
                    format!("producers[{i}].message.reply_to_queue"),
                    msg!("document-no-queue", id = q.as_str()),
                ));
            }
        }
        match &p.schedule {
            Schedule::Every { every_ms, count, batch, .. } => {
                if !(1..=10_000).contains(batch) {
                    return Err(ScenarioError::at(format!("producers[{i}].schedule.batch"), msg!("document-batch")));
                }
                if *every_ms < 10 {
                    return Err(ScenarioError::at(
                        format!("producers[{i}].schedule.every_ms"),
                        msg!("document-every-ms"),
                    ));
                }
                if count.is_some_and(|c| c > 1_000_000) {
                    return Err(ScenarioError::at(format!("producers[{i}].schedule.count"), msg!("document-count")));
                }
            }
            Schedule::Burst { count, .. } if *count > 10_000 => {
                return Err(ScenarioError::at(format!("producers[{i}].schedule.count"), msg!("document-burst")));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Consumers: their name, queue and behaviour.
fn check_consumers(s: &Scenario) -> Result<(), ScenarioError> {
    let is_queue = |id: &str| s.queue(id).is_some();
    for (i, c) in s.consumers.iter().enumerate() {
        check_finite(format!("consumers[{i}].x"), c.x)?;
        check_finite(format!("consumers[{i}].y"), c.y)?;
        check_name(format!("consumers[{i}].name"), &c.name, msg!("document-what-consumer"), false)?;
        if let Some(p) = &c.same_client_as {
            if s.producer(p).is_none() {
                return Err(ScenarioError::at(
                    format!("consumers[{i}].same_client_as"),
                    msg!("document-no-producer", id = p.as_str()),
                ));
            }
        }
        if let Some(q) = &c.queue {
            if !is_queue(q) {
                return Err(ScenarioError::at(
                    format!("consumers[{i}].queue"),
                    msg!("document-no-queue", id = q.as_str()),
                ));
            }
        }
        if c.processing_ms > 3_600_000 {
            return Err(ScenarioError::at(format!("consumers[{i}].processing_ms"), msg!("document-processing")));
        }
    }
    Ok(())
}

/// Runaway limits and the narration's length.
fn check_limits(s: &Scenario) -> Result<(), ScenarioError> {
    if !(1..=1_000_000).contains(&s.limits.max_ready_messages) {
        return Err(ScenarioError::at("limits.max_ready_messages", msg!("document-max-ready")));
    }
    if !(1_000..=5_000_000).contains(&s.limits.max_events_per_tick) {
        return Err(ScenarioError::at("limits.max_events_per_tick", msg!("document-max-events")));
    }
    if s.narration.len() > 200 {
        return Err(ScenarioError::at("narration", msg!("document-narration")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_document_parses_and_round_trips() {
        let s = parse(r#"{"warren": 1}"#).unwrap();
        assert_eq!(s, Scenario::default());
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(parse(&text).unwrap(), s);
    }

    /// Found by the fuzzer: floats must survive write → read exactly
    /// (serde_json's `float_roundtrip`), or share links would change values.
    #[test]
    fn floats_round_trip_exactly() {
        let doc = r#"{"warren":1,"producers":[{"id":"p","name":"p","message":{"headers":{"k":8.888888888888891e+54}},"x":0.1,"y":1e-7}]}"#;
        let s = parse(doc).unwrap();
        let again = parse(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn errors_name_the_path() {
        let cases = [
            ("", "", "empty"),
            ("[1]", "", "JSON object"),
            ("{", "", "not valid JSON"),
            (r#"{"title": "x"}"#, "warren", "missing the format version"),
            (r#"{"warren": 3}"#, "warren", "unknown format version 3"),
            (r#"{"warren": 1, "queues": [{"id": "q1", "name": 5}]}"#, "queues[0].name", "expected a string"),
            (
                r#"{"warren": 1, "consumers": [{"id": "c", "name": "c", "prefetch": -1}]}"#,
                "consumers[0].prefetch",
                "-1",
            ),
            (
                r#"{"warren": 1, "queues": [{"id": "q", "name": "a"}, {"id": "q", "name": "b"}]}"#,
                "queues[1].id",
                "used by another node",
            ),
            (
                r#"{"warren": 1, "bindings": [{"from": "nope", "to": "default"}]}"#,
                "bindings[0].from",
                "not an exchange",
            ),
            (r#"{"warren": 1, "speed": 50}"#, "speed", "outside"),
            (r#"{"warren": 1, "limits": {"max_ready_messages": 0}}"#, "limits.max_ready_messages", "between 1 and"),
            (r#"{"warren": 1, "limits": {"max_ready_messages": -5}}"#, "limits.max_ready_messages", "-5"),
            (r#"{"warren": 1, "bogus": 1}"#, "bogus", "unknown field"),
        ];
        for (doc, path, text) in cases {
            let e = parse(doc).unwrap_err();
            assert_eq!(e.path, path, "{doc}: {e}");
            assert!(e.message.contains(text), "{doc}: {e}");
        }
    }

    fn queue_named(name: &str) -> String {
        format!(r#"{{"warren": 2, "queues": [{{"id": "q", "name": "{name}"}}]}}"#)
    }

    #[test]
    fn english_texts_stay_as_they_were() {
        let e = parse(&queue_named(&"x".repeat(300))).unwrap_err();
        assert_eq!(e.to_string(), "at queues[0].name: the queue name is 300 bytes; AMQP names hold at most 255");
        assert_eq!(e.message, "the queue name is 300 bytes; AMQP names hold at most 255");
        assert_eq!(
            parse(r#"{"warren": 3}"#).unwrap_err().to_string(),
            "at warren: unknown format version 3: this Warren reads versions 1 and 2"
        );
        assert_eq!(parse("[1]").unwrap_err().to_string(), r#"a scenario is a JSON object, e.g. {"warren": 2, ...}"#);
        assert_eq!(
            parse("{").unwrap_err().to_string(),
            "not valid JSON: EOF while parsing an object at line 1 column 1 (line 1, column 1)"
        );
        let doc = r#"{"warren": 2, "queues": [{"id": "q", "name": "q", "message_ttl": 315360000001}]}"#;
        assert_eq!(
            parse(doc).unwrap_err().to_string(),
            "at queues[0].message_ttl: a TTL of 315360000001 is more than RabbitMQ's limit of 315360000000 ms"
        );
        assert_eq!(
            parse(r#"{"warren": 2, "bogus": 1}"#).unwrap_err().message,
            parse(r#"{"warren": 2, "bogus": 1}"#).unwrap_err().reason.english()
        );
    }

    #[test]
    fn errors_render_in_chinese_keeping_paths_and_names() {
        let zh = |doc: &str| parse(doc).unwrap_err().msg().render(crate::i18n::Lang::Zh);
        assert_eq!(
            zh(&queue_named(&"x".repeat(300))),
            "位置 queues[0].name：队列名称有 300 字节，而 AMQP 名称最多 255 字节"
        );
        assert_eq!(zh(r#"{"warren": 3}"#), "位置 warren：未知的格式版本 3：当前的 Warren 只能读取版本 1 和 2");
        assert!(zh("{").starts_with("不是合法的 JSON：EOF while parsing"), "{}", zh("{"));
        let dlx = r#"{"warren": 2, "queues": [{"id": "q", "name": "q", "dead_letter_exchange": "dlx"}]}"#;
        assert_eq!(zh(dlx), "位置 queues[0].dead_letter_exchange：没有 id 为 'dlx' 的交换机节点");
        let ttl = r#"{"warren": 2, "queues": [{"id": "q", "name": "q", "expires": 315360000001}]}"#;
        assert_eq!(
            zh(ttl),
            "位置 queues[0].expires：过期时间（x-expires）为 315360000001 ms，超过了 RabbitMQ 的上限 315360000000 ms"
        );
    }
}
