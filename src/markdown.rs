//! Writing user text into Markdown (GitHub flavoured) so that it shows
//! exactly as written: reports, briefings and copied citations.

use std::fmt::Write as _;

/// Escapes text for Markdown (GitHub flavoured): every character that could
/// start formatting, a link, HTML, an entity, a table cell, strikethrough or
/// math is backslash-escaped, so user text shows exactly as written.
///
/// GitHub links bare `http://`, `https://`, `ftp://` and `www.` addresses by
/// scanning the raw text, backslashes included, so an escaped address would
/// show its backslashes and point elsewhere. Addresses are therefore written
/// as `<…>` autolinks, unescaped (nothing inside one is formatting), and a
/// bare `www.` is kept from linking.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        // GitHub takes the run of ASCII letters before `://` as the scheme.
        if prev.is_none_or(|p| !p.is_ascii_alphabetic())
            && let Some(len) = url_len(rest)
        {
            let url = &rest[..len];
            if looks_like_entity(url) {
                // An autolink would decode it: show the address as text,
                // kept from linking by escaping its colon.
                let colon = url.find(':').expect("a scheme ends with a colon");
                let _ = write!(out, "{}\\:", &url[..colon]);
                prev = Some(':');
                rest = &rest[colon + 1..];
            } else {
                let _ = write!(out, "<{url}>");
                prev = url.chars().next_back();
                rest = &rest[len..];
            }
            continue;
        }
        if rest
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
        {
            out.push_str(&rest[..3]);
            out.push_str("\\.");
            prev = Some('.');
            rest = &rest[4..];
            continue;
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '`' | '~' | '&' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether `s` holds something like `&amp;` or `&#60;`.
fn looks_like_entity(s: &str) -> bool {
    s.match_indices('&').any(|(i, _)| {
        let after = s[i + 1..].strip_prefix('#').unwrap_or(&s[i + 1..]);
        let name = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        name > 0 && after[name..].starts_with(';')
    })
}

/// The length of the web address `s` starts with, if any: up to a blank,
/// `<` or `>`, less trailing punctuation and unbalanced closing brackets,
/// as GitHub's autolinker reads it.
fn url_len(s: &str) -> Option<usize> {
    let scheme = ["http://", "https://", "ftp://"]
        .into_iter()
        .find(|p| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))?;
    let end = s
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'))
        .unwrap_or(s.len());
    let mut url = &s[..end];
    while let Some(last) = url.chars().next_back() {
        let unbalanced = last == ')' && url.matches(')').count() > url.matches('(').count();
        let trailing = matches!(
            last,
            '?' | '!' | '.' | ',' | ':' | ';' | '*' | '_' | '~' | '\'' | '"'
        );
        if !(unbalanced || trailing) {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    (url.len() > scheme.len()).then_some(url.len())
}

/// Escapes one line that starts a Markdown line: besides [`inline`],
/// leading blanks go (they would make code blocks) and whatever would open
/// a block (`-`, `+`, `=`, `1.`, `1)`) is escaped.
pub fn line_start(line: &str) -> String {
    let line = line.trim_start();
    let mut out = inline(line);
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Multi-line text laid out inside a block: each line escaped, lines after
/// the first prefixed with `cont` (the indent of a list item, or `> ` in a
/// blockquote) and joined by hard line breaks so they show as written.
pub fn lines(s: &str, cont: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = s.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push_str(cont);
        }
        out.push_str(&line_start(line));
        if n + 1 < lines.len() {
            // A backslash at the end of a line is a hard line break; on an
            // empty line it keeps the blank line.
            out.push('\\');
            out.push('\n');
        }
    }
    out
}

/// An id as inline code, fenced with more backticks than it contains.
pub fn code(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_covers_block_starts() {
        assert_eq!(
            inline(r"a\b*c_d[e]f<g>h#i|j`k~l&m$n"),
            r"a\\b\*c\_d\[e\]f\<g\>h\#i\|j\`k\~l\&m\$n"
        );
        assert_eq!(line_start("  - item"), r"\- item");
        assert_eq!(line_start("+ item"), r"\+ item");
        assert_eq!(line_start("==="), r"\===");
        assert_eq!(line_start("2024. A year"), r"2024\. A year");
        assert_eq!(line_start("3) three"), r"3\) three");
        assert_eq!(line_start("# title"), r"\# title");
        assert_eq!(line_start("    code"), "code");
        assert_eq!(lines("a\nb", "> "), "a\\\n> b");
        assert_eq!(
            inline("see https://x.org/a_b#c?d=1&e=(2)). or www.x.org/a_b"),
            r"see <https://x.org/a_b#c?d=1&e=(2)>). or www\.x.org/a\_b"
        );
        assert_eq!(inline("(HTTPS://x.org/*y*)"), r"(<HTTPS://x.org/*y>\*)");
        assert_eq!(inline("https:// xhttps://a_b"), r"https:// xhttps://a\_b");
        assert_eq!(inline("2http://x.org/a_b"), "2<http://x.org/a_b>");
        assert_eq!(inline("http://x.org/?a&amp;b"), r"http\://x.org/?a\&amp;b");
        assert_eq!(inline("awww.x.org"), r"awww\.x.org");
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
