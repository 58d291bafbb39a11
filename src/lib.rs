//! parley: follow negotiations from the terminal.
//!
//! The library holds everything but the process entry point, so tests and
//! benchmarks reach the model, the app state and the renderer directly.

pub mod app;
pub mod bundled;
pub mod cli;
pub mod commands;
pub mod keymap;
pub mod model;
pub mod review;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
pub mod wrap;
