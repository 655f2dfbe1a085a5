//! The page's keyboard shortcuts as a decision: which [`Shortcut`] a key
//! press means, given where it happened ([`KeyTarget`]). The component
//! (`components::shortcuts`) reads the event and the focused element, and
//! carries the shortcut out.

/// How far (world px) an arrow key moves the selected nodes.
pub const NUDGE: f64 = 10.0;
/// How far (world px) Shift and an arrow key move them.
pub const NUDGE_FAR: f64 = 50.0;
/// The zoom factor of one `+` (and, inverted, of one `-`).
pub const ZOOM_STEP: f64 = 1.2;

/// A key press: the key's value (`KeyboardEvent.key`) and its modifiers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// The key, as `KeyboardEvent.key` names it (`"z"`, `"ArrowLeft"`, `" "`).
    pub key: &'a str,
    /// Ctrl or ⌘ (meta) held.
    pub ctrl: bool,
    /// Shift held.
    pub shift: bool,
    /// Alt held.
    pub alt: bool,
}

/// Where the key press happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyTarget {
    /// The message dialog is open.
    pub message_open: bool,
    /// Typing in a text field (which has its own undo, selection and arrows).
    pub typing: bool,
    /// On a form control that uses keys itself (a select, a check box, a slider).
    pub on_control: bool,
    /// On the page itself or on the canvas (not in the log, the inspector or
    /// a dialog, where arrows scroll).
    pub on_canvas: bool,
    /// On a button, a summary or a link (where Space presses it).
    pub on_button: bool,
}

/// What a key press does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shortcut {
    /// Escape with the message dialog open: close it.
    CloseMessage,
    /// Escape: leave the focused field (committing it), close the message,
    /// dismiss the notice and clear the selection.
    LeaveField,
    /// Ctrl+Z.
    Undo,
    /// Ctrl+Shift+Z or Ctrl+Y.
    Redo,
    /// Ctrl+A: select every node.
    SelectAll,
    /// Delete or Backspace: delete the selection.
    DeleteSelected,
    /// An arrow: move the selected nodes by this much (world px).
    Nudge {
        /// Horizontal move.
        dx: f64,
        /// Vertical move.
        dy: f64,
    },
    /// `+` (or `=`): zoom in around the canvas's middle by this factor.
    Zoom(f64),
    /// `0`: back to 100% and no pan.
    ResetView,
    /// Space: play or pause the clock.
    PlayPause,
    /// `.`: pause and step to the next event.
    Step,
}

impl Shortcut {
    /// True when the browser's own handling of the key is cancelled (arrows
    /// would scroll, Space would scroll or press, Ctrl+A would select text).
    pub fn prevents_default(self) -> bool {
        !matches!(self, Shortcut::CloseMessage | Shortcut::LeaveField | Shortcut::Step)
    }
}

/// The shortcut a key press means, if any.
pub fn shortcut(press: KeyPress, target: KeyTarget) -> Option<Shortcut> {
    if press.key == "Escape" {
        return Some(if target.message_open { Shortcut::CloseMessage } else { Shortcut::LeaveField });
    }
    if target.typing || press.alt {
        return None;
    }
    // Selects and check boxes keep their keys, except undo and redo.
    let undo_redo = press.ctrl && matches!(press.key, "z" | "Z" | "y" | "Y");
    if target.on_control && !undo_redo {
        return None;
    }
    // Arrows scroll lists and move focus elsewhere; on the canvas they move nodes.
    if press.key.starts_with("Arrow") && !target.on_canvas {
        return None;
    }
    edit_shortcut(press).or_else(|| clock_shortcut(press, target))
}

/// The shortcuts that edit the canvas (undo, select, delete, move, zoom).
fn edit_shortcut(press: KeyPress) -> Option<Shortcut> {
    let step = if press.shift { NUDGE_FAR } else { NUDGE };
    let nudge = |dx: f64, dy: f64| Some(Shortcut::Nudge { dx: dx * step, dy: dy * step });
    match (press.key, press.ctrl, press.shift) {
        ("z" | "Z", true, false) => Some(Shortcut::Undo),
        ("z" | "Z", true, true) | ("y" | "Y", true, _) => Some(Shortcut::Redo),
        ("a" | "A", true, _) => Some(Shortcut::SelectAll),
        ("Delete" | "Backspace", false, _) => Some(Shortcut::DeleteSelected),
        ("ArrowLeft", false, _) => nudge(-1.0, 0.0),
        ("ArrowRight", false, _) => nudge(1.0, 0.0),
        ("ArrowUp", false, _) => nudge(0.0, -1.0),
        ("ArrowDown", false, _) => nudge(0.0, 1.0),
        ("+" | "=", false, _) => Some(Shortcut::Zoom(ZOOM_STEP)),
        ("-" | "_", false, _) => Some(Shortcut::Zoom(1.0 / ZOOM_STEP)),
        ("0", false, _) => Some(Shortcut::ResetView),
        _ => None,
    }
}

/// The shortcuts that drive the clock (Space, `.`).
fn clock_shortcut(press: KeyPress, target: KeyTarget) -> Option<Shortcut> {
    match press.key {
        " " if !press.ctrl && !target.on_button => Some(Shortcut::PlayPause),
        "." if !press.ctrl => Some(Shortcut::Step),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> KeyPress<'_> {
        KeyPress { key, ..KeyPress::default() }
    }

    fn ctrl(key: &str) -> KeyPress<'_> {
        KeyPress { key, ctrl: true, ..KeyPress::default() }
    }

    fn canvas() -> KeyTarget {
        KeyTarget { on_canvas: true, ..KeyTarget::default() }
    }

    #[test]
    fn escape_closes_the_message_first_then_leaves_the_field() {
        let open = KeyTarget { message_open: true, typing: true, ..KeyTarget::default() };
        assert_eq!(shortcut(key("Escape"), open), Some(Shortcut::CloseMessage));
        let typing = KeyTarget { typing: true, ..KeyTarget::default() };
        assert_eq!(shortcut(key("Escape"), typing), Some(Shortcut::LeaveField));
        assert!(!Shortcut::CloseMessage.prevents_default());
        assert!(!Shortcut::LeaveField.prevents_default());
    }

    #[test]
    fn typing_and_alt_keep_every_other_key() {
        let typing = KeyTarget { typing: true, on_canvas: true, ..KeyTarget::default() };
        for k in ["z", "Delete", "ArrowLeft", " ", ".", "+"] {
            assert_eq!(shortcut(key(k), typing), None, "{k}");
        }
        assert_eq!(shortcut(ctrl("z"), typing), None);
        let alt = KeyPress { key: "Delete", alt: true, ..KeyPress::default() };
        assert_eq!(shortcut(alt, canvas()), None);
    }

    #[test]
    fn undo_and_redo_with_ctrl_or_meta() {
        assert_eq!(shortcut(ctrl("z"), canvas()), Some(Shortcut::Undo));
        assert_eq!(shortcut(ctrl("Z"), canvas()), Some(Shortcut::Undo));
        let shift_z = KeyPress { key: "Z", ctrl: true, shift: true, alt: false };
        assert_eq!(shortcut(shift_z, canvas()), Some(Shortcut::Redo));
        assert_eq!(shortcut(ctrl("y"), canvas()), Some(Shortcut::Redo));
        assert_eq!(shortcut(key("z"), canvas()), None);
        assert_eq!(shortcut(ctrl("a"), canvas()), Some(Shortcut::SelectAll));
    }

    #[test]
    fn controls_keep_their_keys_except_undo_and_redo() {
        let control = KeyTarget { on_control: true, on_canvas: true, ..KeyTarget::default() };
        assert_eq!(shortcut(key("ArrowUp"), control), None);
        assert_eq!(shortcut(key(" "), control), None);
        assert_eq!(shortcut(ctrl("a"), control), None);
        assert_eq!(shortcut(ctrl("z"), control), Some(Shortcut::Undo));
        assert_eq!(shortcut(ctrl("y"), control), Some(Shortcut::Redo));
    }

    #[test]
    fn arrows_nudge_only_on_the_canvas_shift_moves_further() {
        assert_eq!(shortcut(key("ArrowLeft"), canvas()), Some(Shortcut::Nudge { dx: -10.0, dy: 0.0 }));
        assert_eq!(shortcut(key("ArrowDown"), canvas()), Some(Shortcut::Nudge { dx: 0.0, dy: 10.0 }));
        let far = KeyPress { key: "ArrowRight", shift: true, ..KeyPress::default() };
        assert_eq!(shortcut(far, canvas()), Some(Shortcut::Nudge { dx: 50.0, dy: 0.0 }));
        let far_up = KeyPress { key: "ArrowUp", shift: true, ..KeyPress::default() };
        assert_eq!(shortcut(far_up, canvas()), Some(Shortcut::Nudge { dx: 0.0, dy: -50.0 }));
        assert_eq!(shortcut(key("ArrowLeft"), KeyTarget::default()), None);
        assert_eq!(shortcut(ctrl("ArrowLeft"), canvas()), None);
        assert!(Shortcut::Nudge { dx: 1.0, dy: 0.0 }.prevents_default());
    }

    #[test]
    fn delete_zoom_and_reset_anywhere_but_in_fields() {
        let log = KeyTarget::default();
        assert_eq!(shortcut(key("Delete"), log), Some(Shortcut::DeleteSelected));
        assert_eq!(shortcut(key("Backspace"), log), Some(Shortcut::DeleteSelected));
        assert_eq!(shortcut(ctrl("Delete"), log), None);
        assert_eq!(shortcut(key("+"), log), Some(Shortcut::Zoom(1.2)));
        assert_eq!(shortcut(key("="), log), Some(Shortcut::Zoom(1.2)));
        assert_eq!(shortcut(key("-"), log), Some(Shortcut::Zoom(1.0 / 1.2)));
        assert_eq!(shortcut(key("_"), log), Some(Shortcut::Zoom(1.0 / 1.2)));
        assert_eq!(shortcut(key("0"), log), Some(Shortcut::ResetView));
    }

    #[test]
    fn space_plays_except_on_buttons_and_dot_steps() {
        assert_eq!(shortcut(key(" "), canvas()), Some(Shortcut::PlayPause));
        assert!(Shortcut::PlayPause.prevents_default());
        let button = KeyTarget { on_button: true, ..KeyTarget::default() };
        assert_eq!(shortcut(key(" "), button), None);
        assert_eq!(shortcut(ctrl(" "), canvas()), None);
        assert_eq!(shortcut(key("."), button), Some(Shortcut::Step));
        assert!(!Shortcut::Step.prevents_default());
        assert_eq!(shortcut(ctrl("."), canvas()), None);
        assert_eq!(shortcut(key("q"), canvas()), None);
    }
}
