//! Styling byte ranges of a line of source text.

use ratatui::style::Style;
use ratatui::text::Span;
use std::ops::Range;

/// Splits `text` (which starts at byte `base` of its source) into spans,
/// styling the parts covered by `marks`. Later marks win where they
/// overlap, so the quote in focus can be listed last.
pub fn spans<'a>(text: &'a str, base: usize, marks: &[(Range<usize>, Style)]) -> Vec<Span<'a>> {
    let end = base + text.len();
    let mut cuts = vec![base, end];
    for (r, _) in marks {
        for at in [r.start, r.end] {
            if at > base && at < end && text.is_char_boundary(at - base) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let style = marks
                .iter()
                .rev()
                .find(|(r, _)| r.start <= a && b <= r.end)
                .map_or(Style::new(), |(_, s)| *s);
            Span::styled(&text[a - base..b - base], style)
        })
        .collect()
}

/// Splits `text` into spans, styling the characters at `positions`
/// (character indices, sorted) with `hit`.
pub fn chars<'a>(text: &'a str, positions: &[usize], base: Style, hit: Style) -> Vec<Span<'a>> {
    if positions.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut spans = Vec::new();
    let mut start = 0;
    let mut inside = false;
    for (n, (i, _)) in text.char_indices().enumerate() {
        let h = positions.binary_search(&n).is_ok();
        if h != inside {
            if i > start {
                spans.push(Span::styled(
                    &text[start..i],
                    if inside { hit } else { base },
                ));
            }
            start = i;
            inside = h;
        }
    }
    if start < text.len() {
        spans.push(Span::styled(
            &text[start..],
            if inside { hit } else { base },
        ));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn marks_split_the_line() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let s = spans("hello world", 10, &[(16..21, bold), (0..12, Style::new())]);
        let parts: Vec<&str> = s.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, ["he", "llo ", "world"]);
        assert_eq!(s[2].style, bold);
    }

    #[test]
    fn chars_marks_character_positions() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let s = chars("Ödemiş x", &[0, 1, 5], Style::new(), bold);
        let parts: Vec<(&str, bool)> = s
            .iter()
            .map(|s| (s.content.as_ref(), s.style == bold))
            .collect();
        assert_eq!(
            parts,
            [("Öd", true), ("emi", false), ("ş", true), (" x", false)]
        );
    }
}
