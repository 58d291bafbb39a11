//! The review as a Markdown document that renders cleanly on GitHub: every
//! piece of user text escaped, quotes as block quotes with their citation.

use super::{QuoteEntry, ReviewFields, build};
use crate::prepared::Prepared;
use crate::review::{Review, Status};
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
fn md_inline(s: &str) -> String {
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

/// Escapes one line that starts a Markdown line: besides [`md_inline`],
/// leading blanks go (they would make code blocks) and whatever would open
/// a block (`-`, `+`, `=`, `1.`, `1)`) is escaped.
fn md_line_start(line: &str) -> String {
    let line = line.trim_start();
    let mut out = md_inline(line);
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
fn md_lines(s: &str, cont: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = s.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push_str(cont);
        }
        out.push_str(&md_line_start(line));
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
fn md_code(s: &str) -> String {
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

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn glyph(status: Status) -> &'static str {
    match status {
        Status::Unreviewed => "○",
        Status::Marked(m) | Status::Stale(m) => m.glyph(),
    }
}

const STALE: &str = "stale — changed since review";

/// `✘ disputed`, `✘ disputed (stale — changed since review)`, `○ unreviewed`.
fn mark_text(r: &ReviewFields) -> String {
    let mut s = format!("{} {}", glyph(r.status), r.mark);
    if r.stale {
        let _ = write!(s, " ({STALE})");
    }
    s
}

/// Mark, reviewer, time and note as list items, followed by a blank line.
fn md_review_list(out: &mut String, r: &ReviewFields) {
    let _ = writeln!(out, "- **Mark:** {}", mark_text(r));
    if let Some(who) = &r.reviewer {
        let _ = writeln!(out, "- **Reviewer:** {}", md_inline(who));
    }
    if let Some(time) = &r.time {
        let _ = writeln!(out, "- **Time:** {}", md_inline(time));
    }
    if let Some(note) = &r.note {
        let _ = writeln!(out, "- **Note:** {}", md_lines(note, "  "));
    }
    out.push('\n');
}

/// `Speaker, *Title*, Publisher, Date`, leaving out what is missing.
fn md_citation(q: &QuoteEntry) -> String {
    let mut parts = Vec::new();
    if let Some(who) = q.speaker {
        parts.push(md_inline(who));
    }
    if let Some(s) = &q.source {
        if !s.title.is_empty() {
            parts.push(format!("*{}*", md_inline(s.title)));
        }
        parts.extend(s.publisher.map(md_inline));
        parts.extend(s.published.map(md_inline));
    }
    parts.push(md_code(q.id));
    parts.join(", ")
}

fn md_quote(out: &mut String, q: &QuoteEntry) {
    match q.text {
        Some(text) => {
            let _ = writeln!(out, "> {}", md_lines(text, "> "));
        }
        None => {
            let _ = writeln!(out, "> *Quote {} is not in the dataset.*", md_code(q.id));
        }
    }
    let _ = writeln!(out, ">\n> — {}", md_citation(q));
    if let Some(r) = &q.review {
        let _ = write!(out, ">\n> **Quote review:** {}", mark_text(r));
        for extra in [&r.reviewer, &r.time].into_iter().flatten() {
            let _ = write!(out, " · {}", md_inline(extra));
        }
        out.push('\n');
        if let Some(note) = &r.note {
            let _ = writeln!(out, ">\n> **Note:** {}", md_lines(note, "> "));
        }
    }
    out.push('\n');
}

/// The review as a Markdown document that renders cleanly on GitHub.
pub fn markdown(data: &Prepared, review: &Review) -> String {
    let report = build(data, review);
    let c = &report.counts;
    let mut out = String::new();
    let _ = writeln!(out, "# Review: {}\n", md_inline(report.dataset.title));
    let _ = writeln!(
        out,
        "Dataset {} · {} of {} positions reviewed\n",
        md_code(report.dataset.id),
        c.reviewed(),
        c.total
    );
    out.push_str(
        "| Verified | Disputed | Flagged | Skipped | Unreviewed | Stale | Orphaned marks |\n",
    );
    out.push_str("|---:|---:|---:|---:|---:|---:|---:|\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n",
        c.verified, c.disputed, c.flagged, c.skipped, c.unreviewed, c.stale, c.orphaned
    );
    if c.stale > 0 {
        out.push_str(
            "Stale positions changed in the dataset after they were marked; they count as unreviewed.\n\n",
        );
    }
    for issue in &report.issues {
        let _ = writeln!(out, "## {}\n", md_inline(issue.title));
        if let Some(r) = &issue.review {
            out.push_str("Review of the issue:\n\n");
            md_review_list(&mut out, r);
        }
        for p in &issue.positions {
            let r = &p.review;
            let mut head = format!("{} {}", glyph(r.status), capitalized(r.mark));
            if r.stale {
                head.push_str(" (stale)");
            }
            let _ = write!(
                out,
                "### {head} · {} — {}",
                md_inline(p.party),
                md_inline(p.stance)
            );
            if let Some(date) = p.date {
                let _ = write!(out, " ({})", md_inline(date));
            }
            out.push_str("\n\n");
            let _ = write!(out, "{}", md_code(p.id));
            if let Some(by) = p.by {
                let _ = write!(out, " · stated by {}", md_inline(by));
            }
            out.push_str("\n\n");
            let _ = writeln!(out, "{}\n", md_lines(p.summary, ""));
            md_review_list(&mut out, r);
            for q in &p.quotes {
                md_quote(&mut out, q);
            }
        }
    }
    out.push_str("## Orphaned marks\n\n");
    if report.orphans.is_empty() {
        out.push_str("None: every mark is on an item in the dataset.\n");
    } else {
        out.push_str(
            "Marks on items that are no longer in the dataset, kept so that nothing is lost.\n\n",
        );
        for o in &report.orphans {
            let _ = writeln!(out, "### {} {}\n", capitalized(o.kind), md_code(&o.id));
            match o.mark {
                Some(m) => {
                    let _ = writeln!(out, "- **Mark:** {} {}", m.glyph(), m.label());
                }
                None => out.push_str("- **Mark:** none (a note only)\n"),
            }
            let _ = writeln!(out, "- **Reviewer:** {}", md_inline(&o.reviewer));
            let _ = writeln!(out, "- **Time:** {}", md_inline(&o.time));
            if let Some(note) = &o.note {
                let _ = writeln!(out, "- **Note:** {}", md_lines(note, "  "));
            }
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixture::fixture;
    use super::*;

    #[test]
    fn markdown_escapes_user_text_and_cites_quotes() {
        let (data, review) = fixture();
        let md = markdown(&data, &review);
        assert!(md.starts_with("# Review: Fixture talks\n"), "{md}");
        assert!(md.contains("| 1 | 1 | 0 | 0 | 1 | 0 | 1 |"), "{md}");
        assert!(
            md.contains("### ✘ Disputed · Northland — demands (2024-05-06)\n"),
            "{md}"
        );
        assert!(
            md.contains("`north-ceasefire` · stated by Ana Ruiz"),
            "{md}"
        );
        assert!(
            md.contains("### ○ Unreviewed · Mediatoria — supports (2024)"),
            "{md}"
        );
        // The note: escaped, control characters visible, continuation lines
        // indented inside the list item with hard breaks.
        assert!(
            md.contains(
                "- **Note:** The quote says \\*bold\\* things\\\n  \\<script\\>alert(1)\\</script\\>\\\n  \\\n  \\- not a list ␛\\[31m\n"
            ),
            "{md}"
        );
        assert!(!md.contains("<script>"), "{md}");
        assert!(!md.contains('\u{1b}'), "{md}");
        assert!(
            md.contains(
                "> will not accept any ceasefire without guarantees\n>\n> — Northland, *Talks resume*, Fixture Wire, 2024-05-06, `q-north-guarantees`\n"
            ),
            "{md}"
        );
        assert!(md.contains("> — Ana Ruiz, *Talks resume*"), "{md}");
        assert!(
            md.contains("> — *Mediator statement*, `q-med-meet`"),
            "{md}"
        );
        assert!(md.contains("> **Quote review:** ⚑ flagged · ana"), "{md}");
        assert!(md.contains("- **Reviewer:** ana\n- **Time:** 2026-11-22T10:00:00Z\n"));
        // Issues without positions are left out; dataset order otherwise.
        assert!(!md.contains("## Security"), "{md}");
        let order: Vec<usize> = [
            "## Ceasefire",
            "## Joint commission",
            "## Further meetings",
            "## Orphaned marks",
        ]
        .iter()
        .map(|h| md.find(h).expect(h))
        .collect();
        assert!(order.is_sorted(), "{order:?}");
        assert!(md.contains("### Position `gone-position`\n\n- **Mark:** ↷ skipped\n- **Reviewer:** bo\n- **Time:** 2026-11-21T09:00:00Z\n- **Note:** kept \\*anyway\\*"), "{md}");
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }

    #[test]
    fn markdown_escaping_covers_block_starts() {
        assert_eq!(
            md_inline(r"a\b*c_d[e]f<g>h#i|j`k~l&m$n"),
            r"a\\b\*c\_d\[e\]f\<g\>h\#i\|j\`k\~l\&m\$n"
        );
        assert_eq!(md_line_start("  - item"), r"\- item");
        assert_eq!(md_line_start("+ item"), r"\+ item");
        assert_eq!(md_line_start("==="), r"\===");
        assert_eq!(md_line_start("2024. A year"), r"2024\. A year");
        assert_eq!(md_line_start("3) three"), r"3\) three");
        assert_eq!(md_line_start("# title"), r"\# title");
        assert_eq!(md_line_start("    code"), "code");
        assert_eq!(md_lines("a\nb", "> "), "a\\\n> b");
        assert_eq!(
            md_inline("see https://x.org/a_b#c?d=1&e=(2)). or www.x.org/a_b"),
            r"see <https://x.org/a_b#c?d=1&e=(2)>). or www\.x.org/a\_b"
        );
        assert_eq!(md_inline("(HTTPS://x.org/*y*)"), r"(<HTTPS://x.org/*y>\*)");
        assert_eq!(
            md_inline("https:// xhttps://a_b"),
            r"https:// xhttps://a\_b"
        );
        assert_eq!(md_inline("2http://x.org/a_b"), "2<http://x.org/a_b>");
        assert_eq!(
            md_inline("http://x.org/?a&amp;b"),
            r"http\://x.org/?a\&amp;b"
        );
        assert_eq!(md_inline("awww.x.org"), r"awww\.x.org");
        assert_eq!(md_code("plain"), "`plain`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`x"), "`` `x ``");
    }
}
