//! The timeline: moving through it, narrowing it to the browser's party or
//! issue, and opening an entry: an event at its passage, a position in the
//! browser.

use super::super::state::{Screen, State};
use super::super::views::TimelineView;
use super::{Effect, browse, jump, source};
use crate::analysis::{Entry, Narrow};
use crate::command::Command;
use crate::layout;

fn height(state: &State) -> usize {
    usize::from(
        layout::timeline(state.area())
            .table
            .height
            .saturating_sub(2),
    )
    .max(1)
}

pub(super) fn open(state: &mut State) {
    let view = TimelineView::new(&state.data, Narrow::All, state.narrow.keep.as_deref());
    let here = state.location();
    jump::to(state, here, Screen::Timeline(view));
}

/// All, then the browser's party, then its issue, then all again; a step
/// with nothing selected is skipped.
fn next_narrow(state: &State, now: Narrow) -> Narrow {
    let party = state.main.party().map(Narrow::Party);
    let issue = state.main.issue().map(Narrow::Issue);
    let steps = [Some(Narrow::All), party, issue];
    let at = steps.iter().position(|s| *s == Some(now)).unwrap_or(0);
    (1..=3)
        .filter_map(|k| steps[(at + k) % 3])
        .next()
        .unwrap_or(Narrow::All)
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    if !matches!(state.screen, Screen::Timeline(_))
        || jump::view_command(state, c, Command::Timeline)
    {
        return None;
    }
    let h = height(state);
    match c {
        Command::Open => {
            let entry = match &state.screen {
                Screen::Timeline(view) => view.entry(),
                _ => None,
            };
            open_entry(state, entry);
        }
        Command::Narrow => {
            let Screen::Timeline(old) = &state.screen else {
                return None;
            };
            let (keep, narrow) = (old.entry(), next_narrow(state, old.narrow));
            let mut view = TimelineView::new(&state.data, narrow, state.narrow.keep.as_deref());
            let at = keep
                .and_then(|e| view.entries.iter().position(|&x| x == e))
                .unwrap_or(0);
            let n = view.entries.len();
            view.cursor.select(at, n, h);
            state.screen = Screen::Timeline(view);
        }
        // Moving changes the cursor only: the view's entries, as many as
        // the dataset's dated positions, are not copied for a key.
        _ => {
            let Screen::Timeline(view) = &mut state.screen else {
                return None;
            };
            let len = view.entries.len();
            match c {
                Command::Down => view.cursor.move_by(1, len, h),
                Command::Up => view.cursor.move_by(-1, len, h),
                Command::First => view.cursor.select(0, len, h),
                Command::Last => view.cursor.select(usize::MAX, len, h),
                Command::PageDown => view.cursor.move_by(h as isize, len, h),
                Command::PageUp => view.cursor.move_by(-(h as isize), len, h),
                _ => {}
            }
        }
    }
    None
}

fn open_entry(state: &mut State, entry: Option<Entry>) {
    let here = state.location();
    match entry {
        Some(Entry::Event(e)) => {
            let data = state.data.clone();
            // The passage the event is told in, else its first source.
            let quote = data.index.event_quotes[e].first().copied();
            let src = quote.and_then(|q| data.index.source_of[q]).or_else(|| {
                let first = data.ds.events[e].sources.first()?;
                data.index.source(first)
            });
            match src {
                Some(s) => {
                    let view = source::view(state, s, quote);
                    jump::to(state, here, Screen::Source(view, None));
                }
                None => state.message = Some("this event names no source".into()),
            }
        }
        Some(Entry::Position(p) | Entry::Change { to: p, .. }) => {
            browse::reveal(state, p.into());
            jump::to(state, here, Screen::Main(None));
            state.main.from_view = true;
        }
        _ => {}
    }
}
