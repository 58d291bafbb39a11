//! Where the text of a source named by `path:` comes from: files next to
//! the dataset, or (for the bundled dataset) text compiled into the binary.
//!
//! A dataset is untrusted, and so are its paths: `../../etc/passwd` or
//! `/proc/self/environ` must not be read, let alone quoted back in a
//! "closest passage". [`DirReader`] reads only regular files that resolve,
//! symbolic links followed, inside the dataset file's folder, each within
//! [`MAX_SOURCE`] and all together within [`MAX_SOURCES_TOTAL`].

pub use super::read::ReadError;
use super::read::{MAX_SOURCE, MAX_SOURCES_TOTAL, read_file};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where source files named by `path:` come from. Sources are read on
/// several threads at once.
pub trait SourceReader: Sync {
    /// Reads a source's `path`, relative to the dataset file.
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError>;
    /// How to name that file to a person.
    fn display(&self, path: &str) -> String;
}

/// Sources on disk, next to the dataset file.
pub struct DirReader {
    pub base: PathBuf,
    /// `base` with symbolic links resolved, what containment is checked
    /// against; `None` when the folder cannot be resolved (every read then
    /// fails as outside).
    canonical: Option<PathBuf>,
    /// `--allow-outside-paths`: the dataset is trusted to name any regular
    /// file. Devices, FIFOs and oversized files are still refused.
    allow_outside: bool,
    /// Bytes left of [`MAX_SOURCES_TOTAL`].
    budget: AtomicU64,
}

impl DirReader {
    /// Reads sources inside `base` only.
    pub fn new(base: PathBuf) -> DirReader {
        DirReader::with_outside(base, false)
    }

    /// Reads sources inside `base`, or anywhere when `allow_outside`.
    pub fn with_outside(base: PathBuf, allow_outside: bool) -> DirReader {
        let canonical = std::fs::canonicalize(&base).ok();
        DirReader {
            base,
            canonical,
            allow_outside,
            budget: AtomicU64::new(MAX_SOURCES_TOTAL),
        }
    }

    fn outside(&self) -> ReadError {
        let folder = self.canonical.as_deref().unwrap_or(&self.base);
        ReadError::Outside {
            folder: folder.display().to_string(),
        }
    }

    /// The file `path` names, once it is known to be inside the folder.
    fn resolve(&self, path: &str) -> Result<PathBuf, ReadError> {
        let joined = self.base.join(path);
        if self.allow_outside {
            return Ok(joined);
        }
        // Decided on the text first, so a path like `../../x` never
        // touches the file system: whether a file outside exists is
        // nothing a dataset should learn.
        let written = Path::new(path);
        let climbs_out = if written.is_absolute() {
            let within =
                |folder: &Path| folder.is_absolute() && lexical(written).starts_with(folder);
            !(self.canonical.as_deref().is_some_and(within) || within(&self.base))
        } else {
            escapes(written)
        };
        if climbs_out {
            return Err(self.outside());
        }
        let resolved = std::fs::canonicalize(&joined)?;
        match &self.canonical {
            Some(folder) if resolved.starts_with(folder) => Ok(resolved),
            _ => Err(self.outside()),
        }
    }
}

/// Whether a relative path climbs out of its folder by its `..`s, or is
/// not relative at all.
fn escapes(path: &Path) -> bool {
    let mut depth = 0usize;
    for c in path.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return true,
            },
            Component::RootDir | Component::Prefix(_) => return true,
        }
    }
    false
}

/// An absolute path with `.` and `..` taken out by their text.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

impl DirReader {
    /// Where the file a source names is.
    pub fn path(&self, path: &str) -> PathBuf {
        self.base.join(path)
    }
}

impl SourceReader for DirReader {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        let file = self.resolve(path)?;
        // Sources are read on several threads: what is left is taken as
        // each read begins, so together they never pass the total.
        let left = self.budget.load(Ordering::Relaxed);
        let bytes = read_file(&file, MAX_SOURCE.min(left)).map_err(|e| match e {
            // Over what is left of the total, not over the file limit.
            ReadError::TooLarge { .. } if left < MAX_SOURCE => ReadError::TooLarge {
                limit: MAX_SOURCES_TOTAL,
            },
            e => e,
        })?;
        self.budget.fetch_sub(bytes.len() as u64, Ordering::Relaxed);
        Ok(bytes)
    }
    fn display(&self, path: &str) -> String {
        self.base.join(path).display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn climbing_out_is_seen_in_the_text() {
        for out in ["../x", "a/../../x", "/etc/passwd", "./../x"] {
            assert!(escapes(Path::new(out)), "{out}");
        }
        for inside in ["x", "a/b/../c", "./a", "a/.."] {
            assert!(!escapes(Path::new(inside)), "{inside}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused_unless_allowed() {
        let outer = tempfile::tempdir().expect("tempdir");
        let data = outer.path().join("data");
        std::fs::create_dir(&data).expect("mkdir");
        std::fs::write(outer.path().join("secret.txt"), "secret").expect("write");
        std::fs::write(data.join("ok.txt"), "fine").expect("write");
        std::os::unix::fs::symlink(outer.path().join("secret.txt"), data.join("link.txt"))
            .expect("symlink");
        let strict = DirReader::new(data.clone());
        assert_eq!(strict.read("ok.txt").expect("inside"), b"fine");
        assert!(matches!(
            strict.read("link.txt"),
            Err(ReadError::Outside { .. })
        ));
        assert!(matches!(
            strict.read("../secret.txt"),
            Err(ReadError::Outside { .. })
        ));
        let absolute = outer.path().join("secret.txt").display().to_string();
        assert!(matches!(
            strict.read(&absolute),
            Err(ReadError::Outside { .. })
        ));
        let inside = data.join("./ok.txt").display().to_string();
        assert_eq!(strict.read(&inside).expect("absolute, inside"), b"fine");
        let trusting = DirReader::with_outside(data, true);
        assert_eq!(trusting.read("link.txt").expect("allowed"), b"secret");
        assert!(matches!(
            trusting.read("/dev/zero"),
            Err(ReadError::NotAFile(_))
        ));
    }
}
