//! Programs on the canvas: the overlay of what they declare and who they
//! are, and the log, the dots and the message inspector for their clients.

use std::rc::Rc;

use super::program_topology::*;
use super::runtime::Runtime;
use super::*;
use crate::definitions::layout;
use crate::scenario::*;
use crate::simulation::Simulation;

const RECEIVE_LOGS: &str = "import pika\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.exchange_declare(exchange='logs', exchange_type='fanout')\n\
q = ch.queue_declare(queue='', exclusive=True).method.queue\n\
ch.queue_bind(exchange='logs', queue=q)\n\
ch.basic_consume(queue=q, on_message_callback=lambda c, m, p, b: print(b), auto_ack=True)\n\
ch.start_consuming()\n";

const EMIT_LOG: &str = "import pika, sys\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.exchange_declare(exchange='logs', exchange_type='fanout')\n\
ch.basic_publish(exchange='logs', routing_key='', body=' '.join(sys.argv[1:]) or 'info: Hello World!')\n\
conn.close()\n";

const RECEIVE_HELLO: &str = "import pika\n\
conn = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\n\
ch = conn.channel()\n\
ch.queue_declare(queue='hello')\n\
ch.basic_consume(queue='hello', on_message_callback=lambda c, m, p, b: print(b), auto_ack=True)\n\
ch.start_consuming()\n";

fn files() -> Vec<(String, Rc<crate::python::Program>)> {
    [("receive_logs.py", RECEIVE_LOGS), ("emit_log.py", EMIT_LOG), ("receive.py", RECEIVE_HELLO)]
        .into_iter()
        .map(|(n, s)| (n.to_string(), Rc::new(crate::python::compile::compile(n, s).unwrap())))
        .collect()
}

fn ids(t: &ProgramTopology) -> Vec<String> {
    let s = t.merged_into(&Scenario::default());
    s.node_ids().map(|(id, _)| id.to_string()).filter(|id| id != DEFAULT_EXCHANGE_ID).collect()
}

#[test]
fn what_programs_declare_appears_and_goes_with_their_connections() {
    let mut rt = Runtime::new(Scenario::default());
    rt.load_programs(files());
    assert!(rt.overlay().clone().is_empty());
    let receiver = rt.run_command("python3 receive_logs.py", 0.0).unwrap();
    let t = rt.overlay().clone();
    let queue = rt.sim.broker().queues().find(|q| q.name.starts_with("amq.gen-")).unwrap().name.to_string();
    let consumer = consumer_id(receiver, &queue);
    assert_eq!(ids(&t), ["program-exchange:logs".to_string(), queue_id(&queue), consumer.clone()]);
    assert_eq!(t.exchanges[0].kind, ExchangeKind::Fanout);
    assert!(t.queues[0].exclusive);
    assert_eq!((t.bindings[0].from.as_str(), t.bindings[0].to.clone()), ("program-exchange:logs", queue_id(&queue)));
    let c = &t.consumers[0];
    assert_eq!(
        (c.name.as_str(), c.queue.clone(), c.ack),
        ("python3 receive_logs.py", Some(queue_id(&queue)), AckMode::Auto)
    );
    assert_eq!(t.processes[&consumer], ProcessNode { pid: receiver, command: c.name.clone(), running: true });

    let sender = rt.run_command("python3 emit_log.py hi", 0.0).unwrap();
    let t = rt.overlay().clone();
    let p = t.producers.iter().find(|p| p.id == producer_id(sender)).expect("the sender's node lingers");
    assert_eq!(p.exchange.as_deref(), Some("program-exchange:logs"));
    assert!(!t.processes[&p.id].running);
    assert!(layout::no_overlaps(&t.merged_into(&Scenario::default())));
    rt.act(0.0, |s| s.advance(LINGER_MS));
    assert!(rt.overlay().clone().producers.is_empty(), "gone once it lingered");

    rt.interrupt(receiver, 0.0);
    let t = rt.overlay().clone();
    assert!(t.queues.is_empty() && t.bindings.is_empty(), "its exclusive queue went with its connection");
    assert_eq!(t.consumers.len(), 1, "the ended process lingers, its queue gone");
    assert_eq!(t.consumers[0].queue, None);
    rt.act(0.0, |s| s.advance(LINGER_MS));
    assert_eq!(ids(&rt.overlay().clone()), ["program-exchange:logs"], "the exchange stays in the broker");
}

#[test]
fn the_canvas_draws_the_document_with_the_overlay_rebuilt_only_when_it_changes() {
    let mut doc = Scenario::default();
    doc.queues.push(QueueNode { id: "q".into(), name: "tasks".into(), ..QueueNode::default() });
    let doc = Rc::new(doc);
    let mut rt = Runtime::following(&doc, 1);
    rt.load_programs(files());
    assert!(rt.drawn().is_none(), "no programs: the canvas draws the document");
    assert_eq!(rt.dot_scenario(), &*doc);
    let receiver = rt.run_command("python3 receive_logs.py", 0.0).unwrap();
    let drawn = rt.drawn().expect("the programs add to the canvas").clone();
    assert!(drawn.queue("q").is_some(), "the document's nodes are there");
    assert!(
        drawn.exchange("program-exchange:logs").is_some()
            && drawn.consumers.iter().any(|c| c.id.starts_with("process:"))
    );
    assert_eq!(rt.dot_scenario(), &*drawn, "dots travel on what is drawn");
    let server_named = rt.sim.broker().queues().find(|q| q.name.starts_with("amq.gen-")).unwrap().name.to_string();
    assert_eq!(queue_name(&rt.sim, &queue_id(&server_named)), Some(server_named.as_str()), "an overlay queue");
    assert_eq!(queue_name(&rt.sim, "q"), Some("tasks"), "the document's queue");
    rt.frame(0.0);
    rt.act(0.0, |s| s.advance(10));
    assert!(Rc::ptr_eq(rt.drawn().unwrap(), &drawn), "the same overlay: the same Rc, so nothing is drawn again");
    // An edit to the document is drawn with the overlay.
    let mut edited = (*doc).clone();
    edited.queues[0].name = "jobs".into();
    rt.follow(&Rc::new(edited), 1, 0.0);
    let redrawn = rt.drawn().unwrap();
    assert!(!Rc::ptr_eq(redrawn, &drawn));
    assert_eq!(redrawn.queue("q").map(|q| q.name.as_str()), Some("jobs"));
    assert!(redrawn.exchange("program-exchange:logs").is_some());
    rt.interrupt(receiver, 0.0);
    rt.act(0.0, |s| s.advance(LINGER_MS));
    assert_eq!(rt.drawn().map(|d| d.exchanges.len()), Some(1), "only the exchange stays");
}

#[test]
fn program_clients_are_named_in_the_log_and_move_dots_on_the_overlay() {
    let mut sim = Simulation::new(Scenario::default());
    sim.load_programs(files());
    let receiver = sim.run_command("python3 receive_logs.py").unwrap();
    let sender = sim.run_command("python3 emit_log.py disk full").unwrap();
    let mut monitor = Monitor::new();
    let events = sim.take_events();
    monitor.ingest(&sim, events);
    let texts: Vec<String> = monitor.log.entries().map(|e| e.text.english()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("python3 emit_log.py disk full published #1 \"disk full\" to exchange logs")),
        "{texts:#?}"
    );
    assert!(texts.iter().any(|t| t.contains("delivered #1 \"disk full\" to python3 receive_logs.py")), "{texts:#?}");
    let queue = sim.broker().queues().find(|q| q.name.starts_with("amq.gen-")).unwrap().name.to_string();
    let legs: Vec<(String, String, LegKind)> = monitor
        .take_motions()
        .into_iter()
        .filter_map(|m| match m {
            Motion::Leg { from, to, kind, .. } => Some((from, to, kind)),
            _ => None,
        })
        .collect();
    let exchange = "program-exchange:logs".to_string();
    assert_eq!(
        legs,
        [
            (producer_id(sender), exchange.clone(), LegKind::Publish),
            (exchange, queue_id(&queue), LegKind::Route),
            (queue_id(&queue), consumer_id(receiver, &queue), LegKind::Deliver),
        ]
    );
    let merged = ProgramTopology::of(&sim).merged_into(sim.scenario());
    for (from, to, _) in &legs {
        assert!(merged.position(from).is_some() && merged.position(to).is_some(), "{from} → {to} can be drawn");
    }
    let info = monitor.message(1).unwrap();
    assert_eq!(info.publisher.as_deref(), Some(producer_id(sender).as_str()));
    assert!(monitor.path(1).len() >= 3, "the inspector has the message's path");
}

#[test]
fn programs_wire_to_the_documents_own_nodes() {
    let doc = Scenario {
        queues: vec![QueueNode { id: "q1".into(), name: "hello".into(), x: 600.0, y: 300.0, ..Default::default() }],
        ..Default::default()
    };
    let mut rt = Runtime::new(doc);
    rt.load_programs(files());
    let pid = rt.run_command("python3 receive.py", 0.0).unwrap();
    let t = rt.overlay().clone();
    assert!(t.queues.is_empty(), "the document's queue is not drawn twice");
    assert_eq!(t.consumers[0].id, consumer_id(pid, "hello"));
    assert_eq!(t.consumers[0].queue.as_deref(), Some("q1"));
    assert!(t.consumers[0].y >= 300.0 + layout::node_size(NodeKind::Queue).1, "placed below the document");
    assert_eq!(pid_of(&t.consumers[0].id), Some(pid));
}
