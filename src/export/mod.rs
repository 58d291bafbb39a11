//! `parley export`: the dataset carried out of parley, as a Markdown
//! briefing, as the whole resolved model in JSON, or as CSV with one row
//! per position and quote. See `docs/export.md` for each format.

mod csv;
mod json;
mod markdown;

pub use csv::csv;
pub use json::{SCHEMA, json};
pub use markdown::markdown;
