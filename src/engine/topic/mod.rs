//! Topic matching (RabbitMQ's `rabbit_exchange_type_topic`): a trie of
//! binding-key words ([`trie`]), the interning of those words and the
//! splitting of keys ([`words`](mod@words)), and a plain matcher with explanations
//! ([`explain`](mod@explain)).
//!
//! Keys split on `.`; `""` has no words, and empty words are kept (`"a..b"`
//! is `["a", "", "b"]`). In a binding key a whole word `*` matches exactly one
//! word and `#` zero or more; anything else (including `a*`, `##`, and every
//! word of a routing key) is literal and compares byte for byte.

pub mod explain;
pub mod trie;
pub mod words;

#[cfg(test)]
mod tests;

pub use explain::{explain, matches};
pub use trie::TopicTrie;
pub use words::words;
