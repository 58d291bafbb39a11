//! Datasets, review files and paths that try to make parley read, print,
//! hang on or confuse what they should not (`tests/fixtures/hostile`).
//! Expected diagnostics are `/*@CODE*/` markers in the fixtures, as in
//! `tests/fixtures/bad`. Symlinks, FIFOs and oversized files are made at
//! run time in a temporary copy of the fixtures, since git cannot hold
//! them.

mod common;

use common::check_markers;

use parley::model::{self, Code, LoadOptions};
use parley::prepared::Prepared;
use parley::review::{Mark, Review, Status, store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// The secret a hostile dataset tries to read: never printed, never
/// anchored in, unless the dataset is trusted.
const SECRET: &str = "SECRET-PASSAGE is here. Nobody outside may read it.";

/// A temporary copy of the hostile fixtures in `<tmp>/data`, with the
/// files git cannot hold: a secret next to the folder, a symlink out of
/// it, a symlink to a device, a FIFO and a file over the size limit.
struct Hostile {
    dir: tempfile::TempDir,
}

impl Hostile {
    fn new() -> Hostile {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("sources")).expect("mkdir");
        for name in ["paths.ron", "paths-trusted.ron", "sources/talks.txt"] {
            std::fs::copy(fixture(name), data.join(name)).expect("copy fixture");
        }
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, SECRET).expect("secret");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, data.join("sources/link-out.txt"))
                .expect("symlink out");
            std::os::unix::fs::symlink("/dev/zero", data.join("sources/zero")).expect("symlink");
            let fifo = data.join("sources/fifo");
            let made = Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo runs");
            assert!(made.success(), "mkfifo failed");
        }
        // Sparse: no disk is used, and parley must refuse it unread.
        let big = std::fs::File::create(data.join("sources/big.txt")).expect("big");
        big.set_len(parley::model::read::MAX_SOURCE + 1)
            .expect("sparse file");
        Hostile { dir }
    }

    fn data(&self, name: &str) -> PathBuf {
        self.dir.path().join("data").join(name)
    }
}

/// Runs the binary with no config, killing it if it has not finished
/// within the deadline: a read that hangs fails the test, not the run.
fn parley(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parley"))
        .args(args)
        .env("XDG_CONFIG_HOME", common::pty::no_config_home())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("parley runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("poll").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("parley {args:?} still running after 20 s: a read hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn ids_with_control_or_invisible_characters_are_errors_at_the_id() {
    let loaded = check_markers(&fixture("ids.ron"), LoadOptions::default());
    for d in loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnprintableId)
    {
        // The message names the character without showing it.
        assert!(
            !d.message.chars().any(parley::text::unprintable),
            "{:?}",
            d.message
        );
        assert!(d.message.contains("\\u{"), "{}", d.message);
    }
    // Names with zero-width joiners are text, not ids: no error there.
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.code != Code::UnprintableId || d.id.as_deref() != Some("south")),
    );
}

#[test]
fn zero_width_joiners_in_names_are_fine() {
    let loaded = model::load_path(&fixture("zwj.ron")).expect("readable");
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
}

#[test]
fn source_paths_out_of_the_folder_are_neither_read_nor_printed() {
    let h = Hostile::new();
    let path = h.data("paths.ron");
    let loaded = check_markers(&path, LoadOptions::default());
    let ds = loaded.dataset.as_ref().expect("parsed");
    for s in &ds.sources {
        if s.id != "s-ok" {
            assert!(s.text.is_none(), "{} was read", s.id);
        }
    }
    // Nothing of the secret or of /etc/passwd in any output.
    let path_arg = path.display().to_string();
    for args in [
        vec!["validate", &path_arg],
        vec!["validate", &path_arg, "--json"],
    ] {
        let out = parley(&args);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(1), "{all}");
        assert!(
            all.contains("E016") && all.contains("E017") && all.contains("E018"),
            "{all}"
        );
        for leaked in ["SECRET", "nearly", "root:x", "closest passage"] {
            assert!(!all.contains(leaked), "{leaked:?} printed:\n{all}");
        }
    }
    let out = parley(&["validate", &path_arg]);
    let all = text(&out);
    assert!(
        all.contains("--allow-outside-paths"),
        "the way out is named:\n{all}"
    );
}

#[test]
fn trusted_paths_still_refuse_devices_fifos_and_oversized_files() {
    let h = Hostile::new();
    let path = h.data("paths-trusted.ron");
    let trusted = LoadOptions {
        allow_outside_paths: true,
    };
    let loaded = check_markers(&path, trusted);
    // The files outside were read: their quotes are anchored.
    let ds = loaded.dataset.expect("parsed");
    assert!(ds.quotes.iter().all(|q| !q.anchor.is_empty()));
    // Without the flag, the same dataset reads nothing outside.
    let strict = model::load_path(&path).expect("loads");
    assert!(
        strict
            .diagnostics
            .iter()
            .any(|d| d.code == Code::PathOutsideFolder)
    );
    let out = parley(&[
        "validate",
        "--allow-outside-paths",
        &path.display().to_string(),
    ]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(!all.contains("E016"), "{all}");
}

#[cfg(unix)]
#[test]
fn a_dataset_review_or_config_file_that_is_not_a_regular_file_is_refused_at_once() {
    let h = Hostile::new();
    let fifo = h.data("sources/fifo").display().to_string();
    for file in ["/dev/zero", "/dev/tty", fifo.as_str()] {
        let out = parley(&["validate", file]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{file}: {all}");
        assert!(
            all.contains(file) && all.contains("not a regular file"),
            "{all}"
        );
    }
    let minimal = format!(
        "{}/tests/fixtures/good/minimal.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    for file in ["/dev/zero", fifo.as_str()] {
        let out = parley(&["review", "status", &minimal, "--review", file]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{file}: {all}");
        assert!(all.contains("not a regular file"), "{all}");
        let out = parley(&["config", "check", "--config", file]);
        let all = text(&out);
        assert!(all.contains("not a regular file"), "{file}: {all}");
    }
}

#[test]
fn a_review_file_with_invisible_ids_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.review.ron");
    let file = r#"ReviewFile(format: 1, dataset: "fixture-minimal", items: [
        ReviewItem(kind: Position, id: "north-\u{202e}ceasefire", mark: Some(Verified),
                   reviewer: "x", time: "2026-01-01T00:00:00Z", fingerprint: "0")])"#;
    std::fs::write(&path, file).expect("write");
    assert!(matches!(
        store::read(&path),
        Err(store::StoreError::UnprintableId { .. })
    ));
    let minimal = format!(
        "{}/tests/fixtures/good/minimal.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = parley(&[
        "review",
        "status",
        &minimal,
        "--review",
        &path.display().to_string(),
    ]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(
        all.contains("\\u{202e}") && !all.contains('\u{202e}'),
        "{all}"
    );
}

/// Two positions whose ids differ only by a bidi isolate read the same on
/// screen; the dataset has an error for it, but were it shown anyway, the
/// two never share a mark: review identity is the raw id.
#[test]
fn ids_that_clean_alike_never_share_a_mark() {
    let loaded = model::load_path(&fixture("ids.ron")).expect("readable");
    let ds = loaded.dataset.expect("parsed despite its errors");
    let raw_dataset_id = ds.id.clone();
    let data = Prepared::new(ds);
    assert_eq!(data.review_dataset_id(), raw_dataset_id);
    assert_ne!(data.ds.id, raw_dataset_id, "cleaned for display");
    let [one, two] = [0, 1].map(|i| parley::model::ItemRef::Position(i.into()));
    assert_ne!(data.review_id(one), data.review_id(two));
    let mut review = Review::new(data.review_dataset_id(), "ana");
    review.mark(&data, one, Mark::Disputed, "t");
    assert_eq!(review.status(&data, one), Status::Marked(Mark::Disputed));
    assert_eq!(review.status(&data, two), Status::Unreviewed);
    assert_eq!(review.file.items[0].id, "p-\u{2066}one\u{2069}");
    assert!(review.orphans(&data).is_empty());
    assert_eq!(
        data.find_reviewed(parley::model::Kind::Position, "p-\u{2066}one\u{2069}"),
        Some(one)
    );
}

/// Every cell of a CSV export, as a spreadsheet would read it.
fn cells(csv_text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    reader
        .records()
        .flat_map(|r| {
            r.expect("valid CSV")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn assert_no_formula(what: &str, csv_text: &str) {
    let cells = cells(csv_text);
    assert!(cells.len() > 10, "{what}: {csv_text}");
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{what}: a spreadsheet would run {cell:?}"
        );
    }
}

#[test]
fn csv_exports_neutralise_formula_cells() {
    let dataset = fixture("formulas.ron").display().to_string();
    let out = parley(&["export", &dataset, "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out));
    let csv_text = String::from_utf8_lossy(&out.stdout);
    assert_no_formula("parley export", &csv_text);
    assert!(
        csv_text.contains("'=north") && csv_text.contains("'=2*3"),
        "{csv_text}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let review = dir.path().join("r.review.ron");
    let file = r#"ReviewFile(format: 1, dataset: "hostile-formulas", items: [
        ReviewItem(kind: Position, id: "=p1", mark: Some(Disputed),
                   note: Some("=HYPERLINK(\"http://x.example\")"),
                   reviewer: "@evil", time: "2026-01-01T00:00:00Z", fingerprint: "0"),
        ReviewItem(kind: Position, id: "gone", mark: Some(Flagged), note: Some("+1"),
                   reviewer: "-x", time: "2026-01-01T00:00:00Z", fingerprint: "0")])"#;
    std::fs::write(&review, file).expect("write");
    let out = parley(&[
        "review",
        "export",
        &dataset,
        "--format",
        "csv",
        "--review",
        &review.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let csv_text = String::from_utf8_lossy(&out.stdout);
    assert_no_formula("parley review export", &csv_text);
    assert!(csv_text.contains("'=HYPERLINK"), "{csv_text}");
}

/// Rows of a pane whose names carry zero-width joiners keep the pane's
/// borders and columns where rows without them have them.
#[test]
fn zero_width_joiners_in_names_do_not_shift_the_layout() {
    let loaded = model::load_path(&fixture("zwj.ron")).expect("readable");
    let data = Prepared::new(loaded.into_valid().expect("valid"));
    let mut s = common::state(data, 120, 30);
    common::press(&mut s, "Tab");
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).expect("terminal");
    terminal.draw(|f| parley::ui::render(f, &s)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let row = |needle: &str| -> u16 {
        (0..buf.area.height)
            .find(|&y| {
                let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                line.contains(needle)
            })
            .unwrap_or_else(|| panic!("no row with {needle:?}"))
    };
    // Where the borders and the count column are, cell by cell, in a pane.
    let shape = |area: ratatui::layout::Rect, y: u16| -> Vec<u16> {
        (area.left()..area.right())
            .filter(|&x| {
                let s = buf[(x, y)].symbol();
                s == "│" || (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            })
            .collect()
    };
    let a = s.main_areas();
    let plain = shape(a.parties, row("Plain party"));
    assert_eq!(plain.len(), 3, "two borders and a count: {plain:?}");
    assert_eq!(
        shape(a.parties, row("Families")),
        plain,
        "an emoji sequence"
    );
    assert_eq!(shape(a.parties, row("Farmers")), plain, "a run of joiners");
    let talks = row("Open 3");
    assert_eq!(
        shape(a.issues, talks).first().copied(),
        Some(a.issues.left()),
        "the issue row starts at its border"
    );
    assert_eq!(
        shape(a.issues, talks).last().copied(),
        Some(a.issues.right() - 1),
        "the issue row ends at its border"
    );
    assert_eq!(
        buf[(a.issues.right() - 2, talks)].symbol(),
        "3",
        "the count stays in its column"
    );
}

/// A small valid dataset with this id, in `dir`.
fn dataset_with_id(dir: &Path, id: &str) -> PathBuf {
    let path = dir.join(format!("{}.ron", parley::review::store::file_name(id)));
    let text = format!(
        r#"Dataset(format: 1, id: "{id}", title: "T",
            sources: [Source(id: "s", title: "S", text: "They met.")],
            parties: [Party(id: "a", name: "A", role: Principal)],
            issues: [Issue(id: "i", title: "I", status: Open)],
            quotes: [Quote(id: "q", source: "s", text: "They met.")],
            positions: [Position(id: "p", party: "a", issue: "i", stance: Supports,
                                 summary: "Yes.", quotes: ["q"])])"#
    );
    std::fs::write(&path, text).expect("dataset");
    path
}

/// `переговоры` and `αβγδεζηθικ` once shared `__________.review.ron`. Now
/// each id has its own default file; the old shared file is still used by
/// the dataset whose review it holds, and only by it.
#[test]
fn default_review_files_are_unique_per_dataset_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    std::fs::create_dir_all(state.join("parley")).expect("state folder");
    let russian = dataset_with_id(dir.path(), "переговоры");
    let greek = dataset_with_id(dir.path(), "αβγδεζηθικ");
    assert_ne!(
        store::file_name("переговоры"),
        store::file_name("αβγδεζηθικ")
    );
    // A review written by an earlier parley at the old shared name.
    let legacy = state.join("parley/__________.review.ron");
    let old = r#"ReviewFile(format: 1, dataset: "переговоры", items: [
        ReviewItem(kind: Position, id: "p", mark: Some(Verified), reviewer: "x",
                   time: "2026-01-01T00:00:00Z", fingerprint: "0")])"#;
    std::fs::write(&legacy, old).expect("legacy review");
    let out = Command::new(env!("CARGO_BIN_EXE_parley"))
        .args(["review", "status", &russian.display().to_string()])
        .env("XDG_CONFIG_HOME", common::pty::no_config_home())
        .env("XDG_STATE_HOME", &state)
        .output()
        .expect("runs");
    // The old mark is found (stale: its fingerprint is made up).
    assert!(text(&out).contains("1  stale"), "{}", text(&out));
    // The Greek dataset is not told it reviews another dataset: its file
    // is its own (and does not exist yet).
    let out = Command::new(env!("CARGO_BIN_EXE_parley"))
        .args(["review", "status", &greek.display().to_string()])
        .env("XDG_CONFIG_HOME", common::pty::no_config_home())
        .env("XDG_STATE_HOME", &state)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("0  stale"), "{}", text(&out));
}
