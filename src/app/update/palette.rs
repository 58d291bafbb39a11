//! The search palette: typing sends queries to the worker, answers come
//! back as `SearchDone`, Enter jumps to the selected item.

use super::super::narrowing;
use super::super::state::{MainOverlay, Screen, State};
use super::{Effect, browse, edit_input, jump, source};
use crate::command::Command;
use crate::layout;
use crate::model::{ItemRef, Kind};
use crate::search::worker::{Request, Response};

/// Queries kept for recall.
const HISTORY: usize = 50;

pub(super) fn open(state: &mut State) -> Option<Effect> {
    state.screen = Screen::Main(Some(MainOverlay::Palette(Box::default())));
    submit(state)
}

/// Sends the palette's current query to the worker, after the chips.
pub(super) fn submit(state: &mut State) -> Option<Effect> {
    state.generation += 1;
    let generation = state.generation;
    let chips = state.narrow.query();
    let typed = state.palette()?.input.value().to_string();
    let query = if chips.is_empty() {
        typed
    } else {
        format!("{chips} {typed}")
    };
    let marks = narrowing::marks_for(&query, state.review.as_ref(), &state.data);
    let palette = state.palette_mut()?;
    palette.sent = generation;
    palette.chips = chips;
    Some(Effect::Search(Request {
        generation,
        query,
        scope: palette.scope,
        marks,
    }))
}

pub(super) fn receive(state: &mut State, response: Response) {
    let height = list_height(state);
    let Some(palette) = state.palette_mut() else {
        return;
    };
    // Answers to older queries than the one shown are ignored; answers
    // to older queries than the newest sent are still shown meanwhile.
    if response.generation <= palette.received {
        return;
    }
    palette.received = response.generation;
    palette.hits = response.hits;
    palette.hits_query = response.query;
    palette.hits_scope = response.scope;
    palette.hits_parsed = response.parsed;
    palette.error = response.error;
    palette.cursor.select(0, palette.hits.len(), height);
}

pub(super) fn list_height(state: &State) -> usize {
    usize::from(layout::palette(state.area()).results.height)
}

fn remember(state: &mut State) {
    let Some(query) = state.palette().map(|p| p.input.value().trim().to_string()) else {
        return;
    };
    if query.is_empty() {
        return;
    }
    state.history.retain(|q| *q != query);
    state.history.push(query);
    if state.history.len() > HISTORY {
        state.history.remove(0);
    }
}

pub(super) fn edit(state: &mut State, key: crossterm::event::KeyEvent) -> Option<Effect> {
    let palette = state.palette_mut()?;
    if edit_input(&mut palette.input, key) {
        palette.recall = None;
        return submit(state);
    }
    None
}

fn recall(state: &mut State) -> Option<Effect> {
    if state.history.is_empty() {
        return None;
    }
    let last = state.history.len() - 1;
    let palette = state.palette_mut()?;
    let next = match palette.recall {
        None => last,
        Some(i) => i.saturating_sub(1),
    };
    palette.recall = Some(next);
    let query = state.history[next].clone();
    if let Some(p) = state.palette_mut() {
        p.input = tui_input::Input::new(query);
    }
    submit(state)
}

/// The scope after (or before) `scope` in the cycle: all, then each kind.
fn cycle(scope: Option<Kind>, forward: bool) -> Option<Kind> {
    let cycle: Vec<Option<Kind>> = std::iter::once(None).chain(Kind::ALL.map(Some)).collect();
    let at = cycle.iter().position(|&k| k == scope).unwrap_or(0);
    let n = cycle.len();
    cycle[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }]
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let height = list_height(state);
    let palette = state.palette_mut()?;
    let len = palette.hits.len();
    match c {
        Command::Down => palette.cursor.move_by(1, len, height),
        Command::Up => palette.cursor.move_by(-1, len, height),
        Command::PageDown => palette.cursor.move_by(height as isize, len, height),
        Command::PageUp => palette.cursor.move_by(-(height as isize), len, height),
        Command::History => return recall(state),
        Command::NextScope | Command::PrevScope => {
            palette.scope = cycle(palette.scope, c == Command::NextScope);
            return submit(state);
        }
        Command::Back => {
            remember(state);
            state.screen = Screen::Main(None);
        }
        Command::Open => {
            let chosen = palette.hits.get(palette.cursor.selected).map(|h| h.item);
            remember(state);
            state.screen = Screen::Main(None);
            if let Some(item) = chosen {
                go_to(state, item);
            }
        }
        _ => {}
    }
    None
}

/// Jumps to an item: its place in the browser, or the source viewer for
/// quotes, sources and events. Esc or Ctrl-o comes back.
fn go_to(state: &mut State, item: ItemRef) {
    let here = state.location();
    let data = state.data.clone();
    match item {
        ItemRef::Quote(q) => {
            browse::reveal(state, item);
            jump::open_quote_from(state, here, q);
        }
        ItemRef::Source(_) | ItemRef::Event(_) => {
            let src = match item {
                ItemRef::Source(s) => Some(s),
                ItemRef::Event(e) => data.ds.events[e]
                    .sources
                    .first()
                    .and_then(|s| data.index.source(s)),
                _ => None,
            };
            match src {
                Some(s) => {
                    let view = source::view(state, s, None);
                    jump::to(state, here, Screen::Source(view, None));
                }
                None => {
                    browse::reveal(state, item);
                    jump::to(state, here, Screen::Main(None));
                }
            }
        }
        _ => {
            browse::reveal(state, item);
            jump::to(state, here, Screen::Main(None));
        }
    }
}
