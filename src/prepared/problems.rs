//! The problems of the dataset version a [`super::Prepared`] was built
//! from: every diagnostic, cleaned for a screen, and which items they are
//! about, so the browser can mark a faulty item wherever it shows it.

use crate::model::anchor::CLOSEST_PASSAGE;
use crate::model::{Code, Diagnostic, ItemRef, QuoteIx, Severity};
use crate::text::clean_inline;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Diagnostic>,
    /// Indices into `list`, by the item each is about.
    by_item: HashMap<ItemRef, Vec<usize>>,
}

/// A diagnostic with its text made safe to show: it quotes the dataset,
/// and a dataset is untrusted. The id is kept as written, since it is what
/// items are found by; show it through `clean_inline`.
pub fn clean(mut d: Diagnostic) -> Diagnostic {
    let clean = |s: &str| clean_inline(s).into_owned();
    d.message = clean(&d.message);
    d.file = clean(&d.file);
    d.label = d.label.as_deref().map(clean);
    d.help = d.help.iter().map(|h| clean(h)).collect();
    d
}

impl Problems {
    pub fn new(diagnostics: Vec<Diagnostic>) -> Problems {
        let list: Vec<Diagnostic> = diagnostics.into_iter().map(clean).collect();
        let mut by_item: HashMap<ItemRef, Vec<usize>> = HashMap::new();
        for (i, d) in list.iter().enumerate() {
            if let Some(item) = d.item {
                by_item.entry(item).or_default().push(i);
            }
        }
        Problems { list, by_item }
    }

    /// Every diagnostic, errors first, in file order.
    pub fn all(&self) -> &[Diagnostic] {
        &self.list
    }

    /// The diagnostics about one item.
    pub fn of(&self, item: ItemRef) -> impl Iterator<Item = &Diagnostic> {
        self.by_item
            .get(&item)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.list.get(i))
    }

    /// The most severe problem of an item, if it has any.
    pub fn worst(&self, item: ItemRef) -> Option<Severity> {
        self.of(item).map(|d| d.severity).min()
    }

    pub fn errors(&self) -> usize {
        self.list.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.list.len() - self.errors()
    }

    /// For a quote not found in its source, the passage most like it, as
    /// its diagnostic names it.
    pub fn closest_passage(&self, quote: QuoteIx) -> Option<&str> {
        self.of(quote.into())
            .filter(|d| d.code == Code::QuoteNotFound)
            .flat_map(|d| &d.help)
            .find_map(|h| h.strip_prefix(CLOSEST_PASSAGE))
    }
}
