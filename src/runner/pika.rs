//! pika 1.3's BlockingConnection API on Warren's broker: connections and
//! channels of a process, pika's signatures (and TypeErrors for pika 0.x
//! forms), its frames' reprs and its exceptions.

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use crate::engine::queue_ops::QueueDeclare;
use crate::engine::{
    AmqpError, Broker, ChannelId, ConnectionId, ConsumeOptions, Event, ExchangeDeclare, Message, Properties, Publish,
};
use crate::python::builtins::{class, tri, type_error};
use crate::python::value::{Class, Instance, Module, Payload, Value};
use crate::python::vm::{native, new_exception, state_of, Ctx, Interp, NativeResult, Wait};
use crate::python::{bind_native, Sig};

type Kw = Vec<(Rc<str>, Value)>;

/// What pika's natives reach: the broker, the process's pika state, users.
pub struct Amqp<'a> {
    pub broker: &'a mut Broker,
    pub pika: &'a mut PikaState,
    pub users: &'a mut BTreeMap<String, String>,
}

/// A delivery waiting for its consumer callback.
struct Delivery {
    message: Rc<Message>,
    tag: String,
    delivery_tag: u64,
    redelivered: bool,
}

struct Chan {
    id: ChannelId,
    callbacks: BTreeMap<String, Value>,
    inbox: VecDeque<Delivery>,
    closed: Option<AmqpError>,
}

struct Conn {
    id: ConnectionId,
    channels: Vec<Chan>,
    open: bool,
}

/// A process's connections.
#[derive(Default)]
pub struct PikaState {
    conns: Vec<Conn>,
}

impl PikaState {
    /// Something arrived that a waiting consumer should see.
    pub fn has_activity(&self) -> bool {
        self.conns.iter().flat_map(|c| &c.channels).any(|ch| !ch.inbox.is_empty() || ch.closed.is_some())
    }

    /// Takes a broker event meant for one of this process's channels.
    pub fn on_event(&mut self, e: &Event) {
        match e {
            Event::Delivered { channel, consumer: Some(tag), message, delivery_tag, redelivered, .. } => {
                if let Some(ch) = self.chan_by_id(*channel) {
                    ch.inbox.push_back(Delivery {
                        message: message.clone(),
                        tag: tag.to_string(),
                        delivery_tag: *delivery_tag,
                        redelivered: *redelivered,
                    });
                }
            }
            Event::ChannelClosed { channel, error: Some(err) } => {
                if let Some(ch) = self.chan_by_id(*channel) {
                    ch.closed = Some(err.clone());
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

fn exc_class(name: &str, base: &str, classes: &mut BTreeMap<&'static str, Rc<Class>>) {
    let base = classes.get(base).cloned();
    let c = class(name, "pika.exceptions", base.into_iter().collect());
    classes.insert(Box::leak(name.to_string().into_boxed_str()), c);
}

/// The `pika` module (and `pika.exceptions`, `pika.spec`).
pub fn import(interp: &mut Interp, name: &str) -> Option<Value> {
    match name {
        "pika" => {}
        "pika.exceptions" | "pika.spec" => {
            let pika = match interp.modules.get("pika") {
                Some(Value::Module(m)) => m.clone(),
                _ => return None,
            };
            return pika.get(name.trim_start_matches("pika."));
        }
        _ => return None,
    }
    let m = Module::new("pika");
    let exc = Module::new("pika.exceptions");
    let mut classes: BTreeMap<&'static str, Rc<Class>> = BTreeMap::new();
    classes.insert("Exception", interp.exc_class("Exception"));
    for (n, b) in [
        ("AMQPError", "Exception"),
        ("AMQPConnectionError", "AMQPError"),
        ("ProbableAuthenticationError", "AMQPConnectionError"),
        ("ConnectionClosed", "AMQPConnectionError"),
        ("ConnectionClosedByBroker", "ConnectionClosed"),
        ("AMQPChannelError", "AMQPError"),
        ("ChannelWrongStateError", "AMQPChannelError"),
        ("ChannelClosed", "AMQPChannelError"),
        ("ChannelClosedByBroker", "ChannelClosed"),
        ("UnroutableError", "AMQPChannelError"),
        ("NackError", "AMQPChannelError"),
    ] {
        exc_class(n, b, &mut classes);
    }
    for (n, c) in &classes {
        if *n != "Exception" {
            exc.set(n, Value::Class(c.clone()));
        }
    }
    m.set("exceptions", Value::Module(exc));
    m.set("BlockingConnection", native("BlockingConnection", blocking_connection));
    m.set("ConnectionParameters", native("ConnectionParameters", connection_parameters));
    m.set("PlainCredentials", native("PlainCredentials", plain_credentials));
    m.set("BasicProperties", native("BasicProperties", basic_properties));
    let spec = Module::new("pika.spec");
    spec.set("PERSISTENT_DELIVERY_MODE", Value::Int(2));
    spec.set("TRANSIENT_DELIVERY_MODE", Value::Int(1));
    spec.set("BasicProperties", native("BasicProperties", basic_properties));
    m.set("spec", Value::Module(spec));
    let dm = class("DeliveryMode", "pika", vec![]);
    dm.dict.borrow_mut().insert(Rc::from("Persistent"), Value::Int(2));
    dm.dict.borrow_mut().insert(Rc::from("Transient"), Value::Int(1));
    m.set("DeliveryMode", Value::Class(dm));
    let conn = class("BlockingConnection", "pika.adapters.blocking_connection", vec![]);
    for (n, f) in [
        ("channel", conn_channel as crate::python::value::NativeFn),
        ("close", conn_close),
        ("process_data_events", process_data_events),
        ("sleep", conn_sleep),
    ] {
        conn.dict.borrow_mut().insert(Rc::from(n), native(n, f));
    }
    classes.insert("BlockingConnection", conn);
    let chan = class("BlockingChannel", "pika.adapters.blocking_connection", vec![]);
    for (n, f) in [
        ("queue_declare", queue_declare as crate::python::value::NativeFn),
        ("exchange_declare", exchange_declare),
        ("queue_bind", queue_bind),
        ("basic_publish", basic_publish),
        ("basic_qos", basic_qos),
        ("basic_consume", basic_consume),
        ("basic_ack", basic_ack),
        ("start_consuming", start_consuming),
        ("stop_consuming", stop_consuming),
        ("close", chan_close),
    ] {
        chan.dict.borrow_mut().insert(Rc::from(n), native(n, f));
    }
    classes.insert("BlockingChannel", chan);
    let frame = class("Method", "pika.spec", vec![]);
    frame.dict.borrow_mut().insert(Rc::from("__repr__"), native("__repr__", repr_attr));
    classes.insert("Frame", frame);
    STATE_CLASSES.with(|c| *c.borrow_mut() = classes);
    Some(Value::Module(m))
}

thread_local! {
    static STATE_CLASSES: std::cell::RefCell<BTreeMap<&'static str, Rc<Class>>> = const { std::cell::RefCell::new(BTreeMap::new()) };
}

fn cls(name: &str) -> Rc<Class> {
    STATE_CLASSES.with(|c| c.borrow().get(name).cloned().expect("pika class"))
}

fn repr_attr(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(args[0].instance().and_then(|i| i.get("_repr")).unwrap_or(Value::str("<METHOD>")))
}

fn kw_get(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

fn object(name: &str, fields: &[(&str, Value)]) -> Value {
    let c = class(name, "pika", vec![]);
    let i = Instance::new(c);
    for (k, v) in fields {
        i.set(k, v.clone());
    }
    Value::Instance(i)
}

fn connection_parameters(_: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let host = args.first().cloned().or(kw_get(&kw, "host")).unwrap_or(Value::str("localhost"));
    let port = args.get(1).cloned().or(kw_get(&kw, "port")).unwrap_or(Value::Int(5672));
    let vhost = kw_get(&kw, "virtual_host").unwrap_or(Value::str("/"));
    let creds = kw_get(&kw, "credentials").unwrap_or(Value::None);
    NativeResult::Ok(object(
        "ConnectionParameters",
        &[("host", host), ("port", port), ("virtual_host", vhost), ("credentials", creds)],
    ))
}

fn plain_credentials(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "PlainCredentials.__init__",
        params: &["self", "username", "password", "erase_on_connect"],
        required: 3,
    };
    let mut a = vec![Value::None];
    a.extend(args);
    let b = tri!(bind_native(ctx.interp, &sig, a, kw));
    NativeResult::Ok(object(
        "PlainCredentials",
        &[("username", b[1].clone().unwrap_or(Value::None)), ("password", b[2].clone().unwrap_or(Value::None))],
    ))
}

const PROPS: &[&str] = &[
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

fn basic_properties(_: &mut Ctx, _: Vec<Value>, kw: Kw) -> NativeResult {
    let fields: Vec<(&str, Value)> = PROPS.iter().map(|p| (*p, kw_get(&kw, p).unwrap_or(Value::None))).collect();
    NativeResult::Ok(object("BasicProperties", &fields))
}

fn amqp<'a>(ctx: &'a mut Ctx) -> Result<Amqp<'a>, NativeResult> {
    match ctx.host.amqp() {
        Some(a) => Ok(a),
        None => Err(NativeResult::Err(ctx.interp.exc("RuntimeError", "pika needs Warren's runner"))),
    }
}

macro_rules! amqp {
    ($ctx:expr) => {
        match amqp($ctx) {
            Ok(a) => a,
            Err(e) => return e,
        }
    };
}

fn blocking_connection(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let params = args.first().cloned().unwrap_or(Value::None);
    let creds = params.instance().and_then(|p| p.get("credentials")).unwrap_or(Value::None);
    let text = |v: Option<Value>| match v {
        Some(Value::Str(s)) => s.to_string(),
        _ => "guest".into(),
    };
    let (user, pass) = match creds.instance() {
        Some(c) => (text(c.get("username")), text(c.get("password"))),
        None => ("guest".into(), "guest".into()),
    };
    let a = amqp!(ctx);
    match a.users.get(&user) {
        Some(p) if *p != pass => {
            let msg = "ConnectionClosedByBroker: (403) 'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.'";
            return NativeResult::Err(new_exception(&cls("ProbableAuthenticationError"), vec![Value::str(msg)]));
        }
        Some(_) => {}
        None => {
            a.users.insert(user.clone(), pass);
        }
    }
    let id = a.broker.open_connection(format!("{user} (pika)"));
    a.pika.conns.push(Conn { id, channels: Vec::new(), open: true });
    let n = a.pika.conns.len() - 1;
    let inst = Instance::new(cls("BlockingConnection"));
    *inst.payload.borrow_mut() = Payload::Handle(n as u64);
    inst.set("is_open", Value::Bool(true));
    NativeResult::Ok(Value::Instance(inst))
}

fn handle(v: &Value) -> (usize, usize) {
    let h = v.instance().and_then(|i| i.handle()).unwrap_or(0);
    ((h >> 16) as usize, (h & 0xffff) as usize)
}

fn conn_channel(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (_, c) = handle(&args[0]);
    let a = amqp!(ctx);
    let conn = &mut a.pika.conns[c];
    let id = match a.broker.open_channel(conn.id) {
        Ok(id) => id,
        Err(e) => {
            return NativeResult::Err(new_exception(
                &cls("ConnectionClosedByBroker"),
                vec![Value::Int(e.code.code() as i64), Value::str(e.text.clone())],
            ))
        }
    };
    let number = conn.channels.len() as u16 + 1;
    conn.channels.push(Chan { id, callbacks: BTreeMap::new(), inbox: VecDeque::new(), closed: None });
    let inst = Instance::new(cls("BlockingChannel"));
    *inst.payload.borrow_mut() = Payload::Handle(((c as u64) << 16) | (number as u64 - 1));
    inst.set("channel_number", Value::Int(number as i64));
    inst.set("connection", args[0].clone());
    NativeResult::Ok(Value::Instance(inst))
}

fn conn_close(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (_, c) = handle(&args[0]);
    let a = amqp!(ctx);
    let conn = &mut a.pika.conns[c];
    if conn.open {
        a.broker.close_connection(conn.id);
        conn.open = false;
    }
    if let Some(i) = args[0].instance() {
        i.set("is_open", Value::Bool(false));
    }
    NativeResult::Ok(Value::None)
}

/// The broker's error on a channel as pika raises it.
fn closed_by_broker(e: &AmqpError) -> NativeResult {
    NativeResult::Err(new_exception(
        &cls("ChannelClosedByBroker"),
        vec![Value::Int(e.code.code() as i64), Value::str(e.text.clone())],
    ))
}

/// Runs a synchronous channel method; a channel the broker closed raises.
fn on_channel<T>(
    ctx: &mut Ctx,
    this: &Value,
    f: impl FnOnce(&mut Broker, ChannelId) -> Result<T, AmqpError>,
) -> Result<T, NativeResult> {
    let (c, n) = handle(this);
    let a = amqp(ctx)?;
    let ch = &a.pika.conns[c].channels[n];
    if let Some(e) = &ch.closed {
        return Err(closed_by_broker(e));
    }
    let id = ch.id;
    match f(a.broker, id) {
        Ok(v) => Ok(v),
        Err(e) => {
            a.pika.conns[c].channels[n].closed = Some(e.clone());
            Err(closed_by_broker(&e))
        }
    }
}

fn s(v: &Option<Value>) -> String {
    match v {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    }
}

fn b(v: &Option<Value>) -> bool {
    matches!(v, Some(Value::Bool(true)))
}

fn method_frame(channel: i64, method: String, fields: &[(&str, Value)]) -> Value {
    let inst = Instance::new(cls("Frame"));
    let m = object(&method, fields);
    inst.set("method", m);
    inst.set("channel_number", Value::Int(channel));
    inst.set("frame_type", Value::Int(1));
    Value::Instance(inst)
}

fn queue_declare(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "BlockingChannel.queue_declare",
        params: &["self", "queue", "passive", "durable", "exclusive", "auto_delete", "arguments"],
        required: 2,
    };
    let v = tri!(bind_native(ctx.interp, &sig, args, kw));
    let d = QueueDeclare {
        queue: s(&v[1]),
        passive: b(&v[2]),
        durable: b(&v[3]),
        exclusive: b(&v[4]),
        auto_delete: b(&v[5]),
        arguments: Default::default(),
    };
    let this = v[0].clone().expect("self");
    let ok = match on_channel(ctx, &this, |br, id| br.queue_declare(id, d)) {
        Ok(ok) => ok,
        Err(e) => return e,
    };
    let (_, n) = handle(&this);
    let repr = format!(
        "<METHOD(['channel_number={}', 'frame_type=1', \"method=<Queue.DeclareOk(['consumer_count={}', 'message_count={}', 'queue={}'])>\"])>",
        n + 1,
        ok.consumer_count,
        ok.message_count,
        crate::python::repr::repr_str(&ok.queue)
    );
    let f = method_frame(
        n as i64 + 1,
        "DeclareOk".into(),
        &[
            ("queue", Value::str(&*ok.queue)),
            ("message_count", Value::Int(ok.message_count as i64)),
            ("consumer_count", Value::Int(ok.consumer_count as i64)),
        ],
    );
    f.instance().expect("frame").set("_repr", Value::str(repr));
    NativeResult::Ok(f)
}

fn exchange_declare(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "BlockingChannel.exchange_declare",
        params: &["self", "exchange", "exchange_type", "passive", "durable", "auto_delete", "internal", "arguments"],
        required: 2,
    };
    let v = tri!(bind_native(ctx.interp, &sig, args, kw));
    let kind = if v[2].is_some() { s(&v[2]) } else { "direct".into() };
    let d = ExchangeDeclare {
        exchange: s(&v[1]),
        kind,
        passive: b(&v[3]),
        durable: b(&v[4]),
        auto_delete: b(&v[5]),
        internal: b(&v[6]),
        arguments: Default::default(),
    };
    let this = v[0].clone().expect("self");
    match on_channel(ctx, &this, |br, id| br.exchange_declare(id, d)) {
        Ok(()) => NativeResult::Ok(Value::None),
        Err(e) => e,
    }
}

fn queue_bind(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "BlockingChannel.queue_bind",
        params: &["self", "queue", "exchange", "routing_key", "arguments"],
        required: 3,
    };
    let v = tri!(bind_native(ctx.interp, &sig, args, kw));
    let (q, x) = (s(&v[1]), s(&v[2]));
    let key = if matches!(v[3], None | Some(Value::None)) { q.clone() } else { s(&v[3]) };
    let this = v[0].clone().expect("self");
    match on_channel(ctx, &this, |br, id| br.queue_bind(id, &q, &x, &key, Default::default())) {
        Ok(()) => NativeResult::Ok(Value::None),
        Err(e) => e,
    }
}

fn body_text(v: &Option<Value>) -> String {
    match v {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Bytes(b)) => String::from_utf8_lossy(b).to_string(),
        _ => String::new(),
    }
}

fn properties_of(v: &Option<Value>) -> Properties {
    let Some(Value::Instance(p)) = v else { return Properties::default() };
    let st = |n: &str| match p.get(n) {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let int = |n: &str| match p.get(n) {
        Some(Value::Int(i)) => Some(i as u8),
        _ => None,
    };
    Properties {
        delivery_mode: int("delivery_mode"),
        expiration: st("expiration"),
        priority: int("priority"),
        reply_to: st("reply_to"),
        correlation_id: st("correlation_id"),
        message_id: st("message_id"),
        content_type: st("content_type"),
        headers: None,
    }
}

fn basic_publish(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "BlockingChannel.basic_publish",
        params: &["self", "exchange", "routing_key", "body", "properties", "mandatory"],
        required: 4,
    };
    let v = tri!(bind_native(ctx.interp, &sig, args, kw));
    let p = Publish {
        exchange: s(&v[1]),
        routing_key: s(&v[2]),
        mandatory: b(&v[5]),
        properties: properties_of(&v[4]),
        body: body_text(&v[3]),
    };
    let this = v[0].clone().expect("self");
    let (c, n) = handle(&this);
    let a = amqp!(ctx);
    let ch = &mut a.pika.conns[c].channels[n];
    if let Some(e) = &ch.closed {
        return closed_by_broker(e);
    }
    // Asynchronous in pika: an error closes the channel, seen by the next call.
    if let Err(e) = a.broker.basic_publish(ch.id, p) {
        ch.closed = Some(e);
    }
    NativeResult::Ok(Value::None)
}

fn basic_qos(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "BlockingChannel.basic_qos",
        params: &["self", "prefetch_size", "prefetch_count", "global_qos"],
        required: 1,
    };
    let v = tri!(bind_native(ctx.interp, &sig, args, kw));
    let count = match &v[2] {
        Some(Value::Int(i)) => *i as u16,
        _ => 0,
    };
    let this = v[0].clone().expect("self");
    match on_channel(ctx, &this, |br, id| br.basic_qos(id, count, b(&v[3]))) {
        Ok(()) => NativeResult::Ok(Value::None),
        Err(e) => e,
    }
}

fn basic_consume(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "BlockingChannel.basic_consume",
        params: &["self", "queue", "on_message_callback", "auto_ack", "exclusive", "consumer_tag", "arguments"],
        required: 3,
    };
    let v = tri!(bind_native(ctx.interp, &sig, args, kw));
    let Some(Value::Str(_)) = &v[1] else {
        let r = tri!(crate::python::repr::repr(ctx.interp, v[1].as_ref().expect("queue")));
        return type_error(ctx, format!("queue must be a str or unicode str, but got {r}"));
    };
    let cb = v[2].clone().expect("callback");
    if !matches!(cb, Value::Function(_) | Value::Bound(_) | Value::Native(_)) {
        return type_error(ctx, "callback must be callable");
    }
    let opts = ConsumeOptions {
        queue: s(&v[1]),
        consumer_tag: s(&v[5]),
        no_ack: b(&v[3]),
        exclusive: b(&v[4]),
        arguments: Default::default(),
    };
    let this = v[0].clone().expect("self");
    let tag = match on_channel(ctx, &this, |br, id| br.basic_consume(id, opts)) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let (c, n) = handle(&this);
    let a = amqp!(ctx);
    a.pika.conns[c].channels[n].callbacks.insert(tag.clone(), cb);
    NativeResult::Ok(Value::str(tag))
}

fn basic_ack(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig { qualname: "BlockingChannel.basic_ack", params: &["self", "delivery_tag", "multiple"], required: 1 };
    let v = tri!(bind_native(ctx.interp, &sig, args, kw));
    let tag = match &v[1] {
        Some(Value::Int(i)) => *i as u64,
        _ => 0,
    };
    let this = v[0].clone().expect("self");
    match on_channel(ctx, &this, |br, id| br.basic_ack(id, tag, b(&v[2]))) {
        Ok(()) => NativeResult::Ok(Value::None),
        Err(e) => e,
    }
}

struct Consuming;

fn deliver_one(ctx: &mut Ctx, conn: usize, chan_filter: Option<usize>, channels: &[Value]) -> Option<NativeResult> {
    let a = amqp(ctx).ok()?;
    let conn_state = &mut a.pika.conns[conn];
    for (i, ch) in conn_state.channels.iter_mut().enumerate() {
        if chan_filter.is_some_and(|f| f != i) {
            continue;
        }
        if let Some(d) = ch.inbox.pop_front() {
            let cb = ch.callbacks.get(&d.tag).cloned()?;
            let method = object(
                "Deliver",
                &[
                    ("consumer_tag", Value::str(&d.tag)),
                    ("delivery_tag", Value::Int(d.delivery_tag as i64)),
                    ("redelivered", Value::Bool(d.redelivered)),
                    ("exchange", Value::str(&*d.message.exchange)),
                    ("routing_key", Value::str(&d.message.routing_key)),
                ],
            );
            let p = &d.message.properties;
            let opt = |v: &Option<String>| v.as_ref().map(Value::str).unwrap_or(Value::None);
            let mut fields: Vec<(&str, Value)> = PROPS.iter().map(|n| (*n, Value::None)).collect();
            for (n, val) in fields.iter_mut() {
                *val = match *n {
                    "delivery_mode" => p.delivery_mode.map(|m| Value::Int(m as i64)).unwrap_or(Value::None),
                    "priority" => p.priority.map(|m| Value::Int(m as i64)).unwrap_or(Value::None),
                    "reply_to" => opt(&p.reply_to),
                    "correlation_id" => opt(&p.correlation_id),
                    "message_id" => opt(&p.message_id),
                    "content_type" => opt(&p.content_type),
                    "expiration" => opt(&p.expiration),
                    _ => Value::None,
                };
            }
            let props = object("BasicProperties", &fields);
            let channel = channels.get(i).cloned().unwrap_or(Value::None);
            return Some(NativeResult::CallThen(
                cb,
                vec![channel, method, props, Value::bytes(d.message.body.as_bytes())],
            ));
        }
    }
    None
}

fn channel_values(this: &Value) -> Vec<Value> {
    // The channel objects of this connection that the program holds: the
    // one consuming is enough for callbacks on it.
    vec![this.clone()]
}

fn start_consuming(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let this = args[0].clone();
    let (c, n) = handle(&this);
    if state_of::<Consuming>(&mut ctx.state).is_none() {
        ctx.state = Some(Box::new(Consuming));
    }
    if let Some(r) = deliver_one(ctx, c, Some(n), &{
        let mut v = vec![Value::None; n];
        v.extend(channel_values(&this));
        v
    }) {
        return r;
    }
    let a = amqp!(ctx);
    let ch = &a.pika.conns[c].channels[n];
    if let Some(e) = ch.closed.clone() {
        return closed_by_broker(&e);
    }
    if ch.callbacks.is_empty() {
        return NativeResult::Ok(Value::None);
    }
    NativeResult::Block(Wait { until: None, on_activity: true })
}

fn stop_consuming(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (c, n) = handle(&args[0]);
    let a = amqp!(ctx);
    let ch = &mut a.pika.conns[c].channels[n];
    let tags: Vec<String> = ch.callbacks.keys().cloned().collect();
    let id = ch.id;
    ch.callbacks.clear();
    for t in tags {
        let _ = a.broker.basic_cancel(id, &t);
    }
    NativeResult::Ok(Value::None)
}

fn chan_close(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (c, n) = handle(&args[0]);
    let a = amqp!(ctx);
    let id = a.pika.conns[c].channels[n].id;
    a.broker.close_channel(id);
    NativeResult::Ok(Value::None)
}

struct Until(u64);

fn process_data_events(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let (_, c) = handle(&args[0]);
    let limit = args.get(1).cloned().or(kw_get(&kw, "time_limit")).unwrap_or(Value::Int(0));
    let now = ctx.host.now();
    let deadline = match state_of::<Until>(&mut ctx.state) {
        Some(Until(t)) => *t,
        None => {
            let ms = match &limit {
                Value::None => u64::MAX,
                v => tri!(crate::python::modules::seconds_to_ms(ctx, v)),
            };
            let t = now.saturating_add(ms);
            ctx.state = Some(Box::new(Until(t)));
            t
        }
    };
    let chans: Vec<Value> = Vec::new();
    if let Some(r) = deliver_one(ctx, c, None, &chans) {
        // Deliveries seen: pika returns after dispatching what arrived.
        ctx.state = Some(Box::new(Until(0)));
        return r;
    }
    if now >= deadline {
        return NativeResult::Ok(Value::None);
    }
    NativeResult::Block(Wait { until: (deadline != u64::MAX).then_some(deadline), on_activity: true })
}

fn conn_sleep(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    process_data_events(ctx, args, kw)
}
