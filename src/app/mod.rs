//! The application core: state, the actions that change it, and `update`.
//! No terminal I/O happens here, and nothing here knows how the screen is
//! drawn; geometry comes from `crate::layout`, below both.

pub mod action;
pub mod browser;
pub mod jumps;
pub mod problems;
pub mod state;
pub mod update;
pub mod views;

pub use action::{Action, Mouse};
pub use browser::{Cursor, MainView, Pane};
pub use jumps::{Jumps, Location, Place};
pub use problems::{LoadingView, ProblemsView, ReloadFailure};
pub use state::{
    Find, LinksMenu, MainOverlay, NoteEditor, Palette, ReviewView, Screen, SourceView, State,
};
pub use update::{Effect, conditions, mode, mode_beneath_help, update};
pub use views::{MatrixView, TimelineView};
