//! The views of the whole negotiation: the position matrix and the
//! timeline. Their content comes from `crate::analysis`; what is kept here
//! is the order, the narrowing and where the cursor is.

use super::browser::Cursor;
use crate::analysis::{self, Entry, Narrow, RowOrder};
use crate::model::{IssueIx, PartyIx, PositionIx};
use crate::prepared::Prepared;
use crate::prepared::narrow::Keep;

/// Issues down, parties across, the latest stance in each cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixView {
    pub order: RowOrder,
    pub rows: Vec<(IssueIx, usize)>,
    pub cols: Vec<PartyIx>,
    /// The cell in focus.
    pub row: usize,
    pub col: usize,
    /// The first row and column shown.
    pub row_offset: usize,
    pub col_offset: usize,
}

impl MatrixView {
    /// The matrix of what `keep` keeps (everything when `None`): rows of
    /// issues holding a kept position, columns of parties holding one.
    pub fn new(data: &Prepared, order: RowOrder, keep: Option<&Keep>) -> MatrixView {
        let mut cols = analysis::columns(data);
        let mut rows = analysis::rows(data, order, &cols);
        if let Some(k) = keep {
            cols.retain(|&p| k.party(p));
            rows.retain(|&(i, _)| k.issue_tree(data, i));
        }
        MatrixView {
            order,
            rows,
            cols,
            row: 0,
            col: 0,
            row_offset: 0,
            col_offset: 0,
        }
    }

    pub fn issue(&self) -> Option<IssueIx> {
        self.rows.get(self.row).map(|&(i, _)| i)
    }

    pub fn party(&self) -> Option<PartyIx> {
        self.cols.get(self.col).copied()
    }

    /// The cell in focus, when the party holds a (kept) position there.
    pub fn cell(&self, data: &Prepared, keep: Option<&Keep>) -> Option<analysis::Cell> {
        analysis::cell_in(data, self.issue()?, self.party()?, keep)
    }

    /// Puts the cursor on `issue` and `party` where they are listed.
    pub fn select(&mut self, issue: Option<IssueIx>, party: Option<PartyIx>) {
        if let Some(r) = issue.and_then(|i| self.rows.iter().position(|&(k, _)| k == i)) {
            self.row = r;
        }
        if let Some(c) = party.and_then(|p| self.cols.iter().position(|&k| k == p)) {
            self.col = c;
        }
    }
}

/// Events, dated positions and changes of stance, in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineView {
    pub narrow: Narrow,
    pub entries: Vec<Entry>,
    pub cursor: Cursor,
}

impl TimelineView {
    pub fn new(data: &Prepared, narrow: Narrow, keep: Option<&Keep>) -> TimelineView {
        TimelineView {
            narrow,
            entries: analysis::timeline_in(data, narrow, keep),
            cursor: Cursor::default(),
        }
    }

    pub fn entry(&self) -> Option<Entry> {
        self.entries.get(self.cursor.selected).copied()
    }

    /// The position an entry is about, if it is about one.
    pub fn position(&self) -> Option<PositionIx> {
        match self.entry()? {
            Entry::Position(p) | Entry::Change { to: p, .. } => Some(p),
            _ => None,
        }
    }
}
