//! Python programs on the playground's broker: the processes started from
//! the terminal or from the document's commands, run on the simulation's
//! clock between its own clients ([`Simulation::advance`]).
//!
//! A document's commands run at their virtual times. Their files come from
//! the page's parser, which answers later ([`Simulation::load_programs`]),
//! so a command whose file the document holds waits for it: the clock stops
//! one millisecond before the command's time until a parsed file with the
//! document's very source is loaded (or the file is known to be refused),
//! and everything at that time then happens in the usual order. A run is
//! therefore the same however long parsing took.

use std::rc::Rc;

use crate::i18n::MsgId;
use crate::python::Program;
use crate::runner::{command, Pid, Process, SETTLE_ROUNDS};
use crate::scenario::TerminalCommand;

use super::Simulation;

/// The id of an ended process's note when the playground ended it.
pub const ENDED_BY_LOAD: MsgId = id!("runner-note-ended-by-load");

/// Whether a document command can run now.
enum Readiness {
    /// Its file is loaded (or is not in the document: the run fails as a
    /// shell's would).
    Ready,
    /// Its file is refused by the parser: this is what to print.
    Refused(String),
    /// Its file is in the document but not parsed yet.
    Waiting(String),
}

impl Simulation {
    /// Adds parsed program files, replacing those with the same name.
    /// Document commands that waited for them run when the clock next moves.
    pub fn load_programs(&mut self, files: Vec<(String, Rc<Program>)>) {
        for (name, program) in files {
            self.refused_programs.remove(&name);
            self.programs.load(&name, program);
        }
    }

    /// Marks a file the parser refused (with its message, as the terminal
    /// prints it): a command naming it fails with that message (a document
    /// command instead of waiting), and an earlier parse of it is dropped.
    pub fn refuse_program(&mut self, name: &str, message: &str) {
        let source = self.scenario.program(name).map(|p| p.source.clone()).unwrap_or_default();
        self.programs.unload(name);
        self.refused_programs.insert(name.to_string(), (source, message.to_string()));
    }

    /// The parsed files loaded, by name.
    pub fn loaded_programs(&self) -> Vec<(String, Rc<Program>)> {
        self.programs.files().map(|(n, p)| (n.clone(), p.clone())).collect()
    }

    /// Starts a command line (`python3 receive.py "*.error"`) at the
    /// current virtual time; it runs until it first blocks (or for one
    /// slice, if it computes longer: see [`computing`](Self::computing))
    /// before this returns. A line that cannot start says why as a shell would
    /// (`python3: can't open file 'x.py': [Errno 2] No such file or directory`).
    pub fn run_command(&mut self, line: &str) -> Result<Pid, crate::i18n::Msg> {
        let now = self.now();
        self.ran_commands.push((now, line.to_string()));
        if let Some((_, message)) = command::parse(line).ok().and_then(|c| self.refused_programs.get(&c.file)) {
            return Err(crate::i18n::Msg::verbatim(message.as_str()));
        }
        let pid = self.programs.start(line, now)?;
        self.settle_programs();
        Ok(pid)
    }

    /// Ctrl+C: raises KeyboardInterrupt where the process is blocked.
    pub fn interrupt(&mut self, pid: Pid) {
        self.programs.interrupt(pid);
        self.settle_programs();
    }

    /// What the run so far shows about the programs' mistakes, each note
    /// beside its program line (see [`crate::runner::mistakes`]).
    pub fn mistakes(&self) -> Vec<crate::runner::mistakes::Note> {
        self.programs.mistakes()
    }

    /// Every process started, oldest first.
    pub fn processes(&self) -> impl Iterator<Item = (Pid, &Process)> {
        self.programs.processes()
    }

    /// A process by pid.
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.programs.process(pid)
    }

    /// The process that opened a channel (also after it closed).
    pub fn process_of_channel(&self, channel: crate::engine::ChannelId) -> Option<Pid> {
        self.programs.pid_of_channel(channel)
    }

    /// Ends every running process: its connections close, so its exclusive
    /// queues go and its unacked messages return to their queues.
    pub fn end_processes(&mut self) {
        let events = self.programs.end_all(&mut self.broker, &crate::i18n::Msg::new(ENDED_BY_LOAD));
        self.absorb(events);
    }

    /// When the clock waits for the page's parser: the time of the first
    /// document command whose file is not parsed yet, and that file.
    pub fn waiting_for_program(&self) -> Option<(u64, String)> {
        self.pending_commands().into_iter().find_map(|c| match self.readiness(c) {
            Readiness::Waiting(file) => Some((c.at, file)),
            _ => None,
        })
    }

    /// The document's commands not run yet (from now on), in time order
    /// (document order at the same time). A command counts as run when a
    /// command with the same time and line was run.
    fn pending_commands(&self) -> Vec<&TerminalCommand> {
        let mut ran: Vec<(u64, &str)> = self.ran_commands.iter().map(|(at, l)| (*at, l.as_str())).collect();
        let mut pending: Vec<&TerminalCommand> = Vec::new();
        for c in &self.scenario.commands {
            match ran.iter().position(|(at, l)| *at == c.at && *l == c.line) {
                Some(i) => {
                    ran.swap_remove(i);
                }
                None if c.at >= self.now() => pending.push(c),
                None => {}
            }
        }
        pending.sort_by_key(|c| c.at);
        pending
    }

    fn readiness(&self, c: &TerminalCommand) -> Readiness {
        let Ok(cmd) = command::parse(&c.line) else { return Readiness::Ready };
        let Some(doc) = self.scenario.program(&cmd.file) else { return Readiness::Ready };
        let same_source = |p: &Program| p.lines.iter().map(String::as_str).eq(doc.source.lines());
        if self.programs.file(&cmd.file).is_some_and(|p| same_source(p)) {
            return Readiness::Ready;
        }
        match self.refused_programs.get(&cmd.file) {
            Some((source, message)) if *source == doc.source => Readiness::Refused(message.clone()),
            _ => Readiness::Waiting(cmd.file),
        }
    }

    /// The time of the first document command that waits for its file.
    pub(crate) fn program_gate(&self) -> Option<u64> {
        self.waiting_for_program().map(|(at, _)| at)
    }

    /// The time of the next document command that can run.
    pub(crate) fn next_command_at(&self) -> Option<u64> {
        let pending = self.pending_commands();
        pending.into_iter().take_while(|c| !matches!(self.readiness(c), Readiness::Waiting(_))).map(|c| c.at).next()
    }

    /// Runs the document's commands that are due now, in order.
    pub(crate) fn run_due_commands(&mut self) {
        let now = self.now();
        let due: Vec<(TerminalCommand, Readiness)> = self
            .pending_commands()
            .into_iter()
            .take_while(|c| c.at <= now)
            .map(|c| (c.clone(), self.readiness(c)))
            .take_while(|(_, r)| !matches!(r, Readiness::Waiting(_)))
            .collect();
        for (c, readiness) in due {
            self.ran_commands.push((now, c.line.clone()));
            let started = match readiness {
                Readiness::Refused(message) => Err((message, 1)),
                _ => self.programs.start(&c.line, now).map_err(|e| {
                    let code = command::exit_code(&e);
                    (e.english(), code)
                }),
            };
            if let Err((message, code)) = started {
                self.programs.failed(&c.line, now, &message, code);
            }
        }
    }

    /// Runs every process that can run at this virtual time until all wait
    /// or end, taking the broker's events in between; a process that
    /// computes has one slice here and goes on at the next call, with the
    /// clock held ([`computing`](Self::computing)).
    pub(crate) fn settle_programs(&mut self) {
        self.programs.wake_due(self.now());
        let mut sliced = Vec::new();
        for _ in 0..SETTLE_ROUNDS {
            self.pump();
            let ready = self.programs.ready_except(&sliced);
            if ready.is_empty() {
                return;
            }
            for pid in ready {
                let events = self.programs.step(pid, &mut self.broker);
                self.absorb(events);
                if self.programs.is_computing(pid) {
                    sliced.push(pid);
                }
            }
        }
    }

    /// Whether a process is in the middle of a computation: the clock
    /// holds (each [`advance`](Self::advance) gives it one more slice at
    /// the same virtual time) until it waits or ends, so a program's
    /// computing takes no virtual time however many frames it spans.
    pub fn computing(&self) -> bool {
        self.programs.computing()
    }

    /// Moves the clock `ms` as [`advance`](Self::advance) does, giving a
    /// computing process the slices it needs on the way, at most `slices`
    /// of them so that one call's work stays bounded; true when a process
    /// still computes at the end (the clock held short of the target).
    pub fn advance_through(&mut self, ms: u64, slices: u32) -> bool {
        let target = self.now().saturating_add(ms);
        let mut left = slices;
        loop {
            let slicing = self.computing();
            if slicing {
                if left == 0 {
                    return true;
                }
                left -= 1;
            }
            self.advance(target.saturating_sub(self.now()));
            if self.halted().is_some() {
                return self.computing();
            }
            if !slicing && !self.computing() {
                return false;
            }
        }
    }

    /// Takes the broker's events: processes see theirs first
    /// ([`Programs::observe`](crate::runner::Programs::observe)), then the simulation's clients and log.
    pub(crate) fn pump(&mut self) {
        let events = self.broker.take_events();
        for e in &events {
            self.programs.observe(e);
        }
        self.absorb(events);
    }
}
