//! Review reports: Markdown, JSON and CSV.
//!
//! All three are built from one `Report`: issues in dataset order, under
//! each the positions on it in dataset order with their review and the
//! quotes they cite, then every orphaned mark. Dataset strings arrive
//! cleaned by `app::Data`; strings from the review file (notes, reviewers,
//! times, orphan ids) are cleaned here.
//!
//! The JSON is one object:
//!
//! ```text
//! {"dataset": {"id", "title"},
//!  "counts": {"total", "verified", "disputed", "flagged", "skipped",
//!             "unreviewed", "stale", "orphaned"},
//!  "issues": [{"id", "title",
//!              "positions": [{"id", "party", "stance", "date", "by", "summary",
//!                             "mark", "stale", "note", "reviewer", "time",
//!                             "quotes": [{"id", "text", "speaker",
//!                                         "source": {"title", "publisher", "published"},
//!                                         "review"}]}],
//!              "review"}],
//!  "orphans": [{"kind", "id", "mark", "note", "reviewer", "time"}]}
//! ```
//!
//! `mark` is `verified`, `disputed`, `flagged`, `skipped` or `unreviewed`;
//! `stale` says the item changed since it was marked (the mark is kept).
//! `review` on an issue or quote is its own mark, or null when it has none:
//! `{"mark", "stale", "note", "reviewer", "time"}`. Missing values are null.

use super::{Counts, ItemKind, Mark, Review, ReviewItem, Status};
use crate::model::{Dataset, DatasetIndex, Quote, Source};
use crate::text::{clean_inline, clean_keep_lines};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Serialize)]
struct Report<'a> {
    dataset: DatasetRef<'a>,
    counts: Counts,
    issues: Vec<IssueEntry<'a>>,
    orphans: Vec<OrphanEntry>,
}

#[derive(Debug, Serialize)]
struct DatasetRef<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Debug, Serialize)]
struct IssueEntry<'a> {
    id: &'a str,
    title: &'a str,
    positions: Vec<PositionEntry<'a>>,
    /// A mark or note on the issue itself, if any.
    review: Option<ItemReview>,
}

#[derive(Debug, Serialize)]
struct PositionEntry<'a> {
    id: &'a str,
    party: &'a str,
    stance: &'static str,
    date: Option<&'a str>,
    by: Option<&'a str>,
    summary: &'a str,
    #[serde(flatten)]
    review: ReviewFields,
    quotes: Vec<QuoteEntry<'a>>,
}

/// An item's review as reported: the mark (`unreviewed` when none), whether
/// the item changed since it was marked, and the note, reviewer and time.
#[derive(Debug, Serialize)]
struct ReviewFields {
    mark: &'static str,
    stale: bool,
    note: Option<String>,
    reviewer: Option<String>,
    time: Option<String>,
    #[serde(skip)]
    status: Status,
}

/// The review of a quote or an issue: only present when it has one.
type ItemReview = ReviewFields;

#[derive(Debug, Serialize)]
struct QuoteEntry<'a> {
    id: &'a str,
    text: Option<&'a str>,
    speaker: Option<&'a str>,
    source: Option<SourceRef<'a>>,
    /// A mark or note on the quote itself, if any.
    review: Option<ItemReview>,
}

#[derive(Debug, Serialize)]
struct SourceRef<'a> {
    title: &'a str,
    publisher: Option<&'a str>,
    published: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct OrphanEntry {
    kind: &'static str,
    id: String,
    #[serde(serialize_with = "mark_label")]
    mark: Option<Mark>,
    note: Option<String>,
    reviewer: String,
    time: String,
}

fn mark_label<S: serde::Serializer>(mark: &Option<Mark>, s: S) -> Result<S::Ok, S::Error> {
    mark.map(Mark::label).serialize(s)
}

/// A note from the review file: line breaks kept (CRLF folded to LF),
/// every other control character made visible, blank edges trimmed.
fn clean_note(note: &str) -> Option<String> {
    let note = note.replace("\r\n", "\n");
    let note = clean_keep_lines(note.trim_matches(|c: char| c.is_whitespace()));
    (!note.is_empty()).then(|| note.into_owned())
}

fn review_fields(
    review: &Review,
    ds: &Dataset,
    kind: ItemKind,
    index: usize,
    id: &str,
) -> ReviewFields {
    let status = review.status(ds, kind, index);
    let (mark, stale) = match status {
        Status::Unreviewed => ("unreviewed", false),
        Status::Marked(m) => (m.label(), false),
        Status::Stale(m) => (m.label(), true),
    };
    let item = review.item(kind, id);
    ReviewFields {
        mark,
        stale,
        note: item.and_then(|it| it.note.as_deref()).and_then(clean_note),
        reviewer: item.map(|it| clean_inline(&it.reviewer).into_owned()),
        time: item.map(|it| clean_inline(&it.time).into_owned()),
        status,
    }
}

/// The review of a quote or an issue, when the review file has one.
fn item_review(
    review: &Review,
    ds: &Dataset,
    kind: ItemKind,
    index: usize,
    id: &str,
) -> Option<ItemReview> {
    review
        .item(kind, id)
        .map(|_| review_fields(review, ds, kind, index, id))
}

/// A quote's speaker: a person, else a party, else the id as written.
fn speaker<'a>(ds: &'a Dataset, ix: &DatasetIndex, q: &'a Quote) -> Option<&'a str> {
    let id = q.speaker.as_deref()?;
    Some(if let Some(&p) = ix.people.get(id) {
        ds.people[p].name.as_str()
    } else if let Some(&p) = ix.parties.get(id) {
        ds.parties[p].name.as_str()
    } else {
        id
    })
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn source_ref(s: &Source) -> SourceRef<'_> {
    SourceRef {
        title: s.title.trim(),
        publisher: present(&s.publisher),
        published: present(&s.published),
    }
}

fn build<'a>(ds: &'a Dataset, ix: &DatasetIndex, review: &'a Review) -> Report<'a> {
    let all: Vec<usize> = (0..ds.positions.len()).collect();
    let issues = ds
        .issues
        .iter()
        .enumerate()
        .filter_map(|(i, issue)| {
            let on = ix.positions_by_issue.get(i).filter(|on| !on.is_empty())?;
            let positions = on
                .iter()
                .map(|&p| {
                    let pos = &ds.positions[p];
                    let party = ix
                        .parties
                        .get(&pos.party)
                        .map_or(pos.party.as_str(), |&k| ds.parties[k].name.as_str());
                    let by = pos
                        .by
                        .as_deref()
                        .map(|b| ix.people.get(b).map_or(b, |&k| ds.people[k].name.as_str()));
                    let quotes = pos
                        .quotes
                        .iter()
                        .map(|qid| match ix.quotes.get(qid) {
                            Some(&qi) => {
                                let q = &ds.quotes[qi];
                                QuoteEntry {
                                    id: &q.id,
                                    text: Some(&q.text),
                                    speaker: speaker(ds, ix, q),
                                    source: ix
                                        .sources
                                        .get(&q.source)
                                        .map(|&s| source_ref(&ds.sources[s])),
                                    review: item_review(review, ds, ItemKind::Quote, qi, &q.id),
                                }
                            }
                            None => QuoteEntry {
                                id: qid,
                                text: None,
                                speaker: None,
                                source: None,
                                review: None,
                            },
                        })
                        .collect();
                    PositionEntry {
                        id: &pos.id,
                        party,
                        stance: pos.stance.label(),
                        date: pos.date.as_deref(),
                        by,
                        summary: &pos.summary,
                        review: review_fields(review, ds, ItemKind::Position, p, &pos.id),
                        quotes,
                    }
                })
                .collect();
            Some(IssueEntry {
                id: &issue.id,
                title: &issue.title,
                positions,
                review: item_review(review, ds, ItemKind::Issue, i, &issue.id),
            })
        })
        .collect();
    let orphans = review
        .orphans(ds)
        .into_iter()
        .map(|it: &ReviewItem| OrphanEntry {
            kind: it.kind.label(),
            id: clean_inline(&it.id).into_owned(),
            mark: it.mark,
            note: it.note.as_deref().and_then(clean_note),
            reviewer: clean_inline(&it.reviewer).into_owned(),
            time: clean_inline(&it.time).into_owned(),
        })
        .collect();
    Report {
        dataset: DatasetRef {
            id: &ds.id,
            title: &ds.title,
        },
        counts: review.counts(ds, &all),
        issues,
        orphans,
    }
}

// ---------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------

/// Escapes text for Markdown (GitHub flavoured): every character that could
/// start formatting, a link, HTML, an entity, a table cell, strikethrough or
/// math is backslash-escaped, so user text shows exactly as written.
///
/// GitHub links bare `http://`, `https://`, `ftp://` and `www.` addresses by
/// scanning the raw text, backslashes included, so an escaped address would
/// show its backslashes and point elsewhere. Addresses are therefore written
/// as `<…>` autolinks, unescaped (nothing inside one is formatting), and a
/// bare `www.` is kept from linking.
fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        // GitHub takes the run of ASCII letters before `://` as the scheme.
        if prev.is_none_or(|p| !p.is_ascii_alphabetic())
            && let Some(len) = url_len(rest)
        {
            let url = &rest[..len];
            if looks_like_entity(url) {
                // An autolink would decode it: show the address as text,
                // kept from linking by escaping its colon.
                let colon = url.find(':').expect("a scheme ends with a colon");
                let _ = write!(out, "{}\\:", &url[..colon]);
                prev = Some(':');
                rest = &rest[colon + 1..];
            } else {
                let _ = write!(out, "<{url}>");
                prev = url.chars().next_back();
                rest = &rest[len..];
            }
            continue;
        }
        if rest
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
        {
            out.push_str(&rest[..3]);
            out.push_str("\\.");
            prev = Some('.');
            rest = &rest[4..];
            continue;
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '`' | '~' | '&' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether `s` holds something like `&amp;` or `&#60;`.
fn looks_like_entity(s: &str) -> bool {
    s.match_indices('&').any(|(i, _)| {
        let after = s[i + 1..].strip_prefix('#').unwrap_or(&s[i + 1..]);
        let name = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        name > 0 && after[name..].starts_with(';')
    })
}

/// The length of the web address `s` starts with, if any: up to a blank,
/// `<` or `>`, less trailing punctuation and unbalanced closing brackets,
/// as GitHub's autolinker reads it.
fn url_len(s: &str) -> Option<usize> {
    let scheme = ["http://", "https://", "ftp://"]
        .into_iter()
        .find(|p| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))?;
    let end = s
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'))
        .unwrap_or(s.len());
    let mut url = &s[..end];
    while let Some(last) = url.chars().next_back() {
        let unbalanced = last == ')' && url.matches(')').count() > url.matches('(').count();
        let trailing = matches!(
            last,
            '?' | '!' | '.' | ',' | ':' | ';' | '*' | '_' | '~' | '\'' | '"'
        );
        if !(unbalanced || trailing) {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    (url.len() > scheme.len()).then_some(url.len())
}

/// Escapes one line that starts a Markdown line: besides [`md_inline`],
/// leading blanks go (they would make code blocks) and whatever would open
/// a block (`-`, `+`, `=`, `1.`, `1)`) is escaped.
fn md_line_start(line: &str) -> String {
    let line = line.trim_start();
    let mut out = md_inline(line);
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Multi-line text laid out inside a block: each line escaped, lines after
/// the first prefixed with `cont` (the indent of a list item, or `> ` in a
/// blockquote) and joined by hard line breaks so they show as written.
fn md_lines(s: &str, cont: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = s.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push_str(cont);
        }
        out.push_str(&md_line_start(line));
        if n + 1 < lines.len() {
            // A backslash at the end of a line is a hard line break; on an
            // empty line it keeps the blank line.
            out.push('\\');
            out.push('\n');
        }
    }
    out
}

/// An id as inline code, fenced with more backticks than it contains.
fn md_code(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn glyph(status: Status) -> &'static str {
    match status {
        Status::Unreviewed => "○",
        Status::Marked(m) | Status::Stale(m) => m.glyph(),
    }
}

const STALE: &str = "stale — changed since review";

/// `✘ disputed`, `✘ disputed (stale — changed since review)`, `○ unreviewed`.
fn mark_text(r: &ReviewFields) -> String {
    let mut s = format!("{} {}", glyph(r.status), r.mark);
    if r.stale {
        let _ = write!(s, " ({STALE})");
    }
    s
}

/// Mark, reviewer, time and note as list items, followed by a blank line.
fn md_review_list(out: &mut String, r: &ReviewFields) {
    let _ = writeln!(out, "- **Mark:** {}", mark_text(r));
    if let Some(who) = &r.reviewer {
        let _ = writeln!(out, "- **Reviewer:** {}", md_inline(who));
    }
    if let Some(time) = &r.time {
        let _ = writeln!(out, "- **Time:** {}", md_inline(time));
    }
    if let Some(note) = &r.note {
        let _ = writeln!(out, "- **Note:** {}", md_lines(note, "  "));
    }
    out.push('\n');
}

/// `Speaker, *Title*, Publisher, Date`, leaving out what is missing.
fn md_citation(q: &QuoteEntry) -> String {
    let mut parts = Vec::new();
    if let Some(who) = q.speaker {
        parts.push(md_inline(who));
    }
    if let Some(s) = &q.source {
        if !s.title.is_empty() {
            parts.push(format!("*{}*", md_inline(s.title)));
        }
        parts.extend(s.publisher.map(md_inline));
        parts.extend(s.published.map(md_inline));
    }
    parts.push(md_code(q.id));
    parts.join(", ")
}

fn md_quote(out: &mut String, q: &QuoteEntry) {
    match q.text {
        Some(text) => {
            let _ = writeln!(out, "> {}", md_lines(text, "> "));
        }
        None => {
            let _ = writeln!(out, "> *Quote {} is not in the dataset.*", md_code(q.id));
        }
    }
    let _ = writeln!(out, ">\n> — {}", md_citation(q));
    if let Some(r) = &q.review {
        let _ = write!(out, ">\n> **Quote review:** {}", mark_text(r));
        for extra in [&r.reviewer, &r.time].into_iter().flatten() {
            let _ = write!(out, " · {}", md_inline(extra));
        }
        out.push('\n');
        if let Some(note) = &r.note {
            let _ = writeln!(out, ">\n> **Note:** {}", md_lines(note, "> "));
        }
    }
    out.push('\n');
}

/// The review as a Markdown document that renders cleanly on GitHub.
pub fn markdown(ds: &Dataset, ix: &DatasetIndex, review: &Review) -> String {
    let report = build(ds, ix, review);
    let c = &report.counts;
    let mut out = String::new();
    let _ = writeln!(out, "# Review: {}\n", md_inline(report.dataset.title));
    let _ = writeln!(
        out,
        "Dataset {} · {} of {} positions reviewed\n",
        md_code(report.dataset.id),
        c.reviewed(),
        c.total
    );
    out.push_str(
        "| Verified | Disputed | Flagged | Skipped | Unreviewed | Stale | Orphaned marks |\n",
    );
    out.push_str("|---:|---:|---:|---:|---:|---:|---:|\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n",
        c.verified, c.disputed, c.flagged, c.skipped, c.unreviewed, c.stale, c.orphaned
    );
    if c.stale > 0 {
        out.push_str(
            "Stale positions changed in the dataset after they were marked; they count as unreviewed.\n\n",
        );
    }
    for issue in &report.issues {
        let _ = writeln!(out, "## {}\n", md_inline(issue.title));
        if let Some(r) = &issue.review {
            out.push_str("Review of the issue:\n\n");
            md_review_list(&mut out, r);
        }
        for p in &issue.positions {
            let r = &p.review;
            let mut head = format!("{} {}", glyph(r.status), capitalized(r.mark));
            if r.stale {
                head.push_str(" (stale)");
            }
            let _ = write!(
                out,
                "### {head} · {} — {}",
                md_inline(p.party),
                md_inline(p.stance)
            );
            if let Some(date) = p.date {
                let _ = write!(out, " ({})", md_inline(date));
            }
            out.push_str("\n\n");
            let _ = write!(out, "{}", md_code(p.id));
            if let Some(by) = p.by {
                let _ = write!(out, " · stated by {}", md_inline(by));
            }
            out.push_str("\n\n");
            let _ = writeln!(out, "{}\n", md_lines(p.summary, ""));
            md_review_list(&mut out, r);
            for q in &p.quotes {
                md_quote(&mut out, q);
            }
        }
    }
    out.push_str("## Orphaned marks\n\n");
    if report.orphans.is_empty() {
        out.push_str("None: every mark is on an item in the dataset.\n");
    } else {
        out.push_str(
            "Marks on items that are no longer in the dataset, kept so that nothing is lost.\n\n",
        );
        for o in &report.orphans {
            let _ = writeln!(out, "### {} {}\n", capitalized(o.kind), md_code(&o.id));
            match o.mark {
                Some(m) => {
                    let _ = writeln!(out, "- **Mark:** {} {}", m.glyph(), m.label());
                }
                None => out.push_str("- **Mark:** none (a note only)\n"),
            }
            let _ = writeln!(out, "- **Reviewer:** {}", md_inline(&o.reviewer));
            let _ = writeln!(out, "- **Time:** {}", md_inline(&o.time));
            if let Some(note) = &o.note {
                let _ = writeln!(out, "- **Note:** {}", md_lines(note, "  "));
            }
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

// ---------------------------------------------------------------------
// JSON and CSV
// ---------------------------------------------------------------------

/// The review as one JSON object (see the module docs for its shape).
pub fn json(ds: &Dataset, ix: &DatasetIndex, review: &Review) -> String {
    let mut s = serde_json::to_string_pretty(&build(ds, ix, review))
        .expect("a report of strings, numbers and booleans serializes");
    s.push('\n');
    s
}

/// `“text” — Speaker, Title, Publisher, Date`, for the CSV.
fn plain_quote(q: &QuoteEntry) -> String {
    let mut parts = Vec::new();
    parts.extend(q.speaker);
    if let Some(s) = &q.source {
        parts.extend(Some(s.title).filter(|t| !t.is_empty()));
        parts.extend(s.publisher);
        parts.extend(s.published);
    }
    let text = q.text.unwrap_or(q.id);
    if parts.is_empty() {
        format!("“{text}”")
    } else {
        format!("“{text}” — {}", parts.join(", "))
    }
}

/// The review as CSV, one row per position.
pub fn csv(ds: &Dataset, ix: &DatasetIndex, review: &Review) -> String {
    let report = build(ds, ix, review);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "issue_id",
        "issue_title",
        "position_id",
        "party",
        "stance",
        "date",
        "summary",
        "mark",
        "stale",
        "note",
        "reviewer",
        "time",
        "quotes",
    ];
    w.write_record(header).expect("writing CSV to memory");
    for issue in &report.issues {
        for p in &issue.positions {
            let r = &p.review;
            let quotes: Vec<String> = p.quotes.iter().map(plain_quote).collect();
            w.write_record([
                issue.id,
                issue.title,
                p.id,
                p.party,
                p.stance,
                p.date.unwrap_or(""),
                p.summary,
                r.mark,
                if r.stale { "true" } else { "false" },
                r.note.as_deref().unwrap_or(""),
                r.reviewer.as_deref().unwrap_or(""),
                r.time.as_deref().unwrap_or(""),
                &quotes.join(" | "),
            ])
            .expect("writing CSV to memory");
        }
    }
    let bytes = w.into_inner().expect("flushing CSV to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewFile;

    const NOTE: &str =
        "The quote says *bold* things\n<script>alert(1)</script>\n\n- not a list \u{1b}[31m";

    /// The minimal fixture, cleaned and indexed as the CLI does, with
    /// north-ceasefire disputed (with a note), south-commission verified,
    /// med-meetings unmarked, a flagged quote and an orphaned mark.
    fn fixture() -> (crate::app::Data, Review) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/good/minimal.ron");
        let ds = crate::model::load_path(&path)
            .expect("fixture readable")
            .into_valid()
            .expect("fixture valid");
        let data = crate::app::Data::new(ds);
        let ds = &data.ds;
        let pos = |id: &str| data.index.positions[id];
        let mut r = Review::new(&ds.id, "ana");
        let t = "2026-11-22T10:00:00Z";
        r.mark(
            ds,
            ItemKind::Position,
            pos("north-ceasefire"),
            Mark::Disputed,
            t,
        );
        r.set_note(ds, ItemKind::Position, pos("north-ceasefire"), NOTE, t);
        r.mark(
            ds,
            ItemKind::Position,
            pos("south-commission"),
            Mark::Verified,
            t,
        );
        let q = data.index.quotes["q-south-commission"];
        r.mark(ds, ItemKind::Quote, q, Mark::Flagged, t);
        let mut file: ReviewFile = r.file.clone();
        file.items.push(ReviewItem {
            kind: ItemKind::Position,
            id: "gone-position".into(),
            mark: Some(Mark::Skipped),
            note: Some("kept *anyway*".into()),
            reviewer: "bo".into(),
            time: "2026-11-21T09:00:00Z".into(),
            fingerprint: "0000000000000000".into(),
        });
        let review = Review::from_file(file, "ana");
        (data, review)
    }

    #[test]
    fn markdown_escapes_user_text_and_cites_quotes() {
        let (data, review) = fixture();
        let md = markdown(&data.ds, &data.index, &review);
        assert!(md.starts_with("# Review: Fixture talks\n"), "{md}");
        assert!(md.contains("| 1 | 1 | 0 | 0 | 1 | 0 | 1 |"), "{md}");
        assert!(
            md.contains("### ✘ Disputed · Northland — demands (2024-05-06)\n"),
            "{md}"
        );
        assert!(
            md.contains("`north-ceasefire` · stated by Ana Ruiz"),
            "{md}"
        );
        assert!(
            md.contains("### ○ Unreviewed · Mediatoria — supports (2024)"),
            "{md}"
        );
        // The note: escaped, control characters visible, continuation lines
        // indented inside the list item with hard breaks.
        assert!(
            md.contains(
                "- **Note:** The quote says \\*bold\\* things\\\n  \\<script\\>alert(1)\\</script\\>\\\n  \\\n  \\- not a list ␛\\[31m\n"
            ),
            "{md}"
        );
        assert!(!md.contains("<script>"), "{md}");
        assert!(!md.contains('\u{1b}'), "{md}");
        assert!(
            md.contains(
                "> will not accept any ceasefire without guarantees\n>\n> — Northland, *Talks resume*, Fixture Wire, 2024-05-06, `q-north-guarantees`\n"
            ),
            "{md}"
        );
        assert!(md.contains("> — Ana Ruiz, *Talks resume*"), "{md}");
        assert!(
            md.contains("> — *Mediator statement*, `q-med-meet`"),
            "{md}"
        );
        assert!(md.contains("> **Quote review:** ⚑ flagged · ana"), "{md}");
        assert!(md.contains("- **Reviewer:** ana\n- **Time:** 2026-11-22T10:00:00Z\n"));
        // Issues without positions are left out; dataset order otherwise.
        assert!(!md.contains("## Security"), "{md}");
        let order: Vec<usize> = [
            "## Ceasefire",
            "## Joint commission",
            "## Further meetings",
            "## Orphaned marks",
        ]
        .iter()
        .map(|h| md.find(h).expect(h))
        .collect();
        assert!(order.is_sorted(), "{order:?}");
        assert!(md.contains("### Position `gone-position`\n\n- **Mark:** ↷ skipped\n- **Reviewer:** bo\n- **Time:** 2026-11-21T09:00:00Z\n- **Note:** kept \\*anyway\\*"), "{md}");
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }

    #[test]
    fn markdown_escaping_covers_block_starts() {
        assert_eq!(
            md_inline(r"a\b*c_d[e]f<g>h#i|j`k~l&m$n"),
            r"a\\b\*c\_d\[e\]f\<g\>h\#i\|j\`k\~l\&m\$n"
        );
        assert_eq!(md_line_start("  - item"), r"\- item");
        assert_eq!(md_line_start("+ item"), r"\+ item");
        assert_eq!(md_line_start("==="), r"\===");
        assert_eq!(md_line_start("2024. A year"), r"2024\. A year");
        assert_eq!(md_line_start("3) three"), r"3\) three");
        assert_eq!(md_line_start("# title"), r"\# title");
        assert_eq!(md_line_start("    code"), "code");
        assert_eq!(md_lines("a\nb", "> "), "a\\\n> b");
        assert_eq!(
            md_inline("see https://x.org/a_b#c?d=1&e=(2)). or www.x.org/a_b"),
            r"see <https://x.org/a_b#c?d=1&e=(2)>). or www\.x.org/a\_b"
        );
        assert_eq!(md_inline("(HTTPS://x.org/*y*)"), r"(<HTTPS://x.org/*y>\*)");
        assert_eq!(
            md_inline("https:// xhttps://a_b"),
            r"https:// xhttps://a\_b"
        );
        assert_eq!(md_inline("2http://x.org/a_b"), "2<http://x.org/a_b>");
        assert_eq!(
            md_inline("http://x.org/?a&amp;b"),
            r"http\://x.org/?a\&amp;b"
        );
        assert_eq!(md_inline("awww.x.org"), r"awww\.x.org");
        assert_eq!(md_code("plain"), "`plain`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`x"), "`` `x ``");
    }

    #[test]
    fn json_has_marks_counts_quotes_and_orphans() {
        let (data, review) = fixture();
        let v: serde_json::Value =
            serde_json::from_str(&json(&data.ds, &data.index, &review)).expect("valid JSON");
        assert_eq!(v["dataset"]["id"], "fixture-minimal");
        assert_eq!(v["dataset"]["title"], "Fixture talks");
        let c = &v["counts"];
        assert_eq!(
            [
                &c["total"],
                &c["verified"],
                &c["disputed"],
                &c["unreviewed"],
                &c["stale"],
                &c["orphaned"]
            ],
            [3, 1, 1, 1, 0, 1]
        );
        let issues = v["issues"].as_array().expect("issues");
        let ids: Vec<&str> = issues
            .iter()
            .map(|i| i["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids, ["ceasefire", "commission", "meetings"]);
        let north = &issues[0]["positions"][0];
        assert_eq!(north["id"], "north-ceasefire");
        assert_eq!(north["party"], "Northland");
        assert_eq!(north["stance"], "demands");
        assert_eq!(north["by"], "Ana Ruiz");
        assert_eq!(north["mark"], "disputed");
        assert_eq!(north["stale"], false);
        assert_eq!(
            north["note"],
            "The quote says *bold* things\n<script>alert(1)</script>\n\n- not a list ␛[31m"
        );
        assert_eq!(north["reviewer"], "ana");
        assert_eq!(north["time"], "2026-11-22T10:00:00Z");
        let q = &north["quotes"][1];
        assert_eq!(q["id"], "q-ruiz-monitored");
        assert_eq!(q["speaker"], "Ana Ruiz");
        assert_eq!(q["source"]["title"], "Talks resume");
        assert_eq!(q["source"]["publisher"], "Fixture Wire");
        assert_eq!(q["source"]["published"], "2024-05-06");
        assert_eq!(q["review"], serde_json::Value::Null);
        let south = &issues[1]["positions"][0];
        assert_eq!(south["mark"], "verified");
        assert_eq!(south["by"], serde_json::Value::Null);
        assert_eq!(south["note"], serde_json::Value::Null);
        assert_eq!(south["quotes"][0]["review"]["mark"], "flagged");
        let med = &issues[2]["positions"][0];
        assert_eq!(med["mark"], "unreviewed");
        assert_eq!(med["reviewer"], serde_json::Value::Null);
        assert_eq!(med["quotes"][0]["speaker"], serde_json::Value::Null);
        assert_eq!(
            med["quotes"][0]["source"]["publisher"],
            serde_json::Value::Null
        );
        let orphans = v["orphans"].as_array().expect("orphans");
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0]["kind"], "position");
        assert_eq!(orphans[0]["id"], "gone-position");
        assert_eq!(orphans[0]["mark"], "skipped");
        assert_eq!(orphans[0]["note"], "kept *anyway*");
        assert_eq!(orphans[0]["reviewer"], "bo");
    }

    #[test]
    fn stale_marks_are_reported_as_stale() {
        let (mut data, review) = fixture();
        let p = data.index.positions["south-commission"];
        data.ds.positions[p].summary.push_str(" Revised.");
        let v: serde_json::Value =
            serde_json::from_str(&json(&data.ds, &data.index, &review)).expect("valid JSON");
        let south = &v["issues"][1]["positions"][0];
        assert_eq!(
            (&south["mark"], &south["stale"]),
            (&"verified".into(), &true.into())
        );
        assert_eq!(v["counts"]["stale"], 1);
        let md = markdown(&data.ds, &data.index, &review);
        assert!(md.contains("### ✔ Verified (stale) · Southland"), "{md}");
        assert!(
            md.contains("- **Mark:** ✔ verified (stale — changed since review)"),
            "{md}"
        );
    }

    #[test]
    fn csv_round_trips_multi_line_notes() {
        let (data, review) = fixture();
        let text = csv(&data.ds, &data.index, &review);
        let mut rd = ::csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = rd
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(
            header.join(","),
            "issue_id,issue_title,position_id,party,stance,date,summary,mark,stale,note,reviewer,time,quotes"
        );
        let rows: Vec<::csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 3);
        let north = &rows[0];
        assert_eq!(&north[0], "ceasefire");
        assert_eq!(&north[2], "north-ceasefire");
        assert_eq!(&north[7], "disputed");
        assert_eq!(&north[8], "false");
        assert_eq!(
            &north[9],
            "The quote says *bold* things\n<script>alert(1)</script>\n\n- not a list ␛[31m"
        );
        assert_eq!(
            &north[12],
            "“will not accept any ceasefire without guarantees” — Northland, Talks resume, Fixture Wire, 2024-05-06 | “a ceasefire - if agreed - must be monitored” — Ana Ruiz, Talks resume, Fixture Wire, 2024-05-06"
        );
        assert_eq!(&rows[1][7], "verified");
        assert_eq!(
            (&rows[2][7], &rows[2][9], &rows[2][10]),
            ("unreviewed", "", "")
        );
    }
}
