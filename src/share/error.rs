//! Why a share link was refused: each reason says what is wrong and where.

use std::fmt;

use crate::i18n::Msg;
use crate::scenario::ScenarioError;

/// A share link that could not be opened. The current workspace is never
/// touched by a failed decode: the caller keeps what it had.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// The text has no `s=` part (not a Warren share link).
    NotAShareLink,
    /// The `s=` part is empty.
    Empty,
    /// The encoded part is longer than [`MAX_LINK_CHARS`](super::MAX_LINK_CHARS).
    LinkTooLong {
        /// Its length in characters.
        length: usize,
    },
    /// A character that base64url does not use, at this offset of the
    /// encoded part (often a link cut or changed by a mail client).
    BadCharacter {
        /// Offset in the encoded part.
        at: usize,
        /// The character.
        found: char,
    },
    /// The encoded part stops in the middle of a character group.
    BadLength {
        /// Its length.
        length: usize,
    },
    /// The compressed data is cut short or damaged.
    Corrupt {
        /// What the decompressor found.
        detail: String,
    },
    /// The data inflates to more than [`MAX_INFLATED_BYTES`](super::MAX_INFLATED_BYTES).
    TooLarge,
    /// The data inflates to something that is not UTF-8 text.
    NotText {
        /// Byte offset of the first invalid byte.
        at: usize,
    },
    /// The text is not a valid scenario document.
    Scenario(ScenarioError),
}

impl ShareError {
    /// Why the link was refused, to render in the page's language.
    pub fn msg(&self) -> Msg {
        use super::{MAX_INFLATED_BYTES, MAX_LINK_CHARS};
        match self {
            ShareError::NotAShareLink => msg!("share-not-a-link"),
            ShareError::Empty => msg!("share-empty"),
            ShareError::LinkTooLong { length } => msg!("share-too-long", length = *length, limit = MAX_LINK_CHARS),
            ShareError::BadCharacter { at, found } => {
                msg!("share-bad-character", found = format!("{found:?}"), at = *at)
            }
            ShareError::BadLength { length } => msg!("share-bad-length", length = *length),
            ShareError::Corrupt { detail } => msg!("share-corrupt", detail = detail.as_str()),
            ShareError::TooLarge => msg!("share-too-large", limit = MAX_INFLATED_BYTES),
            ShareError::NotText { at } => msg!("share-not-text", at = *at),
            ShareError::Scenario(e) => msg!("share-invalid-scenario", error = e.msg()),
        }
    }
}

/// The English text (for logs, tests and the host API).
impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().english())
    }
}

// The arguments are whole numbers and texts (never NaN), so equality is
// reflexive.
impl Eq for ShareError {}

impl std::error::Error for ShareError {}
