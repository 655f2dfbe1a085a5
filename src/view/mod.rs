//! What the page shows, decided in plain Rust and tested natively: the
//! components only draw it.

pub mod callout_place;
pub mod clock;
pub mod gesture;
pub mod log_flood;
pub mod number_field;
