//! "Publish to the broker", shown while a broker is connected: a
//! producer's message (from its inspector form) or the route tester's
//! key and headers, published once to the real broker through the
//! management API, with the broker's `routed` answer beside Warren's own
//! routing of the same message. What is sent and how the answer reads is
//! [`crate::broker_link::publish`].

use std::rc::Rc;

use serde_json::{Map, Value};
use yew::prelude::*;

use super::broker_results::failure_view;
use super::use_broker_connection;
use crate::broker_link::publish::{self, Answer, Outgoing};
use crate::broker_link::Failure;
use crate::components::context::{use_editor, use_stage, EditorHandle, Stage};
use crate::components::use_lang;
use crate::i18n::{text, Arg, Lang, Msg};
use crate::web::broker_session as session;

/// What is published.
#[derive(Clone, Debug, PartialEq)]
pub enum PublishWhat {
    /// A producer's message (by node id).
    Producer(AttrValue),
    /// The route tester's message: exchange node id, key, headers.
    Tester {
        /// The exchange node.
        exchange: AttrValue,
        /// The routing key.
        key: AttrValue,
        /// The headers typed (a parse error: nothing can be sent).
        headers: Rc<Result<Map<String, Value>, String>>,
    },
}

/// Properties of [`BrokerPublish`].
#[derive(Properties, PartialEq)]
pub struct BrokerPublishProps {
    /// What the button publishes.
    pub what: PublishWhat,
}

/// What the section shows after the button.
#[derive(Clone, PartialEq)]
enum Outcome {
    Nothing,
    Busy,
    Refused(Msg),
    Failed(Failure),
    Answered(Answer),
}

/// The message to send now (a producer's next number is taken).
fn message(what: &PublishWhat, editor: &EditorHandle) -> Result<Outgoing, Msg> {
    match what {
        PublishWhat::Producer(id) => publish::from_producer(&editor.scenario, id, session::next_number(id)),
        PublishWhat::Tester { exchange, key, headers } => match headers.as_ref() {
            Ok(h) => publish::from_route_tester(&editor.scenario, exchange, key, h),
            Err(e) => Err(msg!("broker-publish-bad-headers", error = e)),
        },
    }
}

/// Publishes `what` to the connected broker and shows the answer.
fn on_publish(
    what: &PublishWhat,
    editor: &EditorHandle,
    stage: &Stage,
    shown: &UseStateHandle<Outcome>,
) -> Callback<MouseEvent> {
    let (what, editor, stage, shown) = (what.clone(), editor.clone(), stage.clone(), shown.clone());
    Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        let Some(c) = session::connected() else { return };
        let out = match message(&what, &editor) {
            Ok(m) => m,
            Err(why) => return shown.set(Outcome::Refused(why)),
        };
        let warren = publish::warren_routes(&stage.runtime.borrow().sim, &out);
        shown.set(Outcome::Busy);
        let shown = shown.clone();
        let what = what.clone();
        yew::platform::spawn_local(async move {
            shown.set(match session::publish_message(&c.settings, &out, warren).await {
                Ok(a) => {
                    if let PublishWhat::Producer(id) = &what {
                        session::count_published(id);
                    }
                    Outcome::Answered(a)
                }
                Err(f) => Outcome::Failed(f),
            })
        });
    })
}

/// The section: nothing unless a broker is connected.
#[function_component(BrokerPublish)]
pub fn broker_publish(p: &BrokerPublishProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let connected = use_broker_connection();
    let shown = use_state(|| Outcome::Nothing);
    {
        let shown = shown.clone();
        use_effect_with(p.what.clone(), move |_| shown.set(Outcome::Nothing));
    }
    let Some(c) = connected else { return html! {} };
    let lang = use_lang();
    let title = text(
        lang,
        id!("broker-publish-button.title"),
        &[(var!("url"), Arg::from(&c.settings.url)), (var!("vhost"), Arg::from(&c.settings.vhost))],
    );
    html! {
        <div class="broker-publish" data-broker-publish="">
            <button type="button" class="broker-publish-button" data-broker-action="publish" {title}
                    disabled={*shown == Outcome::Busy} onclick={on_publish(&p.what, &editor, &stage, &shown)}>
                <span class="broker-plug" aria-hidden="true"></span>{ t!(lang, "broker-publish-button") }
            </button>
            <div class="broker-publish-result" aria-live="polite">{ result_view(&shown, lang) }</div>
        </div>
    }
}

fn result_view(shown: &Outcome, lang: Lang) -> Html {
    match shown {
        Outcome::Nothing => html! {},
        Outcome::Busy => html! { <p class="broker-busy">{ t!(lang, "broker-publish-busy") }</p> },
        Outcome::Refused(why) => html! { <p class="broker-error" role="alert">{ why.render(lang) }</p> },
        Outcome::Failed(f) => failure_view(f, lang),
        Outcome::Answered(a) => html! {
            <div class={classes!("broker-routed", (!a.agrees()).then_some("differs"))} data-routed={a.routed.to_string()} data-agrees={a.agrees().to_string()}>
                <p><strong>{ a.text().render(lang) }</strong></p>
                <p>{ a.comparison().render(lang) }</p>
                { for a.left_out.iter().map(|w| html! { <p class="broker-left-out">{ msg!("broker-publish-not-sent", what = w.clone()).render(lang) }</p> }) }
            </div>
        },
    }
}
