//! `pika.exceptions`: pika 1.3.2's exception classes with their reprs
//! (`str()` is Python's, from the args, as pika leaves it).

use std::rc::Rc;

use crate::engine::AmqpError;
use crate::python::builtins::class;
use crate::python::repr::repr;
use crate::python::value::{Class, Module, NativeFn, Value};
use crate::python::vm::{native, new_exception, Ctx, Interp, NativeResult};

use super::{cls, Kw};

/// How a class's repr reads (pika's `__repr__` overrides).
#[derive(Clone, Copy)]
enum Style {
    /// Inherited from the base.
    Inherit,
    Amqp,
    Connection,
    ProbableAuth,
    ProbableAccess,
    WrongConnState,
    Closed,
    Channel,
    DuplicateTag,
    Cancelled,
    Unroutable,
    NoFreeChannels,
    Unsupported,
}

/// (name, base, repr style), bases first.
const CLASSES: &[(&str, &str, Style)] = &[
    ("AMQPError", "Exception", Style::Amqp),
    ("AMQPConnectionError", "AMQPError", Style::Connection),
    ("ConnectionOpenAborted", "AMQPConnectionError", Style::Inherit),
    ("StreamLostError", "AMQPConnectionError", Style::Inherit),
    ("IncompatibleProtocolError", "AMQPConnectionError", Style::Inherit),
    ("AuthenticationError", "AMQPConnectionError", Style::Inherit),
    ("ProbableAuthenticationError", "AMQPConnectionError", Style::ProbableAuth),
    ("ProbableAccessDeniedError", "AMQPConnectionError", Style::ProbableAccess),
    ("NoFreeChannels", "AMQPConnectionError", Style::NoFreeChannels),
    ("ConnectionWrongStateError", "AMQPConnectionError", Style::WrongConnState),
    ("ConnectionClosed", "AMQPConnectionError", Style::Closed),
    ("ConnectionClosedByBroker", "ConnectionClosed", Style::Inherit),
    ("ConnectionClosedByClient", "ConnectionClosed", Style::Inherit),
    ("ConnectionBlockedTimeout", "AMQPConnectionError", Style::Inherit),
    ("AMQPHeartbeatTimeout", "AMQPConnectionError", Style::Inherit),
    ("AMQPChannelError", "AMQPError", Style::Channel),
    ("ChannelWrongStateError", "AMQPChannelError", Style::Inherit),
    ("ChannelClosed", "AMQPChannelError", Style::Closed),
    ("ChannelClosedByBroker", "ChannelClosed", Style::Inherit),
    ("ChannelClosedByClient", "ChannelClosed", Style::Inherit),
    ("DuplicateConsumerTag", "AMQPChannelError", Style::DuplicateTag),
    ("ConsumerCancelled", "AMQPChannelError", Style::Cancelled),
    ("UnroutableError", "AMQPChannelError", Style::Unroutable),
    ("NackError", "AMQPChannelError", Style::Unroutable),
    ("InvalidChannelNumber", "AMQPError", Style::Inherit),
    ("ProtocolSyntaxError", "AMQPError", Style::Inherit),
    ("UnsupportedAMQPFieldException", "ProtocolSyntaxError", Style::Unsupported),
    ("MethodNotImplemented", "AMQPError", Style::Inherit),
    ("ChannelError", "Exception", Style::Inherit),
    ("ReentrancyError", "Exception", Style::Inherit),
    ("ShortStringTooLong", "AMQPError", Style::Inherit),
    ("DuplicateGetOkCallback", "ChannelError", Style::Inherit),
];

/// Builds `pika.exceptions`; the classes also go to `internal`.
pub(super) fn module(interp: &Interp, internal: &Module) -> Rc<Module> {
    let exc = Module::new("pika.exceptions");
    for (name, base, style) in CLASSES {
        let base = match exc.get(base) {
            Some(Value::Class(c)) => c,
            _ => interp.exc_class(base),
        };
        let c = class(name, "pika.exceptions", vec![base]);
        if let Some(f) = repr_fn(*style) {
            c.dict.borrow_mut().insert(Rc::from("__repr__"), native("__repr__", f));
        }
        exc.set(name, Value::Class(c.clone()));
        internal.set(name, Value::Class(c));
    }
    exc
}

fn repr_fn(style: Style) -> Option<NativeFn> {
    Some(match style {
        Style::Inherit => return None,
        Style::Amqp => amqp_repr,
        Style::Connection => connection_repr,
        Style::ProbableAuth => probable_auth_repr,
        Style::ProbableAccess => probable_access_repr,
        Style::WrongConnState => wrong_state_repr,
        Style::Closed => closed_repr,
        Style::Channel => channel_repr,
        Style::DuplicateTag => duplicate_tag_repr,
        Style::Cancelled => cancelled_repr,
        Style::Unroutable => unroutable_repr,
        Style::NoFreeChannels => no_free_repr,
        Style::Unsupported => unsupported_repr,
    })
}

fn args_of(v: &Value) -> Vec<Value> {
    match v.instance().and_then(|i| i.get("args")) {
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => vec![],
    }
}

fn name_of(v: &Value) -> String {
    v.instance().map(|i| i.class.name.clone()).unwrap_or_default()
}

/// Python's `'%s' % (args,)` and `str(x)` pieces.
fn args_repr(ctx: &mut Ctx, v: &Value) -> Result<String, Value> {
    repr(ctx.interp, &Value::tuple(args_of(v)))
}

fn str_of(ctx: &mut Ctx, v: &Value) -> Result<String, Value> {
    crate::python::repr::str_of(ctx.interp, v)
}

fn done(r: Result<String, Value>) -> NativeResult {
    match r {
        Ok(s) => NativeResult::Ok(Value::str(s)),
        Err(e) => NativeResult::Err(e),
    }
}

fn amqp_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    done(args_repr(ctx, &a[0]).map(|t| format!("{}: An unspecified AMQP error has occurred; {t}", name_of(&a[0]))))
}

fn connection_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let args = args_of(&a[0]);
    done((|| {
        if args.len() == 2 {
            Ok(format!("{}: ({}) {}", name_of(&a[0]), str_of(ctx, &args[0])?, str_of(ctx, &args[1])?))
        } else {
            Ok(format!("{}: {}", name_of(&a[0]), args_repr(ctx, &a[0])?))
        }
    })())
}

fn probable_auth_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    done(args_repr(ctx, &a[0]).map(|t| {
        format!(
            "{}: Client was disconnected at a connection stage indicating a probable authentication error: {t}",
            name_of(&a[0])
        )
    }))
}

fn probable_access_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    done(args_repr(ctx, &a[0]).map(|t| {
        format!(
            "{}: Client was disconnected at a connection stage indicating a probable denial of access to the specified virtual host: {t}",
            name_of(&a[0])
        )
    }))
}

fn wrong_state_repr(ctx: &mut Ctx, a: Vec<Value>, kw: Kw) -> NativeResult {
    if args_of(&a[0]).is_empty() {
        let name = name_of(&a[0]);
        return NativeResult::Ok(Value::str(format!(
            "{name}: The connection is in wrong state for the requested operation."
        )));
    }
    connection_repr(ctx, a, kw)
}

fn closed_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let args = args_of(&a[0]);
    let (code, text) = (args.first().cloned().unwrap_or(Value::None), args.get(1).cloned().unwrap_or(Value::None));
    done((|| Ok(format!("{}: ({}) {}", name_of(&a[0]), str_of(ctx, &code)?, repr(ctx.interp, &text)?)))())
}

fn channel_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    done(args_repr(ctx, &a[0]).map(|t| format!("{}: {t}", name_of(&a[0]))))
}

fn duplicate_tag_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let first = args_of(&a[0]).first().cloned().unwrap_or(Value::None);
    done(
        str_of(ctx, &first)
            .map(|t| format!("{}: The consumer tag specified already exists for this channel: {t}", name_of(&a[0]))),
    )
}

fn cancelled_repr(_: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::str(format!("{}: Server cancelled consumer", name_of(&a[0]))))
}

fn no_free_repr(_: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::str(format!("{}: The connection has run out of free channels", name_of(&a[0]))))
}

fn unsupported_repr(_: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let kind = args_of(&a[0]).get(1).map(|v| v.type_name()).unwrap_or_else(|| "NoneType".into());
    NativeResult::Ok(Value::str(format!("{}: Unsupported field kind <class '{kind}'>", name_of(&a[0]))))
}

fn unroutable_repr(_: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let n = match a[0].instance().and_then(|i| i.get("messages")) {
        Some(Value::List(l)) => l.borrow().len(),
        _ => 0,
    };
    NativeResult::Ok(Value::str(format!("{}: {n} unroutable messages returned by broker", name_of(&a[0]))))
}

/// A new pika exception of class `name` with these args.
pub(super) fn new(interp: &Interp, name: &str, args: Vec<Value>) -> Value {
    new_exception(&cls(interp, name), args)
}

/// `ChannelClosedByBroker(code, text)` / `ConnectionClosedByBroker(...)`,
/// with `reply_code` and `reply_text`.
pub(super) fn closed_by_broker(interp: &Interp, e: &AmqpError) -> Value {
    let name = if e.closes_connection() { "ConnectionClosedByBroker" } else { "ChannelClosedByBroker" };
    closed(&cls(interp, name), e.code.code() as i64, &e.text)
}

/// A `*Closed*` exception with its reply code and text.
pub(super) fn closed(c: &Rc<Class>, code: i64, text: &str) -> Value {
    let v = new_exception(c, vec![Value::Int(code), Value::str(text)]);
    if let Some(i) = v.instance() {
        i.set("reply_code", Value::Int(code));
        i.set("reply_text", Value::str(text));
    }
    v
}

/// `ChannelWrongStateError('Channel is closed.')`.
pub(super) fn channel_is_closed(interp: &Interp) -> NativeResult {
    NativeResult::Err(new(interp, "ChannelWrongStateError", vec![Value::str("Channel is closed.")]))
}

/// `UnroutableError` / `NackError` for `n` returned messages.
pub(super) fn returned(interp: &Interp, nack: bool, messages: Vec<Value>) -> Value {
    let n = messages.len();
    let (name, text) = if nack {
        ("NackError", format!("{n} message(s) NACKed"))
    } else {
        ("UnroutableError", format!("{n} unroutable message(s) returned"))
    };
    let v = new(interp, name, vec![Value::str(text)]);
    if let Some(i) = v.instance() {
        i.set("messages", Value::list(messages));
    }
    v
}
