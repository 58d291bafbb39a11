//! Following links: what an item links to and what links to it, from the
//! browser's links menu and the review screen.

use super::super::state::{LinksMenu, MainOverlay, Screen, State};
use super::{Effect, browse, jump};
use crate::command::Command;
use crate::model::ItemRef;

/// Opens the menu on the focused item's relations.
pub(super) fn open(state: &mut State) {
    let Some(item) = super::marks::focused(state) else {
        state.message = Some("select an item to see its links".into());
        return;
    };
    let items = crate::analysis::relations(&state.data, item);
    if items.is_empty() {
        state.message = Some("nothing links to or from this item".into());
        return;
    }
    state.screen = Screen::Main(Some(MainOverlay::Links(LinksMenu {
        of: item,
        items,
        cursor: Default::default(),
    })));
}

/// Shows `target` in the browser, remembering where the user was.
pub(super) fn follow(state: &mut State, target: ItemRef) {
    let here = state.location();
    browse::reveal(state, target);
    jump::to(state, here, Screen::Main(None));
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let Screen::Main(Some(MainOverlay::Links(menu))) = &mut state.screen else {
        return None;
    };
    let len = menu.items.len();
    match c {
        Command::Down => menu.cursor.move_by(1, len, len),
        Command::Up => menu.cursor.move_by(-1, len, len),
        Command::Open => {
            let target = menu.items.get(menu.cursor.selected).map(|r| r.target);
            state.screen = Screen::Main(None);
            if let Some(target) = target {
                follow(state, target);
            }
        }
        Command::Back => state.screen = Screen::Main(None),
        _ => {}
    }
    None
}
