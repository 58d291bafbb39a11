//! Byte offsets to lines and character columns and back.

use std::sync::OnceLock;

/// Bytes between the character counts [`LineIndex`] keeps.
const STRIDE: usize = 256;

/// Converts between byte offsets and 1-based line/column, where columns
/// count characters as RON does.
///
/// Counting characters from the start of the file (or of a line, which can
/// be the whole file) for every diagnostic made many diagnostics quadratic,
/// so the count is kept every `STRIDE` bytes and each lookup counts at
/// most that far.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Characters before each multiple of `STRIDE` bytes, and in all; built
    /// on first use, since only diagnostics need it.
    marks: OnceLock<Vec<usize>>,
}

/// Characters starting in `bytes`: every byte but UTF-8 continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            marks: OnceLock::new(),
        }
    }

    fn marks(&self) -> &[usize] {
        self.marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(self.text.len() / STRIDE + 2);
            let mut n = 0;
            for chunk in self.text.as_bytes().chunks(STRIDE) {
                marks.push(n);
                n += chars_in(chunk);
            }
            marks.push(n);
            marks
        })
    }

    /// Characters before `byte`, which must be a character boundary.
    fn chars_before(&self, byte: usize) -> usize {
        let k = byte / STRIDE;
        self.marks()[k] + chars_in(&self.text.as_bytes()[k * STRIDE..byte])
    }

    /// The byte where character `n` starts, or the text's length when it
    /// has fewer characters.
    fn byte_of_char(&self, n: usize) -> usize {
        let marks = self.marks();
        let k = marks.partition_point(|&m| m <= n).saturating_sub(1);
        let mut count = marks[k];
        let bytes = self.text.as_bytes();
        for (i, &b) in bytes.iter().enumerate().skip(k * STRIDE) {
            if (b as i8) >= -0x40 {
                if count == n {
                    return i;
                }
                count += 1;
            }
        }
        bytes.len()
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        // Not a character boundary: the start of the line, as ever.
        if !self.text.is_char_boundary(offset) {
            return (line, 1);
        }
        let col = self.chars_before(offset) - self.chars_before(start);
        (line, col + 1)
    }

    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.byte_of_char(self.chars_before(start) + col.saturating_sub(1))
    }

    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let mut b = byte;
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.chars_before(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept counts give what counting from the start gives, across
    /// lines longer than the stride and characters cut by it.
    #[test]
    fn line_index_agrees_with_counting_from_the_start() {
        let mut text = "ab\nçd\n".to_string();
        for i in 0..3000 {
            text.push_str(if i % 5 == 0 {
                "ç€𝄞\n"
            } else {
                "word ğ "
            });
        }
        let idx = LineIndex::new(&text);
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for offset in (0..=text.len() + 2).step_by(3) {
            let o = offset.min(text.len());
            let line = line_starts.partition_point(|&s| s <= o);
            let start = line_starts[line - 1];
            let col = text.get(start..o).map_or(0, |s| s.chars().count()) + 1;
            assert_eq!(idx.line_col(offset), (line, col), "{offset}");
            let mut b = o;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            assert_eq!(idx.char_offset(offset), text[..b].chars().count());
            let expected = text[start..]
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| start + i);
            assert_eq!(idx.offset(line, col), expected, "{line}:{col}");
        }
        assert_eq!(idx.offset(1, 1_000_000), text.len());
        assert_eq!(idx.offset(10_000, 1), text.len());
    }

    #[test]
    fn line_index_round_trips() {
        let text = "ab\nçd\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), (1, 1));
        let d = text.find('d').expect("d");
        assert_eq!(idx.line_col(d), (2, 2));
        assert_eq!(idx.offset(2, 2), d);
    }
}
