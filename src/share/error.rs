//! Why a share link was refused: each reason says what is wrong and where.

use std::fmt;

use crate::scenario::ScenarioError;

/// A share link that could not be opened. The current workspace is never
/// touched by a failed decode: the caller keeps what it had.
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use super::{MAX_INFLATED_BYTES, MAX_LINK_CHARS};
        match self {
            ShareError::NotAShareLink => write!(f, "not a Warren share link: the part after '#' must start with 's='"),
            ShareError::Empty => write!(f, "the share link is empty after 's='"),
            ShareError::LinkTooLong { length } => {
                write!(f, "the share link's data is {length} characters; the limit is {MAX_LINK_CHARS}")
            }
            ShareError::BadCharacter { at, found } => write!(
                f,
                "the share link has the character {found:?} at position {at} of its data, which a share link never contains (was it changed or cut?)"
            ),
            ShareError::BadLength { length } => {
                write!(f, "the share link's data is {length} characters long, which no share link is: it was cut short")
            }
            ShareError::Corrupt { detail } => {
                write!(f, "the share link's data is damaged or cut short ({detail}); copy the whole link again")
            }
            ShareError::TooLarge => {
                write!(f, "the share link inflates to more than {MAX_INFLATED_BYTES} bytes; it was refused")
            }
            ShareError::NotText { at } => write!(f, "the share link's data is not text (invalid UTF-8 at byte {at})"),
            ShareError::Scenario(e) => write!(f, "the share link holds an invalid scenario: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}
