//! The connect form: the management API's address, user, password, vhost
//! and "remember on this device". Once connected it folds away under
//! "Connection settings" (the vhost is then picked from the broker's list
//! beside the status). The password stays in this form and the tab's
//! memory unless that box is ticked.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::broker_link::connection::{plain_http_warning, DEFAULT_URL};
use crate::broker_link::Settings;
use crate::i18n::{t, Lang};
use crate::web::broker_session as session;

/// The form's state, held by the dialog: the settings typed and the
/// "remember" box.
#[derive(Clone, PartialEq)]
pub struct FormState {
    /// The settings typed.
    pub settings: UseStateHandle<Settings>,
    /// "Remember on this device".
    pub remember: UseStateHandle<bool>,
}

/// The form's state, starting from what this device remembers.
#[hook]
pub fn use_form_state() -> FormState {
    let settings = use_state(|| session::remembered().unwrap_or_else(default_settings));
    let remember = use_state(|| session::remembered().is_some());
    FormState { settings, remember }
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

/// The form; `connected`: the vhost connected to, if any (the form then
/// folds away); `on_connect` gets the settings and whether to remember them.
pub fn connect_form(
    state: &FormState,
    connected: Option<&str>,
    busy: bool,
    on_connect: &Callback<(Settings, bool)>,
    lang: Lang,
) -> Html {
    let (form, remember) = (&state.settings, &state.remember);
    let on_submit = {
        let (form, remember, connect) = (form.clone(), remember.clone(), on_connect.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            connect.emit(((*form).clone(), *remember));
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
    let fields = html! {
        <form class="broker-form" onsubmit={on_submit}>
            <label>{ t!(lang, "broker-form-url") }<input name="url" value={form.url.clone()} oninput={field(form, |s, v| s.url = v)} spellcheck="false" autocomplete="url" /></label>
            <label>{ t!(lang, "broker-form-user") }<input name="user" value={form.user.clone()} oninput={field(form, |s, v| s.user = v)} autocomplete="username" /></label>
            <label>{ t!(lang, "broker-form-password") }<input name="password" type="password" value={form.password.clone()} oninput={field(form, |s, v| s.password = v)} autocomplete="current-password" /></label>
            <label>{ t!(lang, "broker-form-vhost") }<input name="vhost" value={form.vhost.clone()} oninput={field(form, |s, v| s.vhost = v)} spellcheck="false" /></label>
            <label class="broker-remember"><input type="checkbox" name="remember" checked={**remember} onchange={on_remember} />{ t!(lang, "broker-form-remember") }</label>
            if let Some(w) = plain_http_warning(&form.url) { <p class="broker-warning" role="alert" data-broker-warning="">{ w.render(lang) }</p> }
            <button type="submit" class="primary" disabled={busy}>{ t(lang, if connected.is_some() { id!("broker-form-reconnect") } else { id!("broker-form-connect") }) }</button>
        </form>
    };
    if connected.is_none() {
        return fields;
    }
    html! {
        <details class="broker-settings">
            <summary>{ t!(lang, "broker-form-settings") }</summary>
            { fields }
        </details>
    }
}
