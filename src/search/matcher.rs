//! Matching and ranking entries against a query.

use super::index::{Entry, SearchIndex, tie_rank};
use super::query::{Query, Term, TermKind};
use crate::model::{ItemRef, Kind};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::cmp::Reverse;

/// Fields longer than this many characters are matched greedily: the full
/// Smith-Waterman pass costs rows × columns, and on long quotes it buys
/// little ranking quality for most of the time per keystroke.
const FULL_SCORING_CHARS: usize = 160;

/// How many of the best hits are ranked again with full scoring.
const RERANK: usize = 256;

/// Checked between chunks of this many entries.
const CANCEL_EVERY: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemRef,
    pub score: i64,
}

pub struct Matcher {
    skim: SkimMatcherV2,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher")
    }
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            // Text and pattern are lowercased beforehand when matching
            // ignores case, so the matcher itself always respects case.
            skim: SkimMatcherV2::default()
                .element_limit(2 * (FULL_SCORING_CHARS + 1))
                .respect_case(),
        }
    }
}

/// Whether `needle`'s bytes occur in order in `hay`: a necessary condition
/// for a fuzzy match, checked far faster than scoring.
fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr(b, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// A fuzzy score for long text, on a scale close to skim's: an exact
/// substring scores as a run of consecutive matches (plus a bonus at a
/// word start); otherwise letters are matched greedily left to right, with
/// bonuses for runs and word starts and a penalty for gaps.
fn greedy_score(hay: &str, needle: &str) -> Option<i64> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let word_start = |i: usize| i == 0 || !h[i - 1].is_ascii_alphanumeric();
    // Most fields do not match at all: rule them out with the cheap
    // (SIMD) subsequence scan before looking for a substring.
    if !subsequence(h, n) {
        return None;
    }
    if let Some(at) = memchr::memmem::find(h, n) {
        // skim gives a run starting a word about 16 per letter plus twice
        // its head bonus.
        let bonus = if word_start(at) { 16 } else { 0 };
        return Some(16 * n.len() as i64 + bonus + 2);
    }
    let mut score = 0i64;
    let mut from = 0;
    let mut prev: Option<usize> = None;
    for &b in n {
        let at = from + memchr(b, &h[from..])?;
        score += 16;
        if let Some(p) = prev
            && p + 1 != at
        {
            score -= (3 + (at - p - 1) as i64).min(12);
        }
        if word_start(at) {
            score += 8;
        }
        prev = Some(at);
        from = at + 1;
    }
    Some(score.max(1))
}

fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(b, hay)
}

/// Score for an exact piece of text: like a run of fuzzy matches, plus a
/// bonus at the start of a word.
fn exact_score(hay: &str, at: usize, len: usize) -> i64 {
    let word_start = hay[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    16 * hay[at..at + len].chars().count() as i64 + if word_start { 8 } else { 0 }
}

impl Matcher {
    fn hay<'e>(entry: &'e Entry, q: &Query) -> &'e str {
        if q.case_sensitive {
            &entry.folded
        } else {
            &entry.lower
        }
    }

    /// Each field's text in the haystack, with its character offset and
    /// boost. A primary-only query looks at the first field alone.
    fn fields<'e>(entry: &'e Entry, q: &Query) -> impl Iterator<Item = (&'e str, usize, i64)> {
        let hay = Self::hay(entry, q);
        let n = if q.primary_only {
            1
        } else {
            entry.fields.len()
        };
        entry.fields.iter().take(n).map(move |f| {
            let r = if q.case_sensitive {
                f.folded.clone()
            } else {
                f.lower.clone()
            };
            (hay.get(r).unwrap_or(""), f.chars.start, f.boost)
        })
    }

    /// The best match of a term in any one field: (score, character
    /// positions in the entry when `with_pos`).
    fn best(
        &self,
        entry: &Entry,
        q: &Query,
        t: &Term,
        with_pos: bool,
        fast: bool,
    ) -> Option<(i64, Vec<usize>)> {
        let n = t.text.len();
        let chars = || t.text.chars().count();
        let mut best: Option<(i64, Vec<usize>)> = None;
        for (field, offset, boost) in Self::fields(entry, q) {
            let found = match t.kind {
                // Long fields (quote texts, summaries) are scored by a
                // byte-level greedy pass without allocating: skim's setup
                // per call dominated the cost per keystroke. Highlight
                // positions, needed only for the rows shown, still come
                // from skim.
                TermKind::Fuzzy if !with_pos && (fast || field.len() > FULL_SCORING_CHARS) => {
                    greedy_score(field, &t.text).map(|s| (s, Vec::new()))
                }
                TermKind::Fuzzy => {
                    if !subsequence(field.as_bytes(), t.text.as_bytes()) {
                        continue;
                    }
                    self.skim
                        .fuzzy(field, &t.text, with_pos)
                        .map(|(s, pos)| (s, pos.into_iter().map(|p| p + offset).collect()))
                }
                TermKind::Exact => field.find(&t.text).map(|at| {
                    let start = offset + field[..at].chars().count();
                    (
                        exact_score(field, at, n),
                        (start..start + chars()).collect(),
                    )
                }),
                TermKind::Prefix => field.starts_with(&t.text).then(|| {
                    (
                        exact_score(field, 0, n),
                        (offset..offset + chars()).collect(),
                    )
                }),
                TermKind::Suffix => field.ends_with(&t.text).then(|| {
                    let start = offset + field.chars().count() - chars();
                    (
                        exact_score(field, field.len() - n, n),
                        (start..start + chars()).collect(),
                    )
                }),
                TermKind::Equal => (field == t.text).then(|| {
                    (
                        exact_score(field, 0, n) + 8,
                        (offset..offset + chars()).collect(),
                    )
                }),
            };
            if let Some((score, pos)) = found
                && best.as_ref().is_none_or(|b| score + boost > b.0)
            {
                best = Some((score + boost, pos));
            }
        }
        best
    }

    fn term(&self, entry: &Entry, q: &Query, t: &Term, fast: bool) -> Option<i64> {
        let hit = self.best(entry, q, t, false, fast).map(|(s, _)| s);
        match (t.negate, hit) {
            (true, Some(_)) => None,
            (true, None) => Some(0),
            (false, hit) => hit,
        }
    }

    /// The entry's score, or `None` when it does not match every group.
    pub fn score(&self, entry: &Entry, q: &Query) -> Option<i64> {
        self.score_with(entry, q, false)
    }

    /// Whether and roughly how well the entry matches: every fuzzy term is
    /// scored by the greedy pass. Which entries match is the same as with
    /// [`Matcher::score`].
    pub fn score_fast(&self, entry: &Entry, q: &Query) -> Option<i64> {
        self.score_with(entry, q, true)
    }

    fn score_with(&self, entry: &Entry, q: &Query, fast: bool) -> Option<i64> {
        let mut total = 0;
        for group in &q.groups {
            total += group
                .iter()
                .filter_map(|t| self.term(entry, q, t, fast))
                .max()?;
        }
        Some(total)
    }

    /// Character positions in `entry.text` to highlight: for each group,
    /// those of its best-matching alternative.
    pub fn positions(&self, entry: &Entry, q: &Query) -> Vec<usize> {
        let mut out = Vec::new();
        for group in &q.groups {
            let best = group
                .iter()
                .filter(|t| !t.negate)
                .filter_map(|t| self.best(entry, q, t, true, false))
                .max_by_key(|(s, _)| *s);
            if let Some((_, pos)) = best {
                out.extend(pos);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Matches every entry in `scope`, best first. Returns `None` when
    /// `cancelled` says a newer query has made this one pointless.
    pub fn search(
        &self,
        index: &SearchIndex,
        q: &Query,
        scope: Option<Kind>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        // Entries are grouped by kind, so a scope is one slice of them.
        let base = scope.map_or(0, |k| index.position(ItemRef::new(k, 0)));
        let entries = &index.entries[base.min(index.entries.len())..];
        let entries = &entries[..index.count(scope).min(entries.len())];
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4);
        let chunk = entries.len().div_ceil(threads).max(CANCEL_EVERY);
        // (entry in `entries`, score) while ranking.
        let run = |start: usize, part: &[Entry]| -> Option<Vec<(u32, i64)>> {
            let mut hits = Vec::new();
            for (k, block) in part.chunks(CANCEL_EVERY).enumerate() {
                if cancelled() {
                    return None;
                }
                for (j, e) in block.iter().enumerate() {
                    if let Some(score) = self.score_fast(e, q) {
                        hits.push(((start + k * CANCEL_EVERY + j) as u32, score));
                    }
                }
            }
            Some(hits)
        };
        let parts: Vec<Option<Vec<(u32, i64)>>> = if entries.len() <= chunk {
            vec![run(0, entries)]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = entries
                    .chunks(chunk)
                    .enumerate()
                    .map(|(n, part)| s.spawn(move || run(n * chunk, part)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().ok().flatten())
                    .collect()
            })
        };
        let mut hits = Vec::new();
        for part in parts {
            hits.extend(part?);
        }
        if cancelled() {
            return None;
        }
        // Ties: kind (issues and parties first), shorter text, dataset
        // order — which entry order already is within a kind.
        let key = |&(entry, score): &(u32, i64)| {
            let e = &entries[entry as usize];
            (Reverse(score), tie_rank(e.kind()), e.primary_len, entry)
        };
        hits.sort_unstable_by_key(key);
        // Everything was ranked by the greedy pass; the rows a user sees
        // first are ranked again with skim's full scoring.
        let top = hits.len().min(RERANK);
        for (entry, score) in &mut hits[..top] {
            if let Some(full) = self.score(&entries[*entry as usize], q) {
                *score = full;
            }
        }
        hits[..top].sort_unstable_by_key(key);
        Some(
            hits.into_iter()
                .map(|(entry, score)| Hit {
                    item: entries[entry as usize].item,
                    score,
                })
                .collect(),
        )
    }
}
