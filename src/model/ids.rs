//! Finding an item of one kind by its id.
//!
//! A table of owned ids held a copy of every id in its own allocation
//! beside the table: about 60 bytes an id, 9 MB at 100k quotes, for as
//! long as a dataset is open. Here the ids lie end to end in one string
//! and the table holds only item numbers, about 13 bytes an id.

use hashbrown::HashTable;
use std::hash::BuildHasher;

#[derive(Debug, Default, Clone)]
pub struct Ids {
    /// Every item's id, end to end, item by item.
    text: String,
    /// Where each item's id ends in `text`; it starts where the one
    /// before ends.
    ends: Vec<u32>,
    /// Item numbers, found by their id's hash; the first item with an id
    /// is the one kept, as in validation.
    table: HashTable<u32>,
    /// Ids are short strings looked up hundreds of thousands of times
    /// while a dataset is prepared: a fast hash, seeded per process.
    hasher: foldhash::fast::RandomState,
}

impl Ids {
    /// The table of `ids`, item by item. `None` past 4 GiB of ids or
    /// 4 billion items, which no dataset within the size limit reaches.
    pub fn new<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Option<Ids> {
        let mut t = Ids {
            ends: Vec::with_capacity(ids.len()),
            table: HashTable::with_capacity(ids.len()),
            ..Ids::default()
        };
        for (i, id) in ids.enumerate() {
            t.text.push_str(id);
            t.ends.push(u32::try_from(t.text.len()).ok()?);
            let i = u32::try_from(i).ok()?;
            let hash = t.hasher.hash_one(id);
            let Ids {
                text,
                ends,
                table,
                hasher,
            } = &mut t;
            let id_of = |j: u32| id_at(text, ends, j);
            if table.find(hash, |&j| id_of(j) == Some(id)).is_none() {
                table.insert_unique(hash, i, |&j| hasher.hash_one(id_of(j).unwrap_or("")));
            }
        }
        t.text.shrink_to_fit();
        Some(t)
    }

    /// The number of the item with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&j| id_at(&self.text, &self.ends, j) == Some(id))
            .map(|&j| j as usize)
    }
}

/// Item `j`'s id.
fn id_at<'t>(text: &'t str, ends: &[u32], j: u32) -> Option<&'t str> {
    let j = j as usize;
    let start = j.checked_sub(1).map_or(Some(0), |k| ends.get(k).copied())?;
    text.get(start as usize..*ends.get(j)? as usize)
}

#[cfg(test)]
mod tests {
    use super::Ids;
    use proptest::prelude::*;
    use std::collections::HashMap;

    proptest! {
        /// Each id finds the first item that has it, and nothing else
        /// finds anything; ids may be empty, repeated or prefixes of
        /// one another.
        #[test]
        fn an_id_finds_its_first_item(
            ids in proptest::collection::vec("[ab]{0,3}|é", 0..40),
            other in "[ab]{0,4}",
        ) {
            let table = Ids::new(ids.iter().map(String::as_str)).expect("small");
            let mut first = HashMap::new();
            for (i, id) in ids.iter().enumerate() {
                first.entry(id.as_str()).or_insert(i);
            }
            for id in &ids {
                prop_assert_eq!(table.get(id), first.get(id.as_str()).copied());
            }
            prop_assert_eq!(table.get(&other), first.get(other.as_str()).copied());
        }
    }
}
