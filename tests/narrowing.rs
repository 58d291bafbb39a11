//! The query language in the terminal: qualifiers in the palette and the
//! pane filter, the filter menu and its counts, chips narrowing every
//! view, and saved views.

mod common;

use common::{good_data, press, screen, state, type_text, with_review};
use parley::app::{Screen, State};
use parley::keymap::Mode;
use parley::prepared::Prepared;
use std::sync::Arc;

fn facets() -> Prepared {
    good_data("facets.ron")
}

fn mono(data: Prepared, width: u16, height: u16) -> State {
    State::new(Arc::new(data), width, height, false)
}

fn palette_ids(s: &State) -> Vec<String> {
    s.palette()
        .expect("palette open")
        .hits
        .iter()
        .map(|h| format!("{}:{}", h.item.kind().as_str(), s.data.id(h.item)))
        .collect()
}

fn position_ids(s: &State) -> Vec<&str> {
    s.main
        .position_rows
        .iter()
        .map(|&p| s.data.ds.positions[p].id.as_str())
        .collect()
}

#[test]
fn the_palette_takes_qualifiers_and_says_what_is_wrong() {
    let mut s = state(facets(), 120, 40);
    press(&mut s, "/");
    type_text(&mut s, "stance:red-line kind:position");
    assert_eq!(
        palette_ids(&s),
        ["position:v-cap-oct", "position:d-navigation"]
    );
    // A typo is an error on screen, with a suggestion, and no stale hits.
    for _ in 0.."stance:red-line kind:position".len() {
        press(&mut s, "Backspace");
    }
    type_text(&mut s, "stanse:red-line");
    let p = s.palette().expect("open");
    assert!(p.hits.is_empty());
    let text = screen(&s);
    assert!(text.contains("unknown qualifier `stanse:`"), "{text}");
    assert!(text.contains("did you mean `stance:`"), "{text}");
    // Mixed with text and synonyms: hydroelectric finds hydropower.
    for _ in 0.."stanse:red-line".len() {
        press(&mut s, "Backspace");
    }
    type_text(&mut s, "party:durant hydroelectric");
    assert_eq!(
        palette_ids(&s),
        ["issue:cap", "position:d-cap", "quote:q-durant-cap"],
        "the issue Durant holds a position on, the position, its quote"
    );
}

#[test]
fn the_pane_filter_takes_qualifiers_and_finds_what_rows_show() {
    let mut s = state(facets(), 120, 40);
    // All parties, the issue `Water sharing` lists its sub-issues'
    // positions.
    press(&mut s, "Tab Tab");
    assert_eq!(s.main.issue(), s.data.index.issue("water"));
    let all = position_ids(&s).len();
    assert_eq!(all, 6);
    // The stance word shown in the row.
    press(&mut s, "f");
    type_text(&mut s, "red line");
    assert_eq!(position_ids(&s), ["v-cap-oct"]);
    press(&mut s, "Esc");
    assert_eq!(position_ids(&s).len(), all);
    // The party name shown in the row.
    press(&mut s, "f");
    type_text(&mut s, "durant");
    assert_eq!(position_ids(&s), ["d-cap", "d-fund"]);
    press(&mut s, "Esc f");
    // A qualifier.
    type_text(&mut s, "by:varga");
    assert_eq!(position_ids(&s), ["v-cap-june", "v-cap-oct"]);
    press(&mut s, "Enter");
    assert_eq!(parley::app::mode(&s), Mode::Browser);
    assert_eq!(position_ids(&s), ["v-cap-june", "v-cap-oct"]);
    // A mistake leaves the rows and says why on the filter line.
    press(&mut s, "f");
    type_text(&mut s, "x");
    let text = screen(&s);
    assert!(text.contains("✗ no person matches `vargax`"), "{text}");
    assert_eq!(parley::app::mode(&s), Mode::Filter);
    assert_eq!(position_ids(&s).len(), all);
}

#[test]
fn the_filter_menu_counts_values_and_makes_chips() {
    let mut s = state(facets(), 120, 40);
    press(&mut s, "c");
    assert_eq!(parley::app::mode(&s), Mode::Facets);
    let Screen::Facets(menu) = &s.screen else {
        panic!("the menu is open");
    };
    let count = |menu: &parley::app::FacetMenu, clause: &str| {
        menu.counts
            .iter()
            .flat_map(|f| &f.values)
            .find(|v| v.clause == clause)
            .map(|v| v.count)
    };
    // Counts are of positions.
    assert_eq!(count(menu, "stance:red-line"), Some(2));
    assert_eq!(count(menu, "party:velmora"), Some(3));
    assert_eq!(count(menu, "status:contested"), Some(4));
    assert_eq!(count(menu, "is:reported"), Some(1));
    assert_eq!(count(menu, "date:2031-09"), Some(1));
    assert_eq!((menu.kept, menu.total), (7, 7));
    // The cursor starts on the first party (most positions, then by
    // name); Space chooses the one below it.
    assert_eq!(menu.clause(), Some("party:durant"));
    press(&mut s, "j Space");
    assert_eq!(s.narrow.chips, ["party:velmora"]);
    let Screen::Facets(menu) = &s.screen else {
        panic!("still open");
    };
    assert_eq!(menu.kept, 3);
    // Other facets are counted under the chip; the party facet is not,
    // so another party can be added.
    assert_eq!(count(menu, "stance:red-line"), Some(1));
    assert_eq!(count(menu, "party:durant"), Some(3));
    // Up to Durant, then exclude it: a negative chip.
    press(&mut s, "k");
    let Screen::Facets(menu) = &s.screen else {
        panic!("still open");
    };
    assert_eq!(menu.clause(), Some("party:durant"));
    press(&mut s, "x");
    assert_eq!(s.narrow.chips, ["party:velmora", "-party:durant"]);
    press(&mut s, "x");
    assert_eq!(s.narrow.chips, ["party:velmora"]);
    // Esc goes back to the browser, narrowed.
    press(&mut s, "Esc");
    assert_eq!(parley::app::mode(&s), Mode::Browser);
    let parties: Vec<Option<&str>> = s
        .main
        .party_rows
        .iter()
        .map(|p| p.map(|p| s.data.ds.parties[p].id.as_str()))
        .collect();
    assert_eq!(parties, [None, Some("velmora")]);
    let text = screen(&s);
    assert!(text.contains("⧩ [party:velmora]"), "{text}");
    // C clears every chip.
    press(&mut s, "C");
    assert!(s.narrow.is_empty());
    assert_eq!(s.main.party_rows.len(), 5);
}

#[test]
fn dates_make_one_range_chip() {
    let mut s = state(facets(), 120, 80);
    press(&mut s, "c");
    // To the date facet, its first value (the earliest), then From;
    // the last value, then Until.
    let Screen::Facets(menu) = &s.screen else {
        panic!("open");
    };
    let date = menu
        .counts
        .iter()
        .position(|f| f.facet == parley::search::facet::Facet::Date)
        .expect("a date facet");
    let first = menu
        .rows
        .iter()
        .position(|r| *r == parley::app::MenuRow::Value(date, 0))
        .expect("row");
    let _ = first;
    press(&mut s, &"Tab ".repeat(date));
    press(&mut s, ">");
    assert_eq!(s.narrow.chips, ["date:2031.."]);
    press(&mut s, "j j <");
    assert_eq!(s.narrow.chips, ["date:2031..2031-09"]);
    assert_eq!(s.narrow.keep.as_ref().map(|k| k.count()), Some(4));
}

#[test]
fn chips_narrow_every_view() {
    let mut s = with_review(state(facets(), 120, 40));
    let chips = vec!["stance:red-line".to_string()];
    let (narrow, dropped) = parley::app::Narrowing::resolve(chips, &s.data, None);
    assert!(dropped.is_none());
    s.narrow = narrow;
    // Through the menu's path, so every view is rebuilt: open it and
    // leave.
    press(&mut s, "c Esc");
    // Browser: parties and issues holding a red line, those positions.
    let party_rows = s.main.party_rows.len();
    assert_eq!(party_rows, 3, "All parties, Velmora, Durant");
    press(&mut s, "Tab");
    let issues: Vec<&str> = s
        .main
        .issue_rows
        .iter()
        .map(|&(i, _)| s.data.ds.issues[i].id.as_str())
        .collect();
    assert_eq!(issues, ["water", "cap", "navigation"], "with the parent");
    // Matrix: rows and columns of what is kept, the cell's latest kept.
    press(&mut s, "m");
    let Screen::Matrix(view) = &s.screen else {
        panic!("matrix");
    };
    let cols: Vec<&str> = view
        .cols
        .iter()
        .map(|&p| s.data.ds.parties[p].id.as_str())
        .collect();
    assert_eq!(cols, ["velmora", "durant"]);
    // Timeline: only the red lines and their moves.
    press(&mut s, "t");
    let Screen::Timeline(view) = &s.screen else {
        panic!("timeline");
    };
    let positions = view
        .entries
        .iter()
        .filter(|e| matches!(e, parley::analysis::Entry::Position(_)))
        .count();
    assert_eq!(positions, 2);
    assert!(
        !view
            .entries
            .iter()
            .any(|e| matches!(e, parley::analysis::Entry::Event(_))),
        "events have no stance"
    );
    // Review: the queue keeps the red lines in its scope, here the
    // issue selected (Water sharing and its sub-issues).
    press(&mut s, "Esc Esc");
    assert_eq!(s.main.issue(), s.data.index.issue("water"));
    press(&mut s, "r");
    let Screen::Review(view, _) = &s.screen else {
        panic!("review");
    };
    let queue: Vec<&str> = view
        .queue
        .iter()
        .map(|&p| s.data.ds.positions[p].id.as_str())
        .collect();
    assert_eq!(queue, ["v-cap-oct"]);
}

#[test]
fn the_source_viewer_steps_through_kept_quotes() {
    let mut s = state(facets(), 120, 40);
    press(&mut s, "/");
    type_text(&mut s, "'summit kind:quote");
    press(&mut s, "Enter");
    assert_eq!(parley::app::mode(&s), Mode::Source);
    let (narrow, _) = parley::app::Narrowing::resolve(vec!["speaker:okoro".into()], &s.data, None);
    s.narrow = narrow;
    // From Summit opens in Ostra, n goes to Okoro's quote alone.
    for _ in 0..3 {
        press(&mut s, "n");
        let Screen::Source(view, _) = &s.screen else {
            panic!("source");
        };
        assert_eq!(view.quote, s.data.index.quote("q-durant-cap"));
    }
}

#[test]
fn views_are_saved_and_recalled() {
    let mut s = state(facets(), 120, 40);
    press(&mut s, "c j Space Esc m v a");
    assert_eq!(parley::app::mode(&s), Mode::ViewName);
    type_text(&mut s, "velmora matrix");
    press(&mut s, "Enter");
    assert_eq!(s.views.len(), 1);
    let v = &s.views[0];
    assert_eq!(
        (
            v.name.as_str(),
            v.dataset.as_str(),
            v.chips.clone(),
            v.screen
        ),
        (
            "velmora matrix",
            "facets",
            vec!["party:velmora".to_string()],
            parley::app::ViewScreen::Matrix
        )
    );
    // Elsewhere, with no chips: recalling it opens the matrix narrowed.
    press(&mut s, "Esc C Esc");
    assert_eq!(parley::app::mode(&s), Mode::Browser);
    assert!(s.narrow.is_empty());
    press(&mut s, "v Enter");
    assert_eq!(parley::app::mode(&s), Mode::Matrix);
    assert_eq!(s.narrow.chips, ["party:velmora"]);
    // Saving under the same name replaces it; d deletes.
    press(&mut s, "v a");
    type_text(&mut s, "velmora matrix");
    press(&mut s, "Enter");
    assert_eq!(s.views.len(), 1);
    press(&mut s, "d");
    assert!(s.views.is_empty());
}

#[test]
fn a_saved_view_naming_what_a_new_version_lacks_drops_that_chip() {
    let data = facets();
    let (narrow, dropped) = parley::app::Narrowing::resolve(
        vec!["party:velmora".into(), "party:atlantis".into()],
        &data,
        None,
    );
    assert_eq!(narrow.chips, ["party:velmora"]);
    let dropped = dropped.expect("said");
    assert!(dropped.contains("no party matches `atlantis`"), "{dropped}");
}

#[test]
fn filter_menu_screens() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut s = mono(facets(), w, h);
        press(&mut s, "c");
        insta::assert_snapshot!(format!("filter_menu_{w}x{h}"), screen(&s));
        press(&mut s, "Tab Tab j Space");
        insta::assert_snapshot!(format!("filter_menu_chosen_{w}x{h}"), screen(&s));
        press(&mut s, "Esc");
        insta::assert_snapshot!(format!("browser_with_chip_{w}x{h}"), screen(&s));
        press(&mut s, "v a");
        type_text(&mut s, "red lines");
        insta::assert_snapshot!(format!("naming_a_view_{w}x{h}"), screen(&s));
    }
}
