//! Every method through [`call`] on a bare simulation: results, and bad
//! calls answered with `{ok: false, error}` that change nothing.

use serde_json::{json, Value};

use super::*;
use crate::api::MAX_ADVANCE_MS;
use crate::scenario::{QueueNode, Scenario};

/// A host over a bare simulation, as the page is over its runtime.
struct TestHost {
    sim: Simulation,
    playing: bool,
    loads: usize,
    /// Processes still running in the simulation a load replaced.
    running_at_load: usize,
}

impl Host for TestHost {
    fn read(&self, f: &mut dyn FnMut(&Simulation) -> Value) -> Result<Value, String> {
        Ok(f(&self.sim))
    }
    fn act(&mut self, f: &mut dyn FnMut(&mut Simulation) -> Value) -> Result<Value, String> {
        Ok(f(&mut self.sim))
    }
    fn load(&mut self, scenario: Scenario) -> Result<(), String> {
        self.running_at_load += self.sim.processes().filter(|(_, p)| p.running()).count();
        self.sim = Simulation::new(scenario);
        self.loads += 1;
        Ok(())
    }
    fn set_playing(&mut self, playing: bool) -> Result<(), String> {
        self.playing = playing;
        Ok(())
    }
    fn playing(&self) -> bool {
        self.playing
    }
    fn step(&mut self) -> Result<bool, String> {
        self.playing = false;
        Ok(self.sim.step())
    }
}

fn host() -> TestHost {
    let s = Scenario {
        queues: vec![QueueNode { id: "q".into(), name: "orders".into(), ..Default::default() }],
        ..Default::default()
    };
    TestHost { sim: Simulation::new(s), playing: false, loads: 0, running_at_load: 0 }
}

fn lesson(slug: &str) -> Value {
    serde_json::from_str(crate::lessons::source(slug).unwrap()).unwrap()
}

#[test]
fn every_method_answers() {
    let mut h = host();
    assert_eq!(call(&mut h, "ping", &[])["version"], json!(API_VERSION));
    let r = call(&mut h, "load", &[lesson("work-queues")]);
    assert_eq!(r["ok"], json!(true), "{r}");
    assert_eq!(h.loads, 1);
    let text = call(&mut h, "scenario", &[]);
    let again = crate::scenario::parse(text.as_str().unwrap()).unwrap();
    assert_eq!(&again, h.sim.scenario(), "scenario() is the document in play");
    assert_eq!(call(&mut h, "play", &[]), json!({"ok": true, "playing": true}));
    assert_eq!(call(&mut h, "pause", &[]), json!({"ok": true, "playing": false}));
    let r = call(&mut h, "step", &[]);
    assert_eq!(r["moved"], json!(true), "{r}");
    let r = call(&mut h, "advance", &[json!(1500)]);
    assert_eq!(r["ok"], json!(true));
    assert!(r["now"].as_u64().unwrap() >= 1500);
    let r = call(&mut h, "publish", &[json!({"routing_key": "task_queue", "body": "by hand"})]);
    assert_eq!(r["routed"], json!(["task_queue"]), "{r}");
    let snap = call(&mut h, "snapshot", &[]);
    assert!(snap["queues"]["task_queue"].is_object(), "{snap}");
    let defs = call(&mut h, "exportDefinitions", &[]);
    assert_eq!(defs["ok"], json!(true));
    let defs_json: Value = serde_json::from_str(defs["json"].as_str().unwrap()).unwrap();
    assert!(defs_json["queues"].as_array().unwrap().iter().any(|q| q["name"] == "task_queue"));
    let code = call(&mut h, "exportCode", &[json!("pika")]);
    assert!(code["code"].as_str().unwrap().contains("import pika"));
    assert_eq!(call(&mut h, "exportCode", &[])["filename"], json!("warren.py"));
    let r = call(&mut h, "importDefinitions", std::slice::from_ref(&defs_json));
    assert_eq!(r["ok"], json!(true), "{r}");
    assert_eq!(h.loads, 2);
    assert!(h.sim.broker().queue("task_queue").is_some());
    let r = call(&mut h, "importDefinitions", &[Value::String(defs["json"].as_str().unwrap().into())]);
    assert_eq!(r["ok"], json!(true), "definitions as text too");
}

#[test]
fn bad_calls_say_why_and_change_nothing() {
    let cases: Vec<(&str, Vec<Value>, &str)> = vec![
        ("frobnicate", vec![], "unknown method 'frobnicate'"),
        ("", vec![], "unknown method ''"),
        ("constructor", vec![], "unknown method"),
        ("load", vec![], "load takes one argument"),
        ("load", vec![json!(7)], "expects a scenario"),
        ("load", vec![json!({"warren": 3})], "unknown format version 3"),
        ("load", vec![json!("{\"warren\": 1, \"queues\": [{\"id\": 1}]}")], "queues[0]"),
        ("load", vec![json!(null)], "expects a scenario"),
        ("play", vec![json!(true)], "play takes no arguments"),
        ("step", vec![json!(1)], "step takes no arguments"),
        ("advance", vec![], "advance takes one argument"),
        ("advance", vec![json!(-5)], "negative"),
        ("advance", vec![json!(1.5)], "not a whole number"),
        ("advance", vec![json!(null)], "got null"),
        ("advance", vec![json!("100")], "got a string"),
        ("advance", vec![json!(1e300)], "not a whole number"),
        ("advance", vec![json!(MAX_ADVANCE_MS + 1)], "more than the limit"),
        ("publish", vec![], "publish takes one argument"),
        ("publish", vec![json!("orders")], "expects an object"),
        ("publish", vec![json!({"routing_key": "orders", "bogus": 1})], "unknown field 'bogus'"),
        ("publish", vec![json!({"exchange": "nope"})], "no exchange 'nope'"),
        ("snapshot", vec![json!({})], "snapshot takes no arguments"),
        ("importDefinitions", vec![json!("{]")], "importDefinitions"),
        ("importDefinitions", vec![json!(12)], "expects a JSON document"),
        ("importDefinitions", vec![json!({"queues": [{"name": 5}]})], "queues[0]"),
        ("exportCode", vec![json!("cobol")], "unknown language 'cobol'"),
        ("exportCode", vec![json!(3)], "expects a language name"),
        ("exportDefinitions", vec![json!(1)], "takes no arguments"),
    ];
    let mut h = host();
    call(&mut h, "publish", &[json!({"routing_key": "orders", "body": "kept"})]);
    let before = call(&mut h, "snapshot", &[]);
    let scenario_before = call(&mut h, "scenario", &[]);
    for (method, args, text) in cases {
        let r = call(&mut h, method, &args);
        assert_eq!(r["ok"], json!(false), "{method}({args:?}) -> {r}");
        let e = r["error"].as_str().unwrap();
        assert!(e.contains(text), "{method}({args:?}): {e}");
    }
    assert_eq!(h.loads, 0, "no bad call loaded anything");
    assert_eq!(call(&mut h, "snapshot", &[]), before);
    assert_eq!(call(&mut h, "scenario", &[]), scenario_before);
    assert!(!h.playing);
}

#[test]
fn the_envelope() {
    let call_msg = json!({"warren": 7, "method": "publish", "args": [{"body": "x"}]});
    assert_eq!(
        Incoming::parse(&call_msg),
        Incoming::Call { id: json!(7), method: "publish".into(), args: vec![json!({"body": "x"})] }
    );
    assert_eq!(
        Incoming::parse(&json!({"warren": "a", "method": "snapshot"})),
        Incoming::Call { id: json!("a"), method: "snapshot".into(), args: vec![] }
    );
    // Not calls: other scripts' messages, Warren's own replies and events.
    for other in [
        json!("hello"),
        json!(null),
        json!({"type": "resize"}),
        reply(&json!(1), json!({"ok": true})),
        ready_event(),
        json!({"warren": 1}),
    ] {
        assert_eq!(Incoming::parse(&other), Incoming::NotACall, "{other}");
    }
    for (bad, text) in [
        (json!({"warren": 1, "method": 5}), "method must be a string"),
        (json!({"warren": 1, "method": "load", "args": {"a": 1}}), "args must be an array"),
        (json!({"warren": 1, "method": "load", "args": [1, 2]}), "at most 1 argument"),
        (json!({"warren": {"x": 1}, "method": "load"}), "call id"),
        (json!({"warren": "x".repeat(300), "method": "load"}), "call id"),
    ] {
        match Incoming::parse(&bad) {
            Incoming::Bad { error, .. } => assert!(error.contains(text), "{bad}: {error}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(reply(&json!(3), json!("x")), json!({"warren": 3, "result": "x"}));
}

#[test]
fn an_xss_payload_is_only_data() {
    let payload = "<img src=x onerror=alert(1)>";
    let mut h = host();
    let doc = json!({"warren": 1, "queues": [{"id": "q", "name": payload}]});
    assert_eq!(call(&mut h, "load", &[doc])["ok"], json!(true));
    let r = call(&mut h, "publish", &[json!({"routing_key": payload, "body": payload})]);
    assert_eq!(r["routed"], json!([payload]));
    assert_eq!(call(&mut h, "snapshot", &[])["queues"][payload]["ready"], json!([payload]));
}

const RECEIVE: &str = "import pika\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.queue_declare(queue='hello')\n\
def cb(ch, method, properties, body):\n    print(' [x] Received %r' % body)\n\
ch.basic_consume(queue='hello', on_message_callback=cb, auto_ack=True)\n\
print(' [*] Waiting for messages. To exit press CTRL+C')\n\
ch.start_consuming()\n";

#[test]
fn programs_through_the_api() {
    let mut h = host();
    let r = call(
        &mut h,
        "loadPrograms",
        &[json!([{"name": "receive.py", "source": RECEIVE}, {"name": "bad.py", "source": "import requests\n"}])],
    );
    assert_eq!(r["ok"], json!(true), "{r}");
    assert_eq!(r["programs"], json!(["receive.py", "bad.py"]));
    assert_eq!(r["notes"][0]["program"], json!("bad.py"));
    assert_eq!(r["notes"][0]["line"], json!(1));
    assert!(r["notes"][0]["message"].as_str().unwrap().contains("modules it knows"), "{r}");
    assert_eq!(h.sim.scenario().programs.len(), 2, "the document carries the sources");
    let r = call(&mut h, "run", &[json!("python3 receive.py")]);
    assert_eq!(r, json!({"ok": true, "pid": 1000}));
    call(&mut h, "publish", &[json!({"routing_key": "hello", "body": "Hello World!"})]);
    call(&mut h, "advance", &[json!(10)]);
    let p = &call(&mut h, "processes", &[])["processes"][0];
    assert_eq!(
        (p["pid"].clone(), p["state"].clone(), p["exit_code"].clone()),
        (json!(1000), json!("running"), json!(null))
    );
    assert_eq!(p["stdout"], json!(" [*] Waiting for messages. To exit press CTRL+C\n [x] Received b'Hello World!'\n"));
    assert_eq!(call(&mut h, "snapshot", &[])["queues"]["hello"]["consumers"], json!(1), "the program's queue");
    assert_eq!(call(&mut h, "interrupt", &[json!(1000)]), json!({"ok": true}));
    let p = &call(&mut h, "processes", &[])["processes"][0];
    assert_eq!((p["state"].clone(), p["exit_code"].clone()), (json!("exited"), json!(130)));
    assert!(p["stderr"].as_str().unwrap().ends_with("KeyboardInterrupt\n"));
    let r = call(&mut h, "run", &[json!("python3 bad.py")]);
    assert!(r["error"].as_str().unwrap().contains("bad.py:1:8: import requests: Warren runs pika programs"), "{r}");
    call(&mut h, "run", &[json!("python3 receive.py")]);
    assert_eq!(call(&mut h, "load", &[lesson("hello-world")])["ok"], json!(true));
    assert_eq!(h.running_at_load, 0, "load ended the running process first");
}

#[test]
fn advance_runs_a_spinning_program_to_its_budget_and_then_moves_the_clock() {
    let mut h = host();
    h.sim.programs.spin_budget = 2 * crate::runner::STEP_SLICE;
    call(&mut h, "loadPrograms", &[json!([{"name": "spin.py", "source": "while True:\n    pass\n"}])]);
    call(&mut h, "run", &[json!("python3 spin.py")]);
    let r = call(&mut h, "advance", &[json!(500)]);
    assert_eq!((r["now"].clone(), r["computing"].clone()), (json!(500), json!(false)), "{r}");
    let p = &call(&mut h, "processes", &[])["processes"][0];
    assert_eq!(p["exit_code"], json!(1), "stopped by the step budget");
}

#[test]
fn bad_program_calls_say_why() {
    let mut h = host();
    for (method, args, text) in [
        ("loadPrograms", vec![json!({"name": "a.py"})], "expects an array"),
        ("loadPrograms", vec![json!([{"name": "a.py"}])], "[0].source is missing"),
        ("loadPrograms", vec![json!([{"name": 3, "source": ""}])], "[0].name must be a string"),
        ("loadPrograms", vec![json!([{"name": "a/b.py", "source": ""}])], "no folders"),
        ("loadPrograms", vec![json!([{"name": "a.py", "source": "", "lang": "py"}])], "unknown field 'lang'"),
        ("run", vec![], "run takes one argument"),
        ("run", vec![json!(5)], "expects a command line"),
        (
            "run",
            vec![json!("python3 nope.py")],
            "python3: can't open file 'nope.py': [Errno 2] No such file or directory",
        ),
        ("run", vec![json!("rm -rf /")], "rm: command not found"),
        ("processes", vec![json!(1)], "processes takes no arguments"),
        ("interrupt", vec![json!("1000")], "expects a process id"),
        ("interrupt", vec![json!(-1)], "expects a process id"),
        ("interrupt", vec![json!(4242)], "no process 4242"),
    ] {
        let r = call(&mut h, method, &args);
        assert_eq!(r["ok"], json!(false), "{method}({args:?}) -> {r}");
        assert!(r["error"].as_str().unwrap().contains(text), "{method}({args:?}): {r}");
    }
    assert_eq!(call(&mut h, "processes", &[]), json!({"ok": true, "processes": []}));
    assert!(h.sim.scenario().programs.is_empty());
}
