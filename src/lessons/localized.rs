//! The lessons in the page's language.
//!
//! A lesson's English texts are its JSON document (title, description and
//! each narration step's title, text and "try this"); the other languages'
//! texts are messages in their catalogue (`locales/zh/lessons.ftl`), one per
//! field, with ids made from the lesson's slug and the field (see
//! [`LessonText::id`]). A field whose message is missing keeps its English
//! text, so a lesson never shows a message id. `tests/lessons_i18n.rs` keeps
//! the catalogue and the documents in step.

use crate::i18n::{self, Lang};
use crate::scenario::Scenario;

use super::Lesson;

/// One translatable text of a lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonText {
    /// The lesson's title.
    Title,
    /// The lesson's description.
    Description,
    /// The title of narration step `n` (counted from 1).
    StepTitle(usize),
    /// The text of narration step `n` (counted from 1).
    StepText(usize),
    /// The "try this" of narration step `n` (counted from 1).
    StepTry(usize),
}

impl LessonText {
    /// The catalogue id of this text in lesson `slug`:
    /// `lesson-<slug>-title`, `lesson-<slug>-description`,
    /// `lesson-<slug>-step<n>-title`, `-text` and `-try`.
    pub fn id(self, slug: &str) -> String {
        match self {
            LessonText::Title => format!("lesson-{slug}-title"),
            LessonText::Description => format!("lesson-{slug}-description"),
            LessonText::StepTitle(n) => format!("lesson-{slug}-step{n}-title"),
            LessonText::StepText(n) => format!("lesson-{slug}-step{n}-text"),
            LessonText::StepTry(n) => format!("lesson-{slug}-step{n}-try"),
        }
    }
}

/// The lesson `slug` with its texts in `lang`, if there is such a lesson.
pub fn localized(slug: &str, lang: Lang) -> Option<Scenario> {
    super::by_slug(slug).map(|l| localize(slug, l.scenario, lang))
}

/// `scenario` (the lesson `slug`) with its texts in `lang`: English leaves
/// the document as it is; another language takes each text from its
/// catalogue and keeps the English where the catalogue has none.
pub fn localize(slug: &str, mut scenario: Scenario, lang: Lang) -> Scenario {
    if lang == Lang::En {
        return scenario;
    }
    let put = |text: &mut String, which: LessonText| {
        if let Some(t) = i18n::named_text(lang, &which.id(slug)) {
            *text = t;
        }
    };
    put(&mut scenario.title, LessonText::Title);
    put(&mut scenario.description, LessonText::Description);
    for (i, step) in scenario.narration.iter_mut().enumerate() {
        let n = i + 1;
        put(&mut step.title, LessonText::StepTitle(n));
        put(&mut step.text, LessonText::StepText(n));
        if let Some(t) = step.try_this.as_mut() {
            put(t, LessonText::StepTry(n));
        }
    }
    scenario
}

impl Lesson {
    /// This lesson with its title and narration in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Lesson {
        let scenario = localize(self.slug, self.scenario.clone(), lang);
        Lesson { slug: self.slug, title: scenario.title.clone(), scenario }
    }
}
