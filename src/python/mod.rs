//! Python programs: the language as CPython 3.11 runs it, for the programs
//! RabbitMQ tutorials use.
//!
//! Two halves with a data boundary between them:
//! - `compile` (ruff's parser + `compile::compile`): source → a
//!   [`Program`] of plain, serde-serialisable bytecode, or a [`Refusal`]
//!   (file, line, column, the construct, what to write instead). In the page
//!   this half is large: only the `python-parser` web worker links it.
//! - the interpreter ([`vm`]): runs a [`Program`] on an explicit frame and
//!   value stack, so a process can stop at any blocking call and be resumed
//!   later by a scheduler on the virtual clock.

pub mod code;
pub mod compile;
pub mod refusal;
mod scope;

pub use code::Program;
pub use refusal::Refusal;
mod attr;
mod bind;
pub mod builtins;
pub mod dict;
mod exec;
mod format;
mod json;
mod methods;
pub mod modules;
mod ops;
pub mod random;
pub mod repr;
mod threading;
mod threads;
mod traceback;
pub mod value;
pub mod vm;

pub use bind::{bind_native, Sig};
pub use value::Value;
pub use vm::{Ctx, Host, Interp, NativeResult, RunOutcome, Wait};
