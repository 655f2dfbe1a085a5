//! Where pika dispatches consumer callbacks: `start_consuming`,
//! `process_data_events(time_limit)`, `connection.sleep` and the
//! `consume()` generator (with `inactivity_timeout`), on the virtual clock.

use std::cell::RefCell;
use std::rc::Rc;

use crate::python::value::{Iter, Module, Native, Value};
use crate::python::vm::{state_of, Ctx, Interp, NativeResult, Wait};

use super::basic::{cancel_consumer, start_consumer};
use super::declare::bind;
use super::spec::{content, object};
use super::sync::see_closes;
use super::{
    amqp, attempt, exceptions, flag, handle, kw_get, record, text, CallKind, Consumer, Delivery, GeneratorInfo, Kw,
    Pending,
};

/// Adds the methods to `BlockingChannel` and `BlockingConnection`.
pub(super) fn install(internal: &Module) {
    super::add_methods(
        internal,
        "BlockingChannel",
        &[
            ("start_consuming", start_consuming),
            ("stop_consuming", stop_consuming),
            ("consume", consume),
            ("cancel", cancel),
            ("get_waiting_message_count", waiting_count),
        ],
    );
    super::add_methods(
        internal,
        "BlockingConnection",
        &[("process_data_events", process_data_events), ("sleep", conn_sleep)],
    );
}

/// (method, properties, body) of a delivery.
pub(super) fn delivery_values(interp: &Interp, d: &Delivery) -> Vec<Value> {
    let method = object(
        interp,
        "Basic.Deliver",
        &[
            ("consumer_tag", Value::str(&d.tag)),
            ("delivery_tag", Value::Int(d.delivery_tag as i64)),
            ("redelivered", Value::Bool(d.redelivered)),
            ("exchange", Value::str(&*d.message.exchange)),
            ("routing_key", Value::str(&d.message.routing_key)),
        ],
    );
    let (props, body) = content(interp, &d.message);
    vec![method, props, body]
}

/// The next consumer callback to run on connection `c`, if any.
fn dispatch_one(ctx: &mut Ctx, c: usize) -> Option<NativeResult> {
    let found = {
        let a = ctx.host.amqp()?;
        let conn = &mut a.pika.conns[c];
        let mut found = None;
        'channels: for ch in conn.channels.iter_mut() {
            while let Some(p) = ch.pending.pop_front() {
                match p {
                    Pending::Cancelled(tag) => ch.consumers.retain(|(t, _)| *t != tag),
                    Pending::Deliver(d) => {
                        let cb = ch.consumers.iter().find(|(t, _)| *t == d.tag).map(|(_, k)| k.clone());
                        if let Some(Consumer::Callback { callback, .. }) = cb {
                            found = Some((callback, Value::Instance(ch.value.clone()), d));
                            break 'channels;
                        }
                    }
                }
            }
        }
        found
    };
    let (callback, channel, d) = found?;
    if let Some(a) = ctx.host.amqp() {
        a.pika.dispatched += 1;
    }
    let mut args = vec![channel];
    args.extend(delivery_values(ctx.interp, &d));
    Some(NativeResult::CallThen(callback, args))
}

/// Pika's I/O ran: closes of the connection's channels are seen.
fn seen(ctx: &mut Ctx, c: usize) {
    if let Some(a) = ctx.host.amqp() {
        see_closes(&mut a.pika.conns[c]);
    }
}

/// Raises the broker's close of this channel, if it happened.
fn raise_if_closed_by_broker(ctx: &mut Ctx, this: &Value) -> Result<(), NativeResult> {
    let (c, n) = handle(this);
    let Some(a) = ctx.host.amqp() else { return Ok(()) };
    let ch = &mut a.pika.conns[c].channels[n];
    match ch.broker_close.take() {
        Some(e) => {
            ch.mark_closed();
            Err(NativeResult::Err(exceptions::closed_by_broker(ctx.interp, &e)))
        }
        None => Ok(()),
    }
}

struct Consuming;

fn start_consuming(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let this = args[0].clone();
    let (c, n) = handle(&this);
    if state_of::<Consuming>(&mut ctx.state).is_none() {
        let a = amqp!(ctx);
        let ch = &a.pika.conns[c].channels[n];
        if ch.closed {
            return exceptions::channel_is_closed(ctx.interp);
        }
        let consumers = ch.consumers.len();
        record(ctx, CallKind::StartConsuming { consumers });
        ctx.state = Some(Box::new(Consuming));
    }
    attempt!(raise_if_closed_by_broker(ctx, &this));
    if let Some(r) = dispatch_one(ctx, c) {
        return r;
    }
    seen(ctx, c);
    let a = amqp!(ctx);
    a.pika.generator_wait = false;
    if a.pika.conns[c].channels[n].consumers.is_empty() {
        return NativeResult::Ok(Value::None);
    }
    NativeResult::Block(Wait { until: None, on_activity: true })
}

fn stop_consuming(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let v = attempt!(bind(ctx, "BlockingChannel.stop_consuming", &["self", "consumer_tag"], 1, args, kw));
    let (c, n) = handle(v[0].as_ref().expect("self"));
    let only = text(&v[1]);
    let a = amqp!(ctx);
    let ch = &mut a.pika.conns[c].channels[n];
    let tags: Vec<(String, bool)> = ch
        .consumers
        .iter()
        .filter(|(t, _)| only.is_empty() || *t == only)
        .map(|(t, k)| (t.clone(), k.auto_ack()))
        .collect();
    for (tag, auto_ack) in tags {
        cancel_consumer(a.broker, ch, &tag, auto_ack);
    }
    NativeResult::Ok(Value::None)
}

/// Until when a `process_data_events` / `sleep` runs.
struct Deadline {
    until: Option<u64>,
    dispatched: bool,
}

fn deadline(ctx: &mut Ctx, limit: &Value) -> Result<Option<u64>, NativeResult> {
    match limit {
        Value::None => Ok(None),
        v => {
            let ms = crate::python::modules::seconds_to_ms(ctx, v).map_err(NativeResult::Err)?;
            Ok(Some(ctx.host.now().saturating_add(ms)))
        }
    }
}

fn process_data_events(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let (c, _) = handle(&args[0]);
    if state_of::<Deadline>(&mut ctx.state).is_none() {
        let limit = args.get(1).cloned().or_else(|| kw_get(&kw, "time_limit")).unwrap_or(Value::Int(0));
        let until = attempt!(deadline(ctx, &limit));
        ctx.state = Some(Box::new(Deadline { until, dispatched: false }));
    }
    let now = ctx.host.now();
    let pending = ctx.host.amqp().is_some_and(|a| a.pika.conns[c].channels.iter().any(|ch| !ch.pending.is_empty()));
    let Some(state) = state_of::<Deadline>(&mut ctx.state) else { return NativeResult::Ok(Value::None) };
    let (until, dispatched) = (state.until, state.dispatched);
    if pending || dispatched {
        state.dispatched = true;
        if let Some(r) = dispatch_one(ctx, c) {
            return r;
        }
        seen(ctx, c);
        return NativeResult::Ok(Value::None);
    }
    let closes = ctx.host.amqp().is_some_and(|a| a.pika.conns[c].channels.iter().any(|ch| ch.broker_close.is_some()));
    if closes || until.is_some_and(|u| now >= u) {
        seen(ctx, c);
        return NativeResult::Ok(Value::None);
    }
    if let Some(a) = ctx.host.amqp() {
        a.pika.generator_wait = false;
    }
    NativeResult::Block(Wait { until, on_activity: true })
}

fn conn_sleep(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let (c, _) = handle(&args[0]);
    if state_of::<Deadline>(&mut ctx.state).is_none() {
        let duration = args.get(1).cloned().or_else(|| kw_get(&kw, "duration")).unwrap_or(Value::None);
        if matches!(duration, Value::Int(i) if i < 0) || matches!(duration, Value::Float(f) if f < 0.0) {
            let e = crate::python::vm::new_exception(&ctx.interp.exc_class("AssertionError"), vec![duration]);
            return NativeResult::Err(e);
        }
        let until = attempt!(deadline(ctx, &duration));
        ctx.state = Some(Box::new(Deadline { until, dispatched: false }));
    }
    if let Some(r) = dispatch_one(ctx, c) {
        return r;
    }
    seen(ctx, c);
    let until = state_of::<Deadline>(&mut ctx.state).and_then(|d| d.until);
    if until.is_none_or(|u| ctx.host.now() >= u) {
        return NativeResult::Ok(Value::None);
    }
    if let Some(a) = ctx.host.amqp() {
        a.pika.generator_wait = false;
    }
    NativeResult::Block(Wait { until, on_activity: true })
}

/// `channel.consume(...)`: a generator; the consumer starts at its first
/// `next`, as pika's generator function does.
fn consume(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = &["self", "queue", "auto_ack", "exclusive", "arguments", "inactivity_timeout"];
    let v = attempt!(bind(ctx, "BlockingChannel.consume", params, 2, args, kw));
    let cell: Vec<Value> = v.into_iter().map(|x| x.unwrap_or(Value::None)).chain([Value::Bool(false)]).collect();
    let bound = Value::list(cell);
    let next = Value::Native(Rc::new(Native { name: "consume".into(), f: consume_next, bound: Some(bound) }));
    NativeResult::Ok(Value::Iter(Rc::new(RefCell::new(Iter::Native(next)))))
}

struct InactiveUntil(u64);

/// The generator's next item: `((method, properties, body),)`, or None
/// when it ends.
fn consume_next(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Value::List(cell) = &args[0] else { return NativeResult::Ok(Value::None) };
    let v: Vec<Value> = cell.borrow().clone();
    let this = v[0].clone();
    let (c, n) = handle(&this);
    if !flag(&Some(v[6].clone())) {
        attempt!(begin_generator(ctx, &v));
        cell.borrow_mut()[6] = Value::Bool(true);
    }
    attempt!(raise_if_closed_by_broker(ctx, &this));
    if let Some(r) = dispatch_one(ctx, c) {
        return r;
    }
    let next = {
        let a = amqp!(ctx);
        let ch = &mut a.pika.conns[c].channels[n];
        match ch.generator.as_mut() {
            None => return NativeResult::Ok(Value::None),
            Some(g) => g.pending.pop_front(),
        }
    };
    match next {
        Some(Pending::Deliver(d)) => {
            if let Some(a) = ctx.host.amqp() {
                a.pika.dispatched += 1;
            }
            let item = Value::tuple(delivery_values(ctx.interp, &d));
            return NativeResult::Ok(Value::tuple(vec![item]));
        }
        Some(Pending::Cancelled(_)) => {
            let a = amqp!(ctx);
            let ch = &mut a.pika.conns[c].channels[n];
            ch.generator = None;
            return NativeResult::Ok(Value::None);
        }
        None => {}
    }
    wait_for_generator(ctx, &v[5])
}

fn wait_for_generator(ctx: &mut Ctx, timeout: &Value) -> NativeResult {
    let now = ctx.host.now();
    let until = match (timeout, state_of::<InactiveUntil>(&mut ctx.state)) {
        (Value::None, _) => None,
        (_, Some(InactiveUntil(t))) => Some(*t),
        (t, None) => {
            let t = attempt!(deadline(ctx, t)).unwrap_or(u64::MAX);
            ctx.state = Some(Box::new(InactiveUntil(t)));
            Some(t)
        }
    };
    if until.is_some_and(|u| now >= u) {
        let empty = Value::tuple(vec![Value::None, Value::None, Value::None]);
        return NativeResult::Ok(Value::tuple(vec![empty]));
    }
    if let Some(a) = ctx.host.amqp() {
        a.pika.generator_wait = true;
    }
    NativeResult::Block(Wait { until, on_activity: true })
}

/// Creates the channel's queue consumer generator (or checks that the
/// existing one has the same parameters).
fn begin_generator(ctx: &mut Ctx, v: &[Value]) -> Result<(), NativeResult> {
    let this = &v[0];
    let (c, n) = handle(this);
    let params = (text(&Some(v[1].clone())), flag(&Some(v[2].clone())), flag(&Some(v[3].clone())));
    let existing = {
        let Some(a) = ctx.host.amqp() else { return Ok(()) };
        let ch = &a.pika.conns[c].channels[n];
        if ch.closed {
            return Err(exceptions::channel_is_closed(ctx.interp));
        }
        ch.generator.as_ref().map(|g| g.params.clone())
    };
    if let Some(old) = existing {
        if old == params {
            return Ok(());
        }
        let py = |p: &(String, bool, bool)| format!("('{}', {}, {})", p.0, py_bool(p.1), py_bool(p.2));
        let msg = format!(
            "Consume with different params not allowed on existing queue consumer generator; previous params: {}; new params: {}",
            py(&old),
            py(&params)
        );
        return Err(NativeResult::Err(ctx.interp.exc("ValueError", msg)));
    }
    let number = match this.instance().and_then(|i| i.get("channel_number")) {
        Some(Value::Int(k)) => k as u16,
        _ => 1,
    };
    let tag = super::basic::new_consumer_tag(ctx, number);
    if let Some(a) = ctx.host.amqp() {
        let g = GeneratorInfo { params: params.clone(), tag: tag.clone(), pending: Default::default() };
        a.pika.conns[c].channels[n].generator = Some(g);
    }
    let bound = [
        Some(this.clone()),
        Some(v[1].clone()),
        None,
        None,
        Some(v[3].clone()),
        Some(Value::str(&tag)),
        Some(v[4].clone()),
    ];
    match start_consumer(ctx, this, &bound, Consumer::Generator { auto_ack: params.1 }) {
        Ok(_) => Ok(()),
        Err(e) => {
            if let Some(a) = ctx.host.amqp() {
                a.pika.conns[c].channels[n].generator = None;
            }
            Err(e)
        }
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `channel.cancel()`: ends the `consume()` generator's consumer.
fn cancel(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (c, n) = handle(&args[0]);
    let a = amqp!(ctx);
    let ch = &mut a.pika.conns[c].channels[n];
    if let Some(g) = ch.generator.as_ref() {
        let (tag, auto_ack) = (g.tag.clone(), g.params.1);
        cancel_consumer(a.broker, ch, &tag, auto_ack);
        ch.generator = None;
    }
    NativeResult::Ok(Value::Int(0))
}

fn waiting_count(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (c, n) = handle(&args[0]);
    let a = amqp!(ctx);
    let ch = &a.pika.conns[c].channels[n];
    let count = ch.generator.as_ref().map(|g| g.pending.iter().filter(|p| matches!(p, Pending::Deliver(_))).count());
    NativeResult::Ok(Value::Int(count.unwrap_or(0) as i64))
}
