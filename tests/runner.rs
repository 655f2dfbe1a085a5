//! The runner natively: processes on the virtual clock, deliveries,
//! Ctrl+C, and what ending a process does to the broker.

use warren::runner::Runner;

const FORGETFUL: &str = "import pika\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.queue_declare(queue='jobs')\n\
def cb(ch, method, properties, body):\n    print('got', body, method.redelivered)\n\
ch.basic_consume(queue='jobs', on_message_callback=cb)\n\
ch.start_consuming()\n";

const SEND: &str = "import pika, sys\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.basic_publish(exchange='', routing_key='jobs', body=sys.argv[1])\n\
conn.close()\n";

#[test]
fn unacked_messages_return_redelivered_when_a_process_ends() {
    let mut r = Runner::new(1);
    r.load("worker.py", FORGETFUL).unwrap();
    r.load("send.py", SEND).unwrap();
    let w = r.run("python3 worker.py").unwrap();
    r.advance(100);
    r.run("python3 send.py one").unwrap();
    r.advance(100);
    assert_eq!(r.process(w).unwrap().stdout, "got b'one' False\n");
    assert_eq!(r.broker.queue("jobs").unwrap().unacked, 1);
    r.interrupt(w);
    assert_eq!(r.process(w).unwrap().exit, Some(130));
    assert_eq!(r.broker.queue("jobs").unwrap().ready.len(), 1);
    let w2 = r.run("python3 worker.py").unwrap();
    r.advance(100);
    assert_eq!(r.process(w2).unwrap().stdout, "got b'one' True\n");
}

#[test]
fn sleep_runs_on_the_virtual_clock() {
    let mut r = Runner::new(1);
    r.load("s.py", "import time\nt = time.time()\ntime.sleep(2.5)\nprint(time.time() - t)\n").unwrap();
    let p = r.run("python3 s.py").unwrap();
    r.advance(2000);
    assert_eq!(r.process(p).unwrap().exit, None);
    r.advance(600);
    assert_eq!(r.process(p).unwrap().stdout, "2.5\n");
    assert_eq!(r.process(p).unwrap().exit, Some(0));
}

#[test]
fn a_wrong_password_for_a_known_user_is_refused_and_new_users_are_added() {
    let mut r = Runner::new(1);
    let src = "import pika, sys\n\
creds = pika.PlainCredentials(sys.argv[1], sys.argv[2])\n\
pika.BlockingConnection(pika.ConnectionParameters('localhost', credentials=creds))\n\
print('ok')\n";
    r.load("c.py", src).unwrap();
    let bad = r.run("python3 c.py guest nope").unwrap();
    let p = r.process(bad).unwrap();
    assert_eq!(p.exit, Some(1));
    assert!(p.stderr.ends_with("pika.exceptions.ProbableAuthenticationError: ConnectionClosedByBroker: (403) 'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.'\n"), "{}", p.stderr);
    let new = r.run("python3 c.py alice secret").unwrap();
    assert_eq!(r.process(new).unwrap().stdout, "ok\n");
    assert_eq!(r.programs.users.get("alice").map(String::as_str), Some("secret"));
}

#[test]
fn a_program_that_never_waits_is_stopped_with_a_note_and_the_others_go_on() {
    let mut r = Runner::new(1);
    r.programs.spin_budget = 50_000;
    r.load("spin.py", "n = 0\nwhile True:\n    n += 1\n").unwrap();
    r.load("s.py", "import time\ntime.sleep(1)\nprint('still here')\n").unwrap();
    let calm = r.run("python3 s.py").unwrap();
    let spin = r.run("python3 spin.py").unwrap();
    r.advance(2000);
    let p = r.process(spin).unwrap();
    assert_eq!(p.exit, Some(1));
    let note = p.note.as_ref().unwrap();
    assert!(note.english().starts_with("Warren stopped this program: it ran 50000 steps"), "{note:?}");
    let zh = note.render(warren::i18n::Lang::Zh);
    assert!(zh.starts_with("Warren 停止了这个程序：它连续执行了 50000 步"), "{zh}");
    assert!(
        zh.contains("channel.start_consuming()、connection.process_data_events(time_limit=1) 或 time.sleep(1)"),
        "{zh}"
    );
    assert_eq!(r.process(calm).unwrap().stdout, "still here\n");
}

#[test]
fn queue_arguments_reach_the_broker_with_pika_types() {
    let mut r = Runner::new(1);
    let src = "import pika\n\
ch = pika.BlockingConnection().channel()\n\
ch.queue_declare('q', arguments={'x-max-length': 2, 'x-overflow': 'reject-publish', 'x-big': 2**40, 'x-on': True, 'x-t': {'a': [1, 'b']}})\n\
for i in range(3):\n    ch.basic_publish('', 'q', str(i))\n";
    r.load("a.py", src).unwrap();
    r.run("python3 a.py").unwrap();
    let q = r.broker.queue("q").unwrap();
    assert_eq!(q.ready.len(), 2);
    use warren::engine::FieldValue;
    assert_eq!(q.arguments.get("x-max-length"), Some(&FieldValue::Int(2)));
    assert_eq!(q.arguments.get("x-big").map(|v| v.type_name()), Some("long"));
    assert_eq!(q.arguments.get("x-on"), Some(&FieldValue::Bool(true)));
    assert_eq!(
        q.arguments.get("x-t"),
        Some(&FieldValue::Table(warren::engine::FieldTable::from_pairs([(
            "a",
            FieldValue::Array(vec![FieldValue::Int(1), FieldValue::Str("b".into())])
        )])))
    );
}

#[test]
fn threads_run_as_tasks_on_the_virtual_clock_in_a_fixed_order() {
    let src = "import threading, time\n\
def work(name, pause):\n    for i in range(2):\n        time.sleep(pause)\n        print(name, i, round(time.time() - t0, 1))\n\
t0 = time.time()\n\
a = threading.Thread(target=work, args=('a', 0.3))\n\
b = threading.Thread(target=work, kwargs={'name': 'b', 'pause': 0.5}, daemon=True)\n\
a.start(); b.start()\n\
a.join()\n\
print('joined', a.is_alive(), b.is_alive())\n";
    let mut r = Runner::new(1);
    r.load("t.py", src).unwrap();
    let p = r.run("python3 t.py").unwrap();
    r.advance(5000);
    let p = r.process(p).unwrap();
    assert_eq!(p.stdout, "a 0 0.3\nb 0 0.5\na 1 0.6\njoined False True\n");
    assert_eq!(p.exit, Some(0), "the daemon thread does not keep the process alive");
}

/// A runner with every corpus program loaded.
fn corpus() -> Runner {
    let mut r = Runner::new(7);
    for entry in std::fs::read_dir("tests/programs").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "py") {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            r.load(&name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        }
    }
    r
}

/// Runs the command lines (1.5 s apart) and returns (program, line, message, fix) of every note.
fn notes_of(commands: &[&str]) -> Vec<(String, u32, String, Option<String>)> {
    let mut r = corpus();
    let mut pids = Vec::new();
    for c in commands {
        pids.push(r.run(c).unwrap());
        r.advance(1500);
    }
    for p in pids {
        r.interrupt(p);
    }
    r.advance(1500);
    r.mistakes().into_iter().map(|n| (n.program, n.line, n.message.english(), n.fix)).collect()
}

fn one_note(commands: &[&str], program: &str, line: u32, phrase: &str) -> Option<String> {
    let notes = notes_of(commands);
    let found = notes.iter().find(|n| n.0 == program && n.1 == line && n.2.contains(phrase));
    assert!(found.is_some(), "no note at {program}:{line} with {phrase:?}: {notes:#?}");
    found.and_then(|n| n.3.clone())
}

#[test]
fn the_tutorials_run_without_notes() {
    assert_eq!(notes_of(&["python3 receive.py", "python3 send.py"]), vec![]);
    assert_eq!(notes_of(&["python3 worker.py", "python3 new_task.py A..", "python3 new_task.py B"]), vec![]);
    assert_eq!(notes_of(&["python3 receive_logs.py", "python3 emit_log.py"]), vec![]);
    assert_eq!(notes_of(&["python3 receive_logs_topic.py '*.info'", "python3 emit_log_topic.py a.info x"]), vec![]);
    assert_eq!(notes_of(&["python3 rpc_server.py", "python3 rpc_client.py"]), vec![]);
}

#[test]
fn each_mistake_is_explained_at_its_line() {
    one_note(
        &["python3 publish_missing_exchange.py"],
        "publish_missing_exchange.py",
        6,
        "no exchange 'nowhere' exists",
    );
    one_note(
        &["python3 emit_log.py early", "python3 receive_logs.py"],
        "emit_log.py",
        12,
        "dropped at exchange 'logs'",
    );
    one_note(
        &["python3 fanout_keys_consumer.py", "python3 fanout_keys_publisher.py"],
        "fanout_keys_consumer.py",
        8,
        "ignores routing keys",
    );
    one_note(
        &["python3 mismatch_consumer.py logs fanout", "python3 mismatch_producer.py log fanout"],
        "mismatch_producer.py",
        9,
        "Another program binds to 'logs' (mismatch_consumer.py line 10)",
    );
    one_note(
        &["python3 mismatch_consumer.py news fanout", "python3 mismatch_producer.py news direct"],
        "mismatch_producer.py",
        8,
        "already exists as a fanout exchange (declared by mismatch_consumer.py at line 8)",
    );
    one_note(&["python3 bind_undeclared.py"], "bind_undeclared.py", 7, "nobody had declared it yet");
    one_note(&["python3 no_consume.py"], "no_consume.py", 15, "never calls basic_consume");
    one_note(
        &["python3 forgetful_worker.py", "python3 chores.py 2"],
        "forgetful_worker.py",
        13,
        "never calls basic_ack",
    );
    one_note(&["python3 durability.py"], "durability.py", 8, "durable but this message is not persistent");
    one_note(&["python3 durability.py"], "durability.py", 11, "queue 'fleeting' is not durable");
    one_note(&["python3 login.py alice secret"], "login.py", 5, "rabbitmqctl add_user alice secret");
}

#[test]
fn pika_0x_forms_come_with_the_1x_line() {
    let fix = one_note(&["python3 consume_0x.py"], "consume_0x.py", 11, "pika 0.x's basic_consume");
    assert_eq!(
        fix.as_deref(),
        Some("channel.basic_consume(queue='hello', on_message_callback=callback, auto_ack=True)")
    );
    let fix = one_note(&["python3 legacy_no_ack.py"], "legacy_no_ack.py", 12, "no_ack became auto_ack");
    assert_eq!(fix.as_deref(), Some("channel.basic_consume('hello', callback, auto_ack=True)"));
    let fix = one_note(&["python3 legacy_queue_declare.py"], "legacy_queue_declare.py", 7, "pass queue=''");
    assert_eq!(fix.as_deref(), Some("result = channel.queue_declare(queue='', exclusive=True)"));
    use warren::runner::legacy::rewrite;
    assert_eq!(
        rewrite("basic_consume", "    ch.basic_consume(on_msg, 'jobs')  # 0.x order").as_deref(),
        Some("    ch.basic_consume('jobs', on_msg)  # 0.x order")
    );
    assert_eq!(
        rewrite("basic_consume", "ch.basic_consume(consumer_callback=f, queue=q, no_ack=True)").as_deref(),
        Some(
            "ch.basic_consume(consumer_callback=f, queue=q, auto_ack=True)"
                .replace("consumer_callback", "on_message_callback")
                .as_str()
        )
    );
    assert_eq!(rewrite("queue_declare", "ch.queue_declare(queue='x')"), None);
}

#[test]
fn a_durable_queue_loses_transient_messages_at_a_restart() {
    let mut r = corpus();
    r.run("python3 durability.py").unwrap();
    r.advance(1000);
    r.broker.restart();
    r.advance(10);
    assert_eq!(r.broker.queue("kept").unwrap().ready.len(), 1);
    assert!(r.broker.queue("fleeting").is_none());
    let notes = r.mistakes();
    assert!(
        notes.iter().all(|n| n.message.english().contains("the broker restart in this run did just that")),
        "{notes:#?}"
    );
}

#[test]
fn a_long_computation_runs_in_slices_and_takes_no_virtual_time() {
    let mut r = Runner::new(1);
    // About three slices of steps before it prints.
    r.load("sum.py", "import time\nn = 0\nfor i in range(400000):\n    n += i\nprint(n, time.time())\n").unwrap();
    let before = r.broker.now();
    let pid = r.run("python3 sum.py").unwrap();
    let p = r.process(pid).unwrap();
    assert_eq!(p.exit, Some(0), "{}", p.stderr);
    assert!(p.stdout.starts_with("79999800000 "), "{}", p.stdout);
    assert_eq!(p.ended_at, Some(before), "computing took no virtual time");
    assert!(p.note.is_none());
}
