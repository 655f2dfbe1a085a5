//! The one place the Programs panel and `window.warren`'s program methods
//! reach the runtime: load compiled programs, run a command line, interrupt
//! a process, list the processes, end them all.
//!
//! For now the programs run in a stand-in: a [`Runner`] with a broker of
//! its own, its virtual clock following the simulation's (advanced by the
//! difference whenever the page looks at the processes), so commands,
//! output, exit codes and Ctrl+C work end to end. When `Simulation` gains
//! `load_programs` / `run_command` / `interrupt` / `processes` /
//! `end_processes`, each method here becomes a call on
//! `stage.runtime.borrow_mut().sim` and the stand-in goes: nothing else in
//! the page changes.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::components::Stage;
use crate::python::Program;
use crate::runner::{Pid, Runner};

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
    pub note: Option<String>,
    /// The virtual time it started at (ms).
    pub started_ms: u64,
}

/// The stand-in's state: the runner, the simulation time it has caught up
/// with, and when each process started.
struct StandIn {
    runner: Runner,
    synced_ms: u64,
    started: BTreeMap<Pid, u64>,
}

/// The runtime's program methods, for the panel and the API.
#[derive(Clone)]
pub struct RuntimeLink {
    stage: Stage,
    standin: Rc<RefCell<StandIn>>,
}

impl PartialEq for RuntimeLink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.standin, &other.standin)
    }
}

impl RuntimeLink {
    /// A link for the page's stage (made once by [`super::use_programs`]).
    pub fn new(stage: Stage) -> Self {
        let standin =
            StandIn { runner: Runner::new(1), synced_ms: sim_now(&stage).unwrap_or(0), started: BTreeMap::new() };
        RuntimeLink { stage, standin: Rc::new(RefCell::new(standin)) }
    }

    /// Loads compiled programs, replacing those with the same names.
    pub fn load_programs(&self, programs: Vec<(String, Rc<Program>)>) {
        let mut s = self.standin.borrow_mut();
        for (name, program) in programs {
            s.runner.load_program(&name, Rc::unwrap_or_clone(program));
        }
    }

    /// Starts a process for a command line (`python3 receive.py "*.x"`).
    pub fn run_command(&self, line: &str) -> Result<Pid, String> {
        let pid = {
            let mut s = self.sync();
            let pid = s.runner.run(line)?;
            let now = s.runner.broker.now();
            s.started.insert(pid, now);
            pid
        };
        self.stage.refresh.emit(());
        Ok(pid)
    }

    /// Ctrl+C: raises KeyboardInterrupt in the process where it waits.
    pub fn interrupt(&self, pid: Pid) {
        self.sync().runner.interrupt(pid);
        self.stage.refresh.emit(());
    }

    /// Every process, oldest first, caught up with the simulation's clock.
    pub fn processes(&self) -> Vec<ProcessRow> {
        let s = self.sync();
        s.runner
            .processes
            .iter()
            .map(|(pid, p)| ProcessRow {
                pid: *pid,
                command: p.command.clone(),
                stdout: p.stdout.clone(),
                stderr: p.stderr.clone(),
                exit: p.exit,
                note: p.note.clone(),
                started_ms: s.started.get(pid).copied().unwrap_or(0),
            })
            .collect()
    }

    /// Whether any process is still running.
    pub fn any_running(&self) -> bool {
        self.sync().runner.processes.values().any(|p| p.exit.is_none())
    }

    /// Ends every running process (as Ctrl+C would, then whatever remains
    /// is left stopped).
    pub fn end_processes(&self) {
        {
            let mut s = self.sync();
            let running: Vec<Pid> =
                s.runner.processes.iter().filter(|(_, p)| p.exit.is_none()).map(|(p, _)| *p).collect();
            for pid in running {
                s.runner.interrupt(pid);
            }
        }
        self.stage.refresh.emit(());
    }

    /// The stand-in, its clock moved up to the simulation's.
    fn sync(&self) -> std::cell::RefMut<'_, StandIn> {
        let mut s = self.standin.borrow_mut();
        let Some(now) = sim_now(&self.stage) else { return s };
        if now > s.synced_ms {
            let by = now - s.synced_ms;
            s.runner.advance(by);
        }
        // A reset or a new scenario starts the simulation's clock again.
        s.synced_ms = now;
        s
    }
}

/// The simulation's virtual time (ms); none while the runtime is busy.
fn sim_now(stage: &Stage) -> Option<u64> {
    stage.runtime.try_borrow().ok().map(|rt| rt.sim.now())
}
