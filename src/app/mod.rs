//! The application core: state, the actions that change it, and `update`.
//! No terminal I/O happens here.

pub mod command;
pub mod data;
pub mod state;
pub mod update;

pub use command::{Action, Command, Mouse};
pub use data::{Data, item_id};
pub use state::{Cursor, Pane, Screen, SourceView, State};
pub use state::{Find, NoteEditor, Palette, ReviewView};
pub use update::{Effect, mode, mode_beneath_help, update};
