//! Programs on the playground's broker: interleaved with the scenario's
//! clients on one clock, the terminal's errors, Ctrl+C, ending processes,
//! and the document's commands replayed deterministically however late the
//! parser answers.

use std::rc::Rc;

use super::*;
use crate::python::Program;
use crate::scenario::*;

const RECEIVE: &str = "import pika, time\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.queue_declare(queue='tasks')\n\
def cb(ch, method, properties, body):\n    print(int(time.time() * 1000) % 100000, body.decode())\n    ch.basic_ack(delivery_tag=method.delivery_tag)\n\
ch.basic_consume(queue='tasks', on_message_callback=cb)\n\
print('waiting')\n\
ch.start_consuming()\n";

const SEND: &str = "import pika, sys\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.basic_publish(exchange='', routing_key='tasks', body=' '.join(sys.argv[1:]))\n\
print('sent')\n\
conn.close()\n";

const RECEIVE_LOGS: &str = "import pika\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.exchange_declare(exchange='logs', exchange_type='fanout')\n\
q = ch.queue_declare(queue='', exclusive=True).method.queue\n\
ch.queue_bind(exchange='logs', queue=q)\n\
ch.basic_consume(queue=q, on_message_callback=lambda c, m, p, b: print(b), auto_ack=False)\n\
ch.start_consuming()\n";

fn program(name: &str, source: &str) -> (String, Rc<Program>) {
    (name.to_string(), Rc::new(crate::python::compile::compile(name, source).expect("compiles")))
}

fn every_second() -> Scenario {
    Scenario {
        queues: vec![QueueNode { id: "q".into(), name: "tasks".into(), ..Default::default() }],
        producers: vec![ProducerNode {
            id: "p".into(),
            name: "p".into(),
            exchange: Some(DEFAULT_EXCHANGE_ID.into()),
            message: MessageTemplate { routing_key: "tasks".into(), body: "task {n}".into(), ..Default::default() },
            schedule: Schedule::Every { every_ms: 1000, start_ms: 500, count: Some(3), batch: 1 },
            x: 0.0,
            y: 0.0,
        }],
        ..Default::default()
    }
}

#[test]
fn a_program_consumes_what_a_scenario_producer_publishes_on_the_same_clock() {
    let mut sim = Simulation::new(every_second());
    sim.load_programs(vec![program("receive.py", RECEIVE)]);
    let pid = sim.run_command("python3 receive.py").unwrap();
    assert_eq!(sim.process(pid).unwrap().stdout, "waiting\n", "it runs until it blocks");
    sim.advance(3000);
    let p = sim.process(pid).unwrap();
    assert_eq!(p.stdout, "waiting\n500 task 1\n1500 task 2\n2500 task 3\n");
    assert_eq!((p.exit, p.started_at), (None, 0));
    assert_eq!(sim.broker().queue("tasks").unwrap().unacked, 0, "the callback acked each");
}

#[test]
fn a_run_is_the_same_whatever_steps_the_clock_takes() {
    let run = |steps: &[u64]| {
        let mut sim = Simulation::new(every_second());
        sim.load_programs(vec![program("receive.py", RECEIVE), program("send.py", SEND)]);
        sim.run_command("python3 receive.py").unwrap();
        let mut events = sim.take_events();
        for ms in steps {
            sim.advance(*ms);
            if sim.now() == 1200 {
                sim.run_command("python3 send.py by hand").unwrap();
            }
            events.extend(sim.take_events());
        }
        let out: Vec<String> = sim.processes().map(|(_, p)| p.stdout.clone()).collect();
        (out, events.into_iter().filter(|e| !matches!(e.event, Event::ClockAdvanced { .. })).collect::<Vec<_>>())
    };
    let whole = run(&[1200, 1800]);
    assert_eq!(whole, run(&[100; 30]));
    assert_eq!(whole, run(&[1, 1199, 7, 1793]));
    assert!(whole.0[0].contains("1200 by hand\n"), "{:?}", whole.0);
}

#[test]
fn a_program_publishes_to_a_scenario_consumer() {
    let mut s = every_second();
    s.producers.clear();
    s.consumers.push(ConsumerNode {
        id: "c".into(),
        name: "worker".into(),
        queue: Some("q".into()),
        ack: AckMode::Manual,
        prefetch: 1,
        processing_ms: 100,
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
    let mut sim = Simulation::new(s);
    sim.load_programs(vec![program("send.py", SEND)]);
    let pid = sim.run_command("python3 send.py hello").unwrap();
    let p = sim.process(pid).unwrap();
    assert_eq!((p.stdout.as_str(), p.exit), ("sent\n", Some(0)));
    assert_eq!(sim.consumer_state("c").unwrap().jobs.len(), 1, "the scenario's consumer got it");
    sim.advance(200);
    assert_eq!(sim.broker().queue("tasks").unwrap().unacked, 0);
}

#[test]
fn the_terminal_says_what_a_shell_would() {
    let mut sim = Simulation::new(Scenario::default());
    assert_eq!(
        sim.run_command("python3 x.py").unwrap_err().english(),
        "python3: can't open file 'x.py': [Errno 2] No such file or directory"
    );
    let not_found = sim.run_command("ls").unwrap_err();
    assert!(not_found.english().starts_with("ls: command not found"));
    // Warren's own words follow the page's language; the shell's stay as they are.
    let zh = not_found.render(crate::i18n::Lang::Zh);
    assert!(zh.starts_with("ls: command not found（这个终端只运行 Python 程序"), "{zh}");
    let quote = sim.run_command("python3 'a.py").unwrap_err();
    assert_eq!(quote.render(crate::i18n::Lang::Zh), "命令中的引号没有闭合");
    assert_eq!(sim.processes().count(), 0);
}

#[test]
fn ctrl_c_and_ending_processes_close_their_connections() {
    let mut sim = Simulation::new(Scenario::default());
    sim.load_programs(vec![program("receive_logs.py", RECEIVE_LOGS)]);
    let a = sim.run_command("python3 receive_logs.py").unwrap();
    let b = sim.run_command("python3 receive_logs.py").unwrap();
    assert_eq!(sim.broker().queues().filter(|q| q.name.starts_with("amq.gen-")).count(), 2);
    sim.interrupt(a);
    let p = sim.process(a).unwrap();
    assert_eq!(p.exit, Some(130));
    assert!(p.stderr.ends_with("KeyboardInterrupt\n"), "{}", p.stderr);
    assert_eq!(sim.broker().queues().filter(|q| q.name.starts_with("amq.gen-")).count(), 1);
    sim.end_processes();
    let p = sim.process(b).unwrap();
    assert_eq!((p.exit, p.note.as_ref().map(|n| n.id)), (Some(143), Some(ENDED_BY_LOAD)));
    assert_eq!(sim.broker().queues().filter(|q| q.name.starts_with("amq.gen-")).count(), 0, "exclusive queues go");
    assert!(sim.broker().connections().all(|c| c.label == "playground"));
}

fn replayed() -> Scenario {
    Scenario {
        programs: vec![
            ProgramFile { name: "receive.py".into(), source: RECEIVE.into() },
            ProgramFile { name: "send.py".into(), source: SEND.into() },
        ],
        commands: vec![
            TerminalCommand { at: 0, line: "python3 receive.py".into() },
            TerminalCommand { at: 1700, line: "python3 send.py late".into() },
            TerminalCommand { at: 1800, line: "python3 missing.py".into() },
        ],
        ..every_second()
    }
}

fn history(sim: &mut Simulation) -> (Vec<String>, Vec<SimEvent>) {
    let out = sim.processes().map(|(_, p)| format!("{}|{}|{}|{:?}", p.command, p.stdout, p.stderr, p.exit)).collect();
    let events = sim.take_events().into_iter().filter(|e| !matches!(e.event, Event::ClockAdvanced { .. })).collect();
    (out, events)
}

#[test]
fn document_commands_wait_for_their_files_and_replay_the_same() {
    let files = || vec![program("receive.py", RECEIVE), program("send.py", SEND)];
    let mut early = Simulation::new(replayed());
    early.load_programs(files());
    early.advance(3000);
    let expected = history(&mut early);
    assert!(expected.0[1].contains("sent"), "{:?}", expected.0);
    assert!(expected.0[2].contains("can't open file 'missing.py'") && expected.0[2].ends_with("Some(2)"));

    let mut late = Simulation::new(replayed());
    late.advance(1000);
    assert_eq!(late.now(), 0, "the first command waits for receive.py");
    assert_eq!(late.waiting_for_program(), Some((0, "receive.py".to_string())));
    assert!(!late.step());
    // A file parsed from another source does not stand in for the document's.
    late.load_programs(vec![program("receive.py", "print('old')\n")]);
    late.advance(1000);
    assert_eq!(late.now(), 0);
    late.load_programs(vec![program("receive.py", RECEIVE)]);
    late.advance(3000);
    assert_eq!(late.now(), 1699, "then it waits just before send.py's command");
    assert_eq!(late.waiting_for_program(), Some((1700, "send.py".to_string())));
    late.load_programs(files());
    late.advance(1301);
    assert_eq!(history(&mut late), expected, "the same run as with the files there from the start");
}

#[test]
fn a_refused_file_fails_its_command_instead_of_waiting() {
    let mut sim = Simulation::new(replayed());
    sim.refuse_program("receive.py", "  File \"receive.py\", line 1\nSyntaxError: invalid syntax");
    sim.load_programs(vec![program("send.py", SEND)]);
    sim.advance(2000);
    let (out, _) = history(&mut sim);
    assert!(out[0].ends_with("SyntaxError: invalid syntax\n|Some(1)"), "{out:?}");
    assert!(out[1].contains("sent"), "{out:?}");
}

#[test]
fn a_typed_command_recorded_in_the_document_does_not_run_twice() {
    let mut sim = Simulation::new(every_second());
    sim.load_programs(vec![program("send.py", SEND)]);
    sim.advance(700);
    sim.run_command("python3 send.py typed").unwrap();
    let mut s = sim.scenario().clone();
    s.programs.push(ProgramFile { name: "send.py".into(), source: SEND.into() });
    s.commands.push(TerminalCommand { at: 700, line: "python3 send.py typed".into() });
    sim.set_scenario(s);
    sim.advance(1000);
    assert_eq!(sim.processes().count(), 1);
}

#[test]
fn version_1_documents_are_read_and_version_2_carries_programs() {
    let v1 = crate::scenario::parse(r#"{"warren": 1, "title": "old"}"#).unwrap();
    assert_eq!((v1.warren, v1.programs.len()), (2, 0));
    let text = serde_json::to_string(&replayed()).unwrap();
    let back = crate::scenario::parse(&text).unwrap();
    assert_eq!(back.programs, replayed().programs);
    assert_eq!(back.commands, replayed().commands);
    for (doc, path, text) in [
        (r#"{"warren": 2, "programs": [{"name": "a/b.py", "source": ""}]}"#, "programs[0].name", "no folders"),
        (
            r#"{"warren": 2, "programs": [{"name": "a.py", "source": ""}, {"name": "a.py", "source": "x"}]}"#,
            "programs[1].name",
            "another program is called a.py",
        ),
        (r#"{"warren": 2, "commands": [{"at": 0, "line": "a\nb"}]}"#, "commands[0].line", "one line"),
        (r#"{"warren": 2, "commands": [{"at": -1, "line": "x"}]}"#, "commands[0].at", ""),
        (r#"{"warren": 2, "programs": [{"name": "a.py"}]}"#, "programs[0]", "source"),
    ] {
        let e = crate::scenario::parse(doc).unwrap_err();
        assert!(e.path.starts_with(path) && e.message.contains(text), "{doc}: {e}");
    }
}

#[test]
fn a_computing_program_holds_the_clock_a_slice_an_advance_and_ctrl_c_stops_it() {
    let mut sim = Simulation::new(every_second());
    sim.load_programs(vec![program("spin.py", "n = 0\nwhile True:\n    n += 1\n")]);
    let pid = sim.run_command("python3 spin.py").unwrap();
    assert!(sim.computing(), "one slice ran, the program goes on");
    let at = sim.now();
    sim.advance(1000);
    sim.advance(1000);
    assert_eq!(sim.now(), at, "the clock holds while it computes");
    assert!(sim.process(pid).unwrap().running());
    sim.interrupt(pid);
    let p = sim.process(pid).unwrap();
    assert_eq!(p.exit, Some(130), "as a shell reports Ctrl+C");
    assert!(p.stderr.ends_with("KeyboardInterrupt\n"), "{}", p.stderr);
    assert!(!sim.computing());
    sim.advance(1000);
    assert_eq!(sim.now(), at + 1000, "the clock goes on once it ended");
}

#[test]
fn a_program_that_never_waits_is_stopped_after_its_budget_across_slices() {
    let (mut sim, pid) = spinning_for_three_slices();
    for _ in 0..2 {
        assert!(sim.process(pid).unwrap().running());
        sim.advance(16);
    }
    let p = sim.process(pid).unwrap();
    assert_eq!(p.exit, Some(1), "stopped at the third slice");
    assert!(p.note.as_ref().unwrap().english().contains("3000000 steps"));
    assert_eq!(sim.now(), 0, "no virtual time passed");
}

#[test]
fn advance_through_gives_a_computation_its_slices_then_moves_the_clock() {
    let (mut sim, pid) = spinning_for_three_slices();
    assert!(sim.advance_through(1000, 1), "one slice is not enough");
    assert_eq!(sim.now(), 0, "the clock held short");
    assert!(!sim.advance_through(1000, 10), "the budget ends it");
    assert_eq!(sim.process(pid).unwrap().exit, Some(1));
    assert_eq!(sim.now(), 1000, "then the clock reached the target");
}

/// A simulation running `while True: pass` with a step budget of three slices.
fn spinning_for_three_slices() -> (Simulation, crate::runner::Pid) {
    let mut sim = Simulation::new(every_second());
    sim.programs.spin_budget = 3 * crate::runner::STEP_SLICE;
    sim.load_programs(vec![program("spin.py", "while True:\n    pass\n")]);
    let pid = sim.run_command("python3 spin.py").unwrap();
    (sim, pid)
}
