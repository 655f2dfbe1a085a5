//! Warren and a real RabbitMQ, through its management HTTP API: what to
//! ask and how to read the answers, decided here in plain Rust and tested
//! natively; the page only sends the requests (`web::broker_http`).
//!
//! - [`connection`]: the settings (URL, user, vhost), the requests' paths
//!   and the `Authorization` header, the plain-HTTP warning.
//! - [`failure`]: why a request failed, in plain words with what to do
//!   (wrong password, no management access, plugin off, CORS).
//! - [`answers`]: the API's JSON (whoami, vhosts, queues and exchanges
//!   with counts and rates, consumers, publish).
//! - [`live`]: the broker's topology as a scenario laid out like an import,
//!   with the counts and rates of each node.
//! - [`deploy`]: a scenario's definitions against the broker's: what would
//!   be created, what exists identically, what exists with other settings
//!   (RabbitMQ's 406), and the requests that create the rest.
//! - [`picture`]: the live view as boxes, curves and rate labels.
//! - [`publish`]: one message to the broker, from a producer's template or
//!   the route tester, and its `routed` answer beside Warren's routing.
//! - [`probes`] and [`check`]: the messages that exercise every binding,
//!   Warren's prediction for each, and the comparison with the queues the
//!   broker filled in a temporary vhost.

pub mod answers;
pub mod check;
pub mod connection;
pub mod deploy;
pub mod failure;
pub mod live;
pub mod picture;
pub mod probes;
pub mod publish;

pub use connection::{Request, Settings};
pub use failure::Failure;
