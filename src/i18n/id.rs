//! Message ids and variable names known when the page is compiled.
//! `build.rs` writes the English ids and every variable name, each sorted,
//! to `$OUT_DIR/ids.rs`; [`id!`](crate::id) and [`var!`](crate::var) turn
//! a name written in the code into its place there while compiling, so
//! the page carries neither the names nor a search for them, and a name no
//! catalogue has is a compile error, not a word shown at run time.

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
        match place(&IDS, id) {
            Some(i) => MsgId(i as u16),
            None => panic!("no such message id in locales/en/*.ftl"),
        }
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

/// A variable of the catalogues' messages (`{ $count }`), by its place
/// among every variable name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarId(u8);

impl VarId {
    /// The variable `name`, found while compiling (see [`MsgId::of`]).
    pub const fn of(name: &str) -> VarId {
        match place(&VARS, name) {
            Some(i) => VarId(i as u8),
            None => panic!("no message of locales/*/*.ftl has this variable"),
        }
    }

    /// The variable at place `i` of a catalogue, if there is one.
    pub(super) fn at(i: u8) -> Option<VarId> {
        (usize::from(i) < VARS.len()).then_some(VarId(i))
    }

    /// Its name (tests and tools).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn name(self) -> &'static str {
        VARS[usize::from(self.0)]
    }
}

impl std::fmt::Debug for VarId {
    #[cfg(not(target_arch = "wasm32"))]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "var!({:?})", self.name())
    }

    #[cfg(target_arch = "wasm32")]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VarId({})", self.0)
    }
}

/// The place of `name` in the sorted `names` (a `const fn` binary search).
const fn place(names: &[&str], name: &str) -> Option<usize> {
    let (mut low, mut high) = (0, names.len());
    while low < high {
        let mid = (low + high) / 2;
        match compare(names[mid].as_bytes(), name.as_bytes()) {
            Order::Less => low = mid + 1,
            Order::Greater => high = mid,
            Order::Equal => return Some(mid),
        }
    }
    None
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

/// `var!("count")`: the [`VarId`] of a variable, found while compiling.
#[macro_export]
macro_rules! var {
    ($name:expr) => {{
        const VAR: $crate::i18n::VarId = $crate::i18n::VarId::of($name);
        VAR
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
        assert_eq!(var!("count").name(), "count");
        assert!(VARS.windows(2).all(|w| w[0] < w[1]));
    }
}
