//! Ids and references: every id unique, every reference naming an item
//! of the right kind, and no issue its own ancestor.

use super::{Checker, Ids, Reference, Referrer};
use crate::model::anchor;
use crate::model::diagnostic::Code;
use crate::model::types::Dataset;

pub(super) fn check_references(ds: &Dataset, c: &mut Checker<'_, '_>) {
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
        if !q.text.trim().is_empty() && anchor::pieces(&q.text).is_empty() {
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

fn check_cycles(ds: &Dataset, c: &mut Checker<'_, '_>, issues: &Ids<'_>) {
    let parent_of = |i: usize| {
        ds.issues.raw[i]
            .parent
            .as_deref()
            .and_then(|p| issues.get(p).copied())
    };
    for start in 0..ds.issues.len() {
        let mut path = vec![start];
        let mut at = start;
        // A walk longer than the number of issues must have looped.
        while let Some(next) = parent_of(at) {
            if next == start {
                // Report each cycle once, at its first issue.
                if path.iter().all(|&k| k >= start) {
                    let names: Vec<&str> = path
                        .iter()
                        .chain([&start])
                        .map(|&k| ds.issues.raw[k].id.as_str())
                        .collect();
                    let id = ds.issues.raw[start].id.clone();
                    c.at(
                        "issues",
                        start,
                        "parent",
                        &id,
                        Code::ParentCycle,
                        format!("issue parents form a cycle: {}", names.join(" → ")),
                    );
                }
                break;
            }
            if path.len() > ds.issues.len() || path.contains(&next) {
                break;
            }
            path.push(next);
            at = next;
        }
    }
}
