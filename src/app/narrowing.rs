//! Chips: qualifiers that narrow every view at once (the browser's panes,
//! the matrix, the timeline, review queues, the source viewer's quote
//! stepping and the palette), shown in the status bar.

use crate::prepared::Prepared;
use crate::prepared::narrow::Keep;
use crate::review::Review;
use crate::search::facet::Marks;
use std::sync::Arc;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrowing {
    /// Each chip is one clause as typed: `party:ru`, `-stance:red-line`.
    pub chips: Vec<String>,
    /// What the chips keep; `None` when there are none.
    pub keep: Option<Arc<Keep>>,
}

impl Narrowing {
    /// The chips as one query.
    pub fn query(&self) -> String {
        self.chips.join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.chips.is_empty()
    }

    /// Chips resolved against `data`: the chips that still mean something
    /// there, what they keep, and a message naming those dropped (a saved
    /// view or a reload can name an item the dataset no longer has).
    pub fn resolve(
        chips: Vec<String>,
        data: &Prepared,
        marks: Option<Arc<Marks>>,
    ) -> (Narrowing, Option<String>) {
        let search = data.search();
        let mut kept = Vec::new();
        let mut dropped = Vec::new();
        for chip in chips {
            if kept.contains(&chip) {
                continue;
            }
            match search.query(&chip, marks.clone()) {
                Ok(q) if !q.filter.is_empty() && q.groups.is_empty() => kept.push(chip),
                Ok(_) => dropped.push(format!("{chip}: not a qualifier")),
                Err(e) => dropped.push(e.to_string()),
            }
        }
        let keep = if kept.is_empty() {
            None
        } else {
            search
                .query(&kept.join(" "), marks)
                .ok()
                .map(|q| Arc::new(Keep::new(data, &q.filter)))
        };
        let message =
            (!dropped.is_empty()).then(|| format!("filter dropped: {}", dropped.join("; ")));
        (Narrowing { chips: kept, keep }, message)
    }
}

/// Whether a query or clause names a review mark (`is:verified`, or a
/// prefix of one such as `is:ver`), which only an open review answers.
pub fn uses_marks(query: &str) -> bool {
    crate::search::facet::needs_review(&crate::search::facet::parse::parse(query))
}

/// The marks the review holds, when a query needs them.
pub fn marks_for(query: &str, review: Option<&Review>, data: &Prepared) -> Option<Arc<Marks>> {
    if !uses_marks(query) {
        return None;
    }
    review.map(|r| Arc::new(r.marks(data)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_words_need_marks() {
        assert!(uses_marks("ceasefire is:verified"));
        assert!(uses_marks("-IS:Stale"));
        assert!(!uses_marks("party:ru ceasefire"));
    }
}
