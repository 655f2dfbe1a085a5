//! A publish as the log and the dots show it.

use crate::engine::Event;
use crate::simulation::Simulation;

use super::super::*;

impl Monitor {
    /// Takes in `Event::Published`.
    pub(super) fn on_published(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Published { message, channel, mandatory } = event else { return };
        let publisher = channel.and_then(|c| Self::client_node(sim, c, None));
        let xnode = Self::exchange_node(sim, &message.exchange);
        let parent = self.pending_dead_letter.as_ref().filter(|_| channel.is_none()).map(|(_, old, _)| *old);
        self.remember(MessageInfo {
            message: message.clone(),
            parent,
            publisher: publisher.clone(),
            entries: Vec::new(),
        });
        let mut nodes: Vec<String> = publisher.iter().chain(xnode.iter()).cloned().collect();
        let key = if message.routing_key.is_empty() {
            msg!("log-empty-routing-key")
        } else {
            msg!("log-routing-key", key = &message.routing_key)
        };
        let (what, exchange) = (label(&message), exchange_label(&message.exchange));
        let text = match &publisher {
            Some(p) => msg!(
                "log-published",
                publisher = Self::node_name(sim, p),
                message = what,
                exchange = exchange,
                key = key,
                mandatory = flag(mandatory)
            ),
            // A channel that is no node's: the host page's API (`publish`).
            None if channel.is_some() => msg!(
                "log-published-by-api",
                message = what,
                exchange = exchange,
                key = key,
                mandatory = flag(mandatory)
            ),
            None => msg!("log-republished", message = what, exchange = exchange),
        };
        match (&publisher, &xnode) {
            (Some(p), Some(x)) => {
                self.motions.push(Motion::Leg {
                    from: p.clone(),
                    to: x.clone(),
                    reverse: false,
                    kind: LegKind::Publish,
                    message: message.id,
                    slot: 0,
                });
                self.bump_slot(message.id, 0);
            }
            _ => {
                if let Some((qnode, _, slot)) = self.pending_dead_letter.take() {
                    if let Some(x) = &xnode {
                        self.motions.push(Motion::Leg {
                            from: qnode.clone(),
                            to: x.clone(),
                            reverse: false,
                            kind: LegKind::DeadLetter,
                            message: message.id,
                            slot,
                        });
                    }
                    nodes.push(qnode);
                    self.bump_slot(message.id, slot);
                }
            }
        }
        let deaths = log::x_death_lines(&message);
        let detail = (publisher.is_none() && !deaths.is_empty()).then(|| Detail::Deaths(deaths).into());
        self.log_full(sim, at, LogKind::Publish, nodes, text, Some(message), None, false, detail);
    }
}
