//! The Python (pika) export: for every lesson and for scenarios full of
//! tricky names, the program compiles (`python3 -m py_compile`), every name
//! comes out as a Python string constant holding exactly that name (so no
//! name can inject code), and the program runs from start to end against a
//! fake `pika` that records what it is asked to do.
//!
//! Needs `python3`; without it the tests say so and pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Map, Value};
use warren::codegen::{self, Language};
use warren::i18n::Lang;
use warren::scenario::*;

fn python() -> Option<&'static str> {
    let ok = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: python3 is not installed, so the generated Python cannot be checked");
    }
    ok.then_some("python3")
}

fn dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pika-export");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, code: &str) -> PathBuf {
    let path = dir().join(format!("{name}.py"));
    std::fs::write(&path, code).unwrap();
    path
}

fn run(py: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(py).args(args).output().expect("python3 runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn compiles(py: &str, path: &Path) {
    let (ok, _, err) = run(py, &["-m", "py_compile", path.to_str().unwrap()]);
    assert!(ok, "{} does not compile:\n{err}", path.display());
}

/// The string constants and imports in a Python file.
fn constants(py: &str, path: &Path) -> (Vec<String>, Vec<String>) {
    let script = r#"
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())
strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
imports = sorted({a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names})
print(json.dumps({'strings': strings, 'imports': imports}))
"#;
    let (ok, out, err) = run(py, &["-c", script, path.to_str().unwrap()]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let list = |k: &str| v[k].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
    (list("strings"), list("imports"))
}

/// A stand-in for pika with the real signatures (so a wrong keyword fails),
/// no network, and connections that end the program's loops after a few
/// turns.
const FAKE_PIKA: &str = r#"
import threading

class Stop(Exception):
    pass

class DeliveryMode:
    Transient = 1
    Persistent = 2

class exceptions:
    class UnroutableError(Exception):
        pass
    class NackError(Exception):
        pass

class BasicProperties:
    def __init__(self, content_type=None, content_encoding=None, headers=None, delivery_mode=None, priority=None,
                 correlation_id=None, reply_to=None, expiration=None, message_id=None, timestamp=None, type=None,
                 user_id=None, app_id=None, cluster_id=None):
        self.headers, self.delivery_mode, self.priority = headers, delivery_mode, priority
        self.correlation_id, self.reply_to, self.expiration, self.message_id = correlation_id, reply_to, expiration, message_id

class ConnectionParameters:
    def __init__(self, host='localhost', port=5672, **kwargs):
        self.host = host

LOCK = threading.Lock()
CALLS = []
NAMES = [0]

def record(*call):
    with LOCK:
        CALLS.append(call)

class _Method:
    def __init__(self, queue=None, tag=1):
        self.queue, self.delivery_tag, self.redelivered = queue, tag, False

class _Frame:
    def __init__(self, queue):
        self.method = _Method(queue)

class BlockingChannel:
    def __init__(self, connection):
        self.connection, self.open, self.consumers = connection, True, []

    def exchange_declare(self, exchange, exchange_type='direct', passive=False, durable=False, auto_delete=False, internal=False, arguments=None):
        assert isinstance(exchange, str) and isinstance(exchange_type, str)
        record('exchange_declare', exchange)

    def queue_declare(self, queue, passive=False, durable=False, exclusive=False, auto_delete=False, arguments=None):
        assert isinstance(queue, str)
        with LOCK:
            NAMES[0] += 1
            name = queue or 'amq.gen-fake%d' % NAMES[0]
        record('queue_declare', name)
        return _Frame(name)

    def queue_bind(self, queue, exchange, routing_key=None, arguments=None):
        assert isinstance(queue, str) and isinstance(exchange, str)
        record('queue_bind', exchange, queue)

    def exchange_bind(self, destination, source, routing_key='', arguments=None):
        record('exchange_bind', source, destination)

    def basic_qos(self, prefetch_size=0, prefetch_count=0, global_qos=False):
        record('basic_qos', prefetch_count)

    def confirm_delivery(self):
        pass

    def basic_consume(self, queue, on_message_callback, auto_ack=False, exclusive=False, consumer_tag=None, arguments=None):
        assert isinstance(queue, str) and callable(on_message_callback)
        record('basic_consume', consumer_tag, queue)
        self.consumers.append(on_message_callback)

    def basic_publish(self, exchange, routing_key, body, properties=None, mandatory=False):
        assert isinstance(exchange, str) and isinstance(routing_key, str) and isinstance(body, (str, bytes))
        record('basic_publish', exchange, routing_key)

    def basic_ack(self, delivery_tag=0, multiple=False):
        record('basic_ack', delivery_tag)

    def basic_nack(self, delivery_tag=0, multiple=False, requeue=True):
        record('basic_nack', delivery_tag)

    def basic_reject(self, delivery_tag=0, requeue=True):
        record('basic_reject', delivery_tag)

    def close(self, reply_code=0, reply_text='Normal shutdown'):
        self.open = False

class BlockingConnection:
    def __init__(self, parameters=None):
        self.channels, self.turns = [], 0

    def channel(self, channel_number=None):
        ch = BlockingChannel(self)
        self.channels.append(ch)
        return ch

    def _turn(self):
        self.turns += 1
        if self.turns > 4:
            if threading.current_thread() is threading.main_thread():
                raise KeyboardInterrupt()
            raise Stop()

    def sleep(self, duration):
        assert duration >= 0
        self._turn()

    def process_data_events(self, time_limit=0):
        for ch in list(self.channels):
            for callback in list(ch.consumers):
                if ch.open:
                    props = BasicProperties(reply_to='amq.gen-reply', correlation_id='req-1', headers={'h': 1})
                    callback(ch, _Method(tag=self.turns + 1), props, b'a message')
                    record('delivered')
        self._turn()

    def close(self, reply_code=200, reply_text='Normal shutdown'):
        pass
"#;

const HARNESS: &str = r#"
import json, runpy, sys, threading, time
sys.path.insert(0, sys.argv[1])
import pika
errors = []
def hook(args):
    if not issubclass(args.exc_type, pika.Stop):
        errors.append('%s in %s: %s' % (args.exc_type.__name__, args.thread.name, args.exc_value))
threading.excepthook = hook
time.sleep = lambda seconds: None
program = runpy.run_path(sys.argv[2])
try:
    program['main']()
except KeyboardInterrupt:
    pass
for t in threading.enumerate():
    if t is not threading.current_thread():
        t.join(timeout=20)
calls = {}
for c in pika.CALLS:
    calls[c[0]] = calls.get(c[0], 0) + 1
print(json.dumps({'errors': errors, 'calls': calls, 'consumed': sorted({c[1] for c in pika.CALLS if c[0] == 'basic_consume'})}))
"#;

/// Runs the program against the fake pika: what it called.
fn smoke_run(py: &str, path: &Path) -> Value {
    let fake = dir().join("fake");
    std::fs::create_dir_all(&fake).unwrap();
    std::fs::write(fake.join("pika.py"), FAKE_PIKA).unwrap();
    let harness = dir().join("harness.py");
    std::fs::write(&harness, HARNESS).unwrap();
    let (ok, out, err) = run(py, &[harness.to_str().unwrap(), fake.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(ok, "{} failed against the fake pika:\n{err}", path.display());
    let v: Value = serde_json::from_str(out.lines().last().unwrap_or("{}")).unwrap();
    assert_eq!(v["errors"], json!([]), "{}: {err}", path.display());
    v
}

#[test]
fn every_lesson_exports_python_that_compiles_and_runs() {
    let Some(py) = python() else { return };
    for l in warren::lessons::all() {
        let code = codegen::export(&l.scenario, Language::Pika, Lang::En);
        let path = write(l.slug, &code);
        compiles(py, &path);
        let (_, imports) = constants(py, &path);
        assert_eq!(imports, ["pika", "threading", "time"], "{}", l.slug);
        let v = smoke_run(py, &path);
        let calls = &v["calls"];
        let n = |k: &str| calls.get(k).and_then(Value::as_u64).unwrap_or(0);
        assert_eq!(n("exchange_declare") as usize, l.scenario.exchanges.len(), "{}", l.slug);
        assert_eq!(n("queue_declare") as usize, l.scenario.queues.len(), "{}", l.slug);
        assert!(n("basic_publish") >= l.scenario.producers.len() as u64, "{}: {calls}", l.slug);
        let consumers: Vec<&str> = l.scenario.consumers.iter().map(|c| c.name.as_str()).collect();
        let mut consumed: Vec<String> =
            v["consumed"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
        consumed.sort();
        let mut expected: Vec<String> = consumers.iter().map(|c| c.to_string()).collect();
        expected.sort();
        assert_eq!(consumed, expected, "{}", l.slug);
        if l.scenario.consumers.iter().any(|c| c.ack == AckMode::Manual && c.outcome == Outcome::Ack) {
            assert!(n("basic_ack") > 0, "{}: {calls}", l.slug);
        }
        if l.scenario.consumers.iter().any(|c| c.prefetch > 0) {
            assert!(n("basic_qos") > 0, "{}", l.slug);
        }
    }
}

#[test]
fn lesson_programs_say_what_the_lessons_do() {
    let code =
        |slug: &str| codegen::export(&warren::lessons::by_slug(slug).unwrap().scenario, Language::Pika, Lang::En);
    let work = code("work-queues");
    assert!(work.contains("channel.basic_qos(prefetch_count=1)"));
    assert!(work.contains("delivery_mode=pika.DeliveryMode.Persistent"));
    assert!(work.contains("ch.basic_ack(delivery_tag=method.delivery_tag)"));
    assert!(work.contains("if received >= 3:"));
    assert!(work.contains("result = channel.queue_declare(queue='task_queue', durable=True, exclusive=False, auto_delete=False, arguments=None)"));
    let rpc = code("rpc");
    assert!(rpc.contains("reply_to=QUEUES['reply']"));
    assert!(rpc.contains("correlation_id=fill('req-{n}', n)"));
    assert!(rpc.contains("routing_key=properties.reply_to"));
    assert!(rpc.contains("queue_declare(queue='', durable=False, exclusive=True"));
    let headers = code("headers");
    assert!(headers.contains("arguments={'format': 'pdf', 'type': 'report', 'x-match': 'all'}"));
    assert!(headers.contains("headers={'format': 'pdf', 'type': 'log'}"));
    let ae = code("alternate-exchange");
    assert!(ae.contains("exchange_type='direct', durable=False, auto_delete=False, internal=False, arguments={'alternate-exchange': 'unrouted'}"));
    let dl = code("dead-lettering");
    assert!(dl.contains("arguments={'x-dead-letter-exchange': 'dlx', 'x-message-ttl': 4000}"));
    assert!(dl.contains("ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)"));
    let pubsub = code("publish-subscribe");
    assert!(pubsub.contains("auto_ack=True"));
    assert!(!pubsub.contains("basic_qos"));
    assert!(code("priorities").contains("properties=pika.BasicProperties(priority=9)"));
}

const TRICKY: [&str; 10] = [
    "it's a \"quote\"",
    "back\\slash\\",
    "café ☕ 日本 🐇",
    "line one\nline two",
    "'); import os; os.system('echo pwned'); ('",
    "\"\"\" docstring end",
    "tab\tand\rreturn\u{0}nul",
    "\u{202e}reversed\u{2028}separator",
    "{n} {name} %s {{}}",
    "# not a comment",
];

fn tricky_scenario() -> Scenario {
    let mut headers = Map::new();
    for (i, t) in TRICKY.iter().enumerate() {
        headers.insert(t.to_string(), json!([i, t, {"nested": t, "f": 1.5, "b": true}]));
    }
    let mut s = Scenario { title: TRICKY[4].to_string(), ..Default::default() };
    for (i, t) in TRICKY.iter().enumerate() {
        let xid = format!("x{i}{t}");
        let qid = format!("q{i}{t}");
        s.exchanges.push(ExchangeNode {
            id: xid.clone(),
            name: t.to_string(),
            kind: ExchangeKind::ALL[i % 4],
            durable: i % 2 == 0,
            auto_delete: false,
            internal: false,
            alternate_exchange: (i > 0).then(|| format!("x{}{}", i - 1, TRICKY[i - 1])),
            arguments: Map::new(),
            x: 0.0,
            y: 0.0,
        });
        s.queues.push(QueueNode {
            id: qid.clone(),
            name: if i == 3 { String::new() } else { format!("queue {t}") },
            exclusive: i % 3 == 0,
            dead_letter_exchange: Some(xid.clone()),
            dead_letter_routing_key: Some(t.to_string()),
            arguments: headers.clone(),
            ..Default::default()
        });
        s.bindings.push(BindingEdge {
            id: String::new(),
            from: xid.clone(),
            to: qid.clone(),
            routing_key: t.to_string(),
            arguments: headers.clone(),
        });
        s.producers.push(ProducerNode {
            id: format!("p{i}{t}"),
            name: t.to_string(),
            exchange: Some(xid.clone()),
            message: MessageTemplate {
                routing_key: t.to_string(),
                body: format!("{t} #{{n}}"),
                headers: headers.clone(),
                persistent: true,
                expiration: Some("1000".into()),
                priority: Some(3),
                reply_to: Some(t.to_string()),
                reply_to_queue: None,
                correlation_id: Some(t.to_string()),
                message_id: Some(t.to_string()),
                mandatory: true,
            },
            schedule: [
                Schedule::Manual,
                Schedule::Once { at_ms: 5 },
                Schedule::Every { every_ms: 10, start_ms: 0, count: None, batch: 3 },
                Schedule::Burst { count: 3, at_ms: 0 },
            ][i % 4]
                .clone(),
            x: 0.0,
            y: 0.0,
        });
        s.consumers.push(ConsumerNode {
            id: format!("c{i}{t}"),
            name: t.to_string(),
            queue: Some(qid),
            ack: if i % 2 == 0 { AckMode::Manual } else { AckMode::Auto },
            prefetch: i as u16,
            processing_ms: 1_234,
            outcome: Outcome::ALL[i % 6],
            crash_after: (i % 4 == 1).then_some(2),
            reply: i % 2 == 0,
            exclusive: i == 5,
            priority: Some(i as i32 - 3),
            same_client_as: None,
            stream_offset: None,
            x: 0.0,
            y: 0.0,
        });
    }
    // A second consumer on an exclusive queue shares its owner's connection.
    let mut second = s.consumers[0].clone();
    second.id = "second".into();
    second.name = TRICKY[1].to_string();
    s.consumers.push(second);
    s
}

#[test]
fn tricky_names_come_out_as_exact_string_constants() {
    let Some(py) = python() else { return };
    let s = tricky_scenario();
    let code = codegen::export(&s, Language::Pika, Lang::En);
    let path = write("tricky", &code);
    compiles(py, &path);
    let (strings, imports) = constants(py, &path);
    assert_eq!(imports, ["pika", "threading", "time"], "a name added an import");
    for t in TRICKY {
        assert!(strings.iter().any(|s| s == t), "{t:?} is not a string constant in the program");
        assert!(strings.iter().any(|s| *s == format!("queue {t}")) || t == TRICKY[3]);
    }
    assert!(!code.contains('\u{202e}') && !code.contains('\u{0}') && !code.contains('\u{2028}'));
    let v = smoke_run(py, &path);
    assert_eq!(v["calls"]["exchange_declare"], json!(TRICKY.len()));
    assert_eq!(v["calls"]["queue_declare"], json!(TRICKY.len()));
}

#[test]
fn unconnected_nodes_and_empty_scenarios_still_make_a_program() {
    let Some(py) = python() else { return };
    let mut s = Scenario::default();
    let path = write("empty", &codegen::export(&s, Language::Pika, Lang::En));
    compiles(py, &path);
    smoke_run(py, &path);
    s.producers.push(ProducerNode {
        id: "p".into(),
        name: "lonely".into(),
        exchange: None,
        message: Default::default(),
        schedule: Schedule::Manual,
        x: 0.0,
        y: 0.0,
    });
    s.consumers.push(ConsumerNode {
        id: "c".into(),
        name: "idle".into(),
        queue: None,
        ack: AckMode::Manual,
        prefetch: 0,
        processing_ms: 0,
        outcome: Outcome::Ack,
        crash_after: None,
        reply: false,
        exclusive: false,
        priority: None,
        same_client_as: None,
        stream_offset: None,
        x: 0.0,
        y: 0.0,
    });
    let path = write("unconnected", &codegen::export(&s, Language::Pika, Lang::En));
    compiles(py, &path);
    smoke_run(py, &path);
    assert_eq!(Language::parse("PIKA"), Some(Language::Pika));
    assert_eq!(Language::parse("java"), None);
}

/// Calls the program's `say` from many threads at once, with a stdout that
/// gives other threads a turn between any two writes: every line must come
/// out whole.
const LINES_HARNESS: &str = r#"
import json, runpy, sys, threading, time
sys.path.insert(0, sys.argv[1])
program = runpy.run_path(sys.argv[2])

class SlowStdout:
    def __init__(self):
        self.text = []
    def write(self, s):
        self.text.append(s)
        time.sleep(0.0002)
        return len(s)
    def flush(self):
        pass

out = SlowStdout()
real, sys.stdout = sys.stdout, out
def talk(t):
    for i in range(40):
        program['say'](f'thread {t}: line {i} of a message that is long enough to notice')
threads = [threading.Thread(target=talk, args=(t,)) for t in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.stdout = real
print(json.dumps(''.join(out.text).split('\n')))
"#;

#[test]
fn exported_programs_print_whole_lines_from_threads() {
    let Some(py) = python() else { return };
    for l in warren::lessons::all() {
        let code = codegen::export(&l.scenario, Language::Pika, Lang::En);
        let prints = code
            .lines()
            .filter(|line| line.contains("print(") && !line.trim_start().starts_with('#'))
            .collect::<Vec<_>>();
        assert_eq!(prints, ["        print(text, flush=True)"], "{}: only say() prints", l.slug);
    }
    let code = codegen::export(&warren::lessons::by_slug("rpc").unwrap().scenario, Language::Pika, Lang::En);
    let path = write("lines", &code);
    let fake = dir().join("fake");
    std::fs::create_dir_all(&fake).unwrap();
    std::fs::write(fake.join("pika.py"), FAKE_PIKA).unwrap();
    let harness = dir().join("lines_harness.py");
    std::fs::write(&harness, LINES_HARNESS).unwrap();
    let (ok, out, err) = run(py, &[harness.to_str().unwrap(), fake.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(ok, "{err}");
    let lines: Vec<String> = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let whole = |l: &str| {
        l.strip_prefix("thread ").and_then(|r| r.split_once(": line ")).is_some_and(|(t, rest)| {
            t.len() == 1 && rest.ends_with(" of a message that is long enough to notice") && !rest.contains("thread")
        })
    };
    let broken: Vec<&String> = lines.iter().filter(|l| !l.is_empty() && !whole(l)).collect();
    assert!(broken.is_empty(), "lines glued together: {broken:?}");
    assert_eq!(lines.iter().filter(|l| !l.is_empty()).count(), 6 * 40);
}

#[test]
fn every_lessons_per_client_programs_compile_with_cpython() {
    let Some(py) = python() else { return };
    for l in warren::lessons::all() {
        for f in codegen::programs(&l.scenario, Language::Pika, Lang::En) {
            let path = write(&format!("{}-{}", l.slug, f.name.trim_end_matches(".py")), &f.source);
            compiles(py, &path);
        }
    }
}

#[test]
fn chinese_exports_compile_with_cpython_and_keep_the_tricky_names_exact() {
    let Some(py) = python() else { return };
    for l in warren::lessons::all() {
        let path = write(&format!("{}-zh", l.slug), &codegen::export(&l.scenario, Language::Pika, Lang::Zh));
        compiles(py, &path);
        for f in codegen::programs(&l.scenario, Language::Pika, Lang::Zh) {
            let path = write(&format!("{}-zh-{}", l.slug, f.name.trim_end_matches(".py")), &f.source);
            compiles(py, &path);
        }
    }
    let s = tricky_scenario();
    let (en, zh) = (codegen::export(&s, Language::Pika, Lang::En), codegen::export(&s, Language::Pika, Lang::Zh));
    assert!(zh.contains("# 按 Ctrl+C 停止。"), "{zh}");
    let zh_path = write("tricky-zh", &zh);
    compiles(py, &zh_path);
    assert_eq!(constants(py, &zh_path), constants(py, &write("tricky-en", &en)));
}
