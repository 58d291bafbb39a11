//! The load cache: a dataset loaded, validated and anchored, with its
//! diagnostics, kept in `$XDG_CACHE_HOME/parley/` so the next command on
//! the same files skips parsing, validation and anchoring.
//!
//! An entry is found by the dataset's path and valid for the content it
//! was built from (see `docs/cache.md`): parley's version, the cache
//! format, the dataset's bytes and every source file's bytes. Whether the
//! files still hold that content is asked of their metadata first (size,
//! times, inode: one `stat` each); only when that differs is their content
//! read and hashed. Loads with errors are not cached, nor are the bundled
//! dataset and standard input. A cache that cannot be read, written or
//! trusted only means a load from the files.
//!
//! Beside an entry, once a command has built it, the cache keeps the
//! dataset's search index (`index_file`), so a warm search reads neither
//! the dataset nor builds an index.

mod dir;
mod entry;
mod exact;
mod hashing;
mod index_file;
mod stamp;

use crate::model::progress::{self, Phase, Progress, Report};
use crate::model::read::{MAX_DATASET, read_file};
use crate::model::sources::{DirReader, ReadError, SourceReader};
use crate::model::{self, FileSet, LoadError, LoadOptions, Loaded};
use crate::search::SearchIndex;
use stamp::{Key, Stamp};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub use dir::SUFFIX;
pub use entry::{FORMAT, MAX_ENTRY};

/// The cache folder keeps to this many bytes: older entries are removed,
/// least recently used first, when a new one is written.
pub const SIZE_CAP: u64 = 1 << 30;

/// Where loads are cached, if anywhere.
pub struct Cache {
    dir: Option<PathBuf>,
    cap: u64,
    /// Entries being written: a command does not wait for its entry to
    /// reach the disk before it goes on, only before it exits.
    writes: Mutex<Vec<JoinHandle<()>>>,
    /// The content key of each entry this process found valid or wrote:
    /// what an index kept beside it is tied to.
    keys: Mutex<HashMap<PathBuf, u128>>,
}

/// What is in the cache folder.
#[derive(Debug, Clone)]
pub struct Info {
    pub entries: usize,
    pub bytes: u64,
}

impl Cache {
    /// A cache in `dir`; `None` caches nothing.
    pub fn new(dir: Option<PathBuf>) -> Cache {
        Cache {
            dir,
            cap: SIZE_CAP,
            writes: Mutex::new(Vec::new()),
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// The same with another size cap.
    pub fn with_cap(mut self, cap: u64) -> Cache {
        self.cap = cap;
        self
    }

    /// `$XDG_CACHE_HOME/parley`, or the platform's cache folder.
    pub fn default_dir() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok()?;
        Some(base.cache_dir().join("parley"))
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Loads a dataset file and its sources, from the cache when it holds
    /// them unchanged; otherwise from the files, caching the result. What
    /// it returns is what [`model::load_path`] returns.
    pub fn load_path(&self, path: &Path) -> Result<Loaded, LoadError> {
        self.load_path_with(path, LoadOptions::default(), &progress::quiet)
    }

    /// [`Cache::load_path`] with the dataset's trust and a progress
    /// report. A dataset trusted to read outside its folder is loaded
    /// from the files and not cached: an entry must never hand what such
    /// a load read to a load that does not trust it.
    pub fn load_path_with(
        &self,
        path: &Path,
        options: LoadOptions,
        report: Report<'_>,
    ) -> Result<Loaded, LoadError> {
        let Some(dir) = self.dir.as_ref().filter(|_| !options.allow_outside_paths) else {
            return model::load_path_with(path, options, report);
        };
        let name = path.display().to_string();
        let file = dir.join(entry_name(path));
        let reader = reader_for(path);
        report(Progress::start(Phase::Reading));
        if let Some(loaded) = self.hit(&file, path, &name, &reader) {
            return Ok(loaded);
        }
        // The stamp is taken before the bytes are read: a change between
        // the two is then seen next time as a changed stamp.
        let stamp = std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
        let bytes = read_file(path, MAX_DATASET).map_err(|source| LoadError::Io {
            path: name.clone(),
            source,
        })?;
        let recording = Recording {
            reader: &reader,
            seen: Mutex::new(Vec::new()),
        };
        let key = Key::new(FORMAT, &name, &bytes);
        // Until this load is kept, no content key stands for the files: an
        // index built from it must not be kept under the last one's.
        self.forget(&file);
        let loaded = model::load_bytes_with(&name, &bytes, &recording, report);
        // Not held while the entry is encoded: a large dataset's bytes
        // would add to the peak.
        drop(bytes);
        if let Some(ds) = loaded.dataset.as_ref().filter(|_| cacheable(&loaded))
            && let Some(sources) = recording.sources()
        {
            let key = key.finish(sources.iter().map(|(p, _, h)| (p.as_str(), *h)));
            self.remember(&file, key);
            let header = entry::Header {
                version: env!("CARGO_PKG_VERSION").to_string(),
                build: build().to_string(),
                name,
                key,
                dataset: stamp,
                sources: sources.into_iter().map(|(p, s, _)| (p, s)).collect(),
            };
            // Written here, as it is encoded, rather than encoded into
            // memory for a thread to write: the 66 MB of a 100k entry were
            // held beside the dataset (a cache miss peaked at 243–251 MB).
            let _ = dir::replace(dir, &file, self.cap, |out| {
                entry::write(out, &header, ds, &loaded.diagnostics)
            });
        }
        Ok(loaded)
    }

    /// The load of a dataset file when the cache holds it for the files as
    /// they are now; `None` means [`Cache::load_path`] would load it from
    /// the files (and take a while on a large dataset).
    pub fn cached(&self, path: &Path) -> Option<Loaded> {
        let dir = self.dir.as_ref()?;
        let name = path.display().to_string();
        self.hit(&dir.join(entry_name(path)), path, &name, &reader_for(path))
    }

    /// The load an entry holds, when the entry is sound and its files
    /// unchanged.
    fn hit(&self, file: &Path, path: &Path, name: &str, reader: &DirReader) -> Option<Loaded> {
        let mut f = File::open(file).ok()?;
        let size = f.metadata().ok()?.len();
        let (mut header, stamped) = ours(&mut f, path, name, reader)?;
        if !stamped {
            header = restamped(header, path, name, reader)?;
        }
        if size > MAX_ENTRY as u64 {
            return None;
        }
        // Each part through a handle of its own, read as it is decoded.
        let start = f.stream_position().ok()?;
        let trailer = entry::Trailer::read_at_end(&mut f, size)?;
        let open = |range: std::ops::Range<u64>| {
            let mut part = File::open(file).ok()?;
            part.seek(SeekFrom::Start(start.checked_add(range.start)?))
                .ok()?;
            Some(part)
        };
        let len = size
            .checked_sub(entry::Trailer::BYTES as u64)?
            .checked_sub(start)?;
        let (dataset, diagnostics) = entry::decode(&trailer, len, open)?;
        self.remember(file, header.key);
        let trusted = header.dataset.is_some() && header.sources.iter().all(|(_, s)| s.is_some());
        if stamped {
            dir::touch(file);
        } else if trusted
            && let Some(dir) = &self.dir
            && let Some(pieces) =
                read_payload(&mut f, start).and_then(|p| entry::restamp(&header, p))
        {
            // Stamps that can be trusted now spare the next load reading
            // the files; stamps still too fresh would not.
            self.write(dir.clone(), file.to_path_buf(), pieces);
        }
        let mut files = FileSet::default();
        if diagnostics.iter().any(|d| d.file == name) {
            files.add_later(name, path.to_path_buf());
        }
        Some(Loaded {
            name: name.to_string(),
            dataset: Some(dataset),
            diagnostics,
            files,
        })
    }

    fn forget(&self, file: &Path) {
        if let Ok(mut keys) = self.keys.lock() {
            keys.remove(file);
        }
    }

    fn remember(&self, file: &Path, key: u128) {
        if let Ok(mut keys) = self.keys.lock() {
            keys.insert(file.to_path_buf(), key);
        }
    }

    /// The search index kept for a dataset file, when the cache holds its
    /// load for the files as they are now (their stamps unchanged: a file
    /// that must be read to tell is left to [`Cache::load_path`]).
    pub fn search_index(&self, path: &Path, facets: bool) -> Option<SearchIndex> {
        let dir = self.dir.as_ref()?;
        let file = dir.join(entry_name(path));
        let mut f = File::open(&file).ok()?;
        let name = path.display().to_string();
        let (header, stamped) = ours(&mut f, path, &name, &reader_for(path))?;
        if !stamped {
            return None;
        }
        // A load this process made must be the one the index is for.
        let loaded = self.loaded_key(path);
        if loaded.is_some_and(|key| key != header.key) {
            return None;
        }
        let kept = index_file::path_for(&file);
        let index = index_file::read(&kept, header.key, build(), facets)?;
        dir::touch(&file);
        dir::touch(&kept);
        Some(index)
    }

    /// Whether an index is kept for the load of `path` this cache last
    /// made or found, by its header alone: a cheap guess that
    /// [`Cache::search_index`] will find one.
    pub fn has_search_index(&self, path: &Path) -> bool {
        let (Some(dir), Some(key)) = (self.dir.as_ref(), self.loaded_key(path)) else {
            return false;
        };
        index_file::present(
            &index_file::path_for(&dir.join(entry_name(path))),
            key,
            build(),
        )
    }

    /// The content key of the last load of `path` this cache made or found.
    fn loaded_key(&self, path: &Path) -> Option<u128> {
        let file = self.dir.as_ref()?.join(entry_name(path));
        self.keys.lock().ok()?.get(&file).copied()
    }

    /// Keeps a dataset file's search index beside its cached load, written
    /// on a thread of its own; nothing when the load is not cached. Asked
    /// for when [`Cache::search_index`] found no sound index, it replaces
    /// whatever is there.
    pub fn keep_search_index(&self, path: &Path, index: &Arc<SearchIndex>) {
        let Some(dir) = self.dir.clone() else { return };
        let file = dir.join(entry_name(path));
        let Some(key) = self.loaded_key(path) else {
            return;
        };
        let kept = index_file::path_for(&file);
        let (index, cap) = (Arc::clone(index), self.cap);
        let handle = std::thread::spawn(move || {
            let _ = dir::replace(&dir, &kept, cap, |out| {
                index_file::write(out, key, build(), &index)
            });
        });
        if let Ok(mut writes) = self.writes.lock() {
            writes.push(handle);
        }
    }

    /// Writes an entry on a thread of its own, then prunes the folder.
    fn write(&self, dir: PathBuf, file: PathBuf, pieces: Vec<Vec<u8>>) {
        let cap = self.cap;
        let handle = std::thread::spawn(move || {
            let _ = dir::replace(&dir, &file, cap, |out| {
                pieces.iter().try_for_each(|p| out.write_all(p)).ok()
            });
        });
        if let Ok(mut writes) = self.writes.lock() {
            writes.push(handle);
        }
    }

    /// Waits for entries being written.
    pub fn finish(&self) {
        let handles = match self.writes.lock() {
            Ok(mut w) => std::mem::take(&mut *w),
            Err(_) => return,
        };
        for h in handles {
            let _ = h.join();
        }
    }

    /// Removes every entry: how many, and their bytes.
    pub fn clear(&self) -> io::Result<(usize, u64)> {
        self.finish();
        match &self.dir {
            Some(dir) => dir::clear(dir),
            None => Ok((0, 0)),
        }
    }

    /// How many entries the folder holds and their bytes.
    pub fn info(&self) -> io::Result<Info> {
        self.finish();
        let entries = match &self.dir {
            Some(dir) => match dir::entries(dir) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
                other => other?,
            },
            None => Vec::new(),
        };
        Ok(Info {
            entries: entries.len(),
            bytes: entries.iter().map(|e| e.len).sum(),
        })
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        self.finish();
    }
}

/// An entry's header when this build of parley wrote it for the dataset
/// `name`, and whether every file it was built from still has the stamp it
/// noted (when not, only their content can tell).
fn ours(
    f: &mut File,
    path: &Path,
    name: &str,
    reader: &DirReader,
) -> Option<(entry::Header, bool)> {
    let header = entry::read_header(f)?;
    if header.version != env!("CARGO_PKG_VERSION") || header.build != build() || header.name != name
    {
        return None;
    }
    let stamped = Stamp::matches(header.dataset, path)
        && header
            .sources
            .iter()
            .all(|(p, s)| Stamp::matches(*s, &reader.path(p)));
    Some((header, stamped))
}

/// Sources are read next to the dataset file, as [`model::load_path`]
/// reads them.
fn reader_for(path: &Path) -> DirReader {
    DirReader::new(
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
    )
}

/// A load goes into the cache only when it has no errors: errors are
/// fixed by editing, which changes the key anyway, and some (an unreadable
/// source) depend on more than the bytes. Its diagnostics then point into
/// the dataset file alone.
fn cacheable(loaded: &Loaded) -> bool {
    !loaded.has_errors() && loaded.files.names().all(|n| n == loaded.name)
}

/// This build of parley: its executable's size and modification time. A
/// version number alone would let a rebuilt parley (a developer's, or one
/// reinstalled from a changed tree) trust what another build loaded.
fn build() -> &'static str {
    static BUILD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BUILD.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        match meta {
            Ok(m) => {
                let time = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::SystemTime::UNIX_EPOCH).ok())
                    .unwrap_or_default();
                format!("{}-{}", m.len(), time.as_nanos())
            }
            Err(_) => String::new(),
        }
    })
}

/// The entry of a dataset path: one per dataset file, replaced when the
/// dataset changes.
fn entry_name(path: &Path) -> String {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let hash = xxhash_rust::xxh3::xxh3_128(full.as_os_str().as_encoded_bytes());
    format!("{hash:032x}{SUFFIX}")
}

/// The header with fresh stamps, when the files' content is still what the
/// entry was built from (a file touched, copied back, or stamped too soon
/// after a change to trust); `None` when it is not.
fn restamped(
    mut header: entry::Header,
    path: &Path,
    name: &str,
    reader: &DirReader,
) -> Option<entry::Header> {
    let stamp_of = |p: &Path| std::fs::metadata(p).ok().and_then(|m| Stamp::of(&m));
    header.dataset = stamp_of(path);
    // Read as a load reads them: a file now a FIFO or a device, or a
    // source now a link out of the folder, is refused, never waited on.
    let bytes = read_file(path, MAX_DATASET).ok()?;
    let mut hashes = Vec::with_capacity(header.sources.len());
    for (p, s) in &mut header.sources {
        *s = stamp_of(&reader.path(p));
        hashes.push(stamp::content(&reader.read(p).ok()?));
    }
    let key = Key::new(FORMAT, name, &bytes).finish(
        header
            .sources
            .iter()
            .zip(hashes)
            .map(|((p, _), h)| (p.as_str(), h)),
    );
    (key == header.key).then_some(header)
}

/// A source reader that notes each file it reads: its path, its stamp
/// taken before reading, and its content hash.
struct Recording<'r> {
    reader: &'r DirReader,
    seen: Mutex<Vec<(String, Option<Stamp>, u128)>>,
}

impl Recording<'_> {
    /// The files read, in path order; `None` when one was read twice with
    /// different contents (it changed during the load).
    fn sources(self) -> Option<Vec<(String, Option<Stamp>, u128)>> {
        let mut seen = self.seen.into_inner().ok()?;
        seen.sort_by(|a, b| a.0.cmp(&b.0));
        seen.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
        seen.windows(2).all(|w| w[0].0 != w[1].0).then_some(seen)
    }
}

impl SourceReader for Recording<'_> {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        let stamp = std::fs::metadata(self.reader.path(path))
            .ok()
            .and_then(|m| Stamp::of(&m));
        let bytes = self.reader.read(path)?;
        let hash = stamp::content(&bytes);
        if let Ok(mut seen) = self.seen.lock() {
            seen.push((path.to_string(), stamp, hash));
        }
        Ok(bytes)
    }

    fn display(&self, path: &str) -> String {
        self.reader.display(path)
    }
}

#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod tests;

/// The rest of an entry from where its header ends, at `start`.
fn read_payload(f: &mut File, start: u64) -> Option<Vec<u8>> {
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut payload = Vec::new();
    f.read_to_end(&mut payload).ok()?;
    Some(payload)
}
