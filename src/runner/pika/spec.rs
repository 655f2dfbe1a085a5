//! AMQP objects as pika shows them (`<Queue.DeclareOk(['consumer_count=0',
//! ...])>`, `<METHOD([...])>`), `BasicProperties`, the enums tutorials use
//! (`ExchangeType`, `DeliveryMode`), and Python values ↔ AMQP field tables
//! as pika 1.3 encodes them (int → signedint or long, str → longstr, bool,
//! dict → table, list → array, None → void; a float is refused).

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::{FieldTable, FieldValue, Message, Properties};
use crate::python::builtins::class;
use crate::python::dict::{Dict, Key};
use crate::python::value::{Class, Instance, Module, Value};
use crate::python::vm::{native, Ctx, Interp, NativeResult};
use crate::python::{bind_native, Sig};

use super::{exceptions, Kw, INTERNAL};

/// BasicProperties' fields, in pika's order.
pub(super) const PROPS: &[&str] = &[
    "content_type",
    "content_encoding",
    "headers",
    "delivery_mode",
    "priority",
    "correlation_id",
    "reply_to",
    "expiration",
    "message_id",
    "timestamp",
    "type",
    "user_id",
    "app_id",
    "cluster_id",
];

/// Adds `BasicProperties`, `spec`, `DeliveryMode` and `ExchangeType`.
pub(super) fn install(m: &Module, internal: &Module) {
    m.set("BasicProperties", native("BasicProperties", basic_properties));
    let spec = Module::new("pika.spec");
    spec.set("PERSISTENT_DELIVERY_MODE", Value::Int(2));
    spec.set("TRANSIENT_DELIVERY_MODE", Value::Int(1));
    spec.set("BasicProperties", native("BasicProperties", basic_properties));
    m.set("spec", Value::Module(spec));
    let delivery = Module::new("pika.delivery_mode");
    let dm = enum_class(
        "DeliveryMode",
        "pika.delivery_mode",
        &[("Transient", Value::Int(1)), ("Persistent", Value::Int(2))],
    );
    delivery.set("DeliveryMode", Value::Class(dm.clone()));
    m.set("DeliveryMode", Value::Class(dm));
    m.set("delivery_mode", Value::Module(delivery));
    let kinds: Vec<(&str, Value)> =
        ["direct", "fanout", "headers", "topic"].iter().map(|k| (*k, Value::str(k))).collect();
    let xt = enum_class("ExchangeType", "pika.exchange_type", &kinds);
    let exchange_type = Module::new("pika.exchange_type");
    exchange_type.set("ExchangeType", Value::Class(xt));
    m.set("exchange_type", Value::Module(exchange_type));
    let object = class("AMQPObject", "pika.amqp_object", vec![]);
    object.dict.borrow_mut().insert(Rc::from("__repr__"), native("__repr__", object_repr));
    internal.set("AMQPObject", Value::Class(object));
}

/// An `enum.Enum` subclass: members with `.name` and `.value`, printed as
/// `Class.member`.
fn enum_class(name: &str, module: &str, members: &[(&str, Value)]) -> Rc<Class> {
    let c = class(name, module, vec![]);
    c.dict.borrow_mut().insert(Rc::from("__str__"), native("__str__", enum_str));
    c.dict.borrow_mut().insert(Rc::from("__repr__"), native("__repr__", enum_repr));
    for (member, value) in members {
        let i = Instance::new(c.clone());
        i.set("name", Value::str(member));
        i.set("value", value.clone());
        c.dict.borrow_mut().insert(Rc::from(*member), Value::Instance(i));
    }
    c
}

fn member(v: &Value) -> (String, String, Option<Value>) {
    let i = v.instance();
    let name = match i.and_then(|i| i.get("name")) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    (i.map(|i| i.class.name.clone()).unwrap_or_default(), name, i.and_then(|i| i.get("value")))
}

fn enum_str(_: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let (c, n, _) = member(&a[0]);
    NativeResult::Ok(Value::str(format!("{c}.{n}")))
}

fn enum_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let (c, n, v) = member(&a[0]);
    let v = match crate::python::repr::repr(ctx.interp, &v.unwrap_or(Value::None)) {
        Ok(s) => s,
        Err(e) => return NativeResult::Err(e),
    };
    NativeResult::Ok(Value::str(format!("<{c}.{n}: {v}>")))
}

/// An enum member's value, or the value itself.
pub(super) fn enum_value(v: Value) -> Value {
    match v.instance().and_then(|i| i.get("value")) {
        Some(inner) => inner,
        None => v,
    }
}

/// `<NAME([sorted 'k=v' of the fields that are not None])>`, as pika's
/// `AMQPObject.__repr__`.
fn object_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let Some(i) = a[0].instance() else { return NativeResult::Ok(Value::str("<AMQPObject>")) };
    let name = match i.class.lookup("NAME") {
        Some(Value::Str(s)) => s.to_string(),
        _ => i.class.name.clone(),
    };
    let attrs: Vec<(Rc<str>, Value)> = i.attrs.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut items = Vec::new();
    for (k, v) in attrs {
        if matches!(v, Value::None) || k.starts_with('_') {
            continue;
        }
        match crate::python::repr::str_of(ctx.interp, &v) {
            Ok(s) => items.push(Value::str(format!("{k}={s}"))),
            Err(e) => return NativeResult::Err(e),
        }
    }
    if items.is_empty() {
        return NativeResult::Ok(Value::str(format!("<{name}>")));
    }
    items.sort_by(|x, y| match (x, y) {
        (Value::Str(x), Value::Str(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    });
    match crate::python::repr::repr(ctx.interp, &Value::list(items)) {
        Ok(list) => NativeResult::Ok(Value::str(format!("<{name}({list})>"))),
        Err(e) => NativeResult::Err(e),
    }
}

/// The class of pika objects named `name` (`Queue.DeclareOk`, `METHOD`),
/// made once per process.
fn object_class(interp: &Interp, name: &str, module: &str) -> Rc<Class> {
    let key = format!("spec:{name}");
    let Some(Value::Module(internal)) = interp.modules.get(INTERNAL).cloned() else {
        return class(name, module, vec![]);
    };
    if let Some(Value::Class(c)) = internal.get(&key) {
        return c;
    }
    let base = super::cls(interp, "AMQPObject");
    let short = name.rsplit('.').next().unwrap_or(name);
    let c = Rc::new(Class {
        name: short.to_string(),
        qualname: name.to_string(),
        module: module.to_string(),
        bases: vec![base],
        dict: RefCell::new(Default::default()),
    });
    c.dict.borrow_mut().insert(Rc::from("NAME"), Value::str(name));
    internal.set(&key, Value::Class(c.clone()));
    c
}

/// A pika spec object (`Basic.Deliver`, `Queue.DeclareOk`, ...).
pub(super) fn object(interp: &Interp, name: &str, fields: &[(&str, Value)]) -> Value {
    let i = Instance::new(object_class(interp, name, "pika.spec"));
    for (k, v) in fields {
        i.set(k, v.clone());
    }
    Value::Instance(i)
}

/// A method frame on channel `channel` carrying the method `name`.
pub(super) fn frame(interp: &Interp, channel: u16, name: &str, fields: &[(&str, Value)]) -> Value {
    let method = object(interp, name, fields);
    let i = Instance::new(object_class(interp, "METHOD", "pika.frame"));
    i.set("channel_number", Value::Int(channel as i64));
    i.set("frame_type", Value::Int(1));
    i.set("method", method);
    Value::Instance(i)
}

fn basic_properties(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let mut params = vec!["self"];
    params.extend_from_slice(PROPS);
    let sig = Sig { qualname: "BasicProperties.__init__", params: &params, required: 1 };
    let mut all = vec![Value::None];
    all.extend(args);
    let bound = match bind_native(ctx.interp, &sig, all, kw) {
        Ok(b) => b,
        Err(e) => return NativeResult::Err(e),
    };
    let fields: Vec<(&str, Value)> = PROPS
        .iter()
        .zip(bound.into_iter().skip(1))
        .map(|(n, v)| (*n, v.map(enum_value).unwrap_or(Value::None)))
        .collect();
    NativeResult::Ok(object(ctx.interp, "BasicProperties", &fields))
}

/// A Python dict as an AMQP table, as pika encodes it.
pub(super) fn table(interp: &Interp, v: &Value) -> Result<FieldTable, Value> {
    let mut t = FieldTable::new();
    match v {
        Value::None => {}
        Value::Dict(d) => {
            for (k, x) in d.borrow().iter() {
                let key = match k {
                    Value::Str(s) => s.to_string(),
                    Value::Bytes(b) => String::from_utf8_lossy(b).to_string(),
                    other => return Err(unsupported(interp, other)),
                };
                t.insert(key, field(interp, x)?);
            }
        }
        other => {
            let msg = format!("'{}' object has no attribute 'items'", other.type_name());
            return Err(interp.exc("AttributeError", msg));
        }
    }
    Ok(t)
}

fn field(interp: &Interp, v: &Value) -> Result<FieldValue, Value> {
    Ok(match v {
        Value::Str(s) => FieldValue::Str(s.to_string()),
        Value::Bytes(b) => FieldValue::Str(String::from_utf8_lossy(b).to_string()),
        Value::Bool(b) => FieldValue::Bool(*b),
        Value::Int(i) => FieldValue::Int(*i),
        Value::Dict(_) => FieldValue::Table(table(interp, v)?),
        Value::List(l) => {
            let items = l.borrow().clone();
            FieldValue::Array(items.iter().map(|x| field(interp, x)).collect::<Result<_, _>>()?)
        }
        Value::None => FieldValue::Void,
        Value::Instance(i) if i.get("value").is_some() => field(interp, &enum_value(v.clone()))?,
        other => return Err(unsupported(interp, other)),
    })
}

fn unsupported(interp: &Interp, v: &Value) -> Value {
    exceptions::new(interp, "UnsupportedAMQPFieldException", vec![Value::list(vec![]), v.clone()])
}

/// An AMQP table as the dict pika decodes.
pub(super) fn dict_of(t: &FieldTable) -> Value {
    let mut d = Dict::new();
    for (k, v) in t.iter() {
        let key: Rc<str> = Rc::from(k);
        d.insert(Key::Str(key.clone()), Value::Str(key), value_of(v));
    }
    Value::Dict(Rc::new(RefCell::new(d)))
}

fn value_of(v: &FieldValue) -> Value {
    match v {
        FieldValue::Str(s) => Value::str(s),
        FieldValue::Int(i) => Value::Int(*i),
        FieldValue::Float(f) => Value::Float(*f),
        FieldValue::Bool(b) => Value::Bool(*b),
        FieldValue::Timestamp(t) => Value::Int(*t as i64),
        FieldValue::Array(items) => Value::list(items.iter().map(value_of).collect()),
        FieldValue::Table(t) => dict_of(t),
        FieldValue::Void => Value::None,
    }
}

/// A `BasicProperties` object's fields as the engine's properties.
pub(super) fn properties_of(interp: &Interp, v: &Option<Value>) -> Result<Properties, Value> {
    let Some(Value::Instance(p)) = v else { return Ok(Properties::default()) };
    let st = |n: &str| match p.get(n) {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let small = |n: &str| match p.get(n) {
        Some(Value::Int(i)) => Some(i.clamp(0, 255) as u8),
        _ => None,
    };
    let headers = match p.get("headers") {
        None | Some(Value::None) => None,
        Some(h) => Some(table(interp, &h)?),
    };
    Ok(Properties {
        delivery_mode: small("delivery_mode"),
        expiration: st("expiration"),
        priority: small("priority"),
        reply_to: st("reply_to"),
        correlation_id: st("correlation_id"),
        message_id: st("message_id"),
        content_type: st("content_type"),
        headers,
    })
}

/// The `BasicProperties` a consumer receives for a message.
pub(super) fn properties_value(interp: &Interp, p: &Properties) -> Value {
    let opt = |v: &Option<String>| v.as_ref().map(Value::str).unwrap_or(Value::None);
    let small = |v: Option<u8>| v.map(|m| Value::Int(m as i64)).unwrap_or(Value::None);
    let fields: Vec<(&str, Value)> = PROPS
        .iter()
        .map(|n| {
            let v = match *n {
                "delivery_mode" => small(p.delivery_mode),
                "priority" => small(p.priority),
                "reply_to" => opt(&p.reply_to),
                "correlation_id" => opt(&p.correlation_id),
                "message_id" => opt(&p.message_id),
                "content_type" => opt(&p.content_type),
                "expiration" => opt(&p.expiration),
                "headers" => p.headers.as_ref().map(dict_of).unwrap_or(Value::None),
                _ => Value::None,
            };
            (*n, v)
        })
        .collect();
    object(interp, "BasicProperties", &fields)
}

/// (properties, body) of a delivered message.
pub(super) fn content(interp: &Interp, m: &Message) -> (Value, Value) {
    (properties_value(interp, &m.properties), Value::bytes(m.body.as_bytes()))
}
