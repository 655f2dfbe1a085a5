//! What the Broker dialog shows under its form: a request under way, a
//! failure with what to do, the deploy preview (create / same / RabbitMQ's
//! 406 conflicts), the deploy's results object by object, and the check's
//! report probe by probe.

use crate::i18n::MsgId;
use std::rc::Rc;

use yew::prelude::*;

use crate::broker_link::check::{queues_cell, ProbeResult, Report};
use crate::broker_link::deploy::{Item, Plan};
use crate::broker_link::publish::exchange_label;
use crate::broker_link::Failure;
use crate::i18n::{t, Lang, Msg};

/// What the dialog shows under its form.
#[derive(Clone, PartialEq)]
pub enum Shown {
    /// Nothing yet.
    Nothing,
    /// A request under way (the message id saying what it does).
    Busy(MsgId),
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
pub fn shown_view(shown: &Shown, on_confirm: Callback<Rc<Plan>>, lang: Lang) -> Html {
    match shown {
        Shown::Nothing => html! {},
        Shown::Busy(what) => html! { <p class="broker-busy">{ t(lang, *what) }</p> },
        Shown::Failed(f) => failure_view(f, lang),
        Shown::Plan(plan) => plan_view(plan, on_confirm, lang),
        Shown::Deployed(results) => deployed_view(results, lang),
        Shown::Report(r) => report_view(r, lang),
    }
}

/// A failure: what went wrong, and what to do, line by line.
pub fn failure_view(f: &Failure, lang: Lang) -> Html {
    html! {
        <div class="broker-error" role="alert" data-broker-error={f.code()}>
            <p><strong>{ f.title().render(lang) }</strong></p>
            { for f.advice().into_iter().map(|l| if l.is_literal() {
                html! { <code class="broker-advice">{ l.render(lang) }</code> }
            } else {
                html! { <p>{ l.render(lang) }</p> }
            }) }
        </div>
    }
}

fn items(title: String, kind: &'static str, list: &[Item], lang: Lang) -> Html {
    html! {
        <section class="broker-plan-part" data-plan={kind}>
            <h3>{ title }</h3>
            <ul>{ for list.iter().map(|i| html! { <li>{ i.label().render(lang) }</li> }) }</ul>
        </section>
    }
}

fn plan_view(plan: &Rc<Plan>, on_confirm: Callback<Rc<Plan>>, lang: Lang) -> Html {
    let confirm = {
        let plan = plan.clone();
        Callback::from(move |_: MouseEvent| on_confirm.emit(plan.clone()))
    };
    let n = plan.create.len();
    let heading = |id: MsgId, count: usize| Msg::new(id).with(var!("count"), count).render(lang);
    html! {
        <div class="broker-plan">
            <p class="broker-lead">{ t!(lang, "broker-plan-lead") }</p>
            { items(heading(id!("broker-plan-create"), n), "create", &plan.create, lang) }
            { items(heading(id!("broker-plan-same"), plan.same.len()), "same", &plan.same, lang) }
            <section class="broker-plan-part" data-plan="conflicts">
                <h3>{ heading(id!("broker-plan-conflicts"), plan.conflicts.len()) }</h3>
                <ul>{ for plan.conflicts.iter().map(|c| html! {
                    <li class="broker-conflict">{ format!("{} — {} {}", c.item.label().render(lang), c.code, c.text) }</li>
                }) }</ul>
            </section>
            <div class="dialog-actions">
                <button type="button" class="primary" data-broker-action="confirm" disabled={n == 0} onclick={confirm}>
                    { if n == 0 { t!(lang, "broker-plan-nothing") } else { msg!("broker-plan-confirm", count = n).render(lang) } }
                </button>
            </div>
        </div>
    }
}

fn deployed_view(results: &[(Item, Result<(), Failure>)], lang: Lang) -> Html {
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let summary = match failed {
        0 => msg!("broker-deployed-all", count = results.len()),
        f => msg!("broker-deployed-failed", failed = f, count = results.len()),
    };
    html! {
        <div class="broker-deployed-result">
            <p><strong>{ summary.render(lang) }</strong></p>
            <ul class="broker-deployed" data-broker-deployed="">
                { for results.iter().map(|(i, r)| match r {
                    Ok(()) => html! { <li class="ok">{ msg!("broker-deployed-ok", item = i.label()).render(lang) }</li> },
                    Err(f) => html! { <li class="failed">{ msg!("broker-deployed-error", item = i.label(), error = f.title()).render(lang) }</li> },
                }) }
            </ul>
        </div>
    }
}

fn report_view(r: &Report, lang: Lang) -> Html {
    let headers = r.has_headers();
    let summary = if r.differences == 0 {
        msg!("broker-report-agree", count = r.probes.len())
    } else {
        msg!("broker-report-differ", differences = r.differences, count = r.probes.len())
    };
    html! {
        <div class="broker-report" data-differences={r.differences.to_string()}>
            <p><strong>{ summary.render(lang) }</strong>{ t!(lang, "broker-report-lead") }</p>
            <div class="broker-report-table">
                <table>
                    <thead><tr>
                        <th>{ t!(lang, "broker-report-exchange") }</th><th>{ t!(lang, "broker-report-key") }</th>
                        if headers { <th>{ t!(lang, "broker-report-headers") }</th> }
                        <th>{ t!(lang, "broker-report-warren") }</th><th>{ t!(lang, "broker-report-rabbitmq") }</th>
                    </tr></thead>
                    <tbody>{ for r.probes.iter().map(|p| probe_row(p, headers, lang)) }</tbody>
                </table>
            </div>
            { for r.left_out.iter().map(|w| html! { <p class="broker-left-out">{ msg!("broker-report-not-checked", what = w.clone()).render(lang) }</p> }) }
        </div>
    }
}

fn probe_row(p: &ProbeResult, headers: bool, lang: Lang) -> Html {
    html! {
        <tr class={classes!((!p.agree).then_some("differs"))}>
            <td>{ exchange_label(&p.exchange).render(lang) }</td>
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
