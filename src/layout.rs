//! Screen geometry as pure functions of the window size, shared by the
//! renderer and by `update` (paging, mouse hit-testing), so both agree on
//! where every pane and every row is without the renderer storing
//! anything. It sits below both: neither imports the other for geometry.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Below this the panes would garble; a message is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

#[derive(Debug, Clone, Copy)]
pub struct MainAreas {
    pub parties: Rect,
    pub issues: Rect,
    pub positions: Rect,
    pub quotes: Rect,
    pub preview: Rect,
    pub status: Rect,
}

/// How the browser is laid out besides the window size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MainShape {
    /// The focused pane: parties 0, issues 1, positions 2, quotes 3.
    pub focus: usize,
    /// Whether the preview column is shown.
    pub preview: bool,
    /// The focused pane alone, over the whole window.
    pub zoom: bool,
}

/// The browser's panes. The focused pane's column is wider than the
/// others, so its rows show more of their text; zoomed, it takes the whole
/// window and the others get no room (and no clicks).
pub fn main(area: Rect, shape: MainShape) -> MainAreas {
    let [body, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let none = Rect::new(body.x, body.y, 0, 0);
    if shape.zoom {
        let mut a = MainAreas {
            parties: none,
            issues: none,
            positions: none,
            quotes: none,
            preview: none,
            status,
        };
        match shape.focus {
            0 => a.parties = body,
            1 => a.issues = body,
            2 => a.positions = body,
            _ => a.quotes = body,
        }
        return a;
    }
    let column = shape.focus.min(2);
    let weight = |k: usize, base: u16| if k == column { base * 3 / 2 } else { base };
    let mut columns = vec![
        Constraint::Fill(weight(0, 17)),
        Constraint::Fill(weight(1, 25)),
        Constraint::Fill(weight(2, 31)),
    ];
    if shape.preview {
        columns.push(Constraint::Fill(27));
    }
    let cols = Layout::horizontal(columns).split(body);
    let (positions_share, quotes_share) = if shape.focus == 3 { (40, 60) } else { (55, 45) };
    let [positions, quotes] = Layout::vertical([
        Constraint::Fill(positions_share),
        Constraint::Fill(quotes_share),
    ])
    .areas(cols[2]);
    MainAreas {
        parties: cols[0],
        issues: cols[1],
        positions,
        quotes,
        preview: cols.get(3).copied().unwrap_or(none),
        status,
    }
}

/// Where the rows of a bordered list pane go: inside its border, less the
/// last line when the pane shows a filter there.
pub fn list_rows(pane: Rect, filter_line: bool) -> Rect {
    let inner = pane.inner(Margin::new(1, 1));
    Rect {
        height: inner.height.saturating_sub(u16::from(filter_line)),
        ..inner
    }
}

/// The line under a list pane's rows where its filter is shown.
pub fn filter_line(pane: Rect) -> Rect {
    let inner = pane.inner(Margin::new(1, 1));
    Rect {
        y: inner.bottom().saturating_sub(1),
        height: inner.height.min(1),
        ..inner
    }
}

/// Which row of a list is at a screen cell, given the list's rows area and
/// the first row shown; `None` outside the rows.
pub fn row_at(rows: Rect, offset: usize, column: u16, row: u16) -> Option<usize> {
    rows.contains((column, row).into())
        .then(|| offset + usize::from(row - rows.y))
}

#[derive(Debug, Clone, Copy)]
pub struct SourceAreas {
    pub header: Rect,
    pub body: Rect,
    /// Inside the body's border: where wrapped text goes.
    pub text: Rect,
    pub status: Rect,
}

pub fn source(area: Rect) -> SourceAreas {
    let [header, body, status] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    // One column on the right is kept free for the scrollbar.
    let text = body.inner(Margin::new(1, 1));
    let text = Rect {
        width: text.width.saturating_sub(1),
        ..text
    };
    SourceAreas {
        header,
        body,
        text,
        status,
    }
}

/// The help overlay: centred, at most 80×30.
pub fn help(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(80);
    let height = area.height.saturating_sub(2).min(30);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PaletteAreas {
    pub popup: Rect,
    pub input: Rect,
    pub list: Rect,
    /// Inside the list's border: one row per result.
    pub results: Rect,
    pub preview: Rect,
}

/// The search palette: nearly the whole window, input on top, results
/// beside a preview.
pub fn palette(area: Rect) -> PaletteAreas {
    let popup = area.inner(Margin::new(2, 1));
    let [input, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(popup);
    let [list, preview] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body);
    PaletteAreas {
        popup,
        input,
        list,
        results: list.inner(Margin::new(1, 1)),
        preview,
    }
}

/// The filter menu and the saved views: a list in a frame, a side panel,
/// and a footer of key hints.
#[derive(Debug, Clone, Copy)]
pub struct MenuAreas {
    pub frame: Rect,
    /// Inside the frame: one row per line.
    pub list: Rect,
    pub side: Rect,
    pub footer: Rect,
}

pub fn menu(area: Rect) -> MenuAreas {
    let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let [frame, side] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(body);
    MenuAreas {
        frame,
        list: frame.inner(Margin::new(1, 1)),
        side,
        footer,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct ReviewAreas {
    pub gauge: Rect,
    pub body: Rect,
    pub hints: Rect,
}

pub fn review(area: Rect) -> ReviewAreas {
    let [gauge, body, hints] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    ReviewAreas { gauge, body, hints }
}

/// The inline note editor: the bottom of the window, above the last line.
pub fn note_editor(area: Rect) -> Rect {
    let height = (area.height / 3)
        .clamp(3, 10)
        .min(area.height.saturating_sub(1));
    Rect {
        y: area.bottom().saturating_sub(height + 1),
        height,
        ..area
    }
}

/// The matrix: the table (one header line, then a row per issue), the
/// selected cell's positions beside it (below it in a narrow window), and
/// a footer line.
#[derive(Debug, Clone, Copy)]
pub struct MatrixAreas {
    pub table: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

pub fn matrix(area: Rect) -> MatrixAreas {
    let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let [table, detail] = if body.width >= 110 {
        Layout::horizontal([Constraint::Percentage(64), Constraint::Fill(1)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(body)
    };
    MatrixAreas {
        table,
        detail,
        footer,
    }
}

/// Inside the table's border: the pinned issue column's width, each
/// party column's width, and how many party columns fit beside it.
pub fn matrix_columns(table: Rect, parties: usize) -> (u16, u16, usize) {
    let inner = table.width.saturating_sub(2);
    let issue = (inner / 3).clamp(12, 34).min(inner);
    let cell: u16 = if inner < 90 { 10 } else { 12 };
    let fit = usize::from(inner.saturating_sub(issue) / cell).clamp(1, parties.max(1));
    (issue, cell, fit)
}

/// Rows of the matrix table: inside its border, below the header line.
pub fn matrix_rows(table: Rect) -> Rect {
    let inner = table.inner(Margin::new(1, 1));
    Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// The timeline: its list, the selected entry's detail, and a footer.
pub fn timeline(area: Rect) -> MatrixAreas {
    let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let [table, detail] = if body.width >= 110 {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(65), Constraint::Fill(1)]).areas(body)
    };
    MatrixAreas {
        table,
        detail,
        footer,
    }
}

/// The Problems pane: the list of problems, the selected one in full
/// below it, and a footer line.
#[derive(Debug, Clone, Copy)]
pub struct ProblemsAreas {
    pub list: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

pub fn problems(area: Rect) -> ProblemsAreas {
    let detail = if area.height >= 20 { 9 } else { 6 };
    let [list, detail, footer] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(detail),
        Constraint::Length(1),
    ])
    .areas(area);
    ProblemsAreas {
        list,
        detail,
        footer,
    }
}

/// The loading screen's box, in the middle of the window.
pub fn loading(area: Rect) -> Rect {
    let width = area.width.min(64);
    let height = area.height.min(8);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// What is left of the window for the screen while a banner takes its
/// first row (a reload that failed). The renderer and `update` both go
/// through here, so they agree on where every row is.
pub fn below_banner(area: Rect, banner: bool) -> Rect {
    if banner && area.height > MIN_HEIGHT {
        Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        }
    } else {
        area
    }
}
