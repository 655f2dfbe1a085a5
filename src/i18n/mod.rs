//! Warren's words in English and Chinese: message catalogues in Project
//! Fluent's syntax (`locales/en/*.ftl`, `locales/zh/*.ftl`), compiled by
//! `build.rs` with `fluent-syntax` into static tables, and formatted here.
//!
//! Why not `fluent-bundle` at run time: it carries Fluent's parser, the
//! CLDR plural rules of every locale and locale negotiation into the page
//! (measured: 47 KB gzipped in a wasm build; the compile-time
//! `fluent-static` is 27 KB, mostly `intl_pluralrules`), against a budget
//! of 25 KB for the whole feature. Compiled tables cost only the texts and
//! this formatter. The catalogues use the subset of Fluent the UI needs:
//! text, variables (`{ $n }`), selects on a variable by plural category or
//! exact value (`{ $n -> [one] … *[other] … }`), string literals and terms
//! (`{ -brand }`), and attributes (`.aria-label`, read as `id.aria-label`).
//! Plural categories are CLDR's for the two languages: English `one` for
//! 1 and `other` otherwise, Chinese always `other`.

use std::fmt::Write as _;
use std::rc::Rc;

mod msg;
pub use msg::Msg;

mod catalogues {
    use super::{Message, Piece};
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

/// A language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The BCP 47 tag for `<html lang>` and `?lang=`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// The language a tag asks for: any `zh…` is Chinese, `en…` English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The page's language: `?lang=` if it names one, else the one the
    /// user chose before, else the browser's first `zh*` or `en*` entry in
    /// `navigator.languages`, else English.
    pub fn choose(query: Option<&str>, remembered: Option<&str>, navigator: &[String]) -> Lang {
        query
            .and_then(Lang::from_tag)
            .or_else(|| remembered.and_then(Lang::from_tag))
            .or_else(|| navigator.iter().find_map(|t| Lang::from_tag(t)))
            .unwrap_or_default()
    }

    fn catalogue(self) -> &'static [Message] {
        match self {
            Lang::En => catalogues::EN,
            Lang::Zh => catalogues::ZH,
        }
    }

    /// The CLDR plural category of `n` in this language.
    pub fn plural_category(self, n: f64) -> &'static str {
        match self {
            Lang::En if n == 1.0 => "one",
            _ => "other",
        }
    }
}

/// A variable's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A number (plural categories select on it).
    Num(f64),
    /// A text, shown as it is (names, keys, RabbitMQ's own texts).
    Str(String),
    /// A shared name (the engine's queue and exchange names), shown as it
    /// is; taking one costs no copy.
    Name(Rc<str>),
    /// Another message, rendered in the same language (a phrase inside a
    /// sentence).
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}

impl From<Rc<str>> for Arg {
    fn from(s: Rc<str>) -> Self {
        Arg::Name(s)
    }
}

impl From<&Rc<str>> for Arg {
    fn from(s: &Rc<str>) -> Self {
        Arg::Name(s.clone())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
    )*};
}
arg_from_number!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}

/// One compiled message (or attribute: `id.attr`).
#[derive(Debug)]
pub struct Message {
    /// Its id.
    pub id: &'static str,
    /// The variables it uses, sorted.
    pub vars: &'static [&'static str],
    pattern: &'static [Piece],
}

/// A piece of a compiled pattern.
#[derive(Debug)]
enum Piece {
    Text(&'static str),
    Var(&'static str),
    Select { var: &'static str, variants: &'static [(&'static str, &'static [Piece])], default: usize },
}

/// The message `id` in `lang` with `args`; a message missing in `lang`
/// falls back to English, and an unknown id is shown as itself (the
/// catalogue tests keep both from happening).
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let message = find(lang, id).or_else(|| find(Lang::En, id));
    let Some(m) = message else { return id.to_string() };
    let mut out = String::new();
    write_pattern(&mut out, lang, m.pattern, args);
    out
}

/// The message `id` in `lang`, with no arguments.
pub fn t(lang: Lang, id: &str) -> String {
    text(lang, id, &[])
}

/// The message `id` in `lang`, if the catalogue has it.
pub fn find(lang: Lang, id: &str) -> Option<&'static Message> {
    let c = lang.catalogue();
    c.binary_search_by(|m| m.id.cmp(id)).ok().map(|i| &c[i])
}

/// Every message of a language, sorted by id.
pub fn messages(lang: Lang) -> &'static [Message] {
    lang.catalogue()
}

fn write_pattern(out: &mut String, lang: Lang, pattern: &[Piece], args: &[(&str, Arg)]) {
    for piece in pattern {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(v) => write_arg(out, lang, arg(args, v)),
            Piece::Select { var, variants, default } => {
                let chosen = choose_variant(lang, arg(args, var), variants).unwrap_or(*default);
                write_pattern(out, lang, variants[chosen].1, args);
            }
        }
    }
}

fn arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

/// An exact match first (`[0]`, `[fanout]`), then the plural category.
fn choose_variant(lang: Lang, value: Option<&Arg>, variants: &[(&str, &[Piece])]) -> Option<usize> {
    let exact = |key: &str| variants.iter().position(|(k, _)| *k == key);
    match value? {
        Arg::Str(s) => exact(s),
        Arg::Name(s) => exact(s),
        Arg::Num(n) => exact(&number_text(*n)).or_else(|| exact(lang.plural_category(*n))),
        Arg::Msg(m) => exact(m.id),
    }
}

fn write_arg(out: &mut String, lang: Lang, a: Option<&Arg>) {
    match a {
        Some(Arg::Str(s)) => out.push_str(s),
        Some(Arg::Name(s)) => out.push_str(s),
        Some(Arg::Num(n)) => out.push_str(&number_text(*n)),
        Some(Arg::Msg(m)) => out.push_str(&m.render(lang)),
        None => {}
    }
}

/// A number as the page writes it: whole numbers without a point.
fn number_text(n: f64) -> String {
    let mut s = String::new();
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let _ = write!(s, "{}", n as i64);
    } else {
        let _ = write!(s, "{n}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_query_then_the_choice_then_the_browser() {
        let zh_browser = vec!["zh-CN".to_string(), "en".to_string()];
        assert_eq!(Lang::choose(None, None, &zh_browser), Lang::Zh);
        assert_eq!(Lang::choose(None, None, &["fr".into(), "zh-TW".into()]), Lang::Zh);
        assert_eq!(Lang::choose(None, None, &["fr".into()]), Lang::En);
        assert_eq!(Lang::choose(None, Some("en"), &zh_browser), Lang::En);
        assert_eq!(Lang::choose(Some("en"), Some("zh"), &zh_browser), Lang::En);
        assert_eq!(Lang::choose(Some("zh"), None, &[]), Lang::Zh);
        assert_eq!(Lang::choose(Some("klingon"), Some("zh"), &[]), Lang::Zh, "an unknown ?lang= is ignored");
        assert_eq!(Lang::from_tag("ZH_hans"), Some(Lang::Zh));
    }

    #[test]
    fn variables_and_plurals_follow_the_language() {
        let n = |k: usize| [("count", Arg::from(k))];
        assert_eq!(text(Lang::En, "unit-bindings", &n(1)), "1 binding");
        assert_eq!(text(Lang::En, "unit-bindings", &n(3)), "3 bindings");
        assert_eq!(text(Lang::Zh, "unit-bindings", &n(1)), "1 个绑定");
        assert_eq!(text(Lang::En, "no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn numbers_are_written_whole_when_they_are() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(2.5), "2.5");
    }
}
