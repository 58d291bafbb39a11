//! `parley validate`: every problem, located, in one pass.

use super::{CommandError, Context, plural};
use crate::model;
use crate::text::clean_inline;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn validate(
    cx: &Context,
    dataset: Option<&Path>,
    as_json: bool,
) -> Result<ExitCode, CommandError> {
    let loaded = cx.load(dataset)?;
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
        write!(
            out,
            "{}",
            model::diagnostic::render(&loaded.diagnostics, &loaded.files, cx.color_out)
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
    let code = if loaded.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    super::leave(loaded);
    Ok(code)
}
