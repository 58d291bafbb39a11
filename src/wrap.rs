//! Word wrapping by display width, as byte ranges into the text, so the
//! source viewer can highlight quotes by their byte anchors.

use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `text` to `width` columns. Each line is a byte range of `text`
/// without its line break; breaks fall on spaces where possible, inside a
/// word only when the word is wider than the line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut base = 0;
    for para in text.split('\n') {
        wrap_paragraph(para, base, width, &mut lines);
        base += para.len() + 1;
    }
    lines
}

fn wrap_paragraph(p: &str, base: usize, width: usize, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    let mut col = 0;
    // Where the current line may end (before a space) and the next begin.
    let mut brk: Option<(usize, usize)> = None;
    for (i, c) in p.char_indices() {
        let w = c.width().unwrap_or(0);
        if c == ' ' {
            if col + w > width {
                out.push(base + start..base + i);
                start = i + 1;
                col = 0;
                brk = None;
            } else {
                col += w;
                brk = Some((i, i + 1));
            }
            continue;
        }
        while col + w > width && col > 0 {
            match brk.take() {
                Some((end, next)) if next > start => {
                    out.push(base + start..base + end);
                    start = next;
                    col = p[start..i].width();
                }
                _ => {
                    out.push(base + start..base + i);
                    start = i;
                    col = 0;
                }
            }
        }
        col += w;
    }
    out.push(base + start..base + p.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_on_spaces() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("a\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn breaks_long_words_and_respects_wide_chars() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("日本語テキスト", 4), ["日本", "語テ", "キス", "ト"]);
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_the_width(text in "[a-z é日 \n]{0,200}", width in 1usize..30) {
            for r in wrap(&text, width) {
                let line = &text[r];
                prop_assert!(line.width() <= width.max(2), "{line:?} wider than {width}");
                prop_assert!(!line.contains('\n'));
            }
        }

        #[test]
        fn wrapping_loses_no_words(text in "[a-z ]{0,200}", width in 1usize..30) {
            let joined: Vec<&str> = wrap(&text, width).into_iter().flat_map(|r| text[r].split(' ')).filter(|w| !w.is_empty()).collect();
            let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            prop_assert_eq!(joined.concat(), words.concat());
        }
    }
}
