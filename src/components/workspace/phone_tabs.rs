//! The phone layout's tab bar (shown by style.css below 600 px): one tab
//! per sheet ([`Sheet`]); tapping a tab opens its sheet over the canvas,
//! tapping it again closes it.

use yew::prelude::*;

use crate::view::sheets::{tabs, toggled, Sheet};

/// The properties of [`PhoneTabs`].
#[derive(Properties, PartialEq)]
pub struct PhoneTabsProps {
    /// The sheet open now.
    pub open: Option<Sheet>,
    /// The scenario has narration (a lesson tab).
    pub has_narration: bool,
    /// Called with the sheet to show (none: close).
    pub on_change: Callback<Option<Sheet>>,
}

/// The tab bar at the bottom of a phone's screen.
#[function_component(PhoneTabs)]
pub fn phone_tabs(props: &PhoneTabsProps) -> Html {
    let lang = crate::components::use_lang();
    let buttons = tabs(props.has_narration).into_iter().map(|sheet| {
        let on = props.open == Some(sheet);
        let onclick = {
            let open = props.open;
            props.on_change.reform(move |_: MouseEvent| toggled(open, sheet))
        };
        html! {
            <button type="button" class={classes!("phone-tab", on.then_some("on"))} data-sheet={sheet.as_str()}
                    aria-pressed={on.to_string()} {onclick}>
                { crate::i18n::t(lang, sheet.label()) }
            </button>
        }
    });
    html! { <nav class="phone-tabs" aria-label={crate::t!(lang, "workspace-phone-tabs.aria-label")}>{ for buttons }</nav> }
}
