//! A tolerant scan of RON text that finds where each dataset item and each
//! of its fields starts.
//!
//! serde keeps no positions, yet every diagnostic must name a line and a
//! column. The scanner never fails and never recurses: it only tracks
//! nesting depth, so any input, however broken or deeply nested, is read in
//! one linear pass.

use std::collections::HashMap;

mod lines;
pub use lines::LineIndex;

/// Where one item of a top-level list (a `Party(...)`, a `Quote(...)`) sits.
///
/// A large dataset has hundreds of thousands of items, and the outline is
/// held while the dataset is validated: an item is a few numbers, its
/// fields are kept together in [`Outline`], and its id is read from the
/// text only when a diagnostic names it.
#[derive(Debug, Clone, Default)]
pub struct ItemSpan {
    pub start: usize,
    pub end: usize,
    /// Its fields: a range of [`Outline`]'s fields.
    fields: (u32, u32),
    /// The `id` string literal, when the item has one written plainly.
    id: Option<(u32, u32)>,
}

/// A field of an item: where its name is, and where its value starts.
#[derive(Debug, Clone, Copy)]
struct FieldAt {
    name: u32,
    len: u32,
    at: u32,
}

#[derive(Debug, Default)]
pub struct Outline<'a> {
    text: &'a str,
    /// Items of each top-level list field (`parties`, `quotes`, ...).
    pub sections: HashMap<&'a str, Vec<ItemSpan>>,
    /// Every item's fields, item after item.
    fields: Vec<FieldAt>,
    /// Top-level fields with the offset of their value.
    pub top_fields: Vec<(&'a str, usize)>,
    /// Where the root value (`Dataset(`) starts.
    pub root: Option<usize>,
}

/// An offset as the outline keeps it: a dataset is at most 512 MiB.
fn small(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

impl<'a> Outline<'a> {
    /// Each field of `item`: its name and the offset where its value starts.
    pub fn fields(&self, item: &ItemSpan) -> impl Iterator<Item = (&'a str, usize)> + '_ {
        let (from, to) = item.fields;
        self.fields
            .get(from as usize..to as usize)
            .unwrap_or_default()
            .iter()
            .map(|f| (self.name(f), f.at as usize))
    }

    fn name(&self, f: &FieldAt) -> &'a str {
        let start = f.name as usize;
        self.text.get(start..start + f.len as usize).unwrap_or("")
    }

    /// Where the value of `item`'s field `name` starts.
    pub fn field(&self, item: &ItemSpan, name: &str) -> Option<usize> {
        self.fields(item)
            .find(|(n, _)| *n == name)
            .map(|(_, at)| at)
    }

    /// The `id` of `item`, when it is written as a plain string literal.
    pub fn id(&self, item: &ItemSpan) -> Option<String> {
        let (start, end) = item.id?;
        ron::from_str::<String>(self.text.get(start as usize..end as usize)?).ok()
    }

    pub fn item(&self, section: &str, index: usize) -> Option<&ItemSpan> {
        self.sections
            .get(section)
            .and_then(|items| items.get(index))
    }

    pub fn top_field(&self, name: &str) -> Option<usize> {
        self.top_fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, at)| at)
    }

    /// The innermost item that contains `offset`, with its section name.
    pub fn item_at(&self, offset: usize) -> Option<(&'a str, &ItemSpan)> {
        self.sections.iter().find_map(|(section, items)| {
            let i = items.partition_point(|it| it.end <= offset);
            items
                .get(i)
                .filter(|it| it.start <= offset && offset < it.end)
                .map(|it| (*section, it))
        })
    }

    pub fn scan(text: &'a str) -> Outline<'a> {
        Scanner::new(text).run()
    }
}

struct Scanner<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
    out: Outline<'a>,
    /// Name of the field whose value comes next, at the current depth.
    pending_field: Option<&'a str>,
    /// The top-level list being read, when depth is 2 inside it.
    section: Option<&'a str>,
    current: Option<ItemSpan>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            src: text.as_bytes(),
            text,
            pos: 0,
            depth: 0,
            out: Outline {
                text,
                ..Outline::default()
            },
            pending_field: None,
            section: None,
            current: None,
        }
    }

    fn run(mut self) -> Outline<'a> {
        while self.pos < self.src.len() {
            let b = self.src[self.pos];
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | b',' => self.pos += 1,
                b'/' if self.peek(1) == Some(b'/') => self.skip_line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
                b'(' | b'[' | b'{' => {
                    let field = self.pending_field;
                    self.value_start();
                    if self.depth == 1 && b == b'[' {
                        self.section = field;
                    }
                    self.pending_field = None;
                    self.depth += 1;
                    self.pos += 1;
                }
                b')' | b']' | b'}' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.pos += 1;
                    if self.depth == 2 {
                        self.finish_item(self.pos);
                    } else if self.depth == 1 {
                        self.section = None;
                    }
                }
                b'"' => {
                    let start = self.pos;
                    self.value_start();
                    self.skip_string();
                    self.note_id(start);
                }
                b'r' if matches!(self.peek(1), Some(b'"' | b'#')) && self.is_raw_string() => {
                    self.value_start();
                    self.skip_raw_string();
                }
                b'b' if self.peek(1) == Some(b'"') => {
                    self.value_start();
                    self.pos += 1;
                    self.skip_string();
                }
                b'\'' => {
                    self.value_start();
                    self.skip_char();
                }
                _ if b.is_ascii_alphabetic() || b == b'_' => self.ident(),
                _ => {
                    self.value_start();
                    self.pos += 1;
                }
            }
        }
        if let Some(item) = self.current.take() {
            self.push_item(ItemSpan {
                end: self.src.len(),
                ..item
            });
        }
        self.out
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.src.get(self.pos + ahead).copied()
    }

    /// Called where a value begins: starts an item in a top-level list and
    /// records the offset of a pending field.
    fn value_start(&mut self) {
        let at = self.pos;
        if self.depth == 0 && self.out.root.is_none() {
            self.out.root = Some(at);
        }
        if self.depth == 2 && self.section.is_some() && self.current.is_none() {
            let first = small(self.out.fields.len());
            self.current = Some(ItemSpan {
                start: at,
                fields: (first, first),
                ..ItemSpan::default()
            });
        }
        if let Some(name) = self.pending_field.take() {
            match self.depth {
                1 => self.out.top_fields.push((name, at)),
                3 => {
                    if let Some(item) = self.current.as_mut() {
                        // A name is a slice of the text: where it starts.
                        let offset = (name.as_ptr() as usize)
                            .checked_sub(self.text.as_ptr() as usize)
                            .unwrap_or(usize::MAX);
                        self.out.fields.push(FieldAt {
                            name: small(offset),
                            len: small(name.len()),
                            at: small(at),
                        });
                        item.fields.1 = small(self.out.fields.len());
                    }
                }
                _ => {}
            }
        }
    }

    fn note_id(&mut self, start: usize) {
        if self.depth != 3 {
            return;
        }
        let last = self.out.fields.last().copied();
        if let Some(item) = self.current.as_mut()
            && item.id.is_none()
            && item.fields.1 > item.fields.0
            && let Some(f) = last
            && f.at as usize == start
            && self.out.name(&f) == "id"
        {
            item.id = Some((small(start), small(self.pos)));
        }
    }

    fn finish_item(&mut self, end: usize) {
        if let Some(item) = self.current.take() {
            self.push_item(ItemSpan { end, ..item });
        }
    }

    fn push_item(&mut self, item: ItemSpan) {
        if let Some(section) = self.section {
            self.out.sections.entry(section).or_default().push(item);
        }
    }

    fn ident(&mut self) {
        let start = self.pos;
        while self
            .peek(0)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'#')
        {
            self.pos += 1;
        }
        let name = self.text.get(start..self.pos).unwrap_or("");
        let mut look = self.pos;
        while self.src.get(look).is_some_and(|b| b.is_ascii_whitespace()) {
            look += 1;
        }
        if self.src.get(look) == Some(&b':') && self.src.get(look + 1) != Some(&b':') {
            self.pending_field = Some(name.trim_start_matches("r#"));
            self.pos = look + 1;
        } else {
            // A struct name or a bare value such as an enum variant.
            let pending = self.pending_field.take();
            let saved = self.pos;
            self.pos = start;
            self.pending_field = pending;
            self.value_start();
            self.pos = saved;
        }
    }

    fn skip_line_comment(&mut self) {
        while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
            self.pos += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        // RON block comments nest.
        let mut level = 0usize;
        while self.pos < self.src.len() {
            if self.src[self.pos] == b'/' && self.peek(1) == Some(b'*') {
                level += 1;
                self.pos += 2;
            } else if self.src[self.pos] == b'*' && self.peek(1) == Some(b'/') {
                level = level.saturating_sub(1);
                self.pos += 2;
                if level == 0 {
                    return;
                }
            } else {
                self.pos += 1;
            }
        }
    }

    fn skip_string(&mut self) {
        self.pos = string_end(self.src, self.pos + 1).unwrap_or(self.src.len());
    }

    fn is_raw_string(&self) -> bool {
        let mut i = self.pos + 1;
        while self.src.get(i) == Some(&b'#') {
            i += 1;
        }
        self.src.get(i) == Some(&b'"')
    }

    fn skip_raw_string(&mut self) {
        self.pos = raw_string_end(self.src, self.pos + 1).unwrap_or(self.src.len());
    }

    fn skip_char(&mut self) {
        self.pos += 1;
        if self.peek(0) == Some(b'\\') {
            self.pos += 2;
        }
        while self.pos < self.src.len() && self.src[self.pos] != b'\'' {
            if self.src[self.pos] == b'\n' {
                return;
            }
            self.pos += 1;
        }
        self.pos = (self.pos + 1).min(self.src.len());
    }
}

/// Just past the `"` that closes a string whose text starts at `i`;
/// `None` when nothing closes it. Most of a dataset is inside strings:
/// this jumps from quote or escape to the next rather than look at every
/// byte.
pub(super) fn string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
        if bytes[i] == b'"' {
            return Some(i + 1);
        }
        i += 2;
    }
}

/// Just past a raw string `r#"…"#` whose hashes start at `i`.
pub(super) fn raw_string_end(bytes: &[u8], i: usize) -> Option<usize> {
    let hashes = bytes.get(i..)?.iter().take_while(|&&b| b == b'#').count();
    let open = i + hashes;
    if bytes.get(open) != Some(&b'"') {
        return None;
    }
    let mut at = open + 1;
    loop {
        at += memchr::memchr(b'"', bytes.get(at..)?)? + 1;
        let closing = bytes.get(at..at + hashes)?;
        if closing.iter().all(|&b| b == b'#') {
            return Some(at + hashes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r##"Dataset(
    format: 1, // c
    id: "x",
    parties: [
        Party(id: "ua", name: "Ukraine /* not a comment */", role: Principal),
        /* a ( comment */ Party(id: "ru", name: ")", role: Principal, aliases: ["a", r#"b"#]),
    ],
)"##;

    #[test]
    fn finds_items_fields_and_ids() {
        let o = Outline::scan(SAMPLE);
        let parties = &o.sections["parties"];
        assert_eq!(parties.len(), 2);
        assert_eq!(o.id(&parties[0]).as_deref(), Some("ua"));
        assert_eq!(o.id(&parties[1]).as_deref(), Some("ru"));
        assert!(SAMPLE[parties[1].start..].starts_with("Party(id: \"ru\""));
        assert!(SAMPLE[..parties[1].end].ends_with("r#\"b\"#])"));
        let role = o.field(&parties[0], "role").expect("role");
        assert!(SAMPLE[role..].starts_with("Principal"));
        assert!(SAMPLE[o.top_field("id").expect("id")..].starts_with("\"x\""));
    }

    #[test]
    fn item_at_finds_enclosing_item() {
        let o = Outline::scan(SAMPLE);
        let at = SAMPLE.find("Principal, aliases").expect("present");
        let (section, item) = o.item_at(at).expect("inside an item");
        assert_eq!(section, "parties");
        assert_eq!(o.id(item).as_deref(), Some("ru"));
    }

    #[test]
    fn survives_deep_nesting_and_garbage() {
        let deep = "[".repeat(200_000);
        let o = Outline::scan(&deep);
        assert!(o.sections.is_empty());
        let _ = Outline::scan("\"unterminated");
        let _ = Outline::scan("r#\"x");
        let _ = Outline::scan("/* /* */");
        let _ = Outline::scan("'");
    }
}
