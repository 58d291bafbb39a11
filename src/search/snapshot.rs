//! A search index as bytes, so the load cache can keep it and a warm
//! `parley search` need not load the dataset at all. Three parts:
//!
//! - tables: the entries and fields as little-endian numbers, then the
//!   thesaurus (bincode);
//! - facets: the facts and vocabulary qualifiers use (bincode), which a
//!   query without qualifiers need not read;
//! - strings: the index's strings as they are, which read back into a
//!   `String` whole.
//!
//! ```text
//! tables: slot count (u64) | field count (u64) | thesaurus length (u64)
//!   | slots (9 × u32 each) | fields (u8 name, u8 forms, 4–8 × u32)
//!   | thesaurus
//! ```
//!
//! Nothing read back is trusted. Every range must lie inside the strings
//! on character boundaries, every entry must sit where its item says, and
//! every number the vocabulary looks up with must be inside the list it
//! indexes; otherwise the bytes are refused.

use super::entries::{Field, Slot, Span};
use super::facet::facts::Facts;
use super::facet::vocab::Vocabulary;
use super::index::SearchIndex;
use super::synonyms::Thesaurus;
use crate::model::{ItemRef, Kind};
use serde::{Deserialize, Serialize};

/// Decoding claims at most this many bytes for the facts and vocabulary.
const MAX_REST: usize = 1 << 30;

type Config = bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<MAX_REST>,
>;

fn config() -> Config {
    bincode::config::standard().with_limit::<MAX_REST>()
}

#[derive(Serialize)]
struct FacetsOut<'a> {
    facts: &'a Facts,
    vocabulary: &'a Vocabulary,
}

#[derive(Deserialize)]
struct FacetsIn {
    facts: Facts,
    vocabulary: Vocabulary,
}

fn encode<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    bincode::serde::encode_to_vec(value, config()).ok()
}

/// Decodes exactly the bytes given, or nothing.
fn decode_whole<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match bincode::serde::decode_from_slice(bytes, config()) {
        Ok((value, used)) if used == bytes.len() => Some(value),
        _ => None,
    }
}

/// Bits of a field's forms byte: which forms are stored apart from the
/// one before.
const OWN_FOLDED: u8 = 1;
const OWN_LOWER: u8 = 2;

/// The fewest bytes a slot and a field take: a count the bytes cannot
/// hold is refused before anything is allocated for it.
const SLOT_BYTES: usize = 36;
const FIELD_BYTES: usize = 18;

fn put(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_span(out: &mut Vec<u8>, s: Span) {
    put(out, s.start);
    put(out, s.end);
}

/// Numbers read off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u8(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_le_bytes(*head))
    }

    fn u64(&mut self) -> Option<usize> {
        let (head, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        usize::try_from(u64::from_le_bytes(*head)).ok()
    }

    fn span(&mut self) -> Option<Span> {
        Some(Span {
            start: self.u32()?,
            end: self.u32()?,
        })
    }
}

/// The index's facets part; `None` when it cannot be encoded.
pub fn facets(index: &SearchIndex) -> Option<Vec<u8>> {
    encode(&FacetsOut {
        facts: &index.facts,
        vocabulary: &index.vocabulary,
    })
}

/// The index's tables; `None` when they cannot be encoded.
pub fn tables(index: &SearchIndex) -> Option<Vec<u8>> {
    let thesaurus = encode(&index.thesaurus)?;
    let mut out = Vec::with_capacity(
        24 + index.slots.len() * SLOT_BYTES
            + index.fields.len() * 2 * FIELD_BYTES
            + thesaurus.len(),
    );
    for n in [index.slots.len(), index.fields.len(), thesaurus.len()] {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    for s in &index.slots {
        put(&mut out, s.item.kind().slot() as u32);
        put(&mut out, u32::try_from(s.item.index()).ok()?);
        put_span(&mut out, s.id);
        put_span(&mut out, s.context);
        put_span(&mut out, s.fields);
        put(&mut out, s.primary_len);
    }
    for f in &index.fields {
        let forms = if f.folded != f.text { OWN_FOLDED } else { 0 }
            | if f.lower != f.folded { OWN_LOWER } else { 0 };
        out.push(f.name);
        out.push(forms);
        put_span(&mut out, f.chars);
        put_span(&mut out, f.text);
        if forms & OWN_FOLDED != 0 {
            put_span(&mut out, f.folded);
        }
        if forms & OWN_LOWER != 0 {
            put_span(&mut out, f.lower);
        }
    }
    out.extend_from_slice(&thesaurus);
    Some(out)
}

/// The index's strings, which the tables point into.
pub fn strings(index: &SearchIndex) -> &[u8] {
    index.strings.as_bytes()
}

/// The index the parts describe; `None` for bytes that are corrupt,
/// truncated or do not hold together. Without its facets part the index
/// answers queries without qualifiers only: it knows no party, issue or
/// date.
pub fn decode(tables: &[u8], facets: Option<&[u8]>, strings: String) -> Option<SearchIndex> {
    let mut r = Reader(tables);
    let (slot_count, field_count, thesaurus_len) = (r.u64()?, r.u64()?, r.u64()?);
    if slot_count.checked_mul(SLOT_BYTES)? > r.0.len()
        || field_count.checked_mul(FIELD_BYTES)? > r.0.len()
    {
        return None;
    }
    let mut slots = Vec::with_capacity(slot_count);
    for _ in 0..slot_count {
        let kind = r.u32()? as usize;
        let kind = *Kind::ALL.iter().find(|k| k.slot() == kind)?;
        slots.push(Slot {
            item: ItemRef::new(kind, r.u32()? as usize),
            id: r.span()?,
            context: r.span()?,
            fields: r.span()?,
            primary_len: r.u32()?,
        });
    }
    let mut fields = Vec::with_capacity(field_count);
    for _ in 0..field_count {
        let (name, forms) = (r.u8()?, r.u8()?);
        let chars = r.span()?;
        let text = r.span()?;
        let folded = if forms & OWN_FOLDED != 0 {
            r.span()?
        } else {
            text
        };
        let lower = if forms & OWN_LOWER != 0 {
            r.span()?
        } else {
            folded
        };
        fields.push(Field {
            name,
            shown: false,
            boost: 0,
            chars,
            text,
            folded,
            lower,
        });
    }
    if r.0.len() != thesaurus_len {
        return None;
    }
    let thesaurus: Thesaurus = decode_whole(r.0)?;
    let (facts, vocabulary) = match facets {
        Some(bytes) => {
            let f: FacetsIn = decode_whole(bytes)?;
            (f.facts, f.vocabulary)
        }
        None => (Facts::default(), Vocabulary::default()),
    };
    let inside = |s: Span| s.start <= s.end && strings.get(s.range()).is_some();
    for slot in &slots {
        if !inside(slot.id) || !inside(slot.context) || slot.fields.start > slot.fields.end {
            return None;
        }
        for f in fields.get_mut(slot.fields.range())? {
            // Boost and visibility follow from the kind and the name.
            (f.boost, f.shown) = Field::rated(slot.item.kind(), f.name)?;
            if !inside(f.text) || !inside(f.folded) || !inside(f.lower) {
                return None;
            }
            // Highlight positions count characters from `chars`: it must
            // not run past what the field can hold.
            let bytes = (f.text.end - f.text.start) as usize;
            if f.chars.start > f.chars.end || (f.chars.end - f.chars.start) as usize > bytes {
                return None;
            }
        }
    }
    let index = SearchIndex::from_parts(strings, slots, fields, facts, vocabulary, thesaurus);
    // Each entry where its item finds it, kinds in their order.
    let placed = index
        .slots
        .iter()
        .enumerate()
        .all(|(i, s)| index.position(s.item) == i);
    let count = |k| index.count(Some(k));
    let sound = placed
        && index.thesaurus.sound()
        && (facets.is_none()
            || index.facts.sound(index.len())
                && index
                    .vocabulary
                    .sound(count(Kind::Source), count(Kind::Person)));
    sound.then_some(index)
}
