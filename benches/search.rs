//! Search cost per keystroke at 10k and 100k quotes.
//!
//! For each query, group `search/QUOTES/NAME` has:
//! - `final`: one full ranked search of the whole query;
//! - `typing/N-keys`: the N prefixes in turn, one search per keystroke,
//!   as while the query is typed (throughput is in keystrokes: the time
//!   per keystroke is the time divided by N);
//! - `positions-top40`: highlight positions of the 40 best hits, as for
//!   the rows a tall window shows.
//!
//! Queries go through `SearchIndex::query`, as the palette's do: synonyms
//! and qualifiers included. Group `facets/QUOTES` times `--facets` and the
//! filter menu's counts.
//!
//! Slow routines get ten samples and a measurement time sized to them, so
//! the 100k groups take a few minutes; filter with e.g.
//! `cargo bench --bench search -- search/10000`. Set
//! `PARLEY_BENCH_KEYSTROKES=1` to also bench every prefix on its own
//! (`key-01`, `key-02`, …) and find the slowest keystroke.

// What the binary allocates with, so the benches time what it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use parley::model::DatasetIndex;
use parley::search::facet;
use parley::search::recent::Recent;
use parley::search::{Entry, Matcher, Query, SearchIndex};
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

const SEED: u64 = 1;
const SIZES: [usize; 2] = [10_000, 100_000];
const QUERIES: [(&str, &str); 7] = [
    ("short", "tal"),
    ("long", "negotiators said the ceasefire"),
    ("multi", "kalin 'ceasefire !army"),
    ("nomatch", "zzqxj"),
    // Qualifiers alone, with text, and negated: evaluated from facts
    // prepared once per dataset.
    ("qualifiers", "party:party-1 stance:red-line"),
    ("qualified-text", "party:party-1,party-2 ceasefire"),
    ("negated", "-party:party-1 is:verbatim neutral"),
];
/// Rows a tall window shows at once.
const VISIBLE: usize = 40;

/// Sizes criterion's budget to a routine that takes `one`: slow routines
/// get ten flat samples and enough time for them, so criterion neither
/// warns nor (with `--quick`) stops after a single run.
fn fit(group: &mut BenchmarkGroup<'_, WallTime>, one: Duration) {
    if one > Duration::from_millis(20) {
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .measurement_time((one * 12).max(Duration::from_secs(5)));
    } else {
        group
            .sample_size(100)
            .sampling_mode(SamplingMode::Auto)
            .measurement_time(Duration::from_secs(5));
    }
}

/// Runs `f` once and returns how long it took.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

fn index(quotes: usize) -> SearchIndex {
    let path = synth::cached(quotes, SEED).expect("bench data is generated");
    let ds = parley::model::load_path(&path)
        .expect("bench dataset is readable")
        .into_valid()
        .expect("bench dataset is valid");
    SearchIndex::new(&ds, &DatasetIndex::new(&ds))
}

/// One full ranked search; returns the number of hits.
fn run(matcher: &Matcher, index: &SearchIndex, q: &Query) -> usize {
    matcher
        .search(index, q, None, &|| false)
        .expect("never cancelled")
        .len()
}

/// The median over the keys of `keys` of one key's search, with the
/// searches of the keys before it kept, as the worker keeps them: the
/// best of three runs of the whole sequence, key by key.
fn median_key(matcher: &Matcher, index: &SearchIndex, keys: &[&str]) -> Duration {
    let mut best = vec![Duration::MAX; keys.len()];
    for _ in 0..3 {
        let mut recent = Recent::default();
        for (k, key) in keys.iter().enumerate() {
            let start = Instant::now();
            if let Ok(q) = index.query(key, None) {
                recent.search(matcher, index, &Arc::new(q), None, &|| false);
            }
            best[k] = best[k].min(start.elapsed());
        }
    }
    best.sort_unstable();
    best.get(best.len() / 2).copied().unwrap_or_default()
}

/// What the palette searches for as `query` is typed, key by key.
fn prefixes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .map(|(i, c)| &query[..i + c.len_utf8()])
        .collect()
}

fn search(c: &mut Criterion) {
    let matcher = Matcher::default();
    let per_key = std::env::var_os("PARLEY_BENCH_KEYSTROKES").is_some();
    for quotes in SIZES {
        let index = index(quotes);
        for (name, query) in QUERIES {
            let mut group = c.benchmark_group(format!("search/{quotes}/{name}"));
            let q = index
                .query(query, None)
                .expect("the bench queries are valid");

            let final_search = || run(&matcher, &index, black_box(&q));
            fit(&mut group, time(final_search));
            group.bench_function("final", |b| b.iter(final_search));

            let keys = prefixes(query);
            let typing = || {
                keys.iter()
                    .map(|k| {
                        // A prefix may end inside a qualifier's value, as
                        // while typing; the palette then shows the error.
                        index
                            .query(black_box(k), None)
                            .map_or(0, |q| run(&matcher, &index, &q))
                    })
                    .sum::<usize>()
            };
            fit(&mut group, time(typing));
            group.throughput(Throughput::Elements(keys.len() as u64));
            group.bench_function(
                BenchmarkId::new("typing", format!("{}-keys", keys.len())),
                |b| b.iter(typing),
            );

            // As the palette's worker does: a key that adds a word searches
            // only the hits of the words before it.
            let narrowed = || {
                let mut recent = Recent::default();
                keys.iter()
                    .map(|k| {
                        index.query(black_box(k), None).map_or(0, |q| {
                            recent
                                .search(&matcher, &index, &Arc::new(q), None, &|| false)
                                .map_or(0, |h| h.len())
                        })
                    })
                    .sum::<usize>()
            };
            fit(&mut group, time(narrowed));
            group.bench_function(
                BenchmarkId::new("typing-narrowed", format!("{}-keys", keys.len())),
                |b| b.iter(narrowed),
            );
            eprintln!(
                "search/{quotes}/{name}: median keystroke, narrowed: {:.1} ms",
                median_key(&matcher, &index, &keys).as_secs_f64() * 1000.0
            );

            let hits = matcher
                .search(&index, &q, None, &|| false)
                .expect("never cancelled");
            let top: Vec<Entry> = hits
                .iter()
                .take(VISIBLE)
                .filter_map(|h| index.entry(h.item))
                .collect();
            let highlight = || {
                top.iter()
                    .map(|e| matcher.positions(e, black_box(&q)).len())
                    .sum::<usize>()
            };
            fit(&mut group, time(highlight));
            group.throughput(Throughput::Elements(top.len().max(1) as u64));
            group.bench_function("positions-top40", |b| b.iter(highlight));

            if per_key {
                group.throughput(Throughput::Elements(1));
                for (n, k) in keys.iter().enumerate() {
                    let Ok(q) = index.query(k, None) else {
                        continue;
                    };
                    let one_key = || run(&matcher, &index, black_box(&q));
                    fit(&mut group, time(one_key));
                    group.bench_function(format!("key-{:02}", n + 1), |b| b.iter(one_key));
                }
            }
            group.finish();
        }
    }
}

/// Counts of every facet's values over all positions, under a chip: what
/// the filter menu computes when it opens and after each choice.
fn facets(c: &mut Criterion) {
    for quotes in SIZES {
        let index = index(quotes);
        let mut group = c.benchmark_group(format!("facets/{quotes}"));
        let positions: Vec<usize> = (0..index.len())
            .filter(|&e| {
                index
                    .entry_at(e)
                    .is_some_and(|e| e.kind() == parley::model::Kind::Position)
            })
            .collect();
        for (name, query) in [("none", ""), ("one-chip", "stance:red-line")] {
            let q = index.query(query, None).expect("valid");
            let count = || facet::counts::count(&index, black_box(&q), &positions).len();
            fit(&mut group, time(count));
            group.bench_function(name, |b| b.iter(count));
        }
        group.finish();
    }
}

criterion_group!(benches, search, facets);
criterion_main!(benches);
