//! Routing explanations: for an exchange, routing key and headers, every
//! exchange the message would visit and, for each of its bindings, whether
//! it matches and why. The words are messages ([`Msg`]): the page renders
//! them in its language.

use std::rc::Rc;

use super::broker::Broker;
use super::event::RouteHop;
use super::exchange::{Binding, ExchangeType};
use super::queue::Queue;
use super::queue_args::QueueType;
use super::value::FieldTable;
use super::Name;
use crate::i18n::Msg;

/// One binding's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct BindingVerdict {
    /// The binding.
    pub binding: Rc<Binding>,
    /// Whether it matches.
    pub matched: bool,
    /// Why, in plain words.
    pub reason: Msg,
}

/// One exchange's part.
#[derive(Clone, Debug, PartialEq)]
pub struct HopExplanation {
    /// The exchange.
    pub exchange: Name,
    /// Its type.
    pub kind: ExchangeType,
    /// True when reached as an alternate exchange.
    pub as_alternate: bool,
    /// Every binding with its verdict.
    pub bindings: Vec<BindingVerdict>,
    /// What happened at this exchange, in plain words.
    pub summary: Msg,
}

/// The explanation of a routing decision.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteExplanation {
    /// Exchanges in routing order.
    pub hops: Vec<HopExplanation>,
    /// The queues reached.
    pub queues: Vec<Name>,
    /// A one-line verdict.
    pub verdict: Msg,
}

/// What explaining a routing decision reads of the broker, taken at one
/// moment: the route, and for each exchange visited its bindings (shared,
/// not copied), type and alternate exchange. Cheap to take; the words
/// (a reason per binding) are only built by [`RouteSnapshot::explain`],
/// which gives what [`Broker::explain_route`] gave at that moment.
#[derive(Clone, Debug)]
pub struct RouteSnapshot {
    /// The exchange published to.
    exchange: String,
    /// `None` when the exchange does not exist.
    taken: Option<Taken>,
}

#[derive(Clone, Debug)]
struct Taken {
    routing_key: String,
    headers: FieldTable,
    hops: Vec<HopSnapshot>,
    queues: Vec<Name>,
    /// What the quorum queues and streams reached do with the message.
    notes: Vec<Msg>,
}

/// One exchange of a route, as it was.
#[derive(Clone, Debug)]
struct HopSnapshot {
    exchange: Name,
    kind: ExchangeType,
    as_alternate: bool,
    is_default: bool,
    bindings: Rc<Vec<Rc<Binding>>>,
    /// Its alternate exchange's name, and whether that exists.
    alternate: Option<(String, bool)>,
}

impl Broker {
    /// What a quorum queue or a stream does with a message routed to it
    /// now, for the verdict.
    fn queue_type_note(&self, q: &Queue) -> Option<Msg> {
        let queue = &q.name;
        if let Some(log) = &q.stream {
            return Some(msg!(
                "engine-note-stream",
                queue = queue,
                first = log.first_offset(),
                last = log.next_offset().saturating_sub(1)
            ));
        }
        if q.reject_publish {
            return Some(msg!("engine-note-reject-publish", queue = queue));
        }
        None
    }

    /// Explains how a message published to `exchange` with `routing_key`
    /// and `headers` would be routed now.
    pub fn explain_route(&self, exchange: &str, routing_key: &str, headers: Option<&FieldTable>) -> RouteExplanation {
        self.route_snapshot(exchange, routing_key, headers).explain()
    }

    /// What [`Broker::explain_route`] reads now, to explain later.
    pub fn route_snapshot(&self, exchange: &str, routing_key: &str, headers: Option<&FieldTable>) -> RouteSnapshot {
        if !self.exchanges.contains_key(exchange) {
            return RouteSnapshot { exchange: exchange.to_string(), taken: None };
        }
        let route = self.route(exchange, routing_key, headers);
        let hops = route.hops.iter().filter_map(|hop| self.hop_snapshot(hop)).collect();
        // Only quorum queues and streams have something to add. (The route
        // was just taken: its queues' indexes are valid.)
        let notes = route
            .queues
            .entries()
            .map(|&(_, ix)| self.queues.at(ix))
            .filter(|q| q.settings.queue_type != QueueType::Classic)
            .filter_map(|q| self.queue_type_note(q))
            .collect();
        let taken = Taken {
            routing_key: routing_key.to_string(),
            headers: headers.cloned().unwrap_or_default(),
            hops,
            queues: route.queues.to_vec(),
            notes,
        };
        RouteSnapshot { exchange: exchange.to_string(), taken: Some(taken) }
    }

    fn hop_snapshot(&self, hop: &RouteHop) -> Option<HopSnapshot> {
        let x = self.exchanges.get(&hop.exchange)?;
        let alternate = x.alternate_exchange().map(|ae| (ae.to_string(), self.exchanges.contains_key(ae)));
        Some(HopSnapshot {
            exchange: hop.exchange.clone(),
            kind: x.kind,
            as_alternate: hop.as_alternate,
            is_default: x.is_default(),
            bindings: x.shared_bindings(),
            alternate,
        })
    }
}

impl RouteSnapshot {
    /// The explanation, in words: every exchange visited, each of its
    /// bindings with its verdict and reason, and the queues reached.
    pub fn explain(&self) -> RouteExplanation {
        let Some(t) = &self.taken else {
            return RouteExplanation {
                hops: Vec::new(),
                queues: Vec::new(),
                verdict: msg!("engine-no-exchange", exchange = &self.exchange),
            };
        };
        let hops = t.hops.iter().map(|h| h.explain(&t.routing_key, &t.headers, t.queues.is_empty())).collect();
        RouteExplanation { hops, queues: t.queues.clone(), verdict: t.verdict() }
    }
}

impl Taken {
    fn verdict(&self) -> Msg {
        if self.queues.is_empty() {
            return msg!("engine-verdict-no-queue");
        }
        let names: Vec<&str> = self.queues.iter().map(|q| &**q).collect();
        let verdict = msg!("engine-verdict", count = names.len(), queues = names.join(", "));
        self.notes
            .iter()
            .fold(verdict, |verdict, note| msg!("engine-verdict-note", verdict = verdict, note = note.clone()))
    }
}

impl HopSnapshot {
    fn explain(&self, routing_key: &str, headers: &FieldTable, no_queue: bool) -> HopExplanation {
        let (exchange, kind) = (self.exchange.clone(), self.kind);
        if self.is_default {
            let summary = if no_queue {
                msg!("engine-default-no-queue", key = routing_key)
            } else {
                msg!("engine-default-delivers", key = routing_key)
            };
            return HopExplanation { exchange, kind, as_alternate: false, bindings: Vec::new(), summary };
        }
        let bindings: Vec<BindingVerdict> = self
            .bindings
            .iter()
            .map(|b| {
                let (matched, reason) = b.explain(kind, routing_key, headers);
                BindingVerdict { binding: b.clone(), matched, reason }
            })
            .collect();
        let summary = self.summary(bindings.iter().filter(|b| b.matched).count(), bindings.len());
        HopExplanation { exchange, kind, as_alternate: self.as_alternate, bindings, summary }
    }

    fn summary(&self, matched: usize, of: usize) -> Msg {
        let (kind, name) = (self.kind.as_str(), &self.exchange);
        if matched > 0 {
            return msg!("engine-hop-matched", kind = kind, exchange = name, matched = matched, of = of);
        }
        match &self.alternate {
            Some((ae, true)) => msg!("engine-hop-alternate", kind = kind, exchange = name, alternate = ae),
            Some((ae, false)) => msg!("engine-hop-alternate-missing", kind = kind, exchange = name, alternate = ae),
            None => msg!("engine-hop-no-match", kind = kind, exchange = name),
        }
    }
}
