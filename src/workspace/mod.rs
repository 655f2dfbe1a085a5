//! The page's workspace, the logic behind the portability features of the
//! UI, pure and natively tested (the components in `src/components/` only
//! call the browser):
//!
//! - [`saved`]: the autosaved copy in the browser's storage (an envelope
//!   with the tab that wrote it), read back with the path of any problem.
//! - [`startup`]: what the page opens with: a `#s=` share link, then
//!   `?lesson=NAME`, then this tab's or the latest autosave, then an empty
//!   workspace; and how the address is tidied afterwards.
//! - [`files`]: file names for downloads, and opening a scenario file, a
//!   RabbitMQ definitions file, or whichever of the two was dropped.
//! - [`lesson_lang`]: the open lesson's narration in the page's language.
//! - [`banner`]: the dismissable messages at the top of the page (refused
//!   imports, warnings, autosave problems, a newer copy in another tab).
//! - [`query`]: reading and removing parameters of the address's query and
//!   fragment.
//! - [`program_files`]: the Programs panel's Python files (replaced by
//!   name, parsed per revision, refused with their place);
//!   [`parser_wire`]: the messages to and from the parser's web worker.

pub mod banner;
pub mod files;
pub mod lesson_lang;
pub mod parser_wire;
pub mod program_files;
pub mod query;
pub mod saved;
pub mod startup;

pub use banner::{Banner, BannerAction, Banners, Tone, Topic};
