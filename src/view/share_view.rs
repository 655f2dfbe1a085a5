//! What the share dialog says about a link: its length, whether it is long
//! enough to be cut by some programs, and whether it reached the clipboard.

use crate::i18n::MsgId;

/// Links longer than this may be cut by some chat and mail programs.
pub const LONG_LINK: usize = 2000;

/// Whether the link reached the clipboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copied {
    /// The browser has not answered yet.
    Trying,
    /// It is on the clipboard.
    Yes,
    /// The browser refused (no permission, or no clipboard API).
    No,
}

impl Copied {
    /// The catalogue id of the status line under the link.
    pub fn status(self) -> MsgId {
        match self {
            Copied::Trying => id!("view-share-copying"),
            Copied::Yes => id!("view-share-copied"),
            Copied::No => id!("view-share-copy-refused"),
        }
    }

    /// True when the status is a warning (copying by hand is needed).
    pub fn warns(self) -> bool {
        self == Copied::No
    }
}

/// What the dialog shows about a link's length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkLength {
    /// The length in characters.
    pub chars: usize,
}

impl LinkLength {
    /// The length of `link`, in characters (not bytes).
    pub fn of(link: &str) -> LinkLength {
        LinkLength { chars: link.chars().count() }
    }

    /// `"N characters"`.
    pub fn text(&self) -> crate::i18n::Msg {
        crate::msg!("view-share-length", count = self.chars)
    }

    /// True when the dialog warns that the link may be cut.
    pub fn is_long(&self) -> bool {
        self.chars > LONG_LINK
    }
}

/// The embed snippet's attributes besides `src`: a title for screen
/// readers (the product's name) and the size the README suggests.
const IFRAME_ATTRIBUTES: &str = "title=\"Warren\" style=\"width: 100%; height: 440px; border: 0\"";

/// The `<iframe>` that embeds the scenario in another page: `embed.html`
/// beside the page at `page` (its origin and path), with `lang=zh` when the
/// page speaks Chinese (an English snippet leaves the language to the
/// reader's browser), and the share link's `fragment` (`#s=...`).
pub fn embed_snippet(page: &str, fragment: &str, lang: crate::i18n::Lang) -> String {
    let base = page.split(['?', '#']).next().unwrap_or(page);
    let dir = match base.rfind('/') {
        Some(i) => &base[..=i],
        None => "",
    };
    let query = match lang {
        crate::i18n::Lang::Zh => "?lang=zh",
        crate::i18n::Lang::En => "",
    };
    format!("<iframe src=\"{dir}embed.html{query}{fragment}\" {IFRAME_ATTRIBUTES}></iframe>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_characters_and_warns_past_the_limit() {
        let at_limit = "a".repeat(LONG_LINK);
        assert_eq!(LinkLength::of(&at_limit).text().english(), "2000 characters");
        assert_eq!(LinkLength::of("ab").text().render(crate::i18n::Lang::Zh), "2 个字符");
        assert!(!LinkLength::of(&at_limit).is_long());
        assert!(LinkLength::of(&format!("{at_limit}b")).is_long());
        // Characters, not bytes.
        assert_eq!(LinkLength::of("é€").chars, 2);
        assert!(!LinkLength::of(&"é".repeat(LONG_LINK)).is_long());
    }

    #[test]
    fn the_embed_snippet_points_at_embed_html_and_names_chinese() {
        use crate::i18n::Lang;
        let zh = embed_snippet("https://w.example/play/index.html", "#s=abc", Lang::Zh);
        assert!(zh.starts_with("<iframe src=\"https://w.example/play/embed.html?lang=zh#s=abc\""), "{zh}");
        let en = embed_snippet("http://127.0.0.1:8080/", "#s=abc", Lang::En);
        assert!(en.starts_with("<iframe src=\"http://127.0.0.1:8080/embed.html#s=abc\""), "{en}");
        assert!(en.ends_with("></iframe>"));
    }

    #[test]
    fn only_a_refused_copy_warns() {
        assert!(!Copied::Trying.warns());
        assert!(!Copied::Yes.warns());
        assert!(Copied::No.warns());
        let en = |id: crate::i18n::MsgId| crate::i18n::t(crate::i18n::Lang::En, id);
        assert_eq!(en(Copied::Yes.status()), "Copied to the clipboard.");
        assert!(en(Copied::No.status()).contains("Ctrl+C"));
        assert_eq!(en(Copied::Trying.status()), "Copying…");
        assert!(crate::i18n::t(crate::i18n::Lang::Zh, Copied::No.status()).contains("Ctrl+C"));
    }
}
