//! The dataset: types, loading, validation, lookups and quote anchoring.
//! Nothing here knows about terminals.

pub mod anchor;
pub mod diagnostic;
pub mod index;
pub mod load;
mod locate;
pub mod outline;
pub mod types;
mod validate;

pub use diagnostic::{Code, Diagnostic, FileSet, Severity};
pub use index::DatasetIndex;
pub use load::{LoadError, Loaded, SourceReader, load_bytes, load_path};
pub use types::*;
pub use validate::valid_date;
