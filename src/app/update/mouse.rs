//! Mouse input: clicks select and focus, the wheel scrolls.

use super::super::action::Mouse;
use super::super::browser::Pane;
use super::super::state::{MainOverlay, Screen, State};
use super::{Effect, browse, help_command, palette, session, source};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;

pub(super) fn mouse(state: &mut State, m: Mouse) -> Option<Effect> {
    let (column, row) = match m {
        Mouse::Click { column, row }
        | Mouse::ScrollDown { column, row }
        | Mouse::ScrollUp { column, row } => (column, row),
    };
    let wheel = match m {
        Mouse::ScrollDown { .. } => Some(Command::Down),
        Mouse::ScrollUp { .. } => Some(Command::Up),
        Mouse::Click { .. } => None,
    };
    match state.mode() {
        Mode::Help => {
            if let Some(c) = wheel {
                help_command(state, c);
            }
        }
        Mode::Search => {
            if let Some(c) = wheel {
                return palette::command(state, c);
            }
        }
        Mode::Source | Mode::Find => {
            if let Some(c) = wheel {
                for _ in 0..3 {
                    source::command(state, c);
                }
            }
        }
        Mode::Review => {
            if let Some(c) = wheel {
                return session::command(state, c);
            }
        }
        Mode::Matrix => {
            if let Some(c) = wheel {
                return super::matrix::command(state, c);
            }
        }
        Mode::Timeline => {
            if let Some(c) = wheel {
                return super::timeline::command(state, c);
            }
        }
        Mode::Links => {
            if let Some(c) = wheel {
                return super::links::command(state, c);
            }
        }
        Mode::Facets => {
            if let Some(c) = wheel {
                return super::facets::command(state, c);
            }
        }
        Mode::Views | Mode::ViewName => {}
        Mode::Problems => {
            if let Some(c) = wheel {
                return super::problems::command(state, c);
            }
        }
        // Nothing is on screen to point at yet.
        Mode::Note | Mode::Loading => {}
        Mode::Browser | Mode::Filter => main(state, m, column, row),
    }
    None
}

fn main(state: &mut State, m: Mouse, column: u16, row: u16) {
    let areas = state.main_areas();
    let hit = [
        (Pane::Parties, areas.parties),
        (Pane::Issues, areas.issues),
        (Pane::Positions, areas.positions),
        (Pane::Quotes, areas.quotes),
    ]
    .into_iter()
    .find(|(_, r)| r.contains((column, row).into()));
    let Some((pane, _)) = hit else { return };
    match m {
        Mouse::Click { .. } => {
            if state.main.focus != pane {
                // A click elsewhere ends typing a filter, keeping it.
                if matches!(state.screen, Screen::Main(Some(MainOverlay::Filter(_)))) {
                    state.screen = Screen::Main(None);
                }
            }
            state.main.focus = pane;
            let rows = browse::pane_rows(state, pane);
            let offset = state.main.cursor(pane).offset;
            if let Some(index) = layout::row_at(rows, offset, column, row)
                && index < state.main.len(pane)
            {
                browse::move_in(state, pane, |cur, len, h| cur.select(index, len, h));
            }
        }
        Mouse::ScrollDown { .. } => {
            browse::move_in(state, pane, |cur, len, h| cur.move_by(1, len, h))
        }
        Mouse::ScrollUp { .. } => {
            browse::move_in(state, pane, |cur, len, h| cur.move_by(-1, len, h))
        }
    }
}
