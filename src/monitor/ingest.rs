//! Taking in the simulation's events, one function per family of events.

mod deliver;
mod enqueue;
mod publish;
mod remove;
mod route;
mod topology;

#[cfg(test)]
pub(in crate::monitor) use remove::dead_letter_drop_reason;
#[cfg(test)]
pub(in crate::monitor) use topology::queue_deleted_reason;

use crate::engine::Event;
use crate::simulation::Simulation;

use super::Monitor;

impl Monitor {
    /// Takes in one event that happened at virtual time `at`.
    pub(super) fn ingest_one(&mut self, sim: &Simulation, at: u64, event: Event) {
        match event {
            Event::Delivered { .. } => self.on_delivered(sim, at, event),
            Event::Requeued { .. } => self.on_requeued(sim, at, event),
            Event::Enqueued { .. } => self.on_enqueued(sim, at, event),
            Event::Refused { .. } => self.on_refused(sim, at, event),
            Event::Published { .. } => self.on_published(sim, at, event),
            Event::Removed { .. } => self.on_removed(sim, at, event),
            Event::DeadLettered { .. } => self.on_dead_lettered(sim, at, event),
            Event::DeadLetterDropped { .. } => self.on_dead_letter_dropped(sim, at, event),
            Event::Routed { .. } => self.on_routed(sim, at, event),
            Event::Unroutable { .. } => self.on_unroutable(sim, at, event),
            Event::Returned { .. } => self.on_returned(sim, at, event),
            Event::Error { .. } => self.on_error(sim, at, event),
            Event::ExchangeDeclared { .. } => self.on_exchange_declared(sim, at, event),
            Event::ExchangeDeleted { .. } => self.on_exchange_deleted(sim, at, event),
            Event::QueueDeclared { .. } => self.on_queue_declared(sim, at, event),
            Event::QueueDeleted { .. } => self.on_queue_deleted(sim, at, event),
            Event::BindingCreated { .. } => self.on_binding_created(sim, at, event),
            Event::BindingRemoved { .. } => self.on_binding_removed(sim, at, event),
            Event::ConsumerAdded { .. } => self.on_consumer_added(sim, at, event),
            Event::ConsumerCancelled { .. } => self.on_consumer_cancelled(sim, at, event),
            Event::Restarted => self.on_restarted(sim, at, event),
            Event::ChannelClosed { .. }
            | Event::ConnectionOpened { .. }
            | Event::ConnectionClosed { .. }
            | Event::ChannelOpened { .. }
            | Event::Confirmed { .. }
            | Event::QosChanged { .. }
            | Event::ClockAdvanced { .. } => {}
        }
    }
}
