//! Moving between places: opening the source viewer, the vim-like jump
//! list, and keeping everything fitted to the window.

use super::super::state::{Location, Pane, Screen, State};
use super::{browse, source};

/// Moves to a new screen and records where the user was, like a vim jump.
pub(super) fn to(state: &mut State, here: Location, screen: Screen) {
    state.jumps.back.push(here);
    state.jumps.forward.clear();
    state.screen = screen;
}

/// Opens the source viewer at a quote, remembering where the user was.
pub(super) fn open_quote(state: &mut State, quote: usize) {
    let here = state.location();
    open_quote_from(state, here, quote);
}

pub(super) fn open_quote_from(state: &mut State, here: Location, quote: usize) {
    let Some(&src) = state
        .data
        .index
        .sources
        .get(&state.data.ds.quotes[quote].source)
    else {
        return;
    };
    let view = source::view(state, src, Some(quote));
    to(state, here, Screen::Source(view));
}

pub(super) fn back(state: &mut State) {
    if let Some(there) = state.jumps.back.pop() {
        let here = state.location();
        state.jumps.forward.push(here);
        restore(state, there);
    } else if matches!(state.screen, Screen::Source(_)) {
        state.screen = Screen::Main;
    }
}

pub(super) fn forward(state: &mut State) {
    if let Some(there) = state.jumps.forward.pop() {
        let here = state.location();
        state.jumps.back.push(here);
        restore(state, there);
    }
}

fn restore(state: &mut State, to: Location) {
    state.main = to.main;
    state.screen = to.screen;
    // The window may have changed size since this place was recorded.
    fit_to_window(state);
}

/// Keeps every selection visible and the source wrapped to the window.
pub(super) fn fit_to_window(state: &mut State) {
    for pane in Pane::ALL {
        let (len, h) = (
            browse::pane_len(state, pane),
            browse::pane_height(state, pane),
        );
        state.main.cursor_mut(pane).scroll_into_view(len, h);
    }
    source::rewrap(state);
}
