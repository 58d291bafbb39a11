//! How a search index stores its entries: every string once in one
//! buffer, each entry a few numbers pointing into it.
//!
//! A field's value is stored folded and lowercased, which is what a
//! search matches. The few characters where it reads otherwise as
//! displayed (a sentence's capital, a name's diacritics, a typographic
//! quote) are kept beside it as patches, from which the displayed and
//! folded forms are made again when asked for: only for rows shown, and
//! for a case-sensitive search. A value whose lowercase has more or fewer
//! characters is stored in its three forms instead, each only when it
//! differs from the one before. A value many entries share
//! (a quote's speaker and source, a position's party, issue and stance)
//! is stored once for all of them, and an entry's field holding it is a
//! name and the value's number: 8 bytes, not the 44 a field with its own
//! ranges took (29 MB of a 100k index). That keeps a 100,000-quote index
//! to about the size of its text, which matters twice: in memory, and in
//! the cache, where reading the index back costs what it weighs.

use super::fold::base_char;
use crate::model::{ItemRef, Kind};
use std::borrow::Cow;
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
pub(super) const FIELD_NAMES: [&str; 16] = [
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
pub(super) fn shown(kind: Kind, name: &str) -> bool {
    match kind {
        Kind::Position => matches!(name, "summary" | "stance" | "party" | "issue" | "date"),
        Kind::Quote => matches!(name, "text" | "speaker" | "source"),
        _ => matches!(name, "name" | "title"),
    }
}

/// The boost for a field by its name.
pub(super) fn boost(kind: Kind, name: &str) -> i16 {
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

/// A value as the index stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Value {
    /// Folded and lowercased: a byte range of the index's strings.
    pub lower: Span,
    pub forms: Forms,
    /// How many characters it has as displayed.
    pub chars: u32,
}

/// An entry's field as stored: its name, and which value it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FieldRef {
    /// Its place in [`FIELD_NAMES`].
    pub name: u8,
    /// [`OWN`], or the number of a value the run's entries share.
    pub value: u32,
}

/// The [`FieldRef::value`] of the entry's own value (its first field).
pub(super) const OWN: u32 = u32::MAX;

/// What a field holds whose value is missing: nothing.
static NO_VALUE: Value = Value {
    lower: Span { start: 0, end: 0 },
    forms: Forms::Patched(Span { start: 0, end: 0 }),
    chars: 0,
};

/// One searchable field of an entry, as [`Entry::fields`] gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its place in [`FIELD_NAMES`].
    pub(super) name: u8,
    pub(super) shown: bool,
    pub(super) boost: i16,
    /// Characters of the entry's text, as if its fields were joined by
    /// [`SEPARATOR`]: where highlight positions fall.
    pub(super) chars: Span,
    /// The value folded and lowercased: a byte range of the index's
    /// strings.
    pub(super) lower: Span,
    pub(super) forms: Forms,
    /// The number of the value among those its run's entries share, or
    /// [`NOT_SHARED`]: a search scores a shared value once.
    pub(super) shared: u32,
}

/// The [`Field::shared`] of a value only its entry has.
pub(super) const NOT_SHARED: u32 = u32::MAX;

/// How a field reads as displayed and folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Forms {
    /// As displayed: its lowercase with these patches (a range of the
    /// index's patches) applied; an empty range when the two are the same.
    /// Folded: that, folded.
    Patched(Span),
    /// As these byte ranges of the index's strings.
    Stored { text: Span, folded: Span },
}

impl Default for Forms {
    fn default() -> Forms {
        Forms::Patched(Span::default())
    }
}

/// One character of a lowercase text that reads otherwise as displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Patch {
    /// Byte offset in the lowercase text, on a character boundary.
    pub at: u32,
    pub char: char,
}

/// `lower` with `patches` (in order) applied: each puts its character,
/// through `form`, in place of the one at its offset; borrowed when none
/// changes anything. A patch out of order or off a character boundary
/// ends the patching; the cache's check refuses them.
fn patched<'a>(lower: &'a str, patches: &[Patch], form: impl Fn(char) -> char) -> Cow<'a, str> {
    let mut out = String::new();
    let mut from = 0;
    for p in patches {
        let at = p.at as usize;
        let (Some(before), Some(replaced)) = (
            lower.get(from..at),
            lower.get(at..).and_then(|r| r.chars().next()),
        ) else {
            break;
        };
        let c = form(p.char);
        if c == replaced {
            continue;
        }
        if out.is_empty() {
            out.reserve(lower.len() + 2 * patches.len());
        }
        out.push_str(before);
        out.push(c);
        from = at + replaced.len_utf8();
    }
    if from == 0 {
        return Cow::Borrowed(lower);
    }
    out.push_str(lower.get(from..).unwrap_or(""));
    Cow::Owned(out)
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
}

type Ratings = [(i16, bool); FIELD_NAMES.len()];

/// The boost and visibility of each field name in an entry of `kind`:
/// they follow from the two, so no field stores them.
fn ratings(kind: Kind) -> &'static Ratings {
    static RATINGS: std::sync::OnceLock<[Ratings; 7]> = std::sync::OnceLock::new();
    let table =
        RATINGS.get_or_init(|| Kind::ALL.map(|k| FIELD_NAMES.map(|n| (boost(k, n), shown(k, n)))));
    // Kinds by slot, as `Kind::ALL` lists them.
    &table[kind.slot() % 7]
}

/// Whether `name` numbers a field name.
pub(super) fn known_name(name: u8) -> bool {
    usize::from(name) < FIELD_NAMES.len()
}

/// Between fields: wide enough that no word runs into the next field.
pub const SEPARATOR: &str = "  ";

/// Where one entry's strings and fields are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub item: ItemRef,
    pub id: Span,
    pub context: Span,
    /// A range of the run's fields.
    pub fields: Span,
    /// The value of its first field: its own text (a title, a quote),
    /// which no other entry shares.
    pub own: Value,
}

impl Slot {
    /// Characters in its first field, the text that breaks ties.
    pub fn primary_len(&self) -> u32 {
        self.own.chars
    }
}

/// One item as search sees it: views into the index's strings.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub item: ItemRef,
    refs: &'a [FieldRef],
    own: &'a Value,
    /// The values the run's entries share.
    values: &'a [Value],
    strings: &'a str,
    patches: &'a [Patch],
    /// The number of the first shared value of the entry's run among the
    /// index's.
    shared_base: u32,
    /// Looked up only when shown: matching every entry must not touch
    /// them.
    id: Span,
    context: Span,
}

impl<'a> Entry<'a> {
    pub(super) fn new(part: &'a Part, slot: &'a Slot) -> Entry<'a> {
        Entry {
            item: slot.item,
            refs: part.fields.get(slot.fields.range()).unwrap_or(&[]),
            own: &slot.own,
            values: &part.values,
            strings: &part.strings,
            patches: &part.patches,
            shared_base: part.shared_base,
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

    /// Length of the first field (name, title, quote text), the text that
    /// breaks ties: the shorter, the closer the match.
    pub fn primary_len(&self) -> usize {
        self.own.chars as usize
    }

    /// Its fields, in order, each with its place in [`Entry::joined`].
    pub fn fields(&self) -> impl Iterator<Item = Field> + use<'a> {
        let ratings = ratings(self.kind());
        let (own, values) = (self.own, self.values);
        let mut chars = 0u32;
        self.refs.iter().map(move |r| {
            let (value, shared) = match r.value {
                OWN => (own, NOT_SHARED),
                n => (values.get(n as usize).unwrap_or(&NO_VALUE), n),
            };
            let (boost, shown) = ratings
                .get(usize::from(r.name))
                .copied()
                .unwrap_or_default();
            let start = chars;
            chars = start
                .saturating_add(value.chars)
                .saturating_add(SEPARATOR.len() as u32);
            Field {
                name: r.name,
                shown,
                boost,
                chars: Span {
                    start,
                    end: start.saturating_add(value.chars),
                },
                lower: value.lower,
                forms: value.forms,
                shared,
            }
        })
    }

    /// Its first field: its own text.
    pub fn primary(&self) -> Option<Field> {
        self.fields().next()
    }

    fn get(&self, s: Span) -> &'a str {
        self.strings.get(s.range()).unwrap_or("")
    }

    /// A field's value as displayed.
    pub fn field_text(&self, field: &Field) -> Cow<'a, str> {
        match field.forms {
            Forms::Patched(at) => self.patched(field, at, |c| c),
            Forms::Stored { text, .. } => Cow::Borrowed(self.get(text)),
        }
    }

    /// A field's value folded (diacritics and typographic marks plain):
    /// its lowercase is folded already, so only its patches are.
    pub fn folded(&self, field: &Field) -> Cow<'a, str> {
        match field.forms {
            Forms::Patched(at) => self.patched(field, at, base_char),
            Forms::Stored { folded, .. } => Cow::Borrowed(self.get(folded)),
        }
    }

    fn patched(&self, field: &Field, at: Span, form: impl Fn(char) -> char) -> Cow<'a, str> {
        let patches = self.patches.get(at.range()).unwrap_or(&[]);
        patched(self.get(field.lower), patches, form)
    }

    /// The number of a field's value among all the values the index's
    /// entries share; `None` for a value of this entry alone.
    pub(super) fn shared(&self, field: &Field) -> Option<usize> {
        (field.shared != NOT_SHARED).then(|| self.shared_base as usize + field.shared as usize)
    }

    /// A field's value folded and lowercased.
    #[inline]
    pub fn lower(&self, field: &Field) -> &'a str {
        self.get(field.lower)
    }

    /// The fields joined by [`SEPARATOR`]: the text highlight positions
    /// count characters in.
    pub fn joined(&self) -> String {
        let parts: Vec<Cow<'_, str>> = self.fields().map(|f| self.field_text(&f)).collect();
        parts.join(SEPARATOR)
    }

    /// The field holding most of `positions` (character indices), or the
    /// first field.
    pub fn field_at(&self, positions: &[usize]) -> Field {
        self.fields()
            .max_by_key(|f| positions.iter().filter(|p| f.chars().contains(p)).count())
            .filter(|_| !positions.is_empty())
            .or(self.primary())
            .unwrap_or(EMPTY_FIELD)
    }
}

const EMPTY_FIELD: Field = Field {
    name: u8::MAX,
    shown: false,
    boost: 0,
    chars: Span { start: 0, end: 0 },
    lower: Span { start: 0, end: 0 },
    forms: Forms::Patched(Span { start: 0, end: 0 }),
    shared: NOT_SHARED,
};

/// A run of entries with their own strings and fields, which their spans
/// point into: an index is the runs built on each core, kept as they were
/// built, or the one run read back from the cache. Copying the runs into
/// one buffer held the 100k index twice, 100 MB more at the peak of a
/// cold search.
#[derive(Debug, Default)]
pub(super) struct Part {
    pub strings: String,
    /// What fields' patches point into.
    pub patches: Vec<Patch>,
    /// The values its entries share.
    pub values: Vec<Value>,
    /// The number of its first shared value among the index's (see
    /// [`Entry::shared`]).
    pub shared_base: u32,
    pub slots: Vec<Slot>,
    pub fields: Vec<FieldRef>,
}

impl Part {
    /// The entry of one of this run's slots.
    pub fn entry<'a>(&'a self, slot: &'a Slot) -> Entry<'a> {
        Entry::new(self, slot)
    }
}
