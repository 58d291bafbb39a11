//! The search index of a cached load, in a file of its own beside the
//! load's entry, so that a warm `parley search` reads the index and
//! nothing else: no dataset to decode, no index to build.
//!
//! ```text
//! MAGIC (8) | FORMAT (u32 LE) | key (u128 LE) | build length (u32 LE) | build
//!   | tables | facets | strings
//!   | tables, facets, strings lengths (3 × u64 LE)
//!   | their checksums (3 × u64 LE)
//! ```
//!
//! The lengths and checksums come last because each part is written as
//! it is encoded: none is held whole beside the index it encodes.
//!
//! The key is the load entry's content key: the index is used only when
//! that entry holds for the files as they are now, and only for the same
//! content. A query without qualifiers reads the tables and strings and
//! skips the facets. Each part has its own checksum, so the parts are read
//! and checked at once on two cores.
//! What the parts decode to is checked again by
//! [`crate::search::snapshot::read_tables`] and
//! [`crate::search::snapshot::assemble`].

use super::entry::MAX_ENTRY;
use super::hashing;
use crate::search::SearchIndex;
use crate::search::snapshot;
use std::fs::File;
use std::io::{Read, Write};
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Bumped whenever what the file holds or how it is written changes.
pub const FORMAT: u32 = 6;

const MAGIC: &[u8; 8] = b"parley\0s";

/// A build string longer than this is not one parley wrote.
const MAX_BUILD: usize = 4096;

/// The index file beside a load entry: the entry's name with `.search`
/// before the suffix, so clearing and pruning the cache see it too.
pub fn path_for(entry: &Path) -> PathBuf {
    let name = entry
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(super::SUFFIX).unwrap_or(&name);
    entry.with_file_name(format!("{stem}.search{}", super::SUFFIX))
}

/// The tables', facets' and strings' lengths and checksums.
type Trailer = hashing::Trailer<3>;

fn checksum(part: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(part)
}

/// Writes the file for an index of the load with content key `key` to
/// `out`, each part as it is encoded (the strings straight from the
/// index); `None` when the index cannot be encoded or is too large, and
/// then what was written must be thrown away.
pub fn write(out: &mut dyn Write, key: u128, build: &str, index: &SearchIndex) -> Option<()> {
    if build.len() > MAX_BUILD {
        return None;
    }
    let mut head = Vec::with_capacity(32 + build.len());
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&FORMAT.to_le_bytes());
    head.extend_from_slice(&key.to_le_bytes());
    head.extend_from_slice(&(build.len() as u32).to_le_bytes());
    head.extend_from_slice(build.as_bytes());
    out.write_all(&head).ok()?;
    let tables = hashing::written(out, |w| snapshot::write_tables(index, w))?;
    let facets = hashing::written(out, |w| snapshot::write_facets(index, w))?;
    let strings = hashing::written(out, |w| {
        snapshot::strings(index)
            .iter()
            .try_for_each(|s| w.write_all(s))
            .ok()
    })?;
    let trailer = Trailer::of([tables, facets, strings]);
    if trailer.total()? > MAX_ENTRY as u64 {
        return None;
    }
    out.write_all(&trailer.bytes()).ok()
}

/// Whether the head says the file is for `key` and this build; the
/// reader is left after it.
fn read_head(r: &mut impl Read, key: u128, build: &str) -> Option<()> {
    let mut fixed = [0u8; 32];
    r.read_exact(&mut fixed).ok()?;
    let word = |at: usize, n: usize| &fixed[at..at + n];
    if word(0, 8) != MAGIC
        || word(8, 4) != FORMAT.to_le_bytes()
        || word(12, 16) != key.to_le_bytes()
    {
        return None;
    }
    let len = u32::from_le_bytes(word(28, 4).try_into().ok()?) as usize;
    if len != build.len() || len > MAX_BUILD {
        return None;
    }
    let mut written = vec![0; len];
    r.read_exact(&mut written).ok()?;
    (written == build.as_bytes()).then_some(())
}

/// The `n` bytes at `offset` of `file`, through a handle of its own so
/// parts are read side by side.
fn part(file: &Path, offset: usize, n: usize) -> Option<std::io::Take<File>> {
    let mut f = File::open(file).ok()?;
    f.seek(SeekFrom::Start(offset as u64)).ok()?;
    Some(f.take(n as u64))
}

/// Reads the `n` bytes at `offset` of `file` and checks them against
/// `sum`.
fn read_part(file: &Path, offset: usize, n: usize, sum: u64) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(n);
    part(file, offset, n)?.read_to_end(&mut out).ok()?;
    (out.len() == n && checksum(&out) == sum).then_some(out)
}

/// Whether `file` starts as the index of the load with content key `key`
/// and this build: what it holds is not read.
pub fn present(file: &Path, key: u128, build: &str) -> bool {
    File::open(file).is_ok_and(|mut f| read_head(&mut f, key, build).is_some())
}

/// The index in `file`, when it is the index of the load with content key
/// `key` and this build, whole and sound; with its facets (for qualifiers)
/// when `facets` says so.
pub fn read(file: &Path, key: u128, build: &str, facets: bool) -> Option<SearchIndex> {
    let mut f = File::open(file).ok()?;
    let size = f.metadata().ok()?.len();
    read_head(&mut f, key, build)?;
    let trailer = Trailer::read_at_end(&mut f, size)?;
    let head = 32 + build.len();
    let total = trailer.total().filter(|&t| t <= MAX_ENTRY as u64)?;
    if size != total + (head + Trailer::BYTES) as u64 {
        return None;
    }
    // Each below `MAX_ENTRY`, so in a `usize`.
    let [tables, facets_len, strings_len] = trailer.lens.map(|n| n as usize);
    let [tables_sum, facets_sum, strings_sum] = trailer.sums;
    let strings_at = head + tables + facets_len;
    // The strings are most of the bytes: read and validated on a thread
    // of their own while this one decodes the tables as it reads them
    // (held whole, the tables of 100k quotes were 33 MB more, which the
    // allocator kept after they were decoded).
    let (strings, tables, facets) = std::thread::scope(|s| {
        let strings = s.spawn(|| {
            let bytes = read_part(file, strings_at, strings_len, strings_sum)?;
            String::from_utf8(bytes).ok()
        });
        // The facets are decoded as they are read too, on a thread of
        // their own beside the tables.
        let facets = facets.then(|| {
            s.spawn(|| {
                let bytes = part(file, head + tables, facets_len)?;
                hashing::decoded(bytes, facets_len, facets_sum, snapshot::read_facets_from)
            })
        });
        let tables = part(file, head, tables).and_then(|bytes| {
            hashing::decoded(bytes, tables, tables_sum, |r| {
                snapshot::read_tables_from(r, tables)
            })
        });
        let facets = facets.map(|h| h.join().ok().flatten());
        (strings.join().ok().flatten(), tables, facets)
    });
    let facets = match facets {
        Some(read) => Some(read?),
        None => None,
    };
    snapshot::assemble(tables?, facets, strings?)
}
