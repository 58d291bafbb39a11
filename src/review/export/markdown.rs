//! The review as a Markdown document that renders cleanly on GitHub: every
//! piece of user text escaped, quotes as block quotes with their citation.

use super::{QuoteEntry, ReviewFields, build};
use crate::markdown::{code as md_code, inline as md_inline, lines as md_lines};
use crate::prepared::Prepared;
use crate::review::{Review, Status};
use std::fmt::Write as _;

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
            if let Some(reporter) = p.reported_by {
                let _ = write!(
                    out,
                    " · reported by {}, not stated by the party itself",
                    md_inline(reporter)
                );
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
}
