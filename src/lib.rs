//! parley: follow negotiations from the terminal.
//!
//! The library holds everything but the process entry point, so tests and
//! benchmarks reach the model, the app state and the renderer directly.

// Layers, lowest first; a module imports only from layers below it:
// text, fold, wrap, markdown → model → cache → search → prepared → cite → review →
// command → keymap →
// layout, theme → app → ui → config → saved_views → tui → cli, commands.
pub mod fold;
pub mod markdown;
pub mod text;
pub mod wrap;

pub mod model;

pub mod cache;

pub mod search;

pub mod prepared;

pub mod export;

pub mod analysis;
pub mod cite;
pub mod review;

pub mod command;
pub mod keymap;
pub mod layout;
pub mod theme;

pub mod app;
pub mod ui;

pub mod config;
pub mod saved_views;

pub mod bundled;
pub mod cli;
pub mod clipboard;
pub mod commands;
pub mod tui;
