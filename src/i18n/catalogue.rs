//! A compiled catalogue: the bytes `build.rs` writes for one language
//! (`$OUT_DIR/<lang>.catalogue`), read in place. English is built into the
//! page; Chinese arrives as a file (fetched when the page speaks it), so a
//! catalogue is checked whole before it is used: a damaged or foreign file
//! is refused, never half-read.
//!
//! The format (little-endian): `WCAT`, format `1`, the message count
//! (u32), one u32 offset per message, sorted by id; then each message: its
//! id and its variables (a count, then names: u8 length and UTF-8), and its
//! pattern. A pattern is its length in bytes (u16) and pieces: text (`0`,
//! u16 length, UTF-8), a variable (`1`, name) or a select (`2`, variable,
//! variant count, default index, then each variant's key and pattern).

/// What the first bytes of a catalogue are.
const MAGIC: &[u8; 5] = b"WCAT\x01";

/// A catalogue's bytes, checked.
#[derive(Clone, Copy, Debug)]
pub struct Catalogue<'a> {
    bytes: &'a [u8],
    count: usize,
}

/// Why a catalogue's bytes were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueError {
    /// It does not begin as a Warren catalogue of this format.
    NotACatalogue,
    /// It ends early or a length points outside it, at this byte.
    Damaged(usize),
    /// Its ids are not sorted, at this message.
    Unsorted(usize),
}

/// One message (or attribute `id.attr`) of a catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    /// Its id.
    pub id: &'a str,
    vars: &'a [u8],
    var_count: usize,
    pattern: &'a [u8],
}

/// A piece of a pattern.
pub(super) enum Piece<'a> {
    /// Text, as it is.
    Text(&'a str),
    /// A variable's value.
    Var(&'a str),
    /// A choice on a variable's value.
    Select(Select<'a>),
}

/// A select: its variable and variants (key and pattern, in order).
pub(super) struct Select<'a> {
    /// The variable it chooses on.
    pub var: &'a str,
    /// The variants' bytes.
    variants: &'a [u8],
    count: usize,
    /// The variant taken when no key matches.
    pub default: usize,
}

impl<'a> Catalogue<'a> {
    /// A catalogue with no messages (what a damaged build would leave:
    /// every id is then shown as itself).
    pub const EMPTY: Catalogue<'static> = Catalogue { bytes: &[], count: 0 };

    /// Reads and checks a catalogue's bytes: every message and pattern is
    /// read once, by the reader that formats it, and the ids are in order.
    pub fn read(bytes: &'a [u8]) -> Result<Catalogue<'a>, CatalogueError> {
        if !bytes.starts_with(MAGIC) {
            return Err(CatalogueError::NotACatalogue);
        }
        let mut r = Reader { b: bytes, at: MAGIC.len() };
        let count = r.u32().ok_or(CatalogueError::Damaged(r.at))? as usize;
        let c = Catalogue { bytes, count };
        let mut previous: Option<&'a str> = None;
        for i in 0..count {
            let m = c.message(i).ok_or(CatalogueError::Damaged(MAGIC.len() + 4 + 4 * i))?;
            check_pattern(m.pattern).ok_or(CatalogueError::Damaged(offset_in(bytes, m.pattern)))?;
            if previous.is_some_and(|p| p >= m.id) {
                return Err(CatalogueError::Unsorted(i));
            }
            previous = Some(m.id);
        }
        Ok(c)
    }

    /// The message `id`, if it has it.
    pub fn find(&self, id: &str) -> Option<Message<'a>> {
        let (mut low, mut high) = (0, self.count);
        while low < high {
            let mid = (low + high) / 2;
            let m = self.message(mid)?;
            match m.id.cmp(id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(m),
            }
        }
        None
    }

    /// Every message, sorted by id.
    pub fn messages(&self) -> impl Iterator<Item = Message<'a>> + '_ {
        (0..self.count).filter_map(|i| self.message(i))
    }

    fn message(&self, i: usize) -> Option<Message<'a>> {
        let at = Reader { b: self.bytes, at: MAGIC.len() + 4 + 4 * i }.u32()? as usize;
        let mut r = Reader { b: self.bytes, at };
        let id = r.short()?;
        let var_count = r.u8()? as usize;
        let vars_at = r.at;
        for _ in 0..var_count {
            r.short()?;
        }
        let vars = self.bytes.get(vars_at..r.at)?;
        let pattern = r.pattern()?;
        Some(Message { id, vars, var_count, pattern })
    }
}

impl<'a> Message<'a> {
    /// The variables it uses, sorted.
    pub fn vars(&self) -> Vec<&'a str> {
        let mut r = Reader { b: self.vars, at: 0 };
        (0..self.var_count).filter_map(|_| r.short()).collect()
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
        match r.u8()? {
            0 => {
                let len = r.u16()? as usize;
                Some(Piece::Text(r.text(len)?))
            }
            1 => Some(Piece::Var(r.short()?)),
            2 => {
                let var = r.short()?;
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

    fn u16(&mut self) -> Option<u16> {
        let s = self.take(2)?;
        Some(u16::from_le_bytes([s[0], s[1]]))
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

    /// A pattern's bytes: u16 length, then the pieces.
    fn pattern(&mut self) -> Option<&'a [u8]> {
        let len = self.u16()? as usize;
        self.take(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    /// A catalogue of one message `m` with no variables and `pattern`.
    fn one(pattern: &[u8]) -> Vec<u8> {
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&1u32.to_le_bytes());
        b.extend_from_slice(&13u32.to_le_bytes());
        b.extend_from_slice(&[1, b'm', 0]);
        b.extend_from_slice(&(pattern.len() as u16).to_le_bytes());
        b.extend_from_slice(pattern);
        b
    }

    #[test]
    fn every_piece_of_a_pattern_is_checked() {
        let hi = [0, 2, 0, b'h', b'i'];
        assert!(Catalogue::read(&one(&hi)).is_ok());
        assert_eq!(Catalogue::read(&one(&hi)).unwrap().find("m").unwrap().pieces().count(), 1);
        let stray_tag = [0, 2, 0, b'h', b'i', 7];
        assert!(Catalogue::read(&one(&stray_tag)).is_err(), "an unknown piece at the end");
        let not_utf8 = [0, 1, 0, 0xff];
        assert!(Catalogue::read(&one(&not_utf8)).is_err());
        // A select on `n` with one variant `k` (text "x") and default 1.
        let bad_default = [2, 1, b'n', 1, 1, 1, b'k', 4, 0, 0, 1, 0, b'x'];
        assert!(Catalogue::read(&one(&bad_default)).is_err(), "the default is not one of the variants");
        let mut good_default = bad_default;
        good_default[4] = 0;
        assert!(Catalogue::read(&one(&good_default)).is_ok());
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused() {
        assert!(Catalogue::read(b"WCAT\x01").is_err(), "no count");
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
