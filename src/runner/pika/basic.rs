//! The basic class of `BlockingChannel`: publish (and publisher confirms,
//! with `UnroutableError` / `NackError`), get, ack / nack / reject, qos,
//! recover, consume and cancel.

use crate::engine::{Broker, ConsumeOptions, Publish};
use crate::python::builtins::type_error;
use crate::python::repr::repr;
use crate::python::value::{Instance, Module, Value};
use crate::python::vm::{Ctx, Interp, NativeResult};

use super::declare::{bind, raised, require_string};
use super::spec::{content, object, properties_of};
use super::sync::{on_channel, send_on_channel};
use super::{
    attempt, exceptions, flag, handle, record, text, CallKind, Chan, Consumer, Delivery, Kw, Pending, PublishRecord,
};

/// Adds the methods to `BlockingChannel`.
pub(super) fn install(internal: &Module) {
    super::add_methods(
        internal,
        "BlockingChannel",
        &[
            ("basic_publish", basic_publish),
            ("confirm_delivery", confirm_delivery),
            ("basic_get", basic_get),
            ("basic_ack", basic_ack),
            ("basic_nack", basic_nack),
            ("basic_reject", basic_reject),
            ("basic_qos", basic_qos),
            ("basic_recover", basic_recover),
            ("basic_consume", basic_consume),
            ("basic_cancel", basic_cancel),
        ],
    );
}

fn body_text(ctx: &mut Ctx, v: &Option<Value>) -> Result<String, NativeResult> {
    match v {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(Value::Bytes(b)) => Ok(String::from_utf8_lossy(b).to_string()),
        Some(other) => Err(type_error(ctx, format!("object of type '{}' has no len()", other.type_name()))),
        None => Ok(String::new()),
    }
}

fn basic_publish(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "exchange", "routing_key", "body", "properties", "mandatory"];
    let v = attempt!(bind(ctx, "BlockingChannel.basic_publish", params, 4, args, kw));
    let properties = match properties_of(ctx.interp, &v[4]) {
        Ok(p) => p,
        Err(e) => return NativeResult::Err(e),
    };
    let p = Publish {
        exchange: text(&v[1]),
        routing_key: text(&v[2]),
        mandatory: flag(&v[5]),
        body: attempt!(body_text(ctx, &v[3])),
        properties,
    };
    let mut rec = PublishRecord {
        exchange: p.exchange.clone(),
        routing_key: p.routing_key.clone(),
        persistent: p.properties.is_persistent(),
        ..Default::default()
    };
    let this = v[0].clone().expect("self");
    let (c, n) = handle(&this);
    let confirms = ctx.host.amqp().is_some_and(|a| a.pika.conns[c].channels[n].confirms);
    if let Some(a) = ctx.host.amqp() {
        rec.exchange_kind = a.broker.exchange(&p.exchange).map(|x| x.kind.as_str().to_string());
    }
    let (exchange, key) = (p.exchange.clone(), p.routing_key.clone());
    let sent = if confirms {
        on_channel(ctx, &this, "basic_publish", |br, id| br.basic_publish(id, p)).map(Some)
    } else {
        // Asynchronous in pika: an error closes the channel, seen later.
        let mut refused = None;
        let r = send_on_channel(ctx, &this, |br, id| {
            br.basic_publish(id, p).inspect_err(|e| refused = Some(e.text.clone()))
        });
        rec.refused = refused;
        r
    };
    let outcome = match sent {
        Ok(o) => o,
        Err(e) => {
            record(ctx, CallKind::Publish(rec));
            return e;
        }
    };
    if let (Some(o), Some(a)) = (&outcome, ctx.host.amqp()) {
        rec.routed = o.routed.iter().map(|q| (q.to_string(), a.broker.queue(q).is_some_and(|q| q.durable))).collect();
    }
    record(ctx, CallKind::Publish(rec));
    match outcome {
        Some(o) if confirms && (o.nacked || o.returned) => {
            let messages = if o.returned { vec![returned_message(ctx.interp, &exchange, &key)] } else { vec![] };
            NativeResult::Err(exceptions::returned(ctx.interp, o.nacked, messages))
        }
        _ => NativeResult::Ok(Value::None),
    }
}

/// pika's `ReturnedMessage(method, properties, body)` for a basic.return.
fn returned_message(interp: &Interp, exchange: &str, key: &str) -> Value {
    let method = object(
        interp,
        "Basic.Return",
        &[
            ("reply_code", Value::Int(312)),
            ("reply_text", Value::str("NO_ROUTE")),
            ("exchange", Value::str(exchange)),
            ("routing_key", Value::str(key)),
        ],
    );
    let i =
        Instance::new(crate::python::builtins::class("ReturnedMessage", "pika.adapters.blocking_connection", vec![]));
    i.set("method", method);
    Value::Instance(i)
}

fn confirm_delivery(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.confirm_delivery", &["self"], 1, args, kw));
    let this = v[0].clone().expect("self");
    let (c, n) = handle(&this);
    if ctx.host.amqp().is_some_and(|a| a.pika.conns[c].channels[n].confirms) {
        return NativeResult::Ok(Value::None);
    }
    attempt!(on_channel(ctx, &this, "confirm_delivery", |br, id| br.confirm_select(id)));
    if let Some(a) = ctx.host.amqp() {
        a.pika.conns[c].channels[n].confirms = true;
    }
    NativeResult::Ok(Value::None)
}

fn basic_get(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.basic_get", &["self", "queue", "auto_ack"], 2, args, kw));
    attempt!(require_string(ctx, &v[1], "queue"));
    let (this, q, auto_ack) = (v[0].clone().expect("self"), text(&v[1]), flag(&v[2]));
    let got = attempt!(on_channel(ctx, &this, "basic_get", |br, id| br.basic_get(id, &q, auto_ack)));
    let Some(ok) = got else { return NativeResult::Ok(Value::tuple(vec![Value::None, Value::None, Value::None])) };
    let m = &ok.message;
    let method = object(
        ctx.interp,
        "Basic.GetOk",
        &[
            ("delivery_tag", Value::Int(ok.delivery_tag as i64)),
            ("redelivered", Value::Bool(ok.redelivered)),
            ("exchange", Value::str(&*m.exchange)),
            ("routing_key", Value::str(&m.routing_key)),
            ("message_count", Value::Int(ok.message_count as i64)),
        ],
    );
    let (props, body) = content(ctx.interp, m);
    NativeResult::Ok(Value::tuple(vec![method, props, body]))
}

fn tag_of(ctx: &mut Ctx, v: &Option<Value>, check: bool) -> Result<u64, NativeResult> {
    match v {
        None => Ok(0),
        Some(Value::Int(i)) => Ok(*i as u64),
        Some(Value::Bool(b)) => Ok(*b as u64),
        Some(_) if check => Err(type_error(ctx, "delivery_tag must be an integer")),
        Some(_) => Ok(0),
    }
}

fn settle(
    ctx: &mut Ctx,
    this: &Value,
    f: impl FnOnce(&mut Broker, crate::engine::ChannelId) -> Result<(), crate::engine::AmqpError>,
) -> NativeResult {
    record(ctx, CallKind::Settle);
    attempt!(send_on_channel(ctx, this, f));
    NativeResult::Ok(Value::None)
}

fn basic_ack(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.basic_ack", &["self", "delivery_tag", "multiple"], 1, args, kw));
    let (tag, multiple) = (attempt!(tag_of(ctx, &v[1], false)), flag(&v[2]));
    settle(ctx, &v[0].clone().expect("self"), |br, id| br.basic_ack(id, tag, multiple))
}

fn basic_nack(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "delivery_tag", "multiple", "requeue"];
    let v = attempt!(bind(ctx, "BlockingChannel.basic_nack", params, 1, args, kw));
    let (tag, multiple) = (attempt!(tag_of(ctx, &v[1], false)), flag(&v[2]));
    let requeue = v[3].is_none() || flag(&v[3]);
    settle(ctx, &v[0].clone().expect("self"), |br, id| br.basic_nack(id, tag, multiple, requeue))
}

fn basic_reject(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.basic_reject", &["self", "delivery_tag", "requeue"], 1, args, kw));
    let tag = attempt!(tag_of(ctx, &v[1], true));
    let requeue = v[2].is_none() || flag(&v[2]);
    settle(ctx, &v[0].clone().expect("self"), |br, id| br.basic_reject(id, tag, requeue))
}

fn basic_qos(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "prefetch_size", "prefetch_count", "global_qos"];
    let v = attempt!(bind(ctx, "BlockingChannel.basic_qos", params, 1, args, kw));
    for (i, name) in [(1, "prefetch_size"), (2, "prefetch_count")] {
        if let Some(Value::Int(n)) = &v[i] {
            if *n < 0 {
                let msg = format!("{name} must be >= 0, but got {n}");
                return NativeResult::Err(ctx.interp.exc("ValueError", msg));
            }
        }
    }
    let count = match &v[2] {
        Some(Value::Int(i)) => (*i).min(u16::MAX as i64) as u16,
        _ => 0,
    };
    let (this, global) = (v[0].clone().expect("self"), flag(&v[3]));
    attempt!(on_channel(ctx, &this, "basic_qos", |br, id| br.basic_qos(id, count, global)));
    NativeResult::Ok(Value::None)
}

fn basic_recover(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.basic_recover", &["self", "requeue"], 1, args, kw));
    let (this, requeue) = (v[0].clone().expect("self"), flag(&v[1]));
    attempt!(on_channel(ctx, &this, "basic_recover", |br, id| br.basic_recover(id, requeue)));
    NativeResult::Ok(Value::None)
}

/// pika's client-side consumer tag: `ctag<channel>.<uuid4 hex>`.
pub(super) fn new_consumer_tag(ctx: &mut Ctx, channel: u16) -> String {
    let (a, b) = (ctx.interp.rng.next_u64(), ctx.interp.rng.next_u64());
    let a = (a & !0xf000) | 0x4000;
    let b = (b & !(0xc000 << 48)) | (0x8000 << 48);
    format!("ctag{channel}.{a:016x}{b:016x}")
}

fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Bound(_) | Value::Native(_) | Value::Class(_) => true,
        Value::Instance(i) => i.class.lookup("__call__").is_some(),
        _ => false,
    }
}

fn basic_consume(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "queue", "on_message_callback", "auto_ack", "exclusive", "consumer_tag", "arguments"];
    let v = match bind(ctx, "BlockingChannel.basic_consume", params, 3, args, kw) {
        Ok(v) => v,
        Err(e) => return raised(ctx, "basic_consume", e),
    };
    if let Err(e) = require_string(ctx, &v[1], "queue") {
        return raised(ctx, "basic_consume", e);
    }
    let cb = v[2].clone().expect("callback");
    if !is_callable(&cb) {
        let r = attempt!(repr(ctx.interp, &cb).map_err(NativeResult::Err));
        let e = type_error(ctx, format!("callback on_message_callback must be callable, but got {r}"));
        return raised(ctx, "basic_consume", e);
    }
    let this = v[0].clone().expect("self");
    let auto_ack = flag(&v[3]);
    let tag = attempt!(start_consumer(ctx, &this, &v, Consumer::Callback { callback: cb, auto_ack }));
    NativeResult::Ok(Value::str(tag))
}

/// basic.consume for a callback or the `consume()` generator: the tag.
/// `v`: bound (self, queue, _, auto_ack, exclusive, consumer_tag, arguments).
pub(super) fn start_consumer(
    ctx: &mut Ctx,
    this: &Value,
    v: &[Option<Value>],
    consumer: Consumer,
) -> Result<String, NativeResult> {
    let number = match this.instance().and_then(|i| i.get("channel_number")) {
        Some(Value::Int(n)) => n as u16,
        _ => 1,
    };
    let tag = match text(&v[5]) {
        t if t.is_empty() => new_consumer_tag(ctx, number),
        t => t,
    };
    let (c, n) = handle(this);
    if ctx.host.amqp().is_some_and(|a| a.pika.conns[c].channels[n].has_consumer(&tag)) {
        return Err(NativeResult::Err(exceptions::new(ctx.interp, "DuplicateConsumerTag", vec![Value::str(&tag)])));
    }
    let arguments = super::spec::table(ctx.interp, v[6].as_ref().unwrap_or(&Value::None)).map_err(NativeResult::Err)?;
    let opts = ConsumeOptions {
        queue: text(&v[1]),
        consumer_tag: tag.clone(),
        no_ack: consumer.auto_ack(),
        exclusive: flag(&v[4]),
        arguments,
    };
    record(ctx, CallKind::Consume { queue: opts.queue.clone(), auto_ack: opts.no_ack });
    // Registered before the broker answers: deliveries may follow at once.
    if let Some(a) = ctx.host.amqp() {
        a.pika.conns[c].channels[n].consumers.push((tag.clone(), consumer));
    }
    match on_channel(ctx, this, "basic_consume", |br, id| br.basic_consume(id, opts)) {
        Ok(_) => Ok(tag),
        Err(e) => {
            if let Some(a) = ctx.host.amqp() {
                a.pika.conns[c].channels[n].consumers.retain(|(t, _)| *t != tag);
            }
            Err(e)
        }
    }
}

/// Cancels a consumer as pika does: undispatched deliveries of an
/// acking consumer are rejected (requeued); an auto-ack consumer's are
/// handed back.
pub(super) fn cancel_consumer(broker: &mut Broker, ch: &mut Chan, tag: &str, auto_ack: bool) -> Vec<Delivery> {
    let mut kept = std::collections::VecDeque::new();
    let mut mine = Vec::new();
    let sources = std::mem::take(&mut ch.pending).into_iter().chain(
        ch.generator.as_mut().filter(|g| g.tag == tag).map(|g| std::mem::take(&mut g.pending)).into_iter().flatten(),
    );
    for p in sources.collect::<Vec<_>>() {
        match p {
            Pending::Deliver(d) if d.tag == tag => mine.push(d),
            Pending::Cancelled(t) if t == tag => {}
            other => kept.push_back(other),
        }
    }
    ch.pending = kept;
    if !auto_ack {
        for d in &mine {
            let _ = broker.basic_reject(ch.id, d.delivery_tag, true);
        }
    }
    let _ = broker.basic_cancel(ch.id, tag);
    ch.consumers.retain(|(t, _)| t != tag);
    if ch.generator.as_ref().is_some_and(|g| g.tag == tag) {
        ch.generator = None;
    }
    if auto_ack {
        mine
    } else {
        Vec::new()
    }
}

fn basic_cancel(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.basic_cancel", &["self", "consumer_tag"], 2, args, kw));
    let (this, tag) = (v[0].clone().expect("self"), text(&v[1]));
    let (c, n) = handle(&this);
    let a = super::amqp!(ctx);
    let ch = &mut a.pika.conns[c].channels[n];
    let Some(auto_ack) = ch.consumers.iter().find(|(t, _)| *t == tag).map(|(_, k)| k.auto_ack()) else {
        return NativeResult::Ok(Value::list(vec![]));
    };
    if ch.closed {
        return exceptions::channel_is_closed(ctx.interp);
    }
    let handed_back = cancel_consumer(a.broker, ch, &tag, auto_ack);
    let items =
        handed_back.iter().map(|d| super::consuming::delivery_values(ctx.interp, d)).map(Value::tuple).collect();
    NativeResult::Ok(Value::list(items))
}
