//! A review session: the positions in scope, one at a time, with the
//! place remembered so that reopening resumes there.

use super::super::browser::Pane;
use super::super::state::{ReviewView, Screen, State};
use super::{Effect, jump, marks};
use crate::command::Command;
use crate::layout;
use crate::model::{ItemRef, PositionIx};

/// The positions under the selected party and, when the issues pane or one
/// right of it is focused, under the selected issue and its sub-issues.
fn scope(state: &State) -> (Vec<PositionIx>, String) {
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
            if !std::mem::replace(&mut within[i.get()], true) {
                stack.extend(&data.index.children[i]);
            }
        }
    }
    let mut queue = Vec::new();
    for &(i, _) in &data.issue_tree {
        if !within[i.get()] {
            continue;
        }
        for &p in &data.index.positions_by_issue[i] {
            if party.is_none_or(|k| data.index.party_of[p] == Some(k))
                && state.narrow.keep.as_ref().is_none_or(|k| k.position(p))
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

fn is_done(state: &State, position: PositionIx) -> bool {
    state
        .review
        .as_ref()
        .is_some_and(|r| r.status(&state.data, position.into()).is_done())
}

/// Starts a review of the positions in scope, resuming at the saved place.
pub(super) fn start(state: &mut State) -> Option<Effect> {
    if state.review.is_none() {
        marks::refuse(state);
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
                .position(|&p| state.data.review_id(p.into()) == id)
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
    jump::to(state, here, Screen::Review(view, None));
    remember_place(state)
}

/// Records the item shown, so reopening resumes there.
fn remember_place(state: &mut State) -> Option<Effect> {
    let id = state
        .review_view()?
        .position()
        .map(|p| state.data.review_id(p.into()).to_string());
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

fn view_mut(state: &mut State) -> Option<&mut ReviewView> {
    match &mut state.screen {
        Screen::Review(view, _) => Some(view),
        _ => None,
    }
}

/// Moves to another item of the queue.
fn go(state: &mut State, at: usize) -> Option<Effect> {
    if let Some(view) = view_mut(state) {
        view.at = at.min(view.queue.len().saturating_sub(1));
        view.quote = 0;
        view.scroll = 0;
        view.summary = false;
    }
    remember_place(state)
}

fn show_summary(state: &mut State) {
    if let Some(view) = view_mut(state) {
        view.summary = true;
    }
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
    let view = state.review_view()?.clone();
    let position = view.position();
    match c {
        Command::MarkVerified
        | Command::MarkDisputed
        | Command::MarkFlagged
        | Command::MarkSkipped => {
            let (p, m) = (position?, marks::mark_of(c)?);
            let saved = marks::mark(state, p.into(), m)?;
            // On to the next unreviewed item, or the summary when none is
            // left.
            match next_unreviewed(state, &view, true) {
                Some(at) => {
                    go(state, at);
                }
                None => show_summary(state),
            }
            Some(saved)
        }
        Command::Undo => {
            let (effect, item) = marks::undo(state);
            // Show the item the undo touched, when it is in the queue.
            if let Some(ItemRef::Position(p)) = item
                && let Some(at) = view.queue.iter().position(|&q| q == p)
            {
                go(state, at);
            }
            effect
        }
        Command::Note => {
            marks::open_note(state, position?.into());
            None
        }
        Command::EditNote => marks::external(state, position?.into()),
        Command::NextUnreviewed | Command::PrevUnreviewed => {
            match next_unreviewed(state, &view, c == Command::NextUnreviewed) {
                Some(at) => go(state, at),
                None => {
                    show_summary(state);
                    None
                }
            }
        }
        Command::NextItem => go(state, view.at + 1),
        Command::PrevItem => go(state, view.at.saturating_sub(1)),
        Command::Down | Command::Up => {
            let height = usize::from(layout::review(state.area()).body.height);
            if let Some(v) = view_mut(state) {
                v.scroll = if c == Command::Down {
                    (v.scroll + 1).min(height * 8)
                } else {
                    v.scroll.saturating_sub(1)
                };
            }
            None
        }
        Command::NextQuoteInItem => {
            // Quotes first, then the position's links.
            let n = position.map_or(0, |p| {
                state.data.index.quotes_of[p].len()
                    + crate::analysis::relations(&state.data, p.into()).len()
            });
            if let Some(v) = view_mut(state)
                && n > 0
            {
                v.quote = (v.quote + 1) % n;
            }
            None
        }
        Command::Open => {
            // The selection runs over the quotes, then the links.
            let p = position?;
            let quotes = state.data.index.quotes_of[p].len();
            match state.data.index.quotes_of[p].get(view.quote).copied() {
                Some(q) => jump::open_quote(state, q),
                None => {
                    let relations = crate::analysis::relations(&state.data, p.into());
                    if let Some(r) = relations.get(view.quote - quotes) {
                        super::links::follow(state, r.target);
                    }
                }
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
        _ => None,
    }
}
