//! What autosave tells the page: the banner of a failed write, and what
//! another tab's save means here (nothing new: clear the offer; a
//! different workspace: offer to load it).

use std::rc::Rc;

use crate::scenario::Scenario;
use crate::workspace::banner::BannerChange;
use crate::workspace::saved::Saved;
use crate::workspace::{Banner, BannerAction, Tone, Topic};

/// The banner shown once when a write fails (`why`: the browser's reason).
pub fn write_failed(why: impl Into<crate::i18n::Arg>) -> Banner {
    Banner::new(Topic::Autosave, Tone::Error, msg!("workspace-autosave-failed", why = why))
        .with_action(BannerAction::ExportScenario)
}

/// What a copy another tab saved (seen in a `storage` event) changes here:
/// a copy this tab wrote, or of the workspace on this page, clears the
/// offer; a different one is offered with a Load button. `time` writes the
/// copy's `saved_at` as a time of day (the browser's locale).
pub fn other_tab_saved(copy: Saved, tab: &str, current: &Scenario, time: impl FnOnce(f64) -> String) -> BannerChange {
    if copy.tab == tab || copy.scenario == *current {
        return BannerChange::Clear(Topic::OtherTab);
    }
    let time = time(copy.saved_at);
    let text = if copy.scenario.title.is_empty() {
        msg!("workspace-other-tab-saved", time = time)
    } else {
        msg!("workspace-other-tab-saved-titled", title = copy.scenario.title.clone(), time = time)
    };
    BannerChange::Show(
        Banner::new(Topic::OtherTab, Tone::Info, text).with_action(BannerAction::Load(Rc::new(copy.scenario))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(tab: &str, title: &str) -> Saved {
        let scenario = Scenario { title: title.into(), ..Default::default() };
        Saved { tab: tab.into(), saved_at: 1_000.0, scenario }
    }

    fn clock(ms: f64) -> String {
        format!("t{ms}")
    }

    #[test]
    fn a_failed_write_says_why_and_offers_the_file() {
        let b = write_failed("QuotaExceededError");
        assert_eq!((b.topic, b.tone), (Topic::Autosave, Tone::Error));
        assert!(b.title.english().starts_with("Autosave failed: QuotaExceededError. Your work is still here"));
        assert_eq!(b.actions, [BannerAction::ExportScenario]);
    }

    #[test]
    fn our_own_copy_or_the_same_workspace_clears_the_offer() {
        let here = Scenario { title: "Mine".into(), ..Default::default() };
        let clear = BannerChange::Clear(Topic::OtherTab);
        assert_eq!(other_tab_saved(copy("me", "Other"), "me", &here, clock), clear);
        assert_eq!(other_tab_saved(copy("them", "Mine"), "me", &here, clock), clear);
    }

    #[test]
    fn a_different_workspace_is_offered_with_its_title_and_time() {
        let here = Scenario { title: "Mine".into(), ..Default::default() };
        let BannerChange::Show(b) = other_tab_saved(copy("them", "Work queues"), "me", &here, clock) else {
            panic!("an offer")
        };
        assert_eq!((b.topic, b.tone), (Topic::OtherTab, Tone::Info));
        assert_eq!(
            b.title.english(),
            "Another tab saved a different workspace (“Work queues”) at t1000. Load it here, or keep this one: your next change here is saved over it."
        );
        let BannerChange::Show(untitled) = other_tab_saved(copy("them", ""), "me", &here, clock) else { panic!() };
        assert!(untitled.title.english().starts_with("Another tab saved a different workspace at t1000."));
        assert!(matches!(untitled.actions.as_slice(), [BannerAction::Load(s)] if s.title.is_empty()));
        let zh = b.title.render(crate::i18n::Lang::Zh);
        assert!(zh.starts_with("另一个标签页在 t1000 保存了另一份工作区（“Work queues”）"), "{zh}");
    }
}
