//! The page's JavaScript glue (wasm32 only): what the browser gives and
//! takes, with the logic kept in [`crate::api`] and tested natively.
//!
//! - [`host_api`]: `window.warren` and the `postMessage` listener, both
//!   answering through [`crate::api::call`] on the page's editor and stage.
//! - [`broker_http`], [`broker_session`], [`broker_api`]: the real
//!   RabbitMQ's management API (fetch), the connection and its operations,
//!   and their `window.warren` methods (page only, never `postMessage`).
//! - [`python_parser`]: the Python parser's web worker, started on demand;
//!   [`programs_api`]: `window.warren`'s program methods.
//! - [`catalogue`]: a language's catalogue, fetched when the page first
//!   speaks it.
//! - [`page`]: the page mode and first scenario read from the address.
//! - [`browser`]: the browser APIs the components use (the address,
//!   storage, downloads, files, the clipboard), wrapped so they cannot throw.

pub mod broker_api;
pub mod broker_http;
pub mod broker_session;
pub mod browser;
pub mod catalogue;
pub mod host_api;
pub mod page;
pub mod programs_api;
pub mod python_parser;

pub use host_api::use_host_api;
