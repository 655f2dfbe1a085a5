//! What the event log says when its filter hides every line: which kinds
//! of event the filter hides and how to show them, so "7 events" above an
//! empty list does not read as a contradiction.

use crate::i18n::MsgId;
use std::collections::{BTreeMap, BTreeSet};

use crate::i18n::{t, Lang};
use crate::monitor::log::{LogEntry, LogKind};

/// The note shown instead of lines when none passes the filter: the kinds
/// the kind filter hides among the events of the chosen node (`node`, with
/// `node_label` its name as the node filter shows it), and what to press,
/// in `lang`.
pub fn empty_filter_note<'a>(
    entries: impl IntoIterator<Item = &'a LogEntry>,
    hidden: &BTreeSet<LogKind>,
    node: Option<(&str, &str)>,
    lang: Lang,
) -> String {
    let mut by_kind: BTreeMap<LogKind, usize> = BTreeMap::new();
    let mut of_node = 0;
    for e in entries {
        if node.is_some_and(|(id, _)| !e.concerns(id)) {
            continue;
        }
        of_node += 1;
        if hidden.contains(&e.kind) {
            *by_kind.entry(e.kind).or_default() += 1;
        }
    }
    if let (Some((_, label)), 0) = (node, of_node) {
        return msg!("log-filter-none-of-node", node = label).render(lang);
    }
    if by_kind.is_empty() {
        return t!(lang, "log-filter-none");
    }
    let count: usize = by_kind.values().sum();
    let parts: Vec<String> = by_kind
        .iter()
        .map(|(k, n)| msg!("log-filter-part", count = *n, kind = kind_label(*k, lang)).render(lang))
        .collect();
    let buttons: Vec<String> =
        by_kind.keys().map(|k| msg!("log-filter-button", kind = kind_label(*k, lang)).render(lang)).collect();
    msg!("log-filter-hides", hidden = join_and(&parts, lang), count = count, buttons = join_and(&buttons, lang))
        .render(lang)
}

/// A kind of log line as the log's filter buttons and lines name it.
pub fn kind_label(kind: LogKind, lang: Lang) -> String {
    t(lang, kind_id(kind))
}

fn kind_id(kind: LogKind) -> MsgId {
    match kind {
        LogKind::Publish => id!("log-kind-publish"),
        LogKind::Route => id!("log-kind-route"),
        LogKind::Enqueue => id!("log-kind-enqueue"),
        LogKind::Deliver => id!("log-kind-deliver"),
        LogKind::Ack => id!("log-kind-ack"),
        LogKind::Requeue => id!("log-kind-requeue"),
        LogKind::Drop => id!("log-kind-drop"),
        LogKind::Return => id!("log-kind-return"),
        LogKind::DeadLetter => id!("log-kind-dead-letter"),
        LogKind::Error => id!("log-kind-error"),
        LogKind::Topology => id!("log-kind-topology"),
        LogKind::Broker => id!("log-kind-broker"),
    }
}

/// `a`, `a and b`, `a, b and c` (in Chinese `a、b 和 c`).
fn join_and(parts: &[String], lang: Lang) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let init = init.join(&t!(lang, "log-list-separator"));
            msg!("log-list-and", init = init, last = last.as_str()).render(lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: LogKind, nodes: &[&str]) -> LogEntry {
        LogEntry {
            seq: 0,
            at: 0,
            kind,
            nodes: nodes.iter().map(|n| n.to_string()).collect(),
            text: crate::i18n::Msg::verbatim(""),
            message: None,
            copy: None,
            redelivered: false,
            detail: None,
        }
    }

    #[test]
    fn says_which_kinds_are_hidden_and_what_to_press() {
        let hidden = BTreeSet::from([LogKind::Topology, LogKind::Enqueue]);
        let log: Vec<LogEntry> = (0..7).map(|_| entry(LogKind::Topology, &["q"])).collect();
        assert_eq!(
            empty_filter_note(&log, &hidden, None, Lang::En),
            "No event matches the filter: it hides 7 topology events. Press \u{201c}topology\u{201d} above to show them."
        );
        let mut log = log;
        log.push(entry(LogKind::Enqueue, &["q"]));
        assert_eq!(
            empty_filter_note(&log, &hidden, None, Lang::En),
            "No event matches the filter: it hides 1 enqueue and 7 topology events. Press \u{201c}enqueue\u{201d} and \u{201c}topology\u{201d} above to show them."
        );
        let one = [entry(LogKind::Topology, &["q"])];
        assert!(empty_filter_note(&one, &hidden, None, Lang::En)
            .ends_with("it hides 1 topology event. Press \u{201c}topology\u{201d} above to show it."));
    }

    #[test]
    fn a_node_with_no_events_says_so() {
        let hidden = BTreeSet::from([LogKind::Topology]);
        let log = [entry(LogKind::Topology, &["q"]), entry(LogKind::Publish, &["p"])];
        assert_eq!(
            empty_filter_note(&log, &hidden, Some(("c", "consumer worker")), Lang::En),
            "No event matches the filter: none concerns consumer worker yet. Choose \u{201c}all nodes\u{201d} to see every event."
        );
        assert!(empty_filter_note(&log, &hidden, Some(("q", "queue q")), Lang::En).contains("hides 1 topology event"));
        assert_eq!(
            empty_filter_note(&log, &BTreeSet::new(), Some(("p", "producer p")), Lang::En),
            "No event matches the filter."
        );
    }
}
