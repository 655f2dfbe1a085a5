//! The page's language as a context: every component reads it with
//! [`use_lang`] and renders its words with [`i18n::t`](crate::i18n::t) or
//! [`Msg::render`](crate::i18n::Msg::render); the header's
//! [`LanguageSwitch`] changes it without touching the workspace.

use yew::prelude::*;

use crate::i18n::Lang;

/// The language and how to change it.
#[derive(Clone, PartialEq)]
pub struct LangHandle {
    /// The language the page speaks now.
    pub lang: Lang,
    /// Switches the language (remembered, and `<html lang>` follows).
    pub set: Callback<Lang>,
}

/// The page's language (English outside a [`LangProvider`]).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangHandle>().map(|h| h.lang).unwrap_or_default()
}

/// The properties of [`LangProvider`].
#[derive(Properties, PartialEq)]
pub struct LangProviderProps {
    /// The language to start in.
    pub initial: Lang,
    /// Whether a switch is remembered for the next visit (off in tests).
    #[prop_or_default]
    pub remember: bool,
    /// The page.
    pub children: Html,
}

/// Holds the language for everything inside it and keeps `<html lang>` in
/// step.
#[function_component(LangProvider)]
pub fn lang_provider(props: &LangProviderProps) -> Html {
    let lang = use_state_eq(|| props.initial);
    use_effect_with(*lang, |lang| crate::web::page::show_lang(*lang));
    let set = {
        let (lang, remember) = (lang.setter(), props.remember);
        Callback::from(move |chosen: Lang| {
            if remember {
                crate::web::page::remember_lang(chosen);
            }
            lang.set(chosen);
        })
    };
    html! {
        <ContextProvider<LangHandle> context={LangHandle { lang: *lang, set }}>
            { props.children.clone() }
        </ContextProvider<LangHandle>>
    }
}

/// The header's switch: one small button naming the other language in its
/// own words (中文 on the English page, English on the Chinese one), so the
/// header keeps to one row at 1280 px.
///
/// A language whose texts are not in the page yet is fetched first (the
/// button is busy meanwhile); if that fails, a banner says why and the
/// page stays as it is.
#[function_component(LanguageSwitch)]
pub fn language_switch() -> Html {
    let loading = use_state_eq(|| false);
    let banners = use_context::<crate::components::BannersHandle>();
    let Some(handle) = use_context::<LangHandle>() else { return Html::default() };
    let lang = handle.lang;
    let other = Lang::ALL.into_iter().find(|&l| l != lang).unwrap_or_default();
    let onclick = {
        let (set, loading) = (handle.set.clone(), loading.clone());
        move |_| {
            if crate::i18n::is_ready(other) {
                return set.emit(other);
            }
            let (set, loading, banners) = (set.clone(), loading.clone(), banners.clone());
            loading.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = crate::web::catalogue::load(other).await;
                loading.set(false);
                match loaded {
                    Ok(()) => set.emit(other),
                    Err(why) => {
                        if let Some(b) = banners {
                            b.dispatch(crate::workspace::banner::language_unavailable(why));
                        }
                    }
                }
            });
        }
    };
    html! {
        <button type="button" class="header-button lang-switch" lang={other.tag()} data-lang={lang.tag()}
            title={t!(lang, "language-switch.title")} aria-busy={loading.to_string()} disabled={*loading} {onclick}>
            { other.own_name() }
        </button>
    }
}
