//! Review sessions: marks and notes on positions (and quotes and issues),
//! kept in a review file next to — never inside — the dataset.

pub mod export;
pub mod merge;
pub mod store;
mod time;

pub use time::now_rfc3339;

use crate::model::fingerprint::hex;
use crate::model::{ItemRef, Kind, PositionIx};
use crate::prepared::Prepared;
use crate::search::facet::{Marks, ReviewMark};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mark {
    Verified,
    Disputed,
    Flagged,
    Skipped,
}

impl Mark {
    pub const ALL: [Mark; 4] = [Mark::Verified, Mark::Disputed, Mark::Flagged, Mark::Skipped];

    pub fn label(self) -> &'static str {
        match self {
            Mark::Verified => "verified",
            Mark::Disputed => "disputed",
            Mark::Flagged => "flagged",
            Mark::Skipped => "skipped",
        }
    }

    /// Shown in every pane beside a marked item.
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Verified => "✔",
            Mark::Disputed => "✘",
            Mark::Flagged => "⚑",
            Mark::Skipped => "↷",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewItem {
    pub kind: Kind,
    pub id: String,
    #[serde(default)]
    pub mark: Option<Mark>,
    #[serde(default)]
    pub note: Option<String>,
    pub reviewer: String,
    /// When the mark or note was last set, RFC 3339 in UTC.
    pub time: String,
    /// The item's content when it was marked; a different fingerprint now
    /// means the dataset changed it since.
    pub fingerprint: String,
}

/// The review file as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    pub format: u32,
    /// The id of the dataset reviewed.
    pub dataset: String,
    /// The position last shown in a review session, to resume there.
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub items: Vec<ReviewItem>,
}

/// What a reader sees of an item's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unreviewed,
    Marked(Mark),
    /// Marked, but the item changed since: it needs reviewing again.
    Stale(Mark),
}

impl Status {
    pub fn is_done(self) -> bool {
        matches!(self, Status::Marked(_))
    }
}

/// What an undo took back: which item, and whether a mark or a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub kind: Kind,
    pub id: String,
    /// `verified mark`, `note`: what the undone change had set.
    pub what: String,
}

/// Counts over the positions in a scope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub verified: usize,
    pub disputed: usize,
    pub flagged: usize,
    pub skipped: usize,
    pub unreviewed: usize,
    pub stale: usize,
    pub orphaned: usize,
}

impl Counts {
    pub fn reviewed(&self) -> usize {
        self.total - self.unreviewed
    }
}

/// The review in memory: the file plus an undo history.
#[derive(Debug, Clone)]
pub struct Review {
    pub file: ReviewFile,
    index: HashMap<(Kind, String), usize>,
    /// Each change's previous value, newest last.
    undo: Vec<(Kind, String, Option<ReviewItem>)>,
    pub reviewer: String,
}

impl Review {
    pub fn new(dataset: &str, reviewer: &str) -> Review {
        Review::from_file(
            ReviewFile {
                format: 1,
                dataset: dataset.to_string(),
                place: None,
                items: Vec::new(),
            },
            reviewer,
        )
    }

    pub fn from_file(file: ReviewFile, reviewer: &str) -> Review {
        let mut review = Review {
            file,
            index: HashMap::new(),
            undo: Vec::new(),
            reviewer: reviewer.to_string(),
        };
        review.reindex();
        review
    }

    pub fn item(&self, kind: Kind, id: &str) -> Option<&ReviewItem> {
        self.index
            .get(&(kind, id.to_string()))
            .map(|&i| &self.file.items[i])
    }

    /// The review of an item of the prepared dataset, found by the id as
    /// the dataset wrote it: cleaning is for display only.
    pub fn item_of(&self, data: &Prepared, item: ItemRef) -> Option<&ReviewItem> {
        self.item(item.kind(), data.review_id(item))
    }

    pub fn status(&self, data: &Prepared, item: ItemRef) -> Status {
        match self.item_of(data, item) {
            Some(ReviewItem {
                mark: Some(m),
                fingerprint,
                ..
            }) => {
                let now = data.fingerprint(item);
                if now.is_some_and(|f| hex(f) == *fingerprint) {
                    Status::Marked(*m)
                } else {
                    Status::Stale(*m)
                }
            }
            _ => Status::Unreviewed,
        }
    }

    pub fn note(&self, data: &Prepared, item: ItemRef) -> Option<&str> {
        self.item_of(data, item).and_then(|it| it.note.as_deref())
    }

    /// Replaces (or removes) an item, remembering the old one for undo.
    fn put(&mut self, kind: Kind, id: &str, new: Option<ReviewItem>) {
        let key = (kind, id.to_string());
        let old = match (self.index.get(&key).copied(), new) {
            (Some(i), Some(item)) => Some(std::mem::replace(&mut self.file.items[i], item)),
            (Some(i), None) => {
                let old = self.file.items.remove(i);
                self.reindex();
                Some(old)
            }
            (None, Some(item)) => {
                self.index.insert(key, self.file.items.len());
                self.file.items.push(item);
                None
            }
            (None, None) => None,
        };
        self.undo.push((kind, id.to_string(), old));
    }

    /// Takes a merge of this review with the file on disk as the review;
    /// the undo history stays, so `u` still takes back this session's
    /// changes.
    pub fn absorb(&mut self, file: ReviewFile) {
        self.file = file;
        self.reindex();
    }

    /// The items whose mark or note differs between this review and
    /// `saved` (the file as last written), by kind and id.
    pub fn changed_since(&self, saved: Option<&ReviewFile>) -> HashSet<(Kind, String)> {
        let before: HashMap<(Kind, &str), &ReviewItem> = saved
            .map(|f| {
                f.items
                    .iter()
                    .map(|it| ((it.kind, it.id.as_str()), it))
                    .collect()
            })
            .unwrap_or_default();
        let mut changed: HashSet<(Kind, String)> = self
            .file
            .items
            .iter()
            .filter(|it| before.get(&(it.kind, it.id.as_str())) != Some(it))
            .map(|it| (it.kind, it.id.clone()))
            .collect();
        // Removed since (an undo): unsaved too.
        changed.extend(
            before
                .keys()
                .filter(|(kind, id)| self.item(*kind, id).is_none())
                .map(|(kind, id)| (*kind, id.to_string())),
        );
        changed
    }

    fn reindex(&mut self) {
        self.index = self
            .file
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ((it.kind, it.id.clone()), i))
            .collect();
    }

    fn edited(&self, data: &Prepared, item: ItemRef, now: &str) -> ReviewItem {
        let id = data.review_id(item);
        let mut edited = self.item(item.kind(), id).cloned().unwrap_or(ReviewItem {
            kind: item.kind(),
            id: id.to_string(),
            mark: None,
            note: None,
            reviewer: String::new(),
            time: String::new(),
            fingerprint: String::new(),
        });
        edited.reviewer = self.reviewer.clone();
        edited.time = now.to_string();
        edited
    }

    fn fingerprint_of(data: &Prepared, item: ItemRef) -> String {
        data.fingerprint(item).map(hex).unwrap_or_default()
    }

    /// Marks an item as the dataset has it now.
    pub fn mark(&mut self, data: &Prepared, item: ItemRef, mark: Mark, now: &str) {
        let mut edited = self.edited(data, item, now);
        edited.mark = Some(mark);
        edited.fingerprint = Self::fingerprint_of(data, item);
        let id = edited.id.clone();
        self.put(item.kind(), &id, Some(edited));
    }

    /// Sets an item's note; an empty note removes it.
    pub fn set_note(&mut self, data: &Prepared, item: ItemRef, note: &str, now: &str) {
        let mut edited = self.edited(data, item, now);
        let note = note.trim_end();
        if edited.note.as_deref().unwrap_or("") == note {
            return;
        }
        edited.note = (!note.is_empty()).then(|| note.to_string());
        if edited.mark.is_none() {
            // A note alone still says what was looked at.
            edited.fingerprint = Self::fingerprint_of(data, item);
        }
        let id = edited.id.clone();
        if edited.mark.is_none() && edited.note.is_none() {
            self.put(item.kind(), &id, None);
        } else {
            self.put(item.kind(), &id, Some(edited));
        }
    }

    /// Undoes the last change; says which item it touched and what it took
    /// back.
    pub fn undo(&mut self) -> Option<Undone> {
        let (kind, id, old) = self.undo.pop()?;
        let key = (kind, id.clone());
        let at = self.index.get(&key).copied();
        let current = at.map(|i| &self.file.items[i]);
        let mark_of = |it: Option<&ReviewItem>| it.and_then(|it| it.mark);
        let note_of = |it: Option<&ReviewItem>| it.and_then(|it| it.note.clone());
        let (mark_now, mark_before) = (mark_of(current), mark_of(old.as_ref()));
        let note_changed = note_of(current) != note_of(old.as_ref());
        // What the undone change set: a different mark, else a note, else
        // the same mark again.
        let what = match (mark_now, mark_now != mark_before || !note_changed) {
            (Some(m), true) => format!("{} mark", m.label()),
            (None, true) => "mark removal".to_string(),
            (_, false) => "note".to_string(),
        };
        match (at, old) {
            (Some(i), Some(item)) => self.file.items[i] = item,
            (Some(i), None) => {
                self.file.items.remove(i);
                self.reindex();
            }
            (None, Some(item)) => {
                self.index.insert(key, self.file.items.len());
                self.file.items.push(item);
            }
            (None, None) => {}
        }
        Some(Undone { kind, id, what })
    }

    /// Every marked item's verdict, for the `is:verified` qualifiers: the
    /// search worker gets this snapshot, not the review.
    pub fn marks(&self, data: &Prepared) -> Marks {
        let mut marks = Marks::default();
        for it in &self.file.items {
            let Some(item) = data.find(it.kind, &it.id) else {
                continue;
            };
            let mark = match self.status(data, item) {
                Status::Unreviewed => continue,
                Status::Stale(_) => ReviewMark::Stale,
                Status::Marked(m) => match m {
                    Mark::Verified => ReviewMark::Verified,
                    Mark::Disputed => ReviewMark::Disputed,
                    Mark::Flagged => ReviewMark::Flagged,
                    Mark::Skipped => ReviewMark::Skipped,
                },
            };
            marks.set(item, mark);
        }
        marks
    }

    /// Items whose id is no longer in the dataset: kept, never dropped.
    pub fn orphans<'a>(&'a self, data: &Prepared) -> Vec<&'a ReviewItem> {
        self.file
            .items
            .iter()
            .filter(|it| data.find_reviewed(it.kind, &it.id).is_none())
            .collect()
    }

    /// Counts over `positions`, orphans included.
    pub fn counts(&self, data: &Prepared, positions: &[PositionIx]) -> Counts {
        Counts {
            orphaned: self.orphans(data).len(),
            ..self.tally(data, positions)
        }
    }

    /// Counts by mark over `positions`, without looking for orphans: what
    /// the review gauge needs on every frame.
    pub fn tally(&self, data: &Prepared, positions: &[PositionIx]) -> Counts {
        let mut c = Counts {
            total: positions.len(),
            ..Counts::default()
        };
        for &p in positions {
            match self.status(data, p.into()) {
                Status::Unreviewed => c.unreviewed += 1,
                Status::Stale(_) => {
                    c.unreviewed += 1;
                    c.stale += 1;
                }
                Status::Marked(m) => match m {
                    Mark::Verified => c.verified += 1,
                    Mark::Disputed => c.disputed += 1,
                    Mark::Flagged => c.flagged += 1,
                    Mark::Skipped => c.skipped += 1,
                },
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IssueIx, QuoteIx};

    fn dataset() -> crate::model::Dataset {
        let text = include_str!("../../tests/fixtures/good/minimal.ron");
        let text = text.replace("path: \"sources/talks.txt\"", "text: \"will not accept any ceasefire without guarantees a ceasefire - if agreed - must be monitored The Southern delegation proposed a joint commission. It could meet weekly.\"");
        crate::model::decode::ron_options()
            .from_str(&text)
            .expect("fixture parses")
    }

    fn position(i: usize) -> ItemRef {
        ItemRef::Position(PositionIx::from(i))
    }

    #[test]
    fn mark_undo_and_counts() {
        let data = Prepared::new(dataset());
        let mut r = Review::new(&data.ds.id, "ana");
        let all: Vec<PositionIx> = data.ds.positions.keys().collect();
        assert_eq!(r.counts(&data, &all).unreviewed, 3);
        r.mark(&data, position(0), Mark::Verified, "t1");
        r.mark(&data, position(0), Mark::Disputed, "t2");
        r.mark(&data, position(1), Mark::Flagged, "t3");
        r.mark(&data, position(1), Mark::Flagged, "t4");
        assert_eq!(r.undo().map(|u| u.what), Some("flagged mark".to_string()));
        let c = r.counts(&data, &all);
        assert_eq!(
            (c.disputed, c.flagged, c.unreviewed, c.reviewed()),
            (1, 1, 1, 2)
        );
        let undone = r.undo().expect("something to undo");
        assert_eq!(
            (undone.kind, undone.id.as_str()),
            (Kind::Position, data.ds.id(position(1)))
        );
        assert_eq!(undone.what, "flagged mark");
        assert_eq!(r.status(&data, position(1)), Status::Unreviewed);
        r.undo();
        assert_eq!(r.status(&data, position(0)), Status::Marked(Mark::Verified));
        r.undo();
        assert_eq!(r.status(&data, position(0)), Status::Unreviewed);
        assert!(r.file.items.is_empty());
        assert_eq!(r.undo(), None);
    }

    #[test]
    fn notes_keep_the_mark_and_empty_notes_vanish() {
        let data = Prepared::new(dataset());
        let quote = ItemRef::Quote(QuoteIx::from(1));
        let issue = ItemRef::Issue(IssueIx::from(0));
        let mut r = Review::new(&data.ds.id, "ana");
        r.mark(&data, quote, Mark::Flagged, "t1");
        r.set_note(&data, quote, "check the dash\n", "t2");
        let it = r.item(Kind::Quote, data.ds.id(quote)).expect("item");
        assert_eq!(
            (it.mark, it.note.as_deref(), it.time.as_str()),
            (Some(Mark::Flagged), Some("check the dash"), "t2")
        );
        r.set_note(&data, issue, "only a note", "t3");
        r.set_note(&data, issue, "", "t4");
        assert!(r.item(Kind::Issue, data.ds.id(issue)).is_none());
        assert_eq!(r.undo().map(|u| u.what), Some("note".to_string()));
        assert_eq!(r.note(&data, issue), Some("only a note"));
    }

    #[test]
    fn changed_items_go_stale_and_missing_ones_are_orphans() {
        let mut ds = dataset();
        let mut r = Review::new(&ds.id, "ana");
        let data = Prepared::new(ds.clone());
        r.mark(&data, position(0), Mark::Verified, "t1");
        r.mark(&data, position(1), Mark::Verified, "t1");
        ds.positions[PositionIx::from(0)].stance = crate::model::Stance::Rejects;
        let data = Prepared::new(ds.clone());
        assert_eq!(r.status(&data, position(0)), Status::Stale(Mark::Verified));
        let removed = ds.positions.remove(PositionIx::from(1));
        let data = Prepared::new(ds);
        let orphans: Vec<&str> = r.orphans(&data).iter().map(|i| i.id.as_str()).collect();
        assert_eq!(orphans, [removed.id.as_str()]);
        let all: Vec<PositionIx> = data.ds.positions.keys().collect();
        let c = r.counts(&data, &all);
        assert_eq!((c.stale, c.unreviewed, c.orphaned), (1, 2, 1));
    }
}
