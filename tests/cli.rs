//! The command line in pipes and scripts: a closed pipe, standard input as
//! a dataset, the browser refusing to draw into a file, options written
//! before the subcommand, completions and the manual page.

mod common;

use common::parley;

use std::io::{Read, Write};
use std::process::Stdio;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `parley search a | head -1`: the reader goes after one line.
    let mut child = parley()
        .args(["search", "a", "--limit", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(0), "exit 0 like ripgrep");
    assert!(
        out.stderr.is_empty(),
        "nothing said: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_dash_reads_the_dataset_from_standard_input() {
    // Source paths then resolve from the current folder.
    let text = std::fs::read(fixture("good/minimal.ron")).expect("fixture");
    for args in [vec!["validate", "-"], vec!["search", "northland", "-"]] {
        let mut child = parley()
            .args(&args)
            .current_dir(fixture("good"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(&text)
            .expect("written");
        let out = child.wait_with_output().expect("exits");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stdout}");
        assert!(
            stdout.contains("<stdin>: 0 errors") || stdout.contains("north"),
            "{args:?}: {stdout}"
        );
    }
}

#[test]
fn the_browser_refuses_without_a_terminal() {
    let out = parley()
        .arg(fixture("good/minimal.ron"))
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    // A dataset with errors is still reported, with exit 1.
    let out = parley()
        .arg(fixture("bad/syntax.ron"))
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn options_work_before_or_after_the_subcommand_or_are_an_error() {
    // A dataset before a subcommand is never silently ignored.
    let out = parley()
        .args([&fixture("bad/syntax.ron"), "validate"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the dataset goes after the subcommand"),
        "{err}"
    );
    let out = parley()
        .args(["review", &fixture("good/minimal.ron"), "status"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "review DATASET status");
    // Global options work on either side.
    for args in [
        vec!["--color", "never", "validate", &fixture("good/minimal.ron")],
        vec!["validate", &fixture("good/minimal.ron"), "--color", "never"],
    ] {
        let out = parley().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

const SUBCOMMANDS: [&str; 6] = [
    "validate",
    "search",
    "review",
    "config",
    "completions",
    "man",
];

#[test]
fn completions_generate_for_every_shell_and_know_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = parley()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
        assert!(script.contains("kind"), "{shell} lacks --kind");
    }
}

#[test]
fn the_man_page_is_roff_and_covers_every_subcommand() {
    let out = parley().arg("man").output().expect("runs");
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH parley"),
        "{page}"
    );
    for sub in SUBCOMMANDS {
        assert!(page.contains(&format!(".TH parley-{sub}")), "lacks {sub}");
    }
}

#[test]
fn config_check_reports_every_problem_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.ron");
    std::fs::write(
        &path,
        "(\n  keys: { \"browser\": { \"Q\": \"quitt\" } },\n  theme: \"sepia\",\n)\n",
    )
    .expect("write");
    let out = parley()
        .args(["config", "check", "--config"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let name = path.display();
    assert!(
        text.contains(&format!(
            "{name}:2:29: unknown action `quitt`; did you mean `quit`?"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("{name}:3:10: unknown theme `sepia`")),
        "{text}"
    );
    // A bad config never stops a command.
    let out = parley()
        .args(["validate", &fixture("good/minimal.ron"), "--config"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_config_file_names_the_default_dataset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("parley");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(
        config.join("config.ron"),
        format!("(dataset: {:?})", fixture("good/minimal.ron")),
    )
    .expect("write");
    let out = parley()
        .env("XDG_CONFIG_HOME", dir.path())
        .args(["search", "northland"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("north"));
}

#[test]
fn search_takes_qualifiers_and_says_which_fields_matched() {
    let facets = fixture("good/facets.ron");
    let out = parley()
        .args(["search", "party:durant stance:red-line", &facets, "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .filter(|h| h["kind"] == "position")
        .map(|h| h["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["d-navigation"]);
    // A party's name, with the field it was found in.
    let out = parley()
        .args(["search", "okoro", &facets, "--json", "--kind", "quote"])
        .output()
        .expect("runs");
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(hits[0]["id"], "q-durant-cap");
    assert_eq!(hits[0]["matched"], serde_json::json!(["speaker"]));
}

#[test]
fn an_unknown_qualifier_is_a_usage_error_with_a_suggestion() {
    let out = parley()
        .args(["search", "stanse:red-line"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("parley: invalid query: unknown qualifier `stanse:`"),
        "{err}"
    );
    assert!(err.contains("did you mean `stance:`?"), "{err}");
    let out = parley()
        .args(["search", "party:atlantis"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no party matches `atlantis`"), "{err}");
}

#[test]
fn facets_count_every_value_for_the_query() {
    let facets = fixture("good/facets.ron");
    let out = parley()
        .args(["search", "kind:position", &facets, "--facets", "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let count = |facet: &str, clause: &str| -> Option<u64> {
        doc.as_array()?.iter().find(|f| f["facet"] == facet)?["values"]
            .as_array()?
            .iter()
            .find(|v| v["clause"] == clause)?["count"]
            .as_u64()
    };
    assert_eq!(count("stance", "stance:red-line"), Some(2));
    assert_eq!(count("party", "party:velmora"), Some(3));
    assert_eq!(count("provenance", "is:reported"), Some(1));
    assert_eq!(count("date", "date:2031"), Some(1), "the year as written");
    // The text narrows what is counted; a facet's own clause does not.
    let out = parley()
        .args(["search", "kind:position party:velmora", &facets, "--facets"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("party\n"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("3  Durant") && l.ends_with("party:durant")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("1  red line") && l.ends_with("stance:red-line")),
        "{text}"
    );
}
