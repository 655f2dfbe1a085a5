//! Dead lettering (RabbitMQ's `rabbit_dead_letter`): the message a death
//! makes, its `x-death` history, and the cycle rule.

use super::broker::{Broker, PendingDeadLetter};
use super::event::DeathReason;
use super::event::{Event, RemovalReason};
use super::message::QueuedMessage;
use super::message::{Message, MessageId};
use super::value::{FieldTable, FieldValue};
use super::Name;
use crate::engine::DeadLetterDrop;
use std::rc::Rc;

/// Builds the message that a death of `original` in `queue` publishes to
/// the dead-letter exchange `dlx`: new exchange and routing keys, `x-death`
/// updated (same queue and reason: count + 1 and moved to the front), the
/// `x-first-death-*` headers on the first death, and `expiration` moved to
/// `original-expiration`.
pub fn make_message(
    original: &Message,
    id: MessageId,
    reason: DeathReason,
    queue: &str,
    dlx: Name,
    dl_routing_key: Option<&str>,
    now_seconds: u64,
) -> Message {
    let mut headers = original.properties.headers.clone().unwrap_or_default();
    // x-death's routing-keys: the publish's routing key followed by the CC
    // header's keys (rabbit_dead_letter:make_msg uses header_routes on the
    // current headers, where BCC was already stripped at publish: BCC keys
    // route but are not recorded). Taken before a dead-letter routing key
    // removes CC.
    let mut recorded_keys: Vec<FieldValue> = vec![FieldValue::from(original.routing_key.as_str())];
    if let Some(FieldValue::Array(cc)) = headers.get("CC") {
        recorded_keys.extend(cc.iter().filter(|v| v.as_str().is_some()).cloned());
    }
    let (routing_key, extra_routing_keys) = match dl_routing_key {
        Some(rk) => {
            headers.remove("CC");
            (rk.to_string(), Vec::new())
        }
        None => (original.routing_key.clone(), original.extra_routing_keys.clone()),
    };
    let mut info = FieldTable::new();
    info.insert("reason", FieldValue::from(reason.as_str()));
    info.insert("queue", FieldValue::from(queue));
    info.insert("time", FieldValue::Timestamp(now_seconds));
    info.insert("exchange", FieldValue::from(&*original.exchange));
    info.insert("routing-keys", FieldValue::Array(recorded_keys));
    if let Some(exp) = &original.properties.expiration {
        info.insert("original-expiration", FieldValue::from(exp.as_str()));
    }
    let deaths = match headers.get("x-death") {
        Some(FieldValue::Array(entries)) => {
            let (matching, mut others): (Vec<_>, Vec<_>) = entries.iter().cloned().partition(|e| match e {
                FieldValue::Table(t) => {
                    t.get("queue").and_then(|v| v.as_str()) == Some(queue)
                        && t.get("reason").and_then(|v| v.as_str()) == Some(reason.as_str())
                }
                _ => false,
            });
            let entry = match matching.into_iter().next() {
                Some(FieldValue::Table(mut t)) => {
                    let count = t.get("count").and_then(|c| c.as_int()).unwrap_or(0);
                    t.insert("count", FieldValue::Int(count + 1));
                    t
                }
                _ => {
                    info.insert("count", FieldValue::Int(1));
                    info
                }
            };
            others.insert(0, FieldValue::Table(entry));
            others
        }
        // update_x_death_header: an x-death of another type is reset to a
        // fresh one-entry array, without the x-first-death-* headers.
        Some(_) => {
            info.insert("count", FieldValue::Int(1));
            vec![FieldValue::Table(info)]
        }
        None => {
            headers.insert("x-first-death-reason", FieldValue::from(reason.as_str()));
            headers.insert("x-first-death-queue", FieldValue::from(queue));
            headers.insert("x-first-death-exchange", FieldValue::from(&*original.exchange));
            info.insert("count", FieldValue::Int(1));
            vec![FieldValue::Table(info)]
        }
    };
    headers.insert("x-death", FieldValue::Array(deaths));
    let mut properties = original.properties.clone();
    properties.expiration = None;
    properties.headers = Some(headers);
    Message { id, exchange: dlx, routing_key, extra_routing_keys, properties, body: original.body.clone() }
}

/// RabbitMQ's cycle rule: would delivering a message dead-lettered for
/// `reason` to `target` close a fully automatic cycle? For reasons other
/// than `rejected`, a target already in `x-death` is a cycle unless a
/// `rejected` death comes before (or at) its entry.
pub fn is_cycle(reason: DeathReason, message: &Message, target: &str) -> bool {
    if reason == DeathReason::Rejected {
        return false;
    }
    let Some(FieldValue::Array(deaths)) = message.properties.headers.as_ref().and_then(|h| h.get("x-death")) else {
        return false;
    };
    let Some(at) = deaths.iter().position(|d| match d {
        FieldValue::Table(t) => t.get("queue").and_then(|q| q.as_str()) == Some(target),
        _ => false,
    }) else {
        return false;
    };
    deaths[..=at].iter().all(|d| match d {
        FieldValue::Table(t) => t.get("reason").and_then(|r| r.as_str()) != Some("rejected"),
        _ => false,
    })
}

/// Publishing what dies: a copy is removed and, when its queue has a
/// dead-letter exchange, published there.
impl Broker {
    /// A copy dies: it is removed, and dead-lettered if the queue has a
    /// dead-letter exchange.
    pub(crate) fn dead_letter_or_remove(&mut self, queue: &Name, m: QueuedMessage, reason: DeathReason) {
        let removal = match reason {
            DeathReason::Expired => RemovalReason::Expired,
            DeathReason::Maxlen => RemovalReason::MaxLength,
            DeathReason::DeliveryLimit => RemovalReason::DeliveryLimit,
            DeathReason::Rejected => RemovalReason::Rejected,
        };
        self.emit(Event::Removed { queue: queue.clone(), copy: m.copy, reason: removal });
        let Some(q) = self.queues.get(queue) else { return };
        if let Some(dlx) = q.settings.dead_letter_exchange.clone() {
            let routing_key = q.settings.dead_letter_routing_key.clone();
            self.dead_letters.push_back(PendingDeadLetter {
                queue: queue.clone(),
                copy: Some(m.copy),
                message: m.message,
                reason,
                dlx,
                routing_key,
            });
        }
    }

    /// Publishes a dead letter to its dead-letter exchange (no mandatory, no
    /// confirms), dropping targets that would close an automatic cycle.
    pub(crate) fn publish_dead_letter(&mut self, dl: PendingDeadLetter) {
        let Some((dlx, _)) = self.exchanges.get_key_value(dl.dlx.as_str()) else {
            self.emit(Event::DeadLetterDropped {
                queue: dl.queue,
                copy: dl.copy,
                why: DeadLetterDrop::MissingExchange(dl.dlx),
            });
            return;
        };
        let dlx = dlx.clone();
        let id = self.new_message_id();
        let message = Rc::new(make_message(
            &dl.message,
            id,
            dl.reason,
            &dl.queue,
            dlx.clone(),
            dl.routing_key.as_deref(),
            self.now / 1000,
        ));
        self.emit(Event::DeadLettered {
            queue: dl.queue.clone(),
            copy: dl.copy,
            reason: dl.reason,
            exchange: dlx.clone(),
            message: id,
        });
        self.emit(Event::Published { message: message.clone(), channel: None, mandatory: false });
        let mut route = self.route_message_keys(&dlx, &message);
        let cycles: Vec<Name> = route.queues.iter().filter(|q| is_cycle(dl.reason, &message, q)).cloned().collect();
        route.queues.retain(|q| !is_cycle(dl.reason, &message, q));
        let targets = route.queues.clone();
        self.emit(Event::Routed { message: id, route });
        for q in cycles {
            self.emit(Event::DeadLetterDropped { queue: q.clone(), copy: dl.copy, why: DeadLetterDrop::Cycle });
        }
        if targets.is_empty() {
            self.emit(Event::Unroutable { message: id });
        }
        // The route was just taken: its queues' indexes are valid.
        for &(_, ix) in targets.entries() {
            self.offer(ix, &message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::message::Properties;
    use std::rc::Rc;

    pub(crate) fn msg() -> Message {
        Message {
            id: 1,
            exchange: Rc::from(""),
            routing_key: "work".into(),
            extra_routing_keys: Vec::new(),
            properties: Properties { expiration: Some("500".into()), ..Default::default() },
            body: Rc::from("job"),
        }
    }

    pub(crate) fn deaths(m: &Message) -> Vec<FieldTable> {
        match m.properties.headers.as_ref().unwrap().get("x-death") {
            Some(FieldValue::Array(a)) => a
                .iter()
                .map(|v| match v {
                    FieldValue::Table(t) => t.clone(),
                    _ => panic!(),
                })
                .collect(),
            _ => panic!(),
        }
    }

    #[test]
    pub(crate) fn first_death_sets_first_death_headers() {
        let m = make_message(&msg(), 2, DeathReason::Expired, "work", Rc::from("dlx"), None, 0);
        let h = m.properties.headers.as_ref().unwrap();
        assert_eq!(h.get("x-first-death-reason"), Some(&FieldValue::from("expired")));
        assert_eq!(h.get("x-first-death-queue"), Some(&FieldValue::from("work")));
        assert_eq!(h.get("x-first-death-exchange"), Some(&FieldValue::from("")));
        let d = deaths(&m);
        assert_eq!(d[0].get("count"), Some(&FieldValue::Int(1)));
        assert_eq!(d[0].get("original-expiration"), Some(&FieldValue::from("500")));
        assert_eq!(m.properties.expiration, None);
        assert_eq!(&*m.exchange, "dlx");
        assert_eq!(m.routing_keys().collect::<Vec<_>>(), vec!["work"]);
    }

    #[test]
    pub(crate) fn same_queue_and_reason_counts_up_and_moves_first() {
        let m1 = make_message(&msg(), 2, DeathReason::Rejected, "a", Rc::from("dlx"), Some("k"), 0);
        let m2 = make_message(&m1, 3, DeathReason::Expired, "b", Rc::from("dlx"), None, 0);
        let m3 = make_message(&m2, 4, DeathReason::Rejected, "a", Rc::from("dlx"), None, 0);
        let d = deaths(&m3);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].get("queue"), Some(&FieldValue::from("a")));
        assert_eq!(d[0].get("count"), Some(&FieldValue::Int(2)));
        assert_eq!(d[1].get("queue"), Some(&FieldValue::from("b")));
        let h = m3.properties.headers.as_ref().unwrap();
        assert_eq!(h.get("x-first-death-queue"), Some(&FieldValue::from("a")));
        assert_eq!(m1.routing_keys().collect::<Vec<_>>(), vec!["k"]);
    }

    #[test]
    pub(crate) fn cycles_only_without_rejects() {
        let m1 = make_message(&msg(), 2, DeathReason::Expired, "a", Rc::from("dlx"), None, 0);
        assert!(is_cycle(DeathReason::Expired, &m1, "a"));
        assert!(!is_cycle(DeathReason::Expired, &m1, "b"));
        assert!(!is_cycle(DeathReason::Rejected, &m1, "a"));
        let r = make_message(&msg(), 2, DeathReason::Rejected, "a", Rc::from("dlx"), None, 0);
        let m2 = make_message(&r, 3, DeathReason::Expired, "b", Rc::from("dlx"), None, 0);
        assert!(!is_cycle(DeathReason::Expired, &m2, "a"));
        assert!(is_cycle(DeathReason::Expired, &m2, "b"));
    }
}
