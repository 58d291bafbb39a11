//! Where review files live, and saving them so that nothing is ever lost:
//! write a temporary file in the same folder, fsync it, rename it over the
//! old one, fsync the folder. A lock on a separate `<file>.lock` keeps a
//! second parley from writing the same file.

use super::{Review, ReviewFile};
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
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// `$XDG_STATE_HOME/parley/<dataset id>.review.ron`, or the platform's
/// equivalent (`~/.local/state` when the variable is unset).
pub fn default_path(dataset_id: &str) -> Result<PathBuf, StoreError> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|_| StoreError::NoStateDir)?;
    let dir = base.state_dir().unwrap_or_else(|| base.data_dir());
    // The id comes from the dataset: keep it from naming another folder.
    let safe: String = dataset_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    Ok(dir.join("parley").join(format!("{safe}.review.ron")))
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
}

/// Reads a review file (it must exist).
pub fn read(path: &Path) -> Result<ReviewFile, StoreError> {
    let text = fs::read_to_string(path).map_err(|e| io(path, e))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let file: ReviewFile = crate::model::decode::ron_options()
        .from_str(text)
        .map_err(|e| StoreError::Parse {
            path: path.display().to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: crate::text::clean_inline(&e.code.to_string()).into_owned(),
        })?;
    if file.format != 1 {
        return Err(StoreError::Format {
            path: path.display().to_string(),
            found: file.format,
        });
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
    let review = if path.exists() {
        let file = read(path)?;
        if file.dataset != dataset_id {
            return Err(StoreError::WrongDataset {
                path: path.display().to_string(),
                found: file.dataset,
                expected: dataset_id.to_string(),
            });
        }
        Review::from_file(file, reviewer)
    } else {
        Review::new(dataset_id, reviewer)
    };
    let lock_path = lock_path(path);
    let mut lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(|e| io(&lock_path, e))?;
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
        },
    ))
}

pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

impl Store {
    /// Writes the review atomically and durably.
    pub fn save(&self, file: &ReviewFile) -> Result<(), StoreError> {
        if let Some(holder) = &self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.display().to_string(),
                holder: holder.clone(),
            });
        }
        // Struct names make the file self-describing for a person editing it.
        let pretty = ron::ser::PrettyConfig::default().struct_names(true);
        let text = ron::ser::to_string_pretty(file, pretty)
            .map_err(|e| io(&self.path, std::io::Error::other(e.to_string())))?;
        save_atomically(&self.path, text.as_bytes())
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
        let (review, store) = open(&path, "d", "ana").expect("open");
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
        let (_r2, second) = open(&path, "d", "bo").expect("open again");
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

    #[test]
    fn default_path_uses_xdg_state_home_and_a_safe_name() {
        // Only checks the name part: the folder depends on the environment.
        let p = default_path("../evil/id").expect("path");
        assert_eq!(
            p.file_name().and_then(|n| n.to_str()),
            Some("_evil_id.review.ron")
        );
        assert_eq!(
            p.parent()
                .and_then(|d| d.file_name())
                .and_then(|n| n.to_str()),
            Some("parley")
        );
    }
}
