//! The views of the whole negotiation on a held-out fixture: the matrix
//! and its orders, the timeline's days, partial dates, moves and holds,
//! links followed both ways, and `parley export` in its three formats.

mod common;

use common::parley;

use common::{press, state};
use parley::analysis::{self, Entry, Narrow, RowOrder, date_text};
use parley::app::{Pane, Screen, State};
use parley::prepared::Prepared;
use std::path::Path;

fn rivers() -> Prepared {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/rivers.ron");
    let loaded = parley::model::load_path(&path).expect("fixture readable");
    Prepared::new(loaded.into_valid().expect("fixture valid"))
}

fn ids<'a>(data: &'a Prepared, rows: &[(parley::model::IssueIx, usize)]) -> Vec<&'a str> {
    rows.iter()
        .map(|&(i, _)| data.ds.issues[i].id.as_str())
        .collect()
}

#[test]
fn the_matrix_orders_rows_by_tree_status_or_disagreement() {
    let data = rivers();
    let cols = analysis::columns(&data);
    let names: Vec<&str> = cols
        .iter()
        .map(|&p| data.ds.parties[p].id.as_str())
        .collect();
    assert_eq!(
        names,
        ["velmora", "durant", "mediator", "observer"],
        "principals first"
    );
    assert_eq!(
        ids(&data, &analysis::rows(&data, RowOrder::Tree, &cols)),
        ["water", "cap", "fund", "navigation"]
    );
    assert_eq!(
        ids(&data, &analysis::rows(&data, RowOrder::Status, &cols)),
        ["cap", "water", "fund", "navigation"],
        "contested, open, converging, deferred"
    );
    // The cap: skeptical (3) against demands (4); the fund: proposes (1)
    // against supports (0); one party or none: no disagreement.
    let cap = data.index.issue("cap").expect("cap");
    assert_eq!(analysis::disagreement(&data, cap, &cols), 1);
    assert_eq!(
        ids(&data, &analysis::rows(&data, RowOrder::Disagreement, &cols)),
        ["cap", "fund", "water", "navigation"]
    );
}

#[test]
fn a_cell_shows_the_latest_stance_and_whether_it_moved_or_was_reported() {
    let data = rivers();
    let cell = |issue: &str, party: &str| {
        analysis::cell(
            &data,
            data.index.issue(issue).expect("issue"),
            data.index.party(party).expect("party"),
        )
    };
    let velmora = cell("cap", "velmora").expect("positions");
    assert_eq!(data.ds.positions[velmora.latest].id, "v-cap-nov");
    assert_eq!(velmora.positions.len(), 4);
    assert!(velmora.moved && !velmora.reported);
    let navigation = cell("navigation", "durant").expect("a position");
    assert!(navigation.reported && !navigation.moved);
    assert!(cell("cap", "observer").is_none(), "an empty cell");
}

fn entry_text(data: &Prepared, e: Entry) -> String {
    let (ds, ix) = (&data.ds, &data.index);
    match e {
        Entry::Day(d) => date_text(d),
        Entry::Undated => "Undated".into(),
        Entry::Event(e) => format!("  event {}", ds.events[e].id),
        Entry::Position(p) => format!("  position {}", ds.positions[p].id),
        Entry::Change { from, to, moved } => {
            let (a, b) = (&ds.positions[from], &ds.positions[to]);
            format!(
                "  {} {} · {}: {} → {} ({} → {})",
                if moved { "moved" } else { "held" },
                ix.party_name(ds, &b.party),
                ix.issue_title(ds, &b.issue),
                a.stance.label(),
                b.stance.label(),
                a.date.as_deref().unwrap_or(""),
                b.date.as_deref().unwrap_or("")
            )
        }
    }
}

#[test]
fn the_timeline_groups_by_day_puts_partial_dates_first_and_says_what_moved() {
    let data = rivers();
    let lines: Vec<String> = analysis::timeline(&data, Narrow::All)
        .into_iter()
        .map(|e| entry_text(&data, e))
        .collect();
    assert_eq!(
        lines,
        [
            "2031",
            "  position d-navigation",
            "2031-06-13",
            "  position v-cap-june",
            "2031-09",
            "  position m-fund",
            "2031-09-20",
            "  event summit",
            "  position v-cap-sept",
            "  position d-cap",
            "  moved Republic of Velmora · Cap on hydropower storage: rejects → accepts (2031-06-13 → 2031-09-20)",
            "2031-10",
            "  position v-cap-oct",
            "  held Republic of Velmora · Cap on hydropower storage: accepts → accepts (2031-09-20 → 2031-10)",
            "2031-10-02",
            "  event talks-resume",
            "2031-11-05",
            "  position v-cap-nov",
            "  moved Republic of Velmora · Cap on hydropower storage: accepts → skeptical (2031-10 → 2031-11-05)",
            "Undated",
            "  position d-fund",
        ]
    );
    // Narrowed to a party: its positions and the events it took part in.
    let durant = data.index.party("durant").expect("party");
    let narrowed: Vec<String> = analysis::timeline(&data, Narrow::Party(durant))
        .into_iter()
        .map(|e| entry_text(&data, e))
        .collect();
    assert_eq!(
        narrowed,
        [
            "2031",
            "  position d-navigation",
            "2031-09-20",
            "  event summit",
            "  position d-cap",
            "Undated",
            "  position d-fund",
        ]
    );
}

fn rivers_state() -> State {
    state(rivers(), 120, 40)
}

fn position_id(s: &State) -> Option<&str> {
    s.main
        .position()
        .map(|p| s.data.ds.positions[p].id.as_str())
}

#[test]
fn the_matrix_opens_a_cell_in_the_browser_and_esc_comes_back() {
    let mut s = rivers_state();
    press(&mut s, "m j l");
    let Screen::Matrix(view) = &s.screen else {
        panic!("matrix expected")
    };
    let (row, col) = (view.row, view.col);
    press(&mut s, "Enter");
    assert!(matches!(s.screen, Screen::Main(_)));
    assert_eq!(position_id(&s), Some("d-cap"), "Durant's latest on the cap");
    assert_eq!(s.main.focus, Pane::Positions);
    press(&mut s, "Esc");
    let Screen::Matrix(view) = &s.screen else {
        panic!("Esc returns to the matrix")
    };
    assert_eq!((view.row, view.col), (row, col), "the same cell");
    // o cycles the order and keeps the cell.
    press(&mut s, "o");
    let Screen::Matrix(view) = &s.screen else {
        panic!("matrix")
    };
    assert_eq!(view.order, RowOrder::Status);
    assert_eq!(
        view.issue().map(|i| s.data.ds.issues[i].id.as_str()),
        Some("cap")
    );
}

#[test]
fn an_event_opens_its_source_at_its_passage() {
    let mut s = rivers_state();
    press(&mut s, "t");
    let Screen::Timeline(view) = &s.screen else {
        panic!("timeline expected")
    };
    let at = view
        .entries
        .iter()
        .position(|e| matches!(e, Entry::Event(e) if s.data.ds.events[*e].id == "talks-resume"))
        .expect("the event");
    for _ in 0..at {
        press(&mut s, "j");
    }
    press(&mut s, "Enter");
    let Screen::Source(view, _) = &s.screen else {
        panic!("source viewer expected")
    };
    assert_eq!(
        view.quote.map(|q| s.data.ds.quotes[q].id.as_str()),
        Some("q-fund"),
        "at the passage, not the top"
    );
    press(&mut s, "Esc");
    assert!(matches!(s.screen, Screen::Timeline(_)));
}

#[test]
fn links_are_followed_both_ways() {
    let mut s = rivers_state();
    // Velmora's September acceptance is conditional on the fishery fund.
    press(&mut s, "j j Tab j Tab j");
    assert_eq!(position_id(&s), Some("v-cap-sept"));
    press(&mut s, "L");
    assert_eq!(parley::app::mode(&s), parley::keymap::Mode::Links);
    press(&mut s, "Enter");
    assert_eq!(s.main.focus, Pane::Issues);
    let issue = s.main.issue().map(|i| s.data.ds.issues[i].id.clone());
    assert_eq!(issue.as_deref(), Some("fund"));
    // And back: the fund lists the position that depends on it.
    press(&mut s, "L Enter");
    assert_eq!(position_id(&s), Some("v-cap-sept"));
    assert_eq!(s.main.focus, Pane::Positions);
    // Ctrl-o walks back through both.
    press(&mut s, "C-o");
    assert_eq!(
        s.main.issue().map(|i| s.data.ds.issues[i].id.as_str()),
        Some("fund")
    );
}

#[test]
fn the_review_screen_lists_links_and_enter_follows_one() {
    let mut s = common::with_review(rivers_state());
    press(&mut s, "r");
    // Review the cap's September acceptance: step to it.
    for _ in 0..10 {
        let Screen::Review(view, _) = &s.screen else {
            panic!("review")
        };
        if view
            .position()
            .is_some_and(|p| s.data.ds.positions[p].id == "v-cap-sept")
        {
            break;
        }
        press(&mut s, "l");
    }
    // Its one quote, then its one link.
    let Screen::Review(view, _) = &s.screen else {
        panic!("review")
    };
    let p = view.position().expect("an item");
    assert_eq!(s.data.ds.positions[p].id, "v-cap-sept");
    press(&mut s, "Tab");
    let Screen::Review(view, _) = &s.screen else {
        panic!("review")
    };
    assert_eq!(view.quote, 1, "the link is selected");
    press(&mut s, "Enter");
    assert!(matches!(s.screen, Screen::Main(_)), "{:?}", s.screen);
    assert_eq!(
        s.main.issue().map(|i| s.data.ds.issues[i].id.as_str()),
        Some("fund")
    );
}

fn export(format: &str) -> String {
    let out = parley()
        .args(["export", "--format", format])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_json_export_reads_back_with_every_item() {
    let data = common::bundled_data();
    let doc: serde_json::Value = serde_json::from_str(&export("json")).expect("JSON");
    assert_eq!(doc["schema"], parley::export::SCHEMA);
    for (key, n) in [
        ("parties", data.ds.parties.len()),
        ("people", data.ds.people.len()),
        ("issues", data.ds.issues.len()),
        ("positions", data.ds.positions.len()),
        ("quotes", data.ds.quotes.len()),
        ("sources", data.ds.sources.len()),
        ("events", data.ds.events.len()),
    ] {
        assert_eq!(doc[key].as_array().map(Vec::len), Some(n), "{key}");
    }
    // The dataset's own field names, provenance included, and every quote
    // where it sits.
    let reported = doc["positions"]
        .as_array()
        .expect("positions")
        .iter()
        .filter(|p| p["reported_by"].is_string())
        .count();
    assert!(reported > 0);
    for q in doc["quotes"].as_array().expect("quotes") {
        let state = q["anchor"]["state"].as_str().expect("a state");
        assert!(
            ["exact", "normalised", "elided", "ambiguous"].contains(&state),
            "{q}"
        );
        assert!(!q["anchor"]["ranges"].as_array().expect("ranges").is_empty());
    }
    // It is the model: parley reads it back through serde.
    let mut back = doc.clone();
    back.as_object_mut().expect("object").remove("schema");
    for q in back["quotes"].as_array_mut().expect("quotes") {
        q.as_object_mut().expect("quote").remove("anchor");
    }
    let model: parley::model::Dataset = serde_json::from_value(back).expect("the model");
    assert_eq!(model.positions.len(), data.ds.positions.len());
}

#[test]
fn the_csv_export_has_one_row_per_position_and_quote() {
    let data = common::bundled_data();
    let text = export("csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let expected: usize = data
        .ds
        .positions
        .keys()
        .map(|p| data.index.quotes_of[p].len().max(1))
        .sum();
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|r| !r[0].starts_with(['=', '+', '-', '@'])));
}

#[test]
fn the_markdown_briefing_has_every_quote_and_the_matrix() {
    let data = common::bundled_data();
    let md = export("md");
    for q in data.ds.quotes.keys() {
        let id = &data.ds.quotes[q].id;
        let cited = !data.index.citing_positions[q].is_empty();
        assert!(!cited || md.contains(&format!("`{id}`")), "{id} missing");
    }
    assert!(md.contains("## Position matrix"));
    assert!(
        md.contains("| Issue | Status | Russia | Ukraine |"),
        "principals first"
    );
}

#[test]
fn a_dataset_with_errors_exports_nothing() {
    let out = parley()
        .args([
            "export",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad/syntax.ron"),
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty(), "it says why");
}
