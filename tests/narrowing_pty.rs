//! Saved views survive a restart, and the palette's query errors show, in
//! the real binary in a pseudo-terminal.

mod common;

use common::pty::{Term, fixture};

fn start(config_home: &str) -> Term {
    let mut term = Term::spawn_with_env(
        &[&fixture("good/facets.ron")],
        &[("XDG_CONFIG_HOME", config_home)],
        30,
        120,
    );
    term.wait_for("All parties");
    term
}

#[test]
fn a_saved_view_survives_a_restart() {
    let home = tempfile::tempdir().expect("config folder");
    let home_path = home.path().to_str().expect("utf-8 path");
    let mut t = start(home_path);
    // The filter menu: the second party is Velmora; Space chooses it.
    t.send(b"c");
    t.wait_for("Filters · 7 of 7 positions");
    t.send(b"j ");
    t.wait_for("Filters · 3 of 7 positions");
    t.send(b"\x1b");
    // The browser's status line, chips first (a lone Esc must be read
    // before the next key, or the two are Alt-v).
    t.wait_for("[party:velmora] │ Upper river talks");
    t.send(b"v");
    t.wait_for("No saved views");
    t.send(b"a");
    t.wait_for("Name:");
    t.send(b"velmora only\r");
    t.wait_for("view “velmora only” saved");
    t.send(b"\x1b");
    t.wait_for("[party:velmora] │ Upper river talks");
    t.send(b"q");
    t.wait_exit();
    let file = home.path().join("parley/views.ron");
    let text = std::fs::read_to_string(&file).expect("views.ron written");
    assert!(
        text.contains("velmora only") && text.contains("party:velmora"),
        "{text}"
    );

    let mut t = start(home_path);
    t.wait_gone("[party:velmora]");
    t.send(b"v");
    t.wait_for("velmora only");
    t.send(b"\r");
    t.wait_for("view “velmora only”");
    // The next key clears the message; the chip is in force.
    t.send(b"j");
    t.wait_for("[party:velmora] │ Upper river talks");
    assert!(!t.screen_text().contains("Durant"));
    t.quit_cleanly();
}

#[test]
fn the_palette_shows_why_a_query_cannot_run() {
    let home = tempfile::tempdir().expect("config folder");
    let mut t = start(home.path().to_str().expect("utf-8 path"));
    t.send(b"/");
    t.send(b"stanse:red-line");
    t.wait_for("unknown qualifier `stanse:`");
    t.wait_for("did you mean `stance:`?");
    // Fixed, it runs.
    for _ in 0.."stanse:red-line".len() {
        t.send(b"\x7f");
    }
    t.send(b"stance:red-line");
    t.wait_for("The quota is a red line.");
    t.send(b"\x1b");
    t.wait_gone("Search · all");
    t.quit_cleanly();
}
