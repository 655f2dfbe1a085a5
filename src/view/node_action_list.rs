//! The buttons over a selected node: which actions a node has for its
//! kind and its state, and each one's label, class and tooltip.

use crate::i18n::MsgId;
use crate::scenario::{NodeKind, DEFAULT_EXCHANGE_ID};
use crate::simulation::Down;

/// One action button of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeAction {
    /// A producer: publish its message once, now.
    PublishNow,
    /// A queue: queue.purge.
    Purge,
    /// A killed or crashed consumer: start it again.
    Revive,
    /// A running consumer: kill it.
    Kill,
    /// A node the broker refused to redeclare (406 inequivalent): delete it
    /// in the broker and declare it with the canvas's settings.
    DeclareAnew,
    /// Delete the node and its edges from the canvas.
    Delete,
}

impl NodeAction {
    /// The catalogue id of the button's text.
    pub fn label(self) -> MsgId {
        match self {
            NodeAction::PublishNow => id!("view-action-publish"),
            NodeAction::Purge => id!("view-action-purge"),
            NodeAction::Revive => id!("view-action-revive"),
            NodeAction::Kill => id!("view-action-kill"),
            NodeAction::DeclareAnew => id!("view-action-declare-anew"),
            NodeAction::Delete => id!("view-action-delete"),
        }
    }

    /// The button's class (next to `node-action`).
    pub fn class(self) -> &'static str {
        match self {
            NodeAction::PublishNow => "publish",
            NodeAction::Purge => "purge",
            NodeAction::Revive => "revive",
            NodeAction::Kill => "kill",
            NodeAction::DeclareAnew => "recreate",
            NodeAction::Delete => "delete",
        }
    }

    /// The catalogue id of the button's tooltip.
    pub fn title(self) -> MsgId {
        match self {
            NodeAction::PublishNow => id!("view-action-publish.title"),
            NodeAction::Purge => id!("view-action-purge.title"),
            NodeAction::Revive => id!("view-action-revive.title"),
            NodeAction::Kill => id!("view-action-kill.title"),
            NodeAction::DeclareAnew => id!("view-action-declare-anew.title"),
            NodeAction::Delete => id!("view-action-delete.title"),
        }
    }
}

/// What the simulation says about a node, for its actions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeFacts<'a> {
    /// A consumer's reason for being down, if it is.
    pub down: Option<&'a Down>,
    /// The broker refused to redeclare it with the canvas's settings.
    pub refused_redeclare: bool,
}

/// The actions of node `id` of kind `kind`, in the order they are drawn.
pub fn node_actions(id: &str, kind: NodeKind, facts: NodeFacts) -> Vec<NodeAction> {
    let mut actions = Vec::new();
    match kind {
        NodeKind::Producer => actions.push(NodeAction::PublishNow),
        NodeKind::Queue => actions.push(NodeAction::Purge),
        NodeKind::Consumer if matches!(facts.down, Some(Down::Killed) | Some(Down::Crashed)) => {
            actions.push(NodeAction::Revive)
        }
        NodeKind::Consumer => actions.push(NodeAction::Kill),
        NodeKind::Exchange => {}
    }
    // The way out of a refused redeclare, next to the node as well as in its callout.
    if facts.refused_redeclare {
        actions.push(NodeAction::DeclareAnew);
    }
    if id != DEFAULT_EXCHANGE_ID {
        actions.push(NodeAction::Delete);
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::NodeAction::*;
    use super::*;

    fn plain(id: &str, kind: NodeKind) -> Vec<NodeAction> {
        node_actions(id, kind, NodeFacts::default())
    }

    #[test]
    fn each_kind_has_its_action_then_delete() {
        assert_eq!(plain("p1", NodeKind::Producer), [PublishNow, Delete]);
        assert_eq!(plain("q1", NodeKind::Queue), [Purge, Delete]);
        assert_eq!(plain("c1", NodeKind::Consumer), [Kill, Delete]);
        assert_eq!(plain("x1", NodeKind::Exchange), [Delete]);
    }

    #[test]
    fn the_default_exchange_cannot_be_deleted() {
        assert!(plain(DEFAULT_EXCHANGE_ID, NodeKind::Exchange).is_empty());
    }

    #[test]
    fn a_killed_or_crashed_consumer_is_revived_others_are_killed() {
        for down in [Down::Killed, Down::Crashed] {
            let facts = NodeFacts { down: Some(&down), ..NodeFacts::default() };
            assert_eq!(node_actions("c1", NodeKind::Consumer, facts), [Revive, Delete]);
        }
        for down in [Down::NoQueue, Down::Unconnected] {
            let facts = NodeFacts { down: Some(&down), ..NodeFacts::default() };
            assert_eq!(node_actions("c1", NodeKind::Consumer, facts), [Kill, Delete]);
        }
    }

    #[test]
    fn a_refused_redeclare_offers_to_declare_anew() {
        let facts = NodeFacts { refused_redeclare: true, ..NodeFacts::default() };
        assert_eq!(node_actions("q1", NodeKind::Queue, facts), [Purge, DeclareAnew, Delete]);
        assert_eq!(node_actions("x1", NodeKind::Exchange, facts), [DeclareAnew, Delete]);
    }

    #[test]
    fn labels_classes_and_titles() {
        let en = |id: crate::i18n::MsgId| crate::i18n::t(crate::i18n::Lang::En, id);
        assert_eq!((en(DeclareAnew.label()).as_str(), DeclareAnew.class()), ("Declare anew", "recreate"));
        assert_eq!((en(PublishNow.label()).as_str(), PublishNow.class()), ("Publish now", "publish"));
        assert!(en(Kill.title()).contains("marked redelivered"));
        assert!(en(Delete.title()).ends_with("(Delete key)"));
        let zh = crate::i18n::t(crate::i18n::Lang::Zh, Purge.title());
        assert!(zh.starts_with("queue.purge："), "{zh}");
    }
}
