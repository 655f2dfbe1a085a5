//! Programs as processes on Warren's broker: a [`Runner`] owns a
//! [`Broker`] and the processes started with [`Runner::run`] (a command
//! line such as `python3 receive.py`), runs them on the virtual clock
//! ([`Runner::advance`]), delivers the broker's deliveries to the
//! connection that consumes, and closes a process's connections when it
//! ends (its exclusive queues go, its unacked messages return).

pub mod legacy;
pub mod mistakes;
pub mod pika;

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::{Broker, Event};
use crate::python::{Interp, Program, RunOutcome, Wait};

/// Steps a process may run without blocking before it is stopped.
pub const SPIN_BUDGET: u64 = 100_000_000;

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
    pub note: Option<String>,
    interp: Interp,
    wait: Option<Wait>,
    pika: pika::PikaState,
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

/// Programs and the broker they talk to.
pub struct Runner {
    /// The broker.
    pub broker: Broker,
    /// Loaded program files by name.
    files: BTreeMap<String, Rc<Program>>,
    /// Processes by pid.
    pub processes: BTreeMap<Pid, Process>,
    /// Users and passwords (a fresh broker has guest/guest).
    pub users: BTreeMap<String, String>,
    next_pid: Pid,
    seed: u64,
    /// Steps a process may run without waiting before it is stopped
    /// ([`SPIN_BUDGET`] unless changed).
    pub spin_budget: u64,
    /// What the broker did that the mistakes notes need.
    pub witness: mistakes::Witness,
}

impl Runner {
    /// A runner with a fresh broker seeded with `seed`.
    pub fn new(seed: u64) -> Runner {
        let mut users = BTreeMap::new();
        users.insert("guest".to_string(), "guest".to_string());
        Runner {
            broker: Broker::with_seed(seed),
            files: BTreeMap::new(),
            processes: BTreeMap::new(),
            users,
            next_pid: 1000,
            seed,
            spin_budget: SPIN_BUDGET,
            witness: mistakes::Witness::default(),
        }
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
        self.files.insert(name.to_string(), Rc::new(program));
    }

    /// Starts `python3 FILE ARGS...` (shell-style quotes allowed).
    pub fn run(&mut self, command_line: &str) -> Result<Pid, String> {
        let words = split_command(command_line)?;
        let mut it = words.iter().skip_while(|w| w.starts_with("python"));
        let file = it.next().ok_or("no program file in the command")?.clone();
        let program = self
            .files
            .get(&file)
            .cloned()
            .ok_or_else(|| format!("python3: can't open file '{file}': no such loaded file"))?;
        let argv: Vec<String> = std::iter::once(file).chain(it.cloned()).collect();
        let pid = self.next_pid;
        self.next_pid += 1;
        let interp = Interp::new(program, argv, self.seed ^ (pid as u64) << 32, pid);
        let p = Process {
            command: command_line.to_string(),
            stdout: String::new(),
            stderr: String::new(),
            exit: None,
            note: None,
            interp,
            wait: None,
            pika: pika::PikaState::default(),
        };
        self.processes.insert(pid, p);
        self.settle();
        Ok(pid)
    }

    /// Ctrl+C: KeyboardInterrupt at the process's blocking call.
    pub fn interrupt(&mut self, pid: Pid) {
        if let Some(p) = self.processes.get_mut(&pid) {
            if p.exit.is_none() {
                p.interp.interrupt();
                p.wait = None;
            }
        }
        self.settle();
    }

    /// Moves the virtual clock by `ms`, running processes as they wake.
    pub fn advance(&mut self, ms: u64) {
        let target = self.broker.now() + ms;
        loop {
            self.settle();
            let next = self
                .processes
                .values()
                .filter(|p| p.exit.is_none())
                .filter_map(|p| p.wait.and_then(|w| w.until))
                .chain(self.broker.next_due())
                .filter(|&t| t <= target)
                .min();
            match next {
                Some(t) if t > self.broker.now() => self.broker.advance(t - self.broker.now()),
                Some(_) => {}
                None => break,
            }
            let now = self.broker.now();
            let woke = self.processes.values_mut().filter(|p| p.exit.is_none()).any(|p| match p.wait {
                Some(w) if w.until.is_some_and(|u| u <= now) => {
                    p.wait = None;
                    true
                }
                _ => false,
            });
            if !woke && self.broker.next_due().is_none_or(|t| t > target) {
                break;
            }
        }
        let now = self.broker.now();
        if target > now {
            self.broker.advance(target - now);
        }
        self.settle();
    }

    /// Runs every ready process until all wait or end, routing deliveries.
    fn settle(&mut self) {
        for _ in 0..10_000 {
            self.route_events();
            let ready: Vec<Pid> = self
                .processes
                .iter()
                .filter(|(_, p)| {
                    p.exit.is_none()
                        && (p.wait.is_none() || p.wait.is_some_and(|w| w.on_activity && p.pika.has_activity()))
                })
                .map(|(pid, _)| *pid)
                .collect();
            if ready.is_empty() {
                return;
            }
            for pid in ready {
                self.step(pid);
            }
        }
    }

    fn step(&mut self, pid: Pid) {
        let Some(p) = self.processes.get_mut(&pid) else { return };
        let mut host = ProcessHost {
            broker: &mut self.broker,
            stdout: &mut p.stdout,
            stderr: &mut p.stderr,
            pika: &mut p.pika,
            users: &mut self.users,
        };
        let out = p.interp.run(&mut host, self.spin_budget);
        match out {
            RunOutcome::Blocked(w) => p.wait = Some(w),
            RunOutcome::Exited(code) => p.exit = Some(code),
            RunOutcome::Budget => {
                p.note = Some(spin_note(self.spin_budget));
                p.exit = Some(1);
            }
        }
        if p.exit.is_some() {
            p.pika.close_all(&mut self.broker);
        }
    }

    fn route_events(&mut self) {
        for e in self.broker.take_events() {
            self.witness.observe(&e);
            for p in self.processes.values_mut() {
                p.pika.on_event(&e);
            }
            let _ = matches!(e, Event::ClockAdvanced { .. });
        }
    }

    /// The mistakes notes for everything run so far (see [`mistakes`]).
    pub fn mistakes(&self) -> Vec<mistakes::Note> {
        let runs: Vec<mistakes::ProcessRun> = self
            .processes
            .values()
            .map(|p| mistakes::ProcessRun {
                program: &p.interp.program.file,
                lines: &p.interp.program.lines,
                calls: &p.pika.calls,
                dispatched: p.pika.dispatched,
            })
            .collect();
        mistakes::explain(&runs, &self.witness)
    }

    /// A process by pid.
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.processes.get(&pid)
    }
}

/// Why Warren stopped a program that never waits.
pub fn spin_note(budget: u64) -> String {
    format!(
        "Warren stopped this program: it ran {budget} steps without ever waiting, so it would spin forever and \
         hold up every other program. A loop that waits for something should wait in pika or time: \
         channel.start_consuming(), connection.process_data_events(time_limit=1) or time.sleep(1)."
    )
}

/// Splits a command line into words (single and double quotes).
pub fn split_command(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if quote.is_some() {
        return Err("unterminated quote in the command".into());
    }
    if any || !cur.is_empty() {
        words.push(cur);
    }
    Ok(words)
}
