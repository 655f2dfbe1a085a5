//! Applying a scenario to the broker: the difference between the scenario
//! in play and a new one becomes AMQP commands (exchange.declare /
//! delete, queue.declare / delete, queue.bind / unbind, exchange.bind /
//! unbind, basic.consume / channel.close), the way a client application
//! would change a real broker. What the broker refuses is kept as a
//! [`NodeError`](super::NodeError) on the node or binding that caused it.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::clients::{Down, ProducerState};
use super::{ErrorKey, Simulation};
use crate::engine::{Binding, Destination, ExchangeDeclare, FieldTable, FieldValue, QueueDeclare};
use crate::scenario::{ConsumerNode, Scenario};

/// True when a declaration is gone, names another resource, or is
/// server-named (an `amq.gen-` name cannot be declared again): such a node is
/// deleted and declared anew rather than redeclared.
fn renamed_or_gone(before: Option<&str>, after: Option<&str>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => a != b || a.is_empty(),
        _ => true,
    }
}

fn table(map: &serde_json::Map<String, Value>) -> FieldTable {
    FieldTable::from_json(&Value::Object(map.clone())).unwrap_or_default()
}

/// Bindings as a set: keyed by source, destination and binding key, with
/// the argument tables found under each key (a field table may hold
/// floats, which have no `Eq` or `Hash`, so tables are compared by `==`
/// among the few that share a key).
#[derive(Default)]
struct BindingSet<'a>(HashMap<(&'a str, &'a Destination, &'a str), Vec<&'a FieldTable>>);

impl<'a> BindingSet<'a> {
    fn of(bindings: impl IntoIterator<Item = &'a Binding>) -> Self {
        let mut set = BindingSet::default();
        for b in bindings {
            set.0.entry((&b.source, &b.destination, &b.routing_key)).or_default().push(&b.arguments);
        }
        set
    }

    fn contains(&self, b: &Binding) -> bool {
        self.0.get(&(&*b.source, &b.destination, b.routing_key.as_str())).is_some_and(|a| a.contains(&&b.arguments))
    }
}

/// The exchange.declare a scenario makes for exchange node `id`.
pub fn exchange_declare(s: &Scenario, id: &str) -> Option<ExchangeDeclare> {
    let x = s.exchange(id)?;
    let mut arguments = table(&x.arguments);
    if let Some(ae) = x.alternate_exchange.as_deref().and_then(|ae| s.exchange_name(ae)) {
        arguments.insert("alternate-exchange", FieldValue::from(ae));
    }
    Some(ExchangeDeclare {
        exchange: x.name.clone(),
        kind: x.kind.as_str().to_string(),
        passive: false,
        durable: x.durable,
        auto_delete: x.auto_delete,
        internal: x.internal,
        arguments,
    })
}

/// The queue.declare a scenario makes for queue node `id`.
pub fn queue_declare(s: &Scenario, id: &str) -> Option<QueueDeclare> {
    let q = s.queue(id)?;
    let mut a = table(&q.arguments);
    // Every argument with a field of its own, from the engine's table.
    for arg in crate::engine::queue_args::table::fields() {
        if let Some(v) = crate::scenario::queue_fields::argument(s, q, arg.key) {
            a.insert(arg.key, v);
        }
    }
    Some(QueueDeclare {
        queue: q.name.clone(),
        passive: false,
        durable: q.durable,
        exclusive: q.exclusive,
        auto_delete: q.auto_delete,
        arguments: a,
    })
}

/// basic.consume's arguments for a consumer node: `x-priority`, and
/// `x-stream-offset` (an all-digit offset is sent as a number, anything
/// else as text: `first`, `last`, `next`, `1h`).
pub fn consume_arguments(c: &ConsumerNode) -> FieldTable {
    let mut arguments = FieldTable::new();
    if let Some(p) = c.priority {
        arguments.insert("x-priority", FieldValue::Int(p as i64));
    }
    if let Some(o) = c.stream_offset.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        let value = match o.parse::<i64>() {
            Ok(n) if o.bytes().all(|b| b.is_ascii_digit()) => FieldValue::Int(n),
            _ => FieldValue::from(o),
        };
        arguments.insert("x-stream-offset", value);
    }
    arguments
}

/// The parts of a consumer that need a new basic.consume when they change.
fn consume_identity(
    c: &ConsumerNode,
) -> (Option<&str>, &str, crate::scenario::AckMode, u16, bool, Option<i32>, Option<&str>) {
    (c.queue.as_deref(), c.name.as_str(), c.ack, c.prefetch, c.exclusive, c.priority, c.stream_offset.as_deref())
}

impl Simulation {
    /// Plays `new` from now on: applies its difference from the current
    /// scenario to the broker. Engine refusals are kept per node (see
    /// [`node_errors`](Simulation::node_errors)); the scenario is taken as
    /// it is either way (the canvas shows what the broker refused).
    pub fn set_scenario(&mut self, mut new: Scenario) {
        new.assign_binding_ids();
        // A scenario's own limits replace the ones in play when they change
        // (limits set by `set_limits` stay until then).
        if self.scenario.limits != new.limits {
            self.limits = crate::simulation::Limits::from(&new.limits);
        }
        let old = std::mem::replace(&mut self.scenario, new);
        self.stop_changed_consumers(&old);
        self.sync_exchanges(&old);
        self.sync_queues(&old);
        self.sync_bindings();
        self.sync_producers(&old);
        self.ensure_consumers();
        let s = &self.scenario;
        self.errors.retain(|k, _| match k {
            ErrorKey::Node(id) => s.kind_of(id).is_some(),
            ErrorKey::Binding(id) => s.binding(id).is_some(),
        });
        self.settle_programs();
    }

    /// Consumers that went away or whose basic.consume changed stop first.
    fn stop_changed_consumers(&mut self, old: &Scenario) {
        for c in &old.consumers {
            let changed = match self.scenario.consumer(&c.id) {
                None => true,
                Some(n) => consume_identity(n) != consume_identity(c),
            };
            if changed {
                if let Some(state) = self.consumers.get_mut(&c.id) {
                    if let Some(ch) = state.channel.take() {
                        self.broker.close_channel(ch);
                    }
                    state.jobs.clear();
                    state.down = None;
                }
                if self.scenario.consumer(&c.id).is_none() {
                    self.consumers.remove(&c.id);
                    self.forget_error(&c.id);
                }
            }
        }
    }

    /// Exchanges: deletes the removed and renamed ones, declares the new
    /// and changed ones.
    fn sync_exchanges(&mut self, old: &Scenario) {
        // Exchanges: delete the removed and renamed ones, declare the new and
        // changed ones. A changed exchange that is in use (bound) is declared
        // again as it is, as a client would: RabbitMQ refuses an
        // inequivalent redeclare (406) and the error stays on the node until
        // it is recreated (`recreate`) or the change is undone. An unused one
        // is simply deleted and declared anew (nothing is lost).
        for x in &old.exchanges {
            let before = exchange_declare(old, &x.id);
            let after = exchange_declare(&self.scenario, &x.id);
            let renamed = renamed_or_gone(
                before.as_ref().map(|d| d.exchange.as_str()),
                after.as_ref().map(|d| d.exchange.as_str()),
            );
            if before != after && (renamed || !self.exchange_in_use(&x.name)) {
                let ch = self.admin_channel();
                if self.broker.exchange(&x.name).is_some() {
                    let r = self.broker.exchange_delete(ch, &x.name, false);
                    self.record(ErrorKey::node(&x.id), "exchange.delete", r);
                }
                if after.is_none() {
                    self.forget_error(&x.id);
                }
            }
        }
        let ids: Vec<String> = self.scenario.exchanges.iter().map(|x| x.id.clone()).collect();
        for id in ids {
            let after = exchange_declare(&self.scenario, &id);
            if exchange_declare(old, &id) != after || old.exchange(&id).is_none() {
                let ch = self.admin_channel();
                let r = self.broker.exchange_declare(ch, after.expect("exists"));
                if r.is_ok() {
                    self.forget_error(&id);
                }
                self.record(ErrorKey::node(&id), "exchange.declare", r);
            }
        }
    }

    /// Queues: deletes the removed and renamed ones, declares the new and
    /// changed ones.
    fn sync_queues(&mut self, old: &Scenario) {
        // Queues likewise: a changed queue holding messages or consumed gets
        // the 406; an empty, unused one is declared anew (so is a
        // server-named queue: amq.* names cannot be declared by name).
        for q in &old.queues {
            let before = queue_declare(old, &q.id);
            let after = queue_declare(&self.scenario, &q.id);
            let renamed =
                renamed_or_gone(before.as_ref().map(|d| d.queue.as_str()), after.as_ref().map(|d| d.queue.as_str()));
            let in_use = self.queue_names.get(&q.id).is_some_and(|n| self.queue_in_use(n));
            if before != after && (renamed || !in_use) {
                if let Some(name) = self.forget_queue_name(&q.id) {
                    if self.broker.queue(&name).is_some() {
                        let ch = self.admin_channel();
                        let r = self.broker.queue_delete(ch, &name, false, false).map(|_| ());
                        self.record(ErrorKey::node(&q.id), "queue.delete", r);
                    }
                }
                if after.is_none() {
                    self.forget_error(&q.id);
                }
            }
        }
        let ids: Vec<String> = self.scenario.queues.iter().map(|q| q.id.clone()).collect();
        for id in ids {
            let after = queue_declare(&self.scenario, &id).expect("exists");
            if queue_declare(old, &id).as_ref() != Some(&after) || !self.queue_names.contains_key(&id) {
                let ch = self.admin_channel();
                match self.broker.queue_declare(ch, after) {
                    Ok(ok) => {
                        self.set_queue_name(&id, ok.queue);
                        self.forget_error(&id);
                        self.record(ErrorKey::node(&id), "queue.declare", Ok(()));
                    }
                    Err(e) => {
                        self.record(ErrorKey::node(&id), "queue.declare", Err(e));
                    }
                }
            }
        }
    }

    /// Producers: new schedules start from now; removed producers close
    /// their channels.
    fn sync_producers(&mut self, old: &Scenario) {
        let now = self.now();
        for p in &self.scenario.producers {
            let restart = old.producer(&p.id).is_none_or(|o| o.schedule != p.schedule);
            if restart {
                let channel = self.producers.get(&p.id).and_then(|s| s.channel);
                let sent = self.producers.get(&p.id).map(|s| s.sent).unwrap_or(0);
                let mut state = ProducerState::scheduled(&p.schedule, now);
                state.channel = channel;
                state.sent = sent;
                self.producers.insert(p.id.clone(), state);
            }
        }
        let gone: Vec<String> =
            self.producers.keys().filter(|id| self.scenario.producer(id).is_none()).cloned().collect();
        for id in gone {
            if let Some(ch) = self.producers.remove(&id).and_then(|p| p.channel) {
                self.broker.close_channel(ch);
            }
            self.forget_error(&id);
        }
    }

    /// Makes the broker's bindings between the scenario's nodes what the
    /// scenario says (bindings whose ends are missing in the broker wait):
    /// the broker's managed bindings and the wanted ones are two sets, and
    /// only their differences become queue.unbind / queue.bind (or the
    /// exchange.* methods).
    fn sync_bindings(&mut self) {
        let wanted = self.wanted_bindings();
        let managed = self.managed_bindings();
        let stale: Vec<Binding> = {
            let wanted_set = BindingSet::of(wanted.iter().map(|(_, b)| b));
            managed.iter().filter(|b| !wanted_set.contains(b)).cloned().collect()
        };
        let present = BindingSet::of(&managed);
        let missing: Vec<(String, Binding)> =
            wanted.into_iter().filter(|(_, b)| !present.contains(b) && self.ends_exist(b)).collect();
        for b in stale {
            let ch = self.admin_channel();
            let _ = match &b.destination {
                Destination::Queue(q) => self.broker.queue_unbind(ch, q, &b.source, &b.routing_key, b.arguments),
                Destination::Exchange(x) => self.broker.exchange_unbind(ch, x, &b.source, &b.routing_key, b.arguments),
            };
        }
        for (id, b) in missing {
            let ch = self.admin_channel();
            let (r, during) = match &b.destination {
                Destination::Queue(q) => {
                    (self.broker.queue_bind(ch, q, &b.source, &b.routing_key, b.arguments), "queue.bind")
                }
                Destination::Exchange(x) => {
                    (self.broker.exchange_bind(ch, x, &b.source, &b.routing_key, b.arguments), "exchange.bind")
                }
            };
            self.record(ErrorKey::Binding(id), during, r);
        }
    }

    /// The scenario's bindings as the broker would hold them, with their
    /// ids (those whose ends have no name yet are left out).
    fn wanted_bindings(&self) -> Vec<(String, Binding)> {
        let s = &self.scenario;
        let dest_of = |id: &str| -> Option<Destination> {
            if let Some(q) = self.queue_names.get(id) {
                return Some(Destination::Queue(q.clone()));
            }
            s.exchange_name(id).map(|n| Destination::Exchange(n.into()))
        };
        s.bindings
            .iter()
            .filter_map(|b| {
                let (src, destination) = (s.exchange_name(&b.from)?, dest_of(&b.to)?);
                let binding = Binding {
                    source: src.into(),
                    destination,
                    routing_key: b.routing_key.clone(),
                    arguments: table(&b.arguments),
                };
                Some((b.id.clone(), binding))
            })
            .collect()
    }

    /// The broker's bindings between the scenario's exchanges and queues
    /// (the only ones the scenario manages).
    fn managed_bindings(&self) -> Vec<Binding> {
        let exchanges: HashSet<&str> = self.scenario.exchanges.iter().map(|x| x.name.as_str()).collect();
        let queues: HashSet<&str> = self.queue_names.values().map(|q| &**q).collect();
        self.broker
            .bindings()
            .filter(|b| exchanges.contains(&*b.source))
            .filter(|b| match &b.destination {
                Destination::Queue(q) => queues.contains(&**q),
                Destination::Exchange(x) => exchanges.contains(&**x),
            })
            .map(|b| (**b).clone())
            .collect()
    }

    /// Both ends of `b` are in the broker.
    fn ends_exist(&self, b: &Binding) -> bool {
        self.broker.exchange(&b.source).is_some()
            && match &b.destination {
                Destination::Queue(q) => self.broker.queue(q).is_some(),
                Destination::Exchange(x) => self.broker.exchange(x).is_some(),
            }
    }

    /// A queue holding messages or consumed: changing it is a redeclaration
    /// RabbitMQ refuses (406) rather than a silent delete that would lose
    /// them.
    fn queue_in_use(&self, name: &str) -> bool {
        self.broker.queue(name).is_some_and(|q| !q.ready.is_empty() || q.unacked > 0 || !q.consumers.is_empty())
    }

    /// An exchange with bindings (either side): changing it is a
    /// redeclaration RabbitMQ refuses (406); an unbound one is simply
    /// declared anew.
    fn exchange_in_use(&self, name: &str) -> bool {
        self.broker.exchange(name).is_some()
            && self
                .broker
                .bindings()
                .any(|b| &*b.source == name || matches!(&b.destination, Destination::Exchange(x) if &**x == name))
    }

    /// Deletes exchange or queue node `id` in the broker and declares it
    /// again with the scenario's settings (what a user does after RabbitMQ
    /// refused a redeclaration with other arguments: a queue loses its
    /// messages). Its bindings and consumers come back.
    pub fn recreate(&mut self, id: &str) {
        if let Some(d) = exchange_declare(&self.scenario, id) {
            let ch = self.admin_channel();
            if self.broker.exchange(&d.exchange).is_some() {
                let r = self.broker.exchange_delete(ch, &d.exchange, false);
                self.record(ErrorKey::node(id), "exchange.delete", r);
            }
            let ch = self.admin_channel();
            let r = self.broker.exchange_declare(ch, d);
            if r.is_ok() {
                self.forget_error(id);
            }
            self.record(ErrorKey::node(id), "exchange.declare", r);
        } else if let Some(d) = queue_declare(&self.scenario, id) {
            let name = self.forget_queue_name(id).map(|n| n.to_string()).unwrap_or_else(|| d.queue.clone());
            if self.broker.queue(&name).is_some() {
                let ch = self.admin_channel();
                let r = self.broker.queue_delete(ch, &name, false, false).map(|_| ());
                self.record(ErrorKey::node(id), "queue.delete", r);
            }
            let ch = self.admin_channel();
            match self.broker.queue_declare(ch, d) {
                Ok(ok) => {
                    self.set_queue_name(id, ok.queue);
                    self.forget_error(id);
                }
                Err(e) => {
                    self.record(ErrorKey::node(id), "queue.declare", Err(e));
                }
            }
        } else {
            return;
        }
        self.sync_bindings();
        self.ensure_consumers();
        self.pump();
    }

    /// Every consumer that should be consuming and is not (new, changed, or
    /// its queue was recreated) starts; the others say why they are down.
    pub(crate) fn ensure_consumers(&mut self) {
        let ids: Vec<String> = self.scenario.consumers.iter().map(|c| c.id.clone()).collect();
        for id in ids {
            let state = self.consumers.entry(id.clone()).or_default();
            if matches!(state.down, Some(Down::Killed) | Some(Down::Crashed)) {
                continue;
            }
            if let Some(ch) = state.channel {
                let registered = state
                    .queue
                    .as_ref()
                    .and_then(|q| self.broker.queue(q))
                    .is_some_and(|q| q.consumers.iter().any(|c| c.channel == ch));
                if registered {
                    continue;
                }
                state.channel = None;
                state.jobs.clear();
                self.broker.close_channel(ch);
            }
            let state = self.consumers.get_mut(&id).expect("exists");
            state.down = None;
            self.start_consumer(&id);
        }
    }
}
