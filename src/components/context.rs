//! What many components share, through Yew contexts: the editor (scenario,
//! selection, view, history), the stage (the running simulation and its
//! watcher) and the way to open the message inspector.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::editor::{Edge, EditAction, Editor};
use crate::engine::Message;
use crate::monitor::runtime::Runtime;
use crate::scenario::Scenario;

/// The editor's reducer handle: read the state, dispatch [`EditAction`]s.
pub type EditorHandle = UseReducerHandle<Editor>;

impl Reducible for Editor {
    type Action = EditAction;

    fn reduce(self: Rc<Self>, action: EditAction) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

/// Wall-clock milliseconds (the animation frames' time base).
pub fn wall_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The running playground: the [`Runtime`] (simulation, log, dots) shared
/// with the animation loop, and a revision that changes whenever its state
/// changed, so components that read it render again.
#[derive(Clone)]
pub struct Stage {
    /// The runtime. Borrow it briefly; never across an `await` or a
    /// dispatch.
    pub runtime: Rc<RefCell<Runtime>>,
    /// Increases when the runtime's state changed.
    pub revision: u64,
    /// Asks for a new render (the revision increases).
    pub refresh: Callback<()>,
    /// The `<canvas>` the dots are drawn on.
    pub dots: NodeRef,
    /// The element showing the virtual time (updated every frame without
    /// a render).
    pub clock: NodeRef,
}

impl PartialEq for Stage {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision && Rc::ptr_eq(&self.runtime, &other.runtime)
    }
}

impl Stage {
    /// Runs an action on the simulation (publish now, kill, purge, ...),
    /// takes its events and renders again.
    pub fn act<T>(&self, f: impl FnOnce(&mut crate::simulation::Simulation) -> T) -> T {
        let out = self.runtime.borrow_mut().act(wall_now(), f);
        self.refresh.emit(());
        out
    }

    /// Plays or pauses the clock.
    pub fn set_playing(&self, playing: bool) {
        {
            let mut rt = self.runtime.borrow_mut();
            if playing {
                rt.sim.resume();
            }
            rt.playing = playing;
            rt.touch();
        }
        self.refresh.emit(());
    }

    /// Steps to the next event (pausing first).
    pub fn step(&self) {
        {
            let mut rt = self.runtime.borrow_mut();
            rt.playing = false;
            rt.step(wall_now());
        }
        self.refresh.emit(());
    }
}

/// The [`Stage`] as the canvas's components hold it: equal from one
/// refresh to the next (the same runtime), so holding it does not render a
/// component again. [`LiveScope`] provides it.
#[derive(Clone)]
struct QuietStage(Stage);

impl PartialEq for QuietStage {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0.runtime, &other.0.runtime)
    }
}

/// The stage's revision, provided apart from the stage by [`LiveScope`]:
/// only the components that show the engine's state follow it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Live(u64);

/// The properties of [`LiveScope`].
#[derive(Properties, PartialEq)]
pub struct LiveScopeProps {
    /// What is inside (rendered once; it reads the stage through
    /// [`use_quiet_stage`] and [`use_live_stage`]).
    pub children: Html,
}

/// Splits the stage in two for what is inside: the runtime, which stays
/// the same ([`use_quiet_stage`]), and its revision ([`use_live_stage`]).
/// Every refresh (ten a second while the clock runs) renders this and the
/// components that show live state, not everything that holds the stage:
/// the canvas itself, the dot layer and each node's frame stay as they are.
#[function_component(LiveScope)]
pub fn live_scope(props: &LiveScopeProps) -> Html {
    let stage = use_stage();
    let live = Live(stage.revision);
    html! {
        <ContextProvider<QuietStage> context={QuietStage(stage)}>
            <ContextProvider<Live> context={live}>
                { props.children.clone() }
            </ContextProvider<Live>>
        </ContextProvider<QuietStage>>
    }
}

/// The stage inside a [`LiveScope`], without following its refreshes: for
/// a component that acts on the runtime only in callbacks or draws outside
/// Yew.
#[hook]
pub fn use_quiet_stage() -> Stage {
    use_context::<QuietStage>().expect("inside a LiveScope").0
}

/// The stage inside a [`LiveScope`], rendering again at every refresh: for
/// a component that shows the engine's state (and passes what it shows to
/// a child that compares it, so that the DOM is touched only where it
/// changed).
#[hook]
pub fn use_live_stage() -> Stage {
    use_context::<Live>().expect("inside a LiveScope");
    use_quiet_stage()
}

/// What the canvas's nodes and edges draw from the editor: the scenario,
/// the selected edge, and the way to dispatch edits. The canvas provides
/// it; it compares equal as long as these are the same, so panning,
/// zooming and selecting a node (which change the editor, not these) do
/// not render every node and edge again: with 500 queues and 2,000
/// bindings that took most of each pan or zoom step.
#[derive(Clone)]
pub struct CanvasDoc {
    /// The scenario being edited (compared by pointer: the editor replaces
    /// it on every change).
    pub scenario: Rc<Scenario>,
    /// The selected edge.
    pub edge: Option<Edge>,
    /// Dispatches [`EditAction`]s to the editor.
    pub dispatch: UseReducerDispatcher<Editor>,
}

impl PartialEq for CanvasDoc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scenario, &other.scenario) && self.edge == other.edge && self.dispatch == other.dispatch
    }
}

impl CanvasDoc {
    /// The document of `editor`, or `drawn` (the document with what the
    /// programs add) when there is one.
    pub fn drawing(editor: &EditorHandle, drawn: Option<Rc<Scenario>>) -> Self {
        CanvasDoc {
            scenario: drawn.unwrap_or_else(|| editor.scenario.clone()),
            edge: editor.selection.edge.clone(),
            dispatch: editor.dispatcher(),
        }
    }
}

/// The canvas's document (nodes and edges are drawn inside the canvas).
#[hook]
pub fn use_canvas_doc() -> CanvasDoc {
    use_context::<CanvasDoc>().expect("nodes and edges are drawn inside the Canvas")
}

/// Opens the message inspector on a message.
#[derive(Clone, PartialEq)]
pub struct OpenMessage(pub Callback<Rc<Message>>);

/// The editor handle from context (the app always provides it).
#[hook]
pub fn use_editor() -> EditorHandle {
    use_context::<EditorHandle>().expect("the App provides the editor")
}

/// The stage from context (the app always provides it).
#[hook]
pub fn use_stage() -> Stage {
    use_context::<Stage>().expect("the App provides the stage")
}

/// The callback that opens the message inspector.
#[hook]
pub fn use_open_message() -> Callback<Rc<Message>> {
    use_context::<OpenMessage>().map(|o| o.0).unwrap_or_default()
}
