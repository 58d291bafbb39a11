//! Decoding a part of a cache file as it is read, checked against its
//! length and checksum, so the part is never held whole beside what it
//! decodes to.

use std::io::{BufRead, BufReader, Read};

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
