//! The filter menu and the saved views: full screens that return to where
//! they were opened from.

use super::browser::Cursor;
use super::jumps::Location;
use crate::search::facet::FacetCount;
use serde::{Deserialize, Serialize};

/// Facets and their values with counts; Space chooses a value as a chip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetMenu {
    pub back: Box<Location>,
    /// Each facet's values, counted under the other chips.
    pub counts: Vec<FacetCount>,
    pub rows: Vec<MenuRow>,
    pub cursor: Cursor,
    /// Positions the chips keep, and all positions.
    pub kept: usize,
    pub total: usize,
}

/// A line of the filter menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuRow {
    /// A facet's heading (by index in `counts`).
    Facet(usize),
    /// A value: facet and value index.
    Value(usize, usize),
}

impl FacetMenu {
    /// The clause of the value under the cursor.
    pub fn clause(&self) -> Option<&str> {
        match self.rows.get(self.cursor.selected)? {
            MenuRow::Value(f, v) => Some(self.counts.get(*f)?.values.get(*v)?.clause.as_str()),
            MenuRow::Facet(_) => None,
        }
    }
}

/// Which screen a saved view opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ViewScreen {
    #[default]
    Browser,
    Matrix,
    Timeline,
}

/// A named set of chips and pane filters, and the screen they were made
/// on, kept across runs in the config directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    pub name: String,
    /// The id of the dataset it was saved on: its chips name items there.
    pub dataset: String,
    #[serde(default)]
    pub chips: Vec<String>,
    /// The browser's pane filters: parties, issues, positions, quotes.
    #[serde(default)]
    pub filters: [String; 4],
    #[serde(default)]
    pub screen: ViewScreen,
}

/// The saved views file as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewsFile {
    pub format: u32,
    #[serde(default)]
    pub views: Vec<SavedView>,
}

/// The saved views of this dataset, to recall, save or delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewsMenu {
    pub back: Box<Location>,
    pub cursor: Cursor,
}
