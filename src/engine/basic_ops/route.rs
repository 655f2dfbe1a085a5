//! Routing, as `rabbit_exchange:route`: exchange-to-exchange hops with a
//! visited set, alternate exchanges and a de-duplicated queue set.

use std::rc::Rc;

use crate::engine::binding_index::MatchedBindings;
use crate::engine::broker::Broker;
use crate::engine::event::{Route, RouteHop};
use crate::engine::exchange::{Exchange, ExchangeType};
use crate::engine::message::Message;
use crate::engine::queue_names::QueueNames;
use crate::engine::value::FieldTable;
use crate::engine::Name;

impl Broker {
    /// Routes a message from `exchange` (without publishing it): the
    /// exchanges visited, the bindings that matched and the queues reached.
    pub fn route(&self, exchange: &str, routing_key: &str, headers: Option<&FieldTable>) -> Route {
        let Some((name, x)) = self.exchanges.get_key_value(exchange) else { return Route::default() };
        self.route_from(name, Some(x), &[routing_key], headers)
    }

    /// Routes a message being published (direct reply-to answers go to
    /// their requester first).
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
        let x = if exchange.is_empty() { None } else { self.exchanges.get(exchange) };
        if message.extra_routing_keys.is_empty() {
            self.route_from(exchange, x, &[message.routing_key.as_str()], headers)
        } else {
            let keys: Vec<&str> = message.routing_keys().collect();
            self.route_from(exchange, x, &keys, headers)
        }
    }

    /// RabbitMQ's `rabbit_exchange:route` from `exchange` (`x`: `None` when
    /// it does not exist; not needed for the default exchange): a walk over
    /// exchanges with a visited set (each exchange routes once per
    /// message), alternate exchanges where an exchange matched nothing, and
    /// the queue set de-duplicated.
    pub(crate) fn route_from<K: AsRef<str>>(
        &self,
        exchange: &Name,
        x: Option<&Exchange>,
        routing_keys: &[K],
        headers: Option<&FieldTable>,
    ) -> Route {
        let mut walk = RouteWalk {
            broker: self,
            origin: exchange,
            keys: routing_keys,
            headers,
            route: Route { hops: Vec::with_capacity(1), ..Route::default() },
            visited: Vec::new(),
            work: Vec::new(),
            next: Vec::new(),
        };
        if exchange.is_empty() {
            walk.default_hop(exchange.clone(), None, false);
        } else if let Some(x) = x {
            walk.exchange_hop(exchange.clone(), x, None, false);
            // Each exchange is looked up once, when it is found (as a
            // binding's destination or an alternate), and carried in `work`.
            while let Some((xname, x, via, as_alternate)) = walk.work.pop() {
                if x.is_default() {
                    walk.default_hop(xname, via, as_alternate);
                } else {
                    walk.exchange_hop(xname, x, via, as_alternate);
                }
            }
        }
        walk.route
    }
}

/// An exchange still to route through: its name, the exchange, the one
/// that led there and whether as an alternate.
type Pending<'a> = (Name, &'a Exchange, Option<Name>, bool);

/// One route in progress. `visited` (besides the exchange published to)
/// and `work` only allocate once a message goes past one exchange.
struct RouteWalk<'a, K> {
    broker: &'a Broker,
    /// The exchange published to.
    origin: &'a Name,
    keys: &'a [K],
    headers: Option<&'a FieldTable>,
    route: Route,
    visited: Vec<Name>,
    work: Vec<Pending<'a>>,
    /// The exchanges one hop's bindings lead to (a scratch list).
    next: Vec<&'a Name>,
}

impl<'a, K: AsRef<str>> RouteWalk<'a, K> {
    /// The default exchange (published to, or reached as an alternate): in
    /// 3.10 every queue has a stored binding from it keyed by its name, so
    /// it routes by queue name.
    fn default_hop(&mut self, xname: Name, via: Option<Name>, as_alternate: bool) {
        let queues = &self.broker.queues;
        let named = self.keys.iter().filter_map(|k| queues.named(k.as_ref()).map(|(n, ix)| (n.clone(), ix)));
        self.add_queues(QueueNames::gathered(named.collect()));
        let matched = MatchedBindings::default();
        self.route.hops.push(RouteHop { exchange: xname, kind: ExchangeType::Direct, via, as_alternate, matched });
    }

    /// Routes through exchange `x`: its queues, then its alternate if it
    /// matched nothing, and the exchanges its bindings lead to.
    fn exchange_hop(&mut self, xname: Name, x: &'a Exchange, via: Option<Name>, as_alternate: bool) {
        let (matched, queues) = x.route(self.keys, self.headers, &mut self.next);
        self.add_queues(queues);
        if matched.is_empty() {
            self.alternate_of(&xname, x);
        }
        self.follow_exchanges(&xname);
        self.route.hops.push(RouteHop { exchange: xname, kind: x.kind, via, as_alternate, matched });
    }

    /// One hop's queues join the route's (sorted by name, once each).
    fn add_queues(&mut self, queues: QueueNames) {
        if !queues.is_empty() {
            let so_far = std::mem::take(&mut self.route.queues);
            self.route.queues = so_far.merged(queues);
        }
    }

    /// Exchange `x` matched nothing: its alternate exchange (once per
    /// message) takes the message, or is noted as missing.
    fn alternate_of(&mut self, xname: &Name, x: &Exchange) {
        let Some(ae) = x.alternate_exchange() else { return };
        if &**self.origin == ae || self.visited.iter().any(|v| &**v == ae) {
            return;
        }
        match self.broker.exchanges.get_key_value(ae) {
            Some((ae, alternate)) => {
                self.visited.push(ae.clone());
                self.work.push((ae.clone(), alternate, Some(xname.clone()), true));
            }
            None => {
                let ae: Name = Rc::from(ae);
                self.visited.push(ae.clone());
                self.route.missing_alternates.push(ae);
            }
        }
    }

    /// The exchanges the last hop's bindings lead to, each once per message.
    fn follow_exchanges(&mut self, xname: &Name) {
        for e in self.next.drain(..) {
            if e != self.origin && !self.visited.contains(e) {
                self.visited.push(e.clone());
                if let Some(next) = self.broker.exchanges.get(e) {
                    self.work.push((e.clone(), next, Some(xname.clone()), false));
                }
            }
        }
    }
}
