//! The negotiation as a whole: where each party stands on each issue (the
//! matrix), what moved when (the timeline). The browser, the matrix and
//! timeline screens and `parley export` read these.

use crate::model::{DateKey, EventIx, IssueIx, PartyIx, PositionIx, Role, Stance, Status};
use crate::prepared::Prepared;
use crate::prepared::narrow::Keep;

/// The parties as matrix columns: principals first, then mediators,
/// guarantors and third parties, each group in dataset order.
pub fn columns(data: &Prepared) -> Vec<PartyIx> {
    let rank = |r: Role| match r {
        Role::Principal => 0,
        Role::Mediator => 1,
        Role::Guarantor => 2,
        Role::ThirdParty => 3,
    };
    let mut cols: Vec<PartyIx> = data.ds.parties.keys().collect();
    cols.sort_by_key(|&p| (rank(data.ds.parties[p].role), p));
    cols
}

/// One party's positions on one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Every position, in date order (undated last).
    pub positions: Vec<PositionIx>,
    /// The latest: the last dated one, else the last written.
    pub latest: PositionIx,
    /// An earlier position took another stance.
    pub moved: bool,
    /// The latest is known from someone else's account.
    pub reported: bool,
}

/// Party `party`'s positions on `issue` itself (not its sub-issues).
pub fn cell(data: &Prepared, issue: IssueIx, party: PartyIx) -> Option<Cell> {
    cell_in(data, issue, party, None)
}

/// Like [`cell`], among the positions `keep` keeps: with `date:<=2022-03-20`
/// the cell says where the party stood on that day.
pub fn cell_in(
    data: &Prepared,
    issue: IssueIx,
    party: PartyIx,
    keep: Option<&Keep>,
) -> Option<Cell> {
    let positions: Vec<PositionIx> = data.index.positions_by_issue[issue]
        .iter()
        .copied()
        .filter(|&p| data.index.party_of[p] == Some(party))
        .filter(|&p| keep.is_none_or(|k| k.position(p)))
        .collect();
    let latest = positions
        .iter()
        .copied()
        .rfind(|&p| data.position_date[p].is_some())
        .or_else(|| positions.last().copied())?;
    let stance = data.ds.positions[latest].stance;
    Some(Cell {
        moved: positions
            .iter()
            .any(|&p| data.ds.positions[p].stance != stance),
        reported: data.ds.positions[latest].reported_by.is_some(),
        latest,
        positions,
    })
}

/// How firmly a stance holds its ground, from giving way to refusing:
/// accepts and supports 0, offers and proposes 1, unclear 2, skeptical 3,
/// demands and opposes 4, rejects 5, red line 6.
pub fn firmness(stance: Stance) -> u8 {
    match stance {
        Stance::Accepts | Stance::Supports => 0,
        Stance::Offers | Stance::Proposes => 1,
        Stance::Unclear => 2,
        Stance::Skeptical => 3,
        Stance::Demands | Stance::Opposes => 4,
        Stance::Rejects => 5,
        Stance::RedLine => 6,
    }
}

/// How far apart the parties are on an issue: the spread of the firmness
/// of their latest stances, 0 to 6 (a red line against an offer is 5).
/// An issue with fewer than two parties on it has none.
pub fn disagreement(data: &Prepared, issue: IssueIx, parties: &[PartyIx]) -> u8 {
    let firm: Vec<u8> = parties
        .iter()
        .filter_map(|&p| cell(data, issue, p))
        .map(|c| firmness(data.ds.positions[c.latest].stance))
        .collect();
    match (firm.iter().min(), firm.iter().max()) {
        (Some(lo), Some(hi)) if firm.len() >= 2 => hi - lo,
        _ => 0,
    }
}

/// How the matrix orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowOrder {
    /// Issues under their parents, as the dataset has them.
    #[default]
    Tree,
    /// Contested first, then open, converging, agreed, deferred.
    Status,
    /// Farthest apart first.
    Disagreement,
}

impl RowOrder {
    pub fn next(self) -> RowOrder {
        match self {
            RowOrder::Tree => RowOrder::Status,
            RowOrder::Status => RowOrder::Disagreement,
            RowOrder::Disagreement => RowOrder::Tree,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RowOrder::Tree => "tree",
            RowOrder::Status => "status",
            RowOrder::Disagreement => "disagreement",
        }
    }
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Contested => 0,
        Status::Open => 1,
        Status::Converging => 2,
        Status::Agreed => 3,
        Status::Deferred => 4,
    }
}

/// The matrix rows: every issue with its depth in the tree. Ordered by
/// status or disagreement, rows keep tree order among equals.
pub fn rows(data: &Prepared, order: RowOrder, parties: &[PartyIx]) -> Vec<(IssueIx, usize)> {
    let mut rows = data.issue_tree.clone();
    match order {
        RowOrder::Tree => {}
        RowOrder::Status => rows.sort_by_key(|&(i, _)| status_rank(data.ds.issues[i].status)),
        RowOrder::Disagreement => {
            let mut keyed: Vec<(u8, (IssueIx, usize))> = rows
                .into_iter()
                .map(|r| (disagreement(data, r.0, parties), r))
                .collect();
            keyed.sort_by_key(|&(d, _)| std::cmp::Reverse(d));
            rows = keyed.into_iter().map(|(_, r)| r).collect();
        }
    }
    rows
}

/// What the timeline can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Narrow {
    #[default]
    All,
    Party(PartyIx),
    /// The issue and its sub-issues.
    Issue(IssueIx),
}

/// One line of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A day (or month, or year) heading, as the dataset writes it.
    Day(DateKey),
    Event(EventIx),
    Position(PositionIx),
    /// A party's stance on an issue compared with its previous dated
    /// position there: moved when the stance changed, held when not.
    Change {
        from: PositionIx,
        to: PositionIx,
        moved: bool,
    },
    /// The heading of the undated positions, at the end.
    Undated,
}

/// Events and dated positions in date order, grouped by day, each change
/// of a party's stance on an issue at the date of the later position, and
/// the undated positions at the end.
pub fn timeline(data: &Prepared, narrow: Narrow) -> Vec<Entry> {
    timeline_in(data, narrow, None)
}

/// Like [`timeline`], with only what `keep` keeps.
pub fn timeline_in(data: &Prepared, narrow: Narrow, keep: Option<&Keep>) -> Vec<Entry> {
    let (ds, ix) = (&data.ds, &data.index);
    let within: Option<Vec<bool>> = match narrow {
        Narrow::Issue(issue) => {
            let mut within = vec![false; ds.issues.len()];
            for &(i, _) in data.subtree(issue) {
                within[i.get()] = true;
            }
            Some(within)
        }
        _ => None,
    };
    let keep_position = |p: PositionIx| {
        keep.is_none_or(|k| k.position(p))
            && match narrow {
                Narrow::All => true,
                Narrow::Party(party) => ix.party_of[p] == Some(party),
                Narrow::Issue(_) => ix.issue_of[p]
                    .zip(within.as_ref())
                    .is_some_and(|(i, w)| w[i.get()]),
            }
    };
    let keep_event = |e: EventIx| {
        keep.is_none_or(|k| k.event(e))
            && match narrow {
                Narrow::All => true,
                Narrow::Party(party) => ds.events[e]
                    .parties
                    .iter()
                    .any(|p| ix.party(p) == Some(party)),
                // Events name no issue.
                Narrow::Issue(_) => false,
            }
    };
    // (date, order within the day, entry): events before positions, then
    // changes, each in dataset order.
    let mut dated: Vec<(DateKey, u8, usize, Entry)> = Vec::with_capacity(2 * ds.positions.len());
    for (e, event) in ds.events.iter_enumerated() {
        if let (Some(date), true) = (DateKey::parse(&event.date), keep_event(e)) {
            dated.push((date, 0, e.get(), Entry::Event(e)));
        }
    }
    let mut undated = Vec::new();
    for p in ds.positions.keys().filter(|&p| keep_position(p)) {
        match data.position_date[p] {
            Some(date) => dated.push((date, 1, p.get(), Entry::Position(p))),
            None => undated.push(Entry::Position(p)),
        }
    }
    // Changes: consecutive dated positions of one party on one issue.
    for issue in ds.issues.keys() {
        let mut by_party: Vec<(PartyIx, Vec<PositionIx>)> = Vec::new();
        for &p in &ix.positions_by_issue[issue] {
            let (Some(party), Some(_)) = (ix.party_of[p], data.position_date[p]) else {
                continue;
            };
            if !keep_position(p) {
                continue;
            }
            match by_party.iter_mut().find(|(q, _)| *q == party) {
                Some((_, list)) => list.push(p),
                None => by_party.push((party, vec![p])),
            }
        }
        for (_, list) in by_party {
            for pair in list.windows(2) {
                let (from, to) = (pair[0], pair[1]);
                let moved = ds.positions[from].stance != ds.positions[to].stance;
                if let Some(date) = data.position_date[to] {
                    dated.push((date, 2, to.get(), Entry::Change { from, to, moved }));
                }
            }
        }
    }
    // One number per entry, and no two alike, so an unstable sort on both
    // cores gives the one order: the stable sort of 100k tuples took most
    // of the 30 ms it took to open the timeline.
    let key = |&(date, order, at, _): &(DateKey, u8, usize, Entry)| {
        let day = u128::from(date.year) << 16 | u128::from(date.month) << 8 | u128::from(date.day);
        day << 72 | u128::from(order) << 64 | at as u128
    };
    if dated.len() > 16_384 {
        use rayon::slice::ParallelSliceMut;
        dated.par_sort_unstable_by_key(key);
    } else {
        dated.sort_unstable_by_key(key);
    }
    let mut out = Vec::with_capacity(dated.len() + undated.len() + 8);
    let mut day = None;
    for (date, _, _, entry) in dated {
        if day != Some(date) {
            out.push(Entry::Day(date));
            day = Some(date);
        }
        out.push(entry);
    }
    if !undated.is_empty() {
        out.push(Entry::Undated);
        out.extend(undated);
    }
    out
}

/// How a date key is written: as the dataset writes it.
pub fn date_text(date: DateKey) -> String {
    match (date.month, date.day) {
        (0, _) => format!("{:04}", date.year),
        (m, 0) => format!("{:04}-{m:02}", date.year),
        (m, d) => format!("{:04}-{m:02}-{d:02}", date.year),
    }
}

/// A stance's short word, for narrow cells.
pub fn short_stance(stance: Stance) -> &'static str {
    match stance {
        Stance::Demands => "demand",
        Stance::Proposes => "propose",
        Stance::Offers => "offer",
        Stance::Supports => "support",
        Stance::Accepts => "accept",
        Stance::Skeptical => "skeptic",
        Stance::Opposes => "oppose",
        Stance::Rejects => "reject",
        Stance::RedLine => "red line",
        Stance::Unclear => "unclear",
    }
}

/// An item another item points at, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// How a reader says it: `conditional on`, `depends on this`.
    pub label: String,
    pub target: crate::model::ItemRef,
}

/// What an item leads to, both ways: a position's links, the parties it
/// names and whose account it rests on; the positions that depend on an
/// issue; the positions that name a party; the positions that cite a
/// quote.
pub fn relations(data: &Prepared, item: crate::model::ItemRef) -> Vec<Relation> {
    use crate::model::ItemRef;
    let (ds, ix) = (&data.ds, &data.index);
    let mut out = Vec::new();
    let mut push = |label: String, target: Option<ItemRef>| {
        if let Some(target) = target {
            out.push(Relation { label, target });
        }
    };
    let speaker = |id: &str| {
        ix.find(crate::model::Kind::Person, id)
            .or_else(|| ix.find(crate::model::Kind::Party, id))
    };
    match item {
        ItemRef::Position(p) => {
            let pos = &ds.positions[p];
            for link in &pos.links {
                push(
                    link.kind.label().to_string(),
                    ix.issue(&link.issue).map(ItemRef::from),
                );
            }
            if let Some(by) = &pos.reported_by {
                push("reported by".into(), speaker(by));
            }
            for party in &pos.concerns {
                push("names".into(), ix.party(party).map(ItemRef::from));
            }
        }
        ItemRef::Issue(i) => {
            for &p in &ix.linked_from[i] {
                let kind = ds.positions[p]
                    .links
                    .iter()
                    .find(|l| ix.issue(&l.issue) == Some(i))
                    .map_or("linked", |l| l.kind.label());
                push(format!("depends on this ({kind})"), Some(p.into()));
            }
        }
        ItemRef::Party(party) => {
            for &p in &ix.concerning[party] {
                push("named in".into(), Some(p.into()));
            }
        }
        ItemRef::Quote(q) => {
            for &p in &ix.citing_positions[q] {
                push("cited by".into(), Some(p.into()));
            }
        }
        ItemRef::Person(_) | ItemRef::Source(_) | ItemRef::Event(_) => {}
    }
    out
}

/// How a related item is named in a list.
pub fn describe(data: &Prepared, item: crate::model::ItemRef) -> String {
    use crate::model::ItemRef;
    let (ds, ix) = (&data.ds, &data.index);
    match item {
        ItemRef::Position(p) => {
            let pos = &ds.positions[p];
            format!(
                "{} {} {} on {}{}",
                ix.party_name(ds, &pos.party),
                pos.stance.glyph(),
                pos.stance.label(),
                ix.issue_title(ds, &pos.issue),
                pos.date
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            )
        }
        ItemRef::Issue(i) => ds.issues[i].title.clone(),
        ItemRef::Party(p) => ds.parties[p].name.clone(),
        ItemRef::Person(p) => ds.people[p].name.clone(),
        ItemRef::Quote(q) => format!("“{}”", ds.quotes[q].text),
        ItemRef::Source(s) => ds.sources[s].title.clone(),
        ItemRef::Event(e) => ds.events[e].title.clone(),
    }
}
