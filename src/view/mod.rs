//! What the page shows, decided in plain Rust and tested natively: the
//! components only draw it.

pub mod autosave_banners;
pub mod binding_editor;
pub mod callout_place;
pub mod clock;
pub mod gesture;
pub mod log_flood;
pub mod menu_nav;
pub mod message_details;
pub mod node_action_list;
pub mod number_field;
pub mod palette_drop;
pub mod share_view;
pub mod shortcuts;
