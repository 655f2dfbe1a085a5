//! The Yew components that make up the page, in the style of Yew's
//! examples: small function components, one concept per file; shared state
//! comes from contexts (`context`), changes go through the editor's
//! reducer or the stage's actions.
//!
//! - page: [`Header`] with the [`ClockBar`], [`Palette`], [`Canvas`],
//!   [`EventLog`], [`Inspector`], [`MessageInspector`];
//! - on the canvas: [`NodeView`] and its body, edges and their labels,
//!   the dot layer, callouts (engine errors, notices), node actions, the
//!   inline binding editor, the zoom and history controls;
//! - hooks: the animation loop ([`use_run_loop`]) and keyboard shortcuts
//!   ([`use_shortcuts`]).
//! - the workspace: [`LessonPicker`], [`NarrationPanel`], the [`FileMenu`]
//!   (scenario files, definitions, pika code), [`ShareButton`],
//!   [`BannerList`], [`FileDrop`], [`FitOnLoad`], [`Autosave`], [`LinkWatch`], and
//!   [`begin`] (what the page starts with); [`browser`] wraps the browser
//!   APIs they use.

mod autosave;
mod banners;
mod broker_live;
mod broker_panel;
pub mod browser;
mod callouts;
mod canvas;
mod canvas_controls;
mod clock_bar;
mod context;
mod dots;
mod edges;
mod embed;
mod event_log;
mod file_drop;
mod file_menu;
mod fit_on_load;
mod focus_trap;
mod header;
mod inline_binding;
pub mod inspector;
mod lesson_picker;
mod link_watch;
mod menu;
mod message_inspector;
mod narration;
mod node;
mod node_actions;
mod node_body;
mod palette;
mod phone_tabs;
mod route_detail;
mod run_loop;
mod share_dialog;
mod shortcuts;
mod start;

pub use crate::view::clock::{format_speed, speed_of_slider};
pub use autosave::{Autosave, DEBOUNCE_MS};
pub use banners::{show, use_banners, BannerList, BannersHandle};
pub use broker_panel::BrokerButton;
pub use callouts::{Callouts, ErrorCallout, FloatingNotice};
pub use canvas::Canvas;
pub use canvas_controls::CanvasControls;
pub use clock_bar::ClockBar;
pub use context::{use_editor, use_open_message, use_stage, wall_now, EditorHandle, OpenMessage, Stage};
pub use dots::{dot_colour, draw_dots, DotLayer};
pub use edges::{binding_label, edge_geometry, parse_edge_key, EdgeGeom, EdgeLabels, EdgeLayer};
pub use embed::{embed_view, EmbedLayout, EmbedProps};
pub use event_log::EventLog;
pub use file_drop::FileDrop;
pub use file_menu::{apply_opened, open_file, FileMenu};
pub use fit_on_load::FitOnLoad;
pub use header::{Header, TAGLINE};
pub use inline_binding::InlineBinding;
pub use inspector::Inspector;
pub use lesson_picker::LessonPicker;
pub use link_watch::LinkWatch;
pub use menu::Menu;
pub use message_inspector::MessageInspector;
pub use narration::NarrationPanel;
pub use node::{display_name, NodeView};
pub use node_actions::NodeActions;
pub use node_body::{chip_text, format_ms, schedule_text, NodeBody};
pub use palette::Palette;
pub use phone_tabs::PhoneTabs;
pub use route_detail::RouteDetail;
pub use run_loop::{format_clock, use_run_loop};
pub use share_dialog::{share_link, ShareButton, LONG_LINK};
pub use shortcuts::use_shortcuts;
pub use start::{begin, Begin};
