//! Client code for a scenario, so what was tried in the playground runs
//! against a real RabbitMQ.
//!
//! - [`python`]: safe Python literals and identifiers.
//! - [`pika`]: the Python program (pika 1.3, `BlockingConnection`).
//!
//! The programs' comments are in the language asked for (the page's, in
//! the file menu; English for the host API); the code itself is the same
//! in every language, and names reach it only as escaped literals.

pub mod clients;
pub mod pika;
pub mod python;

use crate::i18n::{t, Lang};
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

/// The program for a scenario in a language, its comments in `lang`.
pub fn export(s: &Scenario, language: Language, lang: Lang) -> String {
    match language {
        Language::Pika => pika::program(s, lang),
    }
}

/// The scenario as one program per client (a producer, a consumer, an RPC
/// client with its reply consumer), as the tutorials are written; see
/// [`clients`].
pub fn programs(s: &Scenario, language: Language, lang: Lang) -> Vec<crate::scenario::ProgramFile> {
    match language {
        Language::Pika => clients::programs(s, lang),
    }
}

/// Python comment lines (`{indent}# …`) for the message `id` in `lang`,
/// one per line of the message (a comment never ends early, whatever the
/// text: a line break starts the next comment line).
pub(crate) fn comment_lines(indent: &str, id: crate::i18n::MsgId, lang: Lang) -> Vec<String> {
    t(lang, id).lines().map(|l| format!("{indent}# {l}").trim_end().to_string()).collect()
}
