//! What the event log says when its filter hides every line: which kinds
//! of event the filter hides and how to show them, so "7 events" above an
//! empty list does not read as a contradiction.

use std::collections::{BTreeMap, BTreeSet};

use crate::monitor::log::{LogEntry, LogKind};

/// The note shown instead of lines when none passes the filter: the kinds
/// the kind filter hides among the events of the chosen node (`node`, with
/// `node_label` its name as the node filter shows it), and what to press.
pub fn empty_filter_note<'a>(
    entries: impl IntoIterator<Item = &'a LogEntry>,
    hidden: &BTreeSet<LogKind>,
    node: Option<(&str, &str)>,
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
        return format!("No event matches the filter: none concerns {label} yet. Choose \u{201c}all nodes\u{201d} to see every event.");
    }
    if by_kind.is_empty() {
        return "No event matches the filter.".to_string();
    }
    let count: usize = by_kind.values().sum();
    let parts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {}", k.as_str())).collect();
    let buttons: Vec<String> = by_kind.keys().map(|k| format!("\u{201c}{}\u{201d}", k.as_str())).collect();
    format!(
        "No event matches the filter: it hides {} event{}. Press {} above to show {}.",
        join_and(&parts),
        if count == 1 { "" } else { "s" },
        join_and(&buttons),
        if count == 1 { "it" } else { "them" }
    )
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
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
            text: String::new(),
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
            empty_filter_note(&log, &hidden, None),
            "No event matches the filter: it hides 7 topology events. Press \u{201c}topology\u{201d} above to show them."
        );
        let mut log = log;
        log.push(entry(LogKind::Enqueue, &["q"]));
        assert_eq!(
            empty_filter_note(&log, &hidden, None),
            "No event matches the filter: it hides 1 enqueue and 7 topology events. Press \u{201c}enqueue\u{201d} and \u{201c}topology\u{201d} above to show them."
        );
        let one = [entry(LogKind::Topology, &["q"])];
        assert!(empty_filter_note(&one, &hidden, None)
            .ends_with("it hides 1 topology event. Press \u{201c}topology\u{201d} above to show it."));
    }

    #[test]
    fn a_node_with_no_events_says_so() {
        let hidden = BTreeSet::from([LogKind::Topology]);
        let log = [entry(LogKind::Topology, &["q"]), entry(LogKind::Publish, &["p"])];
        assert_eq!(
            empty_filter_note(&log, &hidden, Some(("c", "consumer worker"))),
            "No event matches the filter: none concerns consumer worker yet. Choose \u{201c}all nodes\u{201d} to see every event."
        );
        assert!(empty_filter_note(&log, &hidden, Some(("q", "queue q"))).contains("hides 1 topology event"));
        assert_eq!(
            empty_filter_note(&log, &BTreeSet::new(), Some(("p", "producer p"))),
            "No event matches the filter."
        );
    }
}
