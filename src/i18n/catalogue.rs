//! A compiled catalogue: the bytes `build.rs` writes for one language
//! (`$OUT_DIR/<lang>.catalogue`), read in place. English is built into the
//! page; Chinese arrives as a file (fetched when the page speaks it), so a
//! catalogue is checked whole before it is used: a damaged or foreign file,
//! or one written for another build's ids, is refused, never half-read.
//!
//! The format (little-endian): `WCAT`, format `3`, the hash of the names
//! it was written against ([`IDS_HASH`]), the count of indexed messages
//! (one per English id, in [`MsgId`] order) and of named ones (messages
//! English lacks, such as the lessons' texts, sorted by id); then the
//! messages' patterns, one after the other, a named one after its id (u8
//! length, UTF-8); `3` stands for an indexed message the language lacks.
//! A pattern is its pieces, then `0`: text is its UTF-8 as it is (every
//! byte from `4` up); a variable is `1` and its place among the variable
//! names ([`VarId`]); a select is `2`, its variable, the variant count,
//! the default index, then each variant's key (u8 length, UTF-8) and
//! pattern. Reading the catalogue notes where each message begins.

use super::id::{IDS, IDS_HASH};
use super::{MsgId, VarId};

/// What the first bytes of a catalogue are.
const MAGIC: &[u8; 5] = b"WCAT\x03";

/// Where the messages begin: after the magic, the hash and the two counts.
const MESSAGES: usize = MAGIC.len() + 12;

/// Ends a pattern.
const END: u8 = 0;
/// Begins a variable.
const VAR: u8 = 1;
/// Begins a select.
const SELECT: u8 = 2;
/// An indexed message the language lacks (where its pattern would be).
const ABSENT: u8 = 3;
/// The bytes below this are marks; text is every other byte.
const FIRST_TEXT_BYTE: u8 = 4;

/// A catalogue's bytes, checked, and where each message begins.
#[derive(Clone, Debug)]
pub struct Catalogue<'a> {
    bytes: &'a [u8],
    /// Each message's first byte (`None`: the language lacks it): the
    /// indexed ones, then the named ones.
    starts: Vec<Option<u32>>,
}

/// Why a catalogue's bytes were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueError {
    /// It does not begin as a Warren catalogue of this format.
    NotACatalogue,
    /// It was written for another build's message ids.
    OtherBuild,
    /// It ends early, or a length or a piece is wrong, at this byte.
    Damaged(usize),
    /// Its named messages are not sorted, at this one.
    Unsorted(usize),
}

/// One message (or attribute `id.attr`) of a catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    pattern: &'a [u8],
}

/// A piece of a pattern.
pub(super) enum Piece<'a> {
    /// Text, as it is.
    Text(&'a str),
    /// A variable's value.
    Var(VarId),
    /// A choice on a variable's value.
    Select(Select<'a>),
}

/// A select: its variable and variants (key and pattern, in order).
pub(super) struct Select<'a> {
    /// The variable it chooses on.
    pub var: VarId,
    /// The variants' bytes.
    variants: &'a [u8],
    count: usize,
    /// The variant taken when no key matches.
    pub default: usize,
}

impl<'a> Catalogue<'a> {
    /// A catalogue with no messages (what a damaged build would leave:
    /// every message is then shown as nothing).
    pub const EMPTY: Catalogue<'static> = Catalogue { bytes: &[], starts: Vec::new() };

    /// Reads and checks a catalogue's bytes: every message and pattern is
    /// read once, by the reader that formats it, and the named ids are in
    /// order.
    pub fn read(bytes: &'a [u8]) -> Result<Catalogue<'a>, CatalogueError> {
        if !bytes.starts_with(MAGIC) {
            return Err(CatalogueError::NotACatalogue);
        }
        let mut r = Reader { b: bytes, at: MAGIC.len() };
        let mut count = || r.u32().map(|n| n as usize).ok_or(CatalogueError::Damaged(MAGIC.len()));
        let (hash, indexed, named) = (count()?, count()?, count()?);
        if hash != IDS_HASH as usize || indexed != IDS.len() {
            return Err(CatalogueError::OtherBuild);
        }
        let mut r = Reader { b: bytes, at: MESSAGES };
        let mut starts = Vec::with_capacity(indexed + named);
        let mut previous: Option<&str> = None;
        for i in 0..indexed + named {
            let start = r.at;
            let is_named = i >= indexed;
            let name = if is_named { Some(r.short().ok_or(CatalogueError::Damaged(start))?) } else { None };
            if !is_named && r.b.get(r.at) == Some(&ABSENT) {
                r.at += 1;
                starts.push(None);
                continue;
            }
            let m = r.message().ok_or(CatalogueError::Damaged(start))?;
            check_pattern(m.pattern).ok_or(CatalogueError::Damaged(offset_in(bytes, m.pattern)))?;
            if previous.is_some_and(|p| Some(p) >= name) {
                return Err(CatalogueError::Unsorted(i - indexed));
            }
            previous = name.or(previous);
            starts.push(Some(start as u32));
        }
        if r.at != bytes.len() {
            return Err(CatalogueError::Damaged(r.at));
        }
        Ok(Catalogue { bytes, starts })
    }

    /// The message `id`, if this language has it.
    pub fn get(&self, id: MsgId) -> Option<Message<'a>> {
        self.entry(id.index(), false).map(|(_, m)| m)
    }

    /// The named message `id` (one English lacks), if it has it.
    pub fn find_named(&self, id: &str) -> Option<Message<'a>> {
        let (mut low, mut high) = (0, self.starts.len().saturating_sub(IDS.len()));
        while low < high {
            let mid = (low + high) / 2;
            let (name, m) = self.named_at(mid)?;
            match name.cmp(id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(m),
            }
        }
        None
    }

    /// Every indexed message this language has, in id order.
    pub fn indexed(&self) -> impl Iterator<Item = (MsgId, Message<'a>)> + '_ {
        MsgId::every().filter_map(|id| Some((id, self.get(id)?)))
    }

    /// Every named message, sorted by id.
    pub fn named(&self) -> impl Iterator<Item = (&'a str, Message<'a>)> + '_ {
        (0..self.starts.len().saturating_sub(IDS.len())).filter_map(|j| self.named_at(j))
    }

    fn named_at(&self, j: usize) -> Option<(&'a str, Message<'a>)> {
        let (name, m) = self.entry(IDS.len() + j, true)?;
        Some((name?, m))
    }

    /// Message `i` (indexed, then named): its id first if it is `named`.
    fn entry(&self, i: usize, named: bool) -> Option<(Option<&'a str>, Message<'a>)> {
        let mut r = Reader { b: self.bytes, at: (*self.starts.get(i)?)? as usize };
        let id = if named { Some(r.short()?) } else { None };
        Some((id, r.message()?))
    }
}

impl<'a> Message<'a> {
    /// The variables it uses, sorted.
    pub fn vars(&self) -> Vec<VarId> {
        let mut vars = Vec::new();
        collect_vars(self.pieces(), &mut vars);
        vars.sort();
        vars.dedup();
        vars
    }

    /// Its pattern's pieces.
    pub(super) fn pieces(&self) -> Pieces<'a> {
        Pieces(Reader { b: self.pattern, at: 0 })
    }
}

impl<'a> Select<'a> {
    /// Each variant: its key and its pieces.
    pub(super) fn variants(&self) -> impl Iterator<Item = (&'a str, Pieces<'a>)> {
        let mut r = Reader { b: self.variants, at: 0 };
        (0..self.count).map_while(move |_| Some((r.short()?, Pieces(Reader { b: r.pattern()?, at: 0 }))))
    }
}

/// The pieces of a pattern, in order; a piece that is not well formed
/// ends them early (see [`check_pattern`]).
pub(super) struct Pieces<'a>(Reader<'a>);

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        // A piece that is not well formed is not taken: the reader stays
        // at its start, short of the pattern's end.
        let start = self.0.at;
        let piece = self.read_piece();
        if piece.is_none() {
            self.0.at = start;
        }
        piece
    }
}

impl<'a> Pieces<'a> {
    fn read_piece(&mut self) -> Option<Piece<'a>> {
        let r = &mut self.0;
        match *r.b.get(r.at)? {
            b if b >= FIRST_TEXT_BYTE => {
                let len = r.b[r.at..].iter().take_while(|&&b| b >= FIRST_TEXT_BYTE).count();
                Some(Piece::Text(r.text(len)?))
            }
            VAR => {
                r.at += 1;
                Some(Piece::Var(r.var()?))
            }
            SELECT => {
                r.at += 1;
                let var = r.var()?;
                let count = r.u8()? as usize;
                let default = r.u8()? as usize;
                let start = r.at;
                for _ in 0..count {
                    r.short()?;
                    r.pattern()?;
                }
                let variants = r.b.get(start..r.at)?;
                Some(Piece::Select(Select { var, variants, count, default }))
            }
            _ => None,
        }
    }
}

fn collect_vars(pieces: Pieces<'_>, vars: &mut Vec<VarId>) {
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Var(v) => vars.push(v),
            Piece::Select(select) => {
                vars.push(select.var);
                select.variants().for_each(|(_, v)| collect_vars(v, vars));
            }
        }
    }
}

/// Reads a pattern whole with [`Pieces`]: every piece well formed (the
/// pieces end exactly at the pattern's end), every select's variants all
/// there and each checked, its default one of them.
fn check_pattern(pattern: &[u8]) -> Option<()> {
    let mut pieces = Pieces(Reader { b: pattern, at: 0 });
    for piece in pieces.by_ref() {
        if let Piece::Select(select) = piece {
            let variants: Vec<_> = select.variants().collect();
            if variants.len() != select.count || select.default >= select.count {
                return None;
            }
            variants.into_iter().try_for_each(|(_, v)| check_pattern(v.0.b))?;
        }
    }
    (pieces.0.at == pattern.len()).then_some(())
}

fn offset_in(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Reads a catalogue's bytes; every read is checked.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        let s = self.take(4)?;
        Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    fn text(&mut self, len: usize) -> Option<&'a str> {
        std::str::from_utf8(self.take(len)?).ok()
    }

    /// A name: u8 length, then UTF-8.
    fn short(&mut self) -> Option<&'a str> {
        let len = self.u8()? as usize;
        self.text(len)
    }

    /// A message: its pattern.
    fn message(&mut self) -> Option<Message<'a>> {
        Some(Message { pattern: self.pattern()? })
    }

    /// A variable: its place among the variable names.
    fn var(&mut self) -> Option<VarId> {
        VarId::at(self.u8()?)
    }

    /// A pattern's bytes, up to its end (which is read, not kept): its
    /// pieces are read as [`Pieces`] reads them.
    fn pattern(&mut self) -> Option<&'a [u8]> {
        let mut pieces = Pieces(Reader { b: self.b, at: self.at });
        while pieces.next().is_some() {}
        let end = pieces.0.at;
        (*self.b.get(end)? == END).then_some(())?;
        let pattern = &self.b[self.at..end];
        self.at = end + 1;
        Some(pattern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    /// A catalogue of this build's ids, every one absent, and one named
    /// message `m` with `pattern`.
    fn one(pattern: &[u8]) -> Vec<u8> {
        let mut b = MAGIC.to_vec();
        for n in [IDS_HASH, IDS.len() as u32, 1] {
            b.extend_from_slice(&n.to_le_bytes());
        }
        b.resize(MESSAGES + IDS.len(), ABSENT);
        b.extend_from_slice(&[1, b'm']);
        b.extend_from_slice(pattern);
        b.push(END);
        b
    }

    #[test]
    fn every_piece_of_a_pattern_is_checked() {
        let hi = [b'h', b'i'];
        assert!(Catalogue::read(&one(&hi)).is_ok());
        assert_eq!(Catalogue::read(&one(&hi)).unwrap().find_named("m").unwrap().pieces().count(), 1);
        let stray_tag = [b'h', b'i', ABSENT];
        assert!(Catalogue::read(&one(&stray_tag)).is_err(), "a mark that begins no piece");
        let not_utf8 = [0xff];
        assert!(Catalogue::read(&one(&not_utf8)).is_err());
        // A select on the first variable name with one variant `k` (text
        // "x") and default 1.
        let bad_default = [SELECT, 0, 1, 1, 1, b'k', b'x', END];
        assert!(Catalogue::read(&one(&bad_default)).is_err(), "the default is not one of the variants");
        let mut good_default = bad_default;
        good_default[3] = 0;
        let no_such_variable = [VAR, 255];
        assert!(Catalogue::read(&one(&no_such_variable)).is_err(), "a variable is a place among the names");
        assert!(Catalogue::read(&one(&good_default)).is_ok());
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused() {
        assert!(Catalogue::read(b"WCAT\x03").is_err(), "no count");
        let mut other_build = one(&[]);
        other_build[MAGIC.len()] ^= 1;
        assert_eq!(Catalogue::read(leak(other_build)).unwrap_err(), CatalogueError::OtherBuild);
        let mut older = one(&[]);
        older[4] = 2;
        assert_eq!(Catalogue::read(leak(older)).unwrap_err(), CatalogueError::NotACatalogue, "an older format");
        assert_eq!(Catalogue::read(b"<!DOCTYPE html>").unwrap_err(), CatalogueError::NotACatalogue);
        let good = super::super::bundled_bytes(crate::i18n::Lang::Zh);
        assert!(Catalogue::read(good).is_ok());
        let cut = leak(good[..good.len() / 2].to_vec());
        assert!(matches!(Catalogue::read(cut), Err(CatalogueError::Damaged(_))));
        let mut bent = good.to_vec();
        // A byte that is never UTF-8, in the last message's text.
        let last = bent.len() - 3;
        bent[last] = 0xff;
        assert!(Catalogue::read(leak(bent)).is_err());
    }
}
