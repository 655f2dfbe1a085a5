//! The programs a scenario carries (version 2): Python files by name, and
//! the command lines typed in the terminal with the virtual time each was
//! typed at. Replaying the document runs every command again at its time.

use serde::{Deserialize, Serialize};

use super::parse::ScenarioError;
use super::Scenario;

/// Most program files in one scenario.
pub const MAX_PROGRAMS: usize = 64;
/// Longest program source, in bytes.
pub const MAX_PROGRAM_BYTES: usize = 256 * 1024;
/// Most commands in one scenario.
pub const MAX_COMMANDS: usize = 1_000;
/// Longest command line, in bytes.
pub const MAX_COMMAND_BYTES: usize = 4_096;
/// Latest virtual time a command may be typed at (30 days, in ms).
pub const MAX_COMMAND_AT_MS: u64 = 30 * 24 * 3_600_000;

/// A Python file, by the name a command line gives it (`send.py`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    /// The file name.
    pub name: String,
    /// The Python source.
    pub source: String,
}

/// A command line typed in the terminal (`python3 receive.py`) and the
/// virtual time it was typed at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalCommand {
    /// Virtual time in ms.
    pub at: u64,
    /// The command line as typed.
    pub line: String,
}

impl Scenario {
    /// Adds program files, replacing those with the same name (in place).
    pub fn store_programs(&mut self, files: Vec<ProgramFile>) {
        for f in files {
            match self.programs.iter_mut().find(|p| p.name == f.name) {
                Some(p) => *p = f,
                None => self.programs.push(f),
            }
        }
    }

    /// The program file called `name`.
    pub fn program(&self, name: &str) -> Option<&ProgramFile> {
        self.programs.iter().find(|p| p.name == name)
    }
}

/// A file name a terminal can type: 1 to 255 bytes, no `/`, no control
/// characters, not `.` or `..`.
fn check_file_name(path: String, name: &str) -> Result<(), ScenarioError> {
    let why = if name.is_empty() || name.len() > 255 {
        msg!("document-file-name-length")
    } else if name.contains('/') || name == "." || name == ".." {
        msg!("document-file-name-plain")
    } else if name.chars().any(|c| c.is_control()) {
        msg!("document-file-name-control")
    } else {
        return Ok(());
    };
    Err(ScenarioError::at(path, why))
}

/// Program names (unique), sizes; commands' number, length and times.
pub(super) fn check_programs(s: &Scenario) -> Result<(), ScenarioError> {
    if s.programs.len() > MAX_PROGRAMS {
        return Err(ScenarioError::at(
            "programs",
            msg!("document-programs-count", count = s.programs.len(), limit = MAX_PROGRAMS),
        ));
    }
    for (i, p) in s.programs.iter().enumerate() {
        check_file_name(format!("programs[{i}].name"), &p.name)?;
        if s.programs[..i].iter().any(|q| q.name == p.name) {
            return Err(ScenarioError::at(
                format!("programs[{i}].name"),
                msg!("document-program-taken", name = p.name.as_str()),
            ));
        }
        if p.source.len() > MAX_PROGRAM_BYTES {
            return Err(ScenarioError::at(
                format!("programs[{i}].source"),
                msg!("document-bytes-limit", bytes = p.source.len(), limit = MAX_PROGRAM_BYTES),
            ));
        }
    }
    check_commands(s)
}

fn check_commands(s: &Scenario) -> Result<(), ScenarioError> {
    if s.commands.len() > MAX_COMMANDS {
        return Err(ScenarioError::at(
            "commands",
            msg!("document-commands-count", count = s.commands.len(), limit = MAX_COMMANDS),
        ));
    }
    for (i, c) in s.commands.iter().enumerate() {
        if c.line.len() > MAX_COMMAND_BYTES {
            return Err(ScenarioError::at(
                format!("commands[{i}].line"),
                msg!("document-bytes-limit", bytes = c.line.len(), limit = MAX_COMMAND_BYTES),
            ));
        }
        if c.line.chars().any(|ch| ch.is_control()) {
            return Err(ScenarioError::at(format!("commands[{i}].line"), msg!("document-command-line")));
        }
        if c.at > MAX_COMMAND_AT_MS {
            return Err(ScenarioError::at(
                format!("commands[{i}].at"),
                msg!("document-command-at", at = c.at, limit = MAX_COMMAND_AT_MS),
            ));
        }
    }
    Ok(())
}
