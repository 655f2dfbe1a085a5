//! Base64url without padding (RFC 4648 §5): the alphabet that is safe in a
//! URL fragment without escaping. Small and strict: decoding refuses any
//! other character, padding, and a length no encoder produces.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes bytes as base64url without `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Why a text is not base64url.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A character outside the alphabet, at this byte offset.
    BadCharacter {
        /// Byte offset in the text.
        at: usize,
        /// The character found.
        found: char,
    },
    /// A length of 1 more than a multiple of 4: a character is missing.
    BadLength(usize),
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    } as u32)
}

/// Decodes base64url without padding.
pub fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    if let Some(at) = text.bytes().position(|c| value(c).is_none()) {
        let found = text[at..].chars().next().unwrap_or('?');
        return Err(DecodeError::BadCharacter { at, found });
    }
    if text.len() % 4 == 1 {
        return Err(DecodeError::BadLength(text.len()));
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (j, &c) in chunk.iter().enumerate() {
            n |= value(c).unwrap_or(0) << (18 - 6 * j);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length_and_byte() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..data.len() {
            let text = encode(&data[..len]);
            assert!(text.bytes().all(|c| value(c).is_some()));
            assert_eq!(decode(&text).unwrap(), &data[..len]);
        }
    }

    #[test]
    fn known_vectors() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg");
        assert_eq!(encode(b"fo"), "Zm8");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn refuses_foreign_characters_and_impossible_lengths() {
        assert_eq!(decode("Zm9v="), Err(DecodeError::BadCharacter { at: 4, found: '=' }));
        assert_eq!(decode("Zm9vZ"), Err(DecodeError::BadLength(5)));
        assert_eq!(decode("Zm+v"), Err(DecodeError::BadCharacter { at: 2, found: '+' }));
        assert_eq!(decode("Zmé"), Err(DecodeError::BadCharacter { at: 2, found: 'é' }));
    }
}
