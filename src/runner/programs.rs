//! The process table on a borrowed broker: loaded files, processes, users,
//! and which process owns which connection and channel. [`Programs`] never
//! owns the broker: its owner ([`Runner`](super::Runner), or the
//! playground's [`Simulation`](crate::simulation::Simulation)) lends it for
//! each call and runs the scheduling loop on its own clock:
//!
//! ```text
//! loop { wake_due(now); ready() empty? → done; for pid in ready: step(pid, broker) → events }
//! ```
//!
//! Every broker event the owner takes must pass through
//! [`Programs::observe`] (deliveries reach the consumer's process; channels
//! and publishes are attributed), and events a step produced come back from
//! [`Programs::step`] already observed.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::{Broker, ChannelId, ConnectionId, Event};
use crate::i18n::Msg;
use crate::python::{Interp, Program, RunOutcome};

use super::command;
use super::mistakes;
use super::{spin_note, Pid, Process, ProcessHost, Traffic, SPIN_BUDGET, STEP_SLICE};

/// Most distinct exchanges a process's traffic remembers (a program that
/// publishes to a new exchange in a loop does not grow it without end).
const MAX_REMEMBERED: usize = 32;

/// Loaded files, processes and what they own on the broker.
pub struct Programs {
    files: BTreeMap<String, Rc<Program>>,
    processes: BTreeMap<Pid, Process>,
    /// Users and passwords (a fresh broker has guest/guest).
    pub users: BTreeMap<String, String>,
    connections: BTreeMap<ConnectionId, Pid>,
    channels: BTreeMap<ChannelId, Pid>,
    next_pid: Pid,
    seed: u64,
    /// Steps a process may run without waiting before it is stopped
    /// ([`SPIN_BUDGET`] unless changed).
    pub spin_budget: u64,
    /// What the broker did that the mistakes notes need.
    pub witness: mistakes::Witness,
}

impl std::fmt::Debug for Programs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Programs")
            .field("files", &self.files.keys().collect::<Vec<_>>())
            .field("processes", &self.processes.iter().map(|(pid, p)| (pid, &p.command, p.exit)).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Programs {
    /// No files, no processes; `seed` makes each process's randomness
    /// (`uuid4`, `random`) the same on every run.
    pub fn new(seed: u64) -> Programs {
        let mut users = BTreeMap::new();
        users.insert("guest".to_string(), "guest".to_string());
        Programs {
            files: BTreeMap::new(),
            processes: BTreeMap::new(),
            users,
            connections: BTreeMap::new(),
            channels: BTreeMap::new(),
            next_pid: 1000,
            seed,
            spin_budget: SPIN_BUDGET,
            witness: mistakes::Witness::default(),
        }
    }

    /// Adds a compiled file, replacing one with the same name.
    pub fn load(&mut self, name: &str, program: Rc<Program>) {
        self.files.insert(name.to_string(), program);
    }

    /// Forgets a loaded file (its new source was refused).
    pub fn unload(&mut self, name: &str) {
        self.files.remove(name);
    }

    /// A loaded file by name.
    pub fn file(&self, name: &str) -> Option<&Rc<Program>> {
        self.files.get(name)
    }

    /// Every loaded file, by name.
    pub fn files(&self) -> impl Iterator<Item = (&String, &Rc<Program>)> {
        self.files.iter()
    }

    /// Starts a command line at virtual time `now`: the process is ready to
    /// run (call the owner's scheduling loop). A line that names no loaded
    /// file is refused with what CPython or a shell would print.
    pub fn start(&mut self, line: &str, now: u64) -> Result<Pid, crate::i18n::Msg> {
        let cmd = command::parse(line)?;
        let program = self
            .files
            .get(&cmd.file)
            .cloned()
            .ok_or_else(|| command::no_such_file(&cmd.interpreter, &cmd.typed_file))?;
        let pid = self.new_pid();
        let interp = Interp::new(program, cmd.argv, self.seed ^ ((pid as u64) << 32), pid);
        self.processes.insert(pid, Process::new(line, now, Some(interp)));
        Ok(pid)
    }

    /// Records a command that could not start as an ended process (exit
    /// code `code`, `message` on stderr), as a terminal would show it.
    pub fn failed(&mut self, line: &str, now: u64, message: &str, code: i32) -> Pid {
        let pid = self.new_pid();
        let mut p = Process::new(line, now, None);
        p.stderr = format!("{message}\n");
        p.exit = Some(code);
        p.ended_at = Some(now);
        self.processes.insert(pid, p);
        pid
    }

    fn new_pid(&mut self) -> Pid {
        let pid = self.next_pid;
        self.next_pid += 1;
        pid
    }

    /// Ctrl+C: KeyboardInterrupt where the process is blocked (it runs at
    /// the next step of the owner's loop).
    pub fn interrupt(&mut self, pid: Pid) {
        if let Some(p) = self.processes.get_mut(&pid).filter(|p| p.exit.is_none()) {
            if let Some(interp) = &mut p.interp {
                interp.interrupt();
            }
            p.wait = None;
        }
    }

    /// Ends every running process: its connections close (exclusive queues
    /// go, unacked messages return). Returns the broker's events.
    pub fn end_all(&mut self, broker: &mut Broker, why: &Msg) -> Vec<Event> {
        let now = broker.now();
        for p in self.processes.values_mut().filter(|p| p.exit.is_none()) {
            p.pika.close_all(broker);
            p.exit = Some(143);
            p.ended_at = Some(now);
            p.note = Some(why.clone());
            p.wait = None;
        }
        self.observe_all(broker.take_events())
    }

    /// A process by pid.
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.processes.get(&pid)
    }

    /// Every process, oldest first.
    pub fn processes(&self) -> impl Iterator<Item = (Pid, &Process)> {
        self.processes.iter().map(|(pid, p)| (*pid, p))
    }

    /// The process that opened a channel (also after it closed).
    pub fn pid_of_channel(&self, channel: ChannelId) -> Option<Pid> {
        self.channels.get(&channel).copied()
    }

    /// The process that opened a connection (also after it closed).
    pub fn pid_of_connection(&self, connection: ConnectionId) -> Option<Pid> {
        self.connections.get(&connection).copied()
    }

    /// The earliest virtual time a sleeping process wakes.
    pub fn next_wake(&self) -> Option<u64> {
        self.running().filter_map(|p| p.wait.and_then(|w| w.until)).min()
    }

    fn running(&self) -> impl Iterator<Item = &Process> {
        self.processes.values().filter(|p| p.exit.is_none())
    }

    /// Wakes the processes whose sleep or time limit ends by `now`.
    pub fn wake_due(&mut self, now: u64) {
        for p in self.processes.values_mut().filter(|p| p.exit.is_none()) {
            if p.wait.is_some_and(|w| w.until.is_some_and(|u| u <= now)) {
                p.wait = None;
            }
        }
    }

    /// The processes that can run now: not waiting, or waiting for
    /// activity that arrived.
    pub fn ready(&self) -> Vec<Pid> {
        self.ready_except(&[])
    }

    /// [`ready`](Self::ready), leaving out `taken` (the processes that
    /// have had their slice in this round).
    pub fn ready_except(&self, taken: &[Pid]) -> Vec<Pid> {
        let can_run = |p: &Process| match p.wait {
            None => true,
            Some(w) => w.on_activity && p.pika.has_activity(),
        };
        let ready = self.processes.iter().filter(|(pid, p)| p.exit.is_none() && can_run(p) && !taken.contains(pid));
        ready.map(|(pid, _)| *pid).collect()
    }

    /// Whether a process is in the middle of a computation: its last
    /// slice ended without it waiting, within its spin budget.
    pub fn computing(&self) -> bool {
        self.running().any(|p| p.spent > 0)
    }

    /// Whether process `pid` is in the middle of a computation.
    pub fn is_computing(&self, pid: Pid) -> bool {
        self.processes.get(&pid).is_some_and(|p| p.running() && p.spent > 0)
    }

    /// Runs one process for a slice ([`STEP_SLICE`] steps at most) or
    /// until it blocks or ends; a process that has run [`spin_budget`]
    /// steps without waiting is stopped with a note, and an ended
    /// process's connections close. Returns the broker events of the step,
    /// observed. Take the broker's events before calling it, so the
    /// connections a step opens are known to be this process's.
    ///
    /// [`spin_budget`]: Self::spin_budget
    pub fn step(&mut self, pid: Pid, broker: &mut Broker) -> Vec<Event> {
        let Some(p) = self.processes.get_mut(&pid).filter(|p| p.exit.is_none()) else { return Vec::new() };
        let Some(interp) = p.interp.as_mut() else { return Vec::new() };
        let mut host = ProcessHost {
            broker: &mut *broker,
            stdout: &mut p.stdout,
            stderr: &mut p.stderr,
            pika: &mut p.pika,
            users: &mut self.users,
        };
        let slice = self.spin_budget.saturating_sub(p.spent).min(STEP_SLICE);
        match interp.run(&mut host, slice) {
            RunOutcome::Blocked(w) => {
                p.wait = Some(w);
                p.spent = 0;
            }
            RunOutcome::Exited(code) => p.exit = Some(code),
            RunOutcome::Budget => {
                // Running, not waiting: what it waited on is behind it.
                p.wait = None;
                p.spent += slice;
                if p.spent >= self.spin_budget {
                    p.note = Some(spin_note(self.spin_budget));
                    p.exit = Some(1);
                }
            }
        }
        // Connections opened during the step are this process's.
        let events = broker.take_events();
        for e in &events {
            if let Event::ConnectionOpened { connection, .. } = e {
                self.connections.insert(*connection, pid);
            }
        }
        let mut events = self.observe_all(events);
        if let Some(p) = self.processes.get_mut(&pid).filter(|p| p.exit.is_some()) {
            p.ended_at = Some(broker.now());
            p.interp = None;
            p.pika.close_all(broker);
            events.extend(self.observe_all(broker.take_events()));
        }
        events
    }

    fn observe_all(&mut self, events: Vec<Event>) -> Vec<Event> {
        for e in &events {
            self.observe(e);
        }
        events
    }

    /// Takes note of a broker event: channels opened on a process's
    /// connection are its own, deliveries and channel errors reach the
    /// process, publishes and consumers are counted in its traffic.
    pub fn observe(&mut self, e: &Event) {
        self.witness.observe(e);
        if let Event::ChannelOpened { channel, connection } = e {
            if let Some(pid) = self.connections.get(connection) {
                self.channels.insert(*channel, *pid);
            }
        }
        let Some(channel) = event_channel(e) else { return };
        let Some(p) = self.channels.get(&channel).and_then(|pid| self.processes.get_mut(pid)) else { return };
        p.pika.on_event(e);
        match e {
            Event::Published { message, .. } => p.traffic.published(&message.exchange, &message.routing_key),
            Event::ConsumerAdded { queue, .. } => p.traffic.consumed(queue),
            _ => {}
        }
    }
}

impl Programs {
    /// The mistakes notes for everything run so far (see [`mistakes`]).
    pub fn mistakes(&self) -> Vec<mistakes::Note> {
        let runs: Vec<mistakes::ProcessRun> = self
            .processes
            .values()
            .filter_map(|p| {
                let program = p.program.as_ref()?;
                Some(mistakes::ProcessRun {
                    program: &program.file,
                    lines: &program.lines,
                    calls: &p.pika.calls,
                    dispatched: p.pika.dispatched,
                })
            })
            .collect();
        mistakes::explain(&runs, &self.witness)
    }
}

/// The channel an event concerns, for the events a process needs or that
/// say what it does.
fn event_channel(e: &Event) -> Option<ChannelId> {
    match e {
        Event::Delivered { channel, .. }
        | Event::ChannelClosed { channel, .. }
        | Event::ConsumerAdded { channel, .. }
        | Event::ConsumerCancelled { channel, .. } => Some(*channel),
        Event::Published { channel, .. } => *channel,
        _ => None,
    }
}

impl Traffic {
    fn published(&mut self, exchange: &str, routing_key: &str) {
        self.last_publish = Some((exchange.to_string(), routing_key.to_string()));
        self.sent = self.sent.saturating_add(1);
        if !self.exchanges.iter().any(|x| x == exchange) && self.exchanges.len() < MAX_REMEMBERED {
            self.exchanges.push(exchange.to_string());
        }
    }

    fn consumed(&mut self, queue: &str) {
        if !self.queues.iter().any(|q| q == queue) && self.queues.len() < MAX_REMEMBERED {
            self.queues.push(queue.to_string());
        }
    }
}
