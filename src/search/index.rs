//! What search looks at: one entry per item, its searchable fields joined,
//! folded once at load so a keystroke only matches.

use super::fold::fold;
use crate::model::{Dataset, DatasetIndex};
use std::ops::Range;

/// The kinds of item search returns, in the order they win ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Kind {
    Issue,
    Party,
    Person,
    Event,
    Source,
    Position,
    Quote,
}

impl Kind {
    /// The palette's scope cycle, after "all".
    pub const CYCLE: [Kind; 7] = [
        Kind::Party,
        Kind::Person,
        Kind::Issue,
        Kind::Position,
        Kind::Quote,
        Kind::Source,
        Kind::Event,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Issue => "issue",
            Kind::Party => "party",
            Kind::Person => "person",
            Kind::Event => "event",
            Kind::Source => "source",
            Kind::Position => "position",
            Kind::Quote => "quote",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Issue => "issues",
            Kind::Party => "parties",
            Kind::Person => "people",
            Kind::Event => "events",
            Kind::Source => "sources",
            Kind::Position => "positions",
            Kind::Quote => "quotes",
        }
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
}

/// The boost for a field by its name.
fn boost(name: &str) -> i64 {
    match name {
        "name" | "title" => 24,
        "aliases" => 16,
        "text" => 8,
        _ => 0,
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    /// Index of the item in its dataset list.
    pub item: usize,
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

/// Between fields: wide enough that no word runs into the next field.
pub const SEPARATOR: &str = "  ";

impl Entry {
    fn new(kind: Kind, item: usize, fields: &[(&'static str, &str)], context: String) -> Entry {
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
                boost: boost(name),
            });
            text.push_str(value);
            folded.push_str(&f);
            lower.push_str(&l);
            chars += n;
        }
        Entry {
            kind,
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
};

#[derive(Debug, Default)]
pub struct SearchIndex {
    pub entries: Vec<Entry>,
    /// Entries of each kind, indexed by `Kind as usize`.
    counts: [usize; 7],
    /// Where each kind's entries start: entries are in kind order, every
    /// item once, so an item's entry is found without a map.
    starts: [usize; 7],
}

impl SearchIndex {
    pub fn new(ds: &Dataset, ix: &DatasetIndex) -> SearchIndex {
        let mut entries = Vec::with_capacity(
            ds.parties.len()
                + ds.people.len()
                + ds.issues.len()
                + ds.positions.len()
                + ds.quotes.len(),
        );
        // Built in tie-break order of kinds, so an entry's index is its
        // final tie-breaker (kind, then dataset order).
        for (i, issue) in ds.issues.iter().enumerate() {
            let tags = issue.tags.join(" ");
            let fields = [
                ("title", issue.title.as_str()),
                ("summary", issue.summary.as_deref().unwrap_or("")),
                ("tags", tags.as_str()),
            ];
            entries.push(Entry::new(
                Kind::Issue,
                i,
                &fields,
                format!("{} issue", issue.status.label()),
            ));
        }
        for (i, p) in ds.parties.iter().enumerate() {
            let aliases = p.aliases.join(", ");
            let fields = [("name", p.name.as_str()), ("aliases", aliases.as_str())];
            entries.push(Entry::new(
                Kind::Party,
                i,
                &fields,
                p.role.label().to_string(),
            ));
        }
        for (i, p) in ds.people.iter().enumerate() {
            let aliases = p.aliases.join(", ");
            let fields = [
                ("name", p.name.as_str()),
                ("aliases", aliases.as_str()),
                ("title", p.title.as_deref().unwrap_or("")),
            ];
            entries.push(Entry::new(
                Kind::Person,
                i,
                &fields,
                ix.speaker_name(ds, &p.party).to_string(),
            ));
        }
        for (i, e) in ds.events.iter().enumerate() {
            let fields = [
                ("title", e.title.as_str()),
                ("summary", e.summary.as_deref().unwrap_or("")),
            ];
            entries.push(Entry::new(Kind::Event, i, &fields, e.date.clone()));
        }
        for (i, s) in ds.sources.iter().enumerate() {
            let fields = [
                ("title", s.title.as_str()),
                ("publisher", s.publisher.as_deref().unwrap_or("")),
            ];
            entries.push(Entry::new(
                Kind::Source,
                i,
                &fields,
                s.published.clone().unwrap_or_default(),
            ));
        }
        for (i, p) in ds.positions.iter().enumerate() {
            let issue = ix.issue_title(ds, &p.issue);
            let fields = [
                ("summary", p.summary.as_str()),
                ("stance", p.stance.label()),
            ];
            let context = format!("{} on {issue}", ix.speaker_name(ds, &p.party));
            entries.push(Entry::new(Kind::Position, i, &fields, context));
        }
        for (i, q) in ds.quotes.iter().enumerate() {
            let speaker = q
                .speaker
                .as_deref()
                .map(|s| ix.speaker_name(ds, s))
                .unwrap_or("");
            let source = ix
                .sources
                .get(&q.source)
                .map_or(q.source.as_str(), |&k| ds.sources[k].title.as_str());
            let fields = [("text", q.text.as_str()), ("speaker", speaker)];
            let context = if speaker.is_empty() {
                source.to_string()
            } else {
                format!("{speaker} · {source}")
            };
            entries.push(Entry::new(Kind::Quote, i, &fields, context));
        }
        let mut counts = [0; 7];
        let mut starts = [usize::MAX; 7];
        for (i, e) in entries.iter().enumerate() {
            counts[e.kind as usize] += 1;
            starts[e.kind as usize] = starts[e.kind as usize].min(i);
        }
        SearchIndex {
            entries,
            counts,
            starts,
        }
    }

    /// The entry of one item.
    pub fn entry(&self, kind: Kind, item: usize) -> Option<&Entry> {
        let k = kind as usize;
        if item >= self.counts[k] {
            return None;
        }
        self.entries.get(self.starts[k] + item)
    }

    /// How many entries a scope covers: the denominator of the counter.
    pub fn count(&self, scope: Option<Kind>) -> usize {
        match scope {
            None => self.entries.len(),
            Some(k) => self.counts[k as usize],
        }
    }
}
