//! Headers matching (RabbitMQ's `rabbit_exchange_type_headers`).
//!
//! A binding's `x-match` is `all` (the default), `any`, `all-with-x` or
//! `any-with-x`. `x-match` itself is never compared; other `x-` arguments are
//! ignored under `all`/`any` and compared under the `-with-x` variants. A
//! void binding value asks only for the header's presence.

use super::error::{AmqpError, ReplyCode};
use super::value::{FieldTable, FieldValue};
use crate::i18n::Msg;

/// How a headers binding combines its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// Every compared argument must match (no arguments: every message).
    All,
    /// At least one compared argument must match (none: no message).
    Any,
    /// Like `All`, also comparing `x-` arguments.
    AllWithX,
    /// Like `Any`, also comparing `x-` arguments.
    AnyWithX,
}

impl MatchKind {
    /// The `x-match` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::All => "all",
            MatchKind::Any => "any",
            MatchKind::AllWithX => "all-with-x",
            MatchKind::AnyWithX => "any-with-x",
        }
    }

    fn is_all(self) -> bool {
        matches!(self, MatchKind::All | MatchKind::AllWithX)
    }

    fn compares_x(self) -> bool {
        matches!(self, MatchKind::AllWithX | MatchKind::AnyWithX)
    }
}

/// Validates a headers binding's `x-match` (406 for anything else, as
/// RabbitMQ's `validate_binding`) and returns its kind.
pub fn validate_binding(args: &FieldTable) -> Result<MatchKind, AmqpError> {
    match args.get("x-match") {
        None => Ok(MatchKind::All),
        Some(FieldValue::Str(s)) => match s.as_str() {
            "all" => Ok(MatchKind::All),
            "any" => Ok(MatchKind::Any),
            "all-with-x" => Ok(MatchKind::AllWithX),
            "any-with-x" => Ok(MatchKind::AnyWithX),
            other => Err(AmqpError::new(
                ReplyCode::PreconditionFailed,
                format!("Invalid x-match field value <<\"{other}\">>; expected all, any, all-with-x, or any-with-x"),
            )),
        },
        Some(v) => Err(AmqpError::new(
            ReplyCode::PreconditionFailed,
            format!("Invalid x-match field type {} (value {v}); expected longstr", v.type_name()),
        )),
    }
}

fn kind_of(args: &FieldTable) -> MatchKind {
    validate_binding(args).unwrap_or(MatchKind::All)
}

fn compared(args: &FieldTable, kind: MatchKind) -> impl Iterator<Item = (&str, &FieldValue)> {
    args.iter().filter(move |(k, _)| *k != "x-match" && (kind.compares_x() || !k.starts_with("x-")))
}

fn arg_matches(expected: &FieldValue, actual: Option<&FieldValue>) -> bool {
    match (expected, actual) {
        (_, None) => false,
        (FieldValue::Void, Some(_)) => true,
        (e, Some(a)) => e.amqp_eq(a),
    }
}

/// Does a message with `headers` match a binding with `args`?
pub fn matches(args: &FieldTable, headers: &FieldTable) -> bool {
    let kind = kind_of(args);
    let mut iter = compared(args, kind);
    if kind.is_all() {
        iter.all(|(k, v)| arg_matches(v, headers.get(k)))
    } else {
        iter.any(|(k, v)| arg_matches(v, headers.get(k)))
    }
}

/// Explains a headers match in plain words: each compared argument and
/// whether the message satisfied it.
pub fn explain(args: &FieldTable, headers: &FieldTable) -> Msg {
    let kind = kind_of(args);
    let parts: Vec<Msg> = compared(args, kind)
        .map(|(k, v)| match headers.get(k) {
            None => msg!("engine-headers-missing", key = k),
            Some(a) if arg_matches(v, Some(a)) => msg!("engine-headers-matches", key = k, value = a.to_string()),
            Some(a) => {
                let other_type = std::mem::discriminant(a) != std::mem::discriminant(v);
                msg!(
                    "engine-headers-wants",
                    key = k,
                    wants = v.to_string(),
                    has = a.to_string(),
                    other_type = u8::from(other_type)
                )
            }
        })
        .collect();
    let matched = u8::from(matches(args, headers));
    let compared =
        parts.into_iter().reduce(|all, part| msg!("engine-headers-and", first = all, next = part)).unwrap_or_else(
            || if kind.is_all() { msg!("engine-headers-none-all") } else { msg!("engine-headers-none-any") },
        );
    msg!("engine-headers", kind = kind.as_str(), compared = compared, matched = matched)
}

/// A headers binding compiled for routing: its compared arguments as
/// header-key ids (interned in the exchange's [`HeaderWords`]), string
/// values as ids too, so matching a message compares integers.
#[derive(Clone, Debug)]
pub(crate) struct HeadersRule {
    all: bool,
    args: Box<[(u32, Expected)]>,
}

/// What one compared argument asks of the header with its key.
#[derive(Clone, Debug)]
enum Expected {
    /// Void: only that the header is there.
    Present,
    /// A string, by its id.
    Str(u32),
    /// Anything else, compared as AMQP values.
    Value(FieldValue),
}

/// The header keys (and string values per key) of an exchange's
/// bindings, interned. Ids only grow (a removed binding's words stay).
#[derive(Clone, Debug, Default)]
pub(crate) struct HeaderWords {
    keys: rustc_hash::FxHashMap<Box<str>, u32>,
    /// Per key id: its string values.
    values: Vec<rustc_hash::FxHashMap<Box<str>, u32>>,
}

/// "Not a key or value of any binding".
const UNKNOWN: u32 = u32::MAX;

/// Keys of a message's headers looked up on the stack (more use a vector).
const STACK_KEYS: usize = 16;

impl HeaderWords {
    /// Compiles a binding's arguments, interning their words.
    pub fn compile(&mut self, args: &FieldTable) -> HeadersRule {
        let kind = kind_of(args);
        let args = compared(args, kind)
            .map(|(k, v)| {
                let next = self.keys.len() as u32;
                let key = *self.keys.entry(k.into()).or_insert(next);
                if key == next {
                    self.values.push(Default::default());
                }
                let expected = match v {
                    FieldValue::Void => Expected::Present,
                    FieldValue::Str(s) => {
                        let values = &mut self.values[key as usize];
                        let next = values.len() as u32;
                        Expected::Str(*values.entry(s.as_str().into()).or_insert(next))
                    }
                    other => Expected::Value(other.clone()),
                };
                (key, expected)
            })
            .collect();
        HeadersRule { all: kind.is_all(), args }
    }

    /// Runs `f` with a message's headers as seen by the compiled rules.
    pub fn with_message<R>(&self, headers: &FieldTable, f: impl FnOnce(&MessageHeaders<'_>) -> R) -> R {
        let n = self.keys.len();
        let mut stack = [(UNKNOWN, None); STACK_KEYS];
        let mut heap = Vec::new();
        let slots: &mut [(u32, Option<&FieldValue>)] = if n <= STACK_KEYS {
            &mut stack[..n]
        } else {
            heap.resize(n, (UNKNOWN, None));
            &mut heap
        };
        for (k, v) in headers.iter() {
            if let Some(&key) = self.keys.get(k) {
                let id = match v {
                    FieldValue::Str(s) => self.values[key as usize].get(s.as_str()).copied().unwrap_or(UNKNOWN),
                    _ => UNKNOWN,
                };
                slots[key as usize] = (id, Some(v));
            }
        }
        f(&MessageHeaders { slots })
    }
}

/// A message's headers by key id: the string value's id and the value.
pub(crate) struct MessageHeaders<'a> {
    slots: &'a [(u32, Option<&'a FieldValue>)],
}

impl HeadersRule {
    /// Does the message match (as [`matches`] on the binding's arguments)?
    #[inline]
    pub fn matches(&self, m: &MessageHeaders<'_>) -> bool {
        let one = |(key, expected): &(u32, Expected)| {
            let (id, value) = m.slots[*key as usize];
            match (expected, value) {
                (_, None) => false,
                (Expected::Present, Some(_)) => true,
                (Expected::Str(want), Some(_)) => id == *want,
                (Expected::Value(want), Some(v)) => want.amqp_eq(v),
            }
        };
        if self.all {
            self.args.iter().all(one)
        } else {
            self.args.iter().any(one)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: serde_json::Value) -> FieldTable {
        FieldTable::from_json(&v).unwrap()
    }

    #[test]
    fn all_and_any() {
        let all = t(serde_json::json!({"x-match": "all", "format": "pdf", "type": "report"}));
        let any = t(serde_json::json!({"x-match": "any", "format": "pdf", "type": "report"}));
        let both = t(serde_json::json!({"format": "pdf", "type": "report"}));
        let one = t(serde_json::json!({"format": "pdf"}));
        let none = t(serde_json::json!({"format": "zip", "type": "log"}));
        assert!(matches(&all, &both) && matches(&any, &both));
        assert!(!matches(&all, &one) && matches(&any, &one));
        assert!(!matches(&all, &none) && !matches(&any, &none));
        assert!(!matches(&all, &FieldTable::new()));
    }

    #[test]
    fn types_are_compared() {
        let b = t(serde_json::json!({"k": 1}));
        assert!(matches(&b, &t(serde_json::json!({"k": 1}))));
        assert!(!matches(&b, &t(serde_json::json!({"k": "1"}))));
        assert!(!matches(&b, &t(serde_json::json!({"k": true}))));
        assert!(explain(&b, &t(serde_json::json!({"k": "1"}))).english().contains("different type"));
    }

    #[test]
    fn x_arguments_only_with_x() {
        let all = t(serde_json::json!({"x-match": "all", "x-k": 1}));
        let allx = t(serde_json::json!({"x-match": "all-with-x", "x-k": 1}));
        let anyx = t(serde_json::json!({"x-match": "any-with-x", "x-k": 1, "k": 2}));
        let any_empty = t(serde_json::json!({"x-match": "any", "x-k": 1}));
        let msg = t(serde_json::json!({"x-k": 2}));
        assert!(matches(&all, &msg));
        assert!(!matches(&allx, &msg));
        assert!(matches(&allx, &t(serde_json::json!({"x-k": 1}))));
        assert!(!matches(&anyx, &msg));
        assert!(matches(&anyx, &t(serde_json::json!({"k": 2}))));
        assert!(!matches(&any_empty, &msg));
    }

    #[test]
    fn void_means_presence() {
        let mut b = FieldTable::new();
        b.insert("k", FieldValue::Void);
        assert!(matches(&b, &t(serde_json::json!({"k": "anything"}))));
        assert!(!matches(&b, &FieldTable::new()));
    }

    #[test]
    fn bad_x_match_is_406() {
        let e = validate_binding(&t(serde_json::json!({"x-match": "some"}))).unwrap_err();
        assert_eq!(e.code, ReplyCode::PreconditionFailed);
        let e = validate_binding(&t(serde_json::json!({"x-match": 1}))).unwrap_err();
        assert_eq!(e.code, ReplyCode::PreconditionFailed);
    }
}
