//! Keyboard navigation in a drop-down menu: what a key does given whether
//! the menu is open ([`menu_key`]), and which item gets the focus
//! ([`target_item`]), wrapping at both ends.

/// What a key press does to a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuKey {
    /// Escape in an open menu: close it and focus its button.
    Close,
    /// Focus an item of the open menu.
    Focus(Step),
    /// ArrowDown on a closed menu: open it.
    Open,
}

/// Which item to focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The first item (when the menu opens).
    First,
    /// The item after the focused one (the first when none is focused).
    Next,
    /// The item before the focused one (the last when none is focused).
    Previous,
}

/// What `key` (`KeyboardEvent.key`) does to a menu that is `open` or not.
pub fn menu_key(key: &str, open: bool) -> Option<MenuKey> {
    match key {
        "Escape" if open => Some(MenuKey::Close),
        "ArrowDown" if open => Some(MenuKey::Focus(Step::Next)),
        "ArrowUp" if open => Some(MenuKey::Focus(Step::Previous)),
        "ArrowDown" => Some(MenuKey::Open),
        _ => None,
    }
}

/// The index of the item to focus among `len` items, `current` being the
/// focused one (if an item has the focus); `None` when there are no items.
pub fn target_item(len: usize, current: Option<usize>, step: Step) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let next = match step {
        Step::First => 0,
        Step::Next => current.map_or(0, |c| c + 1),
        Step::Previous => current.map_or(len - 1, |c| c + len - 1),
    };
    Some(next % len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_an_open_and_a_closed_menu() {
        assert_eq!(menu_key("Escape", true), Some(MenuKey::Close));
        assert_eq!(menu_key("Escape", false), None);
        assert_eq!(menu_key("ArrowDown", true), Some(MenuKey::Focus(Step::Next)));
        assert_eq!(menu_key("ArrowUp", true), Some(MenuKey::Focus(Step::Previous)));
        assert_eq!(menu_key("ArrowDown", false), Some(MenuKey::Open));
        assert_eq!(menu_key("ArrowUp", false), None);
        assert_eq!(menu_key("Enter", true), None);
    }

    #[test]
    fn focus_moves_and_wraps() {
        assert_eq!(target_item(3, Some(2), Step::First), Some(0));
        assert_eq!(target_item(3, None, Step::Next), Some(0));
        assert_eq!(target_item(3, Some(0), Step::Next), Some(1));
        assert_eq!(target_item(3, Some(2), Step::Next), Some(0));
        assert_eq!(target_item(3, None, Step::Previous), Some(2));
        assert_eq!(target_item(3, Some(1), Step::Previous), Some(0));
        assert_eq!(target_item(3, Some(0), Step::Previous), Some(2));
        assert_eq!(target_item(1, Some(0), Step::Previous), Some(0));
        assert_eq!(target_item(0, None, Step::Next), None);
    }
}
