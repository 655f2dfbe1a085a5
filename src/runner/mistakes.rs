//! Mistakes, explained: from what happened in a run (each process's pika
//! calls with their lines and outcomes, and what the broker did), notes in
//! plain words, each beside the program line it is about, saying what to
//! change; for pika 0.x forms also the pika 1.x line, as a fix.

use std::collections::BTreeMap;

use super::pika::{Call, CallKind, PublishRecord};
use crate::engine::{Event, RemovalReason};

/// One note for the learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The program file.
    pub program: String,
    /// The line it is about (1-based).
    pub line: u32,
    /// What happened and what to change.
    pub message: String,
    /// The line rewritten (pika 0.x forms), for a one-click fix.
    pub fix: Option<String>,
}

/// What one process did, for [`explain`].
pub struct ProcessRun<'a> {
    /// The program file.
    pub program: &'a str,
    /// Its source lines.
    pub lines: &'a [String],
    /// Its pika calls in order.
    pub calls: &'a [Call],
    /// Deliveries its consumers received.
    pub dispatched: u64,
}

/// What the broker did that the notes need: messages a restart lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Witness {
    /// Messages lost by a broker restart, per queue.
    pub lost_on_restart: BTreeMap<String, u64>,
    /// Queues a restart deleted (transient ones).
    pub deleted_on_restart: Vec<String>,
}

impl Witness {
    /// Takes in one broker event.
    pub fn observe(&mut self, e: &Event) {
        match e {
            Event::Removed { queue, reason: RemovalReason::LostOnRestart, .. } => {
                *self.lost_on_restart.entry(queue.to_string()).or_default() += 1;
            }
            Event::QueueDeleted { queue, reason } if reason.contains("restart") => {
                self.deleted_on_restart.push(queue.to_string());
            }
            _ => {}
        }
    }
}

/// Every note for a run, in program and line order, each once.
pub fn explain(runs: &[ProcessRun], witness: &Witness) -> Vec<Note> {
    let mut notes = Vec::new();
    for run in runs {
        for (i, call) in run.calls.iter().enumerate() {
            let mut add = |message: String, fix: Option<String>| {
                notes.push(Note { program: run.program.to_string(), line: call.line, message, fix })
            };
            match &call.kind {
                CallKind::Connect { user, password, new_user: true } => add(new_user(user, password), None),
                CallKind::Publish(p) => publish_notes(p, runs, witness).into_iter().for_each(|m| add(m, None)),
                CallKind::QueueBind { exchange, routing_key, key_given: true, exchange_kind: Some(k), .. }
                    if k == "fanout" && !routing_key.is_empty() =>
                {
                    add(fanout_key(exchange, routing_key), None)
                }
                CallKind::Raised { method, error } => {
                    if let Some((m, fix)) = raised(run, call.line, method, error, runs) {
                        add(m, fix)
                    }
                }
                CallKind::StartConsuming { consumers: 0 } => add(no_consumer(&run.calls[..i]), None),
                CallKind::Consume { auto_ack: false, .. } if run.dispatched > 0 && !settles(run.calls) => {
                    add(no_ack(), None)
                }
                _ => {}
            }
        }
    }
    notes.sort_by(|a, b| (&a.program, a.line).cmp(&(&b.program, b.line)));
    notes.dedup();
    notes
}

fn settles(calls: &[Call]) -> bool {
    calls.iter().any(|c| c.kind == CallKind::Settle)
}

fn new_user(user: &str, password: &str) -> String {
    format!(
        "Warren added the user '{user}' with full permissions on '/' so that this login works. A fresh RabbitMQ \
         has only guest/guest; on a real broker, create the user first:\n  rabbitmqctl add_user {user} {password}\n  \
         rabbitmqctl set_permissions -p / {user} \".*\" \".*\" \".*\""
    )
}

fn fanout_key(exchange: &str, key: &str) -> String {
    format!(
        "'{exchange}' is a fanout exchange: it ignores routing keys, so routing_key='{key}' has no effect and this \
         queue gets every message published to '{exchange}'. To receive only some keys, declare a direct (or \
         topic) exchange in both programs: exchange_type='direct'."
    )
}

fn no_ack() -> String {
    "This consumer acknowledges by hand (auto_ack is False) but the program never calls basic_ack: every message \
     it receives stays unacknowledged, the queue's unacked count only grows, and when the program ends they all \
     go back to the queue, marked redelivered. Call ch.basic_ack(delivery_tag=method.delivery_tag) at the end \
     of the callback, or consume with auto_ack=True."
        .to_string()
}

fn no_consumer(before: &[Call]) -> String {
    let queue = before.iter().rev().find_map(|c| match &c.kind {
        CallKind::QueueDeclare { requested, .. } if requested.is_empty() => Some("result.method.queue".to_string()),
        CallKind::QueueDeclare { requested, .. } => Some(format!("'{requested}'")),
        _ => None,
    });
    let queue = queue.unwrap_or_else(|| "'your_queue'".into());
    format!(
        "start_consuming() returned at once: this channel has no consumer, because the program never calls \
         basic_consume. The program then ended, its connection closed and its exclusive queues were deleted. \
         Before start_consuming(), add: channel.basic_consume(queue={queue}, on_message_callback=callback, \
         auto_ack=True)"
    )
}

/// Other programs' calls of one kind, as (program, line, call).
fn others<'a>(runs: &'a [ProcessRun<'a>]) -> impl Iterator<Item = (&'a str, u32, &'a CallKind)> + 'a {
    runs.iter().flat_map(|r| r.calls.iter().map(move |c| (r.program, c.line, &c.kind)))
}

fn publish_notes(p: &PublishRecord, runs: &[ProcessRun], witness: &Witness) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(err) = &p.refused {
        if err.starts_with("NOT_FOUND - no exchange") {
            out.push(format!(
                "This message was lost: no exchange '{x}' exists, so the broker refused it and closed the channel \
                 (404 NOT_FOUND). basic_publish does not wait for the broker, so it returned normally and the \
                 program went on (and printed what follows) as if it had been sent; the next call on this channel \
                 raises the error. Declare the exchange before publishing, in this program too: \
                 channel.exchange_declare(exchange='{x}', exchange_type='{kind}').",
                x = p.exchange,
                kind = declared_kind(runs, &p.exchange).unwrap_or("fanout")
            ));
        }
        return out;
    }
    if p.routed.is_empty() && p.exchange_kind.is_some() {
        out.push(unrouted(p, runs));
    }
    for (queue, durable) in &p.routed {
        out.extend(durability(p.persistent, queue, *durable, witness));
    }
    out
}

fn declared_kind<'a>(runs: &'a [ProcessRun<'a>], exchange: &str) -> Option<&'a str> {
    others(runs).find_map(|(_, _, k)| match k {
        CallKind::ExchangeDeclare { exchange: x, kind } if x == exchange => Some(kind.as_str()),
        _ => None,
    })
}

/// A message that reached no queue: why, and which binding it missed.
fn unrouted(p: &PublishRecord, runs: &[ProcessRun]) -> String {
    let x = &p.exchange;
    if x.is_empty() {
        return format!(
            "This message was dropped: it went to the default exchange with routing key '{}', and no queue of \
             that name existed. Declare the queue (channel.queue_declare(queue='{}')) before publishing, in \
             this program too, or start the consumer first.",
            p.routing_key, p.routing_key
        );
    }
    let similar = others(runs).find_map(|(prog, line, k)| match k {
        CallKind::QueueBind { exchange, .. } if exchange != x && similar_names(exchange, x) => Some(format!(
            " Another program binds to '{exchange}' ({prog} line {line}): the exchange names must match exactly."
        )),
        _ => None,
    });
    let binder = others(runs).find_map(|(prog, line, k)| match k {
        CallKind::QueueBind { exchange, .. } if exchange == x => Some((prog, line)),
        _ => None,
    });
    let why = match (binder, p.exchange_kind.as_deref()) {
        (Some((prog, line)), Some("fanout")) => format!(
            "no queue was bound to '{x}' yet when it was published ({prog} binds one at line {line}, but it had \
             not got that far)"
        ),
        (Some(_), _) => {
            format!("no queue bound to '{x}' matched routing key '{}' when it was published", p.routing_key)
        }
        (None, _) => format!("no queue was bound to '{x}' when it was published"),
    };
    format!(
        "This message was dropped at exchange '{x}': {why}. An exchange keeps nothing; start the consumer \
         (which declares and binds its queue) before the producer, or declare and bind a durable queue in the \
         producer too.{}",
        similar.unwrap_or_default()
    )
}

/// Close names: the same ignoring case, `-`/`_`/`.`, or a trailing `s`.
fn similar_names(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.to_lowercase().replace(['-', '_', '.'], "").trim_end_matches('s').to_string();
    norm(a) == norm(b)
}

fn durability(persistent: bool, queue: &str, durable: bool, witness: &Witness) -> Option<String> {
    let lost = witness.lost_on_restart.get(queue).copied().unwrap_or(0);
    let restart = if lost > 0 || witness.deleted_on_restart.iter().any(|q| q == queue) {
        " (and the broker restart in this run did just that)"
    } else {
        ""
    };
    if durable && !persistent && !queue.starts_with("amq.gen-") {
        return Some(format!(
            "Queue '{queue}' is durable but this message is not persistent: a broker restart keeps the queue and \
             loses the message{restart}. To keep it, publish with \
             properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent)."
        ));
    }
    if !durable && persistent {
        return Some(format!(
            "This message is persistent but queue '{queue}' is not durable: a broker restart deletes the queue, and \
             the message with it{restart}. Declare the queue with durable=True in every program that declares it."
        ));
    }
    None
}

/// A pika call that raised: the 404 of a binding, a 406 of exchange types,
/// the TypeErrors of pika 0.x forms.
fn raised(
    run: &ProcessRun,
    line: u32,
    method: &str,
    error: &str,
    runs: &[ProcessRun],
) -> Option<(String, Option<String>)> {
    let source = run.lines.get(line.checked_sub(1)? as usize).map(String::as_str).unwrap_or("");
    if error.starts_with("TypeError") {
        return super::legacy::explain(method, error, source);
    }
    if method == "queue_bind" && error.contains("NOT_FOUND - no exchange") {
        let x = quoted_after(error, "no exchange ")?;
        let advice = others(runs)
            .find_map(|(prog, l, k)| match k {
                CallKind::ExchangeDeclare { exchange, .. } if *exchange == x => {
                    Some(format!("{prog} declares it at line {l}: start that program first, or declare it here too"))
                }
                _ => None,
            })
            .unwrap_or_else(|| "Declare it here too".into());
        let kind = declared_kind(runs, &x).unwrap_or("fanout");
        let message = format!(
            "Binding to exchange '{x}' failed: nobody had declared it yet, so the broker answered 404 NOT_FOUND \
             and closed the channel. {advice}, before queue_bind: \
             channel.exchange_declare(exchange='{x}', exchange_type='{kind}'). Declaring is idempotent: every \
             program that uses an exchange can declare it."
        );
        return Some((message, None));
    }
    if method == "exchange_declare" && error.contains("inequivalent arg 'type'") {
        let x = quoted_after(error, "for exchange ")?;
        let mine = run.calls.iter().find_map(|c| match &c.kind {
            CallKind::ExchangeDeclare { exchange, kind } if c.line == line && *exchange == x => Some(kind.clone()),
            _ => None,
        })?;
        let first = others(runs).find_map(|(prog, l, k)| match k {
            CallKind::ExchangeDeclare { exchange, kind } if *exchange == x && *kind != mine => Some((prog, l, kind)),
            _ => None,
        });
        let (by, current) = match first {
            Some((prog, l, kind)) => (format!(" by {prog} at line {l}"), kind.clone()),
            None => (String::new(), "another type".into()),
        };
        let message = format!(
            "Exchange '{x}' already exists as a {current} exchange (declared{by}); declaring it as '{mine}' here \
             fails with 406 PRECONDITION_FAILED and closes the channel. A producer and its consumer must declare \
             the exchange with the same type."
        );
        return Some((message, None));
    }
    None
}

/// The text between the quotes after `prefix` (`no exchange 'logs'`).
fn quoted_after(text: &str, prefix: &str) -> Option<String> {
    let rest = &text[text.find(prefix)? + prefix.len()..];
    let rest = rest.strip_prefix('\'')?;
    Some(rest[..rest.find('\'')?].to_string())
}
