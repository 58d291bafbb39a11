//! Fuzzy search over everything in a dataset.

pub mod fold;
pub mod index;
pub mod matcher;
pub mod query;
pub mod worker;

pub use index::{Entry, Kind, SearchIndex};
pub use matcher::{Hit, Matcher};
pub use query::Query;
