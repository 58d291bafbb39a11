//! The search index kept beside a cached load.

use super::tests::{Setup, load};
use super::*;
use crate::search::{Matcher, snapshot};
use proptest::prelude::*;
use std::fs;

const FIXTURES: [&str; 3] = [
    "tests/fixtures/good/facets.ron",
    "tests/fixtures/good/rivers.ron",
    "assets/ru-ua-2022-03.ron",
];

/// Queries of every sort: fuzzy, exact, negated, synonyms, qualifiers.
const QUERIES: [&str; 12] = [
    "a",
    "ceasefire",
    "'red line",
    "kyiv",
    "Kiev",
    "^neu",
    "!talks ceasefire",
    "guarantors | security",
    "party:ru",
    "stance:red-line neutral",
    "date:>=2022-03-20 -is:reported",
    "issue:crimea source:kommersant",
];

/// The search index of a dataset.
fn index_of(ds: &crate::model::Dataset) -> Arc<SearchIndex> {
    Arc::new(SearchIndex::new(ds, &crate::model::DatasetIndex::new(ds)))
}

/// A dataset loaded through the cache, with its index kept.
fn kept(s: &Setup) -> (Cache, Arc<SearchIndex>) {
    s.age();
    let cache = s.cache();
    let loaded = load(&cache, &s.dataset);
    let index = index_of(&loaded.dataset.expect("a dataset"));
    cache.keep_search_index(&s.dataset, &index);
    cache.finish();
    (cache, index)
}

/// Every entry as text: item, id, context, and each field's name, place,
/// weight and three forms.
fn entries(index: &SearchIndex) -> Vec<String> {
    (0..index.len())
        .map(|i| {
            let e = index.entry_at(i).expect("an entry");
            let fields: Vec<String> = e
                .fields()
                .map(|f| {
                    format!(
                        "{} {:?} {} {} {:?} {:?} {:?}",
                        f.name(),
                        f.chars(),
                        f.boost(),
                        f.shown(),
                        e.field_text(&f),
                        e.folded(&f),
                        e.lower(&f)
                    )
                })
                .collect();
            format!(
                "{:?} {} {} {} | {}",
                e.item,
                e.id(),
                e.context(),
                e.primary_len(),
                fields.join(" | ")
            )
        })
        .collect()
}

/// What a query finds, best first, or its error.
fn found(index: &SearchIndex, query: &str) -> Result<Vec<(String, i64)>, String> {
    let q = index.query(query, None).map_err(|e| e.to_string())?;
    let hits = Matcher::default()
        .search(index, &q, None, &|| false)
        .expect("not cancelled");
    Ok(hits
        .into_iter()
        .map(|h| {
            let e = index.entry(h.item).expect("an entry");
            (e.id().to_string(), h.score)
        })
        .collect())
}

#[test]
fn a_kept_index_is_the_index_built_from_the_dataset() {
    for fixture in FIXTURES {
        let s = Setup::new(fixture);
        let (cache, built) = kept(&s);
        let built = &*built;
        let read = cache.search_index(&s.dataset, true).expect("kept");
        assert!(built.len() > 10, "{fixture}");
        assert_eq!(entries(&read), entries(built), "{fixture}");
        let plain = cache.search_index(&s.dataset, false).expect("kept");
        for query in QUERIES {
            let want = found(built, query);
            assert_eq!(found(&read, query), want, "{fixture}: {query}");
            if !crate::search::facet::parse::parse(query).has_clauses() {
                assert_eq!(found(&plain, query), want, "{fixture}: {query}");
            }
        }
    }
}

#[test]
fn some_queries_find_something() {
    // The comparison above means something only if the queries match.
    let s = Setup::new("assets/ru-ua-2022-03.ron");
    let (cache, _) = kept(&s);
    let read = cache.search_index(&s.dataset, true).expect("kept");
    for query in [
        "ceasefire",
        "kyiv",
        "party:ru",
        "stance:red-line",
        "is:reported",
    ] {
        let hits = found(&read, query).expect("valid");
        assert!(!hits.is_empty(), "{query} finds something");
    }
}

#[test]
fn an_index_is_kept_only_for_a_cached_load() {
    let s = Setup::minimal();
    let (_, index) = kept(&s);
    assert_eq!(s.entries().len(), 2, "the load and its index");
    assert!(
        s.entries()
            .iter()
            .any(|p| p.to_string_lossy().ends_with(&format!(".search{SUFFIX}")))
    );
    // A dataset the cache has not loaded gets no index.
    let other = Setup::minimal();
    let fresh = other.cache();
    fresh.keep_search_index(&other.dataset, &index);
    fresh.finish();
    assert!(other.entries().is_empty());
}

#[test]
fn a_changed_source_or_dataset_retires_the_index() {
    let s = Setup::minimal();
    let (cache, _) = kept(&s);
    assert!(cache.search_index(&s.dataset, false).is_some());
    let source = s.source("talks.txt");
    let mut text = fs::read_to_string(&source).expect("source");
    text.push_str("\nA line added.\n");
    fs::write(&source, text).expect("write");
    assert!(cache.search_index(&s.dataset, false).is_none(), "source");

    let s = Setup::new("tests/fixtures/good/rivers.ron");
    let (cache, _) = kept(&s);
    let mut text = fs::read_to_string(&s.dataset).expect("dataset");
    text.push('\n');
    fs::write(&s.dataset, text).expect("write");
    assert!(cache.search_index(&s.dataset, true).is_none(), "dataset");
}

#[test]
fn a_spoiled_index_file_is_refused_and_written_again() {
    let s = Setup::new("tests/fixtures/good/rivers.ron");
    let (cache, index) = kept(&s);
    let file = index_file::path_for(&s.dir.path().join("cache").join(entry_name(&s.dataset)));
    let sound = fs::read(&file).expect("index file");
    // A flipped byte in the head, the tables, the facets and the strings;
    // then a cut.
    for at in [20, sound.len() / 3, sound.len() / 2, sound.len() - 3] {
        let mut spoiled = sound.clone();
        spoiled[at] ^= 0x20;
        fs::write(&file, &spoiled).expect("write");
        assert!(
            cache.search_index(&s.dataset, true).is_none(),
            "flip at {at}"
        );
    }
    fs::write(&file, &sound[..sound.len() - 1]).expect("write");
    assert!(cache.search_index(&s.dataset, false).is_none(), "cut");
    cache.keep_search_index(&s.dataset, &index);
    cache.finish();
    assert!(cache.search_index(&s.dataset, true).is_some(), "rewritten");
}

/// A load the cache did not keep (the dataset now has an error) leaves no
/// content key behind: an index built from it must not be kept as the
/// index of the version before, which the files may come back to.
#[test]
fn no_index_is_kept_for_a_load_the_cache_did_not_keep() {
    let s = Setup::new("tests/fixtures/good/rivers.ron");
    let (cache, _) = kept(&s);
    let file = index_file::path_for(&s.dir.path().join("cache").join(entry_name(&s.dataset)));
    let sound = fs::read(&file).expect("index file");
    let good = fs::read_to_string(&s.dataset).expect("dataset");
    let broken = good.replacen(
        "issues: [",
        "issues: [\n        Issue(id: \"x\", title: \"X\", status: Open, parent: \"nowhere\"),",
        1,
    );
    assert_ne!(broken, good);
    fs::write(&s.dataset, &broken).expect("write");
    let loaded = load(&cache, &s.dataset);
    assert!(loaded.has_errors(), "the edit is an error");
    assert!(!cache.has_search_index(&s.dataset));
    let built = index_of(loaded.dataset.as_ref().expect("a dataset"));
    cache.keep_search_index(&s.dataset, &built);
    cache.finish();
    assert_eq!(
        fs::read(&file).expect("index file"),
        sound,
        "left as it was"
    );
}

/// The index of the dataset parley bundles, read from its file.
fn bundled() -> Arc<SearchIndex> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ru-ua-2022-03.ron");
    let loaded = crate::model::load_path(&path).expect("readable");
    index_of(&loaded.dataset.expect("a dataset"))
}

/// A sound index's parts, for the fuzzing below.
fn sound_parts() -> (Vec<u8>, Vec<u8>, String) {
    let index = bundled();
    let index = &*index;
    (
        snapshot::tables(index).expect("tables"),
        snapshot::facets(index).expect("facets"),
        String::from_utf8(snapshot::strings(index).concat()).expect("text"),
    )
}

/// Runs every sort of query on an index that decoded: none may panic.
fn exercise(index: &SearchIndex) {
    for query in QUERIES {
        let _ = found(index, query);
    }
    for i in 0..index.len() {
        if let Some(e) = index.entry_at(i) {
            let m = Matcher::default();
            let q = crate::search::Query::parse("a e");
            let p = m.positions(&e, &q);
            let f = e.field_at(&p);
            let _ = (e.field_text(&f), e.joined(), f.chars());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_decode_without_panic(
        tables in proptest::collection::vec(any::<u8>(), 0..2048),
        facets in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        if let Some(index) = snapshot::decode(&tables, Some(&facets), String::new()) {
            exercise(&index);
        }
    }

    #[test]
    fn spoiled_parts_decode_without_panic(
        part in 0usize..3,
        flips in proptest::collection::vec((0.0f64..1.0, 0u8..8), 1..8),
    ) {
        thread_local!(static SOUND: (Vec<u8>, Vec<u8>, String) = sound_parts());
        SOUND.with(|(tables, facets, strings)| {
            let (mut tables, mut facets, mut strings) =
                (tables.clone(), facets.clone(), strings.clone().into_bytes());
            let bytes = match part {
                0 => &mut tables,
                1 => &mut facets,
                _ => &mut strings,
            };
            for &(at, bit) in &flips {
                let at = ((bytes.len() - 1) as f64 * at) as usize;
                bytes[at] ^= 1 << bit;
            }
            // Checksums are left out: decoding proper must refuse or hold.
            if let Ok(strings) = String::from_utf8(strings)
                && let Some(index) = snapshot::decode(&tables, Some(&facets), strings)
            {
                exercise(&index);
            }
        });
    }
}

#[test]
fn sound_parts_decode() {
    let (tables, facets, strings) = sound_parts();
    let index = snapshot::decode(&tables, Some(&facets), strings.clone()).expect("sound");
    assert_eq!(entries(&index), entries(&bundled()));
    assert!(snapshot::decode(&tables[..tables.len() - 1], None, strings).is_none());
}
