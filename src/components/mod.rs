//! The Yew components that make up the page, in the style of Yew's
//! examples: small function components, one concept per file; shared state
//! comes from contexts (`context`), changes go through the editor's
//! reducer or the stage's actions. Grouped by area:
//!
//! - [`canvas`]: [`Canvas`], [`NodeView`] and its body, edges and their
//!   labels, the dot layer, callouts, node actions, the inline binding
//!   editor, the zoom and history controls;
//! - [`inspector`]: the selected node's or binding's form and the route tester;
//! - [`log`]: the [`EventLog`], route details and the [`MessageInspector`];
//! - [`workspace`]: the [`Header`] with its menus and [`ClockBar`], the
//!   [`Palette`], lessons and narration, files, share links, banners,
//!   autosave, the embed chrome, and [`begin`] (what the page starts with);
//! - [`broker`]: the connection to a real RabbitMQ and its live view;
//! - [`programs`]: the Programs panel (Python files, the terminal, the
//!   process tabs) and the one link from it to the runtime;
//! - hooks: the shared contexts (`context`), the animation loop
//!   ([`use_run_loop`]), keyboard shortcuts ([`use_shortcuts`]) and the
//!   focus trap of dialogs.
//!
//! The browser APIs they use are wrapped in [`crate::web::browser`].

pub mod broker;
pub mod canvas;
mod context;
mod focus_trap;
pub mod inspector;
pub mod lang;
pub mod log;
pub mod programs;
mod run_loop;
mod shortcuts;
pub mod workspace;

pub use crate::view::clock::{format_speed, speed_of_slider};
pub use broker::BrokerButton;
pub use canvas::*;
pub use context::{use_editor, use_open_message, use_stage, wall_now, EditorHandle, OpenMessage, Stage};
pub use inspector::Inspector;
pub use lang::{use_lang, LangHandle, LangProvider, LanguageSwitch};
pub use log::*;
pub use run_loop::{format_clock, use_run_loop};
pub use shortcuts::use_shortcuts;
pub use workspace::*;
