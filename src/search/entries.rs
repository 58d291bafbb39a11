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
//! is stored once for all of them. That keeps a 100,000-quote index to
//! about the size of its text, which matters twice: in memory, and in the
//! cache, where reading the index back costs what it weighs.

use super::fold::{base_char, fold};
use crate::model::{ItemRef, Kind};
use foldhash::HashMap;
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
    pub(super) fn new(part: &'a Part, slot: &Slot) -> Entry<'a> {
        Entry {
            item: slot.item,
            fields: part.fields.get(slot.fields.range()).unwrap_or(&[]),
            primary_len: slot.primary_len as usize,
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
    pub fn lower(&self, field: &Field) -> &'a str {
        self.get(field.lower)
    }

    /// The fields joined by [`SEPARATOR`]: the text highlight positions
    /// count characters in.
    pub fn joined(&self) -> String {
        let parts: Vec<Cow<'_, str>> = self.fields.iter().map(|f| self.field_text(f)).collect();
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
    lower: Span { start: 0, end: 0 },
    forms: Forms::Patched(Span { start: 0, end: 0 }),
    shared: NOT_SHARED,
};

/// Where a value is stored: lowercased, and how to read it otherwise.
type Stored = (Span, Forms);

/// The patches that make `text` of `lower`, appended to `out`; `false`
/// (with `out` as it was) when the two differ in how many characters
/// they have.
fn patches_of(text: &str, lower: &str, out: &mut Vec<Patch>) -> bool {
    let before = out.len();
    let mut shown = text.chars();
    for (at, l) in lower.char_indices() {
        let Some(t) = shown.next() else {
            out.truncate(before);
            return false;
        };
        if t != l {
            out.push(Patch {
                at: at as u32,
                char: t,
            });
        }
    }
    if shown.next().is_some() {
        out.truncate(before);
        return false;
    }
    true
}

/// Entries being built.
#[derive(Default)]
pub(super) struct Builder {
    pub strings: String,
    pub patches: Vec<Patch>,
    pub slots: Vec<Slot>,
    pub fields: Vec<Field>,
    /// Values stored so far that entries may share, and their numbers.
    shared: HashMap<String, (Stored, u32)>,
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

    /// Stores a value folded and lowercased, with the patches that make
    /// it as displayed; or, when its lowercase has another number of
    /// characters, in its three forms, each only when it differs from the
    /// one before.
    fn store(&mut self, value: &str) -> Stored {
        let f = fold(value);
        let l = f.to_lowercase();
        let at = self.patches.len();
        // Nor can a text too long for a patch's offset be patched.
        if u32::try_from(l.len()).is_ok() && patches_of(value, &l, &mut self.patches) {
            let lower = self.put(&l);
            return (lower, Forms::Patched(Span::new(at..self.patches.len())));
        }
        let text = self.put(value);
        let folded = if f == value { text } else { self.put(&f) };
        let lower = if l == f { folded } else { self.put(&l) };
        (lower, Forms::Stored { text, folded })
    }

    /// Stores a value that other entries may carry too, once; and its
    /// number among them.
    fn store_shared(&mut self, value: &str) -> (Stored, u32) {
        if let Some(&s) = self.shared.get(value) {
            return s;
        }
        let stored = (self.store(value), self.shared.len() as u32);
        self.shared.insert(value.to_string(), stored);
        stored
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
            let ((lower, forms), shared) = if k == 0 {
                (self.store(value), NOT_SHARED)
            } else {
                self.store_shared(value)
            };
            let number = FIELD_NAMES.iter().position(|f| f == name).unwrap_or(0);
            self.fields.push(Field {
                name: number as u8,
                shown: shown(kind, name),
                boost: boost(kind, name),
                chars: Span::new(chars..chars + n),
                lower,
                forms,
                shared,
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
        self.patches.reserve(room(self.patches.len()));
        self.fields.reserve(room(self.fields.len()));
        self.slots.reserve(room(self.slots.len()));
    }

    /// The entries built, without what they were built with.
    fn into_part(self) -> Part {
        Part {
            shared: self.shared.len() as u32,
            shared_base: 0,
            strings: self.strings,
            patches: self.patches,
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
    /// What fields' patches point into.
    pub patches: Vec<Patch>,
    /// How many values its entries share, and the number of the first
    /// among the index's (see [`Entry::shared`]).
    pub shared: u32,
    pub shared_base: u32,
    pub slots: Vec<Slot>,
    pub fields: Vec<Field>,
}

impl Part {
    /// The entry of one of this run's slots.
    pub fn entry(&self, slot: &Slot) -> Entry<'_> {
        Entry::new(self, slot)
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

#[cfg(test)]
mod tests {
    use super::{Builder, Forms, SEPARATOR, fold};
    use crate::model::{ItemRef, Kind};
    use proptest::prelude::*;

    /// One entry of the given values, as an index stores it.
    fn stored(values: &[&str]) -> super::Part {
        let mut b = Builder::default();
        let named: Vec<(&'static str, &str)> = values.iter().map(|v| ("text", *v)).collect();
        b.push(ItemRef::new(Kind::Quote, 0), "q", &named, "");
        b.into_part()
    }

    fn assert_forms(value: &str) {
        let part = stored(&[value, value]);
        let entry = part.entry(&part.slots[0]);
        for f in entry.fields {
            assert_eq!(entry.field_text(f), value);
            assert_eq!(entry.folded(f), fold(value));
            assert_eq!(entry.lower(f), fold(value).to_lowercase());
        }
        // An empty value is no field at all.
        let joined = if value.is_empty() {
            String::new()
        } else {
            [value, value].join(SEPARATOR)
        };
        assert_eq!(entry.joined(), joined);
    }

    #[test]
    fn a_capital_or_a_diacritic_is_a_patch_on_the_lowercase_text() {
        let part = stored(&["Łódź said “No” to Ödemiş"]);
        let entry = part.entry(&part.slots[0]);
        let field = &entry.fields[0];
        assert_eq!(entry.lower(field), "lodz said \"no\" to odemis");
        assert!(matches!(field.forms, Forms::Patched(_)));
        // Ł, ó, ź, “, N, ”, Ö, ş: the rest of the text is stored once.
        assert_eq!(part.patches.len(), 8);
        assert_eq!(part.strings.len(), "q".len() + entry.lower(field).len());
        assert_forms("Łódź said “No” to Ödemiş");
    }

    #[test]
    fn no_patch_says_a_character_became_two() {
        // 'İ' lowercases to two characters ("i̇"); folding makes it 'I'
        // first, so only a text the fold left alone could get here.
        let mut out = vec![];
        assert!(!super::patches_of("İx", &"İx".to_lowercase(), &mut out));
        assert!(out.is_empty());
        assert!(super::patches_of("Ix", "ix", &mut out));
        assert_eq!(out.len(), 1);
        assert_forms("İstanbul");
    }

    proptest! {
        #[test]
        fn every_form_reads_back_as_it_was(value in "\\PC{0,40}") {
            assert_forms(&value);
        }

        #[test]
        fn mixed_scripts_read_back(value in "[a-zA-ZÇŞİıçşÖöÜüŁłß“”’ΣσςΑ-Ω ]{0,30}") {
            assert_forms(&value);
        }
    }
}
