//! Where the text of a source named by `path:` comes from: files next to
//! the dataset, or (for the bundled dataset) text compiled into the binary.

use std::io;
use std::path::PathBuf;

/// Where source files named by `path:` come from. Sources are read on
/// several threads at once.
pub trait SourceReader: Sync {
    /// Reads a source's `path`, relative to the dataset file.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;
    /// How to name that file to a person.
    fn display(&self, path: &str) -> String;
}

/// Sources on disk, next to the dataset file.
pub struct DirReader {
    pub base: PathBuf,
}

impl DirReader {
    /// Where the file a source names is.
    pub fn path(&self, path: &str) -> PathBuf {
        self.base.join(path)
    }
}

impl SourceReader for DirReader {
    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(path))
    }
    fn display(&self, path: &str) -> String {
        self.base.join(path).display().to_string()
    }
}
