//! `update(state, action)`: every change to the state happens here, with no
//! I/O, so key sequences can be tested by feeding actions. What needs the
//! outside world (a search on the worker, saving, quitting) comes back as
//! an `Effect` for the runtime to carry out.

mod browse;
mod copy;
mod facets;
mod jump;
mod links;
mod marks;
mod matrix;
mod mouse;
mod palette;
mod problems;
mod reload;
mod saving;
mod session;
mod source;
mod timeline;
mod views;

use super::action::Action;
use super::state::{Screen, State};
use crate::command::{Command, Condition};
use crate::keymap::Mode;
use crate::model::ItemRef;
use crate::search::worker::Request;
use crossterm::event::KeyEvent;

pub(crate) use browse::refresh_parties;
pub use problems::counts;
pub use saving::has_unsaved_marks;
pub use views::of_dataset as saved_views;

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
        item: ItemRef,
        text: String,
    },
    /// Put this text on the clipboard and send back `Copied`; `what` says
    /// what it is, for the status line.
    Copy {
        text: String,
        what: String,
    },
    /// Give the terminal back and stop, as Ctrl-z does in a shell; redraw
    /// everything when resumed.
    Suspend,
    /// Write the saved views file.
    SaveViews(crate::app::ViewsFile),
    /// Load the dataset again now, off the UI thread, and send back
    /// `Replace` or `ReloadFailed`.
    Reload,
    /// Read these keys again, in order, as if pressed now: the keys typed
    /// while the dataset loaded.
    Replay(Vec<KeyEvent>),
}

/// Which key table applies now.
pub fn mode(state: &State) -> Mode {
    state.mode()
}

/// The mode the help overlay describes: the one in force beneath it.
pub fn mode_beneath_help(state: &State) -> Mode {
    state.mode_beneath_help()
}

/// Whether a keymap condition holds in this state.
pub fn conditions(state: &State) -> impl Fn(Condition) -> bool + '_ {
    move |c| match c {
        Condition::QueryEmptyOrRecalled => state
            .palette()
            .is_some_and(|p| p.input.value().is_empty() || p.recall.is_some()),
        Condition::FilterSet => {
            matches!(state.screen, Screen::Main(_))
                && !state.main.filter(state.main.focus).is_empty()
        }
        Condition::FindSet => state.source_view().is_some_and(|v| v.find.is_some()),
        Condition::FromView => matches!(state.screen, Screen::Main(None)) && state.main.from_view,
        Condition::TypingAhead => state
            .loading_view()
            .is_some_and(|v| v.typing_ahead(&state.keymap)),
    }
}

/// What a key asks for now: the command bound to it in the current mode,
/// an edit of the text being typed, or nothing.
pub fn action_for_key(state: &State, key: KeyEvent) -> Option<Action> {
    let mode = state.mode();
    let release = key.kind == crossterm::event::KeyEventKind::Release;
    match state.keymap.lookup(mode, key, conditions(state)) {
        // While loading, every key that is not bound waits for the dataset.
        Some(Command::TypeAhead) | None if mode == Mode::Loading && !release => {
            Some(Action::Key(key))
        }
        Some(c) => Some(Action::Command(c)),
        None if mode.is_typing() && key.kind != crossterm::event::KeyEventKind::Release => {
            Some(Action::Key(key))
        }
        None => None,
    }
}

pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    let key = matches!(action, Action::Command(_) | Action::Key(_));
    let effect = act(state, action);
    // A save that failed is tried again on the next key that asks for
    // nothing else.
    if key && effect.is_none() && state.unsaved.is_some() {
        return Some(Effect::SaveReview);
    }
    effect
}

fn act(state: &mut State, action: Action) -> Option<Effect> {
    if matches!(action, Action::Command(_) | Action::Key(_)) {
        state.message = None;
        // Any key but Quit answers "stay" to the question quitting asked.
        if !matches!(action, Action::Command(Command::Quit)) {
            state.confirm_quit = false;
        }
    }
    match action {
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
            jump::fit_to_window(state);
            None
        }
        Action::Mouse(m) => mouse::mouse(state, m),
        Action::SearchDone(response) => {
            palette::receive(state, response);
            None
        }
        Action::NoteEdited { item, text } => marks::note_edited(state, item, &text),
        Action::Saved(error) => saving::saved(state, error),
        Action::Merged { file, taken } => {
            saving::merged(state, file, taken);
            None
        }
        Action::Replace(data) => {
            // Only what the reload itself has to say is kept ("reloading…"
            // is over).
            state.message = None;
            let effect = reload::replace(state, data);
            problems::reloaded(state);
            effect
        }
        Action::Loaded(data) => problems::loaded(state, data),
        Action::Progress(p) => {
            problems::progress(state, p);
            None
        }
        Action::ReloadFailed(failure) => {
            problems::failed(state, failure);
            None
        }
        // A note being typed is saved, and so is anything a failed save
        // left unsaved.
        Action::ShutDown => {
            // Leaving already: a save that now succeeds must not ask to
            // quit again.
            state.confirm_quit = false;
            marks::commit_open_note(state)
                .or_else(|| state.unsaved.is_some().then_some(Effect::SaveReview))
        }
        Action::Notice(text) => {
            state.message = Some(text);
            None
        }
        Action::Copied(result) => {
            state.message = Some(match result {
                Ok(done) => done,
                Err(why) => format!("nothing copied: {why}"),
            });
            None
        }
        Action::Command(Command::Quit) => saving::quit(state),
        Action::Command(Command::Suspend) => Some(Effect::Suspend),
        Action::Command(Command::Reload) => Some(Effect::Reload),
        Action::Command(Command::Problems) if state.help.is_none() => {
            problems::open(state);
            None
        }
        Action::Command(c @ (Command::CopyQuote | Command::CopyPosition)) => copy::copy(state, c),
        Action::Key(key) => match state.mode() {
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
                marks::note_key(state, key);
                None
            }
            Mode::ViewName => {
                views::edit_name(state, key);
                None
            }
            Mode::Facets | Mode::Views => None,
            Mode::Loading => {
                problems::queue(state, key);
                None
            }
            Mode::Browser
            | Mode::Source
            | Mode::Help
            | Mode::Review
            | Mode::Matrix
            | Mode::Timeline
            | Mode::Links
            | Mode::Problems => None,
        },
        Action::Command(c) => command(state, c),
    }
}

fn command(state: &mut State, c: Command) -> Option<Effect> {
    let mode = state.mode();
    if c == Command::ToggleHelp && mode != Mode::Help {
        state.help = Some(0);
        return None;
    }
    match mode {
        Mode::Help => {
            help_command(state, c);
            None
        }
        Mode::Browser => browse::command(state, c),
        Mode::Source => {
            source::command(state, c);
            None
        }
        Mode::Search => palette::command(state, c),
        Mode::Filter => {
            browse::filter_command(state, c);
            None
        }
        Mode::Find => {
            source::find_command(state, c);
            None
        }
        Mode::Review => session::command(state, c),
        Mode::Note => marks::note_command(state, c),
        Mode::Matrix => matrix::command(state, c),
        Mode::Links => links::command(state, c),
        Mode::Timeline => timeline::command(state, c),
        Mode::Facets => facets::command(state, c),
        Mode::Views | Mode::ViewName => views::command(state, c),
        Mode::Problems => problems::command(state, c),
        Mode::Loading => None,
    }
}

fn help_command(state: &mut State, c: Command) {
    let rows = state.keymap.help(state.mode_beneath_help()).len();
    let scroll = state.help.unwrap_or(0);
    state.help = match c {
        Command::Down => Some((scroll + 1).min(rows.saturating_sub(1))),
        Command::Up => Some(scroll.saturating_sub(1)),
        Command::Back | Command::ToggleHelp => None,
        _ => Some(scroll),
    };
}

/// Applies a key to a text input; true when the text changed.
fn edit_input(input: &mut tui_input::Input, key: KeyEvent) -> bool {
    let event = crossterm::event::Event::Key(key);
    tui_input::backend::crossterm::to_input_request(&event)
        .and_then(|req| input.handle(req))
        .is_some_and(|r| r.value)
}
