//! Everything the screen shows, in one place. Rendering reads it; only
//! `update` changes it.

use super::data::Data;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pane {
    #[default]
    Parties,
    Issues,
    Positions,
    Quotes,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Parties, Pane::Issues, Pane::Positions, Pane::Quotes];

    pub fn next(self) -> Pane {
        let i = Pane::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Pane::ALL[(i + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        let i = Pane::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Parties => "Parties",
            Pane::Issues => "Issues",
            Pane::Positions => "Positions",
            Pane::Quotes => "Quotes",
        }
    }
}

/// A selection in a list and the first row shown. The offset lives in
/// state (not in the renderer) so a mouse click can be mapped to a row
/// without the renderer writing anything back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Selects `index` (clamped to the list) and scrolls it into view.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.scroll_into_view(len, height);
    }

    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target, len, height);
    }

    pub fn scroll_into_view(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// The three-column browser.
#[derive(Debug, Clone, Default)]
pub struct MainView {
    pub focus: Pane,
    pub parties: Cursor,
    pub issues: Cursor,
    pub positions: Cursor,
    pub quotes: Cursor,
    /// Issues shown for the selected party: (issue, depth in the tree).
    pub issue_rows: Vec<(usize, usize)>,
    /// Positions on the selected issue (of the selected party, if any).
    pub position_rows: Vec<usize>,
    /// Quotes behind the selected position.
    pub quote_rows: Vec<usize>,
}

impl MainView {
    pub fn cursor(&self, pane: Pane) -> &Cursor {
        match pane {
            Pane::Parties => &self.parties,
            Pane::Issues => &self.issues,
            Pane::Positions => &self.positions,
            Pane::Quotes => &self.quotes,
        }
    }

    pub fn cursor_mut(&mut self, pane: Pane) -> &mut Cursor {
        match pane {
            Pane::Parties => &mut self.parties,
            Pane::Issues => &mut self.issues,
            Pane::Positions => &mut self.positions,
            Pane::Quotes => &mut self.quotes,
        }
    }

    /// The selected party, `None` for "All parties".
    pub fn party(&self) -> Option<usize> {
        self.parties.selected.checked_sub(1)
    }

    pub fn issue(&self) -> Option<usize> {
        self.issue_rows.get(self.issues.selected).map(|&(i, _)| i)
    }

    pub fn position(&self) -> Option<usize> {
        self.position_rows.get(self.positions.selected).copied()
    }

    pub fn quote(&self) -> Option<usize> {
        self.quote_rows.get(self.quotes.selected).copied()
    }
}

/// A source text, wrapped to the window, with one quote in focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    pub source: usize,
    pub quote: Option<usize>,
    /// Wrapped lines as byte ranges of the source text.
    pub lines: Vec<Range<usize>>,
    pub width: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone)]
pub enum Screen {
    Main,
    Source(SourceView),
}

/// A place the jump list can return to.
#[derive(Debug, Clone)]
pub struct Location {
    pub screen: Screen,
    pub main: MainView,
}

#[derive(Debug, Clone, Default)]
pub struct Jumps {
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
}

#[derive(Debug)]
pub struct State {
    pub data: Arc<Data>,
    pub screen: Screen,
    pub main: MainView,
    /// Scroll of the help overlay, when it is open.
    pub help: Option<usize>,
    pub jumps: Jumps,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// False when `NO_COLOR` asks for monochrome.
    pub color: bool,
}

impl State {
    pub fn new(data: Arc<Data>, width: u16, height: u16, color: bool) -> Self {
        let mut state = State {
            data,
            screen: Screen::Main,
            main: MainView::default(),
            help: None,
            jumps: Jumps::default(),
            width,
            height,
            quit: false,
            color,
        };
        super::update::refresh_issues(&mut state);
        state
    }

    /// The whole window.
    pub fn area(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.width, self.height)
    }

    pub fn location(&self) -> Location {
        Location {
            screen: self.screen.clone(),
            main: self.main.clone(),
        }
    }
}
