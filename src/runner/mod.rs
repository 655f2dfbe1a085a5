//! Programs as processes on Warren's broker: a [`Runner`] owns a
//! [`Broker`] and the processes started with [`Runner::run`] (a command
//! line such as `python3 receive.py`), runs them on the virtual clock
//! ([`Runner::advance`]), delivers the broker's deliveries to the
//! connection that consumes, and closes a process's connections when it
//! ends (its exclusive queues go, its unacked messages return).

pub mod command;
pub mod legacy;
pub mod mistakes;
pub mod pika;
mod programs;

pub use programs::Programs;

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::Broker;
use crate::i18n::Msg;
use crate::python::{Interp, Program, Wait};

/// Steps a process may run without blocking before it is stopped.
pub const SPIN_BUDGET: u64 = 100_000_000;

/// Steps a process runs at most before the others (and, in the page, the
/// next frame) get their turn; a process that computes longer goes on at
/// the same virtual time in its next slice ([`Programs::computing`]).
pub const STEP_SLICE: u64 = 1_000_000;

/// Most rounds of the scheduling loop at one virtual time (processes that
/// keep waking each other up are left for the next advance).
pub const SETTLE_ROUNDS: usize = 10_000;

/// A process id.
pub type Pid = u32;

/// One running (or ended) program.
pub struct Process {
    /// The command line.
    pub command: String,
    /// Everything it printed to stdout.
    pub stdout: String,
    /// Everything it printed to stderr.
    pub stderr: String,
    /// Its exit code once ended.
    pub exit: Option<i32>,
    /// Why Warren stopped it, if it did.
    pub note: Option<Msg>,
    /// The virtual time it started at (ms).
    pub started_at: u64,
    /// The virtual time it ended at (ms).
    pub ended_at: Option<u64>,
    /// What it published to and consumed from.
    pub traffic: Traffic,
    interp: Option<Interp>,
    /// The program it runs (kept after it ends, for the mistakes notes).
    program: Option<Rc<Program>>,
    wait: Option<Wait>,
    /// Steps run since it last waited (0 unless it is computing).
    spent: u64,
    pika: pika::PikaState,
}

/// What a process did on the broker, for the canvas: where it published
/// and which queues it consumed from (first seen first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Traffic {
    /// The exchange and routing key of its latest publish.
    pub last_publish: Option<(String, String)>,
    /// The exchanges it published to.
    pub exchanges: Vec<String>,
    /// The queues it consumed from.
    pub queues: Vec<String>,
    /// How many messages it published.
    pub sent: u32,
}

impl Process {
    fn new(command: &str, now: u64, interp: Option<Interp>) -> Process {
        let program = interp.as_ref().map(|i| i.program.clone());
        Process {
            command: command.to_string(),
            stdout: String::new(),
            stderr: String::new(),
            exit: None,
            note: None,
            started_at: now,
            ended_at: None,
            traffic: Traffic::default(),
            interp,
            program,
            wait: None,
            spent: 0,
            pika: pika::PikaState::default(),
        }
    }

    /// True until it ends.
    pub fn running(&self) -> bool {
        self.exit.is_none()
    }
}

/// The host side of one process during a run slice.
pub struct ProcessHost<'a> {
    pub broker: &'a mut Broker,
    pub stdout: &'a mut String,
    pub stderr: &'a mut String,
    pub pika: &'a mut pika::PikaState,
    pub users: &'a mut BTreeMap<String, String>,
}

impl crate::python::Host for ProcessHost<'_> {
    fn now(&self) -> u64 {
        self.broker.now()
    }
    fn stdout(&mut self, s: &str) {
        self.stdout.push_str(s);
    }
    fn stderr(&mut self, s: &str) {
        self.stderr.push_str(s);
    }
    fn import(&mut self, interp: &mut Interp, name: &str) -> Option<crate::python::Value> {
        pika::import(interp, name)
    }
    fn amqp(&mut self) -> Option<pika::Amqp<'_>> {
        Some(pika::Amqp { broker: self.broker, pika: self.pika, users: self.users })
    }
}

/// Programs and a broker of their own (the differential test's runner and
/// `run-programs`): the same process table and scheduling as the
/// playground's [`Simulation`](crate::simulation::Simulation), without a
/// scenario.
pub struct Runner {
    /// The broker.
    pub broker: Broker,
    /// Loaded files and processes.
    pub programs: Programs,
}

impl Runner {
    /// A runner with a fresh broker seeded with `seed`.
    pub fn new(seed: u64) -> Runner {
        Runner { broker: Broker::with_seed(seed), programs: Programs::new(seed) }
    }

    /// Loads (compiles) a file; refused files say where and why.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load(&mut self, name: &str, source: &str) -> Result<(), crate::python::Refusal> {
        let program = crate::python::compile::compile(name, source)?;
        self.load_program(name, program);
        Ok(())
    }

    /// Loads a file compiled elsewhere (the on-demand parser module).
    pub fn load_program(&mut self, name: &str, program: Program) {
        self.programs.load(name, Rc::new(program));
    }

    /// Starts `python3 FILE ARGS...` (shell-style quotes allowed).
    pub fn run(&mut self, command_line: &str) -> Result<Pid, String> {
        let pid = self.programs.start(command_line, self.broker.now()).map_err(|e| e.english())?;
        self.settle();
        Ok(pid)
    }

    /// Ctrl+C: KeyboardInterrupt at the process's blocking call.
    pub fn interrupt(&mut self, pid: Pid) {
        self.programs.interrupt(pid);
        self.settle();
    }

    /// Moves the virtual clock by `ms`, running processes as they wake (a
    /// process that computes holds the clock until it waits or ends).
    pub fn advance(&mut self, ms: u64) {
        let target = self.broker.now() + ms;
        self.settle();
        let mut same_time = 0;
        while let Some(t) = self.programs.next_wake().into_iter().chain(self.broker.next_due()).min() {
            same_time = if t <= self.broker.now() { same_time + 1 } else { 0 };
            if t > target || same_time > SETTLE_ROUNDS {
                break;
            }
            self.broker.advance(t.saturating_sub(self.broker.now()));
            self.settle();
        }
        self.broker.advance(target.saturating_sub(self.broker.now()));
        self.settle();
    }

    /// Runs every ready process until all wait or end, routing deliveries:
    /// slice after slice while one computes (the page takes one round of
    /// slices a frame, at the same virtual time).
    fn settle(&mut self) {
        loop {
            self.programs.wake_due(self.broker.now());
            let mut sliced = Vec::new();
            for _ in 0..SETTLE_ROUNDS {
                for e in self.broker.take_events() {
                    self.programs.observe(&e);
                }
                let ready = self.programs.ready_except(&sliced);
                if ready.is_empty() {
                    break;
                }
                for pid in ready {
                    self.programs.step(pid, &mut self.broker);
                    if self.programs.is_computing(pid) {
                        sliced.push(pid);
                    }
                }
            }
            if !self.programs.computing() {
                return;
            }
        }
    }

    /// A process by pid.
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.programs.process(pid)
    }

    /// The mistakes notes for everything run so far (see [`mistakes`]).
    pub fn mistakes(&self) -> Vec<mistakes::Note> {
        self.programs.mistakes()
    }
}

/// Why Warren stopped a program that never waits.
pub fn spin_note(budget: u64) -> Msg {
    msg!("runner-note-spin", budget = budget)
}

pub use command::split_command;
