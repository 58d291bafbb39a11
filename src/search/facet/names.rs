//! Matching a clause's value against the words a value may be written
//! with: a kind's ids, names and aliases ([`Names`]), or an enum's fixed
//! words ([`Words`]).

use super::value_key;
use crate::model::diagnostic::suggest;
use serde::{Deserialize, Serialize};

/// Names of the items of one kind: keys to match values against.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Names {
    /// (key, target, whether the key is a whole id or name rather than
    /// the tail of one from a later word).
    keys: Vec<(String, u32, bool)>,
    /// What each target is called, for messages and menus.
    labels: Vec<String>,
    /// Each target's id: what a menu writes in the clause it builds.
    ids: Vec<String>,
    /// Every id, name and alias as written, for "did you mean".
    written: Vec<String>,
}

impl Names {
    /// Whether every target is below `n`.
    pub(super) fn targets_below(&self, n: usize) -> bool {
        self.keys.iter().all(|k| (k.1 as usize) < n) && self.labels.len() <= n
    }

    pub(super) fn add(&mut self, target: usize, id: &str, label: &str, also: &[&str]) {
        if self.labels.len() <= target {
            self.labels.resize(target + 1, String::new());
            self.ids.resize(target + 1, String::new());
        }
        if self.labels[target].is_empty() {
            self.labels[target] = label.to_string();
            self.ids[target] = id.to_string();
        }
        for name in [label, id].into_iter().chain(also.iter().copied()) {
            let key = value_key(name);
            if key.is_empty() {
                continue;
            }
            self.written.push(name.to_string());
            self.keys.push((key, target as u32, true));
            // "federation" finds "Russian Federation".
            let words: Vec<&str> = name.split_whitespace().collect();
            for k in 1..words.len() {
                let tail = value_key(&words[k..].join(" "));
                if !tail.is_empty() {
                    self.keys.push((tail, target as u32, false));
                }
            }
        }
    }

    /// The targets `value` names.
    pub(super) fn resolve(&self, value: &str) -> Result<Vec<u32>, Lookup> {
        let key = value_key(value);
        if key.is_empty() {
            return Err(Lookup::Unknown(None));
        }
        let mut exact: Vec<u32> = self
            .keys
            .iter()
            .filter(|(k, _, whole)| *whole && *k == key)
            .map(|&(_, t, _)| t)
            .collect();
        if exact.is_empty() {
            exact = self
                .keys
                .iter()
                .filter(|(k, _, _)| k.starts_with(&key))
                .map(|&(_, t, _)| t)
                .collect();
            exact.sort_unstable();
            exact.dedup();
            if exact.len() > 1 {
                return Err(Lookup::Ambiguous(
                    exact.iter().map(|&t| self.label(t).to_string()).collect(),
                ));
            }
        }
        if exact.is_empty() {
            let written: Vec<&str> = self.written.iter().map(String::as_str).collect();
            return Err(Lookup::Unknown(
                suggest(value, &written).map(str::to_string),
            ));
        }
        Ok(exact)
    }

    pub(super) fn label(&self, t: u32) -> &str {
        self.labels.get(t as usize).map_or("", String::as_str)
    }

    pub(super) fn id(&self, t: u32) -> &str {
        self.ids.get(t as usize).map_or("", String::as_str)
    }
}

pub(super) enum Lookup {
    Unknown(Option<String>),
    Ambiguous(Vec<String>),
}

/// Fixed words of an enum-like qualifier, with what each means.
pub(super) struct Words<T: Copy + PartialEq> {
    /// (key, the word shown, value).
    words: Vec<(String, String, T)>,
}

impl<T: Copy + PartialEq> Words<T> {
    pub(super) fn new(words: impl IntoIterator<Item = (String, T)>) -> Self {
        Words {
            words: words
                .into_iter()
                .map(|(w, t)| (value_key(&w), w, t))
                .collect(),
        }
    }

    pub(super) fn resolve(&self, value: &str) -> Result<T, Lookup> {
        let key = value_key(value);
        if let Some(&(_, _, t)) = self.words.iter().find(|(w, _, _)| *w == key) {
            return Ok(t);
        }
        // One value may have several words (`red line`, `RedLine`).
        let mut found: Vec<&(String, String, T)> = Vec::new();
        for w in self
            .words
            .iter()
            .filter(|(w, _, _)| !key.is_empty() && w.starts_with(&key))
        {
            if !found.iter().any(|f| f.2 == w.2) {
                found.push(w);
            }
        }
        match found.as_slice() {
            [(_, _, t)] => Ok(*t),
            [] => {
                let all: Vec<&str> = self.words.iter().map(|(_, w, _)| w.as_str()).collect();
                Err(Lookup::Unknown(suggest(value, &all).map(str::to_string)))
            }
            many => Err(Lookup::Ambiguous(
                many.iter().map(|(_, w, _)| w.clone()).collect(),
            )),
        }
    }
}
