//! Mistakes, explained: from what happened in a run (each process's pika
//! calls with their lines and outcomes, and what the broker did), notes in
//! plain words, each beside the program line it is about, saying what to
//! change; for pika 0.x forms also the pika 1.x line, as a fix.

use crate::engine::QueueDeletion;
use std::collections::BTreeMap;

use super::pika::{Call, CallKind, PublishRecord};
use crate::engine::{Event, RemovalReason};
use crate::i18n::{Arg, Msg};

/// One note for the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// The program file.
    pub program: String,
    /// The line it is about (1-based).
    pub line: u32,
    /// What happened and what to change (pika's and RabbitMQ's own texts
    /// and the code to write stay verbatim in every language).
    pub message: Msg,
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
            Event::QueueDeleted { queue, reason: QueueDeletion::Restart } => {
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
            let mut add = |message: Msg, fix: Option<String>| {
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

fn new_user(user: &str, password: &str) -> Msg {
    let commands = format!(
        "\n  rabbitmqctl add_user {user} {password}\n  rabbitmqctl set_permissions -p / {user} \".*\" \".*\" \".*\""
    );
    msg!("programs-note-new-user", user = user, commands = commands)
}

fn fanout_key(exchange: &str, key: &str) -> Msg {
    msg!("programs-note-fanout-key", exchange = exchange, key = key)
}

fn no_ack() -> Msg {
    msg!("programs-note-no-ack")
}

fn no_consumer(before: &[Call]) -> Msg {
    let queue = before.iter().rev().find_map(|c| match &c.kind {
        CallKind::QueueDeclare { requested, .. } if requested.is_empty() => Some("result.method.queue".to_string()),
        CallKind::QueueDeclare { requested, .. } => Some(format!("'{requested}'")),
        _ => None,
    });
    let queue = queue.unwrap_or_else(|| "'your_queue'".into());
    msg!("programs-note-no-consumer", queue = queue)
}

/// Other programs' calls of one kind, as (program, line, call).
fn others<'a>(runs: &'a [ProcessRun<'a>]) -> impl Iterator<Item = (&'a str, u32, &'a CallKind)> + 'a {
    runs.iter().flat_map(|r| r.calls.iter().map(move |c| (r.program, c.line, &c.kind)))
}

fn publish_notes(p: &PublishRecord, runs: &[ProcessRun], witness: &Witness) -> Vec<Msg> {
    let mut out = Vec::new();
    if let Some(err) = &p.refused {
        if err.starts_with("NOT_FOUND - no exchange") {
            let kind = declared_kind(runs, &p.exchange).unwrap_or("fanout");
            out.push(msg!("programs-note-publish-no-exchange", exchange = &p.exchange, kind = kind));
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
fn unrouted(p: &PublishRecord, runs: &[ProcessRun]) -> Msg {
    let x = &p.exchange;
    if x.is_empty() {
        return msg!("programs-note-unrouted-default", key = &p.routing_key);
    }
    let similar = others(runs).find_map(|(prog, line, k)| match k {
        CallKind::QueueBind { exchange, .. } if exchange != x && similar_names(exchange, x) => {
            Some(msg!("programs-note-similar-exchange", exchange = exchange, program = prog, line = line))
        }
        _ => None,
    });
    let binder = others(runs).find_map(|(prog, line, k)| match k {
        CallKind::QueueBind { exchange, .. } if exchange == x => Some((prog, line)),
        _ => None,
    });
    let why = match (binder, p.exchange_kind.as_deref()) {
        (Some((prog, line)), Some("fanout")) => {
            msg!("programs-note-unrouted-not-yet", exchange = x, program = prog, line = line)
        }
        (Some(_), _) => msg!("programs-note-unrouted-no-match", exchange = x, key = &p.routing_key),
        (None, _) => msg!("programs-note-unrouted-unbound", exchange = x),
    };
    msg!("programs-note-unrouted", exchange = x, why = why, similar = optional(similar))
}

/// An optional phrase as an argument: the phrase, or nothing.
fn optional(phrase: Option<Msg>) -> Arg {
    phrase.map(Arg::from).unwrap_or_else(|| Arg::from(""))
}

/// Close names: the same ignoring case, `-`/`_`/`.`, or a trailing `s`.
fn similar_names(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.to_lowercase().replace(['-', '_', '.'], "").trim_end_matches('s').to_string();
    norm(a) == norm(b)
}

fn durability(persistent: bool, queue: &str, durable: bool, witness: &Witness) -> Option<Msg> {
    let lost = witness.lost_on_restart.get(queue).copied().unwrap_or(0);
    let restarted = lost > 0 || witness.deleted_on_restart.iter().any(|q| q == queue);
    let restart = optional(restarted.then(|| msg!("programs-note-restart-did-it")));
    if durable && !persistent && !queue.starts_with("amq.gen-") {
        return Some(msg!("programs-note-durable-not-persistent", queue = queue, restart = restart));
    }
    if !durable && persistent {
        return Some(msg!("programs-note-persistent-not-durable", queue = queue, restart = restart));
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
) -> Option<(Msg, Option<String>)> {
    let source = run.lines.get(line.checked_sub(1)? as usize).map(String::as_str).unwrap_or("");
    if error.starts_with("TypeError") {
        return super::legacy::explain(method, error, source);
    }
    if method == "queue_bind" && error.contains("NOT_FOUND - no exchange") {
        let x = quoted_after(error, "no exchange ")?;
        let advice = others(runs)
            .find_map(|(prog, l, k)| match k {
                CallKind::ExchangeDeclare { exchange, .. } if *exchange == x => {
                    Some(msg!("programs-note-bind-declared-by", program = prog, line = l))
                }
                _ => None,
            })
            .unwrap_or_else(|| msg!("programs-note-bind-declare-here"));
        let kind = declared_kind(runs, &x).unwrap_or("fanout");
        let message = msg!("programs-note-bind-no-exchange", exchange = &x, advice = advice, kind = kind);
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
            Some((prog, l, kind)) => {
                (Some(msg!("programs-note-declared-by", program = prog, line = l)), Arg::from(kind.as_str()))
            }
            None => (None, msg!("programs-note-another-type").into()),
        };
        let message =
            msg!("programs-note-exchange-type", exchange = &x, current = current, by = optional(by), mine = &mine);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_note_reads_in_chinese_with_the_code_and_names_verbatim() {
        let note = fanout_key("logs", "info");
        assert!(note.english().starts_with("'logs' is a fanout exchange: it ignores routing keys"));
        let zh = note.render(Lang::Zh);
        assert!(
            zh.contains("扇出交换机") && zh.contains("routing_key='info'") && zh.contains("exchange_type='direct'"),
            "{zh}"
        );
        let lost = durability(false, "tasks", true, &Witness::default()).unwrap();
        assert!(lost.english().ends_with("loses the message. To keep it, publish with properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent)."));
        let (legacy, _) =
            super::super::legacy::explain("queue_declare", "TypeError: x", "q = ch.queue_declare(exclusive=True)")
                .unwrap();
        assert!(legacy.render(Lang::Zh).contains("TypeError: x"), "{}", legacy.render(Lang::Zh));
    }
}
