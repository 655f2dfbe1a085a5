//! Binding call arguments to parameters, with CPython's TypeError texts.

use std::collections::HashMap;
use std::rc::Rc;

use super::code::Params;
use super::value::{Function, Value};
use super::vm::Interp;

/// A native function's signature, for [`bind_native`].
pub struct Sig<'a> {
    /// `Class.method` as CPython names it in errors.
    pub qualname: &'a str,
    /// Parameter names, `self` first for methods.
    pub params: &'a [&'a str],
    /// How many leading parameters are required.
    pub required: usize,
}

/// The variables of a call to `func`.
pub fn bind(
    vm: &Interp,
    func: &Function,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<HashMap<Rc<str>, Value>, Value> {
    let p = &func.code.params;
    let qual = &func.code.qualname;
    let mut vars: HashMap<Rc<str>, Value> = HashMap::new();
    let npos = p.positional.len();
    let mut extra = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        if i < npos {
            vars.insert(Rc::from(p.positional[i].as_str()), a);
        } else {
            extra.push(a);
        }
    }
    let nextra = extra.len();
    let nkw = kwargs.len();
    if let Some(v) = &p.vararg {
        vars.insert(Rc::from(v.as_str()), Value::tuple(extra));
    }
    let mut kwextra = super::dict::Dict::new();
    for (k, v) in kwargs {
        let pos = p.positional.iter().position(|n| **n == *k);
        let known = pos.map(|i| i >= p.posonly).unwrap_or(false) || p.kwonly.iter().any(|n| **n == *k);
        if known {
            if vars.contains_key(&k) {
                return Err(vm.exc("TypeError", format!("{qual}() got multiple values for argument '{k}'")));
            }
            vars.insert(k, v);
        } else if p.kwarg.is_some() {
            kwextra.insert(super::dict::Key::Str(k.clone()), Value::Str(k), v);
        } else {
            return Err(vm.exc("TypeError", format!("{qual}() got an unexpected keyword argument '{k}'")));
        }
    }
    if nextra > 0 && p.vararg.is_none() {
        return Err(too_many(vm, qual, p, npos + nextra, nkw));
    }
    if let Some(k) = &p.kwarg {
        vars.insert(Rc::from(k.as_str()), Value::Dict(Rc::new(std::cell::RefCell::new(kwextra))));
    }
    let first_default = npos - p.defaults;
    let mut missing = Vec::new();
    for (i, n) in p.positional.iter().enumerate() {
        if !vars.contains_key(n.as_str()) {
            if i >= first_default {
                vars.insert(Rc::from(n.as_str()), func.defaults[i - first_default].clone());
            } else {
                missing.push(n.clone());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(vm, qual, "positional", &missing));
    }
    let mut missing_kw = Vec::new();
    for n in &p.kwonly {
        if !vars.contains_key(n.as_str()) {
            match func.kwdefaults.iter().find(|(k, _)| **k == **n) {
                Some((_, v)) => {
                    vars.insert(Rc::from(n.as_str()), v.clone());
                }
                None => missing_kw.push(n.clone()),
            }
        }
    }
    if !missing_kw.is_empty() {
        return Err(missing_error(vm, qual, "keyword-only", &missing_kw));
    }
    Ok(vars)
}

fn too_many(vm: &Interp, qual: &str, p: &Params, given: usize, kwgiven: usize) -> Value {
    let npos = p.positional.len();
    let takes = if p.defaults > 0 {
        format!("from {} to {} positional arguments", npos - p.defaults, npos)
    } else {
        format!("{npos} positional argument{}", if npos == 1 { "" } else { "s" })
    };
    let kw = if kwgiven > 0 {
        format!(
            " positional argument{} (and {kwgiven} keyword-only argument{})",
            if given == 1 { "" } else { "s" },
            if kwgiven == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let were = if given == 1 { "was" } else { "were" };
    if kwgiven > 0 {
        vm.exc("TypeError", format!("{qual}() takes {takes} but {given}{kw} were given"))
    } else {
        vm.exc("TypeError", format!("{qual}() takes {takes} but {given} {were} given"))
    }
}

fn missing_error(vm: &Interp, qual: &str, kind: &str, names: &[String]) -> Value {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!("{}, and {}", quoted[..quoted.len() - 1].join(", "), quoted[quoted.len() - 1]),
    };
    let s = if names.len() == 1 { "" } else { "s" };
    vm.exc("TypeError", format!("{qual}() missing {} required {kind} argument{s}: {list}", names.len()))
}

/// Binds a native call to a signature: the values in parameter order
/// (`None` where not given), or CPython's TypeError.
pub fn bind_native(
    vm: &Interp,
    sig: &Sig,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<Vec<Option<Value>>, Value> {
    let n = sig.params.len();
    let mut out: Vec<Option<Value>> = vec![None; n];
    let given = args.len();
    for (i, a) in args.into_iter().enumerate().take(n) {
        out[i] = Some(a);
    }
    for (k, v) in kwargs {
        match sig.params.iter().position(|p| **p == *k) {
            Some(i) if out[i].is_some() => {
                return Err(vm.exc("TypeError", format!("{}() got multiple values for argument '{k}'", sig.qualname)))
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(vm.exc("TypeError", format!("{}() got an unexpected keyword argument '{k}'", sig.qualname)))
            }
        }
    }
    if given > n {
        let positional = sig.params.iter().map(|s| s.to_string()).collect();
        let p = Params { positional, defaults: n - sig.required, ..Default::default() };
        return Err(too_many(vm, sig.qualname, &p, given, 0));
    }
    let missing: Vec<String> =
        (0..sig.required).filter(|&i| out[i].is_none()).map(|i| sig.params[i].to_string()).collect();
    if !missing.is_empty() {
        return Err(missing_error(vm, sig.qualname, "positional", &missing));
    }
    Ok(out)
}
