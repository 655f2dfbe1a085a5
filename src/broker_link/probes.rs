//! The probe messages that exercise a topology: every producer's message,
//! and for every exchange the binding keys with their wildcards filled in
//! several ways, a key nothing matches, and for headers exchanges each
//! binding's header values, all together and one at a time. Warren's
//! prediction for each is the engine's routing of the scenario.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::definitions::format::Definitions;
use crate::engine::FieldTable;
use crate::scenario::Scenario;
use crate::simulation::Simulation;

/// The most probes one check sends.
pub const MAX_PROBES: usize = 600;

/// A key no binding is expected to match.
pub const UNMATCHED_KEY: &str = "warren.no-binding.matches";

/// One probe: where it is published, with which key and headers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Probe {
    /// Exchange name (`""`: the default exchange).
    pub exchange: String,
    /// Routing key.
    pub routing_key: String,
    /// Message headers.
    pub headers: Map<String, Value>,
}

/// The probes for a scenario whose topology, as sent to the broker, is
/// `defs` (only exchanges there, not internal, are published to; the
/// default exchange always is).
pub fn choose(scenario: &Scenario, defs: &Definitions) -> Vec<Probe> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |p: Probe| {
        let key = (p.exchange.clone(), p.routing_key.clone(), Value::Object(p.headers.clone()).to_string());
        if out.len() < MAX_PROBES && seen.insert(key) {
            out.push(p);
        }
    };
    let publishable: Vec<&str> = defs.exchanges.iter().filter(|x| !x.internal).map(|x| x.name.as_str()).collect();
    for p in &scenario.producers {
        let Some(exchange) = p.exchange.as_deref().and_then(|id| scenario.exchange_name(id)) else { continue };
        if exchange.is_empty() || publishable.contains(&exchange) {
            push(Probe {
                exchange: exchange.to_string(),
                routing_key: p.message.routing_key.clone(),
                headers: p.message.headers.clone(),
            });
        }
    }
    let keys = binding_keys(defs);
    for x in defs.exchanges.iter().filter(|x| !x.internal) {
        for headers in header_sets(defs, &x.name, &x.kind) {
            for key in &keys {
                push(Probe { exchange: x.name.clone(), routing_key: key.clone(), headers: headers.clone() });
            }
        }
    }
    for key in defs.queues.iter().map(|q| q.name.clone()).chain([UNMATCHED_KEY.to_string()]) {
        push(Probe { exchange: String::new(), routing_key: key, headers: Map::new() });
    }
    out
}

/// Every binding key with its wildcards filled in (`*` by a word, `#` by
/// nothing and by two words), plus the empty key and one nothing matches.
fn binding_keys(defs: &Definitions) -> Vec<String> {
    let mut keys = BTreeSet::from([String::new(), UNMATCHED_KEY.to_string()]);
    for b in &defs.bindings {
        let key = &b.routing_key;
        keys.insert(key.clone());
        for fill in ["", "w.z"] {
            let k = key.replace('#', fill).replace('*', "w");
            keys.insert(k.trim_matches('.').replace("..", "."));
            keys.insert(k);
        }
    }
    keys.into_iter().collect()
}

/// The header tables to try on exchange `name`: none, and for a headers
/// exchange each binding's values all together and one at a time.
fn header_sets(defs: &Definitions, name: &str, kind: &str) -> Vec<Map<String, Value>> {
    let mut sets = vec![Map::new()];
    if kind != "headers" {
        return sets;
    }
    for b in defs.bindings.iter().filter(|b| b.source == name) {
        let mut all = b.arguments.clone();
        all.remove("x-match");
        for (k, v) in &all {
            let mut one = Map::new();
            one.insert(k.clone(), v.clone());
            sets.push(one);
        }
        sets.push(all);
    }
    let mut seen = HashSet::new();
    sets.retain(|s| seen.insert(Value::Object(s.clone()).to_string()));
    sets
}

/// Warren's prediction for each probe: the queues the engine routes it
/// to, playing the scenario, among `queues` (the ones the broker has).
pub fn predict(scenario: &Scenario, probes: &[Probe], queues: &BTreeSet<String>) -> Vec<Vec<String>> {
    let sim = Simulation::new(scenario.clone());
    probes
        .iter()
        .map(|p| {
            let headers =
                (!p.headers.is_empty()).then(|| FieldTable::from_json(&Value::Object(p.headers.clone()))).flatten();
            let route = sim.broker().route(&p.exchange, &p.routing_key, headers.as_ref());
            route.queues.iter().map(|q| q.to_string()).filter(|q| queues.contains(q)).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_cover_every_binding_and_predict_the_engines_routes() {
        let lesson = crate::lessons::by_slug("topics").unwrap().scenario;
        let defs: Definitions = serde_json::from_str(&crate::definitions::export(&lesson).json).unwrap();
        let probes = choose(&lesson, &defs);
        assert!(probes.len() > defs.bindings.len(), "{probes:?}");
        let queues: BTreeSet<String> = defs.queues.iter().map(|q| q.name.clone()).collect();
        let routes = predict(&lesson, &probes, &queues);
        for b in &defs.bindings {
            let hit = probes.iter().zip(&routes).any(|(p, r)| p.exchange == b.source && r.contains(&b.destination));
            assert!(hit, "no probe reaches {} through {:?}", b.destination, b.routing_key);
        }
        let unmatched = probes.iter().position(|p| p.routing_key == UNMATCHED_KEY && !p.exchange.is_empty()).unwrap();
        assert!(routes[unmatched].is_empty() || defs.bindings.iter().any(|b| b.routing_key == "#"));
        let to_default = probes.iter().position(|p| p.exchange.is_empty() && queues.contains(&p.routing_key)).unwrap();
        assert_eq!(routes[to_default], [probes[to_default].routing_key.clone()], "the default exchange");
    }

    #[test]
    fn headers_exchanges_get_each_bindings_values() {
        let lesson = crate::lessons::by_slug("headers").unwrap().scenario;
        let defs: Definitions = serde_json::from_str(&crate::definitions::export(&lesson).json).unwrap();
        let probes = choose(&lesson, &defs);
        let headers_x = defs.exchanges.iter().find(|x| x.kind == "headers").unwrap();
        let with_headers = probes.iter().filter(|p| p.exchange == headers_x.name && !p.headers.is_empty()).count();
        assert!(with_headers >= defs.bindings.iter().filter(|b| b.source == headers_x.name).count());
    }
}
