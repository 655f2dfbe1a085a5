//! The open lesson in the page's language. A lesson is loaded into the
//! workspace in the language the page spoke then; when the language
//! changes, the narration on screen follows without touching the
//! workspace: the lesson is recognised by its narration (in any language)
//! and its texts are shown in the current one. A scenario that is no
//! lesson (or whose narration was changed) shows its own texts.

use crate::i18n::Lang;
use crate::lessons::{self, localize};
use crate::scenario::{NarrationStep, Scenario};

/// The slug of the lesson whose narration `s` carries, in any language.
pub fn lesson_of(s: &Scenario) -> Option<&'static str> {
    if s.narration.is_empty() {
        return None;
    }
    lessons::cached().iter().find_map(|l| {
        let fits = l.scenario.narration.len() == s.narration.len()
            && Lang::ALL.iter().any(|&lang| lang_narration(l.slug, &l.scenario, lang) == s.narration);
        fits.then_some(l.slug)
    })
}

/// The narration of `lesson` in `lang`.
fn lang_narration(slug: &str, lesson: &Scenario, lang: Lang) -> Vec<NarrationStep> {
    if lang == Lang::En {
        return lesson.narration.clone();
    }
    localize(slug, lesson.clone(), lang).narration
}

/// The narration to show for `s` in `lang`: its title and steps (the
/// lesson's texts in `lang` when `s` is a lesson's, else its own).
pub fn narration_in(s: &Scenario, lang: Lang) -> (String, Vec<NarrationStep>) {
    let lesson = lesson_of(s).and_then(|slug| lessons::cached().iter().find(|l| l.slug == slug));
    match lesson {
        Some(l) => {
            let shown = l.in_lang(lang);
            let title = if s.title == l.title || is_title_of(l.slug, &s.title) { shown.title } else { s.title.clone() };
            (title, shown.scenario.narration)
        }
        None => (s.title.clone(), s.narration.clone()),
    }
}

/// Whether `title` is the lesson `slug`'s title in some language.
fn is_title_of(slug: &str, title: &str) -> bool {
    Lang::ALL.iter().any(|&lang| lessons::localized(slug, lang).is_some_and(|s| s.title == title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_is_recognised_in_either_language_and_shown_in_the_other() {
        let en = lessons::by_slug("work-queues").unwrap();
        let zh = en.in_lang(Lang::Zh);
        assert_eq!(lesson_of(&en.scenario), Some("work-queues"));
        assert_eq!(lesson_of(&zh.scenario), Some("work-queues"));
        let (title, steps) = narration_in(&zh.scenario, Lang::En);
        assert_eq!((title, steps), (en.title.clone(), en.scenario.narration.clone()));
        let (title, steps) = narration_in(&en.scenario, Lang::Zh);
        assert_eq!((title, steps), (zh.title.clone(), zh.scenario.narration.clone()));
        assert_ne!(zh.scenario.narration, en.scenario.narration, "the catalogue translates this lesson");
    }

    #[test]
    fn a_scenario_of_its_own_keeps_its_texts() {
        let mut s = lessons::by_slug("rpc").unwrap().scenario;
        s.narration[0].text = "my own words".into();
        assert_eq!(lesson_of(&s), None);
        assert_eq!(narration_in(&s, Lang::Zh).1, s.narration);
        let mut renamed = lessons::by_slug("rpc").unwrap().scenario;
        renamed.title = "My RPC".into();
        assert_eq!(narration_in(&renamed, Lang::Zh).0, "My RPC");
        assert_eq!(lesson_of(&Scenario::default()), None);
    }
}
