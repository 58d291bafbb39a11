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
}

impl<'a> Row<'a> {
    pub fn new(left: impl Into<Line<'a>>) -> Self {
        Row {
            left: left.into(),
            right: None,
        }
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
            let line = Line::from(vec![
                Span::styled("/", self.theme.key()),
                Span::styled(
                    filter.text,
                    if filter.typing {
                        Style::new()
                    } else {
                        self.theme.dim()
                    },
                ),
            ]);
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
        for (y, i) in (inner.y..).zip(visible) {
            let row_area = Rect {
                y,
                height: 1,
                ..inner
            };
            if i == self.cursor.selected {
                buf.set_style(row_area, self.theme.selected(self.focused));
            }
            let row = (self.row)(i);
            let right_width = row.right.as_ref().map_or(0, |s| s.content.width() as u16);
            let mut left_width = inner.width;
            if let Some(right) = &row.right
                && right_width + 2 <= inner.width
            {
                let x = inner.right() - right_width;
                buf.set_span(x, y, right, right_width);
                left_width = inner.width - right_width - 1;
            }
            buf.set_line(inner.x, y, &row.left, left_width);
        }
        if self.len > usize::from(inner.height) {
            // Where the list is, as "12/340" on the bottom border.
            let pos = format!(" {}/{} ", self.cursor.selected + 1, self.len);
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
