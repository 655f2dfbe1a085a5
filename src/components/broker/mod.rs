//! A real RabbitMQ through its management API: the connect dialog with
//! deploy and check, and the live view's poller.

pub(crate) mod broker_live;
pub(crate) mod broker_panel;

pub use broker_panel::BrokerButton;
