//! Checks that need the whole dataset: ids, references, dates, sources,
//! quote anchoring, and the warnings that keep a dataset honest.

mod references;
mod sources;
mod synonyms;

use super::diagnostic::suggest;
use super::diagnostic::{Code, Diagnostic, FileSet};
use super::item::{ItemRef, Kind};
use super::locate::{Literals, Locator};
use super::progress::{Phase, Progress, Report};
use super::sources::SourceReader;
use super::types::Dataset;
use crate::text::{escape_unprintable, unprintable};
use std::collections::{HashMap, HashSet};

/// How many occurrences of one quote are worth finding: enough to say it
/// is ambiguous or to honour a large `occurrence`, bounded for huge sources.
const MAX_OCCURRENCES: usize = 1000;

/// Id → index; a fast hash, as ids are looked up for every reference.
type Ids<'d> = foldhash::HashMap<&'d str, usize>;

/// How many known ids all "did you mean" suggestions of one load may
/// compare with. Each unknown reference is compared with every id of its
/// kind, so thousands of unknown references among thousands of ids took
/// minutes; past this, an unknown reference gets no suggestion.
const SUGGESTION_BUDGET: usize = 1_000_000;

struct Checker<'l, 't, 'o> {
    loc: &'l Locator<'t>,
    out: &'o mut Vec<Diagnostic>,
    /// Comparisons left for suggestions.
    budget: usize,
    /// Suggestions made, by kind and unknown id: the same mistake gets
    /// the same suggestion, and costs once.
    suggested: HashMap<(String, String), Option<String>>,
    /// The strings of each field that unknown references were found in.
    strings: HashMap<(String, usize, String), Option<Literals<'t>>>,
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

impl Checker<'_, '_, '_> {
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
        let mut d = self
            .loc
            .diag(code, self.loc.field(section, i, field), Some(id), msg);
        d.item = item_at(section, i);
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
        let mut map = Ids::default();
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
            self.printable(section, i, id);
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

    /// Reports an id with a control or invisible format character in it:
    /// it could read as another id, or reorder what is shown around it.
    fn printable(&mut self, section: &str, i: usize, id: &str) {
        if let Some(d) = unprintable_id(kind_of(section), id) {
            let (message, help) = d;
            let shown = escape_unprintable(id).into_owned();
            let d = self.at(section, i, "id", &shown, Code::UnprintableId, message);
            d.help.push(help);
        }
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
        let strings = self
            .strings
            .entry((section.to_string(), index, field.to_string()))
            .or_default();
        let range = self.loc.in_field(section, index, field, target, strings);
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
        d.item = item_at(section, index);
        if let Some(s) = self.suggestion(target, kind, known) {
            d.help.push(format!("did you mean `{s}`?"));
        }
        d.help.push(format!("expected the id of a {kind}"));
        self.push(d);
    }

    /// The known id `target` was probably meant to be, within the budget.
    fn suggestion(&mut self, target: &str, kind: &str, known: &[&Ids<'_>]) -> Option<String> {
        let key = (kind.to_string(), target.to_string());
        if let Some(s) = self.suggested.get(&key) {
            return s.clone();
        }
        let cost: usize = known.iter().map(|m| m.len()).sum();
        if cost > self.budget {
            return None;
        }
        self.budget -= cost;
        let candidates: Vec<&str> = known.iter().flat_map(|m| m.keys().copied()).collect();
        let s = suggest(target, &candidates).map(str::to_string);
        self.suggested.insert(key, s.clone());
        s
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

/// The message and help for an id with an unprintable character, if it
/// has one.
fn unprintable_id(kind: &str, id: &str) -> Option<(String, String)> {
    let c = id.chars().find(|&c| unprintable(c))?;
    Some((
        format!(
            "{kind} id `{}` contains U+{:04X}, a control or invisible character",
            escape_unprintable(id),
            c as u32
        ),
        "ids must be visible text: remove the character (review files key marks by id)".into(),
    ))
}

/// Item `i` of a section, as the rest of parley names it.
fn item_at(section: &str, i: usize) -> Option<ItemRef> {
    Kind::parse(section).map(|kind| ItemRef::new(kind, i))
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
    report: Report<'_>,
) {
    report(Progress::start(Phase::Checking));
    let mut c = Checker {
        loc,
        out,
        budget: SUGGESTION_BUDGET,
        suggested: HashMap::new(),
        strings: HashMap::new(),
    };
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
    if let Some((message, help)) = unprintable_id("dataset", &ds.id) {
        let mut d = loc.diag(Code::UnprintableId, loc.top("id"), None, message);
        d.help.push(help);
        c.push(d);
    }
    references::check_references(ds, &mut c);
    synonyms::check_synonyms(ds, &mut c);
    report(Progress::start(Phase::Anchoring));
    let readable = sources::read_sources(ds, &mut c, reader, files);
    sources::anchor_quotes(ds, &mut c, &readable, report);
    warn_unused(ds, &mut c);
}

fn warn_unused(ds: &Dataset, c: &mut Checker<'_, '_, '_>) {
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
    let held = held_issues(
        ds.issues
            .iter()
            .map(|i| (i.id.as_str(), i.parent.as_deref())),
        ds.positions.iter().map(|p| p.issue.as_str()),
    );
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

/// The ids of issues that positions are held on, directly or through a
/// child: a parent is held through its children's positions. Ids are
/// followed as written, duplicates and unknown parents included.
fn held_issues<'d>(
    issues: impl Iterator<Item = (&'d str, Option<&'d str>)>,
    positions: impl Iterator<Item = &'d str>,
) -> HashSet<&'d str> {
    let mut parents: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, parent) in issues {
        if let Some(parent) = parent {
            parents.entry(id).or_default().push(parent);
        }
    }
    let mut held = HashSet::new();
    let mut todo: Vec<&str> = positions.collect();
    // Each id is expanded once, when first held: linear in the issues
    // however deep the tree.
    while let Some(id) = todo.pop() {
        if held.insert(id) {
            todo.extend(parents.get(id).into_iter().flatten().copied());
        }
    }
    held
}

#[cfg(test)]
mod tests {
    use super::{held_issues, valid_date};
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// Growing the held set until a pass over all issues adds nothing, as
    /// before (quadratic on a chain); kept as the oracle.
    fn held_by_passes<'d>(
        issues: &[(&'d str, Option<&'d str>)],
        positions: &[&'d str],
    ) -> HashSet<&'d str> {
        let mut held: HashSet<&str> = positions.iter().copied().collect();
        let mut grew = true;
        while grew {
            grew = false;
            for &(id, parent) in issues {
                if let Some(parent) = parent
                    && held.contains(id)
                    && held.insert(parent)
                {
                    grew = true;
                }
            }
        }
        held
    }

    const IDS: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "h", "zz"];

    proptest! {
        #[test]
        fn held_issues_are_those_the_passes_found(
            issues in proptest::collection::vec(
                (proptest::sample::select(IDS), proptest::option::of(proptest::sample::select(IDS))),
                0..12,
            ),
            positions in proptest::collection::vec(proptest::sample::select(IDS), 0..4),
        ) {
            let fast = held_issues(issues.iter().copied(), positions.iter().copied());
            prop_assert_eq!(fast, held_by_passes(&issues, &positions));
        }
    }

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
