//! Words that mean the same thing in a dataset: its `synonyms` groups, and
//! each party's and person's name with its aliases. A query term that is
//! one of them also finds the others, as exact text.

use super::fold::fold;
use super::query::{Query, Term, TermKind};
use crate::model::Dataset;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Thesaurus {
    /// Each group's words, folded, case kept.
    groups: Vec<Vec<String>>,
    /// Lowercased word → its group.
    of: HashMap<String, usize>,
    /// The most words any member has, to bound phrase lookups.
    longest: usize,
}

/// A word as looked up: folded, lowercased, single-spaced.
fn key(word: &str) -> String {
    fold(word)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Thesaurus {
    pub fn new(ds: &Dataset) -> Thesaurus {
        let mut t = Thesaurus::default();
        for group in &ds.synonyms {
            t.add(group.iter().map(String::as_str));
        }
        for p in &ds.parties {
            t.add(std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str)));
        }
        for p in &ds.people {
            t.add(std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str)));
        }
        t
    }

    /// Adds a group, merged with any group that shares a word with it.
    fn add<'w>(&mut self, words: impl Iterator<Item = &'w str>) {
        let words: Vec<String> = words
            .map(|w| fold(w).split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < 2 {
            return;
        }
        let target = words
            .iter()
            .find_map(|w| self.of.get(&key(w)).copied())
            .unwrap_or_else(|| {
                self.groups.push(Vec::new());
                self.groups.len() - 1
            });
        for w in words {
            let k = key(&w);
            match self.of.get(&k) {
                Some(&g) if g == target => continue,
                Some(&g) => {
                    // Another group shares this word: fold it in.
                    let moved = std::mem::take(&mut self.groups[g]);
                    for m in moved {
                        self.of.insert(key(&m), target);
                        self.groups[target].push(m);
                    }
                }
                None => {
                    self.longest = self.longest.max(w.split(' ').count());
                    self.of.insert(k, target);
                    self.groups[target].push(w);
                }
            }
        }
    }

    /// Whether a thesaurus read back from a cache holds together: every
    /// word's group exists.
    pub fn sound(&self) -> bool {
        self.of.values().all(|&g| g < self.groups.len())
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The other words of the group `phrase` (already a [`key`]) is in,
    /// also matching a plural or singular `s`.
    fn others(&self, phrase: &str) -> Option<impl Iterator<Item = &str>> {
        let g = self
            .of
            .get(phrase)
            .or_else(|| self.of.get(&format!("{phrase}s")))
            .or_else(|| phrase.strip_suffix('s').and_then(|p| self.of.get(p)))?;
        Some(
            self.groups[*g]
                .iter()
                .filter(move |w| key(w) != phrase && key(w) != format!("{phrase}s"))
                .map(String::as_str),
        )
    }

    /// Adds the synonyms of the query's words as alternatives: a run of
    /// plain terms that spells a word of a group also matches the group's
    /// other words as exact text. `(a and b) or c` is kept in the query's
    /// and-of-ors shape as `(a or c) and (b or c)`.
    pub fn expand(&self, q: &mut Query) {
        if self.groups.is_empty() {
            return;
        }
        let plain =
            |g: &Vec<Term>| g.len() == 1 && matches!(g[0].kind, TermKind::Fuzzy | TermKind::Exact);
        let mut extra: Vec<Vec<Term>> = Vec::new();
        let mut i = 0;
        while i < q.groups.len() {
            let mut step = 1;
            for n in (1..=self.longest.min(q.groups.len() - i)).rev() {
                let run = &q.groups[i..i + n];
                if !run.iter().all(plain) {
                    continue;
                }
                let negate = run[0][0].negate;
                if n > 1 && run.iter().any(|g| g[0].negate) {
                    continue;
                }
                let phrase = run
                    .iter()
                    .map(|g| g[0].text.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                let Some(others) = self.others(&phrase) else {
                    continue;
                };
                let typed = phrase.chars().count();
                let alternatives: Vec<Term> = others
                    .map(|w| Term::new(TermKind::Exact, negate, w, q.case_sensitive, Some(typed)))
                    .collect();
                if negate {
                    // Not this word, nor any of its synonyms.
                    extra.extend(alternatives.into_iter().map(|t| vec![t]));
                } else {
                    for g in &mut q.groups[i..i + n] {
                        g.extend(alternatives.iter().cloned());
                    }
                }
                step = n;
                break;
            }
            i += step;
        }
        q.groups.extend(extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thesaurus(groups: &[&[&str]]) -> Thesaurus {
        let mut t = Thesaurus::default();
        for g in groups {
            t.add(g.iter().copied());
        }
        t
    }

    fn texts(q: &Query) -> Vec<Vec<String>> {
        q.groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|t| format!("{}{}", if t.negate { "!" } else { "" }, t.text))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_word_finds_its_synonyms_both_ways() {
        let t = thesaurus(&[&["Kyiv", "Kiev"], &["guarantors", "performers"]]);
        let mut q = Query::parse("kiev talks");
        t.expand(&mut q);
        assert_eq!(texts(&q), [vec!["kiev", "kyiv"], vec!["talks"]]);
        let mut q = Query::parse("Kyiv");
        t.expand(&mut q);
        assert_eq!(texts(&q), [vec!["Kyiv", "Kiev"]]);
        // A singular finds the plural's synonyms.
        let mut q = Query::parse("guarantor");
        t.expand(&mut q);
        assert_eq!(texts(&q), [vec!["guarantor", "performers"]]);
    }

    #[test]
    fn diacritics_fold_and_phrases_span_terms() {
        let t = thesaurus(&[&["Mevlüt Çavuşoğlu", "Mavlüt Cavusoglu", "Cavusoglu"]]);
        let mut q = Query::parse("mevlut cavusoglu");
        t.expand(&mut q);
        assert_eq!(
            texts(&q),
            [
                vec!["mevlut", "mavlut cavusoglu", "cavusoglu"],
                vec!["cavusoglu", "mavlut cavusoglu", "cavusoglu"]
            ]
        );
        let mut q = Query::parse("çavuşoğlu");
        t.expand(&mut q);
        assert_eq!(texts(&q)[0][1..], ["mevlut cavusoglu", "mavlut cavusoglu"]);
    }

    #[test]
    fn a_negated_word_excludes_its_synonyms() {
        let t = thesaurus(&[&["Kyiv", "Kiev"]]);
        let mut q = Query::parse("talks !kyiv");
        t.expand(&mut q);
        assert_eq!(texts(&q), [vec!["talks"], vec!["!kyiv"], vec!["!kiev"]]);
    }

    #[test]
    fn groups_sharing_a_word_merge() {
        let t = thesaurus(&[&["Ukraine", "Kyiv"], &["Kyiv", "Kiev"]]);
        let mut q = Query::parse("kiev");
        t.expand(&mut q);
        assert_eq!(texts(&q), [vec!["kiev", "ukraine", "kyiv"]]);
    }
}
