//! The views of the whole negotiation: the position matrix and the
//! timeline. Their content comes from `crate::analysis`; what is kept here
//! is the order, the narrowing and where the cursor is.

use super::browser::Cursor;
use crate::analysis::{self, Entry, Narrow, RowOrder};
use crate::model::{IssueIx, PartyIx, PositionIx};
use crate::prepared::Prepared;

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
    pub fn new(data: &Prepared, order: RowOrder) -> MatrixView {
        let cols = analysis::columns(data);
        MatrixView {
            order,
            rows: analysis::rows(data, order, &cols),
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

    /// The cell in focus, when the party holds a position there.
    pub fn cell(&self, data: &Prepared) -> Option<analysis::Cell> {
        analysis::cell(data, self.issue()?, self.party()?)
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
    pub fn new(data: &Prepared, narrow: Narrow) -> TimelineView {
        TimelineView {
            narrow,
            entries: analysis::timeline(data, narrow),
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
