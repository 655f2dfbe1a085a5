//! The interpreter: an explicit stack of frames, each with its own value
//! stack, block stack and handled-exception stack. [`Interp::run`] executes
//! until the program ends, blocks (a native call returned
//! [`NativeResult::Block`]) or spends its step budget; a blocked call is
//! executed again when the process resumes, with its saved state.

use std::any::Any;
use std::collections::HashMap;
use std::rc::Rc;

use super::code::{Code, CodeKind, Const, Program};
use super::value::{Class, Function, Instance, Module, Native, NativeFn, Payload, Scope, Value};

/// CPython's default recursion limit.
pub const RECURSION_LIMIT: usize = 1000;
/// The largest str or bytes a program may build (bytes).
pub const MAX_BYTES: usize = 64 << 20;
/// The longest list, tuple or dict a program may build (a few hundred MB
/// at most, what a browser tab can hold).
pub const MAX_ITEMS: usize = 4 << 20;

/// What a blocked process waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    /// Resume at this virtual time (ms), if set.
    pub until: Option<u64>,
    /// Resume when the host has something for the process (a delivery, a
    /// closed channel).
    pub on_activity: bool,
}

/// The result of a native call.
pub enum NativeResult {
    /// Returned a value.
    Ok(Value),
    /// Raised an exception (an exception instance).
    Err(Value),
    /// Suspend; the call runs again (with [`Ctx::state`] kept) on resume.
    Block(Wait),
    /// Run a callable with these arguments, discard its result, then run the
    /// native call again (consumer callbacks).
    CallThen(Value, Vec<Value>),
    /// End the process now with this code (`os._exit`).
    Exit(i32),
    /// The call's result is this callable's, called with these arguments
    /// (`functools.partial`).
    TailCall(Value, Vec<Value>, Vec<(Rc<str>, Value)>),
}

/// What the host (the runner) provides to native functions.
pub trait Host {
    /// Virtual time in ms.
    fn now(&self) -> u64;
    /// Writes to the process's stdout.
    fn stdout(&mut self, s: &str);
    /// Writes to the process's stderr.
    fn stderr(&mut self, s: &str);
    /// A host-provided module (`pika`), if the host has it.
    fn import(&mut self, interp: &mut Interp, name: &str) -> Option<Value>;
    /// The broker side of a process (pika's natives), if the host has one.
    fn amqp(&mut self) -> Option<crate::runner::pika::Amqp<'_>>;
}

/// A native call's view of the interpreter and host.
pub struct Ctx<'a> {
    pub interp: &'a mut Interp,
    pub host: &'a mut dyn Host,
    /// State kept across a blocked call's re-runs (`None` on the first run).
    pub state: Option<Box<dyn Any>>,
}

/// How a run slice ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// Waiting.
    Blocked(Wait),
    /// Finished with an exit code.
    Exited(i32),
    /// Spent the step budget without blocking.
    Budget,
}

#[derive(Clone)]
pub(super) struct Block {
    handler: u32,
    depth: usize,
    handling: usize,
}

pub(super) enum RetMode {
    Normal,
    /// A callback run for a native call: drop the result, re-run the call.
    Discard,
    /// `__init__`: return the instance instead.
    Replace(Value),
    /// A class body: build the class from its namespace.
    Class(String, Vec<Rc<Class>>),
}

pub(super) struct Frame {
    code: Rc<Code>,
    pc: usize,
    stack: Vec<Value>,
    blocks: Vec<Block>,
    handling: Vec<Value>,
    locals: Option<Rc<Scope>>,
    closure: Option<Rc<Scope>>,
    ns: Option<Rc<Module>>,
    globals: Rc<Module>,
    ret: RetMode,
    state: Option<Box<dyn Any>>,
}

impl Frame {
    /// The bottom frame of a new thread: `code` with `stack` preloaded.
    pub(super) fn for_thread(code: Rc<Code>, stack: Vec<Value>, globals: Rc<Module>, ret: RetMode) -> Frame {
        Frame {
            code,
            pc: 0,
            stack,
            blocks: Vec::new(),
            handling: Vec::new(),
            locals: None,
            closure: None,
            ns: None,
            globals,
            ret,
            state: None,
        }
    }
}

/// The interpreter of one process.
pub struct Interp {
    pub(super) frames: Vec<Frame>,
    /// The builtins module (functions and exception classes).
    pub builtins: Rc<Module>,
    /// Imported modules by name.
    pub modules: HashMap<String, Value>,
    /// The program.
    pub program: Rc<Program>,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Instructions executed so far.
    pub steps: u64,
    interrupt: bool,
    /// The exit code once ended.
    pub exit: Option<i32>,
    /// The seed for `random` / `uuid`.
    pub rng: super::modules::Rng,
    /// The process id `os.getpid()` returns.
    pub pid: u32,
    /// `random`'s Mersenne Twister, once used or seeded.
    pub mt: Option<super::random::Mt>,
    /// The process's threads (the main thread first); the running one's
    /// frames are in `frames`.
    pub(super) threads: Vec<super::threads::Thread>,
    /// The running thread's index in `threads`.
    pub(super) cur: usize,
    /// The main thread's exit code once it ended.
    pub(super) main_exit: i32,
}

pub(super) enum Flow {
    Next,
    Raise(Value),
    Block(Wait),
    Exit(i32),
}

impl Interp {
    /// A process about to run `program` as `__main__` with `argv`.
    pub fn new(program: Rc<Program>, argv: Vec<String>, seed: u64, pid: u32) -> Interp {
        let builtins = super::builtins::module();
        let main = Module::new("__main__");
        main.set("__name__", Value::str("__main__"));
        main.set("__file__", Value::str(&program.file));
        let frame = Frame {
            code: program.module.clone(),
            pc: 0,
            stack: Vec::new(),
            blocks: Vec::new(),
            handling: Vec::new(),
            locals: None,
            closure: None,
            ns: None,
            globals: main,
            ret: RetMode::Normal,
            state: None,
        };
        Interp {
            frames: vec![frame],
            builtins,
            modules: HashMap::new(),
            program,
            argv,
            steps: 0,
            interrupt: false,
            exit: None,
            rng: super::modules::Rng::new(seed),
            pid,
            mt: None,
            threads: vec![super::threads::Thread::main()],
            cur: 0,
            main_exit: 0,
        }
    }

    /// Raises KeyboardInterrupt at the current (blocked) instruction the
    /// next time the process runs.
    pub fn interrupt(&mut self) {
        self.interrupt = true;
    }

    /// A builtin exception class by name.
    pub fn exc_class(&self, name: &str) -> Rc<Class> {
        match self.builtins.get(name) {
            Some(Value::Class(c)) => c,
            _ => panic!("no builtin exception {name}"),
        }
    }

    /// A new exception instance of a builtin class with one message.
    pub fn exc(&self, name: &str, msg: impl Into<String>) -> Value {
        new_exception(&self.exc_class(name), vec![Value::str(msg.into())])
    }

    /// Runs until every thread of the program blocks, the program ends, or
    /// `budget` steps are executed.
    pub fn run(&mut self, host: &mut dyn Host, budget: u64) -> RunOutcome {
        if let Some(code) = self.exit {
            return RunOutcome::Exited(code);
        }
        let stop = self.steps + budget;
        if let Some(out) = self.resume() {
            return out;
        }
        if std::mem::take(&mut self.interrupt) {
            if let Some(out) = self.keyboard_interrupt(host) {
                return out;
            }
        }
        loop {
            if self.steps >= stop {
                return RunOutcome::Budget;
            }
            self.steps += 1;
            let flow = self.step(host);
            let Some(end) = self.flow(host, flow) else { continue };
            if let Some(out) = self.thread_stopped(end) {
                return out;
            }
        }
    }

    /// Ctrl+C: KeyboardInterrupt in the main thread where it waits.
    fn keyboard_interrupt(&mut self, host: &mut dyn Host) -> Option<RunOutcome> {
        if !self.switch_to_main() {
            return Some(self.end_process(130));
        }
        if let Some(f) = self.frames.last_mut() {
            if f.state.take().is_some() {
                f.pc += 1;
            }
        }
        let e = new_exception(&self.exc_class("KeyboardInterrupt"), vec![]);
        let end = self.flow(host, Flow::Raise(e))?;
        self.thread_stopped(end)
    }

    /// Ends the process with `code`.
    pub(super) fn end_process(&mut self, code: i32) -> RunOutcome {
        self.frames.clear();
        self.exit = Some(code);
        RunOutcome::Exited(code)
    }

    fn flow(&mut self, host: &mut dyn Host, flow: Flow) -> Option<super::threads::Stop> {
        use super::threads::Stop;
        match flow {
            Flow::Next => self.frames.is_empty().then_some(Stop::Done(0)),
            Flow::Block(w) => Some(Stop::Blocked(w)),
            Flow::Exit(code) => Some(Stop::Exit(code)),
            Flow::Raise(e) => {
                if self.unwind(e.clone()) {
                    None
                } else {
                    let code = super::traceback::uncaught_in(self, host, &e);
                    self.frames.clear();
                    Some(Stop::Done(code))
                }
            }
        }
    }

    /// Finds a handler for `e`, popping frames; false if none is left.
    fn unwind(&mut self, e: Value) -> bool {
        loop {
            let Some(f) = self.frames.last_mut() else { return false };
            let line = f.code.lines.get(f.pc.saturating_sub(1)).copied().unwrap_or(f.code.first_line);
            add_traceback(&e, &f.code, line);
            if let Some(b) = f.blocks.pop() {
                f.stack.truncate(b.depth);
                f.handling.truncate(b.handling);
                f.handling.push(e.clone());
                f.stack.push(e);
                f.pc = b.handler as usize;
                f.state = None;
                return true;
            }
            self.frames.pop();
            if let Some(caller) = self.frames.last_mut() {
                // The call instruction is done (a callback's exception ends
                // the native call that ran it).
                if caller.state.take().is_some() {
                    caller.pc += 1;
                }
            }
        }
    }

    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("frame")
    }

    pub(super) fn push(&mut self, v: Value) {
        self.frame().stack.push(v);
    }

    pub(super) fn pop(&mut self) -> Value {
        self.frame().stack.pop().expect("stack")
    }

    pub(super) fn name(&self, i: u32) -> Rc<str> {
        let f = self.frames.last().expect("frame");
        Rc::from(f.code.names[i as usize].as_str())
    }

    fn step(&mut self, host: &mut dyn Host) -> Flow {
        let f = self.frames.last_mut().expect("frame");
        let op = f.code.ops[f.pc];
        f.pc += 1;
        match super::exec::op(self, host, op) {
            Ok(flow) => flow,
            Err(e) => Flow::Raise(e),
        }
    }

    /// Calls `f` from an instruction that keeps its operands on the stack
    /// (`keep` values), so it can be re-run if the call blocks.
    pub(super) fn call_op(
        &mut self,
        host: &mut dyn Host,
        f: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        keep: usize,
    ) -> Result<Flow, Value> {
        match f {
            Value::Function(func) => {
                self.drop_operands(keep);
                self.push_call(&func, args, kwargs, RetMode::Normal)?;
                Ok(Flow::Next)
            }
            Value::Bound(b) => {
                let (this, func) = (b.0.clone(), b.1.clone());
                let mut all = vec![this];
                all.extend(args);
                self.call_op(host, func, all, kwargs, keep)
            }
            Value::Class(c) => self.instantiate(host, c, args, kwargs, keep),
            Value::Native(n) => self.call_native(host, &n, args, kwargs, keep),
            other => Err(self.exc("TypeError", format!("'{}' object is not callable", other.type_name()))),
        }
    }

    fn drop_operands(&mut self, keep: usize) {
        let f = self.frame();
        let n = f.stack.len() - keep;
        f.stack.truncate(n);
    }

    fn call_native(
        &mut self,
        host: &mut dyn Host,
        n: &Rc<Native>,
        mut args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        keep: usize,
    ) -> Result<Flow, Value> {
        if let Some(b) = &n.bound {
            args.insert(0, b.clone());
        }
        let state = self.frame().state.take();
        let mut ctx = Ctx { interp: self, host, state };
        let result = (n.f)(&mut ctx, args, kwargs);
        let state = ctx.state.take();
        match result {
            NativeResult::Ok(v) => {
                self.drop_operands(keep);
                self.push(v);
                Ok(Flow::Next)
            }
            NativeResult::Err(e) => {
                self.drop_operands(keep);
                Err(e)
            }
            NativeResult::Block(w) => {
                let f = self.frame();
                f.state = Some(state.unwrap_or_else(|| Box::new(())));
                f.pc -= 1;
                Ok(Flow::Block(w))
            }
            NativeResult::CallThen(cb, cb_args) => {
                let f = self.frame();
                f.state = Some(state.unwrap_or_else(|| Box::new(())));
                f.pc -= 1;
                self.callback(host, cb, cb_args, vec![])
            }
            NativeResult::Exit(code) => Ok(Flow::Exit(code)),
            NativeResult::TailCall(f, a, k) => self.call_op(host, f, a, k, keep),
        }
    }

    fn callback(
        &mut self,
        host: &mut dyn Host,
        cb: Value,
        args: Vec<Value>,
        kw: Vec<(Rc<str>, Value)>,
    ) -> Result<Flow, Value> {
        match cb {
            Value::Function(func) => {
                self.push_call(&func, args, kw, RetMode::Discard)?;
                Ok(Flow::Next)
            }
            Value::Bound(b) => {
                let mut all = vec![b.0.clone()];
                all.extend(args);
                self.callback(host, b.1.clone(), all, kw)
            }
            Value::Native(n) => {
                // A native callback (functools.partial of a native): run it now.
                let mut a = args;
                if let Some(b) = &n.bound {
                    a.insert(0, b.clone());
                }
                let mut ctx = Ctx { interp: self, host, state: None };
                match (n.f)(&mut ctx, a, kw) {
                    NativeResult::Err(e) => Err(e),
                    NativeResult::Exit(c) => Ok(Flow::Exit(c)),
                    NativeResult::TailCall(f, a, k) => self.callback(host, f, a, k),
                    _ => Ok(Flow::Next),
                }
            }
            other => Err(self.exc("TypeError", format!("'{}' object is not callable", other.type_name()))),
        }
    }

    fn instantiate(
        &mut self,
        host: &mut dyn Host,
        c: Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        keep: usize,
    ) -> Result<Flow, Value> {
        if let Some(Value::Native(new)) = c.lookup("__new__") {
            let mut a = vec![Value::Class(c.clone())];
            a.extend(args);
            return self.call_native(host, &new, a, kwargs, keep);
        }
        let inst = Value::Instance(Instance::new(c.clone()));
        if c.is_subclass(&self.exc_class("BaseException")) {
            inst.instance().expect("instance").set("args", Value::tuple(args.clone()));
            *inst.instance().expect("instance").payload.borrow_mut() = Payload::Traceback(vec![]);
        }
        match c.lookup("__init__") {
            Some(Value::Function(init)) => {
                self.drop_operands(keep);
                let mut a = vec![inst.clone()];
                a.extend(args);
                self.push_call(&init, a, kwargs, RetMode::Replace(inst))?;
                Ok(Flow::Next)
            }
            _ => {
                let is_exc = c.is_subclass(&self.exc_class("BaseException"));
                if !is_exc && (!args.is_empty() || !kwargs.is_empty()) {
                    return Err(self.exc("TypeError", format!("{}() takes no arguments", c.name)));
                }
                self.drop_operands(keep);
                self.push(inst);
                Ok(Flow::Next)
            }
        }
    }

    fn push_call(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        ret: RetMode,
    ) -> Result<(), Value> {
        if self.frames.len() >= RECURSION_LIMIT {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        let vars = super::bind::bind(self, func, args, kwargs)?;
        let scope = Rc::new(Scope { vars: std::cell::RefCell::new(vars), parent: func.closure.clone() });
        self.frames.push(Frame {
            code: func.code.clone(),
            pc: 0,
            stack: Vec::new(),
            blocks: Vec::new(),
            handling: Vec::new(),
            locals: Some(scope),
            closure: func.closure.clone(),
            ns: None,
            globals: func.globals.clone(),
            ret,
            state: None,
        });
        Ok(())
    }

    /// Starts a class body frame.
    pub(super) fn push_class_body(&mut self, code: Rc<Code>, name: String, bases: Vec<Rc<Class>>) {
        let f = self.frame();
        let (globals, closure) = (f.globals.clone(), f.locals.clone().or_else(|| f.closure.clone()));
        let ns = Module::new(&name);
        ns.set("__module__", Value::str(&*globals.name));
        self.frames.push(Frame {
            code,
            pc: 0,
            stack: Vec::new(),
            blocks: Vec::new(),
            handling: Vec::new(),
            locals: None,
            closure,
            ns: Some(ns),
            globals,
            ret: RetMode::Class(name, bases),
            state: None,
        });
    }

    /// Returns from the current frame.
    pub(super) fn do_return(&mut self, v: Value) -> Flow {
        let f = self.frames.pop().expect("frame");
        let Some(caller) = self.frames.last_mut() else { return Flow::Next };
        match f.ret {
            RetMode::Normal => caller.stack.push(v),
            RetMode::Discard => {}
            RetMode::Replace(inst) => {
                if !matches!(v, Value::None) {
                    let e = self.exc("TypeError", format!("__init__() should return None, not '{}'", v.type_name()));
                    return Flow::Raise(e);
                }
                caller.stack.push(inst)
            }
            RetMode::Class(name, bases) => {
                let ns = f.ns.expect("class namespace");
                let qualname = f.code.qualname.clone();
                let module = match ns.get("__module__") {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => "__main__".into(),
                };
                let dict = ns.attrs.borrow().clone();
                let class = Class { name, qualname, module, bases, dict: std::cell::RefCell::new(dict) };
                caller.stack.push(Value::Class(Rc::new(class)));
            }
        }
        Flow::Next
    }

    /// A local variable of the current frame.
    pub(super) fn local(&mut self, i: u32) -> Result<Value, Value> {
        let n = self.name(i);
        let f = self.frames.last().expect("frame");
        let v = f.locals.as_ref().and_then(|s| s.vars.borrow().get(&n).cloned());
        v.ok_or_else(|| {
            self.exc(
                "UnboundLocalError",
                format!("cannot access local variable '{n}' where it is not associated with a value"),
            )
        })
    }

    pub(super) fn set_local(&mut self, i: u32, v: Value) {
        let n = self.name(i);
        if let Some(s) = &self.frame().locals {
            s.vars.borrow_mut().insert(n, v);
        }
    }

    pub(super) fn del_local(&mut self, i: u32) -> Result<(), Value> {
        let n = self.name(i);
        let removed = self.frame().locals.as_ref().and_then(|s| s.vars.borrow_mut().remove(&n));
        removed.map(|_| ()).ok_or_else(|| {
            self.exc(
                "UnboundLocalError",
                format!("cannot access local variable '{n}' where it is not associated with a value"),
            )
        })
    }

    fn deref_scope(&self, depth: u16) -> Option<Rc<Scope>> {
        let f = self.frames.last().expect("frame");
        let mut s = f.closure.clone();
        for _ in 1..depth {
            s = s.and_then(|s| s.parent.clone());
        }
        s
    }

    pub(super) fn deref(&mut self, depth: u16, i: u32) -> Result<Value, Value> {
        let n = self.name(i);
        let v = self.deref_scope(depth).and_then(|s| s.vars.borrow().get(&n).cloned());
        v.ok_or_else(|| {
            self.exc(
                "NameError",
                format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"),
            )
        })
    }

    pub(super) fn set_deref(&mut self, depth: u16, i: u32, v: Value) {
        let n = self.name(i);
        if let Some(s) = self.deref_scope(depth) {
            s.vars.borrow_mut().insert(n, v);
        }
    }

    pub(super) fn global(&mut self, i: u32) -> Result<Value, Value> {
        let n = self.name(i);
        let f = self.frames.last().expect("frame");
        if let Some(v) = f.globals.get(&n) {
            return Ok(v);
        }
        self.builtins.get(&n).ok_or_else(|| self.exc("NameError", format!("name '{n}' is not defined")))
    }

    pub(super) fn globals(&self) -> Rc<Module> {
        self.frames.last().expect("frame").globals.clone()
    }

    pub(super) fn class_name(&mut self, i: u32) -> Result<Value, Value> {
        let n = self.name(i);
        if let Some(v) = self.frame().ns.as_ref().and_then(|ns| ns.get(&n)) {
            return Ok(v);
        }
        self.global(i)
    }

    pub(super) fn set_class_name(&mut self, i: u32, v: Value) {
        let n = self.name(i);
        if let Some(ns) = &self.frame().ns {
            ns.set(&n, v);
        }
    }

    pub(super) fn const_at(&self, i: u32) -> Value {
        let f = self.frames.last().expect("frame");
        match &f.code.consts[i as usize] {
            Const::None => Value::None,
            Const::Bool(b) => Value::Bool(*b),
            Const::Int(i) => Value::Int(*i),
            Const::Float(x) => Value::Float(*x),
            Const::Str(s) => Value::str(s),
            Const::Bytes(b) => Value::bytes(b),
            Const::Ellipsis => Value::Ellipsis,
            Const::Names(n) => Value::tuple(n.iter().map(Value::str).collect()),
            Const::Code(c) => Value::Code(c.clone()),
        }
    }

    pub(super) fn make_function(
        &mut self,
        code: Rc<Code>,
        defaults: Vec<Value>,
        kwdefaults: Vec<(Rc<str>, Value)>,
    ) -> Value {
        let f = self.frame();
        let closure = if f.code.kind == CodeKind::Function { f.locals.clone() } else { f.closure.clone() };
        Value::Function(Rc::new(Function { code, globals: f.globals.clone(), defaults, kwdefaults, closure }))
    }

    pub(super) fn setup_block(&mut self, handler: u32) {
        let f = self.frame();
        let b = Block { handler, depth: f.stack.len(), handling: f.handling.len() };
        f.blocks.push(b);
    }

    pub(super) fn pop_block(&mut self) {
        self.frame().blocks.pop();
    }

    pub(super) fn pop_except(&mut self) {
        self.frame().handling.pop();
    }

    /// The exception being handled (for a bare `raise`).
    pub(super) fn current_exception(&self) -> Option<Value> {
        self.frames.iter().rev().find_map(|f| f.handling.last().cloned())
    }

    pub(super) fn jump(&mut self, target: u32) {
        self.frame().pc = target as usize;
    }

    pub(super) fn stack(&mut self) -> &mut Vec<Value> {
        &mut self.frame().stack
    }

    /// How many frames are on the stack.
    pub(super) fn depth(&self) -> usize {
        self.frames.len()
    }

    /// The source line the innermost frame is executing.
    pub fn line(&self) -> u32 {
        self.frames
            .last()
            .map(|f| f.code.lines.get(f.pc.saturating_sub(1)).copied().unwrap_or(f.code.first_line))
            .unwrap_or(0)
    }

    /// The frames' (function name, line) from outermost to innermost.
    pub fn frames_info(&self) -> Vec<(String, u32)> {
        self.frames
            .iter()
            .map(|f| (f.code.name.clone(), f.code.lines.get(f.pc.saturating_sub(1)).copied().unwrap_or(0)))
            .collect()
    }

    /// Imports a module by (dotted) name.
    pub(super) fn import(&mut self, host: &mut dyn Host, name: &str) -> Result<Value, Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let m = match host.import(self, name) {
            Some(m) => m,
            None => match super::modules::import(self, name) {
                Some(m) => m,
                None => return Err(self.exc("ModuleNotFoundError", format!("No module named '{name}'"))),
            },
        };
        self.modules.insert(name.to_string(), m.clone());
        Ok(m)
    }
}

/// A new instance of an exception class with these args.
pub fn new_exception(class: &Rc<Class>, args: Vec<Value>) -> Value {
    let inst = Instance::new(class.clone());
    inst.set("args", Value::tuple(args));
    *inst.payload.borrow_mut() = Payload::Traceback(vec![]);
    Value::Instance(inst)
}

fn add_traceback(e: &Value, code: &Code, line: u32) {
    if let Value::Instance(i) = e {
        if let Payload::Traceback(tb) = &mut *i.payload.borrow_mut() {
            tb.push((Rc::from(code.name.as_str()), line, String::new()));
        }
    }
}

/// A native function value.
pub fn native(name: &str, f: NativeFn) -> Value {
    Value::Native(Rc::new(Native { name: name.into(), f, bound: None }))
}

/// Downcasts a native call's saved state.
pub fn state_of<T: 'static>(state: &mut Option<Box<dyn Any>>) -> Option<&mut T> {
    state.as_mut().and_then(|s| s.downcast_mut::<T>())
}

/// A host with nothing in it, for natives that only compute (repr, str).
pub struct NullHost;

impl Host for NullHost {
    fn now(&self) -> u64 {
        0
    }
    fn stdout(&mut self, _: &str) {}
    fn stderr(&mut self, _: &str) {}
    fn import(&mut self, _: &mut Interp, _: &str) -> Option<Value> {
        None
    }
    fn amqp(&mut self) -> Option<crate::runner::pika::Amqp<'_>> {
        None
    }
}
