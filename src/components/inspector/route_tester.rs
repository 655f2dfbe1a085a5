//! "Try a routing key": explains, binding by binding, how a message with a
//! routing key (and headers) published to an exchange would be routed now;
//! while a real broker is connected, the same message can be published
//! there ([`BrokerPublish`]).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::editor::table_text::parse_table;
use crate::engine::FieldTable;
use crate::monitor::log::Detail;

use crate::components::broker::{BrokerPublish, PublishWhat};
use crate::components::context::{use_editor, use_stage};
use crate::components::log::route_detail::RouteDetail;

/// Properties of [`RouteTester`].
#[derive(Properties, PartialEq)]
pub struct RouteTesterProps {
    /// The exchange node id.
    pub exchange: AttrValue,
}

/// The routing-key tester.
#[function_component(RouteTester)]
pub fn route_tester(props: &RouteTesterProps) -> Html {
    let stage = use_stage();
    let editor = use_editor();
    let lang = crate::components::use_lang();
    let key = use_state(String::new);
    let headers = use_state(String::new);
    let headers_kind =
        editor.scenario.exchange(&props.exchange).is_some_and(|x| x.kind == crate::scenario::ExchangeKind::Headers);
    let on_key = {
        let key = key.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                key.set(i.value());
            }
        })
    };
    let on_headers = {
        let headers = headers.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                headers.set(i.value());
            }
        })
    };
    let table = parse_table(&headers).map_err(|m| m.render(lang));
    let explanation = match &table {
        Ok(t) => {
            let ft = (!t.is_empty()).then(|| FieldTable::from_json(&serde_json::Value::Object(t.clone()))).flatten();
            let rt = stage.runtime.borrow();
            Some(rt.sim.explain(&props.exchange, &key, ft.as_ref()))
        }
        Err(_) => None,
    };
    html! {
        <section class="inspector-section route-tester">
            <h3>{ t!(lang, "inspector-try-key") }</h3>
            <div class="field" data-field="try_key">
                <label for="field-try-key">{ t!(lang, "inspector-routing-key") }</label>
                <input id="field-try-key" type="text" value={(*key).clone()} oninput={on_key} placeholder={t!(lang, "inspector-try-key-placeholder")} autocomplete="off" spellcheck="false" />
            </div>
            if headers_kind {
                <div class="field" data-field="try_headers">
                    <label for="field-try-headers">{ t!(lang, "inspector-headers") }</label>
                    <input id="field-try-headers" type="text" value={(*headers).clone()} oninput={on_headers} placeholder="format=pdf, type=report" autocomplete="off" />
                    if let Err(e) = &table { <p class="field-error">{ e.clone() }</p> }
                </div>
            }
            <BrokerPublish what={PublishWhat::Tester { exchange: props.exchange.clone(), key: AttrValue::from((*key).clone()), headers: Rc::new(table.clone()) }} />
            if let Some(explanation) = explanation {
                <RouteDetail detail={Detail::Route { explanation, alternates: Vec::new(), missing_alternates: Vec::new() }} />
            }
        </section>
    }
}
