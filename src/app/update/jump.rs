//! Moving between places: opening the source viewer, the vim-like jump
//! list, and keeping everything fitted to the window.

use super::super::browser::Pane;
use super::super::jumps::{Location, Place};
use super::super::state::{Screen, State};
use super::{browse, facets, matrix, source, timeline};
use crate::command::Command;
use crate::model::QuoteIx;

/// Moves to a new screen and records where the user was, like a vim jump.
pub(super) fn to(state: &mut State, here: Location, screen: Screen) {
    state.jumps.record(here);
    state.screen = screen;
    state.main.from_view = false;
}

/// The keys the whole-negotiation views (matrix, timeline) share: back and
/// forward through the jump list, the other view, and the narrowing menus.
/// `own` is the key that opened the view; pressed again it goes back.
/// Returns whether `c` was one of them.
pub(super) fn view_command(state: &mut State, c: Command, own: Command) -> bool {
    match c {
        Command::Back | Command::JumpBack => back(state),
        _ if c == own => back(state),
        Command::JumpForward => forward(state),
        Command::Matrix => matrix::open(state),
        Command::Timeline => timeline::open(state),
        Command::FilterMenu | Command::ClearChips | Command::Views => {
            facets::narrowing_command(state, c)
        }
        _ => return false,
    }
    true
}

/// Opens the source viewer at a quote, remembering where the user was.
pub(super) fn open_quote(state: &mut State, quote: QuoteIx) {
    let here = state.location();
    open_quote_from(state, here, quote);
}

pub(super) fn open_quote_from(state: &mut State, here: Location, quote: QuoteIx) {
    let Some(src) = state.data.index.source_of[quote] else {
        return;
    };
    let view = source::view(state, src, Some(quote));
    to(state, here, Screen::Source(view, None));
}

pub(super) fn back(state: &mut State) {
    let here = state.location();
    match state.jumps.back(here) {
        Some(there) => restore(state, there),
        None if !matches!(state.screen, Screen::Main(_)) => state.screen = Screen::Main(None),
        None => {}
    }
}

pub(super) fn forward(state: &mut State) {
    let here = state.location();
    if let Some(there) = state.jumps.forward(here) {
        restore(state, there);
    }
}

pub(super) fn restore(state: &mut State, to: Location) {
    state.main = to.main;
    state.main.from_view = false;
    state.screen = match to.place {
        Place::Main => Screen::Main(None),
        Place::Source {
            source: s,
            quote,
            top,
            find,
        } => {
            let mut view = source::view(state, s, quote);
            source::scroll_to_top(state, &mut view, top);
            if let Some(query) = find {
                source::find_in(state, &mut view, query, false);
            }
            Screen::Source(view, None)
        }
        Place::Review(view) => Screen::Review(view, None),
        Place::Matrix(view) => Screen::Matrix(view),
        Place::Timeline(view) => Screen::Timeline(view),
        Place::Problems(view) => Screen::Problems(view),
    };
    // The window may have changed size since this place was recorded.
    fit_to_window(state);
}

/// Keeps every selection visible and the source wrapped to the window.
pub(super) fn fit_to_window(state: &mut State) {
    for pane in Pane::ALL {
        let (len, h) = (state.main.len(pane), browse::pane_height(state, pane));
        state.main.cursor_mut(pane).scroll_into_view(len, h);
    }
    source::rewrap(state);
}
