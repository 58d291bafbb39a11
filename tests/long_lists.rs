//! One item with a long list: an issue holding many positions, a position
//! citing many quotes. A frame builds what the screen can show, so the
//! preview lists a screenful and says how many it leaves out, and the
//! review builds the quotes down to the last row shown, wherever the body
//! is scrolled.

mod common;

use common::{press, screen, state, with_review};
use parley::model::sources::DirReader;
use parley::prepared::Prepared;
use std::fmt::Write as _;

/// An issue with `positions` positions, the first citing `quotes` quotes.
fn long_lists(positions: usize, quotes: usize) -> Prepared {
    let mut q = String::new();
    let mut text = String::new();
    for i in 0..quotes {
        write!(text, "Envoy {i} spoke at length. ").expect("write to String");
        writeln!(
            q,
            "Quote(id: \"q{i}\", source: \"s0\", text: \"Envoy {i} spoke at length.\"),"
        )
        .expect("write to String");
    }
    let cited: Vec<String> = (0..quotes).map(|i| format!("\"q{i}\"")).collect();
    let mut p = String::new();
    for i in 0..positions {
        let cites = if i == 0 {
            cited.join(", ")
        } else {
            "\"q0\"".into()
        };
        writeln!(
            p,
            "Position(id: \"pos{i}\", party: \"p\", issue: \"i0\", stance: Demands, summary: \"Summary {i}\", quotes: [{cites}]),"
        )
        .expect("write to String");
    }
    let ron = format!(
        "Dataset(format: 1, id: \"long\", title: \"Long lists\",\n\
         sources: [Source(id: \"s0\", title: \"S\", text: \"{text}\")],\n\
         parties: [Party(id: \"p\", name: \"Pelaria\", role: Principal)],\n\
         issues: [Issue(id: \"i0\", title: \"Ceasefire\", status: Open)],\n\
         quotes: [\n{q}],\n positions: [\n{p}],\n)"
    );
    let loaded = parley::model::load_bytes("long.ron", ron.as_bytes(), &DirReader::new(".".into()));
    Prepared::new(loaded.into_valid().expect("the dataset is valid"))
}

#[test]
fn an_issue_preview_lists_a_screenful_of_its_positions_and_counts_the_rest() {
    let mut s = state(long_lists(100, 1), 120, 100);
    press(&mut s, "Tab");
    let shown = screen(&s);
    assert!(shown.contains("… 40 more"), "{shown}");
    let listed = shown.matches("! demands Pelaria").count();
    assert_eq!(listed, 60, "{shown}");
}

#[test]
fn in_an_ordinary_terminal_the_preview_says_how_many_it_leaves_out() {
    // 30 rows: the pane holds a dozen positions, not the 60 a list may
    // hold at most; the line that counts the rest is on the screen.
    let mut s = state(long_lists(100, 1), 100, 30);
    press(&mut s, "Tab");
    let shown = screen(&s);
    let listed = shown.matches("! demands Pelaria").count();
    assert!((5..30).contains(&listed), "{shown}");
    assert!(
        shown.contains(&format!("… {} more", 100 - listed)),
        "{shown}"
    );
}

#[test]
fn the_review_builds_the_quotes_the_scrolled_body_shows() {
    let mut s = with_review(state(long_lists(1, 400), 100, 30));
    press(&mut s, "Tab Tab r");
    let first = screen(&s);
    assert!(first.contains("Quote 1/400"), "{first}");
    assert!(!first.contains("Quote 20/400"), "{first}");
    // Scrolled as far as the body goes (eight screens), it still shows
    // quotes: those past the first screen were built for this frame.
    for _ in 0..300 {
        press(&mut s, "j");
    }
    let scrolled = screen(&s);
    assert!(!scrolled.contains("Quote 1/400"), "{scrolled}");
    let later = (20..=400).filter(|k| scrolled.contains(&format!("Quote {k}/400")));
    assert!(later.count() >= 2, "{scrolled}");
}

#[test]
fn a_matrix_cell_of_many_positions_shows_what_fits_and_counts_the_rest() {
    let mut s = state(long_lists(100, 1), 200, 40);
    press(&mut s, "m");
    let shown = screen(&s);
    let more = shown.lines().find_map(|l| {
        l.split("… ")
            .nth(1)?
            .split(" more")
            .next()?
            .trim()
            .parse::<usize>()
            .ok()
    });
    let listed = shown.matches("Summary ").count();
    assert_eq!(more.map(|m| m + listed), Some(100), "{shown}");
}

#[test]
fn the_links_menu_keeps_its_place_beside_the_key_hints_it_has_room_for() {
    for width in [100, 140, 160] {
        let mut s = state(long_lists(100, 1), width, 30);
        press(&mut s, "Tab Tab Tab L j j");
        links_bottom_is_sound(&screen(&s));
    }
}

/// The links menu's bottom border holds its place whole, and before it
/// whole key hints or none.
fn links_bottom_is_sound(shown: &str) {
    // The menu's bottom border: the last line with a place, after its
    // last corner.
    let bottom = shown
        .lines()
        .filter_map(|l| l.rsplit_once('└').map(|(_, menu)| menu))
        .rfind(|menu| menu.contains("/100 ┘"))
        .unwrap_or_else(|| panic!("no place on a bottom border:\n{shown}"));
    let (hints, place) = bottom
        .split_once(" 3/100 ┘")
        .unwrap_or_else(|| panic!("the place is cut: {bottom}"));
    assert_eq!(place, "", "{bottom}");
    let hints = hints.trim_matches(|c| c == '─' || c == ' ');
    assert!(
        ["", "Enter open", "Enter open · Esc back"].contains(&hints),
        "{bottom}"
    );
}
