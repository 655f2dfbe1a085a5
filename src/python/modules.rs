//! Standard modules: `sys`, `time`, `os`, `uuid`, `json`, `random`,
//! `functools` (as far as tutorial programs use them), on the virtual clock
//! and the run's seed.

use std::rc::Rc;

use super::builtins::{class, tri, type_error};
use super::value::{Instance, Module, Value};
use super::vm::{native, new_exception, state_of, Ctx, Interp, NativeResult, Wait};

type Kw = Vec<(Rc<str>, Value)>;

/// The virtual clock's epoch: `time.time()` at virtual time 0.
pub const EPOCH_SECONDS: f64 = 1_700_000_000.0;

/// A small deterministic generator (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A standard module by name.
pub fn import(vm: &mut Interp, name: &str) -> Option<Value> {
    let m = Module::new(name);
    match name {
        "sys" => sys(vm, &m),
        "time" => {
            m.set("sleep", native("sleep", sleep));
            m.set("time", native("time", time));
            m.set("monotonic", native("monotonic", time));
            m.set("perf_counter", native("perf_counter", time));
        }
        "os" => {
            m.set("_exit", native("_exit", os_exit));
            m.set("getpid", native("getpid", getpid));
            m.set("getenv", native("getenv", getenv));
            let environ = class("_Environ", "os", vec![]);
            environ.dict.borrow_mut().insert(Rc::from("get"), native("get", getenv_method));
            m.set("environ", Value::Instance(Instance::new(environ)));
        }
        "uuid" => {
            m.set("uuid4", native("uuid4", uuid4));
        }
        "random" => return Some(Value::Module(super::random::module())),
        "json" => {
            m.set("dumps", native("dumps", super::json::dumps));
            m.set("loads", native("loads", super::json::loads));
        }
        "threading" => return Some(Value::Module(super::threading::module())),
        "functools" => {
            m.set("partial", native("partial", partial));
        }
        _ => return None,
    }
    Some(Value::Module(m))
}

fn sys(vm: &mut Interp, m: &Rc<Module>) {
    m.set("argv", Value::list(vm.argv.iter().map(Value::str).collect()));
    m.set("exit", native("exit", sys_exit));
    m.set("version", Value::str("3.11.7 (Warren)"));
    m.set("platform", Value::str("linux"));
    m.set("maxsize", Value::Int(i64::MAX));
    m.set(
        "getrecursionlimit",
        native("getrecursionlimit", |_, _, _| NativeResult::Ok(Value::Int(super::vm::RECURSION_LIMIT as i64))),
    );
    for (name, f) in [("stdout", write_stdout as super::value::NativeFn), ("stderr", write_stderr)] {
        let c = class(name, "sys", vec![]);
        c.dict.borrow_mut().insert(Rc::from("write"), native("write", f));
        c.dict.borrow_mut().insert(Rc::from("flush"), native("flush", |_, _, _| NativeResult::Ok(Value::None)));
        m.set(name, Value::Instance(Instance::new(c)));
    }
}

fn write_text(ctx: &mut Ctx, args: &[Value]) -> Result<String, NativeResult> {
    match args.get(1) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(type_error(ctx, format!("write() argument must be str, not {}", other.type_name()))),
        None => Err(type_error(ctx, "write() takes exactly one argument (0 given)")),
    }
}

fn write_stdout(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match write_text(ctx, &args) {
        Ok(s) => {
            ctx.host.stdout(&s);
            NativeResult::Ok(Value::Int(s.chars().count() as i64))
        }
        Err(e) => e,
    }
}

fn write_stderr(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match write_text(ctx, &args) {
        Ok(s) => {
            ctx.host.stderr(&s);
            NativeResult::Ok(Value::Int(s.chars().count() as i64))
        }
        Err(e) => e,
    }
}

fn sys_exit(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Err(new_exception(&ctx.interp.exc_class("SystemExit"), args))
}

/// Seconds as a number → milliseconds.
pub fn seconds_to_ms(ctx: &Ctx, v: &Value) -> Result<u64, Value> {
    let s = match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        other => {
            return Err(ctx
                .interp
                .exc("TypeError", format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
    };
    if s < 0.0 {
        return Err(ctx.interp.exc("ValueError", "sleep length must be non-negative"));
    }
    Ok((s * 1000.0).round().min(1e15) as u64)
}

struct SleepUntil(u64);

fn sleep(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    if let Some(SleepUntil(t)) = state_of::<SleepUntil>(&mut ctx.state) {
        let t = *t;
        if ctx.host.now() >= t {
            return NativeResult::Ok(Value::None);
        }
        return NativeResult::Block(Wait { until: Some(t), on_activity: false });
    }
    let Some(v) = args.first() else { return type_error(ctx, "time.sleep() takes exactly one argument (0 given)") };
    let ms = tri!(seconds_to_ms(ctx, v));
    let until = ctx.host.now() + ms;
    ctx.state = Some(Box::new(SleepUntil(until)));
    NativeResult::Block(Wait { until: Some(until), on_activity: false })
}

fn time(ctx: &mut Ctx, _: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::Float(EPOCH_SECONDS + ctx.host.now() as f64 / 1000.0))
}

fn os_exit(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.first() {
        Some(Value::Int(n)) => NativeResult::Exit(*n as i32),
        _ => type_error(ctx, "os._exit() missing required argument 'status' (pos 1)"),
    }
}

fn getpid(ctx: &mut Ctx, _: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::Int(ctx.interp.pid as i64))
}

fn getenv(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(args.get(1).cloned().unwrap_or(Value::None))
}

fn getenv_method(_: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(args.get(2).cloned().unwrap_or(Value::None))
}

fn uuid4(ctx: &mut Ctx, _: Vec<Value>, _: Kw) -> NativeResult {
    let (a, b) = (ctx.interp.rng.next_u64(), ctx.interp.rng.next_u64());
    let a = (a & !0xf000) | 0x4000;
    let b = (b & !(0xc000 << 48)) | (0x8000 << 48);
    let hex = format!("{a:016x}{b:016x}");
    let s = format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]);
    let c = class("UUID", "uuid", vec![]);
    c.dict.borrow_mut().insert(
        Rc::from("__str__"),
        native("__str__", |_, a, _| {
            NativeResult::Ok(a[0].instance().and_then(|i| i.get("hex_str")).unwrap_or(Value::None))
        }),
    );
    c.dict.borrow_mut().insert(
        Rc::from("__repr__"),
        native("__repr__", |_, a, _| {
            let s = a[0].instance().and_then(|i| i.get("hex_str"));
            match s {
                Some(Value::Str(s)) => NativeResult::Ok(Value::str(format!("UUID('{s}')"))),
                _ => NativeResult::Ok(Value::str("UUID()")),
            }
        }),
    );
    let inst = Instance::new(c);
    inst.set("hex_str", Value::str(&s));
    inst.set("hex", Value::str(hex));
    NativeResult::Ok(Value::Instance(inst))
}

/// `functools.partial(f, *args, **kw)`: a native bound to (f, args,
/// keyword pairs) whose call is `f(*args, *more, **kw, **more_kw)`.
fn partial(ctx: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let Some(f) = args.first().cloned() else {
        return type_error(ctx, "type 'partial' takes at least one argument");
    };
    let kwd: Vec<Value> = kw.into_iter().map(|(k, v)| Value::tuple(vec![Value::Str(k), v])).collect();
    let bound = Value::tuple(vec![f, Value::tuple(args[1..].to_vec()), Value::tuple(kwd)]);
    NativeResult::Ok(Value::Native(Rc::new(super::value::Native {
        name: "partial".into(),
        f: call_partial,
        bound: Some(bound),
    })))
}

fn call_partial(_: &mut Ctx, args: Vec<Value>, kw: Kw) -> NativeResult {
    let Value::Tuple(b) = &args[0] else { unreachable!() };
    let mut all = match &b[1] {
        Value::Tuple(t) => t.to_vec(),
        _ => vec![],
    };
    all.extend(args[1..].iter().cloned());
    let mut keywords: Kw = Vec::new();
    if let Value::Tuple(pairs) = &b[2] {
        for p in pairs.iter() {
            if let Value::Tuple(kv) = p {
                if let Value::Str(k) = &kv[0] {
                    keywords.push((k.clone(), kv[1].clone()));
                }
            }
        }
    }
    for (k, v) in kw {
        keywords.retain(|(x, _)| *x != k);
        keywords.push((k, v));
    }
    NativeResult::TailCall(b[0].clone(), all, keywords)
}
