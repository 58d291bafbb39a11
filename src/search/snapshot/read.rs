//! Reading a search index back from its parts (see the parent module for
//! their layout), and refusing any that do not hold together.

use super::{FIELD_BYTES, FacetsIn, PATCH_BYTES, SLOT_BYTES, VALUE_BYTES, config};
use crate::model::{ItemRef, Kind};
use crate::search::entries::{
    FieldRef, Forms, NOT_SHARED, OWN, Part, Patch, Slot, Span, Value, known_name,
};
use crate::search::facet::facts::Facts;
use crate::search::facet::vocab::Vocabulary;
use crate::search::index::SearchIndex;
use crate::search::synonyms::Thesaurus;
use std::io::{BufRead, BufReader, Read};

/// The value of [`value_numbers`]; `None` for a form it never writes.
fn value_of([form, chars, l0, l1, a0, a1, b0, b1]: [u32; 8]) -> Option<Value> {
    let span = |start, end| Span { start, end };
    let forms = match form {
        0 if (b0, b1) == (0, 0) => Forms::Patched(span(a0, a1)),
        1 => Forms::Stored {
            text: span(a0, a1),
            folded: span(b0, b1),
        },
        _ => return None,
    };
    Some(Value {
        lower: span(l0, l1),
        forms,
        chars,
    })
}

/// The entries, fields and thesaurus of an index, read from its tables
/// part and not yet checked against its strings.
pub struct Tables {
    slots: Vec<Slot>,
    fields: Vec<FieldRef>,
    values: Vec<Value>,
    patches: Vec<Patch>,
    thesaurus: Thesaurus,
}

/// The `N` little-endian `u32`s of a record.
fn numbers<const N: usize>(record: &[u8]) -> [u32; N] {
    std::array::from_fn(|i| {
        let at = 4 * i;
        record
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    })
}

/// The tables part, or `None` when it is truncated or does not add up.
pub fn read_tables(tables: &[u8]) -> Option<Tables> {
    let mut r = tables;
    let read = read_tables_from(&mut r, tables.len())?;
    r.is_empty().then_some(read)
}

/// The tables part, `len` bytes long, decoded record by record as `r`
/// gives them, so the part is never held whole beside what it decodes to
/// (33 MB at 100k); `None` when it is truncated or does not add up.
pub fn read_tables_from(r: &mut impl BufRead, len: usize) -> Option<Tables> {
    let mut head = [0u8; 40];
    r.read_exact(&mut head).ok()?;
    let n = |k: usize| {
        let bytes = head.get(8 * k..8 * k + 8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(bytes)).ok()
    };
    let (slot_count, field_count) = (n(0)?, n(1)?);
    let (patch_count, shared, thesaurus_len) = (n(2)?, n(3)?, n(4)?);
    let shared = u32::try_from(shared).ok().filter(|&n| n < NOT_SHARED)?;
    let slot_bytes = slot_count.checked_mul(SLOT_BYTES)?;
    let field_bytes = field_count.checked_mul(FIELD_BYTES)?;
    let value_bytes = (shared as usize).checked_mul(VALUE_BYTES)?;
    let patch_bytes = patch_count.checked_mul(PATCH_BYTES)?;
    // Checked before anything is sized by the counts.
    if head
        .len()
        .checked_add(slot_bytes)?
        .checked_add(field_bytes)?
        .checked_add(value_bytes)?
        .checked_add(patch_bytes)?
        .checked_add(thesaurus_len)?
        != len
    {
        return None;
    }
    let span = |start, end| Span { start, end };
    // Sized up front: collecting into an `Option<Vec>` knows no size and
    // would grow the vectors by doubling, a third more memory at 100k.
    let mut slots = Vec::with_capacity(slot_count);
    for _ in 0..slot_count {
        let n = read_numbers::<16>(r)?;
        let [kind, at, id0, id1, cx0, cx1, f0, f1] = std::array::from_fn(|i| n[i]);
        let kind = *Kind::ALL.iter().find(|k| k.slot() == kind as usize)?;
        slots.push(Slot {
            item: ItemRef::new(kind, at as usize),
            id: span(id0, id1),
            context: span(cx0, cx1),
            fields: span(f0, f1),
            own: value_of(std::array::from_fn(|i| n[8 + i]))?,
        });
    }
    let mut fields = Vec::with_capacity(field_count);
    for _ in 0..field_count {
        let [name, value] = read_numbers::<2>(r)?;
        fields.push(FieldRef {
            name: u8::try_from(name).ok().filter(|&n| known_name(n))?,
            value: (value == OWN || value < shared).then_some(value)?,
        });
    }
    let mut values = Vec::with_capacity(shared as usize);
    for _ in 0..shared {
        values.push(value_of(read_numbers::<8>(r)?)?);
    }
    let mut patches = Vec::with_capacity(patch_count);
    for _ in 0..patch_count {
        let [at, char] = read_numbers::<2>(r)?;
        patches.push(Patch {
            at,
            char: char::from_u32(char)?,
        });
    }
    Some(Tables {
        slots,
        fields,
        values,
        patches,
        thesaurus: decode_exactly(r, thesaurus_len)?,
    })
}

/// The next record of `N` little-endian `u32`s: from the reader's buffer
/// when it holds the record whole, which a call per record through
/// `read_exact` made a third slower.
fn read_numbers<const N: usize>(r: &mut impl BufRead) -> Option<[u32; N]> {
    let size = 4 * N;
    if let Some(record) = r.fill_buf().ok()?.get(..size) {
        let numbers = numbers::<N>(record);
        r.consume(size);
        return Some(numbers);
    }
    let mut record = [0u8; SLOT_BYTES];
    let record = record.get_mut(..size)?;
    r.read_exact(record).ok()?;
    Some(numbers::<N>(record))
}

/// Decodes what the next `len` bytes of `r` hold, all of them, or nothing.
fn decode_exactly<T: serde::de::DeserializeOwned>(r: &mut impl Read, len: usize) -> Option<T> {
    let mut part = r.take(len as u64);
    let value = bincode::serde::decode_from_std_read(&mut part, config()).ok()?;
    (part.limit() == 0).then_some(value)
}

/// The facets part, decoded as `r` gives it: through the reader's buffer,
/// which bincode reads numbers from as fast as from a slice (through
/// `std::io::Read`, a call per number took twice as long). The caller
/// checks that it ends where the part does.
pub fn read_facets_from<R: Read>(r: &mut BufReader<R>) -> Option<(Facts, Vocabulary)> {
    let f: FacetsIn = bincode::serde::decode_from_reader(r, config()).ok()?;
    Some((f.facts, f.vocabulary))
}

/// The index the parts describe; `None` for bytes that are corrupt,
/// truncated or do not hold together.
pub fn decode(tables: &[u8], facets: Option<&[u8]>, strings: String) -> Option<SearchIndex> {
    let facets = match facets {
        Some(bytes) => {
            let mut r = BufReader::new(bytes);
            let facets = read_facets_from(&mut r)?;
            r.fill_buf().ok()?.is_empty().then_some(facets)
        }
        None => None,
    };
    assemble(read_tables(tables)?, facets, strings)
}

/// Whether a value lies inside `strings` on character boundaries, with
/// its patches in order on its characters.
fn check_value(strings: &str, patches: &[Patch], v: &Value) -> Option<()> {
    let inside = |s: Span| s.start <= s.end && strings.get(s.range()).is_some();
    if !inside(v.lower) {
        return None;
    }
    let text = match v.forms {
        Forms::Patched(at) => {
            let lower = strings.get(v.lower.range())?;
            let mut from = 0;
            for p in patches.get(at.start as usize..at.end as usize)? {
                let at = p.at as usize;
                if at < from || at >= lower.len() || !lower.is_char_boundary(at) {
                    return None;
                }
                from = at + 1;
            }
            v.lower
        }
        // Most forms equal the one before: checked once.
        Forms::Stored { text, folded } => {
            if !inside(text) || (folded != text && !inside(folded)) {
                return None;
            }
            text
        }
    };
    // Highlight positions count characters from the field's place: it
    // must not run past what the value can hold.
    (v.chars <= text.end - text.start).then_some(())
}

/// Whether each slot's id, context and own value lie inside `strings`,
/// and its fields inside `fields`, each naming a field and holding its
/// own value or one of `values` shared ones.
fn check(
    strings: &str,
    patches: &[Patch],
    slots: &[Slot],
    fields: &[FieldRef],
    values: usize,
) -> Option<()> {
    let inside = |s: Span| s.start <= s.end && strings.get(s.range()).is_some();
    for slot in slots {
        if !inside(slot.id) || !inside(slot.context) || slot.fields.start > slot.fields.end {
            return None;
        }
        check_value(strings, patches, &slot.own)?;
        // Names and shared values were checked as they were read.
        let own = fields.get(slot.fields.range())?;
        if own
            .iter()
            .any(|f| f.value != OWN && f.value as usize >= values)
        {
            return None;
        }
    }
    Some(())
}

/// The index of tables read by [`read_tables`], its facets (without
/// which it answers queries without qualifiers only: it knows no party,
/// issue or date) and its strings; `None` when they do not hold together.
pub fn assemble(
    tables: Tables,
    facets: Option<(Facts, Vocabulary)>,
    strings: String,
) -> Option<SearchIndex> {
    let Tables {
        slots,
        fields,
        values,
        patches,
        thesaurus,
    } = tables;
    let has_facets = facets.is_some();
    let (facts, vocabulary) = facets.unwrap_or_default();
    // The check touches every slot once: half on each core.
    let (front, back) = slots.split_at(slots.len() / 2);
    let sound = std::thread::scope(|s| {
        let back = s.spawn(|| check(&strings, &patches, back, &fields, values.len()));
        let shared = values
            .iter()
            .all(|v| check_value(&strings, &patches, v).is_some());
        let front = check(&strings, &patches, front, &fields, values.len());
        shared && front.is_some() && back.join().ok().flatten().is_some()
    });
    if !sound {
        return None;
    }
    let part = Part {
        values,
        shared_base: 0,
        strings,
        patches,
        slots,
        fields,
    };
    let index = SearchIndex::from_parts(vec![part], facts, vocabulary, thesaurus);
    // Each entry where its item finds it, kinds in their order.
    let placed = index
        .parts()
        .iter()
        .flat_map(|p| &p.slots)
        .enumerate()
        .all(|(i, s)| index.position(s.item) == i);
    let count = |k| index.count(Some(k));
    let sound = placed
        && index.thesaurus.sound()
        && (!has_facets
            || index.facts.sound(index.len())
                && index
                    .vocabulary
                    .sound(count(Kind::Source), count(Kind::Person)));
    sound.then_some(index)
}
