//! The inspector's fields show a refusal when its `Edit` names them: a
//! field's `name` attribute must be the name `Edit::field()` gives the edit
//! it sends, or the refusal is never shown. The forms are wasm-only, so this
//! reads their source: every `name="…" … on_commit={on(editor, kind(id,
//! KindField::Variant))}` element against the names in `editor/edits.rs`.

use std::collections::BTreeMap;
use std::fs;

/// `("Queue", "MessageTtl")` → `"message_ttl"`, from `edits.rs`'s `name()`s.
fn edit_names() -> BTreeMap<(String, String), String> {
    let src = fs::read_to_string("src/editor/edits.rs").expect("edits.rs");
    let mut names = BTreeMap::new();
    for line in src.lines() {
        let line = line.trim();
        let Some((lhs, rhs)) = line.split_once("=> \"") else { continue };
        let Some((kind, variant)) = lhs.trim().split_once("Field::") else { continue };
        let variant = variant.split('(').next().unwrap_or_default().trim();
        let name = rhs.split('"').next().unwrap_or_default();
        names.insert((kind.to_string(), variant.to_string()), name.to_string());
    }
    names
}

/// Every field element of the forms: its `name` and the edit it sends.
fn form_fields() -> Vec<(String, String, String, String)> {
    let mut found = Vec::new();
    for entry in fs::read_dir("src/components/inspector").expect("inspector") {
        let path = entry.expect("entry").path();
        let src = fs::read_to_string(&path).expect("form");
        let file = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        for element in src.split('<').skip(1) {
            let element = element.split("/>").next().unwrap_or_default();
            let (Some(name), Some(commit)) = (after(element, "name=\""), after(element, "on_commit={on(")) else {
                continue;
            };
            let name = name.split('"').next().unwrap_or_default();
            let Some(edit) = commit.split_once("Field::") else { continue };
            let kind = edit.0.rsplit('(').nth(1).unwrap_or_default().trim();
            let kind = kind.rsplit(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or_default();
            let variant: String = edit.1.chars().take_while(|c| c.is_alphanumeric()).collect();
            let kind = capitalised(kind);
            found.push((file.clone(), name.to_string(), kind, variant));
        }
    }
    found
}

fn after<'a>(s: &'a str, marker: &str) -> Option<&'a str> {
    s.find(marker).map(|i| &s[i + marker.len()..])
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[test]
fn every_field_is_named_as_its_edit() {
    let names = edit_names();
    assert!(names.len() >= 40, "edits.rs's names were not read: {names:?}");
    let fields = form_fields();
    assert!(fields.len() >= 50, "the forms' fields were not read: {} found", fields.len());
    let wrong: Vec<String> = fields
        .iter()
        .filter_map(|(file, name, kind, variant)| match names.get(&(kind.clone(), variant.clone())) {
            Some(n) if n == name => None,
            Some(n) => Some(format!("{file}: name=\"{name}\" sends {kind}Field::{variant}, which is named \"{n}\"")),
            None => Some(format!("{file}: name=\"{name}\" sends {kind}Field::{variant}, not in edits.rs")),
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
