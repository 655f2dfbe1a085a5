//! The catalogues agree: every message (and attribute) exists in both
//! languages, with the same variables, and formats without leaving a
//! variable out.

use std::collections::BTreeMap;

use warren::i18n::{self, Arg, Lang, VarId};
use warren::id;

fn ids(lang: Lang) -> BTreeMap<&'static str, Vec<&'static str>> {
    i18n::messages(lang).iter().map(|(id, m)| (*id, m.vars().iter().map(|v| v.name()).collect())).collect()
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_variables() {
    let (en, zh) = (ids(Lang::En), ids(Lang::Zh));
    assert!(en.len() >= 5, "the English catalogue was not read");
    let mut problems = Vec::new();
    for (id, vars) in &en {
        match zh.get(id) {
            None => problems.push(format!("`{id}` is in English, not in Chinese")),
            Some(z) if z != vars => problems.push(format!("`{id}`: variables {vars:?} in English, {z:?} in Chinese")),
            Some(_) => {}
        }
    }
    // The lessons' English is their JSON documents, not a catalogue:
    // tests/lessons_i18n.rs pairs their Chinese messages with the documents.
    let chinese_only = zh.keys().filter(|id| !en.contains_key(*id) && !id.starts_with("lesson-"));
    problems.extend(chinese_only.map(|id| format!("`{id}` is in Chinese only")));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_formats_with_its_variables() {
    for lang in Lang::ALL {
        for (id, m) in i18n::messages(lang) {
            let args: Vec<(VarId, Arg)> = m.vars().into_iter().map(|v| (v, Arg::from(2))).collect();
            let text = i18n::format(lang, &m, &args);
            assert!(!text.trim().is_empty(), "{lang:?} `{id}` is empty");
            assert!(!text.contains('{'), "{lang:?} `{id}` left a placeable: {text}");
        }
    }
}

#[test]
fn attributes_are_messages_of_their_own() {
    assert_eq!(i18n::text(Lang::En, id!("header-tools.aria-label"), &[]), "Workspace");
    assert_eq!(i18n::text(Lang::Zh, id!("header-tools.aria-label"), &[]), "工作区");
    assert_eq!(i18n::text(Lang::Zh, id!("app-title"), &[]), "Warren", "terms are written in place");
}
