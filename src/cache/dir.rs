//! The cache folder: writing entries atomically, keeping the folder under
//! its size cap, emptying it. Every failure here only means less cache.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What an entry's file name ends with; nothing else in the folder is ever
/// removed.
pub const SUFFIX: &str = ".parley-cache";
const TEMP_PREFIX: &str = ".tmp-";

/// A temporary file older than this was left by a write that died.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// Creates the folder, readable by its owner only: entries hold the
/// dataset's text.
fn create(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Writes what `fill` writes to `file` in `dir`, through a buffer, by
/// writing a temporary file beside it and renaming it over: a reader sees
/// the old entry or the new one, never part of one. A file that `fill`
/// fails on (`None`), or that is larger than `cap`, is removed instead.
/// Then the folder is pruned to `cap`, keeping `file`. The data is not
/// synced: an entry torn by a crash fails its length or checksum and is
/// rebuilt.
pub fn replace(
    dir: &Path,
    file: &Path,
    cap: u64,
    fill: impl FnOnce(&mut dyn Write) -> Option<()>,
) -> io::Result<()> {
    create(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    {
        let mut out = io::BufWriter::with_capacity(256 << 10, tmp.as_file_mut());
        fill(&mut out).ok_or_else(|| io::Error::other("not encodable"))?;
        out.flush()?;
    }
    if tmp.as_file().metadata()?.len() > cap {
        return Err(io::Error::other("larger than the cache may grow"));
    }
    tmp.persist(file).map_err(|e| e.error)?;
    prune(dir, cap, file);
    Ok(())
}

/// An entry in the folder.
pub struct Entry {
    pub path: PathBuf,
    pub len: u64,
    pub used: SystemTime,
}

/// The entries in the folder, least recently used first.
pub fn entries(dir: &Path) -> io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.ends_with(SUFFIX) || name.starts_with('.') {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        out.push(Entry {
            path: e.path(),
            len: meta.len(),
            used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        });
    }
    out.sort_by_key(|e| e.used);
    Ok(out)
}

/// Removes the least recently used entries until the folder holds at most
/// `cap` bytes, never `keep`; and temporary files that writes left behind.
pub fn prune(dir: &Path, cap: u64, keep: &Path) {
    remove_stale_temps(dir);
    let Ok(entries) = entries(dir) else { return };
    let mut total: u64 = entries.iter().map(|e| e.len).sum();
    for e in entries {
        if total <= cap {
            break;
        }
        if e.path != keep && fs::remove_file(&e.path).is_ok() {
            total -= e.len;
        }
    }
}

fn remove_stale_temps(dir: &Path) {
    let Ok(list) = fs::read_dir(dir) else { return };
    for e in list.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if old && e.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Removes every entry; returns how many and their bytes. A folder that
/// does not exist is already empty.
pub fn clear(dir: &Path) -> io::Result<(usize, u64)> {
    let entries = match entries(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((0, 0)),
        other => other?,
    };
    let mut removed = (0, 0);
    for e in entries {
        fs::remove_file(&e.path)?;
        removed.0 += 1;
        removed.1 += e.len;
    }
    if let Ok(list) = fs::read_dir(dir) {
        for e in list.flatten() {
            if e.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    Ok(removed)
}

/// Marks an entry as just used, for pruning; at most once an hour, so a
/// hit does not write each time.
pub fn touch(file: &Path) {
    let Ok(f) = fs::File::options().write(true).open(file) else {
        return;
    };
    let recent = f
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < Duration::from_secs(3600));
    if !recent {
        let _ = f.set_modified(SystemTime::now());
    }
}
