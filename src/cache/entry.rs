//! The bytes of a cache entry, and turning them back into a load.
//!
//! ```text
//! MAGIC (8) | FORMAT (u32 LE) | header length (u32 LE) | header | payload
//!   | each part's length (4 × u64 LE) | each part's checksum (4 × u64 LE)
//! ```
//!
//! The header (bincode) says what the entry was built from and how to check
//! that it still holds; the payload is four bincode parts (the dataset's
//! small lists and the diagnostics, sources, quotes with their anchors,
//! positions). They are written as they are encoded, their lengths and
//! checksums after them, and decoded on every core as they are read: the
//! payload is never held whole beside the dataset (66 MB more at 100k). Nothing in an entry is
//! trusted: each part must have the length and checksum the header gives,
//! decoding claims at most [`MAX_ENTRY`] bytes, and what decodes must hold
//! together (every anchor inside its source's text, on character
//! boundaries).

use super::exact::{Exact, within};
use super::stamp::Stamp;
use crate::model::{
    AnchorState, Code, Dataset, Diagnostic, Event, Issue, Party, Person, Position, Quote, Severity,
    Source,
};
use crate::model::{
    EventIx, IssueIx, ItemRef, Kind, PartyIx, PersonIx, PositionIx, QuoteIx, SourceIx,
};
use bincode::config::{Configuration, Limit, LittleEndian, Varint};
use foldhash::HashMap;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::ops::Range;
use typed_index_collections::TiVec;

/// Bumped whenever what an entry holds or how it is written changes; an
/// entry of another format is rebuilt.
pub const FORMAT: u32 = 4;

const MAGIC: &[u8; 8] = b"parley\0c";

/// Decoding claims at most this many bytes, so a corrupt length cannot make
/// it allocate without bound; a load whose entry would be larger is not
/// cached.
pub const MAX_ENTRY: usize = 1 << 30;

const MAX_HEADER: usize = 16 << 20;

type Config = Configuration<LittleEndian, Varint, Limit<MAX_ENTRY>>;

fn config() -> Config {
    bincode::config::standard().with_limit::<MAX_ENTRY>()
}

/// What an entry was built from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// parley's version and the build (the executable's size and time):
    /// another build's entry is rebuilt, since it may load differently.
    pub version: String,
    pub build: String,
    /// The dataset's name, as diagnostics give it.
    pub name: String,
    /// The content key ([`super::stamp::Key`]).
    pub key: u128,
    /// The dataset file's stamp, and each source file's path and stamp.
    pub dataset: Option<Stamp>,
    pub sources: Vec<(String, Option<Stamp>)>,
}

/// What follows the payload: the length and checksum of each part.
pub type Trailer = super::hashing::Trailer<4>;

/// A diagnostic with every field, including those `--json` leaves out.
#[derive(Serialize, Deserialize)]
struct Diag {
    error: bool,
    code: String,
    message: String,
    file: String,
    line: u64,
    column: u64,
    id: Option<String>,
    span: (u64, u64),
    label: Option<String>,
    help: Vec<String>,
    /// The item at fault: its kind's slot and its index.
    item: Option<(u8, u64)>,
}

impl Diag {
    fn from(d: &Diagnostic) -> Diag {
        Diag {
            error: d.severity == Severity::Error,
            code: d.code.as_str().to_string(),
            message: d.message.clone(),
            file: d.file.clone(),
            line: d.line as u64,
            column: d.column as u64,
            id: d.id.clone(),
            span: (d.span.start as u64, d.span.end as u64),
            label: d.label.clone(),
            help: d.help.clone(),
            item: d.item.map(|i| (i.kind().slot() as u8, i.index() as u64)),
        }
    }

    fn into(self) -> Option<Diagnostic> {
        let code = *Code::ALL.iter().find(|c| c.as_str() == self.code)?;
        Some(Diagnostic {
            severity: if self.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            code,
            message: self.message,
            file: self.file,
            line: usize::try_from(self.line).ok()?,
            column: usize::try_from(self.column).ok()?,
            id: self.id,
            span: usize::try_from(self.span.0).ok()?..usize::try_from(self.span.1).ok()?,
            label: self.label,
            help: self.help,
            item: match self.item {
                None => None,
                Some((k, i)) => Some(ItemRef::new(
                    *Kind::ALL.get(usize::from(k))?,
                    usize::try_from(i).ok()?,
                )),
            },
        })
    }
}

/// The dataset's scalars and small lists, and the diagnostics.
type Rest = (
    u32,
    String,
    String,
    Option<String>,
    TiVec<PartyIx, Party>,
    TiVec<PersonIx, Person>,
    TiVec<IssueIx, Issue>,
    TiVec<EventIx, Event>,
    Vec<Vec<String>>,
    Vec<Diag>,
);

/// Quotes, and each quote's anchor (skipped by the dataset's own serde,
/// which reads RON) with its state as an index into [`AnchorState::ALL`].
type Quotes = (Exact<Quote>, Exact<(Vec<Range<usize>>, u8)>);

/// Writes the entry for a dataset and its diagnostics to `out`: header,
/// each part as it is encoded, then the trailer. Encoded into buffers
/// first, the 66 MB of a 100k entry were held beside the dataset until a
/// thread had written them; `None` when it cannot be encoded or written,
/// or would be too large (what was written is then no entry).
pub fn write(
    out: &mut dyn Write,
    header: &Header,
    ds: &Dataset,
    diagnostics: &[Diagnostic],
) -> Option<()> {
    let head = prefix(header)?;
    out.write_all(&head).ok()?;
    let diags: Vec<Diag> = diagnostics.iter().map(Diag::from).collect();
    let rest = write_part(
        out,
        &(
            ds.format,
            &ds.id,
            &ds.title,
            &ds.description,
            &ds.parties,
            &ds.people,
            &ds.issues,
            &ds.events,
            &ds.synonyms,
            diags,
        ),
    )?;
    let sources = write_part(out, &ds.sources)?;
    let anchors: Vec<(&[Range<usize>], u8)> = ds
        .quotes
        .iter()
        .map(|q| (q.anchor.as_slice(), state_index(q.anchor_state)))
        .collect();
    let quotes = write_part(out, &(&ds.quotes, anchors))?;
    let positions = write_part(out, &ds.positions)?;
    let trailer = Trailer::of([rest, sources, quotes, positions]);
    let total = trailer
        .total()?
        .checked_add((head.len() + Trailer::BYTES) as u64)?;
    if total > MAX_ENTRY as u64 {
        return None;
    }
    out.write_all(&trailer.bytes()).ok()
}

/// Writes one part to `out`: its length and checksum.
fn write_part<T: Serialize>(out: &mut dyn Write, value: &T) -> Option<(u64, u64)> {
    super::hashing::written(out, |mut w| {
        bincode::serde::encode_into_std_write(value, &mut w, config())
            .ok()
            .map(drop)
    })
}

/// The magic number, the format and the header.
fn prefix(header: &Header) -> Option<Vec<u8>> {
    let head = bincode::serde::encode_to_vec(header, config()).ok()?;
    if head.len() > MAX_HEADER {
        return None;
    }
    let mut out = Vec::with_capacity(16 + head.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&u32::try_from(head.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&head);
    Some(out)
}

/// The same entry under a new header (new stamps), from what follows its
/// header (its payload and trailer).
pub fn restamp(header: &Header, payload: Vec<u8>) -> Option<Vec<Vec<u8>>> {
    Some(vec![prefix(header)?, payload])
}

/// Reads an entry's header; `None` when the entry is not one this parley
/// wrote in this format. The reader is left at the payload.
pub fn read_header(r: &mut impl Read) -> Option<Header> {
    let mut fixed = [0u8; 16];
    r.read_exact(&mut fixed).ok()?;
    let (magic, rest) = fixed.split_at(8);
    let (format, len) = rest.split_at(4);
    if magic != MAGIC || format != FORMAT.to_le_bytes() {
        return None;
    }
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    if len > MAX_HEADER {
        return None;
    }
    let mut head = vec![0; len];
    r.read_exact(&mut head).ok()?;
    whole(&head)
}

/// Decodes one part from `bytes`, which must hold exactly `len` bytes
/// with the checksum `sum`; `None` otherwise.
fn part_from<T: DeserializeOwned>(bytes: impl Read, len: usize, sum: u64) -> Option<T> {
    // Through the reader's buffer, which bincode reads numbers from as
    // from a slice.
    super::hashing::decoded(bytes, len, sum, |r| {
        within(len, || bincode::serde::decode_from_reader(r, config()).ok())
    })
}

/// Decodes exactly the bytes given, or nothing.
fn whole<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match bincode::serde::decode_from_slice(bytes, config()) {
        Ok((value, used)) if used == bytes.len() => Some(value),
        _ => None,
    }
}

/// Splits a whole entry into its header, payload and trailer.
#[cfg(test)]
pub fn split(bytes: &[u8]) -> Option<(Header, &[u8], Trailer)> {
    let mut r = bytes;
    let header = read_header(&mut r)?;
    let (payload, trailer) = r.split_at_checked(r.len().checked_sub(Trailer::BYTES)?)?;
    Some((header, payload, Trailer::parse(trailer)?))
}

/// The dataset and diagnostics in a payload of `len` bytes; `None` for a
/// payload that is corrupt, truncated or does not hold together. `open`
/// gives the reader of the payload's bytes in a range, so the parts are
/// read side by side, each as it is decoded.
pub fn decode<R: Read>(
    trailer: &Trailer,
    len: u64,
    open: impl Fn(Range<u64>) -> Option<R> + Sync,
) -> Option<(Dataset, Vec<Diagnostic>)> {
    let mut at = [0u64; 5];
    for k in 0..4 {
        at[k + 1] = at[k].checked_add(trailer.lens[k])?;
    }
    if at[4] != len || usize::try_from(len).is_err() {
        return None;
    }
    let part = |k: usize| (open(at[k]..at[k + 1]), at[k + 1] - at[k], trailer.sums[k]);
    fn read<T: DeserializeOwned, R: Read>((r, len, sum): (Option<R>, u64, u64)) -> Option<T> {
        part_from(r?.take(len), len as usize, sum)
    }
    let ((rest, sources), (quotes, positions)) = rayon::join(
        || rayon::join(|| read::<Rest, R>(part(0)), || read::<Exact<_>, R>(part(1))),
        || {
            rayon::join(
                || read::<Quotes, R>(part(2)),
                || read::<Exact<_>, R>(part(3)),
            )
        },
    );
    let (format, id, title, description, parties, people, issues, events, synonyms, diags) = rest?;
    let sources: TiVec<SourceIx, Source> = sources?.0.into();
    let (Exact(quotes), Exact(anchors)) = quotes?;
    let mut quotes: TiVec<QuoteIx, Quote> = quotes.into();
    let positions: TiVec<PositionIx, Position> = positions?.0.into();
    if anchors.len() != quotes.len() {
        return None;
    }
    let bodies: HashMap<&str, &str> = sources.iter().map(|s| (s.id.as_str(), s.body())).collect();
    // On every core: each check is a lookup and a read far into a source
    // text, which at 100k quotes took 11 ms on one.
    quotes
        .raw
        .par_iter_mut()
        .zip(anchors)
        .try_for_each(|(q, (anchor, state))| {
            let body = bodies.get(q.source.as_str()).copied().unwrap_or("");
            let inside = |r: &Range<usize>| {
                r.start <= r.end && body.is_char_boundary(r.start) && body.is_char_boundary(r.end)
            };
            if !anchor.iter().all(inside) {
                return None;
            }
            q.anchor = anchor;
            q.anchor_state = *AnchorState::ALL.get(usize::from(state))?;
            Some(())
        })?;
    let diagnostics = diags
        .into_iter()
        .map(Diag::into)
        .collect::<Option<Vec<_>>>()?;
    let ds = Dataset {
        format,
        id,
        title,
        description,
        sources,
        parties,
        people,
        issues,
        quotes,
        positions,
        events,
        synonyms,
    };
    // An item a diagnostic names must be in the dataset: views index by it.
    if diagnostics
        .iter()
        .filter_map(|d| d.item)
        .any(|i| i.index() >= ds.count(i.kind()))
    {
        return None;
    }
    Some((ds, diagnostics))
}

fn state_index(state: AnchorState) -> u8 {
    AnchorState::ALL
        .iter()
        .position(|&s| s == state)
        .map_or(u8::MAX, |i| i as u8)
}
