//! Tests of the topic trie, the word splitting and interning, and the
//! plain matcher.

use super::trie::{Node, STACK_WORDS};
use rustc_hash::FxHashSet;

use super::words::{dots_in_8, for_each_word, Words, NONE, PACKED};
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
    assert!(explain("*.mysql.error", "mysql.error").english().contains("has 3 words"));
    assert!(explain("a.b.c", "a.x.c").english().contains("word 2"));
    assert!(explain("#.error", "x.info").english().contains("from the end"));
    assert!(explain("a.#", "a.b.c").english().contains("matches"));
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
        all = all.iter().flat_map(|w| ["a", "b", "\0"].map(|c| format!("{w}{c}"))).chain(all.iter().cloned()).collect();
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
