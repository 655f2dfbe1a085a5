//! Topic matching (RabbitMQ's `rabbit_exchange_type_topic`): a trie of
//! binding-key words, and a plain matcher for explanations.
//!
//! Keys split on `.`; `""` has no words, and empty words are kept (`"a..b"`
//! is `["a", "", "b"]`). In a binding key a whole word `*` matches exactly one
//! word and `#` zero or more; anything else (including `a*`, `##`, and every
//! word of a routing key) is literal and compares byte for byte.

use rustc_hash::{FxHashMap, FxHashSet};

/// Splits a topic key into words the way RabbitMQ does.
pub fn words(key: &str) -> Vec<&str> {
    if key.is_empty() {
        Vec::new()
    } else {
        key.split('.').collect()
    }
}

/// Does `binding_key` match `routing_key`? (The reference algorithm, used for
/// explanations and tests; routing uses [`TopicTrie`].)
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
pub fn explain(binding_key: &str, routing_key: &str) -> String {
    let p = words(binding_key);
    let k = words(routing_key);
    if matches(binding_key, routing_key) {
        return if p.iter().any(|w| *w == "#" || *w == "*") {
            format!("'{binding_key}' matches '{routing_key}' (wildcards: * is exactly one word, # is zero or more)")
        } else {
            format!("'{binding_key}' equals '{routing_key}'")
        };
    }
    let has_hash = p.contains(&"#");
    if !has_hash {
        if p.len() != k.len() {
            return format!(
                "'{binding_key}' has {} word{} but '{routing_key}' has {}: without '#', the counts must be equal ('*' is exactly one word)",
                p.len(),
                if p.len() == 1 { "" } else { "s" },
                k.len()
            );
        }
        for (n, (pw, kw)) in p.iter().zip(&k).enumerate() {
            if *pw != "*" && pw != kw {
                return format!("word {}: the binding wants '{pw}' but the routing key has '{kw}'", n + 1);
            }
        }
    }
    // With '#': check the literal prefix before the first '#' and the suffix
    // after the last one.
    let first = p.iter().position(|w| *w == "#").unwrap_or(p.len());
    let last = p.iter().rposition(|w| *w == "#").unwrap_or(0);
    let fixed = p.iter().filter(|w| **w != "#").count();
    if k.len() < fixed {
        return format!(
            "'{binding_key}' needs at least {fixed} word{} besides '#' but '{routing_key}' has {}",
            if fixed == 1 { "" } else { "s" },
            k.len()
        );
    }
    for n in 0..first {
        if p[n] != "*" && p[n] != k[n] {
            return format!("word {}: the binding wants '{}' but the routing key has '{}'", n + 1, p[n], k[n]);
        }
    }
    let tail = &p[last + 1..];
    for (n, pw) in tail.iter().enumerate() {
        let kw = k[k.len() - tail.len() + n];
        if *pw != "*" && *pw != kw {
            return format!(
                "word {} from the end: the binding wants '{pw}' but the routing key has '{kw}'",
                tail.len() - n
            );
        }
    }
    format!("no way to spread the words of '{routing_key}' over the '#' wildcards of '{binding_key}' so the other words line up")
}

/// A trie of binding keys; each node holds the values bound at that key.
///
/// Consecutive `#` words are folded into one (they match the same keys), and
/// matching remembers which `#` positions it has already expanded, so even
/// hostile keys stay polynomial.
#[derive(Clone, Debug)]
pub struct TopicTrie<T> {
    nodes: Vec<Node<T>>,
}

#[derive(Clone, Debug)]
struct Node<T> {
    literal: FxHashMap<Box<str>, u32>,
    star: Option<u32>,
    hash: Option<u32>,
    values: Vec<T>,
}

impl<T> Default for Node<T> {
    fn default() -> Self {
        Node { literal: FxHashMap::default(), star: None, hash: None, values: Vec::new() }
    }
}

impl<T> Default for TopicTrie<T> {
    fn default() -> Self {
        TopicTrie { nodes: vec![Node::default()] }
    }
}

impl<T: PartialEq + Clone> TopicTrie<T> {
    /// An empty trie.
    pub fn new() -> Self {
        Self::default()
    }

    fn path(&mut self, key: &str) -> u32 {
        let mut node = 0u32;
        let mut prev_hash = false;
        for w in words(key) {
            if w == "#" && prev_hash {
                continue;
            }
            prev_hash = w == "#";
            let next = self.nodes.len() as u32;
            let n = &mut self.nodes[node as usize];
            let slot = match w {
                "*" => n.star.get_or_insert(next),
                "#" => n.hash.get_or_insert(next),
                _ => n.literal.entry(w.into()).or_insert(next),
            };
            let target = *slot;
            if target == next {
                self.nodes.push(Node::default());
            }
            node = target;
        }
        node
    }

    /// Adds `value` under `key` (no duplicate values at one key).
    pub fn insert(&mut self, key: &str, value: T) {
        let node = self.path(key) as usize;
        if !self.nodes[node].values.contains(&value) {
            self.nodes[node].values.push(value);
        }
    }

    /// Removes `value` from `key`. (Empty nodes are kept; they cost nothing
    /// when matching.)
    pub fn remove(&mut self, key: &str, value: &T) {
        let node = self.path(key) as usize;
        self.nodes[node].values.retain(|v| v != value);
    }

    /// Calls `found` with every value whose binding key matches `routing_key`
    /// (a value may be reported more than once: callers de-duplicate).
    pub fn for_each_match(&self, routing_key: &str, mut found: impl FnMut(&T)) {
        // Keys of up to 16 words are split onto the stack (no allocation).
        let mut words: [&str; 16] = [""; 16];
        let mut long: Vec<&str> = Vec::new();
        let mut n = 0;
        if !routing_key.is_empty() {
            for w in routing_key.split('.') {
                if n < words.len() {
                    words[n] = w;
                } else {
                    if long.is_empty() {
                        long.extend_from_slice(&words);
                    }
                    long.push(w);
                }
                n += 1;
            }
        }
        let key: &[&str] = if long.is_empty() { &words[..n] } else { &long };
        let mut expanded = Expanded::Small([(0, 0); SMALL_EXPANDED], 0);
        self.walk(0, key, 0, &mut expanded, &mut found);
    }

    fn walk(
        &self,
        node: u32,
        key: &[&str],
        at: usize,
        expanded: &mut Expanded,
        found: &mut impl FnMut(&T),
    ) {
        let n = &self.nodes[node as usize];
        if at == key.len() {
            n.values.iter().for_each(&mut *found);
        } else {
            if let Some(&child) = n.literal.get(key[at]) {
                self.walk(child, key, at + 1, expanded, found);
            }
            if let Some(star) = n.star {
                self.walk(star, key, at + 1, expanded, found);
            }
        }
        if let Some(hash) = n.hash {
            // '#' consumes zero or more words: continue below it from every
            // later position, once per (node, position).
            for next in at..=key.len() {
                if expanded.insert((hash, next as u32)) {
                    self.walk(hash, key, next, expanded, found);
                }
            }
        }
    }
}

/// The (`#` node, key position) pairs already expanded during one match.
/// Ordinary keys visit few of them: a short list scanned linearly (no
/// hashing, no allocation before the first `#`), which turns into a hash
/// set for long, hostile keys. (A performance detail: the pairs visited, and
/// so the matches, are the same either way.)
enum Expanded {
    /// Up to [`SMALL_EXPANDED`] pairs on the stack, and how many are used.
    Small([(u32, u32); SMALL_EXPANDED], usize),
    Large(FxHashSet<(u32, u32)>),
}

/// How many expanded `#` positions are kept on the stack before switching
/// to a hash set.
const SMALL_EXPANDED: usize = 32;

impl Expanded {
    /// True when `pair` was not there yet.
    fn insert(&mut self, pair: (u32, u32)) -> bool {
        match self {
            Expanded::Small(items, len) => {
                if items[..*len].contains(&pair) {
                    return false;
                }
                if *len < SMALL_EXPANDED {
                    items[*len] = pair;
                    *len += 1;
                } else {
                    let mut set: FxHashSet<(u32, u32)> = items.iter().copied().collect();
                    set.insert(pair);
                    *self = Expanded::Large(set);
                }
                true
            }
            Expanded::Large(set) => set.insert(pair),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie_matches(binding: &str, key: &str) -> bool {
        let mut t = TopicTrie::new();
        t.insert(binding, 1);
        let mut hit = false;
        t.for_each_match(key, |_| hit = true);
        hit
    }

    #[test]
    fn reference_examples() {
        let yes = [
            ("a.*.b", "a..b"),
            ("a.#.b", "a..b"),
            ("*.*", "."),
            ("#.#", ""),
            ("a.#", "a"),
            ("#.a", "a"),
            ("a.*", "a."),
            ("*", "*"),
            ("#", ""),
            ("", ""),
            ("a*", "a*"),
            ("##", "##"),
        ];
        let no = [
            ("a.b", "a..b"),
            ("*", "."),
            ("*", ""),
            ("", "."),
            ("*.#", ""),
            ("a.*", "a"),
            ("A.b", "a.b"),
            ("a", "*"),
            ("a*", "ab"),
            ("##", "a"),
        ];
        for (b, k) in yes {
            assert!(matches(b, k), "{b} ~ {k}");
            assert!(trie_matches(b, k), "trie {b} ~ {k}");
        }
        for (b, k) in no {
            assert!(!matches(b, k), "{b} !~ {k}");
            assert!(!trie_matches(b, k), "trie {b} !~ {k}");
        }
    }

    #[test]
    fn hostile_hash_patterns_stay_fast() {
        let binding = "#.a.#.a.#.a.#.a.#.a.#.a.#.a.#.a.#.b";
        let key = vec!["a"; 200].join(".");
        assert!(!matches(binding, &key));
        assert!(!trie_matches(binding, &key));
    }

    #[test]
    fn explanations_name_the_failing_word() {
        assert!(explain("*.mysql.error", "mysql.error").contains("has 3 words"));
        assert!(explain("a.b.c", "a.x.c").contains("word 2"));
        assert!(explain("#.error", "x.info").contains("from the end"));
        assert!(explain("a.#", "a.b.c").contains("matches"));
    }

    #[test]
    fn removal_and_duplicates() {
        let mut t = TopicTrie::new();
        t.insert("a.#", 1);
        t.insert("a.#", 1);
        t.insert("a.#.#", 2);
        let mut got = Vec::new();
        t.for_each_match("a.b", |v| got.push(*v));
        got.sort();
        got.dedup();
        assert_eq!(got, vec![1, 2]);
        t.remove("a.#", &1);
        let mut got = Vec::new();
        t.for_each_match("a.b", |v| got.push(*v));
        assert_eq!(got, vec![2]);
    }
}
