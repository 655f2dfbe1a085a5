//! The header's Broker button: opens the connect dialog and the live view,
//! and gets the focus back when either closes. A filled dot says a broker
//! is connected; the tooltip says which and where.

use yew::prelude::*;

use super::broker_dialog::BrokerDialog;
use super::broker_live::BrokerLive;
use super::use_broker_connection;
use crate::components::use_lang;

/// What the Broker button has open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Dialog,
    Live,
}

/// The Broker button, its dialog and the live view.
#[function_component(BrokerButton)]
pub fn broker_button() -> Html {
    let lang = use_lang();
    let open = use_state(|| Open::Nothing);
    let button = use_node_ref();
    let connected = use_broker_connection();
    let set = |to: Open| {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |_: ()| {
            open.set(to);
            if to == Open::Nothing {
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(if *open == Open::Dialog { Open::Nothing } else { Open::Dialog }))
    };
    // One word, so the header keeps to one row at 1280 px; the dot and
    // the colour say "connected", the tooltip says where.
    let title = match &connected {
        Some(c) => {
            let s = &c.settings;
            msg!("broker-button-connected", url = &s.url, user = &c.me.name, vhost = &s.vhost).render(lang)
        }
        None => t!(lang, "broker-button.title"),
    };
    let (close, live) = (set(Open::Nothing), set(Open::Live));
    html! {
        <>
            <button type="button" ref={button.clone()} onclick={toggle} aria-haspopup="dialog" {title}
                    class={classes!("header-button", "broker-button", connected.is_some().then_some("connected"))}
                    data-broker={if connected.is_some() { "connected" } else { "disconnected" }}>
                <span class="broker-plug" aria-hidden="true"></span>{ t!(lang, "broker-button") }
                if connected.is_some() { <span class="visually-hidden">{ t!(lang, "broker-button-connected-hint") }</span> }
            </button>
            if *open == Open::Dialog { <BrokerDialog on_close={close.clone()} on_live={live} /> }
            if *open == Open::Live && connected.is_some() { <BrokerLive on_close={close} /> }
        </>
    }
}
