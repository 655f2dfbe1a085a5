//! Banners: the messages shown at the top of the page until dismissed. A
//! refused import says what was wrong and where, an import with warnings
//! lists them, autosave problems and a newer copy from another tab are
//! reported here. Each banner has a [`Topic`]: a new banner replaces the
//! one with the same topic, so repeating an action never piles them up.

use std::rc::Rc;

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
    pub fn label(&self) -> &'static str {
        match self {
            BannerAction::Undo => "Undo",
            BannerAction::Load(_) => "Load the newer copy",
            BannerAction::Download { .. } => "Download it",
            BannerAction::ExportScenario => "Export the scenario",
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
    pub title: String,
    /// Details, one per line (paths and messages, warnings).
    pub lines: Vec<String>,
    /// Its buttons (besides Dismiss).
    pub actions: Vec<BannerAction>,
}

impl Banner {
    /// A banner without details or buttons (its id is set when shown).
    pub fn new(topic: Topic, tone: Tone, title: impl Into<String>) -> Self {
        Banner { id: 0, topic, tone, title: title.into(), lines: Vec::new(), actions: Vec::new() }
    }

    /// Adds detail lines, at most [`MAX_LINES`] (then one line saying how
    /// many more there were).
    pub fn with_lines(mut self, lines: impl IntoIterator<Item = String>) -> Self {
        for line in lines {
            self.lines.push(line);
        }
        if self.lines.len() > MAX_LINES {
            let more = self.lines.len() - MAX_LINES;
            self.lines.truncate(MAX_LINES);
            self.lines.push(format!("… and {more} more"));
        }
        self
    }

    /// Adds a button.
    pub fn with_action(mut self, action: BannerAction) -> Self {
        self.actions.push(action);
        self
    }
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
            Banner::new(Topic::Link, Tone::Error, "bad link"),
            Banner::new(Topic::Saved, Tone::Error, "damaged"),
        ]);
        assert_eq!(b.list.iter().map(|x| x.id).collect::<Vec<_>>(), vec![1, 2]);
        b.apply(BannerChange::Show(Banner::new(Topic::Link, Tone::Info, "good link")));
        assert_eq!(
            b.list.iter().map(|x| (x.id, x.title.as_str())).collect::<Vec<_>>(),
            vec![(2, "damaged"), (3, "good link")]
        );
        b.apply(BannerChange::Dismiss(2));
        assert_eq!(b.list.len(), 1);
        b.apply(BannerChange::Clear(Topic::Link));
        assert!(b.list.is_empty());
    }

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let b = Banner::new(Topic::File, Tone::Warning, "w").with_lines((0..100).map(|i| format!("line {i}")));
        assert_eq!(b.lines.len(), MAX_LINES + 1);
        assert_eq!(b.lines.last().unwrap(), "… and 60 more");
    }
}
