//! The broker's own topology, live: its definitions imported and laid out
//! like a definitions file, its consumers added as consumer nodes, and
//! the counts and rates of every node from the API's statistics.

use std::collections::BTreeMap;

use serde::Serialize;

use super::answers::{ConsumerInfo, ExchangeInfo, QueueInfo};
use super::Failure;
use crate::definitions::{self, layout};
use crate::i18n::{Lang, Msg};
use crate::scenario::{AckMode, ConsumerNode, Outcome, Scenario};

/// The most consumers drawn (a busy broker can have thousands).
pub const MAX_CONSUMERS: usize = 200;

/// What the broker reports for one node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct NodeStats {
    /// Queue: ready messages.
    pub ready: u64,
    /// Queue: unacknowledged messages.
    pub unacked: u64,
    /// Queue: consumers.
    pub consumers: u64,
    /// Messages per second in (queue: published; exchange: published to it).
    pub rate_in: f64,
    /// Messages per second out (queue: delivered; exchange: routed on).
    pub rate_out: f64,
}

/// The broker's vhost as Warren draws it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveView {
    /// The vhost.
    pub vhost: String,
    /// The topology, laid out (consumers included).
    pub scenario: Scenario,
    /// Each node's counts and rates, by node id.
    pub stats: BTreeMap<String, NodeStats>,
    /// What the import left out (the default and `amq.*` exchanges...).
    pub warnings: Vec<Msg>,
}

/// What the API answered for one vhost.
pub struct Answers<'a> {
    /// `GET /api/definitions/{vhost}`.
    pub definitions: &'a str,
    /// `GET /api/queues/{vhost}`.
    pub queues: &'a [QueueInfo],
    /// `GET /api/exchanges/{vhost}`.
    pub exchanges: &'a [ExchangeInfo],
    /// `GET /api/consumers/{vhost}`.
    pub consumers: &'a [ConsumerInfo],
}

impl LiveView {
    /// Builds the view of `vhost` from the API's answers.
    pub fn build(vhost: &str, a: &Answers) -> Result<LiveView, Failure> {
        let import = definitions::import(a.definitions).map_err(|e| Failure::BadAnswer(format!("definitions: {e}")))?;
        let mut scenario = import.scenario;
        // The view is not a document: it has no title of its own (the bar
        // says which vhost it is; a copy is titled in the page's language).
        scenario.title.clear();
        scenario.narration.clear();
        add_consumers(&mut scenario, a.consumers);
        layout::arrange(&mut scenario);
        let mut stats = BTreeMap::new();
        for q in a.queues {
            if let Some(node) = scenario.queues.iter().find(|n| n.name == q.name) {
                let s = &q.message_stats;
                stats.insert(
                    node.id.clone(),
                    NodeStats {
                        ready: q.messages_ready,
                        unacked: q.messages_unacknowledged,
                        consumers: q.consumers,
                        rate_in: s.publish_details.rate,
                        rate_out: s.deliver_get_details.rate,
                    },
                );
            }
        }
        for x in a.exchanges {
            let id = scenario.exchanges.iter().find(|n| n.name == x.name).map(|n| n.id.clone());
            let id = id.or_else(|| x.name.is_empty().then(|| crate::scenario::DEFAULT_EXCHANGE_ID.to_string()));
            if let Some(id) = id {
                let s = &x.message_stats;
                stats.insert(
                    id,
                    NodeStats {
                        rate_in: s.publish_in_details.rate,
                        rate_out: s.publish_out_details.rate,
                        ..Default::default()
                    },
                );
            }
        }
        let warnings = import.warnings.iter().map(super::check::warning_msg).collect();
        Ok(LiveView { vhost: vhost.to_string(), scenario, stats, warnings })
    }

    /// The scenario to take as an ordinary copy to play with, titled in
    /// `lang` (from then on the title is the user's own).
    pub fn copy(&self, host: &str, lang: Lang) -> Scenario {
        let mut s = self.scenario.clone();
        s.title = msg!("broker-live-copy-title", vhost = &self.vhost, host = host).render(lang);
        s
    }
}

fn add_consumers(scenario: &mut Scenario, consumers: &[ConsumerInfo]) {
    for c in consumers.iter().take(MAX_CONSUMERS) {
        let Some(queue) = scenario.queues.iter().find(|q| q.name == c.queue.name).map(|q| q.id.clone()) else {
            continue;
        };
        let id = scenario.fresh_id("consumer");
        let name = if c.consumer_tag.is_empty() { id.clone() } else { c.consumer_tag.clone() };
        scenario.consumers.push(ConsumerNode {
            id,
            name,
            queue: Some(queue),
            ack: if c.ack_required { AckMode::Manual } else { AckMode::Auto },
            prefetch: u16::try_from(c.prefetch_count).unwrap_or(u16::MAX),
            processing_ms: 0,
            outcome: Outcome::Ack,
            crash_after: None,
            reply: false,
            exclusive: c.exclusive,
            priority: None,
            same_client_as: None,
            stream_offset: None,
            x: 0.0,
            y: 0.0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::broker_link::answers::read;

    #[test]
    fn a_vhost_is_drawn_with_its_counts() {
        let defs = r#"{"rabbit_version":"3.10.8","queues":[{"name":"q1","durable":true,"auto_delete":false,"arguments":{}}],
            "exchanges":[{"name":"logs","type":"fanout","durable":true,"auto_delete":false,"internal":false,"arguments":{}}],
            "bindings":[{"source":"logs","destination":"q1","destination_type":"queue","routing_key":"","arguments":{}}]}"#;
        let queues: Vec<QueueInfo> = read(
            "q",
            r#"[{"name":"q1","messages_ready":17,"messages_unacknowledged":3,"consumers":1,
            "message_stats":{"publish_details":{"rate":4.0},"deliver_get_details":{"rate":1.5}}}]"#,
        )
        .unwrap();
        let exchanges: Vec<ExchangeInfo> =
            read("x", r#"[{"name":"logs","message_stats":{"publish_in_details":{"rate":4.0}}},{"name":""}]"#).unwrap();
        let consumers: Vec<ConsumerInfo> = read(
            "c",
            r#"[{"queue":{"name":"q1","vhost":"/"},"consumer_tag":"ctag1.abc","ack_required":true,"prefetch_count":3},
                {"queue":{"name":"gone","vhost":"/"},"consumer_tag":"x"}]"#,
        )
        .unwrap();
        let a = Answers { definitions: defs, queues: &queues, exchanges: &exchanges, consumers: &consumers };
        let v = LiveView::build("/", &a).unwrap();
        assert_eq!(v.scenario.queues.len(), 1);
        assert_eq!(v.scenario.consumers.len(), 1, "a consumer of a queue that is not drawn is left out");
        let c = &v.scenario.consumers[0];
        assert_eq!((c.name.as_str(), c.prefetch, c.ack), ("ctag1.abc", 3, AckMode::Manual));
        let q = &v.scenario.queues[0];
        assert_eq!(v.stats[&q.id], NodeStats { ready: 17, unacked: 3, consumers: 1, rate_in: 4.0, rate_out: 1.5 });
        let x = &v.scenario.exchanges[0];
        assert_eq!(v.stats[&x.id].rate_in, 4.0);
        assert!(layout::no_overlaps(&v.scenario));
        assert!(v.copy("localhost", Lang::En).title.contains("Copy of / on localhost"));
        assert_eq!(v.copy("localhost", Lang::Zh).title, "localhost 上 / 的副本");
        let bad = Answers { definitions: "[]", queues: &[], exchanges: &[], consumers: &[] };
        assert_eq!(LiveView::build("/", &bad).unwrap_err().code(), "bad_answer");
    }
}
