//! Deliveries to consumers and requeues, with the consumers' tallies.

use crate::engine::Event;
use crate::simulation::Simulation;

use super::super::*;

impl Monitor {
    /// Takes in `Event::Delivered`.
    pub(super) fn on_delivered(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Delivered { queue, copy, message, channel, consumer, delivery_tag, redelivered, auto_ack, .. } =
            event
        else {
            return;
        };
        let q = Self::queue_node(sim, &queue);
        let c = Self::client_node(sim, channel, Some(&queue));
        // A stream's reads are copies of their own (never enqueued).
        let info = self.copies.entry(copy).or_insert(CopyInfo { message: message.id, consumer: None });
        info.consumer = c.clone();
        let slot = self.slot_after(message.id);
        if let (Some(q), Some(c)) = (&q, &c) {
            self.motions.push(Motion::Leg {
                from: q.clone(),
                to: c.clone(),
                reverse: false,
                kind: LegKind::Deliver,
                message: message.id,
                slot,
            });
        }
        if let Some(c) = &c {
            let s = self.stats.entry(c.clone()).or_default();
            s.delivered += 1;
            if redelivered {
                s.redelivered += 1;
            }
        }
        let who = match (&c, &consumer) {
            (Some(c), _) => Self::node_name(sim, c),
            (None, Some(tag)) => tag.to_string(),
            (None, None) => "basic.get".to_string(),
        };
        let mut text = msg!(
            "log-delivered",
            queue = &queue,
            message = label(&message),
            who = who,
            tag = delivery_tag,
            redelivered = flag(redelivered),
            auto_ack = flag(auto_ack)
        );
        if let Some(note) = queue_type_note(&message) {
            text = text.with(var!("note"), note);
        }
        let nodes = q.into_iter().chain(c).collect();
        self.log_full(sim, at, LogKind::Deliver, nodes, text, Some(message), Some(copy), redelivered, None);
    }

    /// Takes in `Event::Requeued`.
    pub(super) fn on_requeued(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Requeued { queue, copy, delivery_count, .. } = event else { return };
        let info = self.copies.get(&copy).cloned().unwrap_or_default();
        let m = self.msg(info.message);
        let q = Self::queue_node(sim, &queue);
        if let Some(c) = &info.consumer {
            self.stats.entry(c.clone()).or_default().requeued += 1;
            let on_canvas = sim.scenario().consumer(c).is_some() || program_topology::pid_of(c).is_some();
            if let (Some(q), Some(c)) = (&q, on_canvas.then(|| c.clone())) {
                let slot = self.slot_after(info.message);
                self.motions.push(Motion::Leg {
                    from: q.clone(),
                    to: c,
                    reverse: true,
                    kind: LegKind::Requeue,
                    message: info.message,
                    slot,
                });
            }
        }
        if let Some(i) = self.copies.get_mut(&copy) {
            i.consumer = None;
        }
        let mut text = msg!("log-requeued", message = what_copy(m.as_deref(), copy), queue = &queue);
        if let Some(c) = info.consumer.as_deref() {
            text = text.with(var!("from"), msg!("log-requeued-from", consumer = Self::node_name(sim, c)));
        }
        if let Some((count, limit)) = delivery_count {
            let mut note = msg!("log-requeued-count", count = count);
            if let Some(limit) = limit {
                note = note.with(var!("limit"), msg!("log-requeued-limit", limit = limit));
            }
            text = text.with(var!("note"), note);
        }
        let nodes = q.into_iter().chain(info.consumer).collect();
        self.log_full(sim, at, LogKind::Requeue, nodes, text, m, Some(copy), false, None);
    }
}
