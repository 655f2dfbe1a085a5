//! Committing an edit: the edit is tried on the scenario as this render
//! saw it, with the same checks as an imported document (names, limits,
//! references), so a field can show why a value is refused at once; a
//! valid edit is then applied by the reducer to the scenario it holds at
//! that moment (one undo step), so quick successive edits never undo each
//! other.

use crate::editor::{EditAction, ScenarioEdit};
use crate::scenario::Scenario;

use super::context::EditorHandle;

/// Checks `f` on a copy of the scenario and, when it passes, applies it;
/// otherwise returns why (nothing changes).
pub fn apply(editor: &EditorHandle, f: impl Fn(&mut Scenario) -> Result<(), String> + 'static) -> Result<(), String> {
    // Boxed first: the rest is compiled once, not once per edit closure.
    apply_edit(editor, ScenarioEdit::new(f))
}

fn apply_edit(editor: &EditorHandle, edit: ScenarioEdit) -> Result<(), String> {
    edit.applied_to(&editor.scenario)?;
    editor.dispatch(EditAction::Apply(edit));
    Ok(())
}

/// Edits the scenario with `f` (which cannot refuse by itself) and commits
/// it as [`apply`] does.
pub fn edit(editor: &EditorHandle, f: impl Fn(&mut Scenario) + 'static) -> Result<(), String> {
    apply(editor, move |s| {
        f(s);
        Ok(())
    })
}
