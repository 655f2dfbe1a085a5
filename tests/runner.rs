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
