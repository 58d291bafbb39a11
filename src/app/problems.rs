//! What the browser knows about loading: the loading screen shown until
//! the first version of the dataset is ready, the Problems pane, and a
//! reload that failed.

use super::browser::Cursor;
use crate::command::Command;
use crate::keymap::{Keymap, Mode};
use crate::model::{Diagnostic, Progress};
use crossterm::event::{KeyCode, KeyEvent};
use std::sync::Arc;

/// The Problems pane: every diagnostic, one per row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProblemsView {
    pub cursor: Cursor,
}

/// The loading screen, until the first version of the dataset is ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadingView {
    /// The dataset being loaded, as a person would name it (cleaned).
    pub name: String,
    /// The latest report from the loader, if any came.
    pub progress: Option<Progress>,
    /// Keys pressed meanwhile, in order, replayed once the dataset shows.
    pub queued: Vec<KeyEvent>,
    /// The mode the queued keys will be read in.
    pub start: Mode,
}

impl LoadingView {
    pub fn new(name: String, start: Mode) -> LoadingView {
        LoadingView {
            name,
            progress: None,
            queued: Vec::new(),
            start,
        }
    }

    /// Whether the keys typed ahead end in a search, a filter or a note
    /// being typed, so that the next letter is text: `q` then does not
    /// quit. Keys are read as the start mode's keymap reads them, without
    /// the state they will meet, so this is a close guess, not a replay.
    pub fn typing_ahead(&self, keymap: &Keymap) -> bool {
        let mut typing = false;
        for &key in &self.queued {
            if typing {
                typing = !matches!(key.code, KeyCode::Esc | KeyCode::Enter);
            } else {
                typing = matches!(
                    keymap.lookup(self.start, key, |_| false),
                    Some(Command::Search | Command::Filter | Command::Note | Command::Find)
                );
            }
        }
        typing
    }
}

/// A reload that failed: the dataset file no longer parses, or could not
/// be read. The last version that loaded stays on screen.
#[derive(Debug, Clone)]
pub struct ReloadFailure {
    /// What the banner says.
    pub summary: String,
    /// The new version's diagnostics, cleaned, for the Problems pane.
    pub diagnostics: Arc<Vec<Diagnostic>>,
}
