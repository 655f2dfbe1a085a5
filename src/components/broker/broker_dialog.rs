//! The Broker dialog: the connect form, then (once connected) the live
//! view, a deploy of the scenario with its preview, the check against the
//! broker, and disconnecting. A modal dialog: Tab stays inside it, Escape
//! or a click beside it closes it, and the focus goes back to the Broker
//! button. The work is in [`crate::web::broker_session`]; this only draws
//! it.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::broker_form::{connect_form, use_form_state, FormState};
use super::broker_results::{shown_view, Shown};
use super::use_broker_connection;
use crate::broker_link::connection::status_line;
use crate::broker_link::deploy::Plan;
use crate::broker_link::Settings;
use crate::components::context::{use_editor, EditorHandle};
use crate::components::focus_trap::trap_focus;
use crate::components::use_lang;
use crate::i18n::Lang;
use crate::web::broker_session::{self as session, Connected};

/// Properties of [`BrokerDialog`].
#[derive(Properties, PartialEq)]
pub struct DialogProps {
    /// Closes the dialog.
    pub on_close: Callback<()>,
    /// Closes the dialog and opens the live view.
    pub on_live: Callback<()>,
}

/// Runs an operation with "busy" shown, then shows what it gave.
fn run<F>(shown: &UseStateHandle<Shown>, busy: crate::i18n::MsgId, work: F)
where
    F: std::future::Future<Output = Shown> + 'static,
{
    shown.set(Shown::Busy(busy));
    let shown = shown.clone();
    yew::platform::spawn_local(async move { shown.set(work.await) });
}

/// Connects, and remembers the settings on this device when asked.
fn on_connect(shown: &UseStateHandle<Shown>) -> Callback<(Settings, bool)> {
    let shown = shown.clone();
    Callback::from(move |(settings, keep): (Settings, bool)| {
        run(&shown, id!("broker-busy-connecting"), async move {
            match session::connect(&settings).await {
                Ok(_) => {
                    session::remember(keep.then_some(&settings));
                    Shown::Nothing
                }
                Err(f) => Shown::Failed(f),
            }
        })
    })
}

/// Previews deploying the scenario being edited.
fn on_preview(shown: &UseStateHandle<Shown>, editor: &EditorHandle) -> Callback<MouseEvent> {
    let (shown, editor) = (shown.clone(), editor.clone());
    Callback::from(move |_: MouseEvent| {
        let Some(c) = session::connected() else { return };
        let scenario = editor.scenario.clone();
        run(&shown, id!("broker-busy-comparing"), async move {
            match session::preview(&c.settings, &scenario).await {
                Ok(plan) => Shown::Plan(Rc::new(plan)),
                Err(f) => Shown::Failed(f),
            }
        })
    })
}

/// Sends a previewed plan's creations.
fn on_confirm(shown: &UseStateHandle<Shown>) -> Callback<Rc<Plan>> {
    let shown = shown.clone();
    Callback::from(move |plan: Rc<Plan>| {
        let Some(c) = session::connected() else { return };
        run(&shown, id!("broker-busy-deploying"), async move {
            Shown::Deployed(Rc::new(session::apply(&c.settings, &plan.create).await))
        })
    })
}

/// Checks the scenario being edited in a temporary vhost.
fn on_check(shown: &UseStateHandle<Shown>, editor: &EditorHandle) -> Callback<MouseEvent> {
    let (shown, editor) = (shown.clone(), editor.clone());
    Callback::from(move |_: MouseEvent| {
        let Some(c) = session::connected() else { return };
        let scenario = editor.scenario.clone();
        run(&shown, id!("broker-busy-checking"), async move {
            match session::check(&c, &scenario).await {
                Ok(r) => Shown::Report(Rc::new(r)),
                Err(f) => Shown::Failed(f),
            }
        })
    })
}

/// Escape closes; Tab stays inside.
fn on_key(close: &Callback<()>, dialog: &NodeRef) -> Callback<KeyboardEvent> {
    let (close, dialog) = (close.clone(), dialog.clone());
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            e.stop_propagation();
            close.emit(());
        } else {
            trap_focus(&e, &dialog);
        }
    })
}

/// A click on the backdrop itself (not in the dialog) closes.
fn on_backdrop(close: &Callback<()>) -> Callback<MouseEvent> {
    let close = close.clone();
    Callback::from(move |e: MouseEvent| {
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let class = target.and_then(|t| t.get_attribute("class")).unwrap_or_default();
        if class.split_whitespace().any(|c| c == "modal-backdrop") {
            close.emit(());
        }
    })
}

/// Focuses the first field when the dialog opens (the first action once
/// connected).
#[hook]
fn use_focus_on_open(dialog: NodeRef) {
    use_effect_with((), move |_| {
        let first = dialog.cast::<web_sys::Element>().and_then(|d| {
            let wanted = if session::connected().is_some() { "[data-broker-action=live]" } else { "input[name=url]" };
            d.query_selector(wanted).ok().flatten()
        });
        if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// The dialog.
#[function_component(BrokerDialog)]
pub fn broker_dialog(p: &DialogProps) -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let shown = use_state(|| Shown::Nothing);
    let connected = use_broker_connection();
    let form = use_form_state();
    let dialog = use_node_ref();
    use_focus_on_open(dialog.clone());
    let busy = matches!(*shown, Shown::Busy(_));
    html! {
        <div class="modal-backdrop broker-backdrop" onclick={on_backdrop(&p.on_close)}>
            <div class="broker-dialog" role="dialog" aria-modal="true" aria-labelledby="broker-title" data-broker-dialog=""
                 ref={dialog.clone()} onkeydown={on_key(&p.on_close, &dialog)}>
                <div class="dialog-head">
                    <h2 id="broker-title">{ t!(lang, "broker-dialog-title") }</h2>
                    <button type="button" class="dialog-close" aria-label={t!(lang, "broker-dialog-close.aria-label")} onclick={p.on_close.reform(|_| ())}>{ "×" }</button>
                </div>
                <div class="dialog-body">
                    { connect_form(&form, connected.as_ref().map(|c| c.settings.vhost.as_str()), busy, &on_connect(&shown), lang) }
                    if let Some(c) = &connected { { actions(c, busy, &shown, &form, &editor, &p.on_live, lang) } }
                    <div class="broker-result" aria-live="polite">{ shown_view(&shown, on_confirm(&shown), lang) }</div>
                </div>
            </div>
        </div>
    }
}

/// Reconnects to another of the broker's vhosts (remembered as before);
/// the form follows.
fn on_vhost(c: &Connected, shown: &UseStateHandle<Shown>, form: &FormState) -> Callback<Event> {
    let (settings, connect, form) = (c.settings.clone(), on_connect(shown), form.clone());
    Callback::from(move |e: Event| {
        let vhost = e.target_unchecked_into::<HtmlSelectElement>().value();
        form.settings.set(Settings { vhost: vhost.clone(), ..(*form.settings).clone() });
        connect.emit((Settings { vhost, ..settings.clone() }, *form.remember));
    })
}

/// Who is connected where (the vhost to pick), and what can be done.
fn actions(
    c: &Connected,
    busy: bool,
    shown: &UseStateHandle<Shown>,
    form: &FormState,
    editor: &EditorHandle,
    live: &Callback<()>,
    lang: Lang,
) -> Html {
    let disconnect = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            session::disconnect();
            shown.set(Shown::Nothing);
        })
    };
    let s = &c.settings;
    let status = status_line(&s.url, &c.me.name, &s.vhost, c.exchanges, c.queues).render(lang);
    html! {
        <>
            <div class="broker-connected">
                <p class="broker-status" data-broker-status="">{ status }</p>
                <label class="broker-vhost">{ t!(lang, "broker-vhost-pick") }
                    <select name="vhost" onchange={on_vhost(c, shown, form)} disabled={busy}>
                        { for c.vhosts.iter().map(|v| html! { <option value={v.clone()} selected={*v == s.vhost}>{ v.clone() }</option> }) }
                    </select>
                </label>
            </div>
            <div class="dialog-actions broker-actions">
                <button type="button" data-broker-action="live" onclick={live.reform(|_| ())} disabled={busy}>{ t!(lang, "broker-action-live") }</button>
                <button type="button" data-broker-action="deploy" onclick={on_preview(shown, editor)} disabled={busy}>{ t!(lang, "broker-action-deploy") }</button>
                <button type="button" data-broker-action="check" onclick={on_check(shown, editor)} disabled={busy}>{ t!(lang, "broker-action-check") }</button>
                <button type="button" data-broker-action="disconnect" onclick={disconnect}>{ t!(lang, "broker-action-disconnect") }</button>
            </div>
        </>
    }
}
