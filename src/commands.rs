//! What each subcommand does. Returns an exit code; `main` reports errors.

use crate::model::{self, Loaded};
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
pub fn browse(dataset: Option<&Path>) -> Result<ExitCode, CommandError> {
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
            crate::tui::run(crate::app::Data::new(ds))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
