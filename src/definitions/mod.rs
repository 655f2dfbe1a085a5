//! RabbitMQ definitions (`definitions.json`): import one into a scenario,
//! export a scenario as one.
//!
//! - [`format`](mod@format): the file's shapes (serde types).
//! - [`import`](mod@import): definitions → [`Scenario`](crate::scenario::Scenario), with
//!   warnings for what a playground cannot hold (users, policies, other
//!   vhosts, plugin exchange types, bindings whose ends are missing).
//! - [`export`](mod@export): scenario → definitions that `rabbitmqctl
//!   import_definitions` accepts and that route the same way.
//! - [`layout`]: places nodes in readable columns (producers | exchanges by
//!   depth | queues | consumers).

pub mod export;
pub mod format;
pub mod import;
pub mod layout;

use std::fmt;

pub use export::{export, export_with, Export, ExportOptions};
pub use import::{import, import_with, Import, ImportOptions, MAX_DEFINITIONS_BYTES};

/// Something imported or exported differently from the file, or left out:
/// where (a path in the file or the scenario) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Path in the document (`policies[0]`, `queues[3].arguments`), or
    /// the scenario's node id on export.
    pub path: String,
    /// What happened, in plain words.
    pub message: String,
}

impl Warning {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a definitions file was refused, and where. Nothing is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionsError {
    /// Path in the document (`queues[2].arguments.x-max-length`), empty for
    /// the whole document.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl DefinitionsError {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        DefinitionsError { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for DefinitionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "at {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DefinitionsError {}
