//! Topic keys as words: splitting a key on `.` (allocation-free, by a
//! mask of its dots) and the interned literal words of binding keys.

use rustc_hash::FxHashMap;

/// Splits a topic key into words the way RabbitMQ does.
pub fn words(key: &str) -> Vec<&str> {
    if key.is_empty() {
        Vec::new()
    } else {
        key.split('.').collect()
    }
}

/// Calls `f` with each word of `key` in order, as [`words`] splits it,
/// without allocating. Keys of up to 64 bytes are scanned eight bytes at a
/// time into a mask of their dots ([`dot_mask`]); longer ones byte by byte.
/// (`.` is ASCII, so every piece is a whole UTF-8 string.)
#[inline(always)]
pub(crate) fn for_each_word<'k>(key: &'k str, mut f: impl FnMut(&'k str)) {
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
pub(crate) fn dots_in_8(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let y = x ^ 0x2e2e_2e2e_2e2e_2e2e;
    // High bit of each byte set when that byte of `y` is zero.
    let zero = !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7);
    (zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The literal words of the binding keys, interned: word → id (ids count
/// up from 0).
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    /// Words of up to [`PACKED`] bytes, packed into an integer
    /// ([`Words::pack`]): looking one up hashes and compares integers and
    /// reads no string.
    short: FxHashMap<u64, u32>,
    /// Longer words.
    long: FxHashMap<Box<str>, u32>,
}

/// The longest word [`Words::pack`] packs.
pub(crate) const PACKED: usize = 7;

impl Words {
    /// `word` as one integer, when it is short enough: its bytes in little-
    /// endian order and its length in the top byte, so distinct words give
    /// distinct integers. (The bytes are read as the first and last four,
    /// overlapping, or below four bytes the first, middle and last: each
    /// byte lands at its own place either way.)
    #[inline(always)]
    pub(crate) fn pack(word: &str) -> Option<u64> {
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
    pub(crate) fn get(&self, word: &str) -> u32 {
        match Self::pack(word) {
            Some(packed) => self.short.get(&packed),
            None => self.long.get(word),
        }
        .copied()
        .unwrap_or(NONE)
    }

    /// The id of `word`, interned if new.
    pub(crate) fn intern(&mut self, word: &str) -> u32 {
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
pub(crate) const NONE: u32 = u32::MAX;
