//! The Problems pane (every diagnostic; Enter goes to the item it is
//! about), the loading screen's keys and progress, and the outcome of a
//! reload.

use super::super::browser::{MainView, Pane};
use super::super::problems::{ProblemsView, ReloadFailure};
use super::super::state::{Screen, State};
use super::{Effect, browse, jump, source};
use crate::command::Command;
use crate::layout;
use crate::model::{ItemRef, Kind, Progress};
use crate::prepared::Prepared;
use crate::text::clean_inline;
use crossterm::event::KeyEvent;
use std::sync::Arc;

pub(super) fn open(state: &mut State) {
    let here = state.location();
    jump::to(state, here, Screen::Problems(ProblemsView::default()));
}

/// Rows of the list on screen.
pub(super) fn list_height(state: &State) -> usize {
    usize::from(layout::problems(state.area()).list.height.saturating_sub(2))
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let len = state.problems().len();
    let height = list_height(state);
    let page = height.max(1) as isize;
    let Screen::Problems(view) = &mut state.screen else {
        return None;
    };
    let cursor = &mut view.cursor;
    match c {
        Command::Down => cursor.move_by(1, len, height),
        Command::Up => cursor.move_by(-1, len, height),
        Command::First => cursor.select(0, len, height),
        Command::Last => cursor.select(usize::MAX, len, height),
        Command::PageDown => cursor.move_by(page, len, height),
        Command::PageUp => cursor.move_by(-page, len, height),
        Command::Open => {
            let at = cursor.selected;
            go_to(state, at);
        }
        Command::Back | Command::JumpBack => jump::back(state),
        Command::JumpForward => jump::forward(state),
        _ => {}
    }
    None
}

/// The item a problem is about, in the version shown. A failed reload's
/// problems belong to a version that is not shown, so they are matched
/// by id.
fn item_of(state: &State, at: usize) -> Option<ItemRef> {
    let d = state.problems().get(at)?;
    match (&state.reload_failure, d.item) {
        (None, Some(item)) => Some(item),
        _ => {
            let id = d.id.as_deref()?;
            Kind::ALL
                .into_iter()
                .find_map(|kind| state.data.find(kind, id))
        }
    }
}

/// Goes to the item problem `at` is about: a quote or a source opens in
/// the source viewer, anything else is selected in the browser. Ctrl-o
/// comes back to the list.
fn go_to(state: &mut State, at: usize) {
    let Some(item) = item_of(state, at) else {
        state.message = Some("this problem is about the file, not one item".into());
        return;
    };
    let here = state.location();
    let data = Arc::clone(&state.data);
    browse::reveal(state, item);
    match item {
        ItemRef::Quote(q) if data.index.source_of[q].is_some() => {
            jump::open_quote_from(state, here, q);
            return;
        }
        ItemRef::Source(s) => {
            let view = source::view(state, s, None);
            jump::to(state, here, Screen::Source(view, None));
            return;
        }
        _ => jump::to(state, here, Screen::Main(None)),
    }
    jump::fit_to_window(state);
    let shown = Pane::ALL
        .into_iter()
        .any(|pane| state.main.selected(pane) == Some(item));
    if !shown {
        state.message = Some(format!(
            "{} `{}` is not listed in the browser (see its problem)",
            item.kind(),
            clean_inline(data.id(item))
        ));
    }
}

/// The first version of the dataset replaces the loading screen; the keys
/// typed meanwhile come back to be replayed on it.
pub(super) fn loaded(state: &mut State, data: Arc<Prepared>) -> Option<Effect> {
    let queued = match &mut state.screen {
        Screen::Loading(view) => std::mem::take(&mut view.queued),
        _ => Vec::new(),
    };
    state.data = data;
    state.main = MainView::default();
    state.jumps = Default::default();
    state.reload_failure = None;
    state.screen = Screen::Main(None);
    browse::refresh_parties(state);
    jump::fit_to_window(state);
    (!queued.is_empty()).then_some(Effect::Replay(queued))
}

pub(super) fn progress(state: &mut State, progress: Progress) {
    if let Screen::Loading(view) = &mut state.screen {
        view.progress = Some(progress);
    }
}

/// A key pressed while loading waits for the dataset.
pub(super) fn queue(state: &mut State, key: KeyEvent) {
    if let Screen::Loading(view) = &mut state.screen {
        view.queued.push(key);
    }
}

pub(super) fn failed(state: &mut State, failure: ReloadFailure) {
    state.reload_failure = Some(failure);
    // The banner says it; an older "reloaded" must not linger beside it.
    state.message = None;
    // The banner takes a row from every screen.
    jump::fit_to_window(state);
    clamp(state);
}

/// A new version is shown: a failure before it is over, and the list of
/// problems is the new version's.
pub(super) fn reloaded(state: &mut State) {
    state.reload_failure = None;
    jump::fit_to_window(state);
    clamp(state);
    let p = &state.data.problems;
    let counts = match (p.errors(), p.warnings()) {
        (0, 0) => String::new(),
        (0, w) => format!(" · {w} warning{}", if w == 1 { "" } else { "s" }),
        (e, w) => format!(" · {}", counts(e, w)),
    };
    // What the reload dropped (a source no longer there) stays said.
    let dropped = state
        .message
        .take()
        .map_or(String::new(), |m| format!(" · {m}"));
    state.message = Some(format!("reloaded{counts}{dropped}"));
}

/// `3 errors, 1 warning`.
pub fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// Keeps the Problems pane's cursor inside a list that changed.
fn clamp(state: &mut State) {
    let len = state.problems().len();
    let height = list_height(state);
    if let Screen::Problems(view) = &mut state.screen {
        let at = view.cursor.selected;
        view.cursor.select(at, len, height);
    }
}
