//! The search as it was before quotes were searched together: one scan of
//! the source per quote, with a map of eight bytes per folded byte. Kept
//! as the oracle the faster search must agree with, on every input.

use super::{Finder, Folded, closest_all, fold, pieces, plain_punctuation};
use proptest::prelude::*;
use std::ops::Range;

struct OldFolded {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl OldFolded {
    pub fn new(src: &str) -> Self {
        let mut text = String::with_capacity(src.len());
        let mut starts = Vec::with_capacity(src.len());
        let mut ends = Vec::with_capacity(src.len());
        let mut space_at: Option<usize> = None;
        for (i, c) in src.char_indices() {
            let end = (i + c.len_utf8()) as u32;
            if c.is_whitespace() {
                match space_at {
                    Some(k) => ends[k] = end,
                    None => {
                        space_at = Some(text.len());
                        text.push(' ');
                        starts.push(i as u32);
                        ends.push(end);
                    }
                }
                continue;
            }
            space_at = None;
            let f = plain_punctuation(c);
            let n = f.len_utf8();
            text.push(f);
            for _ in 0..n {
                starts.push(i as u32);
                ends.push(end);
            }
        }
        OldFolded { text, starts, ends }
    }

    fn original(&self, folded: Range<usize>) -> Range<usize> {
        if folded.is_empty() || folded.end > self.starts.len() {
            return 0..0;
        }
        self.starts[folded.start] as usize..self.ends[folded.end - 1] as usize
    }

    /// Every place the pieces occur in order, as original byte ranges (one
    /// per piece). Stops after `limit` matches.
    pub fn find_all(&self, pieces: &[String], limit: usize) -> Vec<Vec<Range<usize>>> {
        let Some((first, rest)) = pieces.split_first() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for (at, _) in self.text.match_indices(first.as_str()) {
            let mut ranges = vec![self.original(at..at + first.len())];
            let mut cursor = at + first.len();
            for piece in rest {
                match self.text[cursor..].find(piece.as_str()) {
                    Some(rel) => {
                        let s = cursor + rel;
                        ranges.push(self.original(s..s + piece.len()));
                        cursor = s + piece.len();
                    }
                    // A later start cannot help: its search begins later still.
                    None => return found,
                }
            }
            found.push(ranges);
            if found.len() >= limit {
                break;
            }
        }
        found
    }

    /// The passage of the source most like `piece`: where its longest
    /// prefix or suffix occurs, stretched to the piece's length. `None`
    /// when not even a few characters match.
    pub fn closest(&self, piece: &str) -> Option<Range<usize>> {
        let bounds: Vec<usize> = piece
            .char_indices()
            .map(|(i, _)| i)
            .chain([piece.len()])
            .collect();
        let longest = |test: &dyn Fn(usize) -> Option<usize>| -> (usize, Option<usize>) {
            // Binary search on how many characters still occur.
            let (mut lo, mut hi, mut best) = (0usize, bounds.len() - 1, None);
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                match test(mid) {
                    Some(at) => {
                        lo = mid;
                        best = Some(at);
                    }
                    None => hi = mid - 1,
                }
            }
            (lo, best)
        };
        let prefix = longest(&|n| self.text.find(&piece[..bounds[n]]));
        let suffix = longest(&|n| {
            let start = bounds[bounds.len() - 1 - n];
            self.text
                .find(&piece[start..])
                .map(|at| at + (piece.len() - start))
        });
        let (chars, range) = if prefix.0 >= suffix.0 {
            (prefix.0, prefix.1.map(|at| at..at + piece.len()))
        } else {
            (
                suffix.0,
                suffix.1.map(|end| end.saturating_sub(piece.len())..end),
            )
        };
        if chars < 8 {
            return None;
        }
        let range = range?;
        // Stretching by length can cut a word; widen to whole words.
        let mut end = range.end.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let mut start = range.start.min(end);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        start = self.text[..start].rfind(' ').map_or(0, |i| i + 1);
        end += self.text[end..].find(' ').unwrap_or(self.text.len() - end);
        Some(self.original(start..end))
    }
}

/// Pieces of text that fold in every way: multi-byte letters, typographic
/// quotes and dashes, runs and kinds of white space, elision marks.
const TOKENS: &[&str] = &[
    "a",
    "b",
    "ab",
    "ba",
    "aab",
    "ç",
    "ş",
    "ń",
    "Ö",
    "’",
    "‘",
    "'",
    "“",
    "”",
    "\"",
    "–",
    "—",
    "-",
    "−",
    " ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\u{b}\u{c}",
    "\u{a0}",
    "\u{2003}",
    "…",
    ".",
    "x y",
    // Long enough for the runs folding copies a block at a time.
    "Talks resumed on Monday in Istanbul, ",
    "a\u{1}b",
];

fn text() -> impl Strategy<Value = String> {
    let tokens =
        proptest::collection::vec(proptest::sample::select(TOKENS), 0..60).prop_map(|t| t.concat());
    // Repeating a stretch makes quotes occur many times, overlapping too.
    (tokens, 1usize..6).prop_map(|(t, n)| t.repeat(n))
}

/// A quote: a stretch of the source (sometimes with its middle elided) or
/// random tokens, which mostly do not occur.
fn quote(src: &str) -> impl Strategy<Value = String> + use<> {
    let bounds: Vec<usize> = src
        .char_indices()
        .map(|(i, _)| i)
        .chain([src.len()])
        .collect();
    let src = src.to_string();
    let n = bounds.len();
    let cut = (0..n, 0..n, 0..n, 0..n, 0usize..5);
    let from_source = cut.prop_map(move |(a, b, c, d, how)| {
        let mut at = [bounds[a], bounds[b], bounds[c], bounds[d]];
        at.sort_unstable();
        match how {
            0 => src[at[0]..at[3]].to_string(),
            1 => format!("{} ... {}", &src[at[0]..at[1]], &src[at[2]..at[3]]),
            2 => format!(
                "{}…{}…{}",
                &src[at[0]..at[1]],
                &src[at[1]..at[2]],
                &src[at[2]..at[3]]
            ),
            // Pieces in the wrong order.
            3 => format!("{} ... {}", &src[at[2]..at[3]], &src[at[0]..at[1]]),
            // A typo: most like the source around it, but not in it.
            _ => format!("{}#{}", &src[at[0]..at[1]], &src[at[1]..at[3]]),
        }
    });
    let random =
        proptest::collection::vec(proptest::sample::select(TOKENS), 1..12).prop_map(|t| t.concat());
    prop_oneof![3 => from_source, 1 => random]
}

fn source_and_quotes() -> impl Strategy<Value = (String, Vec<String>)> {
    text().prop_flat_map(|src| {
        let quotes = proptest::collection::vec(quote(&src), 1..12);
        (Just(src), quotes)
    })
}

/// Folding character by character, as before runs of ASCII were copied
/// whole.
fn old_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            out.push(plain_punctuation(c));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Folding a quote gives what folding it character by character gave.
    #[test]
    fn fold_is_unchanged(src in text()) {
        prop_assert_eq!(fold(&src), old_fold(&src), "{:?}", src);
    }

    /// The shared search finds what the search per quote found: the same
    /// count up to the limit, the same ranges for any occurrence asked for.
    #[test]
    fn finds_what_the_search_per_quote_found(
        (src, quotes) in source_and_quotes(),
        limit in prop_oneof![Just(1000usize), 1usize..4],
    ) {
        let old = OldFolded::new(&src);
        let folded = Folded::new(&src);
        let all: Vec<Vec<String>> = quotes.iter().map(|q| pieces(q)).collect();
        let finder = Finder::new(&folded, all.iter().flatten().map(String::as_str));
        for ps in &all {
            let hits = old.find_all(ps, limit);
            for want in [0, 1, hits.len().saturating_sub(1), hits.len()] {
                let found = finder.find(ps, limit, want);
                prop_assert_eq!(found.count, hits.len(), "{:?} in {:?}", ps, src);
                prop_assert_eq!(found.wanted.as_ref(), hits.get(want), "{:?} in {:?}", ps, src);
            }
            for p in ps {
                prop_assert_eq!(finder.occurs(p), !old.find_all(std::slice::from_ref(p), 1).is_empty());
            }
        }
    }

    /// The closest passage is the one the binary search per quote found.
    #[test]
    fn closest_passage_is_unchanged((src, quotes) in source_and_quotes()) {
        let old = OldFolded::new(&src);
        let folded = Folded::new(&src);
        let all: Vec<String> = quotes.iter().flat_map(|q| pieces(q)).collect();
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let closest = closest_all(&folded, &refs);
        for (p, got) in refs.iter().zip(closest) {
            prop_assert_eq!(got, old.closest(p), "{:?} in {:?}", p, src);
        }
    }

    /// The compact map gives the ranges the map per byte gave.
    #[test]
    fn map_matches_the_map_per_byte(src in text()) {
        let old = OldFolded::new(&src);
        let folded = Folded::new(&src);
        prop_assert_eq!(&old.text, &folded.text);
        let n = folded.text.len();
        for s in 0..n {
            for e in (s..=n.min(s + 40)).chain([n]) {
                prop_assert_eq!(folded.original(s..e), old.original(s..e), "{}..{} of {:?}", s, e, src);
            }
        }
    }
}

/// Long runs and texts longer than a chunk, which short random texts miss.
#[test]
fn map_handles_long_runs_and_many_chunks() {
    let mut src = String::new();
    for i in 0..400 {
        src.push_str(&format!("word{i} “quoted” – "));
        src.push_str(&" ".repeat(if i % 7 == 0 { 600 } else { 1 }));
        if i % 50 == 0 {
            src.push_str(&"\n".repeat(700));
        }
        src.push_str("ç ");
    }
    let old = OldFolded::new(&src);
    let folded = Folded::new(&src);
    let n = folded.text.len();
    for s in (0..n).step_by(7) {
        for e in [s + 1, s + 13, s + 300, n] {
            let e = e.min(n);
            assert_eq!(folded.original(s..e), old.original(s..e), "{s}..{e}");
        }
    }
}

/// The map is a small fraction of the text, even here, with a typographic
/// apostrophe or dash every few words and paragraph breaks.
#[test]
fn map_is_small() {
    let para = "The delegation’s reply – delivered late on Tuesday – was that \
                the ceasefire could only be signed in Gdańsk.\n\n";
    let src = para.repeat(2000);
    let folded = Folded::new(&src);
    assert!(
        folded.map_bytes() * 6 < src.len(),
        "{} bytes of map for {} bytes of text",
        folded.map_bytes(),
        src.len()
    );
}

#[test]
fn folding_of_a_piece_matches_folding_of_a_source() {
    let src = " “It’s —\u{a0}over”\t\n";
    assert_eq!(fold(src), Folded::new(src).text.trim());
    assert_eq!(plain_punctuation('’'), '\'');
}
