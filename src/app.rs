//! The root of the Yew app: its state, the actions that change it, and the
//! [`App`] component that lays out the header, the palette and the canvas.
//!
//! State lives in one [`AppState`] changed only through [`AppAction`]s
//! (Yew's `use_reducer`), so every change is a value that tests can replay.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{Canvas, Header, Palette};

/// A kind of node that can be placed on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// Publishes messages to an exchange.
    Producer,
    /// Routes messages to queues (or other exchanges) through bindings.
    Exchange,
    /// Holds messages until a consumer takes them.
    Queue,
    /// Receives messages from a queue and acks, nacks or rejects them.
    Consumer,
}

impl NodeKind {
    /// Every node kind, in the order the palette shows them.
    pub const ALL: [NodeKind; 4] = [
        NodeKind::Producer,
        NodeKind::Exchange,
        NodeKind::Queue,
        NodeKind::Consumer,
    ];

    /// The lowercase name shown in the palette and used in CSS classes and
    /// test selectors (`producer`, `exchange`, `queue`, `consumer`).
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Producer => "producer",
            NodeKind::Exchange => "exchange",
            NodeKind::Queue => "queue",
            NodeKind::Consumer => "consumer",
        }
    }

    /// One line saying what this kind of node does.
    pub fn description(self) -> &'static str {
        match self {
            NodeKind::Producer => "Publishes messages to an exchange",
            NodeKind::Exchange => "Routes messages: direct, fanout, topic, headers",
            NodeKind::Queue => "Holds messages until they are consumed",
            NodeKind::Consumer => "Takes messages from a queue and acks them",
        }
    }
}

/// Everything the app shows that is not the broker's own state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppState {
    /// The palette entry the user picked, if any.
    pub selected: Option<NodeKind>,
}

/// A change to [`AppState`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppAction {
    /// Pick a palette entry; picking the one already picked clears it.
    Select(NodeKind),
    /// Clear the palette selection.
    ClearSelection,
}

impl AppState {
    /// The state after `action`; the reducer's logic, kept free of Yew so it
    /// can be tested directly.
    pub fn apply(&self, action: AppAction) -> AppState {
        match action {
            AppAction::Select(kind) if self.selected == Some(kind) => AppState { selected: None },
            AppAction::Select(kind) => AppState {
                selected: Some(kind),
            },
            AppAction::ClearSelection => AppState { selected: None },
        }
    }
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The whole page: header on top, palette on the left, canvas filling the rest.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);

    let on_select = {
        let state = state.dispatcher();
        Callback::from(move |kind: NodeKind| state.dispatch(AppAction::Select(kind)))
    };
    let on_clear = {
        let state = state.dispatcher();
        Callback::from(move |_| state.dispatch(AppAction::ClearSelection))
    };

    html! {
        <div class="app">
            <Header />
            <main class="workspace">
                <Palette selected={state.selected} {on_select} />
                <Canvas selected={state.selected} {on_clear} />
            </main>
        </div>
    }
}
