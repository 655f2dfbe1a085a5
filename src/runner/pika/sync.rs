//! When pika sees what the broker did to a channel: a synchronous method
//! (a round trip) raises the broker's close of its own channel and takes
//! note of the closes of the connection's other channels; an asynchronous
//! one (publish, ack) only sends, and its error closes the channel for the
//! next call to find.

use crate::engine::{AmqpError, Broker, ChannelId};
use crate::python::vm::{Ctx, NativeResult};

use super::{exceptions, handle, Call, CallKind, Conn};
use crate::python::value::Value;

/// Runs a synchronous channel method.
pub(super) fn on_channel<T>(
    ctx: &mut Ctx,
    this: &Value,
    method: &str,
    f: impl FnOnce(&mut Broker, ChannelId) -> Result<T, AmqpError>,
) -> Result<T, NativeResult> {
    let (c, n) = handle(this);
    let line = ctx.interp.line();
    let Some(a) = ctx.host.amqp() else { return Err(NativeResult::Err(ctx.interp.exc("RuntimeError", "no broker"))) };
    let conn = &mut a.pika.conns[c];
    let ch = &mut conn.channels[n];
    if ch.closed {
        return Err(exceptions::channel_is_closed(ctx.interp));
    }
    let failed = match ch.broker_close.take() {
        Some(e) => Err(e),
        None => f(a.broker, ch.id),
    };
    match failed {
        Ok(v) => {
            see_closes(conn);
            Ok(v)
        }
        Err(e) => {
            conn.channels[n].mark_closed();
            if e.closes_connection() {
                close_conn(conn);
            }
            let text = format!("({}, {:?})", e.code.code(), e.text);
            a.pika.calls.push(Call { line, kind: CallKind::Raised { method: method.to_string(), error: text } });
            Err(NativeResult::Err(exceptions::closed_by_broker(ctx.interp, &e)))
        }
    }
}

/// Runs an asynchronous channel method: a close pika has not seen yet is
/// raised (the send reads it), an error of this call closes the channel.
pub(super) fn send_on_channel<T>(
    ctx: &mut Ctx,
    this: &Value,
    f: impl FnOnce(&mut Broker, ChannelId) -> Result<T, AmqpError>,
) -> Result<Option<T>, NativeResult> {
    let (c, n) = handle(this);
    let Some(a) = ctx.host.amqp() else { return Err(NativeResult::Err(ctx.interp.exc("RuntimeError", "no broker"))) };
    let ch = &mut a.pika.conns[c].channels[n];
    if ch.closed {
        return Err(exceptions::channel_is_closed(ctx.interp));
    }
    if let Some(e) = ch.broker_close.take() {
        ch.mark_closed();
        return Err(NativeResult::Err(exceptions::closed_by_broker(ctx.interp, &e)));
    }
    match f(a.broker, ch.id) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            ch.broker_close = Some(e);
            Ok(None)
        }
    }
}

/// I/O on a connection: pika takes in the closes of its channels.
pub(super) fn see_closes(conn: &mut Conn) {
    for ch in conn.channels.iter_mut() {
        if ch.broker_close.take().is_some() {
            ch.mark_closed();
        }
    }
}

/// The broker closed the whole connection.
fn close_conn(conn: &mut Conn) {
    conn.open = false;
    for ch in conn.channels.iter_mut() {
        ch.mark_closed();
    }
    conn.value.set("is_open", Value::Bool(false));
    conn.value.set("is_closed", Value::Bool(true));
}
