//! The preview pane: the selected item in full.

use super::highlight;
use super::theme::Theme;
use crate::app::{Pane, State};
use crate::model::Quote;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Bytes of source shown on each side of a quote.
const CONTEXT: usize = 280;

pub fn render(f: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let (title, lines) = match state.main.focus {
        Pane::Parties => party(state, theme),
        Pane::Issues => issue(state, theme),
        Pane::Positions => position(state, theme),
        Pane::Quotes => quote(state, theme),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(format!(" {title} "), theme.title(false)));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn field<'a>(theme: Theme, name: &'a str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name}: "), theme.dim()),
        Span::raw(value.into()),
    ])
}

fn party(state: &State, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let Some(p) = state.main.party() else {
        let mut lines = vec![Line::styled(ds.title.as_str(), theme.strong())];
        if let Some(d) = &ds.description {
            lines.push(Line::raw(d.as_str()));
        }
        lines.push(Line::raw(""));
        lines.push(field(
            theme,
            "contains",
            format!(
                "{} parties, {} issues, {} positions, {} quotes",
                ds.parties.len(),
                ds.issues.len(),
                ds.positions.len(),
                ds.quotes.len()
            ),
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sources", theme.strong()));
        for s in &ds.sources {
            let when = s
                .published
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            lines.push(Line::raw(format!("• {}{when}", s.title)));
        }
        if !ds.events.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Events", theme.strong()));
            for e in &ds.events {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", e.date), theme.dim()),
                    Span::raw(e.title.as_str()),
                ]));
            }
        }
        return ("Dataset".into(), lines);
    };
    let party = &ds.parties[p];
    let mut lines = vec![
        Line::styled(party.name.as_str(), theme.strong()),
        field(theme, "role", party.role.label()),
    ];
    if !party.aliases.is_empty() {
        lines.push(field(theme, "also", party.aliases.join(", ")));
    }
    lines.push(field(
        theme,
        "positions",
        ix.positions_by_party[p].len().to_string(),
    ));
    if !ix.people_by_party[p].is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("People", theme.strong()));
        for &k in &ix.people_by_party[p] {
            let person = &ds.people[k];
            let mut spans = vec![Span::raw(format!("• {}", person.name))];
            if let Some(t) = &person.title {
                spans.push(Span::styled(format!(", {t}"), theme.dim()));
            }
            lines.push(Line::from(spans));
        }
    }
    ("Party".into(), lines)
}

fn issue(state: &State, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let Some(i) = state.main.issue() else {
        return ("Issue".into(), vec![]);
    };
    let issue = &ds.issues[i];
    let mut lines = vec![
        Line::styled(issue.title.as_str(), theme.strong()),
        Line::from(vec![
            Span::styled("status: ", theme.dim()),
            Span::styled(issue.status.label(), theme.status(issue.status)),
        ]),
    ];
    if let Some(parent) = issue.parent.as_ref().and_then(|p| ix.issues.get(p)) {
        lines.push(field(theme, "part of", ds.issues[*parent].title.as_str()));
    }
    if !issue.tags.is_empty() {
        lines.push(field(theme, "tags", issue.tags.join(", ")));
    }
    if let Some(s) = &issue.summary {
        lines.push(Line::raw(""));
        lines.push(Line::raw(s.as_str()));
    }
    if !ix.children[i].is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sub-issues", theme.strong()));
        for &c in &ix.children[i] {
            lines.push(Line::raw(format!("• {}", ds.issues[c].title)));
        }
    }
    if !ix.positions_by_issue[i].is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Positions", theme.strong()));
        for &pos in &ix.positions_by_issue[i] {
            let p = &ds.positions[pos];
            let party = ix
                .parties
                .get(&p.party)
                .map_or(p.party.as_str(), |&k| ds.parties[k].name.as_str());
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} {} ", p.stance.glyph(), p.stance.label()),
                    theme.stance(p.stance),
                ),
                Span::raw(party),
            ]));
        }
    }
    ("Issue".into(), lines)
}

fn position(state: &State, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let Some(pos) = state.main.position() else {
        return ("Position".into(), vec![]);
    };
    let p = &ds.positions[pos];
    let party = ix
        .parties
        .get(&p.party)
        .map_or(p.party.as_str(), |&k| ds.parties[k].name.as_str());
    let issue = ix
        .issues
        .get(&p.issue)
        .map_or(p.issue.as_str(), |&k| ds.issues[k].title.as_str());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(party, theme.strong()),
            Span::raw(" "),
            Span::styled(
                format!("{} {}", p.stance.glyph(), p.stance.label()),
                theme.stance(p.stance),
            ),
        ]),
        field(theme, "issue", issue),
    ];
    if let Some(d) = &p.date {
        lines.push(field(theme, "date", d.as_str()));
    }
    if let Some(by) = p.by.as_ref().and_then(|b| ix.people.get(b)) {
        lines.push(field(theme, "by", ds.people[*by].name.as_str()));
    }
    for link in &p.links {
        let other = ix
            .issues
            .get(&link.issue)
            .map_or(link.issue.as_str(), |&k| ds.issues[k].title.as_str());
        lines.push(field(theme, link.kind.label(), other));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(p.summary.as_str()));
    lines.push(Line::raw(""));
    lines.push(field(theme, "quotes", p.quotes.len().to_string()));
    ("Position".into(), lines)
}

fn quote(state: &State, theme: Theme) -> (String, Vec<Line<'_>>) {
    let Some(qi) = state.main.quote() else {
        return ("Quote".into(), vec![]);
    };
    let q = &state.data.ds.quotes[qi];
    let mut lines = Vec::new();
    if let Some(who) = super::speaker_name(state, q) {
        lines.push(field(theme, "speaker", who));
    }
    if let Some(s) = super::source_of(state, q) {
        let mut cite = s.title.clone();
        for extra in [&s.publisher, &s.published].into_iter().flatten() {
            cite.push_str(&format!(" · {extra}"));
        }
        lines.push(field(theme, "source", cite));
        lines.push(Line::raw(""));
        lines.extend(context(s.body(), q, theme));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Enter opens the source at this quote",
            theme.dim(),
        ));
    }
    ("Quote in context".into(), lines)
}

/// The quote with some of its surrounding source text, quote highlighted.
fn context<'a>(body: &'a str, q: &Quote, theme: Theme) -> Vec<Line<'a>> {
    let (Some(first), Some(last)) = (q.anchor.first(), q.anchor.last()) else {
        return vec![Line::raw(format!("“{}”", q.text))];
    };
    let mut start = first.start.saturating_sub(CONTEXT);
    while !body.is_char_boundary(start) {
        start += 1;
    }
    // Begin at a word, not in the middle of one.
    if start > 0 {
        start = body[start..first.start]
            .find(' ')
            .map_or(start, |k| start + k + 1);
    }
    let mut end = (last.end + CONTEXT).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    if end < body.len() {
        end = body[last.end..end].rfind(' ').map_or(end, |k| last.end + k);
    }
    let marks: Vec<_> = q
        .anchor
        .iter()
        .map(|r| (r.clone(), theme.quote()))
        .collect();
    let mut lines = Vec::new();
    let mut at = start;
    for (n, piece) in body[start..end].split('\n').enumerate() {
        let mut spans = highlight::spans(piece, at, &marks);
        if n == 0 && start > 0 {
            spans.insert(0, Span::styled("…", theme.dim()));
        }
        lines.push(Line::from(spans));
        at += piece.len() + 1;
    }
    if end < body.len()
        && let Some(last) = lines.last_mut()
    {
        last.spans.push(Span::styled("…", theme.dim()));
    }
    lines
}
