//! The timeline: days, events, dated positions and the moves between
//! them, with the selected entry in full beside it.

use super::hints::Hints;
use super::preview::{self, Preview};
use crate::analysis::{Entry, Narrow, date_text};
use crate::app::{State, TimelineView};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// One entry as a line of the list.
pub fn line<'a>(state: &'a State, entry: Entry, theme: Theme) -> Line<'a> {
    let (ds, ix) = (&state.data.ds, &state.data.index);
    match entry {
        Entry::Day(date) => Line::styled(date_text(date), theme.strong()),
        Entry::Undated => Line::styled("Undated", theme.strong()),
        Entry::Event(e) => {
            let ev = &ds.events[e];
            let mut spans = vec![Span::styled("  ◆ ", theme.key())];
            spans.extend(super::anchor::fault(state, e.into(), theme));
            spans.push(Span::styled(ev.title.as_str(), theme.strong()));
            Line::from(spans)
        }
        Entry::Position(p) => {
            let pos = &ds.positions[p];
            let mut spans = vec![Span::raw("  ")];
            spans.extend(super::anchor::fault(state, p.into(), theme));
            spans.push(Span::styled(
                format!("{} {} ", pos.stance.glyph(), pos.stance.label()),
                theme.stance(pos.stance),
            ));
            spans.push(Span::styled(ix.party_name(ds, &pos.party), theme.strong()));
            if pos.reported_by.is_some() {
                spans.push(Span::styled(super::panes::REPORTED, theme.key()));
            }
            spans.push(Span::styled(
                format!(" · {}: ", ix.issue_title(ds, &pos.issue)),
                theme.dim(),
            ));
            spans.push(Span::raw(pos.summary.as_str()));
            Line::from(spans)
        }
        Entry::Change { from, to, moved } => {
            let (a, b) = (&ds.positions[from], &ds.positions[to]);
            let word = if moved { "moved" } else { "held" };
            let style = if moved { theme.key() } else { theme.dim() };
            Line::from(vec![
                Span::styled(format!("  ↪ {word} "), style),
                Span::raw(format!(
                    "{} · {}: {} → {} ({} → {})",
                    ix.party_name(ds, &b.party),
                    ix.issue_title(ds, &b.issue),
                    a.stance.label(),
                    b.stance.label(),
                    a.date.as_deref().unwrap_or("?"),
                    b.date.as_deref().unwrap_or("?"),
                )),
            ])
        }
    }
}

pub fn render(f: &mut Frame, area: Rect, state: &State, view: &TimelineView, theme: Theme) {
    let a = layout::timeline(area);
    let data = &state.data;
    let scope = match view.narrow {
        Narrow::All => "everything".to_string(),
        Narrow::Party(p) => data.ds.parties[p].name.clone(),
        Narrow::Issue(i) => data.ds.issues[i].title.clone(),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            format!(" Timeline · {scope} ({}) ", view.entries.len()),
            theme.title(true),
        ));
    let inner = block.inner(a.table);
    f.render_widget(block, a.table);
    let buf = f.buffer_mut();
    let shown = view.cursor.offset..view.entries.len();
    for (y, k) in (inner.y..inner.bottom()).zip(shown) {
        let row = Rect::new(inner.x, y, inner.width, 1);
        if k == view.cursor.selected {
            buf.set_style(row, theme.selected(true));
        }
        buf.set_line(
            inner.x,
            y,
            &line(state, view.entries[k], theme),
            inner.width,
        );
    }
    if view.entries.is_empty() {
        buf.set_line(
            inner.x,
            inner.y,
            &Line::styled("nothing dated here", theme.dim()),
            inner.width,
        );
    }
    match view.entry() {
        Some(Entry::Change { from, to, moved }) => {
            change(f, a.detail, state, (from, to, moved), theme)
        }
        Some(Entry::Event(e)) => {
            preview::render(f, a.detail, state, Preview::Item(e.into()), theme)
        }
        Some(Entry::Position(p)) => {
            preview::render(f, a.detail, state, Preview::Item(p.into()), theme)
        }
        _ => preview::render(f, a.detail, state, Preview::Nothing, theme),
    }
    let hints = Hints::new(&state.keymap, Mode::Timeline)
        .hint(&[Command::Narrow])
        .hint(&[Command::Open])
        .hint(&[Command::Matrix])
        .hint(&[Command::Back])
        .hint(&[Command::ToggleHelp])
        .hint(&[Command::FilterMenu]);
    let footer = super::status::notice(state, theme).unwrap_or_else(|| {
        let mut spans = super::menus::chips(state, theme);
        spans.push(Span::styled(format!(" {}", hints.text()), theme.dim()));
        Line::from(spans)
    });
    f.render_widget(footer, a.footer);
}

/// A move or a hold in full: the line, then both positions.
fn change(
    f: &mut Frame,
    area: Rect,
    state: &State,
    (from, to, moved): (crate::model::PositionIx, crate::model::PositionIx, bool),
    theme: Theme,
) {
    let ds = &state.data.ds;
    let mut lines = vec![
        line(state, Entry::Change { from, to, moved }, theme),
        Line::raw(""),
    ];
    for (label, p) in [("before", from), ("after", to)] {
        let pos = &ds.positions[p];
        lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), theme.dim()),
            Span::styled(
                format!("{} {} ", pos.stance.glyph(), pos.stance.label()),
                theme.stance(pos.stance),
            ),
            Span::styled(pos.date.as_deref().unwrap_or("undated"), theme.dim()),
        ]));
        lines.push(Line::raw(pos.summary.as_str()));
        lines.push(Line::raw(""));
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(
            if moved { " Moved " } else { " Held " },
            theme.title(false),
        ));
    f.render_widget(
        ratatui::widgets::Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}
