//! `parley export`: the dataset carried out of parley, as a Markdown
//! briefing, as the whole resolved model in JSON, or as CSV with one row
//! per position and quote. See `docs/export.md` for each format.

mod csv;
mod json;
mod markdown;

pub use csv::csv;
pub use json::{SCHEMA, json};
pub use markdown::markdown;

use crate::model::QuoteIx;
use crate::prepared::Prepared;
use serde::Serialize;
use std::collections::HashSet;

/// How a quote sits in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorState {
    /// The source has the quote's text exactly.
    Exact,
    /// Found once white space, quote and dash styles are folded.
    Normalised,
    /// Found in pieces, around `...`.
    Elided,
    /// Found more than once; the first (or `occurrence`) is used.
    Ambiguous,
    /// Not found in its source.
    Orphaned,
}

/// What the loader said about quotes that the prepared dataset does not
/// keep: which ones matched more than once.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub ambiguous: HashSet<String>,
}

impl Findings {
    /// From the loader's diagnostics.
    pub fn from(diagnostics: &[crate::model::Diagnostic]) -> Findings {
        Findings {
            ambiguous: diagnostics
                .iter()
                .filter(|d| d.code == crate::model::Code::AmbiguousQuote)
                .filter_map(|d| d.id.clone())
                .collect(),
        }
    }
}

/// A quote's anchor state.
pub fn anchor_state(data: &Prepared, q: QuoteIx, findings: &Findings) -> AnchorState {
    let quote = &data.ds.quotes[q];
    if quote.anchor.is_empty() {
        return AnchorState::Orphaned;
    }
    if findings.ambiguous.contains(&quote.id) {
        return AnchorState::Ambiguous;
    }
    if quote.anchor.len() > 1 {
        return AnchorState::Elided;
    }
    let body = data.index.source_of[q].map_or("", |s| data.ds.sources[s].body());
    let exact = quote
        .anchor
        .first()
        .and_then(|r| body.get(r.clone()))
        .is_some_and(|found| found == quote.text.trim());
    if exact {
        AnchorState::Exact
    } else {
        AnchorState::Normalised
    }
}
