//! Lookups built once after loading, so nothing scans the dataset on a
//! keystroke: one lookup by id for every kind, and each reference resolved
//! to a typed index.

use super::groups::Groups;
use super::ids::Ids;
use super::item::{
    EventIx, IssueIx, ItemRef, Kind, PartyIx, PersonIx, PositionIx, QuoteIx, SourceIx,
};
use super::types::Dataset;
use rayon::prelude::*;
use typed_index_collections::TiVec;

#[derive(Debug, Default, Clone)]
pub struct DatasetIndex {
    /// Id → index, one table per kind (by `Kind::slot`).
    ids: [Ids; 7],
    /// Issue → positions on it, in dataset order.
    pub positions_by_issue: TiVec<IssueIx, Vec<PositionIx>>,
    /// Party → positions it holds.
    pub positions_by_party: TiVec<PartyIx, Vec<PositionIx>>,
    /// Party → people who belong to it.
    pub people_by_party: TiVec<PartyIx, Vec<PersonIx>>,
    /// Person → positions they stated (`by`).
    pub positions_by_person: TiVec<PersonIx, Vec<PositionIx>>,
    /// Source → quotes from it, in the order they appear in the text.
    pub quotes_by_source: TiVec<SourceIx, Vec<QuoteIx>>,
    /// Quote → positions that cite it.
    pub citing_positions: Groups<QuoteIx, PositionIx>,
    /// Issue → its direct child issues.
    pub children: TiVec<IssueIx, Vec<IssueIx>>,
    /// Issue → its parent, when the parent exists.
    pub parent: TiVec<IssueIx, Option<IssueIx>>,
    /// Position → the party holding it and the issue it is on, when they
    /// exist.
    pub party_of: TiVec<PositionIx, Option<PartyIx>>,
    pub issue_of: TiVec<PositionIx, Option<IssueIx>>,
    /// Position → the quotes it cites that exist, in the order written.
    pub quotes_of: Groups<PositionIx, QuoteIx>,
    /// Quote → its source, when it exists.
    pub source_of: TiVec<QuoteIx, Option<SourceIx>>,
    /// Party → positions that name it without being its own (`concerns`).
    pub concerning: TiVec<PartyIx, Vec<PositionIx>>,
    /// Issue → positions linked to it (`links`): what depends on it.
    pub linked_from: TiVec<IssueIx, Vec<PositionIx>>,
    /// Event → the quotes it is told in, that exist.
    pub event_quotes: TiVec<EventIx, Vec<QuoteIx>>,
}

fn ids<'a>(it: impl ExactSizeIterator<Item = &'a String>) -> Ids {
    // Past the u32 numbers a table keeps, no id is found: a dataset within
    // the size limit never gets there.
    Ids::new(it.map(String::as_str)).unwrap_or_default()
}

fn per<K: From<usize>, V: Clone>(len: usize, v: V) -> TiVec<K, V> {
    TiVec::from(vec![v; len])
}

impl DatasetIndex {
    pub fn new(ds: &Dataset) -> Self {
        // The two large tables are filled side by side.
        let ((positions, quotes), rest) = rayon::join(
            || {
                rayon::join(
                    || ids(ds.positions.iter().map(|x| &x.id)),
                    || ids(ds.quotes.iter().map(|x| &x.id)),
                )
            },
            || {
                [
                    ids(ds.parties.iter().map(|x| &x.id)),
                    ids(ds.people.iter().map(|x| &x.id)),
                    ids(ds.issues.iter().map(|x| &x.id)),
                    ids(ds.sources.iter().map(|x| &x.id)),
                    ids(ds.events.iter().map(|x| &x.id)),
                ]
            },
        );
        let [parties, people, issues, sources, events] = rest;
        let ids = [parties, people, issues, positions, quotes, sources, events];
        // What each position and quote names, looked up on every core.
        let find = |kind: Kind, id: &str| ids[kind.slot()].get(id);
        let quotes_of = Groups::build(ds.positions.len(), |i, out| {
            let p = &ds.positions[PositionIx::from(i)];
            out.extend(
                p.quotes
                    .iter()
                    .filter_map(|q| find(Kind::Quote, q).map(QuoteIx::from)),
            );
        });
        let citing_positions = quotes_of.inverted(ds.quotes.len());
        let (position_refs, source_of) = rayon::join(
            || {
                ds.positions
                    .raw
                    .par_iter()
                    .map(|p| {
                        (
                            find(Kind::Issue, &p.issue).map(IssueIx::from),
                            find(Kind::Party, &p.party).map(PartyIx::from),
                            p.by.as_deref()
                                .and_then(|b| find(Kind::Person, b))
                                .map(PersonIx::from),
                        )
                    })
                    .collect::<Vec<_>>()
            },
            || {
                ds.quotes
                    .raw
                    .par_iter()
                    .map(|q| find(Kind::Source, &q.source).map(SourceIx::from))
                    .collect::<Vec<_>>()
            },
        );
        let mut ix = DatasetIndex {
            ids,
            positions_by_issue: per(ds.issues.len(), Vec::new()),
            positions_by_party: per(ds.parties.len(), Vec::new()),
            people_by_party: per(ds.parties.len(), Vec::new()),
            positions_by_person: per(ds.people.len(), Vec::new()),
            quotes_by_source: per(ds.sources.len(), Vec::new()),
            citing_positions,
            children: per(ds.issues.len(), Vec::new()),
            parent: per(ds.issues.len(), None),
            party_of: position_refs.iter().map(|r| r.1).collect(),
            issue_of: position_refs.iter().map(|r| r.0).collect(),
            quotes_of,
            source_of: TiVec::from(source_of),
            concerning: per(ds.parties.len(), Vec::new()),
            linked_from: per(ds.issues.len(), Vec::new()),
            event_quotes: per(ds.events.len(), Vec::new()),
        };
        for ((i, p), &(issue, party, by)) in ds.positions.iter_enumerated().zip(&position_refs) {
            if let Some(k) = issue {
                ix.positions_by_issue[k].push(i);
            }
            if let Some(k) = party {
                ix.positions_by_party[k].push(i);
            }
            if let Some(k) = by {
                ix.positions_by_person[k].push(i);
            }
            for party in &p.concerns {
                if let Some(k) = ix.party(party) {
                    ix.concerning[k].push(i);
                }
            }
            for link in &p.links {
                // Positions come in order, so a position linking the same
                // issue twice can only be the last one listed there.
                // Searching the whole list was quadratic in the positions
                // linking one issue: 40,000 took 312 ms against 15 ms spread
                // over 200 issues (`cargo bench --bench shapes -- links`).
                if let Some(k) = ix.issue(&link.issue)
                    && ix.linked_from[k].last() != Some(&i)
                {
                    ix.linked_from[k].push(i);
                }
            }
        }
        for (i, e) in ds.events.iter_enumerated() {
            ix.event_quotes[i] = e.quotes.iter().filter_map(|q| ix.quote(q)).collect();
        }
        for (i, p) in ds.people.iter_enumerated() {
            if let Some(k) = ix.party(&p.party) {
                ix.people_by_party[k].push(i);
            }
        }
        for (i, &source) in ix.source_of.iter_enumerated() {
            if let Some(k) = source {
                ix.quotes_by_source[k].push(i);
            }
        }
        ix.order_quotes_by_source(ds);
        for (i, issue) in ds.issues.iter_enumerated() {
            ix.parent[i] = issue.parent.as_deref().and_then(|p| ix.issue(p));
            if let Some(k) = ix.parent[i] {
                ix.children[k].push(i);
            }
        }
        ix
    }

    /// Puts each source's quotes in the order they appear in its text:
    /// again whenever their anchors move.
    pub fn order_quotes_by_source(&mut self, ds: &Dataset) {
        for list in self.quotes_by_source.iter_mut() {
            list.sort_by_key(|&q| ds.quotes[q].anchor.first().map_or(usize::MAX, |r| r.start));
        }
    }

    /// The item of `kind` with this id: the one lookup by id.
    pub fn find(&self, kind: Kind, id: &str) -> Option<ItemRef> {
        self.ids[kind.slot()].get(id).map(|i| ItemRef::new(kind, i))
    }

    fn find_ix<I: From<usize>>(&self, kind: Kind, id: &str) -> Option<I> {
        self.ids[kind.slot()].get(id).map(I::from)
    }

    pub fn party(&self, id: &str) -> Option<PartyIx> {
        self.find_ix(Kind::Party, id)
    }

    pub fn person(&self, id: &str) -> Option<PersonIx> {
        self.find_ix(Kind::Person, id)
    }

    pub fn issue(&self, id: &str) -> Option<IssueIx> {
        self.find_ix(Kind::Issue, id)
    }

    pub fn position(&self, id: &str) -> Option<PositionIx> {
        self.find_ix(Kind::Position, id)
    }

    pub fn quote(&self, id: &str) -> Option<QuoteIx> {
        self.find_ix(Kind::Quote, id)
    }

    pub fn source(&self, id: &str) -> Option<SourceIx> {
        self.find_ix(Kind::Source, id)
    }

    /// Whether an item of `kind` has this id.
    pub fn contains(&self, kind: Kind, id: &str) -> bool {
        self.ids[kind.slot()].get(id).is_some()
    }

    /// A party's name, or the id itself when no party has it.
    pub fn party_name<'a>(&self, ds: &'a Dataset, id: &'a str) -> &'a str {
        self.party(id).map_or(id, |k| ds.parties[k].name.as_str())
    }

    /// An issue's title, or the id itself.
    pub fn issue_title<'a>(&self, ds: &'a Dataset, id: &'a str) -> &'a str {
        self.issue(id).map_or(id, |k| ds.issues[k].title.as_str())
    }

    /// A person's name, or the id itself.
    pub fn person_name<'a>(&self, ds: &'a Dataset, id: &'a str) -> &'a str {
        self.person(id).map_or(id, |k| ds.people[k].name.as_str())
    }

    /// A speaker's name: a person's, else a party's, else the id itself.
    pub fn speaker_name<'a>(&self, ds: &'a Dataset, id: &'a str) -> &'a str {
        match self.person(id) {
            Some(p) => ds.people[p].name.as_str(),
            None => self.party_name(ds, id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bytes;
    use crate::model::sources::DirReader;

    #[test]
    fn each_position_linking_an_issue_is_listed_there_once_in_order() {
        let ron = r#"Dataset(format: 1, id: "d", title: "D",
            sources: [Source(id: "s0", title: "S", text: "The envoy spoke.")],
            parties: [Party(id: "p", name: "P", role: Principal)],
            issues: [
                Issue(id: "i0", title: "A", status: Open),
                Issue(id: "i1", title: "B", status: Open),
            ],
            quotes: [Quote(id: "q0", source: "s0", text: "The envoy spoke.")],
            positions: [
                Position(id: "a", party: "p", issue: "i1", stance: Demands, summary: "x",
                    quotes: ["q0"], links: [
                        Link(kind: ConditionalOn, issue: "i0"),
                        Link(kind: InExchangeFor, issue: "i0"),
                    ]),
                Position(id: "b", party: "p", issue: "i0", stance: Demands, summary: "x",
                    quotes: ["q0"], links: [Link(kind: ConditionalOn, issue: "i1")]),
                Position(id: "c", party: "p", issue: "i1", stance: Demands, summary: "x",
                    quotes: ["q0"], links: [Link(kind: ConditionalOn, issue: "i0")]),
            ],
        )"#;
        let loaded = load_bytes("links.ron", ron.as_bytes(), &DirReader::new(".".into()));
        let ds = loaded.into_valid().expect("the dataset is valid");
        let ix = DatasetIndex::new(&ds);
        let positions =
            |ids: &[usize]| ids.iter().map(|&i| PositionIx::from(i)).collect::<Vec<_>>();
        // `a` links `i0` twice and is listed once, before `c`.
        assert_eq!(ix.linked_from[IssueIx::from(0)], positions(&[0, 2]));
        assert_eq!(ix.linked_from[IssueIx::from(1)], positions(&[1]));
    }
}
