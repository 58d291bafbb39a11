//! The dataset as a Markdown briefing: per issue, in the tree's order,
//! each party's positions with stance, date and provenance, and their
//! quotes with full citations; then the position matrix as a table.

use crate::analysis::{self, short_stance};
use crate::cite;
use crate::markdown::{code, inline, line_start, lines};
use crate::prepared::Prepared;
use std::fmt::Write as _;

pub fn markdown(data: &Prepared) -> String {
    let (ds, ix) = (&data.ds, &data.index);
    let parties = analysis::columns(data);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&ds.title));
    if let Some(d) = &ds.description {
        let _ = writeln!(out, "{}\n", lines(d, ""));
    }
    let _ = writeln!(
        out,
        "Dataset {} · {} parties · {} issues · {} positions · {} quotes\n",
        code(&ds.id),
        ds.parties.len(),
        ds.issues.len(),
        ds.positions.len(),
        ds.quotes.len()
    );
    for &(issue, depth) in &data.issue_tree {
        let i = &ds.issues[issue];
        let hashes = "#".repeat((depth + 2).min(6));
        let _ = writeln!(
            out,
            "{hashes} {} ({})\n",
            inline(&i.title),
            i.status.label()
        );
        if let Some(summary) = &i.summary {
            let _ = writeln!(out, "{}\n", lines(summary, ""));
        }
        for &party in &parties {
            let Some(cell) = analysis::cell(data, issue, party) else {
                continue;
            };
            let _ = writeln!(out, "**{}**\n", inline(&ds.parties[party].name));
            for &p in &cell.positions {
                let pos = &ds.positions[p];
                // The glyph starts the item's text: `+` there would open
                // a nested list.
                let stance = format!("{} {}", pos.stance.glyph(), pos.stance.label());
                let _ = write!(out, "- {}", line_start(&stance));
                if let Some(date) = &pos.date {
                    let _ = write!(out, " ({})", inline(date));
                }
                let _ = write!(out, ": {}", lines(&pos.summary, "  "));
                if let Some(by) = &pos.reported_by {
                    let _ = write!(
                        out,
                        " *Reported by {}, not stated by the party itself.*",
                        inline(ix.speaker_name(ds, by))
                    );
                }
                let _ = writeln!(out, " {}", code(&pos.id));
                for &q in &ix.quotes_of[p] {
                    let text = cite::words(data, q);
                    let _ = writeln!(out, "\n  > “{}”", lines(&text, "  > "));
                    let parts: Vec<String> = cite::attribution(data, q, pos.reported_by.is_some())
                        .into_iter()
                        .map(inline)
                        .collect();
                    let _ = writeln!(
                        out,
                        "  >\n  > — {}, {}",
                        parts.join(", "),
                        code(&ds.quotes[q].id)
                    );
                }
            }
            out.push('\n');
        }
    }
    out.push_str(&matrix_table(data, &parties));
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The matrix as a Markdown table: issues down, parties across.
fn matrix_table(data: &Prepared, parties: &[crate::model::PartyIx]) -> String {
    let ds = &data.ds;
    let mut out = String::from("## Position matrix\n\n");
    out.push_str(
        "Each cell is the party's latest stance on the issue; † marks a position reported by someone else, Δ a stance that moved.\n\n",
    );
    out.push_str("| Issue | Status |");
    for &p in parties {
        let _ = write!(out, " {} |", inline(&ds.parties[p].name));
    }
    out.push_str("\n|---|---|");
    for _ in parties {
        out.push_str("---|");
    }
    out.push('\n');
    for &(issue, depth) in &data.issue_tree {
        let i = &ds.issues[issue];
        let indent = "&nbsp;&nbsp;".repeat(depth);
        let _ = write!(
            out,
            "| {indent}{} | {} |",
            inline(&i.title),
            i.status.label()
        );
        for &p in parties {
            match analysis::cell(data, issue, p) {
                Some(cell) => {
                    let stance = ds.positions[cell.latest].stance;
                    let marks = format!(
                        "{}{}",
                        if cell.reported { "†" } else { "" },
                        if cell.moved { "Δ" } else { "" }
                    );
                    let _ = write!(out, " {} {}{marks} |", stance.glyph(), short_stance(stance));
                }
                None => out.push_str("  |"),
            }
        }
        out.push('\n');
    }
    out
}
