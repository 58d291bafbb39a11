//! What a filter of qualifiers keeps in each view, worked out once when
//! the filter changes so views test a flag, not a filter, per row.
//!
//! Views are built around positions: the browser lists parties and issues
//! that hold kept positions, the matrix fills cells from kept positions,
//! review queues keep them. Under a kept position, its quotes are tested
//! only on what is the quote's own (speaker, source, wording, anchor):
//! the position already passed on party, issue, stance and the rest.

use super::Prepared;
use crate::model::{EventIx, ItemRef, PartyIx, PositionIx, QuoteIx};
use crate::search::facet::{Facet, FacetSet, Filter};
use typed_index_collections::TiVec;

/// Facets a position settles for the quotes under it, and that mean
/// nothing for choosing what a view lists (`kind:`).
const POSITION_FACETS: [Facet; 11] = [
    Facet::Party,
    Facet::Issue,
    Facet::Stance,
    Facet::Status,
    Facet::Role,
    Facet::Tag,
    Facet::By,
    Facet::Date,
    Facet::Provenance,
    Facet::Review,
    Facet::Kind,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keep {
    pub positions: TiVec<PositionIx, bool>,
    /// Quotes kept on their own (the source viewer steps through these).
    pub quotes: TiVec<QuoteIx, bool>,
    /// Quotes kept under a kept position.
    pub quotes_under: TiVec<QuoteIx, bool>,
    pub events: TiVec<EventIx, bool>,
    /// Parties holding a kept position.
    pub parties: TiVec<PartyIx, bool>,
    /// Issues holding a kept position themselves.
    pub issues: TiVec<crate::model::IssueIx, bool>,
}

impl Keep {
    pub fn new(data: &Prepared, filter: &Filter) -> Keep {
        let search = data.search();
        let kind_only = FacetSet::of(&[Facet::Kind]);
        let test = |item: ItemRef, skip: FacetSet| {
            let entry = search.position(item);
            filter.passes(&search.facts, entry, item, skip)
        };
        let positions: TiVec<PositionIx, bool> = data
            .ds
            .positions
            .keys()
            .map(|p| test(p.into(), kind_only))
            .collect();
        let under = FacetSet::of(&POSITION_FACETS);
        let mut parties: TiVec<PartyIx, bool> = data.ds.parties.iter().map(|_| false).collect();
        let mut issues: TiVec<crate::model::IssueIx, bool> =
            data.ds.issues.iter().map(|_| false).collect();
        for (p, &kept) in positions.iter_enumerated() {
            if kept {
                if let Some(party) = data.index.party_of[p] {
                    parties[party] = true;
                }
                if let Some(issue) = data.index.issue_of[p] {
                    issues[issue] = true;
                }
            }
        }
        Keep {
            quotes: data
                .ds
                .quotes
                .keys()
                .map(|q| test(q.into(), kind_only))
                .collect(),
            quotes_under: data
                .ds
                .quotes
                .keys()
                .map(|q| test(q.into(), under))
                .collect(),
            events: data
                .ds
                .events
                .keys()
                .map(|e| test(e.into(), kind_only))
                .collect(),
            positions,
            parties,
            issues,
        }
    }

    pub fn position(&self, p: PositionIx) -> bool {
        self.positions.get(p).copied().unwrap_or(false)
    }

    pub fn quote(&self, q: QuoteIx) -> bool {
        self.quotes.get(q).copied().unwrap_or(false)
    }

    pub fn quote_under(&self, q: QuoteIx) -> bool {
        self.quotes_under.get(q).copied().unwrap_or(false)
    }

    pub fn event(&self, e: EventIx) -> bool {
        self.events.get(e).copied().unwrap_or(false)
    }

    pub fn party(&self, p: PartyIx) -> bool {
        self.parties.get(p).copied().unwrap_or(false)
    }

    /// Whether the issue or one under it holds a kept position.
    pub fn issue_tree(&self, data: &Prepared, i: crate::model::IssueIx) -> bool {
        data.subtree(i)
            .iter()
            .any(|&(k, _)| self.issues.get(k).copied().unwrap_or(false))
    }

    /// How many positions are kept.
    pub fn count(&self) -> usize {
        self.positions.iter().filter(|&&k| k).count()
    }

    /// Whether an item of any kind is kept, by its own test.
    pub fn item(&self, item: ItemRef) -> bool {
        match item {
            ItemRef::Position(p) => self.position(p),
            ItemRef::Quote(q) => self.quote(q),
            ItemRef::Event(e) => self.event(e),
            ItemRef::Party(p) => self.party(p),
            ItemRef::Issue(i) => self.issues.get(i).copied().unwrap_or(false),
            _ => true,
        }
    }
}
