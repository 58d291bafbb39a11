//! Review reports: Markdown, JSON and CSV.
//!
//! All three are built from one `Report`: issues in dataset order, under
//! each the positions on it in dataset order with their review and the
//! quotes they cite, then every orphaned mark. Dataset strings arrive
//! cleaned by `Prepared`; strings from the review file (notes, reviewers,
//! times, orphan ids) are cleaned here.
//!
//! The JSON is one object:
//!
//! ```text
//! {"dataset": {"id", "title"},
//!  "counts": {"total", "verified", "disputed", "flagged", "skipped",
//!             "unreviewed", "stale", "orphaned"},
//!  "issues": [{"id", "title",
//!              "positions": [{"id", "party", "stance", "date", "by", "reported_by", "summary",
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

mod csv;
mod json;
mod markdown;

pub use csv::csv;
pub use json::json;
pub use markdown::markdown;

use super::{Counts, Mark, Review, ReviewItem, Status};
use crate::model::{ItemRef, PositionIx, Source};
use crate::prepared::Prepared;
use crate::text::{clean_inline, clean_keep_lines};
use serde::Serialize;

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
    /// Whose account the position rests on, when not the party's own.
    reported_by: Option<&'a str>,
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

fn review_fields(review: &Review, data: &Prepared, item: ItemRef) -> ReviewFields {
    let status = review.status(data, item);
    let (mark, stale) = match status {
        Status::Unreviewed => ("unreviewed", false),
        Status::Marked(m) => (m.label(), false),
        Status::Stale(m) => (m.label(), true),
    };
    let it = review.item_of(data, item);
    ReviewFields {
        mark,
        stale,
        note: it.and_then(|it| it.note.as_deref()).and_then(clean_note),
        reviewer: it.map(|it| clean_inline(&it.reviewer).into_owned()),
        time: it.map(|it| clean_inline(&it.time).into_owned()),
        status,
    }
}

/// The review of a quote or an issue, when the review file has one.
fn item_review(review: &Review, data: &Prepared, item: ItemRef) -> Option<ItemReview> {
    review
        .item_of(data, item)
        .map(|_| review_fields(review, data, item))
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

fn build<'a>(data: &'a Prepared, review: &'a Review) -> Report<'a> {
    let (ds, ix) = (&data.ds, &data.index);
    let all: Vec<PositionIx> = ds.positions.keys().collect();
    let issues = ds
        .issues
        .iter_enumerated()
        .filter_map(|(i, issue)| {
            let on = Some(&ix.positions_by_issue[i]).filter(|on| !on.is_empty())?;
            let positions = on
                .iter()
                .map(|&p| {
                    let pos = &ds.positions[p];
                    let quotes = pos
                        .quotes
                        .iter()
                        .map(|qid| match ix.quote(qid) {
                            Some(qi) => {
                                let q = &ds.quotes[qi];
                                QuoteEntry {
                                    id: &q.id,
                                    text: Some(&q.text),
                                    // A paraphrase, or a quote behind a reported
                                    // position, is attributed to its source.
                                    speaker: q
                                        .speaker
                                        .as_deref()
                                        .filter(|_| !q.paraphrase && pos.reported_by.is_none())
                                        .map(|s| ix.speaker_name(ds, s)),
                                    source: ix.source_of[qi].map(|s| source_ref(&ds.sources[s])),
                                    review: item_review(review, data, qi.into()),
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
                        party: ix.party_name(ds, &pos.party),
                        stance: pos.stance.label(),
                        date: pos.date.as_deref(),
                        by: pos.by.as_deref().map(|b| ix.person_name(ds, b)),
                        reported_by: pos.reported_by.as_deref().map(|r| ix.speaker_name(ds, r)),
                        summary: &pos.summary,
                        review: review_fields(review, data, p.into()),
                        quotes,
                    }
                })
                .collect();
            Some(IssueEntry {
                id: &issue.id,
                title: &issue.title,
                positions,
                review: item_review(review, data, i.into()),
            })
        })
        .collect();
    let orphans = review
        .orphans(data)
        .into_iter()
        .map(|it: &ReviewItem| OrphanEntry {
            kind: it.kind.as_str(),
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
        counts: review.counts(data, &all),
        issues,
        orphans,
    }
}

#[cfg(test)]
pub(super) mod fixture {
    //! The minimal fixture, cleaned and indexed as the CLI does, with
    //! north-ceasefire disputed (with a note), south-commission verified,
    //! med-meetings unmarked, a flagged quote and an orphaned mark.
    use super::*;
    use crate::model::Kind;
    use crate::review::ReviewFile;

    pub const NOTE: &str =
        "The quote says *bold* things\n<script>alert(1)</script>\n\n- not a list \u{1b}[31m";

    pub fn fixture() -> (Prepared, Review) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/good/minimal.ron");
        let ds = crate::model::load_path(&path)
            .expect("fixture readable")
            .into_valid()
            .expect("fixture valid");
        let data = Prepared::new(ds);
        let pos = |id: &str| data.find(Kind::Position, id).expect("position");
        let mut r = Review::new(&data.ds.id, "ana");
        let t = "2026-11-22T10:00:00Z";
        r.mark(&data, pos("north-ceasefire"), Mark::Disputed, t);
        r.set_note(&data, pos("north-ceasefire"), NOTE, t);
        r.mark(&data, pos("south-commission"), Mark::Verified, t);
        let q = data.find(Kind::Quote, "q-south-commission").expect("quote");
        r.mark(&data, q, Mark::Flagged, t);
        let mut file: ReviewFile = r.file.clone();
        file.items.push(ReviewItem {
            kind: Kind::Position,
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
}
