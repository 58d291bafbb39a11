//! `update(state, action)`: every change to the state happens here, with no
//! I/O, so key sequences can be tested by feeding actions. What needs the
//! outside world (a search on the worker, quitting) comes back as an
//! `Effect` for the runtime to carry out.

mod browse;
mod jump;
mod mouse;
mod palette;
mod review;
mod source;

use super::command::{Action, Command};
use super::state::{Screen, State};
use crate::keymap::Mode;
use crate::search::worker::Request;

pub(crate) use browse::refresh_parties;

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Run this search off the UI thread and send back `SearchDone`.
    Search(Request),
    /// Write the review file now, before the next key, and send back
    /// `Saved`.
    SaveReview,
    /// Suspend the screen, edit this note in `$VISUAL`/`$EDITOR`, and send
    /// back `NoteEdited`.
    EditNote {
        kind: crate::review::ItemKind,
        item: usize,
        text: String,
    },
}

/// Which key table applies now.
pub fn mode(state: &State) -> Mode {
    if state.help.is_some() {
        Mode::Help
    } else {
        mode_beneath_help(state)
    }
}

/// The mode the help overlay describes: the one in force when it opened.
pub fn mode_beneath_help(state: &State) -> Mode {
    if state.note_editor.is_some() {
        Mode::Note
    } else if state.palette.is_some() {
        Mode::Search
    } else if state.typing.is_some() {
        match state.screen {
            Screen::Source(_) => Mode::Find,
            _ => Mode::Filter,
        }
    } else {
        screen_mode(state)
    }
}

fn screen_mode(state: &State) -> Mode {
    match state.screen {
        Screen::Main => Mode::Main,
        Screen::Source(_) => Mode::Source,
        Screen::Review(_) => Mode::Review,
    }
}

pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    if matches!(action, Action::Command(_) | Action::Key(_)) {
        state.message = None;
    }
    match action {
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
            jump::fit_to_window(state);
            None
        }
        Action::Mouse(m) => {
            mouse::mouse(state, m);
            None
        }
        Action::SearchDone(response) => {
            palette::receive(state, response);
            None
        }
        Action::NoteEdited { kind, item, text } => review::note_edited(state, kind, item, &text),
        Action::Saved(error) => {
            if let Some(e) = error {
                state.message = Some(format!("not saved: {e}"));
            }
            None
        }
        Action::ShutDown => review::commit_open_note(state),
        Action::Command(Command::Quit) => Some(Effect::Quit),
        Action::Key(key) => match mode(state) {
            Mode::Search => palette::edit(state, key),
            Mode::Filter => {
                browse::edit_filter(state, key);
                None
            }
            Mode::Find => {
                source::edit_find(state, key);
                None
            }
            Mode::Note => {
                review::note_key(state, key);
                None
            }
            _ => None,
        },
        Action::Command(c) => match mode(state) {
            Mode::Help => {
                help_command(state, c);
                None
            }
            Mode::Main => browse::command(state, c),
            Mode::Source => {
                source::command(state, c);
                None
            }
            Mode::Search => palette::command(state, c),
            Mode::Filter => {
                browse::filter_command(state, c);
                None
            }
            _ if c == Command::ToggleHelp => {
                state.help = Some(0);
                None
            }
            Mode::Find => {
                source::find_command(state, c);
                None
            }
            Mode::Review => review::command(state, c),
            Mode::Note => review::note_command(state, c),
        },
    }
}

fn help_command(state: &mut State, c: Command) {
    let rows = crate::keymap::help(mode_beneath_help(state)).len();
    let scroll = state.help.unwrap_or(0);
    state.help = match c {
        Command::Down => Some((scroll + 1).min(rows.saturating_sub(1))),
        Command::Up => Some(scroll.saturating_sub(1)),
        Command::Back | Command::ToggleHelp => None,
        _ => Some(scroll),
    };
}

/// Applies a key to a text input; true when the text changed.
fn edit_input(input: &mut tui_input::Input, key: crossterm::event::KeyEvent) -> bool {
    let event = crossterm::event::Event::Key(key);
    tui_input::backend::crossterm::to_input_request(&event)
        .and_then(|req| input.handle(req))
        .is_some_and(|r| r.value)
}
