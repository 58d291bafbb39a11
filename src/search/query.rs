//! fzf's extended search syntax.
//!
//! Space-separated terms are ANDed; `a | b` ORs neighbours; `'word` is an
//! exact substring, `^word` a prefix, `word$` a suffix, `!word` excludes.
//! Smart case: matching ignores case unless the query has an uppercase
//! letter. `^` and `$` anchor to the start and end of a field (a name, a
//! title, a quote), since an item is searched field by field.

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
}

/// Terms in a group are alternatives; every group must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
    pub case_sensitive: bool,
    /// Match only an item's first field (its name, title or text): what a
    /// row in a pane shows.
    pub primary_only: bool,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// A pane filter: like [`Query::parse`], but plain terms match as exact
    /// substrings of the row's text (as lazygit filters), since fuzzy
    /// terms match nearly any long row and a filter keeps rows in order.
    pub fn parse_filter(input: &str) -> Query {
        let mut q = Query::parse(input);
        q.primary_only = true;
        for t in q.groups.iter_mut().flatten() {
            if t.kind == TermKind::Fuzzy {
                t.kind = TermKind::Exact;
            }
        }
        q
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
        Query {
            groups,
            case_sensitive,
            primary_only: false,
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
    let text = if case_sensitive {
        text.to_string()
    } else {
        text.to_lowercase()
    };
    Some(Term { kind, negate, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(kind: TermKind, negate: bool, text: &str) -> Term {
        Term {
            kind,
            negate,
            text: text.into(),
        }
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
