//! A dataset that parses but has semantic errors opens in the browser:
//! nothing panics on dangling references, duplicate ids, cycles or quotes
//! that do not anchor, faulty items are marked, and the Problems pane
//! lists every diagnostic and jumps to the item it is about.

mod common;

use common::{act, fixture_data, press, state, type_text, with_review};
use parley::app::{Action, LoadingView, Pane, ReloadFailure, Screen, State};
use parley::keymap::Mode;
use parley::model::{Code, ItemRef, Kind, Phase, Progress};
use parley::prepared::{Opened, Prepared};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use std::path::Path;
use std::sync::Arc;

/// The fixture, named by a path relative to the crate, as a user would
/// type it: diagnostics (and so snapshots) name it the same way anywhere.
fn broken_data() -> Prepared {
    let path = Path::new("tests/fixtures/broken/opens.ron");
    let loaded = parley::model::load_path(path).expect("fixture readable");
    match Opened::from_loaded(loaded, &parley::model::progress::quiet) {
        Opened::Ready(data) => Arc::into_inner(data).expect("the only owner"),
        Opened::Unparsable(l) => panic!("fixture parses: {:?}", l.diagnostics),
    }
}

fn draw(s: &State) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).expect("terminal");
    t.draw(|f| parley::ui::render(f, s)).expect("draw");
    t.backend().buffer().clone()
}

/// The screen as text, reversed runs (the selection) marked ⟦ ⟧.
fn text(s: &State) -> String {
    let buf = draw(s);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut rev = false;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let r = cell.modifier.contains(Modifier::REVERSED);
            if rev && !r {
                out.push('⟧');
            }
            if r && !rev {
                out.push('⟦');
            }
            rev = r;
            out.push_str(cell.symbol());
        }
        if rev {
            out.push('⟧');
        }
        out.push('\n');
    }
    out
}

fn mono(data: Prepared, width: u16, height: u16) -> State {
    State::new(Arc::new(data), width, height, false)
}

fn id(s: &State, item: Option<ItemRef>) -> &str {
    item.map_or("-", |i| s.data.id(i))
}

/// Every key of every screen, in a long pseudo-random walk, drawing as it
/// goes: no lookup of a dangling reference or a duplicate may panic.
#[test]
fn a_long_walk_through_every_screen_never_panics() {
    const KEYS: &[&str] = common::WALK_KEYS;
    for (width, height) in [(120, 40), (80, 24), (60, 16)] {
        let mut s = with_review(state(broken_data(), width, height));
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(width);
        for step in 0..4000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let k = KEYS[(seed >> 33) as usize % KEYS.len()];
            // Quitting would end the walk; typing modes get their Esc.
            if k == "q" {
                continue;
            }
            press(&mut s, k);
            if step % 7 == 0 {
                draw(&s);
            }
        }
    }
}

#[test]
fn every_problem_is_kept_and_faulty_items_are_known_by_index() {
    let data = broken_data();
    let p = &data.problems;
    assert_eq!((p.errors(), p.warnings()), (13, 4));
    // A duplicate is the item at its own index, not the first with its id.
    let dup = p
        .all()
        .iter()
        .find(|d| d.code == Code::DuplicateId && d.id.as_deref() == Some("south"))
        .and_then(|d| d.item)
        .expect("the duplicate party");
    assert_eq!(dup, ItemRef::Party(2.into()));
    assert_eq!(
        data.ds.parties[parley::model::PartyIx::from(2)].name,
        "Southland again"
    );
    assert_eq!(
        data.find(Kind::Party, "south"),
        Some(ItemRef::Party(1.into()))
    );
    // Every anchor state is there, and the orphan names no passage it
    // was not given.
    let state = |id: &str| {
        let q = data.index.quote(id).expect("quote");
        data.ds.quotes[q].anchor_state.word()
    };
    assert_eq!(
        [
            "q-exact",
            "q-normalised",
            "q-elided",
            "q-ambiguous",
            "q-orphaned"
        ]
        .map(state),
        ["exact", "normalised", "elided", "ambiguous", "orphaned"]
    );
    let orphan = data.index.quote("q-orphaned").expect("orphan");
    let passage = p.closest_passage(orphan).expect("a closest passage");
    assert!(
        passage.contains("will not accept any ceasefire"),
        "{passage}"
    );
}

#[test]
fn faulty_items_are_marked_in_their_rows_and_explained_in_the_preview() {
    let mut s = mono(broken_data(), 200, 30);
    let screen = text(&s);
    assert!(screen.contains("⚠ Southland again"), "{screen}");
    assert!(!screen.contains("⚠ Northland"), "{screen}");
    assert!(screen.contains("[⚠ 13 errors]"), "{screen}");
    // The position with a dangling quote, its quotes, and the orphan.
    press(&mut s, "j Tab Tab");
    assert_eq!(id(&s, s.main.selected(Pane::Positions)), "north-ceasefire");
    let screen = text(&s);
    assert!(screen.contains("⚠ ! demands"), "{screen}");
    assert!(screen.contains("E007 error position"), "{screen}");
    assert!(screen.contains("≡ “will not accept"), "{screen}");
    assert!(screen.contains("≈ “a ceasefire"), "{screen}");
    assert!(screen.contains("⚠ ∅ “will not accept a"), "{screen}");
    press(&mut s, "Tab j j");
    assert_eq!(id(&s, s.main.selected(Pane::Quotes)), "q-orphaned");
    let screen = text(&s);
    assert!(
        screen.contains("anchor: ∅ orphaned — not found; closest"),
        "{screen}"
    );
    // The source viewer says it too, and names the closest passage.
    press(&mut s, "Enter");
    let screen = text(&s);
    assert!(screen.contains("∅ orphaned"), "{screen}");
    assert!(
        screen.contains("closest passage: “will not accept any"),
        "{screen}"
    );
}

#[test]
fn faulty_items_are_marked_in_the_palette_the_matrix_and_the_timeline() {
    // `north-ceasefire` cites a quote that does not exist (E007);
    // `south-commission` has a bad date (E009): both are faulty.
    let mut s = mono(broken_data(), 200, 30);
    press(&mut s, "/");
    type_text(&mut s, "guarantees");
    let screen = text(&s);
    let row = |screen: &str, needle: &str| {
        screen
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no row with {needle}:\n{screen}"))
            .to_string()
    };
    assert!(
        row(&screen, "No ceasefire without").contains("position ⚠"),
        "{screen}"
    );
    assert!(
        !row(&screen, "will not accept any ceasefire").contains('⚠'),
        "a sound quote is not marked:\n{screen}"
    );
    press(&mut s, "Esc m");
    let screen = text(&s);
    // The Ceasefire row: Northland's cell carries the mark after its
    // glyph; the faulty issue rows (a cycle, a stray parent) are marked.
    assert!(row(&screen, "│Ceasefire ").contains("!⚠"), "{screen}");
    assert!(row(&screen, "Stray issue").contains("│⚠ Stray"), "{screen}");
    assert!(!row(&screen, "Loop B").contains('⚠'), "{screen}");
    press(&mut s, "Esc t");
    let screen = text(&s);
    assert!(
        row(&screen, "No ceasefire without").contains("⚠ ! demands"),
        "{screen}"
    );
}

#[test]
fn the_problems_pane_lists_everything_and_enter_goes_to_the_item() {
    let mut s = state(broken_data(), 120, 40);
    press(&mut s, "p");
    assert_eq!(parley::app::mode(&s), Mode::Problems);
    let Screen::Problems(view) = &s.screen else {
        panic!("problems expected")
    };
    assert_eq!(view.cursor.selected, 0);
    // Rows are in the order of `all()`: errors first, then by line.
    let at = |code: Code, id: &str| {
        s.problems()
            .iter()
            .position(|d| d.code == code && d.id.as_deref() == Some(id))
            .expect("listed")
    };
    let orphan = at(Code::QuoteNotFound, "q-orphaned");
    let ghost = at(Code::UnknownReference, "north-ghost-issue");
    let dup = at(Code::DuplicateId, "south");
    press(&mut s, &"j ".repeat(orphan));
    press(&mut s, "Enter");
    // A quote opens in the source viewer, at the quote.
    let Screen::Source(view, _) = &s.screen else {
        panic!("source viewer expected, got {:?}", s.mode())
    };
    assert_eq!(id(&s, view.quote.map(ItemRef::from)), "q-orphaned");
    // Ctrl-o comes back to the same row, Esc to the browser.
    press(&mut s, "C-o");
    let Screen::Problems(view) = &s.screen else {
        panic!("problems again")
    };
    assert_eq!(view.cursor.selected, orphan);
    // The duplicate party is selected, itself and not the first `south`.
    press(&mut s, "g");
    press(&mut s, &"j ".repeat(dup));
    press(&mut s, "Enter");
    assert!(matches!(s.screen, Screen::Main(None)));
    assert_eq!(s.main.focus, Pane::Parties);
    assert_eq!(s.main.party().map(|p| p.get()), Some(2));
    // A position on an issue that does not exist is listed nowhere: said.
    press(&mut s, "p G");
    let up = s.problems().len() - 1 - ghost;
    press(&mut s, &"k ".repeat(up));
    press(&mut s, "Enter");
    let message = s.message.clone().unwrap_or_default();
    assert!(message.contains("north-ghost-issue"), "{message}");
    press(&mut s, "p Esc");
    assert!(matches!(s.screen, Screen::Main(None)));
}

#[test]
fn a_clean_dataset_has_an_empty_problems_pane() {
    let mut s = mono(fixture_data(), 100, 20);
    press(&mut s, "p");
    let screen = text(&s);
    assert!(screen.contains("No problems"), "{screen}");
    press(&mut s, "Enter j k G");
    press(&mut s, "Esc");
    assert!(matches!(s.screen, Screen::Main(None)));
}

fn loading(s: &mut State) {
    s.screen = Screen::Loading(LoadingView::new("data.ron".into(), Mode::Browser));
}

#[test]
fn keys_typed_while_loading_are_replayed_and_q_quits() {
    let mut s = state(fixture_data(), 120, 40);
    let data = Arc::clone(&s.data);
    loading(&mut s);
    assert_eq!(parley::app::mode(&s), Mode::Loading);
    press(&mut s, "j Tab j Tab");
    act(
        &mut s,
        Action::Progress(Progress::new(Phase::Anchoring, 1, 2)),
    );
    let Some(view) = s.loading_view() else {
        panic!("still loading")
    };
    assert_eq!(view.queued.len(), 4);
    assert_eq!(view.progress.map(|p| p.percent()), Some(62));
    act(&mut s, Action::Loaded(data));
    assert!(matches!(s.screen, Screen::Main(None)));
    assert_eq!(id(&s, s.main.selected(Pane::Positions)), "north-ceasefire");
    assert_eq!(s.main.focus, Pane::Positions);

    // q quits while loading...
    let mut s = state(fixture_data(), 120, 40);
    loading(&mut s);
    press(&mut s, "j");
    assert!(press(&mut s, "q"));
    // ...unless it is text typed ahead into a search.
    let mut s = state(fixture_data(), 120, 40);
    let data = Arc::clone(&s.data);
    loading(&mut s);
    press(&mut s, "/");
    assert!(!press(&mut s, "q"));
    type_text(&mut s, "uiz");
    act(&mut s, Action::Loaded(data));
    assert_eq!(s.palette().map(|p| p.input.value()), Some("quiz"));
    // Ctrl-c always quits.
    let mut s = state(fixture_data(), 120, 40);
    loading(&mut s);
    press(&mut s, "/");
    assert!(press(&mut s, "C-c"));
}

fn failure() -> ReloadFailure {
    let d = parley::model::load_bytes(
        "data.ron",
        b"Dataset(\n  format: 1,\n  id: \"x\",\n  title: \x1b[2J\n)",
        &NoSources,
    )
    .diagnostics;
    ReloadFailure {
        summary: "data.ron:4:10: E001 Expected string".into(),
        diagnostics: Arc::new(
            d.into_iter()
                .map(parley::prepared::problems::clean)
                .collect(),
        ),
    }
}

struct NoSources;

impl parley::model::SourceReader for NoSources {
    fn read(&self, _: &str) -> Result<Vec<u8>, parley::model::sources::ReadError> {
        Err(std::io::Error::from(std::io::ErrorKind::NotFound).into())
    }
    fn display(&self, path: &str) -> String {
        path.to_string()
    }
}

#[test]
fn a_failed_reload_keeps_the_data_and_lists_the_new_problems() {
    let mut s = mono(fixture_data(), 120, 30);
    press(&mut s, "j Tab");
    let before = id(&s, s.main.selected(Pane::Issues)).to_string();
    act(&mut s, Action::ReloadFailed(failure()));
    let screen = text(&s);
    let banner = screen.lines().next().unwrap_or("");
    assert!(
        banner.starts_with("⟦ reload failed · p problems · R reload · data.ron:4:10"),
        "{screen}"
    );
    // The old data is still browsable.
    press(&mut s, "j k");
    assert_eq!(id(&s, s.main.selected(Pane::Issues)), before);
    // The Problems pane shows the new version's problems, cleaned.
    press(&mut s, "p");
    let screen = text(&s);
    assert!(screen.contains("the file no longer loads"), "{screen}");
    assert!(screen.contains("E001"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    // A version that loads ends it.
    press(&mut s, "Esc");
    act(&mut s, Action::Replace(Arc::new(fixture_data())));
    assert!(s.reload_failure.is_none());
    assert!(!text(&s).contains("reload failed"));
    assert_eq!(s.message.as_deref(), Some("reloaded"));
    assert_eq!(id(&s, s.main.selected(Pane::Issues)), before);
}

#[test]
fn snapshots() {
    let mut s = mono(broken_data(), 100, 30);
    press(&mut s, "p");
    insta::assert_snapshot!("problems_pane", text(&s));
    press(&mut s, "j j j j");
    insta::assert_snapshot!("problems_pane_selected", text(&s));

    // A quote of each anchor state, in its row and its preview.
    let mut s = mono(broken_data(), 120, 26);
    press(&mut s, "j Tab Tab Tab");
    insta::assert_snapshot!("anchor_exact", text(&s));
    press(&mut s, "j");
    insta::assert_snapshot!("anchor_normalised", text(&s));
    press(&mut s, "j");
    insta::assert_snapshot!("anchor_orphaned", text(&s));
    press(&mut s, "S-Tab S-Tab S-Tab k Tab j Tab Tab");
    insta::assert_snapshot!("anchor_elided", text(&s));
    press(&mut s, "j");
    insta::assert_snapshot!("anchor_ambiguous", text(&s));

    let mut s = mono(fixture_data(), 80, 20);
    loading(&mut s);
    insta::assert_snapshot!("loading_starting", text(&s));
    press(&mut s, "j j Tab");
    act(
        &mut s,
        Action::Progress(Progress::new(Phase::Anchoring, 3, 10)),
    );
    insta::assert_snapshot!("loading_progress", text(&s));

    let mut s = mono(fixture_data(), 100, 20);
    act(&mut s, Action::ReloadFailed(failure()));
    insta::assert_snapshot!("reload_failed_banner", text(&s));
}

/// The exports and review reports read the same prepared dataset: they
/// must not panic on one with errors either, should a command ever offer
/// them one.
#[test]
fn exports_and_analysis_tolerate_a_dataset_with_errors() {
    let data = broken_data();
    assert!(!parley::export::markdown(&data).is_empty());
    assert!(!parley::export::json(&data).is_empty());
    assert!(!parley::export::csv(&data).is_empty());
    let review = parley::review::Review::new(&data.ds.id, "ana");
    assert!(!parley::review::export::markdown(&data, &review).is_empty());
    assert!(!parley::review::export::json(&data, &review).is_empty());
    assert!(!parley::review::export::csv(&data, &review).is_empty());
    for kind in Kind::ALL {
        for item in data.ds.items(kind) {
            parley::analysis::relations(&data, item);
        }
    }
}
