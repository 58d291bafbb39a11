//! The browser, and the review commands: status and export.

use super::{CommandError, Context, plural, require_terminal};
use crate::cli::{ExportFormat, ReviewOpts};
use crate::model;
use crate::prepared::Prepared;
use crate::review::{Review, store};
use crate::text::clean_inline;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Opens the browser on a dataset; a dataset with errors is reported
/// instead, since the browser relies on resolved references and anchors.
/// `start_review` opens it straight in review mode.
pub fn browse(
    cx: &Context,
    dataset: Option<&Path>,
    start_review: bool,
) -> Result<ExitCode, CommandError> {
    let loaded = cx.load(dataset)?;
    match loaded.into_valid() {
        Err(loaded) => {
            let mut err = std::io::stderr().lock();
            write!(
                err,
                "{}",
                model::diagnostic::render(&loaded.diagnostics, &loaded.files, cx.color_err)
            )?;
            writeln!(
                err,
                "parley: {} has {}; run `parley validate` for details",
                clean_inline(&loaded.name),
                plural(loaded.error_count(), "error")
            )?;
            Ok(ExitCode::from(1))
        }
        Ok(ds) => {
            require_terminal()?;
            // A review file that cannot be opened does not stop the
            // browser; the reason is shown when a review is asked for.
            let opened = review_path(&cx.review, &ds.id)
                .and_then(|path| store::open(&path, &ds.id, &reviewer(&cx.review)));
            let views = crate::saved_views::read();
            let launch = crate::tui::Launch {
                review: opened.map_err(|e| clean_inline(&e.to_string()).into_owned()),
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
            let ended = crate::tui::run(Prepared::new(ds), launch)?;
            if let Some(unsaved) = ended.unsaved {
                writeln!(std::io::stderr(), "parley: {}", clean_inline(&unsaved))?;
            }
            Ok(match ended.signal {
                // As a shell reports a process a signal ended: 143 for TERM.
                Some(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(255)),
                None => ExitCode::SUCCESS,
            })
        }
    }
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
