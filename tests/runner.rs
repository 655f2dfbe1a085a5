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
    assert_eq!(r.users.get("alice").map(String::as_str), Some("secret"));
}

#[test]
fn a_program_that_never_waits_is_stopped_with_a_note_and_the_others_go_on() {
    let mut r = Runner::new(1);
    r.spin_budget = 50_000;
    r.load("spin.py", "n = 0\nwhile True:\n    n += 1\n").unwrap();
    r.load("s.py", "import time\ntime.sleep(1)\nprint('still here')\n").unwrap();
    let calm = r.run("python3 s.py").unwrap();
    let spin = r.run("python3 spin.py").unwrap();
    r.advance(2000);
    let p = r.process(spin).unwrap();
    assert_eq!(p.exit, Some(1));
    assert!(p.note.as_deref().unwrap().starts_with("Warren stopped this program: it ran 50000 steps"), "{:?}", p.note);
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
