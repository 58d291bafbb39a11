//! The four list panes of the main view.

use super::highlight;
use super::list::{FilterLine, ListPane, Row};
use crate::app::{MainOverlay, Pane, Screen, State};
use crate::layout;
use crate::model::ItemRef;
use crate::search::Query;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Marks a position known from someone else's account (`reported_by`).
pub const REPORTED: &str = "†";

/// What a pane's filter highlights: the parsed filter, when there is one.
struct Filter<'s> {
    state: &'s State,
    query: Option<Query>,
    theme: Theme,
}

impl<'s> Filter<'s> {
    fn new(state: &'s State, pane: Pane, theme: Theme) -> Self {
        let text = state.main.filter(pane);
        Filter {
            state,
            query: (!text.trim().is_empty())
                .then(|| state.data.search().filter_query(text, None).ok())
                .flatten(),
            theme,
        }
    }

    /// `text` (the item's first search field) with the filter's matches
    /// highlighted.
    fn spans<'a>(&self, text: &'a str, item: ItemRef, base: Style) -> Vec<Span<'a>> {
        let data = &self.state.data;
        // The search index is asked for only when a filter needs it: the
        // first frame must not wait for it to be built.
        let filtered = self
            .query
            .as_ref()
            .and_then(|q| Some((q, data.search().entry(item)?)));
        let positions = match filtered {
            Some((q, e)) => {
                let first = e.primary().map_or(0..0, |f| f.chars());
                let mut p = data.matcher.positions(&e, q);
                p.retain(|i| first.contains(i));
                p
            }
            _ => Vec::new(),
        };
        highlight::chars(text, &positions, base, self.theme.matched())
    }
}

/// The review mark of an item, as a leading glyph, when reviewing is on.
/// A mark the review file does not have yet is followed by `*`.
fn mark<'a>(state: &State, item: ItemRef, theme: Theme) -> Option<Span<'a>> {
    state.review.as_ref().map(|_| {
        let unsaved = state.is_unsaved(item.kind(), state.data.review_id(item));
        Span::styled(
            format!(
                "{}{}",
                super::review::glyph(state, item),
                if unsaved { super::review::UNSAVED } else { " " }
            ),
            theme.key(),
        )
    })
}

/// The filter line of a pane, and the cursor when it is being typed.
fn filter_line<'a>(
    f: &mut Frame,
    state: &'a State,
    pane: Pane,
    area: Rect,
) -> Option<FilterLine<'a>> {
    let input = match &state.screen {
        Screen::Main(Some(MainOverlay::Filter(input))) if state.main.focus == pane => Some(input),
        _ => None,
    };
    let text = state.main.filter(pane);
    if text.is_empty() && input.is_none() {
        return None;
    }
    if let Some(input) = input {
        let line = layout::filter_line(area);
        let x = line.x + 1 + input.visual_cursor() as u16;
        if x < line.right() {
            f.set_cursor_position(Position::new(x, line.y));
        }
    }
    let typing = input.is_some();
    let error = state.main.filter_errors[pane.index()].as_deref();
    Some(FilterLine {
        text,
        typing,
        error,
    })
}

pub fn parties(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let hl = Filter::new(state, Pane::Parties, theme);
    let main = &state.main;
    let keep = state.narrow.keep.as_deref();
    let pane = ListPane {
        filter: filter_line(f, state, Pane::Parties, area),
        title: format!(" Parties ({}) ", ds.parties.len()),
        focused: main.focus == Pane::Parties,
        cursor: main.parties,
        len: main.party_rows.len(),
        empty: "(no match)",
        theme,
        // Counts are of the positions the chips keep.
        row: |i| match main.party_rows[i] {
            None => Row::new(Span::styled("All parties", theme.strong())).right(Span::styled(
                keep.map_or(ds.positions.len(), |k| k.count()).to_string(),
                theme.dim(),
            )),
            Some(p) => {
                let party = &ds.parties[p];
                let mut spans: Vec<Span> = super::anchor::fault(state, p.into(), theme)
                    .into_iter()
                    .collect();
                spans.extend(hl.spans(&party.name, p.into(), Style::new()));
                spans.push(Span::styled(format!(" {}", party.role), theme.dim()));
                let held = ix.positions_by_party[p]
                    .iter()
                    .filter(|&&pos| keep.is_none_or(|k| k.position(pos)))
                    .count();
                Row::new(Line::from(spans)).right(Span::styled(held.to_string(), theme.dim()))
            }
        },
    };
    f.render_widget(pane, area);
}

pub fn issues(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let main = &state.main;
    let party = main.party();
    let hl = Filter::new(state, Pane::Issues, theme);
    let title = match party {
        Some(p) => format!(
            " Issues · {} ({}) ",
            ds.parties[p].name,
            main.issue_rows.len()
        ),
        None => format!(" Issues ({}) ", main.issue_rows.len()),
    };
    // A narrow pane gets short badges so titles keep some room.
    let short = area.width < 34;
    let pane = ListPane {
        filter: filter_line(f, state, Pane::Issues, area),
        title,
        focused: main.focus == Pane::Issues,
        cursor: main.issues,
        len: main.issue_rows.len(),
        empty: "(no issues)",
        theme,
        row: |row| {
            let (i, depth) = main.issue_rows[row];
            let issue = &ds.issues[i];
            let keep = state.narrow.keep.as_deref();
            let held_by = |i: crate::model::IssueIx| {
                ix.positions_by_issue[i]
                    .iter()
                    .filter(|&&pos| party.is_none_or(|p| ix.party_of[pos] == Some(p)))
                    .filter(|&&pos| keep.is_none_or(|k| k.position(pos)))
                    .count()
            };
            // A parent counts its sub-issues' positions too.
            let held: usize = state.data.subtree(i).iter().map(|&(k, _)| held_by(k)).sum();
            // Listed only to keep the tree whole: the party holds nothing
            // on the issue itself.
            let context_only = (party.is_some() || keep.is_some()) && held_by(i) == 0;
            let badge = if short {
                super::short_status(issue.status)
            } else {
                issue.status.label()
            };
            let mut spans: Vec<Span> = mark(state, i.into(), theme).into_iter().collect();
            spans.extend(super::anchor::fault(state, i.into(), theme));
            spans.push(Span::raw("  ".repeat(depth.min(8))));
            let title_style = if context_only {
                theme.dim()
            } else {
                Style::new()
            };
            let title = hl.spans(&issue.title, i.into(), title_style);
            let squeeze = (title.len() == 1).then_some(spans.len());
            spans.extend(title);
            let row = Row::new(Line::from(spans)).right(Span::styled(
                format!("{badge} {held}"),
                theme.status(issue.status),
            ));
            match squeeze {
                Some(k) => row.squeeze(k),
                None => row,
            }
        },
    };
    f.render_widget(pane, area);
}

pub fn positions(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let main = &state.main;
    let hl = Filter::new(state, Pane::Positions, theme);
    let narrow = area.width < 40;
    let title = match main.issue() {
        Some(i) => format!(
            " Positions · {} ({}) ",
            ds.issues[i].title,
            main.position_rows.len()
        ),
        None => " Positions ".to_string(),
    };
    let pane = ListPane {
        filter: filter_line(f, state, Pane::Positions, area),
        title,
        focused: main.focus == Pane::Positions,
        cursor: main.positions,
        len: main.position_rows.len(),
        empty: "(no positions)",
        theme,
        row: |row| {
            let k = main.position_rows[row];
            let p = &ds.positions[k];
            let party = ix.party_name(ds, &p.party);
            let mut spans: Vec<Span> = mark(state, k.into(), theme).into_iter().collect();
            spans.extend(super::anchor::fault(state, k.into(), theme));
            // A narrow pane keeps the glyph and the party; the stance word
            // is in the preview.
            let stance = if narrow {
                p.stance.glyph().to_string()
            } else {
                format!("{} {}", p.stance.glyph(), p.stance.label())
            };
            spans.push(Span::styled(stance, theme.stance(p.stance)));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(party, theme.strong()));
            if p.reported_by.is_some() {
                spans.push(Span::styled(REPORTED, theme.key()));
            }
            spans.push(Span::raw(" "));
            // Positions on a sub-issue say which, since a parent lists them.
            if let Some(sub) = ix.issue_of[k].filter(|&i| Some(i) != main.issue()) {
                // Short, so the summary keeps most of the row.
                let label = crate::text::elide_middle(&ds.issues[sub].title, 18);
                spans.push(Span::styled(format!("{label}: "), theme.dim()));
            }
            spans.extend(hl.spans(&p.summary, k.into(), Style::new()));
            let date = if narrow {
                ""
            } else {
                p.date.as_deref().unwrap_or("")
            };
            Row::new(Line::from(spans)).right(Span::styled(date, theme.dim()))
        },
    };
    f.render_widget(pane, area);
}

pub fn quotes(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let ds = &state.data.ds;
    let main = &state.main;
    let hl = Filter::new(state, Pane::Quotes, theme);
    let pane = ListPane {
        filter: filter_line(f, state, Pane::Quotes, area),
        title: format!(" Quotes ({}) ", main.quote_rows.len()),
        focused: main.focus == Pane::Quotes,
        cursor: main.quotes,
        len: main.quote_rows.len(),
        empty: "(no quotes)",
        theme,
        row: |row| {
            let k = main.quote_rows[row];
            let q = &ds.quotes[k];
            let mut spans: Vec<Span> = mark(state, k.into(), theme).into_iter().collect();
            spans.extend(super::anchor::fault(state, k.into(), theme));
            spans.push(super::anchor::row_glyph(state, k, theme));
            spans.push(Span::raw("“"));
            spans.extend(hl.spans(&q.text, k.into(), Style::new()));
            spans.push(Span::raw("”"));
            let who = super::speaker_name(state, q);
            let source = super::source_of(state, q).map(|s| s.title.as_str());
            let cite: Vec<&str> = who.into_iter().chain(source).collect();
            if !cite.is_empty() {
                spans.push(Span::styled(
                    format!(" — {}", cite.join(" · ")),
                    theme.dim(),
                ));
            }
            Row::new(Line::from(spans))
        },
    };
    f.render_widget(pane, area);
}
