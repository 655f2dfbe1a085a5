//! pika 0.x forms that pika 1.3 refuses with a TypeError
//! (`basic_consume(callback, queue=...)`, `no_ack=True`,
//! `queue_declare(exclusive=True)` without a queue): what changed, and the
//! line rewritten in the 1.x form.

use crate::i18n::Msg;

/// The note and the fixed line for a TypeError of `method` at `source`
/// (pika's error text and the code stay as they are, in every language).
pub(super) fn explain(method: &str, error: &str, source: &str) -> Option<(Msg, Option<String>)> {
    let fix = rewrite(method, source);
    let trimmed = |default: &str| fix.as_deref().map(str::trim).unwrap_or(default).to_string();
    let message = match method {
        "basic_consume" => msg!(
            "programs-note-legacy-consume",
            error = error,
            fix = trimmed("channel.basic_consume(queue='...', on_message_callback=callback, auto_ack=True)")
        ),
        "queue_declare" => msg!(
            "programs-note-legacy-declare",
            error = error,
            fix = trimmed("channel.queue_declare(queue='', exclusive=True)")
        ),
        _ => return None,
    };
    Some((message, fix))
}

/// The source line with the call to `method` in pika 1.x's form.
pub fn rewrite(method: &str, source: &str) -> Option<String> {
    let start = source.find(&format!("{method}("))? + method.len() + 1;
    let end = start + closing_paren(&source[start..])?;
    let args = split_args(&source[start..end]);
    let new_args = match method {
        "basic_consume" => consume_args(args)?,
        "queue_declare" => declare_args(args)?,
        _ => return None,
    };
    Some(format!("{}{}{}", &source[..start], new_args.join(", "), &source[end..]))
}

/// The offset of the `)` closing an argument list (quotes and nesting
/// respected).
fn closing_paren(s: &str) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')') if depth == 0 => return Some(i),
            (None, ')' | ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Arguments at top-level commas, trimmed.
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut cur) = (0, None::<char>, String::new());
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(std::mem::take(&mut cur).trim().to_string());
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// `name=value` → (name, value).
fn keyword(arg: &str) -> Option<(&str, &str)> {
    let (name, value) = arg.split_once('=')?;
    let name = name.trim();
    let ident = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    (ident && !value.starts_with('=')).then(|| (name, value.trim()))
}

fn is_string(arg: &str) -> bool {
    arg.starts_with('\'') || arg.starts_with('"')
}

fn consume_args(args: Vec<String>) -> Option<Vec<String>> {
    let (mut positional, mut keywords): (Vec<String>, Vec<(String, String)>) = (Vec::new(), Vec::new());
    for a in &args {
        match keyword(a) {
            Some((n, v)) => {
                let n = match n {
                    "no_ack" => "auto_ack",
                    "consumer_callback" => "on_message_callback",
                    other => other,
                };
                keywords.push((n.to_string(), v.to_string()));
            }
            None => positional.push(a.clone()),
        }
    }
    let queue_kw = keywords.iter().position(|(n, _)| n == "queue");
    let callback_kw = keywords.iter().any(|(n, _)| n == "on_message_callback");
    let mut out = Vec::new();
    match (queue_kw, positional.first()) {
        (Some(q), Some(cb)) if !callback_kw => {
            out.push(format!("queue={}", keywords.remove(q).1));
            out.push(format!("on_message_callback={cb}"));
            positional.remove(0);
        }
        (None, Some(first)) if !is_string(first) && positional.get(1).is_some_and(|q| is_string(q)) => {
            positional.swap(0, 1);
        }
        _ => {}
    }
    out.extend(positional);
    out.extend(keywords.into_iter().map(|(n, v)| format!("{n}={v}")));
    (out != args).then_some(out)
}

fn declare_args(args: Vec<String>) -> Option<Vec<String>> {
    let has_queue = args.iter().any(|a| keyword(a).is_none() || keyword(a).is_some_and(|(n, _)| n == "queue"));
    if has_queue {
        return None;
    }
    let mut out = vec!["queue=''".to_string()];
    out.extend(args);
    Some(out)
}
