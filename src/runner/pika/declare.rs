//! The exchange and queue methods of `BlockingChannel`, with pika 1.3's
//! signatures, validators and result frames (`Exchange.DeclareOk`,
//! `Queue.PurgeOk`, ...).

use crate::engine::queue_ops::QueueDeclare;
use crate::engine::ExchangeDeclare;
use crate::python::builtins::type_error;
use crate::python::repr::repr;
use crate::python::value::{Module, Value};
use crate::python::vm::{Ctx, NativeResult};
use crate::python::{bind_native, Sig};

use super::spec::{enum_value, frame, table};
use super::sync::on_channel;
use super::{attempt, flag, record, text, CallKind, Kw};

/// Adds the methods to `BlockingChannel`.
pub(super) fn install(internal: &Module) {
    super::add_methods(
        internal,
        "BlockingChannel",
        &[
            ("exchange_declare", exchange_declare),
            ("exchange_delete", exchange_delete),
            ("exchange_bind", exchange_bind),
            ("exchange_unbind", exchange_unbind),
            ("queue_declare", queue_declare),
            ("queue_bind", queue_bind),
            ("queue_unbind", queue_unbind),
            ("queue_purge", queue_purge),
            ("queue_delete", queue_delete),
        ],
    );
}

/// Binds a channel method's arguments (`self` first).
pub(super) fn bind(
    ctx: &mut Ctx,
    qualname: &str,
    params: &[&str],
    required: usize,
    args: Vec<Value>,
    kw: Kw,
) -> Result<Vec<Option<Value>>, NativeResult> {
    let sig = Sig { qualname, params, required };
    bind_native(ctx.interp, &sig, args, kw).map_err(NativeResult::Err)
}

/// pika's `validators.require_string`.
pub(super) fn require_string(ctx: &mut Ctx, v: &Option<Value>, name: &str) -> Result<(), NativeResult> {
    match v {
        Some(Value::Str(_)) => Ok(()),
        other => {
            let r = repr(ctx.interp, other.as_ref().unwrap_or(&Value::None)).map_err(NativeResult::Err)?;
            Err(type_error(ctx, format!("{name} must be a str or unicode str, but got {r}")))
        }
    }
}

fn arguments(ctx: &mut Ctx, v: &Option<Value>) -> Result<crate::engine::FieldTable, NativeResult> {
    table(ctx.interp, v.as_ref().unwrap_or(&Value::None)).map_err(NativeResult::Err)
}

fn number(this: &Value) -> u16 {
    match this.instance().and_then(|i| i.get("channel_number")) {
        Some(Value::Int(n)) => n as u16,
        _ => 1,
    }
}

fn ok_frame(ctx: &mut Ctx, this: &Value, method: &str, fields: &[(&str, Value)]) -> NativeResult {
    NativeResult::Ok(frame(ctx.interp, number(this), method, fields))
}

fn count(n: u64) -> Value {
    Value::Int(n as i64)
}

fn exchange_declare(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "exchange", "exchange_type", "passive", "durable", "auto_delete", "internal", "arguments"];
    let v = attempt!(bind(ctx, "BlockingChannel.exchange_declare", params, 2, args, kw));
    attempt!(require_string(ctx, &v[1], "exchange"));
    let kind = match v[2].clone().map(enum_value) {
        None => "direct".to_string(),
        Some(k) => text(&Some(k)),
    };
    let d = ExchangeDeclare {
        exchange: text(&v[1]),
        kind: kind.clone(),
        passive: flag(&v[3]),
        durable: flag(&v[4]),
        auto_delete: flag(&v[5]),
        internal: flag(&v[6]),
        arguments: attempt!(arguments(ctx, &v[7])),
    };
    record(ctx, CallKind::ExchangeDeclare { exchange: d.exchange.clone(), kind });
    let this = v[0].clone().expect("self");
    attempt!(on_channel(ctx, &this, "exchange_declare", |br, id| br.exchange_declare(id, d)));
    ok_frame(ctx, &this, "Exchange.DeclareOk", &[])
}

fn exchange_delete(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.exchange_delete", &["self", "exchange", "if_unused"], 1, args, kw));
    let (this, x, if_unused) = (v[0].clone().expect("self"), text(&v[1]), flag(&v[2]));
    attempt!(on_channel(ctx, &this, "exchange_delete", |br, id| br.exchange_delete(id, &x, if_unused)));
    ok_frame(ctx, &this, "Exchange.DeleteOk", &[])
}

fn exchange_binding(ctx: &mut Ctx, args: Vec<Value>, kw: Kw, bind_it: bool) -> NativeResult {
    let (qualname, required) =
        if bind_it { ("BlockingChannel.exchange_bind", 3) } else { ("BlockingChannel.exchange_unbind", 1) };
    let v = attempt!(bind(
        ctx,
        qualname,
        &["self", "destination", "source", "routing_key", "arguments"],
        required,
        args,
        kw
    ));
    if bind_it {
        attempt!(require_string(ctx, &v[1], "destination"));
        attempt!(require_string(ctx, &v[2], "source"));
    }
    let (dest, source, key) = (text(&v[1]), text(&v[2]), text(&v[3]));
    let args = attempt!(arguments(ctx, &v[4]));
    let this = v[0].clone().expect("self");
    let method = if bind_it { "exchange_bind" } else { "exchange_unbind" };
    attempt!(on_channel(ctx, &this, method, |br, id| if bind_it {
        br.exchange_bind(id, &dest, &source, &key, args)
    } else {
        br.exchange_unbind(id, &dest, &source, &key, args)
    }));
    ok_frame(ctx, &this, if bind_it { "Exchange.BindOk" } else { "Exchange.UnbindOk" }, &[])
}

fn exchange_bind(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    exchange_binding(ctx, args, kw, true)
}

fn exchange_unbind(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    exchange_binding(ctx, args, kw, false)
}

fn queue_declare(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "queue", "passive", "durable", "exclusive", "auto_delete", "arguments"];
    let v = match bind(ctx, "BlockingChannel.queue_declare", params, 2, args, kw) {
        Ok(v) => v,
        Err(e) => return raised(ctx, "queue_declare", e),
    };
    attempt!(require_string(ctx, &v[1], "queue"));
    let d = QueueDeclare {
        queue: text(&v[1]),
        passive: flag(&v[2]),
        durable: flag(&v[3]),
        exclusive: flag(&v[4]),
        auto_delete: flag(&v[5]),
        arguments: attempt!(arguments(ctx, &v[6])),
    };
    let (requested, durable, exclusive) = (d.queue.clone(), d.durable, d.exclusive);
    let this = v[0].clone().expect("self");
    let ok = attempt!(on_channel(ctx, &this, "queue_declare", |br, id| br.queue_declare(id, d)));
    record(ctx, CallKind::QueueDeclare { requested, queue: ok.queue.to_string(), durable, exclusive });
    let fields = [
        ("queue", Value::str(&*ok.queue)),
        ("message_count", count(ok.message_count)),
        ("consumer_count", count(ok.consumer_count)),
    ];
    ok_frame(ctx, &this, "Queue.DeclareOk", &fields)
}

/// Records a TypeError (or other error) a call raised before reaching
/// the broker, and raises it.
pub(super) fn raised(ctx: &mut Ctx, method: &str, e: NativeResult) -> NativeResult {
    if let NativeResult::Err(exc) = &e {
        let text = crate::python::repr::str_of(ctx.interp, exc).unwrap_or_default();
        let name = exc.instance().map(|i| i.class.name.clone()).unwrap_or_default();
        record(ctx, CallKind::Raised { method: method.to_string(), error: format!("{name}: {text}") });
    }
    e
}

fn queue_binding(ctx: &mut Ctx, args: Vec<Value>, kw: Kw, bind_it: bool) -> NativeResult {
    let (qualname, required) =
        if bind_it { ("BlockingChannel.queue_bind", 3) } else { ("BlockingChannel.queue_unbind", 2) };
    let v =
        attempt!(bind(ctx, qualname, &["self", "queue", "exchange", "routing_key", "arguments"], required, args, kw));
    attempt!(require_string(ctx, &v[1], "queue"));
    if bind_it {
        attempt!(require_string(ctx, &v[2], "exchange"));
    }
    let (q, x) = (text(&v[1]), text(&v[2]));
    let key_given = !matches!(v[3], None | Some(Value::None));
    let key = if key_given { text(&v[3]) } else { q.clone() };
    let args = attempt!(arguments(ctx, &v[4]));
    if bind_it {
        let exchange_kind = ctx.host.amqp().and_then(|a| a.broker.exchange(&x).map(|e| e.kind.as_str().to_string()));
        let (queue, exchange, routing_key) = (q.clone(), x.clone(), key.clone());
        record(ctx, CallKind::QueueBind { queue, exchange, routing_key, key_given, exchange_kind });
    }
    let this = v[0].clone().expect("self");
    let method = if bind_it { "queue_bind" } else { "queue_unbind" };
    attempt!(on_channel(ctx, &this, method, |br, id| if bind_it {
        br.queue_bind(id, &q, &x, &key, args)
    } else {
        br.queue_unbind(id, &q, &x, &key, args)
    }));
    ok_frame(ctx, &this, if bind_it { "Queue.BindOk" } else { "Queue.UnbindOk" }, &[])
}

fn queue_bind(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    queue_binding(ctx, args, kw, true)
}

fn queue_unbind(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    queue_binding(ctx, args, kw, false)
}

fn queue_purge(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.queue_purge", &["self", "queue"], 2, args, kw));
    attempt!(require_string(ctx, &v[1], "queue"));
    let (this, q) = (v[0].clone().expect("self"), text(&v[1]));
    let n = attempt!(on_channel(ctx, &this, "queue_purge", |br, id| br.queue_purge(id, &q)));
    ok_frame(ctx, &this, "Queue.PurgeOk", &[("message_count", count(n))])
}

fn queue_delete(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "queue", "if_unused", "if_empty"];
    let v = attempt!(bind(ctx, "BlockingChannel.queue_delete", params, 2, args, kw));
    attempt!(require_string(ctx, &v[1], "queue"));
    let (this, q, unused, empty) = (v[0].clone().expect("self"), text(&v[1]), flag(&v[2]), flag(&v[3]));
    let n = attempt!(on_channel(ctx, &this, "queue_delete", |br, id| br.queue_delete(id, &q, unused, empty)));
    ok_frame(ctx, &this, "Queue.DeleteOk", &[("message_count", count(n))])
}
