//! One instruction at a time.

use std::rc::Rc;

use super::code::Op;
use super::ops;
use super::value::{Class, Iter, Value};
use super::vm::{new_exception, Flow, Host, Interp, MAX_ITEMS};

type Res = Result<Flow, Value>;

pub(super) fn op(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::Const(i) => {
            let v = vm.const_at(i);
            vm.push(v);
        }
        Op::Pop => {
            vm.pop();
        }
        Op::Dup => {
            let v = vm.stack().last().cloned().expect("stack");
            vm.push(v);
        }
        Op::Rot2 => {
            let s = vm.stack();
            let n = s.len();
            s.swap(n - 1, n - 2);
        }
        Op::Rot3 => {
            let s = vm.stack();
            let top = s.pop().expect("stack");
            let n = s.len();
            s.insert(n - 2, top);
        }
        Op::Nop => {}
        Op::Jump(t) => vm.jump(t),
        Op::JumpIfFalse(t) => {
            let v = vm.pop();
            if !ops::truthy(vm, &v)? {
                vm.jump(t);
            }
        }
        Op::JumpIfTrue(t) => {
            let v = vm.pop();
            if ops::truthy(vm, &v)? {
                vm.jump(t);
            }
        }
        Op::JumpIfFalseOrPop(t) => {
            let v = vm.stack().last().cloned().expect("stack");
            if ops::truthy(vm, &v)? {
                vm.pop();
            } else {
                vm.jump(t);
            }
        }
        Op::JumpIfTrueOrPop(t) => {
            let v = vm.stack().last().cloned().expect("stack");
            if ops::truthy(vm, &v)? {
                vm.jump(t);
            } else {
                vm.pop();
            }
        }
        _ => return names_and_data(vm, host, op),
    }
    Ok(Flow::Next)
}

fn names_and_data(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::LoadFast(i) => {
            let v = vm.local(i)?;
            vm.push(v);
        }
        Op::StoreFast(i) => {
            let v = vm.pop();
            vm.set_local(i, v);
        }
        Op::DelFast(i) => vm.del_local(i)?,
        Op::LoadDeref(d, i) => {
            let v = vm.deref(d, i)?;
            vm.push(v);
        }
        Op::StoreDeref(d, i) => {
            let v = vm.pop();
            vm.set_deref(d, i, v);
        }
        Op::LoadGlobal(i) => {
            let v = vm.global(i)?;
            vm.push(v);
        }
        Op::StoreGlobal(i) => {
            let v = vm.pop();
            let n = vm.name(i);
            vm.globals().set(&n, v);
        }
        Op::DelGlobal(i) => {
            let n = vm.name(i);
            if vm.globals().attrs.borrow_mut().remove(&n).is_none() {
                return Err(vm.exc("NameError", format!("name '{n}' is not defined")));
            }
        }
        Op::LoadName(i) => {
            let v = vm.class_name(i)?;
            vm.push(v);
        }
        Op::StoreName(i) => {
            let v = vm.pop();
            vm.set_class_name(i, v);
        }
        _ => return attributes_and_items(vm, host, op),
    }
    Ok(Flow::Next)
}

fn attributes_and_items(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::LoadAttr(i) => {
            let o = vm.pop();
            let n = vm.name(i);
            let v = super::attr::get(vm, &o, &n)?;
            vm.push(v);
        }
        Op::StoreAttr(i) => {
            let o = vm.pop();
            let v = vm.pop();
            let n = vm.name(i);
            super::attr::set(vm, &o, &n, v)?;
        }
        Op::DelAttr(i) => {
            let o = vm.pop();
            let n = vm.name(i);
            let removed = o.instance().and_then(|inst| inst.attrs.borrow_mut().remove(&n));
            if removed.is_none() {
                return Err(vm.exc("AttributeError", format!("'{}' object has no attribute '{n}'", o.type_name())));
            }
        }
        Op::Subscr => {
            let k = vm.pop();
            let o = vm.pop();
            let v = ops::getitem(vm, &o, &k)?;
            vm.push(v);
        }
        Op::StoreSubscr => {
            let k = vm.pop();
            let o = vm.pop();
            let v = vm.pop();
            ops::setitem(vm, &o, k, v)?;
        }
        Op::DelSubscr => {
            let k = vm.pop();
            let o = vm.pop();
            ops::delitem(vm, &o, &k)?;
        }
        _ => return build(vm, host, op),
    }
    Ok(Flow::Next)
}

fn pop_n(vm: &mut Interp, n: u32) -> Vec<Value> {
    let s = vm.stack();
    let at = s.len() - n as usize;
    s.split_off(at)
}

fn build(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::BuildList(n) => {
            let items = pop_n(vm, n);
            vm.push(Value::list(items));
        }
        Op::BuildTuple(n) => {
            let items = pop_n(vm, n);
            vm.push(Value::tuple(items));
        }
        Op::BuildSet(n) => {
            let items = pop_n(vm, n);
            let set = ops::new_set(vm, items)?;
            vm.push(set);
        }
        Op::BuildDict(n) => {
            let items = pop_n(vm, n * 2);
            let mut d = super::dict::Dict::new();
            for kv in items.chunks(2) {
                let key = ops::hash_key(vm, &kv[0])?;
                d.insert(key, kv[0].clone(), kv[1].clone());
            }
            vm.push(Value::Dict(Rc::new(std::cell::RefCell::new(d))));
        }
        Op::BuildSlice(n) => {
            let items = pop_n(vm, n);
            let step = items.get(2).cloned().unwrap_or(Value::None);
            vm.push(Value::Slice(Rc::new([items[0].clone(), items[1].clone(), step])));
        }
        Op::BuildString(n) => {
            let items = pop_n(vm, n);
            let mut s = String::new();
            for i in items {
                if let Value::Str(x) = i {
                    s.push_str(&x);
                }
            }
            vm.push(Value::str(s));
        }
        _ => return accumulate(vm, host, op),
    }
    Ok(Flow::Next)
}

/// f-string pieces and the appends of comprehensions and displays.
fn accumulate(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::FormatValue(conv, has_spec) => {
            let spec = if has_spec { vm.pop() } else { Value::str("") };
            let v = vm.pop();
            let v = match conv {
                b's' => Value::str(super::repr::str_of(vm, &v)?),
                b'r' => Value::str(super::repr::repr(vm, &v)?),
                b'a' => Value::str(super::repr::ascii(&super::repr::repr(vm, &v)?)),
                _ => v,
            };
            let Value::Str(spec) = spec else { unreachable!() };
            let s = super::format::format_value(vm, &v, &spec)?;
            vm.push(Value::str(s));
        }
        Op::ListAppend(d) | Op::SetAdd(d) => {
            let v = vm.pop();
            let target = {
                let s = vm.stack();
                s[s.len() - d as usize].clone()
            };
            match target {
                Value::List(l) => {
                    if l.borrow().len() >= MAX_ITEMS {
                        return Err(vm.exc("MemoryError", ops::memory_note()));
                    }
                    l.borrow_mut().push(v)
                }
                Value::Set(s) => {
                    let k = ops::hash_key(vm, &v)?;
                    s.borrow_mut().insert(k, v, Value::None);
                }
                _ => unreachable!(),
            }
        }
        Op::DictSet(d) => {
            let v = vm.pop();
            let k = vm.pop();
            let target = {
                let s = vm.stack();
                s[s.len() - d as usize].clone()
            };
            let key = ops::hash_key(vm, &k)?;
            if let Value::Dict(dict) = target {
                dict.borrow_mut().insert(key, k, v);
            }
        }
        Op::ListExtend => {
            let it = vm.pop();
            let items = ops::collect(vm, &it)?;
            if let Some(Value::List(l)) = vm.stack().last() {
                l.borrow_mut().extend(items);
            }
        }
        Op::DictMerge => {
            let m = vm.pop();
            let Value::Dict(src) = m else {
                return Err(vm.exc("TypeError", format!("'{}' object is not a mapping", m.type_name())));
            };
            if let Some(Value::Dict(d)) = vm.stack().last().cloned() {
                for (k, v) in src.borrow().iter() {
                    let key = ops::hash_key(vm, k)?;
                    d.borrow_mut().insert(key, k.clone(), v.clone());
                }
            }
        }
        Op::ListToTuple => {
            if let Value::List(l) = vm.pop() {
                let items = l.borrow().clone();
                vm.push(Value::tuple(items));
            }
        }
        _ => return arith(vm, host, op),
    }
    Ok(Flow::Next)
}

fn arith(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::Binary(b) | Op::Inplace(b) => {
            let r = vm.pop();
            let l = vm.pop();
            let inplace = matches!(op, Op::Inplace(_));
            let v = ops::binary(vm, b, &l, &r, inplace)?;
            vm.push(v);
        }
        Op::Unary(u) => {
            let v = vm.pop();
            let r = ops::unary(vm, u, &v)?;
            vm.push(r);
        }
        Op::Compare(c) => {
            let r = vm.pop();
            let l = vm.pop();
            let v = ops::compare(vm, c, &l, &r)?;
            vm.push(Value::Bool(v));
        }
        Op::Is(yes) => {
            let r = vm.pop();
            let l = vm.pop();
            vm.push(Value::Bool(l.is(&r) == yes));
        }
        Op::In(yes) => {
            let r = vm.pop();
            let l = vm.pop();
            let v = ops::contains(vm, &r, &l)?;
            vm.push(Value::Bool(v == yes));
        }
        Op::GetIter => {
            let v = vm.pop();
            let it = ops::iter(vm, &v)?;
            vm.push(it);
        }
        Op::ForIter(exit) => return for_iter(vm, host, exit),
        Op::UnpackSequence(n) => {
            let v = vm.pop();
            let items = ops::collect(vm, &v)?;
            if items.len() != n as usize {
                let msg = if items.len() > n as usize {
                    format!("too many values to unpack (expected {n})")
                } else {
                    format!("not enough values to unpack (expected {n}, got {})", items.len())
                };
                return Err(vm.exc("ValueError", msg));
            }
            for i in items.into_iter().rev() {
                vm.push(i);
            }
        }
        Op::UnpackEx(before, after) => {
            let v = vm.pop();
            let mut items = ops::collect(vm, &v)?;
            let (b, a) = (before as usize, after as usize);
            if items.len() < b + a {
                let msg = format!("not enough values to unpack (expected at least {}, got {})", b + a, items.len());
                return Err(vm.exc("ValueError", msg));
            }
            let tail = items.split_off(items.len() - a);
            let mid = items.split_off(b);
            for i in tail.into_iter().rev() {
                vm.push(i);
            }
            vm.push(Value::list(mid));
            for i in items.into_iter().rev() {
                vm.push(i);
            }
        }
        _ => return calls(vm, host, op),
    }
    Ok(Flow::Next)
}

fn for_iter(vm: &mut Interp, host: &mut dyn Host, exit: u32) -> Res {
    let it = vm.stack().last().cloned().expect("iterator");
    let Value::Iter(state) = &it else { unreachable!() };
    let native = match &mut *state.borrow_mut() {
        Iter::Native(f) => Some(f.clone()),
        other => {
            let next = ops::iter_next(other);
            match next {
                Some(v) => {
                    vm.push(v);
                }
                None => {
                    vm.pop();
                    vm.jump(exit);
                }
            }
            None
        }
    };
    let Some(f) = native else { return Ok(Flow::Next) };
    // A native iterator: its next() may block; None marks the end (the
    // StopIteration protocol, without generator frames).
    let depth = vm.depth();
    let flow = vm.call_op(host, f, vec![], vec![], 0)?;
    if vm.depth() != depth {
        // A callback frame runs first (the native call is re-run after it).
        return Ok(flow);
    }
    if let Flow::Next = flow {
        if let Some(Value::Tuple(t)) = vm.stack().last().cloned() {
            if t.len() == 1 {
                vm.pop();
                vm.push(t[0].clone());
                return Ok(Flow::Next);
            }
        }
        vm.pop();
        vm.pop();
        vm.jump(exit);
    }
    Ok(flow)
}

fn calls(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::Call(n) => {
            let s = vm.stack();
            let at = s.len() - n as usize;
            let args = s[at..].to_vec();
            let f = s[at - 1].clone();
            vm.call_op(host, f, args, vec![], n as usize + 1)
        }
        Op::CallKw(n, names) => call_kw(vm, host, n, names),
        Op::CallEx => call_ex(vm, host),
        Op::MakeFunction(code, _, _) => make_function(vm, code),
        Op::MakeClass(code, name, nbases) => make_class(vm, code, name, nbases),
        Op::Return => {
            let v = vm.pop();
            Ok(vm.do_return(v))
        }
        _ => exceptions(vm, host, op),
    }
}

fn call_kw(vm: &mut Interp, host: &mut dyn Host, n: u32, names: u32) -> Res {
    let Value::Tuple(names) = vm.const_at(names) else { unreachable!() };
    let s = vm.stack();
    let at = s.len() - n as usize;
    let mut args = s[at..].to_vec();
    let f = s[at - 1].clone();
    let kw = args.split_off(args.len() - names.len());
    let kwargs = names
        .iter()
        .zip(kw)
        .map(|(k, v)| match k {
            Value::Str(k) => (k.clone(), v),
            _ => unreachable!(),
        })
        .collect();
    vm.call_op(host, f, args, kwargs, n as usize + 1)
}

fn call_ex(vm: &mut Interp, host: &mut dyn Host) -> Res {
    let s = vm.stack();
    let n = s.len();
    let (f, a, k) = (s[n - 3].clone(), s[n - 2].clone(), s[n - 1].clone());
    let Value::Tuple(a) = a else { unreachable!() };
    let Value::Dict(k) = k else { unreachable!() };
    let mut kwargs = Vec::new();
    for (key, v) in k.borrow().iter() {
        match key {
            Value::Str(s) => kwargs.push((s.clone(), v.clone())),
            _ => return Err(vm.exc("TypeError", "keywords must be strings")),
        }
    }
    vm.call_op(host, f, a.to_vec(), kwargs, 3)
}

fn make_function(vm: &mut Interp, code: u32) -> Res {
    let Value::Code(code) = vm.const_at(code) else { unreachable!() };
    let kw = vm.pop();
    let defaults = vm.pop();
    let Value::Tuple(defaults) = defaults else { unreachable!() };
    let Value::Dict(kw) = kw else { unreachable!() };
    let kwdefaults = kw
        .borrow()
        .iter()
        .map(|(k, v)| match k {
            Value::Str(s) => (s.clone(), v.clone()),
            _ => unreachable!(),
        })
        .collect();
    let f = vm.make_function(code, defaults.to_vec(), kwdefaults);
    vm.push(f);
    Ok(Flow::Next)
}

fn make_class(vm: &mut Interp, code: u32, name: u32, nbases: u32) -> Res {
    let Value::Code(code) = vm.const_at(code) else { unreachable!() };
    let name = vm.name(name).to_string();
    let bases = pop_n(vm, nbases);
    let mut classes: Vec<Rc<Class>> = Vec::new();
    for b in bases {
        match b {
            Value::Class(c) => classes.push(c),
            other => return Err(vm.exc("TypeError", format!("bases must be types, not {}", other.type_name()))),
        }
    }
    if classes.is_empty() {
        classes.push(vm.exc_class("object"));
    }
    vm.push_class_body(code, name, classes);
    Ok(Flow::Next)
}

fn exceptions(vm: &mut Interp, host: &mut dyn Host, op: Op) -> Res {
    match op {
        Op::SetupExcept(h) => vm.setup_block(h),
        Op::PopBlock => vm.pop_block(),
        Op::PopExcept => vm.pop_except(),
        Op::ExcMatch => {
            let cls = vm.pop();
            let e = vm.stack().last().cloned().expect("exception");
            let m = exc_matches(vm, &e, &cls)?;
            vm.push(Value::Bool(m));
        }
        Op::Raise(n) => return Err(raise(vm, n)?),
        Op::Reraise => {
            let e = vm.pop();
            vm.pop_except();
            return Err(e);
        }
        Op::WithExit => {
            let e = vm.pop();
            let exit = vm.pop();
            vm.push(e.clone());
            let ty = match &e {
                Value::Instance(i) => Value::Class(i.class.clone()),
                _ => Value::None,
            };
            vm.push(exit.clone());
            vm.push(ty.clone());
            vm.push(e.clone());
            vm.push(Value::None);
            return vm.call_op(host, exit, vec![ty, e, Value::None], vec![], 4);
        }
        Op::Import(n) => {
            let name = vm.name(n).to_string();
            let root = name.split('.').next().unwrap_or(&name).to_string();
            let m = vm.import(host, &root)?;
            if name != root {
                vm.import(host, &name)?;
            }
            vm.push(m);
        }
        Op::ImportFrom(n) => {
            let m = vm.stack().last().cloned().expect("module");
            let name = vm.name(n);
            let v = match super::attr::get(vm, &m, &name) {
                Ok(v) => v,
                Err(_) => {
                    let mname = match &m {
                        Value::Module(m) => m.name.clone(),
                        _ => String::new(),
                    };
                    let full = format!("{mname}.{name}");
                    match vm.import(host, &full) {
                        Ok(v) => v,
                        Err(_) => {
                            let msg = format!("cannot import name '{name}' from '{mname}' (unknown location)");
                            return Err(vm.exc("ImportError", msg));
                        }
                    }
                }
            };
            vm.push(v);
        }
        Op::AssertFail(with_msg) => {
            let args = if with_msg { vec![vm.pop()] } else { vec![] };
            return Err(new_exception(&vm.exc_class("AssertionError"), args));
        }
        other => unreachable!("{other:?}"),
    }
    Ok(Flow::Next)
}

fn raise(vm: &mut Interp, n: u32) -> Result<Value, Value> {
    if n == 0 {
        return match vm.current_exception() {
            Some(e) => Ok(e),
            None => Err(vm.exc("RuntimeError", "No active exception to reraise")),
        };
    }
    let cause = if n == 2 { Some(vm.pop()) } else { None };
    let e = vm.pop();
    let e = match e {
        Value::Class(c) if c.is_subclass(&vm.exc_class("BaseException")) => new_exception(&c, vec![]),
        Value::Instance(ref i) if i.class.is_subclass(&vm.exc_class("BaseException")) => e,
        _ => return Err(vm.exc("TypeError", "exceptions must derive from BaseException")),
    };
    if let (Some(c), Value::Instance(i)) = (cause, &e) {
        i.set("__cause__", c);
    }
    Ok(e)
}

fn exc_matches(vm: &mut Interp, e: &Value, cls: &Value) -> Result<bool, Value> {
    let Value::Instance(inst) = e else { return Ok(false) };
    match cls {
        Value::Class(c) => Ok(inst.class.is_subclass(c)),
        Value::Tuple(t) => {
            for c in t.iter() {
                if exc_matches(vm, e, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(vm.exc("TypeError", "catching classes that do not inherit from BaseException is not allowed")),
    }
}
