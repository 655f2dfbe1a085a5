//! Copies leaving queues (acked, expired, dropped, purged) and dead
//! lettering.

use crate::engine::Event;
use crate::simulation::Simulation;

use super::super::*;

impl Monitor {
    /// Takes in `Event::Removed`.
    pub(super) fn on_removed(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Removed { queue, copy, reason } = event else { return };
        // Kept (bounded): a dead-lettering that follows needs to know the copy.
        let info = self.copies.get(&copy).cloned().unwrap_or_default();
        let m = self.msg(info.message);
        let q = Self::queue_node(sim, &queue);
        let what = m.as_deref().map(label).unwrap_or_else(|| format!("copy {copy}"));
        let slot = self.slot_after(info.message);
        let (kind, text) = match reason {
            RemovalReason::Acked | RemovalReason::AutoAcked => {
                if let Some(c) = &info.consumer {
                    self.stats.entry(c.clone()).or_default().acked += 1;
                    self.motions.push(Motion::Puff {
                        node: c.clone(),
                        kind: PuffKind::Ack,
                        message: info.message,
                        slot,
                    });
                }
                if reason == RemovalReason::AutoAcked {
                    return;
                }
                let who =
                    info.consumer.as_deref().map(|c| Self::node_name(sim, c)).unwrap_or_else(|| "the consumer".into());
                (LogKind::Ack, format!("{who} acked {what}: it leaves queue {queue} for good"))
            }
            RemovalReason::StreamRead => {
                let who =
                    info.consumer.as_deref().map(|c| Self::node_name(sim, c)).unwrap_or_else(|| "the consumer".into());
                if let Some(c) = &info.consumer {
                    self.stats.entry(c.clone()).or_default().acked += 1;
                }
                (
                    LogKind::Ack,
                    format!("{who} is done with {what}: stream {queue} keeps it (acks remove nothing from a stream)"),
                )
            }
            RemovalReason::Rejected => {
                if let Some(c) = &info.consumer {
                    self.stats.entry(c.clone()).or_default().rejected += 1;
                }
                let who =
                    info.consumer.as_deref().map(|c| Self::node_name(sim, c)).unwrap_or_else(|| "the consumer".into());
                (LogKind::Drop, format!("{who} rejected {what} without requeue: it leaves queue {queue} (dead-lettered if the queue has a dead-letter exchange)"))
            }
            other => {
                if let Some(q) = &q {
                    self.motions.push(Motion::Puff {
                        node: q.clone(),
                        kind: PuffKind::Drop,
                        message: info.message,
                        slot,
                    });
                }
                let why = match other {
                    RemovalReason::Expired => "its TTL ran out at the head of the queue",
                    RemovalReason::MaxLength => {
                        "the queue was over x-max-length, so the oldest message was dropped (drop-head)"
                    }
                    RemovalReason::Purged => "the queue was purged",
                    RemovalReason::QueueDeleted => "its queue was deleted",
                    RemovalReason::LostOnRestart => {
                        "the broker restarted and it was not a persistent message in a durable queue"
                    }
                    RemovalReason::DeliveryLimit => {
                        "it was returned more often than the quorum queue's x-delivery-limit (dead-lettered with reason delivery_limit if the queue has a dead-letter exchange, else dropped)"
                    }
                    RemovalReason::Retention => {
                        "stream retention removed the oldest segment holding it (x-max-length-bytes / x-max-age act on whole segments)"
                    }
                    _ => other.as_str(),
                };
                (LogKind::Drop, format!("{what} left queue {queue}: {why}"))
            }
        };
        let nodes = q.into_iter().chain(info.consumer).collect();
        self.log_full(sim, at, kind, nodes, text, m, Some(copy), false, None);
    }

    /// Takes in `Event::DeadLettered`.
    pub(super) fn on_dead_lettered(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::DeadLettered { queue, copy, reason, exchange, message } = event else { return };
        let old = copy.and_then(|c| self.copies.get(&c)).map(|i| i.message);
        let q = Self::queue_node(sim, &queue);
        let old_id = old.unwrap_or(message);
        let slot = self.slot_after(old_id);
        if let Some(qn) = &q {
            self.pending_dead_letter = Some((qn.clone(), old_id, slot));
        }
        let m = old.and_then(|o| self.msg(o));
        let what = m.as_deref().map(label).unwrap_or_else(|| "a message".into());
        let text = format!(
                "{what} was dead-lettered from queue {queue} (reason: {}) to {} as message #{message}; its x-death header records why",
                reason.as_str(),
                exchange_label(&exchange)
            );
        let nodes = q.into_iter().chain(Self::exchange_node(sim, &exchange)).collect();
        self.log(sim, at, LogKind::DeadLetter, nodes, text, m);
    }

    /// Takes in `Event::DeadLetterDropped`.
    pub(super) fn on_dead_letter_dropped(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::DeadLetterDropped { queue, copy, why } = event else { return };
        let info = copy.and_then(|c| self.copies.get(&c)).cloned();
        let m = info.as_ref().and_then(|i| self.msg(i.message));
        let q = Self::queue_node(sim, &queue);
        if let (Some(qn), Some(mm)) = (&q, &m) {
            let slot = self.slot_after(mm.id);
            self.motions.push(Motion::Puff { node: qn.clone(), kind: PuffKind::Drop, message: mm.id, slot });
        }
        let what = m.as_deref().map(label).unwrap_or_else(|| "a message".into());
        let text = format!("{what} from queue {queue} could not be dead-lettered and was dropped: {why}");
        self.log(sim, at, LogKind::Drop, q.into_iter().collect(), text, m);
    }
}
