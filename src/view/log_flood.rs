//! The event log during a flood: when the lines on show are rebuilt, and
//! how many are shown. A busy topology adds hundreds of lines a second;
//! rebuilding all of them at every refresh is unreadable and costs long
//! frames, so during a flood the log shows the newest few, rebuilt at most
//! every [`FLOOD_MS`].

use std::collections::BTreeSet;

use crate::monitor::log::LogKind;

/// How often the page renders while the clock runs (ms).
pub const REFRESH_MS: f64 = 100.0;

/// Most lines shown at once (the newest that pass the filter).
pub const SHOWN: usize = 200;

/// The kinds hidden until asked for.
pub fn hidden_by_default() -> BTreeSet<LogKind> {
    BTreeSet::from([LogKind::Topology, LogKind::Enqueue])
}

/// While the clock runs and lines arrive faster than this many per render,
/// the lines are rebuilt at most every [`FLOOD_MS`] (the rest of the page
/// still renders every 100 ms): a flood replaces every line on show at each
/// render, which nobody can read and which costs a long frame.
pub const FLOOD_LINES: u64 = 40;

/// The least time between two rebuilds of the lines during a flood (ms).
pub const FLOOD_MS: f64 = 400.0;

/// Lines shown during a flood (the newest; a note says so). A flood
/// replaces every line at each rebuild, and building 200 new lines (about
/// 1,400 elements) cost a 10 ms task and a long style and layout in the
/// next frame, several times a second; the log's panel shows a dozen. All
/// [`SHOWN`] lines are back as soon as the flood stops or the clock is
/// paused.
pub const FLOOD_SHOWN: usize = 30;

/// The lines on show: the newest line and the number of lines when they
/// were built, when, and how many are shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Held {
    /// The newest line's sequence number.
    pub newest: u64,
    /// How many lines the log held.
    pub total: usize,
    /// When they were built (wall ms).
    pub at: f64,
    /// How many are shown ([`SHOWN`] or [`FLOOD_SHOWN`]).
    pub limit: usize,
}

impl Default for Held {
    fn default() -> Self {
        Held { newest: 0, total: 0, at: f64::NEG_INFINITY, limit: SHOWN }
    }
}

impl Held {
    /// A render at `now` with the log's `newest` line and `total` lines:
    /// rebuilds (returns true and takes the new state) unless lines are
    /// flooding in and the last rebuild is under [`FLOOD_MS`] old. A flood
    /// is more than [`FLOOD_LINES`] lines per refresh since the last
    /// rebuild; once in one, it lasts until a rebuild finds it over.
    pub fn render(&mut self, now: f64, newest: u64, total: usize, playing: bool) -> bool {
        let arrived = newest.saturating_sub(self.newest);
        let since = now - self.at;
        let rebuild =
            !playing || arrived <= FLOOD_LINES || since >= FLOOD_MS || newest < self.newest || total < self.total;
        if rebuild {
            let per_refresh = arrived as f64 * REFRESH_MS / since.max(REFRESH_MS);
            let flood = playing
                && newest >= self.newest
                && (per_refresh > FLOOD_LINES as f64 || (self.limit < SHOWN && since < FLOOD_MS));
            *self = Held { newest, total, at: now, limit: if flood { FLOOD_SHOWN } else { SHOWN } };
        }
        rebuild
    }

    /// How long to wait (ms from `now`) before rendering again to catch up,
    /// when the last render did not rebuild or a flood is on show.
    pub fn catch_up(&self, rebuilt: bool, now: f64) -> Option<u32> {
        (!rebuilt || self.limit < SHOWN).then(|| (FLOOD_MS - (now - self.at)).max(0.0).ceil() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trickle_is_shown_whole_at_every_render() {
        let mut h = Held::default();
        assert!(h.render(0.0, 10, 10, true));
        assert!(h.render(100.0, 30, 30, true));
        assert_eq!(h.limit, SHOWN);
        assert_eq!(h.catch_up(true, 100.0), None);
    }

    #[test]
    fn a_flood_shows_the_newest_few_and_rebuilds_at_most_every_flood_ms() {
        let mut h = Held::default();
        h.render(0.0, 0, 0, true);
        assert!(!h.render(100.0, 500, 500, true), "500 lines in 100 ms: no rebuild yet");
        assert_eq!(h.catch_up(false, 100.0), Some(300));
        assert!(h.render(400.0, 900, 900, true), "the rebuild FLOOD_MS later finds the flood");
        assert_eq!(h.limit, FLOOD_SHOWN);
        assert_eq!(h.catch_up(true, 400.0), Some(400), "a flood on show catches up later");
        assert!(!h.render(500.0, 1400, 1400, true));
        assert!(h.render(800.0, 1500, 1500, true));
        assert!(h.render(1300.0, 1501, 1501, true), "it stopped");
        assert_eq!(h.limit, SHOWN, "all lines are back");
    }

    #[test]
    fn a_paused_clock_or_a_cleared_log_rebuilds_at_once() {
        let mut h = Held::default();
        h.render(0.0, 0, 0, true);
        h.render(400.0, 900, 900, true);
        assert!(h.render(450.0, 1300, 1300, false), "paused");
        assert_eq!(h.limit, SHOWN);
        h.render(200.0, 1500, 1500, true);
        assert!(h.render(250.0, 0, 0, true), "cleared");
    }
}
