//! Routing explanations: for an exchange, routing key and headers, every
//! exchange the message would visit and, for each of its bindings, whether
//! it matches and why.

use std::rc::Rc;

use super::broker::Broker;
use super::exchange::{Binding, ExchangeType};
use super::value::FieldTable;
use super::Name;

/// One binding's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct BindingVerdict {
    /// The binding.
    pub binding: Rc<Binding>,
    /// Whether it matches.
    pub matched: bool,
    /// Why, in plain words.
    pub reason: String,
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
    pub summary: String,
}

/// The explanation of a routing decision.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteExplanation {
    /// Exchanges in routing order.
    pub hops: Vec<HopExplanation>,
    /// The queues reached.
    pub queues: Vec<Name>,
    /// A one-line verdict.
    pub verdict: String,
}

impl Broker {
    /// What a quorum queue or a stream does with a message routed to it
    /// now, for the verdict.
    fn queue_type_note(&self, queue: &str) -> Option<String> {
        let q = self.queues.get(queue)?;
        if let Some(log) = &q.stream {
            return Some(format!(
                "stream '{queue}' appends it to its log (offsets {} to {} so far); each consumer reads from its own offset",
                log.first_offset(),
                log.next_offset().saturating_sub(1)
            ));
        }
        if q.reject_publish {
            return Some(format!(
                "quorum queue '{queue}' is refusing publishes: it went over its limit (reject-publish) and takes them again at 80% of it"
            ));
        }
        None
    }

    /// Explains how a message published to `exchange` with `routing_key`
    /// and `headers` would be routed now.
    pub fn explain_route(&self, exchange: &str, routing_key: &str, headers: Option<&FieldTable>) -> RouteExplanation {
        let empty = FieldTable::new();
        let h = headers.unwrap_or(&empty);
        if !self.exchanges.contains_key(exchange) {
            return RouteExplanation {
                hops: Vec::new(),
                queues: Vec::new(),
                verdict: format!(
                    "exchange '{exchange}' does not exist: publishing to it is a 404 NOT_FOUND channel error"
                ),
            };
        }
        let route = self.route(exchange, routing_key, headers);
        let mut hops = Vec::new();
        for hop in &route.hops {
            let Some(x) = self.exchanges.get(&hop.exchange) else { continue };
            if x.is_default() {
                let summary = if route.queues.is_empty() {
                    format!("default exchange: no queue is named '{routing_key}'")
                } else {
                    format!("default exchange: delivers to the queue named '{routing_key}'")
                };
                hops.push(HopExplanation {
                    exchange: hop.exchange.clone(),
                    kind: x.kind,
                    as_alternate: false,
                    bindings: Vec::new(),
                    summary,
                });
                continue;
            }
            let bindings: Vec<BindingVerdict> = x
                .bindings()
                .iter()
                .map(|b| {
                    let (matched, reason) = b.explain(x.kind, routing_key, h);
                    BindingVerdict { binding: b.clone(), matched, reason }
                })
                .collect();
            let n = bindings.iter().filter(|b| b.matched).count();
            let summary = if n > 0 {
                format!("{} exchange '{}': {n} of {} bindings match", x.kind, x.name, bindings.len())
            } else if let Some(ae) = x.alternate_exchange() {
                if self.exchanges.contains_key(ae) {
                    format!(
                        "{} exchange '{}': no binding matches, so its alternate exchange '{ae}' takes the message",
                        x.kind, x.name
                    )
                } else {
                    format!(
                        "{} exchange '{}': no binding matches and its alternate exchange '{ae}' does not exist",
                        x.kind, x.name
                    )
                }
            } else {
                format!("{} exchange '{}': no binding matches", x.kind, x.name)
            };
            hops.push(HopExplanation {
                exchange: hop.exchange.clone(),
                kind: x.kind,
                as_alternate: hop.as_alternate,
                bindings,
                summary,
            });
        }
        let verdict = if route.queues.is_empty() {
            "reaches no queue: returned to the publisher if mandatory, otherwise dropped".to_string()
        } else {
            let names: Vec<&str> = route.queues.iter().map(|q| &**q).collect();
            let mut verdict =
                format!("reaches {}: {}", if names.len() == 1 { "1 queue" } else { "queues" }, names.join(", "));
            for note in route.queues.iter().filter_map(|q| self.queue_type_note(q)) {
                verdict.push_str("; ");
                verdict.push_str(&note);
            }
            verdict
        };
        RouteExplanation { hops, queues: route.queues, verdict }
    }
}
