//! Message dots in flight: each [`Motion`] becomes a [`Flight`] with a start
//! time and a duration on the wall clock (milliseconds, as the page's
//! animation frames give them). Positions follow the edges' curves, so a
//! dot travels exactly along the edge drawn on the canvas.

use std::collections::{HashMap, VecDeque};

use super::{LegKind, Motion, PuffKind};
use crate::editor::geometry::{center, in_port, out_port, Curve, Point};
use crate::engine::MessageId;
use crate::scenario::Scenario;

/// Most dots scheduled or moving at once; the oldest give way. A busy
/// topology (2,000 motions a second, each scheduled up to a few legs
/// ahead) keeps about 2,500 flights, about 1,000 of them on screen.
pub const MAX_FLIGHTS: usize = 3_000;

/// A motion scheduled on the wall clock.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    /// What moves.
    pub motion: Motion,
    /// Wall-clock start (ms).
    pub start: f64,
    /// How long it takes (ms).
    pub duration: f64,
}

/// What a dot looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotKind {
    /// Travelling along an edge.
    Leg(LegKind),
    /// Fading out at a node.
    Puff(PuffKind),
}

/// A dot to draw now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    /// Where (canvas units).
    pub at: Point,
    /// What kind.
    pub kind: DotKind,
    /// The message it stands for.
    pub message: MessageId,
    /// 0 (start) to 1 (end).
    pub progress: f64,
}

/// The dots in flight.
#[derive(Clone, Debug, Default)]
pub struct Flights {
    list: VecDeque<Flight>,
}

fn curve(s: &Scenario, from: &str, to: &str) -> Option<Curve> {
    let (fk, tk) = (s.kind_of(from)?, s.kind_of(to)?);
    let (fp, tp) = (s.position(from)?, s.position(to)?);
    Some(Curve::between(out_port(fk, fp), in_port(tk, tp)))
}

impl Flights {
    /// Schedules motions starting at `now`, one `leg_ms` per slot.
    pub fn add(&mut self, motions: Vec<Motion>, now: f64, leg_ms: f64) {
        for motion in motions {
            let slot = match &motion {
                Motion::Leg { slot, .. } | Motion::Puff { slot, .. } => *slot,
            };
            let start = now + slot.min(8) as f64 * leg_ms;
            self.list.push_back(Flight { motion, start, duration: leg_ms });
        }
        while self.list.len() > MAX_FLIGHTS {
            self.list.pop_front();
        }
    }

    /// Drops the flights that ended before `now`.
    pub fn prune(&mut self, now: f64) {
        self.list.retain(|f| f.start + f.duration > now);
    }

    /// True when nothing is in flight.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many flights are scheduled or moving.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Forgets every flight.
    pub fn clear(&mut self) {
        self.list.clear();
    }

    /// The dots to draw at `now`, placed on the scenario's edges.
    pub fn dots(&self, now: f64, s: &Scenario) -> Vec<Dot> {
        let mut out = Vec::new();
        self.dots_into(now, s, &mut out);
        out
    }

    /// Like [`Flights::dots`], into `out` (cleared first), so that a caller
    /// drawing every frame reuses one buffer. Each edge's curve is looked
    /// up once per call, however many dots travel along it.
    pub fn dots_into(&self, now: f64, s: &Scenario, out: &mut Vec<Dot>) {
        out.clear();
        let mut curves: HashMap<(&str, &str), Option<Curve>> = HashMap::new();
        for f in &self.list {
            if now < f.start || now > f.start + f.duration {
                continue;
            }
            let t = ((now - f.start) / f.duration).clamp(0.0, 1.0);
            // Ease in and out so dots leave and arrive gently.
            let eased = t * t * (3.0 - 2.0 * t);
            match &f.motion {
                Motion::Leg { from, to, reverse, kind, message, .. } => {
                    let Some(c) = *curves.entry((from.as_str(), to.as_str())).or_insert_with(|| curve(s, from, to))
                    else {
                        continue;
                    };
                    let at = c.at(if *reverse { 1.0 - eased } else { eased });
                    out.push(Dot { at, kind: DotKind::Leg(*kind), message: *message, progress: t });
                }
                Motion::Puff { node, kind, message, .. } => {
                    let (Some(k), Some(p)) = (s.kind_of(node), s.position(node)) else { continue };
                    out.push(Dot { at: center(k, p), kind: DotKind::Puff(*kind), message: *message, progress: t });
                }
            }
        }
    }

    /// The message of the travelling dot nearest to `p` within `radius`.
    pub fn hit(&self, now: f64, s: &Scenario, p: Point, radius: f64) -> Option<MessageId> {
        self.dots(now, s)
            .into_iter()
            .filter(|d| matches!(d.kind, DotKind::Leg(_)))
            .map(|d| (((d.at.x - p.x).powi(2) + (d.at.y - p.y).powi(2)).sqrt(), d.message))
            .filter(|(dist, _)| *dist <= radius)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, m)| m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::{add_node, PaletteItem};
    use crate::scenario::{ExchangeKind, NodeKind, Position};

    #[test]
    fn dots_follow_their_edge_in_slot_order() {
        let mut s = Scenario::default();
        let item = |kind| PaletteItem { kind, exchange: ExchangeKind::Direct };
        let p = add_node(&mut s, item(NodeKind::Producer), Position { x: 0.0, y: 0.0 });
        let q = add_node(&mut s, item(NodeKind::Queue), Position { x: 600.0, y: 0.0 });
        let mut f = Flights::default();
        f.add(
            vec![
                Motion::Leg {
                    from: p.clone(),
                    to: "default".into(),
                    reverse: false,
                    kind: LegKind::Publish,
                    message: 1,
                    slot: 0,
                },
                Motion::Leg {
                    from: "default".into(),
                    to: q.clone(),
                    reverse: false,
                    kind: LegKind::Route,
                    message: 1,
                    slot: 1,
                },
            ],
            1000.0,
            100.0,
        );
        let at = |now| f.dots(now, &s);
        assert_eq!(at(1000.0).len(), 1, "only the first leg has started");
        let start = at(1000.0)[0].at;
        assert_eq!(start, out_port(NodeKind::Producer, Position { x: 0.0, y: 0.0 }));
        assert_eq!(at(1150.0)[0].kind, DotKind::Leg(LegKind::Route));
        let pos = at(1150.0)[0].at;
        assert_eq!(f.hit(1150.0, &s, pos, 5.0), Some(1));
        assert_eq!(f.hit(1150.0, &s, Point::new(pos.x + 50.0, pos.y), 5.0), None);
        f.prune(1300.0);
        assert!(f.is_empty());
    }
}
