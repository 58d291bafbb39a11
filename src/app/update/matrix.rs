//! The position matrix: moving cell by cell, ordering the rows, opening a
//! cell's position in the browser.

use super::super::state::{Screen, State};
use super::super::views::MatrixView;
use super::{Effect, browse, jump};
use crate::command::Command;
use crate::layout;

/// Opens the matrix on the browser's selection: the selected issue's row,
/// the selected party's column.
pub(super) fn open(state: &mut State) {
    let mut view = MatrixView::new(
        &state.data,
        Default::default(),
        state.narrow.keep.as_deref(),
    );
    view.select(state.main.issue(), state.main.party());
    fit(state, &mut view);
    let here = state.location();
    jump::to(state, here, Screen::Matrix(view));
}

/// Keeps the cell in focus on screen.
pub(super) fn fit(state: &State, view: &mut MatrixView) {
    let areas = layout::matrix(state.area());
    let rows = usize::from(layout::matrix_rows(areas.table).height).max(1);
    let (_, _, cols) = layout::matrix_columns(areas.table, view.cols.len());
    view.row = view.row.min(view.rows.len().saturating_sub(1));
    view.col = view.col.min(view.cols.len().saturating_sub(1));
    if view.row < view.row_offset {
        view.row_offset = view.row;
    } else if view.row >= view.row_offset + rows {
        view.row_offset = view.row + 1 - rows;
    }
    if view.col < view.col_offset {
        view.col_offset = view.col;
    } else if view.col >= view.col_offset + cols {
        view.col_offset = view.col + 1 - cols;
    }
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    if !matches!(state.screen, Screen::Matrix(_)) || jump::view_command(state, c, Command::Matrix) {
        return None;
    }
    let Screen::Matrix(view) = &state.screen else {
        return None;
    };
    let mut view = view.clone();
    let page = usize::from(layout::matrix_rows(layout::matrix(state.area()).table).height).max(1);
    match c {
        Command::Down => view.row += 1,
        Command::Up => view.row = view.row.saturating_sub(1),
        Command::Right => view.col += 1,
        Command::Left => view.col = view.col.saturating_sub(1),
        Command::First => view.row = 0,
        Command::Last => view.row = usize::MAX,
        Command::PageDown => view.row = view.row.saturating_add(page),
        Command::PageUp => view.row = view.row.saturating_sub(page),
        Command::CycleOrder => {
            let (issue, party) = (view.issue(), view.party());
            let order = view.order.next();
            view = MatrixView::new(&state.data, order, state.narrow.keep.as_deref());
            view.select(issue, party);
        }
        Command::Open => {
            let Some(cell) = view.cell(&state.data, state.narrow.keep.as_deref()) else {
                state.message = Some("no position in this cell".into());
                return None;
            };
            let here = state.location();
            browse::reveal(state, cell.latest.into());
            jump::to(state, here, Screen::Main(None));
            state.main.from_view = true;
            return None;
        }
        _ => return None,
    }
    fit(state, &mut view);
    state.screen = Screen::Matrix(view);
    None
}
