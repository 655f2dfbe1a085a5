//! Attribute access: instance attributes, class attributes (functions
//! become bound methods), module attributes and the methods of built-in
//! types.

use std::rc::Rc;

use super::value::{Native, Value};
use super::vm::Interp;

/// Binds a class attribute to `this` if it is a function.
pub fn bind_method(this: &Value, f: Value) -> Value {
    match f {
        Value::Function(_) => Value::Bound(Rc::new((this.clone(), f))),
        Value::Native(n) if n.bound.is_none() => {
            Value::Native(Rc::new(Native { name: n.name.clone(), f: n.f, bound: Some(this.clone()) }))
        }
        other => other,
    }
}

/// `o.name`.
pub fn get(vm: &mut Interp, o: &Value, name: &str) -> Result<Value, Value> {
    let found = match o {
        Value::Instance(i) => {
            if let Some(v) = i.get(name) {
                return Ok(v);
            }
            if name == "__class__" {
                return Ok(Value::Class(i.class.clone()));
            }
            i.class.lookup(name).map(|f| bind_method(o, f))
        }
        Value::Class(c) => match name {
            "__name__" => Some(Value::str(&c.name)),
            "__qualname__" => Some(Value::str(&c.qualname)),
            _ => c.lookup(name),
        },
        Value::Module(m) => m.get(name),
        Value::Function(f) => match name {
            "__name__" => Some(Value::str(&f.code.name)),
            "__qualname__" => Some(Value::str(&f.code.qualname)),
            _ => None,
        },
        Value::Native(n) if name == "__name__" => Some(Value::str(&n.name)),
        Value::Bound(b) if name == "__self__" => Some(b.0.clone()),
        _ => super::methods::lookup(o, name).map(|f| bind_method(o, f)),
    };
    found.ok_or_else(|| no_attribute(vm, o, name))
}

fn no_attribute(vm: &Interp, o: &Value, name: &str) -> Value {
    match o {
        Value::Module(m) => vm.exc("AttributeError", format!("module '{}' has no attribute '{name}'", m.name)),
        Value::Class(c) => vm.exc("AttributeError", format!("type object '{}' has no attribute '{name}'", c.name)),
        _ => vm.exc("AttributeError", format!("'{}' object has no attribute '{name}'", o.type_name())),
    }
}

/// `o.name = v`.
pub fn set(vm: &mut Interp, o: &Value, name: &str, v: Value) -> Result<(), Value> {
    match o {
        Value::Instance(i) => {
            i.set(name, v);
            Ok(())
        }
        Value::Class(c) => {
            c.dict.borrow_mut().insert(Rc::from(name), v);
            Ok(())
        }
        Value::Module(m) => {
            m.set(name, v);
            Ok(())
        }
        Value::Function(_) => Err(vm.exc("AttributeError", format!("'function' object has no attribute '{name}'"))),
        _ => Err(vm.exc("AttributeError", format!("'{}' object has no attribute '{name}'", o.type_name()))),
    }
}
