//! How much of the preview pane a list may take: lists show what fits
//! and say how many they leave out, where it can be seen.

use crate::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// At most this many items of one list (sources, positions, links,
/// problems…) are listed in a preview: the pane shows a screenful.
const PREVIEW_ITEMS: usize = 60;

/// What of the pane is left for a preview's lines: a list shows what
/// fits and says how many it leaves out, on a row it keeps for that.
#[derive(Debug, Clone, Copy)]
pub(in crate::ui) struct Room {
    rows: usize,
    width: usize,
}

impl Room {
    /// Inside the borders of `area`.
    pub(super) fn inside(area: Rect) -> Room {
        Room {
            rows: usize::from(area.height.saturating_sub(2)),
            width: usize::from(area.width.saturating_sub(2)).max(1),
        }
    }

    /// The rows `lines` take, each wrapped. (Wrapping at a word may take
    /// one more: the row kept for "… N more" takes that up.)
    fn height(self, lines: &[Line<'_>]) -> usize {
        lines
            .iter()
            .map(|l| l.width().div_ceil(self.width).max(1))
            .sum()
    }

    /// What is left below `lines`.
    pub fn below(self, lines: &[Line<'_>]) -> Room {
        Room {
            rows: self.rows.saturating_sub(self.height(lines)),
            ..self
        }
    }

    /// The same less the rows a section that follows needs at least (a
    /// blank line, its heading, an item and "… N more"), when one does.
    pub(super) fn before_section(self, follows: bool) -> Room {
        self.less(if follows { 4 } else { 0 })
    }

    /// Adds a section to `lines`: a blank line, `heading`, and what fits
    /// of its list ([`Room::fill`]).
    pub(super) fn section<'a>(
        self,
        lines: &mut Vec<Line<'a>>,
        heading: &'static str,
        total: usize,
        items: impl Iterator<Item = Line<'a>>,
        theme: Theme,
    ) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(heading, theme.strong()));
        self.fill(lines, total, items, theme);
    }

    /// The same less `rows` kept for what follows.
    pub(super) fn less(self, rows: usize) -> Room {
        Room {
            rows: self.rows.saturating_sub(rows),
            ..self
        }
    }

    /// How many items of a list to show below `lines`, each taken for a
    /// row: at least one, at most [`PREVIEW_ITEMS`].
    pub fn items(self, lines: &[Line<'_>]) -> usize {
        self.rows
            .saturating_sub(self.height(lines) + 1)
            .clamp(1, PREVIEW_ITEMS)
    }

    /// Adds the lines of a list's `total` items to `lines`, as many as
    /// fit (at least one, at most [`PREVIEW_ITEMS`]), and when that is not
    /// all of them, a line that says how many it leaves out, on a row of
    /// its own. Only the lines added are built.
    pub(super) fn fill<'a>(
        self,
        lines: &mut Vec<Line<'a>>,
        total: usize,
        items: impl Iterator<Item = Line<'a>>,
        theme: Theme,
    ) {
        let start = lines.len();
        let rows = |line: &Line<'_>| self.height(std::slice::from_ref(line));
        let mut used = self.height(lines);
        for line in items.take(PREVIEW_ITEMS) {
            let n = rows(&line);
            if lines.len() > start && used + n > self.rows {
                break;
            }
            used += n;
            lines.push(line);
        }
        if lines.len() - start < total {
            // Room for the count, in place of the last items if need be.
            while lines.len() - start > 1 && used + 1 > self.rows {
                used -= lines.pop().as_ref().map_or(0, rows);
            }
            lines.extend(more(theme, total, lines.len() - start));
        }
    }
}

/// The line that says how many of a list's `total` items a preview
/// leaves out when it shows `shown`: it lists what fits ([`Room`]),
/// since an issue may hold thousands of positions and the pane shows a
/// screenful.
pub(in crate::ui) fn more(theme: Theme, total: usize, shown: usize) -> Option<Line<'static>> {
    (total > shown).then(|| Line::styled(format!("… {} more", total - shown), theme.dim()))
}
