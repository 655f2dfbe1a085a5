//! What the page shows, decided in plain Rust and tested natively: the
//! components only draw it.

pub mod autosave_banners;
pub mod binding_editor;
pub mod callout_place;
pub mod clients;
pub mod clock;
pub mod edge_labels;
pub mod gesture;
pub mod log_filter;
pub mod log_flood;
pub mod menu_nav;
pub mod message_details;
pub mod node_action_list;
pub mod node_state;
pub mod number_field;
pub mod palette_drop;
pub mod reply_paths;
pub mod share_view;
pub mod sheets;
pub mod shortcuts;
pub mod terminal;
pub mod zoom;
