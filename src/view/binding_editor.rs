//! What the binding editor drawn on a new binding shows: where it sits
//! (the middle of the binding's curve), and whether it edits a binding key
//! (direct and topic exchanges, the default exchange) or `x-match` and the
//! header values (headers exchanges); fanout bindings have nothing to type.

use crate::editor::edits::Refusal;
use crate::editor::geometry::{in_port, out_port, Curve, Point};
use crate::editor::table_text::format_table;
use crate::i18n::Msg;
use crate::i18n::MsgId;
use crate::scenario::{ExchangeKind, Scenario, DEFAULT_EXCHANGE_ID};

/// The `x-match` modes a headers binding can have, in menu order.
pub const MATCH_MODES: [&str; 4] = ["all", "any", "all-with-x", "any-with-x"];

/// The refusal fields the inline editor shows (the others belong to the inspector).
const FIELDS: [&str; 3] = ["routing_key", "x_match", "headers"];

/// What the inline editor edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BindingInput {
    /// A binding key.
    Key {
        /// The message id of the field's label (topic exchanges explain
        /// `*` and `#`).
        label: MsgId,
        /// The binding's key.
        key: String,
    },
    /// A headers binding: `x-match` and the other arguments as `name=value, ...`.
    Headers {
        /// The `x-match` mode (`all` when unset).
        mode: String,
        /// The header values as text.
        headers: String,
    },
}

/// The inline editor of one binding.
#[derive(Clone, Debug, PartialEq)]
pub struct InlineForm {
    /// Where it is drawn (world px): the middle of the binding's curve.
    pub at: Point,
    /// What it edits.
    pub input: BindingInput,
}

impl InlineForm {
    /// The editor's `style` attribute.
    pub fn style(&self) -> String {
        format!("left: {:.1}px; top: {:.1}px", self.at.x, self.at.y)
    }
}

/// The inline editor for binding `id`, or `None` when there is nothing to
/// draw (no such binding, an end not on the canvas, a fanout exchange).
pub fn inline_form(s: &Scenario, id: &str) -> Option<InlineForm> {
    let b = s.binding(id)?;
    let kind = if b.from == DEFAULT_EXCHANGE_ID {
        ExchangeKind::Direct
    } else {
        s.exchange(&b.from).map(|x| x.kind).unwrap_or_default()
    };
    let input = match kind {
        ExchangeKind::Fanout => return None,
        ExchangeKind::Headers => BindingInput::Headers {
            mode: b.arguments.get("x-match").and_then(|v| v.as_str()).unwrap_or("all").to_string(),
            headers: format_table(&b.arguments, &["x-match"]),
        },
        ExchangeKind::Topic => BindingInput::Key { label: id!("editor-binding-key-topic"), key: b.routing_key.clone() },
        ExchangeKind::Direct => BindingInput::Key { label: id!("editor-binding-key"), key: b.routing_key.clone() },
    };
    let (fk, tk) = (s.kind_of(&b.from)?, s.kind_of(&b.to)?);
    let (fp, tp) = (s.position(&b.from)?, s.position(&b.to)?);
    let at = Curve::between(out_port(fk, fp), in_port(tk, tp)).at(0.5);
    Some(InlineForm { at, input })
}

/// The refusal to show under the inline editor of binding `id`, if the
/// last refused edit was to its key or headers.
pub fn inline_error(refusal: Option<&Refusal>, id: &str) -> Option<Msg> {
    refusal.filter(|r| r.target == id && FIELDS.contains(&r.field)).map(|r| r.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(kind: &str) -> Scenario {
        let text = format!(
            r#"{{"warren": 1,
                "exchanges": [{{"id": "x", "name": "x", "type": "{kind}", "x": 100, "y": 100}}],
                "queues": [{{"id": "q", "name": "q", "x": 400, "y": 100}}],
                "bindings": [{{"id": "b1", "from": "x", "to": "q", "routing_key": "a.*",
                               "arguments": {{"x-match": "any", "format": "pdf"}}}}]}}"#
        );
        crate::scenario::parse(&text).unwrap()
    }

    #[test]
    fn direct_and_topic_bindings_edit_their_key() {
        let form = inline_form(&scenario("direct"), "b1").unwrap();
        assert_eq!(form.input, BindingInput::Key { label: id!("editor-binding-key"), key: "a.*".into() });
        assert_eq!(crate::t!(crate::i18n::Lang::En, "editor-binding-key"), "binding key");
        let form = inline_form(&scenario("topic"), "b1").unwrap();
        assert_eq!(form.input, BindingInput::Key { label: id!("editor-binding-key-topic"), key: "a.*".into() });
        assert_eq!(crate::t!(crate::i18n::Lang::En, "editor-binding-key-topic"), "binding key (* one word, # any)");
    }

    #[test]
    fn headers_bindings_edit_x_match_and_the_other_arguments() {
        let form = inline_form(&scenario("headers"), "b1").unwrap();
        assert_eq!(form.input, BindingInput::Headers { mode: "any".into(), headers: "format=pdf".into() });
        let mut s = scenario("headers");
        s.bindings[0].arguments.remove("x-match");
        let Some(InlineForm { input: BindingInput::Headers { mode, .. }, .. }) = inline_form(&s, "b1") else {
            panic!("a headers form")
        };
        assert_eq!(mode, "all");
    }

    #[test]
    fn fanout_and_unknown_bindings_have_no_editor() {
        assert_eq!(inline_form(&scenario("fanout"), "b1"), None);
        assert_eq!(inline_form(&scenario("direct"), "b9"), None);
    }

    #[test]
    fn the_editor_sits_mid_curve() {
        let s = scenario("direct");
        let form = inline_form(&s, "b1").unwrap();
        let (x, q) = (s.position("x").unwrap(), s.position("q").unwrap());
        let curve = Curve::between(out_port(s.kind_of("x").unwrap(), x), in_port(s.kind_of("q").unwrap(), q));
        assert_eq!(form.at, curve.at(0.5));
        assert_eq!(form.style(), format!("left: {:.1}px; top: {:.1}px", form.at.x, form.at.y));
        assert!(form.at.x > 100.0 && form.at.x < 400.0 + 200.0);
    }

    #[test]
    fn only_key_and_header_refusals_of_this_binding_show() {
        let bad = || crate::i18n::Msg::verbatim("bad");
        let refusal = |target: &str, field| Refusal { target: target.into(), field, text: bad() };
        assert_eq!(inline_error(Some(&refusal("b1", "routing_key")), "b1"), Some(bad()));
        assert_eq!(inline_error(Some(&refusal("b1", "headers")), "b1"), Some(bad()));
        assert_eq!(inline_error(Some(&refusal("b1", "x_match")), "b1"), Some(bad()));
        assert_eq!(inline_error(Some(&refusal("b2", "routing_key")), "b1"), None);
        assert_eq!(inline_error(Some(&refusal("b1", "to")), "b1"), None);
        assert_eq!(inline_error(None, "b1"), None);
    }
}
