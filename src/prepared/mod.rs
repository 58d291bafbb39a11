//! A dataset prepared for reading: its text cleaned for display, its
//! references resolved, its issues in tree order, every reviewable item's
//! fingerprint, and (on first use) its search index. It is built once per
//! dataset version and never changes; the browser, the review commands and
//! the exports all read the same one.

mod clean;

use crate::model::fingerprint::{REVIEWED, fingerprint};
use crate::model::{Dataset, DatasetIndex, IssueIx, ItemRef, Kind};
use crate::search::{Matcher, SearchIndex};
use std::sync::{Arc, OnceLock};

#[derive(Debug)]
pub struct Prepared {
    pub ds: Dataset,
    pub index: DatasetIndex,
    /// Every issue in tree order (children under their parent) with depth.
    pub issue_tree: Vec<(IssueIx, usize)>,
    /// Fingerprints of positions, quotes and issues (by `Kind::slot`),
    /// taken once rather than on every frame that shows a mark.
    fingerprints: [Vec<u64>; 7],
    /// Built on first use: a command that never searches never pays.
    search: OnceLock<Arc<SearchIndex>>,
    pub matcher: Matcher,
}

impl Prepared {
    /// Cleans every string once, here, so no widget can forget to: dataset
    /// text is untrusted and must not carry control sequences to a screen.
    pub fn new(mut ds: Dataset) -> Self {
        clean::clean_dataset(&mut ds);
        let index = DatasetIndex::new(&ds);
        let issue_tree = issue_tree(&ds, &index);
        let mut fingerprints: [Vec<u64>; 7] = Default::default();
        for kind in REVIEWED {
            fingerprints[kind.slot()] = ds
                .items(kind)
                .filter_map(|item| fingerprint(&ds, item))
                .collect();
        }
        Prepared {
            ds,
            index,
            issue_tree,
            fingerprints,
            search: OnceLock::new(),
            matcher: Matcher::default(),
        }
    }

    /// The search index, built the first time it is asked for. The TUI
    /// shares it with its search worker thread.
    pub fn search(&self) -> &Arc<SearchIndex> {
        self.search
            .get_or_init(|| Arc::new(SearchIndex::new(&self.ds, &self.index)))
    }

    /// The fingerprint of a reviewable item as the dataset has it now;
    /// `None` for kinds that are not reviewed and for unknown indices.
    pub fn fingerprint(&self, item: ItemRef) -> Option<u64> {
        self.fingerprints[item.kind().slot()]
            .get(item.index())
            .copied()
    }

    /// The item of this kind and id in this version of the dataset.
    pub fn find(&self, kind: Kind, id: &str) -> Option<ItemRef> {
        self.index.find(kind, id)
    }

    /// The id of an item; empty for an index not in this dataset.
    pub fn id(&self, item: ItemRef) -> &str {
        self.ds.id(item)
    }
}

fn issue_tree(ds: &Dataset, index: &DatasetIndex) -> Vec<(IssueIx, usize)> {
    let mut out = Vec::with_capacity(ds.issues.len());
    let mut seen = vec![false; ds.issues.len()];
    let roots = ds.issues.keys().filter(|&i| index.parent[i].is_none());
    // An explicit stack: a deep parent chain must not overflow ours.
    let mut stack: Vec<(IssueIx, usize)> = roots.map(|i| (i, 0)).collect();
    stack.reverse();
    while let Some((i, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[i.get()], true) {
            continue;
        }
        out.push((i, depth));
        for &child in index.children[i].iter().rev() {
            stack.push((child, depth + 1));
        }
    }
    // Issues caught in a parent cycle have no root; list them flat.
    for i in ds.issues.keys() {
        if !seen[i.get()] {
            out.push((i, 0));
        }
    }
    out
}
