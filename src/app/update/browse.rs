//! The three-column browser: moving, focusing, and the rows each pane
//! lists for the current selection and filter.

use super::super::command::Command;
use super::super::state::{Cursor, Pane, State};
use super::{Effect, edit_input, jump, palette};
use crate::search::{Kind, Query};
use crate::ui::layout;

pub(super) fn pane_height(state: &State, pane: Pane) -> usize {
    let areas = layout::main(state.area());
    let rect = match pane {
        Pane::Parties => areas.parties,
        Pane::Issues => areas.issues,
        Pane::Positions => areas.positions,
        Pane::Quotes => areas.quotes,
    };
    // Borders, and the line a filter takes at the bottom.
    let filter = usize::from(
        !state.main.filter(pane).is_empty() || state.typing.is_some() && state.main.focus == pane,
    );
    usize::from(rect.height.saturating_sub(2)).saturating_sub(filter)
}

pub(super) fn pane_len(state: &State, pane: Pane) -> usize {
    match pane {
        Pane::Parties => state.main.party_rows.len(),
        Pane::Issues => state.main.issue_rows.len(),
        Pane::Positions => state.main.position_rows.len(),
        Pane::Quotes => state.main.quote_rows.len(),
    }
}

/// Moves the cursor of `pane` and refreshes the panes that depend on it.
pub(super) fn move_in(state: &mut State, pane: Pane, to: impl FnOnce(&mut Cursor, usize, usize)) {
    let len = pane_len(state, pane);
    let height = pane_height(state, pane);
    let before = state.main.cursor(pane).selected;
    to(state.main.cursor_mut(pane), len, height);
    if state.main.cursor(pane).selected != before {
        refresh_after(state, pane);
    }
}

fn refresh_after(state: &mut State, pane: Pane) {
    match pane {
        Pane::Parties => refresh_issues(state),
        Pane::Issues => refresh_positions(state),
        Pane::Positions => refresh_quotes(state),
        Pane::Quotes => {}
    }
}

/// Recomputes `pane`'s rows and everything to its right.
pub(super) fn refresh_from(state: &mut State, pane: Pane) {
    match pane {
        Pane::Parties => refresh_parties(state),
        Pane::Issues => refresh_issues(state),
        Pane::Positions => refresh_positions(state),
        Pane::Quotes => refresh_quotes(state),
    }
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let focus = state.main.focus;
    let page = pane_height(state, focus).max(1) as isize;
    match c {
        Command::Down => move_in(state, focus, |cur, len, h| cur.move_by(1, len, h)),
        Command::Up => move_in(state, focus, |cur, len, h| cur.move_by(-1, len, h)),
        Command::First => move_in(state, focus, |cur, len, h| cur.select(0, len, h)),
        Command::Last => move_in(state, focus, |cur, len, h| cur.select(usize::MAX, len, h)),
        Command::PageDown => move_in(state, focus, |cur, len, h| cur.move_by(page, len, h)),
        Command::PageUp => move_in(state, focus, |cur, len, h| cur.move_by(-page, len, h)),
        Command::NextPane => state.main.focus = focus.next(),
        Command::PrevPane => state.main.focus = focus.prev(),
        Command::Open => match (focus, state.main.quote()) {
            (Pane::Quotes, Some(q)) => jump::open_quote(state, q),
            (Pane::Quotes, None) => {}
            _ => state.main.focus = focus.next(),
        },
        Command::Back => {
            // Esc first clears the pane's filter, then moves left.
            if !state.main.filter(focus).is_empty() {
                state.main.filters[focus.index()].clear();
                refresh_from(state, focus);
            } else if focus != Pane::Parties {
                state.main.focus = focus.prev();
            }
        }
        Command::JumpBack => jump::back(state),
        Command::JumpForward => jump::forward(state),
        Command::ToggleHelp => state.help = Some(0),
        Command::Search => return palette::open(state),
        Command::StartReview => return super::review::start(state),
        Command::MarkVerified
        | Command::MarkDisputed
        | Command::MarkFlagged
        | Command::MarkSkipped
        | Command::Undo
        | Command::Note
        | Command::EditNote => return super::review::browser_command(state, c),
        Command::Filter => {
            let current = state.main.filter(focus).to_string();
            state.typing = Some(tui_input::Input::new(current));
            refresh_from(state, focus);
        }
        _ => {}
    }
    None
}

pub(super) fn filter_command(state: &mut State, c: Command) {
    let focus = state.main.focus;
    match c {
        Command::Accept => {
            state.typing = None;
            refresh_from(state, focus);
        }
        Command::Back => {
            state.typing = None;
            state.main.filters[focus.index()].clear();
            refresh_from(state, focus);
        }
        Command::Down => move_in(state, focus, |cur, len, h| cur.move_by(1, len, h)),
        Command::Up => move_in(state, focus, |cur, len, h| cur.move_by(-1, len, h)),
        _ => {}
    }
}

pub(super) fn edit_filter(state: &mut State, key: crossterm::event::KeyEvent) {
    let Some(input) = state.typing.as_mut() else {
        return;
    };
    if edit_input(input, key) {
        let focus = state.main.focus;
        state.main.filters[focus.index()] = input.value().to_string();
        refresh_from(state, focus);
    }
}

/// Keeps the rows whose search entry matches the pane's filter, in their
/// order (a filter narrows; it does not re-rank).
fn filtered<T: Copy>(
    state: &State,
    pane: Pane,
    rows: Vec<T>,
    entry: impl Fn(T) -> Option<(Kind, usize)>,
) -> Vec<T> {
    let filter = state.main.filter(pane);
    if filter.trim().is_empty() {
        return rows;
    }
    let q = Query::parse_filter(filter);
    let data = &state.data;
    rows.into_iter()
        .filter(|&row| {
            entry(row)
                .and_then(|(kind, item)| data.search.entry(kind, item))
                .is_some_and(|e| data.matcher.score_fast(e, &q).is_some())
        })
        .collect()
}

fn reselect(state: &mut State, pane: Pane, at: usize) {
    let (len, h) = (pane_len(state, pane), pane_height(state, pane));
    state.main.cursor_mut(pane).select(at, len, h);
}

pub(crate) fn refresh_parties(state: &mut State) {
    let keep = state
        .main
        .party_rows
        .get(state.main.parties.selected)
        .copied();
    let rows: Vec<Option<usize>> = std::iter::once(None)
        .chain((0..state.data.ds.parties.len()).map(Some))
        .collect();
    let rows = filtered(state, Pane::Parties, rows, |r| r.map(|p| (Kind::Party, p)));
    let at = keep
        .and_then(|k| rows.iter().position(|&r| r == k))
        .unwrap_or(0);
    state.main.party_rows = rows;
    reselect(state, Pane::Parties, at);
    refresh_issues(state);
}

/// Recomputes the issue rows for the selected party, keeping the selected
/// issue when it is still listed.
pub(super) fn refresh_issues(state: &mut State) {
    let data = &state.data;
    let keep = state.main.issue();
    let rows: Vec<(usize, usize)> = match state.main.party() {
        None => data.issue_tree.clone(),
        Some(p) => {
            let mut held = vec![false; data.ds.issues.len()];
            for &pos in &data.index.positions_by_party[p] {
                if let Some(&i) = data.index.issues.get(&data.ds.positions[pos].issue) {
                    held[i] = true;
                }
            }
            data.issue_tree
                .iter()
                .copied()
                .filter(|&(i, _)| held[i])
                .collect()
        }
    };
    let rows = filtered(state, Pane::Issues, rows, |(i, _)| Some((Kind::Issue, i)));
    let at = keep
        .and_then(|k| rows.iter().position(|&(i, _)| i == k))
        .unwrap_or(0);
    state.main.issue_rows = rows;
    reselect(state, Pane::Issues, at);
    refresh_positions(state);
}

pub(super) fn refresh_positions(state: &mut State) {
    let data = &state.data;
    let keep = state.main.position();
    let party = state.main.party();
    let rows: Vec<usize> = match state.main.issue() {
        None => Vec::new(),
        Some(issue) => data.index.positions_by_issue[issue]
            .iter()
            .copied()
            .filter(|&pos| {
                party.is_none_or(|p| {
                    data.index.parties.get(&data.ds.positions[pos].party) == Some(&p)
                })
            })
            .collect(),
    };
    let rows = filtered(state, Pane::Positions, rows, |p| Some((Kind::Position, p)));
    let at = keep
        .and_then(|k| rows.iter().position(|&i| i == k))
        .unwrap_or(0);
    state.main.position_rows = rows;
    reselect(state, Pane::Positions, at);
    refresh_quotes(state);
}

pub(super) fn refresh_quotes(state: &mut State) {
    let data = &state.data;
    let keep = state.main.quote();
    let rows: Vec<usize> = state
        .main
        .position()
        .map(|p| {
            data.ds.positions[p]
                .quotes
                .iter()
                .filter_map(|q| data.index.quotes.get(q).copied())
                .collect()
        })
        .unwrap_or_default();
    let rows = filtered(state, Pane::Quotes, rows, |q| Some((Kind::Quote, q)));
    let at = keep
        .and_then(|k| rows.iter().position(|&i| i == k))
        .unwrap_or(0);
    state.main.quote_rows = rows;
    reselect(state, Pane::Quotes, at);
}

/// Selects `row` (found by `find`) in `pane`, if it is listed.
fn select_row(state: &mut State, pane: Pane, find: impl Fn(&State) -> Option<usize>) {
    if let Some(at) = find(state) {
        move_in(state, pane, |cur, len, h| cur.select(at, len, h));
    }
}

/// Shows an item in the browser: clears filters, selects the party, issue,
/// position and quote that lead to it, and focuses its pane.
pub(super) fn reveal(state: &mut State, kind: Kind, item: usize) {
    state.main.filters = Default::default();
    state.main.parties = Cursor::default();
    refresh_parties(state);
    let data = state.data.clone();
    let ix = &data.index;
    let ds = &data.ds;
    let issue_of_position = |p: usize| ix.issues.get(&ds.positions[p].issue).copied();
    let (party, issue, position, quote, focus) = match kind {
        Kind::Party => (Some(item), None, None, None, Pane::Parties),
        Kind::Person => (
            ix.parties.get(&ds.people[item].party).copied(),
            None,
            None,
            None,
            Pane::Parties,
        ),
        Kind::Issue => (None, Some(item), None, None, Pane::Issues),
        Kind::Position => (
            None,
            issue_of_position(item),
            Some(item),
            None,
            Pane::Positions,
        ),
        Kind::Quote => {
            let position = ix.citing_positions[item].first().copied();
            (
                None,
                position.and_then(issue_of_position),
                position,
                Some(item),
                Pane::Quotes,
            )
        }
        Kind::Source | Kind::Event => (None, None, None, None, Pane::Parties),
    };
    if let Some(p) = party {
        select_row(state, Pane::Parties, |s| {
            s.main.party_rows.iter().position(|&r| r == Some(p))
        });
    }
    if let Some(i) = issue {
        select_row(state, Pane::Issues, |s| {
            s.main.issue_rows.iter().position(|&(r, _)| r == i)
        });
    }
    if let Some(p) = position {
        select_row(state, Pane::Positions, |s| {
            s.main.position_rows.iter().position(|&r| r == p)
        });
    }
    if let Some(q) = quote {
        select_row(state, Pane::Quotes, |s| {
            s.main.quote_rows.iter().position(|&r| r == q)
        });
    }
    state.main.focus = focus;
}
