//! Message ids known when the page is compiled. `build.rs` writes the
//! English ids, sorted, to `$OUT_DIR/ids.rs`; [`id!`](crate::id) turns an
//! id written in the code into its place there while compiling, so the
//! page carries neither the id strings nor a search for them, and an id
//! no catalogue has is a compile error, not a word shown at run time.

include!(concat!(env!("OUT_DIR"), "/ids.rs"));

/// A message of the English catalogue, by its place among the sorted ids
/// (every language's catalogue is written against the same places).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MsgId(u16);

impl MsgId {
    /// The id `id`, found while compiling (called by [`id!`](crate::id)
    /// in a `const`, where an unknown id stops the build; called at run
    /// time it would carry every id into the binary).
    pub const fn of(id: &str) -> MsgId {
        let (mut low, mut high) = (0, IDS.len());
        while low < high {
            let mid = (low + high) / 2;
            match compare(IDS[mid].as_bytes(), id.as_bytes()) {
                Order::Less => low = mid + 1,
                Order::Greater => high = mid,
                Order::Equal => return MsgId(mid as u16),
            }
        }
        panic!("no such message id in locales/en/*.ftl")
    }

    /// Its place among the ids.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Every id, in order.
    pub fn every() -> impl Iterator<Item = MsgId> {
        (0..IDS.len()).map(|i| MsgId(i as u16))
    }

    /// Its text (tests and tools; the page has no ids to show).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn name(self) -> &'static str {
        IDS[self.index()]
    }
}

impl std::fmt::Debug for MsgId {
    #[cfg(not(target_arch = "wasm32"))]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "id!({:?})", self.name())
    }

    #[cfg(target_arch = "wasm32")]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MsgId({})", self.0)
    }
}

enum Order {
    Less,
    Equal,
    Greater,
}

/// Byte-wise order of two strings, as `str`'s `Ord` (a `const fn`).
const fn compare(a: &[u8], b: &[u8]) -> Order {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] { Order::Less } else { Order::Greater };
        }
        i += 1;
    }
    if a.len() < b.len() {
        Order::Less
    } else if a.len() > b.len() {
        Order::Greater
    } else {
        Order::Equal
    }
}

/// `id!("log-title")`: the [`MsgId`] of a message, found while compiling;
/// an id that `locales/en/*.ftl` lacks does not compile.
#[macro_export]
macro_rules! id {
    ($id:literal) => {{
        const ID: $crate::i18n::MsgId = $crate::i18n::MsgId::of($id);
        ID
    }};
}

/// `t!(lang, "log-title")`: the message in `lang`, with no arguments
/// ([`t`](crate::i18n::t) with [`id!`](crate::id)).
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {
        $crate::i18n::t($lang, $crate::id!($id))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_place_among_the_sorted_ids() {
        let id = id!("unit-bindings");
        assert_eq!(IDS[id.index()], "unit-bindings");
        assert_eq!(id.name(), "unit-bindings");
        assert!(IDS.windows(2).all(|w| w[0] < w[1]), "sorted, as the search needs");
        assert_eq!(MsgId::every().count(), IDS.len());
        assert_eq!(format!("{id:?}"), "id!(\"unit-bindings\")");
    }
}
