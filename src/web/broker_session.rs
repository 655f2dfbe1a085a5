//! The page's link to a real RabbitMQ: the connection (in memory for the
//! tab; in `localStorage` only when the user ticks "remember on this
//! device"), and the operations the connect dialog, the live view and
//! `window.warren` share: connect, read the live view, preview and send a
//! deploy, run the check in a temporary vhost, publish one message.
//!
//! Decisions live in [`crate::broker_link`]; this file only sequences the
//! requests of [`super::broker_http`].

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::{json, Value};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use super::broker_http::call;
use crate::broker_link::answers::{
    self, ConsumerInfo, ExchangeInfo, GotMessage, Published, QueueInfo, VhostInfo, WhoAmI,
};
use crate::broker_link::check::{self, Report};
use crate::broker_link::connection::{segment, vhost_path, Method};
use crate::broker_link::deploy::{self, Item, Plan};
use crate::broker_link::live::{Answers, LiveView};
use crate::broker_link::publish::{self, Answer, Outgoing};
use crate::broker_link::{probes, Failure, Request, Settings};
use crate::definitions::format::Definitions;
use crate::scenario::Scenario;

/// Where remembered settings are kept (only when the user asks).
pub const REMEMBER_KEY: &str = "warren.broker.remembered";

/// A live connection: who is connected where.
#[derive(Clone, Debug, PartialEq)]
pub struct Connected {
    /// The settings (normalized).
    pub settings: Settings,
    /// The user as the broker knows it.
    pub me: WhoAmI,
    /// The broker's vhosts.
    pub vhosts: Vec<String>,
    /// Exchanges in the vhost (the API's list, built-in ones included).
    pub exchanges: usize,
    /// Queues in the vhost.
    pub queues: usize,
}

#[derive(Default)]
struct Link {
    connected: Option<Connected>,
    scenario: Rc<Scenario>,
    listeners: Vec<(u32, Callback<()>)>,
    next: u32,
    published: BTreeMap<String, u64>,
}

thread_local! {
    static LINK: RefCell<Link> = RefCell::new(Link::default());
}

/// The connection, if any.
pub fn connected() -> Option<Connected> {
    LINK.with(|l| l.borrow().connected.clone())
}

/// The scenario being edited, as last rendered (what deploy and the check
/// use when called from `window.warren`).
pub fn scenario() -> Rc<Scenario> {
    LINK.with(|l| l.borrow().scenario.clone())
}

/// Records the scenario being edited.
pub fn set_scenario(s: Rc<Scenario>) {
    LINK.with(|l| l.borrow_mut().scenario = s);
}

/// Called whenever the connection changes, until dropped.
pub struct Subscription(u32);

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.0;
        LINK.with(|l| l.borrow_mut().listeners.retain(|(i, _)| *i != id));
    }
}

/// Calls `f` whenever the connection changes.
pub fn subscribe(f: Callback<()>) -> Subscription {
    LINK.with(|l| {
        let mut l = l.borrow_mut();
        l.next += 1;
        let id = l.next;
        l.listeners.push((id, f));
        Subscription(id)
    })
}

fn set_connected(c: Option<Connected>) {
    let listeners: Vec<Callback<()>> = LINK.with(|l| {
        let mut l = l.borrow_mut();
        l.connected = c;
        l.listeners.iter().map(|(_, f)| f.clone()).collect()
    });
    for f in listeners {
        f.emit(());
    }
}

/// Connects: checks the login, lists the vhosts, counts the vhost's
/// exchanges and queues. On success the connection is the page's.
pub async fn connect(input: &Settings) -> Result<Connected, Failure> {
    let settings = input.normalized().map_err(Failure::BadUrl)?;
    let me: WhoAmI = answers::read("whoami", &call(&settings, &Request::get("/api/whoami")).await?)?;
    let vhosts: Vec<VhostInfo> = answers::read("vhosts", &call(&settings, &Request::get("/api/vhosts")).await?)?;
    let vhosts: Vec<String> = vhosts.into_iter().map(|v| v.name).collect();
    if !vhosts.contains(&settings.vhost) {
        return Err(Failure::NoSuchVhost(settings.vhost.clone()));
    }
    let exchanges = count(&settings, "exchanges").await?;
    let queues = count(&settings, "queues").await?;
    let c = Connected { settings, me, vhosts, exchanges, queues };
    set_connected(Some(c.clone()));
    Ok(c)
}

async fn count(settings: &Settings, kind: &str) -> Result<usize, Failure> {
    let body =
        call(settings, &Request::get(format!("{}?columns=name", vhost_path(kind, &settings.vhost, None)))).await?;
    Ok(answers::read::<Vec<Value>>(kind, &body)?.len())
}

/// Forgets the connection (and the remembered settings stay as they are).
pub fn disconnect() {
    set_connected(None);
}

/// Reads settings remembered on this device.
pub fn remembered() -> Option<Settings> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    serde_json::from_str(&storage.get_item(REMEMBER_KEY).ok().flatten()?).ok()
}

/// Remembers the settings on this device, or forgets them.
pub fn remember(settings: Option<&Settings>) {
    let Some(storage) = gloo::utils::window().local_storage().ok().flatten() else { return };
    match settings.and_then(|s| serde_json::to_string(s).ok()) {
        Some(text) => {
            let _ = storage.set_item(REMEMBER_KEY, &text);
        }
        None => {
            let _ = storage.remove_item(REMEMBER_KEY);
        }
    }
}

/// The vhost's topology with counts and rates.
pub async fn live(settings: &Settings) -> Result<LiveView, Failure> {
    let v = &settings.vhost;
    let definitions = call(settings, &Request::get(vhost_path("definitions", v, None))).await?;
    let queues: Vec<QueueInfo> =
        answers::read("queues", &call(settings, &Request::get(vhost_path("queues", v, None))).await?)?;
    let exchanges: Vec<ExchangeInfo> =
        answers::read("exchanges", &call(settings, &Request::get(vhost_path("exchanges", v, None))).await?)?;
    let consumers: Vec<ConsumerInfo> =
        answers::read("consumers", &call(settings, &Request::get(vhost_path("consumers", v, None))).await?)?;
    LiveView::build(
        v,
        &Answers { definitions: &definitions, queues: &queues, exchanges: &exchanges, consumers: &consumers },
    )
}

/// The scenario's definitions for the connected vhost.
fn ours(scenario: &Scenario, vhost: &str) -> Definitions {
    let options = crate::definitions::ExportOptions { vhost: vhost.to_string() };
    serde_json::from_str(&crate::definitions::export_with(scenario, &options).json).unwrap_or_default()
}

/// The preview of deploying `scenario` to the connected vhost.
pub async fn preview(settings: &Settings, scenario: &Scenario) -> Result<Plan, Failure> {
    let theirs: Definitions = answers::read(
        "definitions",
        &call(settings, &Request::get(vhost_path("definitions", &settings.vhost, None))).await?,
    )?;
    Ok(deploy::plan(&ours(scenario, &settings.vhost), &theirs, &settings.vhost))
}

/// Sends what a plan creates, in order; each object's result.
pub async fn apply(settings: &Settings, items: &[Item]) -> Vec<(Item, Result<(), Failure>)> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let result = call(settings, &item.request).await.map(|_| ());
        out.push((item.clone(), result));
    }
    out
}

/// Publishes one message through the API; whether a queue received it.
pub async fn publish(settings: &Settings, message: &Outgoing) -> Result<bool, Failure> {
    let body = call(settings, &message.request(&settings.vhost)).await?;
    Ok(answers::read::<Published>("publish", &body)?.routed)
}

/// Publishes a message from the page (a producer, the route tester): the
/// broker's answer beside Warren's, or why it failed in plain words.
pub async fn publish_message(settings: &Settings, message: &Outgoing, warren_routed: bool) -> Result<Answer, Failure> {
    let body = call(settings, &message.request(&settings.vhost))
        .await
        .map_err(|f| publish::failure(f, message, &settings.vhost))?;
    publish::read_answer(message, &body, warren_routed)
}

/// The number of producer `id`'s next publish to the broker (its `{n}`):
/// one more than those the broker took from this tab.
pub fn next_number(id: &str) -> u64 {
    LINK.with(|l| l.borrow().published.get(id).copied().unwrap_or(0) + 1)
}

/// Counts one publish of producer `id` the broker took.
pub fn count_published(id: &str) {
    LINK.with(|l| *l.borrow_mut().published.entry(id.to_string()).or_insert(0) += 1);
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo::utils::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// Checks the scenario against the broker: a temporary vhost, the
/// topology, the probes, what each queue received; the vhost is deleted
/// whatever happens.
pub async fn check(connected: &Connected, scenario: &Scenario) -> Result<Report, Failure> {
    if !connected.me.is_administrator() {
        return Err(Failure::NotAdministrator { user: connected.me.name.clone(), tags: connected.me.tags.clone() });
    }
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    let vhost = check::vhost_name(now, random);
    let mut settings = connected.settings.clone();
    settings.vhost = vhost.clone();
    call(&settings, &Request::with_body(Method::Put, format!("/api/vhosts/{}", segment(&vhost)), json!({}))).await?;
    let result = check_in(&settings, &check::checkable(scenario)).await;
    let deleted = call(&settings, &Request::delete(format!("/api/vhosts/{}", segment(&vhost)))).await;
    let report = result?;
    deleted?;
    Ok(report)
}

async fn check_in(settings: &Settings, scenario: &Scenario) -> Result<Report, Failure> {
    let permissions = format!("/api/permissions/{}/{}", segment(&settings.vhost), segment(&settings.user));
    let all = json!({"configure": ".*", "write": ".*", "read": ".*"});
    call(settings, &Request::with_body(Method::Put, permissions, all)).await?;
    let (defs, warnings) = check::topology(scenario);
    let plan = deploy::plan(&defs, &Definitions::default(), &settings.vhost);
    for item in &plan.create {
        call(settings, &item.request).await.map_err(|e| Failure::Step {
            what: crate::msg!("broker-check-step-create", kind = item.kind.word(), name = &item.name),
            cause: Box::new(e),
        })?;
    }
    let probes = probes::choose(scenario, &defs);
    for (i, p) in probes.iter().enumerate() {
        publish(settings, &Outgoing::new(&p.exchange, &p.routing_key, &p.headers, &check::probe_body(i))).await?;
    }
    // Routing is done when publish answers; the copies reach the queue
    // processes right after.
    sleep(300).await;
    let queues: BTreeSet<String> = defs.queues.iter().map(|q| q.name.clone()).collect();
    let mut received = BTreeMap::new();
    for q in &queues {
        received.insert(q.clone(), drain(settings, q).await?);
    }
    let predicted = probes::predict(scenario, &probes, &queues);
    let left_out = warnings.iter().map(check::warning_msg).collect();
    Ok(check::compare(&probes, &predicted, &received, left_out))
}

/// Every message in a queue (taken: acked without requeue).
async fn drain(settings: &Settings, queue: &str) -> Result<Vec<String>, Failure> {
    let path = format!("{}/get", vhost_path("queues", &settings.vhost, Some(queue)));
    let body = json!({"count": 1000, "ackmode": "ack_requeue_false", "encoding": "auto", "truncate": 200});
    let mut bodies = Vec::new();
    loop {
        let got: Vec<GotMessage> = answers::read(
            "get",
            &call(settings, &Request::with_body(Method::Post, path.clone(), body.clone())).await?,
        )?;
        if got.is_empty() {
            return Ok(bodies);
        }
        bodies.extend(got.into_iter().map(|m| m.payload));
    }
}

/// A JavaScript-friendly error answer: `{ok: false, code, error, advice}`.
pub fn failure_json(f: &Failure) -> Value {
    let advice: Vec<String> = f.advice().iter().map(|a| a.render(crate::i18n::Lang::En)).collect();
    json!({"ok": false, "code": f.code(), "error": f.title().english(), "advice": advice})
}
