//! The search index of a cached load, in a file of its own beside the
//! load's entry, so that a warm `parley search` reads the index and
//! nothing else: no dataset to decode, no index to build.
//!
//! ```text
//! MAGIC (8) | FORMAT (u32 LE) | key (u128 LE) | build length (u32 LE) | build
//!   | tables, facets, strings lengths (3 × u64 LE)
//!   | their checksums (3 × u64 LE) | tables | facets | strings
//! ```
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
use std::io::Read;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Bumped whenever what the file holds or how it is written changes.
pub const FORMAT: u32 = 4;

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

/// The lengths of the parts and their checksums.
struct Parts {
    tables: usize,
    facets: usize,
    strings: usize,
    checksums: [u64; 3],
}

/// Bytes in a head after the build string.
const LENGTHS: usize = 48;

fn checksum(parts: &[&[u8]]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(p);
    }
    h.digest()
}

/// The head of a file for an index of the load with content key `key`.
fn head(key: u128, build: &str, tables: &[u8], facets: &[u8], strings: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 + build.len() + LENGTHS);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(build.len() as u32).to_le_bytes());
    out.extend_from_slice(build.as_bytes());
    let strings_len: usize = strings.iter().map(|s| s.len()).sum();
    for n in [tables.len(), facets.len(), strings_len] {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    for part in [&[tables][..], &[facets], strings] {
        out.extend_from_slice(&checksum(part).to_le_bytes());
    }
    out
}

/// The file's pieces but the strings, which are written from the index
/// itself rather than copied: head, tables, facets. `None` when the index
/// cannot be encoded or is too large.
pub fn encode(key: u128, build: &str, index: &SearchIndex) -> Option<[Vec<u8>; 3]> {
    let tables = snapshot::tables(index)?;
    let facets = snapshot::facets(index)?;
    let strings = snapshot::strings(index);
    let total = tables
        .len()
        .checked_add(facets.len())?
        .checked_add(strings.iter().map(|s| s.len()).sum())?;
    if build.len() > MAX_BUILD || total > MAX_ENTRY {
        return None;
    }
    Some([head(key, build, &tables, &facets, &strings), tables, facets])
}

/// What the head says, when the file is for `key` and this build.
fn read_head(r: &mut impl Read, key: u128, build: &str) -> Option<Parts> {
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
    if written != build.as_bytes() {
        return None;
    }
    let mut rest = [0u8; LENGTHS];
    r.read_exact(&mut rest).ok()?;
    let n = |k: usize| u64::from_le_bytes(rest[8 * k..8 * k + 8].try_into().unwrap_or_default());
    let size = |k: usize| usize::try_from(n(k)).ok();
    let parts = Parts {
        tables: size(0)?,
        facets: size(1)?,
        strings: size(2)?,
        checksums: [n(3), n(4), n(5)],
    };
    if parts
        .tables
        .checked_add(parts.facets)?
        .checked_add(parts.strings)?
        > MAX_ENTRY
    {
        return None;
    }
    Some(parts)
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
    (out.len() == n && checksum(&[&out]) == sum).then_some(out)
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
    let p = read_head(&mut f, key, build)?;
    let head = 32 + build.len() + LENGTHS;
    if size != (head + p.tables + p.facets + p.strings) as u64 {
        return None;
    }
    let [tables_sum, facets_sum, strings_sum] = p.checksums;
    let strings_at = head + p.tables + p.facets;
    // The strings are most of the bytes: read and validated on a thread
    // of their own while this one decodes the tables as it reads them
    // (held whole, the tables of 100k quotes were 33 MB more, which the
    // allocator kept after they were decoded).
    let (strings, tables, facets) = std::thread::scope(|s| {
        let strings = s.spawn(|| {
            let bytes = read_part(file, strings_at, p.strings, strings_sum)?;
            String::from_utf8(bytes).ok()
        });
        // The facets are decoded as they are read too, on a thread of
        // their own beside the tables.
        let facets = facets.then(|| {
            s.spawn(|| {
                let bytes = part(file, head + p.tables, p.facets)?;
                hashing::decoded(bytes, p.facets, facets_sum, snapshot::read_facets_from)
            })
        });
        let tables = part(file, head, p.tables).and_then(|bytes| {
            hashing::decoded(bytes, p.tables, tables_sum, |r| {
                snapshot::read_tables_from(r, p.tables)
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
