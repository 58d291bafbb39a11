//! Checks that need the whole dataset: ids, references, dates, sources,
//! quote anchoring, and the warnings that keep a dataset honest.

use super::anchor::{self, Folded};
use super::decode::decode;
use super::diagnostic::suggest;
use super::diagnostic::{Code, Diagnostic, FileSet};
use super::locate::Locator;
use super::sources::SourceReader;
use super::types::Dataset;
use crate::text::clean_inline;
use std::collections::{HashMap, HashSet};

/// How many occurrences of one quote are worth finding: enough to say it
/// is ambiguous or to honour a large `occurrence`, bounded for huge sources.
const MAX_OCCURRENCES: usize = 1000;

type Ids<'d> = HashMap<&'d str, usize>;

struct Checker<'l, 'o> {
    loc: &'l Locator<'l>,
    out: &'o mut Vec<Diagnostic>,
}

/// The item a reference is written in: its section, its position there,
/// and its id.
#[derive(Clone, Copy)]
struct Referrer<'a> {
    section: &'a str,
    index: usize,
    id: &'a str,
}

/// One reference from an item to another, by id.
struct Reference<'a> {
    from: Referrer<'a>,
    /// The field holding the reference.
    field: &'a str,
    /// The id referred to, and what kind of item it should name.
    target: &'a str,
    kind: &'a str,
    /// The ids it may match.
    known: &'a [&'a Ids<'a>],
}

impl Checker<'_, '_> {
    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    fn at(
        &mut self,
        section: &str,
        i: usize,
        field: &str,
        id: &str,
        code: Code,
        msg: String,
    ) -> &mut Diagnostic {
        let d = self
            .loc
            .diag(code, self.loc.field(section, i, field), Some(id), msg);
        self.out.push(d);
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    fn required(&mut self, section: &str, i: usize, id: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            let kind = kind_of(section);
            self.at(
                section,
                i,
                field,
                id,
                Code::EmptyText,
                format!("{kind} `{id}` has an empty `{field}`"),
            );
        }
    }

    fn ids<'d>(&mut self, section: &str, ids: impl Iterator<Item = &'d str>) -> Ids<'d> {
        let mut map = Ids::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.at(
                    section,
                    i,
                    "id",
                    id,
                    Code::EmptyText,
                    format!("{} #{} has an empty `id`", kind_of(section), i + 1),
                );
                continue;
            }
            if let Some(&first) = map.get(id) {
                let (line, _) = self
                    .loc
                    .lines
                    .line_col(self.loc.field(section, first, "id").start);
                let kind = kind_of(section);
                self.at(
                    section,
                    i,
                    "id",
                    id,
                    Code::DuplicateId,
                    format!("duplicate {kind} id `{id}`"),
                )
                .help
                .push(format!("the first {kind} with this id is on line {line}"));
            } else {
                map.insert(id, i);
            }
        }
        map
    }

    /// Reports `r.target` when no id in `r.known` matches it.
    fn reference(&mut self, r: Reference<'_>) {
        if r.known.iter().any(|m| m.contains_key(r.target)) {
            return;
        }
        let Reference {
            from: Referrer { section, index, id },
            field,
            target,
            kind,
            known,
        } = r;
        let range = self.loc.in_field(section, index, field, target);
        let mut d = self.loc.diag(
            Code::UnknownReference,
            range,
            Some(id),
            format!(
                "{} `{id}`: `{field}` refers to unknown {kind} `{target}`",
                kind_of(section)
            ),
        );
        d.label = Some(format!("no {kind} has this id"));
        let candidates: Vec<&str> = known.iter().flat_map(|m| m.keys().copied()).collect();
        if let Some(s) = suggest(target, &candidates) {
            d.help.push(format!("did you mean `{s}`?"));
        }
        d.help.push(format!("expected the id of a {kind}"));
        self.push(d);
    }

    fn date(&mut self, section: &str, i: usize, id: &str, field: &str, value: &str) {
        if !valid_date(value) {
            self.at(
                section,
                i,
                field,
                id,
                Code::InvalidDate,
                format!("invalid date `{value}`"),
            )
            .help
            .push("write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-03-29".into());
        }
    }
}

fn kind_of(section: &str) -> &'static str {
    match section {
        "sources" => "source",
        "parties" => "party",
        "people" => "person",
        "issues" => "issue",
        "quotes" => "quote",
        "positions" => "position",
        "events" => "event",
        _ => "item",
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&num(m)),
        [y, m, d] => {
            if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
                return false;
            }
            let (y, m, d) = (num(y), num(m), num(d));
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

pub fn validate(
    ds: &mut Dataset,
    loc: &Locator<'_>,
    reader: &dyn SourceReader,
    out: &mut Vec<Diagnostic>,
    files: &mut FileSet,
) {
    let mut c = Checker { loc, out };
    if ds.format != 1 {
        let d = loc.diag(
            Code::UnsupportedFormat,
            loc.top("format"),
            None,
            format!(
                "unsupported dataset format {}; this parley reads format 1",
                ds.format
            ),
        );
        c.push(d);
    }
    for (field, value) in [("id", &ds.id), ("title", &ds.title)] {
        if value.trim().is_empty() {
            let d = loc.diag(
                Code::EmptyText,
                loc.top(field),
                None,
                format!("the dataset has an empty `{field}`"),
            );
            c.push(d);
        }
    }
    check_references(ds, &mut c);
    let readable = read_sources(ds, &mut c, reader, files);
    anchor_quotes(ds, &mut c, &readable);
    warn_unused(ds, &mut c);
}

fn check_references(ds: &Dataset, c: &mut Checker<'_, '_>) {
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
        c.required("people", i, &p.id, "name", &p.name);
        c.reference(Reference {
            from: Referrer {
                section: "people",
                index: i,
                id: &p.id,
            },
            field: "party",
            target: &p.party,
            kind: "party",
            known: &[&parties],
        });
    }
    for (i, issue) in ds.issues.iter().enumerate() {
        c.required("issues", i, &issue.id, "title", &issue.title);
        if let Some(parent) = &issue.parent {
            c.reference(Reference {
                from: Referrer {
                    section: "issues",
                    index: i,
                    id: &issue.id,
                },
                field: "parent",
                target: parent,
                kind: "issue",
                known: &[&issues],
            });
        }
    }
    check_cycles(ds, c, &issues);
    for (i, q) in ds.quotes.iter().enumerate() {
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
            from: Referrer {
                section: "quotes",
                index: i,
                id: &q.id,
            },
            field: "source",
            target: &q.source,
            kind: "source",
            known: &[&sources],
        });
        if let Some(sp) = &q.speaker {
            c.reference(Reference {
                from: Referrer {
                    section: "quotes",
                    index: i,
                    id: &q.id,
                },
                field: "speaker",
                target: sp,
                kind: "person or party",
                known: &[&people, &parties],
            });
        }
        for issue in &q.issues {
            c.reference(Reference {
                from: Referrer {
                    section: "quotes",
                    index: i,
                    id: &q.id,
                },
                field: "issues",
                target: issue,
                kind: "issue",
                known: &[&issues],
            });
        }
    }
    for (i, p) in ds.positions.iter().enumerate() {
        c.required("positions", i, &p.id, "summary", &p.summary);
        c.reference(Reference {
            from: Referrer {
                section: "positions",
                index: i,
                id: &p.id,
            },
            field: "party",
            target: &p.party,
            kind: "party",
            known: &[&parties],
        });
        c.reference(Reference {
            from: Referrer {
                section: "positions",
                index: i,
                id: &p.id,
            },
            field: "issue",
            target: &p.issue,
            kind: "issue",
            known: &[&issues],
        });
        if let Some(by) = &p.by {
            c.reference(Reference {
                from: Referrer {
                    section: "positions",
                    index: i,
                    id: &p.id,
                },
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
                from: Referrer {
                    section: "positions",
                    index: i,
                    id: &p.id,
                },
                field: "quotes",
                target: q,
                kind: "quote",
                known: &[&quotes],
            });
        }
        for link in &p.links {
            c.reference(Reference {
                from: Referrer {
                    section: "positions",
                    index: i,
                    id: &p.id,
                },
                field: "links",
                target: &link.issue,
                kind: "issue",
                known: &[&issues],
            });
        }
    }
    for (i, e) in ds.events.iter().enumerate() {
        c.required("events", i, &e.id, "title", &e.title);
        c.date("events", i, &e.id, "date", &e.date);
        for p in &e.parties {
            c.reference(Reference {
                from: Referrer {
                    section: "events",
                    index: i,
                    id: &e.id,
                },
                field: "parties",
                target: p,
                kind: "party",
                known: &[&parties],
            });
        }
        for s in &e.sources {
            c.reference(Reference {
                from: Referrer {
                    section: "events",
                    index: i,
                    id: &e.id,
                },
                field: "sources",
                target: s,
                kind: "source",
                known: &[&sources],
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

/// Reads every source's text; returns which sources have text to anchor in.
fn read_sources(
    ds: &mut Dataset,
    c: &mut Checker<'_, '_>,
    reader: &dyn SourceReader,
    files: &mut FileSet,
) -> Vec<bool> {
    let mut readable = vec![false; ds.sources.len()];
    for (i, s) in ds.sources.iter_mut().enumerate() {
        match (&s.path, &s.text) {
            (Some(_), Some(_)) | (None, None) => {
                let both = s.path.is_some();
                c.at(
                    "sources",
                    i,
                    if both { "text" } else { "id" },
                    &s.id,
                    Code::PathXorText,
                    format!(
                        "source `{}` must have exactly one of `path` and `text` (it has {})",
                        s.id,
                        if both { "both" } else { "neither" }
                    ),
                );
            }
            (Some(path), None) => {
                let shown = reader.display(path);
                match reader.read(path) {
                    Err(e) => {
                        c.at(
                            "sources",
                            i,
                            "path",
                            &s.id,
                            Code::SourceUnreadable,
                            format!("cannot read source file {shown}: {e}"),
                        );
                    }
                    Ok(bytes) => match decode(&shown, &bytes) {
                        Err(bad) => {
                            let (mut d, lossy) = *bad;
                            d.id = Some(s.id.clone());
                            files.add(&shown, &lossy);
                            c.push(d);
                        }
                        Ok(text) => {
                            s.text = Some(text.to_string());
                            readable[i] = true;
                        }
                    },
                }
            }
            (None, Some(_)) => readable[i] = true,
        }
        if readable[i] && s.body().trim().is_empty() {
            c.at(
                "sources",
                i,
                "id",
                &s.id,
                Code::EmptyText,
                format!("source `{}` has no text", s.id),
            );
            readable[i] = false;
        }
    }
    readable
}

fn anchor_quotes(ds: &mut Dataset, c: &mut Checker<'_, '_>, readable: &[bool]) {
    let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
    for (qi, q) in ds.quotes.iter().enumerate() {
        by_source.entry(q.source.as_str()).or_default().push(qi);
    }
    let mut anchors = Vec::new();
    for (si, source) in ds.sources.iter().enumerate() {
        let Some(quotes) = by_source.get(source.id.as_str()) else {
            continue;
        };
        if !readable[si] {
            continue;
        }
        let body = source.body();
        let folded = Folded::new(body);
        for &qi in quotes {
            let q = &ds.quotes.raw[qi];
            let pieces = anchor::pieces(&q.text);
            if pieces.is_empty() {
                continue;
            }
            let hits = folded.find_all(&pieces, MAX_OCCURRENCES);
            let n = hits.len();
            match (n, q.occurrence) {
                (0, _) => {
                    not_found(c, qi, &q.id, &source.id, &folded, body, &pieces);
                }
                (_, Some(k)) if k == 0 || k as usize > n => {
                    c.at("quotes", qi, "occurrence", &q.id, Code::OccurrenceOutOfRange, format!(
                        "quote `{}` asks for occurrence {k}, but its text occurs {n} {}time{} in `{}`",
                        q.id,
                        if n >= MAX_OCCURRENCES { "or more " } else { "" },
                        if n == 1 { "" } else { "s" },
                        source.id
                    ));
                }
                (_, Some(k)) => anchors.push((qi, hits[k as usize - 1].clone())),
                (1, None) => anchors.push((qi, hits[0].clone())),
                (_, None) => {
                    let more = if n >= MAX_OCCURRENCES { "or more " } else { "" };
                    c.at(
                        "quotes",
                        qi,
                        "text",
                        &q.id,
                        Code::AmbiguousQuote,
                        format!(
                            "quote `{}` occurs {n} {more}times in `{}`; the first is used",
                            q.id, source.id
                        ),
                    )
                    .help
                    .push(format!(
                        "add `occurrence: N` (1 to {n}) to say which one is meant"
                    ));
                    anchors.push((qi, hits[0].clone()));
                }
            }
        }
    }
    for (qi, ranges) in anchors {
        ds.quotes.raw[qi].anchor = ranges;
    }
}

fn not_found(
    c: &mut Checker<'_, '_>,
    qi: usize,
    id: &str,
    source: &str,
    folded: &Folded,
    body: &str,
    pieces: &[String],
) {
    let missing = pieces
        .iter()
        .find(|p| folded.find_all(std::slice::from_ref(p), 1).is_empty());
    let msg = match missing {
        Some(_) if pieces.len() > 1 => {
            format!("quote `{id}`: a piece of the quote is not in source `{source}`")
        }
        Some(_) => format!("quote `{id}` is not in source `{source}`"),
        None => format!(
            "quote `{id}`: the pieces around `...` are in source `{source}`, but not in this order"
        ),
    };
    let d = c.at("quotes", qi, "text", id, Code::QuoteNotFound, msg);
    if let Some(piece) = missing {
        if pieces.len() > 1 {
            d.help
                .push(format!("missing piece: “{}”", clean_inline(piece)));
        }
        match folded.closest(piece) {
            Some(range) => {
                let passage: String = body.get(range).unwrap_or("").chars().take(200).collect();
                let passage = passage.split_whitespace().collect::<Vec<_>>().join(" ");
                d.help.push(format!(
                    "closest passage in the source: {}",
                    clean_inline(&passage)
                ));
            }
            None => d.help.push("no similar passage in the source".into()),
        }
    }
    d.help
        .push("matching ignores white space, quote and dash styles; `...` marks an elision".into());
}

fn warn_unused(ds: &Dataset, c: &mut Checker<'_, '_>) {
    for (i, p) in ds.positions.iter().enumerate() {
        if p.quotes.is_empty() {
            c.at(
                "positions",
                i,
                "id",
                &p.id,
                Code::PositionWithoutQuotes,
                format!("position `{}` has no quotes to back it", p.id),
            );
        }
    }
    let mut held: HashSet<&str> = ds.positions.iter().map(|p| p.issue.as_str()).collect();
    // A parent issue is held through its children's positions.
    let mut grew = true;
    while grew {
        grew = false;
        for issue in &ds.issues {
            if let Some(parent) = issue.parent.as_deref()
                && held.contains(issue.id.as_str())
                && held.insert(parent)
            {
                grew = true;
            }
        }
    }
    for (i, issue) in ds.issues.iter().enumerate() {
        if !held.contains(issue.id.as_str()) {
            c.at(
                "issues",
                i,
                "id",
                &issue.id,
                Code::IssueWithoutPositions,
                format!("no position is held on issue `{}`", issue.id),
            );
        }
    }
    let quoted: HashSet<&str> = ds.quotes.iter().map(|q| q.source.as_str()).collect();
    for (i, s) in ds.sources.iter().enumerate() {
        if !quoted.contains(s.id.as_str()) {
            c.at(
                "sources",
                i,
                "id",
                &s.id,
                Code::SourceNeverQuoted,
                format!("source `{}` is never quoted", s.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::valid_date;

    #[test]
    fn dates() {
        for ok in ["2022", "2022-03", "2022-03-29", "2024-02-29"] {
            assert!(valid_date(ok), "{ok}");
        }
        for bad in [
            "22",
            "2022-13",
            "2022-02-30",
            "2023-02-29",
            "2022-3-1",
            "2022-03-29T00",
            "",
        ] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
