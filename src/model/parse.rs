//! Parsing a dataset's RON on every core.
//!
//! RON reads about 100 MB/s on one core, and a dataset of 100,000 quotes
//! is 45 MB: parsed whole, that is half of a cold load. Almost all of it is
//! the items of a few top-level lists, and each item parses on its own. So
//! a quick scan finds where every item of those lists is, the items parse
//! in parallel, and the rest of the file, its lists emptied, parses as the
//! dataset they go into.
//!
//! The scan is not trusted. The pieces are taken only when each item
//! parses exactly to its end, everything between items is white space,
//! line comments and single commas, and the rest parses: RON then reads
//! the whole text to the same values. Anything else, an error above all,
//! parses the whole text as before, so every message and position stays
//! the one the single parse gives.

use super::decode::ron_options;
use super::item::Kind;
use super::outline::{raw_string_end, string_end};
use super::types::Dataset;
use rayon::prelude::*;
use ron::error::SpannedResult;
use serde::de::DeserializeOwned;
use std::ops::Range;

/// How deep an item sits in the whole parse: inside the dataset and its
/// list. An item parsed alone gets that much less of RON's nesting limit,
/// so that it fails exactly where it would have failed in place.
const ITEM_DEPTH: usize = 2;

/// A top-level list whose items were found: the dataset's list of one
/// kind of item, named by its plural.
#[derive(Debug)]
struct List {
    kind: Kind,
    /// From just after its `[` to its `]`.
    body: Range<usize>,
    items: Vec<Range<usize>>,
}

/// Parses a dataset, its items on every core when the text allows it.
pub fn parse(text: &str) -> SpannedResult<Dataset> {
    let whole = || ron_options().from_str::<Dataset>(text);
    match scan(text) {
        Some(lists) if lists.iter().map(|l| l.items.len()).sum::<usize>() > 1 => {
            pieces(text, &lists).map_or_else(whole, Ok)
        }
        _ => whole(),
    }
}

/// The dataset from the rest of the text and its items, or `None` when
/// any piece does not parse.
fn pieces(text: &str, lists: &[List]) -> Option<Dataset> {
    let emptied: usize = lists.iter().map(|l| l.body.len()).sum();
    let mut rest = String::with_capacity(text.len() - emptied);
    let mut from = 0;
    for list in lists {
        rest.push_str(text.get(from..list.body.start)?);
        from = list.body.end;
    }
    rest.push_str(text.get(from..)?);
    let mut ds = ron_options().from_str::<Dataset>(&rest).ok()?;
    let limit = ron_options().recursion_limit;
    let options = ron_options().with_recursion_limit(limit?.saturating_sub(ITEM_DEPTH));
    for list in lists {
        let items = &list.items[..];
        match list.kind {
            Kind::Source => ds.sources = items_of(text, items, &options)?.into(),
            Kind::Party => ds.parties = items_of(text, items, &options)?.into(),
            Kind::Person => ds.people = items_of(text, items, &options)?.into(),
            Kind::Issue => ds.issues = items_of(text, items, &options)?.into(),
            Kind::Quote => ds.quotes = items_of(text, items, &options)?.into(),
            Kind::Position => ds.positions = items_of(text, items, &options)?.into(),
            Kind::Event => ds.events = items_of(text, items, &options)?.into(),
        }
    }
    Some(ds)
}

/// Every item at `ranges`, parsed in parallel; `None` when one fails.
fn items_of<T: DeserializeOwned + Send>(
    text: &str,
    ranges: &[Range<usize>],
    options: &ron::Options,
) -> Option<Vec<T>> {
    // Each item is written straight to its place in a vector made once
    // for all of them, which is then taken over as it is: collected into
    // an `Option<Vec<_>>`, rayon gathered each thread's items in vectors
    // of their own, grown by doubling, and copied them all once more.
    let parsed: Vec<Option<T>> = ranges
        .par_iter()
        .map(|r| {
            let mut de =
                ron::Deserializer::from_str_with_options(text.get(r.clone())?, options).ok()?;
            let item = T::deserialize(&mut de).ok()?;
            de.end().ok()?;
            Some(item)
        })
        .collect();
    parsed.into_iter().collect()
}

/// Finds the items of the dataset's top-level lists, or `None` when the
/// text holds anything this scan does not follow: attributes, raw
/// identifiers, block comments, character literals, an item that is not a
/// struct, or separators other than white space, line comments and commas.
fn scan(text: &str) -> Option<Vec<List>> {
    let bytes = text.as_bytes();
    let mut lists: Vec<List> = Vec::new();
    let mut depth = 0usize;
    // The top-level field whose value comes next.
    let mut field: Option<&str> = None;
    // Inside one of the lists of items: its index in `lists`, and the item
    // being read.
    let mut list: Option<usize> = None;
    let mut item_start: Option<usize> = None;
    // Commas since the last item ended (or since the list opened).
    let mut commas = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let between = list.is_some() && depth == 2 && item_start.is_none();
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += memchr::memchr(b'\n', &bytes[i..])? + 1;
            }
            b',' => {
                if between {
                    commas += 1;
                }
                i += 1;
            }
            _ if between && b != b']' => {
                // An item starts: a struct's name or its opening bracket.
                let at = list?;
                if commas != usize::from(!lists[at].items.is_empty()) {
                    return None;
                }
                if !(b == b'(' || b.is_ascii_alphabetic()) {
                    return None;
                }
                item_start = Some(i);
                if b.is_ascii_alphabetic() {
                    i = ident_end(bytes, i);
                    if bytes.get(i) != Some(&b'(') {
                        return None;
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                if depth == 1
                    && b == b'['
                    && let Some(kind) = field
                        .take()
                        .and_then(|f| Kind::ALL.into_iter().find(|k| k.plural() == f))
                {
                    if lists.iter().any(|l| l.kind == kind) {
                        return None;
                    }
                    lists.push(List {
                        kind,
                        body: i + 1..i + 1,
                        items: Vec::new(),
                    });
                    list = Some(lists.len() - 1);
                    commas = 0;
                }
                field = None;
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                if let Some(at) = list {
                    if depth == 2 {
                        let start = item_start.take()?;
                        lists[at].items.push(start..i);
                        commas = 0;
                    } else if depth == 1 {
                        if commas > 1 {
                            return None;
                        }
                        lists[at].body.end = i - 1;
                        list = None;
                    }
                }
            }
            b'"' => i = string_end(bytes, i + 1)?,
            b'b' if bytes.get(i + 1) == Some(&b'"') => i = string_end(bytes, i + 2)?,
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                i = raw_string_end(bytes, i + 1)?
            }
            _ if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                i = ident_end(bytes, i);
                let mut look = i;
                while bytes
                    .get(look)
                    .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
                {
                    look += 1;
                }
                if depth == 1 && bytes.get(look) == Some(&b':') {
                    field = text.get(start..i);
                    i = look + 1;
                }
            }
            b'-' | b'+' | b'.' | b'0'..=b'9' | b':' => i += 1,
            _ => return None,
        }
    }
    (depth == 0 && list.is_none()).then_some(lists)
}

/// The end of an identifier's letters, digits and underscores.
fn ident_end(bytes: &[u8], mut i: usize) -> usize {
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests;
