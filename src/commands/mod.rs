//! What each subcommand does. Each returns an exit code; `main` reports
//! errors, and a closed pipe ends a command quietly, as in ripgrep.

mod meta;
mod review;
mod search;
mod validate;

use crate::cache::Cache;
use crate::cli::{Cli, ColorWhen, Command, ReviewCommand, ReviewOpts};
use crate::config::Config;
use crate::model::sources::DirReader;
use crate::model::{self, Loaded};
use crate::search::SearchIndex;
use crate::{bundled, text::clean_inline};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

/// Errors that end a command with exit status 2 (usage or I/O), as opposed
/// to problems in the data (exit status 1).
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Load(#[from] model::LoadError),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("{name} has {errors} error(s); run `parley validate` for details")]
    Invalid { name: String, errors: usize },
    #[error(transparent)]
    Review(#[from] crate::review::store::StoreError),
    #[error("{0}")]
    Usage(String),
    #[error("invalid query: {0}")]
    Query(crate::search::facet::QueryError),
}

impl CommandError {
    /// Whoever read our output has gone: not an error worth a word.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CommandError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// What every command gets besides its own arguments.
pub struct Context {
    pub config: Config,
    pub review: ReviewOpts,
    /// How far the dataset is trusted (`--allow-outside-paths`).
    pub load: model::LoadOptions,
    /// Colour on standard output and on standard error.
    pub color_out: bool,
    pub color_err: bool,
    /// Where dataset loads are cached; nowhere with `--no-cache`.
    pub cache: Cache,
}

impl Context {
    /// Decides colour once (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`,
    /// `TERM=dumb`, whether the stream is a terminal) and reads the
    /// config file.
    pub fn new(cli: &Cli) -> Context {
        anstream::ColorChoice::write_global(match cli.global.color {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        });
        let on = |choice| choice != anstream::ColorChoice::Never;
        let color_out = on(anstream::AutoStream::choice(&std::io::stdout()));
        let color_err = on(anstream::AutoStream::choice(&std::io::stderr()));
        let mut config = Config::load(cli.global.config.as_deref(), color_out);
        match cli.global.theme {
            Some(crate::cli::ThemeName::Dark) => config.theme.palette = crate::theme::Palette::DARK,
            Some(crate::cli::ThemeName::Light) => {
                config.theme.palette = crate::theme::Palette::LIGHT
            }
            None => {}
        }
        let cache = Cache::new(if cli.global.no_cache {
            None
        } else {
            Cache::default_dir()
        });
        Context {
            config,
            review: cli.review.clone(),
            load: model::LoadOptions {
                allow_outside_paths: cli.global.allow_outside_paths,
            },
            color_out,
            color_err,
            cache,
        }
    }

    /// The dataset file a command names, else the config file's; `None`
    /// means the bundled dataset.
    pub fn dataset<'p>(&'p self, given: Option<&'p Path>) -> Option<&'p Path> {
        given.or(self.config.dataset.as_deref())
    }

    /// The dataset a command works on: the one given, else the config
    /// file's, else the bundled one. `-` reads standard input, with
    /// source paths relative to the current folder.
    pub fn load(&self, dataset: Option<&Path>) -> Result<Loaded, CommandError> {
        let dataset = self.dataset(dataset);
        Ok(match dataset {
            Some(path) if path.as_os_str() == "-" => {
                let bytes = self.read_stdin()?;
                let base = std::env::current_dir().unwrap_or_else(|_| ".".into());
                let reader = DirReader::with_outside(base, self.load.allow_outside_paths);
                model::load_bytes("<stdin>", &bytes, &reader)
            }
            Some(path) => self
                .cache
                .load_path_with(path, self.load, &model::progress::quiet)?,
            None => bundled::load(),
        })
    }

    /// The dataset file a command names or the config file gives, when
    /// the cache may serve it: not standard input, not the bundled
    /// dataset, and not a dataset trusted outside its folder.
    fn cacheable_path<'p>(&'p self, dataset: Option<&'p Path>) -> Option<&'p Path> {
        let path = self.dataset(dataset)?;
        (path.as_os_str() != "-" && !self.load.allow_outside_paths).then_some(path)
    }

    /// The search index of a dataset when the cache holds it for the files
    /// as they are now; with what qualifiers need when `facets` says so.
    pub fn cached_search_index(&self, dataset: Option<&Path>, facets: bool) -> Option<SearchIndex> {
        self.cache
            .search_index(self.cacheable_path(dataset)?, facets)
    }

    /// Keeps a dataset's search index in the cache, beside its load.
    pub fn keep_search_index(&self, dataset: Option<&Path>, index: &Arc<SearchIndex>) {
        if let Some(path) = self.cacheable_path(dataset) {
            self.cache.keep_search_index(path, index);
        }
    }

    /// A dataset on standard input, within the size limit.
    pub fn read_stdin(&self) -> Result<Vec<u8>, CommandError> {
        let stdin = std::io::stdin().lock();
        let bytes =
            model::read::read_capped(stdin, model::read::MAX_DATASET, 0).map_err(|source| {
                model::LoadError::Io {
                    path: "<stdin>".into(),
                    source,
                }
            })?;
        Ok(bytes)
    }

    /// Loads a dataset that must be free of errors; errors are printed and
    /// end the command with exit status 2 through `CommandError::Invalid`.
    pub fn load_valid(&self, dataset: Option<&Path>) -> Result<model::Dataset, CommandError> {
        self.load_checked(dataset).map(|(ds, _)| ds)
    }

    /// Like [`Context::load_valid`], with the warnings it found.
    pub fn load_checked(
        &self,
        dataset: Option<&Path>,
    ) -> Result<(model::Dataset, Vec<model::Diagnostic>), CommandError> {
        let mut loaded = self.load(dataset)?;
        if !loaded.has_errors()
            && let Some(ds) = loaded.dataset.take()
        {
            return Ok((ds, loaded.diagnostics));
        }
        let rendered =
            model::diagnostic::render(&loaded.diagnostics, &loaded.files, self.color_err);
        let _ = std::io::stderr().lock().write_all(rendered.as_bytes());
        Err(CommandError::Invalid {
            name: clean_inline(&loaded.name).into_owned(),
            errors: loaded.error_count(),
        })
    }
}

/// Leaves a loaded dataset to the end of the process instead of freeing
/// it: freeing a large dataset's million strings one by one costs tens of
/// milliseconds that the system's release of the whole process does not.
fn leave<T>(value: T) {
    std::mem::forget(value);
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Runs the command the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode, CommandError> {
    let cx = Context::new(&cli);
    match cli.command {
        None => review::browse(&cx, cli.dataset.as_deref(), false),
        Some(Command::Validate { dataset, json }) => {
            validate::validate(&cx, dataset.as_deref(), json)
        }
        Some(Command::Search {
            query,
            dataset,
            kinds,
            limit,
            json,
            facets,
        }) => search::search(&cx, &query, dataset.as_deref(), &kinds, limit, json, facets),
        Some(Command::Review {
            action: None,
            dataset,
        }) => review::browse(&cx, dataset.as_deref(), true),
        Some(Command::Review {
            action: Some(ReviewCommand::Status { dataset, json }),
            ..
        }) => review::status(&cx, dataset.as_deref(), json),
        Some(Command::Review {
            action:
                Some(ReviewCommand::Export {
                    dataset,
                    format,
                    output,
                }),
            ..
        }) => review::export(&cx, dataset.as_deref(), format, output.as_deref()),
        Some(Command::Export {
            dataset,
            format,
            output,
        }) => export(&cx, dataset.as_deref(), format, output.as_deref()),
        Some(Command::Config { action }) => meta::config(&cx, action),
        Some(Command::Cache { action }) => meta::cache(&cx, action),
        Some(Command::Completions { shell }) => meta::completions(shell),
        Some(Command::Man) => meta::man(),
    }
}

/// The browser needs a terminal on both ends: drawing into a file or a
/// pipe would fill it with escape sequences.
fn require_terminal() -> Result<(), CommandError> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(CommandError::Usage(
            "the browser needs a terminal on standard input and output; \
             in scripts use `parley search` or `parley validate`"
                .into(),
        ))
    }
}

/// `parley export`: the dataset as a briefing, JSON or CSV.
fn export(
    cx: &Context,
    dataset: Option<&Path>,
    format: crate::cli::ExportFormat,
    output: Option<&Path>,
) -> Result<ExitCode, CommandError> {
    use crate::cli::ExportFormat;
    let (ds, _) = cx.load_checked(dataset)?;
    let data = crate::prepared::Prepared::new(ds);
    let text = match format {
        ExportFormat::Md => crate::export::markdown(&data),
        ExportFormat::Json => crate::export::json(&data),
        ExportFormat::Csv => crate::export::csv(&data),
    };
    match output {
        Some(path) => crate::review::store::save_atomically(path, text.as_bytes())?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
