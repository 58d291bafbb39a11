//! Review sessions and marks: every mark and saved note asks the runtime
//! to write the review file before the next key is handled.

use super::super::command::Command;
use super::super::state::{NoteEditor, Pane, ReviewView, Screen, State};
use super::{Effect, jump};
use crate::review::{ItemKind, Mark, Status};
use crate::ui::layout;

/// Why marking is not possible now, if it is not.
fn blocked(state: &State) -> Option<String> {
    match (&state.review, &state.review_blocked) {
        (None, Some(why)) => Some(format!("review unavailable: {why}")),
        (None, None) => Some("review unavailable".into()),
        (Some(_), Some(why)) => Some(format!("read-only: {why}")),
        (Some(_), None) => None,
    }
}

fn refuse(state: &mut State) -> bool {
    match blocked(state) {
        Some(why) => {
            state.message = Some(why);
            true
        }
        None => false,
    }
}

fn mark_of(c: Command) -> Option<Mark> {
    match c {
        Command::MarkVerified => Some(Mark::Verified),
        Command::MarkDisputed => Some(Mark::Disputed),
        Command::MarkFlagged => Some(Mark::Flagged),
        Command::MarkSkipped => Some(Mark::Skipped),
        _ => None,
    }
}

fn mark(state: &mut State, kind: ItemKind, item: usize, m: Mark) -> Option<Effect> {
    if refuse(state) {
        return None;
    }
    let now = (state.now)();
    let review = state.review.as_mut()?;
    review.mark(&state.data.ds, kind, item, m, &now);
    Some(Effect::SaveReview)
}

fn undo(state: &mut State) -> Option<Effect> {
    if refuse(state) {
        return None;
    }
    let review = state.review.as_mut()?;
    match review.undo() {
        Some(_) => Some(Effect::SaveReview),
        None => {
            state.message = Some("nothing to undo".into());
            None
        }
    }
}

fn open_note(state: &mut State, kind: ItemKind, item: usize) {
    if refuse(state) {
        return;
    }
    let text = state
        .review
        .as_ref()
        .and_then(|r| r.note(&state.data.ds, kind, item))
        .unwrap_or("");
    let mut area = ratatui_textarea::TextArea::new(text.lines().map(str::to_string).collect());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    state.note_editor = Some(NoteEditor {
        kind,
        item,
        text: area,
    });
}

fn external(state: &mut State, kind: ItemKind, item: usize) -> Option<Effect> {
    if refuse(state) {
        return None;
    }
    let text = match state.note_editor.take() {
        Some(editor) => editor.text.lines().join("\n"),
        None => state
            .review
            .as_ref()
            .and_then(|r| r.note(&state.data.ds, kind, item))
            .unwrap_or("")
            .to_string(),
    };
    Some(Effect::EditNote { kind, item, text })
}

/// The item of the focused browser pane that marks apply to.
fn focused_item(state: &State) -> Option<(ItemKind, usize)> {
    match state.main.focus {
        Pane::Issues => state.main.issue().map(|i| (ItemKind::Issue, i)),
        Pane::Positions => state.main.position().map(|p| (ItemKind::Position, p)),
        Pane::Quotes => state.main.quote().map(|q| (ItemKind::Quote, q)),
        Pane::Parties => None,
    }
}

/// Marks and notes in the browser, on the focused item.
pub(super) fn browser_command(state: &mut State, c: Command) -> Option<Effect> {
    if c == Command::Undo {
        return undo(state);
    }
    let Some((kind, item)) = focused_item(state) else {
        state.message = Some("select an issue, position or quote to mark it".into());
        return None;
    };
    match c {
        Command::Note => {
            open_note(state, kind, item);
            None
        }
        Command::EditNote => external(state, kind, item),
        _ => mark_of(c).and_then(|m| mark(state, kind, item, m)),
    }
}

pub(super) fn note_command(state: &mut State, c: Command) -> Option<Effect> {
    let editor = state.note_editor.as_ref()?;
    let (kind, item) = (editor.kind, editor.item);
    match c {
        // Esc saves: a note is never thrown away by a stray key.
        Command::Accept => {
            let text = state
                .note_editor
                .take()
                .map(|e| e.text.lines().join("\n"))
                .unwrap_or_default();
            note_edited(state, kind, item, &text)
        }
        Command::EditNote => external(state, kind, item),
        _ => None,
    }
}

/// Saves the note being edited, if any: quitting or a signal must not
/// lose what was typed.
pub(super) fn commit_open_note(state: &mut State) -> Option<Effect> {
    let editor = state.note_editor.take()?;
    note_edited(
        state,
        editor.kind,
        editor.item,
        &editor.text.lines().join("\n"),
    )
}

pub(super) fn note_key(state: &mut State, key: crossterm::event::KeyEvent) {
    if let Some(editor) = state.note_editor.as_mut() {
        editor.text.input(key);
    }
}

pub(super) fn note_edited(
    state: &mut State,
    kind: ItemKind,
    item: usize,
    text: &str,
) -> Option<Effect> {
    let now = (state.now)();
    let review = state.review.as_mut()?;
    let before = review.file.clone();
    review.set_note(&state.data.ds, kind, item, text, &now);
    (review.file != before).then_some(Effect::SaveReview)
}

// ------------------------------------------------------------- the session

/// The positions under the selected party and, when the issues pane or one
/// right of it is focused, under the selected issue and its sub-issues.
fn scope(state: &State) -> (Vec<usize>, String) {
    let data = &state.data;
    let main = &state.main;
    let party = main.party();
    let issue = if main.focus == Pane::Parties {
        None
    } else {
        main.issue()
    };
    let mut within = vec![issue.is_none(); data.ds.issues.len()];
    if let Some(root) = issue {
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut within[i], true) {
                stack.extend(&data.index.children[i]);
            }
        }
    }
    let mut queue = Vec::new();
    for &(i, _) in &data.issue_tree {
        if !within[i] {
            continue;
        }
        for &p in &data.index.positions_by_issue[i] {
            if party.is_none_or(|k| data.index.parties.get(&data.ds.positions[p].party) == Some(&k))
            {
                queue.push(p);
            }
        }
    }
    let mut label: Vec<&str> = Vec::new();
    if let Some(p) = party {
        label.push(&data.ds.parties[p].name);
    }
    if let Some(i) = issue {
        label.push(&data.ds.issues[i].title);
    }
    let label = if label.is_empty() {
        "everything".to_string()
    } else {
        label.join(" › ")
    };
    (queue, label)
}

fn is_done(state: &State, position: usize) -> bool {
    state.review.as_ref().is_some_and(|r| {
        r.status(&state.data.ds, ItemKind::Position, position)
            .is_done()
    })
}

/// Starts a review of the positions in scope, resuming at the saved place.
pub(super) fn start(state: &mut State) -> Option<Effect> {
    if state.review.is_none() {
        refuse(state);
        return None;
    }
    let (queue, scope) = scope(state);
    if queue.is_empty() {
        state.message = Some(format!("no positions to review in {scope}"));
        return None;
    }
    let place = state.review.as_ref().and_then(|r| r.file.place.clone());
    let at = place
        .and_then(|id| {
            queue
                .iter()
                .position(|&p| state.data.ds.positions[p].id == id)
        })
        .or_else(|| queue.iter().position(|&p| !is_done(state, p)))
        .unwrap_or(0);
    let view = ReviewView {
        queue,
        at,
        quote: 0,
        scroll: 0,
        summary: false,
        scope,
    };
    let here = state.location();
    jump::to(state, here, Screen::Review(view));
    remember_place(state)
}

/// Records the item shown, so reopening resumes there.
fn remember_place(state: &mut State) -> Option<Effect> {
    let Screen::Review(view) = &state.screen else {
        return None;
    };
    let id = view
        .position()
        .map(|p| state.data.ds.positions[p].id.clone());
    if state.review_blocked.is_some() {
        return None;
    }
    let review = state.review.as_mut()?;
    if review.file.place == id {
        return None;
    }
    review.file.place = id;
    Some(Effect::SaveReview)
}

/// Moves to another item of the queue.
fn go(state: &mut State, at: usize) -> Option<Effect> {
    if let Screen::Review(view) = &mut state.screen {
        view.at = at.min(view.queue.len().saturating_sub(1));
        view.quote = 0;
        view.scroll = 0;
        view.summary = false;
    }
    remember_place(state)
}

/// The next unreviewed item after (or before) the current one, wrapping.
fn next_unreviewed(state: &State, view: &ReviewView, forward: bool) -> Option<usize> {
    let n = view.queue.len();
    (1..=n)
        .map(|k| {
            if forward {
                (view.at + k) % n
            } else {
                (view.at + n * 2 - k) % n
            }
        })
        .find(|&i| !is_done(state, view.queue[i]))
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let Screen::Review(view) = state.screen.clone() else {
        return None;
    };
    let position = view.position();
    match c {
        Command::MarkVerified
        | Command::MarkDisputed
        | Command::MarkFlagged
        | Command::MarkSkipped => {
            let (p, m) = (position?, mark_of(c)?);
            let saved = mark(state, ItemKind::Position, p, m)?;
            // On to the next unreviewed item, or the summary when none is
            // left.
            match next_unreviewed(state, &view, true) {
                Some(at) => {
                    go(state, at);
                }
                None => {
                    if let Screen::Review(v) = &mut state.screen {
                        v.summary = true;
                    }
                }
            }
            Some(saved)
        }
        Command::Undo => {
            let effect = undo(state);
            // Show the item the undo touched, if it is in the queue.
            if let Some(review) = &state.review
                && let Some(pos) = position
                && review.status(&state.data.ds, ItemKind::Position, pos) == Status::Unreviewed
                && let Screen::Review(v) = &mut state.screen
            {
                v.summary = false;
            }
            effect
        }
        Command::Note => {
            open_note(state, ItemKind::Position, position?);
            None
        }
        Command::EditNote => external(state, ItemKind::Position, position?),
        Command::NextUnreviewed | Command::PrevUnreviewed => {
            match next_unreviewed(state, &view, c == Command::NextUnreviewed) {
                Some(at) => go(state, at),
                None => {
                    if let Screen::Review(v) = &mut state.screen {
                        v.summary = true;
                    }
                    None
                }
            }
        }
        Command::NextItem => go(state, view.at + 1),
        Command::PrevItem => go(state, view.at.saturating_sub(1)),
        Command::Down | Command::Up => {
            let height = usize::from(layout::review(state.area()).body.height);
            if let Screen::Review(v) = &mut state.screen {
                v.scroll = if c == Command::Down {
                    (v.scroll + 1).min(height * 8)
                } else {
                    v.scroll.saturating_sub(1)
                };
            }
            None
        }
        Command::NextQuoteInItem => {
            let n = position.map_or(0, |p| state.data.ds.positions[p].quotes.len());
            if let Screen::Review(v) = &mut state.screen
                && n > 0
            {
                v.quote = (v.quote + 1) % n;
            }
            None
        }
        Command::Open => {
            let quote = position
                .and_then(|p| state.data.ds.positions[p].quotes.get(view.quote))
                .and_then(|q| state.data.index.quotes.get(q))
                .copied();
            if let Some(q) = quote {
                jump::open_quote(state, q);
            }
            None
        }
        Command::Back | Command::JumpBack => {
            jump::back(state);
            None
        }
        Command::JumpForward => {
            jump::forward(state);
            None
        }
        Command::ToggleHelp => {
            state.help = Some(0);
            None
        }
        _ => None,
    }
}
