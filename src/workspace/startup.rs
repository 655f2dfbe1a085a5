//! What the page opens with. In order of precedence:
//!
//! 1. a share link in the fragment (`#s=...`);
//! 2. a lesson in the query (`?lesson=NAME`);
//! 3. the autosaved workspace: this tab's own copy (`sessionStorage`, so a
//!    reload restores exactly what this tab had), else the latest one any
//!    tab saved (`localStorage`);
//! 4. an empty workspace (the default exchange only).
//!
//! A link or lesson is opened *over* the autosaved workspace, as an undoable
//! load: one Undo brings back what was there. A link or lesson that cannot
//! be opened leaves the autosaved workspace as it was and says why; a
//! damaged saved copy is set aside (see [`saved`]) and
//! reported once. The link and lesson are then removed from the address
//! (the rest of it kept), so a reload restores the autosave, edits
//! included, instead of opening the link again.

use crate::i18n::{Lang, Msg};
use crate::lessons;
use crate::scenario::Scenario;
use crate::share;

use super::banner::{Banner, BannerAction, Tone, Topic};
use super::saved::SavedError;
use super::{query, saved};

/// Which storage a saved copy came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// This tab's copy (`sessionStorage`).
    Session,
    /// The latest copy of any tab (`localStorage`).
    Local,
}

impl Store {
    /// `session` or `local` (used in the set-aside key).
    pub fn as_str(self) -> &'static str {
        match self {
            Store::Session => "session",
            Store::Local => "local",
        }
    }
}

/// Where the scenario on screen came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A share link.
    Link,
    /// A lesson, by slug.
    Lesson(String),
    /// An autosaved copy.
    Saved(Store),
    /// Nothing: an empty workspace.
    Empty,
}

/// A saved copy that could not be read, to be set aside.
#[derive(Clone, Debug, PartialEq)]
pub struct Damaged {
    /// Where it was.
    pub store: Store,
    /// Its text, kept as it was.
    pub text: String,
    /// What is wrong with it.
    pub error: SavedError,
}

/// The page's address and saved copies, as read at start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    /// `location.search` (`?lesson=rpc`).
    pub search: String,
    /// `location.hash` (`#s=...`).
    pub hash: String,
    /// This tab's saved copy.
    pub session: Option<String>,
    /// The latest saved copy.
    pub local: Option<String>,
    /// The page's language (a lesson opens with its texts in it).
    pub lang: Lang,
}

/// What to start with.
#[derive(Clone, Debug, PartialEq)]
pub struct Startup {
    /// The editor's starting scenario (what Undo goes back to when
    /// [`open`](Startup::open) is set).
    pub base: Scenario,
    /// Where `base` came from.
    pub base_source: Source,
    /// A link or lesson to load over `base` (undoable).
    pub open: Option<(Scenario, Source)>,
    /// What to tell.
    pub banners: Vec<Banner>,
    /// Saved copies to set aside.
    pub damaged: Vec<Damaged>,
    /// The query to show instead, when a lesson was taken from it.
    pub search: Option<String>,
    /// The fragment to show instead, when a link was taken from it.
    pub hash: Option<String>,
}

impl Startup {
    /// The scenario the page shows first.
    pub fn scenario(&self) -> &Scenario {
        self.open.as_ref().map(|(s, _)| s).unwrap_or(&self.base)
    }
}

/// What the page opens with, from the address and the saved copies.
pub fn decide(inputs: &Inputs) -> Startup {
    let mut banners = Vec::new();
    let (base, base_source, damaged) = autosaved(inputs);
    let fallback = match base_source {
        Source::Saved(_) => msg!("workspace-start-fallback-saved"),
        _ => msg!("workspace-start-fallback-empty"),
    };
    let undo_hint = base != Scenario::default();
    // The link, then the lesson.
    let link = query::param(&inputs.hash, "s");
    let hash = link.as_ref().map(|_| query::without(&inputs.hash, "s", '#'));
    let mut open = link.and_then(|data| open_link(&data, undo_hint, &fallback, &mut banners));
    let lesson = query::param(&inputs.search, "lesson");
    let search = lesson.as_ref().map(|_| query::without(&inputs.search, "lesson", '?'));
    if let Some(name) = lesson.filter(|_| open.is_none()) {
        open = open_lesson(&name, inputs.lang, undo_hint, &fallback, &mut banners);
    }
    Startup { base, base_source, open, banners, damaged, search, hash }
}

/// The autosave: this tab's copy first, then the latest; copies that
/// cannot be read are listed once each.
fn autosaved(inputs: &Inputs) -> (Scenario, Source, Vec<Damaged>) {
    let mut damaged: Vec<Damaged> = Vec::new();
    let mut base = None;
    for (store, text) in [(Store::Session, &inputs.session), (Store::Local, &inputs.local)] {
        let Some(text) = text else { continue };
        match saved::decode(text) {
            Ok(s) => {
                if base.is_none() {
                    base = Some((s.scenario, Source::Saved(store)));
                }
            }
            Err(error) => {
                if !damaged.iter().any(|d| d.text == *text) {
                    damaged.push(Damaged { store, text: text.clone(), error });
                }
            }
        }
    }
    let (base, source) = base.unwrap_or((Scenario::default(), Source::Empty));
    (base, source, damaged)
}

/// A `#s=` link's scenario, with a banner saying it replaced the workspace
/// (one Undo away), or the banner of why it cannot be opened.
fn open_link(data: &str, undo_hint: bool, fallback: &Msg, banners: &mut Vec<Banner>) -> Option<(Scenario, Source)> {
    match share::decode(data) {
        Ok(s) => {
            if undo_hint {
                let title = if s.title.is_empty() {
                    msg!("workspace-start-a-shared-scenario")
                } else {
                    msg!("workspace-start-the-shared-scenario", title = s.title.clone())
                };
                let text = msg!("workspace-start-opened-link", what = title);
                banners.push(Banner::new(Topic::Link, Tone::Info, text).with_action(BannerAction::Undo));
            }
            Some((s, Source::Link))
        }
        Err(e) => {
            let text = msg!("workspace-start-link-refused", fallback = fallback.clone());
            banners.push(Banner::new(Topic::Link, Tone::Error, text).with_lines([e.msg()]));
            None
        }
    }
}

/// A `?lesson=NAME` lesson's scenario, with a banner as for a link, or the
/// banner listing the lessons.
fn open_lesson(
    name: &str,
    lang: Lang,
    undo_hint: bool,
    fallback: &Msg,
    banners: &mut Vec<Banner>,
) -> Option<(Scenario, Source)> {
    let Some(l) = lessons::by_slug(name.trim()).map(|l| l.in_lang(lang)) else {
        banners.push(unknown_lesson(name, fallback));
        return None;
    };
    if undo_hint {
        let text = msg!("workspace-start-opened-lesson", title = l.title.clone());
        banners.push(Banner::new(Topic::Lesson, Tone::Info, text).with_action(BannerAction::Undo));
    }
    Some((l.scenario, Source::Lesson(l.slug.to_string())))
}

/// The banner for `?lesson=NAME` with a name no lesson has.
pub fn unknown_lesson(name: &str, fallback: &Msg) -> Banner {
    let title = if name.trim().is_empty() {
        msg!("workspace-start-lesson-unnamed", fallback = fallback.clone())
    } else {
        let name: String = name.chars().take(80).collect();
        msg!("workspace-start-lesson-unknown", name = name, fallback = fallback.clone())
    };
    let slugs = lessons::slugs().collect::<Vec<_>>().join(", ");
    Banner::new(Topic::Lesson, Tone::Error, title).with_lines([msg!("workspace-start-lessons-are", slugs = slugs)])
}

/// The banner for a damaged saved copy: where it went (`Ok(key)`) or why
/// it could not be moved (`Err(reason)`), with a button to download it.
pub fn damaged_banner(d: &Damaged, set_aside: Result<&str, crate::i18n::Msg>) -> Banner {
    let whose = match d.store {
        Store::Session => msg!("workspace-start-damaged-session"),
        Store::Local => msg!("workspace-start-damaged-local"),
    };
    let kept = match set_aside {
        Ok(key) => msg!("workspace-start-damaged-kept", key = key),
        Err(why) => msg!("workspace-start-damaged-not-kept", why = why),
    };
    Banner::new(Topic::Saved, Tone::Error, msg!("workspace-start-damaged", whose = whose, kept = kept))
        .with_lines([d.error.line()])
        .with_action(BannerAction::Download { name: "damaged-workspace.json".into(), text: d.text.as_str().into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved_copy(title: &str) -> String {
        let s = Scenario { title: title.into(), ..Default::default() };
        saved::encode(&s, "t", 1.0)
    }

    #[test]
    fn empty_without_anything() {
        let s = decide(&Inputs::default());
        assert_eq!((s.base_source.clone(), s.open.clone(), s.banners.len()), (Source::Empty, None, 0));
        assert_eq!(s.scenario(), &Scenario::default());
        assert_eq!((s.search, s.hash), (None, None));
    }

    #[test]
    fn precedence_link_lesson_session_local() {
        let linked = crate::lessons::by_slug("topics").unwrap().scenario;
        let all = Inputs {
            search: "?lesson=rpc".into(),
            hash: share::fragment(&linked),
            session: Some(saved_copy("mine")),
            local: Some(saved_copy("latest")),
            lang: Lang::En,
        };
        let s = decide(&all);
        assert_eq!(s.scenario(), &linked);
        assert_eq!(s.base.title, "mine");
        assert_eq!(s.open.as_ref().unwrap().1, Source::Link);
        assert_eq!(s.banners.len(), 1);
        assert_eq!(s.banners[0].actions, vec![BannerAction::Undo]);
        assert_eq!((s.search.as_deref(), s.hash.as_deref()), (Some(""), Some("")));

        let s = decide(&Inputs { hash: String::new(), ..all.clone() });
        assert_eq!(s.scenario().title, "RPC");
        assert!(s.banners[0].title.english().starts_with("Opened the lesson “RPC”. Undo"), "{:?}", s.banners);
        let fresh = decide(&Inputs { search: "?lesson=rpc".into(), ..Default::default() });
        assert_eq!(
            (fresh.scenario().title.as_str(), fresh.banners.len()),
            ("RPC", 0),
            "nothing replaced, nothing to say"
        );
        assert_eq!(s.open.as_ref().unwrap().1, Source::Lesson("rpc".into()));

        let s = decide(&Inputs { hash: String::new(), search: "?x=1".into(), ..all.clone() });
        assert_eq!(
            (s.scenario().title.as_str(), s.base_source.clone(), s.search.clone()),
            ("mine", Source::Saved(Store::Session), None)
        );

        let s = decide(&Inputs { hash: String::new(), search: String::new(), session: None, ..all });
        assert_eq!((s.scenario().title.as_str(), s.base_source.clone()), ("latest", Source::Saved(Store::Local)));
    }

    #[test]
    fn a_tampered_link_keeps_the_autosave_and_says_why() {
        let f = share::fragment(&crate::lessons::by_slug("rpc").unwrap().scenario);
        let cut = &f[..f.len() - 7];
        let s = decide(&Inputs {
            hash: format!("#embed=1&{}", &cut[1..]),
            local: Some(saved_copy("mine")),
            ..Default::default()
        });
        assert_eq!((s.scenario().title.as_str(), s.open.is_none()), ("mine", true));
        assert_eq!(s.banners.len(), 1);
        assert_eq!(s.banners[0].tone, Tone::Error);
        assert!(
            s.banners[0].title.english().contains("autosaved workspace is open instead"),
            "{}",
            s.banners[0].title.english()
        );
        assert!(s.banners[0].lines[0].english().contains("share link"), "{:?}", s.banners[0].lines);
        assert_eq!(s.hash.as_deref(), Some("#embed=1"));
    }

    #[test]
    fn an_unknown_lesson_lists_the_lessons() {
        let s = decide(&Inputs { search: "?lesson=nope".into(), ..Default::default() });
        assert_eq!((s.open.is_none(), s.base_source.clone()), (true, Source::Empty));
        assert!(s.banners[0].title.english().contains("no lesson called “nope”"));
        assert!(s.banners[0].title.english().contains("empty workspace"));
        assert!(s.banners[0].lines[0].english().contains("hello-world, work-queues"));
        let s = decide(&Inputs { search: "?lesson=".into(), ..Default::default() });
        assert!(s.banners[0].title.english().contains("names none"));
        let zh = s.banners[0].title.render(Lang::Zh);
        assert_eq!(zh, "地址要打开一节课，却没有写课名：已改为打开一个空的工作区。");
    }

    #[test]
    fn a_lesson_opens_in_the_pages_language() {
        let s = decide(&Inputs { search: "?lesson=rpc".into(), lang: Lang::Zh, ..Default::default() });
        let zh = crate::lessons::by_slug("rpc").unwrap().in_lang(Lang::Zh);
        assert_eq!(s.scenario().title, zh.title);
        assert_eq!(s.scenario().narration, zh.scenario.narration);
    }

    #[test]
    fn damaged_copies_are_set_aside_and_the_other_used() {
        let s =
            decide(&Inputs { session: Some("{oops".into()), local: Some(saved_copy("latest")), ..Default::default() });
        assert_eq!(s.scenario().title, "latest");
        assert_eq!(s.damaged.len(), 1);
        assert_eq!(s.damaged[0].store, Store::Session);
        let s = decide(&Inputs { session: Some("{oops".into()), local: Some("{oops".into()), ..Default::default() });
        assert_eq!((s.damaged.len(), s.base_source.clone()), (1, Source::Empty));
        let b = damaged_banner(&s.damaged[0], Ok("warren.workspace.damaged.session.5"));
        assert!(b.title.english().contains("“warren.workspace.damaged.session.5”"));
        assert!(b.lines[0].english().contains("not valid JSON"));
        assert!(matches!(&b.actions[0], BannerAction::Download { text, .. } if &**text == "{oops"));
        let b = damaged_banner(&s.damaged[0], Err(crate::i18n::Msg::verbatim("storage is full")));
        assert!(b.title.english().contains("could not be set aside (storage is full)"));
    }
}
