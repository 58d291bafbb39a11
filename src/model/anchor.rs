//! Finding a quote's exact place in its source.
//!
//! Machine-translated sources and hand-typed quotes disagree on white space,
//! curly versus straight quotes and dash styles, so both sides are folded
//! before matching. The folded text keeps a map back to the original bytes:
//! the source viewer highlights the original text, not the folded copy.
//!
//! A source can hold thousands of quotes, so the quotes of one source are
//! looked for together ([`Finder`], [`closest_all`]): the work grows with the
//! source plus the quotes, not with their product.

mod closest;
mod map;
#[cfg(test)]
mod oracle;
mod search;

pub use closest::closest_all;
pub use search::{Finder, Hits};

use map::FoldMap;

/// How the help of a quote not found in its source begins when it names
/// the passage most like it; the browser shows that passage.
pub const CLOSEST_PASSAGE: &str = "closest passage in the source: ";
use std::ops::Range;

/// Source text folded for matching, with a map from every folded position
/// back to the original text.
pub struct Folded {
    text: String,
    map: FoldMap,
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
    let s = s.trim();
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Runs of ASCII that is not white space fold to themselves.
        if plain_ascii(bytes[i]) {
            let start = i;
            i = plain_run(bytes, i);
            out.push_str(&s[start..i]);
            in_space = false;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
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

/// An ASCII byte that is not white space: a character folding keeps as it
/// is, one byte for one.
fn plain_ascii(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ')
}

/// The end of the run from `start` (a plain byte) of plain bytes and single
/// spaces between them: folding keeps all of it as it is.
fn plain_run(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        i = simple_blocks(bytes, i);
        while i < bytes.len() && plain_ascii(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) == Some(&b' ') && bytes.get(i + 1).is_some_and(|&b| plain_ascii(b)) {
            i += 1;
            continue;
        }
        return i;
    }
}

/// Bytes looked at together by [`simple_blocks`].
const BLOCK: usize = 16;

/// The end of the whole blocks from `start` (a plain byte) that hold only
/// printable ASCII and single spaces before it: most of any text, tested
/// a block at a time with no branch per byte, which the compiler turns
/// into vector instructions. Byte by byte, folding a 32 MB source took
/// most of the time spent finding its quotes.
fn simple_blocks(bytes: &[u8], start: usize) -> usize {
    let printable = |b: u8| b.wrapping_sub(0x21) < 0x5e;
    let mut i = start;
    while let Some(block) = bytes.get(i..i + BLOCK + 1) {
        let mut simple = true;
        for k in 0..BLOCK {
            let (b, next) = (block[k], block[k + 1]);
            simple &= printable(b) | ((b == b' ') & printable(next));
        }
        if !simple {
            break;
        }
        i += BLOCK;
    }
    i
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

/// Whether a quote is nothing but elisions and white space: whether
/// [`pieces`] is empty, without folding a copy of every piece.
pub fn only_elisions(quote: &str) -> bool {
    quote
        .split("...")
        .flat_map(|p| p.split('…'))
        .all(|p| p.trim().is_empty())
}

impl Folded {
    pub fn new(src: &str) -> Self {
        let mut text = String::with_capacity(src.len());
        let mut map = FoldMap::default();
        // The folded space standing for the white space run being read, and
        // where that run started in the original.
        let mut space: Option<(usize, usize)> = None;
        let bytes = src.as_bytes();
        let plain = plain_ascii;
        let mut i = 0;
        while i < bytes.len() {
            // Runs of ASCII that is not white space (most of any text) fold
            // to themselves: copied whole, with no exception in the map.
            if plain(bytes[i]) {
                let start = i;
                i = plain_run(bytes, i);
                if let Some((at, from)) = space.take() {
                    map.exception(at, start - from - 1);
                }
                text.push_str(&src[start..i]);
                continue;
            }
            let Some(c) = src[i..].chars().next() else {
                break;
            };
            let here = i;
            i += c.len_utf8();
            if c.is_whitespace() {
                if space.is_none() {
                    space = Some((text.len(), here));
                    text.push(' ');
                }
                continue;
            }
            if let Some((at, from)) = space.take() {
                map.exception(at, here - from - 1);
            }
            let f = plain_punctuation(c);
            map.exception(text.len(), c.len_utf8() - f.len_utf8());
            text.push(f);
        }
        if let Some((at, from)) = space {
            map.exception(at, src.len() - from - 1);
        }
        map.finish(text.len());
        Folded { text, map }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original bytes behind a range of folded bytes, widened to whole
    /// characters; empty for an empty or out-of-bounds range.
    pub fn original(&self, folded: Range<usize>) -> Range<usize> {
        if folded.is_empty() || folded.end > self.text.len() {
            return 0..0;
        }
        let mut start = folded.start;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = folded.end;
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        self.map.original(start)..self.map.original(end)
    }

    /// Heap bytes of the map back to the original text.
    #[cfg(test)]
    fn map_bytes(&self) -> usize {
        self.map.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(src: &str, quote: &str) -> Hits {
        let folded = Folded::new(src);
        let pieces = pieces(quote);
        Finder::new(&folded, pieces.iter().map(String::as_str)).find(&pieces, 100, 0)
    }

    #[test]
    fn ignores_space_quotes_and_dashes() {
        let src = "He said: “It’s   over” –\nthen left.";
        let hits = find(src, "\"It's over\" - then");
        assert_eq!(hits.count, 1);
        let first = hits.wanted.expect("found");
        assert_eq!(&src[first[0].clone()], "“It’s   over” –\nthen");
    }

    #[test]
    fn only_elisions_is_no_pieces() {
        for q in [
            "",
            " ",
            "...",
            " … ",
            "... …\n...",
            "a",
            " ...a",
            "…\u{2014}",
            ".. .",
        ] {
            assert_eq!(only_elisions(q), pieces(q).is_empty(), "{q:?}");
        }
    }

    #[test]
    fn elisions_match_in_order() {
        let src = "one two three four five";
        let hits = find(src, "two ... four");
        assert_eq!(hits.count, 1);
        assert_eq!(hits.wanted, Some(vec![4..7, 14..18]));
        assert_eq!(find(src, "four … two").count, 0);
    }

    #[test]
    fn counts_every_occurrence() {
        assert_eq!(find("a cat, a cat", "a cat").count, 2);
        assert_eq!(find("abc", "abd").count, 0);
        // Occurrences of one quote do not overlap.
        assert_eq!(find("aaaa", "aa").count, 2);
    }

    #[test]
    fn closest_passage_points_near_the_typo() {
        let src = "The proposal would only come into force if a total ceasefire is reached.";
        let f = Folded::new(src);
        let piece = fold("would only come into forse if a total");
        let r = closest_all(&f, &[piece.as_str()]).remove(0).expect("close");
        assert!(src[r].starts_with("would only come into force"));
    }
}
