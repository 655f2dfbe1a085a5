//! A routing decision opened up: every exchange the message visited, each
//! binding with whether it matched and why, the alternate exchanges that
//! took over or were missing, and the verdict.

use yew::prelude::*;

use crate::components::use_lang;
use crate::engine::Destination;
use crate::i18n::{t, Lang, Msg};
use crate::monitor::log::Detail;

/// Properties of [`RouteDetail`].
#[derive(Properties, PartialEq)]
pub struct RouteDetailProps {
    /// The detail to show.
    pub detail: Detail,
}

fn exchange(name: &str) -> Msg {
    if name.is_empty() {
        msg!("log-default-exchange")
    } else {
        msg!("log-exchange", exchange = name)
    }
}

/// A routing explanation or an error's explanation.
#[function_component(RouteDetail)]
pub fn route_detail(props: &RouteDetailProps) -> Html {
    let lang = use_lang();
    match &props.detail {
        Detail::Deaths(lines) => html! {
            <div class="route-detail deaths">
                <p class="hop-summary">{ t!(lang, "log-deaths-title") }</p>
                <ul class="x-death">{ for lines.iter().map(|l| html! { <li>{ l.render(lang) }</li> }) }</ul>
            </div>
        },
        Detail::Error { code, text, explanation } => html! {
            <div class="error-detail">
                <p><strong>{ format!("{} {}", code.code(), code.name()) }</strong>{ " " }{ text.clone() }</p>
                <p>{ explanation.render(lang) }</p>
            </div>
        },
        Detail::Route { explanation, alternates, missing_alternates } => {
            route(lang, explanation, alternates, missing_alternates)
        }
    }
}

/// A routing decision's explanation.
fn route(
    lang: Lang,
    explanation: &crate::engine::RouteExplanation,
    alternates: &[(crate::engine::Name, crate::engine::Name)],
    missing_alternates: &[crate::engine::Name],
) -> Html {
    let hops = explanation.hops.iter().enumerate().map(|(i, hop)| {
        let rows = hop.bindings.iter().enumerate().map(|(j, v)| {
            let dest = match &v.binding.destination {
                Destination::Queue(q) => msg!("log-dest-queue", queue = q),
                Destination::Exchange(x) => msg!("log-exchange", exchange = x),
            };
            let key = if v.binding.arguments.is_empty() {
                format!("\"{}\"", v.binding.routing_key)
            } else {
                v.binding.arguments.to_json().to_string()
            };
            html! {
                <li key={j} class={classes!("verdict", if v.matched { "matched" } else { "unmatched" })}>
                    <span class="verdict-mark" aria-label={t(lang, if v.matched { id!("log-verdict-matched") } else { id!("log-verdict-unmatched") })}>{ if v.matched { "✓" } else { "✗" } }</span>
                    <span class="verdict-dest">{ format!("→ {}", dest.render(lang)) }</span>
                    <code class="verdict-key">{ key }</code>
                    <span class="verdict-reason">{ v.reason.render(lang) }</span>
                </li>
            }
        });
        html! {
            <div key={i} class="route-hop">
                <p class="hop-summary">
                    { hop.summary.render(lang) }
                    if hop.as_alternate { <span class="hop-tag">{ t!(lang, "log-hop-as-alternate") }</span> }
                </p>
                if !hop.bindings.is_empty() { <ul class="verdicts">{ for rows }</ul> }
            </div>
        }
    });
    html! {
        <div class="route-detail">
            { for hops }
            { for alternates.iter().map(|(from, ae)| html! {
                <p class="route-alternate">{ msg!("log-alternate-took", exchange = exchange(from), alternate = exchange(ae)).render(lang) }</p>
            }) }
            { for missing_alternates.iter().map(|ae| html! {
                <p class="route-missing">{ msg!("log-alternate-missing", alternate = ae).render(lang) }</p>
            }) }
            <p class="route-verdict"><strong>{ t!(lang, "log-verdict") }</strong>{ explanation.verdict.render(lang) }</p>
        </div>
    }
}
