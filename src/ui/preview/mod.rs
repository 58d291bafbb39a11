//! The preview pane: the selected item in full.

use super::highlight;
use super::hints::Hints;
use crate::app::{Pane, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::model::{
    EventIx, IssueIx, ItemRef, PartyIx, PersonIx, PositionIx, Quote, QuoteIx, SourceIx, Stance,
};
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

mod room;
pub(super) use room::{Room, more};

/// Bytes of source shown on each side of a quote.
const CONTEXT: usize = 280;

/// What the preview shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preview {
    /// The dataset as a whole, under "All parties".
    Dataset,
    Item(ItemRef),
    Nothing,
}

impl Preview {
    /// The selection of the focused pane.
    pub fn of_main(state: &State) -> Preview {
        let main = &state.main;
        match main.focus {
            Pane::Parties if main.party_rows.is_empty() => Preview::Nothing,
            Pane::Parties => main
                .party()
                .map_or(Preview::Dataset, |p| Preview::Item(p.into())),
            pane => main.selected(pane).map_or(Preview::Nothing, Preview::Item),
        }
    }
}

pub fn render(f: &mut Frame, area: Rect, state: &State, preview: Preview, theme: Theme) {
    let room = Room::inside(area);
    let (title, lines) = match preview {
        Preview::Dataset => dataset(state, room, theme),
        Preview::Item(item) => match item {
            ItemRef::Party(p) => party(state, p, room, theme),
            ItemRef::Person(p) => person(state, p, room, theme),
            ItemRef::Issue(i) => issue(state, i, room, theme),
            ItemRef::Position(p) => position(state, p, room, theme),
            ItemRef::Quote(q) => quote(state, q, room, theme),
            ItemRef::Source(s) => source(state, s, room, theme),
            ItemRef::Event(e) => event(state, e, room, theme),
        },
        Preview::Nothing => ("Preview".into(), Vec::new()),
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

/// Whose account a position rests on, when not the party's own.
pub fn provenance(state: &State, p: PositionIx, theme: Theme) -> Vec<Line<'static>> {
    let (ds, ix) = (&state.data.ds, &state.data.index);
    match ds.positions[p].reported_by.as_deref() {
        Some(by) => vec![Line::from(vec![
            Span::styled(
                format!("{} reported by: ", super::panes::REPORTED),
                theme.key(),
            ),
            Span::raw(format!(
                "{} (not the party's own statement)",
                ix.speaker_name(ds, by)
            )),
        ])],
        None => Vec::new(),
    }
}

/// The item's links both ways, as the links menu lists them, in the
/// `room` the lines above them leave.
fn relations(state: &State, item: ItemRef, room: Room, theme: Theme) -> Vec<Line<'static>> {
    let rels = crate::analysis::relations(&state.data, item);
    if rels.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::raw(""), Line::styled("Links", theme.strong())];
    // And a row for the hint below.
    let total = rels.len();
    room.less(1).fill(
        &mut lines,
        total,
        rels.into_iter().map(|r| {
            Line::from(vec![
                Span::styled(format!("• {}: ", r.label), theme.dim()),
                Span::raw(crate::analysis::describe(&state.data, r.target)),
            ])
        }),
        theme,
    );
    let open = Hints::new(&state.keymap, Mode::Browser).add_as(&[Command::Links], "follows a link");
    if !open.is_empty() {
        lines.push(Line::styled(open.text(), theme.dim()));
    }
    lines
}

/// A list item led by a stance: "✓ supports Türkiye".
fn stance_line<'a>(theme: Theme, stance: Stance, rest: &'a str) -> Line<'a> {
    Line::from(vec![
        Span::styled(
            format!("{} {} ", stance.glyph(), stance.label()),
            theme.stance(stance),
        ),
        Span::raw(rest),
    ])
}

/// The item's links and then its problems, in the room `lines` leave.
fn links_and_problems<'a>(
    state: &'a State,
    item: ItemRef,
    room: Room,
    lines: &mut Vec<Line<'a>>,
    theme: Theme,
) {
    lines.extend(relations(state, item, room.below(lines), theme));
    problems(state, item, room, lines, theme);
}

/// The item's problems, in the room `lines` leave.
fn problems<'a>(
    state: &'a State,
    item: ItemRef,
    room: Room,
    lines: &mut Vec<Line<'a>>,
    theme: Theme,
) {
    lines.extend(super::anchor::problems(
        state,
        item,
        room.below(lines),
        theme,
    ));
}

fn field<'a>(theme: Theme, name: &'a str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name}: "), theme.dim()),
        Span::raw(value.into()),
    ])
}

fn dataset(state: &State, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    {
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
        // The pane shows a screenful; building more lines per frame would
        // only cost time on large datasets.
        room.before_section(!ds.events.is_empty()).fill(
            &mut lines,
            ds.sources.len(),
            ds.sources.iter().map(|s| {
                let when = s
                    .published
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                Line::raw(format!("• {}{when}", s.title))
            }),
            theme,
        );
        if !ds.events.is_empty() {
            room.section(
                &mut lines,
                "Events",
                ds.events.len(),
                ds.events.iter().map(|e| {
                    Line::from(vec![
                        Span::styled(format!("{} ", e.date), theme.dim()),
                        Span::raw(e.title.as_str()),
                    ])
                }),
                theme,
            );
        }
        ("Dataset".into(), lines)
    }
}

fn party(state: &State, p: PartyIx, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
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
        room.section(
            &mut lines,
            "People",
            ix.people_by_party[p].len(),
            ix.people_by_party[p].iter().map(|&k| {
                let person = &ds.people[k];
                let mut spans = vec![Span::raw(format!("• {}", person.name))];
                if let Some(t) = &person.title {
                    spans.push(Span::styled(format!(", {t}"), theme.dim()));
                }
                Line::from(spans)
            }),
            theme,
        );
    }
    links_and_problems(state, p.into(), room, &mut lines, theme);
    ("Party".into(), lines)
}

fn issue(state: &State, i: IssueIx, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let issue = &ds.issues[i];
    let mut lines = vec![
        Line::styled(issue.title.as_str(), theme.strong()),
        Line::from(vec![
            Span::styled("status: ", theme.dim()),
            Span::styled(issue.status.label(), theme.status(issue.status)),
        ]),
    ];
    if let Some(parent) = ix.parent[i] {
        lines.push(field(theme, "part of", ds.issues[parent].title.as_str()));
    }
    if !issue.tags.is_empty() {
        lines.push(field(theme, "tags", issue.tags.join(", ")));
    }
    if let Some(s) = &issue.summary {
        lines.push(Line::raw(""));
        lines.push(Line::raw(s.as_str()));
    }
    if !ix.children[i].is_empty() {
        room.before_section(!ix.positions_by_issue[i].is_empty())
            .section(
                &mut lines,
                "Sub-issues",
                ix.children[i].len(),
                ix.children[i]
                    .iter()
                    .map(|&c| Line::raw(format!("• {}", ds.issues[c].title))),
                theme,
            );
    }
    if !ix.positions_by_issue[i].is_empty() {
        room.section(
            &mut lines,
            "Positions",
            ix.positions_by_issue[i].len(),
            ix.positions_by_issue[i].iter().map(|&pos| {
                let p = &ds.positions[pos];
                let party = ix.party_name(ds, &p.party);
                stance_line(theme, p.stance, party)
            }),
            theme,
        );
    }
    links_and_problems(state, i.into(), room, &mut lines, theme);
    ("Issue".into(), lines)
}

fn position(state: &State, pos: PositionIx, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let p = &ds.positions[pos];
    let party = ix.party_name(ds, &p.party);
    let issue = ix.issue_title(ds, &p.issue);
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
    if let Some(by) = p.by.as_deref().and_then(|b| ix.person(b)) {
        lines.push(field(theme, "by", ds.people[by].name.as_str()));
    }
    lines.extend(provenance(state, pos, theme));
    lines.push(Line::raw(""));
    lines.push(Line::raw(p.summary.as_str()));
    lines.push(Line::raw(""));
    lines.push(field(theme, "quotes", p.quotes.len().to_string()));
    links_and_problems(state, pos.into(), room, &mut lines, theme);
    ("Position".into(), lines)
}

fn quote(state: &State, qi: QuoteIx, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let q = &state.data.ds.quotes[qi];
    let mut lines = Vec::new();
    match super::speaker_name(state, q) {
        // The reporter's words about the speaker, not the speaker's.
        Some(who) if q.paraphrase => {
            lines.push(field(theme, "paraphrase of", who));
        }
        Some(who) => lines.push(field(theme, "speaker", who)),
        None => {}
    }
    let source = super::source_of(state, q);
    if let Some(s) = source {
        let mut cite = s.title.clone();
        for extra in [&s.publisher, &s.published].into_iter().flatten() {
            cite.push_str(&format!(" · {extra}"));
        }
        lines.push(field(theme, "source", cite));
    }
    lines.push(super::anchor::line(state, qi, theme));
    if let Some(s) = source {
        lines.push(Line::raw(""));
        lines.extend(context(s.body(), q, theme));
        let open = Hints::new(&state.keymap, Mode::Browser)
            .add_as(&[Command::Open], "opens the source at this quote");
        if !open.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(open.text(), theme.dim()));
        }
    }
    problems(state, qi.into(), room, &mut lines, theme);
    ("Quote in context".into(), lines)
}

fn person(state: &State, p: PersonIx, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let person = &ds.people[p];
    let mut lines = vec![Line::styled(person.name.as_str(), theme.strong())];
    if let Some(t) = &person.title {
        lines.push(field(theme, "title", t.as_str()));
    }
    let party = ix.party_name(ds, &person.party);
    lines.push(field(theme, "party", party));
    if !person.aliases.is_empty() {
        lines.push(field(theme, "also", person.aliases.join(", ")));
    }
    let by = &ix.positions_by_person[p];
    if !by.is_empty() {
        room.section(
            &mut lines,
            "Positions stated",
            by.len(),
            by.iter()
                .map(|&k| &ds.positions[k])
                .map(|x| stance_line(theme, x.stance, &x.summary)),
            theme,
        );
    }
    problems(state, p.into(), room, &mut lines, theme);
    ("Person".into(), lines)
}

fn source(state: &State, s: SourceIx, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let src = &state.data.ds.sources[s];
    let mut lines = vec![Line::styled(src.title.as_str(), theme.strong())];
    for (name, value) in [
        ("publisher", &src.publisher),
        ("published", &src.published),
        ("note", &src.note),
    ] {
        if let Some(v) = value {
            lines.push(field(theme, name, v.as_str()));
        }
    }
    lines.push(field(
        theme,
        "quotes",
        state.data.index.quotes_by_source[s].len().to_string(),
    ));
    problems(state, s.into(), room, &mut lines, theme);
    lines.push(Line::raw(""));
    lines.extend(src.body().lines().take(40).map(Line::raw));
    ("Source".into(), lines)
}

fn event(state: &State, e: EventIx, room: Room, theme: Theme) -> (String, Vec<Line<'_>>) {
    let ds = &state.data.ds;
    let ix = &state.data.index;
    let ev = &ds.events[e];
    let mut lines = vec![
        Line::styled(ev.title.as_str(), theme.strong()),
        field(theme, "date", ev.date.as_str()),
    ];
    let parties: Vec<&str> = ev.parties.iter().map(|p| ix.party_name(ds, p)).collect();
    if !parties.is_empty() {
        lines.push(field(theme, "parties", parties.join(", ")));
    }
    if let Some(s) = &ev.summary {
        lines.push(Line::raw(""));
        lines.push(Line::raw(s.as_str()));
    }
    problems(state, e.into(), room, &mut lines, theme);
    ("Event".into(), lines)
}

/// The quote with some of its surrounding source text, quote highlighted.
pub fn context<'a>(body: &'a str, q: &Quote, theme: Theme) -> Vec<Line<'a>> {
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
