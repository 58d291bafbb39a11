//! Terminal conveniences through the real binary in a pseudo-terminal:
//! copying with a citation over OSC 52, Ctrl-z and `fg`, a config file's
//! keys and theme, and a bad config reported in the first frame.

mod common;

use base64::Engine;
use common::pty::{Term, find, fixture};
use std::time::Duration;

fn start(args: &[&str], env: &[(&str, &str)]) -> Term {
    start_sized(args, env, 30)
}

fn start_sized(args: &[&str], env: &[(&str, &str)], rows: u16) -> Term {
    let mut term = Term::spawn_with_env(args, env, rows, 120);
    term.wait_for("All parties");
    term
}

/// The text of the last OSC 52 sequence written, decoded.
fn last_copy(term: &Term) -> Option<String> {
    term.with_output(|o| {
        let start = (0..o.raw.len())
            .rev()
            .find(|&i| o.raw[i..].starts_with(b"\x1b]52;c;"))?;
        let body = start + 7;
        let end = find(&o.raw, b"\x07", body)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&o.raw[body..end])
            .ok()?;
        String::from_utf8(bytes).ok()
    })
}

#[test]
fn y_copies_the_quote_with_its_citation_over_osc52() {
    let mut t = start(
        &[&fixture("good/minimal.ron")],
        &[("DISPLAY", ""), ("WAYLAND_DISPLAY", "")],
    );
    t.send(b"j\t\t\t");
    t.wait_for("Quote in context");
    t.send(b"y");
    t.wait_for("copied quote q-north-guarantees");
    assert_eq!(
        last_copy(&t).as_deref(),
        Some(
            "“will not accept any ceasefire without guarantees” — Northland, Talks resume, Fixture Wire, 2024-05-06"
        )
    );
    t.send(b"Y");
    t.wait_for("copied position north-ceasefire");
    let md = last_copy(&t).expect("a copy");
    assert!(
        md.starts_with("**Northland** ! demands: *Ceasefire* (2024-05-06)"),
        "{md}"
    );
    assert!(md.contains("> — Ana Ruiz, Talks resume"), "{md}");
    t.quit_cleanly();
}

/// Ctrl-z the way a user meets it: parley started from an interactive
/// shell with job control, stopped, then brought back with `fg`.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let command = format!(
        "{} {}\r",
        env!("CARGO_BIN_EXE_parley"),
        fixture("good/minimal.ron")
    );
    let no_config = common::pty::no_config_home();
    let mut t = Term::spawn_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "shell$ "), ("XDG_CONFIG_HOME", &no_config)],
        30,
        120,
    );
    t.wait_for("shell$");
    t.send(command.as_bytes());
    t.wait_for("All parties");
    t.send(b"j");
    t.wait_for("Issues · Northland");
    t.send(b"\x1a");
    t.wait_for("Stopped");
    t.with_output(|o| {
        assert!(
            !o.parser.screen().alternate_screen(),
            "the shell gets the normal screen back"
        )
    });
    t.send(b"fg\r");
    t.wait_until("a full redraw where parley was", |s| {
        s.contains("All parties") && s.contains("Issues · Northland")
    });
    t.with_output(|o| assert!(o.parser.screen().alternate_screen()));
    t.send(b"q");
    t.wait_until("the shell again", |s| !s.contains("All parties"));
    t.send(b"exit\r");
    t.wait_exit();
}

/// Without a shell that could resume it, parley says so and stays.
#[test]
fn ctrl_z_without_job_control_says_why_and_carries_on() {
    let mut t = start(&[&fixture("good/minimal.ron")], &[]);
    t.send(b"\x1a");
    t.wait_for("cannot suspend");
    t.assert_raw_mode(true);
    t.send(b"j");
    t.wait_for("Issues · Northland");
    t.quit_cleanly();
}

#[test]
fn a_config_rebinds_keys_and_help_and_hints_follow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        r#"(keys: { "browser": { "Q": "quit", "q": "none" } })"#,
    )
    .expect("write");
    let config = config.display().to_string();
    let mut t = start_sized(
        &[&fixture("good/minimal.ron"), "--config", &config],
        &[],
        50,
    );
    t.wait_for("Q quit");
    t.send(b"?");
    t.wait_for("Keys · browser");
    // Quit is the last rows down: scroll to it.
    t.send(&[b'j'; 30]);
    t.wait_for("Q, Ctrl-c");
    t.send(b"\x1b");
    t.wait_gone("Keys · browser");
    t.send(b"q");
    std::thread::sleep(Duration::from_millis(200));
    assert!(t.child.try_wait().expect("poll").is_none(), "q is unbound");
    t.send(b"Q");
    assert!(t.wait_exit().success());
    t.assert_restored();
}

#[test]
fn a_bad_config_is_reported_in_the_first_frame_and_the_defaults_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        "(\n  keys: { \"browser\": { \"Q\": \"quitt\" } },\n)\n",
    )
    .expect("write");
    let config = config.display().to_string();
    let mut t = start(&[&fixture("good/minimal.ron"), "--config", &config], &[]);
    t.wait_for(":2:29: unknown action `quitt`");
    t.quit_cleanly();
}

#[test]
fn the_light_theme_colours_the_focused_pane_blue() {
    let focus_colour = |args: &[&str]| {
        let mut t = start(args, &[]);
        let colour = t.with_output(|o| o.parser.screen().cell(0, 0).map(|c| c.fgcolor()));
        t.send(b"q");
        t.wait_exit();
        colour
    };
    let minimal = fixture("good/minimal.ron");
    assert_eq!(
        focus_colour(&[&minimal]),
        Some(vt100::Color::Idx(6)),
        "dark: cyan"
    );
    assert_eq!(
        focus_colour(&[&minimal, "--theme", "light"]),
        Some(vt100::Color::Idx(4)),
        "light: blue"
    );
}

/// The matrix and the timeline in the real binary: a cell opened in the
/// browser and Esc back to it; an event opened at its passage.
#[test]
fn matrix_and_timeline_in_a_terminal() {
    let mut t = start(&[&fixture("good/rivers.ron")], &[]);
    t.send(b"m");
    t.wait_for("Matrix · 4 issues");
    t.send(b"jl");
    t.wait_for("Durant on Cap on hydropower storage");
    t.send(b"\r");
    t.wait_for("Positions · Cap on hydropower storage");
    t.send(b"\x1b");
    t.wait_for("Durant on Cap on hydropower storage");
    t.send(b"t");
    t.wait_for("Timeline · everything");
    // The sixteenth entry is the event told in the fund's passage.
    for _ in 0..15 {
        t.send(b"j");
    }
    t.wait_for("Talks resume on the fishery fund");
    t.send(b"\r");
    t.wait_until("the source at the passage", |s| {
        s.contains("quote") && s.contains("River talks wire")
    });
    t.quit_cleanly();
}
