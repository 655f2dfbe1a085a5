//! Copies entering queues, or refused by them (reject-publish).

use crate::engine::Event;
use crate::simulation::Simulation;

use super::super::*;

impl Monitor {
    /// Takes in `Event::Enqueued`.
    pub(super) fn on_enqueued(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Enqueued { queue, copy, message } = event else { return };
        let q = Self::queue_node(sim, &queue);
        self.copies.insert(copy, CopyInfo { message: message.id, consumer: None });
        let text = msg!("log-enqueued", message = label(&message), queue = &queue);
        self.log_full(sim, at, LogKind::Enqueue, q.into_iter().collect(), text, Some(message), Some(copy), false, None);
    }

    /// Takes in `Event::Refused`.
    pub(super) fn on_refused(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Refused { queue, message } = event else { return };
        let Some(m) = self.msg(message) else { return };
        let q = Self::queue_node(sim, &queue);
        let slot = self.slot_after(message);
        if let Some(q) = &q {
            self.motions.push(Motion::Puff { node: q.clone(), kind: PuffKind::Drop, message, slot });
        }
        let text = msg!("log-refused-full", queue = &queue, message = label(&m));
        self.log(sim, at, LogKind::Drop, q.into_iter().collect(), text, Some(m));
    }
}
