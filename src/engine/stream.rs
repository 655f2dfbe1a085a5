//! A stream's log: append-only entries with offsets from 0, grouped in
//! segments; acks remove nothing, retention (`x-max-length-bytes`,
//! `x-max-age`) removes whole segments, and only when a new segment
//! starts, as osiris does. Sizes count message bodies (osiris also counts
//! its own chunk and record headers, which this model does not have).

use std::collections::VecDeque;
use std::rc::Rc;

use super::message::{CopyId, Message};
use super::queue_args::{QueueSettings, StreamOffset};

/// One message in a stream.
#[derive(Clone, Debug)]
pub struct StreamEntry {
    /// Its offset (0 for the first message ever written).
    pub offset: u64,
    /// The message.
    pub message: Rc<Message>,
    /// The copy id it got when it was written.
    pub copy: CopyId,
    /// Virtual time (ms) it was written.
    pub written_at: u64,
    /// The segment holding it (numbered from 0).
    pub segment: u64,
}

/// A stream's log.
#[derive(Clone, Debug, Default)]
pub struct StreamLog {
    entries: VecDeque<StreamEntry>,
    next_offset: u64,
    segment: u64,
    segment_bytes: u64,
    bytes: u64,
}

impl StreamLog {
    /// Messages the stream holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Body bytes the stream holds.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The offset of the oldest message held (the next offset when empty).
    pub fn first_offset(&self) -> u64 {
        self.entries.front().map_or(self.next_offset, |e| e.offset)
    }

    /// The offset the next message will get.
    pub fn next_offset(&self) -> u64 {
        self.next_offset
    }

    /// Number of segments holding messages.
    pub fn segment_count(&self) -> u64 {
        match (self.entries.front(), self.entries.back()) {
            (Some(a), Some(b)) => b.segment - a.segment + 1,
            _ => 0,
        }
    }

    /// The message at `offset`, if the stream still holds it.
    pub fn get(&self, offset: u64) -> Option<&StreamEntry> {
        let first = self.first_offset();
        if offset < first {
            return None;
        }
        self.entries.get((offset - first) as usize)
    }

    /// The messages held, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &StreamEntry> {
        self.entries.iter()
    }

    /// Appends a message; when the current segment is full a new one
    /// starts first, and retention then removes whole old segments.
    /// Returns what retention removed.
    pub fn append(&mut self, message: Rc<Message>, copy: CopyId, now: u64, s: &QueueSettings) -> Vec<StreamEntry> {
        let mut removed = Vec::new();
        if self.segment_bytes > 0 && self.segment_bytes >= s.segment_size_bytes() {
            self.segment += 1;
            self.segment_bytes = 0;
            removed = self.apply_retention(now, s);
        }
        let size = message.size();
        self.entries.push_back(StreamEntry {
            offset: self.next_offset,
            message,
            copy,
            written_at: now,
            segment: self.segment,
        });
        self.next_offset += 1;
        self.segment_bytes += size.max(1);
        self.bytes += size;
        removed
    }

    /// Removes the oldest segments (never the one being written) while the
    /// stream is over `x-max-length-bytes`, or while the oldest segment's
    /// newest message is older than `x-max-age`.
    fn apply_retention(&mut self, now: u64, s: &QueueSettings) -> Vec<StreamEntry> {
        let mut removed = Vec::new();
        while let Some(oldest) = self.entries.front().map(|e| e.segment) {
            if oldest >= self.segment {
                break;
            }
            let over_bytes = s.max_length_bytes.is_some_and(|max| self.bytes > max);
            let newest_in_oldest = self.entries.iter().take_while(|e| e.segment == oldest).last().map(|e| e.written_at);
            let too_old = match (s.max_age, newest_in_oldest) {
                (Some(age), Some(t)) => now.saturating_sub(t) > age,
                _ => false,
            };
            if !over_bytes && !too_old {
                break;
            }
            while self.entries.front().is_some_and(|e| e.segment == oldest) {
                let e = self.entries.pop_front().expect("front exists");
                self.bytes -= e.message.size();
                removed.push(e);
            }
        }
        removed
    }

    /// Where a consumer starting now with `spec` reads first.
    pub fn start_offset(&self, spec: &StreamOffset, now: u64) -> u64 {
        let (first, next) = (self.first_offset(), self.next_offset);
        match spec {
            StreamOffset::First => first,
            StreamOffset::Last => self.entries.back().map_or(next, |e| e.offset),
            StreamOffset::Next => next,
            StreamOffset::Offset(n) => (*n).clamp(first, next),
            StreamOffset::Timestamp(t) => self.first_written_at_or_after(*t),
            StreamOffset::Age(ms) => self.first_written_at_or_after(now.saturating_sub(*ms)),
        }
    }

    fn first_written_at_or_after(&self, t: u64) -> u64 {
        self.entries.iter().find(|e| e.written_at >= t).map_or(self.next_offset, |e| e.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::queue_args::QueueType;

    fn msg(body: &str) -> Rc<Message> {
        Rc::new(Message {
            id: 0,
            exchange: Rc::from(""),
            routing_key: String::new(),
            extra_routing_keys: Vec::new(),
            properties: Default::default(),
            body: Rc::from(body),
        })
    }

    #[test]
    fn retention_removes_whole_segments_when_a_new_one_starts() {
        let s = QueueSettings {
            queue_type: QueueType::Stream,
            max_length_bytes: Some(20),
            max_segment_size_bytes: Some(10),
            ..Default::default()
        };
        let mut log = StreamLog::default();
        let mut removed = Vec::new();
        for i in 0..6 {
            removed.extend(log.append(msg("12345"), i, 0, &s));
        }
        // Segments of two 5-byte messages: [0 1] [2 3] [4 5]; when the third
        // started the stream held 20 bytes (not over), so nothing went.
        assert!(removed.is_empty());
        removed.extend(log.append(msg("12345"), 6, 0, &s));
        assert_eq!(removed.iter().map(|e| e.offset).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(log.first_offset(), 2);
        assert_eq!(log.start_offset(&StreamOffset::Offset(0), 0), 2);
        assert_eq!(log.start_offset(&StreamOffset::Last, 0), 6);
        assert_eq!(log.start_offset(&StreamOffset::Next, 0), 7);
    }

    #[test]
    fn max_age_removes_segments_whose_newest_message_is_older() {
        let s = QueueSettings {
            queue_type: QueueType::Stream,
            max_age: Some(1000),
            max_segment_size_bytes: Some(1),
            ..Default::default()
        };
        let mut log = StreamLog::default();
        log.append(msg("a"), 0, 0, &s);
        log.append(msg("b"), 1, 500, &s);
        let removed = log.append(msg("c"), 2, 1600, &s);
        assert_eq!(removed.iter().map(|e| e.offset).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(log.start_offset(&StreamOffset::Timestamp(1000), 1600), 2);
    }
}
