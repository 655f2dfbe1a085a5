//! What the page's URL asks for, read without a browser so it is tested
//! natively: embed mode (`?embed=1`), editable embeds (`&edit=1`), the
//! origins allowed to drive it (`&origins=...`), a lesson (`?lesson=NAME`)
//! or a share link (`#s=...`) to start with; and the "Open in Warren" link
//! an embed shows.

use crate::i18n::Msg;
use crate::scenario::Scenario;

use super::origins::AllowList;

/// How the page is shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMode {
    /// Embed mode: the canvas, the clock bar and a compact log, without
    /// the editing chrome, sized to its iframe.
    pub embed: bool,
    /// An embed that may be edited on the canvas (`&edit=1`); embeds are
    /// read-only otherwise.
    pub editable: bool,
    /// Origins (besides the page's own) whose pages may call the API by
    /// `postMessage`.
    pub origins: AllowList,
}

impl PageMode {
    /// Whether a `postMessage` call from `origin` may run, on a page whose
    /// own origin is `own`. The listed origins count in embeds only: the
    /// full playground holds the reader's autosaved workspace, so only its
    /// own origin may drive it.
    pub fn allows(&self, origin: &str, own: &str) -> bool {
        if self.embed {
            self.origins.allows(origin, own)
        } else {
            AllowList::default().allows(origin, own)
        }
    }

    /// The origins an embed tells it is ready: its parent's origin when
    /// known (`parent`), if that one may call; otherwise every origin that
    /// may (posting to a window of another origin is dropped by the
    /// browser, with a console error). None for the full page.
    pub fn ready_targets(&self, own: &str, parent: Option<&str>) -> Vec<String> {
        if !self.embed {
            return Vec::new();
        }
        if let Some(p) = parent {
            return if self.allows(p, own) { vec![p.to_string()] } else { Vec::new() };
        }
        let mut targets = self.origins.origins().to_vec();
        if !own.is_empty() && own != "null" && !targets.iter().any(|o| o == own) {
            targets.push(own.to_string());
        }
        targets
    }

    /// Whether edits to `scenario` are refused: an embed that was not made
    /// editable, or whose scenario is marked `read_only`.
    pub fn locked(&self, scenario: &Scenario) -> bool {
        self.embed && (!self.editable || scenario.read_only)
    }
}

/// Everything the URL asks for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageOptions {
    /// The page mode.
    pub mode: PageMode,
    /// `?lesson=NAME`: the lesson to open.
    pub lesson: Option<String>,
    /// What was left out of the URL and why (shown on the console).
    pub warnings: Vec<String>,
}

pub use crate::workspace::query::percent_decode;

/// The `key=value` pairs of a query string (`?a=1&b=2`, the `?` optional),
/// decoded.
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    search
        .strip_prefix('?')
        .unwrap_or(search)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

fn flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

impl PageOptions {
    /// Reads `location.search`.
    pub fn from_query(search: &str) -> PageOptions {
        let mut o = PageOptions::default();
        for (key, value) in query_pairs(search) {
            match key.as_str() {
                "embed" | "edit" => match flag(&value) {
                    Some(on) if key == "embed" => o.mode.embed = on,
                    Some(on) => o.mode.editable = on,
                    None => o.warnings.push(format!("{key}={value}: expected 1 or 0")),
                },
                "origins" => {
                    let (list, warnings) = AllowList::parse(&value);
                    o.mode.origins.merge(list);
                    o.warnings.extend(warnings);
                }
                "lesson" if !value.is_empty() => o.lesson = Some(value),
                _ => {}
            }
        }
        o
    }
}

/// Where the page's first scenario comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// Nothing asked for: the empty canvas (or the autosaved workspace).
    Nothing,
    /// A share link in the fragment (`#s=...`).
    Shared(Scenario),
    /// A lesson (`?lesson=NAME`).
    Lesson(Scenario),
    /// A link that could not be opened: the message says why.
    Refused(Msg),
}

/// The first scenario: a share link (`#s=`) wins over `?lesson=`; a bad
/// link or an unknown lesson is refused with a message, never a panic.
pub fn start(options: &PageOptions, hash: &str) -> Start {
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    if fragment.split('&').any(|p| p.starts_with("s=")) {
        return match crate::share::decode_link(fragment) {
            Ok(s) => Start::Shared(s),
            Err(e) => Start::Refused(msg!("share-cannot-open", error = e.msg())),
        };
    }
    match options.lesson.as_deref() {
        None => Start::Nothing,
        Some(slug) => match crate::lessons::by_slug(slug) {
            Some(lesson) => Start::Lesson(lesson.scenario),
            None => Start::Refused(msg!(
                "document-no-lesson",
                slug = slug.chars().take(60).collect::<String>(),
                lessons = crate::lessons::slugs().collect::<Vec<_>>().join(", ")
            )),
        },
    }
}

/// The full playground's link for a scenario ("Open in Warren"): the page
/// at `page` (its origin and path, without query or fragment), with the
/// scenario as a share link.
pub fn open_link(page: &str, scenario: &Scenario) -> String {
    let base = page.split(['?', '#']).next().unwrap_or(page);
    // embed.html only redirects to the app; the full playground is beside it.
    let base = match base.strip_suffix("embed.html") {
        Some(dir) => dir.to_string(),
        None => base.to_string(),
    };
    format!("{base}{}", crate::share::fragment(scenario))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_flags_lesson_and_origins() {
        let o =
            PageOptions::from_query("?embed=1&lesson=routing&origins=https%3A%2F%2Fa.example%2Chttps://b.example:8443");
        assert!(o.mode.embed && !o.mode.editable);
        assert_eq!(o.lesson.as_deref(), Some("routing"));
        assert_eq!(o.mode.origins.origins(), ["https://a.example", "https://b.example:8443"]);
        assert!(o.warnings.is_empty());
        let o = PageOptions::from_query("embed&edit=true&origins=*&origins=https://c.example&edit=maybe");
        assert!(o.mode.embed && o.mode.editable);
        assert_eq!(o.mode.origins.origins(), ["https://c.example"]);
        assert_eq!(o.warnings.len(), 2, "{:?}", o.warnings);
        assert_eq!(PageOptions::from_query(""), PageOptions::default());
    }

    #[test]
    fn percent_decoding_keeps_bad_escapes() {
        assert_eq!(percent_decode("a%20b+c%2"), "a b c%2");
        assert_eq!(percent_decode("%zz%"), "%zz%");
        assert_eq!(percent_decode("%+1"), "% 1", "a sign is not a hex digit");
        assert_eq!(percent_decode("%E2%9C%93%FF"), "✓\u{FFFD}");
    }

    #[test]
    fn listed_origins_count_in_embeds_only() {
        let own = "https://warren.example";
        let embed = PageOptions::from_query("?embed=1&origins=https://a.example").mode;
        assert!(embed.allows("https://a.example", own));
        assert!(embed.allows(own, own));
        assert!(!embed.allows("https://b.example", own));
        assert_eq!(embed.ready_targets(own, None), ["https://a.example", own]);
        assert_eq!(embed.ready_targets(own, Some("https://a.example")), ["https://a.example"]);
        assert!(
            embed.ready_targets(own, Some("https://b.example")).is_empty(),
            "a parent that may not call hears nothing"
        );
        let full = PageOptions::from_query("?origins=https://a.example").mode;
        assert!(
            !full.allows("https://a.example", own),
            "the full page (the reader's workspace) answers its own origin only"
        );
        assert!(full.allows(own, own));
        assert!(full.ready_targets(own, Some(own)).is_empty());
    }

    #[test]
    fn read_only_embeds() {
        let mut mode = PageMode { embed: true, ..Default::default() };
        let mut s = Scenario::default();
        assert!(mode.locked(&s));
        mode.editable = true;
        assert!(!mode.locked(&s));
        s.read_only = true;
        assert!(mode.locked(&s), "the scenario can make an editable embed read-only");
        assert!(!PageMode::default().locked(&s), "the full playground is never locked");
    }

    #[test]
    fn start_from_link_or_lesson() {
        let lesson = crate::lessons::by_slug("hello-world").unwrap().scenario;
        let o = PageOptions::from_query("?lesson=routing");
        assert!(
            matches!(start(&o, ""), Start::Lesson(s) if s.title == crate::lessons::by_slug("routing").unwrap().title)
        );
        let link = open_link("http://127.0.0.1:8080/index.html?embed=1&lesson=x#s=old", &lesson);
        assert!(link.starts_with("http://127.0.0.1:8080/index.html#s="), "{link}");
        let hash = &link[link.find('#').unwrap()..];
        assert_eq!(start(&o, hash), Start::Shared(lesson.clone()), "a share link wins over ?lesson=");
        assert!(open_link("https://a.example/w/embed.html", &lesson).starts_with("https://a.example/w/#s="));
        match start(&PageOptions::from_query("?lesson=<img src=x>"), "") {
            Start::Refused(why) => {
                let why = why.english();
                assert!(why.contains("no lesson named '<img src=x>'") && why.contains("hello-world"))
            }
            other => panic!("{other:?}"),
        }
        match start(&o, "#s=AAAA!") {
            Start::Refused(why) => {
                assert!(why.english().starts_with("This share link cannot be opened"), "{}", why.english())
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(start(&PageOptions::default(), "#other"), Start::Nothing);
        match start(&PageOptions::from_query("?lesson=nope"), "") {
            Start::Refused(why) => {
                let zh = why.render(crate::i18n::Lang::Zh);
                assert!(zh.starts_with("没有名为 'nope' 的课程（可选课程：hello-world"), "{zh}");
            }
            other => panic!("{other:?}"),
        }
        match start(&o, "#s=") {
            Start::Refused(why) => {
                assert_eq!(why.english(), "This share link cannot be opened: the share link is empty after 's='");
                assert_eq!(why.render(crate::i18n::Lang::Zh), "无法打开这个分享链接：分享链接在 's=' 之后是空的");
            }
            other => panic!("{other:?}"),
        }
    }
}
