//! The one place the Programs panel and `window.warren`'s program methods
//! reach the runtime: load compiled programs, run a command line, interrupt
//! a process, list the processes, end them all.
//!
//! The programs run in the playground's own simulation, on its broker and
//! its virtual clock ([`crate::monitor::runtime::Runtime`]'s program
//! methods): what they declare is on the canvas, their messages move as
//! dots and their events are in the log.

use std::rc::Rc;

use crate::components::{wall_now, Stage};
use crate::python::Program;
use crate::runner::{Pid, Process};

/// One process as the panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessRow {
    /// Its id.
    pub pid: Pid,
    /// The command line that started it.
    pub command: String,
    /// Everything it printed to stdout so far.
    pub stdout: String,
    /// Everything it printed to stderr so far.
    pub stderr: String,
    /// Its exit code, once it has ended.
    pub exit: Option<i32>,
    /// Why Warren stopped it, if it did.
    pub note: Option<crate::i18n::Msg>,
    /// The virtual time it started at (ms).
    pub started_ms: u64,
}

/// The runtime's program methods, for the panel and the API.
#[derive(Clone)]
pub struct RuntimeLink {
    stage: Stage,
}

impl PartialEq for RuntimeLink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.stage.runtime, &other.stage.runtime)
    }
}

impl RuntimeLink {
    /// A link for the page's stage (made once by [`super::use_programs`]).
    pub fn new(stage: Stage) -> Self {
        RuntimeLink { stage }
    }

    /// Loads compiled programs, replacing those with the same names.
    pub fn load_programs(&self, programs: Vec<(String, Rc<Program>)>) {
        self.stage.runtime.borrow_mut().load_programs(programs);
        self.stage.refresh.emit(());
    }

    /// Starts a process for a command line (`python3 receive.py "*.x"`).
    pub fn run_command(&self, line: &str) -> Result<Pid, String> {
        let pid = self.stage.runtime.borrow_mut().run_command(line, wall_now())?;
        self.stage.refresh.emit(());
        Ok(pid)
    }

    /// Ctrl+C: raises KeyboardInterrupt in the process where it waits.
    pub fn interrupt(&self, pid: Pid) {
        self.stage.runtime.borrow_mut().interrupt(pid, wall_now());
        self.stage.refresh.emit(());
    }

    /// Every process, oldest first (none while the runtime is busy).
    pub fn processes(&self) -> Vec<ProcessRow> {
        let Ok(rt) = self.stage.runtime.try_borrow() else { return Vec::new() };
        rt.processes().map(|(pid, p)| row(pid, p)).collect()
    }

    /// Whether any process is still running.
    pub fn any_running(&self) -> bool {
        self.stage.runtime.try_borrow().is_ok_and(|rt| rt.processes().any(|(_, p)| p.running()))
    }

    /// Ends every running process: its connection closes (exclusive queues
    /// go, unacked messages return to their queues).
    pub fn end_processes(&self) {
        self.stage.runtime.borrow_mut().end_processes(wall_now());
        self.stage.refresh.emit(());
    }
}

fn row(pid: Pid, p: &Process) -> ProcessRow {
    ProcessRow {
        pid,
        command: p.command.clone(),
        stdout: p.stdout.clone(),
        stderr: p.stderr.clone(),
        exit: p.exit,
        note: p.note.clone(),
        started_ms: p.started_at,
    }
}
