//! Checking the playground against a real RabbitMQ: the topology sent to
//! a temporary vhost, the probes' bodies, and the comparison of the
//! queues the broker filled with the queues Warren predicted.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::probes::Probe;
use crate::definitions::format::Definitions;
use crate::definitions::Warning;
use crate::i18n::Msg;
use crate::scenario::Scenario;

/// The prefix of the temporary vhosts (`warren-check-…`).
pub const VHOST_PREFIX: &str = "warren-check-";

/// Queue arguments left out in the check's vhost: they expire, drop or
/// move messages, which would hide where a probe was routed. Routing does
/// not depend on them.
pub const LEFT_OUT_ARGUMENTS: [&str; 8] = [
    "x-message-ttl",
    "x-expires",
    "x-max-length",
    "x-max-length-bytes",
    "x-overflow",
    "x-dead-letter-exchange",
    "x-dead-letter-routing-key",
    "x-single-active-consumer",
];

/// The temporary vhost's name: the prefix, the time and a random part.
pub fn vhost_name(now_ms: u64, random: u32) -> String {
    format!("{VHOST_PREFIX}{now_ms}-{random:08x}")
}

/// The topology the check sends: the scenario's export, queue arguments
/// that remove messages left out; and what the export left out.
pub fn topology(scenario: &Scenario) -> (Definitions, Vec<Warning>) {
    let export = crate::definitions::export(scenario);
    let mut defs: Definitions = serde_json::from_str(&export.json).unwrap_or_default();
    for q in &mut defs.queues {
        q.arguments.retain(|k, _| !LEFT_OUT_ARGUMENTS.contains(&k.as_str()));
    }
    (defs, export.warnings)
}

/// The scenario as the check runs it: server-named queues get a stand-in
/// name (`server-named-<id>`) and exclusive queues are shared, so the
/// check's vhost can hold them (a client's connection would otherwise own
/// them) and their bindings are checked too; streams are checked as
/// classic queues, since the check reads what each probe reached with
/// basic.get, which a stream refuses (540). Routing depends on none of
/// these.
pub fn checkable(scenario: &Scenario) -> Scenario {
    let mut s = scenario.clone();
    for q in &mut s.queues {
        if q.name.is_empty() {
            q.name = format!("server-named-{}", q.id);
        }
        q.exclusive = false;
        if q.queue_type == crate::engine::QueueType::Stream {
            crate::scenario::queue_fields::retype(q, crate::engine::QueueType::Classic);
        }
    }
    s
}

/// The body of probe number `i`.
pub fn probe_body(i: usize) -> String {
    format!("warren-probe-{i}")
}

/// The probe number of a body, if it is a probe's.
pub fn probe_index(body: &str) -> Option<usize> {
    body.strip_prefix("warren-probe-")?.parse().ok()
}

/// One probe, side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProbeResult {
    /// Exchange (`""`: the default exchange).
    pub exchange: String,
    /// Routing key.
    pub routing_key: String,
    /// Headers.
    pub headers: Map<String, Value>,
    /// Queues Warren predicted, sorted.
    pub warren: Vec<String>,
    /// Queues RabbitMQ filled, sorted.
    pub broker: Vec<String>,
    /// Whether they are the same.
    pub agree: bool,
}

/// The whole check.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Each probe.
    pub probes: Vec<ProbeResult>,
    /// How many disagree.
    pub differences: usize,
    /// What was not part of the check (the export's warnings; in English
    /// for the API).
    #[serde(serialize_with = "in_english")]
    pub left_out: Vec<Msg>,
}

impl Report {
    /// Whether some probe carries headers (else the report needs no
    /// headers column).
    pub fn has_headers(&self) -> bool {
        self.probes.iter().any(|p| !p.headers.is_empty())
    }
}

/// Messages as the API writes them: in English.
fn in_english<S: serde::Serializer>(messages: &[Msg], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(messages.iter().map(Msg::english))
}

/// A definitions warning as a message: its path (as it is) and what
/// happened, in the page's language.
pub fn warning_msg(w: &Warning) -> Msg {
    if w.path.is_empty() {
        crate::i18n::Msg::verbatim(w.message.clone())
    } else {
        msg!("broker-warning-at", path = &w.path, message = w.message.clone())
    }
}

/// Queues as a report cell: their names, or `—` for none.
pub fn queues_cell(queues: &[String]) -> String {
    if queues.is_empty() {
        "—".to_string()
    } else {
        queues.join(", ")
    }
}

/// Compares: `predicted[i]` is Warren's queues for `probes[i]`;
/// `received` maps each queue to the bodies the broker put in it.
pub fn compare(
    probes: &[Probe],
    predicted: &[Vec<String>],
    received: &BTreeMap<String, Vec<String>>,
    left_out: Vec<Msg>,
) -> Report {
    let mut filled: Vec<BTreeSet<String>> = vec![BTreeSet::new(); probes.len()];
    for (queue, bodies) in received {
        for i in bodies.iter().filter_map(|b| probe_index(b)) {
            if let Some(set) = filled.get_mut(i) {
                set.insert(queue.clone());
            }
        }
    }
    let results: Vec<ProbeResult> = probes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let warren: BTreeSet<String> = predicted.get(i).into_iter().flatten().cloned().collect();
            let broker = filled[i].clone();
            ProbeResult {
                exchange: p.exchange.clone(),
                routing_key: p.routing_key.clone(),
                headers: p.headers.clone(),
                agree: warren == broker,
                warren: warren.into_iter().collect(),
                broker: broker.into_iter().collect(),
            }
        })
        .collect();
    let differences = results.iter().filter(|r| !r.agree).count();
    Report { probes: results, differences, left_out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(x: &str, k: &str) -> Probe {
        Probe { exchange: x.into(), routing_key: k.into(), headers: Map::new() }
    }

    #[test]
    fn probes_are_compared_queue_by_queue() {
        let probes = [probe("logs", ""), probe("direct", "red"), probe("direct", "blue")];
        let predicted = vec![vec!["a".to_string(), "b".to_string()], vec!["a".to_string()], vec![]];
        let mut received = BTreeMap::new();
        received.insert("b".to_string(), vec![probe_body(0), "other".to_string()]);
        received.insert("a".to_string(), vec![probe_body(1), probe_body(0), probe_body(2)]);
        let r = compare(&probes, &predicted, &received, vec![]);
        assert_eq!(r.differences, 1);
        assert!(r.probes[0].agree && r.probes[1].agree);
        assert_eq!((r.probes[2].warren.len(), r.probes[2].broker.as_slice()), (0, ["a".to_string()].as_slice()));
        assert_eq!(probe_index("warren-probe-12"), Some(12));
        assert_eq!(probe_index("warren-probe-x"), None);
        assert!(!r.has_headers(), "no probe has headers: no headers column");
        assert_eq!((queues_cell(&r.probes[2].warren), queues_cell(&r.probes[0].broker)), ("—".into(), "a, b".into()));
        let mut with = probe("h", "");
        with.headers.insert("format".into(), "pdf".into());
        assert!(compare(&[with], &[vec![]], &BTreeMap::new(), vec![]).has_headers());
    }

    #[test]
    fn what_the_check_left_out_reads_in_the_pages_language_and_in_english_for_the_api() {
        let pubsub = checkable(&crate::lessons::by_slug("publish-subscribe").unwrap().scenario);
        let mut s = pubsub.clone();
        s.queues[0].name.clear();
        let (_, warnings) = topology(&s);
        assert!(!warnings.is_empty(), "a server-named queue is not exported");
        let left_out: Vec<Msg> = warnings.iter().map(warning_msg).collect();
        assert_eq!(left_out[0].english(), warnings[0].to_string());
        let zh = left_out[0].render(crate::i18n::Lang::Zh);
        assert!(zh.starts_with(&format!("{}：", warnings[0].path)), "{zh}");
        let r = compare(&[], &[], &BTreeMap::new(), left_out);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["left_out"][0], warnings[0].to_string(), "the API reads English");
        let bare = Warning { path: String::new(), message: warnings[0].message.clone() };
        assert_eq!(warning_msg(&bare).english(), bare.to_string());
    }

    #[test]
    fn the_check_vhost_and_topology() {
        let v = vhost_name(1_700_000_000_000, 0xab);
        assert!(v.starts_with("warren-check-1700000000000-") && v.ends_with("000000ab"), "{v}");
        let lesson = crate::lessons::by_slug("dead-lettering").unwrap().scenario;
        let (defs, _) = topology(&lesson);
        let pubsub = checkable(&crate::lessons::by_slug("publish-subscribe").unwrap().scenario);
        let (shared, left_out) = topology(&pubsub);
        assert!(shared.queues.iter().any(|q| q.name.starts_with("server-named-")), "{left_out:?}");
        let streams = crate::lessons::by_slug("streams").expect("the streams lesson").scenario;
        assert!(checkable(&streams).queues.iter().all(|q| q.queue_type != crate::engine::QueueType::Stream));
        assert!(!shared.bindings.is_empty());
        assert!(!defs.queues.is_empty());
        assert!(defs.queues.iter().all(|q| LEFT_OUT_ARGUMENTS.iter().all(|a| !q.arguments.contains_key(*a))));
    }
}
