//! The canvas: nodes and their bodies, edges and their labels, the dot
//! layer, callouts (engine errors, notices), node actions, the inline
//! binding editor, the zoom and history controls.

pub(crate) mod area;
pub(crate) mod callouts;
pub(crate) mod canvas_controls;
pub(crate) mod dots;
pub(crate) mod edges;
pub(crate) mod fit_on_load;
pub(crate) mod inline_binding;
pub(crate) mod node;
pub(crate) mod node_actions;
pub(crate) mod node_body;

pub use area::Canvas;
pub use callouts::{Callouts, ErrorCallout, FloatingNotice};
pub use canvas_controls::CanvasControls;
pub use dots::{dot_colour, draw_dots, DotLayer};
pub use edges::{binding_label_msg, edge_geometry, parse_edge_key, EdgeGeom, EdgeLabels, EdgeLayer};
pub use fit_on_load::FitOnLoad;
pub use inline_binding::InlineBinding;
pub use node::{display_name_in, NodeView};
pub use node_actions::NodeActions;
pub use node_body::{chip_text, format_ms, schedule_text, NodeBody};
