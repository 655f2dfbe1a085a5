//! What changes the topology (declarations, deletions, bindings,
//! consumers, restarts) and the broker's refusals.

use crate::engine::Event;
use crate::engine::QueueDeletion;
use crate::simulation::Simulation;

use super::super::*;

impl Monitor {
    /// Takes in `Event::Error`.
    pub(super) fn on_error(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Error { channel, error } = event else { return };
        let node = sim
            .node_errors()
            .iter()
            .find(|(_, e)| e.text == error.text)
            .and_then(|(k, _)| match k {
                crate::simulation::ErrorKey::Node(id) => Some(id.clone()),
                crate::simulation::ErrorKey::Binding(id) => sim.scenario().binding(id).map(|b| b.from.clone()),
            })
            .or_else(|| channel.and_then(|c| Self::client_node(sim, c, None)));
        let text = msg!("log-refused", code = error.code.code(), text = &error.text);
        let detail =
            Detail::Error { code: error.code, text: error.text.clone(), explanation: error.code.explanation() };
        self.log_full(
            sim,
            at,
            LogKind::Error,
            node.into_iter().collect(),
            text,
            None,
            None,
            false,
            Some(detail.into()),
        );
    }

    /// Takes in `Event::ExchangeDeclared`.
    pub(super) fn on_exchange_declared(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::ExchangeDeclared { exchange, kind } = event else { return };
        let n = Self::exchange_node(sim, &exchange);
        self.log(
            sim,
            at,
            LogKind::Topology,
            n.into_iter().collect(),
            msg!("log-exchange-declared", kind = kind.as_str(), exchange = &exchange),
            None,
        );
    }

    /// Takes in `Event::ExchangeDeleted`.
    pub(super) fn on_exchange_deleted(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::ExchangeDeleted { exchange, auto } = event else { return };
        let n = Self::exchange_node(sim, &exchange);

        self.log(
            sim,
            at,
            LogKind::Topology,
            n.into_iter().collect(),
            msg!("log-exchange-deleted", exchange = &exchange, auto = flag(auto)),
            None,
        );
    }

    /// Takes in `Event::QueueDeclared`.
    pub(super) fn on_queue_declared(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::QueueDeclared { queue } = event else { return };
        let n = Self::queue_node(sim, &queue);
        self.log(sim, at, LogKind::Topology, n.into_iter().collect(), msg!("log-queue-declared", queue = &queue), None);
    }

    /// Takes in `Event::QueueDeleted`.
    pub(super) fn on_queue_deleted(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::QueueDeleted { queue, reason } = event else { return };
        let n = Self::queue_node(sim, &queue);
        self.log(
            sim,
            at,
            LogKind::Topology,
            n.into_iter().collect(),
            msg!("log-queue-deleted", queue = &queue, reason = queue_deleted_reason(reason)),
            None,
        );
    }

    /// Takes in `Event::BindingCreated`.
    pub(super) fn on_binding_created(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::BindingCreated { binding } = event else { return };
        let nodes = self.binding_nodes(sim, &binding);
        let mut text = msg!(
            "log-bound",
            exchange = exchange_label(&binding.source),
            kind = binding.destination.kind(),
            destination = binding.destination.name(),
            key = &binding.routing_key
        );
        if !binding.arguments.is_empty() {
            text = text.with(
                var!("arguments"),
                msg!("log-bound-arguments", arguments = binding.arguments.to_json().to_string()),
            );
        }
        self.log(sim, at, LogKind::Topology, nodes, text, None);
    }

    /// Takes in `Event::BindingRemoved`.
    pub(super) fn on_binding_removed(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::BindingRemoved { binding } = event else { return };
        let nodes = self.binding_nodes(sim, &binding);
        let text = msg!(
            "log-unbound",
            destination = binding.destination.name(),
            exchange = exchange_label(&binding.source),
            kind = binding.destination.kind(),
            key = &binding.routing_key
        );
        self.log(sim, at, LogKind::Topology, nodes, text, None);
    }

    /// Takes in `Event::ConsumerAdded`.
    pub(super) fn on_consumer_added(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::ConsumerAdded { queue, channel, tag } = event else { return };
        let nodes =
            Self::queue_node(sim, &queue).into_iter().chain(Self::client_node(sim, channel, Some(&queue))).collect();
        self.log(sim, at, LogKind::Topology, nodes, msg!("log-consumer-added", tag = &tag, queue = &queue), None);
    }

    /// Takes in `Event::ConsumerCancelled`.
    pub(super) fn on_consumer_cancelled(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::ConsumerCancelled { queue, channel, tag, by_broker } = event else { return };
        let nodes =
            Self::queue_node(sim, &queue).into_iter().chain(Self::client_node(sim, channel, Some(&queue))).collect();

        self.log(
            sim,
            at,
            LogKind::Topology,
            nodes,
            msg!("log-consumer-cancelled", tag = &tag, queue = &queue, by_broker = flag(by_broker)),
            None,
        );
    }

    /// Takes in `Event::Restarted`.
    pub(super) fn on_restarted(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Restarted = event else { return };
        self.log(sim, at, LogKind::Broker, Vec::new(), msg!("log-restarted"), None);
    }
}

/// The engine's reason for deleting a queue (`Event::QueueDeleted`) as a
/// message.
pub(in crate::monitor) fn queue_deleted_reason(reason: QueueDeletion) -> Msg {
    match reason {
        QueueDeletion::Deleted => msg!("log-qdel-by-delete"),
        QueueDeletion::AutoDelete => msg!("log-qdel-auto-delete"),
        QueueDeletion::OwnerClosed => msg!("log-qdel-exclusive"),
        QueueDeletion::Expired => msg!("log-qdel-expires"),
        QueueDeletion::Restart => msg!("log-qdel-restart"),
    }
}
