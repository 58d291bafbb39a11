//! Searching within an earlier query's hits. A query that only adds words
//! (groups) to an earlier one can match no item the earlier one did not:
//! every group must match, and the earlier groups are still there. So
//! while a user types the second word, only the first word's hits are
//! matched again, not every entry.
//!
//! A query that changes the word being typed gets no such help: a fuzzy
//! term matches within a window that grows with its length, so `talk` can
//! match an item where `tal` did not.

use super::facet::Filter;
use super::{Hit, Matcher, Query, SearchIndex};
use crate::model::Kind;
use std::collections::VecDeque;
use std::sync::Arc;

/// How many earlier searches are kept: enough for the words of a long
/// query typed one after another.
const KEEP: usize = 8;

struct Earlier {
    query: Arc<Query>,
    scope: Option<Kind>,
    /// The entries it matched (see [`super::matcher::Found`]).
    matched: Vec<u32>,
}

/// The latest searches of one index, and their hits.
#[derive(Default)]
pub struct Recent {
    kept: VecDeque<Earlier>,
}

/// The same review marks: the same `Arc`, or none at all. Comparing two
/// sets of marks by content would cost a keystroke a pass over them.
fn same_filter(a: &Filter, b: &Filter) -> bool {
    let marks = match (&a.marks, &b.marks) {
        (None, None) => true,
        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
        _ => false,
    };
    marks && a.checks == b.checks
}

/// Whether every item `q` matches is among those `earlier` matched: `q`
/// has all of `earlier`'s groups, in order, then perhaps more, and the
/// same qualifiers, case and fields.
pub fn narrows(earlier: &Query, q: &Query) -> bool {
    !earlier.groups.is_empty()
        && q.groups.len() >= earlier.groups.len()
        && q.groups[..earlier.groups.len()] == earlier.groups[..]
        && q.case_sensitive == earlier.case_sensitive
        && q.shown_only == earlier.shown_only
        && same_filter(&q.filter, &earlier.filter)
}

impl Recent {
    /// [`Matcher::search`], within the hits of the kept search that `q`
    /// narrows most (the one with the most groups); the result is kept in
    /// turn. `None` when cancelled.
    pub fn search(
        &mut self,
        matcher: &Matcher,
        index: &SearchIndex,
        q: &Arc<Query>,
        scope: Option<Kind>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let within = self
            .kept
            .iter()
            .filter(|e| e.scope == scope && narrows(&e.query, q))
            .max_by_key(|e| e.query.groups.len())
            .map(|e| e.matched.as_slice());
        let found = matcher.search_within(index, q, scope, within, cancelled)?;
        if self.kept.len() == KEEP {
            self.kept.pop_front();
        }
        self.kept.push_back(Earlier {
            query: Arc::clone(q),
            scope,
            matched: found.matched,
        });
        Some(found.hits)
    }
}
