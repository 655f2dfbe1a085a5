//! A real RabbitMQ through its management API: the header's Broker button
//! and its dialog (connect, deploy with a preview, check), the results they
//! show, the live view's poller, and publishing one message from a
//! producer or the route tester.

pub(crate) mod broker_dialog;
pub(crate) mod broker_form;
pub(crate) mod broker_live;
pub(crate) mod broker_panel;
pub(crate) mod broker_publish;
pub(crate) mod broker_results;

pub use broker_panel::BrokerButton;
pub use broker_publish::{BrokerPublish, PublishWhat};

use yew::prelude::*;

use crate::web::broker_session::{self as session, Connected};

/// The broker connection, rendering the calling component again whenever
/// it changes (connect, vhost switch, disconnect).
#[hook]
pub fn use_broker_connection() -> Option<Connected> {
    let update = use_force_update();
    use_effect_with((), move |_| {
        let sub = session::subscribe(Callback::from(move |_| update.force_update()));
        move || drop(sub)
    });
    session::connected()
}
