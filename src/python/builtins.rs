//! The builtins module: functions (`print`, `len`, `range`, `isinstance`,
//! ...), the types usable as constructors, and the exception hierarchy.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::ops;
use super::repr::{repr, str_of};
use super::value::{Class, Module, Value};
use super::vm::{native, new_exception, Ctx, NativeResult};

type Kw = Vec<(Rc<str>, Value)>;

/// Shorthand: a TypeError result.
pub fn type_error(ctx: &Ctx, msg: impl Into<String>) -> NativeResult {
    NativeResult::Err(ctx.interp.exc("TypeError", msg))
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return NativeResult::Err(e),
        }
    };
}
pub(crate) use tri;

/// The exception classes: (name, base).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("TimeoutError", "OSError"),
    ("ConnectionError", "OSError"),
];

/// A class with these bases in module `module`.
pub fn class(name: &str, module: &str, bases: Vec<Rc<Class>>) -> Rc<Class> {
    Rc::new(Class {
        name: name.into(),
        qualname: name.into(),
        module: module.into(),
        bases,
        dict: RefCell::new(HashMap::new()),
    })
}

/// The builtins module.
pub fn module() -> Rc<Module> {
    let m = Module::new("builtins");
    let object = class("object", "builtins", vec![]);
    m.set("object", Value::Class(object.clone()));
    for (name, base) in EXCEPTIONS {
        let Some(Value::Class(b)) = m.get(base) else { unreachable!() };
        m.set(name, Value::Class(class(name, "builtins", vec![b])));
    }
    let Some(Value::Class(os)) = m.get("OSError") else { unreachable!() };
    m.set("IOError", Value::Class(os));
    let fns: &[(&str, super::value::NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr_fn),
        ("str", str_fn),
        ("int", int_fn),
        ("float", float_fn),
        ("bool", bool_fn),
        ("list", list_fn),
        ("tuple", tuple_fn),
        ("dict", dict_fn),
        ("set", set_fn),
        ("bytes", bytes_fn),
        ("range", range_fn),
        ("enumerate", enumerate),
        ("zip", zip),
        ("isinstance", isinstance),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("reversed", reversed),
        ("any", any),
        ("all", all),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("callable", callable),
        ("ord", ord),
        ("chr", chr),
        ("round", round),
        ("hex", hex),
        ("id", id),
        ("type", type_fn),
        ("format", format_fn),
        ("iter", iter_fn),
        ("input", input),
        ("open", open),
    ];
    for (name, f) in fns {
        m.set(name, native(name, *f));
    }
    m.set("__name__", Value::str("builtins"));
    m
}

fn print(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut to_stderr = false;
    for (k, v) in kw {
        match (&*k, &v) {
            ("sep", Value::Str(s)) => sep = s.to_string(),
            ("end", Value::Str(s)) => end = s.to_string(),
            ("sep" | "end", Value::None) | ("flush", _) => {}
            ("file", Value::Instance(i)) => to_stderr = i.class.name == "stderr",
            _ => return type_error(ctx, format!("'{k}' is an invalid keyword argument for print()")),
        }
    }
    let mut parts = Vec::new();
    for a in &args {
        parts.push(tri!(str_of(ctx.interp, a)));
    }
    let text = parts.join(&sep) + &end;
    if to_stderr {
        ctx.host.stderr(&text);
    } else {
        ctx.host.stdout(&text);
    }
    NativeResult::Ok(Value::None)
}

fn one(ctx: &Ctx, name: &str, args: &[Value]) -> Result<Value, Value> {
    match args {
        [a] => Ok(a.clone()),
        _ => Err(ctx.interp.exc("TypeError", format!("{name}() takes exactly one argument ({} given)", args.len()))),
    }
}

fn len(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "len", &args));
    let n = match &a {
        Value::Str(s) => s.chars().count(),
        Value::Bytes(b) => b.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) | Value::Set(d) => d.borrow().len(),
        Value::Range(x, y, s) => ops::range_len(*x, *y, *s) as usize,
        other => return type_error(ctx, format!("object of type '{}' has no len()", other.type_name())),
    };
    NativeResult::Ok(Value::Int(n as i64))
}

fn repr_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "repr", &args));
    NativeResult::Ok(Value::str(tri!(repr(ctx.interp, &a))))
}

fn str_fn(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    match args.as_slice() {
        [] => NativeResult::Ok(Value::str("")),
        [Value::Bytes(b), rest @ ..] if !rest.is_empty() || !kw.is_empty() => {
            NativeResult::Ok(Value::str(String::from_utf8_lossy(b)))
        }
        [a] => NativeResult::Ok(Value::str(tri!(str_of(ctx.interp, a)))),
        _ => type_error(ctx, "str() takes at most 3 arguments"),
    }
}

/// `int(x)` for a str / bytes / float / int.
pub fn to_int(ctx: &Ctx, v: &Value, base: u32) -> Result<i64, Value> {
    let parse = |s: &str| -> Option<i64> {
        let t = s.trim().replace('_', "");
        i64::from_str_radix(&t, base).ok()
    };
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i64),
        Value::Float(_) => Err(ctx.interp.exc("OverflowError", "cannot convert float infinity to integer")),
        Value::Str(s) => parse(s).ok_or_else(|| {
            ctx.interp
                .exc("ValueError", format!("invalid literal for int() with base {base}: {}", super::repr::repr_str(s)))
        }),
        Value::Bytes(b) => parse(&String::from_utf8_lossy(b)).ok_or_else(|| {
            ctx.interp.exc(
                "ValueError",
                format!("invalid literal for int() with base {base}: {}", super::repr::repr_bytes(b)),
            )
        }),
        other => Err(ctx.interp.exc(
            "TypeError",
            format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ),
        )),
    }
}

fn int_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [] => NativeResult::Ok(Value::Int(0)),
        [a] => NativeResult::Ok(Value::Int(tri!(to_int(ctx, a, 10)))),
        [a, Value::Int(b)] => NativeResult::Ok(Value::Int(tri!(to_int(ctx, a, *b as u32)))),
        _ => type_error(ctx, "int() takes at most 2 arguments"),
    }
}

fn float_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let v = match args.as_slice() {
        [] => 0.0,
        [Value::Int(i)] => *i as f64,
        [Value::Bool(b)] => *b as i64 as f64,
        [Value::Float(f)] => *f,
        [Value::Str(s)] => match s.trim().to_ascii_lowercase().as_str() {
            "inf" | "infinity" | "+inf" => f64::INFINITY,
            "-inf" | "-infinity" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            t => match t.parse::<f64>() {
                Ok(f) => f,
                Err(_) => {
                    let msg = format!("could not convert string to float: {}", super::repr::repr_str(s));
                    return NativeResult::Err(ctx.interp.exc("ValueError", msg));
                }
            },
        },
        [other] => {
            return type_error(
                ctx,
                format!("float() argument must be a string or a real number, not '{}'", other.type_name()),
            )
        }
        _ => return type_error(ctx, "float expected at most 1 argument"),
    };
    NativeResult::Ok(Value::Float(v))
}

fn bool_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.first() {
        None => NativeResult::Ok(Value::Bool(false)),
        Some(a) => NativeResult::Ok(Value::Bool(tri!(ops::truthy(ctx.interp, a)))),
    }
}

fn list_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.first() {
        None => NativeResult::Ok(Value::list(vec![])),
        Some(a) => NativeResult::Ok(Value::list(tri!(ops::collect(ctx.interp, a)))),
    }
}

fn tuple_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.first() {
        None => NativeResult::Ok(Value::tuple(vec![])),
        Some(a) => NativeResult::Ok(Value::tuple(tri!(ops::collect(ctx.interp, a)))),
    }
}

fn dict_fn(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let mut d = super::dict::Dict::new();
    if let Some(a) = args.first() {
        let pairs: Vec<Value> = match a {
            Value::Dict(src) => src.borrow().iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
            other => tri!(ops::collect(ctx.interp, other)),
        };
        for p in pairs {
            let kv = tri!(ops::collect(ctx.interp, &p));
            if kv.len() != 2 {
                return type_error(ctx, "dictionary update sequence element has wrong length");
            }
            let key = tri!(ops::hash_key(ctx.interp, &kv[0]));
            d.insert(key, kv[0].clone(), kv[1].clone());
        }
    }
    for (k, v) in kw {
        d.insert(super::dict::Key::Str(k.clone()), Value::Str(k), v);
    }
    NativeResult::Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

fn set_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let items = match args.first() {
        None => vec![],
        Some(a) => tri!(ops::collect(ctx.interp, a)),
    };
    NativeResult::Ok(tri!(ops::new_set(ctx.interp, items)))
}

fn bytes_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [] => NativeResult::Ok(Value::bytes(b"")),
        [Value::Str(s), _, ..] => NativeResult::Ok(Value::bytes(s.as_bytes())),
        [Value::Str(_)] => type_error(ctx, "string argument without an encoding"),
        [Value::Bytes(b)] => NativeResult::Ok(Value::Bytes(b.clone())),
        [Value::Int(n)] if *n >= 0 && (*n as usize) <= super::vm::MAX_BYTES => {
            NativeResult::Ok(Value::bytes(&vec![0; *n as usize]))
        }
        [Value::Int(_)] => NativeResult::Err(ctx.interp.exc("MemoryError", ops::memory_note())),
        [other] => {
            let items = tri!(ops::collect(ctx.interp, other));
            let mut out = Vec::new();
            for i in items {
                match i {
                    Value::Int(x) if (0..256).contains(&x) => out.push(x as u8),
                    _ => return NativeResult::Err(ctx.interp.exc("ValueError", "bytes must be in range(0, 256)")),
                }
            }
            NativeResult::Ok(Value::bytes(&out))
        }
        _ => type_error(ctx, "bytes() takes at most 3 arguments"),
    }
}

fn range_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let mut n = Vec::new();
    for a in &args {
        match a {
            Value::Int(i) => n.push(*i),
            Value::Bool(b) => n.push(*b as i64),
            other => {
                return type_error(ctx, format!("'{}' object cannot be interpreted as an integer", other.type_name()))
            }
        }
    }
    match n.as_slice() {
        [b] => NativeResult::Ok(Value::Range(0, *b, 1)),
        [a, b] => NativeResult::Ok(Value::Range(*a, *b, 1)),
        [_, _, 0] => NativeResult::Err(ctx.interp.exc("ValueError", "range() arg 3 must not be zero")),
        [a, b, s] => NativeResult::Ok(Value::Range(*a, *b, *s)),
        [] => type_error(ctx, "range expected at least 1 argument, got 0"),
        _ => type_error(ctx, format!("range expected at most 3 arguments, got {}", n.len())),
    }
}

fn enumerate(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let Some(a) = args.first() else { return type_error(ctx, "enumerate() missing required argument 'iterable'") };
    let mut start = match args.get(1) {
        Some(Value::Int(i)) => *i,
        _ => 0,
    };
    if let Some((_, Value::Int(i))) = kw.iter().find(|(k, _)| &**k == "start") {
        start = *i;
    }
    let items = tri!(ops::collect(ctx.interp, a));
    let out = items.into_iter().enumerate().map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v])).collect();
    NativeResult::Ok(Value::list(out))
}

fn zip(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let mut cols = Vec::new();
    for a in &args {
        cols.push(tri!(ops::collect(ctx.interp, a)));
    }
    let n = cols.iter().map(Vec::len).min().unwrap_or(0);
    let out = (0..n).map(|i| Value::tuple(cols.iter().map(|c| c[i].clone()).collect())).collect();
    NativeResult::Ok(Value::list(out))
}

fn is_instance_of(v: &Value, cls: &Value) -> bool {
    match cls {
        Value::Tuple(t) => t.iter().any(|c| is_instance_of(v, c)),
        Value::Class(c) => match v {
            Value::Instance(i) => i.class.is_subclass(c) || c.name == "object",
            _ => c.name == "object",
        },
        Value::Native(n) => match (n.name.as_str(), v) {
            ("int", Value::Int(_) | Value::Bool(_)) => true,
            ("bool", Value::Bool(_)) => true,
            (name, v) => v.type_name() == name,
        },
        _ => false,
    }
}

fn isinstance(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [v, c] => NativeResult::Ok(Value::Bool(is_instance_of(v, c))),
        _ => type_error(ctx, format!("isinstance expected 2 arguments, got {}", args.len())),
    }
}

fn abs(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match tri!(one(ctx, "abs", &args)) {
        Value::Int(i) => NativeResult::Ok(Value::Int(i.abs())),
        Value::Float(f) => NativeResult::Ok(Value::Float(f.abs())),
        other => type_error(ctx, format!("bad operand type for abs(): '{}'", other.type_name())),
    }
}

fn extreme(ctx: &mut Ctx, args: Vec<Value>, name: &str, want: std::cmp::Ordering) -> NativeResult {
    let items = if args.len() == 1 { tri!(ops::collect(ctx.interp, &args[0])) } else { args };
    let mut best: Option<Value> = None;
    for i in items {
        best = Some(match best {
            None => i,
            Some(b) => match ops::order(ctx.interp, &i, &b) {
                Some(o) if o == want => i,
                Some(_) => b,
                None => {
                    let msg =
                        format!("'<' not supported between instances of '{}' and '{}'", i.type_name(), b.type_name());
                    return type_error(ctx, msg);
                }
            },
        });
    }
    match best {
        Some(b) => NativeResult::Ok(b),
        None => NativeResult::Err(ctx.interp.exc("ValueError", format!("{name}() arg is an empty sequence"))),
    }
}

fn min(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    extreme(ctx, args, "min", std::cmp::Ordering::Less)
}

fn max(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    extreme(ctx, args, "max", std::cmp::Ordering::Greater)
}

fn sum(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Some(a) = args.first() else { return type_error(ctx, "sum() takes at least 1 positional argument (0 given)") };
    let mut acc = args.get(1).cloned().unwrap_or(Value::Int(0));
    for i in tri!(ops::collect(ctx.interp, a)) {
        acc = tri!(ops::binary(ctx.interp, super::code::BinOp::Add, &acc, &i, false));
    }
    NativeResult::Ok(acc)
}

/// Sorts values by Python's ordering.
pub fn sort_values(ctx: &mut Ctx, items: &mut [Value]) -> Result<(), Value> {
    let mut err = None;
    let interp = &mut *ctx.interp;
    items.sort_by(|a, b| match ops::order(interp, a, b) {
        Some(o) => o,
        None => {
            err.get_or_insert((a.type_name(), b.type_name()));
            std::cmp::Ordering::Equal
        }
    });
    match err {
        Some((a, b)) => {
            Err(ctx.interp.exc("TypeError", format!("'<' not supported between instances of '{a}' and '{b}'")))
        }
        None => Ok(()),
    }
}

fn sorted(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let Some(a) = args.first() else { return type_error(ctx, "sorted expected 1 argument, got 0") };
    let mut items = tri!(ops::collect(ctx.interp, a));
    if kw.iter().any(|(k, _)| &**k == "key") {
        return type_error(ctx, "Warren's sorted() takes no key function yet; sort tuples instead");
    }
    tri!(sort_values(ctx, &mut items));
    if let Some((_, r)) = kw.iter().find(|(k, _)| &**k == "reverse") {
        if tri!(ops::truthy(ctx.interp, r)) {
            items.reverse();
        }
    }
    NativeResult::Ok(Value::list(items))
}

fn reversed(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "reversed", &args));
    let mut items = tri!(ops::collect(ctx.interp, &a));
    items.reverse();
    NativeResult::Ok(tri!(ops::iter(ctx.interp, &Value::list(items))))
}

fn any(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "any", &args));
    for i in tri!(ops::collect(ctx.interp, &a)) {
        if tri!(ops::truthy(ctx.interp, &i)) {
            return NativeResult::Ok(Value::Bool(true));
        }
    }
    NativeResult::Ok(Value::Bool(false))
}

fn all(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "all", &args));
    for i in tri!(ops::collect(ctx.interp, &a)) {
        if !tri!(ops::truthy(ctx.interp, &i)) {
            return NativeResult::Ok(Value::Bool(false));
        }
    }
    NativeResult::Ok(Value::Bool(true))
}

fn hasattr(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [o, Value::Str(n)] => NativeResult::Ok(Value::Bool(super::attr::get(ctx.interp, o, n).is_ok())),
        _ => type_error(ctx, "hasattr(): attribute name must be string"),
    }
}

fn getattr(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [o, Value::Str(n)] => NativeResult::Ok(tri!(super::attr::get(ctx.interp, o, n))),
        [o, Value::Str(n), d] => NativeResult::Ok(super::attr::get(ctx.interp, o, n).unwrap_or(d.clone())),
        _ => type_error(ctx, "getattr(): attribute name must be string"),
    }
}

fn setattr(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [o, Value::Str(n), v] => {
            tri!(super::attr::set(ctx.interp, o, n, v.clone()));
            NativeResult::Ok(Value::None)
        }
        _ => type_error(ctx, "setattr(): attribute name must be string"),
    }
}

fn callable(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "callable", &args));
    NativeResult::Ok(Value::Bool(matches!(
        a,
        Value::Function(_) | Value::Native(_) | Value::Bound(_) | Value::Class(_)
    )))
}

fn ord(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match tri!(one(ctx, "ord", &args)) {
        Value::Str(s) if s.chars().count() == 1 => {
            NativeResult::Ok(Value::Int(s.chars().next().unwrap_or('\0') as i64))
        }
        Value::Bytes(b) if b.len() == 1 => NativeResult::Ok(Value::Int(b[0] as i64)),
        other => type_error(
            ctx,
            format!(
                "ord() expected a character, but string of length {} found",
                match other {
                    Value::Str(s) => s.chars().count(),
                    _ => 0,
                }
            ),
        ),
    }
}

fn chr(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match tri!(one(ctx, "chr", &args)) {
        Value::Int(i) => match char::from_u32(i as u32) {
            Some(c) if i >= 0 => NativeResult::Ok(Value::str(c.to_string())),
            _ => NativeResult::Err(ctx.interp.exc("ValueError", "chr() arg not in range(0x110000)")),
        },
        other => type_error(ctx, format!("'{}' object cannot be interpreted as an integer", other.type_name())),
    }
}

fn round(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [Value::Int(i)] => NativeResult::Ok(Value::Int(*i)),
        [Value::Float(f)] => {
            let r = f.round();
            // Python rounds half to even.
            let r = if (f - f.trunc()).abs() == 0.5 { 2.0 * (f / 2.0).round() } else { r };
            NativeResult::Ok(Value::Int(r as i64))
        }
        [Value::Float(f), Value::Int(n)] => {
            let p = 10f64.powi(*n as i32);
            NativeResult::Ok(Value::Float((f * p).round() / p))
        }
        [Value::Int(i), Value::Int(_)] => NativeResult::Ok(Value::Int(*i)),
        _ => type_error(ctx, "round() takes a number"),
    }
}

fn hex(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match tri!(one(ctx, "hex", &args)) {
        Value::Int(i) if i < 0 => NativeResult::Ok(Value::str(format!("-0x{:x}", -i))),
        Value::Int(i) => NativeResult::Ok(Value::str(format!("0x{i:x}"))),
        other => type_error(ctx, format!("'{}' object cannot be interpreted as an integer", other.type_name())),
    }
}

fn id(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "id", &args));
    let n = match super::dict::key_of(&a) {
        Some(super::dict::Key::Id(i)) => i as i64,
        _ => 0,
    };
    NativeResult::Ok(Value::Int(n))
}

fn type_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "type", &args));
    match &a {
        Value::Instance(i) => NativeResult::Ok(Value::Class(i.class.clone())),
        other => match ctx.interp.builtins.get(&other.type_name()) {
            Some(v) => NativeResult::Ok(v),
            None => NativeResult::Ok(Value::str(other.type_name())),
        },
    }
}

fn format_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [v] => NativeResult::Ok(Value::str(tri!(str_of(ctx.interp, v)))),
        [v, Value::Str(s)] => NativeResult::Ok(Value::str(tri!(super::format::format_value(ctx.interp, v, s)))),
        _ => type_error(ctx, "format() takes 1 or 2 arguments"),
    }
}

fn iter_fn(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let a = tri!(one(ctx, "iter", &args));
    NativeResult::Ok(tri!(ops::iter(ctx.interp, &a)))
}

fn input(ctx: &mut Ctx, _: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Err(new_exception(
        &ctx.interp.exc_class("EOFError".get(..0).map(|_| "OSError").unwrap_or("OSError")),
        vec![Value::str("Warren's programs have no keyboard input: pass values on the command line (sys.argv)")],
    ))
}

fn open(ctx: &mut Ctx, _: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Err(ctx.interp.exc("OSError", "Warren's programs have no files: keep data in the program"))
}
