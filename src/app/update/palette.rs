//! The search palette: typing sends queries to the worker, answers come
//! back as `SearchDone`, Enter jumps to the selected item.

use super::super::command::Command;
use super::super::state::{Palette, Screen, State};
use super::{Effect, browse, edit_input, jump, source};
use crate::search::Kind;
use crate::search::worker::{Request, Response};
use crate::ui::layout;

/// Queries kept for recall.
const HISTORY: usize = 50;

pub(super) fn open(state: &mut State) -> Option<Effect> {
    state.palette = Some(Palette::default());
    submit(state)
}

/// Sends the palette's current query to the worker.
fn submit(state: &mut State) -> Option<Effect> {
    state.generation += 1;
    let generation = state.generation;
    let palette = state.palette.as_mut()?;
    palette.sent = generation;
    Some(Effect::Search(Request {
        generation,
        query: palette.input.value().to_string(),
        scope: palette.scope,
    }))
}

pub(super) fn receive(state: &mut State, response: Response) {
    let height = list_height(state);
    let Some(palette) = state.palette.as_mut() else {
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
    palette.cursor.select(0, palette.hits.len(), height);
}

pub(super) fn list_height(state: &State) -> usize {
    usize::from(layout::palette(state.area()).results.height)
}

fn remember(state: &mut State) {
    let Some(query) = state
        .palette
        .as_ref()
        .map(|p| p.input.value().trim().to_string())
    else {
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
    let palette = state.palette.as_mut()?;
    if edit_input(&mut palette.input, key) {
        palette.recall = None;
        return submit(state);
    }
    None
}

fn recall(state: &mut State) -> Option<Effect> {
    let palette = state.palette.as_mut()?;
    if state.history.is_empty() {
        return None;
    }
    let next = match palette.recall {
        None => state.history.len() - 1,
        Some(0) => 0,
        Some(i) => i - 1,
    };
    palette.recall = Some(next);
    palette.input = tui_input::Input::new(state.history[next].clone());
    submit(state)
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let height = list_height(state);
    let palette = state.palette.as_mut()?;
    let len = palette.hits.len();
    match c {
        Command::Up if palette.input.value().is_empty() || palette.recall.is_some() => {
            return recall(state);
        }
        Command::Down => palette.cursor.move_by(1, len, height),
        Command::Up => palette.cursor.move_by(-1, len, height),
        Command::PageDown => palette.cursor.move_by(height as isize, len, height),
        Command::PageUp => palette.cursor.move_by(-(height as isize), len, height),
        Command::History => return recall(state),
        Command::NextScope | Command::PrevScope => {
            let cycle: Vec<Option<Kind>> =
                std::iter::once(None).chain(Kind::CYCLE.map(Some)).collect();
            let at = cycle.iter().position(|&k| k == palette.scope).unwrap_or(0);
            let n = cycle.len();
            let next = if c == Command::NextScope {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            palette.scope = cycle[next];
            return submit(state);
        }
        Command::Back => {
            remember(state);
            state.palette = None;
        }
        Command::Open => {
            let chosen = palette
                .hits
                .get(palette.cursor.selected)
                .and_then(|h| state.data.search.entries.get(h.entry as usize))
                .map(|e| (e.kind, e.item));
            remember(state);
            state.palette = None;
            if let Some((kind, item)) = chosen {
                go_to(state, kind, item);
            }
        }
        _ => {}
    }
    None
}

/// Jumps to an item: its place in the browser, or the source viewer for
/// quotes, sources and events. Esc or Ctrl-o comes back.
fn go_to(state: &mut State, kind: Kind, item: usize) {
    let here = state.location();
    let data = state.data.clone();
    match kind {
        Kind::Quote => {
            browse::reveal(state, kind, item);
            jump::open_quote_from(state, here, item);
        }
        Kind::Source | Kind::Event => {
            let src = match kind {
                Kind::Source => Some(item),
                _ => data.ds.events[item]
                    .sources
                    .first()
                    .and_then(|s| data.index.sources.get(s).copied()),
            };
            match src {
                Some(s) => {
                    let view = source::view(state, s, None);
                    jump::to(state, here, Screen::Source(view));
                }
                None => {
                    browse::reveal(state, kind, item);
                    jump::to(state, here, Screen::Main);
                }
            }
        }
        _ => {
            browse::reveal(state, kind, item);
            jump::to(state, here, Screen::Main);
        }
    }
}
