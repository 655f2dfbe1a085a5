//! The root of the Yew app: it owns the editor (a reducer over
//! [`Editor`]), the running [`Runtime`] and the message inspector, provides
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
    /// A message an embed shows once at start (a link it could not open).
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// The page's own workspace: start from a `#s=` link, `?lesson=` or the
    /// autosave, and autosave every change (see
    /// [`begin`](crate::components::begin)). Off in embeds and tests.
    #[prop_or_default]
    pub persist: bool,
}

/// The whole page.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    // What the page starts with (read once): the given scenario, or with
    // `persist` the address and the autosave.
    let begin = {
        let (persist, given) = (props.persist, props.scenario.clone());
        use_memo((), move |_| crate::components::begin(persist, given))
    };
    let editor = {
        let begin = begin.clone();
        use_reducer(move || begin.editor.clone())
    };
    let runtime = {
        let begin = begin.clone();
        use_mut_ref(move || Runtime::new((*begin.editor.scenario).clone()))
    };
    let banners = {
        let begin = begin.clone();
        use_reducer(move || begin.banners.clone())
    };
    let revision = use_reducer(Revision::default);
    let refresh = {
        let revision = revision.dispatcher();
        Callback::from(move |_: ()| revision.dispatch(()))
    };
    let stage = Stage {
        runtime: runtime.clone(),
        revision: revision.0,
        refresh: refresh.clone(),
        dots: use_node_ref(),
        clock: use_node_ref(),
    };

    // The simulation plays what the editor holds (not during a drag: the
    // positions settle when it ends).
    {
        let runtime = runtime.clone();
        let refresh = refresh.clone();
        let loads = use_mut_ref(|| 0u64);
        use_effect_with(
            (editor.scenario.clone(), editor.in_gesture(), editor.loads),
            move |(scenario, dragging, generation)| {
                if *loads.borrow() != *generation {
                    // A loaded scenario starts on a fresh broker with an empty log.
                    *loads.borrow_mut() = *generation;
                    runtime.borrow_mut().reset((**scenario).clone());
                    refresh.emit(());
                } else if !*dragging {
                    let changed = runtime.borrow().sim.scenario() != &**scenario;
                    if changed {
                        runtime.borrow_mut().set_scenario((**scenario).clone(), crate::components::wall_now());
                        refresh.emit(());
                    }
                }
            },
        );
    }

    use_run_loop(&stage, editor.view);
    let inspecting = use_state(|| None::<Rc<Message>>);
    // The sheet open over the canvas in the phone layout (style.css).
    let phone_sheet = use_state(|| None::<crate::view::sheets::Sheet>);
    // Made once: a new callback at each render would render everything
    // that holds it again.
    let open_message = {
        let inspecting = inspecting.setter();
        OpenMessage(use_callback((), move |m: Rc<Message>, _| inspecting.set(Some(m))))
    };
    let close_message = {
        let inspecting = inspecting.setter();
        Callback::from(move |_: ()| inspecting.set(None))
    };
    use_shortcuts(editor.dispatcher(), runtime.clone(), refresh.clone(), close_message.clone());

    // Embeds: edits refused unless the author made the embed editable (and
    // the scenario is not read-only); `window.warren` and postMessage.
    {
        let locked = props.mode.locked(&editor.scenario);
        let editor = editor.clone();
        use_effect_with(locked, move |locked| editor.dispatch(crate::editor::EditAction::SetReadOnly(*locked)));
    }
    crate::web::use_host_api(&editor, &stage, &props.mode);
    if props.mode.embed {
        return html! {
            <ContextProvider<crate::components::EditorHandle> context={editor.clone()}>
                <ContextProvider<Stage> context={stage}>
                    <ContextProvider<OpenMessage> context={open_message}>
                        <crate::components::EmbedLayout page_url={crate::web::page::page_url()} notice={props.notice.clone()} />
                        if let Some(message) = (*inspecting).clone() {
                            <MessageInspector {message} on_close={close_message} />
                        }
                    </ContextProvider<OpenMessage>>
                </ContextProvider<Stage>>
            </ContextProvider<crate::components::EditorHandle>>
        };
    }

    let sheet = (*phone_sheet).map(|s| format!("sheet-{}", s.as_str()));
    let on_sheet = {
        let phone_sheet = phone_sheet.setter();
        Callback::from(move |s| phone_sheet.set(s))
    };
    let has_narration = !editor.scenario.narration.is_empty();
    html! {
        <ContextProvider<crate::components::EditorHandle> context={editor.clone()}>
            <ContextProvider<Stage> context={stage}>
                <ContextProvider<OpenMessage> context={open_message}>
                <ContextProvider<crate::components::BannersHandle> context={banners}>
                    <div class={classes!("app", sheet)}>
                        <Header />
                        <main class="workspace">
                            <Palette />
                            <div class="stage-column">
                                <crate::components::BannerList />
                                <crate::components::NarrationPanel />
                                <Canvas />
                                <EventLog />
                            </div>
                            <Inspector />
                        </main>
                        <crate::components::PhoneTabs open={*phone_sheet} {has_narration} on_change={on_sheet} />
                        if let Some(message) = (*inspecting).clone() {
                            <MessageInspector {message} on_close={close_message} />
                        }
                        <crate::components::Autosave enabled={props.persist} />
                        <crate::components::LinkWatch enabled={props.persist} />
                        <crate::components::FileDrop />
                        <crate::components::FitOnLoad />
                    </div>
                </ContextProvider<crate::components::BannersHandle>>
                </ContextProvider<OpenMessage>>
            </ContextProvider<Stage>>
        </ContextProvider<crate::components::EditorHandle>>
    }
}
