//! Every quote of a source found in one pass over the source.
//!
//! Searching the whole source once per quote made a source with 20,000
//! quotes take over a minute. Instead one Aho-Corasick automaton over the
//! heads (first bytes) of the distinct pieces of all the source's quotes
//! lists, in a single pass, where each piece occurs; each quote is then
//! resolved from those lists alone.

use super::Folded;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use foldhash::HashMap;
use memchr::memmem;
use std::ops::Range;

/// Where the pieces of a source's quotes occur in its folded text.
pub struct Finder<'f> {
    folded: &'f Folded,
    /// Pattern number of each distinct piece.
    ids: HashMap<&'f str, usize>,
    /// Start of every occurrence of each pattern, overlapping ones included,
    /// in increasing order.
    starts: Vec<Vec<usize>>,
}

/// How often a quote occurs, and the occurrence asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    /// Occurrences found, at most the limit asked for.
    pub count: usize,
    /// Original byte ranges of the occurrence asked for, one per piece,
    /// when there are that many occurrences.
    pub wanted: Option<Vec<Range<usize>>>,
}

impl<'f> Finder<'f> {
    /// Finds every piece of `pieces` in `folded`.
    pub fn new<'p>(folded: &'f Folded, pieces: impl IntoIterator<Item = &'p str>) -> Self
    where
        'p: 'f,
    {
        let mut ids: HashMap<&'f str, usize> = HashMap::default();
        let mut patterns: Vec<&str> = Vec::new();
        for p in pieces {
            if p.is_empty() {
                continue;
            }
            ids.entry(p).or_insert_with(|| {
                patterns.push(p);
                patterns.len() - 1
            });
        }
        let text = folded.text();
        let (keys, groups) = heads(&patterns);
        let searched = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // Building a DFA for each small source cost more than the
            // whole search did.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&keys)
            .ok()
            .and_then(|ac| {
                let mut found = vec![Vec::new(); patterns.len()];
                // Matches come in order of their end; a head's matches all
                // have its length, so each piece's starts come in order.
                for m in ac.try_find_overlapping_iter(text).ok()? {
                    let rest = &text.as_bytes()[m.start()..];
                    for &piece in &groups[m.pattern().as_usize()] {
                        if rest.starts_with(patterns[piece].as_bytes()) {
                            found[piece].push(m.start());
                        }
                    }
                }
                Some(found)
            });
        let starts = match searched {
            Some(found) => found,
            // Only a pattern set too large for the automaton's state ids
            // gets here; searching piece by piece is slower but exact.
            None => patterns.iter().map(|p| overlapping(text, p)).collect(),
        };
        Finder {
            folded,
            ids,
            starts,
        }
    }

    fn occurrences(&self, piece: &str) -> &[usize] {
        self.ids
            .get(piece)
            .map_or(&[][..], |&id| self.starts[id].as_slice())
    }

    /// Whether `piece` occurs at all.
    pub fn occurs(&self, piece: &str) -> bool {
        !self.occurrences(piece).is_empty()
    }

    /// The places the pieces occur in order, counted up to `limit`, as the
    /// search piece by piece always did: each occurrence of the first piece
    /// that does not overlap the one before starts a match, and every later
    /// piece is its first occurrence after the previous piece. The first
    /// match that cannot be completed ends the count, since later starts
    /// only search later. `want` is the 0-based match whose ranges to keep.
    pub fn find(&self, pieces: &[String], limit: usize, want: usize) -> Hits {
        let mut hits = Hits {
            count: 0,
            wanted: None,
        };
        let Some((first, rest)) = pieces.split_first() else {
            return hits;
        };
        let rest: Vec<(&[usize], usize)> = rest
            .iter()
            .map(|p| (self.occurrences(p), p.len()))
            .collect();
        // Where each later piece's search resumes: matches only move right,
        // so no occurrence is looked at twice.
        let mut next = vec![0usize; rest.len()];
        let mut chain: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
        let mut free_from = 0;
        'starts: for &at in self.occurrences(first) {
            if at < free_from {
                continue;
            }
            free_from = at + first.len();
            chain.clear();
            chain.push(at..free_from);
            let mut cursor = free_from;
            for ((list, len), from) in rest.iter().zip(next.iter_mut()) {
                *from += list[*from..].partition_point(|&s| s < cursor);
                let Some(&s) = list.get(*from) else {
                    break 'starts;
                };
                cursor = s + len;
                chain.push(s..cursor);
            }
            if hits.count == want {
                hits.wanted = Some(
                    chain
                        .iter()
                        .map(|r| self.folded.original(r.clone()))
                        .collect(),
                );
            }
            hits.count += 1;
            if hits.count >= limit {
                break;
            }
        }
        hits
    }
}

/// Pieces are looked for by their first bytes, then checked in full: an
/// automaton over whole quotes took longer to build than the scan it saved.
/// Building it was still a seventh of a cold validate at 100k with heads
/// of 32 bytes; with 16, that validate took 0.62 instead of 0.67 s.
/// Tests use tiny heads so that short random pieces share them.
const HEAD: usize = if cfg!(test) { 3 } else { 16 };
/// Most pieces a head may stand for before it is lengthened.
const GROUP: usize = if cfg!(test) { 2 } else { 8 };

/// Heads to look for, each with the pieces it stands for. A head is a
/// piece's first `HEAD` bytes, or the whole piece when shorter; when more
/// than `GROUP` pieces start alike, their heads are doubled in length
/// until they part, so checking a match costs a few comparisons at most.
fn heads<'p>(pieces: &[&'p str]) -> (Vec<&'p [u8]>, Vec<Vec<usize>>) {
    let mut keys = Vec::new();
    let mut groups = Vec::new();
    let mut todo: Vec<usize> = (0..pieces.len()).collect();
    let mut len = HEAD;
    while !todo.is_empty() {
        let mut by_head: HashMap<&[u8], Vec<usize>> = HashMap::default();
        for &i in &todo {
            let p = pieces[i].as_bytes();
            by_head.entry(&p[..p.len().min(len)]).or_default().push(i);
        }
        let mut longer = Vec::new();
        for (head, members) in by_head {
            let (mut stay, more): (Vec<usize>, Vec<usize>) = if members.len() > GROUP {
                members.into_iter().partition(|&i| pieces[i].len() <= len)
            } else {
                (members, Vec::new())
            };
            longer.extend(more);
            if !stay.is_empty() {
                stay.sort_unstable();
                keys.push(head);
                groups.push(stay);
            }
        }
        todo = longer;
        len = len.saturating_mul(2);
    }
    (keys, groups)
}

/// Every start of `needle` in `text`, overlapping ones included.
fn overlapping(text: &str, needle: &str) -> Vec<usize> {
    let finder = memmem::Finder::new(needle);
    let hay = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = hay.get(from..).and_then(|h| finder.find(h)) {
        out.push(from + rel);
        from += rel + 1;
    }
    out
}
