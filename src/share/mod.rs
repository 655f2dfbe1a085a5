//! Share links: a whole scenario in the URL fragment, `#s=DATA`.
//!
//! DATA is the scenario's compact JSON, compressed with deflate in a zlib
//! wrapper (its Adler-32 checksum catches most changed characters) and
//! written in base64url without padding. Decoding is careful with what it
//! is given: the encoded text, the inflated size (a decompression bomb
//! stops at [`MAX_INFLATED_BYTES`]) and the document itself (through
//! [`scenario::parse()`](crate::scenario::parse())) are all checked, and every
//! refusal is a [`ShareError`] that says what is wrong.

pub mod base64url;
pub mod error;

pub use error::ShareError;

use crate::scenario::{self, Scenario};

/// The most characters of encoded data accepted (a longer link is refused
/// before any work is done).
pub const MAX_LINK_CHARS: usize = 1024 * 1024;

/// The most bytes a link may inflate to (the scenario document limit).
pub const MAX_INFLATED_BYTES: usize = scenario::MAX_DOCUMENT_BYTES;

/// The compression level (miniz's 0 to 10; 9 is the best ordinary one).
const LEVEL: u8 = 9;

/// The encoded data for a scenario (what follows `#s=`).
pub fn encode(s: &Scenario) -> String {
    let json = serde_json::to_string(s).expect("a scenario always serializes");
    base64url::encode(&miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), LEVEL))
}

/// The URL fragment for a scenario: `#s=DATA`.
pub fn fragment(s: &Scenario) -> String {
    format!("#s={}", encode(s))
}

/// Opens a share link: a whole URL, a fragment (`#s=...`), or the part
/// after `#` (`s=...`). Other `&`-separated parameters in the fragment are
/// ignored.
pub fn decode_link(link: &str) -> Result<Scenario, ShareError> {
    let fragment = match link.find('#') {
        Some(i) => &link[i + 1..],
        None => link,
    };
    let data = fragment.split('&').find_map(|part| part.strip_prefix("s=")).ok_or(ShareError::NotAShareLink)?;
    decode(data)
}

/// Decodes the data part of a share link (what follows `s=`).
pub fn decode(data: &str) -> Result<Scenario, ShareError> {
    let data = data.trim();
    if data.is_empty() {
        return Err(ShareError::Empty);
    }
    if data.len() > MAX_LINK_CHARS {
        return Err(ShareError::LinkTooLong { length: data.chars().count() });
    }
    let bytes = base64url::decode(data).map_err(|e| match e {
        base64url::DecodeError::BadCharacter { at, found } => {
            ShareError::BadCharacter { at: data[..at].chars().count(), found }
        }
        base64url::DecodeError::BadLength(length) => ShareError::BadLength { length },
    })?;
    let inflated =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_INFLATED_BYTES).map_err(|e| {
            match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                _ => ShareError::Corrupt { detail: e.to_string().to_lowercase() },
            }
        })?;
    let text = String::from_utf8(inflated).map_err(|e| ShareError::NotText { at: e.utf8_error().valid_up_to() })?;
    scenario::parse(&text).map_err(ShareError::Scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_scenario() {
        let s = scenario::parse(r#"{"warren": 1, "title": "x", "queues": [{"id": "q", "name": "hello"}]}"#).unwrap();
        let f = fragment(&s);
        assert!(f.starts_with("#s="));
        assert_eq!(decode_link(&format!("https://example.org/warren/{f}")).unwrap(), s);
        assert_eq!(decode_link(&f).unwrap(), s);
        assert_eq!(decode_link(&f[1..]).unwrap(), s);
        assert_eq!(decode_link(&format!("#embed=1&{}", &f[1..])).unwrap(), s);
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let zeros = vec![b' '; MAX_INFLATED_BYTES + 1];
        let data = base64url::encode(&miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 9));
        assert!(data.len() < 10_000);
        assert_eq!(decode(&data), Err(ShareError::TooLarge));
    }

    #[test]
    fn refusals_read_in_english_and_chinese() {
        let e = decode("AAAA!").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the share link has the character '!' at position 4 of its data, which a share link never contains (was it changed or cut?)"
        );
        assert_eq!(
            e.msg().render(crate::i18n::Lang::Zh),
            "分享链接数据的第 4 个位置出现了字符 '!'，分享链接里不会有这个字符（链接是不是被改动或截断了？）"
        );
        let bad = base64url::encode(&miniz_oxide::deflate::compress_to_vec_zlib(br#"{"warren": 3}"#, 9));
        let e = decode(&bad).unwrap_err();
        assert_eq!(e.to_string(), "the share link holds an invalid scenario: at warren: unknown format version 3: this Warren reads versions 1 and 2");
        assert_eq!(
            e.msg().render(crate::i18n::Lang::Zh),
            "分享链接中的场景无效：位置 warren：未知的格式版本 3：当前的 Warren 只能读取版本 1 和 2"
        );
        assert_eq!(
            decode_link("https://x.example/").unwrap_err().to_string(),
            "not a Warren share link: the part after '#' must start with 's='"
        );
    }
}
