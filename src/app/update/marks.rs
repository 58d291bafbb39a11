//! Marks, notes and undo, in the browser and the review session alike.
//! Every mark and saved note asks the runtime to write the review file
//! before the next key is handled.

use super::super::browser::Pane;
use super::super::state::{MainOverlay, NoteEditor, Screen, State};
use super::{Effect, browse};
use crate::command::Command;
use crate::model::ItemRef;
use crate::review::Mark;

/// Why marking is not possible now, if it is not.
pub(super) fn blocked(state: &State) -> Option<String> {
    match (&state.review, &state.review_blocked) {
        (None, Some(why)) => Some(format!("review unavailable: {why}")),
        (None, None) => Some("review unavailable".into()),
        (Some(_), Some(why)) => Some(format!("read-only: {why}")),
        (Some(_), None) => None,
    }
}

/// Says why marking is refused, when it is; true when refused.
pub(super) fn refuse(state: &mut State) -> bool {
    match blocked(state) {
        Some(why) => {
            state.message = Some(why);
            true
        }
        None => false,
    }
}

pub(super) fn mark_of(c: Command) -> Option<Mark> {
    match c {
        Command::MarkVerified => Some(Mark::Verified),
        Command::MarkDisputed => Some(Mark::Disputed),
        Command::MarkFlagged => Some(Mark::Flagged),
        Command::MarkSkipped => Some(Mark::Skipped),
        _ => None,
    }
}

pub(super) fn mark(state: &mut State, item: ItemRef, m: Mark) -> Option<Effect> {
    if refuse(state) {
        return None;
    }
    let now = (state.now)();
    let review = state.review.as_mut()?;
    review.mark(&state.data, item, m, &now);
    Some(Effect::SaveReview)
}

/// Takes back the last mark or note, says what was undone, and returns
/// the item it was on, for the caller to show.
pub(super) fn undo(state: &mut State) -> (Option<Effect>, Option<ItemRef>) {
    if refuse(state) {
        return (None, None);
    }
    let Some(review) = state.review.as_mut() else {
        return (None, None);
    };
    match review.undo() {
        Some(undone) => {
            state.message = Some(format!(
                "undid {} on {} {}",
                undone.what,
                undone.kind.as_str(),
                crate::text::clean_inline(&undone.id)
            ));
            let item = state.data.find_reviewed(undone.kind, &undone.id);
            (Some(Effect::SaveReview), item)
        }
        None => {
            state.message = Some("nothing to undo".into());
            (None, None)
        }
    }
}

fn editor_for(state: &State, item: ItemRef) -> NoteEditor {
    let text = state
        .review
        .as_ref()
        .and_then(|r| r.note(&state.data, item))
        .unwrap_or("");
    let mut area = ratatui_textarea::TextArea::new(text.lines().map(str::to_string).collect());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    NoteEditor {
        item,
        text: Box::new(area),
    }
}

/// Opens the inline note editor on `item`, over the current screen.
pub(super) fn open_note(state: &mut State, item: ItemRef) {
    if refuse(state) {
        return;
    }
    let editor = editor_for(state, item);
    match &mut state.screen {
        Screen::Main(overlay) => *overlay = Some(MainOverlay::Note(editor)),
        Screen::Review(_, note) => *note = Some(editor),
        Screen::Source(..)
        | Screen::Matrix(_)
        | Screen::Timeline(_)
        | Screen::Facets(_)
        | Screen::Views(..) => {}
        Screen::Problems(_) | Screen::Loading(_) => {}
    }
}

pub(super) fn external(state: &mut State, item: ItemRef) -> Option<Effect> {
    if refuse(state) {
        return None;
    }
    let text = match state.take_note_editor() {
        Some(editor) => editor.text.lines().join("\n"),
        None => state
            .review
            .as_ref()
            .and_then(|r| r.note(&state.data, item))
            .unwrap_or("")
            .to_string(),
    };
    Some(Effect::EditNote { item, text })
}

/// The item of the focused browser pane (none for "All parties").
pub(super) fn focused(state: &State) -> Option<ItemRef> {
    state.main.selected(state.main.focus)
}

/// The item of the focused browser pane that marks apply to.
fn focused_item(state: &State) -> Option<ItemRef> {
    match state.main.focus {
        Pane::Parties => None,
        pane => state.main.selected(pane),
    }
}

/// Marks and notes in the browser, on the focused item.
pub(super) fn browser_command(state: &mut State, c: Command) -> Option<Effect> {
    if c == Command::Undo {
        let (effect, item) = undo(state);
        if let Some(item) = item {
            browse::reveal(state, item);
        }
        return effect;
    }
    let Some(item) = focused_item(state) else {
        state.message = Some("select an issue, position or quote to mark it".into());
        return None;
    };
    match c {
        Command::Note => {
            open_note(state, item);
            None
        }
        Command::EditNote => external(state, item),
        _ => mark_of(c).and_then(|m| mark(state, item, m)),
    }
}

pub(super) fn note_command(state: &mut State, c: Command) -> Option<Effect> {
    let item = state.note_editor()?.item;
    match c {
        // Esc saves: a note is never thrown away by a stray key.
        Command::Accept => commit_open_note(state),
        Command::EditNote => external(state, item),
        _ => None,
    }
}

/// Saves the note being edited, if any, and closes the editor: quitting
/// or a signal must not lose what was typed.
pub(super) fn commit_open_note(state: &mut State) -> Option<Effect> {
    let editor = state.take_note_editor()?;
    note_edited(state, editor.item, &editor.text.lines().join("\n"))
}

pub(super) fn note_key(state: &mut State, key: crossterm::event::KeyEvent) {
    if let Some(editor) = state.note_editor_mut() {
        editor.text.input(key);
    }
}

pub(super) fn note_edited(state: &mut State, item: ItemRef, text: &str) -> Option<Effect> {
    let now = (state.now)();
    let review = state.review.as_mut()?;
    let before = review.file.clone();
    review.set_note(&state.data, item, text, &now);
    (review.file != before).then_some(Effect::SaveReview)
}
