//! Never losing a mark or a note, through the real binary in a
//! pseudo-terminal: an editor whose terminal does not answer, a save that
//! fails and is retried and asked about, a review file changed on disk by
//! someone else, and a signal while a note is being typed.

mod common;

use common::pty::{Term, find, fixture};
use parley::review::{Mark, store};
use std::path::Path;
use std::time::{Duration, Instant};

/// Waits until `path` exists, or fails at the deadline.
fn wait_for_file(path: &Path, what: &str) {
    let deadline = Instant::now() + common::pty::DEADLINE;
    while !path.exists() {
        assert!(Instant::now() < deadline, "no {what} after the deadline");
        std::thread::sleep(common::pty::POLL);
    }
}

fn marks(review: &Path) -> Vec<(String, Option<Mark>, Option<String>)> {
    let file = store::read(review).expect("review file reads");
    file.items
        .into_iter()
        .map(|it| (it.id, it.mark, it.note))
        .collect()
}

/// The fingerprint a mark on a position of the minimal fixture carries.
fn fingerprint_of(position: &str) -> String {
    let path = Path::new(&fixture("good/minimal.ron")).to_path_buf();
    let ds = parley::model::load_path(&path)
        .expect("readable")
        .into_valid()
        .expect("valid");
    let data = parley::prepared::Prepared::new(ds);
    let item = data
        .find(parley::model::Kind::Position, position)
        .expect("position");
    parley::model::fingerprint::hex(data.fingerprint(item).expect("fingerprint"))
}

#[cfg(unix)]
fn executable(path: &Path, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, script).expect("script");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// `$EDITOR` writes a note, and the window is resized while it runs. The
/// harness never answers a cursor-position query (`ESC [ 6 n`), as a
/// terminal that does not support one would not: parley must not ask,
/// or, asking, must not give up and exit with the note unsaved.
#[cfg(unix)]
#[test]
fn a_note_from_the_editor_is_kept_when_the_terminal_does_not_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let editor = dir.path().join("editor.sh");
    let started = dir.path().join("started");
    let go_on = dir.path().join("go-on");
    executable(
        &editor,
        &format!(
            "#!/bin/sh\nprintf 'written in the editor\\n' > \"$1\"\ntouch '{}'\n\
             i=0; while [ ! -e '{}' ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done\n",
            started.display(),
            go_on.display()
        ),
    );
    let review = dir.path().join("r.review.ron");
    let review_arg = review.display().to_string();
    let editor_arg = editor.display().to_string();
    let mut t = Term::spawn_with_env(
        &[
            "review",
            &fixture("good/minimal.ron"),
            "--review",
            &review_arg,
        ],
        &[("EDITOR", &editor_arg), ("VISUAL", "")],
        40,
        120,
    );
    t.wait_for("0/3 reviewed");
    t.send(b"e");
    wait_for_file(&started, "editor");
    t.resize(30, 100);
    std::fs::write(&go_on, "").expect("let the editor return");
    t.wait_for("written in the editor");
    let ids = marks(&review);
    assert!(
        ids.iter()
            .any(|(_, _, note)| note.as_deref() == Some("written in the editor")),
        "{ids:?}"
    );
    t.send(b"q");
    assert!(t.wait_exit().success());
    t.assert_restored();
    t.with_output(|o| {
        assert!(
            find(&o.raw, b"\x1b[6n", 0).is_none(),
            "parley asked where the cursor is"
        );
    });
}

/// `parley review` of the minimal fixture into `review`, on a 120×40
/// terminal.
fn review_minimal(review: &Path) -> Term {
    let review = review.display().to_string();
    Term::spawn(
        &["review", &fixture("good/minimal.ron"), "--review", &review],
        40,
        120,
    )
}

/// The review folder vanishes (as a full disk would refuse the write):
/// the mark stays on screen as unsaved, is saved again on a later key,
/// and quitting with it unsaved asks first; once the folder is back,
/// quitting saves it.
#[test]
fn a_failed_save_keeps_the_mark_unsaved_retries_it_and_asks_before_quitting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("reviews");
    let review = folder.join("r.review.ron");
    let mut t = review_minimal(&review);
    t.wait_for("0/3 reviewed");
    t.send(b"a");
    t.wait_for("1/3 reviewed");
    assert_eq!(marks(&review).len(), 1);

    std::fs::remove_dir_all(&folder).expect("the folder goes");
    t.send(b"x");
    t.wait_for("1 mark or note not saved, tried again on the next key");
    // Back to the item: its mark shows as not saved, and the retry this
    // key asked for failed too.
    t.send(b"h");
    t.wait_for("not saved yet");
    t.wait_for("[1 unsaved]");
    // Quitting asks, and does not quit.
    t.send(b"q");
    t.wait_for("quits without them");
    t.wait_for("any other key stays");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        t.child.try_wait().expect("poll").is_none(),
        "q quit at once"
    );
    // Any other key stays (and retries, failing again).
    t.send(b"k");
    t.wait_gone("quits without them");
    t.wait_for("[1 unsaved]");

    // Space is back: the next key saves, and the badge goes.
    std::fs::create_dir_all(&folder).expect("the folder is back");
    t.send(b"k");
    t.wait_gone("[1 unsaved]");
    t.wait_gone("not saved yet");
    let saved = marks(&review);
    assert!(
        saved.iter().any(|(_, m, _)| *m == Some(Mark::Disputed)),
        "{saved:?}"
    );
    t.quit_cleanly();
}

/// The folder is back only after `q` asked: `q` again quits, and the
/// save made while quitting keeps the mark.
#[test]
fn quitting_after_space_is_freed_saves_the_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("reviews");
    let review = folder.join("r.review.ron");
    let mut t = review_minimal(&review);
    t.wait_for("0/3 reviewed");
    std::fs::remove_dir_all(&folder).expect("the folder goes");
    t.send(b"f");
    t.wait_for("not saved");
    t.send(b"q");
    t.wait_for("quits without them");
    std::fs::create_dir_all(&folder).expect("the folder is back");
    t.send(b"q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
    let saved = marks(&review);
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0].1, Some(Mark::Flagged));
}

/// A mark written into the review file by someone else while parley
/// holds it is merged with parley's next save, not overwritten.
#[test]
fn a_review_file_changed_on_disk_is_merged_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let review = dir.path().join("r.review.ron");
    let mut t = review_minimal(&review);
    t.wait_for("0/3 reviewed");
    t.send(b"a");
    t.wait_for("1/3 reviewed");
    // Someone else adds a flag on the third position.
    let mut file = store::read(&review).expect("read");
    let mut theirs = file.items[0].clone();
    theirs.id = "med-meetings".into();
    theirs.fingerprint = fingerprint_of("med-meetings");
    theirs.mark = Some(Mark::Flagged);
    theirs.note = Some("from another tool".into());
    theirs.reviewer = "other".into();
    file.items.push(theirs);
    let text =
        ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("serialise");
    store::save_atomically(&review, text.as_bytes()).expect("outside write");
    t.send(b"x");
    t.wait_for("changed on disk: merged");
    let saved = marks(&review);
    let mark_of = |id: &str| saved.iter().find(|(i, _, _)| i == id).and_then(|m| m.1);
    assert_eq!(mark_of("med-meetings"), Some(Mark::Flagged), "{saved:?}");
    assert_eq!(saved.len(), 3, "{saved:?}");
    // The review on screen took it in.
    t.wait_for("3/3 reviewed");
    t.quit_cleanly();
}

/// SIGTERM while a note is being typed: the note is saved, the terminal
/// restored, and the exit status is 128 + 15.
#[test]
fn sigterm_while_typing_a_note_saves_it_and_exits_143() {
    let dir = tempfile::tempdir().expect("tempdir");
    let review = dir.path().join("r.review.ron");
    let mut t = review_minimal(&review);
    t.wait_for("0/3 reviewed");
    t.send(b"n");
    t.wait_for("Note on position");
    t.send(b"typed before the signal");
    t.wait_for("typed before the signal");
    t.signal("TERM");
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 143, "{status}");
    t.assert_restored();
    let saved = marks(&review);
    assert_eq!(
        saved[0].2.as_deref(),
        Some("typed before the signal"),
        "{saved:?}"
    );
}
