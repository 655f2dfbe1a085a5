//! The live view: the connected broker's vhost drawn with the import
//! layout, marked as the real broker, with counts and rates refreshed
//! every few seconds (adjustable; paused while the tab is hidden), and
//! "Take a copy" to play with it as an ordinary scenario.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::broker_link::connection::host_of;
use crate::broker_link::live::LiveView;
use crate::broker_link::picture::{self, Picture};
use crate::broker_link::Failure;
use crate::components::broker::broker_results::failure_view;
use crate::components::context::{use_editor, EditorHandle};
use crate::components::use_lang;
use crate::editor::EditAction;
use crate::i18n::Lang;
use crate::web::broker_session as session;

/// The refresh intervals offered, in seconds.
pub const INTERVALS: [u32; 4] = [2, 5, 10, 30];

/// Properties of [`BrokerLive`].
#[derive(Properties, PartialEq)]
pub struct LiveProps {
    /// Closes the view.
    pub on_close: Callback<()>,
}

fn hidden() -> bool {
    gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden
}

/// What the view shows: the last reading, the last failure.
#[derive(Clone)]
struct Reading {
    view: UseStateHandle<Option<Rc<LiveView>>>,
    error: UseStateHandle<Option<Failure>>,
    busy: Rc<Cell<bool>>,
}

impl Reading {
    /// Reads the view once (unless the tab is hidden or a read is still
    /// under way).
    fn refresh(&self) {
        let Some(c) = session::connected() else { return };
        if hidden() || self.busy.replace(true) {
            return;
        }
        let me = self.clone();
        yew::platform::spawn_local(async move {
            match session::live(&c.settings).await {
                Ok(v) => {
                    me.view.set(Some(Rc::new(v)));
                    me.error.set(None);
                }
                Err(f) => me.error.set(Some(f)),
            }
            me.busy.set(false);
        });
    }
}

/// Reads the broker now, then every `seconds` while the tab is shown, and
/// at once when the tab is shown again.
#[hook]
fn use_polling(seconds: u32) -> Reading {
    let view = use_state(|| None::<Rc<LiveView>>);
    let error = use_state(|| None::<Failure>);
    let busy = use_memo((), |_| Rc::new(Cell::new(false)));
    let reading = Reading { view, error, busy: (*busy).clone() };
    {
        let reading = reading.clone();
        use_effect_with(seconds, move |s| {
            reading.refresh();
            let (again, shown) = (reading.clone(), reading.clone());
            let timer = Interval::new(s * 1000, move || again.refresh());
            let back = EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| shown.refresh());
            move || drop((timer, back))
        });
    }
    reading
}

/// Focuses the view when it opens (so Escape closes it).
#[hook]
fn use_focus_on_open(region: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(el) = region.cast::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
}

/// The live view overlay.
#[function_component(BrokerLive)]
pub fn broker_live(p: &LiveProps) -> Html {
    let editor = use_editor();
    let lang = use_lang();
    let seconds = use_state(|| 5u32);
    let reading = use_polling(*seconds);
    let region = use_node_ref();
    use_focus_on_open(region.clone());
    let on_key = {
        let close = p.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                close.emit(());
            }
        })
    };
    html! {
        <div class="broker-live" role="region" aria-label={t!(lang, "broker-live.aria-label")} data-broker-live=""
             tabindex="-1" ref={region} onkeydown={on_key}>
            { live_bar(&seconds, &reading.view, &p.on_close, &editor, lang) }
            if let Some(f) = &*reading.error { { failure_view(f, lang) } }
            <div class="broker-live-canvas">
                { match &*reading.view {
                    Some(v) => svg(&picture::draw(v), lang),
                    None => html! { <p class="broker-busy">{ t!(lang, "broker-live-reading") }</p> },
                } }
            </div>
        </div>
    }
}

/// The bar over the view: the badge, where, the interval, take a copy, close.
fn live_bar(
    seconds: &UseStateHandle<u32>,
    view: &Option<Rc<LiveView>>,
    on_close: &Callback<()>,
    editor: &EditorHandle,
    lang: Lang,
) -> Html {
    let on_interval = {
        let seconds = seconds.clone();
        Callback::from(move |e: Event| {
            if let Ok(s) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                seconds.set(s);
            }
        })
    };
    let connected = session::connected();
    let where_ = connected
        .as_ref()
        .map(|c| msg!("broker-live-where", url = &c.settings.url, vhost = &c.settings.vhost).render(lang))
        .unwrap_or_default();
    let copy = {
        let (view, close, editor) = (view.clone(), on_close.clone(), editor.clone());
        let host = connected.as_ref().map(|c| host_of(&c.settings.url).to_string()).unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            if let Some(v) = &view {
                editor.dispatch(EditAction::Load(Rc::new(v.copy(&host, lang))));
                close.emit(());
            }
        })
    };
    let now = **seconds;
    html! {
        <div class="broker-live-bar">
            <span class="broker-live-badge">{ t!(lang, "broker-live-badge") }</span>
            <span class="broker-live-where">{ where_ }</span>
            <label>{ t!(lang, "broker-live-refresh") }
                <select name="interval" onchange={on_interval}>
                    { for INTERVALS.iter().map(|s| html! { <option value={s.to_string()} selected={*s == now}>{ msg!("broker-live-seconds", seconds = *s).render(lang) }</option> }) }
                </select>
            </label>
            <button type="button" data-broker-action="copy" onclick={copy} disabled={view.is_none()}
                    title={t!(lang, "broker-live-copy.title")}>{ t!(lang, "broker-live-copy") }</button>
            <button type="button" data-broker-action="close-live" onclick={on_close.reform(|_| ())}>{ t!(lang, "broker-live-close") }</button>
        </div>
    }
}

fn svg(p: &Picture, lang: Lang) -> Html {
    let (x, y, w, h) = p.view_box;
    html! {
        <svg class="broker-live-svg" viewBox={format!("{x} {y} {w} {h}")} width={w.to_string()} height={h.to_string()}>
            { for p.lines.iter().map(|l| html! {
                <g class="live-edge">
                    <path d={l.path.clone()} />
                    if let Some(r) = &l.rate {
                        <text x={l.label_at.0.to_string()} y={(l.label_at.1 - 6.0).to_string()} class="live-rate" text-anchor="middle">{ r.clone() }</text>
                    }
                </g>
            }) }
            { for p.boxes.iter().map(|b| {
                let (x, y, bw, bh) = b.rect;
                html! {
                    <g class={classes!("live-node", b.kind.as_str())} data-live-node={b.title.english()}>
                        <rect x={x.to_string()} y={y.to_string()} width={bw.to_string()} height={bh.to_string()} rx="8" />
                        <text x={(x + 10.0).to_string()} y={(y + 20.0).to_string()} class="live-title">{ b.title.render(lang) }</text>
                        <text x={(x + 10.0).to_string()} y={(y + 36.0).to_string()} class="live-caption">{ b.caption.render(lang) }</text>
                        { for b.lines.iter().enumerate().map(|(i, l)| html! {
                            <text x={(x + 10.0).to_string()} y={(y + 54.0 + 16.0 * i as f64).to_string()} class="live-line">{ l.render(lang) }</text>
                        }) }
                    </g>
                }
            }) }
        </svg>
    }
}
