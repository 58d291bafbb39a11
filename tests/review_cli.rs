//! `parley review status` and `parley review export` run as a user would,
//! on the minimal fixture with review files written by hand.

use parley::model::fingerprint::{fingerprint, hex};
use parley::model::{ItemRef, PositionIx};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DATASET_ID: &str = "fixture-minimal";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal.ron")
}

/// The fingerprint the dataset has now for a position: a mark carrying it
/// is current, any other is stale.
fn position_fingerprint(id: &str) -> String {
    let ds = parley::model::load_path(&fixture())
        .expect("fixture readable")
        .into_valid()
        .expect("fixture valid");
    let index = ds
        .positions
        .iter()
        .position(|p| p.id == id)
        .expect("position in fixture");
    let item = ItemRef::Position(PositionIx::from(index));
    hex(fingerprint(&ds, item).expect("positions have fingerprints"))
}

/// A review with north-ceasefire disputed but stale (wrong fingerprint),
/// south-commission verified and current with a multi-line note,
/// med-meetings unmarked, and a mark on a position the dataset lacks.
fn review_text() -> String {
    format!(
        r#"ReviewFile(
    format: 1,
    dataset: "{DATASET_ID}",
    place: Some("south-commission"),
    items: [
        ReviewItem(kind: Position, id: "north-ceasefire", mark: Some(Disputed), note: Some("why"), reviewer: "ana", time: "2026-11-22T10:00:00Z", fingerprint: "x"),
        ReviewItem(kind: Position, id: "south-commission", mark: Some(Verified), note: Some("Matches the *source*.\n<b>Second</b> line\n# not a heading"), reviewer: "bo", time: "2026-11-22T11:30:00Z", fingerprint: "{fp}"),
        ReviewItem(kind: Position, id: "dropped-position", mark: Some(Flagged), note: Some("was here"), reviewer: "ana", time: "2026-11-20T08:00:00Z", fingerprint: "0123456789abcdef"),
    ],
)
"#,
        fp = position_fingerprint("south-commission"),
    )
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    /// Runs parley with a state folder of its own, so a test never touches
    /// the user's review files.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_parley"))
            .env(
                "XDG_CONFIG_HOME",
                concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home"),
            )
            .args(args)
            .env("XDG_STATE_HOME", self.path("state"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("parley runs")
    }
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn status_counts_marks_stale_and_orphans() {
    let env = Env::new();
    let review = env.write("r.review.ron", &review_text());
    let out = env.run(&[
        "review",
        "status",
        arg(&fixture()),
        "--review",
        arg(&review),
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!({
            "total": 3, "verified": 1, "disputed": 0, "flagged": 0, "skipped": 0,
            "unreviewed": 2, "stale": 1, "orphaned": 1
        })
    );
}

#[test]
fn status_without_a_review_file_counts_everything_unreviewed() {
    let env = Env::new();
    let review = env.path("none.review.ron");
    let out = env.run(&[
        "review",
        "status",
        arg(&fixture()),
        "--review",
        arg(&review),
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!((&v["total"], &v["unreviewed"]), (&3.into(), &3.into()));
    assert!(!review.exists(), "a report must not create the review file");
}

fn export(env: &Env, format: &str, name: &str) -> String {
    let review = env.write("r.review.ron", &review_text());
    let before = std::fs::read(&review).expect("read");
    let out_path = env.path(name);
    let out = env.run(&[
        "review",
        "export",
        arg(&fixture()),
        "--format",
        format,
        "-o",
        arg(&out_path),
        "--review",
        arg(&review),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "-o writes nothing to stdout");
    assert_eq!(
        std::fs::read(&review).expect("read"),
        before,
        "export never writes the review file"
    );
    std::fs::read_to_string(&out_path).expect("export written")
}

#[test]
fn export_markdown() {
    let env = Env::new();
    let md = export(&env, "md", "review.md");
    assert!(md.starts_with("# Review: Fixture talks\n"), "{md}");
    assert!(md.contains("| 1 | 0 | 0 | 0 | 2 | 1 | 1 |"), "{md}");
    assert!(
        md.contains("### ✘ Disputed (stale) · Northland — demands (2024-05-06)"),
        "{md}"
    );
    assert!(
        md.contains("- **Mark:** ✘ disputed (stale — changed since review)"),
        "{md}"
    );
    assert!(
        md.contains("### ✔ Verified · Southland — proposes (2024-05)"),
        "{md}"
    );
    assert!(
        md.contains(
            "- **Note:** Matches the \\*source\\*.\\\n  \\<b\\>Second\\</b\\> line\\\n  \\# not a heading\n"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "> The Southern delegation proposed a joint commission. ... could meet weekly.\n>\n> — Southland, *Talks resume*, Fixture Wire, 2024-05-06, `q-south-commission`\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("### ○ Unreviewed · Mediatoria — supports (2024)"),
        "{md}"
    );
    assert!(md.contains("## Orphaned marks"), "{md}");
    assert!(
        md.contains("### Position `dropped-position`\n\n- **Mark:** ⚑ flagged\n- **Reviewer:** ana\n- **Time:** 2026-11-20T08:00:00Z\n- **Note:** was here\n"),
        "{md}"
    );
    assert!(!md.contains("<b>"), "{md}");
}

#[test]
fn export_json() {
    let env = Env::new();
    let text = export(&env, "json", "review.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["dataset"]["id"], DATASET_ID);
    assert_eq!(v["counts"]["stale"], 1);
    assert_eq!(v["counts"]["orphaned"], 1);
    let north = &v["issues"][0]["positions"][0];
    assert_eq!(north["id"], "north-ceasefire");
    assert_eq!(
        (&north["mark"], &north["stale"]),
        (&"disputed".into(), &true.into())
    );
    assert_eq!(north["note"], "why");
    let south = &v["issues"][1]["positions"][0];
    assert_eq!(
        (&south["mark"], &south["stale"]),
        (&"verified".into(), &false.into())
    );
    assert_eq!(
        south["note"],
        "Matches the *source*.\n<b>Second</b> line\n# not a heading"
    );
    assert_eq!(south["reviewer"], "bo");
    assert_eq!(south["time"], "2026-11-22T11:30:00Z");
    assert_eq!(south["quotes"][0]["source"]["title"], "Talks resume");
    assert_eq!(v["issues"][2]["positions"][0]["mark"], "unreviewed");
    assert_eq!(v["orphans"][0]["id"], "dropped-position");
    assert_eq!(v["orphans"][0]["mark"], "flagged");
}

#[test]
fn export_csv() {
    let env = Env::new();
    let text = export(&env, "csv", "review.csv");
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(ids, ["north-ceasefire", "south-commission", "med-meetings"]);
    assert_eq!((&rows[0][7], &rows[0][8]), ("disputed", "true"));
    assert_eq!(
        (&rows[1][7], &rows[1][9]),
        (
            "verified",
            "Matches the *source*.\n<b>Second</b> line\n# not a heading"
        )
    );
    assert!(
        rows[1][12].starts_with("“The Southern delegation proposed"),
        "{}",
        &rows[1][12]
    );
}

#[test]
fn export_to_stdout_by_default() {
    let env = Env::new();
    let review = env.write("r.review.ron", &review_text());
    let out = env.run(&[
        "review",
        "export",
        arg(&fixture()),
        "--review",
        arg(&review),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("# Review: Fixture talks\n"));
}

#[test]
fn a_broken_review_file_is_reported_with_its_place_and_left_alone() {
    let env = Env::new();
    let broken = format!(
        "ReviewFile(\n    format: 1,\n    dataset: \"{DATASET_ID}\",\n    items: [oops],\n)\n"
    );
    let review = env.write("broken.review.ron", &broken);
    let before = std::fs::read(&review).expect("read");
    let out = env.run(&[
        "review",
        "status",
        arg(&fixture()),
        "--review",
        arg(&review),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:4:13", review.display())), "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&review).expect("read"), before);

    let out_path = env.path("out.md");
    let out = env.run(&[
        "review",
        "export",
        arg(&fixture()),
        "-o",
        arg(&out_path),
        "--review",
        arg(&review),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!out_path.exists(), "no export from a broken review");
    assert_eq!(std::fs::read(&review).expect("read"), before);
}

#[test]
fn a_review_of_another_dataset_is_refused() {
    let env = Env::new();
    let review = env.write(
        "other.review.ron",
        "ReviewFile(format: 1, dataset: \"another\", items: [])",
    );
    let out = env.run(&[
        "review",
        "status",
        arg(&fixture()),
        "--review",
        arg(&review),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`another`"), "{}", stderr(&out));
}
