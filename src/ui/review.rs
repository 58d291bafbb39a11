//! The review screen: one position at a time with its evidence, and the
//! summary when the scope is done.

use super::layout;
use super::preview;
use super::theme::Theme;
use crate::app::{ReviewView, State};
use crate::review::{Counts, ItemKind, Mark, Status};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Wrap};

/// How a review status is written.
pub fn status_text(status: Status) -> String {
    match status {
        Status::Unreviewed => "unreviewed".into(),
        Status::Marked(m) => format!("{} {}", m.glyph(), m.label()),
        Status::Stale(m) => format!("⟳ {} — stale, changed since review", m.label()),
    }
}

/// The glyph shown beside an item in lists: its mark, `⟳` when stale.
pub fn glyph(state: &State, kind: ItemKind, index: usize) -> &'static str {
    match state
        .review
        .as_ref()
        .map(|r| r.status(&state.data.ds, kind, index))
    {
        Some(Status::Marked(m)) => m.glyph(),
        Some(Status::Stale(_)) => "⟳",
        _ => " ",
    }
}

fn counts(state: &State, view: &ReviewView) -> Counts {
    state
        .review
        .as_ref()
        .map(|r| r.tally(&state.data.ds, &view.queue))
        .unwrap_or_default()
}

pub fn render(f: &mut Frame, area: Rect, state: &State, view: &ReviewView, theme: Theme) {
    let a = layout::review(area);
    let c = counts(state, view);
    let label = format!(
        "{}/{} reviewed · {} disputed · {} flagged{}",
        c.reviewed(),
        c.total,
        c.disputed,
        c.flagged,
        if c.stale > 0 {
            format!(" · {} stale", c.stale)
        } else {
            String::new()
        }
    );
    let ratio = if c.total == 0 {
        0.0
    } else {
        c.reviewed() as f64 / c.total as f64
    };
    let gauge = Gauge::default()
        .block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border(true))
                .title(Span::styled(
                    format!(" Review · {} ", view.scope),
                    theme.title(true),
                )),
        )
        .gauge_style(theme.key())
        .ratio(ratio.clamp(0.0, 1.0))
        .label(label);
    f.render_widget(gauge, a.gauge);

    let (title, lines) = if view.summary {
        summary(state, view, theme)
    } else {
        item(state, view, theme)
    };
    let body = Paragraph::new(lines)
        .block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.border(false))
                .title(Span::styled(format!(" {title} "), theme.title(false))),
        )
        .wrap(Wrap { trim: false })
        .scroll((view.scroll.min(u16::MAX as usize) as u16, 0));
    f.render_widget(body, a.body);

    let hints = if view.summary {
        "[/] back to unreviewed items · h/l items · Esc leave review · ? help"
    } else {
        "a verify · x dispute · f flag · s skip · u undo · n note · ]/[ unreviewed · Tab/Enter quote · ? help"
    };
    match &state.message {
        Some(m) => f.render_widget(Line::styled(format!(" {m}"), theme.key()), a.hints),
        None => f.render_widget(Line::styled(hints, theme.dim()), a.hints),
    }
}

fn item<'a>(state: &'a State, view: &ReviewView, theme: Theme) -> (String, Vec<Line<'a>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let Some(pos) = view.position() else {
        return ("Review".into(), vec![]);
    };
    let p = &ds.positions[pos];
    let issue = ix.issue_title(ds, &p.issue);
    let status = state.review.as_ref().map_or(Status::Unreviewed, |r| {
        r.status(ds, ItemKind::Position, pos)
    });
    let mut lines = vec![
        Line::from(vec![
            Span::styled(ix.party_name(ds, &p.party), theme.strong()),
            Span::raw("  "),
            Span::styled(
                format!("{} {}", p.stance.glyph(), p.stance.label()),
                theme.stance(p.stance),
            ),
            Span::raw("  on  "),
            Span::styled(issue, theme.strong()),
        ]),
        Line::styled(
            [
                p.date.clone(),
                p.by.as_ref()
                    .and_then(|b| ix.people.get(b))
                    .map(|&k| format!("by {}", ds.people[k].name)),
                Some(p.id.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            theme.dim(),
        ),
        Line::raw(""),
        Line::raw(p.summary.as_str()),
        Line::raw(""),
    ];
    let mut mark = vec![
        Span::styled("mark: ", theme.dim()),
        Span::styled(status_text(status), theme.key()),
    ];
    if let Some(it) = state
        .review
        .as_ref()
        .and_then(|r| r.item(ItemKind::Position, &p.id))
        && it.mark.is_some()
    {
        mark.push(Span::styled(
            format!(
                "  by {} at {}",
                crate::text::clean_inline(&it.reviewer),
                crate::text::clean_inline(&it.time)
            ),
            theme.dim(),
        ));
    }
    lines.push(Line::from(mark));
    if let Some(note) = state
        .review
        .as_ref()
        .and_then(|r| r.note(ds, ItemKind::Position, pos))
    {
        lines.push(Line::styled("note:", theme.dim()));
        for l in note.lines() {
            lines.push(Line::raw(format!("  {}", crate::text::clean_inline(l))));
        }
    }
    for (k, qid) in p.quotes.iter().enumerate() {
        let Some(&q) = ix.quotes.get(qid) else {
            continue;
        };
        let quote = &ds.quotes[q];
        lines.push(Line::raw(""));
        let selected = k == view.quote;
        let mut head = vec![Span::styled(
            format!(
                "{} Quote {}/{}",
                if selected { "▶" } else { " " },
                k + 1,
                p.quotes.len()
            ),
            if selected {
                theme.key()
            } else {
                theme.strong()
            },
        )];
        let cite: Vec<String> = super::speaker_name(state, quote)
            .map(str::to_string)
            .into_iter()
            .chain(super::source_of(state, quote).map(|s| {
                [
                    Some(s.title.as_str()),
                    s.publisher.as_deref(),
                    s.published.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
            }))
            .collect();
        head.push(Span::styled(
            format!(" — {}", cite.join(" · ")),
            theme.dim(),
        ));
        let qstatus = glyph(state, ItemKind::Quote, q);
        if qstatus.trim().is_empty() {
            lines.push(Line::from(head));
        } else {
            head.push(Span::styled(format!("  {qstatus}"), theme.key()));
            lines.push(Line::from(head));
        }
        if let Some(s) = super::source_of(state, quote) {
            lines.extend(preview::context(s.body(), quote, theme));
        }
    }
    (
        format!("Position {}/{}", view.at + 1, view.queue.len()),
        lines,
    )
}

fn summary<'a>(state: &'a State, view: &ReviewView, theme: Theme) -> (String, Vec<Line<'a>>) {
    let ds = &state.data.ds;
    let c = counts(state, view);
    let mut lines = vec![
        Line::styled(format!("Review of {} complete", view.scope), theme.strong()),
        Line::raw(format!(
            "{} verified · {} disputed · {} flagged · {} skipped · {} unreviewed",
            c.verified, c.disputed, c.flagged, c.skipped, c.unreviewed
        )),
    ];
    for wanted in [Mark::Disputed, Mark::Flagged] {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("{} {}", wanted.glyph(), wanted.label()),
            theme.key(),
        ));
        let mut any = false;
        for &p in &view.queue {
            let Some(r) = &state.review else { continue };
            if r.status(ds, ItemKind::Position, p) != Status::Marked(wanted) {
                continue;
            }
            any = true;
            let pos = &ds.positions[p];
            lines.push(Line::raw(format!("• {} — {}", pos.id, pos.summary)));
            if let Some(note) = r.note(ds, ItemKind::Position, p) {
                for l in note.lines() {
                    lines.push(Line::styled(
                        format!("    {}", crate::text::clean_inline(l)),
                        theme.dim(),
                    ));
                }
            }
        }
        if !any {
            lines.push(Line::styled("  none", theme.dim()));
        }
    }
    if let Some(r) = &state.review {
        let orphans = r.orphans(ds);
        if !orphans.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Marks on items no longer in the dataset",
                theme.key(),
            ));
            for o in orphans {
                let m = o.mark.map_or("note", Mark::label);
                lines.push(Line::raw(format!(
                    "• {} {} — {m}",
                    o.kind.label(),
                    crate::text::clean_inline(&o.id)
                )));
            }
        }
    }
    ("Summary".into(), lines)
}
