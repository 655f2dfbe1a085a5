//! Pure view logic: what the canvas shows, decided in plain Rust and tested
//! natively; the components in `src/components/` only draw it.
//!
//! - [`log_filter`]: what the event log says when its filter hides every line.
//! - [`node_state`]: what a node's body shows (counts, chips, status).
//! - [`reply_paths`]: the path an RPC server's replies take.
//! - [`sheets`]: the phone layout's sheets (narration, palette, log).
//! - [`zoom`]: the compact form of nodes at small zooms, and the readable fit.
//! - [`clients`]: producers and consumers that are one client program.
//! - [`edge_labels`]: where edge labels go (stacked when edges share a curve).

pub mod clients;
pub mod edge_labels;
pub mod log_filter;
pub mod node_state;
pub mod reply_paths;
pub mod sheets;
pub mod zoom;
