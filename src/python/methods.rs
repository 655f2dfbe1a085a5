//! Methods of the built-in types that tutorial programs use.

use std::rc::Rc;

use super::builtins::{tri, type_error};
use super::ops;
use super::value::Value;
use super::vm::{native, Ctx, NativeResult};

type Kw = Vec<(Rc<str>, Value)>;

/// The method `name` of a built-in value, unbound.
pub fn lookup(v: &Value, name: &str) -> Option<Value> {
    let f: super::value::NativeFn = match (v, name) {
        (Value::Str(_), "join") => str_join,
        (Value::Str(_) | Value::Bytes(_), "split") => split,
        (Value::Str(_) | Value::Bytes(_), "strip" | "lstrip" | "rstrip") => return Some(strip_fn(name)),
        (Value::Str(_) | Value::Bytes(_), "upper") => upper,
        (Value::Str(_) | Value::Bytes(_), "lower") => lower,
        (Value::Str(_) | Value::Bytes(_), "count") => count,
        (Value::Str(_) | Value::Bytes(_), "startswith") => startswith,
        (Value::Str(_) | Value::Bytes(_), "endswith") => endswith,
        (Value::Str(_) | Value::Bytes(_), "replace") => replace,
        (Value::Str(_) | Value::Bytes(_), "find") => find,
        (Value::Str(_), "encode") => encode,
        (Value::Bytes(_), "decode") => decode,
        (Value::Str(_), "format") => str_format,
        (Value::Str(_), "isdigit") => isdigit,
        (Value::Str(_), "title" | "capitalize") => capitalize,
        (Value::Str(_), "zfill") => zfill,
        (Value::List(_), "append") => list_append,
        (Value::List(_), "extend") => list_extend,
        (Value::List(_), "pop") => list_pop,
        (Value::List(_), "insert") => list_insert,
        (Value::List(_), "remove") => list_remove,
        (Value::List(_), "index") => list_index,
        (Value::List(_), "sort") => list_sort,
        (Value::List(_), "reverse") => list_reverse,
        (Value::List(_), "clear") | (Value::Dict(_), "clear") => clear,
        (Value::Dict(_), "get") => dict_get,
        (Value::Dict(_), "keys") => dict_keys,
        (Value::Dict(_), "values") => dict_values,
        (Value::Dict(_), "items") => dict_items,
        (Value::Dict(_), "pop") => dict_pop,
        (Value::Dict(_), "setdefault") => dict_setdefault,
        (Value::Dict(_), "update") => dict_update,
        (Value::Set(_), "add") => set_add,
        _ => return None,
    };
    Some(native(name, f))
}

fn text(v: &Value) -> (Vec<u8>, bool) {
    match v {
        Value::Str(s) => (s.as_bytes().to_vec(), true),
        Value::Bytes(b) => (b.to_vec(), false),
        _ => (vec![], true),
    }
}

fn make(bytes: Vec<u8>, is_str: bool) -> Value {
    if is_str {
        Value::str(String::from_utf8_lossy(&bytes))
    } else {
        Value::bytes(&bytes)
    }
}

fn arg_text(ctx: &Ctx, v: Option<&Value>, is_str: bool) -> Result<Option<Vec<u8>>, Value> {
    match (v, is_str) {
        (None | Some(Value::None), _) => Ok(None),
        (Some(Value::Str(s)), true) => Ok(Some(s.as_bytes().to_vec())),
        (Some(Value::Bytes(b)), false) => Ok(Some(b.to_vec())),
        (Some(other), true) => Err(ctx.interp.exc("TypeError", format!("must be str, not {}", other.type_name()))),
        (Some(other), false) => {
            Err(ctx.interp.exc("TypeError", format!("a bytes-like object is required, not '{}'", other.type_name())))
        }
    }
}

fn find_sub(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if n.is_empty() {
        return Some(from.min(h.len()));
    }
    (from..=h.len().saturating_sub(n.len())).find(|&i| h.get(i..i + n.len()) == Some(n))
}

fn str_join(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Value::Str(sep) = &args[0] else { unreachable!() };
    let Some(it) = args.get(1) else { return type_error(ctx, "str.join() takes exactly one argument (0 given)") };
    let items = tri!(ops::collect(ctx.interp, it));
    let mut parts = Vec::new();
    for (i, x) in items.iter().enumerate() {
        match x {
            Value::Str(s) => parts.push(s.to_string()),
            other => {
                return type_error(
                    ctx,
                    format!("sequence item {i}: expected str instance, {} found", other.type_name()),
                )
            }
        }
    }
    NativeResult::Ok(Value::str(parts.join(sep)))
}

fn split(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let (h, is_str) = text(&args[0]);
    let sep = args.get(1).cloned().or_else(|| kw.iter().find(|(k, _)| &**k == "sep").map(|(_, v)| v.clone()));
    let maxsplit = match args.get(2).or_else(|| kw.iter().find(|(k, _)| &**k == "maxsplit").map(|(_, v)| v)) {
        Some(Value::Int(n)) if *n >= 0 => *n as usize,
        _ => usize::MAX,
    };
    let sep = tri!(arg_text(ctx, sep.as_ref(), is_str));
    let mut out = Vec::new();
    match sep {
        None => {
            let s = String::from_utf8_lossy(&h).to_string();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if out.len() == maxsplit {
                    out.push(make(rest.as_bytes().to_vec(), is_str));
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(make(rest.as_bytes()[..end].to_vec(), is_str));
                rest = rest[end..].trim_start();
            }
        }
        Some(sep) if sep.is_empty() => return NativeResult::Err(ctx.interp.exc("ValueError", "empty separator")),
        Some(sep) => {
            let mut start = 0;
            while out.len() < maxsplit {
                match find_sub(&h, &sep, start) {
                    Some(i) => {
                        out.push(make(h[start..i].to_vec(), is_str));
                        start = i + sep.len();
                    }
                    None => break,
                }
            }
            out.push(make(h[start..].to_vec(), is_str));
        }
    }
    NativeResult::Ok(Value::list(out))
}

fn strip_fn(name: &str) -> Value {
    match name {
        "strip" => native(name, |c, a, k| strip(c, a, k, true, true)),
        "lstrip" => native(name, |c, a, k| strip(c, a, k, true, false)),
        _ => native(name, |c, a, k| strip(c, a, k, false, true)),
    }
}

fn strip(ctx: &mut Ctx, args: Vec<Value>, _: Kw, left: bool, right: bool) -> NativeResult {
    let (h, is_str) = text(&args[0]);
    let chars = tri!(arg_text(ctx, args.get(1), is_str));
    let s = String::from_utf8_lossy(&h).to_string();
    let set: Option<Vec<char>> = chars.map(|c| String::from_utf8_lossy(&c).chars().collect());
    let pred = |c: char| match &set {
        Some(s) => s.contains(&c),
        None => c.is_whitespace(),
    };
    let mut t = s.as_str();
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    NativeResult::Ok(make(t.as_bytes().to_vec(), is_str))
}

fn upper(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(match &args[0] {
        Value::Str(s) => Value::str(s.to_uppercase()),
        Value::Bytes(b) => Value::bytes(&b.to_ascii_uppercase()),
        _ => unreachable!(),
    })
}

fn lower(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(match &args[0] {
        Value::Str(s) => Value::str(s.to_lowercase()),
        Value::Bytes(b) => Value::bytes(&b.to_ascii_lowercase()),
        _ => unreachable!(),
    })
}

fn count(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (h, is_str) = text(&args[0]);
    let Some(n) = tri!(arg_text(ctx, args.get(1), is_str)) else {
        return type_error(ctx, "count() takes at least 1 argument (0 given)");
    };
    if n.is_empty() {
        let len = if is_str { String::from_utf8_lossy(&h).chars().count() } else { h.len() };
        return NativeResult::Ok(Value::Int(len as i64 + 1));
    }
    let mut c = 0;
    let mut i = 0;
    while let Some(j) = find_sub(&h, &n, i) {
        c += 1;
        i = j + n.len();
    }
    NativeResult::Ok(Value::Int(c))
}

fn prefix_args(ctx: &Ctx, args: &[Value], is_str: bool) -> Result<Vec<Vec<u8>>, Value> {
    match args.get(1) {
        Some(Value::Tuple(t)) => {
            t.iter().map(|v| arg_text(ctx, Some(v), is_str).map(Option::unwrap_or_default)).collect()
        }
        v => Ok(vec![arg_text(ctx, v, is_str)?.unwrap_or_default()]),
    }
}

fn startswith(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (h, is_str) = text(&args[0]);
    let p = tri!(prefix_args(ctx, &args, is_str));
    NativeResult::Ok(Value::Bool(p.iter().any(|p| h.starts_with(p))))
}

fn endswith(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (h, is_str) = text(&args[0]);
    let p = tri!(prefix_args(ctx, &args, is_str));
    NativeResult::Ok(Value::Bool(p.iter().any(|p| h.ends_with(p))))
}

fn replace(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (h, is_str) = text(&args[0]);
    let (Some(a), Some(b)) = (tri!(arg_text(ctx, args.get(1), is_str)), tri!(arg_text(ctx, args.get(2), is_str)))
    else {
        return type_error(ctx, "replace expected at least 2 arguments");
    };
    let s = String::from_utf8_lossy(&h).replace(&*String::from_utf8_lossy(&a), &String::from_utf8_lossy(&b));
    NativeResult::Ok(make(s.into_bytes(), is_str))
}

fn find(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (h, is_str) = text(&args[0]);
    let n = tri!(arg_text(ctx, args.get(1), is_str)).unwrap_or_default();
    let r = find_sub(&h, &n, 0).map(|i| if is_str { String::from_utf8_lossy(&h[..i]).chars().count() } else { i });
    NativeResult::Ok(Value::Int(r.map(|i| i as i64).unwrap_or(-1)))
}

fn encode(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Value::Str(s) = &args[0] else { unreachable!() };
    NativeResult::Ok(Value::bytes(s.as_bytes()))
}

fn decode(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Value::Bytes(b) = &args[0] else { unreachable!() };
    match std::str::from_utf8(b) {
        Ok(s) => NativeResult::Ok(Value::str(s)),
        Err(e) => {
            let at = e.valid_up_to();
            let msg = format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {at}: invalid start byte",
                b.get(at).copied().unwrap_or(0)
            );
            NativeResult::Err(ctx.interp.exc("UnicodeDecodeError", msg))
        }
    }
}

fn str_format(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let Value::Str(fmt) = &args[0] else { unreachable!() };
    let mut out = String::new();
    let mut auto = 1;
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') || c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push(c);
            i += 2;
            continue;
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(end) = chars[i..].iter().position(|&c| c == '}') else {
            return NativeResult::Err(ctx.interp.exc("ValueError", "Single '{' encountered in format string"));
        };
        let field: String = chars[i + 1..i + end].iter().collect();
        i += end + 1;
        let (name, spec) = field.split_once(':').unwrap_or((&field, ""));
        let (name, conv) = name.split_once('!').map(|(n, c)| (n, Some(c))).unwrap_or((name, None));
        let v = if name.is_empty() {
            auto += 1;
            args.get(auto - 1).cloned()
        } else if let Ok(n) = name.parse::<usize>() {
            args.get(n + 1).cloned()
        } else {
            kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
        };
        let Some(v) = v else {
            return NativeResult::Err(
                ctx.interp.exc(
                    "IndexError",
                    format!("Replacement index {} out of range for positional args tuple", auto - 2),
                ),
            );
        };
        let v = match conv {
            Some("r") => Value::str(tri!(super::repr::repr(ctx.interp, &v))),
            _ => v,
        };
        out.push_str(&tri!(super::format::format_value(ctx.interp, &v, spec)));
    }
    NativeResult::Ok(Value::str(out))
}

fn isdigit(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Value::Str(s) = &args[0] else { unreachable!() };
    NativeResult::Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())))
}

fn capitalize(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Value::Str(s) = &args[0] else { unreachable!() };
    let mut c = s.chars();
    let out = match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
        None => String::new(),
    };
    NativeResult::Ok(Value::str(out))
}

fn zfill(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (Value::Str(s), Some(Value::Int(w))) = (&args[0], args.get(1)) else { unreachable!() };
    let n = (*w as usize).saturating_sub(s.chars().count());
    NativeResult::Ok(Value::str(format!("{}{s}", "0".repeat(n))))
}

fn list_of(v: &Value) -> &Rc<std::cell::RefCell<Vec<Value>>> {
    match v {
        Value::List(l) => l,
        _ => unreachable!(),
    }
}

fn list_append(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let l = list_of(&args[0]);
    let Some(v) = args.get(1) else { return type_error(ctx, "list.append() takes exactly one argument (0 given)") };
    if l.borrow().len() >= super::vm::MAX_ITEMS {
        return NativeResult::Err(ctx.interp.exc("MemoryError", ops::memory_note()));
    }
    l.borrow_mut().push(v.clone());
    NativeResult::Ok(Value::None)
}

fn list_extend(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let items = tri!(ops::collect(ctx.interp, &args[1]));
    list_of(&args[0]).borrow_mut().extend(items);
    NativeResult::Ok(Value::None)
}

fn list_pop(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let l = list_of(&args[0]);
    let len = l.borrow().len() as i64;
    if len == 0 {
        return NativeResult::Err(ctx.interp.exc("IndexError", "pop from empty list"));
    }
    let i = match args.get(1) {
        Some(Value::Int(i)) => *i,
        _ => -1,
    };
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return NativeResult::Err(ctx.interp.exc("IndexError", "pop index out of range"));
    }
    NativeResult::Ok(l.borrow_mut().remove(j as usize))
}

fn list_insert(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let l = list_of(&args[0]);
    let len = l.borrow().len() as i64;
    let i = match args.get(1) {
        Some(Value::Int(i)) => *i,
        _ => 0,
    };
    let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
    l.borrow_mut().insert(j as usize, args.get(2).cloned().unwrap_or(Value::None));
    NativeResult::Ok(Value::None)
}

fn list_position(ctx: &mut Ctx, args: &[Value]) -> Result<Option<usize>, Value> {
    let items = list_of(&args[0]).borrow().clone();
    for (i, x) in items.iter().enumerate() {
        if ops::eq(ctx.interp, x, &args[1])? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn list_remove(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match tri!(list_position(ctx, &args)) {
        Some(i) => {
            list_of(&args[0]).borrow_mut().remove(i);
            NativeResult::Ok(Value::None)
        }
        None => NativeResult::Err(ctx.interp.exc("ValueError", "list.remove(x): x not in list")),
    }
}

fn list_index(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match tri!(list_position(ctx, &args)) {
        Some(i) => NativeResult::Ok(Value::Int(i as i64)),
        None => {
            let r = tri!(super::repr::repr(ctx.interp, &args[1]));
            NativeResult::Err(ctx.interp.exc("ValueError", format!("{r} is not in list")))
        }
    }
}

fn list_sort(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    if kw.iter().any(|(k, _)| &**k == "key") {
        return type_error(ctx, "Warren's list.sort() takes no key function yet; sort tuples instead");
    }
    let mut items = list_of(&args[0]).borrow().clone();
    tri!(super::builtins::sort_values(ctx, &mut items));
    if let Some((_, r)) = kw.iter().find(|(k, _)| &**k == "reverse") {
        if tri!(ops::truthy(ctx.interp, r)) {
            items.reverse();
        }
    }
    *list_of(&args[0]).borrow_mut() = items;
    NativeResult::Ok(Value::None)
}

fn list_reverse(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    list_of(&args[0]).borrow_mut().reverse();
    NativeResult::Ok(Value::None)
}

fn clear(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match &args[0] {
        Value::List(l) => l.borrow_mut().clear(),
        Value::Dict(d) => d.borrow_mut().clear(),
        _ => {}
    }
    NativeResult::Ok(Value::None)
}

fn dict_of(v: &Value) -> &Rc<std::cell::RefCell<super::dict::Dict>> {
    match v {
        Value::Dict(d) => d,
        _ => unreachable!(),
    }
}

fn dict_get(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Some(k) = args.get(1) else { return type_error(ctx, "get expected at least 1 argument, got 0") };
    let key = tri!(ops::hash_key(ctx.interp, k));
    let v = dict_of(&args[0]).borrow().get(&key).cloned();
    NativeResult::Ok(v.unwrap_or(args.get(2).cloned().unwrap_or(Value::None)))
}

fn dict_keys(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::list(dict_of(&args[0]).borrow().iter().map(|(k, _)| k.clone()).collect()))
}

fn dict_values(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::list(dict_of(&args[0]).borrow().iter().map(|(_, v)| v.clone()).collect()))
}

fn dict_items(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let items = dict_of(&args[0]).borrow().iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect();
    NativeResult::Ok(Value::list(items))
}

fn dict_pop(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Some(k) = args.get(1) else { return type_error(ctx, "pop expected at least 1 argument, got 0") };
    let key = tri!(ops::hash_key(ctx.interp, k));
    let removed = dict_of(&args[0]).borrow_mut().remove(&key);
    match (removed, args.get(2)) {
        (Some((_, v)), _) => NativeResult::Ok(v),
        (None, Some(d)) => NativeResult::Ok(d.clone()),
        (None, None) => {
            let r = tri!(super::repr::repr(ctx.interp, k));
            NativeResult::Err(ctx.interp.exc("KeyError", r).with_key(k.clone()))
        }
    }
}

fn dict_setdefault(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let k = args[1].clone();
    let key = tri!(ops::hash_key(ctx.interp, &k));
    let d = dict_of(&args[0]);
    if let Some(v) = d.borrow().get(&key) {
        return NativeResult::Ok(v.clone());
    }
    let v = args.get(2).cloned().unwrap_or(Value::None);
    d.borrow_mut().insert(key, k, v.clone());
    NativeResult::Ok(v)
}

fn dict_update(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let d = dict_of(&args[0]).clone();
    if let Some(Value::Dict(src)) = args.get(1) {
        let items: Vec<_> = src.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in items {
            let key = tri!(ops::hash_key(ctx.interp, &k));
            d.borrow_mut().insert(key, k, v);
        }
    }
    for (k, v) in kw {
        d.borrow_mut().insert(super::dict::Key::Str(k.clone()), Value::Str(k), v);
    }
    NativeResult::Ok(Value::None)
}

fn set_add(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Value::Set(s) = &args[0] else { unreachable!() };
    let key = tri!(ops::hash_key(ctx.interp, &args[1]));
    s.borrow_mut().insert(key, args[1].clone(), Value::None);
    NativeResult::Ok(Value::None)
}
