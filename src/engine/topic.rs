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

/// Calls `f` with each word of `key` in order, as [`words`] splits it,
/// without allocating. Keys of up to 64 bytes are scanned eight bytes at a
/// time into a mask of their dots ([`dot_mask`]); longer ones byte by byte.
/// (`.` is ASCII, so every piece is a whole UTF-8 string.)
#[inline(always)]
fn for_each_word<'k>(key: &'k str, mut f: impl FnMut(&'k str)) {
    if key.is_empty() {
        return;
    }
    if key.len() > 64 {
        key.split('.').for_each(f);
        return;
    }
    let mut dots = dot_mask(key.as_bytes());
    let mut start = 0;
    while dots != 0 {
        let end = dots.trailing_zeros() as usize;
        f(&key[start..end]);
        start = end + 1;
        dots &= dots - 1;
    }
    f(&key[start..]);
}

/// Bit `i` set where byte `i` of `bytes` (at most 64 of them) is a `.`.
#[inline(always)]
fn dot_mask(bytes: &[u8]) -> u64 {
    debug_assert!(bytes.len() <= 64);
    let len = bytes.len();
    if len < 8 {
        return bytes.iter().enumerate().filter(|(_, &b)| b == b'.').fold(0, |m, (i, _)| m | 1 << i);
    }
    let chunk = |at: usize| dots_in_8(u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))) << at;
    let mut mask = 0;
    let mut at = 0;
    while at + 8 <= len {
        mask |= chunk(at);
        at += 8;
    }
    if at < len {
        // The last eight bytes, overlapping bytes already seen (which set
        // the same bits again).
        mask |= chunk(len - 8);
    }
    mask
}

/// One bit per byte of `x` (little-endian): bit `k` set when byte `k` is
/// `.`. (The classic exact zero-byte test on `x` xor "........", then the
/// eight flag bits gathered into the low byte by one multiplication.)
#[inline(always)]
fn dots_in_8(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let y = x ^ 0x2e2e_2e2e_2e2e_2e2e;
    // High bit of each byte set when that byte of `y` is zero.
    let zero = !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7);
    (zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// A trie of binding keys; each node holds the values bound at that key.
///
/// # The data structure
///
/// * Every literal word of a binding key is *interned*: `words` maps it to
///   a small integer id, once, at bind time. Matching looks each word of the
///   routing key up once per publish (`Words`: words of up to 7 bytes are
///   packed into an integer key, so even that lookup compares no strings);
///   a word no binding uses gets `NONE`, which no literal edge carries, so
///   it can only be consumed by `*` or `#`. From then on the walk compares
///   integers: it never hashes or compares a string again.
/// * Nodes are small and hot: one cache line each (`Node`), holding the
///   first `FEW` literal children (word id, child) inline, scanned
///   linearly, and the `*` and `#` children as indexes. A node with more
///   literal children keeps the rest in a hash map of integers (`wide`).
///   The first value bound at a node is in the node too; any further ones
///   live beside the nodes (`more_values`), in binding order after it.
/// * Consecutive `#` words are folded into one (they match the same keys).
/// * Each node knows how many more routing-key words the binding keys
///   below it can consume: at least `min_rest` (their literal and `*` words)
///   and at most `max_rest` (the same, or unbounded when a `#` follows). The
///   walk skips a node when the words left are outside that range, and a
///   `#` node is only tried from the positions that leave a possible number
///   of words. (The bounds only widen: after a removal they may be loose,
///   which costs a visit, never a match.)
/// * `#` consumes zero or more words, so the walk continues below a `#`
///   node from every later key position. A node whose path from the root
///   has no `#` is reached at one position only (its depth), so the `#`
///   child of such a node is expanded once per position without
///   bookkeeping. Below an earlier `#` the same node can be reached at
///   many positions by many paths: there the walk remembers which
///   (`#` node, position) pairs it has expanded, so even hostile keys stay
///   polynomial.
///
/// The walk visits children in a fixed order (literal, then `*`, then `#`
/// from each position in turn), so the values of one key are reported in
/// a deterministic order. Nodes are never freed (removing a binding empties
/// its node's values).
#[derive(Clone, Debug)]
pub struct TopicTrie<T> {
    nodes: Vec<Node<T>>,
    /// The values bound at each node after its `first` (parallel to
    /// `nodes`; usually empty).
    more_values: Vec<Vec<T>>,
    /// Literal children of wide nodes beyond their first [`FEW`].
    wide: Vec<FxHashMap<u32, u32>>,
    words: Words,
}

/// The literal words of the binding keys, interned: word → id (ids count
/// up from 0).
#[derive(Clone, Debug, Default)]
struct Words {
    /// Words of up to [`PACKED`] bytes, packed into an integer
    /// ([`Words::pack`]): looking one up hashes and compares integers and
    /// reads no string.
    short: FxHashMap<u64, u32>,
    /// Longer words.
    long: FxHashMap<Box<str>, u32>,
}

/// The longest word [`Words::pack`] packs.
const PACKED: usize = 7;

impl Words {
    /// `word` as one integer, when it is short enough: its bytes in little-
    /// endian order and its length in the top byte, so distinct words give
    /// distinct integers. (The bytes are read as the first and last four,
    /// overlapping, or below four bytes the first, middle and last: each
    /// byte lands at its own place either way.)
    #[inline(always)]
    fn pack(word: &str) -> Option<u64> {
        let b = word.as_bytes();
        let len = b.len();
        let bytes = match len {
            0 => 0,
            1..=3 => b[0] as u64 | (b[len / 2] as u64) << (8 * (len / 2)) | (b[len - 1] as u64) << (8 * (len - 1)),
            4..=PACKED => {
                let first = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
                let last = u32::from_le_bytes([b[len - 4], b[len - 3], b[len - 2], b[len - 1]]) as u64;
                first | last << (8 * (len - 4))
            }
            _ => return None,
        };
        Some(bytes | (len as u64) << 56)
    }

    /// The id of `word`, or [`NONE`] when no binding key has it.
    #[inline(always)]
    fn get(&self, word: &str) -> u32 {
        match Self::pack(word) {
            Some(packed) => self.short.get(&packed),
            None => self.long.get(word),
        }
        .copied()
        .unwrap_or(NONE)
    }

    /// The id of `word`, interned if new.
    fn intern(&mut self, word: &str) -> u32 {
        let next = (self.short.len() + self.long.len()) as u32;
        match Self::pack(word) {
            Some(packed) => *self.short.entry(packed).or_insert(next),
            None => *self.long.entry(word.into()).or_insert(next),
        }
    }
}

/// "No node" / "no word": never a valid child index (the root, index 0, is
/// nobody's child, but `u32::MAX` reads more plainly) nor a word id. As a
/// `max_rest` it means "unbounded".
const NONE: u32 = u32::MAX;

/// How many literal children a node holds inline (what fills its cache
/// line).
const FEW: usize = 4;

/// One trie node: one 64-byte cache line when values are pointer-sized
/// (as the `Rc<Binding>` of exchanges are), so a step of the walk reads
/// one line (plus `wide` for wide nodes), and so does reporting the first
/// value bound at a key.
#[derive(Clone, Debug)]
#[repr(align(64))]
struct Node<T> {
    star: u32,
    hash: u32,
    /// The fewest routing-key words the binding keys at or below this node
    /// consume from here (`NONE` while there are none).
    min_rest: u32,
    /// The most (`NONE`: unbounded, a `#` follows; 0 while there are none).
    max_rest: u32,
    /// Index in `TopicTrie::wide` of the children beyond `few`, or `NONE`.
    wide: u32,
    /// How many of `few` are used.
    few_len: u8,
    /// True when no `#` edge lies between the root and this node, so a
    /// match reaches it at one key position at most.
    fixed_depth: bool,
    /// True when `more_values` has values for this node.
    has_more: bool,
    /// The first literal children: (word id, child).
    few: [(u32, u32); FEW],
    /// The first value bound at this node.
    first: Option<T>,
}

impl<T> Node<T> {
    fn new(fixed_depth: bool) -> Self {
        Node {
            star: NONE,
            hash: NONE,
            min_rest: NONE,
            max_rest: 0,
            wide: NONE,
            few_len: 0,
            fixed_depth,
            has_more: false,
            few: [(NONE, NONE); FEW],
            first: None,
        }
    }

    /// Can a binding key at or below this node match when `rest` words of
    /// the routing key are left?
    fn may_take(&self, rest: u32) -> bool {
        self.min_rest <= rest && rest <= self.max_rest
    }
}

impl<T> Default for TopicTrie<T> {
    fn default() -> Self {
        TopicTrie {
            nodes: vec![Node::new(true)],
            more_values: vec![Vec::new()],
            wide: Vec::new(),
            words: Words::default(),
        }
    }
}

/// How many routing-key words are mapped to ids on the stack; longer keys
/// use a vector.
const STACK_WORDS: usize = 16;

/// The words of a binding key with consecutive `#` folded into one.
fn folded_words(key: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for w in words(key) {
        if !(w == "#" && out.last() == Some(&"#")) {
            out.push(w);
        }
    }
    out
}

impl<T: PartialEq + Clone> TopicTrie<T> {
    /// An empty trie.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a literal child (not there yet) to `node`.
    fn add_literal(&mut self, node: usize, word: u32, child: u32) {
        let n = &mut self.nodes[node];
        if (n.few_len as usize) < FEW {
            n.few[n.few_len as usize] = (word, child);
            n.few_len += 1;
        } else {
            if n.wide == NONE {
                n.wide = self.wide.len() as u32;
                self.wide.push(FxHashMap::default());
            }
            self.wide[n.wide as usize].insert(word, child);
        }
    }

    /// The child of `node` along binding-key word `w`, if any.
    fn child(&self, node: usize, w: &str) -> Option<usize> {
        let n = &self.nodes[node];
        let next = match w {
            "*" => n.star,
            "#" => n.hash,
            _ => match self.words.get(w) {
                NONE => NONE,
                id => self.literal(n, id),
            },
        };
        (next != NONE).then_some(next as usize)
    }

    /// The node for binding key `key` (folded words), created with any
    /// missing ancestors; widens the length bounds of every node on the way.
    fn path(&mut self, key: &[&str]) -> usize {
        let mut node = 0usize;
        for (i, &w) in key.iter().enumerate() {
            self.widen(node, &key[i..]);
            node = match self.child(node, w) {
                Some(child) => child,
                None => {
                    let child = self.nodes.len() as u32;
                    self.nodes.push(Node::new(self.nodes[node].fixed_depth && w != "#"));
                    self.more_values.push(Vec::new());
                    match w {
                        "*" => self.nodes[node].star = child,
                        "#" => self.nodes[node].hash = child,
                        _ => {
                            let id = self.words.intern(w);
                            self.add_literal(node, id, child);
                        }
                    }
                    child as usize
                }
            };
        }
        self.widen(node, &[]);
        node
    }

    /// Records that a binding key continues below `node` with `rest`.
    fn widen(&mut self, node: usize, rest: &[&str]) {
        let fixed = rest.iter().filter(|w| **w != "#").count() as u32;
        let max = if rest.contains(&"#") { NONE } else { fixed };
        let n = &mut self.nodes[node];
        n.min_rest = n.min_rest.min(fixed);
        n.max_rest = n.max_rest.max(max);
    }

    /// Adds `value` under `key` (no duplicate values at one key).
    pub fn insert(&mut self, key: &str, value: T) {
        let node = self.path(&folded_words(key));
        match &self.nodes[node].first {
            None => self.nodes[node].first = Some(value),
            Some(first) if *first == value => {}
            Some(_) => {
                if !self.more_values[node].contains(&value) {
                    self.more_values[node].push(value);
                    self.nodes[node].has_more = true;
                }
            }
        }
    }

    /// Removes `value` from `key`. (Empty nodes are kept; they cost nothing
    /// when matching.)
    pub fn remove(&mut self, key: &str, value: &T) {
        let mut node = Some(0);
        for w in folded_words(key) {
            node = node.and_then(|n| self.child(n, w));
        }
        if let Some(node) = node {
            let more = &mut self.more_values[node];
            if self.nodes[node].first.as_ref() == Some(value) {
                // The next value in binding order moves up.
                self.nodes[node].first = if more.is_empty() { None } else { Some(more.remove(0)) };
            } else {
                more.retain(|v| v != value);
            }
            self.nodes[node].has_more = !more.is_empty();
        }
    }

    /// Calls `found` with every value whose binding key matches `routing_key`
    /// (a value may be reported more than once: callers de-duplicate).
    pub fn for_each_match(&self, routing_key: &str, found: impl FnMut(&T)) {
        // Each word of the key is looked up once, as an id ([`NONE`] when
        // no binding has it as a literal word); keys of up to STACK_WORDS
        // words are kept on the stack (no allocation).
        let mut ids = [NONE; STACK_WORDS];
        let mut long: Vec<u32> = Vec::new();
        let mut n = 0;
        for_each_word(routing_key, |word| {
            let id = self.words.get(word);
            if n < STACK_WORDS {
                ids[n] = id;
            } else {
                if long.is_empty() {
                    long.extend_from_slice(&ids);
                }
                long.push(id);
            }
            n += 1;
        });
        let key: &[u32] = if long.is_empty() { &ids[..n] } else { &long };
        if self.nodes[0].may_take(key.len() as u32) {
            let mut walk = Walk { trie: self, key, expanded: Expanded::Empty, found };
            walk.visit(0, 0);
        }
    }
}

impl<T> TopicTrie<T> {
    /// The literal child of node `n` for word id `word` ([`NONE`] if none).
    #[inline]
    fn literal(&self, n: &Node<T>, word: u32) -> u32 {
        if let Some(&(_, child)) = n.few[..n.few_len as usize].iter().find(|(w, _)| *w == word) {
            child
        } else if n.wide != NONE {
            self.wide[n.wide as usize].get(&word).copied().unwrap_or(NONE)
        } else {
            NONE
        }
    }
}

/// One match in progress: the trie, the routing key's word ids, the `#`
/// expansions done so far and where to report values.
struct Walk<'a, T, F> {
    trie: &'a TopicTrie<T>,
    key: &'a [u32],
    expanded: Expanded,
    found: F,
}

impl<T, F: FnMut(&T)> Walk<'_, T, F> {
    /// Visits `node` with the key's words before `at` consumed. Callers
    /// only come here when the node's bounds admit the words left, so a
    /// skipped child costs no call.
    fn visit(&mut self, node: u32, at: usize) {
        let trie = self.trie;
        let n = &trie.nodes[node as usize];
        let len = self.key.len();
        if at == len {
            if let Some(first) = &n.first {
                (self.found)(first);
                if n.has_more {
                    trie.more_values[node as usize].iter().for_each(&mut self.found);
                }
            }
        } else {
            let rest = (len - at - 1) as u32;
            let word = self.key[at];
            if word != NONE {
                let child = trie.literal(n, word);
                if child != NONE && trie.nodes[child as usize].may_take(rest) {
                    self.visit(child, at + 1);
                }
            }
            if n.star != NONE && trie.nodes[n.star as usize].may_take(rest) {
                self.visit(n.star, at + 1);
            }
        }
        if n.hash != NONE {
            // '#' consumes zero or more words: continue below it from every
            // later position that leaves a number of words the keys below
            // can take. Reached at one position only, this node expands its
            // '#' once per position anyway; otherwise expand each (node,
            // position) once.
            let h = &trie.nodes[n.hash as usize];
            if h.min_rest as usize <= len {
                let first = at.max(len.saturating_sub(h.max_rest as usize));
                let last = len - h.min_rest as usize;
                for next in first..=last {
                    if n.fixed_depth || self.expanded.insert((n.hash, next as u32)) {
                        self.visit(n.hash, next);
                    }
                }
            }
        }
    }
}

/// The (`#` node, key position) pairs already expanded during one match
/// (only for `#` nodes below another `#`: see [`TopicTrie`]). Ordinary keys
/// visit few of them: a short list scanned linearly (no hashing, no
/// allocation), which turns into a hash set for long, hostile keys. (A performance detail: the pairs visited, and
/// so the matches, are the same either way.)
// The small form is meant to be large: it lives on the stack for one match.
#[allow(clippy::large_enum_variant)]
enum Expanded {
    /// None yet (most matches: nothing is set up for them).
    Empty,
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
            Expanded::Empty => {
                let mut items = [(0, 0); SMALL_EXPANDED];
                items[0] = pair;
                *self = Expanded::Small(items, 1);
                true
            }
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

    /// The plainest possible matcher, independent of both [`matches`] and
    /// the trie: backtracking over the words, `#` trying every split.
    fn reference(pattern: &[&str], key: &[&str]) -> bool {
        match pattern.split_first() {
            None => key.is_empty(),
            Some((&"#", rest)) => (0..=key.len()).any(|skip| reference(rest, &key[skip..])),
            Some((&p, rest)) => match key.split_first() {
                Some((&k, key_rest)) => (p == "*" || p == k) && reference(rest, key_rest),
                None => false,
            },
        }
    }

    /// Splits like [`words`] (kept separate so the reference is separate).
    fn split(key: &str) -> Vec<&str> {
        if key.is_empty() {
            Vec::new()
        } else {
            key.split('.').collect()
        }
    }

    /// A small deterministic generator (no dependency on `rand`).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    fn random_key(rng: &mut Lcg, alphabet: &[&str], max_words: u64) -> String {
        let n = rng.below(max_words + 1) as usize;
        (0..n).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect::<Vec<_>>().join(".")
    }

    /// Sorted, de-duplicated values the trie reports for `key`.
    fn trie_set(t: &TopicTrie<usize>, key: &str) -> Vec<usize> {
        let mut got = Vec::new();
        t.for_each_match(key, |v| got.push(*v));
        got.sort();
        got.dedup();
        got
    }

    #[test]
    fn random_patterns_agree_with_a_reference_matcher() {
        let mut rng = Lcg(2024);
        // Patterns draw on wildcards, empty words and look-alikes ("a*",
        // "##"); keys on the same literals plus words no pattern uses.
        let pattern_words = ["a", "b", "c", "", "*", "#", "#", "a*", "##"];
        let key_words = ["a", "b", "c", "", "*", "#", "a*", "##", "zz"];
        for round in 0..40 {
            let mut t = TopicTrie::new();
            let patterns: Vec<String> = (0..30).map(|_| random_key(&mut rng, &pattern_words, 5)).collect();
            for (i, p) in patterns.iter().enumerate() {
                t.insert(p, i);
            }
            // Remove a few again (and some keys never bound).
            let mut live: Vec<bool> = vec![true; patterns.len()];
            for _ in 0..round % 6 {
                let i = rng.below(patterns.len() as u64) as usize;
                t.remove(&patterns[i], &i);
                live[i] = false;
            }
            t.remove("never.bound.#", &0);
            for _ in 0..200 {
                let key = random_key(&mut rng, &key_words, 7);
                let expect: Vec<usize> =
                    (0..patterns.len()).filter(|&i| live[i] && reference(&split(&patterns[i]), &split(&key))).collect();
                assert_eq!(trie_set(&t, &key), expect, "key {key:?}, patterns {patterns:?}");
                for &i in &expect {
                    assert!(matches(&patterns[i], &key), "matches({:?}, {key:?})", patterns[i]);
                }
            }
        }
    }

    #[test]
    fn wide_nodes_long_keys_and_unknown_words() {
        // More than FEW literal children under one node (the map form), and
        // the same under a '#' and a '*'.
        let mut t = TopicTrie::new();
        for i in 0..100 {
            t.insert(&format!("w{i}"), i);
            t.insert(&format!("#.w{i}"), 1000 + i);
            t.insert(&format!("*.w{i}.x"), 2000 + i);
        }
        assert_eq!(trie_set(&t, "w42"), vec![42, 1042]);
        assert_eq!(trie_set(&t, "q.r.w7"), vec![1007]);
        assert_eq!(trie_set(&t, "q.w99.x"), vec![2099]);
        assert_eq!(trie_set(&t, "w100"), Vec::<usize>::new());
        // Keys longer than the on-stack id buffer.
        let long = vec!["y"; STACK_WORDS * 3].join(".");
        assert_eq!(trie_set(&t, &format!("{long}.w3")), vec![1003]);
        let mut t = TopicTrie::new();
        t.insert("#.y.#.y", 1);
        t.insert(&long, 2);
        assert_eq!(trie_set(&t, &long), vec![1, 2]);
        assert_eq!(trie_set(&t, &format!("{long}.z")), Vec::<usize>::new());
    }

    #[test]
    fn a_value_reached_by_several_paths_is_reported_by_each_visit_in_walk_order() {
        // Callers de-duplicate by first occurrence, so the order of the
        // visits is part of the behaviour: literal child, then '*', then
        // '#' at each later position.
        let mut t = TopicTrie::new();
        t.insert("#", 3);
        t.insert("*.b", 2);
        t.insert("a.b", 1);
        t.insert("a.#", 4);
        let mut got = Vec::new();
        t.for_each_match("a.b", |v| got.push(*v));
        assert_eq!(got, vec![1, 4, 2, 3]);
    }

    #[test]
    fn short_and_long_words_intern_apart() {
        let mut w = Words::default();
        let words = [
            "",
            "a",
            "a\0",
            "\0",
            "ab",
            "ba",
            "aba",
            "abb",
            "bbb",
            "abcd",
            "abcde",
            "abdce",
            "eight-by",
            "eight-bz",
            "nine-byte",
            "é.ü",
            "ééé",
        ];
        let ids: Vec<u32> = words.iter().map(|x| w.intern(x)).collect();
        assert_eq!(ids, (0..words.len() as u32).collect::<Vec<_>>());
        for (x, id) in words.iter().zip(&ids) {
            assert_eq!(w.get(x), *id);
            assert_eq!(w.intern(x), *id);
        }
        assert_eq!(w.get("b"), NONE);
        assert_eq!(w.get("nine-bytf"), NONE);
        // Every word of up to PACKED bytes over a small alphabet packs to
        // a different integer.
        let mut all: Vec<String> = vec![String::new()];
        let mut seen = FxHashSet::default();
        for _ in 0..PACKED {
            all = all
                .iter()
                .flat_map(|w| ["a", "b", "\0"].map(|c| format!("{w}{c}")))
                .chain(all.iter().cloned())
                .collect();
        }
        all.sort();
        all.dedup();
        assert_eq!(all.len(), (0..=PACKED as u32).map(|n| 3usize.pow(n)).sum::<usize>());
        for w in &all {
            assert!(seen.insert(Words::pack(w).unwrap()), "{w:?} packs like another word");
        }
        assert_eq!(Words::pack("eight-by"), None);
        assert_eq!(Words::pack("abcde"), Some(u64::from_le_bytes(*b"abcde\0\0\x05")));
    }

    #[test]
    fn values_at_one_key_keep_binding_order_through_removals() {
        let mut t = TopicTrie::new();
        let order = |t: &TopicTrie<usize>| {
            let mut got = Vec::new();
            t.for_each_match("a.b", |v| got.push(*v));
            got
        };
        for v in [1, 2, 3, 2] {
            t.insert("a.*", v);
        }
        assert_eq!(order(&t), vec![1, 2, 3]);
        t.remove("a.*", &1);
        assert_eq!(order(&t), vec![2, 3]);
        t.remove("a.*", &3);
        assert_eq!(order(&t), vec![2]);
        t.insert("a.*", 1);
        assert_eq!(order(&t), vec![2, 1]);
        t.remove("a.*", &2);
        t.remove("a.*", &1);
        assert_eq!(order(&t), Vec::<usize>::new());
        t.insert("a.*", 4);
        assert_eq!(order(&t), vec![4]);
    }

    #[test]
    fn splitting_by_dot_mask_agrees_with_words() {
        let mut rng = Lcg(99);
        let mut keys: Vec<String> = vec![String::new(), ".".into(), "..".into(), "a".into(), "é.ü..ß".into()];
        for _ in 0..2000 {
            let len = rng.below(80) as usize;
            keys.push((0..len).map(|_| ["a", ".", "b", "é", "\0", "."][rng.below(6) as usize]).collect());
        }
        for key in &keys {
            let mut got = Vec::new();
            for_each_word(key, |w| got.push(w));
            assert_eq!(got, words(key), "{key:?}");
        }
        for shift in 0..8 {
            assert_eq!(dots_in_8(0x2e << (8 * shift)), 1 << shift);
        }
        assert_eq!(dots_in_8(u64::from_le_bytes(*b".a.b/-.\xae")), 0b0100_0101);
    }

    #[test]
    fn a_node_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Node<std::rc::Rc<u8>>>(), 64);
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
