//! What a save's outcome does to the state, and quitting with marks the
//! review file does not have: a failed save leaves them visibly unsaved,
//! the runtime retries on every key, and quitting asks first.

use super::super::state::{State, Unsaved};
use super::Effect;

/// A save finished: `None` when it succeeded, else why not.
pub(super) fn saved(state: &mut State, error: Option<String>) -> Option<Effect> {
    let Some(error) = error.map(|e| crate::text::clean_inline(&e).into_owned()) else {
        state.saved = state.review.as_ref().map(|r| r.file.clone());
        state.unsaved = None;
        // Quitting waited for this save.
        return state.confirm_quit.then_some(Effect::Quit);
    };
    let items = state
        .review
        .as_ref()
        .map(|r| r.changed_since(state.saved.as_ref()))
        .unwrap_or_default();
    let n = items.len();
    // Said once: a retry that fails again leaves the status line to the
    // `[N unsaved]` badge and the hints.
    if state.unsaved.is_some() {
        state.unsaved = Some(Unsaved { items, error });
        return None;
    }
    // The count first: the error (with its path) may be cut off.
    state.message = Some(if n == 0 {
        format!("not saved: {error}")
    } else {
        format!(
            "{n} mark{} or note{} not saved, tried again on the next key: {error}",
            plural(n),
            plural(n)
        )
    });
    state.unsaved = Some(Unsaved { items, error });
    None
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The review file had changed on disk; the merge of both was written.
pub(super) fn merged(state: &mut State, file: crate::review::ReviewFile, taken: usize) {
    state.saved = Some(file.clone());
    if let Some(review) = state.review.as_mut() {
        review.absorb(file);
    }
    state.message = Some(format!(
        "the review file had changed on disk: merged, {taken} item{} taken from it",
        plural(taken)
    ));
}

/// Whether quitting now would lose marks or notes.
pub fn has_unsaved_marks(state: &State) -> bool {
    state.unsaved.as_ref().is_some_and(|u| !u.items.is_empty())
}

/// Quit: at once when everything is saved; with unsaved marks, the first
/// time try saving again (a success quits) and ask, the second time quit
/// without them.
pub(super) fn quit(state: &mut State) -> Option<Effect> {
    if !has_unsaved_marks(state) || state.confirm_quit {
        return Some(Effect::Quit);
    }
    state.confirm_quit = true;
    Some(Effect::SaveReview)
}
