//! Everything that reaches `update`: commands from keys, and input that is
//! not a key binding.

use crate::command::Command;
use crate::model::ItemRef;
use crate::prepared::Prepared;
use std::sync::Arc;

/// A mouse gesture, in terminal cell coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click { column: u16, row: u16 },
    ScrollDown { column: u16, row: u16 },
    ScrollUp { column: u16, row: u16 },
}

#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// A key with no binding in a typing mode: it edits the text.
    Key(crossterm::event::KeyEvent),
    Mouse(Mouse),
    Resize {
        width: u16,
        height: u16,
    },
    /// A search finished on the worker.
    SearchDone(crate::search::worker::Response),
    /// The external editor closed with this note text.
    NoteEdited {
        item: ItemRef,
        text: String,
    },
    /// A copy finished: what was copied and where, or why nothing was.
    Copied(Result<String, String>),
    /// Something the runtime has to say, for the status line.
    Notice(String),
    /// A review save finished; the error, if it failed.
    Saved(Option<String>),
    /// Saving found the review file changed on disk by something else, and
    /// wrote the merge of both: the review becomes that merge. `taken`
    /// items came from the file on disk.
    Merged {
        file: crate::review::ReviewFile,
        taken: usize,
    },
    /// A new version of the dataset replaces the one shown: everything
    /// that points at an item finds it again by id.
    Replace(Arc<Prepared>),
    /// parley is about to exit (a signal, or the terminal went away).
    ShutDown,
    /// The first version of the dataset is ready: the loading screen
    /// gives way to it.
    Loaded(Arc<Prepared>),
    /// How far the first load has got, for the loading screen.
    Progress(crate::model::Progress),
    /// A reload failed; the version shown stays.
    ReloadFailed(super::problems::ReloadFailure),
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}
