//! Start-up cost at 1k, 10k and 100k quotes: loading and validating a
//! dataset (`load_path`: RON, source files, references, quote anchoring),
//! then preparing it for the browser (`Prepared::new`: cleaning, indexes and fingerprints).
//!
//! The datasets come from `examples/synth.rs`, generated once into
//! `target/bench-data/QUOTES/`. Ten samples each; the 100k load alone
//! takes about a minute.

// What the binary allocates with, so the benches time what it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use criterion::{criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

const SEED: u64 = 1;
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for quotes in SIZES {
        let path = synth::cached(quotes, SEED).expect("bench data is generated");
        // Checked once, untimed: timing a failing load would mean nothing.
        let start = Instant::now();
        let loaded = parley::model::load_path(&path).expect("bench dataset is readable");
        let one = start.elapsed();
        assert_eq!(loaded.error_count(), 0, "{} has errors", path.display());
        let ds = loaded.into_valid().expect("bench dataset is valid");
        // Enough time for ten samples, so criterion does not warn.
        group.measurement_time((one * 12).max(Duration::from_secs(5)));
        group.throughput(Throughput::Elements(quotes as u64));

        group.bench_with_input(BenchmarkId::new("load_path", quotes), &path, |b, path| {
            b.iter(|| parley::model::load_path(black_box(path)).expect("bench dataset is readable"))
        });
        group.bench_with_input(BenchmarkId::new("prepare", quotes), &ds, |b, ds| {
            b.iter_batched(
                || ds.clone(),
                parley::prepared::Prepared::new,
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
