//! The load cache from the command line: a second run answers from the
//! cache with the same output, `--no-cache` leaves it alone, and `parley
//! cache` shows and clears it.

mod common;

use std::path::Path;
use std::process::Output;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp folder"),
        }
    }

    fn cache(&self) -> std::path::PathBuf {
        self.dir.path().join("cache")
    }

    fn run(&self, args: &[&str]) -> Output {
        common::parley()
            .args(args)
            .env("XDG_CACHE_HOME", self.cache())
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("NO_COLOR", "1")
            .output()
            .expect("parley runs")
    }

    fn entries(&self) -> usize {
        common::cache_files(&self.cache(), ".parley-cache").len()
    }
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The bundled dataset as files, which has warnings to render.
fn bundled_files() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/ru-ua-2022-03.ron")
        .display()
        .to_string()
}

#[test]
fn a_second_run_says_the_same_from_the_cache() {
    let home = Home::new();
    let data = bundled_files();
    let uncached = home.run(&["validate", "--no-cache", &data]);
    assert_eq!(home.entries(), 0, "--no-cache writes nothing");
    let first = home.run(&["validate", &data]);
    assert_eq!(home.entries(), 1, "the load is cached");
    let second = home.run(&["validate", &data]);
    let json = home.run(&["validate", "--json", &data]);
    let json_uncached = home.run(&["validate", "--json", "--no-cache", &data]);
    for out in [&first, &second] {
        assert_eq!(text(out), text(&uncached));
        assert_eq!(out.status.code(), uncached.status.code());
    }
    assert!(text(&second).contains("2 warnings"), "{}", text(&second));
    assert_eq!(text(&json), text(&json_uncached));
    for query in ["neutral", "ceasefire status", "xqzj"] {
        let cached = home.run(&["search", query, &data, "--limit", "50"]);
        let cold = home.run(&["search", query, &data, "--limit", "50", "--no-cache"]);
        assert_eq!(text(&cached), text(&cold), "{query}");
        assert_eq!(cached.status.code(), cold.status.code());
    }
}

#[test]
fn cache_shows_and_clears() {
    let home = Home::new();
    let path = home.run(&["cache", "path"]);
    assert!(path.status.success());
    assert_eq!(
        text(&path).trim_end(),
        home.cache().join("parley").display().to_string()
    );
    let empty = home.run(&["cache", "info"]);
    assert!(text(&empty).contains("entries: 0"), "{}", text(&empty));
    let minimal = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good/minimal.ron"
    );
    assert!(home.run(&["validate", minimal]).status.success());
    assert!(home.run(&["validate", &bundled_files()]).status.success());
    let info = home.run(&["cache", "info"]);
    assert!(text(&info).contains("entries: 2"), "{}", text(&info));
    assert!(text(&info).contains("cap: 1024 MiB"), "{}", text(&info));
    let cleared = home.run(&["cache", "clear"]);
    assert!(cleared.status.success());
    assert!(
        text(&cleared).starts_with("removed 2 entries"),
        "{}",
        text(&cleared)
    );
    assert_eq!(home.entries(), 0);
}

#[test]
fn a_dataset_with_errors_is_not_cached() {
    let home = Home::new();
    let bad = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bad/unknown-reference.ron"
    );
    let first = home.run(&["validate", bad]);
    let second = home.run(&["validate", bad]);
    assert_eq!(first.status.code(), Some(1));
    assert_eq!(text(&first), text(&second));
    assert_eq!(home.entries(), 0);
}

/// The matcher finds the same items with the same scores and highlights in
/// a load from the cache as in one from the files.
#[test]
fn search_finds_the_same_in_a_hit() {
    use parley::cache::Cache;
    use parley::prepared::Prepared;
    use parley::search::Query;
    let home = Home::new();
    let data = bundled_files();
    let cache = Cache::new(Some(home.cache()));
    let cold = cache.load_path(Path::new(&data)).expect("readable");
    cache.finish();
    let cold = Prepared::new(cold.into_valid().expect("valid"));
    let hit = cache.cached(Path::new(&data)).expect("a hit");
    let hit = Prepared::new(hit.into_valid().expect("valid"));
    for query in [
        "a",
        "neu",
        "neutral",
        "secgrnt",
        "ceasefire status",
        "xqzj",
        "'Kyiv !Moscow",
    ] {
        let q = Query::parse(query);
        let found = |p: &Prepared| {
            let hits = p.matcher.search(p.search(), &q, None, &|| false);
            hits.unwrap_or_default()
                .iter()
                .map(|h| {
                    let e = p.search().entry(h.item).expect("entry");
                    (
                        p.id(h.item).to_string(),
                        h.score,
                        p.matcher.positions(&e, &q),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(found(&hit), found(&cold), "{query}");
    }
}

/// The cache files whose names end in `suffix`.
fn cache_files(home: &Home, suffix: &str) -> Vec<std::path::PathBuf> {
    common::cache_files(&home.cache(), suffix)
}

/// Flips a byte in the middle of a file.
/// Flips the bits of one byte of `file`, `from_end` bytes before its end.
fn spoil(file: &Path, from_end: impl Fn(usize) -> usize) -> Vec<u8> {
    let mut bytes = std::fs::read(file).expect("readable");
    let at = bytes.len() - from_end(bytes.len());
    bytes[at] ^= 0x55;
    std::fs::write(file, &bytes).expect("writable");
    bytes
}

#[test]
fn a_warm_search_answers_from_the_kept_index() {
    let home = Home::new();
    let data = bundled_files();
    assert!(home.run(&["search", "ceasefire", &data]).status.success());
    assert_eq!(home.entries(), 2, "the load and its search index");
    let index = cache_files(&home, ".search.parley-cache");
    assert_eq!(index.len(), 1);
    // The index alone answers: a load entry spoiled past its header is
    // never read by a search.
    let load = cache_files(&home, ".parley-cache")
        .into_iter()
        .find(|p| !index.contains(p))
        .expect("the load entry");
    let spoiled_load = spoil(&load, |len| len / 2);
    let queries = [
        "neutral",
        "kyiv",
        "'red line",
        "xqzj",
        "party:ru stance:red-line",
        "issue:crimea",
        "is:reported ceasefire",
    ];
    let mut found = 0;
    for query in queries {
        for extra in [&[][..], &["--json"], &["--facets"], &["--kind", "quote"]] {
            let mut args = vec!["search", query, &data];
            args.extend_from_slice(extra);
            let warm = home.run(&args);
            args.push("--no-cache");
            let cold = home.run(&args);
            assert_eq!(text(&warm), text(&cold), "{query} {extra:?}");
            assert_eq!(warm.status.code(), cold.status.code(), "{query} {extra:?}");
            found += usize::from(warm.status.success());
        }
    }
    assert!(found >= 16, "most queries find something: {found}");
    assert!(
        std::fs::read(&load).expect("still there") == spoiled_load,
        "no search needed the load: it would have been rebuilt"
    );
    // A spoiled index is not believed: the search loads the files, says
    // the same, and keeps a sound index again.
    // In the strings, which come last and which every search reads.
    let spoiled = spoil(&index[0], |_| 2);
    let warm = home.run(&["search", "neutral", &data]);
    let cold = home.run(&["search", "neutral", &data, "--no-cache"]);
    assert_eq!(text(&warm), text(&cold));
    let rewritten = std::fs::read(&index[0]).expect("kept again");
    assert_ne!(rewritten, spoiled, "written again");
}
