//! A bordered list that builds only its visible rows: a pane of 100,000
//! items costs the same per frame as a pane of ten.

use crate::app::Cursor;
use crate::layout;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

/// One row: text on the left, and an optional note kept flush right.
pub struct Row<'a> {
    pub left: Line<'a>,
    pub right: Option<Span<'a>>,
    /// The span of `left` to shorten in its middle when the row is too
    /// wide, rather than cutting the row's end.
    pub squeeze: Option<usize>,
}

impl<'a> Row<'a> {
    pub fn new(left: impl Into<Line<'a>>) -> Self {
        Row {
            left: left.into(),
            right: None,
            squeeze: None,
        }
    }

    /// Shortens span `index` in its middle first when the row does not fit.
    pub fn squeeze(mut self, index: usize) -> Self {
        self.squeeze = Some(index);
        self
    }

    pub fn right(mut self, right: Span<'a>) -> Self {
        self.right = Some(right);
        self
    }
}

/// The filter typed for a pane, shown on its last line.
pub struct FilterLine<'a> {
    pub text: &'a str,
    pub typing: bool,
    /// Why the filter cannot be applied, shown after it.
    pub error: Option<&'a str>,
}

pub struct ListPane<'a, F: Fn(usize) -> Row<'a>> {
    pub filter: Option<FilterLine<'a>>,
    pub title: String,
    pub focused: bool,
    pub cursor: Cursor,
    pub len: usize,
    pub empty: &'a str,
    pub theme: Theme,
    pub row: F,
}

impl<'a, F: Fn(usize) -> Row<'a>> Widget for ListPane<'a, F> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.theme.border(self.focused))
            .title(Span::styled(self.title, self.theme.title(self.focused)));
        block.render(area, buf);
        // The same geometry `update` pages and hit-tests with.
        let inner = layout::list_rows(area, self.filter.is_some());
        if area.inner(ratatui::layout::Margin::new(1, 1)).is_empty() {
            return;
        }
        if let Some(filter) = &self.filter {
            let at = layout::filter_line(area);
            let mut spans = vec![
                Span::styled("/", self.theme.key()),
                Span::styled(
                    filter.text,
                    if filter.typing {
                        Style::new()
                    } else {
                        self.theme.dim()
                    },
                ),
            ];
            if let Some(error) = filter.error {
                spans.push(Span::styled(format!("  ✗ {error}"), self.theme.error()));
            }
            let line = Line::from(spans);
            buf.set_line(at.x, at.y, &line, at.width);
        }
        if inner.is_empty() {
            return;
        }
        if self.len == 0 {
            buf.set_line(
                inner.x,
                inner.y,
                &Line::styled(self.empty, self.theme.dim()),
                inner.width,
            );
            return;
        }
        let visible =
            self.cursor.offset..self.len.min(self.cursor.offset + usize::from(inner.height));
        let mut rows: Vec<(usize, Row, u16, Option<String>)> = visible
            .map(|i| {
                let row = (self.row)(i);
                let right_width = row.right.as_ref().map_or(0, |s| s.content.width() as u16);
                let left_width = if row.right.is_some() && right_width + 2 <= inner.width {
                    inner.width - right_width - 1
                } else {
                    inner.width
                };
                (i, row, left_width, None)
            })
            .collect();
        shorten(&mut rows);
        for (y, (i, mut row, left_width, short)) in (inner.y..).zip(rows) {
            let row_area = Rect {
                y,
                height: 1,
                ..inner
            };
            if i == self.cursor.selected {
                buf.set_style(row_area, self.theme.selected(self.focused));
            }
            if let Some(right) = &row.right
                && left_width < inner.width
            {
                let right_width = inner.width - left_width - 1;
                buf.set_span(inner.right() - right_width, y, right, right_width);
            }
            if let (Some(short), Some(span)) =
                (short, row.squeeze.and_then(|k| row.left.spans.get_mut(k)))
            {
                *span = Span::styled(short, span.style);
            }
            buf.set_line(inner.x, y, &row.left, left_width);
        }
        if let Some(pos) = place(self.cursor.selected, self.len, inner.height) {
            let w = pos.width() as u16;
            if w + 2 <= area.width {
                buf.set_string(
                    area.right() - w - 1,
                    area.bottom() - 1,
                    pos,
                    self.theme.dim(),
                );
            }
        }
    }
}

/// Where a list of `len` rows is, as " 12/340 " on its bottom border,
/// when its `rows` rows do not show it all.
pub fn place(selected: usize, len: usize, rows: u16) -> Option<String> {
    (len > usize::from(rows)).then(|| format!(" {}/{} ", selected + 1, len))
}

/// Shortens the squeezable span of each row that is too wide, cutting out
/// the middle so that similar rows keep the words that differ; where two
/// visible rows would still read the same, their ends are cut instead.
fn shorten(rows: &mut [(usize, Row, u16, Option<String>)]) {
    let mut wanted: Vec<(usize, String, usize)> = Vec::new();
    for (k, (_, row, left_width, _)) in rows.iter().enumerate() {
        let over = row.left.width().saturating_sub(usize::from(*left_width));
        if let Some(span) = row.squeeze.and_then(|i| row.left.spans.get(i))
            && over > 0
        {
            let target = span.content.width().saturating_sub(over);
            wanted.push((k, span.content.to_string(), target));
        }
    }
    let items: Vec<(&str, usize)> = wanted.iter().map(|(_, t, w)| (t.as_str(), *w)).collect();
    for ((k, _, _), short) in wanted.iter().zip(crate::text::elide_distinct(&items)) {
        rows[*k].3 = Some(short);
    }
}
