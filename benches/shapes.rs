//! Loading must grow with the size of a dataset, never with its shape. Each
//! group times datasets of the same size that differ only in shape; within
//! a group the times should stay close (within 3× of each other):
//!
//! - `quotes`: 20,000 quotes in one source, or spread over 500 sources;
//! - `missing`: the same with 2,000 mistyped quotes, so every quote takes
//!   the "closest passage" path;
//! - `issues`: 5,000 issues in one parent chain, flat under one root, or in
//!   one parent cycle;
//! - `references`: 5,000 unknown references among 20,000 quotes, all in
//!   one position's list or one in each of 5,000 positions;
//! - `warnings`: 8,000 warnings loaded and rendered for a person or as
//!   JSON (and each rendering alone);
//! - `links`: the dataset index of 40,000 positions that each link an
//!   issue, all the same one or spread over 200.
//!
//! The datasets are written as RON under `target/bench-data/shapes/` on
//! every run (generating them takes well under a second).

// What the binary allocates with, so the benches time what it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const QUOTES: usize = 20_000;
const MISSING: usize = 2_000;
const QUOTES_PER_SOURCE: usize = 40;
const ISSUES: usize = 5_000;
const WARNINGS: usize = 8_000;
const UNKNOWN: usize = 5_000;
const LINKED: usize = 40_000;
const LINK_ISSUES: usize = 200;

const WORDS: &[&str] = &[
    "ceasefire",
    "truce",
    "corridor",
    "exchange",
    "guarantee",
    "withdrawal",
    "referendum",
    "Gdańsk",
    "Ödemiş",
    "commission",
    "timetable",
    "amnesty",
    "roadmap",
    "protocol",
    "monitoring",
    "sanctions",
];

/// splitmix64: deterministic data without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (((z ^ (z >> 31)) as u128 * n as u128) >> 64) as usize
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data/shapes")
        .join(name)
}

/// The parts every dataset needs, around the given sections.
fn dataset(sources: &str, issues: &str, quotes: &str, positions: &str) -> String {
    format!(
        "Dataset(\n    format: 1,\n    id: \"shapes\",\n    title: \"Shapes\",\n    \
         sources: [\n{sources}    ],\n    parties: [\n        Party(id: \"p\", name: \"P\", role: Principal),\n    ],\n    \
         issues: [\n{issues}    ],\n    quotes: [\n{quotes}    ],\n    positions: [\n{positions}    ],\n)\n"
    )
}

/// One list item a line, for each `i` in `0..count`.
fn lines(count: usize, item: impl Fn(usize) -> String) -> String {
    (0..count)
        .map(|i| format!("        {},\n", item(i)))
        .collect()
}

/// The one source, issue and quote of datasets whose shape is elsewhere.
const ONE_SOURCE: &str = "        Source(id: \"s0\", title: \"S\", text: \"The envoy spoke.\"),\n";
const ONE_ISSUE: &str = "        Issue(id: \"i0\", title: \"I\", status: Open),\n";
const ONE_QUOTE: &str = "        Quote(id: \"q0\", source: \"s0\", text: \"The envoy spoke.\"),\n";

fn write(name: &str, ron: &str, sources: &[String]) -> PathBuf {
    let dir = dir(name);
    // Stale source files from another size must not linger.
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("sources")).expect("bench data folder");
    for (i, text) in sources.iter().enumerate() {
        fs::write(dir.join(format!("sources/s{i}.txt")), text).expect("source written");
    }
    let path = dir.join("dataset.ron");
    fs::write(&path, ron).expect("dataset written");
    path
}

/// `quotes` quotes, `per_source` to a source. Sources use typographic
/// apostrophes, dashes and line breaks, so anchoring has to fold; every
/// tenth quote is elided. With `typo`, each quote has one letter wrong.
fn quotes_dataset(name: &str, quotes: usize, per_source: usize, typo: bool) -> PathBuf {
    let mut rng = Rng(7);
    let n_sources = quotes.div_ceil(per_source);
    let mut texts = vec![String::new(); n_sources];
    let ron_sources = lines(n_sources, |s| {
        format!("Source(id: \"s{s}\", title: \"Source {s}\", path: \"sources/s{s}.txt\")")
    });
    let mut ron_quotes = String::new();
    for q in 0..quotes {
        let s = q / per_source;
        let (a, b, c) = (rng.words(6), rng.words(5), rng.words(8));
        let filler = rng.words(12);
        write!(
            texts[s],
            "{filler}. The delegation’s reply no. {q} – {a} –\n{b}, said the envoy; {c}.\n\n"
        )
        .expect("write to String");
        let mut text = if q % 10 == 0 {
            format!("delegation's reply no. {q} - {a} ... {c}")
        } else {
            format!("delegation's reply no. {q} - {a} - {b}, said the envoy")
        };
        if typo {
            text = text.replacen("delegation", "delegatoin", 1);
        }
        writeln!(
            ron_quotes,
            "        Quote(id: \"q{q}\", source: \"s{s}\", text: \"{text}\"),"
        )
        .expect("write to String");
    }
    let ron = dataset(
        &ron_sources,
        ONE_ISSUE,
        &ron_quotes,
        "        Position(id: \"pos\", party: \"p\", issue: \"i0\", stance: Demands, summary: \"x\", quotes: [\"q0\"]),\n",
    );
    write(name, &ron, &texts)
}

#[derive(Clone, Copy)]
enum Tree {
    Chain,
    Flat,
    Cycle,
}

/// `n` issues and `n` positions. A chain or a cycle puts every position on
/// its last issue, so every other issue is held only through its children.
fn issues_dataset(name: &str, n: usize, tree: Tree) -> PathBuf {
    let issues = lines(n, |i| {
        let parent = match tree {
            Tree::Chain if i > 0 => format!(", parent: \"i{}\"", i - 1),
            Tree::Flat if i > 0 => ", parent: \"i0\"".to_string(),
            Tree::Cycle => format!(", parent: \"i{}\"", (i + n - 1) % n),
            _ => String::new(),
        };
        format!("Issue(id: \"i{i}\", title: \"Issue {i}\", status: Open{parent})")
    });
    let positions = lines(n, |i| {
        let on = match tree {
            Tree::Flat => i,
            Tree::Chain | Tree::Cycle => n - 1,
        };
        format!(
            "Position(id: \"pos{i}\", party: \"p\", issue: \"i{on}\", stance: Demands, summary: \"x\", quotes: [\"q0\"])"
        )
    });
    write(
        name,
        &dataset(ONE_SOURCE, &issues, ONE_QUOTE, &positions),
        &[],
    )
}

/// `n` positions without quotes: one warning each.
fn warnings_dataset(name: &str, n: usize) -> PathBuf {
    let positions = lines(n, |i| {
        format!(
            "Position(id: \"pos{i}\", party: \"p\", issue: \"i0\", stance: Demands, summary: \"x\", quotes: [])"
        )
    });
    write(
        name,
        &dataset(ONE_SOURCE, ONE_ISSUE, ONE_QUOTE, &positions),
        &[],
    )
}

fn load(path: &Path) -> parley::model::Loaded {
    parley::model::load_path(path).expect("bench dataset is readable")
}

fn group<'c>(
    c: &'c mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    g
}

fn quotes(c: &mut Criterion) {
    for (label, n, typo) in [("quotes", QUOTES, false), ("missing", MISSING, true)] {
        let one = quotes_dataset(&format!("{label}-one-source"), n, n, typo);
        let spread = quotes_dataset(&format!("{label}-spread"), n, QUOTES_PER_SOURCE, typo);
        let loaded = load(&one);
        let errors = loaded.error_count();
        assert_eq!(
            errors,
            if typo { n } else { 0 },
            "{label}: {:?}",
            loaded.diagnostics.first()
        );
        assert_eq!(load(&spread).error_count(), errors);
        let mut g = group(c, label);
        for (shape, path) in [("one-source", &one), ("spread", &spread)] {
            g.bench_with_input(BenchmarkId::new(shape, n), path, |b, p| {
                b.iter(|| load(black_box(p)))
            });
        }
        g.finish();
    }
}

fn issues(c: &mut Criterion) {
    let mut g = group(c, "issues");
    for (shape, tree) in [
        ("flat", Tree::Flat),
        ("chain", Tree::Chain),
        ("cycle", Tree::Cycle),
    ] {
        let path = issues_dataset(shape, ISSUES, tree);
        let loaded = load(&path);
        let expected = usize::from(matches!(tree, Tree::Cycle));
        assert_eq!(
            loaded.diagnostics.len(),
            expected,
            "{shape}: {:?}",
            loaded.diagnostics.first()
        );
        g.bench_with_input(BenchmarkId::new(shape, ISSUES), &path, |b, p| {
            b.iter(|| load(black_box(p)))
        });
    }
    g.finish();
}

/// `QUOTES` quotes and `unknown` positions, each citing one quote; as
/// many references to unknown quotes, all in the first position's list
/// (`in_one`) or one in each position.
fn references_dataset(name: &str, unknown: usize, in_one: bool) -> PathBuf {
    let quotes = lines(QUOTES, |q| {
        format!("Quote(id: \"quote-{q}\", source: \"s0\", text: \"The envoy spoke.\")")
    });
    let typo = |i: usize| format!("\"qoute-{i}x\"");
    let positions = lines(unknown, |i| {
        let extra: String = match (in_one, i) {
            (true, 0) => (0..unknown).map(|k| format!(", {}", typo(k))).collect(),
            (true, _) => String::new(),
            (false, _) => format!(", {}", typo(i)),
        };
        format!(
            "Position(id: \"pos{i}\", party: \"p\", issue: \"i0\", stance: Demands, summary: \"x\", quotes: [\"quote-{i}\"{extra}])"
        )
    });
    write(
        name,
        &dataset(ONE_SOURCE, ONE_ISSUE, &quotes, &positions),
        &[],
    )
}

fn references(c: &mut Criterion) {
    let mut g = group(c, "references");
    for (shape, in_one) in [("in-one-list", true), ("spread", false)] {
        let path = references_dataset(&format!("references-{shape}"), UNKNOWN, in_one);
        assert_eq!(load(&path).error_count(), UNKNOWN, "{shape}");
        g.bench_with_input(BenchmarkId::new(shape, UNKNOWN), &path, |b, p| {
            b.iter(|| load(black_box(p)))
        });
    }
    g.finish();
}

/// As `parley validate` does: load, then report for a person or as JSON.
/// Rendering alone is timed too: a snippet costs far more than a JSON
/// object, but both must grow with the number of warnings only.
fn warnings(c: &mut Criterion) {
    let path = warnings_dataset("warnings", WARNINGS);
    let loaded = load(&path);
    assert_eq!(loaded.diagnostics.len(), WARNINGS);
    let human = |loaded: &parley::model::Loaded| {
        parley::model::diagnostic::render(&loaded.diagnostics, &loaded.files, false)
    };
    let json = |loaded: &parley::model::Loaded| {
        serde_json::to_string(&loaded.diagnostics).expect("diagnostics serialise")
    };
    let mut g = group(c, "warnings");
    g.bench_function(BenchmarkId::new("human", WARNINGS), |b| {
        b.iter(|| human(&load(black_box(&path))))
    });
    g.bench_function(BenchmarkId::new("json", WARNINGS), |b| {
        b.iter(|| json(&load(black_box(&path))))
    });
    g.bench_function(BenchmarkId::new("render-only", WARNINGS), |b| {
        b.iter(|| human(black_box(&loaded)))
    });
    g.bench_function(BenchmarkId::new("json-only", WARNINGS), |b| {
        b.iter(|| json(black_box(&loaded)))
    });
    g.finish();
}

/// `LINKED` positions on issues 1 to 199, each linking issue 0
/// (`one_issue`) or the issue after its own.
fn links_dataset(name: &str, one_issue: bool) -> PathBuf {
    let issues = lines(LINK_ISSUES, |i| {
        format!("Issue(id: \"i{i}\", title: \"Issue {i}\", status: Open)")
    });
    let positions = lines(LINKED, |i| {
        let on = 1 + i % (LINK_ISSUES - 1);
        let linked = if one_issue { 0 } else { (on + 1) % LINK_ISSUES };
        format!(
            "Position(id: \"pos{i}\", party: \"p\", issue: \"i{on}\", stance: Demands, summary: \"x\", quotes: [\"q0\"], links: [Link(kind: ConditionalOn, issue: \"i{linked}\")])"
        )
    });
    write(
        name,
        &dataset(ONE_SOURCE, &issues, ONE_QUOTE, &positions),
        &[],
    )
}

/// The index the browser builds over a loaded dataset lists the positions
/// linking each issue: one issue linked by every position must cost what
/// links spread over many do.
fn links(c: &mut Criterion) {
    let mut g = group(c, "links");
    for (shape, one_issue) in [("one-issue", true), ("spread", false)] {
        let path = links_dataset(&format!("links-{shape}"), one_issue);
        let loaded = load(&path);
        assert_eq!(
            loaded.error_count(),
            0,
            "{shape}: {:?}",
            loaded.diagnostics.first()
        );
        let ds = loaded.into_valid().expect("links dataset is valid");
        let ix = parley::model::DatasetIndex::new(&ds);
        let linking = |k: usize| ix.linked_from.raw.get(k).map_or(0, Vec::len);
        if one_issue {
            assert_eq!(linking(0), LINKED, "{shape}");
        } else {
            assert_eq!((0..LINK_ISSUES).map(linking).sum::<usize>(), LINKED);
        }
        g.bench_with_input(BenchmarkId::new(shape, LINKED), &ds, |b, ds| {
            b.iter(|| parley::model::DatasetIndex::new(black_box(ds)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    // A slow shape runs a single sample in quick mode, and criterion's plots
    // cannot be drawn from one sample (they panic).
    config = Criterion::default().without_plots();
    targets = quotes, issues, references, warnings, links
}
criterion_main!(benches);
