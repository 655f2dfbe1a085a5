//! An uncaught exception: `SystemExit` ends with its code; anything else
//! prints CPython's traceback and ends with 1.

use super::repr::str_of;
use super::value::{Payload, Value};
use super::vm::{Host, Interp};

/// An exception no handler caught ends its thread: in the main thread as
/// [`uncaught`]; in another thread CPython prints it after `Exception in
/// thread NAME:` (a `SystemExit` ends the thread quietly).
pub fn uncaught_in(vm: &mut Interp, host: &mut dyn Host, e: &Value) -> i32 {
    if vm.current_thread() == 0 {
        return uncaught(vm, host, e);
    }
    let Value::Instance(inst) = e else { return 0 };
    if inst.class.is_subclass(&vm.exc_class("SystemExit")) {
        return 0;
    }
    let name = match vm.current_thread_object().instance().and_then(|t| t.get("name")) {
        Some(Value::Str(s)) => s.to_string(),
        _ => "Thread".into(),
    };
    host.stderr(&format!("Exception in thread {name}:\n"));
    uncaught(vm, host, e);
    0
}

/// Prints what CPython prints for an uncaught `e`; returns the exit code.
pub fn uncaught(vm: &mut Interp, host: &mut dyn Host, e: &Value) -> i32 {
    let Value::Instance(inst) = e else { return 1 };
    if inst.class.is_subclass(&vm.exc_class("SystemExit")) {
        let args = inst.get("args");
        let code = match &args {
            Some(Value::Tuple(t)) if !t.is_empty() => t[0].clone(),
            _ => Value::None,
        };
        return match code {
            Value::None => 0,
            Value::Int(n) => n as i32,
            Value::Bool(b) => b as i32,
            other => {
                let s = str_of(vm, &other).unwrap_or_default();
                host.stderr(&format!("{s}\n"));
                1
            }
        };
    }
    let mut out = String::from("Traceback (most recent call last):\n");
    if let Payload::Traceback(tb) = &*inst.payload.borrow() {
        let mut last: Option<(&str, u32)> = None;
        for (name, line, _) in tb.iter().rev() {
            if last == Some((name, *line)) || *line == 0 {
                continue;
            }
            last = Some((name, *line));
            out.push_str(&format!("  File \"{}\", line {line}, in {name}\n", vm.program.file));
            if let Some(src) = vm.program.lines.get(*line as usize - 1) {
                out.push_str(&format!("    {}\n", src.trim()));
            }
        }
    }
    let text = str_of(vm, e).unwrap_or_default();
    let name = inst.class.full_name();
    if text.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {text}\n"));
    }
    host.stderr(&out);
    if inst.class.is_subclass(&vm.exc_class("KeyboardInterrupt")) {
        130
    } else {
        1
    }
}
