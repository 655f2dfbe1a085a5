//! Client code for a scenario, so what was tried in the playground runs
//! against a real RabbitMQ.
//!
//! - [`python`]: safe Python literals and identifiers.
//! - [`pika`]: the Python program (pika 1.3, `BlockingConnection`).

pub mod clients;
pub mod pika;
pub mod python;

use crate::scenario::Scenario;

/// The languages code can be exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// Python with pika 1.3.
    Pika,
}

impl Language {
    /// The language for a name the API receives (`"pika"`, `"python"`).
    pub fn parse(name: &str) -> Option<Language> {
        match name.to_ascii_lowercase().as_str() {
            "pika" | "python" | "py" => Some(Language::Pika),
            _ => None,
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Language::Pika => "py",
        }
    }
}

/// The program for a scenario in a language.
pub fn export(s: &Scenario, language: Language) -> String {
    match language {
        Language::Pika => pika::program(s),
    }
}

/// The scenario as one program per client (a producer, a consumer, an RPC
/// client with its reply consumer), as the tutorials are written; see
/// [`clients`].
pub fn programs(s: &Scenario, language: Language) -> Vec<crate::scenario::ProgramFile> {
    match language {
        Language::Pika => clients::programs(s),
    }
}
