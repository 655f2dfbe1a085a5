//! The page's JavaScript glue (wasm32 only): what the browser gives and
//! takes, with the logic kept in [`crate::api`] and tested natively.
//!
//! - [`host_api`]: `window.warren` and the `postMessage` listener, both
//!   answering through [`crate::api::call`] on the page's editor and stage.
//! - [`page`]: the page mode and first scenario read from the address.

pub mod host_api;
pub mod page;

pub use host_api::use_host_api;
