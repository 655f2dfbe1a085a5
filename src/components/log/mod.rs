//! The event log, its "why did it route here" detail and the message
//! inspector.

pub(crate) mod event_log;
pub(crate) mod message_inspector;
pub(crate) mod route_detail;

pub use event_log::EventLog;
pub use message_inspector::MessageInspector;
pub use route_detail::RouteDetail;
