//! The lesson picker: a header menu listing every built-in lesson (title
//! and description). Choosing one loads it as an undoable step, so what
//! was on the canvas is one Undo away; a banner says so (when there was
//! something on it). The lessons are listed and opened in the page's
//! language.

use std::rc::Rc;

use yew::prelude::*;

use crate::editor::EditAction;
use crate::lessons;
use crate::scenario::Scenario;
use crate::workspace::banner::BannerChange;
use crate::workspace::lesson_lang::lesson_of;
use crate::workspace::{Banner, BannerAction, Tone, Topic};

use crate::components::context::use_editor;
use crate::components::workspace::banners::{show, use_banners};
use crate::components::workspace::menu::Menu;

/// The "Lessons" menu.
#[function_component(LessonPicker)]
pub fn lesson_picker() -> Html {
    let editor = use_editor();
    let banners = use_banners();
    let lang = crate::components::use_lang();
    let current = {
        let s = editor.scenario.clone();
        use_memo(s.narration.clone(), move |_| lesson_of(&s))
    };
    let shown = use_memo(lang, |lang| lessons::cached().iter().map(|l| l.in_lang(*lang)).collect::<Vec<_>>());
    let items = shown.iter().cloned().map(|lesson| {
        let is_current = *current == Some(lesson.slug);
        let (title, description) = (lesson.title.clone(), lesson.scenario.description.clone());
        let onclick = {
            let editor = editor.clone();
            let banners = banners.clone();
            Callback::from(move |_: MouseEvent| {
                let had_work = *editor.scenario != Scenario::default();
                let title = lesson.title.clone();
                editor.dispatch(EditAction::Load(Rc::new(lesson.scenario.clone())));
                if had_work {
                    show(
                        &banners,
                        Banner::new(Topic::Lesson, Tone::Info, crate::msg!("workspace-lesson-opened", title = title))
                            .with_action(BannerAction::Undo),
                    );
                } else {
                    banners.dispatch(BannerChange::Clear(Topic::Lesson));
                }
            })
        };
        html! {
            <button type="button" class="menu-item lesson-item" data-lesson={lesson.slug} {onclick}
                    aria-current={is_current.then_some("true")}>
                <span class="menu-item-title">{ title }</span>
                <span class="menu-item-description">{ description }</span>
            </button>
        }
    });
    html! {
        <Menu label={t!(lang, "workspace-lessons")} class="lesson-menu" title={t!(lang, "workspace-lessons.title")}>
            <p class="menu-heading">{ t!(lang, "workspace-lessons-heading") }</p>
            { for items }
        </Menu>
    }
}
