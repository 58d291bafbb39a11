//! What each subcommand does. Returns an exit code; `main` reports errors.

use crate::cli::{ExportFormat, ReviewOpts};
use crate::model::Kind;
use crate::model::{self, Loaded};
use crate::prepared::Prepared;
use crate::review::{Review, store};
use crate::{bundled, text::clean_inline};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

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
    Review(#[from] store::StoreError),
}

pub fn load(dataset: Option<&Path>) -> Result<Loaded, CommandError> {
    Ok(match dataset {
        Some(path) => model::load_path(path)?,
        None => bundled::load(),
    })
}

/// Whether to colour output written to `stream`: only on a terminal, and
/// never when `NO_COLOR` is set.
pub fn use_color(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn validate(dataset: Option<&Path>, as_json: bool) -> Result<ExitCode, CommandError> {
    let loaded = load(dataset)?;
    let mut out = std::io::stdout().lock();
    let counts = loaded.dataset.as_ref().map(|d| {
        json!({
            "sources": d.sources.len(),
            "parties": d.parties.len(),
            "people": d.people.len(),
            "issues": d.issues.len(),
            "quotes": d.quotes.len(),
            "positions": d.positions.len(),
            "events": d.events.len(),
        })
    });
    if as_json {
        let doc = json!({
            "dataset": loaded.name,
            "counts": counts,
            "diagnostics": loaded.diagnostics,
        });
        writeln!(out, "{doc}")?;
    } else {
        let color = use_color(&std::io::stdout());
        write!(
            out,
            "{}",
            model::diagnostic::render(&loaded.diagnostics, &loaded.files, color)
        )?;
        let errors = loaded.error_count();
        let warnings = loaded.diagnostics.len() - errors;
        let what = match &loaded.dataset {
            Some(d) => format!(
                " ({}, {}, {}, {}, {})",
                plural(d.parties.len(), "party").replace("partys", "parties"),
                plural(d.issues.len(), "issue"),
                plural(d.positions.len(), "position"),
                plural(d.quotes.len(), "quote"),
                plural(d.sources.len(), "source"),
            ),
            None => String::new(),
        };
        writeln!(
            out,
            "{}: {}, {}{what}",
            clean_inline(&loaded.name),
            plural(errors, "error"),
            plural(warnings, "warning"),
        )?;
    }
    Ok(if loaded.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Opens the browser on a dataset; a dataset with errors is reported
/// instead, since the browser relies on resolved references and anchors.
/// `start_review` opens it straight in review mode.
pub fn browse(
    dataset: Option<&Path>,
    opts: &ReviewOpts,
    start_review: bool,
) -> Result<ExitCode, CommandError> {
    let loaded = load(dataset)?;
    match loaded.into_valid() {
        Err(loaded) => {
            let color = use_color(&std::io::stderr());
            let mut err = std::io::stderr().lock();
            write!(
                err,
                "{}",
                model::diagnostic::render(&loaded.diagnostics, &loaded.files, color)
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
            // A review file that cannot be opened does not stop the
            // browser; the reason is shown when a review is asked for.
            let opened = review_path(opts, &ds.id)
                .and_then(|path| store::open(&path, &ds.id, &reviewer(opts)));
            let setup = crate::tui::ReviewSetup {
                opened: opened.map_err(|e| clean_inline(&e.to_string()).into_owned()),
                start: start_review,
            };
            crate::tui::run(Prepared::new(ds), setup)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Loads a dataset that must be free of errors; errors are printed and end
/// the command with exit status 2 through `CommandError::Invalid`.
fn load_valid(dataset: Option<&Path>) -> Result<crate::model::Dataset, CommandError> {
    match load(dataset)?.into_valid() {
        Ok(ds) => Ok(ds),
        Err(loaded) => {
            let color = use_color(&std::io::stderr());
            eprint!(
                "{}",
                model::diagnostic::render(&loaded.diagnostics, &loaded.files, color)
            );
            Err(CommandError::Invalid {
                name: clean_inline(&loaded.name).into_owned(),
                errors: loaded.error_count(),
            })
        }
    }
}

/// Runs a search; exit 0 with hits, 1 without, like grep.
pub fn search(
    query: &str,
    dataset: Option<&Path>,
    kinds: &[Kind],
    limit: usize,
    as_json: bool,
) -> Result<ExitCode, CommandError> {
    use crate::search::Query;
    let data = Prepared::new(load_valid(dataset)?);
    let index = data.search();
    let q = Query::parse(query);
    let scope = match kinds {
        [one] => Some(*one),
        _ => None,
    };
    let hits = data
        .matcher
        .search(index, &q, scope, &|| false)
        .unwrap_or_default();
    let hits: Vec<_> = hits
        .into_iter()
        .filter(|h| kinds.is_empty() || kinds.contains(&h.item.kind()))
        .take(limit)
        .collect();
    let mut out = std::io::stdout().lock();
    let color = use_color(&std::io::stdout());
    let mut rows = Vec::new();
    for h in &hits {
        let Some(e) = index.entry(h.item) else {
            continue;
        };
        let positions = data.matcher.positions(e, &q);
        let field = e.field_at(&positions);
        let id = data.id(h.item);
        if as_json {
            rows.push(json!({
                "kind": e.kind().as_str(),
                "id": id,
                "score": h.score,
                "text": e.field_text(field),
                "context": e.context,
            }));
        } else {
            let marked = mark(e.field_text(field), field.chars.start, &positions, color);
            writeln!(
                out,
                "{:<8} {}  {}",
                e.kind().as_str(),
                clean_inline(id),
                marked
            )?;
        }
    }
    if as_json {
        writeln!(out, "{}", serde_json::Value::Array(rows))?;
    }
    Ok(if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Marks matched characters: bold and underlined on a terminal, `[..]`
/// otherwise. `offset` is the field's first character in the entry.
fn mark(text: &str, offset: usize, positions: &[usize], color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1;4m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut inside = false;
    for (i, c) in clean_inline(text).chars().enumerate() {
        let hit = positions.binary_search(&(offset + i)).is_ok();
        if hit != inside {
            out.push_str(if hit { open } else { close });
            inside = hit;
        }
        out.push(c);
    }
    if inside {
        out.push_str(close);
    }
    out
}

/// The review file: `--review`, else the default for the dataset.
pub fn review_path(
    opts: &ReviewOpts,
    dataset_id: &str,
) -> Result<std::path::PathBuf, store::StoreError> {
    match &opts.review {
        Some(p) => Ok(p.clone()),
        None => store::default_path(dataset_id),
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
fn read_review(opts: &ReviewOpts, ds: &model::Dataset) -> Result<Review, CommandError> {
    let path = review_path(opts, &ds.id)?;
    if !path.exists() {
        return Ok(Review::new(&ds.id, &reviewer(opts)));
    }
    let file = store::read(&path)?;
    if file.dataset != ds.id {
        return Err(store::StoreError::WrongDataset {
            path: path.display().to_string(),
            found: file.dataset,
            expected: ds.id.clone(),
        }
        .into());
    }
    Ok(Review::from_file(file, &reviewer(opts)))
}

pub fn review_status(
    dataset: Option<&Path>,
    as_json: bool,
    opts: &ReviewOpts,
) -> Result<ExitCode, CommandError> {
    // Fingerprints are taken on the data as the TUI shows it (cleaned of
    // control characters), so counts must be too.
    let data = Prepared::new(load_valid(dataset)?);
    let ds = &data.ds;
    let review = read_review(opts, ds)?;
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

pub fn review_export(
    dataset: Option<&Path>,
    format: ExportFormat,
    output: Option<&Path>,
    opts: &ReviewOpts,
) -> Result<ExitCode, CommandError> {
    let data = Prepared::new(load_valid(dataset)?);
    let review = read_review(opts, &data.ds)?;
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
