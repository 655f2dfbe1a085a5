//! Pure view logic: what the canvas shows, decided in plain Rust and tested
//! natively; the components in `src/components/` only draw it.
//!
//! - [`node_state`]: what a node's body shows (counts, chips, status).

pub mod node_state;
