//! The lessons in Chinese: every text of every lesson document has its
//! Chinese message in `locales/zh/lessons.ftl` and no message is left over;
//! each Chinese text keeps the names the English one quotes; the Chinese
//! follows one punctuation and spacing style; `lessons::localized` puts the
//! texts in place and changes nothing else.
//!
//! The tests read the lesson documents themselves (`lessons::source`), so a
//! text added to a document shows up here as a missing translation.
//!
//! The names a text must keep (`code_names`), from the English:
//! - every word that contains `.`, `_`, `#`, `*`, `=`, `-` or a digit (an
//!   AMQP method or argument such as `basic.ack` or `x-dead-letter-exchange`,
//!   a queue, exchange or routing key such as `task_queue` or `kern.#`, a
//!   number, `amq.gen-…`), after trimming sentence punctuation and an
//!   English `'s`; an ordinal such as `3rd` keeps only its number, and the
//!   hyphenated English words in `PROSE_COMPOUNDS` are ordinary words that
//!   the Chinese translates;
//! - the name of each of the lesson's nodes (exchanges, queues, producers,
//!   consumers) that the English uses as a whole word, case-sensitively;
//! - every double-quoted string, quotes included (message bodies, header
//!   values, the default exchange's name `""`).

use std::collections::BTreeSet;

use serde_json::Value;
use warren::i18n::{self, Lang};
use warren::lessons;

/// Hyphenated English words of the narration that are not names: the
/// Chinese says them in Chinese (死信, 只追加, 由服务器命名, 优先级更高).
const PROSE_COMPOUNDS: [&str; 5] = ["dead-letter", "dead-lettered", "append-only", "server-named", "higher-priority"];

/// A lesson text: its message id and its English.
struct Field {
    id: String,
    english: String,
}

/// Every lesson's slug, document and node names.
fn documents() -> Vec<(&'static str, Value)> {
    lessons::slugs()
        .map(|slug| {
            let source = lessons::source(slug).expect("a slug has a document");
            (slug, serde_json::from_str(source).unwrap_or_else(|e| panic!("{slug}: {e}")))
        })
        .collect()
}

fn string_at(doc: &Value, key: &str) -> Option<String> {
    doc.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The texts of one document, as the JSON has them, with their ids.
fn fields(slug: &str, doc: &Value) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |id: String, english: Option<String>| {
        if let Some(english) = english {
            out.push(Field { id, english });
        }
    };
    push(format!("lesson-{slug}-title"), string_at(doc, "title"));
    push(format!("lesson-{slug}-description"), string_at(doc, "description"));
    let steps = doc.get("narration").and_then(Value::as_array).cloned().unwrap_or_default();
    for (i, step) in steps.iter().enumerate() {
        let n = i + 1;
        push(format!("lesson-{slug}-step{n}-title"), string_at(step, "title"));
        push(format!("lesson-{slug}-step{n}-text"), string_at(step, "text"));
        push(format!("lesson-{slug}-step{n}-try"), string_at(step, "try_this"));
    }
    out
}

/// The names of a document's nodes (empty names left out).
fn node_names(doc: &Value) -> Vec<String> {
    let kinds = ["exchanges", "queues", "producers", "consumers"];
    let nodes = kinds.iter().filter_map(|k| doc.get(*k).and_then(Value::as_array)).flatten();
    nodes.filter_map(|n| string_at(n, "name")).filter(|n| !n.is_empty()).collect()
}

fn chinese(id: &str) -> Option<String> {
    i18n::named_text(Lang::Zh, id)
}

/// The words of a text: runs of printable ASCII and `…` (as in
/// `amq.gen-…`), so Chinese characters, full-width punctuation and the
/// Chinese ellipsis `……` separate words as spaces do.
fn words(text: &str) -> Vec<String> {
    let is_word_char = |c: char| c.is_ascii_graphic() || c == '…';
    let text = text.replace("……", " ");
    text.split(|c: char| !is_word_char(c))
        .map(|w| {
            let w = w.trim_matches(|c: char| ",.;:!?()[]\"'".contains(c));
            w.strip_suffix("'s").unwrap_or(w).to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_code_like(word: &str) -> bool {
    word.chars().any(|c| "._#*=-".contains(c) || c.is_ascii_digit()) && !PROSE_COMPOUNDS.contains(&word)
}

/// `3rd` → `3`; other words as they are.
fn without_ordinal(word: &str) -> &str {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let is_ordinal = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    if is_ordinal && ["st", "nd", "rd", "th"].contains(&suffix) {
        digits
    } else {
        word
    }
}

/// True if `name` occurs in `text` with no letter, digit or `_` touching it.
fn has_whole(text: &str, name: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}

fn quoted(text: &str) -> Vec<String> {
    text.split('"').skip(1).step_by(2).map(|q| format!("\"{q}\"")).collect()
}

/// What the Chinese must keep of the English (see the module's doc).
fn code_names(english: &str, nodes: &[String]) -> BTreeSet<String> {
    let mut names: BTreeSet<String> =
        words(english).iter().map(|w| without_ordinal(w)).filter(|w| is_code_like(w)).map(str::to_string).collect();
    names.extend(nodes.iter().filter(|n| has_whole(english, n)).cloned());
    if english.matches('"').count() % 2 == 0 {
        names.extend(quoted(english));
    }
    names
}

/// The names of `english` that `chinese` leaves out.
fn missing_names(english: &str, chinese: &str, nodes: &[String]) -> Vec<String> {
    let chinese_words: BTreeSet<String> = words(chinese).into_iter().collect();
    let kept = |name: &String| {
        let one_word = !name.contains(' ') && !name.starts_with('"');
        // A node name may be part of a code-like word (`new_task` in
        // `new_task.py`), so a whole-word match keeps it too.
        if one_word && is_code_like(name) {
            chinese_words.contains(name) || has_whole(chinese, name)
        } else {
            has_whole(chinese, name)
        }
    };
    code_names(english, nodes).into_iter().filter(|n| !kept(n)).collect()
}

#[test]
fn every_lesson_text_has_its_chinese_message() {
    let mut missing = Vec::new();
    let mut count = 0;
    for (slug, doc) in documents() {
        for f in fields(slug, &doc) {
            count += 1;
            if chinese(&f.id).is_none() {
                missing.push(format!("{} (English: {:?})", f.id, f.english));
            }
        }
    }
    assert!(count >= 15 * 4, "the lesson documents were not read ({count} texts)");
    assert!(
        missing.is_empty(),
        "lesson texts without a Chinese message in locales/zh/lessons.ftl:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_chinese_lesson_message_is_a_text_of_a_lesson() {
    let known: BTreeSet<String> = documents().iter().flat_map(|(slug, doc)| fields(slug, doc)).map(|f| f.id).collect();
    let mut problems = Vec::new();
    for (id, m) in i18n::messages(Lang::Zh).iter().filter(|(id, _)| id.starts_with("lesson-")) {
        if !known.contains(*id) {
            problems.push(format!("`{id}` names no lesson, step or field of the lesson documents"));
        }
        if !m.vars().is_empty() {
            problems.push(format!("`{id}` has variables {:?}: lesson texts are plain text", m.vars()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_lesson_texts_keep_every_name_the_english_quotes() {
    let mut problems = Vec::new();
    for (slug, doc) in documents() {
        let nodes = node_names(&doc);
        for f in fields(slug, &doc) {
            let Some(zh) = chinese(&f.id) else { continue };
            let missing = missing_names(&f.english, &zh, &nodes);
            if !missing.is_empty() {
                problems.push(format!("{}: leaves out {missing:?}\n  en: {}\n  zh: {zh}", f.id, f.english));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The style faults of one Chinese text: ASCII sentence punctuation or
/// brackets touching a Chinese character (use ，；：？！（）), and a Chinese
/// character touching a Latin letter or digit (put a space between).
fn style_faults(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut faults = Vec::new();
    if !chars.iter().any(|c| is_han(*c)) {
        faults.push("has no Chinese".to_string());
    }
    for pair in chars.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let ascii_punct = |c: char| ",;:?!()".contains(c);
        let latin = |c: char| c.is_ascii_alphanumeric();
        if (is_han(a) && ascii_punct(b)) || (ascii_punct(a) && is_han(b)) {
            faults.push(format!("ASCII punctuation next to Chinese: `{a}{b}`"));
        }
        if (is_han(a) && latin(b)) || (latin(a) && is_han(b)) {
            faults.push(format!("no space between Chinese and Latin: `{a}{b}`"));
        }
    }
    faults
}

#[test]
fn chinese_lesson_texts_use_full_width_punctuation_and_spaces_around_latin() {
    let mut problems = Vec::new();
    for (id, m) in i18n::messages(Lang::Zh).iter().filter(|(id, _)| id.starts_with("lesson-")) {
        let text = i18n::format(Lang::Zh, m, &[]);
        problems.extend(style_faults(&text).into_iter().map(|f| format!("{id}: {f}\n  {text}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The Chinese message `id`, or `english` where there is none.
fn chinese_or(id: String, english: &str) -> String {
    chinese(&id).unwrap_or_else(|| english.to_string())
}

#[test]
fn a_localized_lesson_has_the_chinese_texts_and_nothing_else_changed() {
    for slug in lessons::slugs() {
        let english = lessons::by_slug(slug).expect("the lesson").scenario;
        assert_eq!(lessons::localized(slug, Lang::En).as_ref(), Some(&english), "{slug}: English is the document");
        let zh = lessons::localized(slug, Lang::Zh).expect("the lesson in Chinese");
        assert_eq!(zh.title, chinese_or(format!("lesson-{slug}-title"), &english.title));
        assert_eq!(zh.description, chinese_or(format!("lesson-{slug}-description"), &english.description));
        assert_eq!(zh.narration.len(), english.narration.len());
        for (i, (z, e)) in zh.narration.iter().zip(&english.narration).enumerate() {
            let id = |field: &str| format!("lesson-{slug}-step{}-{field}", i + 1);
            assert_eq!(z.title, chinese_or(id("title"), &e.title), "{slug} step {}", i + 1);
            assert_eq!(z.text, chinese_or(id("text"), &e.text), "{slug} step {}", i + 1);
            assert_eq!(z.try_this, e.try_this.as_deref().map(|t| chinese_or(id("try"), t)), "{slug} step {}", i + 1);
        }
        let mut back = zh.clone();
        back.title.clone_from(&english.title);
        back.description.clone_from(&english.description);
        back.narration.clone_from(&english.narration);
        assert_eq!(back, english, "{slug}: only the texts change");
        let lesson = lessons::by_slug(slug).expect("the lesson").in_lang(Lang::Zh);
        assert_eq!((lesson.title.as_str(), &lesson.scenario), (zh.title.as_str(), &zh));
    }
    assert_eq!(lessons::localized("no-such-lesson", Lang::Zh), None);
    assert_eq!(
        lessons::localized("hello-world", Lang::Zh).map(|s| s.title),
        Some("Hello World：收发第一条消息".to_string())
    );
}

#[test]
fn the_name_rule_finds_what_a_translation_leaves_out() {
    let nodes = vec!["worker 1".to_string(), "hello".to_string(), "logs".to_string()];
    let english = "worker 1 acks with basic.ack (x-dead-letter-exchange, amq.gen-…) on its 3rd \"Hi!\" from hello.";
    let names = code_names(english, &nodes);
    let expected = ["\"Hi!\"", "1", "3", "amq.gen-…", "basic.ack", "hello", "worker 1", "x-dead-letter-exchange"];
    assert_eq!(names, expected.iter().map(|s| s.to_string()).collect());
    let good = "worker 1 在收到第 3 条 \"Hi!\" 时用 basic.ack 确认（x-dead-letter-exchange，amq.gen-…），来自 hello。";
    assert_eq!(missing_names(english, good, &nodes), Vec::<String>::new());
    let bad = "worker 1 收到第 3 条 \"Hi\" 时确认（x-dead-letter），来自 hello_queue 和 amq.gen。";
    assert_eq!(
        missing_names(english, bad, &nodes),
        ["\"Hi!\"", "amq.gen-…", "basic.ack", "hello", "x-dead-letter-exchange"]
    );
    assert!(code_names("a dead-lettered, higher-priority message", &nodes).is_empty(), "prose compounds");
    assert_eq!(code_names("the logs", &nodes), ["logs".to_string()].into(), "a node's name as a whole word");
    assert!(code_names("the catalogs", &nodes).is_empty(), "not inside another word");
}

#[test]
fn the_style_rule_finds_ascii_punctuation_and_missing_spaces() {
    assert_eq!(style_faults("消息投递到 hello 队列，然后被确认（basic.ack）。"), Vec::<String>::new());
    assert_eq!(style_faults("消息投递到hello队列,然后被确认(basic.ack)。").len(), 5);
    assert_eq!(style_faults("no Chinese"), ["has no Chinese"]);
}
