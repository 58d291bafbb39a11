//! Command-line definitions. Execution lives in `commands`.
//!
//! Options that apply to every command (`--color`, `--config`, `--theme`,
//! `--allow-outside-paths`, `--review`, `--reviewer`) are global: they work before or after the
//! subcommand. A dataset given before a subcommand is a usage error rather
//! than silently ignored (`Cli::misplaced`).

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "parley",
    version,
    about = "Follow negotiations from the terminal: parties, issues, positions and the quotes behind them.",
    long_about = "Follow negotiations from the terminal: parties, issues, positions and the \
                  verbatim quotes behind them.\n\nWithout a subcommand, opens the browser on \
                  DATASET, or on the bundled Russia–Ukraine March 2022 dataset when none is given \
                  (or on the dataset the config file names)."
)]
pub struct Cli {
    /// Dataset file (RON) to open; the bundled dataset when omitted.
    pub dataset: Option<PathBuf>,

    #[command(flatten)]
    pub review: ReviewOpts,

    #[command(flatten)]
    pub global: GlobalOpts,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// A dataset written before a subcommand, as in `parley rivers.ron
    /// validate`: clap accepts it, but the subcommand would not see it.
    pub fn misplaced(&self) -> Option<String> {
        let (dataset, sub) = match &self.command {
            Some(Command::Review {
                action: Some(action),
                dataset: Some(dataset),
            }) => (dataset, format!("review {}", action_name(action))),
            Some(command) if self.dataset.is_some() => {
                (self.dataset.as_ref()?, command_name(command).to_string())
            }
            _ => return None,
        };
        Some(format!(
            "the dataset goes after the subcommand: `parley {sub} {}`",
            dataset.display()
        ))
    }
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Validate { .. } => "validate",
        Command::Search { .. } => "search QUERY",
        Command::Export { .. } => "export",
        Command::Review { .. } => "review",
        Command::Config { .. } => "config",
        Command::Cache { .. } => "cache",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
    }
}

fn action_name(a: &ReviewCommand) -> &'static str {
    match a {
        ReviewCommand::Status { .. } => "status",
        ReviewCommand::Export { .. } => "export",
    }
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb; CLICOLOR_FORCE
    /// forces it.
    #[default]
    Auto,
    Always,
    Never,
}

/// The built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    Dark,
    Light,
}

/// Options every command takes.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalOpts {
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Config file; default `$XDG_CONFIG_HOME/parley/config.ron`.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Theme for this run, over the config file's.
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeName>,
    /// Trust the dataset: let its source paths name files outside its
    /// folder (never devices, FIFOs or files over the size limit).
    #[arg(long, global = true)]
    pub allow_outside_paths: bool,
    /// Load the dataset from its files, neither reading nor writing the
    /// load cache (`parley cache path`).
    #[arg(long, global = true)]
    pub no_cache: bool,
}

/// Where review marks are kept and who makes them.
#[derive(Debug, Clone, Default, Args)]
pub struct ReviewOpts {
    /// Review file; default `$XDG_STATE_HOME/parley/<dataset id>.review.ron`.
    #[arg(long, global = true, value_name = "PATH")]
    pub review: Option<PathBuf>,
    /// Name recorded with each mark; default `$USER`.
    #[arg(long, global = true, value_name = "NAME")]
    pub reviewer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
    Csv,
}

/// `--kind`: one of the kinds' names, listed in `--help` and in the error
/// for any other word.
fn kind_parser() -> impl TypedValueParser<Value = crate::model::Kind> {
    clap::builder::PossibleValuesParser::new(crate::model::Kind::ALL.map(|k| k.as_str()))
        .try_map(|word| crate::model::Kind::parse(&word).ok_or("not a kind of item"))
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
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Check the config file and report every problem with its line and
    /// column; exit 1 when there is one.
    Check,
    /// Print where the config file is looked for.
    Path,
}

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Remove every cached load.
    Clear,
    /// Print where loads are cached.
    Path,
    /// Print the cache folder, its entries and their size, and its cap.
    Info,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset and report every problem with its line and column.
    ///
    /// Exit status: 0 when there are no errors (warnings allowed), 1 when
    /// the data has errors, 2 for usage or I/O errors. `-` reads the
    /// dataset from standard input.
    Validate {
        /// Dataset file (RON), or `-`; the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        /// Print one JSON object instead of human-readable diagnostics.
        #[arg(long)]
        json: bool,
    },
    /// Search a dataset with the same matcher and syntax as the browser.
    ///
    /// fzf syntax: terms are ANDed, `a | b` is either, `'word` exact,
    /// `^word` prefix, `word$` suffix, `!word` excludes. Smart case.
    /// Qualifiers narrow: party:, issue:, stance:, status:, role:, source:,
    /// tag:, by:, speaker:, date:, kind:, is: (e.g. `party:ru
    /// stance:red-line date:>=2022-03-20`); `-party:ru` excludes, and a
    /// repeated qualifier is either value. The dataset's synonyms and
    /// aliases find each other.
    /// On a terminal, hits are aligned and matches highlighted; in a pipe,
    /// each hit is one line of tab-separated columns: kind, id, score, text,
    /// context. Exit status: 0 with hits, 1 with none, 2 on error (an
    /// unknown qualifier too; like grep). `-` reads the dataset from
    /// standard input.
    Search {
        /// The query.
        query: String,
        /// Dataset file (RON), or `-`; the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        /// Only items of this kind (repeatable).
        #[arg(long = "kind", value_parser = kind_parser())]
        kinds: Vec<crate::model::Kind>,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print one JSON array, best hit first, each hit with the fields
        /// it matched in.
        #[arg(long)]
        json: bool,
        /// Print how many matching items each value of each facet has,
        /// with the qualifier that selects it, instead of the hits.
        #[arg(long)]
        facets: bool,
    },
    /// Review positions against their quotes: opens the browser in review
    /// mode, or reports on a review.
    Review {
        #[command(subcommand)]
        action: Option<ReviewCommand>,
        /// Dataset file (RON); the bundled dataset when omitted.
        dataset: Option<PathBuf>,
    },
    /// Write the dataset out: a Markdown briefing (per issue each party's
    /// positions and their quotes with citations, then the position
    /// matrix), the resolved model as JSON, or CSV with one row per
    /// position and quote. A dataset with errors exports nothing.
    Export {
        /// Dataset file (RON), or `-`; the bundled dataset when omitted.
        dataset: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check the config file, or print where it is looked for.
    Config {
        #[command(subcommand)]
        action: ConfigCommand,
    },
    /// The load cache: datasets loaded, validated and anchored, kept so
    /// the next command on unchanged files starts at once.
    Cache {
        #[command(subcommand)]
        action: CacheCommand,
    },
    /// Print a shell completion script.
    ///
    /// bash: `parley completions bash > ~/.local/share/bash-completion/completions/parley`;
    /// zsh: `parley completions zsh > ~/.zfunc/_parley`;
    /// fish: `parley completions fish > ~/.config/fish/completions/parley.fish`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `parley man | man -l -`.
    Man,
}
