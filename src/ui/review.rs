//! The review screen: one position at a time with its evidence, and the
//! summary when the scope is done.

use super::hints::Hints;
use super::preview;
use crate::app::{ReviewView, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout;
use crate::model::{ItemRef, Kind};
use crate::review::{Counts, Mark, Status};
use crate::theme::Theme;
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

/// Beside a mark the review file does not have yet (a save failed).
pub const UNSAVED: &str = "*";

/// The glyph shown beside an item in lists: its mark, `⟳` when stale.
pub fn glyph(state: &State, item: ItemRef) -> &'static str {
    match state.review.as_ref().map(|r| r.status(&state.data, item)) {
        Some(Status::Marked(m)) => m.glyph(),
        Some(Status::Stale(_)) => "⟳",
        _ => " ",
    }
}

fn counts(state: &State, view: &ReviewView) -> Counts {
    state
        .review
        .as_ref()
        .map(|r| r.tally(&state.data, &view.queue))
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

    // Every line takes a row at least, so none past this one can show.
    let rows = view.scroll + usize::from(a.body.height);
    let (title, lines) = if view.summary {
        summary(state, view, theme)
    } else {
        item(state, view, theme, rows)
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

    let hints = Hints::new(&state.keymap, Mode::Review);
    let hints = if view.summary {
        hints
            .add_as(
                &[Command::PrevUnreviewed, Command::NextUnreviewed],
                "back to unreviewed items",
            )
            .hint(&[Command::PrevItem, Command::NextItem])
            .add_as(&[Command::Back], "leave review")
            .hint(&[Command::ToggleHelp])
    } else {
        hints
            .hint(&[Command::MarkVerified])
            .hint(&[Command::MarkDisputed])
            .hint(&[Command::MarkFlagged])
            .hint(&[Command::MarkSkipped])
            .hint(&[Command::Undo])
            .hint(&[Command::Note])
            .hint(&[Command::NextUnreviewed, Command::PrevUnreviewed])
            .hint(&[Command::NextQuoteInItem, Command::Open])
            .hint(&[Command::ToggleHelp])
    };
    let line = match (
        super::status::notice(state, theme),
        super::status::badge(state),
    ) {
        (Some(notice), _) => notice,
        (None, Some(badge)) => Line::from(vec![
            Span::styled(format!("{badge} "), theme.key()),
            Span::styled(hints.text(), theme.dim()),
        ]),
        (None, None) => Line::styled(hints.text(), theme.dim()),
    };
    f.render_widget(line, a.hints);
}

/// The position under review and its evidence, in lines enough to fill
/// `rows` rows: a position may cite thousands of quotes, and a frame must
/// not build every one.
fn item<'a>(
    state: &'a State,
    view: &ReviewView,
    theme: Theme,
    rows: usize,
) -> (String, Vec<Line<'a>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let Some(pos) = view.position() else {
        return ("Review".into(), vec![]);
    };
    let p = &ds.positions[pos];
    let issue = ix.issue_title(ds, &p.issue);
    let status = state
        .review
        .as_ref()
        .map_or(Status::Unreviewed, |r| r.status(&state.data, pos.into()));
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
                p.by.as_deref()
                    .and_then(|b| ix.person(b))
                    .map(|k| format!("by {}", ds.people[k].name)),
                Some(p.id.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            theme.dim(),
        ),
    ];
    lines.extend(preview::provenance(state, pos, theme));
    lines.extend([Line::raw(""), Line::raw(p.summary.as_str()), Line::raw("")]);
    let mut mark = vec![
        Span::styled("mark: ", theme.dim()),
        Span::styled(status_text(status), theme.key()),
    ];
    if state.is_unsaved(Kind::Position, state.data.review_id(pos.into())) {
        mark.push(Span::styled(
            format!("  {UNSAVED} not saved yet"),
            theme.key(),
        ));
    }
    if let Some(it) = state
        .review
        .as_ref()
        .and_then(|r| r.item_of(&state.data, pos.into()))
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
        .and_then(|r| r.note(&state.data, pos.into()))
    {
        lines.push(Line::styled("note:", theme.dim()));
        for l in note.lines() {
            lines.push(Line::raw(format!("  {}", crate::text::clean_inline(l))));
        }
    }
    let quotes = &ix.quotes_of[pos];
    for (k, &q) in quotes.iter().enumerate() {
        if lines.len() >= rows {
            break;
        }
        let quote = &ds.quotes[q];
        lines.push(Line::raw(""));
        let selected = k == view.quote;
        let mut head = vec![Span::styled(
            format!(
                "{} Quote {}/{}",
                if selected { "▶" } else { " " },
                k + 1,
                quotes.len()
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
        head.push(Span::raw(" · "));
        head.push(super::anchor::short(state, q, theme));
        let qstatus = glyph(state, q.into());
        if qstatus.trim().is_empty() {
            lines.push(Line::from(head));
        } else {
            head.push(Span::styled(format!("  {qstatus}"), theme.key()));
            lines.push(Line::from(head));
        }
        if quote.anchor_state == crate::model::AnchorState::Orphaned {
            lines.push(super::anchor::line(state, q, theme));
        }
        if let Some(s) = super::source_of(state, quote) {
            lines.extend(preview::context(s.body(), quote, theme));
        }
    }
    let relations = crate::analysis::relations(&state.data, pos.into());
    if !relations.is_empty() && lines.len() < rows {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Links", theme.strong()));
        for (k, r) in relations.iter().enumerate() {
            let selected = quotes.len() + k == view.quote;
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} {}: ", if selected { "▶" } else { " " }, r.label),
                    if selected { theme.key() } else { theme.dim() },
                ),
                Span::raw(crate::analysis::describe(&state.data, r.target)),
            ]));
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
            if r.status(&state.data, p.into()) != Status::Marked(wanted) {
                continue;
            }
            any = true;
            let pos = &ds.positions[p];
            lines.push(Line::raw(format!("• {} — {}", pos.id, pos.summary)));
            if let Some(note) = r.note(&state.data, p.into()) {
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
        let orphans = r.orphans(&state.data);
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
                    o.kind.as_str(),
                    crate::text::clean_inline(&o.id)
                )));
            }
        }
    }
    ("Summary".into(), lines)
}
