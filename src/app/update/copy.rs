//! `y` and `Y`: the selected quote, or position, with its citation, for
//! the runtime to put on the clipboard.

use super::super::state::{Screen, State};
use super::Effect;
use crate::cite;
use crate::command::Command;
use crate::model::{PositionIx, QuoteIx};

/// The quote and position the copy commands mean on this screen; the
/// position also says whether a quote is cited as evidence of a reported
/// position.
fn selection(state: &State) -> (Option<QuoteIx>, Option<PositionIx>) {
    match &state.screen {
        Screen::Main(_) => (state.main.quote(), state.main.position()),
        Screen::Source(view, _) => (view.quote, None),
        Screen::Review(view, _) => {
            let position = view.position();
            let quote =
                position.and_then(|p| state.data.index.quotes_of[p].get(view.quote).copied());
            (quote, position)
        }
        Screen::Matrix(view) => {
            let latest = view
                .cell(&state.data, state.narrow.keep.as_deref())
                .map(|c| c.latest);
            let quote = latest.and_then(|p| state.data.index.quotes_of[p].first().copied());
            (quote, latest)
        }
        Screen::Timeline(view) => {
            let position = view.position();
            let quote = position.and_then(|p| state.data.index.quotes_of[p].first().copied());
            (quote, position)
        }
        Screen::Facets(_) | Screen::Views(..) => (None, None),
        Screen::Problems(_) | Screen::Loading(_) => (None, None),
    }
}

pub(super) fn copy(state: &mut State, c: Command) -> Option<Effect> {
    let data = &state.data;
    let (quote, position) = selection(state);
    let reported = position.is_some_and(|p| data.ds.positions[p].reported_by.is_some());
    let (text, what) = match (c, quote, position) {
        (Command::CopyQuote, Some(q), _) => (
            cite::quote(data, q, reported),
            format!("quote {}", data.ds.quotes[q].id),
        ),
        (Command::CopyPosition, _, Some(p)) => (
            cite::position_markdown(data, p),
            format!("position {}", data.ds.positions[p].id),
        ),
        (Command::CopyQuote, None, _) => {
            state.message = Some("no quote selected to copy".into());
            return None;
        }
        _ => {
            state.message = Some("no position selected to copy".into());
            return None;
        }
    };
    Some(Effect::Copy { text, what })
}
