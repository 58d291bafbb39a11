//! Review sessions: marks and notes on positions (and quotes and issues),
//! kept in a review file next to — never inside — the dataset.

pub mod export;
pub mod store;
mod time;

pub use time::now_rfc3339;

use crate::model::Dataset;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// What can be reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemKind {
    Position,
    Quote,
    Issue,
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Position => "position",
            ItemKind::Quote => "quote",
            ItemKind::Issue => "issue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewItem {
    pub kind: ItemKind,
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

/// 64-bit FNV-1a: stable across Rust versions and platforms, unlike the
/// standard hasher, so a fingerprint written today matches tomorrow.
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// A fingerprint of what a reviewer judged: for a position its party,
/// issue, stance, date, summary and quotes; for a quote its source and
/// text; for an issue its title, status and summary.
pub fn fingerprint(ds: &Dataset, kind: ItemKind, index: usize) -> String {
    match kind {
        ItemKind::Position => {
            let p = &ds.positions[index];
            let quotes = p.quotes.join(",");
            fnv1a(&[
                &p.party,
                &p.issue,
                p.stance.label(),
                p.date.as_deref().unwrap_or(""),
                &p.summary,
                &quotes,
            ])
        }
        ItemKind::Quote => {
            let q = &ds.quotes[index];
            fnv1a(&[&q.source, &q.text])
        }
        ItemKind::Issue => {
            let i = &ds.issues[index];
            fnv1a(&[
                &i.title,
                i.status.label(),
                i.summary.as_deref().unwrap_or(""),
            ])
        }
    }
}

fn id_of(ds: &Dataset, kind: ItemKind, index: usize) -> &str {
    match kind {
        ItemKind::Position => &ds.positions[index].id,
        ItemKind::Quote => &ds.quotes[index].id,
        ItemKind::Issue => &ds.issues[index].id,
    }
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
    index: HashMap<(ItemKind, String), usize>,
    /// Each change's previous value, newest last.
    undo: Vec<(ItemKind, String, Option<ReviewItem>)>,
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
        let index = file
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ((it.kind, it.id.clone()), i))
            .collect();
        Review {
            file,
            index,
            undo: Vec::new(),
            reviewer: reviewer.to_string(),
        }
    }

    pub fn item(&self, kind: ItemKind, id: &str) -> Option<&ReviewItem> {
        self.index
            .get(&(kind, id.to_string()))
            .map(|&i| &self.file.items[i])
    }

    pub fn status(&self, ds: &Dataset, kind: ItemKind, index: usize) -> Status {
        match self.item(kind, id_of(ds, kind, index)) {
            Some(ReviewItem {
                mark: Some(m),
                fingerprint,
                ..
            }) => {
                if *fingerprint == crate::review::fingerprint(ds, kind, index) {
                    Status::Marked(*m)
                } else {
                    Status::Stale(*m)
                }
            }
            _ => Status::Unreviewed,
        }
    }

    pub fn note(&self, ds: &Dataset, kind: ItemKind, index: usize) -> Option<&str> {
        self.item(kind, id_of(ds, kind, index))
            .and_then(|it| it.note.as_deref())
    }

    /// Replaces (or removes) an item, remembering the old one for undo.
    fn put(&mut self, kind: ItemKind, id: &str, new: Option<ReviewItem>) {
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

    fn reindex(&mut self) {
        self.index = self
            .file
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ((it.kind, it.id.clone()), i))
            .collect();
    }

    fn edited(&self, ds: &Dataset, kind: ItemKind, index: usize, now: &str) -> ReviewItem {
        let id = id_of(ds, kind, index);
        let mut item = self.item(kind, id).cloned().unwrap_or(ReviewItem {
            kind,
            id: id.to_string(),
            mark: None,
            note: None,
            reviewer: String::new(),
            time: String::new(),
            fingerprint: String::new(),
        });
        item.reviewer = self.reviewer.clone();
        item.time = now.to_string();
        item
    }

    /// Marks an item as the dataset has it now.
    pub fn mark(&mut self, ds: &Dataset, kind: ItemKind, index: usize, mark: Mark, now: &str) {
        let mut item = self.edited(ds, kind, index, now);
        item.mark = Some(mark);
        item.fingerprint = fingerprint(ds, kind, index);
        let id = item.id.clone();
        self.put(kind, &id, Some(item));
    }

    /// Sets an item's note; an empty note removes it.
    pub fn set_note(&mut self, ds: &Dataset, kind: ItemKind, index: usize, note: &str, now: &str) {
        let mut item = self.edited(ds, kind, index, now);
        let note = note.trim_end();
        if item.note.as_deref().unwrap_or("") == note {
            return;
        }
        item.note = (!note.is_empty()).then(|| note.to_string());
        if item.mark.is_none() {
            // A note alone still says what was looked at.
            item.fingerprint = fingerprint(ds, kind, index);
        }
        let id = item.id.clone();
        if item.mark.is_none() && item.note.is_none() {
            self.put(kind, &id, None);
        } else {
            self.put(kind, &id, Some(item));
        }
    }

    /// Undoes the last change; returns which item it touched.
    pub fn undo(&mut self) -> Option<(ItemKind, String)> {
        let (kind, id, old) = self.undo.pop()?;
        let key = (kind, id.clone());
        match (self.index.get(&key).copied(), old) {
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
        Some((kind, id))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Items whose id is no longer in the dataset: kept, never dropped.
    pub fn orphans<'a>(&'a self, ds: &Dataset) -> Vec<&'a ReviewItem> {
        if self.file.items.is_empty() {
            return Vec::new();
        }
        // One pass over the dataset, not one scan per item.
        let ids = |kind: ItemKind| -> std::collections::HashSet<&str> {
            match kind {
                ItemKind::Position => ds.positions.iter().map(|p| p.id.as_str()).collect(),
                ItemKind::Quote => ds.quotes.iter().map(|q| q.id.as_str()).collect(),
                ItemKind::Issue => ds.issues.iter().map(|i| i.id.as_str()).collect(),
            }
        };
        let known = [
            ids(ItemKind::Position),
            ids(ItemKind::Quote),
            ids(ItemKind::Issue),
        ];
        let slot = |k: ItemKind| match k {
            ItemKind::Position => 0,
            ItemKind::Quote => 1,
            ItemKind::Issue => 2,
        };
        self.file
            .items
            .iter()
            .filter(|it| !known[slot(it.kind)].contains(it.id.as_str()))
            .collect()
    }

    /// Counts over `positions` (indices into the dataset's positions),
    /// orphans included.
    pub fn counts(&self, ds: &Dataset, positions: &[usize]) -> Counts {
        Counts {
            orphaned: self.orphans(ds).len(),
            ..self.tally(ds, positions)
        }
    }

    /// Counts by mark over `positions`, without looking for orphans: what
    /// the review gauge needs on every frame.
    pub fn tally(&self, ds: &Dataset, positions: &[usize]) -> Counts {
        let mut c = Counts {
            total: positions.len(),
            ..Counts::default()
        };
        for &p in positions {
            match self.status(ds, ItemKind::Position, p) {
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

    fn dataset() -> Dataset {
        let text = include_str!("../../tests/fixtures/good/minimal.ron");
        let text = text.replace("path: \"sources/talks.txt\"", "text: \"will not accept any ceasefire without guarantees a ceasefire - if agreed - must be monitored The Southern delegation proposed a joint commission. It could meet weekly.\"");
        crate::model::load::ron_options()
            .from_str(&text)
            .expect("fixture parses")
    }

    #[test]
    fn mark_undo_and_counts() {
        let ds = dataset();
        let mut r = Review::new(&ds.id, "ana");
        let all: Vec<usize> = (0..ds.positions.len()).collect();
        assert_eq!(r.counts(&ds, &all).unreviewed, 3);
        r.mark(&ds, ItemKind::Position, 0, Mark::Verified, "t1");
        r.mark(&ds, ItemKind::Position, 0, Mark::Disputed, "t2");
        r.mark(&ds, ItemKind::Position, 1, Mark::Flagged, "t3");
        let c = r.counts(&ds, &all);
        assert_eq!(
            (c.disputed, c.flagged, c.unreviewed, c.reviewed()),
            (1, 1, 1, 2)
        );
        assert_eq!(
            r.undo(),
            Some((ItemKind::Position, ds.positions[1].id.clone()))
        );
        assert_eq!(r.status(&ds, ItemKind::Position, 1), Status::Unreviewed);
        r.undo();
        assert_eq!(
            r.status(&ds, ItemKind::Position, 0),
            Status::Marked(Mark::Verified)
        );
        r.undo();
        assert_eq!(r.status(&ds, ItemKind::Position, 0), Status::Unreviewed);
        assert!(r.file.items.is_empty());
        assert_eq!(r.undo(), None);
    }

    #[test]
    fn notes_keep_the_mark_and_empty_notes_vanish() {
        let ds = dataset();
        let mut r = Review::new(&ds.id, "ana");
        r.mark(&ds, ItemKind::Quote, 1, Mark::Flagged, "t1");
        r.set_note(&ds, ItemKind::Quote, 1, "check the dash\n", "t2");
        let it = r.item(ItemKind::Quote, &ds.quotes[1].id).expect("item");
        assert_eq!(
            (it.mark, it.note.as_deref(), it.time.as_str()),
            (Some(Mark::Flagged), Some("check the dash"), "t2")
        );
        r.set_note(&ds, ItemKind::Issue, 0, "only a note", "t3");
        r.set_note(&ds, ItemKind::Issue, 0, "", "t4");
        assert!(r.item(ItemKind::Issue, &ds.issues[0].id).is_none());
        r.undo();
        assert_eq!(r.note(&ds, ItemKind::Issue, 0), Some("only a note"));
    }

    #[test]
    fn changed_items_go_stale_and_missing_ones_are_orphans() {
        let mut ds = dataset();
        let mut r = Review::new(&ds.id, "ana");
        r.mark(&ds, ItemKind::Position, 0, Mark::Verified, "t1");
        r.mark(&ds, ItemKind::Position, 1, Mark::Verified, "t1");
        ds.positions[0].stance = crate::model::Stance::Rejects;
        assert_eq!(
            r.status(&ds, ItemKind::Position, 0),
            Status::Stale(Mark::Verified)
        );
        let removed = ds.positions.remove(1);
        let orphans: Vec<&str> = r.orphans(&ds).iter().map(|i| i.id.as_str()).collect();
        assert_eq!(orphans, [removed.id.as_str()]);
        let all: Vec<usize> = (0..ds.positions.len()).collect();
        let c = r.counts(&ds, &all);
        assert_eq!((c.stale, c.unreviewed, c.orphaned), (1, 2, 1));
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
        assert_eq!(fnv1a(&[]), "cbf29ce484222325");
    }
}
