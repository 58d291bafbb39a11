//! Resolved clauses, tested against an entry's facts.

use super::facts::{Days, Facts, Pool};
use super::{Facet, FacetSet};
use crate::model::fingerprint::REVIEWED;
use crate::model::{ItemRef, Kind};
use std::collections::HashMap;
use std::sync::Arc;

/// A set of small numbers (item indices) as bits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn insert(&mut self, v: usize) {
        let (word, bit) = (v / 64, v % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    pub fn contains(&self, v: u32) -> bool {
        let v = v as usize;
        self.0.get(v / 64).is_some_and(|w| w & (1 << (v % 64)) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    pub fn union(&mut self, other: &Bits) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
}

/// A review's verdict on an item, as `is:` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewMark {
    Unreviewed,
    Verified,
    Disputed,
    Flagged,
    Skipped,
    /// Marked, but the item changed since.
    Stale,
}

impl ReviewMark {
    pub const ALL: [ReviewMark; 6] = [
        ReviewMark::Verified,
        ReviewMark::Disputed,
        ReviewMark::Flagged,
        ReviewMark::Skipped,
        ReviewMark::Unreviewed,
        ReviewMark::Stale,
    ];

    pub fn word(self) -> &'static str {
        match self {
            ReviewMark::Unreviewed => "unreviewed",
            ReviewMark::Verified => "verified",
            ReviewMark::Disputed => "disputed",
            ReviewMark::Flagged => "flagged",
            ReviewMark::Skipped => "skipped",
            ReviewMark::Stale => "stale",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// What an open review says of each item, taken when a query is sent, so
/// the search worker needs no access to the review.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    marks: HashMap<ItemRef, ReviewMark>,
}

impl Marks {
    pub fn set(&mut self, item: ItemRef, mark: ReviewMark) {
        self.marks.insert(item, mark);
    }

    /// The item's mark; `None` for kinds a review does not mark.
    pub fn get(&self, item: ItemRef) -> Option<ReviewMark> {
        REVIEWED.contains(&item.kind()).then(|| {
            self.marks
                .get(&item)
                .copied()
                .unwrap_or(ReviewMark::Unreviewed)
        })
    }
}

/// What one check asks of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// One of the entry's values in the pool is in the set.
    Pool(Pool, Bits),
    /// The entry relates to a position with one of these stances.
    Stances(u16),
    /// The entry has one of these flags.
    Flags(u16),
    /// One of the entry's dates lies wholly inside one of these ranges.
    Dates(Vec<Days>),
    /// The entry is of one of these kinds (bits by `Kind::slot`).
    Kinds(u8),
    /// The review marks the entry with one of these (bits).
    Review(u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub facet: Facet,
    pub negate: bool,
    pub test: Test,
}

/// Every check must pass. Built by [`super::vocab::Vocabulary::resolve`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub checks: Vec<Check>,
    pub marks: Option<Arc<Marks>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// The facets this filter narrows.
    pub fn facets(&self) -> FacetSet {
        self.checks
            .iter()
            .fold(FacetSet::EMPTY, |s, c| s.with(c.facet))
    }

    pub(crate) fn review_bits(marks: &[ReviewMark]) -> u8 {
        marks.iter().fold(0, |b, m| b | m.bit())
    }

    /// Whether the entry `entry` (for `item`) passes every check but
    /// those on `skip`.
    pub fn passes(&self, facts: &Facts, entry: usize, item: ItemRef, skip: FacetSet) -> bool {
        if self.checks.is_empty() {
            return true;
        }
        let Some(row) = facts.row(entry) else {
            return false;
        };
        self.checks
            .iter()
            .filter(|c| !skip.contains(c.facet))
            .all(|c| {
                let hit = match &c.test {
                    Test::Pool(pool, set) => {
                        facts.values(row, *pool).iter().any(|&v| set.contains(v))
                    }
                    Test::Stances(bits) => row.stances & bits != 0,
                    Test::Flags(bits) => row.flags & bits != 0,
                    Test::Dates(ranges) => facts
                        .dates(row)
                        .iter()
                        .any(|d| ranges.iter().any(|r| d.0 >= r.0 && d.1 <= r.1)),
                    Test::Kinds(bits) => bits & (1 << item.kind().slot()) != 0,
                    Test::Review(bits) => self
                        .marks
                        .as_ref()
                        .and_then(|m| m.get(item))
                        .is_some_and(|m| bits & m.bit() != 0),
                };
                hit != c.negate
            })
    }
}

/// The bit of a kind in [`Test::Kinds`].
pub fn kind_bit(k: Kind) -> u8 {
    1 << k.slot()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_hold_what_was_put_in() {
        let mut b = Bits::default();
        assert!(b.is_empty());
        for v in [0, 63, 64, 1000] {
            b.insert(v);
        }
        for v in [0, 63, 64, 1000] {
            assert!(b.contains(v as u32));
        }
        for v in [1, 62, 65, 999, 5000] {
            assert!(!b.contains(v));
        }
    }

    #[test]
    fn marks_say_nothing_of_kinds_a_review_does_not_mark() {
        let mut m = Marks::default();
        m.set(ItemRef::new(Kind::Position, 3), ReviewMark::Verified);
        assert_eq!(
            m.get(ItemRef::new(Kind::Position, 3)),
            Some(ReviewMark::Verified)
        );
        assert_eq!(
            m.get(ItemRef::new(Kind::Position, 4)),
            Some(ReviewMark::Unreviewed)
        );
        assert_eq!(m.get(ItemRef::new(Kind::Party, 0)), None);
    }
}
