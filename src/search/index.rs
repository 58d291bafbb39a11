//! What search looks at: one entry per item, its searchable fields joined,
//! folded once at load so a keystroke only matches.

use super::facet::facts::Facts;
use super::facet::vocab::Vocabulary;
use super::facet::{self, Marks, QueryError};
use super::fold::fold;
use super::query::Query;
use super::synonyms::Thesaurus;
use crate::model::{Dataset, DatasetIndex, ItemRef, Kind};
use std::ops::Range;
use std::sync::Arc;

/// Where a kind ranks when scores tie: issues and parties first, quotes
/// last, since a short title that matches says more than a long quote.
pub fn tie_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Issue => 0,
        Kind::Party => 1,
        Kind::Person => 2,
        Kind::Event => 3,
        Kind::Source => 4,
        Kind::Position => 5,
        Kind::Quote => 6,
    }
}

/// One searchable field inside an entry's text.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    /// Character range in [`Entry::text`] (and in `folded`).
    pub chars: Range<usize>,
    /// Byte range in [`Entry::text`].
    pub text: Range<usize>,
    /// Byte range in [`Entry::folded`].
    pub folded: Range<usize>,
    /// Byte range in [`Entry::lower`].
    pub lower: Range<usize>,
    /// Added to a match in this field: a match in a name or title says
    /// more about what the user is looking for than one in a summary.
    pub boost: i64,
    /// A row in a browser pane shows it, so a pane filter looks at it.
    pub shown: bool,
}

/// Whether a browser row of `kind` shows the field `name`.
fn shown(kind: Kind, name: &str) -> bool {
    match kind {
        Kind::Position => matches!(name, "summary" | "stance" | "party" | "issue" | "date"),
        Kind::Quote => matches!(name, "text" | "speaker" | "source"),
        _ => matches!(name, "name" | "title"),
    }
}

/// The boost for a field by its name.
fn boost(kind: Kind, name: &str) -> i64 {
    match name {
        // A source's title is a headline: a sentence, not a name.
        "title" if kind == Kind::Source => 8,
        "name" | "title" => 24,
        "aliases" => 16,
        // What a position's row says: who, on what, how.
        "party" | "issue" | "stance" => 12,
        "text" => 8,
        "speaker" => 4,
        _ => 0,
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub item: ItemRef,
    /// The fields joined by [`SEPARATOR`], as displayed.
    pub text: String,
    /// `text` folded (same characters, one for one).
    pub folded: String,
    /// `folded` lowercased, for case-insensitive matching.
    pub lower: String,
    pub fields: Vec<Field>,
    /// Length of the first field (name, title, quote text), the text that
    /// breaks ties: the shorter, the closer the match.
    pub primary_len: usize,
    /// What the item is about, shown beside it: a quote's speaker and
    /// source, a position's party and issue.
    pub context: String,
}

/// A person's (or party's) name, empty when there is none.
fn person<'a>(ds: &'a Dataset, ix: &DatasetIndex, id: Option<&'a str>) -> &'a str {
    id.map_or("", |id| ix.speaker_name(ds, id))
}

/// Between fields: wide enough that no word runs into the next field.
pub const SEPARATOR: &str = "  ";

impl Entry {
    pub fn kind(&self) -> Kind {
        self.item.kind()
    }

    fn new(item: impl Into<ItemRef>, fields: &[(&'static str, &str)], context: String) -> Entry {
        let item = item.into();
        let kind = item.kind();
        let mut text = String::new();
        let mut folded = String::new();
        let mut lower = String::new();
        let mut out = Vec::new();
        let mut chars = 0;
        for (name, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
            if !text.is_empty() {
                text.push_str(SEPARATOR);
                folded.push_str(SEPARATOR);
                lower.push_str(SEPARATOR);
                chars += SEPARATOR.chars().count();
            }
            let n = value.chars().count();
            let f = fold(value);
            let l = f.to_lowercase();
            out.push(Field {
                name,
                chars: chars..chars + n,
                text: text.len()..text.len() + value.len(),
                folded: folded.len()..folded.len() + f.len(),
                lower: lower.len()..lower.len() + l.len(),
                boost: boost(kind, name),
                shown: shown(kind, name),
            });
            text.push_str(value);
            folded.push_str(&f);
            lower.push_str(&l);
            chars += n;
        }
        Entry {
            item,
            primary_len: out.first().map_or(0, |f| f.chars.len()),
            text,
            folded,
            lower,
            fields: out,
            context,
        }
    }

    /// The field holding most of `positions` (character indices), or the
    /// first field.
    pub fn field_at(&self, positions: &[usize]) -> &Field {
        self.fields
            .iter()
            .max_by_key(|f| positions.iter().filter(|p| f.chars.contains(p)).count())
            .filter(|_| !positions.is_empty())
            .or(self.fields.first())
            .unwrap_or(&EMPTY_FIELD)
    }

    /// The text of a field.
    pub fn field_text(&self, field: &Field) -> &str {
        self.text.get(field.text.clone()).unwrap_or("")
    }
}

static EMPTY_FIELD: Field = Field {
    name: "",
    chars: 0..0,
    text: 0..0,
    folded: 0..0,
    lower: 0..0,
    boost: 0,
    shown: false,
};

#[derive(Debug)]
pub struct SearchIndex {
    /// Every item once, kinds in tie-break order and each kind in dataset
    /// order, so an entry's position is its last tie-breaker.
    pub entries: Vec<Entry>,
    /// Entries of each kind and where they start (by `Kind::slot`): an
    /// item's entry is found without a map.
    counts: [usize; 7],
    starts: [usize; 7],
    /// What qualifiers look at, entry by entry (same order as `entries`).
    pub facts: Facts,
    pub vocabulary: Vocabulary,
    pub thesaurus: Thesaurus,
}

impl SearchIndex {
    pub fn new(ds: &Dataset, ix: &DatasetIndex) -> SearchIndex {
        let mut entries = Vec::with_capacity(
            ds.parties.len()
                + ds.people.len()
                + ds.issues.len()
                + ds.positions.len()
                + ds.quotes.len()
                + ds.sources.len()
                + ds.events.len(),
        );
        for (i, issue) in ds.issues.iter_enumerated() {
            let tags = issue.tags.join(" ");
            let parent = ix.parent[i].map_or("", |p| ds.issues[p].title.as_str());
            let fields = [
                ("title", issue.title.as_str()),
                ("summary", issue.summary.as_deref().unwrap_or("")),
                ("tags", tags.as_str()),
                ("parent", parent),
            ];
            entries.push(Entry::new(
                i,
                &fields,
                format!("{} issue", issue.status.label()),
            ));
        }
        for (i, p) in ds.parties.iter_enumerated() {
            let aliases = p.aliases.join(", ");
            let fields = [("name", p.name.as_str()), ("aliases", aliases.as_str())];
            entries.push(Entry::new(i, &fields, p.role.label().to_string()));
        }
        for (i, p) in ds.people.iter_enumerated() {
            let aliases = p.aliases.join(", ");
            let fields = [
                ("name", p.name.as_str()),
                ("aliases", aliases.as_str()),
                ("title", p.title.as_deref().unwrap_or("")),
            ];
            entries.push(Entry::new(
                i,
                &fields,
                ix.speaker_name(ds, &p.party).to_string(),
            ));
        }
        for (i, e) in ds.events.iter_enumerated() {
            let fields = [
                ("title", e.title.as_str()),
                ("summary", e.summary.as_deref().unwrap_or("")),
            ];
            entries.push(Entry::new(i, &fields, e.date.clone()));
        }
        for (i, s) in ds.sources.iter_enumerated() {
            let fields = [
                ("title", s.title.as_str()),
                ("publisher", s.publisher.as_deref().unwrap_or("")),
            ];
            entries.push(Entry::new(
                i,
                &fields,
                s.published.clone().unwrap_or_default(),
            ));
        }
        for (i, p) in ds.positions.iter_enumerated() {
            let issue = ix.issue_title(ds, &p.issue);
            let party = ix.party_of[i].map_or(p.party.as_str(), |k| ds.parties[k].name.as_str());
            let fields = [
                ("summary", p.summary.as_str()),
                ("stance", p.stance.label()),
                ("party", party),
                ("issue", issue),
                ("by", person(ds, ix, p.by.as_deref())),
                ("reported by", person(ds, ix, p.reported_by.as_deref())),
                ("date", p.date.as_deref().unwrap_or("")),
            ];
            let context = format!("{party} on {issue}");
            entries.push(Entry::new(i, &fields, context));
        }
        for (i, q) in ds.quotes.iter_enumerated() {
            let speaker = q
                .speaker
                .as_deref()
                .map(|s| ix.speaker_name(ds, s))
                .unwrap_or("");
            let party = q
                .speaker
                .as_deref()
                .and_then(|s| match ix.person(s) {
                    Some(p) => ix.party(&ds.people[p].party),
                    None => ix.party(s),
                })
                .map_or("", |p| ds.parties[p].name.as_str());
            let source =
                ix.source_of[i].map_or(q.source.as_str(), |k| ds.sources[k].title.as_str());
            let fields = [
                ("text", q.text.as_str()),
                ("speaker", speaker),
                ("party", if party == speaker { "" } else { party }),
                ("source", source),
            ];
            let context = if speaker.is_empty() {
                source.to_string()
            } else {
                format!("{speaker} · {source}")
            };
            entries.push(Entry::new(i, &fields, context));
        }
        let mut counts = [0; 7];
        let mut starts = [usize::MAX; 7];
        for (i, e) in entries.iter().enumerate() {
            let k = e.kind().slot();
            counts[k] += 1;
            starts[k] = starts[k].min(i);
        }
        let facts = Facts::new(ds, ix, entries.iter().map(|e| e.item));
        SearchIndex {
            entries,
            counts,
            starts,
            facts,
            vocabulary: Vocabulary::new(ds, ix),
            thesaurus: Thesaurus::new(ds),
        }
    }

    /// A query as typed in the palette or on the command line: fzf terms,
    /// with synonyms, and qualifiers. `marks` is the open review's, for
    /// `is:verified` and the other review words.
    pub fn query(&self, input: &str, marks: Option<Arc<Marks>>) -> Result<Query, QueryError> {
        let parsed = facet::parse::parse(input);
        let mut q = Query::parse(&parsed.text);
        self.thesaurus.expand(&mut q);
        q.filter = self.vocabulary.resolve(&parsed, marks)?;
        Ok(q)
    }

    /// A pane filter: like [`SearchIndex::query`], with terms matched as
    /// exact text.
    pub fn filter_query(
        &self,
        input: &str,
        marks: Option<Arc<Marks>>,
    ) -> Result<Query, QueryError> {
        let parsed = facet::parse::parse(input);
        let mut q = Query::parse_filter(&parsed.text);
        self.thesaurus.expand(&mut q);
        q.filter = self.vocabulary.resolve(&parsed, marks)?;
        Ok(q)
    }

    /// The entry of one item.
    pub fn entry(&self, item: ItemRef) -> Option<&Entry> {
        let k = item.kind().slot();
        if item.index() >= self.counts[k] {
            return None;
        }
        self.entries.get(self.starts[k] + item.index())
    }

    /// Where an item's entry is in `entries`.
    pub fn position(&self, item: ItemRef) -> usize {
        self.starts[item.kind().slot()].saturating_add(item.index())
    }

    /// How many entries a scope covers: the denominator of the counter.
    pub fn count(&self, scope: Option<Kind>) -> usize {
        match scope {
            None => self.entries.len(),
            Some(k) => self.counts[k.slot()],
        }
    }
}
