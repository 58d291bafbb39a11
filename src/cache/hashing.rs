//! Parts of a cache file written as they are encoded and decoded as they
//! are read, with their lengths and checksums counted on the way, so a
//! part is never held whole beside what it encodes or decodes.

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};

/// A reader that hashes and counts what passes through it.
pub struct Hashing<R> {
    inner: R,
    hasher: xxhash_rust::xxh3::Xxh3,
    read: usize,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n;
        Ok(n)
    }
}

/// What `decode` makes of `bytes`, which must hold exactly `len` bytes
/// with the XXH3-64 checksum `sum`; `None` otherwise. What decodes before
/// the checksum is known is thrown away when it turns out wrong: every
/// decoder here is bounded and safe on any bytes.
pub fn decoded<R: Read, T>(
    bytes: R,
    len: usize,
    sum: u64,
    decode: impl FnOnce(&mut BufReader<Hashing<R>>) -> Option<T>,
) -> Option<T> {
    let hashing = Hashing {
        inner: bytes,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
        read: 0,
    };
    let mut r = BufReader::with_capacity(64 << 10, hashing);
    let value = decode(&mut r)?;
    // Nothing may be left over: the part holds this value and no more.
    if !r.fill_buf().ok()?.is_empty() {
        return None;
    }
    let hashing = r.into_inner();
    (hashing.read == len && hashing.hasher.digest() == sum).then_some(value)
}

/// A writer that hashes and counts what passes through it.
struct Counting<'w> {
    inner: &'w mut dyn Write,
    hasher: xxhash_rust::xxh3::Xxh3,
    written: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// What `encode` writes to `out`: its length and XXH3-64 checksum.
pub fn written(
    out: &mut dyn Write,
    encode: impl FnOnce(&mut dyn Write) -> Option<()>,
) -> Option<(u64, u64)> {
    let mut w = Counting {
        inner: out,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
        written: 0,
    };
    encode(&mut w)?;
    Some((w.written, w.hasher.digest()))
}

/// What follows the parts of a cache file: each part's length, then each
/// part's XXH3-64 checksum, as little-endian `u64`s. It comes last because
/// the parts are written as they are encoded, before either is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trailer<const N: usize> {
    pub lens: [u64; N],
    pub sums: [u64; N],
}

impl<const N: usize> Trailer<N> {
    pub const BYTES: usize = 16 * N;

    /// The trailer of parts as [`written`] measured them.
    pub fn of(parts: [(u64, u64); N]) -> Trailer<N> {
        Trailer {
            lens: parts.map(|(len, _)| len),
            sums: parts.map(|(_, sum)| sum),
        }
    }

    /// The bytes of all parts together.
    pub fn total(&self) -> Option<u64> {
        self.lens.iter().try_fold(0u64, |a, &n| a.checked_add(n))
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.lens
            .iter()
            .chain(&self.sums)
            .flat_map(|n| n.to_le_bytes())
            .collect()
    }

    /// The trailer in `bytes`, which must be exactly [`Self::BYTES`] long.
    pub fn parse(bytes: &[u8]) -> Option<Trailer<N>> {
        if bytes.len() != Self::BYTES {
            return None;
        }
        let n = |k: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[8 * k..8 * k + 8]);
            u64::from_le_bytes(word)
        };
        Some(Trailer {
            lens: std::array::from_fn(n),
            sums: std::array::from_fn(|k| n(N + k)),
        })
    }

    /// The trailer at the end of a file of `size` bytes.
    pub fn read_at_end(f: &mut (impl Read + Seek), size: u64) -> Option<Trailer<N>> {
        f.seek(SeekFrom::Start(size.checked_sub(Self::BYTES as u64)?))
            .ok()?;
        let mut bytes = vec![0u8; Self::BYTES];
        f.read_exact(&mut bytes).ok()?;
        Trailer::parse(&bytes)
    }
}
