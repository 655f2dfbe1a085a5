//! The lesson picker: a header menu listing every built-in lesson (title
//! and description). Choosing one loads it as an undoable step, so what
//! was on the canvas is one Undo away; a banner says so (when there was
//! something on it).

use std::rc::Rc;

use yew::prelude::*;

use crate::editor::EditAction;
use crate::lessons;
use crate::scenario::Scenario;
use crate::workspace::banner::BannerChange;
use crate::workspace::{Banner, BannerAction, Tone, Topic};

use crate::components::context::use_editor;
use crate::components::workspace::banners::{show, use_banners};
use crate::components::workspace::menu::Menu;

/// The "Lessons" menu.
#[function_component(LessonPicker)]
pub fn lesson_picker() -> Html {
    let editor = use_editor();
    let banners = use_banners();
    let current = editor.scenario.title.clone();
    let items = lessons::cached().iter().map(|lesson| {
        let onclick = {
            let editor = editor.clone();
            let banners = banners.clone();
            Callback::from(move |_: MouseEvent| {
                let had_work = *editor.scenario != Scenario::default();
                let title = &lesson.title;
                editor.dispatch(EditAction::Load(Rc::new(lesson.scenario.clone())));
                if had_work {
                    show(
                        &banners,
                        Banner::new(
                            Topic::Lesson,
                            Tone::Info,
                            format!("Opened the lesson “{title}”. Undo brings back what you had."),
                        )
                        .with_action(BannerAction::Undo),
                    );
                } else {
                    banners.dispatch(BannerChange::Clear(Topic::Lesson));
                }
            })
        };
        let is_current = lesson.title == current;
        html! {
            <button type="button" class="menu-item lesson-item" data-lesson={lesson.slug} {onclick}
                    aria-current={is_current.then_some("true")}>
                <span class="menu-item-title">{ lesson.title.clone() }</span>
                <span class="menu-item-description">{ lesson.scenario.description.clone() }</span>
            </button>
        }
    });
    html! {
        <Menu label="Lessons" class="lesson-menu" title="Open a built-in lesson (your current work stays one Undo away)">
            <p class="menu-heading">{ "Each lesson plays a RabbitMQ tutorial, step by step." }</p>
            { for items }
        </Menu>
    }
}
