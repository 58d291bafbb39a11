//! Where review files live, and saving them so that nothing is ever lost:
//! write a temporary file in the same folder, fsync it, rename it over the
//! old one, fsync the folder. A lock on a separate `<file>.lock` keeps a
//! second parley from writing the same file; before each save the file is
//! compared with what parley last read or wrote, and a change made by
//! anything else (an editor, a git checkout) is merged, never overwritten.

mod paths;

use crate::model::read::{MAX_REVIEW, ReadError, read_file};
use crate::review::{Review, ReviewFile};
use paths::fnv1a;
pub use paths::{default_or_legacy, default_path, file_name, legacy_path};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: review file format {found} is not supported (this parley writes format 1)")]
    Format { path: String, found: u32 },
    #[error("{path} reviews dataset `{found}`, not `{expected}`")]
    WrongDataset {
        path: String,
        found: String,
        expected: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("no folder for review files: set XDG_STATE_HOME or HOME, or pass --review PATH")]
    NoStateDir,
    #[error("{path} is open read-only: {holder}")]
    ReadOnly { path: String, holder: String },
    #[error("{path}: cannot read it: {source}")]
    Read { path: String, source: ReadError },
    #[error("{path}: {what} `{id}` contains a control or invisible character")]
    UnprintableId {
        path: String,
        what: &'static str,
        id: String,
    },
    #[error(
        "{path} changed on disk and no longer parses ({reason}); not saved, so it is not \
         overwritten: fix or move it, and the next key saves again"
    )]
    ChangedUnreadable { path: String, reason: String },
    #[error("{path} is a symbolic link; the lock is never followed through one")]
    LockIsSymlink { path: String },
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// An open review file.
#[derive(Debug)]
pub struct Store {
    pub path: PathBuf,
    /// Held for as long as the store lives; the OS drops the lock if the
    /// process dies, even by SIGKILL.
    _lock: Option<File>,
    /// Why this process may not write, when another holds the lock.
    pub read_only: Option<String>,
    /// The file as parley last read or wrote it, and a hash of its bytes:
    /// a different hash on disk means someone else changed it.
    base: Option<(ReviewFile, u64)>,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The review was written as it was.
    Written,
    /// The file had changed on disk: the two were merged and the merge
    /// written; `taken` items came from the file on disk.
    Merged { file: ReviewFile, taken: usize },
}

/// Reads a review file (it must exist): a regular file within
/// [`MAX_REVIEW`], whose ids are all printable.
pub fn read(path: &Path) -> Result<ReviewFile, StoreError> {
    read_with_hash(path).map(|(file, _)| file)
}

fn read_with_hash(path: &Path) -> Result<(ReviewFile, u64), StoreError> {
    let bytes = read_file(path, MAX_REVIEW).map_err(|source| StoreError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok((parse(path, &bytes)?, fnv1a(&bytes)))
}

fn parse(path: &Path, bytes: &[u8]) -> Result<ReviewFile, StoreError> {
    let shown = || path.display().to_string();
    let text = std::str::from_utf8(bytes).map_err(|e| {
        io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: ReviewFile = crate::model::decode::ron_options()
        .from_str(text)
        .map_err(|e| StoreError::Parse {
            path: shown(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: crate::text::clean_inline(&e.code.to_string()).into_owned(),
        })?;
    if file.format != 1 {
        return Err(StoreError::Format {
            path: shown(),
            found: file.format,
        });
    }
    // Ids are matched exactly: one with an invisible character would
    // stand for another on screen.
    let ids = std::iter::once(("dataset", &file.dataset))
        .chain(file.place.iter().map(|p| ("place", p)))
        .chain(file.items.iter().map(|it| ("item id", &it.id)));
    for (what, id) in ids {
        if id.chars().any(crate::text::unprintable) {
            return Err(StoreError::UnprintableId {
                path: shown(),
                what,
                id: crate::text::escape_unprintable(id).into_owned(),
            });
        }
    }
    Ok(file)
}

fn holder() -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "someone".into());
    format!(
        "held by parley (pid {}, user {user}) since {}",
        std::process::id(),
        super::now_rfc3339()
    )
}

/// Opens (or starts) the review of `dataset_id` at `path`. A file that does
/// not parse is an error and is left untouched.
pub fn open(path: &Path, dataset_id: &str, reviewer: &str) -> Result<(Review, Store), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    let (review, base) = if path.exists() {
        let (file, hash) = read_with_hash(path)?;
        if file.dataset != dataset_id {
            return Err(StoreError::WrongDataset {
                path: path.display().to_string(),
                found: file.dataset,
                expected: dataset_id.to_string(),
            });
        }
        (
            Review::from_file(file.clone(), reviewer),
            Some((file, hash)),
        )
    } else {
        (Review::new(dataset_id, reviewer), None)
    };
    let lock_path = lock_path(path);
    let mut lock = open_lock(&lock_path)?;
    let (lock, read_only) = match lock.try_lock() {
        Ok(()) => {
            // Who holds it, for the next process to tell its user.
            let _ = lock.set_len(0);
            let _ = lock.rewind();
            let _ = lock.write_all(holder().as_bytes());
            let _ = lock.sync_all();
            (Some(lock), None)
        }
        Err(TryLockError::WouldBlock) => {
            let mut who = String::new();
            let _ = lock.read_to_string(&mut who);
            let who = if who.trim().is_empty() {
                "held by another parley".to_string()
            } else {
                who
            };
            (
                None,
                Some(crate::text::clean_inline(who.trim()).into_owned()),
            )
        }
        Err(TryLockError::Error(e)) => return Err(io(&lock_path, e)),
    };
    Ok((
        review,
        Store {
            path: path.to_path_buf(),
            _lock: lock,
            read_only,
            base,
        },
    ))
}

/// Opens (or creates) the lock file: never through a symbolic link (one
/// planted there would make parley write into whatever it points at) and
/// never truncated before the lock is held (the holder's name is in it).
fn open_lock(lock_path: &Path) -> Result<File, StoreError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let symlink = || StoreError::LockIsSymlink {
        path: lock_path.display().to_string(),
    };
    #[cfg(not(unix))]
    if fs::symlink_metadata(lock_path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(symlink());
    }
    let lock = match options.open(lock_path) {
        Ok(lock) => lock,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(symlink()),
        Err(e) => return Err(io(lock_path, e)),
    };
    let meta = lock.metadata().map_err(|e| io(lock_path, e))?;
    crate::model::read::check(&meta, MAX_REVIEW).map_err(|source| StoreError::Read {
        path: lock_path.display().to_string(),
        source,
    })?;
    Ok(lock)
}

pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

impl Store {
    /// Writes the review atomically and durably. If the file changed on
    /// disk since parley last read or wrote it, the change is merged in
    /// first (see [`crate::review::merge`]) and the merge is what is written and
    /// returned; a changed file that no longer parses is left alone.
    pub fn save(&mut self, file: &ReviewFile) -> Result<Saved, StoreError> {
        if let Some(holder) = &self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.display().to_string(),
                holder: holder.clone(),
            });
        }
        let merged = self.merge_outside_change(file)?;
        let to_write = merged.as_ref().map_or(file, |(m, _)| m);
        // Struct names make the file self-describing for a person editing it.
        let pretty = ron::ser::PrettyConfig::default().struct_names(true);
        let text = ron::ser::to_string_pretty(to_write, pretty)
            .map_err(|e| io(&self.path, std::io::Error::other(e.to_string())))?;
        save_atomically(&self.path, text.as_bytes())?;
        self.base = Some((to_write.clone(), fnv1a(text.as_bytes())));
        Ok(match merged {
            Some((file, taken)) => Saved::Merged { file, taken },
            None => Saved::Written,
        })
    }

    /// The merge of `ours` with the file on disk, when that changed since
    /// parley last read or wrote it. A file removed meanwhile is written
    /// again whole: a missing file is no reason to drop marks.
    fn merge_outside_change(
        &self,
        ours: &ReviewFile,
    ) -> Result<Option<(ReviewFile, usize)>, StoreError> {
        if !self.path.exists() {
            return Ok(None);
        }
        let bytes = read_file(&self.path, MAX_REVIEW).map_err(|source| StoreError::Read {
            path: self.path.display().to_string(),
            source,
        })?;
        let hash = fnv1a(&bytes);
        if self.base.as_ref().is_some_and(|(_, h)| *h == hash) {
            return Ok(None);
        }
        let theirs = parse(&self.path, &bytes).map_err(|e| StoreError::ChangedUnreadable {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        })?;
        if theirs.dataset != ours.dataset {
            return Err(StoreError::WrongDataset {
                path: self.path.display().to_string(),
                found: theirs.dataset,
                expected: ours.dataset.clone(),
            });
        }
        let base = self.base.as_ref().map(|(f, _)| f);
        Ok(Some(crate::review::merge::merge(base, ours, &theirs)))
    }
}

/// temp file in the same folder → fsync → rename over → fsync the folder.
pub fn save_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".parley-review")
        .tempfile_in(&dir)
        .map_err(|e| io(&dir, e))?;
    tmp.write_all(bytes).map_err(|e| io(tmp.path(), e))?;
    // tempfile creates files readable by the owner only; a review file is
    // an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode))
            .map_err(|e| io(tmp.path(), e))?;
    }
    tmp.as_file().sync_all().map_err(|e| io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| io(path, e.error))?;
    File::open(&dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(&dir, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::review::{Mark, ReviewItem};

    fn sample() -> ReviewFile {
        ReviewFile {
            format: 1,
            dataset: "d".into(),
            place: Some("p1".into()),
            items: vec![ReviewItem {
                kind: Kind::Position,
                id: "p1".into(),
                mark: Some(Mark::Disputed),
                note: Some("line one\nline \"two\" \u{1b}".into()),
                reviewer: "ana".into(),
                time: "2026-11-22T16:00:00Z".into(),
                fingerprint: "0123456789abcdef".into(),
            }],
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/d.review.ron");
        let (review, mut store) = open(&path, "d", "ana").expect("open");
        assert!(review.file.items.is_empty());
        store.save(&sample()).expect("save");
        assert_eq!(read(&path).expect("read"), sample());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o644);
        }
    }

    #[test]
    fn a_second_opener_is_read_only_and_told_who_holds_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.review.ron");
        let (_r1, first) = open(&path, "d", "ana").expect("open");
        assert!(first.read_only.is_none());
        let (_r2, mut second) = open(&path, "d", "bo").expect("open again");
        let holder = second.read_only.clone().expect("read-only");
        assert!(
            holder.contains(&format!("pid {}", std::process::id())),
            "{holder}"
        );
        assert!(matches!(
            second.save(&sample()),
            Err(StoreError::ReadOnly { .. })
        ));
        drop(first);
        let (_r3, third) = open(&path, "d", "bo").expect("open after release");
        assert!(third.read_only.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_is_never_followed_through_a_symlink() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.review.ron");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").expect("write");
        std::os::unix::fs::symlink(&victim, lock_path(&path)).expect("symlink");
        assert!(matches!(
            open(&path, "d", "ana"),
            Err(StoreError::LockIsSymlink { .. })
        ));
        assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
    }

    #[test]
    fn an_existing_lock_file_is_not_truncated_until_held() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.review.ron");
        let (_r, first) = open(&path, "d", "ana").expect("open");
        let held = fs::read_to_string(lock_path(&path)).expect("lock");
        assert!(held.contains("held by parley"), "{held}");
        // A second opener must not wipe who holds it.
        let (_r2, second) = open(&path, "d", "bo").expect("open again");
        assert!(second.read_only.is_some());
        assert_eq!(fs::read_to_string(lock_path(&path)).expect("lock"), held);
        drop(first);
    }

    #[test]
    fn a_file_changed_on_disk_is_merged_before_saving() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.review.ron");
        let (_r, mut store) = open(&path, "d", "ana").expect("open");
        assert_eq!(store.save(&sample()).expect("save"), Saved::Written);
        // Someone else adds an item and rewrites the file.
        let mut theirs = sample();
        let mut other = theirs.items[0].clone();
        other.id = "p2".into();
        theirs.items.push(other);
        let text = ron::ser::to_string(&theirs).expect("ron");
        fs::write(&path, text).expect("outside write");
        let mut ours = sample();
        ours.items[0].mark = Some(crate::review::Mark::Verified);
        ours.items[0].time = "2026-11-23T00:00:00Z".into();
        match store.save(&ours).expect("save") {
            Saved::Merged { file, taken } => {
                assert_eq!(taken, 1);
                assert_eq!(file.items.len(), 2);
                assert_eq!(file.items[0].mark, Some(crate::review::Mark::Verified));
                assert_eq!(read(&path).expect("read"), file);
            }
            other => panic!("expected a merge, got {other:?}"),
        }
        // A change that does not parse is left alone and reported.
        fs::write(&path, "ReviewFile(half written").expect("write");
        assert!(matches!(
            store.save(&ours),
            Err(StoreError::ChangedUnreadable { .. })
        ));
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "ReviewFile(half written"
        );
        // A file removed meanwhile is written again whole.
        fs::remove_file(&path).expect("rm");
        assert_eq!(store.save(&ours).expect("save"), Saved::Written);
        assert_eq!(read(&path).expect("read"), ours);
    }

    #[test]
    fn a_broken_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.review.ron");
        let broken = "ReviewFile(\n  format: 1,\n  dataset: \"d\",\n  items: [oops],\n)";
        fs::write(&path, broken).expect("write");
        match open(&path, "d", "ana") {
            Err(StoreError::Parse { line, column, .. }) => assert_eq!((line, column), (4, 11)),
            other => panic!("expected a parse error, got {other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).expect("read"), broken);
        fs::write(&path, "ReviewFile(format: 1, dataset: \"other\")").expect("write");
        assert!(matches!(
            open(&path, "d", "ana"),
            Err(StoreError::WrongDataset { .. })
        ));
    }
}
