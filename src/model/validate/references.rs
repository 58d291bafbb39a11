//! Ids and references: every id unique, every reference naming an item
//! of the right kind, and no issue its own ancestor.

use super::{Checker, Ids, Reference, Referrer};
use crate::model::anchor;
use crate::model::diagnostic::Code;
use crate::model::types::Dataset;

pub(super) fn check_references(ds: &Dataset, c: &mut Checker<'_, '_, '_>) {
    let sources = c.ids("sources", ds.sources.iter().map(|s| s.id.as_str()));
    let parties = c.ids("parties", ds.parties.iter().map(|p| p.id.as_str()));
    let people = c.ids("people", ds.people.iter().map(|p| p.id.as_str()));
    let issues = c.ids("issues", ds.issues.iter().map(|p| p.id.as_str()));
    let quotes = c.ids("quotes", ds.quotes.iter().map(|p| p.id.as_str()));
    c.ids("positions", ds.positions.iter().map(|p| p.id.as_str()));
    c.ids("events", ds.events.iter().map(|p| p.id.as_str()));

    for (i, s) in ds.sources.iter().enumerate() {
        c.required("sources", i, &s.id, "title", &s.title);
        if let Some(date) = &s.published {
            c.date("sources", i, &s.id, "published", date);
        }
    }
    for (i, p) in ds.parties.iter().enumerate() {
        c.required("parties", i, &p.id, "name", &p.name);
    }
    for (i, p) in ds.people.iter().enumerate() {
        let from = Referrer {
            section: "people",
            index: i,
            id: &p.id,
        };
        c.required("people", i, &p.id, "name", &p.name);
        c.reference(Reference {
            from,
            field: "party",
            target: &p.party,
            kind: "party",
            known: &[&parties],
        });
    }
    for (i, issue) in ds.issues.iter().enumerate() {
        let from = Referrer {
            section: "issues",
            index: i,
            id: &issue.id,
        };
        c.required("issues", i, &issue.id, "title", &issue.title);
        if let Some(parent) = &issue.parent {
            c.reference(Reference {
                from,
                field: "parent",
                target: parent,
                kind: "issue",
                known: &[&issues],
            });
        }
    }
    check_cycles(ds, c, &issues);
    for (i, q) in ds.quotes.iter().enumerate() {
        let from = Referrer {
            section: "quotes",
            index: i,
            id: &q.id,
        };
        c.required("quotes", i, &q.id, "text", &q.text);
        if !q.text.trim().is_empty() && anchor::only_elisions(&q.text) {
            c.at(
                "quotes",
                i,
                "text",
                &q.id,
                Code::EmptyText,
                format!("quote `{}` is only an elision", q.id),
            );
        }
        c.reference(Reference {
            from,
            field: "source",
            target: &q.source,
            kind: "source",
            known: &[&sources],
        });
        if let Some(sp) = &q.speaker {
            c.reference(Reference {
                from,
                field: "speaker",
                target: sp,
                kind: "person or party",
                known: &[&people, &parties],
            });
        }
        for issue in &q.issues {
            c.reference(Reference {
                from,
                field: "issues",
                target: issue,
                kind: "issue",
                known: &[&issues],
            });
        }
    }
    for (i, p) in ds.positions.iter().enumerate() {
        let from = Referrer {
            section: "positions",
            index: i,
            id: &p.id,
        };
        c.required("positions", i, &p.id, "summary", &p.summary);
        c.reference(Reference {
            from,
            field: "party",
            target: &p.party,
            kind: "party",
            known: &[&parties],
        });
        c.reference(Reference {
            from,
            field: "issue",
            target: &p.issue,
            kind: "issue",
            known: &[&issues],
        });
        if let Some(reporter) = &p.reported_by {
            c.reference(Reference {
                from,
                field: "reported_by",
                target: reporter,
                kind: "person or party",
                known: &[&people, &parties],
            });
        }
        if let Some(by) = &p.by {
            c.reference(Reference {
                from,
                field: "by",
                target: by,
                kind: "person",
                known: &[&people],
            });
        }
        if let Some(date) = &p.date {
            c.date("positions", i, &p.id, "date", date);
        }
        for q in &p.quotes {
            c.reference(Reference {
                from,
                field: "quotes",
                target: q,
                kind: "quote",
                known: &[&quotes],
            });
        }
        for link in &p.links {
            c.reference(Reference {
                from,
                field: "links",
                target: &link.issue,
                kind: "issue",
                known: &[&issues],
            });
        }
        for party in &p.concerns {
            c.reference(Reference {
                from,
                field: "concerns",
                target: party,
                kind: "party",
                known: &[&parties],
            });
        }
    }
    for (i, e) in ds.events.iter().enumerate() {
        let from = Referrer {
            section: "events",
            index: i,
            id: &e.id,
        };
        c.required("events", i, &e.id, "title", &e.title);
        c.date("events", i, &e.id, "date", &e.date);
        for p in &e.parties {
            c.reference(Reference {
                from,
                field: "parties",
                target: p,
                kind: "party",
                known: &[&parties],
            });
        }
        for s in &e.sources {
            c.reference(Reference {
                from,
                field: "sources",
                target: s,
                kind: "source",
                known: &[&sources],
            });
        }
        for q in &e.quotes {
            c.reference(Reference {
                from,
                field: "quotes",
                target: q,
                kind: "quote",
                known: &[&quotes],
            });
        }
    }
}

/// Reports every cycle of parent links once, at its first issue, naming
/// its issues from there round to it again.
fn check_cycles(ds: &Dataset, c: &mut Checker<'_, '_, '_>, issues: &Ids<'_>) {
    let parents: Vec<Option<usize>> = ds
        .issues
        .iter()
        .map(|issue| issue.parent.as_deref().and_then(|p| issues.get(p).copied()))
        .collect();
    for members in cycles(&parents) {
        let first = members[0];
        let names: Vec<&str> = members
            .iter()
            .chain([&first])
            .map(|&k| ds.issues.raw[k].id.as_str())
            .collect();
        let id = ds.issues.raw[first].id.clone();
        c.at(
            "issues",
            first,
            "parent",
            &id,
            Code::ParentCycle,
            format!("issue parents form a cycle: {}", names.join(" → ")),
        );
    }
}

/// Every cycle of `parents` (the parent of each issue, by index), each
/// listed from its lowest index along the parent links; ordered by that
/// lowest index.
///
/// Each issue has at most one parent, so one walk up from each issue not
/// yet seen either reaches an issue seen before or closes a new cycle on
/// itself: every issue is stepped on once, however deep the tree.
fn cycles(parents: &[Option<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    // The walk that first stepped on each issue.
    let mut seen_by = vec![UNSEEN; parents.len()];
    let mut found = Vec::new();
    for start in 0..parents.len() {
        let mut at = start;
        while seen_by[at] == UNSEEN {
            seen_by[at] = start;
            match parents[at] {
                Some(next) => at = next,
                None => break,
            }
        }
        // Back on an issue of this very walk: it closed a cycle through `at`.
        if seen_by[at] == start && parents[at].is_some() {
            let mut members = vec![at];
            let mut k = at;
            while let Some(next) = parents[k].filter(|&n| n != at) {
                members.push(next);
                k = next;
            }
            let lowest = (0..members.len()).min_by_key(|&i| members[i]).unwrap_or(0);
            members.rotate_left(lowest);
            found.push(members);
        }
    }
    found.sort_by_key(|m| m[0]);
    found
}

#[cfg(test)]
mod tests {
    use super::cycles;
    use proptest::prelude::*;

    /// The walk from every issue that found the same cycles in cubic time,
    /// kept as the oracle.
    fn cycles_by_walking_from_each(parents: &[Option<usize>]) -> Vec<Vec<usize>> {
        let mut found = Vec::new();
        for start in 0..parents.len() {
            let mut path = vec![start];
            let mut at = start;
            while let Some(next) = parents[at] {
                if next == start {
                    if path.iter().all(|&k| k >= start) {
                        found.push(path);
                    }
                    break;
                }
                if path.len() > parents.len() || path.contains(&next) {
                    break;
                }
                path.push(next);
                at = next;
            }
        }
        found
    }

    #[test]
    fn chains_cycles_and_self_parents() {
        let chain: Vec<Option<usize>> = (0..50usize).map(|i| i.checked_sub(1)).collect();
        assert!(cycles(&chain).is_empty());
        let ring: Vec<Option<usize>> = (0..50).map(|i| Some((i + 49) % 50)).collect();
        let expected: Vec<usize> = std::iter::once(0).chain((1..50).rev()).collect();
        assert_eq!(cycles(&ring), vec![expected]);
        assert_eq!(cycles(&[None, Some(1), Some(1)]), vec![vec![1]]);
        // Two cycles, one found through a tail, reported by lowest issue.
        let two = [Some(3), Some(4), Some(0), Some(2), Some(1)];
        assert_eq!(cycles(&two), vec![vec![0, 3, 2], vec![1, 4]]);
    }

    proptest! {
        #[test]
        fn same_cycles_as_walking_from_each_issue(
            parents in proptest::collection::vec(proptest::option::weighted(0.8, 0usize..40), 0..40)
        ) {
            let parents: Vec<Option<usize>> = parents
                .iter()
                .map(|p| p.filter(|&p| p < parents.len()))
                .collect();
            prop_assert_eq!(cycles(&parents), cycles_by_walking_from_each(&parents));
        }
    }
}
