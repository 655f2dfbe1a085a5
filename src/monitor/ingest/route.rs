//! Routing decisions: the route with its explanation (a snapshot, put
//! into words when read), unroutable
//! messages and basic.return.

use crate::engine::Event;
use crate::simulation::Simulation;

use super::super::*;

impl Monitor {
    /// Takes in `Event::Routed`.
    pub(super) fn on_routed(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Routed { message, route } = event else { return };
        let Some(m) = self.msg(message) else { return };
        let snapshot = sim.broker().route_snapshot(&m.exchange, &m.routing_key, m.properties.headers.as_ref());
        let base = self.slots.get(&message).copied().unwrap_or(0);
        let mut depth: HashMap<Name, u32> = HashMap::new();
        let mut alternates = Vec::new();
        let mut nodes = Vec::new();
        let mut max_slot = base;
        for hop in &route.hops {
            let d = hop.via.as_ref().and_then(|v| depth.get(v)).map(|d| d + 1).unwrap_or(0);
            depth.insert(hop.exchange.clone(), d);
            let xnode = Self::exchange_node(sim, &hop.exchange);
            if let Some(x) = &xnode {
                nodes.push(x.clone());
            }
            if hop.as_alternate {
                if let Some(via) = &hop.via {
                    alternates.push((via.clone(), hop.exchange.clone()));
                    if let (Some(from), Some(to)) = (Self::exchange_node(sim, via), xnode.clone()) {
                        self.motions.push(Motion::Leg {
                            from,
                            to,
                            reverse: false,
                            kind: LegKind::Alternate,
                            message,
                            slot: base + d,
                        });
                    }
                }
            }
            for b in &hop.matched {
                let to = match &b.destination {
                    crate::engine::Destination::Queue(q) => Self::queue_node(sim, q),
                    crate::engine::Destination::Exchange(x) => Self::exchange_node(sim, x),
                };
                if let (Some(from), Some(to)) = (xnode.clone(), to) {
                    nodes.push(to.clone());
                    self.motions.push(Motion::Leg {
                        from,
                        to,
                        reverse: false,
                        kind: LegKind::Route,
                        message,
                        slot: base + d + 1,
                    });
                    max_slot = max_slot.max(base + d + 1);
                }
            }
        }
        if route.hops.first().is_some_and(|h| h.exchange.is_empty()) {
            // The default exchange routes by queue name, without bindings.
            for q in &route.queues {
                if let (Some(from), Some(to)) = (Self::exchange_node(sim, ""), Self::queue_node(sim, q)) {
                    nodes.push(to.clone());
                    self.motions.push(Motion::Leg {
                        from,
                        to,
                        reverse: false,
                        kind: LegKind::Route,
                        message,
                        slot: base + 1,
                    });
                    max_slot = max_slot.max(base + 1);
                }
            }
        }
        self.bump_slot(message, max_slot);
        nodes.sort();
        nodes.dedup();
        let queues: Vec<&str> = route.queues.iter().map(|q| &**q).collect();
        let text = msg!(
            "log-routed",
            exchange = exchange_label(&m.exchange),
            message = label(&m),
            count = queues.len(),
            queues = queues.join(", ")
        );
        let detail = LazyDetail::route(snapshot, alternates, route.missing_alternates.clone());
        self.log_full(sim, at, LogKind::Route, nodes, text, Some(m), None, false, Some(detail));
    }

    /// Takes in `Event::Unroutable`.
    pub(super) fn on_unroutable(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Unroutable { message } = event else { return };
        let Some(m) = self.msg(message) else { return };
        let x = Self::exchange_node(sim, &m.exchange);
        let slot = self.slot_after(message);
        if let Some(x) = &x {
            self.motions.push(Motion::Puff { node: x.clone(), kind: PuffKind::Drop, message, slot });
        }
        let detail = self.route_detail(message);
        let text = msg!("log-unroutable", message = label(&m));
        self.log_full(sim, at, LogKind::Drop, x.into_iter().collect(), text, Some(m), None, false, detail);
    }

    /// Takes in `Event::Returned`.
    pub(super) fn on_returned(&mut self, sim: &Simulation, at: u64, event: Event) {
        let Event::Returned { message, channel } = event else { return };
        let Some(m) = self.msg(message) else { return };
        let p = Self::client_node(sim, channel, None);
        let x = Self::exchange_node(sim, &m.exchange);
        let slot = self.slot_after(message);
        if let (Some(p), Some(x)) = (&p, &x) {
            self.motions.push(Motion::Leg {
                from: p.clone(),
                to: x.clone(),
                reverse: true,
                kind: LegKind::Return,
                message,
                slot,
            });
        }
        let who = match p.as_deref() {
            Some(p) => Arg::from(Self::node_name(sim, p)),
            None => msg!("log-its-publisher").into(),
        };
        let text = msg!("log-returned", message = label(&m), who = who);
        let detail = self.route_detail(message);
        let nodes = p.into_iter().chain(x).collect();
        self.log_full(sim, at, LogKind::Return, nodes, text, Some(m), None, false, detail);
    }
}
