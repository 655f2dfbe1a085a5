//! Pure view logic: what the components show and what a key or a state
//! means for them, in plain Rust (no DOM), tested natively.

pub mod autosave_banners;
pub mod binding_editor;
pub mod menu_nav;
pub mod message_details;
pub mod node_action_list;
pub mod palette_drop;
pub mod share_view;
pub mod shortcuts;
