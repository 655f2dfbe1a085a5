//! Copies leaving queues (acked, expired, dropped, purged) and dead
//! lettering.

use crate::engine::DeadLetterDrop;
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
        let what = what_copy(m.as_deref(), copy);
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
                let who = Self::consumer_name(sim, info.consumer.as_deref());
                (LogKind::Ack, msg!("log-acked", who = who, message = what, queue = &queue))
            }
            RemovalReason::StreamRead => {
                let who = Self::consumer_name(sim, info.consumer.as_deref());
                if let Some(c) = &info.consumer {
                    self.stats.entry(c.clone()).or_default().acked += 1;
                }
                (LogKind::Ack, msg!("log-stream-read", who = who, message = what, queue = &queue))
            }
            RemovalReason::Rejected => {
                if let Some(c) = &info.consumer {
                    self.stats.entry(c.clone()).or_default().rejected += 1;
                }
                let who = Self::consumer_name(sim, info.consumer.as_deref());
                (LogKind::Drop, msg!("log-rejected", who = who, message = what, queue = &queue))
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
                (LogKind::Drop, msg!("log-removed", message = what, queue = &queue, why = removal_reason(other)))
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
        let text = msg!(
            "log-dead-lettered",
            message = what_message(m.as_deref()),
            queue = &queue,
            reason = reason.as_str(),
            exchange = exchange_label(&exchange),
            id = message
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
        let text = msg!(
            "log-dead-letter-dropped",
            message = what_message(m.as_deref()),
            queue = &queue,
            why = dead_letter_drop_reason(&why, &queue)
        );
        self.log(sim, at, LogKind::Drop, q.into_iter().collect(), text, m);
    }
}

/// Why a copy left its queue (other than acks, stream reads and rejects),
/// in words.
fn removal_reason(reason: RemovalReason) -> Msg {
    match reason {
        RemovalReason::Expired => msg!("log-why-expired"),
        RemovalReason::MaxLength => msg!("log-why-max-length"),
        RemovalReason::Purged => msg!("log-why-purged"),
        RemovalReason::QueueDeleted => msg!("log-why-queue-deleted"),
        RemovalReason::LostOnRestart => msg!("log-why-lost-on-restart"),
        RemovalReason::DeliveryLimit => msg!("log-why-delivery-limit"),
        RemovalReason::Retention => msg!("log-why-retention"),
        other => crate::i18n::Msg::verbatim(other.as_str()),
    }
}

/// The engine's reason for dropping a dead letter (`Event::DeadLetterDropped`)
/// as a message.
pub(in crate::monitor) fn dead_letter_drop_reason(why: &DeadLetterDrop, queue: &str) -> Msg {
    match why {
        DeadLetterDrop::MissingExchange(dlx) => msg!("log-dlx-missing", exchange = dlx),
        DeadLetterDrop::Cycle => msg!("log-dlx-cycle", queue = queue),
    }
}
