//! Writing Python source safely: string literals that hold any text
//! (quotes, backslashes, newlines, control and invisible characters are
//! escaped, so a name can never end the literal or hide code), values from
//! JSON, and identifiers made from names.

use std::collections::HashSet;
use std::fmt::Write;

use serde_json::Value;

/// A Python string literal (single-quoted) holding exactly `s`.
///
/// ASCII printable characters and non-ASCII letters and digits are kept as
/// they are (readable names); everything else is escaped: `\\`, `\'`, `\n`,
/// `\r`, `\t`, `\xNN`, `\uNNNN`, `\UNNNNNNNN`. Invisible and
/// direction-changing characters (U+2028, U+202E, ...) are escaped too.
pub fn str_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if !c.is_ascii() && c.is_alphanumeric() => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('\'');
    out
}

/// A Python expression for a JSON value: `'text'`, `5`, `1.5`, `True`,
/// `None`, lists and dicts.
pub fn value(v: &Value) -> String {
    match v {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (None, Some(u), _) => u.to_string(),
            (None, None, Some(f)) if f.is_finite() => {
                let text = format!("{f:?}");
                if text.contains(['.', 'e', 'E']) {
                    text
                } else {
                    format!("{text}.0")
                }
            }
            _ => "float('nan')".to_string(),
        },
        Value::String(s) => str_literal(s),
        Value::Array(items) => format!("[{}]", items.iter().map(value).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => {
            let pairs: Vec<String> = m.iter().map(|(k, v)| format!("{}: {}", str_literal(k), value(v))).collect();
            format!("{{{}}}", pairs.join(", "))
        }
    }
}

/// Hands out Python identifiers made from names: lower-case ASCII letters,
/// digits and underscores, with a prefix, never the same one twice.
#[derive(Debug, Default)]
pub struct Identifiers {
    used: HashSet<String>,
}

impl Identifiers {
    /// A fresh identifier `prefix_name` (`start_worker_1`), falling back to
    /// `fallback` (a node id) and then to `prefix_node` when a name has no
    /// usable characters; `_2`, `_3`, ... when taken.
    pub fn make(&mut self, prefix: &str, name: &str, fallback: &str) -> String {
        let slug = [name, fallback].into_iter().map(slug).find(|s| !s.is_empty()).unwrap_or_else(|| "node".to_string());
        let base = format!("{prefix}_{slug}");
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_could_end_them_or_hide_code() {
        assert_eq!(str_literal("plain"), "'plain'");
        assert_eq!(str_literal("it's"), r"'it\'s'");
        assert_eq!(str_literal(r"a\b"), r"'a\\b'");
        assert_eq!(str_literal("a\nb\r\t"), r"'a\nb\r\t'");
        assert_eq!(str_literal("\u{0}\u{7f}\u{85}"), r"'\x00\x7f\x85'");
        assert_eq!(str_literal("café 日本"), "'café 日本'");
        assert_eq!(str_literal("\u{2028}\u{202e}☕"), r"'\u2028\u202e\u2615'");
        assert_eq!(str_literal("🐇"), r"'\U0001f407'");
    }

    #[test]
    fn values_and_identifiers() {
        let v = serde_json::json!({"a": [1, 2.5, true, null, "x"], "big": 1e300});
        assert_eq!(value(&v), "{'a': [1, 2.5, True, None, 'x'], 'big': 1e300}");
        let mut ids = Identifiers::default();
        assert_eq!(ids.make("start", "worker 1", "w1"), "start_worker_1");
        assert_eq!(ids.make("start", "Worker-1!", "w2"), "start_worker_1_2");
        assert_eq!(ids.make("start", "日本", "c3"), "start_c3");
        assert_eq!(ids.make("start", "", "☕"), "start_node");
    }
}
