//! pika 1.3's BlockingConnection API on Warren's broker: the connections
//! and channels of a process, pika's signatures (and its TypeErrors for
//! pika 0.x forms), its frames' reprs and its exceptions.
//!
//! - `exceptions`: `pika.exceptions` with pika's reprs.
//! - `spec`: AMQP objects (method frames, `Basic.Deliver`, properties) and
//!   Python values ↔ AMQP field tables, as pika encodes them.
//! - `connection`: parameters, credentials, `BlockingConnection`.
//! - `declare`: exchange and queue methods (each returns pika's frame).
//! - `basic`: publish, confirms, get, ack / nack / reject, qos, consume.
//! - `consuming`: `start_consuming`, `process_data_events`, `sleep`,
//!   `consume()` and what dispatches consumer callbacks.
//! - `record`: what each process called, with its line, for the notes.

mod basic;
mod connection;
mod consuming;
mod declare;
mod exceptions;
pub mod record;
mod spec;
mod sync;

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use crate::engine::{AmqpError, Broker, ChannelId, ConnectionId, Event, Message};
use crate::python::builtins::class;
use crate::python::value::{Class, Instance, Module, NativeFn, Value};
use crate::python::vm::{native, Ctx, Interp};

pub use record::{Call, CallKind, Publish as PublishRecord};

type Kw = Vec<(Rc<str>, Value)>;

/// What pika's natives reach: the broker, the process's pika state, users.
pub struct Amqp<'a> {
    /// The broker.
    pub broker: &'a mut Broker,
    /// The process's connections.
    pub pika: &'a mut PikaState,
    /// Users and passwords.
    pub users: &'a mut BTreeMap<String, String>,
}

/// A delivery waiting for its consumer.
struct Delivery {
    message: Rc<Message>,
    tag: String,
    delivery_tag: u64,
    redelivered: bool,
}

/// Something a channel has for the program: a delivery, or the broker
/// cancelling a consumer (its queue was deleted).
enum Pending {
    Deliver(Delivery),
    Cancelled(String),
}

impl Pending {
    fn tag(&self) -> &str {
        match self {
            Pending::Deliver(d) => &d.tag,
            Pending::Cancelled(t) => t,
        }
    }
}

/// A consumer of a channel: a callback, or the `consume()` generator.
#[derive(Clone)]
enum Consumer {
    Callback { callback: Value, auto_ack: bool },
    Generator { auto_ack: bool },
}

impl Consumer {
    fn auto_ack(&self) -> bool {
        match self {
            Consumer::Callback { auto_ack, .. } | Consumer::Generator { auto_ack } => *auto_ack,
        }
    }
}

/// The `consume()` generator's consumer.
struct GeneratorInfo {
    params: (String, bool, bool),
    tag: String,
    pending: VecDeque<Pending>,
}

struct Chan {
    id: ChannelId,
    number: u16,
    /// The `BlockingChannel` object the program holds.
    value: Rc<Instance>,
    consumers: Vec<(String, Consumer)>,
    pending: VecDeque<Pending>,
    generator: Option<GeneratorInfo>,
    /// The broker closed the channel and pika has not yet seen it.
    broker_close: Option<AmqpError>,
    /// Closed (by the program, or the broker's close seen).
    closed: bool,
    confirms: bool,
}

struct Conn {
    id: ConnectionId,
    value: Rc<Instance>,
    channels: Vec<Chan>,
    open: bool,
}

/// A process's connections, and what it called.
#[derive(Default)]
pub struct PikaState {
    conns: Vec<Conn>,
    /// Every pika call the process made, with its line.
    pub calls: Vec<Call>,
    /// The process waits in a `consume()` generator.
    generator_wait: bool,
    /// Deliveries handed to the program (callbacks and `consume()`).
    pub dispatched: u64,
}

impl PikaState {
    /// Something arrived that a waiting consumer should see.
    pub fn has_activity(&self) -> bool {
        self.conns.iter().flat_map(|c| &c.channels).any(|ch| {
            !ch.pending.is_empty()
                || ch.broker_close.is_some()
                || (self.generator_wait && ch.generator.as_ref().is_some_and(|g| !g.pending.is_empty()))
        })
    }

    /// Takes a broker event meant for one of this process's channels.
    pub fn on_event(&mut self, e: &Event) {
        match e {
            Event::Delivered { channel, consumer: Some(tag), message, delivery_tag, redelivered, .. } => {
                if let Some(ch) = self.chan_by_id(*channel) {
                    let d = Delivery {
                        message: message.clone(),
                        tag: tag.to_string(),
                        delivery_tag: *delivery_tag,
                        redelivered: *redelivered,
                    };
                    ch.push(Pending::Deliver(d));
                }
            }
            Event::ConsumerCancelled { channel, tag, by_broker: true, .. } => {
                if let Some(ch) = self.chan_by_id(*channel) {
                    ch.push(Pending::Cancelled(tag.clone()));
                }
            }
            Event::ChannelClosed { channel, error: Some(err) } => {
                if let Some(ch) = self.chan_by_id(*channel) {
                    if !ch.closed && ch.broker_close.is_none() {
                        ch.broker_close = Some(err.clone());
                    }
                }
            }
            _ => {}
        }
    }

    fn chan_by_id(&mut self, id: ChannelId) -> Option<&mut Chan> {
        self.conns.iter_mut().flat_map(|c| c.channels.iter_mut()).find(|ch| ch.id == id)
    }

    /// Closes every connection (the process ended).
    pub fn close_all(&mut self, broker: &mut Broker) {
        for c in &mut self.conns {
            if c.open {
                broker.close_connection(c.id);
                c.open = false;
            }
        }
    }
}

impl Chan {
    fn push(&mut self, p: Pending) {
        match &mut self.generator {
            Some(g) if g.tag == p.tag() => g.pending.push_back(p),
            _ => self.pending.push_back(p),
        }
    }

    /// Marks the channel closed, as the program sees it.
    fn mark_closed(&mut self) {
        self.closed = true;
        self.value.set("is_open", Value::Bool(false));
        self.value.set("is_closed", Value::Bool(true));
    }

    fn has_consumer(&self, tag: &str) -> bool {
        self.consumers.iter().any(|(t, _)| t == tag)
    }
}

/// The `pika` module (and `pika.exceptions`, `pika.spec`, ...).
pub fn import(interp: &mut Interp, name: &str) -> Option<Value> {
    match name {
        "pika" => {}
        "pika.exceptions" | "pika.spec" | "pika.exchange_type" | "pika.delivery_mode" | "pika.credentials" => {
            let Some(Value::Module(pika)) = interp.modules.get("pika").cloned() else { return None };
            return pika.get(name.trim_start_matches("pika."));
        }
        "pika.adapters" | "pika.adapters.blocking_connection" => {
            let Some(Value::Module(pika)) = interp.modules.get("pika").cloned() else { return None };
            let m = Module::new(name);
            m.set("BlockingConnection", pika.get("BlockingConnection")?);
            m.set("blocking_connection", Value::Module(m.clone()));
            return Some(Value::Module(m));
        }
        _ => return None,
    }
    let m = Module::new("pika");
    let internal = Module::new(INTERNAL);
    m.set("exceptions", Value::Module(exceptions::module(interp, &internal)));
    connection::install(&m, &internal);
    spec::install(&m, &internal);
    declare::install(&internal);
    basic::install(&internal);
    consuming::install(&internal);
    interp.modules.insert(INTERNAL.to_string(), Value::Module(internal));
    Some(Value::Module(m))
}

/// Where a process keeps pika's classes (one set per process).
const INTERNAL: &str = "pika._warren";

/// One of pika's classes, as the process imported them.
fn cls(interp: &Interp, name: &str) -> Rc<Class> {
    match interp.modules.get(INTERNAL) {
        Some(Value::Module(m)) => match m.get(name) {
            Some(Value::Class(c)) => c,
            _ => class(name, "pika", vec![]),
        },
        _ => class(name, "pika", vec![]),
    }
}

/// Adds methods to one of the internal classes.
fn add_methods(internal: &Module, class_name: &str, methods: &[(&str, NativeFn)]) {
    let Some(Value::Class(c)) = internal.get(class_name) else { return };
    for (n, f) in methods {
        c.dict.borrow_mut().insert(Rc::from(*n), native(n, *f));
    }
}

fn kw_get(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

macro_rules! amqp {
    ($ctx:expr) => {
        match $ctx.host.amqp() {
            Some(a) => a,
            None => return NativeResult::Err($ctx.interp.exc("RuntimeError", "pika needs Warren's runner")),
        }
    };
}
use amqp;

macro_rules! attempt {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return e,
        }
    };
}
use attempt;

/// (connection index, channel index) of a connection or channel object.
fn handle(v: &Value) -> (usize, usize) {
    let h = v.instance().and_then(|i| i.handle()).unwrap_or(0);
    ((h >> 16) as usize, (h & 0xffff) as usize)
}

/// A str argument's text ("" for anything else).
fn text(v: &Option<Value>) -> String {
    match v {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Instance(i)) => match i.get("value") {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// A flag argument (Python truthiness of the common cases).
fn flag(v: &Option<Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Int(i)) => *i != 0,
        _ => false,
    }
}

/// Records a call of the current process at the program's current line.
fn record(ctx: &mut Ctx, kind: CallKind) {
    let line = ctx.interp.line();
    if let Some(a) = ctx.host.amqp() {
        a.pika.calls.push(Call { line, kind });
    }
}
