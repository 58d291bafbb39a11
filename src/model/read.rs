//! Reading a file whose name came from somewhere untrusted (a dataset's
//! `path:`, `--review`, a config file) without letting it hang parley or
//! exhaust its memory.
//!
//! `std::fs::read` on `/dev/zero` grows until the kernel kills the
//! process, on a FIFO it blocks forever, and on `/dev/tty` it takes the
//! user's keystrokes. So: only regular files are read; the file is opened
//! without blocking and without becoming a controlling terminal, checked
//! again through the open handle (the name may have been swapped since),
//! and read through `take(limit + 1)`, so a file that grows while it is
//! read still stops at the limit.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// The largest source file a dataset may name (`path:`).
pub const MAX_SOURCE: u64 = 64 << 20;
/// All source files of one dataset together.
pub const MAX_SOURCES_TOTAL: u64 = 1 << 30;
/// The largest dataset file, standard input included.
pub const MAX_DATASET: u64 = 512 << 20;
/// The largest review file.
pub const MAX_REVIEW: u64 = 64 << 20;
/// The largest config file.
pub const MAX_CONFIG: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("it is {0}, not a regular file")]
    NotAFile(&'static str),
    #[error("it is larger than the limit of {}", size(*.limit))]
    TooLarge { limit: u64 },
    /// A dataset's source path that resolves outside the dataset's folder.
    #[error("it resolves outside the dataset's folder {folder}")]
    Outside { folder: String },
}

/// A size as a person reads it: `64 MiB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// What kind of file this is, when it is not a regular one.
fn not_regular(meta: &Metadata) -> Option<&'static str> {
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Checks a file's metadata: a regular file within `limit` bytes.
pub fn check(meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    if let Some(kind) = not_regular(meta) {
        return Err(ReadError::NotAFile(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(())
}

/// Opens a file for reading without blocking (a FIFO with no writer would
/// block `open` itself) and without making a terminal the controlling one.
fn open(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// Reads a regular file of at most `limit` bytes. Symbolic links are
/// followed; the file they lead to must be regular.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Looking before opening: opening some devices has effects of its own.
    check(&std::fs::metadata(path)?, limit)?;
    let file = open(path)?;
    let meta = file.metadata()?;
    check(&meta, limit)?;
    // The size said now is a hint, never trusted for the allocation.
    let hint = usize::try_from(meta.len().min(limit)).unwrap_or(0);
    read_capped(file, limit, hint)
}

/// Reads everything from `reader`, failing past `limit` bytes.
pub fn read_capped(reader: impl Read, limit: u64, hint: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(hint);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_file(path, limit)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, e.utf8_error())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(size(64 << 20), "64 MiB");
        assert_eq!(size(1 << 30), "1 GiB");
        assert_eq!(size(1000), "1000 bytes");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").expect("write");
        assert_eq!(read_file(&path, 5).expect("at the limit"), b"12345");
        assert!(matches!(
            read_file(&path, 4),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        assert!(matches!(
            read_capped(&b"12345"[..], 4, 0),
            Err(ReadError::TooLarge { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_fifos_are_not_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            read_file(dir.path(), 10),
            Err(ReadError::NotAFile("a folder"))
        ));
        assert!(matches!(
            read_file(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile("a character device"))
        ));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Would block forever if it were opened and read.
            assert!(matches!(
                read_file(&fifo, 10),
                Err(ReadError::NotAFile("a FIFO (named pipe)"))
            ));
        }
    }
}
