//! Building a search index's entries: each value stored lowercased with
//! its patches (see `super::entries`), shared values once per run, one
//! run of entries per core.

use super::entries::{FIELD_NAMES, FieldRef, Forms, OWN, Part, Patch, Slot, Span, Value};
use super::fold::fold;
use crate::model::ItemRef;
use foldhash::HashMap;

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
    pub fields: Vec<FieldRef>,
    /// Values stored so far that entries share, by number.
    pub values: Vec<Value>,
    /// The number of each.
    shared: HashMap<String, u32>,
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
    fn store(&mut self, value: &str) -> Value {
        let chars = u32::try_from(value.chars().count()).unwrap_or(u32::MAX);
        let f = fold(value);
        let l = f.to_lowercase();
        let at = self.patches.len();
        // Nor can a text too long for a patch's offset be patched.
        if u32::try_from(l.len()).is_ok() && patches_of(value, &l, &mut self.patches) {
            let lower = self.put(&l);
            let forms = Forms::Patched(Span::new(at..self.patches.len()));
            return Value {
                lower,
                forms,
                chars,
            };
        }
        let text = self.put(value);
        let folded = if f == value { text } else { self.put(&f) };
        let lower = if l == f { folded } else { self.put(&l) };
        let forms = Forms::Stored { text, folded };
        Value {
            lower,
            forms,
            chars,
        }
    }

    /// Stores a value that other entries may carry too, once; its number
    /// among them.
    fn store_shared(&mut self, value: &str) -> u32 {
        if let Some(&n) = self.shared.get(value) {
            return n;
        }
        let n = self.values.len() as u32;
        let stored = self.store(value);
        self.values.push(stored);
        self.shared.insert(value.to_string(), n);
        n
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
        let mut own = Value::default();
        for (k, (name, value)) in values.iter().filter(|(_, v)| !v.is_empty()).enumerate() {
            let value = if k == 0 {
                own = self.store(value);
                OWN
            } else {
                self.store_shared(value)
            };
            let name = FIELD_NAMES.iter().position(|f| f == name).unwrap_or(0) as u8;
            self.fields.push(FieldRef { name, value });
        }
        self.slots.push(Slot {
            item,
            id,
            context,
            fields: Span::new(first..self.fields.len()),
            own,
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
            values: self.values,
            shared_base: 0,
            strings: self.strings,
            patches: self.patches,
            slots: self.slots,
            fields: self.fields,
        }
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
    use super::Builder;
    use crate::model::{ItemRef, Kind};
    use crate::search::entries::{Forms, SEPARATOR};
    use crate::search::fold::fold;
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
        for f in entry.fields() {
            assert_eq!(entry.field_text(&f), value);
            assert_eq!(entry.folded(&f), fold(value));
            assert_eq!(entry.lower(&f), fold(value).to_lowercase());
            assert_eq!(f.chars().len(), value.chars().count());
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
        let field = &entry.primary().expect("a field");
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
