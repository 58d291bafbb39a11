//! The dataset: types, loading, validation, lookups and quote anchoring.
//! Nothing here knows about terminals.

pub mod anchor;
pub mod date;
pub mod decode;
pub mod diagnostic;
pub mod fingerprint;
pub mod groups;
pub mod ids;
pub mod index;
pub mod item;
pub mod load;
mod locate;
pub mod outline;
pub mod parse;
pub mod progress;
pub mod read;
pub mod sources;
pub mod types;
mod validate;

pub use date::DateKey;
pub use diagnostic::{Code, Diagnostic, FileSet, Severity};
pub use index::DatasetIndex;
pub use item::{EventIx, IssueIx, ItemRef, Kind, PartyIx, PersonIx, PositionIx, QuoteIx, SourceIx};
pub use load::{
    LoadError, LoadOptions, Loaded, load_bytes, load_bytes_with, load_path, load_path_with,
};
pub use progress::{Phase, Progress};
pub use sources::SourceReader;
pub use types::*;
pub use validate::valid_date;
