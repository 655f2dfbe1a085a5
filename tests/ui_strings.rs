//! No user-visible words in the code that draws or decides what the user
//! reads: they live in `locales/<lang>/*.ftl` and reach the page as
//! message ids (`i18n::t`, `msg!`). This test reads the source of those
//! layers and fails on any string literal that looks like prose (a
//! capitalised word, or words with spaces or sentence punctuation), outside
//! test modules and outside the allow-list (`tests/ui_strings_allow/*.txt`, a file per area:
//! what must stay literal, such as AMQP names and RabbitMQ's own reply
//! texts). `UI_STRINGS_ONLY=src/components/log cargo test --test
//! ui_strings` looks at one folder.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers whose literals reach the user.
const SCANNED: &[&str] = &[
    "src/components",
    "src/view",
    "src/workspace",
    "src/monitor",
    "src/editor",
    "src/broker_link",
    "src/engine/explain.rs",
    "src/runner/mistakes.rs",
    "src/simulation",
    "src/definitions",
    "src/app.rs",
    "src/web",
    "src/scenario",
    "src/share",
];

/// Words before a literal that make it markup, not words: CSS classes,
/// ids, keys, attributes the user never reads.
const MARKUP_CONTEXT: &[&str] = &[
    "class=",
    "classes!(",
    "id=",
    "key=",
    "type=",
    "role=",
    "name=",
    "data-",
    "href=",
    "viewBox=",
    "d=",
    "for=",
    "autocomplete=",
    "inputmode=",
    "spellcheck=",
    "query_selector(",
    "closest(",
    "set_attribute(",
    "get_attribute(",
    "lang=",
    "points=",
    "transform=",
    "style=",
    "accept=",
    "format!(\"{}",
    "wrap=",
    "\"mime",
    "target=",
    "rel=",
    "skip_serializing_if =",
    "rename =",
    "default =",
    "with =",
    "alias =",
    "tag =",
    "rename_all =",
    "expecting =",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = fs::read_dir(path) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name != "tests.rs" && !name.ends_with("_tests.rs") {
                out.push(p);
            }
        }
    }
}

/// The source without its test module (from `#[cfg(test)]` on).
fn without_tests(src: &str) -> &str {
    match src.find("#[cfg(test)]") {
        Some(i) => &src[..i],
        None => src,
    }
}

/// Each string literal (its text and byte offset), skipping comments and
/// char literals.
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'\'' => {
                // A char literal ('a', '\n', '"') or a lifetime ('a).
                if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let start = j + 1;
                let end = src[start..].find(&close).map(|k| start + k).unwrap_or(b.len());
                out.push((i, src[start..end].to_string()));
                i = end + close.len();
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                out.push((i, src[start..j.min(b.len())].to_string()));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a literal reads as words for a person.
fn looks_like_prose(s: &str) -> bool {
    let text: String = s.replace("\\n", " ").replace("\\u{a0}", " ");
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2).collect();
    if words.is_empty() {
        return false;
    }
    let capitalised = words.iter().any(|w| {
        let mut c = w.chars();
        c.next().is_some_and(|f| f.is_ascii_uppercase()) && c.as_str().chars().all(|x| x.is_ascii_lowercase())
    });
    let spaced = text.split_whitespace().filter(|t| t.chars().any(|c| c.is_ascii_alphabetic())).count() >= 2;
    let punctuated = text.contains(". ") || text.contains(": ") || text.contains(", ") || text.ends_with('.');
    let markup_tokens = text
        .split_whitespace()
        .all(|t| t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'));
    let placeholders_only = text.split_whitespace().all(|t| t.starts_with('{') && t.ends_with('}'));
    if placeholders_only {
        return false;
    }
    capitalised || punctuated || (spaced && !(markup_tokens && text.contains('-')))
}

fn in_markup(src: &str, at: usize) -> bool {
    let before = &src[at.saturating_sub(24)..at];
    MARKUP_CONTEXT.iter().any(|m| before.trim_end().ends_with(m.trim_end_matches('(')) || before.ends_with(m))
}

/// Every line of `tests/ui_strings_allow/*.txt` (one file per area).
fn allowed() -> Vec<String> {
    let mut files: Vec<PathBuf> = fs::read_dir("tests/ui_strings_allow")
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .flat_map(|f| fs::read_to_string(f).unwrap_or_default().lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn view_code_has_no_user_visible_literals() {
    let only = std::env::var("UI_STRINGS_ONLY").ok();
    let allow = allowed();
    let mut files = Vec::new();
    for p in SCANNED {
        if only.as_deref().is_none_or(|o| p.starts_with(o) || o.starts_with(p)) {
            rust_files(Path::new(p), &mut files);
        }
    }
    files.retain(|f| only.as_deref().is_none_or(|o| f.starts_with(o)));
    let mut hits = Vec::new();
    for f in &files {
        let src = fs::read_to_string(f).unwrap();
        let code = without_tests(&src);
        for (at, lit) in literals(code) {
            if looks_like_prose(&lit) && !in_markup(code, at) && !allow.contains(&lit) {
                let line = code[..at].matches('\n').count() + 1;
                hits.push(format!("{}:{line}: \"{lit}\"", f.display()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "{} user-visible literal(s) outside locales/ (move them to a catalogue, or allow them in \
         tests/ui_strings_allow/<area>.txt if they must stay literal):\n{}",
        hits.len(),
        hits.join("\n")
    );
}

#[test]
fn the_detector_tells_words_from_markup() {
    assert!(looks_like_prose("Delete"));
    assert!(looks_like_prose("no bindings yet"));
    assert!(looks_like_prose("queue {queue} delivered {} to {who}"));
    assert!(looks_like_prose("Saved."));
    assert!(!looks_like_prose("node-body selected-node"));
    assert!(!looks_like_prose("x-dead-letter-exchange"));
    assert!(!looks_like_prose("amq.direct"));
    assert!(!looks_like_prose("{name} {count}"));
    assert!(!looks_like_prose("→"));
    let src = "html! { <div class=\"node body\">{ \"Hello there\" }</div> }";
    let found: Vec<_> =
        literals(src).into_iter().filter(|(at, l)| looks_like_prose(l) && !in_markup(src, *at)).collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "Hello there");
}
