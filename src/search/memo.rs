//! What a search found for the values many entries share: a quote's
//! speaker, party and source, a position's party, issue, stance and date.
//! Most fields of an entry are such values, stored once per run of
//! entries (see `super::entries`); scoring each once per search, not once
//! per entry, took a third off a keystroke that scans 100k quotes.

use super::index::SearchIndex;
use super::query::Query;

/// Not scored yet.
const UNKNOWN: i64 = i64::MIN;
/// Scored, and no match.
const NO_MATCH: i64 = i64::MIN + 1;

/// Scores above this many (terms × shared values) are not kept: the
/// table would cost more to clear than the scoring it saves.
const MOST: usize = 1 << 22;

/// The score of each term (numbered across the query's groups) in each
/// shared value, as found so far by one thread of one search.
pub struct Memo {
    values: usize,
    scores: Vec<i64>,
}

impl Memo {
    pub fn new(index: &SearchIndex, q: &Query) -> Memo {
        let values = index.shared_values();
        let terms: usize = q.groups.iter().map(Vec::len).sum();
        let size = values.saturating_mul(terms);
        Memo {
            values,
            scores: if size <= MOST {
                vec![UNKNOWN; size]
            } else {
                Vec::new()
            },
        }
    }

    /// What term `term` scored in shared value `value`, if it was scored:
    /// `Some(None)` for no match.
    pub fn get(&self, term: usize, value: usize) -> Option<Option<i64>> {
        match *self.scores.get(term * self.values + value)? {
            UNKNOWN => None,
            NO_MATCH => Some(None),
            score => Some(Some(score)),
        }
    }

    pub fn put(&mut self, term: usize, value: usize, score: Option<i64>) {
        if let Some(slot) = self.scores.get_mut(term * self.values + value) {
            // A real score is never one of the two markers: scores are
            // small sums of letters and bonuses.
            *slot = score.unwrap_or(NO_MATCH).max(NO_MATCH);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use crate::model::DatasetIndex;
    use crate::search::{Matcher, SearchIndex};

    #[test]
    fn a_shared_value_scores_from_the_memo_as_it_scores_anew() {
        let loaded = crate::model::load_path(std::path::Path::new("assets/ru-ua-2022-03.ron"))
            .expect("the bundled dataset's file");
        let ds = loaded.dataset.expect("it parses");
        let index = &SearchIndex::new(&ds, &DatasetIndex::new(&ds));
        let matcher = Matcher::default();
        let queries = [
            "t",
            "kalin",
            "Kalın",
            "Russia",
            "ceasefire -army",
            "'neutral",
            "^ukr",
            "guarantees$",
            "lavrov | kalin talks",
            "!turkey",
            "party:ru ceasefire",
        ];
        for text in queries {
            let q = index.query(text, None).expect("a valid query");
            let mut memo = Memo::new(index, &q);
            let mut remembered = 0;
            for at in 0..index.len() {
                let e = index.entry_at(at).expect("an entry");
                let once = matcher.score_with(&e, &q, true, Some(&mut memo));
                assert_eq!(once, matcher.score_fast(&e, &q), "{text}: {:?}", e.item);
                remembered += e.fields().filter(|f| e.shared(f).is_some()).count();
            }
            // The bundled dataset's entries share values: the memo is used.
            assert!(remembered > 100, "{text}: {remembered}");
            assert!(memo.scores.iter().any(|&s| s != super::UNKNOWN), "{text}");
        }
    }
}
