//! Warren: a RabbitMQ playground that runs in the browser.
//!
//! - [`engine`]: the broker, a deterministic model of RabbitMQ 3.10.8
//!   (pure Rust, no web dependencies: commands in, events out).
//! - [`conformance`]: replays recordings of a real RabbitMQ through the engine.
//! - [`editor`]: the canvas editor's state (scenario, undo/redo, selection,
//!   pan/zoom, connection rules), pure and natively tested.
//! - [`monitor`]: watching a run (event log with reasons, message dots,
//!   the frame-driven runtime), pure and natively tested.
//! - [`i18n`]: the page's words in English and Chinese (Fluent catalogues
//!   in `locales/`, compiled by `build.rs`).
//! - [`view`]: what the page shows (callout places, the clock's numbers,
//!   fields' readings, what a key does, what a dialog or a node's buttons
//!   show), decided natively; the components only draw it.
//! - [`workspace`]: the page's workspace: autosave, what it opens with
//!   (share link, lesson, autosave), files in and out, banners.
//! - `app`, `components` (wasm32 only): the Yew app that draws it;
//!   `web` (wasm32 only): `window.warren` and `postMessage` over [`api`].
//!
//! See `ARCHITECTURE.md` for the map of modules and how data flows.

// First, so that its macros (`msg!`, `id!`, `t!`) are in scope below.
#[macro_use]
pub mod i18n;

pub mod api;
pub mod broker_link;
pub mod codegen;
pub mod conformance;
pub mod definitions;
pub mod editor;
pub mod engine;
pub mod lessons;
pub mod monitor;
pub mod python;
pub mod runner;
pub mod scenario;
pub mod share;
pub mod simulation;
pub mod view;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod web;
