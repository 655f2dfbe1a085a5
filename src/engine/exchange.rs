//! Exchanges, their bindings, and how one exchange picks destinations for a
//! message (the per-type `route` of RabbitMQ's exchange type modules).

use std::fmt;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::binding_index::{Bound, MatchedBindings, QueueOrder, SlotList, Slots, NO_QUEUE, SLOTS_INLINE};
use super::error::{AmqpError, ReplyCode};
use super::headers::{self, HeaderWords};
use super::name_table::QueueIx;
use super::queue_names::QueueNames;
use super::topic::{self, TopicTrie};
use super::value::FieldTable;
use super::Name;

/// The four exchange types of AMQP 0-9-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExchangeType {
    /// Binding key equals routing key.
    Direct,
    /// Every binding, routing key ignored.
    Fanout,
    /// Binding key pattern with `*` and `#` over dot-separated words.
    Topic,
    /// Message headers against binding arguments (`x-match`).
    Headers,
}

impl ExchangeType {
    /// Parses an AMQP exchange type name; anything else is RabbitMQ's 503
    /// COMMAND_INVALID (which closes the connection).
    pub fn parse(name: &str) -> Result<Self, AmqpError> {
        match name {
            "direct" => Ok(ExchangeType::Direct),
            "fanout" => Ok(ExchangeType::Fanout),
            "topic" => Ok(ExchangeType::Topic),
            "headers" => Ok(ExchangeType::Headers),
            other => Err(AmqpError::new(ReplyCode::CommandInvalid, format!("unknown exchange type '{other}'"))),
        }
    }

    /// The AMQP name (`direct`, `fanout`, `topic`, `headers`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExchangeType::Direct => "direct",
            ExchangeType::Fanout => "fanout",
            ExchangeType::Topic => "topic",
            ExchangeType::Headers => "headers",
        }
    }

    /// All four, in palette order.
    pub const ALL: [ExchangeType; 4] =
        [ExchangeType::Direct, ExchangeType::Fanout, ExchangeType::Topic, ExchangeType::Headers];
}

impl fmt::Display for ExchangeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a binding leads: a queue, or another exchange.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Destination {
    /// A queue.
    Queue(Name),
    /// An exchange (exchange-to-exchange binding).
    Exchange(Name),
}

impl Destination {
    /// The destination's name.
    pub fn name(&self) -> &Name {
        match self {
            Destination::Queue(n) | Destination::Exchange(n) => n,
        }
    }

    /// `queue` or `exchange`, as in definitions.json's `destination_type`.
    pub fn kind(&self) -> &'static str {
        match self {
            Destination::Queue(_) => "queue",
            Destination::Exchange(_) => "exchange",
        }
    }
}

/// A binding from an exchange to a queue or exchange. The same key with
/// different arguments is a different binding.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    /// The source exchange.
    pub source: Name,
    /// The destination.
    pub destination: Destination,
    /// The binding key (`routing_key` in AMQP methods).
    pub routing_key: String,
    /// Binding arguments (headers exchanges: `x-match` and values).
    pub arguments: FieldTable,
}

impl Binding {
    /// Explains whether a message with this routing key and headers matches
    /// this binding on an exchange of type `kind`.
    pub fn explain(&self, kind: ExchangeType, routing_key: &str, headers: &FieldTable) -> (bool, crate::i18n::Msg) {
        match kind {
            ExchangeType::Fanout => (true, msg!("engine-fanout")),
            ExchangeType::Direct => {
                if self.routing_key == routing_key {
                    (true, msg!("engine-direct-equal", binding_key = &self.routing_key))
                } else {
                    (false, msg!("engine-direct-differs", binding_key = &self.routing_key, routing_key = routing_key))
                }
            }
            ExchangeType::Topic => {
                (topic::matches(&self.routing_key, routing_key), topic::explain(&self.routing_key, routing_key))
            }
            ExchangeType::Headers => {
                (headers::matches(&self.arguments, headers), headers::explain(&self.arguments, headers))
            }
        }
    }
}

/// An exchange and its outgoing bindings, indexed for its type.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// Its name (`""` is the default exchange).
    pub name: Name,
    /// Its type.
    pub kind: ExchangeType,
    /// Survives a broker restart.
    pub durable: bool,
    /// Deleted when its last binding as a source goes.
    pub auto_delete: bool,
    /// Cannot be published to directly, only through exchange bindings.
    pub internal: bool,
    /// Declared arguments (e.g. `alternate-exchange`).
    pub arguments: FieldTable,
    /// Shared with route snapshots (copied on write).
    bindings: Rc<Vec<Rc<Binding>>>,
    /// The slot of each of `bindings` (parallel to it).
    order: Vec<u32>,
    slots: Slots,
    queues: QueueOrder,
    /// Bindings by (destination, key), so an identical bind is found
    /// without scanning every binding.
    by_target: FxHashMap<(Destination, String), Vec<Rc<Binding>>>,
    direct: FxHashMap<String, Vec<Bound>>,
    trie: TopicTrie<Bound>,
    header_words: HeaderWords,
}

impl Exchange {
    /// A new exchange with no bindings.
    pub fn new(
        name: Name,
        kind: ExchangeType,
        durable: bool,
        auto_delete: bool,
        internal: bool,
        arguments: FieldTable,
    ) -> Self {
        Exchange {
            name,
            kind,
            durable,
            auto_delete,
            internal,
            arguments,
            bindings: Rc::default(),
            order: Vec::new(),
            slots: Slots::default(),
            queues: QueueOrder::default(),
            by_target: FxHashMap::default(),
            direct: FxHashMap::default(),
            trie: TopicTrie::new(),
            header_words: HeaderWords::default(),
        }
    }

    /// The alternate exchange's name, if the `alternate-exchange` argument
    /// is a string.
    pub fn alternate_exchange(&self) -> Option<&str> {
        self.arguments.get("alternate-exchange").and_then(|v| v.as_str())
    }

    /// Its bindings as a source, in the order they were made.
    pub fn bindings(&self) -> &[Rc<Binding>] {
        &self.bindings
    }

    /// The same, shared (a snapshot: later changes copy the list).
    pub(crate) fn shared_bindings(&self) -> Rc<Vec<Rc<Binding>>> {
        self.bindings.clone()
    }

    /// True when the default exchange (`""`).
    pub fn is_default(&self) -> bool {
        self.name.is_empty()
    }

    /// Adds a binding (`queue`: the index of its queue in the broker's
    /// queue table, for a binding to a queue); `None` when an identical one
    /// exists (idempotent bind).
    pub(crate) fn add_binding(&mut self, binding: Binding, queue: Option<QueueIx>) -> Option<Rc<Binding>> {
        let target = (binding.destination.clone(), binding.routing_key.clone());
        if self.by_target.get(&target).is_some_and(|same| same.iter().any(|b| **b == binding)) {
            return None;
        }
        let b = Rc::new(binding);
        let rule = (self.kind == ExchangeType::Headers).then(|| self.header_words.compile(&b.arguments));
        let queue = match (&b.destination, queue) {
            (Destination::Queue(name), Some(ix)) => {
                self.queues.add(name, ix);
                ix
            }
            _ => NO_QUEUE,
        };
        let slot = self.slots.insert(b.clone(), queue, rule);
        match self.kind {
            ExchangeType::Direct => self.direct.entry(b.routing_key.clone()).or_default().push((slot, queue)),
            ExchangeType::Topic => self.trie.insert(&b.routing_key, (slot, queue)),
            ExchangeType::Fanout | ExchangeType::Headers => {}
        }
        self.by_target.entry(target).or_default().push(b.clone());
        Rc::make_mut(&mut self.bindings).push(b.clone());
        self.order.push(slot);
        Some(b)
    }

    /// Removes bindings for which `pred` holds, returning them.
    pub fn remove_bindings(&mut self, mut pred: impl FnMut(&Binding) -> bool) -> Vec<Rc<Binding>> {
        // The shared list is only copied when something goes.
        let Some(first) = self.bindings.iter().position(|b| pred(b)) else { return Vec::new() };
        let bindings = Rc::make_mut(&mut self.bindings);
        let mut gone = vec![(bindings[first].clone(), self.order[first])];
        let mut kept = first;
        for i in first + 1..bindings.len() {
            if pred(&bindings[i]) {
                gone.push((bindings[i].clone(), self.order[i]));
            } else {
                bindings.swap(kept, i);
                self.order.swap(kept, i);
                kept += 1;
            }
        }
        bindings.truncate(kept);
        self.order.truncate(kept);
        gone.into_iter().map(|(b, slot)| self.unindex(b, slot)).collect()
    }

    /// Takes binding `b` (in `slot`) out of the indexes.
    fn unindex(&mut self, b: Rc<Binding>, slot: u32) -> Rc<Binding> {
        let target = (b.destination.clone(), b.routing_key.clone());
        if let Some(same) = self.by_target.get_mut(&target) {
            same.retain(|x| !Rc::ptr_eq(x, &b));
            if same.is_empty() {
                self.by_target.remove(&target);
            }
        }
        match self.kind {
            ExchangeType::Direct => {
                if let Some(v) = self.direct.get_mut(&b.routing_key) {
                    v.retain(|x| x.0 != slot);
                    if v.is_empty() {
                        self.direct.remove(&b.routing_key);
                    }
                }
            }
            ExchangeType::Topic => self.trie.remove(&b.routing_key, &(slot, self.slots.queue(slot))),
            ExchangeType::Fanout | ExchangeType::Headers => {}
        }
        let queue = self.slots.remove(slot);
        self.queues.release(queue);
        b
    }

    /// Calls `found` for every binding of this exchange that matches a
    /// message with `routing_keys` and `headers`: once per routing key it
    /// matches (callers de-duplicate destinations).
    pub fn for_each_match<K: AsRef<str>>(
        &self,
        routing_keys: &[K],
        headers: Option<&FieldTable>,
        mut found: impl FnMut(&Rc<Binding>),
    ) {
        let mut reported = Vec::new();
        self.report_slots(routing_keys, headers, &mut reported);
        reported.iter().for_each(|&(s, _)| found(self.slots.binding(s)));
    }

    /// [`Exchange::for_each_match`] by slot number (with the queue each
    /// binding leads to): appended to `out`.
    fn report_slots<K: AsRef<str>>(&self, routing_keys: &[K], headers: Option<&FieldTable>, out: &mut Vec<Bound>) {
        let slots = &self.slots;
        match self.kind {
            ExchangeType::Fanout => out.extend(self.order.iter().map(|&s| (s, slots.queue(s)))),
            ExchangeType::Direct => {
                for rk in routing_keys {
                    if let Some(v) = self.direct.get(rk.as_ref()) {
                        out.extend_from_slice(v);
                    }
                }
            }
            ExchangeType::Topic => {
                for rk in routing_keys {
                    self.trie.matches_into(rk.as_ref(), out);
                }
            }
            ExchangeType::Headers => {
                let empty = FieldTable::new();
                self.header_words.with_message(headers.unwrap_or(&empty), |m| {
                    let matching = self.order.iter().filter(|&&s| slots.rule(s).is_some_and(|r| r.matches(m)));
                    out.extend(matching.map(|&s| (s, slots.queue(s))));
                });
            }
        }
    }

    /// Routes a message through this exchange alone: returns the bindings
    /// that match (each once, in first-match order) and the queues they
    /// lead to (in name order, once each), and appends the exchanges they
    /// lead to (in binding order) to `exchanges`.
    pub(crate) fn route<'x, K: AsRef<str>>(
        &'x self,
        routing_keys: &[K],
        headers: Option<&FieldTable>,
        exchanges: &mut Vec<&'x Name>,
    ) -> (MatchedBindings, QueueNames) {
        if self.kind == ExchangeType::Fanout {
            exchanges.extend(self.bindings.iter().filter_map(|b| match &b.destination {
                Destination::Exchange(e) => Some(e),
                Destination::Queue(_) => None,
            }));
            return (self.slots.matched(SlotList::from_slice(&self.order)), self.queues.all());
        }
        // Each binding is reported once for one routing key (a topic
        // binding lives at one trie node, which the walk reports at most
        // once); with several keys (CC, BCC) a binding may match more than
        // once, and only its first report counts.
        let repeats = routing_keys.len() > 1 && matches!(self.kind, ExchangeType::Topic | ExchangeType::Direct);
        let mut reported = self.slots.take_reports();
        self.report_slots(routing_keys, headers, &mut reported);
        if repeats {
            let marks = self.slots.marks();
            reported = marks.firsts(reported);
        }
        let routed = self.gather(&reported, exchanges);
        self.slots.give_back_reports(reported);
        routed
    }

    /// The bindings of the slots `reported` (each once) and the queues
    /// they lead to (in name order, once each); the exchanges they lead to
    /// are appended to `exchanges`, in report order.
    fn gather<'x>(&'x self, reported: &[Bound], exchanges: &mut Vec<&'x Name>) -> (MatchedBindings, QueueNames) {
        let slots = &self.slots;
        let (queues, to_exchanges) = self.queues.collect(reported);
        if to_exchanges {
            for &(n, _) in reported {
                if let Destination::Exchange(e) = &slots.binding(n).destination {
                    exchanges.push(e);
                }
            }
        }
        // Many slots are gathered into a vector (one tight copy) and kept
        // as it is; a few go inline.
        let matched: SlotList = if reported.len() <= SLOTS_INLINE {
            reported.iter().map(|&(n, _)| n).collect()
        } else {
            SlotList::from_vec(reported.iter().map(|&(n, _)| n).collect())
        };
        (slots.matched(matched), queues)
    }
}
