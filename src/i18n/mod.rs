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

use std::sync::OnceLock;

#[macro_use]
mod id;
mod catalogue;
#[macro_use]
mod msg;
pub use catalogue::{Catalogue, CatalogueError, Message};
use catalogue::{Piece, Pieces};
pub use id::{MsgId, VarId};
pub use msg::Msg;

/// The English catalogue, built into the page.
static EN_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en.catalogue"));

/// The Chinese catalogue: built in natively (tests, tools); in the browser
/// the page fetches it ([`install`]) before it speaks Chinese.
#[cfg(not(target_arch = "wasm32"))]
static ZH_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/zh.catalogue"));

static EN: OnceLock<Catalogue<'static>> = OnceLock::new();
static ZH: OnceLock<Catalogue<'static>> = OnceLock::new();

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

    /// Its catalogue, if the page has it (English always does).
    fn catalogue(self) -> Option<&'static Catalogue<'static>> {
        match self {
            Lang::En => Some(EN.get_or_init(|| Catalogue::read(EN_BYTES).unwrap_or(Catalogue::EMPTY))),
            Lang::Zh => ZH.get().or_else(|| bundled(Lang::Zh)),
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

/// Whether the page can speak `lang` now (Chinese once it is installed).
pub fn is_ready(lang: Lang) -> bool {
    lang.catalogue().is_some()
}

/// Installs a language's catalogue from the bytes of its file (the page
/// fetches Chinese when it first needs it); refused, and nothing changes
/// (nothing is kept), if the bytes are not a whole catalogue. Installing
/// twice keeps the first.
pub fn install(lang: Lang, bytes: Vec<u8>) -> Result<(), CatalogueError> {
    if lang == Lang::En || ZH.get().is_some() {
        return Ok(());
    }
    Catalogue::read(&bytes)?;
    // Checked: kept for the page's life, as the built-in English is.
    let catalogue = Catalogue::read(Box::leak(bytes.into_boxed_slice()))?;
    let _ = ZH.set(catalogue);
    Ok(())
}

/// The catalogue built into this binary for `lang`, natively.
#[cfg(not(target_arch = "wasm32"))]
fn bundled(lang: Lang) -> Option<&'static Catalogue<'static>> {
    static BUNDLED_ZH: OnceLock<Catalogue<'static>> = OnceLock::new();
    (lang == Lang::Zh).then(|| BUNDLED_ZH.get_or_init(|| Catalogue::read(ZH_BYTES).unwrap_or(Catalogue::EMPTY)))
}

/// In the browser only English is built in.
#[cfg(target_arch = "wasm32")]
fn bundled(_lang: Lang) -> Option<&'static Catalogue<'static>> {
    None
}

/// The bytes of the catalogue built into this binary (tests).
#[cfg(all(test, not(target_arch = "wasm32")))]
fn bundled_bytes(lang: Lang) -> &'static [u8] {
    match lang {
        Lang::En => EN_BYTES,
        Lang::Zh => ZH_BYTES,
    }
}

/// The message `id` in `lang` with `args`; a message missing in `lang`
/// falls back to English (the catalogue tests keep that from happening).
pub fn text(lang: Lang, id: MsgId, args: &[(VarId, Arg)]) -> String {
    let message = find(lang, id).or_else(|| find(Lang::En, id));
    message.map(|m| format(lang, &m, args)).unwrap_or_default()
}

/// A message of `lang`'s catalogue with `args`.
pub fn format(lang: Lang, m: &Message<'_>, args: &[(VarId, Arg)]) -> String {
    let mut out = String::new();
    write_pattern(&mut out, lang, m.pieces(), args);
    out
}

/// The message `id` in `lang`, with no arguments (see also [`t!`](crate::t)).
pub fn t(lang: Lang, id: MsgId) -> String {
    text(lang, id, &[])
}

/// The message `id` in `lang`, if the page has that catalogue and it has
/// the message.
pub fn find(lang: Lang, id: MsgId) -> Option<Message<'static>> {
    lang.catalogue()?.get(id)
}

/// The text of a message English lacks (a lesson's text in another
/// language, its id made at run time), if `lang` has it.
pub fn named_text(lang: Lang, id: &str) -> Option<String> {
    lang.catalogue()?.find_named(id).map(|m| format(lang, &m, &[]))
}

/// Every message of a language the page has, with its id, sorted by id
/// (tests and tools: the page has no ids to list).
#[cfg(not(target_arch = "wasm32"))]
pub fn messages(lang: Lang) -> Vec<(&'static str, Message<'static>)> {
    let Some(c) = lang.catalogue() else { return Vec::new() };
    let mut all: Vec<_> = c.indexed().map(|(id, m)| (id.name(), m)).chain(c.named()).collect();
    all.sort_by_key(|(id, _)| *id);
    all
}

fn write_pattern(out: &mut String, lang: Lang, pieces: Pieces<'_>, args: &[(VarId, Arg)]) {
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(v) => write_arg(out, lang, arg(args, v)),
            Piece::Select(select) => {
                let value = arg(args, select.var);
                let chosen = choose_variant(lang, value, &select).unwrap_or(select.default);
                if let Some((_, variant)) = select.variants().nth(chosen) {
                    write_pattern(out, lang, variant, args);
                }
            }
        }
    }
}

fn arg(args: &[(VarId, Arg)], var: VarId) -> Option<&Arg> {
    args.iter().find(|(v, _)| *v == var).map(|(_, a)| a)
}

/// An exact match first (`[0]`, `[fanout]`), then the plural category; a
/// message argument takes the default.
fn choose_variant(lang: Lang, value: Option<&Arg>, select: &catalogue::Select<'_>) -> Option<usize> {
    let exact = |key: &str| select.variants().position(|(k, _)| k == key);
    match value? {
        Arg::Str(s) => exact(s),
        Arg::Name(s) => exact(s),
        Arg::Num(n) => exact(&number_text(*n)).or_else(|| exact(lang.plural_category(*n))),
        Arg::Msg(_) => None,
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
        let n = |k: usize| [(var!("count"), Arg::from(k))];
        assert_eq!(text(Lang::En, id!("unit-bindings"), &n(1)), "1 binding");
        assert_eq!(text(Lang::En, id!("unit-bindings"), &n(3)), "3 bindings");
        assert_eq!(text(Lang::Zh, id!("unit-bindings"), &n(1)), "1 个绑定");
    }

    #[test]
    fn numbers_are_written_whole_when_they_are() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(2.5), "2.5");
    }
}
