//! Splitting a query into qualifier clauses and the fzf text around them.

use super::Qualifier;
use std::ops::Range;

/// One `qualifier:value` written in a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub qualifier: Qualifier,
    /// Written with a leading `-` or `!`.
    pub negate: bool,
    /// The values, as written (`party:ru,ua` has two); never empty.
    pub values: Vec<String>,
    /// Where the clause is in the query, in bytes.
    pub span: Range<usize>,
}

/// A query taken apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// Everything that is not a clause, for the fzf matcher.
    pub text: String,
    pub clauses: Vec<Clause>,
    /// `name:value` where `name` is no qualifier, with its place.
    pub unknown: Vec<(String, Range<usize>)>,
    /// The query ends in a qualifier still without a value (`party:`):
    /// what the user is typing, worth offering values for.
    pub incomplete: Option<Qualifier>,
}

impl Parsed {
    pub fn has_clauses(&self) -> bool {
        !self.clauses.is_empty()
    }
}

/// Splits `input` into clauses and text. Never fails: what is not a
/// clause is text, and a name that is no qualifier is noted in
/// [`Parsed::unknown`] for the caller to report.
pub fn parse(input: &str) -> Parsed {
    let mut out = Parsed::default();
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        match qualifier_head(input, start) {
            Some((name, value_at)) => {
                let (values, end) = values(input, value_at);
                i = end;
                let negate = matches!(bytes[start], b'-' | b'!');
                match Qualifier::from_name(name) {
                    Some(q) if values.is_empty() => {
                        if end >= input.trim_end().len() {
                            out.incomplete = Some(q);
                        }
                    }
                    Some(qualifier) => out.clauses.push(Clause {
                        qualifier,
                        negate,
                        values,
                        span: start..end,
                    }),
                    None => out.unknown.push((name.to_string(), start..end)),
                }
            }
            None => {
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if !out.text.is_empty() {
                    out.text.push(' ');
                }
                out.text.push_str(&input[start..i]);
            }
        }
    }
    out
}

/// `name` and where its value starts, when a clause starts at `at`: an
/// optional `-` or `!`, two or more ASCII letters, and a colon.
fn qualifier_head(input: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = input.as_bytes();
    let from = at + usize::from(matches!(bytes[at], b'-' | b'!'));
    let letters = bytes[from..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let colon = from + letters;
    (letters >= 2 && bytes.get(colon) == Some(&b':')).then(|| (&input[from..colon], colon + 1))
}

/// The comma-separated values from `at`, each bare or in double quotes,
/// and where they end.
fn values(input: &str, mut at: usize) -> (Vec<String>, usize) {
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    loop {
        let value = if bytes.get(at) == Some(&b'"') {
            let close = input[at + 1..]
                .find('"')
                .map_or(input.len(), |k| at + 1 + k);
            let v = &input[at + 1..close];
            at = (close + 1).min(input.len());
            v
        } else {
            let end = bytes[at..]
                .iter()
                .position(|&b| b == b',' || b.is_ascii_whitespace())
                .map_or(input.len(), |k| at + k);
            let v = &input[at..end];
            at = end;
            v
        };
        if !value.trim().is_empty() {
            out.push(value.trim().to_string());
        }
        if bytes.get(at) == Some(&b',') {
            at += 1;
        } else {
            break;
        }
    }
    // Whatever is glued to a quoted value belongs to it.
    while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(input: &str) -> Vec<(Qualifier, bool, Vec<String>)> {
        parse(input)
            .clauses
            .into_iter()
            .map(|c| (c.qualifier, c.negate, c.values))
            .collect()
    }

    fn v(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn clauses_and_text_are_told_apart() {
        let p = parse("ceasefire party:ru 'monitor -stance:red-line !is:orphaned ^kyiv");
        assert_eq!(p.text, "ceasefire 'monitor ^kyiv");
        assert_eq!(
            clauses("ceasefire party:ru -stance:red-line !is:orphaned"),
            [
                (Qualifier::Party, false, v(&["ru"])),
                (Qualifier::Stance, true, v(&["red-line"])),
                (Qualifier::Is, true, v(&["orphaned"])),
            ]
        );
        // fzf's own `!word` stays text.
        assert_eq!(parse("!word").text, "!word");
    }

    #[test]
    fn quoted_and_listed_values() {
        assert_eq!(
            clauses(r#"issue:"security guarantees" party:ru,"united states",ua"#),
            [
                (Qualifier::Issue, false, v(&["security guarantees"])),
                (Qualifier::Party, false, v(&["ru", "united states", "ua"])),
            ]
        );
        // An unclosed quote runs to the end.
        assert_eq!(
            clauses(r#"issue:"security gua"#),
            [(Qualifier::Issue, false, v(&["security gua"]))]
        );
    }

    #[test]
    fn unknown_and_incomplete_qualifiers() {
        let p = parse("partty:ru ceasefire");
        assert_eq!(p.unknown, [("partty".to_string(), 0..9)]);
        assert_eq!(p.text, "ceasefire");
        assert_eq!(parse("ceasefire party:").incomplete, Some(Qualifier::Party));
        assert_eq!(parse("party: ceasefire").incomplete, None);
        assert!(parse("party: ceasefire").clauses.is_empty());
        // One letter, digits, or a time are text.
        assert_eq!(parse("a:b 10:30 x1:y").text, "a:b 10:30 x1:y");
        assert_eq!(parse("DATE:2022").clauses[0].qualifier, Qualifier::Date);
    }

    #[test]
    fn spans_point_into_the_query() {
        let q = "x -party:ru  date:>=2022-03";
        let p = parse(q);
        assert_eq!(&q[p.clauses[0].span.clone()], "-party:ru");
        assert_eq!(&q[p.clauses[1].span.clone()], "date:>=2022-03");
    }
}
