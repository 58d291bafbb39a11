//! Finding a quote's exact place in its source.
//!
//! Machine-translated sources and hand-typed quotes disagree on white space,
//! curly versus straight quotes and dash styles, so both sides are folded
//! before matching. The folded text keeps a map back to the original bytes:
//! the source viewer highlights the original text, not the folded copy.

use std::ops::Range;

/// Source text folded for matching, with every folded byte mapped back to
/// the original character it came from.
pub struct Folded {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

/// Typographic quotes and dashes as their plain ASCII forms; every other
/// character as it is. Letters are not folded: a quote must match its
/// source letter for letter.
fn plain_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        _ => c,
    }
}

/// Folds a piece of quote text the same way sources are folded.
pub fn fold(s: &str) -> String {
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

/// Splits a quote on its elisions (`...` or `…`) into folded pieces.
pub fn pieces(quote: &str) -> Vec<String> {
    quote
        .split("...")
        .flat_map(|p| p.split('…'))
        .map(fold)
        .filter(|p| !p.is_empty())
        .collect()
}

impl Folded {
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
        Folded { text, starts, ends }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn find(src: &str, quote: &str) -> Vec<Vec<Range<usize>>> {
        Folded::new(src).find_all(&pieces(quote), 100)
    }

    #[test]
    fn ignores_space_quotes_and_dashes() {
        let src = "He said: “It’s   over” –\nthen left.";
        let hits = find(src, "\"It's over\" - then");
        assert_eq!(hits.len(), 1);
        assert_eq!(&src[hits[0][0].clone()], "“It’s   over” –\nthen");
    }

    #[test]
    fn elisions_match_in_order() {
        let src = "one two three four five";
        let hits = find(src, "two ... four");
        assert_eq!(hits, vec![vec![4..7, 14..18]]);
        assert!(find(src, "four … two").is_empty());
    }

    #[test]
    fn counts_every_occurrence() {
        assert_eq!(find("a cat, a cat", "a cat").len(), 2);
        assert!(find("abc", "abd").is_empty());
    }

    #[test]
    fn closest_passage_points_near_the_typo() {
        let src = "The proposal would only come into force if a total ceasefire is reached.";
        let f = Folded::new(src);
        let r = f
            .closest(&fold("would only come into forse if a total"))
            .expect("close");
        assert!(src[r].starts_with("would only come into force"));
    }
}
