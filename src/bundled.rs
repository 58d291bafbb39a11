//! The dataset that ships inside the binary, so `parley` works from any
//! directory with nothing else installed.

use crate::model::progress::Report;
use crate::model::sources::ReadError;
use crate::model::{Loaded, SourceReader, load_bytes, load_bytes_with};
use std::io;

/// How the bundled dataset file is named in diagnostics.
pub const NAME: &str = "<bundled>/ru-ua-2022-03.ron";

const DATASET: &str = include_str!("../assets/ru-ua-2022-03.ron");

const SOURCES: &[(&str, &str)] = &[
    (
        "sources/istanbul-2022-03-29.txt",
        include_str!("../assets/sources/istanbul-2022-03-29.txt"),
    ),
    (
        "sources/kalin-2022-03-20.txt",
        include_str!("../assets/sources/kalin-2022-03-20.txt"),
    ),
];

struct Bundled;

impl SourceReader for Bundled {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        SOURCES
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, text)| text.as_bytes().to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not bundled").into())
    }
    fn display(&self, path: &str) -> String {
        format!("<bundled>/{path}")
    }
}

/// Loads the bundled dataset.
pub fn load() -> Loaded {
    load_bytes(NAME, DATASET.as_bytes(), &Bundled)
}

/// [`load`], reporting how far it has got.
pub fn load_with(report: Report<'_>) -> Loaded {
    load_bytes_with(NAME, DATASET.as_bytes(), &Bundled, report)
}
