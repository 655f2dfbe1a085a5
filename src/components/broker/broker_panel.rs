//! The header's Broker button and its dialog: connect to a real RabbitMQ
//! (management API URL, user, password, vhost; "remember on this device"),
//! then open the live view, preview and send a deploy of the scenario, or
//! check the scenario against the broker, probe by probe. The work is in
//! [`crate::web::broker_session`]; this only draws it.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::broker_link::check::Report;
use crate::broker_link::connection::{plain_http_warning, DEFAULT_URL};
use crate::broker_link::deploy::{Item, Plan};
use crate::broker_link::{Failure, Settings};
use crate::components::broker::broker_live::BrokerLive;
use crate::components::context::use_editor;
use crate::web::broker_session as session;

/// What the dialog shows under its form.
#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Busy(String),
    Failed(Failure),
    Plan(Rc<Plan>),
    Deployed(Rc<Vec<(Item, Result<(), Failure>)>>),
    Report(Rc<Report>),
}

/// The Broker button, its dialog and the live view.
#[function_component(BrokerButton)]
pub fn broker_button() -> Html {
    let open = use_state(|| false);
    let live = use_state(|| false);
    let update = use_force_update();
    use_effect_with((), move |_| {
        let sub = session::subscribe(Callback::from(move |_| update.force_update()));
        move || drop(sub)
    });
    let connected = session::connected();
    let label = match &connected {
        Some(c) => format!("Broker: {}", c.settings.vhost),
        None => "Connect broker".to_string(),
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: ()| open.set(false))
    };
    let show_live = {
        let (open, live) = (open.clone(), live.clone());
        Callback::from(move |_: ()| {
            open.set(false);
            live.set(true);
        })
    };
    let close_live = {
        let live = live.clone();
        Callback::from(move |_: ()| live.set(false))
    };
    html! {
        <>
            <button type="button" class={classes!("header-button", "broker-button", connected.is_some().then_some("connected"))}
                    data-broker={if connected.is_some() { "connected" } else { "disconnected" }}
                    onclick={toggle} aria-haspopup="dialog" title="Connect to a real RabbitMQ through its management API">
                { label }
            </button>
            if *open { <BrokerDialog on_close={close} on_live={show_live} /> }
            if *live && connected.is_some() { <BrokerLive on_close={close_live} /> }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct DialogProps {
    on_close: Callback<()>,
    on_live: Callback<()>,
}

fn default_settings() -> Settings {
    Settings { url: DEFAULT_URL.into(), user: "guest".into(), password: String::new(), vhost: "/".into() }
}

fn field(form: &UseStateHandle<Settings>, set: fn(&mut Settings, String)) -> Callback<InputEvent> {
    let form = form.clone();
    Callback::from(move |e: InputEvent| {
        let mut s = (*form).clone();
        set(&mut s, e.target_unchecked_into::<HtmlInputElement>().value());
        form.set(s);
    })
}

/// Runs an operation with "busy" shown, then shows what it gave.
fn run<F>(shown: &UseStateHandle<Shown>, busy: &str, work: F)
where
    F: std::future::Future<Output = Shown> + 'static,
{
    shown.set(Shown::Busy(busy.to_string()));
    let shown = shown.clone();
    yew::platform::spawn_local(async move { shown.set(work.await) });
}

#[function_component(BrokerDialog)]
fn broker_dialog(p: &DialogProps) -> Html {
    let editor = use_editor();
    let form = use_state(|| session::remembered().unwrap_or_else(default_settings));
    let remember = use_state(|| session::remembered().is_some());
    let shown = use_state(|| Shown::Nothing);
    let connected = session::connected();

    let connect_with = {
        let (shown, remember) = (shown.clone(), remember.clone());
        move |settings: Settings| {
            let keep = *remember;
            run(&shown, "Connecting…", async move {
                match session::connect(&settings).await {
                    Ok(_) => {
                        session::remember(keep.then_some(&settings));
                        Shown::Nothing
                    }
                    Err(f) => Shown::Failed(f),
                }
            })
        }
    };
    let on_connect = {
        let (form, connect_with) = (form.clone(), connect_with.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            connect_with((*form).clone());
        })
    };
    let on_vhost = {
        let (form, connect_with) = (form.clone(), connect_with.clone());
        Callback::from(move |e: Event| {
            let mut s = (*form).clone();
            s.vhost = e.target_unchecked_into::<HtmlSelectElement>().value();
            form.set(s.clone());
            connect_with(s);
        })
    };
    let on_remember = {
        let remember = remember.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            if !on {
                session::remember(None);
            }
            remember.set(on);
        })
    };
    let on_preview = {
        let (shown, editor) = (shown.clone(), editor.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(c) = session::connected() else { return };
            let scenario = editor.scenario.clone();
            run(&shown, "Comparing with the broker…", async move {
                match session::preview(&c.settings, &scenario).await {
                    Ok(plan) => Shown::Plan(Rc::new(plan)),
                    Err(f) => Shown::Failed(f),
                }
            })
        })
    };
    let on_confirm = {
        let shown = shown.clone();
        Callback::from(move |plan: Rc<Plan>| {
            let Some(c) = session::connected() else { return };
            run(&shown, "Deploying…", async move {
                Shown::Deployed(Rc::new(session::apply(&c.settings, &plan.create).await))
            })
        })
    };
    let on_check = {
        let (shown, editor) = (shown.clone(), editor.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(c) = session::connected() else { return };
            let scenario = editor.scenario.clone();
            run(&shown, "Checking in a temporary vhost…", async move {
                match session::check(&c, &scenario).await {
                    Ok(r) => Shown::Report(Rc::new(r)),
                    Err(f) => Shown::Failed(f),
                }
            })
        })
    };
    let on_disconnect = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            session::disconnect();
            shown.set(Shown::Nothing);
        })
    };
    let close = p.on_close.reform(|_: MouseEvent| ());
    let live = p.on_live.reform(|_: MouseEvent| ());
    let warning = plain_http_warning(&form.url);
    let busy = matches!(*shown, Shown::Busy(_));

    html! {
        <div class="broker-dialog" role="dialog" aria-label="Real broker" data-broker-dialog="">
            <div class="dialog-head">
                <h2>{ "Real RabbitMQ" }</h2>
                <button type="button" class="dialog-close" aria-label="Close" onclick={close}>{ "×" }</button>
            </div>
            <form class="broker-form" onsubmit={on_connect}>
                <label>{ "Management API" }<input name="url" value={form.url.clone()} oninput={field(&form, |s, v| s.url = v)} spellcheck="false" /></label>
                <label>{ "User" }<input name="user" value={form.user.clone()} oninput={field(&form, |s, v| s.user = v)} autocomplete="username" /></label>
                <label>{ "Password" }<input name="password" type="password" value={form.password.clone()} oninput={field(&form, |s, v| s.password = v)} autocomplete="current-password" /></label>
                { vhost_field(&form, connected.as_ref().map(|c| c.vhosts.clone()), on_vhost) }
                <label class="broker-remember"><input type="checkbox" name="remember" checked={*remember} onchange={on_remember} />{ "Remember on this device (the password is kept in this browser)" }</label>
                if let Some(w) = warning { <p class="broker-warning" role="alert">{ w }</p> }
                <button type="submit" class="primary" disabled={busy}>{ if connected.is_some() { "Reconnect" } else { "Connect" } }</button>
            </form>
            if let Some(c) = &connected {
                <p class="broker-status" data-broker-status="">
                    { format!("Connected to {} as {} — vhost {}: {} exchanges, {} queues.", c.settings.url, c.me.name, c.settings.vhost, c.exchanges, c.queues) }
                </p>
                <div class="dialog-actions broker-actions">
                    <button type="button" data-broker-action="live" onclick={live} disabled={busy}>{ "Live view" }</button>
                    <button type="button" data-broker-action="deploy" onclick={on_preview} disabled={busy}>{ "Deploy this scenario…" }</button>
                    <button type="button" data-broker-action="check" onclick={on_check} disabled={busy}>{ "Check against the broker" }</button>
                    <button type="button" data-broker-action="disconnect" onclick={on_disconnect}>{ "Disconnect" }</button>
                </div>
            }
            <div class="broker-result" aria-live="polite">{ shown_view(&shown, on_confirm) }</div>
        </div>
    }
}

fn vhost_field(form: &UseStateHandle<Settings>, vhosts: Option<Vec<String>>, on_vhost: Callback<Event>) -> Html {
    match vhosts {
        Some(list) => html! {
            <label>{ "Vhost" }
                <select name="vhost" onchange={on_vhost}>
                    { for list.iter().map(|v| html! { <option value={v.clone()} selected={*v == form.vhost}>{ v.clone() }</option> }) }
                </select>
            </label>
        },
        None => html! {
            <label>{ "Vhost" }<input name="vhost" value={form.vhost.clone()} oninput={field(form, |s, v| s.vhost = v)} /></label>
        },
    }
}

fn shown_view(shown: &Shown, on_confirm: Callback<Rc<Plan>>) -> Html {
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
            { for f.advice().into_iter().map(|l| html! { <p class="broker-advice">{ l }</p> }) }
        </div>
    }
}

fn items(title: &str, kind: &'static str, list: &[Item]) -> Html {
    html! {
        <section class="broker-plan-part" data-plan={kind}>
            <h3>{ format!("{title} ({})", list.len()) }</h3>
            <ul>{ for list.iter().map(|i| html! { <li>{ format!("{:?} {}", i.kind, i.name).to_lowercase() }</li> }) }</ul>
        </section>
    }
}

fn plan_view(plan: &Rc<Plan>, on_confirm: Callback<Rc<Plan>>) -> Html {
    let confirm = {
        let plan = plan.clone();
        Callback::from(move |_: MouseEvent| on_confirm.emit(plan.clone()))
    };
    html! {
        <div class="broker-plan">
            { items("Will be created", "create", &plan.create) }
            { items("Already there, the same", "same", &plan.same) }
            <section class="broker-plan-part" data-plan="conflicts">
                <h3>{ format!("There with other settings: RabbitMQ would refuse, not sent ({})", plan.conflicts.len()) }</h3>
                <ul>{ for plan.conflicts.iter().map(|c| html! { <li class="broker-conflict">{ format!("{} {}: {}", c.code, c.item.name, c.text) }</li> }) }</ul>
            </section>
            <button type="button" class="primary" data-broker-action="confirm" disabled={plan.create.is_empty()} onclick={confirm}>
                { format!("Create {} objects", plan.create.len()) }
            </button>
        </div>
    }
}

fn deployed_view(results: &[(Item, Result<(), Failure>)]) -> Html {
    html! {
        <ul class="broker-deployed" data-broker-deployed="">
            { for results.iter().map(|(i, r)| match r {
                Ok(()) => html! { <li class="ok">{ format!("created {}", i.name) }</li> },
                Err(f) => html! { <li class="failed">{ format!("{}: {}", i.name, f.title()) }</li> },
            }) }
        </ul>
    }
}

fn report_view(r: &Report) -> Html {
    html! {
        <div class="broker-report" data-differences={r.differences.to_string()}>
            <p><strong>{ if r.differences == 0 { format!("All {} probes agree with RabbitMQ.", r.probes.len()) } else { format!("{} of {} probes differ.", r.differences, r.probes.len()) } }</strong></p>
            <table>
                <thead><tr><th>{ "Exchange" }</th><th>{ "Key" }</th><th>{ "Headers" }</th><th>{ "Warren" }</th><th>{ "RabbitMQ" }</th></tr></thead>
                <tbody>
                    { for r.probes.iter().map(|p| html! {
                        <tr class={classes!((!p.agree).then_some("differs"))}>
                            <td>{ if p.exchange.is_empty() { "(default)".to_string() } else { p.exchange.clone() } }</td>
                            <td>{ p.routing_key.clone() }</td>
                            <td>{ if p.headers.is_empty() { String::new() } else { serde_json::Value::Object(p.headers.clone()).to_string() } }</td>
                            <td>{ p.warren.join(", ") }</td>
                            <td>{ p.broker.join(", ") }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { for r.left_out.iter().map(|w| html! { <p class="broker-left-out">{ format!("Not checked: {w}") }</p> }) }
        </div>
    }
}
