//! What search looks at: one entry per item with its searchable fields,
//! folded once at load so a keystroke only matches.

use super::build::build_kind;
pub use super::entries::Entry;
use super::entries::{Part, Slot};
use super::facet::facts::Facts;
use super::facet::vocab::Vocabulary;
use super::facet::{self, Marks, QueryError};
use super::query::Query;
use super::synonyms::Thesaurus;
use crate::model::{
    Dataset, DatasetIndex, EventIx, IssueIx, ItemRef, Kind, PartyIx, PersonIx, PositionIx, QuoteIx,
    SourceIx,
};
use std::sync::Arc;

/// Where a kind ranks when scores tie: issues and parties first, quotes
/// last, since a short title that matches says more than a long quote.
fn tie_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Issue => 0,
        Kind::Party => 1,
        Kind::Person => 2,
        Kind::Event => 3,
        Kind::Source => 4,
        Kind::Position => 5,
        Kind::Quote => 6,
    }
}

/// A person's (or party's) name, empty when there is none.
fn person<'a>(ds: &'a Dataset, ix: &DatasetIndex, id: Option<&'a str>) -> &'a str {
    id.map_or("", |id| ix.speaker_name(ds, id))
}

#[derive(Debug)]
pub struct SearchIndex {
    /// Every item once, kinds in tie-break order and each kind in dataset
    /// order, so an entry's position is its last tie-breaker: runs of
    /// entries, each with its own strings (id, text, folded and
    /// lowercased text, context) and fields.
    parts: Vec<Part>,
    /// The position of each run's first entry.
    firsts: Vec<usize>,
    len: usize,
    /// Entries of each kind and where they start (by `Kind::slot`): an
    /// item's entry is found without a map.
    counts: [usize; 7],
    starts: [usize; 7],
    /// How many values entries share, over all runs.
    shared: usize,
    /// What qualifiers look at, entry by entry (same order as the entries).
    pub facts: Facts,
    pub vocabulary: Vocabulary,
    pub thesaurus: Thesaurus,
}

impl SearchIndex {
    pub fn new(ds: &Dataset, ix: &DatasetIndex) -> SearchIndex {
        let mut parts = Vec::new();
        let issues = build_kind(ds.issues.len(), |i, b| {
            let i = IssueIx::from(i);
            let issue = &ds.issues[i];
            let tags = issue.tags.join(" ");
            let parent = ix.parent[i].map_or("", |p| ds.issues[p].title.as_str());
            let fields = [
                ("title", issue.title.as_str()),
                ("summary", issue.summary.as_deref().unwrap_or("")),
                ("tags", tags.as_str()),
                ("parent", parent),
            ];
            let context = format!("{} issue", issue.status.label());
            b.push(i, &issue.id, &fields, &context);
        });
        parts.extend(issues);
        let parties = build_kind(ds.parties.len(), |i, b| {
            let i = PartyIx::from(i);
            let p = &ds.parties[i];
            let aliases = p.aliases.join(", ");
            let fields = [("name", p.name.as_str()), ("aliases", aliases.as_str())];
            b.push(i, &p.id, &fields, p.role.label());
        });
        parts.extend(parties);
        let people = build_kind(ds.people.len(), |i, b| {
            let i = PersonIx::from(i);
            let p = &ds.people[i];
            let aliases = p.aliases.join(", ");
            let fields = [
                ("name", p.name.as_str()),
                ("aliases", aliases.as_str()),
                ("title", p.title.as_deref().unwrap_or("")),
            ];
            b.push(i, &p.id, &fields, ix.speaker_name(ds, &p.party));
        });
        parts.extend(people);
        let events = build_kind(ds.events.len(), |i, b| {
            let i = EventIx::from(i);
            let e = &ds.events[i];
            let fields = [
                ("title", e.title.as_str()),
                ("summary", e.summary.as_deref().unwrap_or("")),
            ];
            b.push(i, &e.id, &fields, &e.date);
        });
        parts.extend(events);
        let sources = build_kind(ds.sources.len(), |i, b| {
            let i = SourceIx::from(i);
            let s = &ds.sources[i];
            let fields = [
                ("title", s.title.as_str()),
                ("publisher", s.publisher.as_deref().unwrap_or("")),
            ];
            b.push(i, &s.id, &fields, s.published.as_deref().unwrap_or(""));
        });
        parts.extend(sources);
        let positions = build_kind(ds.positions.len(), |i, b| {
            let i = PositionIx::from(i);
            let p = &ds.positions[i];
            let issue = ix.issue_title(ds, &p.issue);
            let party = ix.party_of[i].map_or(p.party.as_str(), |k| ds.parties[k].name.as_str());
            let fields = [
                ("summary", p.summary.as_str()),
                ("stance", p.stance.label()),
                ("party", party),
                ("issue", issue),
                ("by", person(ds, ix, p.by.as_deref())),
                ("reported by", person(ds, ix, p.reported_by.as_deref())),
                ("date", p.date.as_deref().unwrap_or("")),
            ];
            let context = format!("{party} on {issue}");
            b.push(i, &p.id, &fields, &context);
        });
        parts.extend(positions);
        let quotes = build_kind(ds.quotes.len(), |i, b| {
            let i = QuoteIx::from(i);
            let q = &ds.quotes[i];
            let speaker = q
                .speaker
                .as_deref()
                .map(|s| ix.speaker_name(ds, s))
                .unwrap_or("");
            let party = q
                .speaker
                .as_deref()
                .and_then(|s| match ix.person(s) {
                    Some(p) => ix.party(&ds.people[p].party),
                    None => ix.party(s),
                })
                .map_or("", |p| ds.parties[p].name.as_str());
            let source =
                ix.source_of[i].map_or(q.source.as_str(), |k| ds.sources[k].title.as_str());
            let fields = [
                ("text", q.text.as_str()),
                ("speaker", speaker),
                ("party", if party == speaker { "" } else { party }),
                ("source", source),
            ];
            if speaker.is_empty() {
                b.push(i, &q.id, &fields, source);
            } else {
                b.push(i, &q.id, &fields, &format!("{speaker} · {source}"));
            }
        });
        parts.extend(quotes);
        let count = parts.iter().map(|p| p.slots.len()).sum();
        let items = parts.iter().flat_map(|p| &p.slots).map(|s| s.item);
        let facts = Facts::new(ds, ix, count, items);
        SearchIndex::from_parts(parts, facts, Vocabulary::new(ds, ix), Thesaurus::new(ds))
    }

    /// An index of runs of entries already built (or read back from a
    /// cache), in entry order.
    pub(super) fn from_parts(
        parts: Vec<Part>,
        facts: Facts,
        vocabulary: Vocabulary,
        thesaurus: Thesaurus,
    ) -> SearchIndex {
        let mut parts: Vec<Part> = parts.into_iter().filter(|p| !p.slots.is_empty()).collect();
        let mut shared = 0u32;
        for part in &mut parts {
            part.shared_base = shared;
            shared = shared.saturating_add(part.values.len() as u32);
        }
        let mut firsts = Vec::with_capacity(parts.len());
        let mut counts = [0; 7];
        let mut starts = [usize::MAX; 7];
        let mut len = 0;
        for part in &parts {
            firsts.push(len);
            for s in &part.slots {
                let k = s.item.kind().slot();
                counts[k] += 1;
                starts[k] = starts[k].min(len);
                len += 1;
            }
        }
        SearchIndex {
            parts,
            firsts,
            len,
            counts,
            starts,
            shared: shared as usize,
            facts,
            vocabulary,
            thesaurus,
        }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The run holding the entry at `at`, and its slot there.
    pub(super) fn slot(&self, at: usize) -> Option<(&Part, &Slot)> {
        let run = self
            .firsts
            .partition_point(|&first| first <= at)
            .checked_sub(1)?;
        let part = self.parts.get(run)?;
        Some((part, part.slots.get(at - self.firsts[run])?))
    }

    /// How many values entries share (see [`Entry::shared`]).
    pub(super) fn shared_values(&self) -> usize {
        self.shared
    }

    /// Every run of entries, in entry order.
    pub(super) fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// What orders entries of equal score: their kind's rank, then the
    /// length of their primary text.
    pub(super) fn tie_key(&self, at: usize) -> (u8, u32) {
        self.slot(at).map_or((u8::MAX, u32::MAX), |(_, s)| {
            (tie_rank(s.item.kind()), s.primary_len())
        })
    }

    /// The entry at a position in the index's order.
    pub fn entry_at(&self, at: usize) -> Option<Entry<'_>> {
        let (part, slot) = self.slot(at)?;
        Some(part.entry(slot))
    }

    /// A query as typed in the palette or on the command line: fzf terms,
    /// with synonyms, and qualifiers. `marks` is the open review's, for
    /// `is:verified` and the other review words.
    pub fn query(&self, input: &str, marks: Option<Arc<Marks>>) -> Result<Query, QueryError> {
        let parsed = facet::parse::parse(input);
        let mut q = Query::parse(&parsed.text);
        self.thesaurus.expand(&mut q);
        q.filter = self.vocabulary.resolve(&parsed, marks)?;
        Ok(q)
    }

    /// A pane filter: like [`SearchIndex::query`], with terms matched as
    /// exact text.
    pub fn filter_query(
        &self,
        input: &str,
        marks: Option<Arc<Marks>>,
    ) -> Result<Query, QueryError> {
        let parsed = facet::parse::parse(input);
        let mut q = Query::parse_filter(&parsed.text);
        self.thesaurus.expand(&mut q);
        q.filter = self.vocabulary.resolve(&parsed, marks)?;
        Ok(q)
    }

    /// The entry of one item.
    pub fn entry(&self, item: ItemRef) -> Option<Entry<'_>> {
        let k = item.kind().slot();
        if item.index() >= self.counts[k] {
            return None;
        }
        self.entry_at(self.starts[k] + item.index())
    }

    /// Where an item's entry is in `entries`.
    pub fn position(&self, item: ItemRef) -> usize {
        self.starts[item.kind().slot()].saturating_add(item.index())
    }

    /// How many entries a scope covers: the denominator of the counter.
    pub fn count(&self, scope: Option<Kind>) -> usize {
        match scope {
            None => self.len,
            Some(k) => self.counts[k.slot()],
        }
    }
}
