//! The page around the canvas: the header and its menus, the clock bar,
//! the palette, lessons and narration, files, share links, banners,
//! autosave, the embed chrome and the phone tabs.

pub(crate) mod autosave;
pub(crate) mod banners;
pub(crate) mod clock_bar;
pub(crate) mod embed;
pub(crate) mod file_drop;
pub(crate) mod file_menu;
pub(crate) mod header;
pub(crate) mod lesson_picker;
pub(crate) mod link_watch;
pub(crate) mod menu;
pub(crate) mod narration;
pub(crate) mod palette;
pub(crate) mod phone_tabs;
pub(crate) mod share_dialog;
pub(crate) mod start;

pub use autosave::{Autosave, DEBOUNCE_MS};
pub use banners::{show, use_banners, BannerList, BannersHandle};
pub use clock_bar::ClockBar;
pub use embed::{embed_view, EmbedLayout, EmbedProps};
pub use file_drop::FileDrop;
pub use file_menu::{apply_opened, open_file, FileMenu};
pub use header::Header;
pub use lesson_picker::LessonPicker;
pub use link_watch::LinkWatch;
pub use menu::Menu;
pub use narration::NarrationPanel;
pub use palette::Palette;
pub use phone_tabs::PhoneTabs;
pub use share_dialog::{share_link, ShareButton, LONG_LINK};
pub use start::{begin, Begin};
