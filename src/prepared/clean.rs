//! Dataset text is untrusted: it may carry escape sequences that would
//! retitle a window or clear a screen. Every string is cleaned once, here,
//! when a dataset is prepared, so no widget, report or clipboard can forget.

use crate::model::Dataset;
use crate::text::{clean_for_cells, visible_replacement};
use rayon::prelude::*;
use std::ops::Range;

/// Tab stops in source texts. Source text is cleaned before it is wrapped,
/// so a fixed expansion keeps wrapping and highlighting simple.
const SOURCE_TAB: &str = "    ";

fn clean(s: &mut String) {
    if let std::borrow::Cow::Owned(c) = clean_for_cells(s, 4) {
        *s = c;
    }
}

fn clean_opt(s: &mut Option<String>) {
    if let Some(s) = s {
        clean(s);
    }
}

fn clean_all(v: &mut [String]) {
    v.iter_mut().for_each(clean);
}

/// Cleans every string of the dataset in place, and moves quote anchors
/// with the source text they point into.
pub fn clean_dataset(ds: &mut Dataset) {
    clean(&mut ds.id);
    clean(&mut ds.title);
    clean_opt(&mut ds.description);
    // The large lists are cleaned on every core.
    ds.sources.raw.par_iter_mut().for_each(|s| {
        clean(&mut s.id);
        clean(&mut s.title);
        for f in [
            &mut s.publisher,
            &mut s.published,
            &mut s.language,
            &mut s.url,
            &mut s.note,
            &mut s.path,
        ] {
            clean_opt(f);
        }
    });
    for p in &mut ds.parties {
        clean(&mut p.id);
        clean(&mut p.name);
        clean_all(&mut p.aliases);
    }
    for p in &mut ds.people {
        clean(&mut p.id);
        clean(&mut p.name);
        clean(&mut p.party);
        clean_opt(&mut p.title);
        clean_all(&mut p.aliases);
    }
    for i in &mut ds.issues {
        clean(&mut i.id);
        clean(&mut i.title);
        clean_opt(&mut i.summary);
        clean_all(&mut i.tags);
        clean_opt(&mut i.parent);
    }
    ds.quotes.raw.par_iter_mut().for_each(|q| {
        clean(&mut q.id);
        clean(&mut q.source);
        clean(&mut q.text);
        clean_opt(&mut q.speaker);
        clean_all(&mut q.issues);
    });
    ds.positions.raw.par_iter_mut().for_each(|p| {
        clean(&mut p.id);
        clean(&mut p.party);
        clean(&mut p.issue);
        clean_opt(&mut p.date);
        clean_opt(&mut p.by);
        clean_opt(&mut p.reported_by);
        clean(&mut p.summary);
        clean_all(&mut p.quotes);
        clean_all(&mut p.concerns);
        for l in &mut p.links {
            clean(&mut l.issue);
        }
    });
    for e in &mut ds.events {
        clean(&mut e.id);
        clean(&mut e.date);
        clean(&mut e.title);
        clean_opt(&mut e.summary);
        clean_all(&mut e.parties);
        clean_all(&mut e.sources);
        clean_all(&mut e.quotes);
    }
    // Source bodies keep their line breaks; quote anchors are byte ranges
    // into them, so they move with the cleaning.
    let maps: Vec<Option<Vec<usize>>> = ds
        .sources
        .raw
        .par_iter_mut()
        .map(|s| {
            let (text, map) = clean_source(s.text.take().unwrap_or_default());
            s.text = Some(text);
            map
        })
        .collect();
    // A clean source (the usual case) moves no anchor.
    if maps.iter().all(Option::is_none) {
        return;
    }
    let by_id: std::collections::HashMap<&str, usize> = ds
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for q in &mut ds.quotes {
        if let Some(map) = by_id.get(q.source.as_str()).and_then(|&i| maps[i].as_ref()) {
            for r in &mut q.anchor {
                *r = remap(map, r.clone());
            }
        }
    }
}

/// Cleans a source body; when anything changed, also returns the new byte
/// offset of every old byte offset.
fn clean_source(text: String) -> (String, Option<Vec<usize>>) {
    // A clean text (the usual case) is kept as it is, not copied.
    if !crate::text::has_invisible(&text, true) {
        return (text, None);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut map = vec![0; text.len() + 1];
    for (i, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            map[i + k] = out.len();
        }
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str(SOURCE_TAB),
            '\r' => {}
            _ => out.push(visible_replacement(c).unwrap_or(c)),
        }
    }
    map[text.len()] = out.len();
    (out, Some(map))
}

fn remap(map: &[usize], r: Range<usize>) -> Range<usize> {
    let at = |i: usize| {
        map.get(i)
            .copied()
            .unwrap_or(map.last().copied().unwrap_or(0))
    };
    at(r.start)..at(r.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_a_source_moves_anchors_with_it() {
        let (text, map) = clean_source("a\u{1b}b\tc\r\nquote".to_string());
        let map = map.expect("changed");
        assert_eq!(text, "a␛b    c\nquote");
        let old = "a\u{1b}b\tc\r\n".len();
        let r = remap(&map, old..old + 5);
        assert_eq!(&text[r], "quote");
    }
}
