//! The scenario document: the versioned JSON (`"warren": 1`) that holds a
//! whole playground, how it is read (with errors that name the path in the
//! document) and checked.

pub mod document;
pub mod located;
pub mod parse;
pub mod queue_fields;

pub use document::*;
pub use parse::{parse, ScenarioError, MAX_DOCUMENT_BYTES};
