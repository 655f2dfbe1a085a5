//! The autosaved workspace: the scenario (clock speed included) in an
//! envelope that says which tab wrote it and when.
//!
//! ```json
//! {"warren_autosave": 1, "tab": "k3x9w2", "saved_at": 1764000000000, "scenario": {"warren": 1, ...}}
//! ```
//!
//! Two tabs: every save writes the whole envelope in one `setItem`, so a
//! copy is never half one tab's and half another's; the last writer wins.
//! Each tab also keeps its own copy in `sessionStorage` (which survives a
//! reload of that tab only), so reloading a tab restores exactly what that
//! tab had even when another tab saved since; a new tab opens the latest
//! copy from `localStorage`. When another tab saves, the `storage` event
//! lets this one offer to load the newer copy.
//!
//! A copy that cannot be read is never thrown away: it is moved aside under
//! a key of its own ([`set_aside_key`]) and reported once.

use serde::Serialize;
use serde_json::Value;

use crate::i18n::Msg;
use crate::scenario::{self, Scenario};

/// The storage key of the saved workspace (in `localStorage` and
/// `sessionStorage`).
pub const KEY: &str = "warren.workspace";

/// The `sessionStorage` key of this tab's id.
pub const TAB_KEY: &str = "warren.tab";

/// The start of the keys that damaged copies are moved to.
pub const SET_ASIDE_PREFIX: &str = "warren.workspace.damaged.";

/// The envelope's format version.
pub const VERSION: u64 = 1;

/// The largest saved copy read back (the document limit plus room for the
/// envelope).
pub const MAX_SAVED_BYTES: usize = scenario::MAX_DOCUMENT_BYTES + 4096;

/// A saved workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// The id of the tab that saved it.
    pub tab: String,
    /// When (ms since 1970, the browser's clock).
    pub saved_at: f64,
    /// The scenario.
    pub scenario: Scenario,
}

#[derive(Serialize)]
struct Envelope<'a> {
    warren_autosave: u64,
    tab: &'a str,
    saved_at: f64,
    scenario: &'a Scenario,
}

/// The text saved for a scenario.
pub fn encode(scenario: &Scenario, tab: &str, saved_at: f64) -> String {
    let saved_at = if saved_at.is_finite() { saved_at } else { 0.0 };
    serde_json::to_string(&Envelope { warren_autosave: VERSION, tab, saved_at, scenario })
        .expect("a scenario always serializes")
}

/// Why a saved copy cannot be read, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedError {
    /// Path in the copy (`scenario.queues[2].name`), empty for the whole copy.
    pub path: String,
    /// What is wrong.
    pub message: Msg,
}

impl SavedError {
    /// The line a banner shows: `at <path>: <what>` (or just what).
    pub fn line(&self) -> Msg {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            msg!("workspace-saved-at", path = self.path.clone(), what = self.message.clone())
        }
    }
}

fn refuse(path: impl Into<String>, message: Msg) -> SavedError {
    SavedError { path: path.into(), message }
}

/// Reads a saved copy back; the error names the path of the problem
/// (`scenario.queues[2].name`).
pub fn decode(text: &str) -> Result<Saved, SavedError> {
    if text.len() > MAX_SAVED_BYTES {
        return Err(refuse("", msg!("workspace-saved-too-large", bytes = text.len(), limit = MAX_SAVED_BYTES)));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let error = e.to_string();
        refuse("", msg!("workspace-saved-not-json", error = error, line = e.line(), column = e.column()))
    })?;
    let Value::Object(mut obj) = value else {
        return Err(refuse("", msg!("workspace-saved-not-object")));
    };
    match obj.get("warren_autosave") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            let found = v.to_string();
            return Err(refuse("warren_autosave", msg!("workspace-saved-version", found = found, version = VERSION)));
        }
        None => return Err(refuse("warren_autosave", msg!("workspace-saved-not-warren"))),
    }
    let tab = match obj.get("tab") {
        Some(Value::String(t)) => t.clone(),
        None => String::new(),
        Some(_) => return Err(refuse("tab", msg!("workspace-saved-not-string"))),
    };
    let saved_at = match obj.get("saved_at") {
        Some(v) => v
            .as_f64()
            .filter(|t| t.is_finite())
            .ok_or_else(|| refuse("saved_at", msg!("workspace-saved-not-number")))?,
        None => 0.0,
    };
    let scenario = obj.remove("scenario").ok_or_else(|| refuse("scenario", msg!("workspace-saved-missing")))?;
    let scenario = scenario::parse::from_value(scenario).map_err(|e| {
        let path = if e.path.is_empty() { "scenario".to_string() } else { format!("scenario.{}", e.path) };
        refuse(path, e.reason)
    })?;
    Ok(Saved { tab, saved_at, scenario })
}

/// The key a damaged copy is moved to: the prefix, where it came from
/// (`local` or `session`) and the time, so earlier ones are kept too.
pub fn set_aside_key(from: &str, now_ms: f64) -> String {
    format!("{SET_ASIDE_PREFIX}{from}.{}", now_ms.max(0.0) as u64)
}

/// A tab id from a random number in [0, 1): eight base-36 characters.
pub fn tab_id(random: f64) -> String {
    let mut n = (random.clamp(0.0, 1.0) * 36f64.powi(8)) as u64;
    let mut s = String::new();
    for _ in 0..8 {
        s.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> Scenario {
        let mut s = crate::lessons::by_slug("work-queues").unwrap().scenario;
        s.speed = 2.5;
        s
    }

    #[test]
    fn round_trips_exactly_with_the_speed() {
        let s = lesson();
        let text = encode(&s, "tab1", 1234.5);
        let back = decode(&text).unwrap();
        assert_eq!(back, Saved { tab: "tab1".into(), saved_at: 1234.5, scenario: s });
    }

    #[test]
    fn damaged_copies_say_where() {
        let cases = [
            ("", "", "not valid JSON"),
            ("{\"warren_autosave\": 1, \"scen", "", "not valid JSON"),
            ("[]", "", "JSON object"),
            ("{\"warren\": 1}", "warren_autosave", "not a workspace saved by Warren"),
            ("{\"warren_autosave\": 9, \"scenario\": {}}", "warren_autosave", "unknown version 9"),
            ("{\"warren_autosave\": 1}", "scenario", "missing"),
            ("{\"warren_autosave\": 1, \"tab\": 3, \"scenario\": {}}", "tab", "string"),
            (
                "{\"warren_autosave\": 1, \"scenario\": {\"warren\": 1, \"queues\": [{\"id\": \"q\", \"name\": 5}]}}",
                "scenario.queues[0].name",
                "invalid type",
            ),
            (
                "{\"warren_autosave\": 1, \"scenario\": {\"warren\": 1, \"speed\": 99}}",
                "scenario.speed",
                "outside 0.1 to 10",
            ),
            ("{\"warren_autosave\": 1, \"scenario\": 7}", "scenario", "JSON object"),
        ];
        for (text, path, message) in cases {
            let e = decode(text).unwrap_err();
            assert_eq!(e.path, path, "{text}");
            assert!(e.message.english().contains(message), "{text}: {}", e.message.english());
        }
        let huge = format!("{{\"warren_autosave\": 1, \"x\": \"{}\"}}", "a".repeat(MAX_SAVED_BYTES));
        assert!(decode(&huge).unwrap_err().message.english().contains("limit"));
        let e = decode("{\"warren\": 1}").unwrap_err();
        assert_eq!(e.line().english(), "at warren_autosave: missing: this is not a workspace saved by Warren");
        assert_eq!(e.line().render(crate::i18n::Lang::Zh), "位置 warren_autosave：缺失：这不是 Warren 保存的工作区");
    }

    #[test]
    fn keys_and_tab_ids() {
        assert_eq!(set_aside_key("local", 1700000000123.7), "warren.workspace.damaged.local.1700000000123");
        assert_eq!(tab_id(0.0), "00000000");
        assert_eq!(tab_id(0.5).len(), 8);
        assert_ne!(tab_id(0.25), tab_id(0.75));
    }
}
