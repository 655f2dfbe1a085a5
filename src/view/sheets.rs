//! The phone layout's sheets. Below [`PHONE_MAX_WIDTH`](super::zoom::PHONE_MAX_WIDTH)
//! the canvas fills the screen and the narration, the palette, the
//! Programs panel and the event log open over it as sheets, one at a time, from a tab bar at the
//! bottom (the inspector opens as a sheet when something is selected).

use crate::i18n::MsgId;

/// A panel that opens as a sheet on a phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    /// The lesson's narration.
    Narration,
    /// The palette (add nodes).
    Palette,
    /// The event log.
    Log,
    /// The Programs panel (files, terminal, processes).
    Programs,
}

impl Sheet {
    /// Every sheet, in the tab bar's order.
    pub const ALL: [Sheet; 4] = [Sheet::Narration, Sheet::Palette, Sheet::Programs, Sheet::Log];

    /// Its name in `data-sheet` and the app's class (`sheet-log`).
    pub fn as_str(self) -> &'static str {
        match self {
            Sheet::Narration => "narration",
            Sheet::Palette => "palette",
            Sheet::Log => "log",
            Sheet::Programs => "programs",
        }
    }

    /// The catalogue id of its tab's label.
    pub fn label(self) -> MsgId {
        match self {
            Sheet::Narration => id!("view-sheet-lesson"),
            Sheet::Palette => id!("view-sheet-add"),
            Sheet::Log => id!("view-sheet-log"),
            Sheet::Programs => id!("view-sheet-programs"),
        }
    }
}

/// The sheet open after tapping `tapped`'s tab: it opens (closing any
/// other), or closes if it was the one open.
pub fn toggled(open: Option<Sheet>, tapped: Sheet) -> Option<Sheet> {
    (open != Some(tapped)).then_some(tapped)
}

/// The tabs shown: the narration's only when the scenario has narration.
pub fn tabs(has_narration: bool) -> Vec<Sheet> {
    Sheet::ALL.into_iter().filter(|s| has_narration || *s != Sheet::Narration).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sheet_at_a_time_and_a_second_tap_closes_it() {
        assert_eq!(toggled(None, Sheet::Log), Some(Sheet::Log));
        assert_eq!(toggled(Some(Sheet::Log), Sheet::Palette), Some(Sheet::Palette));
        assert_eq!(toggled(Some(Sheet::Palette), Sheet::Palette), None);
    }

    #[test]
    fn the_lesson_tab_is_there_only_with_narration() {
        assert_eq!(tabs(true), Sheet::ALL);
        assert_eq!(tabs(false), [Sheet::Palette, Sheet::Programs, Sheet::Log]);
        assert_eq!(Sheet::ALL.map(Sheet::as_str), ["narration", "palette", "programs", "log"]);
    }
}
