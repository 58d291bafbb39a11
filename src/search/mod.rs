//! Fuzzy search over everything in a dataset.

pub mod fold;
pub mod index;
pub mod matcher;
pub mod query;
pub mod worker;

pub use index::{Entry, SearchIndex, tie_rank};
pub use matcher::{Hit, Matcher};
pub use query::Query;
