//! Matching and ranking entries against a query.

use super::entries::Field;
use super::facet::FacetSet;
use super::index::{Entry, SearchIndex};
use super::memo::Memo;
use super::query::{Query, Term, TermKind};
use super::ranked::Ranked;
use super::scoring::{compact_window, exact_score, greedy_score, subsequence, word_bonus};
use crate::model::{ItemRef, Kind};
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::slice::ParallelSliceMut;
use std::borrow::Cow;

/// Fields longer than this many characters are matched greedily: the full
/// Smith-Waterman pass costs rows × columns, and on long quotes it buys
/// little ranking quality for most of the time per keystroke.
const FULL_SCORING_CHARS: usize = 160;

/// How many of the best hits are ranked again with full scoring.
const RERANK: usize = 256;

/// Checked between chunks of this many entries.
const CANCEL_EVERY: usize = 512;
/// Hits sorted on every core from this many: a first letter typed
/// matches most of a large dataset, and sorting 150,000 hits on one core
/// took a fifth of the keystroke.
const PARALLEL_SORT: usize = 16_384;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemRef,
    pub score: i64,
}

/// What [`Matcher::search_within`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// Best first.
    pub hits: Vec<Hit>,
    /// The entries matched, counted from the scope's first, in entry
    /// order: what a search narrowing this one is confined to.
    pub matched: Vec<u32>,
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

/// A synonym's match, scored as if the word typed had matched there (a
/// longer synonym scores more letters), then less.
fn synonym_adjusted(t: &Term, score: i64) -> i64 {
    match t.synonym {
        Some(typed) => {
            let longer = t.text.chars().count().saturating_sub(typed) as i64;
            (score - 16 * longer - SYNONYM).max(1)
        }
        None => score,
    }
}

/// For an item holding every plain term, in order, as one phrase.
const PHRASE: i64 = 48;
/// Taken from a match of a synonym: it is found, below what was typed.
const SYNONYM: i64 = 40;

impl Matcher {
    /// Each field's text as matched, with its character offset and
    /// boost. A pane filter looks only at what the item's row shows.
    ///
    /// A case-sensitive search matches the folded text, which the index
    /// makes anew from the lowercase one (see `super::entries`): a field
    /// whose lowercase does not hold `sought`'s letters in order (the term,
    /// lowercased, when it is ASCII) cannot match, and is not made.
    fn fields<'e>(
        entry: &Entry<'e>,
        q: &Query,
        sought: Option<&[u8]>,
    ) -> impl Iterator<Item = (Cow<'e, str>, usize, i64)> {
        let entry = *entry;
        Self::searched(&entry, q).filter_map(move |f| {
            Some((
                Self::hay(&entry, &f, q, sought)?,
                f.chars().start,
                f.boost(),
            ))
        })
    }

    /// The fields a query looks at.
    fn searched<'e>(entry: &Entry<'e>, q: &Query) -> impl Iterator<Item = Field> + use<'e> {
        let shown_only = q.shown_only;
        entry.fields().filter(move |f| f.shown() || !shown_only)
    }

    /// A field's text as matched (see [`Matcher::fields`]); `None` when it
    /// cannot hold `sought`.
    #[inline]
    fn hay<'e>(
        entry: &Entry<'e>,
        f: &Field,
        q: &Query,
        sought: Option<&[u8]>,
    ) -> Option<Cow<'e, str>> {
        if !q.case_sensitive {
            Some(Cow::Borrowed(entry.lower(f)))
        } else if sought.is_some_and(|n| !subsequence(entry.lower(f).as_bytes(), n)) {
            None
        } else {
            Some(entry.folded(f))
        }
    }

    /// The best match of a term in any one field: (score, character
    /// positions in the entry when `with_pos`). `memo` holds the scores of
    /// shared values for the term numbered `term`, found once a search.
    fn best(
        &self,
        entry: &Entry<'_>,
        q: &Query,
        (t, term): (&Term, usize),
        with_pos: bool,
        fast: bool,
        mut memo: Option<&mut Memo>,
    ) -> Option<(i64, Vec<usize>)> {
        let mut best: Option<(i64, Vec<usize>)> = None;
        let sought = t.lowered.as_deref().map(str::as_bytes);
        for f in Self::searched(entry, q) {
            // Positions depend on where the field is in the entry; scores
            // do not.
            let f = &f;
            let shared = entry.shared(f).filter(|_| !with_pos);
            let known = shared.and_then(|v| memo.as_deref().and_then(|m| m.get(term, v)));
            let found = match known {
                Some(score) => score.map(|s| (s, Vec::new())),
                None => {
                    let found = Self::hay(entry, f, q, sought)
                        .and_then(|hay| self.found(&hay, f.chars().start, t, with_pos, fast));
                    if let (Some(v), Some(m)) = (shared, memo.as_deref_mut()) {
                        m.put(term, v, found.as_ref().map(|(s, _)| *s));
                    }
                    found
                }
            };
            let boost = f.boost();
            if let Some((score, pos)) = found
                && best.as_ref().is_none_or(|b| score + boost > b.0)
            {
                best = Some((score + boost, pos));
            }
        }
        best
    }

    /// How a term matches one field's text, at character `offset` of its
    /// entry: (score, character positions when `with_pos`).
    fn found(
        &self,
        field: &str,
        offset: usize,
        t: &Term,
        with_pos: bool,
        fast: bool,
    ) -> Option<(i64, Vec<usize>)> {
        let n = t.text.len();
        let chars = || t.text.chars().count();
        match t.kind {
            // Long fields (quote texts, summaries) are scored by a
            // byte-level greedy pass without allocating: skim's setup
            // per call dominated the cost per keystroke. Highlight
            // positions, needed only for the rows shown, still come
            // from skim.
            TermKind::Fuzzy if !with_pos && (fast || field.len() > FULL_SCORING_CHARS) => {
                greedy_score(field, &t.text).map(|s| (s, Vec::new()))
            }
            TermKind::Fuzzy => {
                let (h, n) = (field.as_bytes(), t.text.as_bytes());
                if !subsequence(h, n) || compact_window(h, n).is_none() {
                    return None;
                }
                self.skim.fuzzy(field, &t.text, with_pos).map(|(s, pos)| {
                    (
                        s + word_bonus(h, n),
                        pos.into_iter().map(|p| p + offset).collect(),
                    )
                })
            }
            TermKind::Exact => field.find(&t.text).map(|at| {
                let start = offset + field[..at].chars().count();
                (
                    exact_score(field, at, n) + word_bonus(field.as_bytes(), t.text.as_bytes()),
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
        }
    }

    fn term(
        &self,
        entry: &Entry<'_>,
        q: &Query,
        t: (&Term, usize),
        fast: bool,
        memo: Option<&mut Memo>,
    ) -> Option<i64> {
        let hit = self.best(entry, q, t, false, fast, memo).map(|(s, _)| s);
        let t = t.0;
        match (t.negate, hit) {
            (true, Some(_)) => None,
            (true, None) => Some(0),
            // Scored as if the word typed had matched there (a longer
            // synonym scores more letters), then less.
            (false, hit) => hit.map(|s| synonym_adjusted(t, s)),
        }
    }

    /// The entry's score, or `None` when it does not match every group.
    pub fn score(&self, entry: &Entry<'_>, q: &Query) -> Option<i64> {
        self.score_with(entry, q, false, None)
    }

    /// Whether and roughly how well the entry matches: every fuzzy term is
    /// scored by the greedy pass. Which entries match is the same as with
    /// [`Matcher::score`].
    pub fn score_fast(&self, entry: &Entry<'_>, q: &Query) -> Option<i64> {
        self.score_with(entry, q, true, None)
    }

    pub(super) fn score_with(
        &self,
        entry: &Entry<'_>,
        q: &Query,
        fast: bool,
        mut memo: Option<&mut Memo>,
    ) -> Option<i64> {
        let mut total = 0;
        // Terms are numbered across groups, as the memo numbers them.
        let mut first = 0;
        for group in &q.groups {
            let mut best = None;
            for (k, t) in group.iter().enumerate() {
                let score = self.term(entry, q, (t, first + k), fast, memo.as_deref_mut());
                best = best.max(score);
            }
            total += best?;
            first += group.len();
        }
        if let Some(Term {
            text: phrase,
            lowered,
            ..
        }) = &q.phrase
        {
            let sought = lowered.as_deref().map(str::as_bytes);
            let best = Self::fields(entry, q, sought)
                .filter(|(f, _, _)| memchr::memmem::find(f.as_bytes(), phrase.as_bytes()).is_some())
                .map(|(f, _, boost)| boost + word_bonus(f.as_bytes(), phrase.as_bytes()))
                .max();
            if let Some(b) = best {
                total += PHRASE + b;
            }
        }
        Some(total)
    }

    /// The names of the fields a match was found in: what `--json` says
    /// an item matched on.
    pub fn matched_fields(&self, entry: &Entry<'_>, q: &Query) -> Vec<&'static str> {
        let positions = self.positions(entry, q);
        let mut names: Vec<&'static str> = entry
            .fields()
            .filter(|f| positions.iter().any(|p| f.chars().contains(p)))
            .map(|f| f.name())
            .collect();
        names.dedup();
        names
    }

    /// Character positions in `entry.text` to highlight: for each group,
    /// those of its best-matching alternative.
    pub fn positions(&self, entry: &Entry<'_>, q: &Query) -> Vec<usize> {
        let mut out = Vec::new();
        for group in &q.groups {
            let best = group
                .iter()
                .filter(|t| !t.negate)
                .filter_map(|t| {
                    self.best(entry, q, (t, 0), true, false, None)
                        .map(|(s, pos)| (synonym_adjusted(t, s), pos))
                })
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
        self.search_within(index, q, scope, None, cancelled)
            .map(|found| found.hits)
    }

    /// [`Matcher::search`] over only the entries `within`, when given:
    /// those a query this one narrows matched (see [`super::recent`]),
    /// which hold every entry this one can match.
    pub fn search_within(
        &self,
        index: &SearchIndex,
        q: &Query,
        scope: Option<Kind>,
        within: Option<&[u32]>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Found> {
        // Entries are grouped by kind, so a scope is one run of them.
        let base = scope.map_or(0, |k| index.position(ItemRef::new(k, 0)));
        let base = base.min(index.len());
        let len = within.map_or(index.count(scope).min(index.len() - base), <[u32]>::len);
        let place = |k: usize| within.map_or(Some(k), |w| w.get(k).map(|&at| at as usize));
        let entry = |at: usize| index.entry_at(base + at);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4);
        let chunk = len.div_ceil(threads).max(CANCEL_EVERY);
        // (entry from `base`, score) while ranking.
        let run = |part: std::ops::Range<usize>| -> Option<Vec<(u32, i64)>> {
            // Room for the whole run, which a broad query nearly fills:
            // the binary returns freed memory at once, so every copy a
            // growing vector made was pages faulted in afresh on every
            // keystroke. Room not written to is never made resident.
            let mut hits = Vec::with_capacity(part.len());
            let mut memo = Memo::new(index, q);
            for (k, at) in part.enumerate() {
                if k % CANCEL_EVERY == 0 && cancelled() {
                    return None;
                }
                let Some(at) = place(at) else { continue };
                let Some(e) = entry(at) else { continue };
                if !q
                    .filter
                    .passes(&index.facts, base + at, e.item, FacetSet::EMPTY)
                {
                    continue;
                }
                if let Some(score) = self.score_with(&e, q, true, Some(&mut memo)) {
                    hits.push((at as u32, score));
                }
            }
            Some(hits)
        };
        let parts: Vec<Option<Vec<(u32, i64)>>> = if len <= chunk {
            vec![run(0..len)]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..len)
                    .step_by(chunk)
                    .map(|start| s.spawn(move || run(start..(start + chunk).min(len))))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().ok().flatten())
                    .collect()
            })
        };
        let parts: Vec<Vec<(u32, i64)>> = parts.into_iter().collect::<Option<_>>()?;
        if cancelled() {
            return None;
        }
        // Ties: kind (issues and parties first), shorter text, dataset
        // order — which entry order already is within a kind.
        let key = |&(at, score): &(u32, i64)| {
            let (rank, len) = index.tie_key(base + at as usize);
            Ranked::new(score, rank, len, at)
        };
        // The parts ran in entry order. Each key is looked up once, not at
        // every comparison.
        let total = parts.iter().map(Vec::len).sum();
        let mut matched: Vec<u32> = Vec::with_capacity(total);
        let mut keyed: Vec<Ranked> = Vec::with_capacity(total);
        for hit in parts.iter().flatten() {
            matched.push(hit.0);
            keyed.push(key(hit));
        }
        drop(parts);
        if keyed.len() > PARALLEL_SORT {
            keyed.par_sort_unstable();
        } else {
            keyed.sort_unstable();
        }
        let mut hits: Vec<(u32, i64)> = keyed.into_iter().map(Ranked::hit).collect();
        // Everything was ranked by the greedy pass; the rows a user sees
        // first are ranked again with skim's full scoring.
        let top = hits.len().min(RERANK);
        for (at, score) in &mut hits[..top] {
            if let Some(full) = entry(*at as usize).and_then(|e| self.score(&e, q)) {
                *score = full;
            }
        }
        hits[..top].sort_unstable_by_key(key);
        let mut found = Vec::with_capacity(hits.len());
        found.extend(hits.into_iter().filter_map(|(at, score)| {
            entry(at as usize).map(|e| Hit {
                item: e.item,
                score,
            })
        }));
        Some(Found {
            hits: found,
            matched,
        })
    }
}
