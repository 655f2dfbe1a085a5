//! The Yew components that make up the page. Each is a small function
//! component; state lives in [`crate::app`] and comes in through props.

mod canvas;
mod header;
mod palette;

pub use canvas::{Canvas, CanvasProps};
pub use header::{Header, TAGLINE};
pub use palette::{Palette, PaletteProps};
