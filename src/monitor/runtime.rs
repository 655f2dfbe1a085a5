//! The running playground: a [`Simulation`] driven by the page's animation
//! frames, with the [`Monitor`] that watches it and the dots in flight.
//! Virtual time moves by the wall time between frames times the speed; a
//! long pause between frames (a hidden tab) moves it by a quarter second at
//! most.

use crate::engine::Event;
use crate::scenario::Scenario;
use crate::simulation::Simulation;

use super::flights::Flights;
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
    preloaded: Option<Scenario>,
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
            preloaded: None,
        };
        rt.drain(0.0);
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
        if events.iter().any(|e| !matches!(e.event, Event::ClockAdvanced { .. })) {
            self.changed = true;
        }
        self.monitor.ingest(&self.sim, events);
        let motions = self.monitor.take_motions();
        let leg = self.leg_ms();
        self.flights.add(motions, now, leg);
    }

    /// Plays an edited scenario from now on.
    pub fn set_scenario(&mut self, scenario: Scenario, now: f64) {
        self.speed = scenario.speed;
        self.sim.set_scenario(scenario);
        self.drain(now);
        self.changed = true;
    }

    /// Starts a fresh simulation of `scenario` (a loaded scenario, a reset).
    /// After [`preload`](Self::preload) of the same scenario, the first
    /// reset before the next frame keeps the preloaded run instead (the
    /// app's own reset for that load, which comes a moment later).
    pub fn reset(&mut self, scenario: Scenario) {
        if self.preloaded.take().is_some_and(|p| p == scenario) {
            self.changed = true;
            return;
        }
        let playing = self.playing;
        *self = Runtime::new(scenario);
        self.playing = playing;
    }

    /// Starts a fresh simulation of `scenario` right away, for a caller
    /// that must see it at once (the host-page API's `load`, followed in
    /// the same script by a `publish`); the editor's load of the same
    /// scenario, which resets the runtime again after the next render,
    /// then keeps this run and whatever was done to it in between.
    pub fn preload(&mut self, scenario: Scenario) {
        self.preloaded = None;
        self.reset(scenario.clone());
        self.preloaded = Some(scenario);
    }

    /// One animation frame at wall time `now` (ms): moves virtual time if
    /// playing, and drops finished dots.
    pub fn frame(&mut self, now: f64) {
        // The app's reset for a preloaded scenario comes before any frame.
        self.preloaded = None;
        let last = self.last_frame.replace(now);
        if self.playing {
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
    fn a_preloaded_run_survives_the_reset_for_the_same_load() {
        let mut rt = Runtime::new(Scenario::default());
        rt.preload(scenario());
        rt.sim.advance(2500);
        rt.reset(scenario());
        assert_eq!(rt.sim.now(), 2500, "the app's reset for this load keeps the run");
        rt.reset(scenario());
        assert_eq!(rt.sim.now(), 0, "a later reset (the Reset button) starts again");
        rt.preload(scenario());
        rt.sim.advance(10);
        rt.frame(0.0);
        rt.reset(scenario());
        assert_eq!(rt.sim.now(), 0, "after a frame, a reset is a reset");
        rt.preload(scenario());
        let other = Scenario { title: "other".into(), ..Default::default() };
        rt.reset(other.clone());
        assert_eq!(rt.sim.scenario(), &other, "a reset for another scenario happens");
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
}
