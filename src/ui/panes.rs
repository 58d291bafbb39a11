//! The four list panes of the main view.

use super::list::{ListPane, Row};
use super::theme::Theme;
use crate::app::{Pane, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

fn count(n: usize) -> String {
    n.to_string()
}

pub fn parties(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let pane = ListPane {
        title: format!(" Parties ({}) ", ds.parties.len()),
        focused: state.main.focus == Pane::Parties,
        cursor: state.main.parties,
        len: ds.parties.len() + 1,
        empty: "",
        theme,
        row: |i| match i.checked_sub(1) {
            None => Row::new(Span::styled("All parties", theme.strong()))
                .right(Span::styled(count(ds.positions.len()), theme.dim())),
            Some(p) => {
                let party = &ds.parties[p];
                Row::new(Line::from(vec![
                    Span::raw(party.name.as_str()),
                    Span::styled(format!(" {}", party.role), theme.dim()),
                ]))
                .right(Span::styled(
                    count(ix.positions_by_party[p].len()),
                    theme.dim(),
                ))
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
        title,
        focused: main.focus == Pane::Issues,
        cursor: main.issues,
        len: main.issue_rows.len(),
        empty: "(no issues)",
        theme,
        row: |row| {
            let (i, depth) = main.issue_rows[row];
            let issue = &ds.issues[i];
            let held = ix.positions_by_issue[i]
                .iter()
                .filter(|&&pos| {
                    party.is_none_or(|p| ix.parties.get(&ds.positions[pos].party) == Some(&p))
                })
                .count();
            let badge = if short {
                super::short_status(issue.status)
            } else {
                issue.status.label()
            };
            Row::new(Line::from(vec![
                Span::raw("  ".repeat(depth.min(8))),
                Span::raw(issue.title.as_str()),
            ]))
            .right(Span::styled(
                format!("{badge} {held}"),
                theme.status(issue.status),
            ))
        },
    };
    f.render_widget(pane, area);
}

pub fn positions(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let main = &state.main;
    let title = match main.issue() {
        Some(i) => format!(
            " Positions · {} ({}) ",
            ds.issues[i].title,
            main.position_rows.len()
        ),
        None => " Positions ".to_string(),
    };
    let pane = ListPane {
        title,
        focused: main.focus == Pane::Positions,
        cursor: main.positions,
        len: main.position_rows.len(),
        empty: "(no positions)",
        theme,
        row: |row| {
            let p = &ds.positions[main.position_rows[row]];
            let party = ix
                .parties
                .get(&p.party)
                .map_or(p.party.as_str(), |&k| ds.parties[k].name.as_str());
            let stance = theme.stance(p.stance);
            Row::new(Line::from(vec![
                Span::styled(format!("{} {}", p.stance.glyph(), p.stance.label()), stance),
                Span::raw(" "),
                Span::styled(party, theme.strong()),
                Span::raw(" "),
                Span::raw(p.summary.as_str()),
            ]))
            .right(Span::styled(p.date.as_deref().unwrap_or(""), theme.dim()))
        },
    };
    f.render_widget(pane, area);
}

pub fn quotes(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let ds = &state.data.ds;
    let main = &state.main;
    let pane = ListPane {
        title: format!(" Quotes ({}) ", main.quote_rows.len()),
        focused: main.focus == Pane::Quotes,
        cursor: main.quotes,
        len: main.quote_rows.len(),
        empty: "(no quotes)",
        theme,
        row: |row| {
            let q = &ds.quotes[main.quote_rows[row]];
            let mut spans = vec![Span::raw(format!("“{}”", q.text))];
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
