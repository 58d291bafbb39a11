//! Folding text for matching: diacritics and special letters to their base
//! letter, typographic quotes and dashes to plain ones.
//!
//! Folding maps every character to exactly one character, so a match
//! position in folded text is the same character position in the original,
//! and highlighting needs no offset table.

use unicode_normalization::char::decompose_canonical;

/// A letter without its diacritics (and a few letters without a
/// decomposition, like `ı` and `ø`, as their nearest ASCII letter), and
/// typographic quotes and dashes as plain ones: what a search term typed on
/// any keyboard should match.
pub fn base_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        // Letters without a canonical decomposition.
        'ı' => 'i',
        'ł' => 'l',
        'Ł' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        'đ' | 'ð' => 'd',
        'Đ' | 'Ð' => 'D',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ß' => 's',
        'æ' => 'a',
        'Æ' => 'A',
        'œ' => 'o',
        'Œ' => 'O',
        'þ' => 't',
        'Þ' => 'T',
        _ => {
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            match base {
                Some(b) if b.is_ascii() => b,
                _ => c,
            }
        }
    }
}

pub fn fold(s: &str) -> String {
    s.chars().map(base_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_turkish_and_other_letters() {
        assert_eq!(fold("Çavuşoğlu"), "Cavusoglu");
        assert_eq!(fold("İbrahim Kalın"), "Ibrahim Kalin");
        assert_eq!(fold("Ödemiş"), "Odemis");
        assert_eq!(
            fold("Łódź, Müller, Øresund, Straße"),
            "Lodz, Muller, Oresund, Strase"
        );
        assert_eq!(fold("“It’s” – now—"), "\"It's\" - now-");
    }

    #[test]
    fn keeps_one_char_per_char() {
        for s in ["Çavuşoğlu", "日本語", "Ελληνικά", "a\u{301}", "emoji 🙂"] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
