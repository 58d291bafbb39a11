//! The position matrix: issues down, parties across, each cell the party's
//! latest stance as a glyph and a word, so it reads without colour too.

use super::hints::Hints;
use super::preview;
use crate::analysis::{self, short_stance};
use crate::app::{MatrixView, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;
use crate::model::{PartyIx, PositionIx};
use crate::text::elide_middle;

use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Marks a cell whose latest position is someone else's account.
pub const REPORTED: &str = "†";
/// Marks a cell where an earlier position took another stance.
pub const MOVED: &str = "Δ";

/// A party's name in `width` columns: whole, else its shortest alias that
/// fits, else its name with the middle cut out.
pub fn short_name(state: &State, party: PartyIx, width: usize) -> String {
    let p = &state.data.ds.parties[party];
    if p.name.width() <= width {
        return p.name.clone();
    }
    p.aliases
        .iter()
        .filter(|a| a.width() <= width && a.chars().count() >= 2)
        .min_by_key(|a| a.width())
        .cloned()
        .unwrap_or_else(|| elide_middle(&p.name, width))
}

pub fn render(f: &mut Frame, area: Rect, state: &State, view: &MatrixView, theme: Theme) {
    let a = layout::matrix(area);
    let data = &state.data;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            format!(
                " Matrix · {} issues × {} parties · by {} ",
                view.rows.len(),
                view.cols.len(),
                view.order.label()
            ),
            theme.title(true),
        ));
    f.render_widget(block, a.table);
    let inner = a.table.inner(ratatui::layout::Margin::new(1, 1));
    let (issue_w, cell_w, fit) = layout::matrix_columns(a.table, view.cols.len());
    let shown = view.col_offset..view.cols.len().min(view.col_offset + fit);
    let buf = f.buffer_mut();

    // The header: the pinned column's title, then the parties shown, with
    // arrows where more columns are off screen.
    let mut header = vec![Span::styled(
        format!("{:<w$}", "Issue", w = usize::from(issue_w)),
        theme.dim(),
    )];
    for k in shown.clone() {
        let name = short_name(state, view.cols[k], usize::from(cell_w) - 1);
        let style = if k == view.col {
            theme.key()
        } else {
            theme.strong()
        };
        header.push(Span::styled(
            format!("{:<w$}", name, w = usize::from(cell_w)),
            style,
        ));
    }
    buf.set_line(inner.x, inner.y, &Line::from(header), inner.width);
    if view.col_offset > 0 {
        buf.set_string(inner.x + issue_w - 1, inner.y, "‹", theme.key());
    }
    if shown.end < view.cols.len() {
        buf.set_string(inner.right().saturating_sub(1), inner.y, "›", theme.key());
    }

    let rows = layout::matrix_rows(a.table);
    let shown_rows: Vec<usize> = (view.row_offset..view.rows.len())
        .take(usize::from(rows.height))
        .collect();
    // Titles shortened together, so the rows on screen stay distinct.
    let room = |depth: usize, badge: &str| {
        usize::from(issue_w).saturating_sub("  ".repeat(depth.min(4)).width() + badge.width() + 2)
    };
    let wanted: Vec<(&str, usize)> = shown_rows
        .iter()
        .map(|&r| {
            let (issue, depth) = view.rows[r];
            let i = &data.ds.issues[issue];
            (i.title.as_str(), room(depth, super::short_status(i.status)))
        })
        .collect();
    let titles = crate::text::elide_distinct(&wanted);
    for ((y, &r), short) in (rows.y..rows.bottom()).zip(&shown_rows).zip(titles) {
        let (issue, depth) = view.rows[r];
        let i = &data.ds.issues[issue];
        let indent = "  ".repeat(depth.min(4));
        let badge = super::short_status(i.status);
        let fault = if super::anchor::faulty(state, issue.into()) {
            format!("{} ", super::anchor::FAULT)
        } else {
            String::new()
        };
        let title = format!("{indent}{fault}{short} ");
        let title_style = if r == view.row {
            theme.strong()
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(
                format!(
                    "{:<w$}",
                    title,
                    w = usize::from(issue_w) - badge.width() - 1
                ),
                title_style,
            ),
            Span::styled(format!("{badge} "), theme.status(i.status)),
        ];
        for k in shown.clone() {
            let text =
                match analysis::cell_in(data, issue, view.cols[k], state.narrow.keep.as_deref()) {
                    Some(cell) => {
                        // The markers go right after the glyph, where a narrow
                        // cell cannot cut them off.
                        let stance = data.ds.positions[cell.latest].stance;
                        let mut t = stance.glyph().to_string();
                        if cell
                            .positions
                            .iter()
                            .any(|&p| super::anchor::faulty(state, p.into()))
                        {
                            t.push_str(super::anchor::FAULT);
                        }
                        if cell.reported {
                            t.push_str(REPORTED);
                        }
                        if cell.moved {
                            t.push_str(MOVED);
                        }
                        t.push(' ');
                        t.push_str(short_stance(stance));
                        Span::styled(
                            format!(
                                "{:<w$}",
                                crate::text::truncate_end(&t, usize::from(cell_w) - 1),
                                w = usize::from(cell_w)
                            ),
                            theme.stance(stance),
                        )
                    }
                    // No position: an empty cell.
                    None => Span::raw(" ".repeat(usize::from(cell_w))),
                };
            spans.push(text);
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
        // The cell in focus, reversed; its row and column are marked by the
        // bold title and the highlighted header.
        if r == view.row && shown.contains(&view.col) {
            let x = inner.x + issue_w + (view.col - view.col_offset) as u16 * cell_w;
            let cell = Rect::new(x, y, cell_w.min(inner.right().saturating_sub(x)), 1);
            buf.set_style(cell, theme.selected(true));
        }
    }

    detail(f, a.detail, state, view, theme);

    let mut hints = Hints::new(&state.keymap, Mode::Matrix)
        .hint(&[Command::CycleOrder])
        .hint(&[Command::Open])
        .hint(&[Command::Timeline])
        .hint(&[Command::Back])
        .hint(&[Command::ToggleHelp])
        .hint(&[Command::FilterMenu])
        .text();
    if let Some(p) = view.party() {
        hints = format!(
            " {} · {hints} · {REPORTED} reported · {MOVED} moved",
            data.ds.parties[p].name
        );
    }
    let footer = super::status::notice(state, theme).unwrap_or_else(|| {
        let mut spans = super::menus::chips(state, theme);
        spans.push(Span::styled(hints, theme.dim()));
        Line::from(spans)
    });
    f.render_widget(footer, a.footer);
}

/// One position of a cell, dated, with its quotes: `rows` lines at most.
fn position_lines<'a>(
    state: &'a State,
    cell: &analysis::Cell,
    p: PositionIx,
    rows: usize,
    theme: Theme,
) -> Vec<Line<'a>> {
    let data = &state.data;
    let pos = &data.ds.positions[p];
    let mut lines = vec![Line::raw("")];
    let mut head: Vec<Span> = super::anchor::fault(state, p.into(), theme)
        .into_iter()
        .collect();
    head.extend([
        Span::styled(
            format!("{} ", pos.date.as_deref().unwrap_or("undated")),
            theme.dim(),
        ),
        Span::styled(
            format!("{} {}", pos.stance.glyph(), pos.stance.label()),
            theme.stance(pos.stance),
        ),
    ]);
    if p == cell.latest {
        head.push(Span::styled(" · latest", theme.key()));
    }
    lines.push(Line::from(head));
    lines.extend(preview::provenance(state, p, theme));
    lines.push(Line::raw(pos.summary.as_str()));
    for &q in data.index.quotes_of[p].iter().take(rows) {
        lines.push(Line::styled(
            format!(
                "  {}",
                crate::cite::quote(data, q, pos.reported_by.is_some())
            ),
            theme.dim(),
        ));
    }
    lines
}

/// The positions of the cell in focus, dated, with their quotes, as many
/// as the pane shows.
fn detail(f: &mut Frame, area: Rect, state: &State, view: &MatrixView, theme: Theme) {
    let data = &state.data;
    let (Some(issue), Some(party)) = (view.issue(), view.party()) else {
        return;
    };
    let party_name = &data.ds.parties[party].name;
    let issue_title = &data.ds.issues[issue].title;
    let mut lines = vec![Line::from(vec![
        Span::styled(party_name.as_str(), theme.strong()),
        Span::raw(" on "),
        Span::styled(issue_title.as_str(), theme.strong()),
    ])];
    match analysis::cell_in(data, issue, party, state.narrow.keep.as_deref()) {
        None => lines.push(Line::styled("no position", theme.dim())),
        Some(cell) => {
            // The pane does not scroll, and a cell may hold thousands of
            // positions, a position thousands of quotes: lines past its
            // last row are not built. Each line takes a row at least.
            let rows = usize::from(area.height.saturating_sub(2));
            for (k, &p) in cell.positions.iter().enumerate() {
                let one = position_lines(state, &cell, p, rows, theme);
                let last = k + 1 == cell.positions.len();
                if !last && lines.len() + one.len() >= rows {
                    let left = cell.positions.len() - k;
                    lines.push(Line::styled(format!("… {left} more"), theme.dim()));
                    break;
                }
                lines.extend(one);
            }
        }
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(" Cell ", theme.title(false)));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
