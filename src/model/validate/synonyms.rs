//! The dataset's `synonyms`: groups of two or more words, no word in two
//! groups (compared as search compares them: case and diacritics folded).

use super::Checker;
use crate::model::diagnostic::Code;
use crate::model::types::Dataset;
use std::collections::HashMap;
use std::ops::Range;

/// How a word is compared with the others: as search would match it.
pub fn synonym_key(word: &str) -> String {
    crate::fold::fold(word.trim()).to_lowercase()
}

pub(super) fn check_synonyms(ds: &Dataset, c: &mut Checker<'_, '_, '_>) {
    if ds.synonyms.is_empty() {
        return;
    }
    let field = c.loc.top("synonyms");
    let spans = literal_spans(c.loc.text, field.start);
    // Where the `n`th group, or its `k`th word, is written.
    let group_at = |n: usize| {
        spans
            .groups
            .get(n)
            .cloned()
            .unwrap_or_else(|| field.clone())
    };
    let word_at = |n: usize, k: usize| {
        spans
            .words
            .get(n)
            .and_then(|w| w.get(k))
            .cloned()
            .unwrap_or_else(|| group_at(n))
    };
    let mut first: HashMap<String, (usize, usize)> = HashMap::new();
    for (n, group) in ds.synonyms.iter().enumerate() {
        let words: Vec<&String> = group.iter().filter(|w| !w.trim().is_empty()).collect();
        if words.len() < 2 {
            let d = c.loc.diag(
                Code::SynonymGroupTooSmall,
                group_at(n),
                None,
                format!(
                    "synonym group {} has {} word{}; a group needs two or more",
                    n + 1,
                    words.len(),
                    if words.len() == 1 { "" } else { "s" }
                ),
            );
            c.push(d);
        }
        for (k, word) in group.iter().enumerate() {
            if word.trim().is_empty() {
                let d = c.loc.diag(
                    Code::EmptyText,
                    word_at(n, k),
                    None,
                    format!("synonym group {} has an empty word", n + 1),
                );
                c.push(d);
                continue;
            }
            let key = synonym_key(word);
            match first.get(&key) {
                Some(&(m, _)) if m == n => {}
                Some(&(m, j)) => {
                    let (line, _) = c.loc.lines.line_col(word_at(m, j).start);
                    let mut d = c.loc.diag(
                        Code::SynonymInTwoGroups,
                        word_at(n, k),
                        None,
                        format!("`{word}` is in synonym groups {} and {}", m + 1, n + 1),
                    );
                    d.help.push(format!(
                        "the first is on line {line}; merge the groups or drop one"
                    ));
                    c.push(d);
                }
                None => {
                    first.insert(key, (n, k));
                }
            }
        }
    }
}

/// Where each group of a `[["a", "b"], ...]` list and each of its strings
/// are written, from the list's first byte.
#[derive(Default)]
struct Spans {
    groups: Vec<Range<usize>>,
    words: Vec<Vec<Range<usize>>>,
}

/// One linear pass over the list, outside strings tracking only bracket
/// depth, so any text (broken or not) is read once.
fn literal_spans(text: &str, start: usize) -> Spans {
    let mut spans = Spans::default();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    let mut group_start = start;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => {
                depth += 1;
                if depth == 2 {
                    group_start = i;
                    spans.words.push(Vec::new());
                }
            }
            b']' => {
                if depth == 2 {
                    spans.groups.push(group_start..i + 1);
                }
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            b'"' => {
                let from = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if depth == 2
                    && let Some(words) = spans.words.last_mut()
                {
                    words.push(from..(i + 1).min(bytes.len()));
                }
            }
            _ => {}
        }
        i += 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_groups_and_words() {
        let text = r#"synonyms: [["Kyiv", "Kiev"], ["a\"b", "c"]], x"#;
        let at = text.find('[').unwrap_or(0);
        let s = literal_spans(text, at);
        let words: Vec<Vec<&str>> = s
            .words
            .iter()
            .map(|g| g.iter().map(|r| &text[r.clone()]).collect())
            .collect();
        assert_eq!(
            words,
            [vec!["\"Kyiv\"", "\"Kiev\""], vec!["\"a\\\"b\"", "\"c\""]]
        );
        assert_eq!(&text[s.groups[1].clone()], r#"["a\"b", "c"]"#);
    }

    #[test]
    fn keys_fold_case_and_diacritics() {
        assert_eq!(synonym_key(" Çavuşoğlu "), "cavusoglu");
    }
}
