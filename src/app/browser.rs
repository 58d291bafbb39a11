//! The browser's own state: four list panes, what each lists for the
//! current selection and filters, and where each cursor is.

use crate::model::{IssueIx, ItemRef, Kind, PartyIx, PositionIx, QuoteIx};

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
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }

    /// The kind of item the pane lists.
    pub fn kind(self) -> Kind {
        match self {
            Pane::Parties => Kind::Party,
            Pane::Issues => Kind::Issue,
            Pane::Positions => Kind::Position,
            Pane::Quotes => Kind::Quote,
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MainView {
    pub focus: Pane,
    pub parties: Cursor,
    pub issues: Cursor,
    pub positions: Cursor,
    pub quotes: Cursor,
    /// Party rows: `None` is "All parties".
    pub party_rows: Vec<Option<PartyIx>>,
    /// Issues shown for the selected party: (issue, depth in the tree).
    pub issue_rows: Vec<(IssueIx, usize)>,
    /// Positions on the selected issue (of the selected party, if any).
    pub position_rows: Vec<PositionIx>,
    /// Quotes behind the selected position.
    pub quote_rows: Vec<QuoteIx>,
    /// The filter typed for each pane (by `Pane::index`); empty when none.
    pub filters: [String; 4],
    /// Why a pane's filter cannot be applied (an unknown qualifier).
    pub filter_errors: [Option<String>; 4],
    /// The preview column is hidden (`i` toggles it).
    pub hide_preview: bool,
    /// The focused pane fills the window (`z` toggles it).
    pub zoom: bool,
    /// Opened from the matrix or the timeline: Esc goes back there.
    pub from_view: bool,
    /// The issue last chosen, selected again wherever it is listed as the
    /// party changes.
    pub chosen_issue: Option<IssueIx>,
}

impl MainView {
    /// How the panes are laid out now.
    pub fn shape(&self) -> crate::layout::MainShape {
        crate::layout::MainShape {
            focus: self.focus.index(),
            preview: !self.hide_preview,
            zoom: self.zoom,
        }
    }

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

    /// How many rows a pane lists.
    pub fn len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Parties => self.party_rows.len(),
            Pane::Issues => self.issue_rows.len(),
            Pane::Positions => self.position_rows.len(),
            Pane::Quotes => self.quote_rows.len(),
        }
    }

    /// The selected party, `None` for "All parties".
    pub fn party(&self) -> Option<PartyIx> {
        self.party_rows
            .get(self.parties.selected)
            .copied()
            .flatten()
    }

    pub fn filter(&self, pane: Pane) -> &str {
        &self.filters[pane.index()]
    }

    pub fn issue(&self) -> Option<IssueIx> {
        self.issue_rows.get(self.issues.selected).map(|&(i, _)| i)
    }

    pub fn position(&self) -> Option<PositionIx> {
        self.position_rows.get(self.positions.selected).copied()
    }

    pub fn quote(&self) -> Option<QuoteIx> {
        self.quote_rows.get(self.quotes.selected).copied()
    }

    /// The item selected in `pane`; `None` for "All parties" or an empty
    /// pane.
    pub fn selected(&self, pane: Pane) -> Option<ItemRef> {
        match pane {
            Pane::Parties => self.party().map(ItemRef::from),
            Pane::Issues => self.issue().map(ItemRef::from),
            Pane::Positions => self.position().map(ItemRef::from),
            Pane::Quotes => self.quote().map(ItemRef::from),
        }
    }
}
