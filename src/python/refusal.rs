//! Why a file cannot be loaded: a syntax error, or a construct Warren does
//! not run, with where it is and what to write instead.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The modules programs can import.
pub const KNOWN_MODULES: &[&str] = &["pika", "sys", "time", "os", "uuid", "json", "random", "functools", "threading"];

/// A file refused at load time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// The file name.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The construct (`import requests`, `yield`, `SyntaxError`).
    pub construct: String,
    /// What is wrong and what Warren can run instead.
    pub message: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.column, self.construct, self.message)
    }
}

/// The hint for an unknown module.
pub fn unknown_module_message() -> String {
    format!("Warren runs pika programs; modules it knows: {}", KNOWN_MODULES.join(", "))
}
