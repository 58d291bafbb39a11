//! Whether the files a cache entry was built from are still the same:
//! first by their metadata, which costs a `stat` each, then by their
//! content, which costs reading them.

use serde::{Deserialize, Serialize};
use std::fs::Metadata;
use std::path::Path;
use std::time::{Duration, SystemTime};
use xxhash_rust::xxh3::Xxh3;

/// What a file's metadata says about its content: a file rewritten in
/// place or replaced by a rename gets a new size, modification time,
/// change time or inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
    device: u64,
}

/// A file changed this recently may change again within the same tick of
/// its file system's clock and keep its stamp; its stamp is not trusted,
/// so the next load compares its content instead (git's "racy" entries).
const RACY: Duration = Duration::from_secs(2);

impl Stamp {
    /// The stamp of a file, or `None` when it cannot be trusted.
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?;
        if SystemTime::now()
            .duration_since(modified)
            .is_ok_and(|age| age < RACY)
            || modified > SystemTime::now()
        {
            return None;
        }
        Some(Stamp::from_meta(meta))
    }

    #[cfg(unix)]
    fn from_meta(meta: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.size(),
            modified: (meta.mtime(), meta.mtime_nsec().clamp(0, 999_999_999) as u32),
            changed: (meta.ctime(), meta.ctime_nsec().clamp(0, 999_999_999) as u32),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }

    #[cfg(not(unix))]
    fn from_meta(meta: &Metadata) -> Stamp {
        let since = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()))
        };
        Stamp {
            len: meta.len(),
            modified: since(meta.modified()),
            changed: since(meta.created()),
            inode: 0,
            device: 0,
        }
    }

    /// Whether the file at `path` still has this stamp.
    pub fn matches(stamp: Option<Stamp>, path: &Path) -> bool {
        stamp.is_some_and(|s| {
            std::fs::metadata(path).is_ok_and(|m| m.is_file() && Stamp::from_meta(&m) == s)
        })
    }
}

/// The key an entry is valid for: parley's version, the cache format, the
/// dataset's name (diagnostics carry it), its bytes, and every source
/// file's path and bytes.
pub struct Key(Xxh3);

impl Key {
    pub fn new(format: u32, name: &str, dataset: &[u8]) -> Key {
        let mut h = Xxh3::new();
        h.update(&format.to_le_bytes());
        field(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
        field(&mut h, name.as_bytes());
        field(&mut h, dataset);
        Key(h)
    }

    /// Adds the sources, by path and content hash, in path order.
    pub fn finish<'s>(mut self, sources: impl Iterator<Item = (&'s str, u128)>) -> u128 {
        for (path, content) in sources {
            field(&mut self.0, path.as_bytes());
            self.0.update(&content.to_le_bytes());
        }
        self.0.digest128()
    }
}

/// A field with its length first, so that moving bytes from one field to
/// the next changes the key.
fn field(h: &mut Xxh3, bytes: &[u8]) {
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// The hash a source file's bytes enter the key by.
pub fn content(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}
