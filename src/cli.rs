//! Command-line definitions. Execution lives in `commands`.

use clap::{Args, Parser, Subcommand, ValueEnum};
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

    #[command(flatten)]
    pub review: ReviewOpts,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where review marks are kept and who makes them.
#[derive(Debug, Clone, Default, Args)]
pub struct ReviewOpts {
    /// Review file; default `$XDG_STATE_HOME/parley/<dataset id>.review.ron`.
    #[arg(long, value_name = "PATH")]
    pub review: Option<PathBuf>,
    /// Name recorded with each mark; default `$USER`.
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
}

/// `--kind`: one of the kinds' names, listed in `--help` and in the error
/// for any other word.
fn kind_parser() -> impl clap::builder::TypedValueParser<Value = crate::model::Kind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(crate::model::Kind::ALL.map(|k| k.as_str()))
        .try_map(|word| crate::model::Kind::parse(&word).ok_or("not a kind of item"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Count positions by mark, and stale and orphaned marks.
    Status {
        /// Dataset file (RON); the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        review: ReviewOpts,
    },
    /// Write the review as a document: per issue, each position with its
    /// mark, note, reviewer and time, and its quotes with their citation.
    Export {
        /// Dataset file (RON); the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        review: ReviewOpts,
    },
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
        #[arg(long = "kind", value_parser = kind_parser())]
        kinds: Vec<crate::model::Kind>,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print one JSON array, best hit first.
        #[arg(long)]
        json: bool,
    },
    /// Review positions against their quotes: opens the browser in review
    /// mode, or reports on a review.
    Review {
        #[command(subcommand)]
        action: Option<ReviewCommand>,
        /// Dataset file (RON); the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        #[command(flatten)]
        review: ReviewOpts,
    },
}
