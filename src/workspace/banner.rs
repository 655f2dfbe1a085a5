//! Banners: the messages shown at the top of the page until dismissed. A
//! refused import says what was wrong and where, an import with warnings
//! lists them, autosave problems and a newer copy from another tab are
//! reported here. Each banner has a [`Topic`]: a new banner replaces the
//! one with the same topic, so repeating an action never piles them up.

use std::rc::Rc;

use crate::i18n::Msg;
use crate::scenario::Scenario;

/// The most lines a banner lists; the rest are counted in a last line.
pub const MAX_LINES: usize = 40;

/// How a banner looks and how it is announced (`role=alert` for errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something was refused or failed.
    Error,
    /// It worked, with things to know.
    Warning,
    /// It worked.
    Info,
}

impl Tone {
    /// The name used in the page (`data-tone`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Error => "error",
            Tone::Warning => "warning",
            Tone::Info => "info",
        }
    }
}

/// What a banner is about: one banner per topic at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// A share link in the address.
    Link,
    /// A lesson (from the address or the picker).
    Lesson,
    /// A file imported or exported.
    File,
    /// A damaged autosaved copy, set aside.
    Saved,
    /// Autosave failing (storage full or blocked).
    Autosave,
    /// A newer copy saved by another tab.
    OtherTab,
    /// The page's language could not be loaded.
    Language,
}

impl Topic {
    /// The name used in the page (`data-topic`).
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Link => "link",
            Topic::Lesson => "lesson",
            Topic::File => "file",
            Topic::Saved => "saved",
            Topic::Autosave => "autosave",
            Topic::OtherTab => "other-tab",
            Topic::Language => "language",
        }
    }
}

/// A button on a banner.
#[derive(Clone, Debug, PartialEq)]
pub enum BannerAction {
    /// Undo the last change (after a lesson or a file replaced the workspace).
    Undo,
    /// Load this scenario (the newer copy another tab saved).
    Load(Rc<Scenario>),
    /// Download a text file (a damaged saved copy, to keep it).
    Download {
        /// The file name.
        name: String,
        /// The file's text.
        text: Rc<str>,
    },
    /// Download the current scenario as a file.
    ExportScenario,
}

impl BannerAction {
    /// The button's text.
    pub fn label(&self) -> Msg {
        match self {
            BannerAction::Undo => msg!("workspace-banner-undo"),
            BannerAction::Load(_) => msg!("workspace-banner-load-newer"),
            BannerAction::Download { .. } => msg!("workspace-banner-download"),
            BannerAction::ExportScenario => msg!("workspace-banner-export"),
        }
    }
}

/// One banner.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    /// Unique within a page (keys the element, names it in `Dismiss`).
    pub id: u64,
    /// What it is about.
    pub topic: Topic,
    /// How it looks.
    pub tone: Tone,
    /// The first line, in bold.
    pub title: Msg,
    /// Details, one per line (paths and messages, warnings).
    pub lines: Vec<Msg>,
    /// Its buttons (besides Dismiss).
    pub actions: Vec<BannerAction>,
}

impl Banner {
    /// A banner without details or buttons (its id is set when shown).
    pub fn new(topic: Topic, tone: Tone, title: Msg) -> Self {
        Banner { id: 0, topic, tone, title, lines: Vec::new(), actions: Vec::new() }
    }

    /// Adds detail lines, at most [`MAX_LINES`] (then one line saying how
    /// many more there were).
    pub fn with_lines(mut self, lines: impl IntoIterator<Item = Msg>) -> Self {
        for line in lines {
            self.lines.push(line);
        }
        if self.lines.len() > MAX_LINES {
            let more = self.lines.len() - MAX_LINES;
            self.lines.truncate(MAX_LINES);
            self.lines.push(msg!("workspace-banner-more-lines", more = more));
        }
        self
    }

    /// Adds detail lines that are texts shown as they are (a parser's
    /// message with its path, a RabbitMQ file's warning as its module words
    /// it).
    pub fn with_text_lines(self, lines: impl IntoIterator<Item = String>) -> Self {
        self.with_lines(lines.into_iter().map(Msg::verbatim))
    }

    /// Adds a button.
    pub fn with_action(mut self, action: BannerAction) -> Self {
        self.actions.push(action);
        self
    }
}

/// The banner for a language whose texts could not be loaded (`why`
/// names the file and the reason); the page stays in English.
pub fn language_unavailable(why: Msg) -> BannerChange {
    BannerChange::Show(Banner::new(Topic::Language, Tone::Warning, why))
}

/// The banners shown, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Banners {
    /// The banners.
    pub list: Vec<Banner>,
    next: u64,
}

/// A change to the banners.
#[derive(Clone, Debug, PartialEq)]
pub enum BannerChange {
    /// Show a banner, replacing the one with the same topic.
    Show(Banner),
    /// Hide the banner with this id.
    Dismiss(u64),
    /// Hide the banner about this topic, if any.
    Clear(Topic),
}

impl Banners {
    /// Banners showing these, in order.
    pub fn with(banners: impl IntoIterator<Item = Banner>) -> Self {
        let mut b = Banners::default();
        for banner in banners {
            b.apply(BannerChange::Show(banner));
        }
        b
    }

    /// Applies a change.
    pub fn apply(&mut self, change: BannerChange) {
        match change {
            BannerChange::Show(mut banner) => {
                self.next += 1;
                banner.id = self.next;
                self.list.retain(|b| b.topic != banner.topic);
                self.list.push(banner);
            }
            BannerChange::Dismiss(id) => self.list.retain(|b| b.id != id),
            BannerChange::Clear(topic) => self.list.retain(|b| b.topic != topic),
        }
    }

    /// The banner about a topic.
    pub fn about(&self, topic: Topic) -> Option<&Banner> {
        self.list.iter().find(|b| b.topic == topic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_banner_per_topic_and_fresh_ids() {
        let mut b = Banners::with([
            Banner::new(Topic::Link, Tone::Error, Msg::verbatim("bad link")),
            Banner::new(Topic::Saved, Tone::Error, Msg::verbatim("damaged")),
        ]);
        assert_eq!(b.list.iter().map(|x| x.id).collect::<Vec<_>>(), vec![1, 2]);
        b.apply(BannerChange::Show(Banner::new(Topic::Link, Tone::Info, Msg::verbatim("good link"))));
        assert_eq!(
            b.list.iter().map(|x| (x.id, x.title.english())).collect::<Vec<_>>(),
            vec![(2, "damaged".to_string()), (3, "good link".to_string())]
        );
        b.apply(BannerChange::Dismiss(2));
        assert_eq!(b.list.len(), 1);
        b.apply(BannerChange::Clear(Topic::Link));
        assert!(b.list.is_empty());
    }

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let b = Banner::new(Topic::File, Tone::Warning, Msg::verbatim("w"))
            .with_text_lines((0..100).map(|i| format!("line {i}")));
        assert_eq!(b.lines.len(), MAX_LINES + 1);
        assert_eq!(b.lines.last().unwrap().english(), "… and 60 more");
        assert_eq!(b.lines.last().unwrap().render(crate::i18n::Lang::Zh), "……还有 60 条");
        assert_eq!(b.actions, []);
        assert_eq!(BannerAction::Undo.label().render(crate::i18n::Lang::Zh), "撤销");
    }
}
