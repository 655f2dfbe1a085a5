//! The topic trie: binding keys as paths of interned words, walked once
//! per routing key.

use rustc_hash::{FxHashMap, FxHashSet};

use super::words::{for_each_word, words, Words, NONE};

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
    /// Literal children of wide nodes beyond their first `FEW`.
    wide: Vec<FxHashMap<u32, u32>>,
    words: Words,
}

/// How many literal children a node holds inline (what fills its cache
/// line with values of two `u32`s, as exchanges bind: a slot and a queue).
const FEW: usize = 3;

/// One trie node: one 64-byte cache line for values of up to 8 bytes (an
/// exchange's are a slot and a queue index), so a step of the walk reads
/// one line (plus `wide` for wide nodes), and so does reporting the first
/// value bound at a key.
#[derive(Clone, Debug)]
#[repr(align(64))]
pub(crate) struct Node<T> {
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
pub(crate) const STACK_WORDS: usize = 16;

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

    /// Calls `found` with every value whose binding key matches
    /// `routing_key`, each once (a value is bound at one node, which the
    /// walk reports once at most).
    pub fn for_each_match(&self, routing_key: &str, found: impl FnMut(&T)) {
        self.walk(routing_key, Each(found));
    }

    /// Appends every value whose binding key matches `routing_key` to
    /// `out`, each once, in the order [`TopicTrie::for_each_match`] gives.
    pub fn matches_into(&self, routing_key: &str, out: &mut Vec<T>)
    where
        T: Copy,
    {
        self.walk(routing_key, Collect(out));
    }

    fn walk(&self, routing_key: &str, found: impl Found<T>) {
        // Each word of the key is looked up once, as an id (`NONE` when
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
    /// The literal child of node `n` for word id `word` (`NONE` if none).
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

/// Where a walk reports the values it matches.
trait Found<T> {
    fn value(&mut self, v: &T);
    fn values(&mut self, vs: &[T]) {
        vs.iter().for_each(|v| self.value(v));
    }
}

/// Each value to a function.
struct Each<F>(F);

impl<T, F: FnMut(&T)> Found<T> for Each<F> {
    #[inline]
    fn value(&mut self, v: &T) {
        (self.0)(v)
    }
}

/// The values appended to a list.
struct Collect<'a, T>(&'a mut Vec<T>);

impl<T: Copy> Found<T> for Collect<'_, T> {
    #[inline]
    fn value(&mut self, v: &T) {
        self.0.push(*v);
    }

    #[inline]
    fn values(&mut self, vs: &[T]) {
        self.0.extend_from_slice(vs);
    }
}

impl<T, F: Found<T>> Walk<'_, T, F> {
    /// Goes on at `node` with the key's words before `at` consumed: a node
    /// reached with the whole key consumed and no `#` below reports its
    /// values here (half the nodes a walk reaches are such leaves), any
    /// other is visited.
    #[inline(always)]
    fn step(&mut self, node: u32, at: usize) {
        let n = &self.trie.nodes[node as usize];
        if at == self.key.len() && n.hash == NONE {
            self.report(node, n);
        } else {
            self.visit(node, at);
        }
    }

    /// Reports the values bound at `node` (`n`).
    #[inline(always)]
    fn report(&mut self, node: u32, n: &Node<T>) {
        if let Some(first) = &n.first {
            self.found.value(first);
            if n.has_more {
                self.found.values(&self.trie.more_values[node as usize]);
            }
        }
    }

    /// Visits `node` with the key's words before `at` consumed. Callers
    /// only come here when the node's bounds admit the words left, so a
    /// skipped child costs no call.
    fn visit(&mut self, node: u32, at: usize) {
        let trie = self.trie;
        let n = &trie.nodes[node as usize];
        let len = self.key.len();
        if at == len {
            self.report(node, n);
        } else {
            let rest = (len - at - 1) as u32;
            let word = self.key[at];
            if word != NONE {
                let child = trie.literal(n, word);
                if child != NONE && trie.nodes[child as usize].may_take(rest) {
                    self.step(child, at + 1);
                }
            }
            if n.star != NONE && trie.nodes[n.star as usize].may_take(rest) {
                self.step(n.star, at + 1);
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
                        self.step(n.hash, next);
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
