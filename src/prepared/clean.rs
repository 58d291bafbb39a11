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

/// The long texts of a dataset: source bodies, quote texts and position
/// summaries. Nothing that resolves a reference reads them, so they are
/// taken out and cleaned while the dataset's lookups are built.
struct Texts {
    bodies: Vec<Option<String>>,
    quotes: Vec<String>,
    summaries: Vec<String>,
}

impl Texts {
    fn take(ds: &mut Dataset) -> Texts {
        Texts {
            bodies: ds.sources.iter_mut().map(|s| s.text.take()).collect(),
            quotes: ds
                .quotes
                .iter_mut()
                .map(|q| std::mem::take(&mut q.text))
                .collect(),
            summaries: ds
                .positions
                .iter_mut()
                .map(|p| std::mem::take(&mut p.summary))
                .collect(),
        }
    }

    /// Cleans them; for each body that changed, the new byte offset of
    /// every old one.
    fn clean(&mut self) -> Vec<Option<Vec<usize>>> {
        let ((), maps) = rayon::join(
            || {
                self.quotes.par_iter_mut().for_each(clean);
                self.summaries.par_iter_mut().for_each(clean);
            },
            || {
                // Source bodies keep their line breaks; quote anchors are
                // byte ranges into them, so they move with the cleaning.
                self.bodies
                    .par_iter_mut()
                    .map(|body| {
                        let (text, map) = clean_source(body.take().unwrap_or_default());
                        *body = Some(text);
                        map
                    })
                    .collect()
            },
        );
        maps
    }

    fn put_back(self, ds: &mut Dataset) {
        for (s, body) in ds.sources.iter_mut().zip(self.bodies) {
            s.text = body;
        }
        for (q, text) in ds.quotes.iter_mut().zip(self.quotes) {
            q.text = text;
        }
        for (p, summary) in ds.positions.iter_mut().zip(self.summaries) {
            p.summary = summary;
        }
    }
}

/// Cleans every string of the dataset in place, and moves quote anchors
/// with the source text they point into. `beside` runs meanwhile, on the
/// other core, given the dataset with every string cleaned but its long
/// texts, which it sees empty: source bodies, quote texts and position
/// summaries. Gives what `beside` made, and whether any anchor moved
/// (anything `beside` ordered by anchor is then out of date).
pub fn clean_dataset_beside<T: Send>(
    ds: &mut Dataset,
    beside: impl FnOnce(&Dataset) -> T + Send,
) -> (T, bool) {
    let mut texts = Texts::take(ds);
    clean_short(ds);
    let view: &Dataset = ds;
    let (maps, made) = rayon::join(|| texts.clean(), || beside(view));
    texts.put_back(ds);
    (made, move_anchors(ds, &maps))
}

/// Every string but the long texts ([`Texts`]).
fn clean_short(ds: &mut Dataset) {
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
}

/// Moves each quote's anchor as its source's cleaning moved the text;
/// whether any moved.
fn move_anchors(ds: &mut Dataset, maps: &[Option<Vec<usize>>]) -> bool {
    // A clean source (the usual case) moves no anchor.
    if maps.iter().all(Option::is_none) {
        return false;
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
    true
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
