//! How a search index stores its entries: every string once in one
//! buffer, each entry a few numbers pointing into it.
//!
//! A field's value is stored as displayed, folded and lowercased, but a
//! form equal to the one before it is not stored again, and a value many
//! entries share (a quote's speaker and source, a position's party, issue
//! and stance) is stored once for all of them. That keeps a 100,000-quote
//! index to about the size of its text, which matters twice: in memory,
//! and in the cache, where reading the index back costs what it weighs.

use super::fold::fold;
use crate::model::{ItemRef, Kind};
use foldhash::HashMap;
use std::ops::Range;

/// A byte (or character) range, in half the room of a `Range<usize>`:
/// an index holds about eight per item. An index never reaches 4 GiB of
/// strings, since a dataset is at most 512 MiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(r: Range<usize>) -> Span {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span {
            start: n(r.start),
            end: n(r.end),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Every field name, so a field names itself by number.
const FIELD_NAMES: [&str; 16] = [
    "title",
    "summary",
    "tags",
    "parent",
    "name",
    "aliases",
    "publisher",
    "stance",
    "party",
    "issue",
    "by",
    "reported by",
    "date",
    "text",
    "speaker",
    "source",
];

/// Whether a browser row of `kind` shows the field `name`.
fn shown(kind: Kind, name: &str) -> bool {
    match kind {
        Kind::Position => matches!(name, "summary" | "stance" | "party" | "issue" | "date"),
        Kind::Quote => matches!(name, "text" | "speaker" | "source"),
        _ => matches!(name, "name" | "title"),
    }
}

/// The boost for a field by its name.
fn boost(kind: Kind, name: &str) -> i16 {
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

/// One searchable field of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its place in [`FIELD_NAMES`].
    pub(super) name: u8,
    pub(super) shown: bool,
    pub(super) boost: i16,
    /// Characters of the entry's text, as if its fields were joined by
    /// [`SEPARATOR`]: where highlight positions fall.
    pub(super) chars: Span,
    /// The value as displayed, folded and lowercased: byte ranges of the
    /// index's strings.
    pub(super) text: Span,
    pub(super) folded: Span,
    pub(super) lower: Span,
}

impl Field {
    pub fn name(&self) -> &'static str {
        FIELD_NAMES
            .get(usize::from(self.name))
            .copied()
            .unwrap_or("")
    }

    /// Character range in the entry's text ([`Entry::joined`]).
    pub fn chars(&self) -> Range<usize> {
        self.chars.range()
    }

    /// Added to a match in this field: a match in a name or title says
    /// more about what the user is looking for than one in a summary.
    pub fn boost(&self) -> i64 {
        i64::from(self.boost)
    }

    /// A row in a browser pane shows it, so a pane filter looks at it.
    pub fn shown(&self) -> bool {
        self.shown
    }

    /// The boost and visibility a field of this name has in an entry of
    /// `kind`, for a field read back from a cache.
    pub(super) fn rated(kind: Kind, name: u8) -> Option<(i16, bool)> {
        static RATINGS: std::sync::OnceLock<[[(i16, bool); FIELD_NAMES.len()]; 7]> =
            std::sync::OnceLock::new();
        let table = RATINGS
            .get_or_init(|| Kind::ALL.map(|k| FIELD_NAMES.map(|n| (boost(k, n), shown(k, n)))));
        // Kinds by slot, as `Kind::ALL` lists them.
        let row = Kind::ALL.iter().position(|&k| k == kind)?;
        table.get(row)?.get(usize::from(name)).copied()
    }
}

/// Between fields: wide enough that no word runs into the next field.
pub const SEPARATOR: &str = "  ";

/// Where one entry's strings and fields are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub item: ItemRef,
    pub id: Span,
    pub context: Span,
    /// A range of the index's fields.
    pub fields: Span,
    pub primary_len: u32,
}

/// One item as search sees it: views into the index's strings.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub item: ItemRef,
    pub fields: &'a [Field],
    /// Length of the first field (name, title, quote text), the text that
    /// breaks ties: the shorter, the closer the match.
    pub primary_len: usize,
    strings: &'a str,
    /// Looked up only when shown: matching every entry must not touch
    /// them.
    id: Span,
    context: Span,
}

impl<'a> Entry<'a> {
    pub(super) fn new(strings: &'a str, slot: &Slot, fields: &'a [Field]) -> Entry<'a> {
        Entry {
            item: slot.item,
            fields: fields.get(slot.fields.range()).unwrap_or(&[]),
            primary_len: slot.primary_len as usize,
            strings,
            id: slot.id,
            context: slot.context,
        }
    }

    pub fn id(&self) -> &'a str {
        self.get(self.id)
    }

    /// What the item is about, shown beside it: a quote's speaker and
    /// source, a position's party and issue.
    pub fn context(&self) -> &'a str {
        self.get(self.context)
    }

    pub fn kind(&self) -> Kind {
        self.item.kind()
    }

    fn get(&self, s: Span) -> &'a str {
        self.strings.get(s.range()).unwrap_or("")
    }

    /// A field's value as displayed.
    pub fn field_text(&self, field: &Field) -> &'a str {
        self.get(field.text)
    }

    /// A field's value folded (diacritics and typographic marks plain).
    pub fn folded(&self, field: &Field) -> &'a str {
        self.get(field.folded)
    }

    /// A field's value folded and lowercased.
    pub fn lower(&self, field: &Field) -> &'a str {
        self.get(field.lower)
    }

    /// The fields joined by [`SEPARATOR`]: the text highlight positions
    /// count characters in.
    pub fn joined(&self) -> String {
        let parts: Vec<&str> = self.fields.iter().map(|f| self.field_text(f)).collect();
        parts.join(SEPARATOR)
    }

    /// The field holding most of `positions` (character indices), or the
    /// first field.
    pub fn field_at(&self, positions: &[usize]) -> &'a Field {
        self.fields
            .iter()
            .max_by_key(|f| positions.iter().filter(|p| f.chars().contains(p)).count())
            .filter(|_| !positions.is_empty())
            .or(self.fields.first())
            .unwrap_or(&EMPTY_FIELD)
    }
}

static EMPTY_FIELD: Field = Field {
    name: u8::MAX,
    shown: false,
    boost: 0,
    chars: Span { start: 0, end: 0 },
    text: Span { start: 0, end: 0 },
    folded: Span { start: 0, end: 0 },
    lower: Span { start: 0, end: 0 },
};

/// Where a value is stored: as displayed, folded, lowercased.
type Stored = (Span, Span, Span);

/// Entries being built.
#[derive(Default)]
pub(super) struct Builder {
    pub strings: String,
    pub slots: Vec<Slot>,
    pub fields: Vec<Field>,
    /// Values stored so far that entries may share.
    shared: HashMap<String, Stored>,
    /// Contexts stored so far: they are shown, never matched, so only as
    /// displayed.
    contexts: HashMap<String, Span>,
}

impl Builder {
    fn put(&mut self, s: &str) -> Span {
        let at = self.strings.len();
        self.strings.push_str(s);
        Span::new(at..self.strings.len())
    }

    /// Stores a value in its three forms, each only when it differs from
    /// the one before.
    fn store(&mut self, value: &str) -> Stored {
        let text = self.put(value);
        let f = fold(value);
        let folded = if f == value { text } else { self.put(&f) };
        let l = f.to_lowercase();
        let lower = if l == f { folded } else { self.put(&l) };
        (text, folded, lower)
    }

    /// Stores a value that other entries may carry too, once.
    fn store_shared(&mut self, value: &str) -> Stored {
        if let Some(&s) = self.shared.get(value) {
            return s;
        }
        let s = self.store(value);
        self.shared.insert(value.to_string(), s);
        s
    }

    /// Adds an entry. Its first field is its own text (a title, a quote);
    /// the others, and its context, are values entries share.
    pub fn push(
        &mut self,
        item: impl Into<ItemRef>,
        id: &str,
        values: &[(&'static str, &str)],
        context: &str,
    ) {
        let item = item.into();
        let kind = item.kind();
        let id = self.put(id);
        let context = match self.contexts.get(context) {
            Some(&s) => s,
            None => {
                let s = self.put(context);
                self.contexts.insert(context.to_string(), s);
                s
            }
        };
        let first = self.fields.len();
        let mut chars = 0;
        for (k, (name, value)) in values.iter().filter(|(_, v)| !v.is_empty()).enumerate() {
            if k > 0 {
                chars += SEPARATOR.len();
            }
            let n = value.chars().count();
            let (text, folded, lower) = if k == 0 {
                self.store(value)
            } else {
                self.store_shared(value)
            };
            let number = FIELD_NAMES.iter().position(|f| f == name).unwrap_or(0);
            self.fields.push(Field {
                name: number as u8,
                shown: shown(kind, name),
                boost: boost(kind, name),
                chars: Span::new(chars..chars + n),
                text,
                folded,
                lower,
            });
            chars += n;
        }
        let fields = first..self.fields.len();
        self.slots.push(Slot {
            item,
            primary_len: self
                .fields
                .get(first)
                .filter(|_| !fields.is_empty())
                .map_or(0, |f| f.chars.end - f.chars.start),
            id,
            context,
            fields: Span::new(fields),
        });
    }

    /// Room for `more` entries, as large on average as the `built` so far
    /// and an eighth more.
    fn reserve_like(&mut self, built: usize, more: usize) {
        let room = |len: usize| (len * more / built.max(1)) * 9 / 8;
        self.strings.reserve(room(self.strings.len()));
        self.fields.reserve(room(self.fields.len()));
        self.slots.reserve(room(self.slots.len()));
    }

    /// The entries built, without what they were built with.
    fn into_part(self) -> Part {
        Part {
            strings: self.strings,
            slots: self.slots,
            fields: self.fields,
        }
    }
}

/// A run of entries with their own strings and fields, which their spans
/// point into: an index is the runs built on each core, kept as they were
/// built, or the one run read back from the cache. Copying the runs into
/// one buffer held the 100k index twice, 100 MB more at the peak of a
/// cold search.
#[derive(Debug, Default)]
pub(super) struct Part {
    pub strings: String,
    pub slots: Vec<Slot>,
    pub fields: Vec<Field>,
}

impl Part {
    /// The entry of one of this run's slots.
    pub fn entry(&self, slot: &Slot) -> Entry<'_> {
        Entry::new(&self.strings, slot, &self.fields)
    }
}

/// Builds the entries of `count` items on every core, in item order: one
/// run of items per core, since each run stores the values its entries
/// share once more.
pub(super) fn build_kind(count: usize, one: impl Fn(usize, &mut Builder) + Sync) -> Vec<Part> {
    use rayon::prelude::*;
    let chunk = count.div_ceil(rayon::current_num_threads()).max(4096);
    (0..count.div_ceil(chunk))
        .into_par_iter()
        .map(|c| {
            let mut b = Builder::default();
            let items = c * chunk..((c + 1) * chunk).min(count);
            // Sized from the first items built: grown by doubling, the
            // buffers of a 100k index were copied a dozen times, and the
            // freed copies stayed resident until the allocator purged them.
            let sample = items.start + (items.len() / 64).clamp(1, 512);
            for i in items.clone() {
                if i == sample {
                    b.reserve_like(i - items.start, items.end - i);
                }
                one(i, &mut b);
            }
            b.into_part()
        })
        .collect()
}
