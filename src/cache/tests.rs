use super::*;
use crate::model::diagnostic::render;
use proptest::prelude::*;
use std::fs;
use std::time::{Duration, SystemTime};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A dataset and its sources copied into a folder of their own, with a
/// cache folder beside them.
pub(super) struct Setup {
    pub(super) dir: tempfile::TempDir,
    pub(super) dataset: PathBuf,
}

impl Setup {
    /// `from` is a dataset file whose sources lie under `sources/`.
    pub(super) fn new(from: &str) -> Setup {
        let dir = tempfile::tempdir().expect("temp folder");
        let from = Path::new(ROOT).join(from);
        let dataset = dir.path().join("data/set.ron");
        fs::create_dir_all(dir.path().join("data/sources")).expect("folders");
        fs::copy(&from, &dataset).expect("copy dataset");
        let sources = from.parent().expect("parent").join("sources");
        for e in fs::read_dir(sources).expect("sources") {
            let e = e.expect("entry");
            fs::copy(
                e.path(),
                dir.path().join("data/sources").join(e.file_name()),
            )
            .expect("copy source");
        }
        Setup { dir, dataset }
    }

    pub(super) fn minimal() -> Setup {
        Setup::new("tests/fixtures/good/minimal.ron")
    }

    pub(super) fn cache(&self) -> Cache {
        Cache::new(Some(self.dir.path().join("cache")))
    }

    pub(super) fn source(&self, name: &str) -> PathBuf {
        self.dataset.with_file_name("sources").join(name)
    }

    /// Dates every file an hour back, so their stamps are trusted.
    pub(super) fn age(&self) {
        let old = SystemTime::now() - Duration::from_secs(3600);
        let mut files = vec![self.dataset.clone()];
        for e in fs::read_dir(self.dataset.with_file_name("sources")).expect("sources") {
            files.push(e.expect("entry").path());
        }
        for f in files {
            let file = fs::File::options().write(true).open(&f).expect("open");
            file.set_modified(old).expect("set time");
        }
    }

    /// The size of the dataset's entry, which is written once to be
    /// measured and then removed.
    fn entry_size(&self) -> u64 {
        load(&self.cache(), &self.dataset);
        let entry = &self.entries()[0];
        let size = fs::metadata(entry).expect("entry").len();
        fs::remove_file(entry).expect("remove");
        size
    }

    pub(super) fn entries(&self) -> Vec<PathBuf> {
        dir::entries(&self.dir.path().join("cache"))
            .map(|e| e.into_iter().map(|e| e.path).collect())
            .unwrap_or_default()
    }
}

/// Everything a load gives, as text: the model with its anchors, and the
/// diagnostics with every field and as a person reads them.
fn shown(l: &Loaded) -> String {
    format!(
        "{}\n{:?}\n{:?}\n{}",
        l.name,
        l.dataset,
        l.diagnostics,
        render(&l.diagnostics, &l.files, false)
    )
}

/// Loads through the cache and waits for its entry to be written.
pub(super) fn load(cache: &Cache, path: &Path) -> Loaded {
    let l = cache.load_path(path).expect("readable");
    cache.finish();
    l
}

#[test]
fn a_hit_is_the_load_from_the_files() {
    for fixture in [
        "tests/fixtures/good/minimal.ron",
        "tests/fixtures/good/rivers.ron",
        // Two warnings, rendered with snippets of the dataset file.
        "assets/ru-ua-2022-03.ron",
    ] {
        let s = Setup::new(fixture);
        let cold = crate::model::load_path(&s.dataset).expect("readable");
        let cache = s.cache();
        let first = load(&cache, &s.dataset);
        assert_eq!(s.entries().len(), 1, "{fixture} cached");
        let hit = cache.cached(&s.dataset).expect("a hit");
        assert_eq!(shown(&hit), shown(&cold), "{fixture}");
        assert_eq!(shown(&first), shown(&cold), "{fixture}");
        assert!(
            hit.dataset
                .as_ref()
                .is_some_and(|d| d.quotes.iter().all(|q| !q.anchor.is_empty())),
            "{fixture}: anchors kept"
        );
    }
    let s = Setup::new("assets/ru-ua-2022-03.ron");
    let cache = s.cache();
    load(&cache, &s.dataset);
    let hit = cache.cached(&s.dataset).expect("a hit");
    assert!(!hit.diagnostics.is_empty(), "the bundled data has warnings");
    // The snippet shows the line, read from the dataset file when asked.
    assert!(render(&hit.diagnostics, &hit.files, false).contains("id: \"russian-language\","));
}

#[test]
fn stamps_alone_decide_when_they_are_trusted() {
    let s = Setup::minimal();
    s.age();
    let cache = s.cache();
    load(&cache, &s.dataset);
    let file = &s.entries()[0];
    let (header, _) = {
        let bytes = fs::read(file).expect("entry");
        let (h, p, _) = entry::split(&bytes).expect("sound");
        (h, p.len())
    };
    assert!(header.dataset.is_some(), "an aged file's stamp is kept");
    assert!(header.sources.iter().all(|(_, s)| s.is_some()));
    assert!(cache.cached(&s.dataset).is_some());
}

#[test]
fn a_changed_source_is_loaded_again() {
    let s = Setup::minimal();
    s.age();
    let cache = s.cache();
    load(&cache, &s.dataset);
    // Same length, same modification time: only the content (and the
    // change time the system keeps) differs.
    let talks = s.source("talks.txt");
    let text = fs::read_to_string(&talks).expect("source");
    let changed = text.replacen("ceasefire", "ceasefirE", 1);
    assert_ne!(text, changed);
    assert_eq!(text.len(), changed.len());
    let before = fs::metadata(&talks)
        .and_then(|m| m.modified())
        .expect("time");
    fs::write(&talks, &changed).expect("write");
    fs::File::options()
        .write(true)
        .open(&talks)
        .and_then(|f| f.set_modified(before))
        .expect("set time");
    assert!(
        cache.cached(&s.dataset).is_none(),
        "a changed source misses"
    );
    let cold = crate::model::load_path(&s.dataset).expect("readable");
    let again = load(&cache, &s.dataset);
    assert_eq!(shown(&again), shown(&cold));
    assert!(cold.has_errors(), "the changed quote is no longer found");
    // Loads with errors are not cached.
    assert!(cache.cached(&s.dataset).is_none());
    // Put back, the source is the same content again: a hit once more,
    // though its stamp changed.
    fs::write(&talks, &text).expect("write");
    load(&cache, &s.dataset);
    s.age();
    assert!(cache.cached(&s.dataset).is_some(), "content decides");
}

#[test]
fn a_changed_dataset_is_loaded_again() {
    let s = Setup::minimal();
    let cache = s.cache();
    load(&cache, &s.dataset);
    let text = fs::read_to_string(&s.dataset).expect("dataset");
    fs::write(&s.dataset, text.replacen("title: \"", "title: \"New ", 1)).expect("write");
    assert!(cache.cached(&s.dataset).is_none());
    let l = load(&cache, &s.dataset);
    assert!(l.dataset.is_some_and(|d| d.title.starts_with("New ")));
    let hit = cache.cached(&s.dataset).expect("the new one cached");
    assert!(hit.dataset.is_some_and(|d| d.title.starts_with("New ")));
    assert_eq!(s.entries().len(), 1, "one entry per dataset file");
}

#[test]
fn a_corrupt_entry_is_rebuilt() {
    let s = Setup::minimal();
    let cache = s.cache();
    let cold = crate::model::load_path(&s.dataset).expect("readable");
    load(&cache, &s.dataset);
    let file = s.entries().remove(0);
    let good = fs::read(&file).expect("entry");
    let mut spoiled = vec![
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        b"not a cache at all".to_vec(),
    ];
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x10;
    spoiled.push(flipped);
    for bytes in spoiled {
        fs::write(&file, &bytes).expect("spoil");
        assert!(
            cache.cached(&s.dataset).is_none(),
            "{} bytes trusted",
            bytes.len()
        );
        let l = load(&cache, &s.dataset);
        assert_eq!(shown(&l), shown(&cold));
        assert!(
            decode_all(&fs::read(&file).expect("entry")).is_some(),
            "rebuilt"
        );
        assert!(cache.cached(&s.dataset).is_some());
    }
}

#[test]
fn another_version_or_build_is_not_trusted() {
    let s = Setup::minimal();
    let cache = s.cache();
    load(&cache, &s.dataset);
    let file = s.entries().remove(0);
    let good = fs::read(&file).expect("entry");
    let (header, payload, trailer) = entry::split(&good).expect("sound");
    let mut after = payload.to_vec();
    after.extend_from_slice(&trailer.bytes());
    for change in [
        |h: &mut entry::Header| h.version.push_str("-other"),
        |h: &mut entry::Header| h.build.push('1'),
        |h: &mut entry::Header| h.key ^= 1,
        |h: &mut entry::Header| h.name.push('x'),
    ] {
        let mut h = header.clone();
        change(&mut h);
        let bytes = entry::restamp(&h, after.clone()).expect("encodes").concat();
        fs::write(&file, bytes).expect("write");
        assert!(cache.cached(&s.dataset).is_none());
    }
    let bytes = entry::restamp(&header, after).expect("encodes");
    fs::write(&file, bytes.concat()).expect("write");
    assert!(cache.cached(&s.dataset).is_some(), "the same header holds");
}

#[test]
fn an_unwritable_cache_folder_only_means_no_cache() {
    let s = Setup::minimal();
    // A folder that cannot be made: a file is in the way. (Tests may run
    // as root, whom permissions do not stop.)
    let blocker = s.dir.path().join("blocker");
    fs::write(&blocker, "x").expect("file");
    let cache = Cache::new(Some(blocker.join("cache")));
    let cold = crate::model::load_path(&s.dataset).expect("readable");
    let l = load(&cache, &s.dataset);
    assert_eq!(shown(&l), shown(&cold));
    assert!(cache.cached(&s.dataset).is_none());
    assert_eq!(cache.info().map(|i| i.entries).unwrap_or(0), 0);
}

#[test]
fn a_dataset_trusted_outside_its_folder_is_never_cached() {
    let s = Setup::minimal();
    s.age();
    let cache = s.cache();
    let trusted = LoadOptions {
        allow_outside_paths: true,
    };
    let loaded = cache
        .load_path_with(&s.dataset, trusted, &progress::quiet)
        .expect("loads");
    cache.finish();
    assert!(loaded.dataset.is_some());
    assert!(s.entries().is_empty(), "nothing written");
    // And a strict load does not find one to trust either.
    let strict = load(&cache, &s.dataset);
    assert_eq!(
        shown(&strict),
        shown(&crate::model::load_path(&s.dataset).expect("loads"))
    );
}

#[test]
fn a_source_turned_into_a_fifo_is_refused_not_waited_on() {
    let s = Setup::minimal();
    s.age();
    let cache = s.cache();
    let _ = load(&cache, &s.dataset);
    assert_eq!(s.entries().len(), 1);
    // The source becomes a FIFO: its stamp changes, so the entry's content
    // is checked, and reading it must not block.
    let source = s.source("talks.txt");
    fs::remove_file(&source).expect("remove");
    let made = std::process::Command::new("mkfifo")
        .arg(&source)
        .status()
        .is_ok_and(|st| st.success());
    if !made {
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let path = s.dataset.clone();
    let dir = s.dir.path().join("cache");
    std::thread::spawn(move || {
        let cache = Cache::new(Some(dir));
        let _ = tx.send(cache.load_path(&path).map(|l| l.has_errors()));
    });
    let errors = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the load ends")
        .expect("the dataset is readable");
    assert!(errors, "the FIFO is an error, not a source");
}

#[test]
fn no_folder_caches_nothing() {
    let s = Setup::minimal();
    let cache = Cache::new(None);
    let l = load(&cache, &s.dataset);
    assert!(l.dataset.is_some());
    assert!(cache.cached(&s.dataset).is_none());
    assert!(!s.dir.path().join("cache").exists());
}

#[test]
fn the_folder_keeps_to_its_cap_and_clears() {
    let s = Setup::minimal();
    let one = s.entry_size();
    // Room for two entries: the third load drops the least recently used.
    let cache = s.cache().with_cap(one * 2 + one / 2);
    let copies: Vec<PathBuf> = (0..3)
        .map(|i| {
            let p = s.dataset.with_file_name(format!("copy{i}.ron"));
            fs::copy(&s.dataset, &p).expect("copy");
            p
        })
        .collect();
    for (i, p) in copies.iter().enumerate() {
        load(&cache, p);
        // Distinct times, whatever the file system's resolution.
        let used = SystemTime::now() - Duration::from_secs(100 - i as u64);
        for e in s.entries() {
            if e.file_name() == Some(entry_name(p).as_ref()) {
                let f = fs::File::options().write(true).open(e).expect("open");
                f.set_modified(used).expect("time");
            }
        }
    }
    assert_eq!(s.entries().len(), 2);
    assert!(cache.cached(&copies[0]).is_none(), "oldest pruned");
    assert!(cache.cached(&copies[2]).is_some());
    let info = cache.info().expect("info");
    assert_eq!(info.entries, 2);
    assert!(info.bytes <= one * 2 + one / 2);
    // Something else in the folder is never removed.
    let other = s.dir.path().join("cache/notes.txt");
    fs::write(&other, "mine").expect("write");
    assert_eq!(cache.clear().expect("clear").0, 2);
    assert!(s.entries().is_empty());
    assert!(other.exists());
}

#[test]
fn an_entry_larger_than_the_cap_is_not_kept() {
    let s = Setup::minimal();
    let one = s.entry_size();
    let cache = s.cache().with_cap(one - 1);
    let loaded = load(&cache, &s.dataset);
    assert!(loaded.dataset.is_some());
    cache.finish();
    assert!(s.entries().is_empty(), "{:?}", s.entries());
    assert!(cache.cached(&s.dataset).is_none());
    // Nothing half-written is left behind either.
    let left: Vec<_> = fs::read_dir(s.dir.path().join("cache"))
        .expect("the folder")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A sound entry's bytes, for the fuzzing below.
fn sound_entry() -> Vec<u8> {
    let s = Setup::new("assets/ru-ua-2022-03.ron");
    let cache = s.cache();
    load(&cache, &s.dataset);
    fs::read(&s.entries()[0]).expect("entry")
}

fn decode_all(bytes: &[u8]) -> Option<(crate::model::Dataset, Vec<crate::model::Diagnostic>)> {
    let (_, payload, trailer) = entry::split(bytes)?;
    let open = |r: std::ops::Range<u64>| payload.get(r.start as usize..);
    entry::decode(&trailer, payload.len() as u64, open)
}

/// The payload's bytes with each part's checksum made to match, so that
/// decoding proper is what gets tested.
fn with_checksum(bytes: &[u8]) -> Option<Vec<u8>> {
    let (header, payload, mut trailer) = entry::split(bytes)?;
    let mut rest = payload;
    for (sum, &len) in trailer.sums.iter_mut().zip(&trailer.lens) {
        let (part, more) = rest.split_at_checked(usize::try_from(len).ok()?)?;
        *sum = xxhash_rust::xxh3::xxh3_64(part);
        rest = more;
    }
    let mut after = payload.to_vec();
    after.extend_from_slice(&trailer.bytes());
    entry::restamp(&header, after).map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = decode_all(&bytes);
        let mut framed = b"parley\0c".to_vec();
        framed.extend_from_slice(&entry::FORMAT.to_le_bytes());
        framed.extend_from_slice(&bytes);
        let _ = decode_all(&framed);
    }

    #[test]
    fn spoiled_entries_decode_without_panic(
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, 0u8..8), 1..8),
    ) {
        thread_local!(static SOUND: Vec<u8> = sound_entry());
        SOUND.with(|sound| {
            let cut = (sound.len() as f64 * cut) as usize;
            prop_assert!(decode_all(&sound[..cut]).is_none(), "a truncated entry decoded");
            let mut flipped = sound.clone();
            for &(at, bit) in &flips {
                let at = ((flipped.len() - 1) as f64 * at) as usize;
                flipped[at] ^= 1 << bit;
            }
            // The checksum catches a flip in the payload; with the
            // checksum made to match, decoding must still not panic.
            let _ = decode_all(&flipped);
            if let Some(rechecked) = with_checksum(&flipped) {
                let _ = decode_all(&rechecked);
            }
            Ok(())
        })?;
    }
}

#[test]
fn a_sound_entry_decodes() {
    let bytes = sound_entry();
    assert!(decode_all(&bytes).is_some());
    let mut flipped = bytes.clone();
    let at = flipped.len() - 7;
    flipped[at] ^= 1;
    assert!(decode_all(&flipped).is_none(), "the checksum caught it");
}
