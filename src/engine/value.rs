//! AMQP field values and field tables: message headers, queue, exchange,
//! binding and consumer arguments.
//!
//! RabbitMQ compares header values by value with the integer types unified
//! (a `signedint` 1 equals a `long` 1) but never across kinds: the integer
//! `1`, the string `"1"` and `true` are all different. [`FieldValue`] keeps
//! exactly those distinctions.

use std::collections::BTreeMap;
use std::fmt;

/// One AMQP field value.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    /// A long string (`longstr`).
    Str(String),
    /// Any of the integer types (`signedint`, `long`, ...), unified.
    Int(i64),
    /// A floating point number (`double`, `float`).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A timestamp in seconds (as used by `x-death` `time`).
    Timestamp(u64),
    /// An array of values.
    Array(Vec<FieldValue>),
    /// A nested table.
    Table(FieldTable),
    /// No value (`void`): in a headers binding it asks for presence only.
    Void,
}

impl FieldValue {
    /// RabbitMQ's value equality (Erlang `==` on the decoded values):
    /// integers and floats compare numerically, everything else by kind and
    /// value.
    pub fn amqp_eq(&self, other: &FieldValue) -> bool {
        use FieldValue::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (Int(a), Float(b)) | (Float(b), Int(a)) => (*a as f64) == *b,
            (Float(a), Float(b)) => a == b,
            (Timestamp(a), Timestamp(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            (Void, Void) => true,
            (Array(a), Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.amqp_eq(y)),
            (Table(a), Table(b)) => a == b,
            _ => false,
        }
    }

    /// The AMQP type name, as RabbitMQ writes it in error texts. An integer
    /// is named by the field type a client sends it as: clients (pika, the
    /// Java client) encode integers that fit 32 bits as `signedint` and
    /// larger ones as `long`.
    pub fn type_name(&self) -> &'static str {
        match self {
            FieldValue::Str(_) => "longstr",
            FieldValue::Int(i) if i32::try_from(*i).is_ok() => "signedint",
            FieldValue::Int(_) => "long",
            FieldValue::Float(_) => "double",
            FieldValue::Bool(_) => "bool",
            FieldValue::Timestamp(_) => "timestamp",
            FieldValue::Array(_) => "array",
            FieldValue::Table(_) => "table",
            FieldValue::Void => "void",
        }
    }

    /// The string inside a `longstr`, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FieldValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The integer inside an integer value, if it is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            FieldValue::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// Converts from JSON as the conformance corpus and definitions.json use
    /// it: string → longstr, integer → long, bool → bool, float → double,
    /// array → array, object → table. `null` gives `None` (RabbitMQ refuses
    /// it in definitions).
    pub fn from_json(v: &serde_json::Value) -> Option<FieldValue> {
        Some(match v {
            serde_json::Value::String(s) => FieldValue::Str(s.clone()),
            serde_json::Value::Bool(b) => FieldValue::Bool(*b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => FieldValue::Int(i),
                None => FieldValue::Float(n.as_f64()?),
            },
            serde_json::Value::Array(items) => {
                FieldValue::Array(items.iter().map(FieldValue::from_json).collect::<Option<_>>()?)
            }
            serde_json::Value::Object(_) => FieldValue::Table(FieldTable::from_json(v)?),
            serde_json::Value::Null => return None,
        })
    }

    /// Converts to JSON (timestamps become integers, void becomes null).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            FieldValue::Str(s) => serde_json::Value::String(s.clone()),
            FieldValue::Int(i) => serde_json::Value::from(*i),
            FieldValue::Float(f) => {
                serde_json::Number::from_f64(*f).map(serde_json::Value::Number).unwrap_or(serde_json::Value::Null)
            }
            FieldValue::Bool(b) => serde_json::Value::Bool(*b),
            FieldValue::Timestamp(t) => serde_json::Value::from(*t),
            FieldValue::Array(items) => serde_json::Value::Array(items.iter().map(|v| v.to_json()).collect()),
            FieldValue::Table(t) => t.to_json(),
            FieldValue::Void => serde_json::Value::Null,
        }
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Str(s) => write!(f, "{s:?}"),
            FieldValue::Int(i) => write!(f, "{i}"),
            FieldValue::Float(x) => write!(f, "{x}"),
            FieldValue::Bool(b) => write!(f, "{b}"),
            FieldValue::Timestamp(t) => write!(f, "timestamp {t}"),
            FieldValue::Void => write!(f, "(no value)"),
            other => write!(f, "{}", other.to_json()),
        }
    }
}

impl From<&str> for FieldValue {
    fn from(s: &str) -> Self {
        FieldValue::Str(s.to_string())
    }
}
impl From<String> for FieldValue {
    fn from(s: String) -> Self {
        FieldValue::Str(s)
    }
}
impl From<i64> for FieldValue {
    fn from(i: i64) -> Self {
        FieldValue::Int(i)
    }
}
impl From<bool> for FieldValue {
    fn from(b: bool) -> Self {
        FieldValue::Bool(b)
    }
}

/// An AMQP field table: keys are unique and kept sorted byte-wise, as
/// RabbitMQ sorts them before matching headers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldTable(BTreeMap<String, FieldValue>);

impl FieldTable {
    /// An empty table.
    pub fn new() -> Self {
        FieldTable(BTreeMap::new())
    }

    /// Builds a table from pairs (later keys replace earlier ones).
    pub fn from_pairs<K: Into<String>, V: Into<FieldValue>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        FieldTable(pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&FieldValue> {
        self.0.get(key)
    }

    /// Sets `key` to `value`.
    pub fn insert(&mut self, key: impl Into<String>, value: FieldValue) {
        self.0.insert(key.into(), value);
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<FieldValue> {
        self.0.remove(key)
    }

    /// True when the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Entries in key order (byte-wise).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Converts from a JSON object; `None` when it is not an object or holds a
    /// `null`.
    pub fn from_json(v: &serde_json::Value) -> Option<FieldTable> {
        let obj = v.as_object()?;
        let mut t = FieldTable::new();
        for (k, v) in obj {
            t.insert(k.clone(), FieldValue::from_json(v)?);
        }
        Some(t)
    }

    /// Converts to a JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Object(self.0.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }

    /// Compares the values of `key` in two tables the way RabbitMQ checks
    /// argument equivalence on redeclaration: absent on both sides, or the
    /// same type class and value.
    pub fn equivalent_at(&self, other: &FieldTable, key: &str) -> bool {
        match (self.get(key), other.get(key)) {
            (None, None) => true,
            // rabbit_misc:assert_field_equivalence: a classic queue declared
            // without x-queue-type equals one declared with "classic"
            // (rabbitmq-common#341).
            (None, Some(FieldValue::Str(t))) | (Some(FieldValue::Str(t)), None)
                if key == "x-queue-type" && t == "classic" =>
            {
                true
            }
            (Some(a), Some(b)) => std::mem::discriminant(a) == std::mem::discriminant(b) && a.amqp_eq(b),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_strings_never_compare_equal() {
        assert!(FieldValue::Int(1).amqp_eq(&FieldValue::Int(1)));
        assert!(FieldValue::Int(1).amqp_eq(&FieldValue::Float(1.0)));
        assert!(!FieldValue::Int(1).amqp_eq(&FieldValue::from("1")));
        assert!(!FieldValue::Bool(true).amqp_eq(&FieldValue::from("true")));
        assert!(!FieldValue::Bool(true).amqp_eq(&FieldValue::Int(1)));
    }

    #[test]
    fn integers_are_named_by_the_field_type_a_client_sends() {
        assert_eq!(FieldValue::Int(5).type_name(), "signedint");
        assert_eq!(FieldValue::Int(i64::from(i32::MIN)).type_name(), "signedint");
        assert_eq!(FieldValue::Int(i64::from(i32::MAX) + 1).type_name(), "long");
        assert_eq!(FieldValue::from("5").type_name(), "longstr");
    }

    #[test]
    fn json_round_trip_and_null_refused() {
        let v = serde_json::json!({"a": 1, "b": "x", "c": [true, 2.5], "d": {"e": "f"}});
        let t = FieldTable::from_json(&v).unwrap();
        assert_eq!(t.to_json(), v);
        assert!(FieldTable::from_json(&serde_json::json!({"a": null})).is_none());
    }

    #[test]
    fn keys_iterate_in_byte_order() {
        let t = FieldTable::from_pairs([("b", 1i64), ("B", 2), ("a", 3)]);
        let keys: Vec<_> = t.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, vec!["B", "a", "b"]);
    }
}
