//! A search index as bytes, so the load cache can keep it and a warm
//! `parley search` need not load the dataset at all. Three parts:
//!
//! - tables: the entries, fields and patches as little-endian numbers,
//!   then the thesaurus (bincode);
//! - facets: the facts and vocabulary qualifiers use (bincode), which a
//!   query without qualifiers need not read;
//! - strings: the index's strings as they are, which read back into a
//!   `String` whole.
//!
//! ```text
//! tables: slot count (u64) | field count (u64) | patch count (u64)
//!   | shared value count (u64) | thesaurus length (u64)
//!   | slots (16 × u32 each) | fields (2 × u32 each)
//!   | shared values (8 × u32 each) | patches (2 × u32 each) | thesaurus
//! slot: kind | item | id (2) | context (2) | fields (2) | own value (8)
//! field: name | value (u32::MAX for the slot's own, else a shared one)
//! value: form | characters | lowercase (2) | forms (4)
//! patch: byte offset | character
//! ```
//!
//! A value's form is 0 when it is its lowercase patched (a range of the
//! patches, then 0, 0), 1 when its displayed and folded text are stored
//! (two ranges of the strings).
//!
//! Every record has one size, so the tables decode as fast as they can
//! be walked, and before the strings have arrived: a warm `parley search`
//! decodes them while another thread is still reading the strings.
//!
//! Nothing read back is trusted. Every range must lie inside the strings
//! on character boundaries, every entry must sit where its item says, and
//! every number the vocabulary looks up with must be inside the list it
//! indexes; otherwise the bytes are refused.

mod read;

pub use read::{Tables, assemble, decode, read_facets_from, read_tables, read_tables_from};

use super::entries::{Forms, OWN, Span, Value};
use super::facet::facts::Facts;
use super::facet::vocab::Vocabulary;
use super::index::SearchIndex;
use serde::{Deserialize, Serialize};
use std::io::{BufWriter, Write};

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

/// A small value's bytes in bincode: the thesaurus, written ahead of
/// the tables' records since its length leads them.
fn encode<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    bincode::serde::encode_to_vec(value, config()).ok()
}

/// The bytes a slot and a field take.
const SLOT_BYTES: usize = 64;
const FIELD_BYTES: usize = 8;
const VALUE_BYTES: usize = 32;
const PATCH_BYTES: usize = 8;

/// One record's numbers as little-endian bytes, written at once.
fn put<const N: usize, const B: usize>(out: &mut impl Write, numbers: [u32; N]) -> Option<()> {
    let mut record = [0u8; B];
    for (at, n) in record.chunks_exact_mut(4).zip(numbers) {
        at.copy_from_slice(&n.to_le_bytes());
    }
    out.write_all(&record).ok()
}

/// The index's facets part; `None` when it cannot be encoded.
pub fn facets(index: &SearchIndex) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    write_facets(index, &mut out)?;
    Some(out)
}

/// The facets part, written to `out` as it is encoded: held whole, the
/// facets of 100k quotes were 15 MB more at the peak of a cold search.
pub fn write_facets(index: &SearchIndex, out: &mut dyn Write) -> Option<()> {
    let facets = FacetsOut {
        facts: &index.facts,
        vocabulary: &index.vocabulary,
    };
    let mut out = BufWriter::with_capacity(64 << 10, out);
    bincode::serde::encode_into_std_write(&facets, &mut out, config()).ok()?;
    out.flush().ok()
}

/// A span moved `by` further on; `None` past what a `u32` holds.
fn shifted(s: Span, by: usize) -> Option<Span> {
    let by = u32::try_from(by).ok()?;
    Some(Span {
        start: s.start.checked_add(by)?,
        end: s.end.checked_add(by)?,
    })
}

/// A value's numbers, its ranges moved past the strings and patches of
/// the runs before its own.
fn value_numbers(v: &Value, strings_before: usize, patches_before: usize) -> Option<[u32; 8]> {
    let (form, a, b) = match v.forms {
        Forms::Patched(at) => (0, shifted(at, patches_before)?, Span::default()),
        Forms::Stored { text, folded } => (
            1,
            shifted(text, strings_before)?,
            shifted(folded, strings_before)?,
        ),
    };
    let lower = shifted(v.lower, strings_before)?;
    Some([
        form,
        v.chars,
        lower.start,
        lower.end,
        a.start,
        a.end,
        b.start,
        b.end,
    ])
}

/// The index's tables; `None` when they cannot be encoded.
pub fn tables(index: &SearchIndex) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    write_tables(index, &mut out)?;
    Some(out)
}

/// The tables part, written to `out` record by record: held whole, the
/// tables of 100k quotes were 36 MB more at the peak of a cold search.
/// The runs of entries are written as one: each run's spans are moved
/// past the strings and fields of the runs before it.
pub fn write_tables(index: &SearchIndex, out: &mut dyn Write) -> Option<()> {
    let thesaurus = encode(&index.thesaurus)?;
    let parts = index.parts();
    let field_count: usize = parts.iter().map(|p| p.fields.len()).sum();
    let patch_count: usize = parts.iter().map(|p| p.patches.len()).sum();
    let mut out = BufWriter::with_capacity(64 << 10, out);
    let shared = index.shared_values();
    for n in [
        index.len(),
        field_count,
        patch_count,
        shared,
        thesaurus.len(),
    ] {
        out.write_all(&(n as u64).to_le_bytes()).ok()?;
    }
    let (mut strings_before, mut fields_before, mut patches_before) = (0, 0, 0);
    for part in parts {
        for s in &part.slots {
            let (id, context) = (
                shifted(s.id, strings_before)?,
                shifted(s.context, strings_before)?,
            );
            let fields = shifted(s.fields, fields_before)?;
            let own = value_numbers(&s.own, strings_before, patches_before)?;
            let head = [
                s.item.kind().slot() as u32,
                u32::try_from(s.item.index()).ok()?,
                id.start,
                id.end,
                context.start,
                context.end,
                fields.start,
                fields.end,
            ];
            let record: [u32; 16] = std::array::from_fn(|i| match i {
                0..8 => head[i],
                _ => own[i - 8],
            });
            put::<16, SLOT_BYTES>(&mut out, record)?;
        }
        strings_before += part.strings.len();
        fields_before += part.fields.len();
        patches_before += part.patches.len();
    }
    for part in parts {
        for f in &part.fields {
            let value = match f.value {
                OWN => OWN,
                n => n.checked_add(part.shared_base)?,
            };
            put::<2, FIELD_BYTES>(&mut out, [u32::from(f.name), value])?;
        }
    }
    (strings_before, patches_before) = (0, 0);
    for part in parts {
        for v in &part.values {
            let numbers = value_numbers(v, strings_before, patches_before)?;
            put::<8, VALUE_BYTES>(&mut out, numbers)?;
        }
        strings_before += part.strings.len();
        patches_before += part.patches.len();
    }
    for part in parts {
        for p in &part.patches {
            put::<2, PATCH_BYTES>(&mut out, [p.at, u32::from(p.char)])?;
        }
    }
    out.write_all(&thesaurus).ok()?;
    out.flush().ok()
}

/// The index's strings, which the tables point into: each run's, one
/// after the other. (A patch's offset is in its field's lowercase text,
/// so it needs no shifting.)
pub fn strings(index: &SearchIndex) -> Vec<&[u8]> {
    index.parts().iter().map(|p| p.strings.as_bytes()).collect()
}
