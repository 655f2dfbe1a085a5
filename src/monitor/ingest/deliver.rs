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
        let mut text = format!("queue {queue} delivered {} to {who} (delivery tag {delivery_tag})", label(&message));
        if redelivered {
            text.push_str(", marked redelivered");
        }
        text.push_str(&queue_type_note(&message));
        if auto_ack {
            text.push_str("; auto-ack: the broker forgets it now");
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
        let what = m.as_deref().map(label).unwrap_or_else(|| format!("copy {copy}"));
        let from = info.consumer.as_deref().map(|c| format!(" from {}", Self::node_name(sim, c))).unwrap_or_default();
        let mut text = format!("{what} went back{from} to queue {queue}: it will be redelivered, marked redelivered");
        if let Some((count, limit)) = delivery_count {
            text.push_str(&format!("; the quorum queue counts the return (x-delivery-count {count}"));
            if let Some(limit) = limit {
                text.push_str(&format!(", x-delivery-limit {limit}"));
            }
            text.push(')');
        }
        let nodes = q.into_iter().chain(info.consumer).collect();
        self.log_full(sim, at, LogKind::Requeue, nodes, text, m, Some(copy), false, None);
    }
}
