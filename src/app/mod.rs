//! The application core: state, the actions that change it, and `update`.
//! No terminal I/O happens here, and nothing here knows how the screen is
//! drawn; geometry comes from `crate::layout`, below both.

pub mod action;
pub mod browser;
pub mod jumps;
pub mod menus;
pub mod narrowing;
pub mod problems;
pub mod state;
pub mod update;
pub mod views;

pub use action::{Action, Mouse};
pub use browser::{Cursor, MainView, Pane};
pub use jumps::{Jumps, Location, Place};
pub use menus::{FacetMenu, MenuRow, SavedView, ViewScreen, ViewsFile, ViewsMenu};
pub use narrowing::Narrowing;
pub use problems::{LoadingView, ProblemsView, ReloadFailure};
pub use state::{
    Find, LinksMenu, MainOverlay, NoteEditor, Palette, ReviewView, Screen, SourceView, State,
    Unsaved,
};
pub use update::{Effect, conditions, mode, mode_beneath_help, update};
pub use views::{MatrixView, TimelineView};
