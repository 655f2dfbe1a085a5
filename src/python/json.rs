//! `json.dumps` / `json.loads` through serde_json, with Python's default
//! separators (`", "` and `": "`).

use std::rc::Rc;

use super::builtins::{tri, type_error};
use super::value::Value;
use super::vm::{Ctx, NativeResult};

type Kw = Vec<(Rc<str>, Value)>;

fn to_text(ctx: &mut Ctx, v: &Value, out: &mut String) -> Result<(), Value> {
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&super::repr::repr_float(*f)),
        Value::Str(s) => out.push_str(
            &serde_json::to_string(&**s)
                .unwrap_or_default()
                .chars()
                .map(|c| if (c as u32) > 0x7e { format!("\\u{:04x}", c as u32) } else { c.to_string() })
                .collect::<String>(),
        ),
        Value::List(_) | Value::Tuple(_) => {
            let items = super::ops::collect(ctx.interp, v)?;
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                to_text(ctx, x, out)?;
            }
            out.push(']');
        }
        Value::Dict(d) => {
            let items: Vec<_> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            out.push('{');
            for (i, (k, x)) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let key = match k {
                    Value::Str(s) => s.to_string(),
                    other => super::repr::str_of(ctx.interp, other)?,
                };
                to_text(ctx, &Value::str(key), out)?;
                out.push_str(": ");
                to_text(ctx, x, out)?;
            }
            out.push('}');
        }
        other => {
            return Err(ctx
                .interp
                .exc("TypeError", format!("Object of type {} is not JSON serializable", other.type_name())))
        }
    }
    Ok(())
}

pub(super) fn dumps(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Some(v) = args.first() else { return type_error(ctx, "dumps() missing 1 required positional argument: 'obj'") };
    let mut out = String::new();
    tri!(to_text(ctx, v, &mut out));
    NativeResult::Ok(Value::str(out))
}

fn from_json(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(a) => Value::list(a.into_iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            let mut d = super::dict::Dict::new();
            for (k, v) in o {
                let k: Rc<str> = Rc::from(k.as_str());
                d.insert(super::dict::Key::Str(k.clone()), Value::Str(k), from_json(v));
            }
            Value::Dict(Rc::new(std::cell::RefCell::new(d)))
        }
    }
}

pub(super) fn loads(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let text = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Bytes(b)) => String::from_utf8_lossy(b).to_string(),
        _ => return type_error(ctx, "the JSON object must be str, bytes or bytearray"),
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => NativeResult::Ok(from_json(v)),
        Err(e) => {
            let msg = format!(
                "{}: line {} column {} (char {})",
                "Expecting value",
                e.line(),
                e.column(),
                e.column().saturating_sub(1)
            );
            NativeResult::Err(ctx.interp.exc("ValueError", msg))
        }
    }
}
