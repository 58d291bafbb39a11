//! The search palette: query, results with their matches highlighted, and
//! a preview of the selected result. Only visible rows are built.

use super::highlight;
use super::hints::Hints;
use super::preview::{self, Preview};
use crate::app::{Palette, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;
use crate::search::Query;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn render(f: &mut Frame, area: Rect, state: &State, palette: &Palette, theme: Theme) {
    let a = layout::palette(area);
    f.render_widget(Clear, a.popup);
    let data = &state.data;
    let search = data.search();

    let scope = palette.scope.map_or("all", |k| k.plural());
    let scope = if palette.chips.is_empty() {
        scope.to_string()
    } else {
        format!("{scope} · {}", palette.chips)
    };
    let total = search.count(palette.hits_scope);
    let counter = format!(
        " {}{}/{} ",
        if palette.pending() { "… " } else { "" },
        thousands(palette.hits.len()),
        thousands(total)
    );
    let input = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            format!(" Search · {scope} "),
            theme.title(true),
        ))
        .title(Line::styled(counter, theme.dim()).right_aligned());
    let text = Line::from(vec![
        Span::styled("> ", theme.key()),
        Span::raw(palette.input.value()),
    ]);
    f.render_widget(Paragraph::new(text).block(input), a.input);
    let x = a.input.x + 3 + palette.input.visual_cursor() as u16;
    if x < a.input.right() - 1 {
        f.set_cursor_position(Position::new(x, a.input.y + 1));
    }

    let hints = Hints::new(&state.keymap, Mode::Search)
        .hint(&[Command::NextScope])
        .hint(&[Command::Open])
        .hint(&[Command::Back]);
    let list = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title_bottom(Span::styled(format!(" {} ", hints.text()), theme.dim()));
    f.render_widget(list, a.list);
    let parsed;
    let q: &Query = match &palette.hits_parsed {
        Some(q) => q,
        None => {
            parsed = Query::parse(&palette.hits_query);
            &parsed
        }
    };
    let rows = a.results;
    let visible = palette.cursor.offset
        ..palette
            .hits
            .len()
            .min(palette.cursor.offset + usize::from(rows.height));
    let buf = f.buffer_mut();
    for (y, i) in (rows.y..).zip(visible) {
        let Some(e) = search.entry(palette.hits[i].item) else {
            continue;
        };
        let positions = data.matcher.positions(&e, q);
        let field = e.field_at(&positions);
        let mut spans = vec![Span::styled(
            format!("{:<9}", e.kind().as_str()),
            theme.dim(),
        )];
        spans.extend(super::anchor::fault(state, e.item, theme));
        // A match outside the item's main text (an alias, a speaker, the
        // party of a position) leads, named, so the row says why it is
        // there; the main text follows.
        let primary = e.primary();
        let local = |f: &crate::search::entries::Field| -> Vec<usize> {
            let chars = f.chars();
            positions
                .iter()
                .filter(|p| chars.contains(p))
                .map(|p| p - chars.start)
                .collect()
        };
        let why = (primary != Some(field) && !positions.is_empty()).then_some(field);
        if let Some(f) = why {
            spans.push(Span::styled(format!("{}: ", f.name()), theme.dim()));
            spans.extend(owned(highlight::chars(
                &e.field_text(&f),
                &local(&f),
                theme.dim(),
                theme.matched(),
            )));
            spans.push(Span::raw("  "));
        }
        if let Some(p) = primary {
            spans.extend(owned(highlight::chars(
                &e.field_text(&p),
                &local(&p),
                Style::new(),
                theme.matched(),
            )));
        }
        if why.is_none() && !e.context().is_empty() {
            spans.push(Span::styled(format!("  {}", e.context()), theme.dim()));
        }
        let row = Rect {
            y,
            height: 1,
            ..rows
        };
        if i == palette.cursor.selected {
            buf.set_style(row, theme.selected(true));
        }
        buf.set_line(row.x, y, &Line::from(spans), row.width);
    }
    if let Some(error) = &palette.error {
        // Wrapped: the message names the qualifier and its suggestion.
        let text = Paragraph::new(Line::styled(format!("✗ {error}"), theme.error()))
            .wrap(ratatui::widgets::Wrap { trim: true });
        f.render_widget(text, rows);
    } else if palette.hits.is_empty() && !palette.pending() {
        buf.set_line(
            rows.x,
            rows.y,
            &Line::styled("no match", theme.dim()),
            rows.width,
        );
    }

    let target = palette
        .hits
        .get(palette.cursor.selected)
        .map_or(Preview::Nothing, |h| Preview::Item(h.item));
    preview::render(f, a.preview, state, target, theme);
}

/// Spans that own their text: an index keeps most texts lowercased and
/// gives back the text shown as a new string.
fn owned(spans: Vec<Span<'_>>) -> impl Iterator<Item = Span<'static>> {
    spans
        .into_iter()
        .map(|s| Span::styled(s.content.into_owned(), s.style))
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1234), "1,234");
        assert_eq!(super::thousands(100_000), "100,000");
    }
}
