//! A dataset prepared for reading: its text cleaned for display, its
//! references resolved, its issues in tree order, every reviewable item's
//! fingerprint, and (on first use) its search index. It is built once per
//! dataset version and never changes; the browser, the review commands and
//! the exports all read the same one.

mod clean;
pub mod narrow;
pub mod problems;

use crate::model::fingerprint::{REVIEWED, fingerprint};
use crate::model::progress::{Phase, Progress, Report};
use crate::model::{Dataset, DatasetIndex, DateKey, IssueIx, ItemRef, Kind, PositionIx};
use crate::model::{Diagnostic, Loaded};
use crate::search::{Matcher, SearchIndex};
pub use problems::Problems;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use typed_index_collections::TiVec;

#[derive(Debug)]
pub struct Prepared {
    pub ds: Dataset,
    pub index: DatasetIndex,
    /// Every issue in tree order (children under their parent) with depth.
    pub issue_tree: Vec<(IssueIx, usize)>,
    /// Where each issue's subtree (itself and every issue under it) is in
    /// `issue_tree`: a tree in pre-order keeps each subtree together.
    subtree: TiVec<IssueIx, std::ops::Range<usize>>,
    /// Each position's date, for ordering.
    pub position_date: TiVec<PositionIx, Option<DateKey>>,
    /// Fingerprints of positions, quotes and issues (by `Kind::slot`),
    /// taken once rather than on every frame that shows a mark, and only
    /// when first asked for: a search or an export never needs them.
    fingerprints: OnceLock<[Vec<u64>; 7]>,
    /// Built on first use: a command that never searches never pays.
    search: OnceLock<Arc<SearchIndex>>,
    pub matcher: Matcher,
    /// Ids as the dataset wrote them, where cleaning changed them: review
    /// files key marks by the raw id, so two ids that differ only by an
    /// invisible character never share a mark. Empty for a valid dataset
    /// (`E019` refuses such ids), so it costs nothing there.
    raw: RawIds,
    /// What loading found wrong with this version, by item.
    pub problems: Problems,
}

/// The raw ids that cleaning changed, both ways.
#[derive(Debug, Default)]
struct RawIds {
    dataset: Option<String>,
    of: HashMap<ItemRef, String>,
    find: HashMap<(Kind, String), ItemRef>,
}

/// What a load gives the browser: a dataset to show, perhaps with
/// problems, or a file that did not parse at all.
#[derive(Debug)]
pub enum Opened {
    /// Shared with the thread that gives it its search index.
    Ready(Arc<Prepared>),
    /// Nothing to show: the diagnostics say why.
    Unparsable(Box<Loaded>),
}

impl Opened {
    /// Prepares a loaded dataset for the browser, however many semantic
    /// errors it has, and builds its search index now: the browser's
    /// first search must not wait for it. Only a file that did not parse
    /// is not opened.
    pub fn from_loaded(loaded: Loaded, report: Report<'_>) -> Opened {
        let opened = Opened::unindexed(loaded, report);
        if let Opened::Ready(data) = &opened {
            report(Progress::start(Phase::Indexing));
            data.search();
            report(Progress::new(Phase::Indexing, 1, 1));
        }
        opened
    }

    /// The same without the search index, which the caller gives it with
    /// [`Prepared::index_with`]: the browser can show a dataset whose
    /// index is still being read from the cache.
    pub fn unindexed(mut loaded: Loaded, report: Report<'_>) -> Opened {
        match loaded.dataset.take() {
            Some(ds) => Opened::Ready(Arc::new(Prepared::checked(ds, loaded.diagnostics, report))),
            None => Opened::Unparsable(Box::new(loaded)),
        }
    }
}

impl Prepared {
    /// Cleans every string once, here, so no widget can forget to: dataset
    /// text is untrusted and must not carry control sequences to a screen.
    pub fn new(mut ds: Dataset) -> Self {
        let before = raw_ids(&ds);
        // The lookups read ids, references, dates and anchors, never the
        // long texts: they are built while those are cleaned.
        let ((mut index, position_date), moved) = clean::clean_dataset_beside(&mut ds, |ds| {
            rayon::join(
                || DatasetIndex::new(ds),
                || -> TiVec<PositionIx, Option<DateKey>> {
                    ds.positions
                        .raw
                        .par_iter()
                        .map(|p| p.date.as_deref().and_then(DateKey::parse))
                        .collect::<Vec<_>>()
                        .into()
                },
            )
        });
        if moved {
            index.order_quotes_by_source(&ds);
        }
        let raw = changed_ids(&ds, before);
        let issue_tree = issue_tree(&ds, &index);
        let subtree = subtrees(&ds, &issue_tree);
        // Positions on an issue read in time order everywhere: panes,
        // review queues, reports. Undated ones come last.
        for list in index.positions_by_issue.iter_mut() {
            list.sort_by_key(|&p| (position_date[p].is_none(), position_date[p]));
        }
        Prepared {
            ds,
            index,
            issue_tree,
            subtree,
            position_date,
            fingerprints: OnceLock::new(),
            search: OnceLock::new(),
            matcher: Matcher::default(),
            raw,
            problems: Problems::default(),
        }
    }

    /// Prepares a dataset together with the problems loading found in it;
    /// for the browser, which opens a dataset with errors and marks what
    /// is faulty.
    pub fn checked(ds: Dataset, diagnostics: Vec<Diagnostic>, report: Report<'_>) -> Self {
        report(Progress::start(Phase::Preparing));
        let mut data = Prepared::new(ds);
        data.problems = Problems::new(diagnostics);
        data
    }

    /// The dataset's id as written: what review files are keyed by.
    pub fn review_dataset_id(&self) -> &str {
        self.raw.dataset.as_deref().unwrap_or(&self.ds.id)
    }

    /// An item's id as written: what review files are keyed by. The same
    /// as [`Prepared::id`] unless cleaning for display changed it.
    pub fn review_id(&self, item: ItemRef) -> &str {
        match self.raw.of.get(&item) {
            Some(raw) => raw,
            None => self.ds.id(item),
        }
    }

    /// The item a review file's (raw) id names, if it is in this version.
    pub fn find_reviewed(&self, kind: Kind, id: &str) -> Option<ItemRef> {
        if self.raw.of.is_empty() {
            return self.find(kind, id);
        }
        if let Some(&item) = self.raw.find.get(&(kind, id.to_string())) {
            return Some(item);
        }
        // A cleaned id found by its cleaned form must also be its raw one.
        self.find(kind, id)
            .filter(|&item| !self.raw.of.contains_key(&item))
    }

    /// The search index, built the first time it is asked for. The TUI
    /// shares it with its search worker thread. While another thread is
    /// giving it its index ([`Prepared::index_with`]), this waits for it.
    pub fn search(&self) -> &Arc<SearchIndex> {
        self.search
            .get_or_init(|| Arc::new(SearchIndex::new(&self.ds, &self.index)))
    }

    /// Gives the dataset its search index: the one `kept` finds (read
    /// from the cache for the same content), else one built now. Whoever
    /// asks for the index meanwhile waits for this rather than building
    /// another. Says whether it was built here; nothing happens when the
    /// index was already there.
    pub fn index_with(&self, kept: impl FnOnce() -> Option<SearchIndex>) -> bool {
        let mut built = false;
        self.search.get_or_init(|| {
            Arc::new(kept().unwrap_or_else(|| {
                built = true;
                SearchIndex::new(&self.ds, &self.index)
            }))
        });
        built
    }

    /// The fingerprint of a reviewable item as the dataset has it now;
    /// `None` for kinds that are not reviewed and for unknown indices.
    pub fn fingerprint(&self, item: ItemRef) -> Option<u64> {
        self.fingerprints()[item.kind().slot()]
            .get(item.index())
            .copied()
    }

    /// Takes every fingerprint now if no one has yet: the loader does,
    /// after the first frame, so that the first review or mark does not
    /// wait for them (about 50 ms at 100,000 quotes on one core).
    pub fn take_fingerprints(&self) {
        self.fingerprints();
    }

    /// The fingerprints of every reviewable item, by kind and index, taken
    /// on every core the first time they are asked for.
    fn fingerprints(&self) -> &[Vec<u64>; 7] {
        use rayon::prelude::*;
        self.fingerprints.get_or_init(|| {
            let mut all: [Vec<u64>; 7] = Default::default();
            for kind in REVIEWED {
                all[kind.slot()] = (0..self.ds.count(kind))
                    .into_par_iter()
                    .map(|i| fingerprint(&self.ds, ItemRef::new(kind, i)).unwrap_or_default())
                    .collect();
            }
            all
        })
    }

    /// The issue and every issue under it, with their depth, in tree
    /// order.
    pub fn subtree(&self, issue: IssueIx) -> &[(IssueIx, usize)] {
        self.subtree
            .get(issue)
            .and_then(|r| self.issue_tree.get(r.clone()))
            .unwrap_or(&[])
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

/// The ids of the reviewed kinds and the dataset's, before cleaning.
fn raw_ids(ds: &Dataset) -> (String, Vec<(ItemRef, String)>) {
    let unclean = |id: &str| crate::text::has_invisible(id, false);
    // The kinds side by side: at the largest size measured, 100,000 quotes
    // and 50,000 positions.
    let items = REVIEWED
        .par_iter()
        .flat_map_iter(|&kind| {
            ds.items(kind)
                .filter(|&item| unclean(ds.id(item)))
                .map(|item| (item, ds.id(item).to_string()))
        })
        .collect();
    (ds.id.clone(), items)
}

fn changed_ids(cleaned: &Dataset, (dataset, items): (String, Vec<(ItemRef, String)>)) -> RawIds {
    let mut raw = RawIds {
        dataset: (dataset != cleaned.id).then_some(dataset),
        ..RawIds::default()
    };
    for (item, id) in items {
        raw.find.insert((item.kind(), id.clone()), item);
        raw.of.insert(item, id);
    }
    raw
}

/// Each issue's range in the tree: it runs to the next issue that is not
/// deeper. One pass from the end with a stack, so a deep chain costs what
/// a flat list does.
fn subtrees(ds: &Dataset, tree: &[(IssueIx, usize)]) -> TiVec<IssueIx, std::ops::Range<usize>> {
    let mut ranges: TiVec<IssueIx, std::ops::Range<usize>> =
        TiVec::from(vec![0..0; ds.issues.len()]);
    let mut open: Vec<usize> = Vec::new();
    for k in (0..tree.len()).rev() {
        let depth = tree[k].1;
        while open.last().is_some_and(|&j| tree[j].1 > depth) {
            open.pop();
        }
        let end = open.last().copied().unwrap_or(tree.len());
        ranges[tree[k].0] = k..end;
        open.push(k);
    }
    ranges
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceIx;

    fn minimal() -> Dataset {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/good/minimal.ron");
        crate::model::load_path(&path)
            .expect("readable")
            .into_valid()
            .expect("valid")
    }

    /// The long texts are cleaned apart from the rest, while the lookups
    /// are built: they come back where they were, and quotes move with
    /// their source's text.
    #[test]
    fn cleaning_beside_the_lookups_keeps_every_text_in_its_place() {
        let mut ds = minimal();
        let s = ds
            .sources
            .iter()
            .position(|s| s.id == "s-talks")
            .expect("source");
        let dirty = "\t\u{1b}[2J";
        let body = ds.sources[SourceIx::from(s)].text.as_mut().expect("read");
        body.insert_str(0, dirty);
        let on_it: Vec<_> = ds
            .quotes
            .iter_enumerated()
            .filter(|(_, q)| q.source == "s-talks")
            .map(|(i, _)| i)
            .collect();
        assert!(on_it.len() >= 2, "the fixture quotes the source thrice");
        for &q in &on_it {
            for r in &mut ds.quotes[q].anchor {
                *r = r.start + dirty.len()..r.end + dirty.len();
            }
        }
        let body = ds.sources[SourceIx::from(s)].body();
        let pieces = |q: &crate::model::Quote, body: &str| -> Vec<String> {
            q.anchor
                .iter()
                .map(|r| body[r.clone()].to_string())
                .collect()
        };
        let anchored: Vec<Vec<String>> =
            on_it.iter().map(|&q| pieces(&ds.quotes[q], body)).collect();
        assert!(anchored.iter().all(|p| !p.is_empty()));
        let texts: Vec<String> = ds.quotes.iter().map(|q| q.text.clone()).collect();
        let summaries: Vec<String> = ds.positions.iter().map(|p| p.summary.clone()).collect();
        let data = Prepared::new(ds);
        let body = data.ds.sources[SourceIx::from(s)].body();
        assert!(body.starts_with("    \u{241b}[2J"), "{body:?}");
        for (q, text) in data.ds.quotes.iter().zip(&texts) {
            assert_eq!(&q.text, text);
        }
        for (&q, before) in on_it.iter().zip(&anchored) {
            assert_eq!(&pieces(&data.ds.quotes[q], body), before);
        }
        for (p, summary) in data.ds.positions.iter().zip(&summaries) {
            assert_eq!(&p.summary, summary);
        }
        let order = &data.index.quotes_by_source[SourceIx::from(s)];
        let starts: Vec<usize> = order
            .iter()
            .map(|&q| data.ds.quotes[q].anchor[0].start)
            .collect();
        assert!(starts.is_sorted(), "{starts:?}");
        assert_eq!(order.len(), on_it.len());
    }

    #[test]
    fn a_subtree_is_the_issue_and_everything_under_it() {
        let data = Prepared::new(minimal());
        let ids = |issue: &str| -> Vec<&str> {
            let i = data.index.issue(issue).expect("issue");
            data.subtree(i)
                .iter()
                .map(|&(k, _)| data.ds.issues[k].id.as_str())
                .collect()
        };
        assert_eq!(ids("security"), ["security", "ceasefire", "commission"]);
        assert_eq!(ids("ceasefire"), ["ceasefire"]);
        assert_eq!(ids("meetings"), ["meetings"]);
    }
}
