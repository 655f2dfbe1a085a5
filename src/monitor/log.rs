//! The event log: what happened, in words, with the reasons. Each entry
//! names the canvas nodes it concerns (for the filter), the message it is
//! about (for the message inspector) and, for routing decisions, errors and
//! dead letters, the details a learner opens to see why.

use std::cell::OnceCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::engine::{CopyId, FieldValue, Message, MessageId, Name, ReplyCode, RouteExplanation, RouteSnapshot};
use crate::i18n::Msg;

/// Most entries kept; older ones are dropped (the count of dropped entries
/// is shown).
pub const LOG_LIMIT: usize = 3_000;

/// The kinds of entry, for the log's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LogKind {
    /// A producer (or dead lettering) published a message.
    Publish,
    /// An exchange routed a message: the bindings that matched and why.
    Route,
    /// A copy entered a queue.
    Enqueue,
    /// A queue delivered a copy to a consumer.
    Deliver,
    /// A consumer acked (or a no-ack delivery settled).
    Ack,
    /// A copy went back to its queue (nack/reject with requeue, a consumer
    /// died).
    Requeue,
    /// A message went nowhere: unroutable, expired, dropped by max-length,
    /// rejected without a dead-letter exchange, purged, lost on restart.
    Drop,
    /// A mandatory message came back (basic.return).
    Return,
    /// A copy was dead-lettered.
    DeadLetter,
    /// The broker refused a command.
    Error,
    /// Exchanges, queues, bindings and consumers came and went.
    Topology,
    /// The broker restarted; connections.
    Broker,
}

impl LogKind {
    /// Every kind, in the filter's order.
    pub const ALL: [LogKind; 12] = [
        LogKind::Publish,
        LogKind::Route,
        LogKind::Enqueue,
        LogKind::Deliver,
        LogKind::Ack,
        LogKind::Requeue,
        LogKind::Drop,
        LogKind::Return,
        LogKind::DeadLetter,
        LogKind::Error,
        LogKind::Topology,
        LogKind::Broker,
    ];

    /// A short lower-case label (also the CSS class and `data-kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            LogKind::Publish => "publish",
            LogKind::Route => "route",
            LogKind::Enqueue => "enqueue",
            LogKind::Deliver => "deliver",
            LogKind::Ack => "ack",
            LogKind::Requeue => "requeue",
            LogKind::Drop => "drop",
            LogKind::Return => "return",
            LogKind::DeadLetter => "dead-letter",
            LogKind::Error => "error",
            LogKind::Topology => "topology",
            LogKind::Broker => "broker",
        }
    }
}

/// The part of an entry a learner opens.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// A routing decision: every exchange visited, each binding with its
    /// verdict and reason, alternate exchanges used or missing.
    Route {
        /// The engine's explanation of the moment the event was logged.
        explanation: RouteExplanation,
        /// Alternate exchanges that took the message: (from, alternate).
        alternates: Vec<(Name, Name)>,
        /// Alternate exchanges named but missing.
        missing_alternates: Vec<Name>,
    },
    /// A dead-lettered message's history, from its `x-death` header
    /// (most recent first), one sentence per entry.
    Deaths(Vec<Msg>),
    /// An AMQP error.
    Error {
        /// The reply code.
        code: ReplyCode,
        /// RabbitMQ's text.
        text: String,
        /// What it means, in plain words.
        explanation: Msg,
    },
}

/// An entry's detail, built the first time it is read. A routing
/// explanation costs a reason per binding of every exchange visited (a
/// thousand for a fanout to a thousand queues), so the log only keeps what
/// it is made from (a [`RouteSnapshot`], taken when the event was logged)
/// and only the lines someone opens pay for the words. Clones share the
/// detail (and build it once).
#[derive(Clone)]
pub struct LazyDetail(Rc<DetailCell>);

struct DetailCell {
    made: OnceCell<Detail>,
    route: Option<RouteInputs>,
}

/// What a [`Detail::Route`] is built from.
struct RouteInputs {
    snapshot: RouteSnapshot,
    alternates: Vec<(Name, Name)>,
    missing_alternates: Vec<Name>,
}

impl LazyDetail {
    /// A routing decision's detail, from the broker's snapshot of the
    /// moment and the alternate exchanges the route used or missed.
    pub fn route(snapshot: RouteSnapshot, alternates: Vec<(Name, Name)>, missing_alternates: Vec<Name>) -> Self {
        let route = Some(RouteInputs { snapshot, alternates, missing_alternates });
        LazyDetail(Rc::new(DetailCell { made: OnceCell::new(), route }))
    }

    /// The detail (built now if it was not yet).
    pub fn get(&self) -> &Detail {
        let cell = &*self.0;
        // A detail not built yet is a route's (the others are made built).
        cell.made.get_or_init(|| match &cell.route {
            Some(r) => Detail::Route {
                explanation: r.snapshot.explain(),
                alternates: r.alternates.clone(),
                missing_alternates: r.missing_alternates.clone(),
            },
            None => Detail::Deaths(Vec::new()),
        })
    }

    /// True once the detail has been built (read at least once).
    pub fn is_built(&self) -> bool {
        self.0.made.get().is_some()
    }
}

impl From<Detail> for LazyDetail {
    fn from(detail: Detail) -> Self {
        LazyDetail(Rc::new(DetailCell { made: OnceCell::from(detail), route: None }))
    }
}

impl PartialEq for LazyDetail {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.get() == other.get()
    }
}

impl std::fmt::Debug for LazyDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.made.get() {
            Some(d) => d.fmt(f),
            None => f.write_str("LazyDetail(not built yet)"),
        }
    }
}

/// The page's detail view takes the detail itself: the lazy one is built
/// when a line is opened and the view is given it.
#[cfg(target_arch = "wasm32")]
impl yew::html::IntoPropValue<Detail> for LazyDetail {
    fn into_prop_value(self) -> Detail {
        self.get().clone()
    }
}

/// The `x-death` header of a message in words, most recent first: `2
/// times rejected in queue tasks (published to exchange jobs with keys
/// tasks)`.
pub fn x_death_lines(m: &Message) -> Vec<Msg> {
    let Some(FieldValue::Array(items)) = m.properties.headers.as_ref().and_then(|h| h.get("x-death")) else {
        return Vec::new();
    };
    let text = |v: &FieldValue| match v {
        FieldValue::Str(s) => s.clone(),
        FieldValue::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string()))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    items
        .iter()
        .map(|d| match d {
            FieldValue::Table(t) => {
                let g = |k: &str| t.get(k).map(text).unwrap_or_default();
                let count = t.get("count").and_then(|c| c.as_int()).unwrap_or(1);
                let exchange = g("exchange");
                let exchange = if exchange.is_empty() {
                    msg!("log-default-exchange")
                } else {
                    msg!("log-exchange", exchange = exchange)
                };
                msg!(
                    "log-death",
                    count = count,
                    reason = g("reason"),
                    queue = g("queue"),
                    exchange = exchange,
                    keys = g("routing-keys")
                )
            }
            other => crate::i18n::Msg::verbatim(other.to_string()),
        })
        .collect()
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// Increasing number (a stable key).
    pub seq: u64,
    /// Virtual time in ms.
    pub at: u64,
    /// Its kind.
    pub kind: LogKind,
    /// Canvas node ids it concerns.
    pub nodes: Vec<String>,
    /// What happened, in one sentence.
    pub text: Msg,
    /// The message it is about.
    pub message: Option<Rc<Message>>,
    /// The copy (a message in one queue) it is about.
    pub copy: Option<CopyId>,
    /// The copy was delivered before (a redelivery).
    pub redelivered: bool,
    /// Details to open (built when first read).
    pub detail: Option<LazyDetail>,
}

impl LogEntry {
    /// True when it concerns node `id`.
    pub fn concerns(&self, id: &str) -> bool {
        self.nodes.iter().any(|n| n == id)
    }

    /// The message id it is about.
    pub fn message_id(&self) -> Option<MessageId> {
        self.message.as_ref().map(|m| m.id)
    }
}

/// The log: entries in order, oldest first, at most [`LOG_LIMIT`].
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    entries: VecDeque<LogEntry>,
    next_seq: u64,
    dropped: u64,
}

impl EventLog {
    /// Appends an entry (numbering it) and returns its sequence number.
    pub fn push(&mut self, mut entry: LogEntry) -> u64 {
        self.next_seq += 1;
        entry.seq = self.next_seq;
        self.entries.push_back(entry);
        if self.entries.len() > LOG_LIMIT {
            self.entries.pop_front();
            self.dropped += 1;
        }
        self.next_seq
    }

    /// Entries, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        self.entries.iter()
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many old entries were dropped to stay under the limit.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The entry with this sequence number.
    pub fn get(&self, seq: u64) -> Option<&LogEntry> {
        let first = self.entries.front()?.seq;
        self.entries.get(seq.checked_sub(first)? as usize).filter(|e| e.seq == seq)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.dropped += self.entries.len() as u64;
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> LogEntry {
        LogEntry {
            seq: 0,
            at: 0,
            kind: LogKind::Publish,
            nodes: vec!["p1".into()],
            text: crate::i18n::Msg::verbatim(text),
            message: None,
            copy: None,
            redelivered: false,
            detail: None,
        }
    }

    #[test]
    fn numbers_limits_and_finds_entries() {
        let mut log = EventLog::default();
        for i in 0..LOG_LIMIT + 5 {
            log.push(entry(&format!("e{i}")));
        }
        assert_eq!(log.len(), LOG_LIMIT);
        assert_eq!(log.dropped(), 5);
        let first = log.entries().next().unwrap();
        assert_eq!(first.text.english(), "e5");
        assert_eq!(log.get(first.seq).unwrap().text.english(), "e5");
        assert_eq!(log.get(1), None);
        assert!(first.concerns("p1") && !first.concerns("q1"));
    }
}
