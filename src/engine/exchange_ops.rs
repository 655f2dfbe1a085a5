//! The exchange class: exchange.declare, exchange.delete, exchange.bind and
//! exchange.unbind, plus the binding bookkeeping shared with queue.bind
//! (auto-delete of exchanges).

use std::rc::Rc;

use super::broker::Broker;
use super::channel::ChannelId;
use super::error::{check_short_str, inequivalent, not_found, resource, strip_cr_lf, AmqpError, ReplyCode};
use super::event::Event;
use super::exchange::{Binding, Destination, Exchange, ExchangeType};
use super::headers;
use super::value::{FieldTable, FieldValue};
use super::Name;

/// exchange.declare's fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExchangeDeclare {
    /// The exchange name.
    pub exchange: String,
    /// Its type name (`direct`, `fanout`, `topic`, `headers`).
    pub kind: String,
    /// Only check that it exists.
    pub passive: bool,
    /// Survives a restart.
    pub durable: bool,
    /// Deleted when its last binding goes.
    pub auto_delete: bool,
    /// Only reachable through exchange-to-exchange bindings.
    pub internal: bool,
    /// Arguments (`alternate-exchange`).
    pub arguments: FieldTable,
}

impl ExchangeDeclare {
    /// A declaration of a transient exchange of the given type.
    pub fn new(exchange: impl Into<String>, kind: ExchangeType) -> Self {
        ExchangeDeclare { exchange: exchange.into(), kind: kind.as_str().to_string(), ..Default::default() }
    }
}

pub(crate) fn default_exchange_refused() -> AmqpError {
    AmqpError::new(ReplyCode::AccessRefused, "operation not permitted on the default exchange")
}

impl Broker {
    /// exchange.declare.
    pub fn exchange_declare(&mut self, channel: ChannelId, d: ExchangeDeclare) -> Result<(), AmqpError> {
        self.on_channel(channel, |b| b.exchange_declare_inner(d))
    }

    fn exchange_declare_inner(&mut self, mut d: ExchangeDeclare) -> Result<(), AmqpError> {
        check_short_str("exchange name", &d.exchange)?;
        d.exchange = strip_cr_lf(&d.exchange).into_owned();
        if d.passive {
            if d.exchange.is_empty() {
                return Err(default_exchange_refused());
            }
            return if self.exchanges.contains_key(d.exchange.as_str()) {
                Ok(())
            } else {
                Err(not_found("exchange", &d.exchange))
            };
        }
        let kind = ExchangeType::parse(&d.kind)?;
        if d.exchange.is_empty() {
            return Err(default_exchange_refused());
        }
        if let Some(x) = self.exchanges.get(d.exchange.as_str()) {
            let name = &d.exchange;
            if x.kind != kind {
                return Err(inequivalent("exchange", name, "type", &format!("'{kind}'"), &format!("'{}'", x.kind)));
            }
            for (field, cur, req) in [
                ("durable", x.durable, d.durable),
                ("auto_delete", x.auto_delete, d.auto_delete),
                ("internal", x.internal, d.internal),
            ] {
                if cur != req {
                    return Err(inequivalent("exchange", name, field, &format!("'{req}'"), &format!("'{cur}'")));
                }
            }
            if !x.arguments.equivalent_at(&d.arguments, "alternate-exchange") {
                return Err(arg_inequivalent("exchange", name, "alternate-exchange", &d.arguments, &x.arguments));
            }
            return Ok(());
        }
        if d.exchange.starts_with("amq.") {
            return Err(AmqpError::new(
                ReplyCode::AccessRefused,
                format!("exchange name '{}' contains reserved prefix 'amq.*'", d.exchange),
            ));
        }
        if let Some(v) = d.arguments.get("alternate-exchange") {
            if !matches!(v, FieldValue::Str(_)) {
                return Err(AmqpError::new(
                    ReplyCode::PreconditionFailed,
                    format!(
                        "invalid type '{}' for arg 'alternate-exchange' in {}",
                        v.type_name(),
                        resource("exchange", &d.exchange)
                    ),
                ));
            }
        }
        let name: Name = Rc::from(d.exchange.as_str());
        self.exchanges.insert(Exchange::new(name.clone(), kind, d.durable, d.auto_delete, d.internal, d.arguments));
        self.emit(Event::ExchangeDeclared { exchange: name, kind });
        Ok(())
    }

    /// exchange.delete (deleting a missing exchange is fine).
    pub fn exchange_delete(&mut self, channel: ChannelId, exchange: &str, if_unused: bool) -> Result<(), AmqpError> {
        let exchange = &*strip_cr_lf(exchange);
        self.on_channel(channel, |b| {
            if exchange.is_empty() {
                return Err(default_exchange_refused());
            }
            if exchange.starts_with("amq.") {
                return Err(AmqpError::new(
                    ReplyCode::AccessRefused,
                    format!("deletion of system {} not allowed", resource("exchange", exchange)),
                ));
            }
            let Some(x) = b.exchanges.get(exchange) else { return Ok(()) };
            if if_unused && !x.bindings().is_empty() {
                return Err(AmqpError::new(
                    ReplyCode::PreconditionFailed,
                    format!("{} in use", resource("exchange", exchange)),
                ));
            }
            b.remove_exchange(exchange, false, true);
            Ok(())
        })
    }

    /// exchange.bind: `source` routes to `destination` for matching keys.
    pub fn exchange_bind(
        &mut self,
        channel: ChannelId,
        destination: &str,
        source: &str,
        routing_key: &str,
        arguments: FieldTable,
    ) -> Result<(), AmqpError> {
        let (destination, source) = (&*strip_cr_lf(destination), &*strip_cr_lf(source));
        self.on_channel(channel, |b| {
            check_short_str("routing key", routing_key)?;
            if source.is_empty() || destination.is_empty() {
                return Err(default_exchange_refused());
            }
            b.existing_exchange(source)?;
            let dest = b.existing_exchange(destination)?;
            let binding = b.checked_binding(source, Destination::Exchange(dest), routing_key, arguments)?;
            b.add_binding(binding);
            Ok(())
        })
    }

    /// exchange.unbind (a missing binding is fine).
    pub fn exchange_unbind(
        &mut self,
        channel: ChannelId,
        destination: &str,
        source: &str,
        routing_key: &str,
        arguments: FieldTable,
    ) -> Result<(), AmqpError> {
        let (destination, source) = (&*strip_cr_lf(destination), &*strip_cr_lf(source));
        self.on_channel(channel, |b| {
            if source.is_empty() || destination.is_empty() {
                return Err(default_exchange_refused());
            }
            let src = b.existing_exchange(source)?;
            let dest = b.existing_exchange(destination)?;
            b.remove_binding(&src, &Destination::Exchange(dest), routing_key, &arguments);
            Ok(())
        })
    }

    /// The shared name of an existing exchange, or 404.
    pub(crate) fn existing_exchange(&self, name: &str) -> Result<Name, AmqpError> {
        self.exchanges.get_key_value(name).map(|(k, _)| k.clone()).ok_or_else(|| not_found("exchange", name))
    }

    /// Checks a new binding from `source` (exists; headers arguments valid)
    /// and builds it.
    pub(crate) fn checked_binding(
        &self,
        source: &str,
        destination: Destination,
        routing_key: &str,
        arguments: FieldTable,
    ) -> Result<Binding, AmqpError> {
        let src = self.exchanges.get(source).ok_or_else(|| not_found("exchange", source))?;
        if src.kind == ExchangeType::Headers {
            headers::validate_binding(&arguments)?;
        }
        Ok(Binding { source: src.name.clone(), destination, routing_key: routing_key.to_string(), arguments })
    }

    pub(crate) fn add_binding(&mut self, binding: Binding) {
        let queue = match &binding.destination {
            Destination::Queue(q) => self.queues.ix(q),
            Destination::Exchange(_) => None,
        };
        let x = self.exchanges.get_mut(&binding.source).expect("source checked");
        if let Some(b) = x.add_binding(binding, queue) {
            self.emit(Event::BindingCreated { binding: b });
        }
    }

    pub(crate) fn remove_binding(&mut self, source: &str, dest: &Destination, key: &str, args: &FieldTable) {
        let Some(x) = self.exchanges.get_mut(source) else { return };
        let gone = x.remove_bindings(|b| &b.destination == dest && b.routing_key == key && &b.arguments == args);
        let any = !gone.is_empty();
        for binding in gone {
            self.emit(Event::BindingRemoved { binding });
        }
        if any {
            self.maybe_auto_delete_exchange(source);
        }
    }

    /// Removes every binding to `dest` (its queue or exchange is going),
    /// then auto-deletes sources left without bindings.
    pub(crate) fn remove_bindings_to(&mut self, dest: &Destination) {
        let mut sources = Vec::new();
        for x in self.exchanges.values_mut() {
            let gone = x.remove_bindings(|b| &b.destination == dest);
            if !gone.is_empty() {
                sources.push(x.name.clone());
            }
            for binding in gone {
                self.events.push(Event::BindingRemoved { binding });
            }
        }
        for s in sources {
            self.maybe_auto_delete_exchange(&s);
        }
    }

    pub(crate) fn maybe_auto_delete_exchange(&mut self, name: &str) {
        if self.exchanges.get(name).is_some_and(|x| x.auto_delete && x.bindings().is_empty()) {
            self.remove_exchange(name, true, true);
        }
    }

    /// Deletes an exchange and every binding on either side of it
    /// (`cascade`: auto-delete sources left without bindings).
    pub(crate) fn remove_exchange(&mut self, name: &str, auto: bool, cascade: bool) {
        let Some(mut x) = self.exchanges.remove(name) else { return };
        for binding in x.remove_bindings(|_| true) {
            self.emit(Event::BindingRemoved { binding });
        }
        let dest = Destination::Exchange(x.name.clone());
        if cascade {
            self.remove_bindings_to(&dest);
        } else {
            for other in self.exchanges.values_mut() {
                for binding in other.remove_bindings(|b| b.destination == dest) {
                    self.events.push(Event::BindingRemoved { binding });
                }
            }
        }
        self.emit(Event::ExchangeDeleted { exchange: x.name, auto });
    }
}

/// 406 for a compared argument that differs on redeclaration, in RabbitMQ's
/// words.
pub(crate) fn arg_inequivalent(
    kind: &str,
    name: &str,
    key: &str,
    requested: &FieldTable,
    current: &FieldTable,
) -> AmqpError {
    // rabbit_misc:val/1: binaries print bare (`~ts`), other terms with `~tp`;
    // with both sides present only the values are compared and printed
    // (assert_field_equivalence), with one missing the typed field is.
    let both = requested.get(key).is_some() && current.get(key).is_some();
    let show = |v: Option<&FieldValue>| match v {
        None => "none".to_string(),
        Some(FieldValue::Str(s)) if both => format!("'{s}'"),
        Some(v) if both => format!("'{}'", v.to_json()),
        Some(FieldValue::Str(s)) => format!("the value '{s}' of type 'longstr'"),
        Some(v) => format!("the value '{}' of type '{}'", v.to_json(), v.type_name()),
    };
    AmqpError::new(
        ReplyCode::PreconditionFailed,
        format!(
            "inequivalent arg '{key}' for {}: received {} but current is {}",
            resource(kind, name),
            show(requested.get(key)),
            show(current.get(key))
        ),
    )
}
