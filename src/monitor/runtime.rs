//! The running playground: a [`Simulation`] driven by the page's animation
//! frames, with the [`Monitor`] that watches it and the dots in flight.
//! Virtual time moves by the wall time between frames times the speed; a
//! long pause between frames (a hidden tab) moves it by a quarter second at
//! most.

use std::rc::Rc;

use crate::engine::Event;
use crate::python::Program;
use crate::runner::{Pid, Process};
use crate::scenario::Scenario;
use crate::simulation::Simulation;

use super::flights::Flights;
use super::program_topology::ProgramTopology;
use super::Monitor;

/// The most wall time one frame may account for (ms).
pub const MAX_FRAME_MS: f64 = 250.0;

/// A simulation, its watcher and its dots.
#[derive(Debug)]
pub struct Runtime {
    /// The simulation.
    pub sim: Simulation,
    /// The log, messages seen, tallies.
    pub monitor: Monitor,
    /// Dots in flight.
    pub flights: Flights,
    /// The clock runs.
    pub playing: bool,
    /// Virtual ms per wall ms (0.1 to 10).
    pub speed: f64,
    last_frame: Option<f64>,
    carry: f64,
    changed: bool,
    /// The editor's scenario being played (by identity) and the editor's
    /// load count when it was taken.
    followed: Option<(Rc<Scenario>, u64)>,
    /// What the programs add to the canvas now, and the document with it
    /// (`None` while they add nothing): see [`Runtime::drawn`].
    overlay: ProgramTopology,
    drawn: Option<Rc<Scenario>>,
}

impl Runtime {
    /// A paused runtime playing `scenario`.
    pub fn new(scenario: Scenario) -> Self {
        let speed = scenario.speed;
        let mut rt = Runtime {
            sim: Simulation::new(scenario),
            monitor: Monitor::new(),
            flights: Flights::default(),
            playing: false,
            speed,
            last_frame: None,
            carry: 0.0,
            changed: true,
            followed: None,
            overlay: ProgramTopology::default(),
            drawn: None,
        };
        rt.drain(0.0);
        rt
    }

    /// A paused runtime already following the editor's `scenario` (see
    /// [`Runtime::follow`]).
    pub fn following(scenario: &Rc<Scenario>, loads: u64) -> Self {
        let mut rt = Runtime::new((**scenario).clone());
        rt.followed = Some((scenario.clone(), loads));
        rt
    }

    /// How long a dot takes along one edge (ms of wall time): shorter at
    /// high speeds so dots keep up.
    pub fn leg_ms(&self) -> f64 {
        (480.0 / self.speed.max(0.1).sqrt()).clamp(160.0, 900.0)
    }

    /// Takes the simulation's events into the log and the dots.
    pub fn drain(&mut self, now: f64) {
        let events = self.sim.take_events();
        let eventful = events.iter().any(|e| !matches!(e.event, Event::ClockAdvanced { .. }));
        if eventful {
            self.changed = true;
        }
        self.monitor.ingest(&self.sim, events);
        let motions = self.monitor.take_motions();
        let leg = self.leg_ms();
        self.flights.add(motions, now, leg);
        // What programs add changes with what the broker does, and with
        // time only while an ended process's nodes linger.
        if eventful || self.overlay.lingering() {
            self.refresh_overlay(false);
        }
    }

    /// Takes in what the programs add to the canvas; `document` when the
    /// document changed too (the drawn scenario is then rebuilt even if
    /// the overlay is the same).
    fn refresh_overlay(&mut self, document: bool) {
        // No process ever ran: nothing to look for.
        let overlay = if self.sim.processes().next().is_none() {
            ProgramTopology::default()
        } else {
            ProgramTopology::of(&self.sim)
        };
        if overlay == self.overlay && !document {
            return;
        }
        self.drawn = (!overlay.is_empty()).then(|| Rc::new(overlay.merged_into(self.sim.scenario())));
        self.overlay = overlay;
        self.changed = true;
    }

    /// The scenario the canvas draws and the dots travel on: the document
    /// with the programs' exchanges, queues, bindings and process nodes
    /// added (see [`ProgramTopology`]), or `None` while the programs add
    /// nothing (the canvas then draws the editor's document). A new `Rc`
    /// exactly when what it holds changed.
    pub fn drawn(&self) -> Option<&Rc<Scenario>> {
        self.drawn.as_ref()
    }

    /// The scenario dots are placed on: [`Runtime::drawn`], else the
    /// document.
    pub fn dot_scenario(&self) -> &Scenario {
        self.drawn.as_deref().unwrap_or(self.sim.scenario())
    }

    /// What the programs add to the canvas now.
    pub fn overlay(&self) -> &ProgramTopology {
        &self.overlay
    }

    /// Plays what the editor holds: the one way an edited scenario reaches
    /// the simulation. The scenario is told apart by identity (`Rc`), never
    /// compared: the same one does nothing; after a new load (the editor's
    /// `loads` moved on) it starts a fresh run, unless the run already plays
    /// that very scenario ([`Runtime::load`]); any other is played from now
    /// on. Returns whether anything changed.
    pub fn follow(&mut self, scenario: &Rc<Scenario>, loads: u64, now: f64) -> bool {
        let (same, loaded) = match &self.followed {
            Some((s, l)) => (Rc::ptr_eq(s, scenario), *l != loads),
            None => (false, true),
        };
        self.followed = Some((scenario.clone(), loads));
        if same {
            return false;
        }
        if loaded {
            let playing = self.playing;
            self.start_over((**scenario).clone());
            self.playing = playing;
            self.followed = Some((scenario.clone(), loads));
        } else {
            self.speed = scenario.speed;
            self.sim.set_scenario((**scenario).clone());
            self.drain(now);
            self.refresh_overlay(true);
        }
        self.changed = true;
        true
    }

    /// Starts a fresh run of `scenario` at once, for a caller that loads it
    /// into the editor and must see it right away (the host page's `load`,
    /// followed in the same script by a `publish`): when the editor's load
    /// of that same `Rc` is followed, the run goes on.
    pub fn load(&mut self, scenario: &Rc<Scenario>) {
        let loads = self.followed.as_ref().map_or(0, |(_, l)| *l);
        self.reset((**scenario).clone());
        self.followed = Some((scenario.clone(), loads));
    }

    /// Starts a fresh simulation of `scenario` (the clock bar's reset).
    pub fn reset(&mut self, scenario: Scenario) {
        let (playing, followed) = (self.playing, self.followed.take());
        self.start_over(scenario);
        self.playing = playing;
        self.followed = followed;
    }

    /// A fresh run of `scenario` that keeps the parsed program files still
    /// good for it (the document's own with the same source, and files the
    /// document does not name), so its commands need not wait for the
    /// parser again. The old run's processes end with it.
    fn start_over(&mut self, scenario: Scenario) {
        self.sim.end_processes();
        let keep = |(name, p): &(String, Rc<Program>)| match scenario.program(name) {
            Some(doc) => p.lines.iter().map(String::as_str).eq(doc.source.lines()),
            None => true,
        };
        let files: Vec<_> = self.sim.loaded_programs().into_iter().filter(keep).collect();
        *self = Runtime::new(scenario);
        self.sim.load_programs(files);
    }

    /// Adds parsed program files (replacing those with the same name); see
    /// [`Simulation::load_programs`].
    pub fn load_programs(&mut self, files: Vec<(String, Rc<Program>)>) {
        self.sim.load_programs(files);
        self.changed = true;
    }

    /// Starts a command line at the current virtual time and takes its
    /// events; see [`Simulation::run_command`].
    pub fn run_command(&mut self, line: &str, now: f64) -> Result<Pid, crate::i18n::Msg> {
        self.act(now, |sim| sim.run_command(line))
    }

    /// Ctrl+C for a process; see [`Simulation::interrupt`].
    pub fn interrupt(&mut self, pid: Pid, now: f64) {
        self.act(now, |sim| sim.interrupt(pid))
    }

    /// Ends every running process; see [`Simulation::end_processes`].
    pub fn end_processes(&mut self, now: f64) {
        self.act(now, Simulation::end_processes)
    }

    /// Every process started, oldest first.
    pub fn processes(&self) -> impl Iterator<Item = (Pid, &Process)> {
        self.sim.processes()
    }

    /// One animation frame at wall time `now` (ms): gives a computing
    /// process its next slice (playing or paused, at the same virtual
    /// time), else moves virtual time if playing; drops finished dots.
    pub fn frame(&mut self, now: f64) {
        let last = self.last_frame.replace(now);
        if self.sim.computing() && self.sim.halted().is_none() {
            self.carry = 0.0;
            self.act(now, |sim| sim.advance(0));
        } else if self.playing {
            if self.sim.halted().is_some() {
                self.playing = false;
                self.changed = true;
            } else if let Some(last) = last {
                let dt = (now - last).clamp(0.0, MAX_FRAME_MS);
                self.carry += dt * self.speed;
                let ms = self.carry.floor();
                if ms >= 1.0 {
                    self.carry -= ms;
                    self.sim.advance(ms as u64);
                    self.drain(now);
                }
            }
        } else {
            self.carry = 0.0;
        }
        self.flights.prune(now);
    }

    /// Jumps to the next thing that happens; false when nothing is due.
    pub fn step(&mut self, now: f64) -> bool {
        let moved = self.sim.step();
        self.drain(now);
        self.changed = true;
        moved
    }

    /// Runs an action on the simulation (publish now, kill, purge, ...) and
    /// takes its events.
    pub fn act<T>(&mut self, now: f64, f: impl FnOnce(&mut Simulation) -> T) -> T {
        let out = f(&mut self.sim);
        self.drain(now);
        self.changed = true;
        out
    }

    /// True (once) when something changed that the page should redraw.
    pub fn take_changed(&mut self) -> bool {
        std::mem::take(&mut self.changed)
    }

    /// Marks the state as changed.
    pub fn touch(&mut self) {
        self.changed = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::*;

    fn scenario() -> Scenario {
        Scenario {
            queues: vec![QueueNode { id: "q1".into(), name: "tasks".into(), ..Default::default() }],
            producers: vec![ProducerNode {
                id: "p1".into(),
                name: "p".into(),
                exchange: Some(DEFAULT_EXCHANGE_ID.into()),
                message: MessageTemplate { routing_key: "tasks".into(), body: "t{n}".into(), ..Default::default() },
                schedule: Schedule::Every { every_ms: 1000, start_ms: 0, count: None, batch: 1 },
                x: 0.0,
                y: 0.0,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn following_tells_scenarios_apart_by_identity() {
        let first = Rc::new(scenario());
        let mut rt = Runtime::new(Scenario::default());
        assert!(rt.follow(&first, 0, 0.0), "the first scenario is played");
        rt.sim.advance(2500);
        assert!(!rt.follow(&first, 0, 0.0), "the same one does nothing");
        let edited = Rc::new(Scenario { title: "edited".into(), ..scenario() });
        assert!(rt.follow(&edited, 0, 0.0));
        assert_eq!((rt.sim.now(), rt.sim.scenario().title.as_str()), (2500, "edited"), "an edit plays on");
        let loaded = Rc::new(scenario());
        assert!(rt.follow(&loaded, 1, 0.0));
        assert_eq!(rt.sim.now(), 0, "a load starts a fresh run");
    }

    #[test]
    fn a_run_loaded_at_once_goes_on_when_the_editor_follows() {
        let mut rt = Runtime::new(Scenario::default());
        rt.follow(&Rc::new(Scenario::default()), 0, 0.0);
        let loaded = Rc::new(scenario());
        rt.load(&loaded);
        rt.sim.advance(2500);
        assert!(!rt.follow(&loaded, 1, 0.0), "the editor's load of the same scenario keeps the run");
        assert_eq!(rt.sim.now(), 2500);
        let again = Rc::new(scenario());
        rt.follow(&again, 2, 0.0);
        assert_eq!(rt.sim.now(), 0, "another load (an equal scenario) starts again");
    }

    #[test]
    fn frames_move_virtual_time_by_speed() {
        let mut rt = Runtime::new(scenario());
        rt.frame(0.0);
        assert_eq!(rt.sim.now(), 0);
        rt.playing = true;
        rt.speed = 2.0;
        rt.frame(100.0);
        assert!(!rt.flights.is_empty(), "the first publish is in flight");
        rt.frame(1100.0); // capped at 250 ms of wall time
        assert_eq!(rt.sim.now(), 200 + 500);
        assert_eq!(rt.sim.broker().queue("tasks").unwrap().ready.len(), 1);
        assert!(rt.take_changed());
        rt.playing = false;
        rt.frame(5000.0);
        assert_eq!(rt.sim.now(), 700);
        assert!(rt.step(5000.0));
        assert_eq!(rt.sim.now(), 1000);
        assert_eq!(rt.sim.broker().queue("tasks").unwrap().ready.len(), 2);
    }

    #[test]
    fn a_computing_program_gets_a_slice_every_frame_playing_or_paused() {
        let mut rt = Runtime::new(scenario());
        rt.sim.programs.spin_budget = 4 * crate::runner::STEP_SLICE;
        let spin = crate::python::compile::compile("spin.py", "while True:\n    pass\n").expect("compiles");
        rt.sim.load_programs(vec![("spin.py".into(), Rc::new(spin))]);
        let pid = rt.sim.run_command("python3 spin.py").expect("starts");
        rt.frame(0.0);
        assert!(rt.sim.computing(), "paused, it still computes");
        rt.playing = true;
        rt.frame(16.0);
        rt.frame(32.0);
        assert_eq!(rt.sim.now(), 0, "computing takes no virtual time");
        let p = rt.processes().find(|(id, _)| *id == pid).map(|(_, p)| p).expect("the process");
        assert_eq!(p.exit, Some(1), "stopped at its fourth slice");
        rt.frame(48.0);
        rt.frame(148.0);
        assert_eq!(rt.sim.now(), 16 + 100, "then the clock goes on");
    }
}
