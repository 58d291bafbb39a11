//! Saved views: the chips, the pane filters and the screen, under a name,
//! recalled from a menu and kept in the config directory.

use super::super::menus::{SavedView, ViewScreen, ViewsFile, ViewsMenu};
use super::super::state::{Screen, State};
use super::{Effect, edit_input, facets, jump};
use crate::command::Command;
use crate::layout;
use tui_input::Input;

/// The saved views file's format.
pub const FORMAT: u32 = 1;

/// This dataset's views, by index into `state.views`.
pub fn of_dataset(state: &State) -> Vec<usize> {
    let id = &state.data.ds.id;
    (0..state.views.len())
        .filter(|&i| state.views[i].dataset == *id)
        .collect()
}

pub(super) fn open(state: &mut State) {
    let back = Box::new(state.location());
    state.screen = Screen::Views(
        ViewsMenu {
            back,
            cursor: Default::default(),
        },
        None,
    );
}

fn height(state: &State) -> usize {
    usize::from(layout::menu(state.area()).list.height)
}

fn file(state: &State) -> Effect {
    Effect::SaveViews(ViewsFile {
        format: FORMAT,
        views: state.views.clone(),
    })
}

/// What the screen behind the menu is.
fn screen_of(menu: &ViewsMenu) -> ViewScreen {
    match menu.back.place {
        super::super::Place::Matrix(_) => ViewScreen::Matrix,
        super::super::Place::Timeline(_) => ViewScreen::Timeline,
        _ => ViewScreen::Browser,
    }
}

pub(super) fn command(state: &mut State, c: Command) -> Option<Effect> {
    let Screen::Views(menu, naming) = &state.screen else {
        return None;
    };
    let (mut menu, naming) = (menu.clone(), naming.clone());
    let mine = of_dataset(state);
    let h = height(state);
    if let Some(input) = naming {
        return match c {
            Command::Accept => save(state, menu, input.value().trim()),
            Command::Back => {
                state.screen = Screen::Views(menu, None);
                None
            }
            _ => None,
        };
    }
    match c {
        Command::Down => menu.cursor.move_by(1, mine.len(), h),
        Command::Up => menu.cursor.move_by(-1, mine.len(), h),
        Command::SaveView => {
            state.screen = Screen::Views(menu, Some(Input::default()));
            return None;
        }
        Command::DeleteView => {
            let &i = mine.get(menu.cursor.selected)?;
            let gone = state.views.remove(i);
            state.message = Some(format!("view “{}” deleted", gone.name));
            let n = mine.len().saturating_sub(1);
            menu.cursor.select(menu.cursor.selected, n, h);
            state.screen = Screen::Views(menu, None);
            return Some(file(state));
        }
        Command::Open => {
            let view = mine
                .get(menu.cursor.selected)
                .map(|&i| state.views[i].clone())?;
            recall(state, &menu, &view);
            return None;
        }
        Command::Back => {
            jump::restore(state, *menu.back);
            return None;
        }
        _ => return None,
    }
    state.screen = Screen::Views(menu, None);
    None
}

/// Saves the chips, filters and screen behind the menu as `name`,
/// replacing a view of that name.
fn save(state: &mut State, menu: ViewsMenu, name: &str) -> Option<Effect> {
    if name.is_empty() {
        state.message = Some("a view needs a name".into());
        state.screen = Screen::Views(menu, Some(Input::default()));
        return None;
    }
    let view = SavedView {
        name: name.to_string(),
        dataset: state.data.ds.id.clone(),
        chips: state.narrow.chips.clone(),
        filters: menu.back.main.filters.clone(),
        screen: screen_of(&menu),
    };
    let dataset = view.dataset.clone();
    state
        .views
        .retain(|v| !(v.name == view.name && v.dataset == dataset));
    state.views.push(view);
    state.message = Some(format!("view “{name}” saved"));
    let mine = of_dataset(state);
    let mut menu = menu;
    let h = height(state);
    menu.cursor
        .select(mine.len().saturating_sub(1), mine.len(), h);
    state.screen = Screen::Views(menu, None);
    Some(file(state))
}

/// Puts a view's chips and filters in force and opens its screen.
fn recall(state: &mut State, menu: &ViewsMenu, view: &SavedView) {
    jump::restore(state, (*menu.back).clone());
    state.main.filters = view.filters.clone();
    facets::set_chips(state, view.chips.clone());
    match view.screen {
        ViewScreen::Browser if !matches!(state.screen, Screen::Main(_)) => {
            let here = state.location();
            jump::to(state, here, Screen::Main(None));
        }
        ViewScreen::Matrix if !matches!(state.screen, Screen::Matrix(_)) => {
            super::matrix::open(state)
        }
        ViewScreen::Timeline if !matches!(state.screen, Screen::Timeline(_)) => {
            super::timeline::open(state)
        }
        _ => {}
    }
    if state.message.is_none() {
        state.message = Some(format!("view “{}”", view.name));
    }
}

pub(super) fn edit_name(state: &mut State, key: crossterm::event::KeyEvent) {
    if let Screen::Views(_, Some(input)) = &mut state.screen {
        edit_input(input, key);
    }
}
