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

use crate::i18n::Msg;

pub use export::{export, export_with, Export, ExportOptions};
pub use import::{import, import_with, Import, ImportOptions, MAX_DEFINITIONS_BYTES};

/// Something imported or exported differently from the file, or left out:
/// where (a path in the file or the scenario) and what.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Path in the document (`policies[0]`, `queues[3].arguments`), or
    /// the scenario's node id on export.
    pub path: String,
    /// What happened, in plain words (rendered in the page's language).
    pub message: Msg,
}

impl Warning {
    pub(crate) fn at(path: impl Into<String>, message: Msg) -> Self {
        Warning { path: path.into(), message }
    }

    /// The warning with its path, as a message: `policies[0]: …`.
    pub fn to_msg(&self) -> Msg {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            msg!("definitions-warning-at", path = &self.path, message = self.message.clone())
        }
    }
}

/// In English (the host API and developers' logs).
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_msg().english())
    }
}

/// Why a definitions file was refused, and where. Nothing is imported.
#[derive(Clone, Debug, PartialEq)]
pub struct DefinitionsError {
    /// Path in the document (`queues[2].arguments.x-max-length`), empty for
    /// the whole document.
    pub path: String,
    /// What is wrong (rendered in the page's language).
    pub message: Msg,
}

impl DefinitionsError {
    pub(crate) fn at(path: impl Into<String>, message: Msg) -> Self {
        DefinitionsError { path: path.into(), message }
    }

    /// The error with its path, as a message: `at queues[2]: …`.
    pub fn to_msg(&self) -> Msg {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            msg!("definitions-error-at", path = &self.path, message = self.message.clone())
        }
    }
}

/// In English (the host API and developers' logs).
impl fmt::Display for DefinitionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_msg().english())
    }
}

impl std::error::Error for DefinitionsError {}
