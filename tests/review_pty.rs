//! Review sessions through the real binary in a pseudo-terminal: a whole
//! short session ending in an export, and SIGKILL at random moments
//! without losing one acknowledged mark.

mod common;

use common::pty::Term;
use parley::review::{Mark, store};
use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The "n/M reviewed" count on the review screen.
fn reviewed(screen: &str) -> Option<usize> {
    let at = screen.find(" reviewed")?;
    let head = &screen[..at];
    let slash = head.rfind('/')?;
    let start = head[..slash]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(0, |(i, c)| i + c.len_utf8());
    head[start..slash].parse().ok()
}

/// The id of the position on screen: the end of the line under its
/// party and stance.
fn current_id(screen: &str) -> Option<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| l.contains("┌ Position "))?;
    let inner = lines.get(at + 2)?.trim_matches(|c| c == '│' || c == ' ');
    Some(inner.rsplit(" · ").next()?.trim().to_string())
}

/// Waits until the screen satisfies `cond` and has stopped changing: a
/// frame can reach the pty in pieces, and a half-drawn one mixes two items.
fn settle(t: &mut Term, what: &str, cond: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        t.wait_until(what, &cond);
        let first = t.screen_text();
        std::thread::sleep(std::time::Duration::from_millis(40));
        let second = t.screen_text();
        if first == second && cond(&second) {
            return second;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what} never settled:\n{second}"
        );
    }
}

#[test]
fn a_short_session_ends_in_an_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let review = dir.path().join("minimal.review.ron");
    let review_arg = review.display().to_string();
    let mut t = Term::spawn(
        &[
            "review",
            &fixture("good/minimal.ron"),
            "--review",
            &review_arg,
            "--reviewer",
            "tess",
        ],
        40,
        120,
    );
    t.wait_for("0/3 reviewed");
    t.send(b"x");
    t.wait_for("1/3 reviewed");
    t.send(b"h");
    t.wait_for("disputed  by tess");
    t.send(b"n");
    t.wait_for("Note on position");
    t.send(b"No monitoring is mentioned.");
    t.wait_for("No monitoring is mentioned.");
    t.send(b"\x1b");
    t.wait_gone("Note on position");
    t.send(b"l");
    t.wait_for("Position 2/3");
    t.send(b"a");
    t.wait_for("2/3 reviewed");
    t.send(b"f");
    t.wait_for("Review of everything complete");
    t.wait_for("No monitoring is mentioned.");
    t.send(b"q");
    assert!(t.wait_exit().success());
    t.assert_restored();

    let out = Command::new(env!("CARGO_BIN_EXE_parley"))
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home"),
        )
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .args([
            "review",
            "export",
            &fixture("good/minimal.ron"),
            "--review",
            &review_arg,
            "--format",
            "md",
        ])
        .output()
        .expect("export runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "north-ceasefire",
        "Disputed",
        "No monitoring is mentioned.",
        "tess",
        "Verified",
        "Flagged",
        "Talks resume",
    ] {
        assert!(doc.contains(expected), "export lacks {expected:?}:\n{doc}");
    }
}

/// A tiny deterministic generator, so a failure can be replayed from the
/// seed it prints.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_mark() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64);
    let mut rng = Lcg(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    let review = dir.path().join("bundled.review.ron");
    let review_arg = review.display().to_string();
    let keys = [
        (b'a', Mark::Verified),
        (b'x', Mark::Disputed),
        (b'f', Mark::Flagged),
        (b's', Mark::Skipped),
    ];
    // Every mark the screen acknowledged (the count went up), by id.
    let mut acknowledged: Vec<(String, Mark)> = Vec::new();
    for round in 0..20 {
        let mut t = Term::spawn(
            &["review", "--review", &review_arg, "--reviewer", "kill"],
            40,
            120,
        );
        let mut screen = settle(&mut t, "the review screen", |s| {
            reviewed(s).is_some() && current_id(s).is_some()
        });
        let marks = rng.next(3);
        for _ in 0..marks {
            let (Some(before), Some(id)) = (reviewed(&screen), current_id(&screen)) else {
                panic!("seed {seed}, round {round}: no count or id on screen:\n{screen}");
            };
            if before >= 30 {
                break;
            }
            let (key, mark) = keys[rng.next(4) as usize];
            t.send(&[key]);
            // Sometimes kill before the screen says the mark was made.
            if rng.next(4) == 0 {
                break;
            }
            screen = settle(&mut t, "the mark to count", |s| {
                reviewed(s) == Some(before + 1) && current_id(s).is_some_and(|now| now != id)
            });
            acknowledged.retain(|(i, _)| *i != id);
            acknowledged.push((id, mark));
        }
        t.signal("KILL");
        t.wait_exit();
        let file = store::read(Path::new(&review))
            .unwrap_or_else(|e| panic!("seed {seed}, round {round}: {e}"));
        for (id, mark) in &acknowledged {
            let item = file.items.iter().find(|it| &it.id == id);
            assert_eq!(
                item.and_then(|it| it.mark),
                Some(*mark),
                "seed {seed}, round {round}: mark on {id} lost"
            );
        }
    }
    assert!(
        !acknowledged.is_empty(),
        "seed {seed}: no mark was ever made"
    );
}

#[test]
fn a_second_parley_says_read_only_in_its_first_frame() {
    let dir = tempfile::tempdir().expect("tempdir");
    let review = dir.path().join("minimal.review.ron");
    let review_arg = review.display().to_string();
    let args = [fixture("good/minimal.ron"), "--review".into(), review_arg];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut first = Term::spawn(&args, 30, 120);
    first.wait_for("All parties");
    let mut second = Term::spawn(&args, 30, 120);
    // No key is pressed: the notice is there from the start.
    second.wait_for("read-only: held by parley");
    second.send(b"j");
    second.wait_for("[read-only]");
    second.send(b"q");
    assert!(second.wait_exit().success());
    first.send(b"q");
    assert!(first.wait_exit().success());
}
