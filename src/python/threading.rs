//! `threading` as far as tutorial programs use it: `Thread(target=...,
//! args=..., kwargs=..., name=..., daemon=...)` with `start`, `join`,
//! `is_alive`; `Lock`, `RLock`, `Event`; `current_thread()`. Threads are
//! cooperative tasks of the process (see `threads.rs`).

use std::rc::Rc;

use super::bind::{bind_native, Sig};
use super::builtins::{class, tri};
use super::value::{Class, Instance, Module, Payload, Value};
use super::vm::{native, state_of, Ctx, Interp, NativeResult, Wait};

type Kw = Vec<(Rc<str>, Value)>;

/// The `threading` module.
pub(super) fn module() -> Rc<Module> {
    let m = Module::new("threading");
    let thread = class("Thread", "threading", vec![]);
    methods(
        &thread,
        &[("__new__", thread_new), ("start", start), ("join", join), ("is_alive", is_alive), ("run", run)],
    );
    m.set("Thread", Value::Class(thread));
    for (name, reentrant) in [("Lock", false), ("RLock", true)] {
        let lock = class(name, "_thread", vec![]);
        let new: super::value::NativeFn = if reentrant { rlock_new } else { lock_new };
        methods(
            &lock,
            &[
                ("__new__", new),
                ("acquire", acquire),
                ("release", release),
                ("__enter__", acquire),
                ("__exit__", release),
                ("locked", locked),
            ],
        );
        m.set(name, Value::Class(lock));
    }
    let event = class("Event", "threading", vec![]);
    methods(
        &event,
        &[
            ("__new__", event_new),
            ("set", event_set),
            ("clear", event_clear),
            ("is_set", event_is_set),
            ("wait", event_wait),
        ],
    );
    m.set("Event", Value::Class(event));
    m.set("current_thread", native("current_thread", current_thread));
    m.set("_counter", Value::Int(0));
    m
}

fn methods(c: &Rc<Class>, list: &[(&str, super::value::NativeFn)]) {
    for (n, f) in list {
        c.dict.borrow_mut().insert(Rc::from(*n), native(n, *f));
    }
}

fn inst(v: &Value) -> Rc<Instance> {
    v.instance().cloned().expect("instance")
}

fn next_number(interp: &mut Interp) -> i64 {
    let Some(Value::Module(m)) = interp.modules.get("threading").cloned() else { return 1 };
    let n = match m.get("_counter") {
        Some(Value::Int(n)) => n + 1,
        _ => 1,
    };
    m.set("_counter", Value::Int(n));
    n
}

fn thread_new(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let sig = Sig {
        qualname: "Thread.__init__",
        params: &["cls", "group", "target", "name", "args", "kwargs", "daemon"],
        required: 1,
    };
    let b = tri!(bind_native(ctx.interp, &sig, args, kw));
    let Some(Value::Class(c)) = b[0].clone() else { return NativeResult::Ok(Value::None) };
    let i = Instance::new(c);
    let target = b[2].clone().unwrap_or(Value::None);
    let name = match &b[3] {
        Some(n @ Value::Str(_)) => n.clone(),
        _ => {
            let n = next_number(ctx.interp);
            match super::attr::get(ctx.interp, &target, "__name__") {
                Ok(Value::Str(t)) => Value::str(format!("Thread-{n} ({t})")),
                _ => Value::str(format!("Thread-{n}")),
            }
        }
    };
    i.set("name", name);
    i.set("daemon", Value::Bool(matches!(b[6], Some(Value::Bool(true)))));
    i.set("ident", Value::None);
    i.set("_target", target);
    i.set("_args", b[4].clone().unwrap_or(Value::tuple(vec![])));
    let kwargs = b[5].clone().unwrap_or_else(|| Value::Dict(Default::default()));
    i.set("_kwargs", kwargs);
    NativeResult::Ok(Value::Instance(i))
}

fn started(i: &Instance) -> Option<usize> {
    i.handle().map(|h| h as usize)
}

fn start(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let i = inst(&args[0]);
    if started(&i).is_some() {
        return NativeResult::Err(ctx.interp.exc("RuntimeError", "threads can only be started once"));
    }
    let (target, targs) = (i.get("_target").unwrap_or(Value::None), i.get("_args").unwrap_or(Value::None));
    let targs = match targs {
        Value::List(l) => Value::tuple(l.borrow().clone()),
        t => t,
    };
    let kwargs = i.get("_kwargs").unwrap_or(Value::None);
    let daemon = matches!(i.get("daemon"), Some(Value::Bool(true)));
    if matches!(target, Value::None) {
        *i.payload.borrow_mut() = Payload::Handle(u64::MAX);
        return NativeResult::Ok(Value::None);
    }
    let n = ctx.interp.spawn(target, targs, kwargs, daemon, args[0].clone());
    *i.payload.borrow_mut() = Payload::Handle(n as u64);
    i.set("ident", Value::Int(140_000_000_000_000 + n as i64));
    NativeResult::Ok(Value::None)
}

struct JoinUntil(Option<u64>);

fn join(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let i = inst(&args[0]);
    let Some(n) = started(&i) else {
        return NativeResult::Err(ctx.interp.exc("RuntimeError", "cannot join thread before it is started"));
    };
    if n == ctx.interp.current_thread() {
        return NativeResult::Err(ctx.interp.exc("RuntimeError", "cannot join current thread"));
    }
    if !ctx.interp.thread_alive(n) {
        return NativeResult::Ok(Value::None);
    }
    let until = tri!(deadline::<JoinUntil>(ctx, args.get(1).cloned().or(kw_get(&kw, "timeout")), JoinUntil, |s| s.0));
    if until.is_some_and(|u| ctx.host.now() >= u) {
        return NativeResult::Ok(Value::None);
    }
    NativeResult::Block(Wait { until, on_activity: false })
}

fn kw_get(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

/// A blocking call's deadline, kept in its state `S` across re-runs.
fn deadline<S: 'static>(
    ctx: &mut Ctx,
    timeout: Option<Value>,
    make: impl Fn(Option<u64>) -> S,
    read: impl Fn(&S) -> Option<u64>,
) -> Result<Option<u64>, Value> {
    if let Some(s) = state_of::<S>(&mut ctx.state) {
        return Ok(read(s));
    }
    let until = match timeout {
        None | Some(Value::None) => None,
        Some(Value::Int(i)) if i < 0 => None,
        Some(v) => Some(ctx.host.now() + super::modules::seconds_to_ms(ctx, &v)?),
    };
    ctx.state = Some(Box::new(make(until)));
    Ok(until)
}

fn is_alive(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let alive = started(&inst(&args[0])).is_some_and(|n| ctx.interp.thread_alive(n));
    NativeResult::Ok(Value::Bool(alive))
}

struct RunCall;

fn run(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    if state_of::<RunCall>(&mut ctx.state).is_some() {
        return NativeResult::Ok(Value::None);
    }
    let i = inst(&args[0]);
    let target = i.get("_target").unwrap_or(Value::None);
    if matches!(target, Value::None) {
        return NativeResult::Ok(Value::None);
    }
    let targs = tri!(super::ops::collect(ctx.interp, &i.get("_args").unwrap_or(Value::tuple(vec![]))));
    ctx.state = Some(Box::new(RunCall));
    NativeResult::CallThen(target, targs)
}

fn current_thread(ctx: &mut Ctx, _: Vec<Value>, _: Kw) -> NativeResult {
    match ctx.interp.current_thread_object() {
        Value::None => {
            let main = Instance::new(class("_MainThread", "threading", vec![]));
            main.set("name", Value::str("MainThread"));
            main.set("daemon", Value::Bool(false));
            NativeResult::Ok(Value::Instance(main))
        }
        t => NativeResult::Ok(t),
    }
}

fn new_of(args: &[Value], fields: &[(&str, Value)]) -> NativeResult {
    let Some(Value::Class(c)) = args.first() else { return NativeResult::Ok(Value::None) };
    let i = Instance::new(c.clone());
    for (k, v) in fields {
        i.set(k, v.clone());
    }
    NativeResult::Ok(Value::Instance(i))
}

fn lock_new(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    new_of(&args, &[("_count", Value::Int(0))])
}

fn rlock_new(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    new_of(&args, &[("_count", Value::Int(0)), ("_owner", Value::Int(-1)), ("_reentrant", Value::Bool(true))])
}

fn count(i: &Instance) -> i64 {
    match i.get("_count") {
        Some(Value::Int(n)) => n,
        _ => 0,
    }
}

struct AcquireUntil(Option<u64>);

fn acquire(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let i = inst(&args[0]);
    let me = ctx.interp.current_thread() as i64;
    let reentrant = i.get("_reentrant").is_some();
    let owner = matches!(i.get("_owner"), Some(Value::Int(o)) if o == me);
    if count(&i) == 0 || (reentrant && owner) {
        i.set("_count", Value::Int(count(&i) + 1));
        i.set("_owner", Value::Int(me));
        return NativeResult::Ok(Value::Bool(true));
    }
    let blocking = !matches!(args.get(1).cloned().or(kw_get(&kw, "blocking")), Some(Value::Bool(false)));
    if !blocking {
        return NativeResult::Ok(Value::Bool(false));
    }
    let timeout = args.get(2).cloned().or(kw_get(&kw, "timeout"));
    let until = tri!(deadline::<AcquireUntil>(ctx, timeout, AcquireUntil, |s| s.0));
    if until.is_some_and(|u| ctx.host.now() >= u) {
        return NativeResult::Ok(Value::Bool(false));
    }
    NativeResult::Block(Wait { until, on_activity: false })
}

fn release(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let i = inst(&args[0]);
    let reentrant = i.get("_reentrant").is_some();
    let me = ctx.interp.current_thread() as i64;
    if count(&i) == 0 || (reentrant && !matches!(i.get("_owner"), Some(Value::Int(o)) if o == me)) {
        let msg = if reentrant { "cannot release un-acquired lock" } else { "release unlocked lock" };
        return NativeResult::Err(ctx.interp.exc("RuntimeError", msg));
    }
    i.set("_count", Value::Int(count(&i) - 1));
    NativeResult::Ok(Value::None)
}

fn locked(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::Bool(count(&inst(&args[0])) > 0))
}

fn event_new(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    new_of(&args, &[("_flag", Value::Bool(false))])
}

fn flag_of(i: &Instance) -> bool {
    matches!(i.get("_flag"), Some(Value::Bool(true)))
}

fn event_set(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    inst(&args[0]).set("_flag", Value::Bool(true));
    NativeResult::Ok(Value::None)
}

fn event_clear(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    inst(&args[0]).set("_flag", Value::Bool(false));
    NativeResult::Ok(Value::None)
}

fn event_is_set(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::Bool(flag_of(&inst(&args[0]))))
}

struct EventUntil(Option<u64>);

fn event_wait(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let i = inst(&args[0]);
    if flag_of(&i) {
        return NativeResult::Ok(Value::Bool(true));
    }
    let until = tri!(deadline::<EventUntil>(ctx, args.get(1).cloned().or(kw_get(&kw, "timeout")), EventUntil, |s| s.0));
    if until.is_some_and(|u| ctx.host.now() >= u) {
        return NativeResult::Ok(Value::Bool(false));
    }
    NativeResult::Block(Wait { until, on_activity: false })
}
