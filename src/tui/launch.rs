//! What the browser is started with, and how it ended.

use super::loader::LoadFn;
use crate::app::State;
use std::sync::Arc;

/// What the browser starts with.
pub struct Launch {
    /// How to load the dataset, now and on every reload.
    pub load: Arc<LoadFn>,
    /// The dataset as the loading screen names it.
    pub name: String,
    /// Opens the review of the dataset with this id, or says why it could
    /// not be opened; asked once, when the first version has loaded.
    pub open_review: OpenReview,
    /// Start in review mode (`parley review`).
    pub start_review: bool,
    pub keymap: crate::keymap::Keymap,
    pub theme: crate::theme::Theme,
    /// Shown in the first frame: problems in the config file.
    pub notice: Option<String>,
    /// Saved views, of every dataset.
    pub views: Vec<crate::app::SavedView>,
}

/// How the browser ended.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ended {
    /// The termination signal that ended it, if one did: the process then
    /// exits with 128 + its number, as a shell reports a signal.
    pub signal: Option<i32>,
    /// Marks or notes left unsaved (a save kept failing), and why: said on
    /// standard error once the terminal is restored.
    pub unsaved: Option<String>,
}

impl Ended {
    /// How the browser showing `state` ended, `signal` the one that ended
    /// it.
    pub(super) fn of(state: &State, signal: Option<i32>) -> Ended {
        Ended {
            signal,
            unsaved: state
                .unsaved
                .as_ref()
                .map(|u| format!("{} review change(s) not saved: {}", u.items.len(), u.error)),
        }
    }
}

/// Opens the review for a dataset id.
pub type OpenReview =
    Box<dyn FnOnce(&str) -> Result<(crate::review::Review, crate::review::store::Store), String>>;

/// How the browser ended.
#[derive(Debug)]
pub enum Outcome {
    /// The user quit, or a signal ended it.
    Quit(Ended),
    /// The dataset never loaded: it does not parse. Nothing was shown.
    Unparsable(Box<crate::model::Loaded>),
    /// The dataset could not be read at all.
    Unreadable(crate::model::LoadError),
}
