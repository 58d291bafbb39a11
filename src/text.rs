//! Making untrusted dataset text safe to show.
//!
//! Dataset strings may carry terminal control sequences. Everything that
//! reaches a terminal (the TUI or a diagnostic) goes through these functions,
//! which swap every dangerous character for a visible stand-in of the same
//! width, so column numbers computed on the original text stay correct.

use std::borrow::Cow;

/// The visible stand-in for a character that must never reach a terminal,
/// or `None` when the character is safe as it is.
///
/// C0 controls become their Unicode "control picture" (ESC → `␛`), DEL
/// becomes `␡`, C1 controls and bidirectional overrides (which can reorder
/// what a reader sees) become `�`.
pub fn visible_replacement(c: char) -> Option<char> {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        '\u{200e}' | '\u{200f}' | '\u{061c}' => Some('\u{fffd}'),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// Whether a character may not appear in an id: a control character
/// (Unicode Cc), an invisible format character (Cf: bidi overrides and
/// isolates, zero-width space, joiner and non-joiner, the byte-order mark,
/// soft hyphen, …) or a line or paragraph separator. Such an id reads the
/// same as another, or reorders what is around it on screen.
pub fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{890}'..='\u{891}'
                | '\u{8e2}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0001}'
                | '\u{e0020}'..='\u{e007f}'
        )
}

/// `s` with every [`unprintable`] character written as a `\u{…}` escape,
/// so a message can say what is in an id without showing it.
pub fn escape_unprintable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unprintable) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if unprintable(c) {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Whether any byte is a `hit`: without an early exit per byte, the scan
/// vectorises.
#[inline]
fn any_byte(b: &[u8], hit: impl Fn(u8) -> bool) -> bool {
    b.chunks(64)
        .any(|chunk| chunk.iter().fold(false, |any, &x| any | hit(x)))
}

/// Whether `s` holds a character [`visible_replacement`] replaces (other
/// than a line break, when `keep_newline`). The same as asking every
/// character, read by bytes instead: cleaning a large dataset asks this of
/// every string, and nearly every answer is no.
pub fn has_invisible(s: &str, keep_newline: bool) -> bool {
    let b = s.as_bytes();
    // Most strings are short, plain ASCII and have no byte that could
    // start a replaced character: one pass rules them out.
    if !any_byte(b, |x| {
        x < 0x20 || x == 0x7f || x == 0xC2 || x == 0xD8 || x == 0xE2
    }) {
        return false;
    }
    if any_byte(b, |x| {
        (x < 0x20 && !(keep_newline && x == b'\n')) || x == 0x7f
    }) {
        return true;
    }
    // The other characters replaced are all encoded from these lead bytes:
    // U+0080–U+009F as C2 80–9F, U+061C as D8 9C, U+200E–U+200F and
    // U+202A–U+202E as E2 80 …, U+2066–U+2069 as E2 81 A6–A9.
    memchr::memchr3_iter(0xC2, 0xD8, 0xE2, b).any(|i| {
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        match b[i] {
            0xC2 => (0x80..=0x9F).contains(&next(1)),
            0xD8 => next(1) == 0x9C,
            _ => matches!(
                (next(1), next(2)),
                (0x80, 0x8E | 0x8F | 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)
            ),
        }
    })
}

/// Cleans text for a diagnostic snippet: line breaks and tabs stay (the
/// reporter lays them out), everything else dangerous is replaced one
/// character for one character, so character columns are unchanged.
pub fn clean_keep_lines(s: &str) -> Cow<'_, str> {
    clean_with(s, |c| matches!(c, '\n' | '\t'))
}

/// Cleans a single-line piece of text: every control character, line
/// breaks and tabs included, becomes visible.
pub fn clean_inline(s: &str) -> Cow<'_, str> {
    clean_with(s, |_| false)
}

fn clean_with(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let needs = |c: char| !keep(c) && visible_replacement(c).is_some();
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if keep(c) {
                    c
                } else {
                    visible_replacement(c).unwrap_or(c)
                }
            })
            .collect(),
    )
}

/// Prepares text for a terminal cell grid: tabs expand to the next multiple
/// of `tab_width` columns (ratatui would silently drop them), a line break
/// becomes a space, and other dangerous characters become visible.
pub fn clean_for_cells(s: &str, tab_width: usize) -> Cow<'_, str> {
    if !has_invisible(s, false) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0usize;
    for c in s.chars() {
        match c {
            '\t' => {
                let n = tab_width - (col % tab_width.max(1));
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\n' | '\r' => {
                out.push(' ');
                col += 1;
            }
            _ => {
                out.push(visible_replacement(c).unwrap_or(c));
                col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(1);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character up to U+2100 (all those replaced, and their
    /// neighbours in UTF-8), alone and among others.
    #[test]
    fn has_invisible_knows_every_character() {
        for c in (0..0x2100).filter_map(char::from_u32) {
            for keep in [false, true] {
                let slow = !(keep && c == '\n') && visible_replacement(c).is_some();
                for s in [c.to_string(), format!("a’{c}…b")] {
                    assert_eq!(has_invisible(&s, keep), slow, "{s:?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The byte scan answers as asking every character does.
        #[test]
        fn has_invisible_asks_every_character(
            s in proptest::string::string_regex(
                "([a-z \n\t\u{7f}\u{80}-\u{a0}\u{61b}-\u{61d}\u{200d}-\u{2010}\u{2029}-\u{202f}\u{2065}-\u{206a}’…]|.){0,12}"
            ).expect("regex"),
            keep in proptest::bool::ANY,
        ) {
            let slow = s.chars().any(|c| !(keep && c == '\n') && visible_replacement(c).is_some());
            proptest::prop_assert_eq!(has_invisible(&s, keep), slow, "{:?}", s);
        }
    }

    #[test]
    fn escape_sequences_become_visible() {
        let s = "a\u{1b}]0;pwned\u{7}b\u{9b}2J\u{202e}c";
        let cleaned = clean_inline(s);
        assert_eq!(cleaned, "a␛]0;pwned␇b\u{fffd}2J\u{fffd}c");
        assert_eq!(cleaned.chars().count(), s.chars().count());
    }

    #[test]
    fn unprintable_characters_are_escaped() {
        for c in [
            '\u{1b}', '\t', '\u{85}', '\u{202e}', '\u{2067}', '\u{200b}', '\u{200d}',
        ] {
            assert!(unprintable(c), "{c:?}");
        }
        for c in ['\u{feff}', '\u{ad}', '\u{2028}', '\u{e0041}'] {
            assert!(unprintable(c), "{c:?}");
        }
        for c in ['a', 'é', 'ж', '中', ' ', '-', '\u{a0}', '😀'] {
            assert!(!unprintable(c), "{c:?}");
        }
        assert_eq!(escape_unprintable("a\u{202e}b\tc"), "a\\u{202e}b\\u{9}c");
        assert!(matches!(escape_unprintable("plain"), Cow::Borrowed(_)));
        // Everything cleaning replaces is unprintable in an id, so a valid
        // id is the same cleaned or not.
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            if visible_replacement(c).is_some() {
                assert!(unprintable(c), "{c:?}");
            }
        }
    }

    #[test]
    fn keep_lines_keeps_only_newline_and_tab() {
        assert_eq!(clean_keep_lines("a\tb\nc\rd\u{7f}"), "a\tb\nc␍d␡");
    }

    #[test]
    fn tabs_expand_in_cells() {
        assert_eq!(clean_for_cells("ab\tc", 4), "ab  c");
        assert_eq!(clean_for_cells("plain", 4), "plain");
        assert!(matches!(clean_for_cells("plain", 4), Cow::Borrowed(_)));
    }
}

/// `text` shortened to `width` columns by cutting out its middle at word
/// boundaries, so the words that tell similar rows apart (their ends:
/// "Status of Crimea", "Status of the Donbas") survive: `Status…Crimea`,
/// else `…Crimea`. Falls back to cutting the end when no word fits.
pub fn elide_middle(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    if let Some((first, rest)) = words.split_first() {
        // The longest run of last words that fits after `head…`.
        let tail = |room: usize| -> Vec<&str> {
            let mut tail: Vec<&str> = Vec::new();
            let mut used = 0;
            for w in rest.iter().rev() {
                let extra = w.width() + usize::from(!tail.is_empty());
                if used + extra > room {
                    break;
                }
                used += extra;
                tail.insert(0, w);
            }
            tail
        };
        let after_first = width.saturating_sub(first.width() + 1);
        let kept = tail(after_first);
        if !kept.is_empty() {
            return format!("{first}…{}", kept.join(" "));
        }
        let kept = tail(width.saturating_sub(1));
        if !kept.is_empty() {
            return format!("…{}", kept.join(" "));
        }
    }
    truncate_end(text, width)
}

/// Each text shortened to its width with [`elide_middle`]; where two
/// different texts would then read the same, their ends are cut instead,
/// so rows shown together stay distinguishable.
pub fn elide_distinct(items: &[(&str, usize)]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|&(t, w)| elide_middle(t, w)).collect();
    let clashes: Vec<bool> = (0..items.len())
        .map(|a| {
            (0..items.len()).any(|b| {
                b != a && out[a] == out[b] && items[a].0 != items[b].0 && out[a] != items[a].0
            })
        })
        .collect();
    for (k, clash) in clashes.into_iter().enumerate() {
        if clash {
            out[k] = truncate_end(items[k].0, items[k].1);
        }
    }
    out
}

/// `text` cut at its end to `width` columns, with `…` where it was cut.
pub fn truncate_end(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod elide_tests {
    use super::elide_middle;

    #[test]
    fn the_ends_that_tell_rows_apart_survive() {
        assert_eq!(elide_middle("Status of Crimea", 14), "Status…Crimea");
        assert_eq!(elide_middle("Status of Crimea", 9), "…Crimea");
        assert_eq!(
            elide_middle("Status of the Donbas breakaway regions", 24),
            "Status…breakaway regions"
        );
        assert_eq!(
            elide_middle("Status of the Donbas breakaway regions", 9),
            "…regions"
        );
        assert_eq!(elide_middle("short", 14), "short");
        assert_eq!(elide_middle("Unbreakablewordthatgoeson", 8), "Unbreak…");
    }
}

/// A CSV cell a spreadsheet will not run: one that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`, as OWASP
/// advises, since a spreadsheet would read it as a formula.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod spreadsheet_tests {
    use super::spreadsheet_safe;

    #[test]
    fn cells_that_would_run_as_formulas_are_quoted() {
        for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(bad), format!("'{bad}"));
        }
        assert_eq!(spreadsheet_safe("plain - text"), "plain - text");
        assert_eq!(spreadsheet_safe(""), "");
    }
}
