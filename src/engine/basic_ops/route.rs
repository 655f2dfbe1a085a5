//! Routing, as `rabbit_exchange:route`: exchange-to-exchange hops with a
//! visited set, alternate exchanges and a de-duplicated queue set.

use std::rc::Rc;

use crate::engine::binding_index::MatchedBindings;
use crate::engine::broker::Broker;
use crate::engine::event::{Route, RouteHop};
use crate::engine::exchange::{Exchange, ExchangeType};
use crate::engine::message::Message;
use crate::engine::value::FieldTable;
use crate::engine::Name;

impl Broker {
    /// Routes a message from `exchange` (without publishing it): the
    /// exchanges visited, the bindings that matched and the queues reached.
    pub fn route(&self, exchange: &str, routing_key: &str, headers: Option<&FieldTable>) -> Route {
        let Some((name, x)) = self.exchanges.get_key_value(exchange) else { return Route::default() };
        self.route_from(name, Some(x), &[routing_key], headers)
    }

    pub(crate) fn route_message(&mut self, exchange: &Name, message: &Rc<Message>) -> Route {
        if exchange.is_empty() {
            // Direct reply-to answers go straight to the requester's channel.
            let replies: Vec<String> = message
                .routing_keys()
                .filter(|rk| rk.starts_with("amq.rabbitmq.reply-to."))
                .map(str::to_string)
                .collect();
            for rk in replies {
                self.deliver_reply(&rk, message);
            }
        }
        self.route_message_keys(exchange, message)
    }

    /// Routes a message by all its routing keys (no allocation for the
    /// common message without CC/BCC keys).
    pub(crate) fn route_message_keys(&self, exchange: &Name, message: &Message) -> Route {
        let headers = message.properties.headers.as_ref();
        if message.extra_routing_keys.is_empty() {
            self.route_keys(exchange, &[message.routing_key.as_str()], headers)
        } else {
            let keys: Vec<&str> = message.routing_keys().collect();
            self.route_keys(exchange, &keys, headers)
        }
    }

    /// RabbitMQ's `rabbit_exchange:route`: a walk over exchanges with a
    /// visited set (each exchange routes once per message), alternate
    /// exchanges where an exchange matched nothing, and the queue set
    /// de-duplicated.
    pub(crate) fn route_keys<K: AsRef<str>>(
        &self,
        exchange: &Name,
        routing_keys: &[K],
        headers: Option<&FieldTable>,
    ) -> Route {
        let x = if exchange.is_empty() { None } else { self.exchanges.get(exchange) };
        self.route_from(exchange, x, routing_keys, headers)
    }

    /// [`Broker::route_keys`] once `exchange` has been looked up (`x`:
    /// `None` when it does not exist; not needed for the default exchange).
    pub(crate) fn route_from<K: AsRef<str>>(
        &self,
        exchange: &Name,
        x: Option<&Exchange>,
        routing_keys: &[K],
        headers: Option<&FieldTable>,
    ) -> Route {
        let mut route = Route { hops: Vec::with_capacity(1), ..Route::default() };
        if exchange.is_empty() {
            let mut queues: Vec<Name> = routing_keys
                .iter()
                .filter_map(|k| self.queues.get_key_value(k.as_ref()).map(|(n, _)| n.clone()))
                .collect();
            queues.sort();
            queues.dedup();
            route.hops.push(RouteHop {
                exchange: exchange.clone(),
                kind: ExchangeType::Direct,
                via: None,
                as_alternate: false,
                matched: MatchedBindings::default(),
            });
            route.queues = queues;
            return route;
        }
        // `visited` (besides `exchange` itself) and `work` (besides the
        // first hop) only allocate once a message goes past one exchange.
        // Each exchange is looked up once, when it is found (here, or as a
        // binding's destination or an alternate), and carried in `work`.
        let mut visited: Vec<Name> = Vec::new();
        let mut work: Vec<(Name, &Exchange, Option<Name>, bool)> = Vec::new();
        let mut first = x.map(|x| (exchange.clone(), x, None, false));
        let mut queues = QueuesReached::default();
        let mut next: Vec<&Name> = Vec::new();
        while let Some((xname, x, via, as_alternate)) = first.take().or_else(|| work.pop()) {
            if x.is_default() {
                // Reached as an alternate exchange: in 3.10 every queue has a
                // stored binding from the default exchange keyed by its name,
                // so the default exchange routes by queue name here too.
                let names = routing_keys.iter().filter_map(|k| self.queues.get_key_value(k.as_ref()).map(|(q, _)| q));
                queues.add_unsorted(names.cloned());
                route.hops.push(RouteHop {
                    exchange: xname,
                    kind: x.kind,
                    via,
                    as_alternate,
                    matched: MatchedBindings::default(),
                });
                continue;
            }
            let before = queues.names.len();
            let matched = x.route(routing_keys, headers, &mut queues.names, &mut next);
            queues.added_since(before);
            if matched.is_empty() {
                if let Some(ae) = x.alternate_exchange() {
                    if &**exchange != ae && !visited.iter().any(|v| &**v == ae) {
                        match self.exchanges.get_key_value(ae) {
                            Some((ae, alternate)) => {
                                visited.push(ae.clone());
                                work.push((ae.clone(), alternate, Some(xname.clone()), true));
                            }
                            None => {
                                let ae: Name = Rc::from(ae);
                                visited.push(ae.clone());
                                route.missing_alternates.push(ae);
                            }
                        }
                    }
                }
            }
            for e in next.drain(..) {
                if e != exchange && !visited.contains(e) {
                    visited.push(e.clone());
                    if let Some(next) = self.exchanges.get(e) {
                        work.push((e.clone(), next, Some(xname.clone()), false));
                    }
                }
            }
            route.hops.push(RouteHop { exchange: xname, kind: x.kind, via, as_alternate, matched });
        }
        route.queues = queues.finish();
        route
    }
}

/// The queues a route reaches, hop by hop: one hop's queues come out of
/// its exchange in name order, once each; only when several hops reach
/// queues are they merged (sorted and de-duplicated by name).
#[derive(Default)]
struct QueuesReached {
    names: Vec<Name>,
    /// More than one hop added queues (or some came unsorted).
    mixed: bool,
    hops: usize,
}

impl QueuesReached {
    /// Notes that one exchange appended its queues (in name order, once
    /// each) after the first `before`.
    fn added_since(&mut self, before: usize) {
        if self.names.len() > before {
            self.hops += 1;
            self.mixed |= self.hops > 1;
        }
    }

    /// Adds queues in any order, possibly repeated.
    fn add_unsorted(&mut self, names: impl Iterator<Item = Name>) {
        let before = self.names.len();
        self.names.extend(names);
        if self.names.len() > before {
            self.hops += 1;
            self.mixed = true;
        }
    }

    /// The queues, sorted by name, once each.
    fn finish(mut self) -> Vec<Name> {
        if self.mixed {
            self.names.sort();
            self.names.dedup();
        }
        self.names
    }
}
