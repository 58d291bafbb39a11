//! The browser, and the review commands: status and export.

use super::{CommandError, Context, plural, require_terminal};
use crate::cli::{ExportFormat, ReviewOpts};
use crate::model;
use crate::model::progress::Report;
use crate::model::sources::DirReader;
use crate::prepared::Opened;
use crate::prepared::Prepared;
use crate::review::{Review, store};
use crate::text::clean_inline;
use crate::tui::{LoadResult, Outcome};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Opens the browser on a dataset, loading it on a thread of its own so
/// the first frame does not wait. A dataset that parses opens whatever
/// its semantic errors (they are marked, and listed in the Problems
/// pane); one that does not parse is reported instead, with exit status
/// 1. `start_review` opens it straight in review mode.
pub fn browse(
    cx: &Context,
    dataset: Option<&Path>,
    start_review: bool,
) -> Result<ExitCode, CommandError> {
    if let Err(e) = require_terminal() {
        // Nothing can be drawn; a dataset that does not parse is still
        // reported, as the browser would.
        let loaded = cx.load(dataset)?;
        if loaded.dataset.is_none() {
            return unparsable(cx, &loaded);
        }
        return Err(e);
    }
    let (load, name) = loader(cx, dataset)?;
    let opts = cx.review.clone();
    let open_review: crate::tui::OpenReview = Box::new(move |id: &str| {
        // A review file that cannot be opened does not stop the browser;
        // the reason is shown when a review is asked for.
        review_path(&opts, id)
            .and_then(|path| store::open(&path, id, &reviewer(&opts)))
            .map_err(|e| clean_inline(&e.to_string()).into_owned())
    });
    let views = crate::saved_views::read();
    let launch = crate::tui::Launch {
        load,
        name,
        open_review,
        start_review,
        keymap: cx.config.keymap.clone(),
        theme: cx.config.theme,
        notice: [
            crate::config::summary(&cx.config.problems),
            views.as_ref().err().cloned(),
        ]
        .into_iter()
        .flatten()
        .reduce(|a, b| format!("{a} · {b}")),
        views: views.map(|f| f.views).unwrap_or_default(),
    };
    match crate::tui::run(launch)? {
        Outcome::Quit(ended) => {
            if let Some(unsaved) = ended.unsaved {
                writeln!(std::io::stderr(), "parley: {}", clean_inline(&unsaved))?;
            }
            Ok(match ended.signal {
                // As a shell reports a process a signal ended: 143 for TERM.
                Some(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(255)),
                None => ExitCode::SUCCESS,
            })
        }
        Outcome::Unreadable(e) => Err(e.into()),
        Outcome::Unparsable(loaded) => unparsable(cx, &loaded),
    }
}

/// Reports a dataset the browser cannot open: its RON does not parse.
fn unparsable(cx: &Context, loaded: &model::Loaded) -> Result<ExitCode, CommandError> {
    let mut err = std::io::stderr().lock();
    write!(
        err,
        "{}",
        model::diagnostic::render(&loaded.diagnostics, &loaded.files, cx.color_err)
    )?;
    writeln!(
        err,
        "parley: {} cannot be opened: it has {}; run `parley validate` for details",
        clean_inline(&loaded.name),
        plural(loaded.error_count(), "error")
    )?;
    Ok(ExitCode::from(1))
}

/// How the browser loads the dataset a command names, each time it is
/// asked (at start and on every reload), and what to call it meanwhile.
/// A file's loads report the files they read, to be watched; standard
/// input is read once, and it and the bundled dataset are not watched.
fn loader(
    cx: &Context,
    dataset: Option<&Path>,
) -> Result<(Arc<crate::tui::LoadFn>, String), CommandError> {
    let dataset = cx.dataset(dataset);
    Ok(match dataset {
        Some(path) if path.as_os_str() == "-" => {
            let bytes = cx.read_stdin()?;
            let base = std::env::current_dir().unwrap_or_else(|_| ".".into());
            let outside = cx.load.allow_outside_paths;
            let load = move |report: Report<'_>| {
                let loaded = model::load_bytes_with(
                    "<stdin>",
                    &bytes,
                    &DirReader::with_outside(base.clone(), outside),
                    report,
                );
                Ok(LoadResult::new(
                    Opened::from_loaded(loaded, report),
                    Vec::new(),
                ))
            };
            (Arc::new(load), "<stdin>".to_string())
        }
        Some(path) => {
            let path = path.to_path_buf();
            let name = clean_inline(&path.display().to_string()).into_owned();
            let options = cx.load;
            // The first load and every reload go through the cache: a
            // dataset opened again starts at once.
            let cache = Arc::new(crate::cache::Cache::new(cx.cache.dir().map(Into::into)));
            let load = move |report: Report<'_>| {
                let loaded = cache.load_path_with(&path, options, report)?;
                let files = read_files(&path, &loaded);
                // A cached load has its search index kept beside it: the
                // browser shows the dataset at once, and the index is read
                // after. Without one, it is built before, as the loading
                // screen says, so the first search does not wait for it;
                // and kept for the next start (the cache keeps nothing for
                // a load it did not keep).
                let kept = cache.has_search_index(&path);
                let opened = if kept {
                    Opened::unindexed(loaded, report)
                } else {
                    Opened::from_loaded(loaded, report)
                };
                let mut result = LoadResult::new(opened, files);
                if let Opened::Ready(data) = &result.opened {
                    if !kept {
                        cache.keep_search_index(&path, data.search());
                    }
                    let (data, cache, path) = (Arc::clone(data), Arc::clone(&cache), path.clone());
                    result.then = Some(Box::new(move || {
                        if kept && data.index_with(|| cache.search_index(&path, true)) {
                            cache.keep_search_index(&path, data.search());
                        }
                        data.take_fingerprints();
                    }));
                }
                Ok(result)
            };
            (Arc::new(load), name)
        }
        None => {
            let load = |report: Report<'_>| {
                Ok(LoadResult::new(
                    Opened::from_loaded(crate::bundled::load_with(report), report),
                    Vec::new(),
                ))
            };
            (Arc::new(load), "the bundled dataset".to_string())
        }
    })
}

/// The files a load of `path` read: the dataset and every source file it
/// names (as written, before any cleaning), relative to its folder.
fn read_files(path: &Path, loaded: &model::Loaded) -> Vec<PathBuf> {
    let base = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut files = vec![path.to_path_buf()];
    if let Some(ds) = &loaded.dataset {
        files.extend(
            ds.sources
                .iter()
                .filter_map(|s| s.path.as_deref())
                .map(|p| base.join(p)),
        );
    }
    files
}

/// The review file: `--review`, else the default for the dataset.
pub fn review_path(
    opts: &ReviewOpts,
    dataset_id: &str,
) -> Result<std::path::PathBuf, store::StoreError> {
    match &opts.review {
        Some(p) => Ok(p.clone()),
        None => store::default_or_legacy(dataset_id),
    }
}

/// `--reviewer`, else `$USER`.
pub fn reviewer(opts: &ReviewOpts) -> String {
    opts.reviewer
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Reads a review for a report, without locking: reports never write.
/// The review file is keyed by the dataset's id as written, as the
/// browser keys it, never by its cleaned form.
pub(super) fn read_review(opts: &ReviewOpts, data: &Prepared) -> Result<Review, CommandError> {
    let id = data.review_dataset_id();
    let path = review_path(opts, id)?;
    if !path.exists() {
        return Ok(Review::new(id, &reviewer(opts)));
    }
    let file = store::read(&path)?;
    if file.dataset != id {
        return Err(store::StoreError::WrongDataset {
            path: path.display().to_string(),
            found: file.dataset,
            expected: id.to_string(),
        }
        .into());
    }
    Ok(Review::from_file(file, &reviewer(opts)))
}

pub fn status(
    cx: &Context,
    dataset: Option<&Path>,
    as_json: bool,
) -> Result<ExitCode, CommandError> {
    // Fingerprints are taken on the data as the TUI shows it (cleaned of
    // control characters), so counts must be too.
    let data = Prepared::new(cx.load_valid(dataset)?);
    let review = read_review(&cx.review, &data)?;
    let ds = &data.ds;
    let all: Vec<_> = ds.positions.keys().collect();
    let c = review.counts(&data, &all);
    let mut out = std::io::stdout().lock();
    if as_json {
        writeln!(out, "{}", serde_json::to_string(&c).unwrap_or_default())?;
    } else {
        writeln!(
            out,
            "{}: {} of {} positions reviewed",
            clean_inline(&ds.title),
            c.reviewed(),
            c.total
        )?;
        for (label, n) in [
            ("verified", c.verified),
            ("disputed", c.disputed),
            ("flagged", c.flagged),
            ("skipped", c.skipped),
            ("unreviewed", c.unreviewed),
            ("stale (changed since review)", c.stale),
            ("orphaned (no longer in the dataset)", c.orphaned),
        ] {
            writeln!(out, "  {n:>5}  {label}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    cx: &Context,
    dataset: Option<&Path>,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<ExitCode, CommandError> {
    let data = Prepared::new(cx.load_valid(dataset)?);
    let review = read_review(&cx.review, &data)?;
    let text = match format {
        ExportFormat::Md => crate::review::export::markdown(&data, &review),
        ExportFormat::Json => crate::review::export::json(&data, &review),
        ExportFormat::Csv => crate::review::export::csv(&data, &review),
    };
    match output {
        Some(path) => store::save_atomically(path, text.as_bytes())?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
