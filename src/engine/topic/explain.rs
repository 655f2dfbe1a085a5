//! The plain topic matcher (RabbitMQ's algorithm, word by word) and the
//! explanation of a match in plain words: what the routing explanation
//! and the event log show, and the reference the trie is tested against.

use rustc_hash::FxHashSet;

use super::words::words;
use crate::i18n::Msg;

/// Does `binding_key` match `routing_key`? (The reference algorithm, used for
/// explanations and tests; routing uses [`TopicTrie`](super::TopicTrie).)
pub fn matches(binding_key: &str, routing_key: &str) -> bool {
    let pattern = words(binding_key);
    let key = words(routing_key);
    let mut memo = FxHashSet::default();
    match_words(&pattern, &key, 0, 0, &mut memo)
}

fn match_words(p: &[&str], k: &[&str], i: usize, j: usize, failed: &mut FxHashSet<(usize, usize)>) -> bool {
    if failed.contains(&(i, j)) {
        return false;
    }
    let ok = if i == p.len() {
        j == k.len()
    } else if p[i] == "#" {
        match_words(p, k, i + 1, j, failed) || (j < k.len() && match_words(p, k, i, j + 1, failed))
    } else if j < k.len() && (p[i] == "*" || p[i] == k[j]) {
        match_words(p, k, i + 1, j + 1, failed)
    } else {
        false
    };
    if !ok {
        failed.insert((i, j));
    }
    ok
}

/// Explains in plain words why `binding_key` does or does not match
/// `routing_key` (for the event log and the routing explanation).
pub fn explain(binding_key: &str, routing_key: &str) -> Msg {
    let (bk, rk) = (binding_key, routing_key);
    let p = words(binding_key);
    let k = words(routing_key);
    if matches(binding_key, routing_key) {
        return if p.iter().any(|w| *w == "#" || *w == "*") {
            msg!("engine-topic-wildcards", binding_key = bk, routing_key = rk)
        } else {
            msg!("engine-topic-equal", binding_key = bk, routing_key = rk)
        };
    }
    let has_hash = p.contains(&"#");
    if !has_hash {
        if p.len() != k.len() {
            return msg!("engine-topic-word-count", binding_key = bk, words = p.len(), routing_key = rk, has = k.len());
        }
        for (n, (pw, kw)) in p.iter().zip(&k).enumerate() {
            if *pw != "*" && pw != kw {
                return msg!("engine-topic-word", n = n + 1, wants = *pw, has = *kw);
            }
        }
    }
    // With '#': check the literal prefix before the first '#' and the suffix
    // after the last one.
    let first = p.iter().position(|w| *w == "#").unwrap_or(p.len());
    let last = p.iter().rposition(|w| *w == "#").unwrap_or(0);
    let fixed = p.iter().filter(|w| **w != "#").count();
    if k.len() < fixed {
        return msg!("engine-topic-too-few", binding_key = bk, words = fixed, routing_key = rk, has = k.len());
    }
    for n in 0..first {
        if p[n] != "*" && p[n] != k[n] {
            return msg!("engine-topic-word", n = n + 1, wants = p[n], has = k[n]);
        }
    }
    let tail = &p[last + 1..];
    for (n, pw) in tail.iter().enumerate() {
        let kw = k[k.len() - tail.len() + n];
        if *pw != "*" && *pw != kw {
            return msg!("engine-topic-word-from-end", n = tail.len() - n, wants = *pw, has = kw);
        }
    }
    msg!("engine-topic-no-spread", binding_key = bk, routing_key = rk)
}
