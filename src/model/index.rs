//! Lookups built once after loading, so the UI never scans the dataset on
//! a keystroke.

use super::types::Dataset;
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub struct DatasetIndex {
    pub sources: HashMap<String, usize>,
    pub parties: HashMap<String, usize>,
    pub people: HashMap<String, usize>,
    pub issues: HashMap<String, usize>,
    pub quotes: HashMap<String, usize>,
    pub positions: HashMap<String, usize>,
    pub events: HashMap<String, usize>,
    /// Issue → positions on it, in dataset order.
    pub positions_by_issue: Vec<Vec<usize>>,
    /// Party → positions it holds.
    pub positions_by_party: Vec<Vec<usize>>,
    /// Party → people who belong to it.
    pub people_by_party: Vec<Vec<usize>>,
    /// Person → positions they stated (`by`).
    pub positions_by_person: Vec<Vec<usize>>,
    /// Source → quotes from it, in the order they appear in the text.
    pub quotes_by_source: Vec<Vec<usize>>,
    /// Quote → positions that cite it.
    pub citing_positions: Vec<Vec<usize>>,
    /// Issue → its direct child issues.
    pub children: Vec<Vec<usize>>,
}

fn ids<'a>(it: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in it.enumerate() {
        // The first item with an id wins, as in validation.
        map.entry(id.clone()).or_insert(i);
    }
    map
}

impl DatasetIndex {
    pub fn new(ds: &Dataset) -> Self {
        let mut ix = DatasetIndex {
            sources: ids(ds.sources.iter().map(|x| &x.id)),
            parties: ids(ds.parties.iter().map(|x| &x.id)),
            people: ids(ds.people.iter().map(|x| &x.id)),
            issues: ids(ds.issues.iter().map(|x| &x.id)),
            quotes: ids(ds.quotes.iter().map(|x| &x.id)),
            positions: ids(ds.positions.iter().map(|x| &x.id)),
            events: ids(ds.events.iter().map(|x| &x.id)),
            positions_by_issue: vec![Vec::new(); ds.issues.len()],
            positions_by_party: vec![Vec::new(); ds.parties.len()],
            people_by_party: vec![Vec::new(); ds.parties.len()],
            positions_by_person: vec![Vec::new(); ds.people.len()],
            quotes_by_source: vec![Vec::new(); ds.sources.len()],
            citing_positions: vec![Vec::new(); ds.quotes.len()],
            children: vec![Vec::new(); ds.issues.len()],
        };
        for (i, p) in ds.positions.iter().enumerate() {
            if let Some(&k) = ix.issues.get(&p.issue) {
                ix.positions_by_issue[k].push(i);
            }
            if let Some(&k) = ix.parties.get(&p.party) {
                ix.positions_by_party[k].push(i);
            }
            if let Some(&k) = p.by.as_ref().and_then(|b| ix.people.get(b)) {
                ix.positions_by_person[k].push(i);
            }
            for q in &p.quotes {
                if let Some(&k) = ix.quotes.get(q) {
                    ix.citing_positions[k].push(i);
                }
            }
        }
        for (i, p) in ds.people.iter().enumerate() {
            if let Some(&k) = ix.parties.get(&p.party) {
                ix.people_by_party[k].push(i);
            }
        }
        for (i, q) in ds.quotes.iter().enumerate() {
            if let Some(&k) = ix.sources.get(&q.source) {
                ix.quotes_by_source[k].push(i);
            }
        }
        for list in &mut ix.quotes_by_source {
            list.sort_by_key(|&q| ds.quotes[q].anchor.first().map_or(usize::MAX, |r| r.start));
        }
        for (i, issue) in ds.issues.iter().enumerate() {
            if let Some(k) = issue.parent.as_ref().and_then(|p| ix.issues.get(p)) {
                ix.children[*k].push(i);
            }
        }
        ix
    }
}

impl DatasetIndex {
    /// A party's name, or the id itself when no party has it.
    pub fn party_name<'a>(&self, ds: &'a Dataset, id: &'a str) -> &'a str {
        self.parties
            .get(id)
            .map_or(id, |&k| ds.parties[k].name.as_str())
    }

    /// An issue's title, or the id itself.
    pub fn issue_title<'a>(&self, ds: &'a Dataset, id: &'a str) -> &'a str {
        self.issues
            .get(id)
            .map_or(id, |&k| ds.issues[k].title.as_str())
    }

    /// A speaker's name: a person's, else a party's, else the id itself.
    pub fn speaker_name<'a>(&self, ds: &'a Dataset, id: &'a str) -> &'a str {
        match self.people.get(id) {
            Some(&p) => ds.people[p].name.as_str(),
            None => self.party_name(ds, id),
        }
    }
}
