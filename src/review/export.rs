//! Review reports: Markdown, JSON and CSV.

use super::Review;
use crate::model::{Dataset, DatasetIndex};

pub fn markdown(_ds: &Dataset, _ix: &DatasetIndex, _review: &Review) -> String {
    String::new()
}

pub fn json(_ds: &Dataset, _ix: &DatasetIndex, _review: &Review) -> String {
    String::new()
}

pub fn csv(_ds: &Dataset, _ix: &DatasetIndex, _review: &Review) -> String {
    String::new()
}
