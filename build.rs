//! Compiles the message catalogues (`locales/<lang>/*.ftl`, Project
//! Fluent's syntax, parsed with `fluent-syntax`) into compact binary
//! catalogues (`$OUT_DIR/<lang>.catalogue`, read by `src/i18n/catalogue.rs`:
//! English is built into the page, Chinese is a file the page fetches when
//! it needs it, see `scripts/post-build.sh`), so the page carries no
//! Fluent parser: see `src/i18n/mod.rs` for why and for the subset of
//! Fluent the catalogues may use. A file that is not valid Fluent, or uses
//! what the subset lacks, fails the build with its file, line and reason.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::{env, fs};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey};

/// The languages, in the order of `i18n::Lang`.
const LANGS: [&str; 2] = ["en", "zh"];

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR");
    let languages: Vec<_> = LANGS.iter().map(|lang| (lang, read_language(lang))).collect();
    // The English ids are the index every catalogue is written against,
    // and every variable of every language is a place among the names.
    let ids: Vec<&str> = languages[0].1.keys().map(String::as_str).collect();
    let mut vars = BTreeSet::new();
    for pieces in languages.iter().flat_map(|(_, m)| m.values()) {
        collect_vars(pieces, &mut vars);
    }
    let names = Names { ids, vars: vars.into_iter().collect() };
    assert!(names.vars.len() <= 256, "over 256 variable names");
    let hash = names.hash();
    fs::write(Path::new(&out_dir).join("ids.rs"), names.source(hash)).expect("write the ids");
    for (lang, messages) in &languages {
        let path = Path::new(&out_dir).join(format!("{lang}.catalogue"));
        fs::write(path, encode_catalogue(messages, &names, hash)).expect("write the catalogue");
    }
}

/// The names a catalogue is written against: the English message ids and
/// every variable name, each sorted; a message or a variable is its place.
struct Names<'a> {
    ids: Vec<&'a str>,
    vars: Vec<&'a str>,
}

impl Names<'_> {
    /// FNV-1a of the ids and the variables, each ended by a zero byte: a
    /// catalogue written against other names (an older build's file) is
    /// refused by it.
    fn hash(&self) -> u32 {
        let mut h: u32 = 0x811c_9dc5;
        let all = self.ids.iter().chain([&""]).chain(&self.vars);
        for b in all.flat_map(|name| name.bytes().chain([0])) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        h
    }

    /// `$OUT_DIR/ids.rs`: the ids and variables, and their hash;
    /// `src/i18n/id.rs` includes it.
    fn source(&self, hash: u32) -> String {
        let mut s = String::from("/// Every English message id, sorted: a message's index is its place here.\n");
        s += &list("IDS", &self.ids);
        s += "/// Every variable name of the catalogues, sorted: a variable is its place here.\n";
        s += &list("VARS", &self.vars);
        s += "/// The hash of [`IDS`] and [`VARS`] every catalogue of this build carries.\n";
        s += &format!("pub const IDS_HASH: u32 = {hash:#x};\n");
        s
    }

    /// The place of variable `v`.
    fn var(&self, v: &str) -> u8 {
        self.vars.binary_search(&v).expect("every variable was collected") as u8
    }
}

/// `pub const NAME: [&str; n] = [...];`
fn list(name: &str, items: &[&str]) -> String {
    let mut s = format!("pub const {name}: [&str; {}] = [\n", items.len());
    for item in items {
        s += &format!("    {item:?},\n");
    }
    s + "];\n"
}

/// One piece of a compiled pattern.
enum Piece {
    Text(String),
    Var(String),
    Select { var: String, variants: Vec<(String, Vec<Piece>)>, default: usize },
}

/// A language's messages and attributes (`id` and `id.attr`) by id.
fn read_language(lang: &str) -> BTreeMap<String, Vec<Piece>> {
    let dir = Path::new("locales").join(lang);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    let mut patterns: BTreeMap<String, (String, Pattern<String>)> = BTreeMap::new();
    let mut terms: BTreeMap<String, Pattern<String>> = BTreeMap::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        read_file(file, &mut patterns, &mut terms);
    }
    patterns
        .into_iter()
        .map(|(id, (place, p))| {
            let pieces = compile(&p, &terms, &place, 0);
            (id, pieces)
        })
        .collect()
}

/// Adds one file's messages and terms, refusing junk and duplicates.
fn read_file(
    file: &Path,
    patterns: &mut BTreeMap<String, (String, Pattern<String>)>,
    terms: &mut BTreeMap<String, Pattern<String>>,
) {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let resource = fluent_syntax::parser::parse(text.clone()).unwrap_or_else(|(_, errors)| {
        let e = &errors[0];
        panic!("{}:{}: not valid Fluent: {:?}", file.display(), line_of(e.pos.start), e.kind)
    });
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let place = format!("{} (message {})", file.display(), m.id.name);
                if let Some(v) = m.value {
                    insert(patterns, m.id.name.clone(), &place, v);
                }
                for a in m.attributes {
                    insert(patterns, format!("{}.{}", m.id.name, a.id.name), &place, a.value);
                }
            }
            Entry::Term(t) => {
                terms.insert(t.id.name, t.value);
            }
            Entry::Junk { content } => panic!("{}: not valid Fluent: {content}", file.display()),
            _ => {}
        }
    }
}

fn insert(patterns: &mut BTreeMap<String, (String, Pattern<String>)>, id: String, place: &str, p: Pattern<String>) {
    if let Some((first, _)) = patterns.get(&id) {
        panic!("{place}: `{id}` is defined twice (first in {first})");
    }
    patterns.insert(id, (place.to_string(), p));
}

/// A pattern as pieces, with terms written in place.
fn compile(p: &Pattern<String>, terms: &BTreeMap<String, Pattern<String>>, place: &str, depth: u32) -> Vec<Piece> {
    assert!(depth < 8, "{place}: terms refer to each other in a cycle");
    let mut pieces = Vec::new();
    for element in &p.elements {
        match element {
            PatternElement::TextElement { value } => pieces.push(Piece::Text(value.clone())),
            PatternElement::Placeable { expression } => {
                pieces.extend(expression_pieces(expression, terms, place, depth))
            }
        }
    }
    pieces
}

fn expression_pieces(
    e: &Expression<String>,
    terms: &BTreeMap<String, Pattern<String>>,
    place: &str,
    depth: u32,
) -> Vec<Piece> {
    match e {
        Expression::Inline(inline) => inline_pieces(inline, terms, place, depth),
        Expression::Select { selector: InlineExpression::VariableReference { id }, variants } => {
            let default = variants.iter().position(|v| v.default).expect("a select has a default variant");
            let variants = variants
                .iter()
                .map(|v| {
                    let key = match &v.key {
                        VariantKey::Identifier { name } => name.clone(),
                        VariantKey::NumberLiteral { value } => value.clone(),
                    };
                    (key, compile(&v.value, terms, place, depth))
                })
                .collect();
            vec![Piece::Select { var: id.name.clone(), variants, default }]
        }
        Expression::Select { .. } => panic!("{place}: a select must choose on a variable (`{{ $n -> ... }}`)"),
    }
}

fn inline_pieces(
    e: &InlineExpression<String>,
    terms: &BTreeMap<String, Pattern<String>>,
    place: &str,
    depth: u32,
) -> Vec<Piece> {
    match e {
        InlineExpression::StringLiteral { value } => vec![Piece::Text(unescape(value, place))],
        InlineExpression::NumberLiteral { value } => vec![Piece::Text(value.clone())],
        InlineExpression::VariableReference { id } => vec![Piece::Var(id.name.clone())],
        InlineExpression::TermReference { id, attribute: None, arguments: None } => {
            let t = terms.get(&id.name).unwrap_or_else(|| panic!("{place}: no term `-{}`", id.name));
            compile(t, terms, place, depth + 1)
        }
        InlineExpression::Placeable { expression } => expression_pieces(expression, terms, place, depth),
        other => panic!("{place}: Warren's catalogues use text, variables, selects and terms only, not {other:?}"),
    }
}

/// A Fluent string literal's escapes (`\"`, `\\`, `\u00A0`).
fn unescape(s: &str, place: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                out.push(code.unwrap_or_else(|| panic!("{place}: bad escape \\u{hex}")));
            }
            Some(c) => out.push(c),
            None => panic!("{place}: a string ends in a backslash"),
        }
    }
    out
}

/// Encodes a language's catalogue in the format `src/i18n/catalogue.rs`
/// reads: a header (`WCAT`, format 3, the names' hash, the count of
/// indexed and of named messages), then the messages' patterns, one after
/// the other. The indexed ones are the English ids in order (a message
/// this language lacks is the one byte [`ABSENT`]); the named ones are
/// messages English lacks (the lessons' texts), sorted, each with its id
/// first.
fn encode_catalogue(messages: &BTreeMap<String, Vec<Piece>>, names: &Names, hash: u32) -> Vec<u8> {
    let ids = &names.ids;
    let named: Vec<_> = messages.iter().filter(|(id, _)| ids.binary_search(&id.as_str()).is_err()).collect();
    let mut out = b"WCAT\x03".to_vec();
    for n in [hash, ids.len() as u32, named.len() as u32] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    for id in ids {
        match messages.get(*id) {
            Some(pieces) => encode_pattern(&mut out, pieces, names, id),
            None => out.push(ABSENT),
        }
    }
    for (id, pieces) in named {
        short(&mut out, id);
        encode_pattern(&mut out, pieces, names, id);
    }
    out
}

/// The bytes below this are a pattern's marks; text is every other byte.
const FIRST_TEXT_BYTE: u8 = 4;
/// Ends a pattern.
const END: u8 = 0;
/// Begins a variable (then its place among the names).
const VAR: u8 = 1;
/// Begins a select.
const SELECT: u8 = 2;
/// An indexed message the language lacks (where its pattern would be).
const ABSENT: u8 = 3;

/// A pattern: its pieces, then [`END`]. Text is its UTF-8 as it is (no
/// byte of it is a mark); a variable is [`VAR`] and its place; a select
/// is [`SELECT`], its variable, the variant count, the default index, then
/// each variant's key and pattern.
fn encode_pattern(out: &mut Vec<u8>, pieces: &[Piece], names: &Names, id: &str) {
    for p in pieces {
        match p {
            Piece::Text(t) => {
                assert!(t.bytes().all(|b| b >= FIRST_TEXT_BYTE), "`{id}`: a control character in a text");
                out.extend_from_slice(t.as_bytes());
            }
            Piece::Var(v) => out.extend([VAR, names.var(v)]),
            Piece::Select { var, variants, default } => {
                out.extend([SELECT, names.var(var)]);
                out.push(u8::try_from(variants.len()).unwrap_or_else(|_| panic!("`{id}`: over 255 variants")));
                out.push(*default as u8);
                for (key, v) in variants {
                    short(out, key);
                    encode_pattern(out, v, names, id);
                }
            }
        }
    }
    out.push(END);
}

/// A name (id, variable, variant key): its length (u8), then its UTF-8.
fn short(out: &mut Vec<u8>, s: &str) {
    out.push(u8::try_from(s.len()).unwrap_or_else(|_| panic!("`{s}` is over 255 bytes")));
    out.extend_from_slice(s.as_bytes());
}

fn collect_vars<'a>(pieces: &'a [Piece], vars: &mut BTreeSet<&'a str>) {
    for p in pieces {
        match p {
            Piece::Text(_) => {}
            Piece::Var(v) => {
                vars.insert(v);
            }
            Piece::Select { var, variants, .. } => {
                vars.insert(var);
                for (_, v) in variants {
                    collect_vars(v, vars);
                }
            }
        }
    }
}
