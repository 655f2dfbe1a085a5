//! Connection parameters (`ConnectionParameters`, `URLParameters`),
//! `PlainCredentials` and `BlockingConnection`: logging in (users and
//! passwords), channels, closing, `with` blocks.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::python::builtins::{class, tri, type_error};
use crate::python::value::{Instance, Module, Payload, Value};
use crate::python::vm::{native, Ctx, NativeResult};
use crate::python::{bind_native, Sig};

use super::{amqp, attempt, cls, exceptions, handle, record, text, CallKind, Chan, Conn, Kw};

/// Adds the connection classes to `pika` and the internal module.
pub(super) fn install(m: &Module, internal: &Module) {
    m.set("BlockingConnection", native("BlockingConnection", blocking_connection));
    m.set("ConnectionParameters", native("ConnectionParameters", connection_parameters));
    m.set("URLParameters", native("URLParameters", url_parameters));
    m.set("PlainCredentials", native("PlainCredentials", plain_credentials));
    let credentials = Module::new("pika.credentials");
    credentials.set("PlainCredentials", native("PlainCredentials", plain_credentials));
    m.set("credentials", Value::Module(credentials));
    let params = class("ConnectionParameters", "pika.connection", vec![]);
    params.dict.borrow_mut().insert(Rc::from("__repr__"), native("__repr__", parameters_repr));
    internal.set("ConnectionParameters", Value::Class(params.clone()));
    internal.set("URLParameters", Value::Class(class("URLParameters", "pika.connection", vec![params])));
    internal.set("PlainCredentials", Value::Class(class("PlainCredentials", "pika.credentials", vec![])));
    let conn = class("BlockingConnection", "pika.adapters.blocking_connection", vec![]);
    internal.set("BlockingConnection", Value::Class(conn));
    let chan = class("BlockingChannel", "pika.adapters.blocking_connection", vec![]);
    internal.set("BlockingChannel", Value::Class(chan));
    super::add_methods(
        internal,
        "BlockingConnection",
        &[("channel", conn_channel), ("close", conn_close), ("__enter__", enter), ("__exit__", conn_exit)],
    );
    super::add_methods(
        internal,
        "BlockingChannel",
        &[("close", chan_close), ("__enter__", enter), ("__exit__", chan_exit)],
    );
}

const PARAMS: &[&str] = &[
    "self",
    "host",
    "port",
    "virtual_host",
    "credentials",
    "channel_max",
    "frame_max",
    "heartbeat",
    "ssl_options",
    "connection_attempts",
    "retry_delay",
    "socket_timeout",
    "stack_timeout",
    "locale",
    "blocked_connection_timeout",
    "client_properties",
    "tcp_options",
];

fn parameters(ctx: &mut Ctx, class_name: &str, host: Value, port: Value, vhost: Value, creds: Value) -> Value {
    let i = Instance::new(cls(ctx.interp, class_name));
    let creds = match creds {
        Value::None => credentials(ctx, Value::str("guest"), Value::str("guest")),
        c => c,
    };
    i.set("host", host);
    i.set("port", port);
    i.set("virtual_host", vhost);
    i.set("credentials", creds);
    i.set("ssl_options", Value::None);
    Value::Instance(i)
}

fn connection_parameters(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig { qualname: "ConnectionParameters.__init__", params: PARAMS, required: 1 };
    let mut all = vec![Value::None];
    all.extend(args);
    let b = tri!(bind_native(ctx.interp, &sig, all, kw));
    let get = |i: usize, default: Value| b[i].clone().unwrap_or(default);
    let p = parameters(
        ctx,
        "ConnectionParameters",
        get(1, Value::str("localhost")),
        get(2, Value::Int(5672)),
        get(3, Value::str("/")),
        get(4, Value::None),
    );
    NativeResult::Ok(p)
}

/// `amqp://user:pass@host:port/vhost` as pika reads it.
fn url_parameters(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let url = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return type_error(ctx, "URLParameters() needs a URL string"),
    };
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url.as_str()));
    if !matches!(scheme.to_ascii_lowercase().as_str(), "amqp" | "amqps" | "") {
        let msg = format!(
            "Unexpected URL scheme '{}'; supported scheme values: amqp, amqps",
            scheme.replacen("amqp", "http", 1)
        );
        return NativeResult::Err(ctx.interp.exc("ValueError", msg));
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = rest.split_once('/').map(|(a, p)| (a, Some(p))).unwrap_or((rest, None));
    let (userinfo, hostport) = authority.rsplit_once('@').map(|(u, h)| (Some(u), h)).unwrap_or((None, authority));
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => match p.parse::<i64>() {
            Ok(p) => (h, p),
            Err(_) => {
                return NativeResult::Err(
                    ctx.interp.exc("ValueError", format!("Port could not be cast to integer value as '{p}'")),
                )
            }
        },
        None => (hostport, if scheme == "amqps" { 5671 } else { 5672 }),
    };
    let host = if host.is_empty() { "localhost".to_string() } else { host.to_ascii_lowercase() };
    let vhost = match path {
        Some(p) if !p.is_empty() => unquote(p.split('/').next().unwrap_or("")),
        _ => "/".to_string(),
    };
    let creds = match userinfo {
        Some(u) => {
            let (user, pass) = u.split_once(':').unwrap_or((u, ""));
            credentials(ctx, Value::str(unquote(user)), Value::str(unquote(pass)))
        }
        None => Value::None,
    };
    NativeResult::Ok(parameters(ctx, "URLParameters", Value::str(host), Value::Int(port), Value::str(vhost), creds))
}

/// `%xx` escapes decoded (`%2F` → `/`).
fn unquote(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

fn parameters_repr(ctx: &mut Ctx, a: Vec<Value>, _: Kw) -> NativeResult {
    let Some(i) = a[0].instance() else { return NativeResult::Ok(Value::str("")) };
    let get = |ctx: &mut Ctx, n: &str| crate::python::repr::str_of(ctx.interp, &i.get(n).unwrap_or(Value::None));
    let (host, port, vhost) = (tri!(get(ctx, "host")), tri!(get(ctx, "port")), tri!(get(ctx, "virtual_host")));
    NativeResult::Ok(Value::str(format!("<{} host={host} port={port} virtual_host={vhost} ssl=False>", i.class.name)))
}

fn credentials(ctx: &mut Ctx, user: Value, pass: Value) -> Value {
    let i = Instance::new(cls(ctx.interp, "PlainCredentials"));
    i.set("username", user);
    i.set("password", pass);
    i.set("erase_on_connect", Value::Bool(false));
    Value::Instance(i)
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
    let (user, pass) = (b[1].clone().unwrap_or(Value::None), b[2].clone().unwrap_or(Value::None));
    NativeResult::Ok(credentials(ctx, user, pass))
}

/// The user, password and virtual host a parameters object names.
fn login_of(params: &Value) -> (String, String, String) {
    let field = |v: Option<Value>, n: &str| text(&v.and_then(|c| c.instance().and_then(|c| c.get(n))));
    let p = match params {
        Value::List(l) => l.borrow().first().cloned(),
        Value::Tuple(t) => t.first().cloned(),
        other => Some(other.clone()),
    };
    let creds = p.as_ref().and_then(|p| p.instance().and_then(|i| i.get("credentials")));
    let (user, pass) = match creds {
        Some(c @ Value::Instance(_)) => (field(Some(c.clone()), "username"), field(Some(c), "password")),
        _ => ("guest".into(), "guest".into()),
    };
    let vhost = match p.as_ref().and_then(|p| p.instance().and_then(|i| i.get("virtual_host"))) {
        Some(Value::Str(s)) => s.to_string(),
        _ => "/".into(),
    };
    (user, pass, vhost)
}

const REFUSED: &str = "ConnectionClosedByBroker: (403) 'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.'";

fn blocking_connection(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let params = args.first().cloned().or_else(|| super::kw_get(&kw, "parameters")).unwrap_or(Value::None);
    let (user, pass, vhost) = login_of(&params);
    let refused = {
        let a = amqp!(ctx);
        a.users.get(&user).is_some_and(|p| *p != pass)
    };
    if refused {
        record(ctx, CallKind::LoginRefused { user });
        return NativeResult::Err(exceptions::new(
            ctx.interp,
            "ProbableAuthenticationError",
            vec![Value::str(REFUSED)],
        ));
    }
    if vhost != "/" {
        let text = format!("ConnectionClosedByBroker: (530) \"NOT_ALLOWED - vhost {vhost} not found\"");
        return NativeResult::Err(exceptions::new(ctx.interp, "ProbableAccessDeniedError", vec![Value::str(text)]));
    }
    let new_user = {
        let a = amqp!(ctx);
        let new = !a.users.contains_key(&user);
        if new {
            a.users.insert(user.clone(), pass.clone());
        }
        new
    };
    record(ctx, CallKind::Connect { user: user.clone(), new_user, password: pass });
    let inst = Instance::new(cls(ctx.interp, "BlockingConnection"));
    inst.set("is_open", Value::Bool(true));
    inst.set("is_closed", Value::Bool(false));
    let a = amqp!(ctx);
    let id = a.broker.open_connection(format!("{user} (pika)"));
    let n = a.pika.conns.len();
    *inst.payload.borrow_mut() = Payload::Handle((n as u64) << 16);
    a.pika.conns.push(Conn { id, value: inst.clone(), channels: Vec::new(), open: true });
    NativeResult::Ok(Value::Instance(inst))
}

fn conn_channel(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let (c, _) = handle(&args[0]);
    let wanted = match args.get(1).cloned().or_else(|| super::kw_get(&kw, "channel_number")) {
        Some(Value::Int(n)) => Some(n as u16),
        _ => None,
    };
    let inst = Instance::new(cls(ctx.interp, "BlockingChannel"));
    let interp_conn_closed = exceptions::new(ctx.interp, "ConnectionWrongStateError", vec![]);
    let a = amqp!(ctx);
    let conn = &mut a.pika.conns[c];
    if !conn.open {
        return NativeResult::Err(interp_conn_closed);
    }
    let id = match a.broker.open_channel(conn.id) {
        Ok(id) => id,
        Err(e) => {
            let code = e.code.code() as i64;
            return NativeResult::Err(exceptions::closed(&cls(ctx.interp, "ConnectionClosedByBroker"), code, &e.text));
        }
    };
    let number = wanted.unwrap_or(conn.channels.iter().map(|ch| ch.number).max().unwrap_or(0) + 1);
    let index = conn.channels.len();
    *inst.payload.borrow_mut() = Payload::Handle(((c as u64) << 16) | index as u64);
    inst.set("channel_number", Value::Int(number as i64));
    inst.set("connection", args[0].clone());
    inst.set("is_open", Value::Bool(true));
    inst.set("is_closed", Value::Bool(false));
    conn.channels.push(Chan {
        id,
        number,
        value: inst.clone(),
        consumers: Vec::new(),
        pending: VecDeque::new(),
        generator: None,
        broker_close: None,
        closed: false,
        confirms: false,
    });
    NativeResult::Ok(Value::Instance(inst))
}

fn conn_close(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let (c, _) = handle(&args[0]);
    let code = args.get(1).cloned().or_else(|| super::kw_get(&kw, "reply_code")).unwrap_or(Value::Int(200));
    let reason =
        args.get(2).cloned().or_else(|| super::kw_get(&kw, "reply_text")).unwrap_or(Value::str("Normal shutdown"));
    let open = amqp!(ctx).pika.conns[c].open;
    if !open {
        let code = tri!(crate::python::repr::str_of(ctx.interp, &code));
        let reason = tri!(crate::python::repr::repr(ctx.interp, &reason));
        let msg = format!("BlockingConnection.close({code}, {reason}) called on closed connection.");
        return NativeResult::Err(exceptions::new(ctx.interp, "ConnectionWrongStateError", vec![Value::str(msg)]));
    }
    record(ctx, CallKind::Close);
    let a = amqp!(ctx);
    let conn = &mut a.pika.conns[c];
    for ch in conn.channels.iter_mut() {
        ch.consumers.clear();
        ch.generator = None;
        ch.pending.clear();
        ch.mark_closed();
    }
    a.broker.close_connection(conn.id);
    conn.open = false;
    conn.value.set("is_open", Value::Bool(false));
    conn.value.set("is_closed", Value::Bool(true));
    NativeResult::Ok(Value::None)
}

/// `channel.close()`: cancels its consumers and closes it; a close by the
/// broker that pika had not seen yet is raised here.
fn chan_close(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let (c, n) = handle(&args[0]);
    let interp = &*ctx.interp;
    let closed_err = super::exceptions::channel_is_closed(interp);
    let a = amqp!(ctx);
    let ch = &mut a.pika.conns[c].channels[n];
    if ch.closed {
        return closed_err;
    }
    let tags: Vec<(String, bool)> = ch.consumers.iter().map(|(t, k)| (t.clone(), k.auto_ack())).collect();
    let id = ch.id;
    for (tag, auto_ack) in tags {
        super::basic::cancel_consumer(a.broker, ch, &tag, auto_ack);
    }
    let pending = ch.broker_close.take();
    ch.mark_closed();
    a.broker.close_channel(id);
    match pending {
        Some(e) => NativeResult::Err(exceptions::closed_by_broker(ctx.interp, &e)),
        None => NativeResult::Ok(Value::None),
    }
}

fn enter(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(args[0].clone())
}

fn is_open(v: &Value) -> bool {
    matches!(v.instance().and_then(|i| i.get("is_open")), Some(Value::Bool(true)))
}

fn conn_exit(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    if is_open(&args[0]) {
        attempt!(match conn_close(ctx, vec![args[0].clone()], vec![]) {
            NativeResult::Ok(_) => Ok(()),
            other => Err(other),
        });
    }
    NativeResult::Ok(Value::None)
}

fn chan_exit(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    if is_open(&args[0]) {
        attempt!(match chan_close(ctx, vec![args[0].clone()], vec![]) {
            NativeResult::Ok(_) => Ok(()),
            other => Err(other),
        });
    }
    NativeResult::Ok(Value::None)
}
