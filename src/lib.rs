//! parley: follow negotiations from the terminal.
//!
//! The library holds everything but the process entry point, so tests and
//! benchmarks reach the model, the app state and the renderer directly.

// Layers, lowest first; a module imports only from layers below it:
// text, wrap → model → search → prepared → review → command → keymap →
// layout → app → ui → tui → cli, commands.
pub mod text;
pub mod wrap;

pub mod model;
pub mod search;

pub mod prepared;
pub mod review;

pub mod command;
pub mod keymap;
pub mod layout;

pub mod app;
pub mod ui;

pub mod bundled;
pub mod cli;
pub mod commands;
pub mod tui;
