//! Merging a review file that changed on disk (another editor, a git
//! checkout, a sync tool) with the review in memory, so that saving never
//! silently overwrites what someone else wrote.
//!
//! A three-way merge per item, keyed by kind and id, against the file as
//! parley last read or wrote it (the base): a side that did not touch an
//! item takes the other side's version, removal included; when both
//! changed it, the newer `time` wins, and a mark or note is kept over a
//! removal, so no mark is lost by merging.

use super::{ReviewFile, ReviewItem};
use crate::model::Kind;
use std::collections::HashMap;

type Key = (Kind, String);

fn by_key(file: &ReviewFile) -> HashMap<Key, &ReviewItem> {
    file.items
        .iter()
        .map(|it| ((it.kind, it.id.clone()), it))
        .collect()
}

/// The merge of `ours` and `theirs` (the file on disk now), from `base`
/// (the file as last read or written; `None` when there was none), and
/// how many items it took from `theirs`.
pub fn merge(
    base: Option<&ReviewFile>,
    ours: &ReviewFile,
    theirs: &ReviewFile,
) -> (ReviewFile, usize) {
    let empty = HashMap::new();
    let base_items = base.map(by_key);
    let base_items = base_items.as_ref().unwrap_or(&empty);
    let our_items = by_key(ours);
    let their_items = by_key(theirs);
    let mut taken = 0;
    let mut pick = |key: &Key| -> Option<ReviewItem> {
        let b = base_items.get(key).copied();
        let o = our_items.get(key).copied();
        let t = their_items.get(key).copied();
        let chosen = if t == b || t == o {
            o
        } else if o == b {
            t
        } else {
            match (o, t) {
                (Some(o), Some(t)) if t.time > o.time => Some(t),
                (Some(o), _) => Some(o),
                (None, t) => t,
            }
        };
        if chosen != o {
            taken += 1;
        }
        chosen.cloned()
    };
    // Our order first, then what only they have, in their order.
    let keys: Vec<Key> = ours
        .items
        .iter()
        .chain(&theirs.items)
        .chain(base.map_or(&[][..], |b| &b.items[..]))
        .map(|it| (it.kind, it.id.clone()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for key in keys {
        if seen.insert(key.clone())
            && let Some(item) = pick(&key)
        {
            items.push(item);
        }
    }
    let base_place = base.and_then(|b| b.place.clone());
    let place = if theirs.place == base_place {
        ours.place.clone()
    } else if ours.place == base_place {
        theirs.place.clone()
    } else {
        ours.place.clone()
    };
    (
        ReviewFile {
            format: ours.format,
            dataset: ours.dataset.clone(),
            place,
            items,
        },
        taken,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Mark;

    fn item(id: &str, mark: Mark, time: &str) -> ReviewItem {
        ReviewItem {
            kind: Kind::Position,
            id: id.into(),
            mark: Some(mark),
            note: None,
            reviewer: "r".into(),
            time: time.into(),
            fingerprint: "f".into(),
        }
    }

    fn file(items: Vec<ReviewItem>) -> ReviewFile {
        ReviewFile {
            format: 1,
            dataset: "d".into(),
            place: None,
            items,
        }
    }

    fn marks(f: &ReviewFile) -> Vec<(&str, Option<Mark>)> {
        f.items.iter().map(|i| (i.id.as_str(), i.mark)).collect()
    }

    #[test]
    fn each_side_keeps_what_only_it_changed() {
        let base = file(vec![
            item("a", Mark::Verified, "t1"),
            item("b", Mark::Verified, "t1"),
        ]);
        // We disputed a and undid b; they flagged c.
        let ours = file(vec![item("a", Mark::Disputed, "t2")]);
        let theirs = file(vec![
            item("a", Mark::Verified, "t1"),
            item("b", Mark::Verified, "t1"),
            item("c", Mark::Flagged, "t3"),
        ]);
        let (m, taken) = merge(Some(&base), &ours, &theirs);
        assert_eq!(
            marks(&m),
            [("a", Some(Mark::Disputed)), ("c", Some(Mark::Flagged))]
        );
        assert_eq!(taken, 1);
    }

    #[test]
    fn when_both_changed_an_item_the_newer_wins_and_no_mark_is_lost() {
        let base = file(vec![
            item("a", Mark::Verified, "t1"),
            item("b", Mark::Verified, "t1"),
        ]);
        let ours = file(vec![item("a", Mark::Disputed, "t2")]);
        let theirs = file(vec![
            item("a", Mark::Flagged, "t3"),
            item("b", Mark::Skipped, "t3"),
        ]);
        let (m, taken) = merge(Some(&base), &ours, &theirs);
        // a: theirs is newer; b: we removed it, they changed it: kept.
        assert_eq!(
            marks(&m),
            [("a", Some(Mark::Flagged)), ("b", Some(Mark::Skipped))]
        );
        assert_eq!(taken, 2);
        let (m, _) = merge(None, &ours, &file(vec![item("a", Mark::Flagged, "t1")]));
        assert_eq!(marks(&m), [("a", Some(Mark::Disputed))], "ours is newer");
    }

    #[test]
    fn the_place_follows_whoever_moved_it() {
        let mut base = file(vec![]);
        base.place = Some("x".into());
        let mut ours = base.clone();
        let mut theirs = base.clone();
        theirs.place = Some("y".into());
        assert_eq!(
            merge(Some(&base), &ours, &theirs).0.place.as_deref(),
            Some("y")
        );
        ours.place = Some("z".into());
        assert_eq!(
            merge(Some(&base), &ours, &theirs).0.place.as_deref(),
            Some("z")
        );
    }
}
