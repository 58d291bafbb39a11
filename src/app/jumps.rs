//! The jump list, as vim keeps it: every place left by a jump is kept, in
//! order, and Ctrl-o / Ctrl-i walk it. Going back and then jumping
//! elsewhere does not forget the places walked back over: a new jump is
//! added at the end, and an older copy of the same place is dropped.

use super::browser::{MainView, Pane};
use super::problems::ProblemsView;
use super::state::{ReviewView, Screen, State};
use super::views::{MatrixView, TimelineView};
use crate::model::{ItemRef, QuoteIx, SourceIx};

/// Places kept; the oldest go first.
const MAX_JUMPS: usize = 100;

/// Where a screen was, compactly: a source is wrapped again on return
/// rather than kept wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Main,
    Source {
        source: SourceIx,
        quote: Option<QuoteIx>,
        /// The byte at the top of the window.
        top: usize,
        /// The find shown, if any.
        find: Option<String>,
    },
    Review(ReviewView),
    Matrix(MatrixView),
    Timeline(TimelineView),
    Problems(ProblemsView),
}

/// A place the jump list can return to: the screen, and the browser's
/// panes as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub place: Place,
    pub main: MainView,
}

impl Location {
    pub fn of(state: &State) -> Location {
        let place = match &state.screen {
            Screen::Main(_) => Place::Main,
            Screen::Source(view, _) => Place::Source {
                source: view.source,
                quote: view.quote,
                top: view.top(),
                find: view.find.as_ref().map(|f| f.query.clone()),
            },
            Screen::Review(view, _) => Place::Review(view.clone()),
            Screen::Matrix(view) => Place::Matrix(view.clone()),
            Screen::Timeline(view) => Place::Timeline(view.clone()),
            // Menus are not places: where they were opened from is.
            Screen::Facets(menu) => return (*menu.back).clone(),
            Screen::Views(menu, _) => return (*menu.back).clone(),
            Screen::Problems(view) => Place::Problems(*view),
            // Nothing is shown yet to come back to.
            Screen::Loading(_) => Place::Main,
        };
        Location {
            place,
            main: state.main.clone(),
        }
    }

    /// Whether two locations are the same place to a reader: the same
    /// screen on the same item, whatever the scroll.
    fn same(&self, other: &Location) -> bool {
        let place = match (&self.place, &other.place) {
            (Place::Main, Place::Main) => true,
            (
                Place::Source { source, quote, .. },
                Place::Source {
                    source: s,
                    quote: q,
                    ..
                },
            ) => source == s && quote == q,
            (Place::Review(a), Place::Review(b)) => a.queue == b.queue && a.at == b.at,
            (Place::Matrix(a), Place::Matrix(b)) => (a.row, a.col) == (b.row, b.col),
            (Place::Timeline(a), Place::Timeline(b)) => a.cursor.selected == b.cursor.selected,
            (Place::Problems(a), Place::Problems(b)) => a.cursor.selected == b.cursor.selected,
            _ => false,
        };
        let selection = |m: &MainView| -> (Pane, [Option<ItemRef>; 4]) {
            (m.focus, Pane::ALL.map(|p| m.selected(p)))
        };
        place && selection(&self.main) == selection(&other.main)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Jumps {
    list: Vec<Location>,
    /// The entry the user is on; `list.len()` when on a place not (yet)
    /// in the list, as after a jump.
    at: usize,
}

impl Jumps {
    /// Records `here` as a jump leaves it.
    pub fn record(&mut self, here: Location) {
        self.list.retain(|l| !l.same(&here));
        self.list.push(here);
        if self.list.len() > MAX_JUMPS {
            self.list.remove(0);
        }
        self.at = self.list.len();
    }

    /// The place before the current one. The current place is kept, so
    /// that `forward` can return to it.
    pub fn back(&mut self, here: Location) -> Option<Location> {
        if self.at >= self.list.len() {
            if self.list.last().is_some_and(|l| l.same(&here)) {
                self.at = self.list.len() - 1;
                self.list[self.at] = here;
            } else {
                self.record(here);
                self.at = self.list.len() - 1;
            }
        } else {
            self.list[self.at] = here;
        }
        if self.at == 0 {
            return None;
        }
        self.at -= 1;
        self.list.get(self.at).cloned()
    }

    /// The place after the current one, after going back.
    pub fn forward(&mut self, here: Location) -> Option<Location> {
        if self.at + 1 >= self.list.len() {
            return None;
        }
        self.list[self.at] = here;
        self.at += 1;
        self.list.get(self.at).cloned()
    }

    /// Every place kept, oldest first, for remapping after a reload.
    pub fn places_mut(&mut self) -> &mut Vec<Location> {
        &mut self.list
    }

    /// Drops places for which `keep` is false, keeping the position.
    pub fn retain(&mut self, mut keep: impl FnMut(&mut Location) -> bool) {
        let mut index = 0;
        let at = self.at;
        let mut new_at = 0;
        self.list.retain_mut(|l| {
            let kept = keep(l);
            if index < at && kept {
                new_at += 1;
            }
            index += 1;
            kept
        });
        self.at = if at >= index { self.list.len() } else { new_at };
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
