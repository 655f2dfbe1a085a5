//! `repr()` and `str()` exactly as CPython prints them: quote choice and
//! escapes of str and bytes, shortest float repr, containers.

use super::value::{Payload, Value};
use super::vm::Interp;

/// CPython's repr of a str.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character (approximated: control
/// characters, separators other than space, surrogates and unassigned
/// private-use / format characters are not printable).
fn is_printable(c: char) -> bool {
    let u = c as u32;
    if c == ' ' {
        return true;
    }
    if u < 0x20 || (0x7f..0xa1).contains(&u) || u == 0xad {
        return false;
    }
    if c.is_whitespace() {
        return false;
    }
    !matches!(u, 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x206f | 0xfeff | 0xfff9..=0xfffb | 0xe000..=0xf8ff | 0xf0000..=0x10ffff)
}

/// CPython's repr of bytes.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// CPython's repr of a float (shortest round-trip digits; exponent form
/// below 1e-4 and from 1e16).
pub fn repr_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent");
    if !(-4..16).contains(&exp) {
        return format!("{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let s = format!("{f}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// `ascii()` of an already computed repr.
pub fn ascii(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

/// `repr(v)`.
pub fn repr(vm: &mut Interp, v: &Value) -> Result<String, Value> {
    Ok(match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => repr_float(*f),
        Value::Str(s) => repr_str(s),
        Value::Bytes(b) => repr_bytes(b),
        Value::Ellipsis => "Ellipsis".into(),
        Value::List(l) => {
            let items = l.borrow().clone();
            format!("[{}]", join_reprs(vm, &items)?)
        }
        Value::Tuple(t) if t.len() == 1 => format!("({},)", repr(vm, &t[0])?),
        Value::Tuple(t) => format!("({})", join_reprs(vm, t)?),
        Value::Dict(d) => {
            let items: Vec<(Value, Value)> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            let mut parts = Vec::new();
            for (k, v) in items {
                parts.push(format!("{}: {}", repr(vm, &k)?, repr(vm, &v)?));
            }
            format!("{{{}}}", parts.join(", "))
        }
        Value::Set(s) => {
            let items: Vec<Value> = s.borrow().iter().map(|(k, _)| k.clone()).collect();
            if items.is_empty() {
                "set()".into()
            } else {
                format!("{{{}}}", join_reprs(vm, &items)?)
            }
        }
        Value::Range(a, b, 1) => format!("range({a}, {b})"),
        Value::Range(a, b, s) => format!("range({a}, {b}, {s})"),
        Value::Slice(s) => format!("slice({}, {}, {})", repr(vm, &s[0])?, repr(vm, &s[1])?, repr(vm, &s[2])?),
        Value::Function(f) => format!("<function {} at 0x7f0000000000>", f.code.qualname),
        Value::Native(n) => match &n.bound {
            Some(b) => format!("<built-in method {} of {} object at 0x7f0000000000>", n.name, b.type_name()),
            None => format!("<built-in function {}>", n.name),
        },
        Value::Bound(b) => {
            let name = match &b.1 {
                Value::Function(f) => f.code.qualname.clone(),
                _ => "method".into(),
            };
            format!("<bound method {name} of {}>", repr(vm, &b.0)?)
        }
        Value::Class(c) => format!(
            "<class '{}'>",
            if c.module == "builtins" { c.qualname.clone() } else { format!("{}.{}", c.module, c.qualname) }
        ),
        Value::Module(m) => format!("<module '{}'>", m.name),
        Value::Iter(_) => "<iterator object at 0x7f0000000000>".into(),
        Value::Code(c) => format!("<code object {}>", c.name),
        Value::Instance(i) => instance_repr(vm, v, i)?,
    })
}

fn instance_repr(vm: &mut Interp, v: &Value, i: &std::rc::Rc<super::value::Instance>) -> Result<String, Value> {
    if let Some(Value::Native(n)) = i.class.lookup("__repr__") {
        return native_text(vm, &n, v);
    }
    if matches!(*i.payload.borrow(), Payload::Traceback(_)) {
        let args = i.get("args").unwrap_or(Value::tuple(vec![]));
        let inner = match &args {
            Value::Tuple(t) if t.len() == 1 => repr(vm, &t[0])?,
            Value::Tuple(t) => join_reprs(vm, t)?,
            _ => String::new(),
        };
        return Ok(format!("{}({inner})", i.class.name));
    }
    Ok(format!("<{}.{} object at 0x7f0000000000>", i.class.module, i.class.qualname))
}

fn native_text(vm: &mut Interp, n: &super::value::Native, v: &Value) -> Result<String, Value> {
    struct NoHost;
    let _ = NoHost;
    match (n.f)(
        &mut super::vm::Ctx { interp: vm, host: &mut super::vm::NullHost, state: None },
        vec![v.clone()],
        vec![],
    ) {
        super::vm::NativeResult::Ok(Value::Str(s)) => Ok(s.to_string()),
        super::vm::NativeResult::Err(e) => Err(e),
        _ => Ok(String::new()),
    }
}

fn join_reprs(vm: &mut Interp, items: &[Value]) -> Result<String, Value> {
    let mut parts = Vec::with_capacity(items.len());
    for i in items {
        parts.push(repr(vm, i)?);
    }
    Ok(parts.join(", "))
}

/// `str(v)`.
pub fn str_of(vm: &mut Interp, v: &Value) -> Result<String, Value> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Instance(i) => {
            if let Some(Value::Native(n)) = i.class.lookup("__str__") {
                return native_text(vm, &n, v);
            }
            if matches!(*i.payload.borrow(), Payload::Traceback(_)) {
                let args = i.get("args").unwrap_or(Value::tuple(vec![]));
                return match &args {
                    Value::Tuple(t) if t.is_empty() => Ok(String::new()),
                    Value::Tuple(t) if t.len() == 1 && i.class.name == "KeyError" => repr(vm, &t[0]),
                    Value::Tuple(t) if t.len() == 1 => str_of(vm, &t[0]),
                    other => repr(vm, other),
                };
            }
            repr(vm, v)
        }
        other => repr(vm, other),
    }
}
