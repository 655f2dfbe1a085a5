//! Runtime values: Python objects as Rust enums, reference-counted like
//! CPython's (`Rc`), mutable containers behind `RefCell`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::code::Code;
use super::dict::Dict;

/// A native function: `(ctx, positional args, keyword args)`.
pub type NativeFn = fn(&mut super::vm::Ctx, Vec<Value>, Vec<(Rc<str>, Value)>) -> super::vm::NativeResult;

/// A Python value.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Dict>>),
    Slice(Rc<[Value; 3]>),
    Range(i64, i64, i64),
    Ellipsis,
    Function(Rc<Function>),
    Native(Rc<Native>),
    Bound(Rc<(Value, Value)>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Iter(Rc<RefCell<Iter>>),
    Code(Rc<Code>),
}

/// A user function.
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<Module>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    pub closure: Option<Rc<Scope>>,
}

/// A function scope's variables (what closures capture).
pub struct Scope {
    pub vars: RefCell<HashMap<Rc<str>, Value>>,
    pub parent: Option<Rc<Scope>>,
}

/// A native function or method.
pub struct Native {
    pub name: String,
    pub f: NativeFn,
    /// Bound `self`, if a method.
    pub bound: Option<Value>,
}

/// A class (user-defined or built in).
pub struct Class {
    pub name: String,
    pub qualname: String,
    /// `__module__` (`builtins` are printed without it).
    pub module: String,
    pub bases: Vec<Rc<Class>>,
    pub dict: RefCell<HashMap<Rc<str>, Value>>,
}

/// What a native object is, for native methods.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    None,
    /// An exception's traceback: (code, line) innermost last.
    Traceback(Vec<(Rc<str>, u32, String)>),
    /// A host object (a pika connection, channel, ...).
    Handle(u64),
}

/// An instance of a class.
pub struct Instance {
    pub class: Rc<Class>,
    pub attrs: RefCell<HashMap<Rc<str>, Value>>,
    pub payload: RefCell<Payload>,
}

/// A module.
pub struct Module {
    pub name: String,
    pub attrs: RefCell<HashMap<Rc<str>, Value>>,
}

/// An iterator's state.
pub enum Iter {
    Seq(Value, usize),
    Range(i64, i64, i64),
    Items(Vec<Value>, usize),
    /// A native iterator: called for each item; `None` ends it.
    Native(Value),
}

impl Class {
    /// Is `self` `other` or a subclass of it?
    pub fn is_subclass(&self, other: &Class) -> bool {
        std::ptr::eq(self, other) || self.bases.iter().any(|b| b.is_subclass(other))
    }

    /// An attribute along the method resolution order (depth-first).
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get(name) {
            return Some(v.clone());
        }
        self.bases.iter().find_map(|b| b.lookup(name))
    }

    /// `module.qualname` as tracebacks print it.
    pub fn full_name(&self) -> String {
        if self.module == "builtins" {
            self.qualname.clone()
        } else {
            format!("{}.{}", self.module, self.qualname)
        }
    }
}

impl Value {
    /// A str value.
    pub fn str(s: impl AsRef<str>) -> Value {
        Value::Str(Rc::from(s.as_ref()))
    }

    /// A bytes value.
    pub fn bytes(b: &[u8]) -> Value {
        Value::Bytes(Rc::from(b))
    }

    /// A list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// A tuple value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    /// The type's name, as error messages print it.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Str(_) => "str".into(),
            Value::Bytes(_) => "bytes".into(),
            Value::List(_) => "list".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Dict(_) => "dict".into(),
            Value::Set(_) => "set".into(),
            Value::Slice(_) => "slice".into(),
            Value::Range(..) => "range".into(),
            Value::Ellipsis => "ellipsis".into(),
            Value::Function(_) => "function".into(),
            Value::Native(n) if n.bound.is_some() => "builtin_function_or_method".into(),
            Value::Native(_) => "builtin_function_or_method".into(),
            Value::Bound(_) => "method".into(),
            Value::Class(_) => "type".into(),
            Value::Instance(i) => i.class.name.clone(),
            Value::Module(_) => "module".into(),
            Value::Iter(_) => "iterator".into(),
            Value::Code(_) => "code".into(),
        }
    }

    /// Identity (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => Rc::ptr_eq(a, b),
            (Value::Function(a), Value::Function(b)) => Rc::ptr_eq(a, b),
            (Value::Class(a), Value::Class(b)) => Rc::ptr_eq(a, b),
            (Value::Instance(a), Value::Instance(b)) => Rc::ptr_eq(a, b),
            (Value::Module(a), Value::Module(b)) => Rc::ptr_eq(a, b),
            (Value::Native(a), Value::Native(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The instance, if this is one.
    pub fn instance(&self) -> Option<&Rc<Instance>> {
        match self {
            Value::Instance(i) => Some(i),
            _ => None,
        }
    }
}

impl Instance {
    /// A new instance with no attributes.
    pub fn new(class: Rc<Class>) -> Rc<Instance> {
        Rc::new(Instance { class, attrs: RefCell::new(HashMap::new()), payload: RefCell::new(Payload::None) })
    }

    /// An attribute set on the instance.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.attrs.borrow().get(name).cloned()
    }

    /// Sets an attribute.
    pub fn set(&self, name: &str, v: Value) {
        self.attrs.borrow_mut().insert(Rc::from(name), v);
    }

    /// The host handle, if any.
    pub fn handle(&self) -> Option<u64> {
        match *self.payload.borrow() {
            Payload::Handle(h) => Some(h),
            _ => None,
        }
    }
}

impl Module {
    /// A new, empty module.
    pub fn new(name: &str) -> Rc<Module> {
        Rc::new(Module { name: name.into(), attrs: RefCell::new(HashMap::new()) })
    }

    /// Sets an attribute.
    pub fn set(&self, name: &str, v: Value) {
        self.attrs.borrow_mut().insert(Rc::from(name), v);
    }

    /// An attribute.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.attrs.borrow().get(name).cloned()
    }
}
