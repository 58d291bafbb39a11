//! Replacing the dataset with a new version. Indices belong to one
//! version, so everything that points at an item (pane selections, the
//! source viewer's place, the jump list, the review queue, the note being
//! written, search hits) is found again by kind and id. What no longer
//! exists is dropped, never pointed at.

use super::super::browser::{MainView, Pane};
use super::super::jumps::{Location, Place};
use super::super::menus::{FacetMenu, ViewsMenu};
use super::super::narrowing::{self, Narrowing};
use super::super::state::{MainOverlay, ReviewView, Screen, State};
use super::super::views::{MatrixView, TimelineView};
use super::{Effect, browse, jump, marks, palette, source};
use crate::analysis::{Entry, Narrow};
use crate::model::{ItemRef, PositionIx, QuoteIx, SourceIx};
use crate::prepared::Prepared;
use crate::prepared::narrow::Keep;
use std::sync::Arc;

/// Finds items of the old version in the new one.
struct Remap {
    old: Arc<Prepared>,
    new: Arc<Prepared>,
    /// What the chips keep in the new version.
    keep: Option<Arc<Keep>>,
}

impl Remap {
    fn item(&self, item: ItemRef) -> Option<ItemRef> {
        let id = self.old.id(item);
        if id.is_empty() {
            return None;
        }
        self.new.find(item.kind(), id)
    }

    fn position(&self, p: PositionIx) -> Option<PositionIx> {
        match self.item(p.into()) {
            Some(ItemRef::Position(p)) => Some(p),
            _ => None,
        }
    }

    fn quote(&self, q: QuoteIx) -> Option<QuoteIx> {
        match self.item(q.into()) {
            Some(ItemRef::Quote(q)) => Some(q),
            _ => None,
        }
    }

    fn source(&self, s: SourceIx) -> Option<SourceIx> {
        match self.item(s.into()) {
            Some(ItemRef::Source(s)) => Some(s),
            _ => None,
        }
    }

    /// The browser selection, pane by pane, in the new version.
    fn path(&self, main: &MainView) -> [Option<ItemRef>; 4] {
        Pane::ALL.map(|p| main.selected(p).and_then(|i| self.item(i)))
    }

    fn matrix(&self, view: &MatrixView) -> MatrixView {
        let mut new = MatrixView::new(&self.new, view.order, self.keep.as_deref());
        let issue = view.issue().and_then(|i| match self.item(i.into()) {
            Some(ItemRef::Issue(i)) => Some(i),
            _ => None,
        });
        let party = view.party().and_then(|p| match self.item(p.into()) {
            Some(ItemRef::Party(p)) => Some(p),
            _ => None,
        });
        new.select(issue, party);
        new
    }

    fn timeline(&self, view: &TimelineView) -> TimelineView {
        let narrow = match view.narrow {
            Narrow::All => Narrow::All,
            Narrow::Party(p) => match self.item(p.into()) {
                Some(ItemRef::Party(p)) => Narrow::Party(p),
                _ => Narrow::All,
            },
            Narrow::Issue(i) => match self.item(i.into()) {
                Some(ItemRef::Issue(i)) => Narrow::Issue(i),
                _ => Narrow::All,
            },
        };
        let mut new = TimelineView::new(&self.new, narrow, self.keep.as_deref());
        let entry = view.entry().and_then(|e| match e {
            Entry::Day(d) => Some(Entry::Day(d)),
            Entry::Undated => Some(Entry::Undated),
            Entry::Event(e) => match self.item(e.into()) {
                Some(ItemRef::Event(e)) => Some(Entry::Event(e)),
                _ => None,
            },
            Entry::Position(p) | Entry::Change { to: p, .. } => {
                self.position(p).map(Entry::Position)
            }
        });
        let at = entry
            .and_then(|e| new.entries.iter().position(|&x| x == e))
            .unwrap_or(0);
        new.cursor.select(at, new.entries.len(), 1);
        new.cursor.offset = view.cursor.offset.min(at);
        new
    }

    fn review(&self, view: &ReviewView) -> Option<ReviewView> {
        let current = view.position().and_then(|p| self.position(p));
        let queue: Vec<PositionIx> = view
            .queue
            .iter()
            .filter_map(|&p| self.position(p))
            .collect();
        if queue.is_empty() {
            return None;
        }
        let at = current
            .and_then(|c| queue.iter().position(|&p| p == c))
            .unwrap_or(view.at.min(queue.len() - 1));
        Some(ReviewView {
            queue,
            at,
            ..view.clone()
        })
    }
}

/// Rebuilds `main` for the new dataset, in the state's browser slot so the
/// browser's own refresh logic (filters, tree order) applies.
fn rebuild_main(state: &mut State, main: MainView, path: [Option<ItemRef>; 4]) -> MainView {
    let current = std::mem::replace(&mut state.main, main);
    browse::rebuild(state, path);
    std::mem::replace(&mut state.main, current)
}

pub(super) fn replace(state: &mut State, new: Arc<Prepared>) -> Option<Effect> {
    // The chips name items by id: resolved again, they keep what they
    // meant, and say so when what they named is gone.
    let chips = state.narrow.chips.clone();
    let marks = narrowing::marks_for(&chips.join(" "), state.review.as_ref(), &new);
    let (narrow, dropped) = Narrowing::resolve(chips, &new, marks);
    let map = Remap {
        old: Arc::clone(&state.data),
        new: Arc::clone(&new),
        keep: narrow.keep.clone(),
    };
    state.narrow = narrow;
    if dropped.is_some() {
        state.message = dropped;
    }
    let mut effect = None;
    // A note on an item that is gone is saved against the old version
    // first: its id is what the review file keys it by.
    if let Some(editor) = state.note_editor()
        && map.item(editor.item).is_none()
    {
        effect = marks::commit_open_note(state);
        state.message = Some("note saved; its item is no longer in the dataset".into());
    }
    state.data = new;

    let path = map.path(&state.main);
    let main = std::mem::take(&mut state.main);
    state.main = rebuild_main(state, main, path);

    let mut places = std::mem::take(&mut state.jumps);
    places.retain(|location| remap_location(state, &map, location));
    state.jumps = places;

    let screen = std::mem::replace(&mut state.screen, Screen::Main(None));
    state.screen = match screen {
        Screen::Main(overlay) => Screen::Main(overlay.and_then(|o| match o {
            MainOverlay::Palette(mut p) => {
                p.hits.retain_mut(|h| match map.item(h.item) {
                    Some(item) => {
                        h.item = item;
                        true
                    }
                    None => false,
                });
                p.cursor.select(p.cursor.selected, p.hits.len(), 1);
                Some(MainOverlay::Palette(p))
            }
            MainOverlay::Note(mut e) => {
                e.item = map.item(e.item).unwrap_or(e.item);
                Some(MainOverlay::Note(e))
            }
            filter @ MainOverlay::Filter(_) => Some(filter),
            // Relations are of the old version: the menu closes.
            MainOverlay::Links(_) => None,
        })),
        Screen::Source(view, typing) => match map.source(view.source) {
            Some(s) => {
                let quote = view.quote.and_then(|q| map.quote(q));
                let mut new_view = source::view(state, s, quote);
                source::scroll_to_top(state, &mut new_view, view.top());
                if let Some(find) = view.find {
                    source::find_in(state, &mut new_view, find.query, false);
                }
                Screen::Source(new_view, typing)
            }
            None => {
                state.message = Some("the source shown is no longer in the dataset".into());
                Screen::Main(None)
            }
        },
        Screen::Matrix(view) => Screen::Matrix(map.matrix(&view)),
        Screen::Timeline(view) => Screen::Timeline(map.timeline(&view)),
        // Counted on the old version: the menus close, back where they
        // were opened from.
        Screen::Facets(FacetMenu { back, .. }) | Screen::Views(ViewsMenu { back, .. }, _) => {
            let mut back = *back;
            if remap_location(state, &map, &mut back) {
                jump::restore(state, back);
            }
            std::mem::replace(&mut state.screen, Screen::Main(None))
        }
        // The list is the new version's; the cursor stays in it.
        screen @ (Screen::Problems(_) | Screen::Loading(_)) => screen,
        Screen::Review(view, note) => match map.review(&view) {
            Some(view) => Screen::Review(
                view,
                note.map(|mut e| {
                    e.item = map.item(e.item).unwrap_or(e.item);
                    e
                }),
            ),
            None => {
                state.message = Some("no position of this review is left in the dataset".into());
                Screen::Main(None)
            }
        },
    };
    jump::fit_to_window(state);
    // Search hits are ranked on the old text: ask again.
    if state.palette().is_some() {
        return palette::submit(state);
    }
    effect
}

/// Remaps one place of the jump list; false when its screen's item is
/// gone.
fn remap_location(state: &mut State, map: &Remap, location: &mut Location) -> bool {
    let place = match &location.place {
        Place::Main => Some(Place::Main),
        Place::Source {
            source,
            quote,
            top,
            find,
        } => map.source(*source).map(|s| Place::Source {
            source: s,
            quote: quote.and_then(|q| map.quote(q)),
            top: *top,
            find: find.clone(),
        }),
        Place::Review(view) => map.review(view).map(Place::Review),
        Place::Matrix(view) => Some(Place::Matrix(map.matrix(view))),
        Place::Timeline(view) => Some(Place::Timeline(map.timeline(view))),
        Place::Problems(view) => Some(Place::Problems(*view)),
    };
    let Some(place) = place else {
        return false;
    };
    let path = map.path(&location.main);
    location.main = rebuild_main(state, location.main.clone(), path);
    location.place = place;
    true
}
