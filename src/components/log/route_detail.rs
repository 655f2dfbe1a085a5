//! A routing decision opened up: every exchange the message visited, each
//! binding with whether it matched and why, the alternate exchanges that
//! took over or were missing, and the verdict.

use yew::prelude::*;

use crate::engine::Destination;
use crate::monitor::log::Detail;

/// Properties of [`RouteDetail`].
#[derive(Properties, PartialEq)]
pub struct RouteDetailProps {
    /// The detail to show.
    pub detail: Detail,
}

fn exchange(name: &str) -> String {
    if name.is_empty() {
        "the default exchange".into()
    } else {
        format!("exchange {name}")
    }
}

/// A routing explanation or an error's explanation.
#[function_component(RouteDetail)]
pub fn route_detail(props: &RouteDetailProps) -> Html {
    match &props.detail {
        Detail::Deaths(lines) => html! {
            <div class="route-detail deaths">
                <p class="hop-summary">{ "Dead-letter history (x-death, most recent first):" }</p>
                <ul class="x-death">{ for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
            </div>
        },
        Detail::Error { code, text, explanation } => html! {
            <div class="error-detail">
                <p><strong>{ format!("{} {}", code.code(), code.name()) }</strong>{ " " }{ text.clone() }</p>
                <p>{ explanation.clone() }</p>
            </div>
        },
        Detail::Route { explanation, alternates, missing_alternates } => {
            let hops = explanation.hops.iter().enumerate().map(|(i, hop)| {
                let rows = hop.bindings.iter().enumerate().map(|(j, v)| {
                    let dest = match &v.binding.destination {
                        Destination::Queue(q) => format!("queue {q}"),
                        Destination::Exchange(x) => format!("exchange {x}"),
                    };
                    let key = if v.binding.arguments.is_empty() {
                        format!("\"{}\"", v.binding.routing_key)
                    } else {
                        v.binding.arguments.to_json().to_string()
                    };
                    html! {
                        <li key={j} class={classes!("verdict", if v.matched { "matched" } else { "unmatched" })}>
                            <span class="verdict-mark" aria-label={if v.matched { "matched" } else { "did not match" }}>{ if v.matched { "✓" } else { "✗" } }</span>
                            <span class="verdict-dest">{ format!("→ {dest}") }</span>
                            <code class="verdict-key">{ key }</code>
                            <span class="verdict-reason">{ v.reason.clone() }</span>
                        </li>
                    }
                });
                html! {
                    <div key={i} class="route-hop">
                        <p class="hop-summary">
                            { hop.summary.clone() }
                            if hop.as_alternate { <span class="hop-tag">{ " (as alternate exchange)" }</span> }
                        </p>
                        if !hop.bindings.is_empty() { <ul class="verdicts">{ for rows }</ul> }
                    </div>
                }
            });
            html! {
                <div class="route-detail">
                    { for hops }
                    { for alternates.iter().map(|(from, ae)| html! {
                        <p class="route-alternate">{ format!("No binding of {} matched, so its alternate {} took the message.", exchange(from), exchange(ae)) }</p>
                    }) }
                    { for missing_alternates.iter().map(|ae| html! {
                        <p class="route-missing">{ format!("The alternate exchange '{ae}' does not exist, so the message was dropped there.") }</p>
                    }) }
                    <p class="route-verdict"><strong>{ "Verdict: " }</strong>{ explanation.verdict.clone() }</p>
                </div>
            }
        }
    }
}
