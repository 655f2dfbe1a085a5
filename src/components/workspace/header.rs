//! The app header: the name, what it is, the workspace tools (lessons,
//! file, share) and the clock bar.

use yew::prelude::*;

use crate::components::broker::broker_panel::BrokerButton;
use crate::components::workspace::clock_bar::ClockBar;
use crate::components::workspace::file_menu::FileMenu;
use crate::components::workspace::lesson_picker::LessonPicker;
use crate::components::workspace::share_dialog::ShareButton;

/// The app header: "Warren", its tagline, the workspace tools and the clock.
#[function_component(Header)]
pub fn header() -> Html {
    let lang = crate::components::use_lang();
    html! {
        <header class="app-header">
            <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
                <rect x="1" y="1" width="30" height="30" rx="7" class="logo-bg" />
                <circle cx="9" cy="16" r="3.5" class="logo-dot" />
                <path d="M13 16 H19 M19 16 L23 10 M19 16 L23 22" class="logo-line" />
                <circle cx="24.5" cy="9" r="2.5" class="logo-dot" />
                <circle cx="24.5" cy="23" r="2.5" class="logo-dot" />
            </svg>
            <div class="app-name">
                <h1 class="app-title">{ t!(lang, "app-title") }</h1>
                <p class="tagline">{ t!(lang, "app-tagline") }</p>
            </div>
            <nav class="header-tools" aria-label={t!(lang, "header-tools.aria-label")}>
                <LessonPicker />
                <FileMenu />
                <ShareButton />
                <BrokerButton />
                <crate::components::LanguageSwitch />
            </nav>
            <ClockBar />
        </header>
    }
}
