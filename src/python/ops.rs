//! Operators, truthiness, comparison, containment, indexing, iteration.

use std::cell::RefCell;
use std::rc::Rc;

use super::code::{BinOp, CmpOp, UnOp};
use super::dict::{key_of, Dict, Key};
use super::value::{Iter, Value};
use super::vm::{Interp, MAX_BYTES, MAX_ITEMS};

/// The note a MemoryError carries.
pub fn memory_note() -> String {
    format!("Warren caps a str or bytes at {} MiB and a list or dict at {} items", MAX_BYTES >> 20, MAX_ITEMS)
}

/// Truthiness.
pub fn truthy(_vm: &mut Interp, v: &Value) -> Result<bool, Value> {
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Bytes(b) => !b.is_empty(),
        Value::List(l) => !l.borrow().is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
        Value::Range(a, b, s) => range_len(*a, *b, *s) > 0,
        _ => true,
    })
}

/// The dict key of a value, or TypeError: unhashable.
pub fn hash_key(vm: &mut Interp, v: &Value) -> Result<Key, Value> {
    key_of(v).ok_or_else(|| vm.exc("TypeError", format!("unhashable type: '{}'", v.type_name())))
}

/// A set of these items.
pub fn new_set(vm: &mut Interp, items: Vec<Value>) -> Result<Value, Value> {
    let mut d = Dict::new();
    for i in items {
        let k = hash_key(vm, &i)?;
        d.insert(k, i, Value::None);
    }
    Ok(Value::Set(Rc::new(RefCell::new(d))))
}

/// Number of items in a range.
pub fn range_len(a: i64, b: i64, s: i64) -> i64 {
    if s > 0 && a < b {
        (b - a - 1) / s + 1
    } else if s < 0 && a > b {
        (a - b - 1) / (-s) + 1
    } else {
        0
    }
}

/// Value equality (`==`).
pub fn eq(vm: &mut Interp, a: &Value, b: &Value) -> Result<bool, Value> {
    Ok(match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq_eq(vm, &x, &y)?
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(vm, x, y)?,
        (Value::Dict(x), Value::Dict(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.iter() {
                let key = hash_key(vm, k)?;
                match y.get(&key) {
                    Some(w) if eq(vm, v, w)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (Value::Set(x), Value::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|(k, _)| key_of(k).map(|k| y.get(&k).is_some()).unwrap_or(false))
        }
        (Value::Range(a1, b1, s1), Value::Range(a2, b2, s2)) => (a1, b1, s1) == (a2, b2, s2),
        _ => match (number(a), number(b)) {
            (Some(Num::I(x)), Some(Num::I(y))) => x == y,
            (Some(x), Some(y)) => x.f() == y.f(),
            _ => a.is(b) || same_object(a, b),
        },
    })
}

fn same_object(a: &Value, b: &Value) -> bool {
    match (key_of(a), key_of(b)) {
        (Some(Key::Id(x)), Some(Key::Id(y))) => x == y && x != 0,
        _ => false,
    }
}

fn seq_eq(vm: &mut Interp, x: &[Value], y: &[Value]) -> Result<bool, Value> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (a, b) in x.iter().zip(y) {
        if !eq(vm, a, b)? {
            return Ok(false);
        }
    }
    Ok(true)
}

#[derive(Clone, Copy)]
enum Num {
    I(i64),
    F(f64),
}

impl Num {
    fn f(self) -> f64 {
        match self {
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }
}

fn number(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::I(*b as i64)),
        Value::Int(i) => Some(Num::I(*i)),
        Value::Float(f) => Some(Num::F(*f)),
        _ => None,
    }
}

/// `<`, `<=`, `>`, `>=`, `==`, `!=`.
pub fn compare(vm: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> Result<bool, Value> {
    match op {
        CmpOp::Eq => return eq(vm, a, b),
        CmpOp::Ne => return Ok(!eq(vm, a, b)?),
        _ => {}
    }
    let ord = order(vm, a, b).ok_or_else(|| {
        vm.exc(
            "TypeError",
            format!("'{}' not supported between instances of '{}' and '{}'", op.symbol(), a.type_name(), b.type_name()),
        )
    })?;
    use std::cmp::Ordering::*;
    Ok(match op {
        CmpOp::Lt => ord == Less,
        CmpOp::Le => ord != Greater,
        CmpOp::Gt => ord == Greater,
        CmpOp::Ge => ord != Less,
        _ => unreachable!(),
    })
}

/// Ordering of two comparable values.
pub fn order(vm: &mut Interp, a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::Bytes(x), Value::Bytes(y)) => Some(x.cmp(y)),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq_order(vm, &x, &y)
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_order(vm, x, y),
        _ => match (number(a)?, number(b)?) {
            (Num::I(x), Num::I(y)) => Some(x.cmp(&y)),
            (x, y) => x.f().partial_cmp(&y.f()),
        },
    }
}

fn seq_order(vm: &mut Interp, x: &[Value], y: &[Value]) -> Option<std::cmp::Ordering> {
    for (a, b) in x.iter().zip(y) {
        if !eq(vm, a, b).ok()? {
            return order(vm, a, b);
        }
    }
    Some(x.len().cmp(&y.len()))
}

/// `item in container`.
pub fn contains(vm: &mut Interp, container: &Value, item: &Value) -> Result<bool, Value> {
    match container {
        Value::Str(s) => match item {
            Value::Str(i) => Ok(s.contains(&**i)),
            _ => Err(
                vm.exc("TypeError", format!("'in <string>' requires string as left operand, not {}", item.type_name()))
            ),
        },
        Value::Bytes(b) => match item {
            Value::Bytes(i) => Ok(i.is_empty() || b.windows(i.len()).any(|w| w == &**i)),
            Value::Int(i) => Ok(b.contains(&(*i as u8))),
            _ => Err(vm.exc("TypeError", format!("a bytes-like object is required, not '{}'", item.type_name()))),
        },
        Value::Dict(d) | Value::Set(d) => {
            let k = hash_key(vm, item)?;
            Ok(d.borrow().get(&k).is_some())
        }
        Value::Range(a, b, s) => Ok(match item {
            Value::Int(i) => {
                let (a, b, s, i) = (*a, *b, *s, *i);
                (if s > 0 { i >= a && i < b } else { i <= a && i > b }) && (i - a) % s == 0
            }
            _ => false,
        }),
        _ => {
            let items = collect(vm, container)?;
            for x in &items {
                if eq(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// An iterator over a value.
pub fn iter(vm: &mut Interp, v: &Value) -> Result<Value, Value> {
    let it = match v {
        Value::Str(_) | Value::Bytes(_) | Value::List(_) | Value::Tuple(_) => Iter::Seq(v.clone(), 0),
        Value::Range(a, b, s) => Iter::Range(*a, *b, *s),
        Value::Dict(d) | Value::Set(d) => Iter::Items(d.borrow().iter().map(|(k, _)| k.clone()).collect(), 0),
        Value::Iter(_) => return Ok(v.clone()),
        Value::Instance(i) => match i.class.lookup("__next__") {
            Some(f @ Value::Native(_)) => {
                let bound = super::attr::bind_method(v, f);
                Iter::Native(bound)
            }
            _ => return Err(vm.exc("TypeError", format!("'{}' object is not iterable", v.type_name()))),
        },
        _ => return Err(vm.exc("TypeError", format!("'{}' object is not iterable", v.type_name()))),
    };
    Ok(Value::Iter(Rc::new(RefCell::new(it))))
}

/// The next item of a non-native iterator.
pub fn iter_next(it: &mut Iter) -> Option<Value> {
    match it {
        Iter::Seq(v, i) => {
            let item = match v {
                Value::Str(s) => {
                    let c = s[*i..].chars().next()?;
                    *i += c.len_utf8();
                    return Some(Value::str(c.to_string()));
                }
                Value::Bytes(b) => b.get(*i).map(|x| Value::Int(*x as i64)),
                Value::List(l) => l.borrow().get(*i).cloned(),
                Value::Tuple(t) => t.get(*i).cloned(),
                _ => None,
            };
            *i += 1;
            item
        }
        Iter::Range(a, b, s) => {
            if (*s > 0 && *a < *b) || (*s < 0 && *a > *b) {
                let v = *a;
                *a += *s;
                Some(Value::Int(v))
            } else {
                None
            }
        }
        Iter::Items(items, i) => {
            let v = items.get(*i).cloned();
            *i += 1;
            v
        }
        Iter::Native(_) => None,
    }
}

/// All items of an iterable (not native iterators).
pub fn collect(vm: &mut Interp, v: &Value) -> Result<Vec<Value>, Value> {
    match v {
        Value::List(l) => return Ok(l.borrow().clone()),
        Value::Tuple(t) => return Ok(t.to_vec()),
        Value::Range(a, b, s) if range_len(*a, *b, *s) > MAX_ITEMS as i64 => {
            return Err(vm.exc("MemoryError", memory_note()))
        }
        _ => {}
    }
    let it = iter(vm, v)?;
    let Value::Iter(it) = it else { unreachable!() };
    if matches!(&*it.borrow(), Iter::Native(_)) {
        return Err(vm.exc("TypeError", "Warren cannot collect a blocking iterator; loop over it with for"));
    }
    let mut out = Vec::new();
    while let Some(x) = iter_next(&mut it.borrow_mut()) {
        if out.len() >= MAX_ITEMS {
            return Err(vm.exc("MemoryError", memory_note()));
        }
        out.push(x);
    }
    Ok(out)
}

fn index(vm: &mut Interp, i: &Value, len: usize, what: &str) -> Result<usize, Value> {
    let i = match i {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        other => {
            return Err(
                vm.exc("TypeError", format!("{what} indices must be integers or slices, not {}", other.type_name()))
            )
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.exc("IndexError", format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// Slice bounds as Python computes them: the indexes taken.
pub fn slice_indexes(vm: &mut Interp, s: &[Value; 3], len: usize) -> Result<Vec<usize>, Value> {
    let get = |v: &Value| -> Option<i64> {
        match v {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    };
    let step = match &s[2] {
        Value::None => 1,
        v => get(v)
            .ok_or_else(|| vm.exc("TypeError", "slice indices must be integers or None or have an __index__ method"))?,
    };
    if step == 0 {
        return Err(vm.exc("ValueError", "slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |v: &Value, default: i64| -> i64 {
        match get(v) {
            None => default,
            Some(i) => {
                let i = if i < 0 { i + len } else { i };
                if step > 0 {
                    i.clamp(0, len)
                } else {
                    i.clamp(-1, len - 1)
                }
            }
        }
    };
    let (start, stop) =
        if step > 0 { (clamp(&s[0], 0), clamp(&s[1], len)) } else { (clamp(&s[0], len - 1), clamp(&s[1], -1)) };
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

/// `o[k]`.
pub fn getitem(vm: &mut Interp, o: &Value, k: &Value) -> Result<Value, Value> {
    if let Value::Slice(s) = k {
        return slice(vm, o, s);
    }
    match o {
        Value::List(l) => {
            let len = l.borrow().len();
            let i = index(vm, k, len, "list")?;
            Ok(l.borrow()[i].clone())
        }
        Value::Tuple(t) => {
            let i = index(vm, k, t.len(), "tuple")?;
            Ok(t[i].clone())
        }
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let i = index(vm, k, chars.len(), "string")?;
            Ok(Value::str(chars[i].to_string()))
        }
        Value::Bytes(b) => {
            let i = index(vm, k, b.len(), "index")?;
            Ok(Value::Int(b[i] as i64))
        }
        Value::Range(a, b, s) => {
            let i = index(vm, k, range_len(*a, *b, *s) as usize, "range object")?;
            Ok(Value::Int(a + s * i as i64))
        }
        Value::Dict(d) => {
            let key = hash_key(vm, k)?;
            let v = d.borrow().get(&key).cloned();
            match v {
                Some(v) => Ok(v),
                None => {
                    let r = super::repr::repr(vm, k)?;
                    Err(super::vm::new_exception(&vm.exc_class("KeyError"), vec![Value::str(r)]).with_key(k.clone()))
                }
            }
        }
        Value::Instance(i) if i.class.lookup("__getitem__").is_some() => {
            let Some(Value::Native(n)) = i.class.lookup("__getitem__") else { unreachable!() };
            let mut ctx = super::vm::Ctx { interp: vm, host: &mut super::vm::NullHost, state: None };
            match (n.f)(&mut ctx, vec![o.clone(), k.clone()], vec![]) {
                super::vm::NativeResult::Ok(v) => Ok(v),
                super::vm::NativeResult::Err(e) => Err(e),
                _ => Ok(Value::None),
            }
        }
        other => Err(vm.exc("TypeError", format!("'{}' object is not subscriptable", other.type_name()))),
    }
}

fn slice(vm: &mut Interp, o: &Value, s: &[Value; 3]) -> Result<Value, Value> {
    match o {
        Value::List(l) => {
            let items = l.borrow().clone();
            let idx = slice_indexes(vm, s, items.len())?;
            Ok(Value::list(idx.into_iter().map(|i| items[i].clone()).collect()))
        }
        Value::Tuple(t) => {
            let idx = slice_indexes(vm, s, t.len())?;
            Ok(Value::tuple(idx.into_iter().map(|i| t[i].clone()).collect()))
        }
        Value::Str(st) => {
            let chars: Vec<char> = st.chars().collect();
            let idx = slice_indexes(vm, s, chars.len())?;
            Ok(Value::str(idx.into_iter().map(|i| chars[i]).collect::<String>()))
        }
        Value::Bytes(b) => {
            let idx = slice_indexes(vm, s, b.len())?;
            Ok(Value::bytes(&idx.into_iter().map(|i| b[i]).collect::<Vec<u8>>()))
        }
        other => Err(vm.exc("TypeError", format!("'{}' object is not subscriptable", other.type_name()))),
    }
}

/// `o[k] = v`.
pub fn setitem(vm: &mut Interp, o: &Value, k: Value, v: Value) -> Result<(), Value> {
    match o {
        Value::List(l) => {
            let len = l.borrow().len();
            let i = index(vm, &k, len, "list assignment")?;
            l.borrow_mut()[i] = v;
            Ok(())
        }
        Value::Dict(d) => {
            let key = hash_key(vm, &k)?;
            if d.borrow().len() >= MAX_ITEMS && d.borrow().get(&key).is_none() {
                return Err(vm.exc("MemoryError", memory_note()));
            }
            d.borrow_mut().insert(key, k, v);
            Ok(())
        }
        other => Err(vm.exc("TypeError", format!("'{}' object does not support item assignment", other.type_name()))),
    }
}

/// `del o[k]`.
pub fn delitem(vm: &mut Interp, o: &Value, k: &Value) -> Result<(), Value> {
    match o {
        Value::List(l) => {
            let len = l.borrow().len();
            let i = index(vm, k, len, "list assignment")?;
            l.borrow_mut().remove(i);
            Ok(())
        }
        Value::Dict(d) => {
            let key = hash_key(vm, k)?;
            if d.borrow_mut().remove(&key).is_none() {
                let r = super::repr::repr(vm, k)?;
                return Err(vm.exc("KeyError", r));
            }
            Ok(())
        }
        other => Err(vm.exc("TypeError", format!("'{}' object doesn't support item deletion", other.type_name()))),
    }
}

/// Unary operators.
pub fn unary(vm: &mut Interp, op: UnOp, v: &Value) -> Result<Value, Value> {
    match (op, number(v)) {
        (UnOp::Not, _) => Ok(Value::Bool(!truthy(vm, v)?)),
        (UnOp::Neg, Some(Num::I(i))) => i.checked_neg().map(Value::Int).ok_or_else(|| overflow(vm)),
        (UnOp::Neg, Some(Num::F(f))) => Ok(Value::Float(-f)),
        (UnOp::Pos, Some(Num::I(i))) => Ok(Value::Int(i)),
        (UnOp::Pos, Some(Num::F(f))) => Ok(Value::Float(f)),
        (UnOp::Invert, Some(Num::I(i))) => Ok(Value::Int(!i)),
        _ => {
            let sym = match op {
                UnOp::Neg => "-",
                UnOp::Pos => "+",
                UnOp::Invert => "~",
                UnOp::Not => "not",
            };
            Err(vm.exc("TypeError", format!("bad operand type for unary {sym}: '{}'", v.type_name())))
        }
    }
}

fn overflow(vm: &Interp) -> Value {
    vm.exc("OverflowError", "Warren's integers are 64-bit: this result does not fit")
}

fn repeat_count(vm: &mut Interp, n: i64, unit: usize, bytes: bool) -> Result<usize, Value> {
    let n = n.max(0) as u128;
    let total = n * unit as u128;
    let cap = if bytes { MAX_BYTES } else { MAX_ITEMS } as u128;
    if total > cap {
        return Err(vm.exc("MemoryError", memory_note()));
    }
    Ok(n as usize)
}

/// Binary operators (`inplace`: `+=` and friends, which extend lists).
pub fn binary(vm: &mut Interp, op: BinOp, a: &Value, b: &Value, inplace: bool) -> Result<Value, Value> {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return arith(vm, op, x, y);
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            if x.len() + y.len() > MAX_BYTES {
                return Err(vm.exc("MemoryError", memory_note()));
            }
            Ok(Value::str(format!("{x}{y}")))
        }
        (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => Ok(Value::bytes(&[&x[..], &y[..]].concat())),
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let ys = y.borrow().clone();
            if inplace {
                x.borrow_mut().extend(ys);
                return Ok(a.clone());
            }
            let mut v = x.borrow().clone();
            v.extend(ys);
            Ok(Value::list(v))
        }
        (BinOp::Add, Value::List(x), other) if inplace => {
            let items = collect(vm, other)?;
            x.borrow_mut().extend(items);
            Ok(a.clone())
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => Ok(Value::tuple([&x[..], &y[..]].concat())),
        (BinOp::Mul, Value::Str(s), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Str(s)) => {
            let n = repeat_count(vm, *n, s.len(), true)?;
            Ok(Value::str(s.repeat(n)))
        }
        (BinOp::Mul, Value::Bytes(s), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Bytes(s)) => {
            let n = repeat_count(vm, *n, s.len(), true)?;
            Ok(Value::bytes(&s.repeat(n)))
        }
        (BinOp::Mul, Value::List(l), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::List(l)) => {
            let items = l.borrow().clone();
            let n = repeat_count(vm, *n, items.len(), false)?;
            Ok(Value::list((0..n).flat_map(|_| items.iter().cloned()).collect()))
        }
        (BinOp::Mul, Value::Tuple(t), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Tuple(t)) => {
            let n = repeat_count(vm, *n, t.len(), false)?;
            Ok(Value::tuple((0..n).flat_map(|_| t.iter().cloned()).collect()))
        }
        (BinOp::Mod, Value::Str(fmt), args) => Ok(Value::str(super::format::percent(vm, fmt, args)?)),
        (BinOp::Mod, Value::Bytes(fmt), args) => {
            let s = String::from_utf8_lossy(fmt).to_string();
            Ok(Value::bytes(super::format::percent(vm, &s, args)?.as_bytes()))
        }
        (BinOp::BitOr, Value::Set(x), Value::Set(y)) => {
            let mut d = x.borrow().clone();
            for (k, _) in y.borrow().iter() {
                d.insert(key_of(k).expect("hashable"), k.clone(), Value::None);
            }
            Ok(Value::Set(Rc::new(RefCell::new(d))))
        }
        (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
            let mut d = x.borrow().clone();
            for (k, v) in y.borrow().iter() {
                d.insert(key_of(k).expect("hashable"), k.clone(), v.clone());
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        _ => Err(vm.exc(
            "TypeError",
            if matches!((op, a), (BinOp::Add, Value::Str(_))) {
                format!("can only concatenate str (not \"{}\") to str", b.type_name())
            } else {
                format!(
                    "unsupported operand type(s) for {}{}: '{}' and '{}'",
                    op.symbol(),
                    if inplace { "=" } else { "" },
                    a.type_name(),
                    b.type_name()
                )
            },
        )),
    }
}

fn arith(vm: &mut Interp, op: BinOp, x: Num, y: Num) -> Result<Value, Value> {
    if let (Num::I(a), Num::I(b)) = (x, y) {
        return int_arith(vm, op, a, b);
    }
    let (a, b) = (x.f(), y.f());
    let zero = || vm.exc("ZeroDivisionError", "float division by zero");
    Ok(Value::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(zero());
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(vm.exc("ZeroDivisionError", "float floor division by zero"));
            }
            (a / b).floor()
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(vm.exc("ZeroDivisionError", "float modulo"));
            }
            let r = a % b;
            if r != 0.0 && (r < 0.0) != (b < 0.0) {
                r + b
            } else {
                r
            }
        }
        BinOp::Pow => a.powf(b),
        _ => {
            return Err(
                vm.exc("TypeError", format!("unsupported operand type(s) for {}: 'float' and 'float'", op.symbol()))
            )
        }
    }))
}

fn int_arith(vm: &mut Interp, op: BinOp, a: i64, b: i64) -> Result<Value, Value> {
    let of = |r: Option<i64>| r.map(Value::Int).ok_or_else(|| overflow(vm));
    match op {
        BinOp::Add => of(a.checked_add(b)),
        BinOp::Sub => of(a.checked_sub(b)),
        BinOp::Mul => of(a.checked_mul(b)),
        BinOp::Div => {
            if b == 0 {
                return Err(vm.exc("ZeroDivisionError", "division by zero"));
            }
            Ok(Value::Float(a as f64 / b as f64))
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if b == 0 {
                let msg =
                    if op == BinOp::Mod { "integer modulo by zero" } else { "integer division or modulo by zero" };
                return Err(vm.exc("ZeroDivisionError", msg));
            }
            let (q, r) = (a.div_euclid(b), a.rem_euclid(b));
            // Python floors toward negative infinity (sign of the divisor).
            let (q, r) = if r != 0 && b < 0 { (q + 1, r + b) } else { (q, r) };
            Ok(Value::Int(if op == BinOp::Mod { r } else { q }))
        }
        BinOp::Pow => {
            if b < 0 {
                return Ok(Value::Float((a as f64).powf(b as f64)));
            }
            of(u32::try_from(b).ok().and_then(|b| a.checked_pow(b)))
        }
        BinOp::LShift => of(u32::try_from(b).ok().and_then(|b| a.checked_shl(b)).filter(|r| r >> b.min(63) == a)),
        BinOp::RShift => Ok(Value::Int(a >> b.min(63))),
        BinOp::BitOr => Ok(Value::Int(a | b)),
        BinOp::BitXor => Ok(Value::Int(a ^ b)),
        BinOp::BitAnd => Ok(Value::Int(a & b)),
        BinOp::MatMul => Err(vm.exc("TypeError", "unsupported operand type(s) for @: 'int' and 'int'")),
    }
}

impl Value {
    /// Marks a KeyError with its key (str(KeyError) is the key's repr).
    pub fn with_key(self, key: Value) -> Value {
        if let Value::Instance(i) = &self {
            i.set("args", Value::tuple(vec![key]));
        }
        self
    }
}
