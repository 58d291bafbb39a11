//! fzf's extended search syntax.
//!
//! Space-separated terms are ANDed; `a | b` ORs neighbours; `'word` is an
//! exact substring, `^word` a prefix, `word$` a suffix, `!word` excludes.
//! Smart case: matching ignores case unless the query has an uppercase
//! letter. `^` and `$` anchor to the start and end of a field (a name, a
//! title, a quote), since an item is searched field by field.

use super::facet::Filter;
use super::fold::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
    /// `^word$`: the whole field.
    Equal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    pub negate: bool,
    /// Folded, and lowercased unless the query is case-sensitive.
    pub text: String,
    /// Added for a word the user typed (see `synonyms`), whose length in
    /// characters this is: it finds, but ranks below what was typed.
    pub synonym: Option<usize>,
    /// For a case-sensitive query, the text's ASCII lowercase: the letters
    /// a match needs in a field's lowercase text, which rules most fields
    /// out before their case-preserving text is made. (An ASCII letter
    /// lowercases to one ASCII letter; no other character of folded text
    /// lowercases to one, but the Kelvin sign, which only lets more fields
    /// through.) Made once a query, not once an entry.
    pub lowered: Option<String>,
}

impl Term {
    /// A term looking for `text`, lowercased unless the query is
    /// `case_sensitive`.
    pub fn new(
        kind: TermKind,
        negate: bool,
        text: &str,
        case_sensitive: bool,
        synonym: Option<usize>,
    ) -> Term {
        Term {
            kind,
            negate,
            text: if case_sensitive {
                text.to_string()
            } else {
                text.to_lowercase()
            },
            synonym,
            lowered: (case_sensitive && text.is_ascii()).then(|| text.to_ascii_lowercase()),
        }
    }
}

/// Terms in a group are alternatives; every group must match, and so must
/// the filter of qualifiers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
    pub case_sensitive: bool,
    /// Match only the fields a row in a pane shows (see `Field::shown`).
    pub shown_only: bool,
    /// The plain terms in the order typed, joined by spaces as one exact
    /// term, when there are two or more: an item holding them as one
    /// phrase ranks first.
    pub phrase: Option<Term>,
    pub filter: Filter,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// A pane filter: like [`Query::parse`], but plain terms match as exact
    /// substrings (as lazygit filters), since fuzzy terms match nearly any
    /// long row and a filter keeps rows in order.
    pub fn parse_filter(input: &str) -> Query {
        let mut q = Query::parse(input);
        q.exact_terms();
        q.shown_only = true;
        q
    }

    /// Makes every fuzzy term an exact one.
    pub fn exact_terms(&mut self) {
        for t in self.groups.iter_mut().flatten() {
            if t.kind == TermKind::Fuzzy {
                t.kind = TermKind::Exact;
            }
        }
    }

    pub fn parse(input: &str) -> Query {
        let folded = fold(input);
        let case_sensitive = folded.chars().any(char::is_uppercase);
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join_next = false;
        for token in folded.split_whitespace() {
            if token == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(token, case_sensitive) else {
                continue;
            };
            match groups.last_mut() {
                Some(last) if join_next => last.push(term),
                _ => groups.push(vec![term]),
            }
            join_next = false;
        }
        let plain: Vec<&str> = groups
            .iter()
            .filter(|g| {
                g.len() == 1
                    && !g[0].negate
                    && matches!(g[0].kind, TermKind::Fuzzy | TermKind::Exact)
            })
            .map(|g| g[0].text.as_str())
            .collect();
        let phrase = (plain.len() >= 2 && plain.len() == groups.len()).then(|| {
            Term::new(
                TermKind::Exact,
                false,
                &plain.join(" "),
                case_sensitive,
                None,
            )
        });
        Query {
            groups,
            case_sensitive,
            shown_only: false,
            phrase,
            filter: Filter::default(),
        }
    }
}

fn parse_term(token: &str, case_sensitive: bool) -> Option<Term> {
    let (negate, rest) = match token.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, token),
    };
    let (kind, text) = if let Some(r) = rest.strip_prefix('\'') {
        (TermKind::Exact, r)
    } else if let Some(r) = rest.strip_prefix('^') {
        match r.strip_suffix('$') {
            Some(inner) if !inner.is_empty() => (TermKind::Equal, inner),
            _ => (TermKind::Prefix, r),
        }
    } else if let Some(r) = rest.strip_suffix('$').filter(|r| !r.is_empty()) {
        (TermKind::Suffix, r)
    } else if negate {
        // fzf: `!word` is an inverse exact match, not an inverse fuzzy one.
        (TermKind::Exact, rest)
    } else {
        (TermKind::Fuzzy, rest)
    };
    if text.is_empty() {
        return None;
    }
    Some(Term::new(kind, negate, text, case_sensitive, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(kind: TermKind, negate: bool, text: &str) -> Term {
        Term::new(kind, negate, text, false, None)
    }

    #[test]
    fn each_operator() {
        let q = Query::parse("fuz 'ex ^pre suf$ !not ^whole$ !^np !ns$");
        use TermKind::*;
        let flat: Vec<Term> = q.groups.into_iter().flatten().collect();
        assert_eq!(
            flat,
            [
                term(Fuzzy, false, "fuz"),
                term(Exact, false, "ex"),
                term(Prefix, false, "pre"),
                term(Suffix, false, "suf"),
                term(Exact, true, "not"),
                term(Equal, false, "whole"),
                term(Prefix, true, "np"),
                term(Suffix, true, "ns"),
            ]
        );
    }

    #[test]
    fn or_groups_and_and() {
        let q = Query::parse("crimea | donbas 'ukraine");
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[0].len(), 2);
        assert_eq!(q.groups[1][0].kind, TermKind::Exact);
        // A dangling bar is ignored.
        assert_eq!(Query::parse("| a |").groups.len(), 1);
    }

    #[test]
    fn smart_case_and_folding() {
        assert!(!Query::parse("kalin").case_sensitive);
        assert!(Query::parse("Kalin").case_sensitive);
        assert!(Query::parse("Çavuş").case_sensitive);
        assert_eq!(Query::parse("ÇAVUŞ").groups[0][0].text, "CAVUS");
        assert_eq!(Query::parse("çavuş").groups[0][0].text, "cavus");
        assert!(Query::parse("  ").is_empty());
        assert!(Query::parse("' ^ !").is_empty());
    }
}
