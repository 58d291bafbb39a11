//! What a reviewer judged, as a number: when an item's fingerprint differs
//! from the one stored with its mark, the item changed since it was marked.

use super::item::{ItemRef, Kind};
use super::types::Dataset;

/// 64-bit FNV-1a: stable across Rust versions and platforms, unlike the
/// standard hasher, so a fingerprint written today matches tomorrow.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The kinds a reviewer marks, and so the kinds with a fingerprint.
pub const REVIEWED: [Kind; 3] = [Kind::Issue, Kind::Position, Kind::Quote];

/// How a fingerprint is written in a review file.
pub fn hex(fingerprint: u64) -> String {
    format!("{fingerprint:016x}")
}

/// A fingerprint of what a reviewer judged: for a position its party,
/// issue, stance, date, summary, quotes and whose account it rests on;
/// for a quote its source, text and whether it is a paraphrase; for an issue its title, status and summary. Other kinds are not
/// reviewed and have none; neither has an index outside the dataset.
pub fn fingerprint(ds: &Dataset, item: ItemRef) -> Option<u64> {
    match item {
        ItemRef::Position(i) => {
            let p = ds.positions.get(i)?;
            let quotes = p.quotes.join(",");
            let mut parts = vec![
                p.party.as_str(),
                &p.issue,
                p.stance.label(),
                p.date.as_deref().unwrap_or(""),
                &p.summary,
                &quotes,
            ];
            // Only when present, so marks made before the field existed
            // stay current.
            parts.extend(p.reported_by.as_deref());
            Some(fnv1a(&parts))
        }
        ItemRef::Quote(i) => {
            let q = ds.quotes.get(i)?;
            let mut parts = vec![q.source.as_str(), &q.text];
            if q.paraphrase {
                parts.push("paraphrase");
            }
            Some(fnv1a(&parts))
        }
        ItemRef::Issue(i) => {
            let issue = ds.issues.get(i)?;
            Some(fnv1a(&[
                &issue.title,
                issue.status.label(),
                issue.summary.as_deref().unwrap_or(""),
            ]))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
        assert_eq!(hex(fnv1a(&[])), "cbf29ce484222325");
    }
}
