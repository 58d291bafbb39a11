//! Command-line definitions. Execution lives in `commands`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "parley",
    version,
    about = "Follow negotiations from the terminal: parties, issues, positions and the quotes behind them.",
    long_about = "Follow negotiations from the terminal: parties, issues, positions and the \
                  verbatim quotes behind them.\n\nWithout a subcommand, opens the browser on \
                  DATASET, or on the bundled Russia–Ukraine March 2022 dataset when none is given."
)]
pub struct Cli {
    /// Dataset file (RON) to open; the bundled dataset when omitted.
    pub dataset: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset and report every problem with its line and column.
    ///
    /// Exit status: 0 when there are no errors (warnings allowed), 1 when
    /// the data has errors, 2 for usage or I/O errors.
    Validate {
        /// Dataset file (RON); the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        /// Print one JSON object instead of human-readable diagnostics.
        #[arg(long)]
        json: bool,
    },
    /// Search a dataset with the same matcher and syntax as the browser.
    ///
    /// fzf syntax: terms are ANDed, `a | b` is either, `'word` exact,
    /// `^word` prefix, `word$` suffix, `!word` excludes. Smart case.
    /// Exit status: 0 with hits, 1 with none, 2 on error (like grep).
    Search {
        /// The query.
        query: String,
        /// Dataset file (RON); the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        /// Only items of this kind (repeatable).
        #[arg(long = "kind", value_enum)]
        kinds: Vec<crate::search::Kind>,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print one JSON array, best hit first.
        #[arg(long)]
        json: bool,
    },
}
