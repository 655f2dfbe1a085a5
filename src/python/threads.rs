//! Threads as cooperative tasks on the virtual clock: each thread has its
//! own frame stack; the running one's is `Interp::frames`. A thread runs
//! until it blocks (a sleep, a wait for the broker, a join, a lock), then
//! the next ready thread runs, in creation order, so a run is
//! deterministic. The process ends when its main thread and every
//! non-daemon thread have ended (or at `os._exit`).

use std::rc::Rc;

use super::code::{Code, CodeKind, Const, Op, Params};
use super::value::Value;
use super::vm::{Frame, Interp, RetMode, RunOutcome, Wait};

/// Why the running thread stopped.
pub(super) enum Stop {
    /// It waits.
    Blocked(Wait),
    /// It ended (with this exit code, for the main thread).
    Done(i32),
    /// `os._exit`: the whole process ends.
    Exit(i32),
}

/// One thread of a process.
pub(super) struct Thread {
    /// Its frames while another thread runs.
    pub(super) frames: Vec<Frame>,
    wait: Option<Wait>,
    /// May run now (not known to be waiting).
    ready: bool,
    /// It has ended.
    pub(super) done: bool,
    daemon: bool,
    /// The `threading.Thread` object (None for the main thread).
    pub(super) object: Value,
    /// Steps executed when it was last switched in.
    resumed_at: u64,
}

impl Thread {
    /// The main thread.
    pub(super) fn main() -> Thread {
        Thread {
            frames: Vec::new(),
            wait: None,
            ready: true,
            done: false,
            daemon: false,
            object: Value::None,
            resumed_at: 0,
        }
    }
}

/// The code a new thread starts with: `target(*args, **kwargs)`.
fn bootstrap() -> Rc<Code> {
    Rc::new(Code {
        name: "run".into(),
        qualname: "Thread.run".into(),
        kind: CodeKind::Function,
        params: Params::default(),
        ops: vec![Op::CallEx, Op::Pop, Op::Const(0), Op::Return],
        lines: vec![0; 4],
        consts: vec![Const::None],
        names: Vec::new(),
        first_line: 0,
    })
}

impl Interp {
    /// Starts a thread running `target(*args, **kwargs)`; its index.
    pub(super) fn spawn(&mut self, target: Value, args: Value, kwargs: Value, daemon: bool, object: Value) -> usize {
        let globals = self.globals();
        let frame = Frame::for_thread(bootstrap(), vec![target, args, kwargs], globals, RetMode::Normal);
        self.threads.push(Thread {
            frames: vec![frame],
            wait: None,
            ready: true,
            done: false,
            daemon,
            object,
            resumed_at: 0,
        });
        self.threads.len() - 1
    }

    /// Is thread `i` still running?
    pub(super) fn thread_alive(&self, i: usize) -> bool {
        self.threads.get(i).is_some_and(|t| !t.done)
    }

    /// The running thread's index.
    pub(super) fn current_thread(&self) -> usize {
        self.cur
    }

    /// The running thread's `threading.Thread` object (None for main).
    pub(super) fn current_thread_object(&self) -> Value {
        self.threads[self.cur].object.clone()
    }

    /// On resuming the process: every waiting thread checks again.
    pub(super) fn resume(&mut self) -> Option<RunOutcome> {
        for t in self.threads.iter_mut() {
            t.ready = !t.done;
        }
        self.threads[self.cur].resumed_at = self.steps;
        if self.threads[self.cur].done {
            return self.switch_next();
        }
        None
    }

    /// Makes the main thread the running one; false if it has ended.
    pub(super) fn switch_to_main(&mut self) -> bool {
        if self.threads[0].done {
            return false;
        }
        self.switch(0);
        true
    }

    fn switch(&mut self, i: usize) {
        if i != self.cur {
            std::mem::swap(&mut self.frames, &mut self.threads[self.cur].frames);
            std::mem::swap(&mut self.frames, &mut self.threads[i].frames);
            self.cur = i;
        }
        self.threads[i].resumed_at = self.steps;
    }

    fn wake_others(&mut self) {
        let cur = self.cur;
        for (i, t) in self.threads.iter_mut().enumerate() {
            if i != cur && !t.done {
                t.ready = true;
            }
        }
    }

    /// The running thread stopped: run another, or say how the process
    /// waits or ends.
    pub(super) fn thread_stopped(&mut self, stop: Stop) -> Option<RunOutcome> {
        match stop {
            Stop::Exit(code) => Some(self.end_process(code)),
            Stop::Blocked(w) => {
                let t = &mut self.threads[self.cur];
                let progressed = self.steps - t.resumed_at > 1;
                t.wait = Some(w);
                t.ready = false;
                if progressed {
                    self.wake_others();
                }
                self.switch_next()
            }
            Stop::Done(code) => {
                if self.cur == 0 {
                    self.main_exit = code;
                }
                let t = &mut self.threads[self.cur];
                t.done = true;
                t.ready = false;
                t.wait = None;
                self.wake_others();
                if self.threads[0].done && !self.threads.iter().any(|t| !t.done && !t.daemon) {
                    return Some(self.end_process(self.main_exit));
                }
                self.switch_next()
            }
        }
    }

    fn switch_next(&mut self) -> Option<RunOutcome> {
        let n = self.threads.len();
        for k in 1..=n {
            let i = (self.cur + k) % n;
            if self.threads[i].ready && !self.threads[i].done {
                self.switch(i);
                return None;
            }
        }
        Some(RunOutcome::Blocked(self.combined_wait()))
    }

    /// What the process waits for: the earliest thread's time, and
    /// activity if any thread waits for it.
    fn combined_wait(&self) -> Wait {
        let live = self.threads.iter().filter(|t| !t.done).filter_map(|t| t.wait);
        live.fold(Wait { until: None, on_activity: false }, |acc, w| Wait {
            until: match (acc.until, w.until) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            on_activity: acc.on_activity || w.on_activity,
        })
    }
}
