//! How well one field matches one term, byte by byte: the subsequence
//! prefilter, the greedy score for long text, the compact window a
//! scattered match must fit, and the bonuses for whole words. The matcher
//! (`super::matcher`) combines these per entry and ranks the entries.

const WHOLE_WORD: i64 = 24;
const WORD_START: i64 = 8;

/// Whether `needle`'s bytes occur in order in `hay`: a necessary condition
/// for a fuzzy match, checked far faster than scoring.
pub(super) fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr(b, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// A fuzzy score for long text, on a scale close to skim's: an exact
/// substring scores as a run of consecutive matches (plus a bonus at a
/// word start); otherwise letters are matched greedily left to right, with
/// bonuses for runs and word starts and a penalty for gaps.
pub(super) fn greedy_score(hay: &str, needle: &str) -> Option<i64> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let word_start = |i: usize| i == 0 || !h[i - 1].is_ascii_alphanumeric();
    // One letter is found by one byte search, which is both the
    // subsequence check and the substring search below. Otherwise most
    // fields do not match at all: rule them out with the cheap (SIMD)
    // subsequence scan before looking for a substring.
    let substring = match n {
        [b] => Some(memchr(*b, h)?),
        _ if !subsequence(h, n) => return None,
        _ => with_finder(n, |f| f.find(h)),
    };
    if let Some(at) = substring {
        // skim gives a run starting a word about 16 per letter plus twice
        // its head bonus.
        let bonus = if word_start(at) { 16 } else { 0 };
        return Some(16 * n.len() as i64 + bonus + 2 + word_bonus(h, n));
    }
    let from = compact_window(h, n)?;
    let mut score = 0i64;
    let mut from = from;
    let mut prev: Option<usize> = None;
    for &b in n {
        let at = from + memchr(b, &h[from..])?;
        score += 16;
        if let Some(p) = prev
            && p + 1 != at
        {
            score -= (3 + (at - p - 1) as i64).min(12);
        }
        if word_start(at) {
            score += 8;
        }
        prev = Some(at);
        from = at + 1;
    }
    Some(score.max(1))
}

/// Runs `f` with a substring searcher for `needle`. Building one costs
/// more than searching a field with it, and a search asks for the same
/// few needles once per field: each thread keeps the last few it built.
fn with_finder<T>(needle: &[u8], f: impl FnOnce(&memchr::memmem::Finder<'static>) -> T) -> T {
    use memchr::memmem::Finder;
    use std::cell::RefCell;
    const KEEP: usize = 4;
    thread_local! {
        static FINDERS: RefCell<Vec<Finder<'static>>> = const { RefCell::new(Vec::new()) };
    }
    FINDERS.with(|cell| {
        // Never asked for from inside `f`; were it, a fresh searcher does.
        let Ok(mut finders) = cell.try_borrow_mut() else {
            return f(&Finder::new(needle).into_owned());
        };
        let at = match finders.iter().position(|x| x.needle() == needle) {
            Some(at) => at,
            None => {
                if finders.len() == KEEP {
                    finders.remove(0);
                }
                finders.push(Finder::new(needle).into_owned());
                finders.len() - 1
            }
        };
        f(&finders[at])
    })
}

fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(b, hay)
}

/// How far apart the letters of a scattered match may lie: a window of
/// about three times the term. Letters strewn over a whole quote say
/// nothing about it, and matched half of any dataset for a long word.
fn max_span(needle: usize) -> usize {
    3 * needle + 2
}

/// Where a window of `hay` holding `needle`'s bytes in order, no wider
/// than [`max_span`], starts; `None` when there is none. Each candidate
/// window is found forwards and then tightened backwards, as fzf does;
/// a few candidates are tried, which is enough for real text.
pub(super) fn compact_window(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.len() <= 2 {
        return Some(0);
    }
    let mut from = 0;
    for _ in 0..16 {
        // Forwards: the first place the needle ends.
        let mut at = from;
        for &b in n {
            at += memchr(b, h.get(at..)?)? + 1;
        }
        let end = at - 1;
        // Backwards from there: the latest start.
        let mut start = end;
        for &b in n[..n.len() - 1].iter().rev() {
            start = memchr::memrchr(b, &h[from..start])? + from;
        }
        if end - start < max_span(n.len()) {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// Extra for an occurrence of `needle` as a whole word (most) or at the
/// start of one: a search for `line` means the word, not `pipeline`.
pub(super) fn word_bonus(h: &[u8], n: &[u8]) -> i64 {
    // Whether the byte at `i` ends a word: past the end, or not a letter
    // or digit. (Index 0 is a letter like any other: a needle found at 1
    // does not start a word.)
    let boundary = |i: usize| i >= h.len() || !h[i].is_ascii_alphanumeric();
    let best_of = |found: &mut dyn Iterator<Item = usize>| {
        let mut best = 0;
        for at in found.take(64) {
            let starts = at == 0 || boundary(at - 1);
            if starts && boundary(at + n.len()) {
                return WHOLE_WORD;
            }
            if starts {
                best = WORD_START;
            }
        }
        best
    };
    match n {
        // The first letter typed is found in nearly every field, many
        // times: a byte search is several times quicker than a substring
        // searcher's iterator.
        [one] => best_of(&mut memchr::memchr_iter(*one, h)),
        _ => with_finder(n, |finder| best_of(&mut finder.find_iter(h))),
    }
}

/// Score for an exact piece of text: like a run of fuzzy matches, plus a
/// bonus at the start of a word.
pub(super) fn exact_score(hay: &str, at: usize, len: usize) -> i64 {
    let word_start = hay[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    16 * hay[at..at + len].chars().count() as i64 + if word_start { 8 } else { 0 }
}

#[cfg(test)]
mod greedy_tests {
    use super::greedy_score;

    #[test]
    fn a_needle_at_the_second_byte_does_not_start_a_word() {
        // Once, a match at 1 looked at byte 0 as if it were the start.
        assert_eq!(super::word_bonus(b"at the", b"t"), super::WORD_START);
        assert_eq!(super::word_bonus(b"aline", b"line"), 0);
        assert_eq!(super::word_bonus(b"line up", b"line"), super::WHOLE_WORD);
        assert_eq!(super::word_bonus(b"a line", b"line"), super::WHOLE_WORD);
    }

    #[test]
    fn one_letter_scores_as_its_first_occurrence_with_the_best_word_bonus() {
        // The first `t` (in "at") starts no word; the `t` of "the" starts
        // one: a run of one letter (16), plus 2, plus a word start (8).
        assert_eq!(greedy_score("at the table", "t"), Some(26));
        // Its first occurrence starts a word (16) and is a whole word (24).
        assert_eq!(greedy_score("a t b", "t"), Some(58));
        assert_eq!(greedy_score("at the table", "x"), None);
        assert_eq!(greedy_score("", "t"), None);
        // Two letters take the substring path as before.
        assert_eq!(
            greedy_score("at the table", "ta"),
            Some(16 * 2 + 16 + 2 + 8)
        );
    }
}
