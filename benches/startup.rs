//! What a command pays before it can answer, at 1k, 10k and 100k quotes:
//!
//! - `cold`: loading from the files with no cache (RON, sources,
//!   validation, anchoring), as `--no-cache` does;
//! - `cold+write`: the same into an empty cache folder, with the entry
//!   encoded and written (what the first run after a change pays);
//! - `warm`: a cache hit: stamps checked, the entry read and decoded;
//! - `first_frame`: a cache hit, the dataset prepared for the browser and
//!   its first frame drawn on a 120×40 `TestBackend` (the search index is
//!   not built: the first frame does not need it);
//! - `search_index`: building the search index of a prepared dataset, which
//!   the palette needs on top of `warm` when the cache does not keep it;
//! - `index_read`: reading the index the cache keeps beside the load, with
//!   its facets (what the browser does), and `index_read_plain`: without
//!   them (what a warm `parley search` without qualifiers does, instead of
//!   `warm` and `search_index`).
//!
//! The datasets come from `examples/synth.rs` under `target/bench-data/`;
//! the cache folder is `target/bench-data/cache`, never the user's.

// What the binary allocates with, so the benches time what it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use criterion::{criterion_group, criterion_main};
use parley::cache::Cache;
use parley::prepared::Prepared;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

const SEED: u64 = 1;
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn cache_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/cache")
}

fn first_frame(cache: &Cache, path: &Path) -> Terminal<TestBackend> {
    let ds = cache
        .cached(path)
        .expect("a hit")
        .into_valid()
        .expect("valid");
    let state = parley::app::State::new(Arc::new(Prepared::new(ds)), 120, 40, true);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("TestBackend");
    terminal
        .draw(|f| parley::ui::render(f, &state))
        .expect("TestBackend draws");
    terminal
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for quotes in SIZES {
        let path = synth::cached(quotes, SEED).expect("bench data is generated");
        let cache = Cache::new(Some(cache_dir()));
        // Checked once, untimed: the cache must hold it and answer as the
        // files do.
        let start = Instant::now();
        let cold = cache.load_path(&path).expect("readable");
        let one = start.elapsed();
        cache.finish();
        assert_eq!(cold.error_count(), 0, "{} has errors", path.display());
        assert!(cache.cached(&path).is_some(), "the load is cached");
        group.measurement_time((one * 12).max(Duration::from_secs(5)));
        group.throughput(Throughput::Elements(quotes as u64));

        let none = Cache::new(None);
        group.bench_with_input(BenchmarkId::new("cold", quotes), &path, |b, path| {
            b.iter(|| none.load_path(black_box(path)).expect("readable"))
        });
        group.bench_with_input(BenchmarkId::new("cold+write", quotes), &path, |b, path| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir_in(cache_dir()).expect("temp folder");
                    (Cache::new(Some(dir.path().to_path_buf())), dir)
                },
                |(cache, dir)| {
                    let loaded = cache.load_path(black_box(path)).expect("readable");
                    cache.finish();
                    (loaded, dir)
                },
                BatchSize::PerIteration,
            )
        });
        group.bench_with_input(BenchmarkId::new("warm", quotes), &path, |b, path| {
            b.iter(|| cache.cached(black_box(path)).expect("a hit"))
        });
        group.bench_with_input(BenchmarkId::new("first_frame", quotes), &path, |b, path| {
            b.iter(|| first_frame(&cache, black_box(path)))
        });
        let data = Prepared::new(cold.into_valid().expect("valid"));
        group.bench_with_input(
            BenchmarkId::new("search_index", quotes),
            &data,
            |b, data| b.iter(|| parley::search::SearchIndex::new(black_box(&data.ds), &data.index)),
        );
        cache.keep_search_index(&path, data.search());
        cache.finish();
        assert!(
            cache.search_index(&path, true).is_some(),
            "the index is kept"
        );
        for (name, facets) in [("index_read", true), ("index_read_plain", false)] {
            group.bench_with_input(BenchmarkId::new(name, quotes), &path, |b, path| {
                b.iter(|| cache.search_index(black_box(path), facets).expect("kept"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
