//! What the Broker dialog shows under its form: a request under way, a
//! failure with what to do, the deploy preview (create / same / RabbitMQ's
//! 406 conflicts), the deploy's results object by object, and the check's
//! report probe by probe.

use std::rc::Rc;

use yew::prelude::*;

use crate::broker_link::check::{queues_cell, ProbeResult, Report};
use crate::broker_link::connection::counted;
use crate::broker_link::deploy::{Item, Plan};
use crate::broker_link::failure::is_literal;
use crate::broker_link::publish::exchange_label;
use crate::broker_link::Failure;

/// What the dialog shows under its form.
#[derive(Clone, PartialEq)]
pub enum Shown {
    /// Nothing yet.
    Nothing,
    /// A request under way (what it does).
    Busy(String),
    /// A failure.
    Failed(Failure),
    /// A deploy's preview.
    Plan(Rc<Plan>),
    /// A deploy's results.
    Deployed(Rc<Vec<(Item, Result<(), Failure>)>>),
    /// The check's report.
    Report(Rc<Report>),
}

/// The view of `shown`; `on_confirm` sends a previewed plan.
pub fn shown_view(shown: &Shown, on_confirm: Callback<Rc<Plan>>) -> Html {
    match shown {
        Shown::Nothing => html! {},
        Shown::Busy(what) => html! { <p class="broker-busy">{ what.clone() }</p> },
        Shown::Failed(f) => failure_view(f),
        Shown::Plan(plan) => plan_view(plan, on_confirm),
        Shown::Deployed(results) => deployed_view(results),
        Shown::Report(r) => report_view(r),
    }
}

/// A failure: what went wrong, and what to do, line by line.
pub fn failure_view(f: &Failure) -> Html {
    html! {
        <div class="broker-error" role="alert" data-broker-error={f.code()}>
            <p><strong>{ f.title() }</strong></p>
            { for f.advice().into_iter().map(|l| if is_literal(&l) {
                html! { <code class="broker-advice">{ l }</code> }
            } else {
                html! { <p>{ l }</p> }
            }) }
        </div>
    }
}

fn items(title: &str, kind: &'static str, list: &[Item]) -> Html {
    html! {
        <section class="broker-plan-part" data-plan={kind}>
            <h3>{ format!("{title} ({})", list.len()) }</h3>
            <ul>{ for list.iter().map(|i| html! { <li>{ i.label() }</li> }) }</ul>
        </section>
    }
}

fn plan_view(plan: &Rc<Plan>, on_confirm: Callback<Rc<Plan>>) -> Html {
    let confirm = {
        let plan = plan.clone();
        Callback::from(move |_: MouseEvent| on_confirm.emit(plan.clone()))
    };
    let n = plan.create.len();
    html! {
        <div class="broker-plan">
            <p class="broker-lead">{ "Nothing has been sent yet. Against the broker's vhost now:" }</p>
            { items("Will be created", "create", &plan.create) }
            { items("Already there, the same", "same", &plan.same) }
            <section class="broker-plan-part" data-plan="conflicts">
                <h3>{ format!("There with other settings: RabbitMQ would refuse them, so they are not sent ({})", plan.conflicts.len()) }</h3>
                <ul>{ for plan.conflicts.iter().map(|c| html! {
                    <li class="broker-conflict">{ format!("{} — {} {}", c.item.label(), c.code, c.text) }</li>
                }) }</ul>
            </section>
            <div class="dialog-actions">
                <button type="button" class="primary" data-broker-action="confirm" disabled={n == 0} onclick={confirm}>
                    { if n == 0 { "Nothing to create".to_string() } else { format!("Create {}", counted(n, "object", "objects")) } }
                </button>
            </div>
        </div>
    }
}

fn deployed_view(results: &[(Item, Result<(), Failure>)]) -> Html {
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let summary = match failed {
        0 => format!("Sent: {} created.", counted(results.len(), "object", "objects")),
        f => format!("Sent: {} of {} failed.", f, results.len()),
    };
    html! {
        <div class="broker-deployed-result">
            <p><strong>{ summary }</strong></p>
            <ul class="broker-deployed" data-broker-deployed="">
                { for results.iter().map(|(i, r)| match r {
                    Ok(()) => html! { <li class="ok">{ format!("created {}", i.label()) }</li> },
                    Err(f) => html! { <li class="failed">{ format!("{}: {}", i.label(), f.title()) }</li> },
                }) }
            </ul>
        </div>
    }
}

fn report_view(r: &Report) -> Html {
    let headers = r.has_headers();
    let summary = if r.differences == 0 {
        format!("All {} probes agree with RabbitMQ.", r.probes.len())
    } else {
        format!("{} of {} probes differ.", r.differences, r.probes.len())
    };
    html! {
        <div class="broker-report" data-differences={r.differences.to_string()}>
            <p><strong>{ summary }</strong>{ " Each probe was published in a temporary vhost; the queues it reached:" }</p>
            <div class="broker-report-table">
                <table>
                    <thead><tr>
                        <th>{ "Exchange" }</th><th>{ "Key" }</th>
                        if headers { <th>{ "Headers" }</th> }
                        <th>{ "Warren" }</th><th>{ "RabbitMQ" }</th>
                    </tr></thead>
                    <tbody>{ for r.probes.iter().map(|p| probe_row(p, headers)) }</tbody>
                </table>
            </div>
            { for r.left_out.iter().map(|w| html! { <p class="broker-left-out">{ format!("Not checked: {w}") }</p> }) }
        </div>
    }
}

fn probe_row(p: &ProbeResult, headers: bool) -> Html {
    html! {
        <tr class={classes!((!p.agree).then_some("differs"))}>
            <td>{ exchange_label(&p.exchange) }</td>
            <td class="broker-key">{ breakable(&p.routing_key) }</td>
            if headers {
                <td>{ if p.headers.is_empty() { String::new() } else { serde_json::Value::Object(p.headers.clone()).to_string() } }</td>
            }
            <td>{ queues_cell(&p.warren) }</td>
            <td>{ queues_cell(&p.broker) }</td>
        </tr>
    }
}

/// A routing key that may wrap after each dot (`kern.<wbr>disk.<wbr>full`).
fn breakable(key: &str) -> Html {
    html! { for key.split_inclusive('.').map(|part| html! { <>{ part.to_string() }<wbr /></> }) }
}
