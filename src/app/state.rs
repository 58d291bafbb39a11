//! Everything the screen shows, in one place. Rendering reads it; only
//! `update` changes it.

use super::data::Data;
use crate::review::{ItemKind, Review};
use crate::search::{Hit, Kind};
use std::ops::Range;
use std::sync::Arc;
use tui_input::Input;

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

    pub fn index(self) -> usize {
        self as usize
    }

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
    /// Party rows: `None` is "All parties".
    pub party_rows: Vec<Option<usize>>,
    /// Issues shown for the selected party: (issue, depth in the tree).
    pub issue_rows: Vec<(usize, usize)>,
    /// Positions on the selected issue (of the selected party, if any).
    pub position_rows: Vec<usize>,
    /// Quotes behind the selected position.
    pub quote_rows: Vec<usize>,
    /// The filter typed for each pane (by `Pane::index`); empty when none.
    pub filters: [String; 4],
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
        self.party_rows
            .get(self.parties.selected)
            .copied()
            .flatten()
    }

    pub fn filter(&self, pane: Pane) -> &str {
        &self.filters[pane.index()]
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
    /// Text found with `/`, highlighted; `n`/`N` step through it.
    pub find: Option<Find>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    /// Byte ranges of every match in the source text.
    pub matches: Vec<Range<usize>>,
    /// The match in focus.
    pub current: usize,
}

/// The search palette.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub input: Input,
    /// `None` searches every kind.
    pub scope: Option<Kind>,
    /// The newest results received; they may belong to an older query
    /// while a newer one runs.
    pub hits: Vec<Hit>,
    /// The query and scope `hits` answer, for highlighting.
    pub hits_query: String,
    pub hits_scope: Option<Kind>,
    /// Generation of the newest query sent, and of `hits`.
    pub sent: u64,
    pub received: u64,
    pub cursor: Cursor,
    /// Position in the history while recalling queries.
    pub recall: Option<usize>,
}

impl Palette {
    pub fn pending(&self) -> bool {
        self.sent != self.received
    }
}

#[derive(Debug, Clone)]
pub enum Screen {
    Main,
    Source(SourceView),
    Review(ReviewView),
}

/// A review session: the positions in scope, one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewView {
    /// Positions to review, in issue-tree order.
    pub queue: Vec<usize>,
    /// The item shown (index into `queue`).
    pub at: usize,
    /// The selected quote of the item (Enter opens it).
    pub quote: usize,
    pub scroll: usize,
    /// Showing the summary: the scope is done.
    pub summary: bool,
    /// What was chosen for review, e.g. `Ukraine › Neutrality`.
    pub scope: String,
}

impl ReviewView {
    pub fn position(&self) -> Option<usize> {
        self.queue.get(self.at).copied()
    }
}

/// The inline note editor, open on one item.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub kind: ItemKind,
    pub item: usize,
    pub text: ratatui_textarea::TextArea<'static>,
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
    pub palette: Option<Palette>,
    /// Earlier palette queries, oldest first.
    pub history: Vec<String>,
    /// Generations number searches, so stale answers can be told apart.
    pub generation: u64,
    /// The text being typed into a pane filter or a find, when typing.
    pub typing: Option<Input>,
    /// The review, when its file could be opened.
    pub review: Option<Review>,
    /// Why marks cannot be made (file broken, or held by another parley).
    pub review_blocked: Option<String>,
    pub note_editor: Option<NoteEditor>,
    /// A one-line message for the status bar (a refused mark, a failed
    /// save), cleared by the next key.
    pub message: Option<String>,
    /// The clock for review timestamps; tests set a fixed one.
    pub now: fn() -> String,
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
            palette: None,
            history: Vec::new(),
            generation: 0,
            typing: None,
            review: None,
            review_blocked: None,
            note_editor: None,
            message: None,
            now: crate::review::now_rfc3339,
            jumps: Jumps::default(),
            width,
            height,
            quit: false,
            color,
        };
        super::update::refresh_parties(&mut state);
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
