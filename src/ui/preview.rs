//! The preview pane: the selected item in full.

use super::highlight;
use super::hints::Hints;
use crate::app::{Pane, State};
use crate::command::Command;
use crate::keymap::Mode;
use crate::model::{
    EventIx, IssueIx, ItemRef, PartyIx, PersonIx, PositionIx, Quote, QuoteIx, SourceIx,
};
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// At most this many items of one list (sources, positions, links,
/// problems…) are listed in a preview: the pane shows a screenful.
pub(super) const PREVIEW_ITEMS: usize = 60;

/// What of the pane is left for a preview's lines: a list shows what
/// fits and says how many it leaves out, on a row it keeps for that.
#[derive(Debug, Clone, Copy)]
pub(super) struct Room {
    rows: usize,
    width: usize,
}

impl Room {
    /// Inside the borders of `area`.
    fn inside(area: Rect) -> Room {
        Room {
            rows: usize::from(area.height.saturating_sub(2)),
            width: usize::from(area.width.saturating_sub(2)).max(1),
        }
    }

    /// The rows `lines` take, each wrapped. (Wrapping at a word may take
    /// one more: the row kept for "… N more" takes that up.)
    fn height(self, lines: &[Line<'_>]) -> usize {
        lines
            .iter()
            .map(|l| l.width().div_ceil(self.width).max(1))
            .sum()
    }

    /// What is left below `lines`.
    pub fn below(self, lines: &[Line<'_>]) -> Room {
        Room {
            rows: self.rows.saturating_sub(self.height(lines)),
            ..self
        }
    }

    /// The same less `rows` kept for what follows.
    fn less(self, rows: usize) -> Room {
        Room {
            rows: self.rows.saturating_sub(rows),
            ..self
        }
    }

    /// How many items of a list to show below `lines`, each taken for a
    /// row: at least one, at most [`PREVIEW_ITEMS`].
    pub fn items(self, lines: &[Line<'_>]) -> usize {
        self.rows
            .saturating_sub(self.height(lines) + 1)
            .clamp(1, PREVIEW_ITEMS)
    }

    /// Adds the lines of a list's `total` items to `lines`, as many as
    /// fit (at least one, at most [`PREVIEW_ITEMS`]), and when that is not
    /// all of them, a line that says how many it leaves out, on a row of
    /// its own. Only the lines added are built.
    fn fill<'a>(
        self,
        lines: &mut Vec<Line<'a>>,
        total: usize,
        items: impl Iterator<Item = Line<'a>>,
        theme: Theme,
    ) {
        let start = lines.len();
        let mut used = self.height(lines);
        let mut heights = Vec::new();
        for line in items.take(PREVIEW_ITEMS) {
            let rows = self.height(std::slice::from_ref(&line));
            if !heights.is_empty() && used + rows > self.rows {
                break;
            }
            used += rows;
            heights.push(rows);
            lines.push(line);
        }
        if heights.len() < total {
            // Room for the count, in place of the last items if need be.
            while heights.len() > 1 && used + 1 > self.rows {
                used -= heights.pop().unwrap_or(0);
                lines.pop();
            }
            lines.extend(more(theme, total, lines.len() - start));
        }
    }
}

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

/// The line that says how many of a list's `total` items a preview
/// leaves out when it shows `shown`: it lists what fits ([`Room`]),
/// since an issue may hold thousands of positions and the pane shows a
/// screenful.
pub(super) fn more(theme: Theme, total: usize, shown: usize) -> Option<Line<'static>> {
    (total > shown).then(|| Line::styled(format!("… {} more", total - shown), theme.dim()))
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
        // The events below keep a few rows: at least a heading, one and
        // the line that says how many more.
        let events = if ds.events.is_empty() { 0 } else { 4 };
        room.less(events).fill(
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
            lines.push(Line::raw(""));
            lines.push(Line::styled("Events", theme.strong()));
            room.fill(
                &mut lines,
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
        lines.push(Line::raw(""));
        lines.push(Line::styled("People", theme.strong()));
        room.fill(
            &mut lines,
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
    lines.extend(relations(state, p.into(), room.below(&lines), theme));
    lines.extend(super::anchor::problems(
        state,
        p.into(),
        room.below(&lines),
        theme,
    ));
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
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sub-issues", theme.strong()));
        // The positions below keep a few rows.
        let positions = if ix.positions_by_issue[i].is_empty() {
            0
        } else {
            4
        };
        room.less(positions).fill(
            &mut lines,
            ix.children[i].len(),
            ix.children[i]
                .iter()
                .map(|&c| Line::raw(format!("• {}", ds.issues[c].title))),
            theme,
        );
    }
    if !ix.positions_by_issue[i].is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Positions", theme.strong()));
        room.fill(
            &mut lines,
            ix.positions_by_issue[i].len(),
            ix.positions_by_issue[i].iter().map(|&pos| {
                let p = &ds.positions[pos];
                let party = ix.party_name(ds, &p.party);
                Line::from(vec![
                    Span::styled(
                        format!("{} {} ", p.stance.glyph(), p.stance.label()),
                        theme.stance(p.stance),
                    ),
                    Span::raw(party),
                ])
            }),
            theme,
        );
    }
    lines.extend(relations(state, i.into(), room.below(&lines), theme));
    lines.extend(super::anchor::problems(
        state,
        i.into(),
        room.below(&lines),
        theme,
    ));
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
    lines.extend(relations(state, pos.into(), room.below(&lines), theme));
    lines.extend(super::anchor::problems(
        state,
        pos.into(),
        room.below(&lines),
        theme,
    ));
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
    lines.extend(super::anchor::problems(
        state,
        qi.into(),
        room.below(&lines),
        theme,
    ));
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
        lines.push(Line::raw(""));
        lines.push(Line::styled("Positions stated", theme.strong()));
        room.fill(
            &mut lines,
            by.len(),
            by.iter().map(|&k| &ds.positions[k]).map(|x| {
                Line::from(vec![
                    Span::styled(
                        format!("{} {} ", x.stance.glyph(), x.stance.label()),
                        theme.stance(x.stance),
                    ),
                    Span::raw(x.summary.as_str()),
                ])
            }),
            theme,
        );
    }
    lines.extend(super::anchor::problems(
        state,
        p.into(),
        room.below(&lines),
        theme,
    ));
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
    lines.extend(super::anchor::problems(
        state,
        s.into(),
        room.below(&lines),
        theme,
    ));
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
    lines.extend(super::anchor::problems(
        state,
        e.into(),
        room.below(&lines),
        theme,
    ));
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
