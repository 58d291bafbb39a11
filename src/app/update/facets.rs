//! The filter menu and the chips it makes: choosing a value adds its
//! clause as a chip at once, so the counts, and every view behind the
//! menu, follow each choice.

use super::super::jumps::Location;
use super::super::menus::{FacetMenu, MenuRow};
use super::super::narrowing::{self, Narrowing};
use super::super::state::{Screen, State};
use super::super::views::{MatrixView, TimelineView};
use super::{Effect, browse, jump};
use crate::command::Command;
use crate::layout;
use crate::model::ItemRef;
use crate::search::facet::{self, Facet, ValueCount};

pub(super) fn open(state: &mut State) {
    let back = Box::new(state.location());
    let menu = build(state, back, None);
    state.screen = Screen::Facets(menu);
}

/// The menu for the chips in force, the cursor on `at` (a clause) when
/// it is still listed.
fn build(state: &State, back: Box<Location>, at: Option<&str>) -> FacetMenu {
    let data = &state.data;
    let search = data.search();
    let positions: Vec<usize> = data
        .ds
        .positions
        .keys()
        .map(|p| search.position(ItemRef::from(p)))
        .collect();
    let query = state.narrow.query();
    let marks = state
        .review
        .as_ref()
        .map(|r| std::sync::Arc::new(r.marks(data)));
    let q = search.query(&query, marks).unwrap_or_default();
    let mut counts = facet::counts::count(search, &q, &positions);
    // A chosen value no position has any more still needs a row, to be
    // unchosen.
    for chip in &state.narrow.chips {
        let clause = chip.trim_start_matches(['-', '!']);
        if counts
            .iter()
            .any(|f| f.values.iter().any(|v| v.clause == clause))
        {
            continue;
        }
        let name = clause.split(':').next().unwrap_or("");
        let facet = Facet::ALL
            .into_iter()
            .find(|f| f.qualifier().name() == name)
            .unwrap_or(Facet::Party);
        let value = ValueCount {
            label: clause.to_string(),
            clause: clause.to_string(),
            count: 0,
        };
        match counts.iter_mut().find(|f| f.facet == facet) {
            Some(f) => f.values.push(value),
            None => counts.push(facet::FacetCount {
                facet,
                values: vec![value],
            }),
        }
    }
    let mut rows = Vec::new();
    for (f, fc) in counts.iter().enumerate() {
        rows.push(MenuRow::Facet(f));
        rows.extend((0..fc.values.len()).map(|v| MenuRow::Value(f, v)));
    }
    let kept = match &state.narrow.keep {
        Some(k) => k.count(),
        None => data.ds.positions.len(),
    };
    let mut menu = FacetMenu {
        back,
        counts,
        rows,
        cursor: Default::default(),
        kept,
        total: data.ds.positions.len(),
    };
    let first_value = menu
        .rows
        .iter()
        .position(|r| matches!(r, MenuRow::Value(..)));
    let wanted = at.and_then(|clause| {
        menu.rows.iter().position(|r| match r {
            MenuRow::Value(f, v) => menu.counts[*f].values[*v].clause == clause,
            MenuRow::Facet(_) => false,
        })
    });
    let height = list_height(state);
    let len = menu.rows.len();
    menu.cursor
        .select(wanted.or(first_value).unwrap_or(0), len, height);
    menu
}

fn list_height(state: &State) -> usize {
    usize::from(layout::menu(state.area()).list.height)
}

/// How a value is chosen: as a chip, or excluded (`-clause`).
fn toggle(chips: &mut Vec<String>, clause: &str, exclude: bool) {
    let negated = format!("-{clause}");
    let (this, other) = if exclude {
        (negated.as_str(), clause)
    } else {
        (clause, negated.as_str())
    };
    let had = chips.iter().any(|c| c == this);
    chips.retain(|c| c != this && c != other);
    if !had {
        chips.push(this.to_string());
    }
}

/// Sets one end of the date range chip, keeping the other.
fn date_bound(chips: &mut Vec<String>, clause: &str, from: bool) {
    let Some(day) = clause.strip_prefix("date:") else {
        return;
    };
    let mut lower: Option<String> = None;
    let mut upper: Option<String> = None;
    chips.retain(|c| {
        let Some(v) = c.strip_prefix("date:") else {
            return true;
        };
        if let Some((a, b)) = v.split_once("..") {
            lower = Some(a.to_string()).filter(|s| !s.is_empty());
            upper = Some(b.to_string()).filter(|s| !s.is_empty());
            false
        } else if let Some(a) = v.strip_prefix(">=") {
            lower = Some(a.to_string());
            false
        } else if let Some(b) = v.strip_prefix("<=") {
            upper = Some(b.to_string());
            false
        } else {
            true
        }
    });
    if from {
        lower = Some(day.to_string());
    } else {
        upper = Some(day.to_string());
    }
    chips.push(format!(
        "date:{}..{}",
        lower.unwrap_or_default(),
        upper.unwrap_or_default()
    ));
}

/// Replaces the chips and brings every view up to date with them.
pub(super) fn set_chips(state: &mut State, chips: Vec<String>) {
    let marks = narrowing::marks_for(&chips.join(" "), state.review.as_ref(), &state.data);
    let (narrow, dropped) = Narrowing::resolve(chips, &state.data, marks);
    state.narrow = narrow;
    if dropped.is_some() {
        state.message = dropped;
    }
    refresh_views(state);
}

/// Rebuilds what the chips narrow: the browser's rows and the matrix or
/// timeline on screen, keeping the cursor on the same item where it is
/// still listed.
pub(super) fn refresh_views(state: &mut State) {
    browse::refresh_parties(state);
    let keep = state.narrow.keep.clone();
    match &state.screen {
        Screen::Matrix(view) => {
            let mut new = MatrixView::new(&state.data, view.order, keep.as_deref());
            new.select(view.issue(), view.party());
            super::matrix::fit(state, &mut new);
            state.screen = Screen::Matrix(new);
        }
        Screen::Timeline(view) => {
            let mut new = TimelineView::new(&state.data, view.narrow, keep.as_deref());
            let at = view
                .entry()
                .and_then(|e| new.entries.iter().position(|&x| x == e))
                .unwrap_or(0);
            new.cursor.select(at, new.entries.len(), 1);
            state.screen = Screen::Timeline(new);
        }
        _ => {}
    }
    jump::fit_to_window(state);
}

/// Closes the menu, back where it was opened, with the views there
/// narrowed by the chips chosen.
fn close(state: &mut State, menu: &FacetMenu) {
    jump::restore(state, (*menu.back).clone());
    refresh_views(state);
}

/// Moves to the next value row in `dir`, over headings.
fn step(menu: &mut FacetMenu, from: usize, dir: isize, height: usize) {
    let len = menu.rows.len();
    let mut at = from;
    loop {
        let next = at.saturating_add_signed(dir).min(len.saturating_sub(1));
        if next == at {
            break;
        }
        at = next;
        if matches!(menu.rows[at], MenuRow::Value(..)) {
            menu.cursor.select(at, len, height);
            return;
        }
    }
}

/// The heading row of the facet `dir` sections away, then its first value.
fn section(menu: &mut FacetMenu, dir: isize, height: usize) {
    let here = match menu.rows.get(menu.cursor.selected) {
        Some(MenuRow::Value(f, _) | MenuRow::Facet(f)) => *f as isize,
        None => 0,
    };
    let n = menu.counts.len() as isize;
    if n == 0 {
        return;
    }
    let target = (here + dir).rem_euclid(n) as usize;
    if let Some(at) = menu
        .rows
        .iter()
        .position(|r| *r == MenuRow::Value(target, 0))
    {
        let len = menu.rows.len();
        menu.cursor.select(at, len, height);
        // Show the heading above it too.
        menu.cursor.offset = menu.cursor.offset.min(at.saturating_sub(1));
    }
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let Screen::Facets(menu) = &state.screen else {
        return None;
    };
    let mut menu = menu.clone();
    let height = list_height(state);
    let at = menu.cursor.selected;
    match c {
        Command::Down => step(&mut menu, at, 1, height),
        Command::Up => step(&mut menu, at, -1, height),
        Command::PageDown => step(&mut menu, at + height.saturating_sub(1), 1, height),
        Command::PageUp => step(
            &mut menu,
            at.saturating_sub(height.saturating_sub(1)),
            -1,
            height,
        ),
        Command::First => step(&mut menu, 0, 1, height),
        Command::Last => {
            let end = menu.rows.len();
            step(&mut menu, end, -1, height)
        }
        Command::NextSection => section(&mut menu, 1, height),
        Command::PrevSection => section(&mut menu, -1, height),
        Command::Toggle | Command::Exclude | Command::FromDate | Command::UntilDate => {
            let clause = menu.clause().map(str::to_string)?;
            let mut chips = state.narrow.chips.clone();
            match c {
                Command::FromDate | Command::UntilDate if clause.starts_with("date:") => {
                    date_bound(&mut chips, &clause, c == Command::FromDate);
                }
                Command::FromDate | Command::UntilDate => {
                    state.message = Some("from and until apply to dates".into());
                    return None;
                }
                _ => toggle(&mut chips, &clause, c == Command::Exclude),
            }
            set_chips(state, chips);
            let offset = menu.cursor.offset;
            let mut new = build(state, menu.back, Some(&clause));
            new.cursor.offset = offset;
            let len = new.rows.len();
            new.cursor.scroll_into_view(len, height);
            menu = new;
        }
        Command::ClearChips => {
            set_chips(state, Vec::new());
            let at = menu.clause().map(str::to_string);
            menu = build(state, menu.back, at.as_deref());
        }
        Command::Back => {
            close(state, &menu);
            return None;
        }
        _ => return None,
    }
    state.screen = Screen::Facets(menu);
    None
}

/// The keys every narrowed screen (browser, matrix, timeline) has: the
/// filter menu, clearing the chips, the saved views.
pub(super) fn narrowing_command(state: &mut State, c: Command) {
    match c {
        Command::FilterMenu => open(state),
        Command::ClearChips => clear(state),
        Command::Views => super::views::open(state),
        _ => {}
    }
}

/// `C` outside the menu: every chip goes.
fn clear(state: &mut State) {
    if state.narrow.is_empty() {
        return;
    }
    set_chips(state, Vec::new());
    state.message = Some("filters cleared".into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choosing_excluding_and_unchoosing() {
        let mut chips = Vec::new();
        toggle(&mut chips, "party:ru", false);
        assert_eq!(chips, ["party:ru"]);
        toggle(&mut chips, "party:ru", true);
        assert_eq!(chips, ["-party:ru"]);
        toggle(&mut chips, "party:ru", true);
        assert!(chips.is_empty());
    }

    #[test]
    fn date_bounds_make_one_range() {
        let mut chips = vec!["party:ru".to_string()];
        date_bound(&mut chips, "date:2022-03-20", true);
        assert_eq!(chips, ["party:ru", "date:2022-03-20.."]);
        date_bound(&mut chips, "date:2022-03-29", false);
        assert_eq!(chips, ["party:ru", "date:2022-03-20..2022-03-29"]);
        date_bound(&mut chips, "date:2022-03-21", true);
        assert_eq!(chips, ["party:ru", "date:2022-03-21..2022-03-29"]);
    }
}
