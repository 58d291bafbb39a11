//! End-to-end tests: the real `parley` binary in a real pseudo-terminal,
//! driven through the harness in `common::pty`.

mod common;

use common::pty::{ESC, FFFD_SHOWN, Term, find, fixture};

/// The last row: dataset title and breadcrumb.
fn status_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// "quote N of M", as in the source viewer header.
fn has_quote_header(screen: &str) -> bool {
    screen.lines().any(|line| {
        line.split("quote ").skip(1).any(|rest| {
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            after.len() < rest.len() && after.starts_with(" of ")
        })
    })
}

fn start_browser(args: &[&str]) -> Term {
    let mut term = Term::spawn(args, 40, 120);
    term.wait_for("Parties");
    term.wait_for("All parties");
    term
}

#[test]
fn browse_and_quit_restores_terminal() {
    let mut term = start_browser(&[]);
    term.assert_raw_mode(true);
    term.send(b"j");
    term.wait_until("Russia in the status bar", |s| {
        status_line(s).contains("Russia")
    });
    term.send(b"\t");
    term.wait_until("an issue in the breadcrumb", |s| {
        status_line(s).contains("Russia › ")
    });
    term.send(b"\t\t\r");
    term.wait_until("the source viewer header", has_quote_header);
    term.send(ESC);
    term.wait_until("the browser again", |s| {
        s.contains("Parties") && !has_quote_header(s)
    });
    term.send(b"?");
    term.wait_for("Keys · browser");
    term.send(ESC);
    term.wait_gone("Keys · browser");
    term.quit_cleanly();
}

/// A signal must end the app through its handler, which restores the
/// terminal; dying of the signal would leave it raw and on the alternate
/// screen. The exit status says which signal ended it, as a shell reports
/// one: 128 + its number.
fn signal_restores_terminal(signal: &str, number: u32) {
    let mut term = start_browser(&[]);
    term.signal(signal);
    let status = term.wait_exit();
    assert_eq!(status.signal(), None, "SIG{signal} was not handled");
    assert_eq!(status.exit_code(), 128 + number, "SIG{signal}: {status}");
    term.assert_restored();
}

#[test]
fn sigterm_restores_terminal() {
    signal_restores_terminal("TERM", 15);
}

#[test]
fn sighup_restores_terminal() {
    signal_restores_terminal("HUP", 1);
}

#[test]
fn sigint_restores_terminal() {
    signal_restores_terminal("INT", 2);
}

#[test]
fn escape_sequences_in_dataset_never_reach_terminal() {
    // Every string shown carries an escape sequence, C1 control, bidi
    // override or tab. (Were it invalid, parley would print diagnostics,
    // exit, and `wait_for` would fail showing them.)
    let mut term = start_browser(&[&fixture("pty/escapes.ron")]);
    term.send(b"j");
    let party = "Evil␛]0;PWNED␇Party";
    term.wait_until("the party in the breadcrumb", |s| {
        status_line(s).contains(party)
    });
    term.wait_for("Escapes␛[5m talks");
    term.send(b"\t");
    term.wait_for("␛[31mRED␛[0m issue");
    term.send(b"\t"); // the preview shows the position from here
    // The focused pane is wider, so the preview may wrap the summary.
    term.wait_for(&format!("Clear{FFFD_SHOWN}2J the screen"));
    term.wait_for(&format!("{FFFD_SHOWN}reversed"));
    term.send(b"\t\r");
    term.wait_until("the source viewer header", has_quote_header);
    term.wait_for("Evil␛[2J source");
    term.wait_for("Before␛[2Jafter.");
    let term = term.quit_cleanly();

    term.with_output(|o| {
        let forbidden: [&[u8]; 8] = [
            b"\x1b]0;PWNED",
            b"PWNED\x07",
            b"\x1b[31mRED",
            b"\x1b[5m talks",
            b"Before\x1b[2J",
            b"\xc2\x9b", // U+009B, the one-byte CSI, in UTF-8
            "\u{202e}".as_bytes(),
            b"\t", // ratatui never writes one; the source's must be expanded
        ];
        for bad in forbidden {
            if let Some(at) = find(&o.raw, bad, 0) {
                let context = &o.raw[at.saturating_sub(40)..(at + 40).min(o.raw.len())];
                let (bad, context) = (bad.escape_ascii(), context.escape_ascii());
                panic!("{bad} reached the terminal: …{context}…");
            }
        }
    });
}

#[test]
fn too_small_window_shows_message() {
    let mut term = Term::spawn(&[], 12, 50);
    term.wait_for("Window too small");
    // If this resize is lost, parley was not listening for SIGWINCH yet
    // after its first frame (crossterm only sets that up on the first poll).
    term.resize(40, 120);
    term.wait_for("All parties");
    term.wait_gone("Window too small");
    term.quit_cleanly();
}

#[test]
fn dataset_with_errors_exits_1_without_touching_the_terminal() {
    let mut term = Term::spawn(&[&fixture("bad/syntax.ron")], 40, 120);
    let status = term.wait_exit();
    let screen = term.screen_text();
    assert_eq!(status.exit_code(), 1, "{status}; screen:\n{screen}");
    assert!(screen.contains("E001"), "no E001 in:\n{screen}");
    term.with_output(|o| {
        // Alternate screen, mouse capture, hidden cursor.
        for mode in [&b"\x1b[?1049h"[..], b"\x1b[?1000h", b"\x1b[?25l"] {
            let mode_s = mode.escape_ascii();
            assert!(
                find(&o.raw, mode, 0).is_none(),
                "{mode_s} written without a browser"
            );
        }
    });
    term.assert_raw_mode(false);
}

/// The kept search index under a cache home, waited for: it is written
/// on a thread of its own.
fn kept_index(home: &std::path::Path) -> std::path::PathBuf {
    let deadline = std::time::Instant::now() + common::pty::DEADLINE;
    loop {
        if let Some(file) = common::cache_files(home, ".search.parley-cache").pop() {
            return file;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no kept index in {}",
            home.display()
        );
        std::thread::sleep(common::pty::POLL);
    }
}

/// A dataset opened again starts from the cache, and shows itself before
/// its search index is read; the palette then searches with the index
/// the first start kept, which is read, not built and written again.
#[test]
fn a_warm_start_searches_with_the_kept_index() {
    let home = tempfile::tempdir().expect("cache folder");
    let env = [("XDG_CACHE_HOME", home.path().to_str().expect("utf-8 path"))];
    let dataset = fixture("good/minimal.ron");
    let mut cold = Term::spawn_with_env(&[&dataset], &env, 30, 120);
    cold.wait_for("All parties");
    cold.quit_cleanly();
    let kept = kept_index(home.path());
    let written = std::fs::read(&kept).expect("kept index");
    let stamp = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let when = stamp(&kept);

    let mut warm = Term::spawn_with_env(&[&dataset], &env, 30, 120);
    warm.wait_for("All parties");
    warm.send(b"/");
    warm.send(b"monitored");
    warm.wait_for("a ceasefire - if agreed - must be monitored");
    warm.send(ESC);
    warm.wait_gone("Search · all");
    warm.quit_cleanly();
    assert_eq!(stamp(&kept), when, "the kept index is not written again");
    assert_eq!(std::fs::read(&kept).expect("kept index"), written);
}
