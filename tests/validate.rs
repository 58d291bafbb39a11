//! The loader and `parley validate` against fixtures of good and bad
//! datasets.
//!
//! Each bad fixture marks where a diagnostic must point with a comment such
//! as `/*@E007*/` placed right before the offending token: the expected
//! line and column are those of the character after the marker, so the
//! expectations live next to the mistakes they describe.

mod common;

use common::parley;

use parley::model::{self, Code};
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn check_fixture(name: &str) {
    let path = fixture(&format!("bad/{name}.ron"));
    let loaded = common::check_markers(&path, model::LoadOptions::default());
    for d in &loaded.diagnostics {
        assert!(!d.message.is_empty());
        assert_eq!(d.file, path.display().to_string());
    }
}

macro_rules! bad_fixtures {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(#[test] fn $test() { check_fixture($name); })*
    };
}

bad_fixtures! {
    syntax_error => "syntax",
    unknown_field => "unknown-field",
    unknown_variant => "unknown-variant",
    missing_field => "missing-field",
    unsupported_format => "unsupported-format",
    duplicate_id => "duplicate-id",
    unknown_reference => "unknown-reference",
    quote_not_found => "quote-not-found",
    invalid_date => "invalid-date",
    source_missing => "source-missing",
    empty_text => "empty-text",
    path_and_text => "path-xor-text",
    parent_cycle => "parent-cycle",
    occurrence_out_of_range => "occurrence",
    every_broken_item_in_one_pass => "multiple",
    warnings_only => "warnings",
    missing_top_level_field => "missing-top-field",
    quote_that_is_only_an_elision => "elision-only",
    synonyms => "synonyms",
}

fn help_of(name: &str, code: Code) -> Vec<String> {
    let loaded = model::load_path(&fixture(&format!("bad/{name}.ron"))).expect("loads");
    loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .flat_map(|d| d.help)
        .collect()
}

#[test]
fn unknown_field_suggests_nearest() {
    assert!(
        help_of("unknown-field", Code::UnknownField).contains(&"did you mean `title`?".to_string())
    );
}

#[test]
fn unknown_variant_suggests_nearest() {
    assert!(
        help_of("unknown-variant", Code::UnknownVariant)
            .contains(&"did you mean `Skeptical`?".to_string())
    );
}

#[test]
fn unknown_reference_names_expected_kind_and_suggests() {
    let help = help_of("unknown-reference", Code::UnknownReference);
    assert!(
        help.contains(&"did you mean `south`?".to_string()),
        "{help:?}"
    );
    assert!(
        help.contains(&"expected the id of a person".to_string()),
        "{help:?}"
    );
}

#[test]
fn quote_not_found_shows_closest_passage() {
    let help = help_of("quote-not-found", Code::QuoteNotFound);
    assert!(
        help.iter()
            .any(|h| h.contains("closest passage") && h.contains("will not accept any ceasefire")),
        "{help:?}"
    );
}

#[test]
fn warnings_do_not_stop_loading() {
    let loaded = model::load_path(&fixture("bad/warnings.ron")).expect("loads");
    assert!(!loaded.has_errors());
    assert!(loaded.into_valid().is_ok());
}

#[test]
fn good_fixture_loads_and_anchors_quotes() {
    let loaded = model::load_path(&fixture("good/minimal.ron")).expect("loads");
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let ds = loaded.into_valid().expect("valid");
    let source = &ds.sources[model::SourceIx::from(0)];
    let elided = ds
        .quotes
        .iter()
        .find(|q| q.id == "q-south-commission")
        .expect("quote");
    let pieces: Vec<&str> = elided
        .anchor
        .iter()
        .map(|r| &source.body()[r.clone()])
        .collect();
    assert_eq!(
        pieces,
        [
            "The Southern delegation proposed a joint commission.",
            "could meet weekly."
        ]
    );
    let dashed = ds
        .quotes
        .iter()
        .find(|q| q.id == "q-ruiz-monitored")
        .expect("quote");
    assert_eq!(
        &source.body()[dashed.anchor[0].clone()],
        "a ceasefire – if agreed – must be monitored"
    );
}

#[test]
fn every_quote_has_its_anchor_state() {
    let text = r#"Dataset(format: 1, id: "states", title: "States",
        sources: [Source(id: "s", title: "S",
            text: "He said “no deal” today. The talks go on. The talks go on. Then a long pause and a reply.")],
        parties: [Party(id: "p", name: "P", role: Principal)],
        issues: [Issue(id: "i", title: "I", status: Open)],
        quotes: [
            Quote(id: "exact", source: "s", text: "Then a long pause"),
            Quote(id: "normalised", source: "s", text: "He said \"no  deal\" today"),
            Quote(id: "elided", source: "s", text: "He said ... a reply"),
            Quote(id: "ambiguous", source: "s", text: "The talks go on"),
            Quote(id: "chosen", source: "s", text: "The talks go on", occurrence: 2),
            Quote(id: "orphaned", source: "s", text: "nothing like this"),
        ],
        positions: [Position(id: "pos", party: "p", issue: "i", stance: Proposes,
            summary: "x", quotes: ["exact"])],
    )"#;
    let loaded = model::load_bytes("states.ron", text.as_bytes(), &NoSources);
    let ds = loaded.dataset.expect("parses");
    let states: Vec<(&str, model::AnchorState)> = ds
        .quotes
        .iter()
        .map(|q| (q.id.as_str(), q.anchor_state))
        .collect();
    use model::AnchorState::*;
    assert_eq!(
        states,
        [
            ("exact", Exact),
            ("normalised", Normalised),
            ("elided", Elided),
            ("ambiguous", Ambiguous),
            ("chosen", Exact),
            ("orphaned", Orphaned),
        ]
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = std::fs::read_to_string(fixture("good/minimal.ron")).expect("readable");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    std::fs::copy(
        fixture("good/sources/talks.txt"),
        dir.path().join("sources/talks.txt"),
    )
    .expect("copy");
    let path = dir.path().join("crlf.ron");
    std::fs::write(&path, bytes).expect("write");
    let loaded = model::load_path(&path).expect("loads");
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
}

#[test]
fn invalid_utf8_is_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, b"Dataset(\n    id: \"ab\xFFcd\",\n)").expect("write");
    let loaded = model::load_path(&path).expect("loads");
    let d = &loaded.diagnostics[0];
    assert_eq!((d.code, d.line, d.column), (Code::InvalidUtf8, 2, 12));
}

#[test]
fn invalid_utf8_in_a_source_is_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(fixture("good/minimal.ron")).expect("readable");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    std::fs::write(
        dir.path().join("sources/talks.txt"),
        b"line one\nbad \xC3( here",
    )
    .expect("write");
    let path = dir.path().join("d.ron");
    std::fs::write(&path, text).expect("write");
    let loaded = model::load_path(&path).expect("loads");
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidUtf8)
        .expect("utf8 error");
    assert_eq!((d.line, d.column, d.id.as_deref()), (2, 5, Some("s-talks")));
    assert!(d.file.ends_with("talks.txt"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for open in ["[", "(", "Dataset(sources: ["] {
        let text = open.repeat(100_000);
        let loaded = model::load_bytes("deep.ron", text.as_bytes(), &NoSources);
        assert!(loaded.has_errors());
        assert_eq!(loaded.diagnostics[0].code, Code::Syntax);
    }
}

#[test]
fn empty_and_garbage_input_are_errors() {
    for text in [
        "",
        "   ",
        "\"",
        "Dataset(",
        ")))",
        "Dataset(format: 1, id: r#\"x",
        "/* never closed",
    ] {
        let loaded = model::load_bytes("x.ron", text.as_bytes(), &NoSources);
        assert!(loaded.has_errors(), "{text:?}");
    }
}

struct NoSources;
impl model::SourceReader for NoSources {
    fn read(&self, _: &str) -> Result<Vec<u8>, model::sources::ReadError> {
        Err(std::io::Error::other("no sources here").into())
    }
    fn display(&self, path: &str) -> String {
        path.to_string()
    }
}

#[test]
fn bundled_dataset_has_no_errors() {
    let loaded = parley::bundled::load();
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let ds = loaded.into_valid().expect("valid");
    assert!(ds.positions.len() >= 25);
    assert!(ds.quotes.len() >= 35);
    assert!(ds.quotes.iter().all(|q| !q.anchor.is_empty()));
    assert!(ds.positions.iter().all(|p| !p.quotes.is_empty()));
}

#[test]
fn cli_validate_exit_codes() {
    let good = parley()
        .args(["validate"])
        .arg(fixture("good/minimal.ron"))
        .output()
        .expect("runs");
    assert_eq!(good.status.code(), Some(0));
    let bad = parley()
        .args(["validate"])
        .arg(fixture("bad/syntax.ron"))
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    let missing = parley()
        .args(["validate", "no/such/file.ron"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/file.ron"));
    let usage = parley()
        .args(["validate", "--bogus"])
        .output()
        .expect("runs");
    assert_eq!(usage.status.code(), Some(2));
    let bundled = parley().args(["validate"]).output().expect("runs");
    assert_eq!(bundled.status.code(), Some(0));
}

#[test]
fn cli_validate_json() {
    let out = parley()
        .args(["validate", "--json"])
        .arg(fixture("bad/unknown-reference.ron"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(doc["counts"]["positions"], 3);
    let d = &doc["diagnostics"][0];
    for key in [
        "severity", "code", "message", "file", "line", "column", "id",
    ] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "E007");
}

#[test]
fn cli_human_output_shows_the_line_with_a_marker() {
    let out = parley()
        .args(["validate"])
        .arg(fixture("bad/unknown-variant.ron"))
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("E003"), "{text}");
    assert!(text.contains("stance: /*@E003*/Sceptical,"), "{text}");
    assert!(text.contains("did you mean `Skeptical`?"), "{text}");
    assert!(text.contains("1 error"), "{text}");
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("evil.ron");
    std::fs::write(
        &path,
        "Dataset(format: 1, id: \"e\", title: \"t\", sources: [], parties: [\n  Party(id: \"x\u{1b}]0;pwned\u{7}\", name: \"\u{1b}[2J\", role: Princi\u{9b}pal),\n], issues: [], quotes: [], positions: [])",
    )
    .expect("write");
    for args in [vec!["validate"], vec!["validate", "--json"], vec![]] {
        let out = parley().args(&args).arg(&path).output().expect("runs");
        assert_eq!(out.status.code(), Some(1));
        for stream in [&out.stdout, &out.stderr] {
            let s = String::from_utf8_lossy(stream);
            assert!(
                !s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{9b}'),
                "{args:?}: {s:?}"
            );
        }
    }
}

mod fuzz {
    use super::NoSources;
    use parley::model;
    use proptest::prelude::*;

    const MINIMAL: &str = include_str!("fixtures/good/minimal.ron");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Arbitrary bytes never panic the loader, and anything it rejects
        /// comes with at least one error that has a position.
        #[test]
        fn any_bytes_load_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let loaded = model::load_bytes("fuzz.ron", &bytes, &NoSources);
            if loaded.dataset.is_none() {
                prop_assert!(loaded.has_errors());
                prop_assert!(loaded.diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1));
            }
        }

        /// Cutting or corrupting a real dataset anywhere gives diagnostics,
        /// never a panic.
        #[test]
        fn damaged_datasets_are_diagnosed(cut in 0usize..MINIMAL.len(), junk in "[(){}\\[\\]\",:a-z0-9 \\n]{0,8}") {
            let mut text = MINIMAL.as_bytes()[..cut].to_vec();
            text.extend_from_slice(junk.as_bytes());
            text.extend_from_slice(&MINIMAL.as_bytes()[cut..]);
            let loaded = model::load_bytes("damaged.ron", &text, &NoSources);
            let _ = model::diagnostic::render(&loaded.diagnostics, &loaded.files, false);
        }
    }
}
