//! Mouse input: clicks select and focus, the wheel scrolls.

use super::super::command::{Command, Mouse};
use super::super::state::{Pane, State};
use super::{browse, help_command, mode, palette, review, source};
use crate::keymap::Mode;
use crate::ui::layout;

pub(super) fn mouse(state: &mut State, m: Mouse) {
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
    match mode(state) {
        Mode::Help => {
            if let Some(c) = wheel {
                help_command(state, c);
            }
        }
        Mode::Search => {
            if let Some(c) = wheel {
                palette::command(state, c);
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
                review::command(state, c);
            }
        }
        Mode::Note => {}
        Mode::Main | Mode::Filter => main(state, m, column, row),
    }
}

fn main(state: &mut State, m: Mouse, column: u16, row: u16) {
    let areas = layout::main(state.area());
    let hit = [
        (Pane::Parties, areas.parties),
        (Pane::Issues, areas.issues),
        (Pane::Positions, areas.positions),
        (Pane::Quotes, areas.quotes),
    ]
    .into_iter()
    .find(|(_, r)| r.contains((column, row).into()));
    let Some((pane, rect)) = hit else { return };
    match m {
        Mouse::Click { .. } => {
            if state.main.focus != pane {
                // A click elsewhere ends typing a filter, keeping it.
                state.typing = None;
            }
            state.main.focus = pane;
            let inner_row = usize::from(row.saturating_sub(rect.y + 1));
            if row > rect.y && inner_row < browse::pane_height(state, pane) {
                let index = state.main.cursor(pane).offset + inner_row;
                if index < browse::pane_len(state, pane) {
                    browse::move_in(state, pane, |cur, len, h| cur.select(index, len, h));
                }
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
