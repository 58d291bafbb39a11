//! The three-column browser: moving, focusing, and the rows each pane
//! lists for the current selection and filter.

use super::super::browser::{Cursor, Pane};
use super::super::narrowing;
use super::super::state::{MainOverlay, Screen, State};
use super::{Effect, edit_input, jump, marks, palette, session};
use crate::command::Command;
use crate::layout;
use crate::model::{IssueIx, ItemRef, PartyIx, PositionIx, QuoteIx};
use crate::search::facet::FacetSet;

/// Whether `pane` shows a filter line: it has a filter, or one is being
/// typed there.
pub(super) fn shows_filter(state: &State, pane: Pane) -> bool {
    let typing = matches!(state.screen, Screen::Main(Some(MainOverlay::Filter(_))));
    !state.main.filter(pane).is_empty() || typing && state.main.focus == pane
}

/// Where `pane`'s rows are on screen.
pub(super) fn pane_rows(state: &State, pane: Pane) -> ratatui::layout::Rect {
    let areas = state.main_areas();
    let rect = match pane {
        Pane::Parties => areas.parties,
        Pane::Issues => areas.issues,
        Pane::Positions => areas.positions,
        Pane::Quotes => areas.quotes,
    };
    layout::list_rows(rect, shows_filter(state, pane))
}

pub(super) fn pane_height(state: &State, pane: Pane) -> usize {
    usize::from(pane_rows(state, pane).height)
}

/// Moves the cursor of `pane` and refreshes the panes that depend on it.
pub(super) fn move_in(state: &mut State, pane: Pane, to: impl FnOnce(&mut Cursor, usize, usize)) {
    let len = state.main.len(pane);
    let height = pane_height(state, pane);
    let before = state.main.cursor(pane).selected;
    to(state.main.cursor_mut(pane), len, height);
    if state.main.cursor(pane).selected != before {
        if pane == Pane::Issues {
            state.main.chosen_issue = state.main.issue();
        }
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
        Command::Zoom => state.main.zoom = !state.main.zoom,
        Command::Matrix => {
            super::matrix::open(state);
            return None;
        }
        Command::Timeline => {
            super::timeline::open(state);
            return None;
        }
        Command::Links => super::links::open(state),
        c @ (Command::FilterMenu | Command::ClearChips | Command::Views) => {
            super::facets::narrowing_command(state, c);
            return None;
        }
        Command::TogglePreview => state.main.hide_preview = !state.main.hide_preview,
        Command::Open => match (focus, state.main.quote()) {
            (Pane::Quotes, Some(q)) => jump::open_quote(state, q),
            (Pane::Quotes, None) => {}
            _ => state.main.focus = focus.next(),
        },
        Command::ClearFilter => {
            state.main.filters[focus.index()].clear();
            refresh_from(state, focus);
        }
        Command::Back if focus != Pane::Parties => state.main.focus = focus.prev(),
        Command::JumpBack => jump::back(state),
        Command::JumpForward => jump::forward(state),
        Command::Search => return palette::open(state),
        Command::StartReview => return session::start(state),
        Command::MarkVerified
        | Command::MarkDisputed
        | Command::MarkFlagged
        | Command::MarkSkipped
        | Command::Undo
        | Command::Note
        | Command::EditNote => return marks::browser_command(state, c),
        Command::Filter => {
            let current = state.main.filter(focus).to_string();
            state.screen = Screen::Main(Some(MainOverlay::Filter(tui_input::Input::new(current))));
            refresh_from(state, focus);
        }
        _ => {}
    }
    // Focus, zoom and the preview change the panes' sizes.
    jump::fit_to_window(state);
    None
}

pub(super) fn filter_command(state: &mut State, c: Command) {
    let focus = state.main.focus;
    match c {
        Command::Accept => {
            state.screen = Screen::Main(None);
            refresh_from(state, focus);
        }
        Command::Back => {
            state.screen = Screen::Main(None);
            state.main.filters[focus.index()].clear();
            refresh_from(state, focus);
        }
        Command::Down => move_in(state, focus, |cur, len, h| cur.move_by(1, len, h)),
        Command::Up => move_in(state, focus, |cur, len, h| cur.move_by(-1, len, h)),
        _ => {}
    }
}

pub(super) fn edit_filter(state: &mut State, key: crossterm::event::KeyEvent) {
    let Screen::Main(Some(MainOverlay::Filter(input))) = &mut state.screen else {
        return;
    };
    if edit_input(input, key) {
        let focus = state.main.focus;
        state.main.filters[focus.index()] = input.value().to_string();
        refresh_from(state, focus);
    }
}

/// Keeps the rows the chips keep and whose search entry matches the
/// pane's filter, in their order (a filter narrows; it does not re-rank).
fn filtered<T: Copy>(
    state: &mut State,
    pane: Pane,
    mut rows: Vec<T>,
    item: impl Fn(T) -> Option<ItemRef>,
) -> Vec<T> {
    if let Some(keep) = state.narrow.keep.clone() {
        let data = &state.data;
        rows.retain(|&row| match item(row) {
            None => true,
            Some(ItemRef::Party(p)) => keep.party(p),
            Some(ItemRef::Issue(i)) => keep.issue_tree(data, i),
            Some(ItemRef::Position(p)) => keep.position(p),
            Some(ItemRef::Quote(q)) => keep.quote_under(q),
            Some(_) => true,
        });
    }
    let filter = state.main.filter(pane).to_string();
    state.main.filter_errors[pane.index()] = None;
    if filter.trim().is_empty() {
        return rows;
    }
    let data = state.data.clone();
    let search = data.search();
    let marks = narrowing::marks_for(&filter, state.review.as_ref(), &data);
    let q = match search.filter_query(&filter, marks) {
        Ok(q) => q,
        Err(e) => {
            // Rows stay as they were until the filter means something.
            state.main.filter_errors[pane.index()] = Some(e.to_string());
            return rows;
        }
    };
    rows.into_iter()
        .filter(|&row| {
            item(row).is_some_and(|it| {
                search.entry(it).is_some_and(|e| {
                    q.filter
                        .passes(&search.facts, search.position(it), it, FacetSet::EMPTY)
                        && data.matcher.score_fast(&e, &q).is_some()
                })
            })
        })
        .collect()
}

/// Lists `rows` in `pane`, selecting `keep` when it is listed, else the
/// first row.
fn show_rows(state: &mut State, pane: Pane, keep: Option<usize>) {
    let (len, h) = (state.main.len(pane), pane_height(state, pane));
    state
        .main
        .cursor_mut(pane)
        .select(keep.unwrap_or(0), len, h);
}

pub(crate) fn refresh_parties(state: &mut State) {
    let keep = state
        .main
        .party_rows
        .get(state.main.parties.selected)
        .copied();
    let rows: Vec<Option<PartyIx>> = std::iter::once(None)
        .chain(state.data.ds.parties.keys().map(Some))
        .collect();
    let rows = filtered(state, Pane::Parties, rows, |r| r.map(ItemRef::from));
    let at = keep.and_then(|k| rows.iter().position(|&r| r == k));
    state.main.party_rows = rows;
    show_rows(state, Pane::Parties, at);
    refresh_issues(state);
}

/// Recomputes the issue rows for the selected party, keeping the selected
/// issue when it is still listed.
pub(super) fn refresh_issues(state: &mut State) {
    let data = &state.data;
    let current = state.main.issue();
    let chosen = state.main.chosen_issue;
    let rows: Vec<(IssueIx, usize)> = match state.main.party() {
        None => data.issue_tree.clone(),
        Some(p) => {
            // The issues the party holds positions on, and their parents,
            // so the hierarchy never hangs under nothing. Walking up stops
            // at an issue already listed: each issue is visited once.
            let mut held = vec![false; data.ds.issues.len()];
            for &pos in &data.index.positions_by_party[p] {
                let mut at = data.index.issue_of[pos];
                while let Some(i) = at
                    && !std::mem::replace(&mut held[i.get()], true)
                {
                    at = data.index.parent[i];
                }
            }
            data.issue_tree
                .iter()
                .copied()
                .filter(|&(i, _)| held[i.get()])
                .collect()
        }
    };
    let rows = filtered(state, Pane::Issues, rows, |(i, _)| Some(i.into()));
    let at = [chosen, current]
        .into_iter()
        .flatten()
        .find_map(|k| rows.iter().position(|&(i, _)| i == k));
    state.main.issue_rows = rows;
    show_rows(state, Pane::Issues, at);
    refresh_positions(state);
}

pub(super) fn refresh_positions(state: &mut State) {
    let data = &state.data;
    let keep = state.main.position();
    let party = state.main.party();
    // An issue lists its sub-issues' positions too, grouped by sub-issue
    // in tree order, each group in date order.
    let rows: Vec<PositionIx> = match state.main.issue() {
        None => Vec::new(),
        Some(issue) => data
            .subtree(issue)
            .iter()
            .flat_map(|&(i, _)| data.index.positions_by_issue[i].iter().copied())
            .filter(|&pos| party.is_none_or(|p| data.index.party_of[pos] == Some(p)))
            .collect(),
    };
    let rows = filtered(state, Pane::Positions, rows, |p| Some(p.into()));
    let at = keep.and_then(|k| rows.iter().position(|&i| i == k));
    state.main.position_rows = rows;
    show_rows(state, Pane::Positions, at);
    refresh_quotes(state);
}

pub(super) fn refresh_quotes(state: &mut State) {
    let data = &state.data;
    let keep = state.main.quote();
    let rows: Vec<QuoteIx> = state
        .main
        .position()
        .map(|p| data.index.quotes_of[p].to_vec())
        .unwrap_or_default();
    let rows = filtered(state, Pane::Quotes, rows, |q| Some(q.into()));
    let at = keep.and_then(|k| rows.iter().position(|&i| i == k));
    state.main.quote_rows = rows;
    show_rows(state, Pane::Quotes, at);
}

/// Selects `item` in its pane, if it is listed there.
fn select_item(state: &mut State, pane: Pane, item: ItemRef) {
    let at = match item {
        ItemRef::Party(p) => state.main.party_rows.iter().position(|&r| r == Some(p)),
        ItemRef::Issue(i) => state.main.issue_rows.iter().position(|&(r, _)| r == i),
        ItemRef::Position(p) => state.main.position_rows.iter().position(|&r| r == p),
        ItemRef::Quote(q) => state.main.quote_rows.iter().position(|&r| r == q),
        _ => None,
    };
    if let Some(at) = at {
        move_in(state, pane, |cur, len, h| cur.select(at, len, h));
    }
}

/// The browser selection that leads to `item`: (party, issue, position,
/// quote) and the pane to focus.
type Path = [Option<ItemRef>; 4];

fn path_to(state: &State, item: ItemRef) -> (Path, Pane) {
    let ix = &state.data.index;
    let issue_of = |p: PositionIx| ix.issue_of[p].map(ItemRef::from);
    match item {
        ItemRef::Party(_) => ([Some(item), None, None, None], Pane::Parties),
        ItemRef::Person(p) => {
            let party = ix.party(&state.data.ds.people[p].party);
            ([party.map(ItemRef::from), None, None, None], Pane::Parties)
        }
        ItemRef::Issue(_) => ([None, Some(item), None, None], Pane::Issues),
        ItemRef::Position(p) => ([None, issue_of(p), Some(item), None], Pane::Positions),
        ItemRef::Quote(q) => {
            let position = ix.citing_positions[q].first().copied();
            (
                [
                    None,
                    position.and_then(issue_of),
                    position.map(ItemRef::from),
                    Some(item),
                ],
                Pane::Quotes,
            )
        }
        ItemRef::Source(_) | ItemRef::Event(_) => ([None; 4], Pane::Parties),
    }
}

/// Selects, pane by pane, the items of `path` that are listed.
fn select_path(state: &mut State, path: Path) {
    for (pane, item) in Pane::ALL.into_iter().zip(path) {
        if let Some(item) = item {
            select_item(state, pane, item);
        }
    }
}

/// Shows an item in the browser: clears filters, selects the party, issue,
/// position and quote that lead to it, and focuses its pane.
pub(super) fn reveal(state: &mut State, item: ItemRef) {
    state.main.filters = Default::default();
    state.main.parties = Cursor::default();
    refresh_parties(state);
    let (path, focus) = path_to(state, item);
    select_path(state, path);
    state.main.focus = focus;
}

/// Rebuilds the panes after the dataset changed, selecting the same items
/// (already remapped to the new dataset) where they still exist and
/// keeping the filters, focus and scroll.
pub(super) fn rebuild(state: &mut State, path: Path) {
    let offsets = Pane::ALL.map(|p| state.main.cursor(p).offset);
    state.main.party_rows.clear();
    state.main.issue_rows.clear();
    state.main.position_rows.clear();
    state.main.quote_rows.clear();
    for pane in Pane::ALL {
        *state.main.cursor_mut(pane) = Cursor::default();
    }
    refresh_parties(state);
    select_path(state, path);
    for (pane, offset) in Pane::ALL.into_iter().zip(offsets) {
        let (len, h) = (state.main.len(pane), pane_height(state, pane));
        let cursor = state.main.cursor_mut(pane);
        cursor.offset = offset;
        cursor.scroll_into_view(len, h);
    }
}
