//! The real binary in a pseudo-terminal: the loading screen with keys
//! typed during it, quitting while loading, and live reload as files are
//! saved the way editors save them (a temporary file renamed over).

mod common;

use common::pty::{ESC, Term, fixture};
use std::path::{Path, PathBuf};

/// A copy of the minimal fixture and its source, to edit.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("sources")).expect("sources folder");
    for name in ["minimal.ron", "sources/talks.txt"] {
        std::fs::copy(fixture(&format!("good/{name}")), dir.path().join(name)).expect("copy");
    }
    let path = dir.path().join("minimal.ron");
    (dir, path)
}

/// Saves as editors do: the new text to a temporary file in the same
/// folder, renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("swp");
    std::fs::write(&tmp, text).expect("write temp");
    std::fs::rename(&tmp, path).expect("rename over");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    save(path, &text.replacen(from, to, 1));
}

fn status_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// Shows the breadcrumb again: a reload says so in the status line until
/// the next key, and help opened and closed changes nothing else.
fn clear_message(term: &mut Term) {
    term.send(b"?");
    term.wait_for("Keys · browser");
    term.send(ESC);
    term.wait_gone("Keys · browser");
}

#[test]
fn live_reload_keeps_the_selection_survives_a_broken_save_and_picks_up_the_fix() {
    let (_dir, path) = workspace();
    let path_s = path.to_str().expect("utf-8 path");
    let mut term = Term::spawn(&[path_s], 30, 120);
    term.wait_for("All parties");
    term.send(b"j\t");
    term.wait_until("Northland › Security", |s| {
        status_line(s).contains("Northland › Security")
    });

    // A valid change: the new name shows, the selection stays.
    edit(&path, "name: \"Northland\"", "name: \"Nordland\"");
    term.wait_for("reloaded");
    clear_message(&mut term);
    term.wait_until("the new name, still selected", |s| {
        status_line(s).contains("Nordland › Security")
    });

    // A save that does not parse: a banner, the last good data stays and
    // can still be browsed.
    edit(&path, "Dataset(", "Dataset((");
    term.wait_for("reload failed");
    term.send(b"\t");
    term.wait_until("the old data browsable", |s| {
        status_line(s).contains("Nordland › Security › position")
    });
    term.send(b"p");
    term.wait_for("the file no longer loads");
    term.wait_for("E001");
    term.send(ESC);
    term.wait_gone("the file no longer loads");

    // The fix: new data, no banner, the same selection.
    edit(&path, "Dataset((", "Dataset(");
    edit(&path, "name: \"Nordland\"", "name: \"Norland\"");
    term.wait_until("the fixed file", |s| {
        !s.contains("reload failed") && s.contains("Issues · Norland")
    });
    clear_message(&mut term);
    term.wait_until("the same selection", |s| {
        status_line(s).contains("Norland › Security › position")
    });

    // A source file is watched too: a quote that no longer anchors is
    // marked where it shows.
    term.send(b"\t");
    term.wait_for("≡ “will not accept");
    let source = path.parent().expect("folder").join("sources/talks.txt");
    edit(
        &source,
        "will not accept any ceasefire",
        "will never accept a ceasefire",
    );
    term.wait_for("⚠ ∅ “will not accept");
    term.quit_cleanly();
}

#[test]
fn r_reloads_by_hand() {
    let mut term = Term::spawn(&[&fixture("good/minimal.ron")], 30, 120);
    term.wait_for("All parties");
    term.send(b"R");
    term.wait_for("reloaded");
    term.quit_cleanly();
}

#[test]
fn keys_typed_on_the_loading_screen_take_effect() {
    let env = [("PARLEY_TEST_LOAD_DELAY_MS", "1500")];
    let mut term = Term::spawn_with_env(&[&fixture("good/minimal.ron")], &env, 30, 120);
    term.wait_for("Loading");
    term.wait_for("q quit");
    term.send(b"j\t/");
    term.send(b"quo");
    term.wait_for("keys typed ahead");
    // Replayed on the dataset: Northland, its issues, then a search for
    // "quo" (whose q is text, not quit).
    term.wait_until("the palette with the query", |s| s.contains("> quo"));
    term.send(ESC);
    term.wait_gone("> quo");
    term.wait_until("the selection made while loading", |s| {
        status_line(s).contains("Northland › Security")
    });
    term.quit_cleanly();
}

fn quits_while_loading(key: &[u8]) {
    let env = [("PARLEY_TEST_LOAD_DELAY_MS", "20000")];
    let mut term = Term::spawn_with_env(&[&fixture("good/minimal.ron")], &env, 30, 120);
    term.wait_for("Loading");
    term.send(key);
    let status = term.wait_exit();
    assert!(status.success(), "{status}");
    term.assert_restored();
}

#[test]
fn q_quits_while_loading() {
    quits_while_loading(b"q");
}

#[test]
fn ctrl_c_quits_while_loading() {
    quits_while_loading(b"\x03");
}

#[test]
fn a_dataset_with_semantic_errors_opens() {
    let mut term = Term::spawn(&[&fixture("broken/opens.ron")], 30, 120);
    term.wait_for("[⚠ 13 errors]");
    term.send(b"p");
    term.wait_for("Problems · 13 errors, 4 warnings");
    term.quit_cleanly();
}
