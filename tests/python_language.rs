//! The interpreter against CPython: each tests/python/NAME.py runs with
//! argv `a b` and must print exactly NAME.stdout (recorded with CPython
//! 3.11.7); plus the limits (recursion, memory, steps) and load refusals.

use std::rc::Rc;

use warren::python::compile::compile;
use warren::python::{Host, Interp, RunOutcome, Value};

#[derive(Default)]
struct Capture {
    out: String,
    err: String,
}

impl Host for Capture {
    fn now(&self) -> u64 {
        0
    }
    fn stdout(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn stderr(&mut self, s: &str) {
        self.err.push_str(s);
    }
    fn import(&mut self, _: &mut Interp, _: &str) -> Option<Value> {
        None
    }
    fn amqp(&mut self) -> Option<warren::runner::pika::Amqp<'_>> {
        None
    }
}

fn run(file: &str, source: &str) -> (Capture, RunOutcome) {
    let program = compile(file, source).expect("compiles");
    let argv = vec![file.to_string(), "a".into(), "b".into()];
    let mut vm = Interp::new(Rc::new(program), argv, 1, 100);
    let mut host = Capture::default();
    let out = vm.run(&mut host, 50_000_000);
    (host, out)
}

#[test]
fn language_matches_cpython() {
    let source = include_str!("python/language.py");
    let (host, out) = run("language.py", source);
    assert_eq!(host.out, include_str!("python/language.stdout"), "stderr: {}", host.err);
    assert_eq!(host.err, "to stderr\n");
    assert_eq!(out, RunOutcome::Exited(3));
}

#[test]
fn uncaught_exception_prints_a_traceback_and_exits_1() {
    let (host, out) = run("t.py", "def f(d):\n    return d['k']\n\nf({})\n");
    assert_eq!(out, RunOutcome::Exited(1));
    assert_eq!(
        host.err,
        "Traceback (most recent call last):\n  File \"t.py\", line 4, in <module>\n    f({})\n  File \"t.py\", line 2, in f\n    return d['k']\nKeyError: 'k'\n"
    );
}

#[test]
fn memory_bomb_raises_memory_error() {
    let (host, out) = run("m.py", "x = 'x' * 10**10\n");
    assert_eq!(out, RunOutcome::Exited(1));
    assert!(
        host.err.ends_with("MemoryError: Warren caps a str or bytes at 64 MiB and a list or dict at 4194304 items\n"),
        "{}",
        host.err
    );
    for bomb in
        ["x = [0] * 10**9\n", "x = list(range(10**9))\n", "x = b'ab' * 10**9\n", "x = 'ab'\nwhile True:\n    x += x\n"]
    {
        let (host, out) = run("m.py", bomb);
        assert_eq!(out, RunOutcome::Exited(1), "{bomb}");
        assert!(host.err.contains("MemoryError: Warren caps"), "{bomb}: {}", host.err);
    }
}

#[test]
fn a_spinning_program_spends_its_budget() {
    let program = compile("s.py", "while True:\n    pass\n").expect("compiles");
    let mut vm = Interp::new(Rc::new(program), vec![], 1, 1);
    assert_eq!(vm.run(&mut Capture::default(), 10_000), RunOutcome::Budget);
}

#[test]
fn unsupported_constructs_are_refused_with_where_and_what_instead() {
    let r = compile("p.py", "import pika\nimport requests\n").unwrap_err();
    assert_eq!((r.line, r.column, r.construct.as_str()), (2, 8, "import requests"));
    assert!(r.message.starts_with("Warren runs pika programs; modules it knows: pika, sys"), "{}", r.message);
    let r = compile("p.py", "def g():\n    yield 1\n").unwrap_err();
    assert_eq!((r.line, r.column, r.construct.as_str()), (2, 5, "yield"));
    let r = compile("p.py", "x = (\n").unwrap_err();
    assert_eq!(r.construct, "SyntaxError");
    let r = compile("p.py", "class A:\n    def __str__(self):\n        return ''\n").unwrap_err();
    assert_eq!((r.line, r.construct.as_str()), (2, "special method __str__"));
}

#[test]
fn programs_serialise_across_the_parser_boundary() {
    let program = compile("p.py", "print('hi')\n").expect("compiles");
    let json = serde_json::to_string(&program).expect("serialises");
    let back: warren::python::Program = serde_json::from_str(&json).expect("deserialises");
    let mut vm = Interp::new(Rc::new(back), vec![], 1, 1);
    let mut host = Capture::default();
    assert_eq!(vm.run(&mut host, 1000), RunOutcome::Exited(0));
    assert_eq!(host.out, "hi\n");
}

#[test]
#[ignore]
fn scratch() {
    let source = std::fs::read_to_string("/tmp/snip.py").unwrap_or_default();
    let (host, out) = run("snip.py", &source);
    println!("{}---\n{}---{:?}", host.out, host.err, out);
}
