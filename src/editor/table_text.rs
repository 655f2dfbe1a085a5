//! Header and argument tables as one line of text, for quick editing: `format=pdf,
//! size=3, urgent=true`. Values: `true`/`false` are booleans, integers and
//! decimals are numbers, anything else (or anything in double quotes) is a
//! string, so `code="42"` is the string "42" and `code=42` the number 42
//! (RabbitMQ's headers exchange tells them apart).

use serde_json::{Map, Number, Value};

use crate::i18n::Msg;

/// Most pairs in one table.
pub const MAX_PAIRS: usize = 64;

fn split_pairs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

fn value_of(raw: &str) -> Value {
    let raw = raw.trim();
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        return Value::String(raw[1..raw.len() - 1].to_string());
    }
    match raw {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(i) = raw.parse::<i64>() {
        return Value::Number(i.into());
    }
    if let Some(n) = raw.parse::<f64>().ok().filter(|f| f.is_finite()).and_then(Number::from_f64) {
        if raw.contains('.') {
            return Value::Number(n);
        }
    }
    Value::String(raw.to_string())
}

/// Parses `key=value, ...` into a table, or says what is wrong.
pub fn parse_table(text: &str) -> Result<Map<String, Value>, Msg> {
    let mut map = Map::new();
    let pairs = split_pairs(text);
    if pairs.len() > MAX_PAIRS {
        return Err(msg!("editor-table-too-many", max = MAX_PAIRS));
    }
    for pair in pairs {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(msg!("editor-table-not-pair", pair = pair.as_str()));
        };
        let k = k.trim();
        if k.is_empty() {
            return Err(msg!("editor-table-no-name", pair = pair.as_str()));
        }
        if k.len() > 255 {
            let start: String = k.chars().take(20).collect();
            return Err(msg!("editor-table-long-name", name = format!("{start:?}")));
        }
        if k.chars().any(|c| c.is_control()) || v.chars().any(|c| c.is_control()) {
            return Err(msg!("editor-table-control", name = k));
        }
        map.insert(k.to_string(), value_of(v));
    }
    Ok(map)
}

/// Writes a table as `key=value, ...` (strings that would read back as
/// something else are quoted). `skip` leaves out keys (like `x-match`).
pub fn format_table(map: &Map<String, Value>, skip: &[&str]) -> String {
    map.iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => {
                    let plain = value_of(s) == Value::String(s.clone())
                        && !s.contains(',')
                        && !s.contains('"')
                        && s.trim() == s;
                    if plain {
                        s.clone()
                    } else {
                        format!("\"{s}\"")
                    }
                }
                other => other.to_string(),
            };
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The queue arguments the inspector has fields of their own for, and
/// those fields' labels: the entries of the engine's argument table that
/// have a field.
pub fn queue_fields() -> Vec<(&'static str, &'static str)> {
    crate::engine::queue_args::table::fields().filter_map(|a| Some((a.key, a.field?))).collect()
}

/// The exchange arguments with fields of their own, and those fields'
/// names in the inspector (`data-field`).
pub const EXCHANGE_FIELDS: &[(&str, &str)] = &[("alternate-exchange", "alternate_exchange")];

/// True when every value of `map` can be written as text and read back
/// the same (no arrays or nested tables, which only a file can hold).
pub fn is_editable_as_text(map: &Map<String, Value>) -> bool {
    map.values().all(|v| !matches!(v, Value::Array(_) | Value::Object(_) | Value::Null))
}

/// Parses the "other arguments" of a queue or exchange: like
/// [`parse_table`], but an argument that has its own field (`fields`) is
/// refused with the field's label, so it is set in one place only.
pub fn parse_arguments(text: &str, fields: &[(&str, &str)]) -> Result<Map<String, Value>, Msg> {
    let map = parse_table(text)?;
    if let Some(k) = map.keys().find(|k| fields.iter().any(|(key, _)| *key == k.as_str())) {
        return Err(msg!("editor-table-own-field", key = k.as_str(), field = field_label(k)));
    }
    Ok(map)
}

/// The label of the field argument `key` has of its own (`Max priority`).
pub fn field_label(key: &str) -> Msg {
    msg!("editor-arg-field", key = key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;

    #[test]
    fn values_keep_their_types_and_round_trip() {
        let t = parse_table("format=pdf, size=3, urgent=true, code=\"42\", note=\"a, b\", ratio=0.5").unwrap();
        assert_eq!(
            Value::Object(t.clone()),
            json!({"format": "pdf", "size": 3, "urgent": true, "code": "42", "note": "a, b", "ratio": 0.5})
        );
        assert_eq!(parse_table(&format_table(&t, &[])).unwrap(), t);
        assert!(!format_table(&t, &["format"]).contains("format"));
        assert!(parse_table("").unwrap().is_empty());
    }

    #[test]
    fn bad_pairs_are_explained() {
        assert!(parse_table("novalue").unwrap_err().english().contains("name=value"));
        assert!(parse_table("=3").unwrap_err().english().contains("no name"));
        assert!(parse_table("a=\u{7}").unwrap_err().english().contains("control"));
    }

    #[test]
    fn arguments_with_fields_of_their_own_are_refused_by_name() {
        let t = parse_arguments("x-queue-mode=lazy, x-custom=3", &queue_fields()).unwrap();
        assert_eq!(Value::Object(t), json!({"x-queue-mode": "lazy", "x-custom": 3}));
        let e = parse_arguments("x-max-length=5", &queue_fields()).unwrap_err();
        assert_eq!(e.english(), "x-max-length has a field of its own: set it in 'Max length'");
        assert_eq!(e.render(Lang::Zh), "x-max-length 有专门的字段，请在“最大长度”中设置");
        let e = parse_arguments("alternate-exchange=ae", EXCHANGE_FIELDS).unwrap_err();
        assert!(e.english().contains("Alternate exchange"));
        assert!(is_editable_as_text(&parse_table("a=1, b=x, c=true").unwrap()));
        assert!(!is_editable_as_text(json!({"a": [1]}).as_object().unwrap()));
    }

    #[test]
    fn every_field_of_its_own_is_named_as_the_engine_names_it() {
        for (key, label) in queue_fields() {
            assert_eq!(field_label(key).english(), label, "{key}");
            assert_ne!(field_label(key).render(Lang::Zh), key, "{key} has a Chinese label");
        }
        assert_eq!(field_label("alternate-exchange").render(Lang::Zh), "备用交换机");
        assert_eq!(field_label("x-custom").render(Lang::Zh), "x-custom");
    }
}
