//! The scenario document: the versioned JSON (`"warren": 2`; version 1 is read too) that holds a
//! whole playground, how it is read (with errors that name the path in the
//! document) and checked.

pub mod document;
pub mod located;
pub mod parse;
pub mod programs;
pub mod queue_fields;

pub use document::*;
pub use parse::{parse, ScenarioError, MAX_DOCUMENT_BYTES};
pub use programs::{ProgramFile, TerminalCommand};
