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
pub struct Catalogue {
    bytes: &'static [u8],
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
pub struct Message {
    /// Its id.
    pub id: &'static str,
    vars: &'static [u8],
    var_count: usize,
    pattern: &'static [u8],
}

/// A piece of a pattern.
pub(super) enum Piece {
    /// Text, as it is.
    Text(&'static str),
    /// A variable's value.
    Var(&'static str),
    /// A choice on a variable's value.
    Select(Select),
}

/// A select: its variable and variants (key and pattern, in order).
pub(super) struct Select {
    /// The variable it chooses on.
    pub var: &'static str,
    /// The variants' bytes.
    variants: &'static [u8],
    count: usize,
    /// The variant taken when no key matches.
    pub default: usize,
}

impl Catalogue {
    /// A catalogue with no messages (what a damaged build would leave:
    /// every id is then shown as itself).
    pub const EMPTY: Catalogue = Catalogue { bytes: &[], count: 0 };

    /// Reads and checks a catalogue's bytes.
    pub fn read(bytes: &'static [u8]) -> Result<Catalogue, CatalogueError> {
        if !bytes.starts_with(MAGIC) {
            return Err(CatalogueError::NotACatalogue);
        }
        let mut r = Reader { b: bytes, at: MAGIC.len() };
        let count = r.u32().ok_or(CatalogueError::Damaged(r.at))? as usize;
        let c = Catalogue { bytes, count };
        let mut previous: Option<&str> = None;
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

    /// How many messages it has.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The message `id`, if it has it.
    pub fn find(&self, id: &str) -> Option<Message> {
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
    pub fn messages(&self) -> impl Iterator<Item = Message> + '_ {
        (0..self.count).filter_map(|i| self.message(i))
    }

    fn message(&self, i: usize) -> Option<Message> {
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

impl Message {
    /// The variables it uses, sorted.
    pub fn vars(&self) -> Vec<&'static str> {
        let mut r = Reader { b: self.vars, at: 0 };
        (0..self.var_count).filter_map(|_| r.short()).collect()
    }

    /// Its pattern's pieces.
    pub(super) fn pieces(&self) -> Pieces {
        Pieces(Reader { b: self.pattern, at: 0 })
    }
}

impl Select {
    /// Each variant: its key and its pieces.
    pub(super) fn variants(&self) -> impl Iterator<Item = (&'static str, Pieces)> {
        let mut r = Reader { b: self.variants, at: 0 };
        (0..self.count).map_while(move |_| Some((r.short()?, Pieces(Reader { b: r.pattern()?, at: 0 }))))
    }
}

/// The pieces of a pattern, in order.
pub(super) struct Pieces(Reader);

impl Iterator for Pieces {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let r = &mut self.0;
        match r.u8()? {
            0 => {
                let len = r.u16()? as usize;
                Some(Piece::Text(r.text(len)?))
            }
            1 => Some(Piece::Var(r.short()?)),
            _ => {
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
        }
    }
}

/// Walks a pattern whole: every piece well formed, every select's default
/// one of its variants.
fn check_pattern(pattern: &'static [u8]) -> Option<()> {
    let mut r = Reader { b: pattern, at: 0 };
    while r.at < pattern.len() {
        let tag = r.u8()?;
        match tag {
            0 => {
                let len = r.u16()? as usize;
                r.text(len)?;
            }
            1 => {
                r.short()?;
            }
            2 => {
                r.short()?;
                let (count, default) = (r.u8()?, r.u8()?);
                if default >= count {
                    return None;
                }
                for _ in 0..count {
                    r.short()?;
                    check_pattern(r.pattern()?)?;
                }
            }
            _ => return None,
        }
    }
    Some(())
}

fn offset_in(whole: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Reads a catalogue's bytes; every read is checked.
struct Reader {
    b: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
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

    fn text(&mut self, len: usize) -> Option<&'static str> {
        std::str::from_utf8(self.take(len)?).ok()
    }

    /// A name: u8 length, then UTF-8.
    fn short(&mut self) -> Option<&'static str> {
        let len = self.u8()? as usize;
        self.text(len)
    }

    /// A pattern's bytes: u16 length, then the pieces.
    fn pattern(&mut self) -> Option<&'static [u8]> {
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

    #[test]
    fn a_damaged_or_foreign_file_is_refused() {
        assert_eq!(Catalogue::read(b"<!DOCTYPE html>").unwrap_err(), CatalogueError::NotACatalogue);
        let good = super::super::bundled_bytes(crate::i18n::Lang::Zh);
        assert!(Catalogue::read(good).is_ok());
        let cut = leak(good[..good.len() / 2].to_vec());
        assert!(matches!(Catalogue::read(cut), Err(CatalogueError::Damaged(_))));
        let mut bent = good.to_vec();
        // A text's length byte pointing past its pattern.
        let last = bent.len() - 3;
        bent[last] = 0xff;
        assert!(Catalogue::read(leak(bent)).is_err());
    }
}
