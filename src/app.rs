//! The root of the Yew app: it owns the editor (a reducer over
//! [`Editor`](crate::editor::Editor)), the running [`Runtime`] and the message inspector, provides
//! them to the components as contexts, keeps the simulation in step with
//! the edited scenario, and lays out the page: header with the clock, the
//! palette, the canvas with the event log under it, the inspector.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{
    use_run_loop, use_shortcuts, Canvas, EventLog, Header, Inspector, MessageInspector, OpenMessage, Palette, Stage,
};
use crate::engine::Message;
use crate::monitor::runtime::Runtime;
use crate::scenario::Scenario;

/// A counter that changes when the runtime's state changed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Revision(u64);

impl Reducible for Revision {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Revision(self.0.wrapping_add(1)))
    }
}

/// The properties of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The scenario to start with (an empty one when absent).
    #[prop_or_default]
    pub scenario: Option<Rc<Scenario>>,
    /// How the page is shown: the full playground, or an embed (see
    /// [`EmbedLayout`](crate::components::EmbedLayout)), and which origins
    /// may call the API by `postMessage`.
    #[prop_or_default]
    pub mode: crate::api::page::PageMode,
    /// A message shown once at start: a link an embed could not open, or
    /// the page's language unavailable (an embed's notice, the full page's
    /// banner).
    #[prop_or_default]
    pub notice: Option<crate::i18n::Msg>,
    /// The page's own workspace: start from a `#s=` link, `?lesson=` or the
    /// autosave, and autosave every change (see
    /// [`begin`](crate::components::begin)). Off in embeds and tests.
    #[prop_or_default]
    pub persist: bool,
    /// The language to start in (the header's switch changes it).
    #[prop_or_default]
    pub lang: crate::i18n::Lang,
}

/// The whole page.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    // What the page starts with (read once): the given scenario, or with
    // `persist` the address and the autosave.
    let begin = {
        let (persist, given, lang) = (props.persist, props.scenario.clone(), props.lang);
        use_memo((), move |_| crate::components::begin(persist, given, lang))
    };
    let editor = {
        let begin = begin.clone();
        use_reducer(move || begin.editor.clone())
    };
    let banners = {
        let begin = begin.clone();
        let notice = (!props.mode.embed).then(|| props.notice.clone()).flatten();
        use_reducer(move || {
            let mut banners = begin.banners.clone();
            if let Some(why) = notice {
                banners.apply(crate::workspace::banner::language_unavailable(why));
            }
            banners
        })
    };
    let stage = use_following_stage(&editor, &begin.editor);
    use_run_loop(&stage, editor.view);
    let dialog = use_message_dialog();
    use_shortcuts(editor.dispatcher(), stage.runtime.clone(), stage.refresh.clone(), dialog.close.clone());
    // Embeds: edits refused unless the author made the embed editable (and
    // the scenario is not read-only); `window.warren` and postMessage.
    {
        let locked = props.mode.locked(&editor.scenario);
        let editor = editor.clone();
        use_effect_with(locked, move |locked| editor.dispatch(crate::editor::EditAction::SetReadOnly(*locked)));
    }
    let programs = crate::components::programs::use_programs(&stage, &editor);
    crate::web::use_host_api(&editor, &stage, &props.mode);
    let page = if props.mode.embed {
        html! { <crate::components::EmbedLayout page_url={crate::web::page::page_url()} notice={props.notice.clone()} /> }
    } else {
        html! { <FullPage persist={props.persist} /> }
    };
    html! {
        <crate::components::LangProvider initial={props.lang} remember={props.persist}>
        <ContextProvider<crate::components::EditorHandle> context={editor}>
            <ContextProvider<Stage> context={stage}>
                <ContextProvider<OpenMessage> context={dialog.open}>
                <ContextProvider<crate::components::BannersHandle> context={banners}>
                <ContextProvider<crate::components::programs::Programs> context={programs}>
                    { page }
                    if let Some(message) = dialog.showing {
                        <MessageInspector {message} on_close={dialog.close} />
                    }
                </ContextProvider<crate::components::programs::Programs>>
                </ContextProvider<crate::components::BannersHandle>>
                </ContextProvider<OpenMessage>>
            </ContextProvider<Stage>>
        </ContextProvider<crate::components::EditorHandle>>
        </crate::components::LangProvider>
    }
}

/// The stage: the runtime, playing what the editor holds. It is synced
/// here, in the render that shows the editor's state (not during a drag:
/// the positions settle when it ends), so every component of this render
/// reads the runtime as it now is; a change counts in the stage's
/// revision, with no second render.
#[hook]
fn use_following_stage(editor: &UseReducerHandle<crate::editor::Editor>, first: &crate::editor::Editor) -> Stage {
    let runtime = {
        let (scenario, loads) = (first.scenario.clone(), first.loads);
        use_mut_ref(move || Runtime::following(&scenario, loads))
    };
    let revision = use_reducer(Revision::default);
    let refresh = {
        let revision = revision.dispatcher();
        Callback::from(move |_: ()| revision.dispatch(()))
    };
    let follows = use_mut_ref(|| 0u64);
    if !editor.in_gesture()
        && runtime.borrow_mut().follow(&editor.scenario, editor.loads, crate::components::wall_now())
    {
        *follows.borrow_mut() += 1;
    }
    let follows = *follows.borrow();
    Stage { runtime, revision: revision.0.wrapping_add(follows), refresh, dots: use_node_ref(), clock: use_node_ref() }
}

/// The message dialog: the message shown, and how to open and close it.
struct MessageDialog {
    showing: Option<Rc<Message>>,
    open: OpenMessage,
    close: Callback<()>,
}

#[hook]
fn use_message_dialog() -> MessageDialog {
    let inspecting = use_state(|| None::<Rc<Message>>);
    // Made once: a new callback at each render would render everything
    // that holds it again.
    let open = {
        let inspecting = inspecting.setter();
        OpenMessage(use_callback((), move |m: Rc<Message>, _| inspecting.set(Some(m))))
    };
    let close = {
        let inspecting = inspecting.setter();
        Callback::from(move |_: ()| inspecting.set(None))
    };
    MessageDialog { showing: (*inspecting).clone(), open, close }
}

/// The properties of [`FullPage`].
#[derive(Properties, PartialEq)]
struct FullPageProps {
    persist: bool,
}

/// The full playground: header, palette, the canvas with banners,
/// narration and the log, the Programs panel beside the canvas, the inspector, the phone layout's tabs; and the
/// workspace's quiet parts (autosave, link watch, file drop, fit on load).
#[function_component(FullPage)]
fn full_page(props: &FullPageProps) -> Html {
    let editor = crate::components::use_editor();
    // The sheet open over the canvas in the phone layout (style.css).
    let phone_sheet = use_state(|| None::<crate::view::sheets::Sheet>);
    let sheet = (*phone_sheet).map(|s| format!("sheet-{}", s.as_str()));
    let on_sheet = {
        let phone_sheet = phone_sheet.setter();
        Callback::from(move |s| phone_sheet.set(s))
    };
    let has_narration = !editor.scenario.narration.is_empty();
    // The Programs panel beside the canvas (wide windows).
    let programs_open = use_state(|| false);
    let on_programs = {
        let programs_open = programs_open.setter();
        Callback::from(move |open| programs_open.set(open))
    };
    let close_programs = on_programs.reform(|_: ()| false);
    html! {
        <div class={classes!("app", sheet)}>
            <Header />
            <main class={classes!("workspace", (*programs_open).then_some("programs-open"))}>
                <Palette />
                <div class="stage-column">
                    <crate::components::BannerList />
                    <crate::components::NarrationPanel />
                    <div class="stage-row">
                        <Canvas />
                        { crate::components::programs::programs_toggle(*programs_open, &on_programs) }
                    </div>
                    <EventLog />
                </div>
                <crate::components::programs::ProgramsPanel open={*programs_open} on_close={close_programs} />
                <Inspector />
            </main>
            <crate::components::PhoneTabs open={*phone_sheet} {has_narration} on_change={on_sheet} />
            <crate::components::Autosave enabled={props.persist} />
            <crate::components::LinkWatch enabled={props.persist} />
            <crate::components::FileDrop />
            <crate::components::FitOnLoad />
        </div>
    }
}
