//! Warren's pika export and its runner agree: every lesson's per-client
//! programs (`codegen::programs`) run in the terminal of an empty
//! playground reproduce what the lesson does on the canvas: the same
//! messages reach the same consumers, and the same number of messages
//! enter each named queue.

use std::collections::BTreeMap;
use std::rc::Rc;

use warren::codegen::{self, Language};
use warren::engine::Event;
use warren::i18n::Lang;
use warren::lessons;
use warren::scenario::Scenario;
use warren::simulation::{SimEvent, Simulation};

/// How long each run plays (virtual ms): past every lesson's interesting part.
const PLAY_MS: u64 = 20_000;

/// Lessons whose programs need what the terminal cannot do yet, with the
/// reason: their programs are checked to compile only.
const AWAITING_PIKA: &[(&str, &str)] = &[("durability", "a broker restart from the terminal")];

/// What a run did: the bodies each consumer tag received (sorted: two
/// producers publishing at the same virtual millisecond may go in either
/// order), copies per named queue.
#[derive(Debug, PartialEq, Eq)]
struct Behaviour {
    received: BTreeMap<String, Vec<String>>,
    enqueued: BTreeMap<String, usize>,
}

fn behaviour(events: &[SimEvent]) -> Behaviour {
    let mut received: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut enqueued: BTreeMap<String, usize> = BTreeMap::new();
    for e in events {
        match &e.event {
            Event::Delivered { consumer: Some(tag), message, .. } => {
                received.entry(tag.to_string()).or_default().push(message.body.to_string())
            }
            Event::Enqueued { queue, .. } if !queue.starts_with("amq.gen-") => {
                *enqueued.entry(queue.to_string()).or_default() += 1
            }
            _ => {}
        }
    }
    for bodies in received.values_mut() {
        bodies.sort();
    }
    Behaviour { received, enqueued }
}

fn on_the_canvas(s: &Scenario) -> Behaviour {
    let mut sim = Simulation::new(s.clone());
    sim.advance(PLAY_MS);
    behaviour(&sim.take_events())
}

fn in_the_terminal(s: &Scenario) -> (Behaviour, Vec<String>) {
    in_the_terminal_in(s, Lang::En)
}

/// The programs exported with their comments in `lang`, run in the terminal.
fn in_the_terminal_in(s: &Scenario, lang: Lang) -> (Behaviour, Vec<String>) {
    let mut sim = Simulation::new(Scenario { seed: s.seed, ..Default::default() });
    let files = codegen::programs(s, Language::Pika, lang);
    let parsed = files
        .iter()
        .map(|f| {
            let p = warren::python::compile::compile(&f.name, &f.source)
                .unwrap_or_else(|e| panic!("{}: {} is refused: {e}\n{}", s.title, f.name, f.source));
            (f.name.clone(), Rc::new(p))
        })
        .collect();
    sim.load_programs(parsed);
    for f in &files {
        sim.run_command(&format!("python3 {}", f.name)).unwrap();
    }
    sim.advance(PLAY_MS);
    let errors = sim.processes().filter(|(_, p)| !p.stderr.is_empty()).map(|(_, p)| p.stderr.clone()).collect();
    (behaviour(&sim.take_events()), errors)
}

#[test]
fn every_lessons_programs_do_what_the_lesson_does() {
    let mut differences = Vec::new();
    for lesson in lessons::all() {
        let (terminal, errors) = match AWAITING_PIKA.iter().find(|(slug, _)| *slug == lesson.slug) {
            Some(_) => {
                for f in codegen::programs(&lesson.scenario, Language::Pika, Lang::En) {
                    warren::python::compile::compile(&f.name, &f.source)
                        .unwrap_or_else(|e| panic!("{}: {} is refused: {e}", lesson.slug, f.name));
                }
                continue;
            }
            None => in_the_terminal(&lesson.scenario),
        };
        let canvas = on_the_canvas(&lesson.scenario);
        if canvas.received.is_empty() && canvas.enqueued.is_empty() {
            differences.push(format!("{}: the lesson moves nothing in {PLAY_MS} ms", lesson.slug));
        } else if terminal != canvas {
            differences
                .push(format!("{}: programs {terminal:?}\n   canvas {canvas:?}\n   stderr {errors:?}", lesson.slug));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn one_program_per_client_named_after_it() {
    let rpc = lessons::by_slug("rpc").unwrap().scenario;
    let names: Vec<String> = codegen::programs(&rpc, Language::Pika, Lang::En).into_iter().map(|f| f.name).collect();
    assert_eq!(names, ["rpc_server.py", "rpc_client.py"], "the reply consumer is part of the client");
    let work = lessons::by_slug("work-queues").unwrap().scenario;
    let names: Vec<String> = codegen::programs(&work, Language::Pika, Lang::En).into_iter().map(|f| f.name).collect();
    assert_eq!(names, ["worker_1.py", "worker_2.py", "new_task.py"]);
}

#[test]
fn chinese_comments_change_nothing_the_programs_do() {
    for slug in ["work-queues", "topics", "headers", "rpc"] {
        let lesson = lessons::by_slug(slug).unwrap();
        let zh = codegen::programs(&lesson.scenario, Language::Pika, Lang::Zh);
        let en = codegen::programs(&lesson.scenario, Language::Pika, Lang::En);
        assert!(zh.iter().all(|f| f.source.contains("# 由 Warren 生成")), "{slug}: {}", zh[0].source);
        for (z, e) in zh.iter().zip(&en) {
            let code = |src: &str| {
                src.lines()
                    .filter(|l| !l.trim_start().starts_with('#'))
                    .map(|l| l.split("  # ").next().unwrap().to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(code(&z.source), code(&e.source), "{slug}: {} differs outside its comments", z.name);
        }
        assert_eq!(in_the_terminal_in(&lesson.scenario, Lang::Zh), in_the_terminal(&lesson.scenario), "{slug}");
    }
    let one = codegen::export(&lessons::by_slug("work-queues").unwrap().scenario, Language::Pika, Lang::Zh);
    assert!(one.contains("# 按 Ctrl+C 停止。") && one.contains("import pika"), "{one}");
}
