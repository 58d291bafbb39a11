//! The source viewer: a whole source text, wrapped, with quotes marked.

use super::highlight;
use super::hints::Hints;
use crate::app::{SourceView, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::layout::SourceAreas;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

pub fn render(f: &mut Frame, areas: &SourceAreas, state: &State, view: &SourceView, theme: Theme) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let source = &ds.sources[view.source];
    let quotes = &ix.quotes_by_source[view.source];

    let mut meta: Vec<String> = [&source.publisher, &source.published, &source.note]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if meta.is_empty() {
        meta.push(source.id.clone());
    }
    let mut header = vec![
        Line::styled(source.title.as_str(), theme.strong()),
        Line::styled(meta.join(" · "), theme.dim()),
    ];
    header.push(match (&view.find, view.quote) {
        (Some(find), _) => Line::from(vec![
            Span::styled(
                if find.matches.is_empty() {
                    "no match".to_string()
                } else {
                    format!("match {} of {}", find.current + 1, find.matches.len())
                },
                theme.key(),
            ),
            Span::raw(format!(" · find “{}”", find.query)),
            Span::raw(
                Some(
                    Hints::new(&state.keymap, Mode::Source)
                        .add_as(&[Command::NextQuote, Command::PrevQuote], "step")
                        .add_as(&[Command::ClearFind], "clears"),
                )
                .filter(|h| !h.is_empty())
                .map_or(String::new(), |h| format!(" · {}", h.text())),
            ),
        ]),
        (None, quote) => match quote {
            Some(q) => {
                let n = quotes.iter().position(|&x| x == q).map_or(0, |k| k + 1);
                let cited: Vec<String> = ix.citing_positions[q]
                    .iter()
                    .map(|&p| {
                        let p = &ds.positions[p];
                        let party = ix.party_name(ds, &p.party);
                        let issue = ix.issue_title(ds, &p.issue);
                        format!("{party} on {issue} ({})", p.stance.label())
                    })
                    .collect();
                let cited = if cited.is_empty() {
                    "cited by no position".to_string()
                } else {
                    format!("cited by: {}", cited.join("; "))
                };
                Line::from(vec![
                    Span::styled(format!("quote {n} of {}", quotes.len()), theme.key()),
                    Span::raw(" · "),
                    super::anchor::short(state, q, theme),
                    Span::raw(format!(" · {cited}")),
                    Span::styled(
                        state
                            .data
                            .problems
                            .closest_passage(q)
                            .map_or(String::new(), |p| format!(" · closest passage: {p}")),
                        theme.dim(),
                    ),
                ])
            }
            None => Line::styled(
                format!("{} quotes in this source", quotes.len()),
                theme.dim(),
            ),
        },
    });
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(" Source ", theme.title(false)));
    f.render_widget(Paragraph::new(header).block(block), areas.header);

    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(" Text ", theme.title(true)));
    f.render_widget(block, areas.body);

    let height = usize::from(areas.text.height);
    let visible =
        &view.lines[view.scroll.min(view.lines.len())..view.lines.len().min(view.scroll + height)];
    let (lo, hi) = match (visible.first(), visible.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (0, 0),
    };
    // Other quotes first, the focused quote last so its style wins.
    let mut marks = Vec::new();
    for &q in quotes {
        if Some(q) == view.quote {
            continue;
        }
        for r in &ds.quotes[q].anchor {
            if r.start < hi && r.end > lo {
                marks.push((r.clone(), theme.other_quote()));
            }
        }
    }
    if let Some(q) = view.quote {
        marks.extend(
            ds.quotes[q]
                .anchor
                .iter()
                .map(|r| (r.clone(), theme.quote())),
        );
    }
    // Find matches over quotes, and the match in focus over the others.
    if let Some(find) = &view.find {
        let shown = |r: &&std::ops::Range<usize>| r.start < hi && r.end > lo;
        marks.extend(
            find.matches
                .iter()
                .enumerate()
                .filter(|(i, r)| *i != find.current && shown(r))
                .map(|(_, r)| (r.clone(), theme.find_match())),
        );
        if let Some(r) = find.matches.get(find.current) {
            marks.push((r.clone(), theme.find_current()));
        }
    }
    let body = source.body();
    let lines: Vec<Line> = visible
        .iter()
        .map(|r| Line::from(highlight::spans(&body[r.clone()], r.start, &marks)))
        .collect();
    f.render_widget(Paragraph::new(lines), areas.text);

    if view.lines.len() > height {
        let mut bar =
            ScrollbarState::new(view.lines.len().saturating_sub(height)).position(view.scroll);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            areas.body,
            &mut bar,
        );
    }
}
