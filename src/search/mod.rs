//! Fuzzy search over everything in a dataset.

mod build;
pub mod entries;
pub mod facet;
pub use crate::fold;
pub mod index;
pub mod matcher;
mod memo;
pub mod query;
mod ranked;
pub mod recent;
mod scoring;
pub mod snapshot;
pub mod synonyms;
pub mod worker;

pub use index::{Entry, SearchIndex};
pub use matcher::{Hit, Matcher};
pub use query::Query;
