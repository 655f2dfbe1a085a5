//! Files in and out of the workspace: download names made from the
//! scenario's title, and opening a file's text as a scenario document, a
//! RabbitMQ definitions file, or (for a dropped file) whichever it is.
//! Opening never touches the workspace: it gives the scenario to load, or
//! the banner that says why not.

use crate::codegen::Language;
use crate::definitions;
use crate::scenario::{self, Scenario};

use crate::i18n::{Lang, Msg};

use super::banner::{Banner, Tone, Topic};

/// The longest file stem made from a title.
const MAX_STEM: usize = 60;

/// A file name stem from a title: lower-case letters and digits joined by
/// `sep`, at most 60 characters; `warren` when nothing is left.
pub fn stem(title: &str, sep: char) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if out.chars().count() >= MAX_STEM {
                break;
            }
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(sep) {
            out.push(sep);
        }
    }
    let out = out.trim_end_matches(sep).to_string();
    if out.is_empty() {
        "warren".to_string()
    } else {
        out
    }
}

/// `<title>.warren.json`.
pub fn scenario_file_name(s: &Scenario) -> String {
    format!("{}.warren.json", stem(&s.title, '-'))
}

/// `<title>.definitions.json`.
pub fn definitions_file_name(s: &Scenario) -> String {
    format!("{}.definitions.json", stem(&s.title, '-'))
}

/// `<title>.py` (with underscores, a name Python can import).
pub fn code_file_name(s: &Scenario, language: Language) -> String {
    let mut stem = stem(&s.title, '_');
    if stem.starts_with(|c: char| c.is_ascii_digit()) {
        stem.insert_str(0, "warren_");
    }
    format!("{stem}.{}", language.extension())
}

/// The scenario document as a file: pretty JSON.
pub fn scenario_file(s: &Scenario) -> String {
    let mut text = serde_json::to_string_pretty(s).expect("a scenario always serializes");
    text.push('\n');
    text
}

/// What a file holds, judged from its top-level keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Warren scenario (`"warren": 1`).
    Scenario,
    /// A RabbitMQ definitions export.
    Definitions,
}

/// Top-level keys only RabbitMQ definitions have.
const DEFINITIONS_KEYS: [&str; 10] = [
    "rabbit_version",
    "rabbitmq_version",
    "product_name",
    "product_version",
    "vhosts",
    "users",
    "permissions",
    "policies",
    "exchanges",
    "bindings",
];

/// What a file is, if its text is a JSON object that says so: a
/// `"warren"` key makes it a scenario, RabbitMQ's keys (`rabbit_version`,
/// `vhosts`, `exchanges`, ...) a definitions file.
pub fn classify(text: &str) -> Option<FileKind> {
    if text.len() > definitions::MAX_DEFINITIONS_BYTES {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let obj = value.as_object()?;
    if obj.contains_key("warren") {
        Some(FileKind::Scenario)
    } else if DEFINITIONS_KEYS.iter().any(|k| obj.contains_key(*k)) || obj.contains_key("queues") {
        Some(FileKind::Definitions)
    } else {
        None
    }
}

/// The result of opening a file: the scenario to load (nothing when it was
/// refused) and the banner to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The scenario to load.
    pub scenario: Option<Scenario>,
    /// What to tell: refused (why, where), or loaded (with warnings).
    pub banner: Banner,
}

fn refused(name: &str, what: Msg, why: Msg) -> Opened {
    Opened {
        scenario: None,
        banner: Banner::new(Topic::File, Tone::Error, msg!("workspace-file-refused", name = name, what = what))
            .with_lines([why]),
    }
}

/// Opens a scenario file (`.warren.json`).
pub fn open_scenario(name: &str, text: &str) -> Opened {
    match scenario::parse(text) {
        Ok(s) => Opened {
            banner: Banner::new(Topic::File, Tone::Info, msg!("workspace-file-opened", name = name)),
            scenario: Some(s),
        },
        Err(e) => refused(name, msg!("workspace-file-not-scenario"), e.msg()),
    }
}

/// Opens a RabbitMQ definitions file: the topology laid out on the canvas,
/// and the warnings (what was left out or changed) listed.
/// The imported scenario's title and description are written in `lang`.
pub fn open_definitions(name: &str, text: &str, lang: Lang) -> Opened {
    match definitions::import_with(text, &definitions::ImportOptions { vhost: None, lang }) {
        Ok(import) => {
            let n = import.warnings.len();
            let vhost = import.vhost.clone();
            let (tone, title) = if n == 0 {
                (Tone::Info, msg!("workspace-file-imported", name = name, vhost = vhost))
            } else {
                (Tone::Warning, msg!("workspace-file-imported-warnings", name = name, vhost = vhost, count = n))
            };
            let mut scenario = import.scenario;
            if scenario.title.is_empty() {
                scenario.title = name.trim_end_matches(".json").to_string();
            }
            Opened {
                scenario: Some(scenario),
                banner: Banner::new(Topic::File, tone, title).with_lines(import.warnings.iter().map(|w| w.to_msg())),
            }
        }
        Err(e) => refused(name, msg!("workspace-file-not-definitions"), e.to_msg()),
    }
}

/// Opens a dropped file: a scenario or a definitions file, whichever it is.
pub fn open_dropped(name: &str, text: &str, lang: Lang) -> Opened {
    match classify(text) {
        Some(FileKind::Definitions) => open_definitions(name, text, lang),
        Some(FileKind::Scenario) => open_scenario(name, text),
        None => match scenario::parse(text) {
            Ok(_) => open_scenario(name, text),
            Err(e) => refused(name, msg!("workspace-file-neither"), e.msg()),
        },
    }
}

/// The banner for a file too large to read.
pub fn too_large(name: &str, bytes: f64, limit: usize) -> Banner {
    let why = msg!("workspace-file-size", bytes = bytes as u64, limit = limit);
    refused(name, msg!("workspace-file-too-large"), why).banner
}

/// The banner after exporting definitions: what was left out, if anything.
pub fn definitions_exported(file: &str, warnings: &[definitions::Warning]) -> Banner {
    if warnings.is_empty() {
        Banner::new(Topic::File, Tone::Info, msg!("workspace-definitions-saved", file = file))
    } else {
        Banner::new(
            Topic::File,
            Tone::Warning,
            msg!("workspace-definitions-saved-without", file = file, count = warnings.len()),
        )
        .with_lines(warnings.iter().map(|w| w.to_msg()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_from_titles() {
        assert_eq!(stem("Hello World", '-'), "hello-world");
        assert_eq!(stem("Publish/Subscribe", '-'), "publish-subscribe");
        assert_eq!(stem("  --  ", '-'), "warren");
        assert_eq!(stem("", '_'), "warren");
        assert_eq!(stem("RPC: reply_to & correlation", '_'), "rpc_reply_to_correlation");
        assert_eq!(stem("Café crème", '-'), "café-crème");
        assert_eq!(stem("<img src=x onerror=alert(1)>", '-'), "img-src-x-onerror-alert-1");
        assert_eq!(stem(&"x".repeat(500), '-').len(), 60);
        let mut s = Scenario::default();
        assert_eq!(scenario_file_name(&s), "warren.warren.json");
        s.title = "Work queues".into();
        assert_eq!(scenario_file_name(&s), "work-queues.warren.json");
        assert_eq!(definitions_file_name(&s), "work-queues.definitions.json");
        assert_eq!(code_file_name(&s, Language::Pika), "work_queues.py");
        s.title = "3 queues".into();
        assert_eq!(code_file_name(&s, Language::Pika), "warren_3_queues.py");
    }

    #[test]
    fn a_scenario_file_round_trips_every_lesson() {
        for lesson in crate::lessons::all() {
            let opened = open_scenario("x.warren.json", &scenario_file(&lesson.scenario));
            assert_eq!(opened.scenario.as_ref(), Some(&lesson.scenario), "{}", lesson.slug);
            assert_eq!(opened.banner.tone, Tone::Info);
        }
    }

    #[test]
    fn a_bad_scenario_file_says_where() {
        let text =
            r#"{"warren": 1, "queues": [{"id": "a", "name": "a"}, {"id": "b", "name": "b"}, {"id": "c", "name": 7}]}"#;
        let opened = open_scenario("bad.warren.json", text);
        assert_eq!(opened.scenario, None);
        assert_eq!(opened.banner.tone, Tone::Error);
        assert!(opened.banner.title.english().contains("bad.warren.json was not opened"));
        assert!(opened.banner.title.english().contains("unchanged"));
        assert!(opened.banner.lines[0].english().starts_with("at queues[2].name: "), "{:?}", opened.banner.lines);
    }

    #[test]
    fn definitions_with_warnings_list_them() {
        let text = r#"{"rabbit_version": "3.10.8", "users": [{"name": "guest"}], "vhosts": [{"name": "/"}],
            "queues": [{"name": "q", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {}}],
            "exchanges": [], "bindings": [{"source": "nowhere", "vhost": "/", "destination": "q", "destination_type": "queue", "routing_key": "k", "arguments": {}}]}"#;
        assert_eq!(classify(text), Some(FileKind::Definitions));
        let opened = open_dropped("defs.json", text, Lang::En);
        let s = opened.scenario.expect("imported");
        assert_eq!(s.queues.len(), 1);
        assert_eq!(s.title, "Definitions from RabbitMQ 3.10.8");
        assert_eq!(opened.banner.tone, Tone::Warning);
        assert!(opened.banner.lines.len() >= 2, "{:?}", opened.banner.lines);
        assert!(opened.banner.lines.iter().any(|l| l.english().starts_with("users")), "{:?}", opened.banner.lines);
        let chinese = open_definitions("defs.json", text, Lang::Zh).scenario.expect("imported");
        assert_eq!(chinese.queues, s.queues, "the same topology");
        let cjk = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(cjk(&chinese.title) && cjk(&chinese.description), "{} / {}", chinese.title, chinese.description);
    }

    #[test]
    fn dropped_files_are_told_apart() {
        let lesson = crate::lessons::by_slug("rpc").unwrap().scenario;
        assert_eq!(classify(&scenario_file(&lesson)), Some(FileKind::Scenario));
        assert_eq!(open_dropped("rpc.warren.json", &scenario_file(&lesson), Lang::En).scenario, Some(lesson));
        let opened = open_dropped("notes.txt", "hello", Lang::En);
        assert_eq!(opened.scenario, None);
        assert!(opened.banner.title.english().contains("neither a Warren scenario"));
        assert!(opened.banner.lines[0].english().contains("not valid JSON"));
        let opened = open_dropped("x.json", r#"{"foo": 1}"#, Lang::En);
        assert!(opened.banner.lines[0].english().contains("warren"), "{:?}", opened.banner.lines);
    }

    #[test]
    fn exported_definitions_report_what_was_left_out() {
        let s = crate::lessons::by_slug("publish-subscribe").unwrap().scenario;
        let export = definitions::export(&s);
        let b = definitions_exported("pubsub.definitions.json", &export.warnings);
        assert_eq!(b.tone, Tone::Warning, "server-named queues are left out");
        assert!(!b.lines.is_empty());
        let b = definitions_exported("x.json", &[]);
        assert_eq!(b.tone, Tone::Info);
        assert_eq!(b.title.english(), "Saved x.json: load it with rabbitmqctl import_definitions x.json.");
    }

    #[test]
    fn a_refusal_reads_in_chinese_and_keeps_the_file_name() {
        let opened = open_dropped("notes.txt", "hello", Lang::En);
        let zh = opened.banner.title.render(crate::i18n::Lang::Zh);
        assert!(zh.starts_with("notes.txt 没有打开："), "{zh}");
        assert!(zh.contains("definitions.json"), "{zh}");
        let big = too_large("big.json", 9e6, 100);
        assert_eq!(big.lines[0].english(), "the file is 9000000 bytes; the limit is 100 bytes");
    }
}
