//! For every search entry, the values each qualifier looks at, computed
//! once per dataset and packed into shared arrays, so testing a filter on
//! an entry allocates nothing.
//!
//! An item is related to the values of the positions it is about: an issue
//! has the parties and stances of the positions on it, a quote the issues
//! and stances of the positions that cite it. So `stance:red-line` keeps
//! the red-line positions, the issues they are on and the quotes behind
//! them, and a view narrowed by it still shows where they are. A quote's
//! party and speaker are its speaker's alone.

use crate::model::Dataset;
use crate::model::{
    AnchorState, DatasetIndex, DateKey, IssueIx, ItemRef, PartyIx, PersonIx, PositionIx, QuoteIx,
    SourceIx,
};
use serde::{Deserialize, Serialize};
use typed_index_collections::TiVec;

/// The lists of values an entry can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    Party,
    Issue,
    Source,
    /// Who stated a position (`by`), as an agent (see [`Agents`]).
    By,
    /// Who spoke a quote, as an agent.
    Speaker,
}

const POOLS: usize = 5;

/// People and parties in one numbering, since a quote's speaker may be
/// either: people first, then parties.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Agents {
    pub people: usize,
}

impl Agents {
    pub fn person(self, p: PersonIx) -> u32 {
        p.get() as u32
    }

    pub fn party(self, p: PartyIx) -> u32 {
        (self.people + p.get()) as u32
    }
}

/// Bits of [`Row::flags`].
pub mod flag {
    pub const REPORTED: u16 = 1;
    pub const DIRECT: u16 = 1 << 1;
    pub const PARAPHRASE: u16 = 1 << 2;
    pub const VERBATIM: u16 = 1 << 3;
    pub const EXACT: u16 = 1 << 4;
    pub const NORMALISED: u16 = 1 << 5;
    pub const ELIDED: u16 = 1 << 6;
    pub const AMBIGUOUS: u16 = 1 << 7;
    pub const ORPHANED: u16 = 1 << 8;

    /// The flag of an anchor state.
    pub fn anchor(state: crate::model::AnchorState) -> u16 {
        use crate::model::AnchorState::*;
        match state {
            Exact => EXACT,
            Normalised => NORMALISED,
            Elided => ELIDED,
            Ambiguous => AMBIGUOUS,
            Orphaned => ORPHANED,
        }
    }
}

/// A date as a range of days written `yyyymmdd`: a partial date covers
/// its month or year, to its real last day.
pub type Days = (u32, u32);

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

pub fn days(key: DateKey) -> Days {
    let y = u32::from(key.year) * 10_000;
    let (m0, m1) = match key.month {
        0 => (1, 12),
        m => (u32::from(m), u32::from(m)),
    };
    let (d0, d1) = match key.day {
        0 => (1, days_in_month(u32::from(key.year), m1)),
        d => (u32::from(d), u32::from(d)),
    };
    (y + m0 * 100 + d0, y + m1 * 100 + d1)
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Row {
    /// Each pool's values, as a range of [`Facts::values`].
    pools: [(u32, u32); POOLS],
    dates: (u32, u32),
    /// Bits by `Stance` (its position in `Stance::ALL`).
    pub stances: u16,
    pub flags: u16,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Facts {
    values: Vec<u32>,
    dates: Vec<Days>,
    rows: Vec<Row>,
    pub agents: Agents,
}

impl Facts {
    /// Whether facts read back from a cache fit an index of `entries`:
    /// one row each, every range inside the lists it points into.
    pub fn sound(&self, entries: usize) -> bool {
        let inside = |(a, b): (u32, u32), len: usize| a <= b && (b as usize) <= len;
        self.rows.len() == entries
            && self.rows.iter().all(|r| {
                inside(r.dates, self.dates.len())
                    && r.pools.iter().all(|&p| inside(p, self.values.len()))
            })
    }

    pub fn row(&self, entry: usize) -> Option<&Row> {
        self.rows.get(entry)
    }

    pub fn values(&self, row: &Row, pool: Pool) -> &[u32] {
        let (a, b) = row.pools[pool as usize];
        self.values.get(a as usize..b as usize).unwrap_or(&[])
    }

    pub fn dates(&self, row: &Row) -> &[Days] {
        let (a, b) = row.dates;
        self.dates.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// The facts of every item in `entries`, in that order.
    pub fn new(
        ds: &Dataset,
        ix: &DatasetIndex,
        count: usize,
        entries: impl Iterator<Item = ItemRef>,
    ) -> Facts {
        let mut b = Builder {
            ds,
            ix,
            facts: Facts {
                agents: Agents {
                    people: ds.people.len(),
                },
                ..Facts::default()
            },
            scratch: Default::default(),
            dates: Vec::new(),
            stances: 0,
            flags: 0,
            position_days: ds
                .positions
                .iter()
                .map(|p| p.date.as_deref().and_then(DateKey::parse).map(days))
                .collect(),
        };
        // Sized up front: grown by doubling, the 100k rows left as much
        // again of freed copies resident, and up to twice the room they
        // need. (The values per row differ too much by kind to be told
        // from the first rows.)
        b.facts.rows.reserve_exact(count);
        for item in entries {
            b.item(item);
            b.finish_row();
        }
        b.facts
    }
}

struct Builder<'d> {
    ds: &'d Dataset,
    ix: &'d DatasetIndex,
    facts: Facts,
    /// The row being built: values per pool, dates, bits.
    scratch: [Vec<u32>; POOLS],
    dates: Vec<Days>,
    stances: u16,
    flags: u16,
    position_days: Vec<Option<Days>>,
}

fn stance_bit(s: crate::model::Stance) -> u16 {
    let at = crate::model::Stance::ALL
        .iter()
        .position(|&x| x == s)
        .unwrap_or(0);
    1 << at
}

impl Builder<'_> {
    fn add(&mut self, pool: Pool, v: u32) {
        self.scratch[pool as usize].push(v);
    }

    fn finish_row(&mut self) {
        let mut row = Row {
            stances: std::mem::take(&mut self.stances),
            flags: std::mem::take(&mut self.flags),
            ..Row::default()
        };
        for (k, list) in self.scratch.iter_mut().enumerate() {
            list.sort_unstable();
            list.dedup();
            let start = self.facts.values.len() as u32;
            self.facts.values.append(list);
            row.pools[k] = (start, self.facts.values.len() as u32);
        }
        self.dates.sort_unstable();
        self.dates.dedup();
        let start = self.facts.dates.len() as u32;
        self.facts.dates.append(&mut self.dates);
        row.dates = (start, self.facts.dates.len() as u32);
        self.facts.rows.push(row);
    }

    fn item(&mut self, item: ItemRef) {
        let (ds, ix) = (self.ds, self.ix);
        match item {
            ItemRef::Party(p) => {
                self.add(Pool::Party, p.get() as u32);
                let agent = self.facts.agents.party(p);
                self.add(Pool::Speaker, agent);
                for &pos in &ix.positions_by_party[p] {
                    self.position_related(pos);
                }
            }
            ItemRef::Person(p) => {
                if let Some(party) = ix.party(&ds.people[p].party) {
                    self.add(Pool::Party, party.get() as u32);
                }
                let agent = self.facts.agents.person(p);
                self.add(Pool::By, agent);
                self.add(Pool::Speaker, agent);
                for &pos in &ix.positions_by_person[p] {
                    self.position_related(pos);
                }
            }
            ItemRef::Issue(i) => {
                self.add(Pool::Issue, i.get() as u32);
                for &pos in &ix.positions_by_issue[i] {
                    self.position_related(pos);
                    self.add_party_of(pos);
                    for &q in &ix.quotes_of[pos] {
                        self.quote_origin(q);
                    }
                }
            }
            ItemRef::Position(pos) => {
                self.position_related(pos);
                self.add_party_of(pos);
                for &q in &ix.quotes_of[pos] {
                    self.quote_origin(q);
                    self.flags |= quote_flags(ds.quotes[q].paraphrase, ds.quotes[q].anchor_state);
                }
            }
            ItemRef::Quote(q) => {
                let quote = &ds.quotes[q];
                self.flags |= quote_flags(quote.paraphrase, quote.anchor_state);
                self.quote_origin(q);
                if let Some(party) = quote.speaker.as_deref().and_then(|s| self.speaker_party(s)) {
                    self.add(Pool::Party, party.get() as u32);
                }
                for id in &quote.issues {
                    if let Some(i) = ix.issue(id) {
                        self.add(Pool::Issue, i.get() as u32);
                    }
                }
                for &pos in &ix.citing_positions[q] {
                    self.position_related(pos);
                }
                if self.dates.is_empty() {
                    self.add_source_date(ix.source_of[q]);
                }
            }
            ItemRef::Source(s) => {
                self.add(Pool::Source, s.get() as u32);
                self.add_source_date(Some(s));
                for &q in &ix.quotes_by_source[s] {
                    self.quote_origin(q);
                    if let Some(party) = ds.quotes[q]
                        .speaker
                        .as_deref()
                        .and_then(|sp| self.speaker_party(sp))
                    {
                        self.add(Pool::Party, party.get() as u32);
                    }
                    for &pos in &ix.citing_positions[q] {
                        if let Some(i) = ix.issue_of[pos] {
                            self.add(Pool::Issue, i.get() as u32);
                        }
                    }
                }
            }
            ItemRef::Event(e) => {
                let event = &ds.events[e];
                for id in &event.parties {
                    if let Some(p) = ix.party(id) {
                        self.add(Pool::Party, p.get() as u32);
                    }
                }
                for id in &event.sources {
                    if let Some(s) = ix.source(id) {
                        self.add(Pool::Source, s.get() as u32);
                    }
                }
                for &q in &ix.event_quotes[e] {
                    self.quote_origin(q);
                    for &pos in &ix.citing_positions[q] {
                        if let Some(i) = ix.issue_of[pos] {
                            self.add(Pool::Issue, i.get() as u32);
                        }
                    }
                }
                if let Some(d) = DateKey::parse(&event.date) {
                    self.dates.push(days(d));
                }
            }
        }
    }

    /// What an item takes from a position it is about: its issue, stance,
    /// date, who stated it and whose account it is.
    fn position_related(&mut self, pos: PositionIx) {
        let (ds, ix) = (self.ds, self.ix);
        let p = &ds.positions[pos];
        if let Some(i) = ix.issue_of[pos] {
            self.add(Pool::Issue, i.get() as u32);
        }
        if let Some(by) = p.by.as_deref().and_then(|b| self.agent(b)) {
            self.add(Pool::By, by);
        }
        self.stances |= stance_bit(p.stance);
        self.flags |= if p.reported_by.is_some() {
            flag::REPORTED
        } else {
            flag::DIRECT
        };
        if let Some(d) = self.position_days[pos.get()] {
            self.dates.push(d);
        }
    }

    fn add_party_of(&mut self, pos: PositionIx) {
        if let Some(p) = self.ix.party_of[pos] {
            self.add(Pool::Party, p.get() as u32);
        }
    }

    /// Where a quote comes from: its source and its speaker.
    fn quote_origin(&mut self, q: QuoteIx) {
        if let Some(s) = self.ix.source_of[q] {
            self.add(Pool::Source, s.get() as u32);
        }
        if let Some(agent) = self.ds.quotes[q]
            .speaker
            .as_deref()
            .and_then(|s| self.agent(s))
        {
            self.add(Pool::Speaker, agent);
        }
    }

    fn add_source_date(&mut self, s: Option<SourceIx>) {
        if let Some(d) = s
            .and_then(|s| self.ds.sources[s].published.as_deref())
            .and_then(DateKey::parse)
        {
            self.dates.push(days(d));
        }
    }

    /// A person or party id as an agent.
    fn agent(&self, id: &str) -> Option<u32> {
        match self.ix.person(id) {
            Some(p) => Some(self.facts.agents.person(p)),
            None => self.ix.party(id).map(|p| self.facts.agents.party(p)),
        }
    }

    /// The party a speaker (person or party) speaks for.
    fn speaker_party(&self, id: &str) -> Option<PartyIx> {
        match self.ix.person(id) {
            Some(p) => self.ix.party(&self.ds.people[p].party),
            None => self.ix.party(id),
        }
    }
}

fn quote_flags(paraphrase: bool, anchor: AnchorState) -> u16 {
    let wording = if paraphrase {
        flag::PARAPHRASE
    } else {
        flag::VERBATIM
    };
    wording | flag::anchor(anchor)
}

/// The issues of `roots` and everything below them.
pub fn subtrees(
    children: &TiVec<IssueIx, Vec<IssueIx>>,
    roots: impl Iterator<Item = IssueIx>,
) -> Vec<IssueIx> {
    let mut seen = vec![false; children.len()];
    let mut out = Vec::new();
    let mut stack: Vec<IssueIx> = roots.collect();
    while let Some(i) = stack.pop() {
        // A parent cycle in a dataset with errors must not loop.
        if std::mem::replace(&mut seen[i.get()], true) {
            continue;
        }
        out.push(i);
        stack.extend(children[i].iter().copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_month_or_year() {
        let d = |s: &str| days(DateKey::parse(s).expect("date"));
        assert_eq!(d("2022-03-29"), (20220329, 20220329));
        assert_eq!(d("2022-03"), (20220301, 20220331));
        assert_eq!(d("2022-09"), (20220901, 20220930));
        assert_eq!(d("2024-02"), (20240201, 20240229));
        assert_eq!(d("2100-02"), (21000201, 21000228));
        assert_eq!(d("2022"), (20220101, 20221231));
    }
}
