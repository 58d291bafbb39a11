//! Turning "the `party` field of the third position" into a line and column.

use super::diagnostic::{Code, Diagnostic};
use super::outline::{LineIndex, Outline};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

pub struct Locator<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub lines: LineIndex<'a>,
    /// Scanned when a diagnostic first needs an item's place: a dataset
    /// with nothing to report never pays for it. At 100,000 quotes the
    /// outline is about 21 MB, built while RON was parsing, on the other
    /// core: a clean load now parses alone, with less fresh memory.
    outline: OnceLock<Outline<'a>>,
}

impl<'a> Locator<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Locator {
            file,
            text,
            lines: LineIndex::new(text),
            outline: OnceLock::new(),
        }
    }

    /// Where each item and field of the dataset file is.
    pub fn outline(&self) -> &Outline<'a> {
        self.outline.get_or_init(|| Outline::scan(self.text))
    }

    /// A diagnostic underlining `bytes` of the dataset file.
    pub fn diag(
        &self,
        code: Code,
        bytes: Range<usize>,
        id: Option<&str>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.lines.line_col(bytes.start);
        let start = self.lines.char_offset(bytes.start);
        let end = self.lines.char_offset(bytes.end).max(start + 1);
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            file: self.file.to_string(),
            line,
            column,
            id: id.map(str::to_string),
            item: None,
            span: start..end,
            label: None,
            help: Vec::new(),
        }
    }

    /// The value of `field` in item `index` of `section`; the item's start
    /// when the field is not written (a defaulted field), or the top of the
    /// file when the item cannot be found.
    pub fn field(&self, section: &str, index: usize, field: &str) -> Range<usize> {
        let Some(item) = self.outline().item(section, index) else {
            return 0..1;
        };
        match self.outline().field(item, field) {
            Some(at) => at..self.token_end(at),
            None => item.start..self.token_end(item.start),
        }
    }

    /// The string `"needle"` inside a list field such as `quotes: [...]`,
    /// falling back to the field itself. `strings` caches the field's
    /// [`Literals`] between calls: searching the item again for each
    /// needle made a list of many unknown references quadratic.
    pub fn in_field(
        &self,
        section: &str,
        index: usize,
        field: &str,
        needle: &str,
        strings: &mut Option<Literals<'a>>,
    ) -> Range<usize> {
        let value = self.field(section, index, field);
        let end = self
            .outline()
            .item(section, index)
            .map_or(self.text.len(), |it| it.end);
        let found = if needle.contains('"') {
            // Spans more than one pair of quotes: search as written.
            let quoted = format!("\"{needle}\"");
            self.text
                .get(value.start..end)
                .and_then(|hay| hay.find(&quoted))
                .map(|rel| value.start + rel)
        } else {
            strings
                .get_or_insert_with(|| Literals::new(self.text, value.start..end))
                .first(needle)
        };
        found.map_or(value, |at| at..at + needle.len() + 2)
    }

    pub fn top(&self, field: &str) -> Range<usize> {
        match self.outline().top_field(field) {
            Some(at) => at..self.token_end(at),
            None => 0..self.token_end(0),
        }
    }

    /// End of the token starting at `at`: a whole string literal, or a run
    /// of identifier characters.
    fn token_end(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        if bytes.get(at) == Some(&b'"') {
            let mut i = at + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    b'\n' => return i,
                    _ => i += 1,
                }
            }
            return bytes.len();
        }
        let mut i = at;
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        {
            i += 1;
        }
        if i == at {
            (at + 1).min(bytes.len())
        } else {
            i
        }
    }
}

/// Where each text between two neighbouring `"` of a stretch first
/// follows its opening `"`. A needle without `"` occurs as `"needle"`
/// exactly where its text lies between two neighbouring quotes, so this
/// finds the first `"needle"` as a search would, in one lookup.
pub struct Literals<'a> {
    first: HashMap<&'a str, usize>,
}

impl<'a> Literals<'a> {
    fn new(text: &'a str, within: Range<usize>) -> Self {
        let mut first = HashMap::new();
        let base = within.start;
        let Some(hay) = text.get(within) else {
            return Literals { first };
        };
        let quotes: Vec<usize> = memchr::memchr_iter(b'"', hay.as_bytes()).collect();
        for pair in quotes.windows(2) {
            // `"` is ASCII, so both ends are character boundaries.
            if let Some(inner) = text.get(base + pair[0] + 1..base + pair[1]) {
                first.entry(inner).or_insert(base + pair[0]);
            }
        }
        Literals { first }
    }

    fn first(&self, needle: &str) -> Option<usize> {
        self.first.get(needle).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::Literals;
    use proptest::prelude::*;

    proptest! {
        /// One lookup finds the first `"needle"` a search finds.
        #[test]
        fn literals_find_what_a_search_finds(
            text in proptest::collection::vec(
                proptest::sample::select(&["\"", "a", "b", "ab", "\\", ", ", "[", "ç"][..]), 0..40,
            ),
            needle in proptest::collection::vec(proptest::sample::select(&["a", "b", " ", "ç", ","][..]), 0..4),
        ) {
            let text = text.concat();
            let needle = needle.concat();
            let literals = Literals::new(&text, 0..text.len());
            prop_assert_eq!(literals.first(&needle), text.find(&format!("\"{needle}\"")));
        }
    }
}
