//! Key sequences driving the browser state, asserting where they land.

mod common;

use common::{act, bundled_data, fixture_data, press, state};
use parley::app::{Action, Mouse, Pane, Screen, State};
use parley::keymap::{self, Mode};
use parley::layout;
use parley::ui::status::breadcrumb;

fn party_name(s: &State) -> Option<&str> {
    s.main.party().map(|p| s.data.ds.parties[p].name.as_str())
}

fn issue_id(s: &State) -> Option<&str> {
    s.main.issue().map(|i| s.data.ds.issues[i].id.as_str())
}

fn position_id(s: &State) -> Option<&str> {
    s.main
        .position()
        .map(|p| s.data.ds.positions[p].id.as_str())
}

fn quote_id(s: &State) -> Option<&str> {
    s.main.quote().map(|q| s.data.ds.quotes[q].id.as_str())
}

#[test]
fn party_issue_position_quote_source_and_back() {
    let mut s = state(fixture_data(), 120, 40);
    assert_eq!(party_name(&s), None, "starts on All parties");
    press(&mut s, "j");
    assert_eq!(party_name(&s), Some("Northland"));
    // Northland holds one position, on the ceasefire; the tree shows it,
    // under its parent so the hierarchy stays whole.
    let issues: Vec<&str> = s
        .main
        .issue_rows
        .iter()
        .map(|&(i, _)| s.data.ds.issues[i].id.as_str())
        .collect();
    assert_eq!(issues, ["security", "ceasefire"]);
    press(&mut s, "Tab j");
    assert_eq!(s.main.focus, Pane::Issues);
    press(&mut s, "Enter");
    assert_eq!(s.main.focus, Pane::Positions);
    assert_eq!(position_id(&s), Some("north-ceasefire"));
    press(&mut s, "l j");
    assert_eq!(s.main.focus, Pane::Quotes);
    assert_eq!(quote_id(&s), Some("q-ruiz-monitored"));
    assert_eq!(
        breadcrumb(&s),
        "Northland › Ceasefire › position 1/1 › quote 2/2"
    );

    press(&mut s, "Enter");
    let Screen::Source(view, _) = &s.screen else {
        panic!("source viewer expected")
    };
    assert_eq!(s.data.ds.sources[view.source].id, "s-talks");
    assert_eq!(
        view.quote.map(|q| s.data.ds.quotes[q].id.as_str()),
        Some("q-ruiz-monitored")
    );

    press(&mut s, "Esc");
    assert!(matches!(s.screen, Screen::Main(_)));
    assert_eq!(s.main.focus, Pane::Quotes);
    assert_eq!(quote_id(&s), Some("q-ruiz-monitored"));
    assert_eq!(party_name(&s), Some("Northland"));
}

#[test]
fn all_parties_lists_every_issue_with_children_under_parents() {
    let s = state(fixture_data(), 120, 40);
    let rows: Vec<(&str, usize)> = s
        .main
        .issue_rows
        .iter()
        .map(|&(i, d)| (s.data.ds.issues[i].id.as_str(), d))
        .collect();
    assert_eq!(
        rows,
        [
            ("security", 0),
            ("ceasefire", 1),
            ("commission", 1),
            ("meetings", 0)
        ]
    );
}

#[test]
fn changing_party_keeps_the_issue_when_still_listed() {
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "Tab j j");
    assert_eq!(issue_id(&s), Some("commission"));
    press(&mut s, "S-Tab j j");
    assert_eq!(party_name(&s), Some("Southland"));
    assert_eq!(
        issue_id(&s),
        Some("commission"),
        "Southland holds a position on it"
    );
    press(&mut s, "k");
    assert_eq!(
        issue_id(&s),
        Some("security"),
        "Northland does not: the first issue, the parent of its own, is selected"
    );
}

#[test]
fn vim_keys_and_arrows_agree() {
    let mut a = state(bundled_data(), 120, 40);
    let mut b = state(bundled_data(), 120, 40);
    press(&mut a, "j j l j j G k");
    press(&mut b, "Down Down Right Down Down End Up");
    assert_eq!(a.main.parties, b.main.parties);
    assert_eq!(a.main.issues, b.main.issues);
    press(&mut a, "g");
    press(&mut b, "Home");
    assert_eq!(a.main.issues.selected, 0);
    assert_eq!(b.main.issues.selected, 0);
}

#[test]
fn paging_moves_by_a_pane_and_stays_in_bounds() {
    let mut s = state(bundled_data(), 120, 40);
    press(&mut s, "Tab C-d");
    let rows = s.main.issue_rows.len();
    let page = usize::from(s.main_areas().issues.height - 2);
    assert_eq!(s.main.issues.selected, page.min(rows - 1));
    press(&mut s, "PgDn PgDn PgDn PgDn");
    assert_eq!(s.main.issues.selected, rows - 1);
    press(&mut s, "C-u PgUp PgUp PgUp PgUp");
    assert_eq!(s.main.issues.selected, 0);
}

#[test]
fn source_viewer_steps_through_quotes_and_jump_list_walks_back_and_forth() {
    let mut s = state(bundled_data(), 120, 40);
    // Ukraine → first issue → first position → first quote → source.
    press(&mut s, "j j Tab Tab Tab Enter");
    let Screen::Source(first, _) = s.screen.clone() else {
        panic!("source viewer expected")
    };
    let start = first.quote.expect("a quote in focus");
    let order = s.data.index.quotes_by_source[first.source].clone();
    let at = order
        .iter()
        .position(|&q| q == start)
        .expect("quote listed");

    press(&mut s, "n");
    let Screen::Source(v, _) = &s.screen else {
        panic!()
    };
    assert_eq!(v.quote, Some(order[(at + 1) % order.len()]));
    press(&mut s, "N N");
    let Screen::Source(v, _) = &s.screen else {
        panic!()
    };
    assert_eq!(v.quote, Some(order[(at + order.len() - 1) % order.len()]));
    // The quote in focus is on screen.
    let height = usize::from(layout::source(s.area()).text.height);
    let q = &s.data.ds.quotes[v.quote.expect("quote")];
    let line = v
        .lines
        .iter()
        .position(|r| r.contains(&q.anchor[0].start))
        .expect("line");
    assert!(line >= v.scroll && line < v.scroll + height);

    press(&mut s, "C-o");
    assert!(matches!(s.screen, Screen::Main(_)));
    assert_eq!(s.main.focus, Pane::Quotes);
    press(&mut s, "C-i");
    assert!(
        matches!(s.screen, Screen::Source(..)),
        "Ctrl-i goes forward again"
    );
    press(&mut s, "A-Left");
    assert!(matches!(s.screen, Screen::Main(_)));
    press(&mut s, "A-Right");
    assert!(
        matches!(s.screen, Screen::Source(..)),
        "Alt-→ goes forward too"
    );
    press(&mut s, "Backspace");
    assert!(matches!(s.screen, Screen::Main(_)));
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "?");
    assert_eq!(s.help, Some(0));
    assert_eq!(parley::app::mode(&s), Mode::Help);
    press(&mut s, "j j");
    assert_eq!(s.help, Some(2));
    press(&mut s, "j");
    press(&mut s, "Esc");
    assert_eq!(s.help, None);
    press(&mut s, "? ?");
    assert_eq!(s.help, None);
    assert!(!press(&mut s, "x z"), "unbound keys do nothing");
    assert!(press(&mut s, "q"));
    assert!(press(&mut s, "C-c"));
}

#[test]
fn mouse_click_focuses_and_selects_and_wheel_scrolls() {
    let mut s = state(fixture_data(), 120, 40);
    let areas = s.main_areas();
    // The third row inside the Issues pane is "commission".
    act(
        &mut s,
        Action::Mouse(Mouse::Click {
            column: areas.issues.x + 3,
            row: areas.issues.y + 3,
        }),
    );
    assert_eq!(s.main.focus, Pane::Issues);
    assert_eq!(issue_id(&s), Some("commission"));
    act(
        &mut s,
        Action::Mouse(Mouse::ScrollDown {
            column: areas.parties.x + 2,
            row: areas.parties.y + 2,
        }),
    );
    assert_eq!(party_name(&s), Some("Northland"));
    // A click below the last row focuses without selecting anything new.
    act(
        &mut s,
        Action::Mouse(Mouse::Click {
            column: areas.parties.x + 2,
            row: areas.parties.y + 20,
        }),
    );
    assert_eq!(s.main.focus, Pane::Parties);
    assert_eq!(party_name(&s), Some("Northland"));
}

#[test]
fn resize_keeps_selection_visible_and_rewraps_source() {
    let mut s = state(bundled_data(), 120, 40);
    press(&mut s, "Tab G");
    act(
        &mut s,
        Action::Resize {
            width: 80,
            height: 16,
        },
    );
    let h = usize::from(s.main_areas().issues.height - 2);
    let c = s.main.issues;
    assert!(
        c.selected >= c.offset && c.selected < c.offset + h,
        "{c:?} with height {h}"
    );

    press(&mut s, "g Tab Tab Enter");
    let Screen::Source(before, _) = s.screen.clone() else {
        panic!()
    };
    act(
        &mut s,
        Action::Resize {
            width: 200,
            height: 50,
        },
    );
    let Screen::Source(after, _) = &s.screen else {
        panic!()
    };
    assert_eq!(
        after.width,
        usize::from(layout::source(s.area()).text.width)
    );
    assert!(
        after.lines.len() < before.lines.len(),
        "wider window, fewer lines"
    );
    // Tiny and zero sizes must not panic.
    for (w, h) in [(0, 0), (2, 1), (59, 15)] {
        act(
            &mut s,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        press(&mut s, "j k n N G g Esc j Tab Enter");
    }
}

#[test]
fn every_binding_is_in_help_and_every_help_row_is_bound() {
    let map = keymap::Keymap::default();
    for &mode in Mode::ALL {
        let rows = map.help(mode);
        let bindings: Vec<_> = map.bindings().iter().filter(|b| b.mode == mode).collect();
        assert_eq!(rows.len(), bindings.len());
        for b in &bindings {
            let row = rows
                .iter()
                .find(|r| r.command == b.command && r.when == b.when)
                .expect("command listed in help");
            for k in &b.keys {
                assert!(
                    row.keys.contains(&k.label()),
                    "{mode:?}: {k:?} missing from help"
                );
            }
        }
        for row in &rows {
            let binding = bindings
                .iter()
                .find(|b| b.command == row.command && b.when == row.when)
                .expect("help row bound");
            for k in &binding.keys {
                let event = crossterm::event::KeyEvent::new(k.code, k.mods);
                // The key does what the row says when the row's condition
                // holds, and only then wins over a plain binding.
                let holds = |c| Some(c) == row.when;
                assert_eq!(
                    map.lookup(mode, event, holds),
                    Some(row.command),
                    "{mode:?}: {}",
                    row.keys
                );
            }
        }
    }
}

/// The README's key tables are checked against the keymap, so they cannot
/// drift either; on failure the expected table is printed.
#[test]
fn readme_lists_every_binding() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let mut expected = String::new();
    let mut missing = Vec::new();
    for &mode in Mode::ALL {
        expected.push_str(&format!(
            "\n### {}\n\n| Keys | Action |\n|---|---|\n",
            mode.title()
        ));
        for row in keymap::Keymap::default().help(mode) {
            let line = format!(
                "| {} | {} |",
                row.keys.replace('|', "\\|"),
                row.description()
            );
            if !readme.contains(&line) {
                missing.push(line.clone());
            }
            expected.push_str(&line);
            expected.push('\n');
        }
    }
    assert!(
        missing.is_empty(),
        "README lacks {missing:#?}\nexpected tables:\n{expected}"
    );
}

fn palette_ids(s: &State) -> Vec<String> {
    let p = s.palette().expect("palette open");
    p.hits
        .iter()
        .map(|h| format!("{}:{}", h.item.kind().as_str(), s.data.id(h.item)))
        .collect()
}

#[test]
fn palette_searches_as_you_type_and_jumps_to_the_item() {
    let mut s = state(bundled_data(), 120, 40);
    press(&mut s, "j Tab");
    let before = (s.main.parties, s.main.issues, s.main.focus);
    press(&mut s, "/");
    assert_eq!(parley::app::mode(&s), Mode::Search);
    common::type_text(&mut s, "kiev");
    assert_eq!(palette_ids(&s)[0], "party:ua");
    press(&mut s, "Enter");
    assert!(s.palette().is_none());
    assert_eq!(party_name(&s), Some("Ukraine"));
    assert_eq!(s.main.focus, Pane::Parties);
    press(&mut s, "C-o");
    assert_eq!(
        (s.main.parties, s.main.issues, s.main.focus),
        before,
        "Ctrl-o returns"
    );
}

#[test]
fn palette_scope_cycles_and_esc_returns() {
    let mut s = state(bundled_data(), 120, 40);
    press(&mut s, "/");
    common::type_text(&mut s, "ukraine");
    let everything = palette_ids(&s);
    assert!(everything.iter().any(|h| h.starts_with("quote:")));
    press(&mut s, "Tab");
    let p = s.palette().expect("open");
    assert_eq!(p.scope, Some(parley::model::Kind::Party));
    assert_eq!(palette_ids(&s), ["party:ua"]);
    press(&mut s, "S-Tab S-Tab");
    assert_eq!(
        s.palette().expect("open").scope,
        Some(parley::model::Kind::Event)
    );
    assert!(palette_ids(&s).iter().all(|h| h.starts_with("event:")));
    let main_before = s.main.parties;
    press(&mut s, "Esc");
    assert!(s.palette().is_none());
    assert_eq!(s.main.parties, main_before);
    assert!(matches!(s.screen, Screen::Main(_)));
}

#[test]
fn palette_quote_opens_the_source_viewer_and_back_returns() {
    let mut s = state(bundled_data(), 120, 40);
    press(&mut s, "/");
    common::type_text(&mut s, "'15-year");
    press(&mut s, "Tab Tab Tab Tab Tab");
    assert_eq!(palette_ids(&s), ["quote:q-ua-crimea-15y"]);
    press(&mut s, "Down Up Enter");
    let Screen::Source(v, _) = &s.screen else {
        panic!("source viewer expected")
    };
    assert_eq!(
        v.quote.map(|q| s.data.ds.quotes[q].id.as_str()),
        Some("q-ua-crimea-15y")
    );
    press(&mut s, "Esc");
    assert!(matches!(s.screen, Screen::Main(_)));
    assert_eq!(party_name(&s), None, "back where the user was: All parties");
    assert_eq!(s.main.focus, Pane::Parties);
}

#[test]
fn palette_history_recalls_earlier_queries() {
    let mut s = state(fixture_data(), 120, 40);
    for q in ["north", "south"] {
        press(&mut s, "/");
        common::type_text(&mut s, q);
        press(&mut s, "Esc");
    }
    press(&mut s, "/ Up");
    assert_eq!(s.palette().expect("open").input.value(), "south");
    press(&mut s, "Up");
    assert_eq!(s.palette().expect("open").input.value(), "north");
    assert_eq!(palette_ids(&s)[0], "party:north", "a recalled query runs");
    press(&mut s, "Esc / C-r");
    assert_eq!(s.palette().expect("open").input.value(), "north");
}

#[test]
fn palette_ignores_answers_older_than_those_shown() {
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "/");
    common::type_text(&mut s, "north");
    let shown = palette_ids(&s);
    let stale = parley::search::worker::Response {
        generation: 1,
        query: "south".into(),
        scope: None,
        hits: Vec::new(),
        ..Default::default()
    };
    act(&mut s, Action::SearchDone(stale));
    assert_eq!(palette_ids(&s), shown);
}

#[test]
fn pane_filter_narrows_in_place_and_esc_clears() {
    let mut s = state(bundled_data(), 120, 40);
    let all = s.main.issue_rows.len();
    press(&mut s, "Tab f");
    assert_eq!(parley::app::mode(&s), Mode::Filter);
    common::type_text(&mut s, "crim");
    let titles: Vec<&str> = s
        .main
        .issue_rows
        .iter()
        .map(|&(i, _)| s.data.ds.issues[i].id.as_str())
        .collect();
    assert_eq!(titles, ["crimea"]);
    assert_eq!(issue_id(&s), Some("crimea"));
    press(&mut s, "Enter");
    assert_eq!(parley::app::mode(&s), Mode::Browser);
    assert_eq!(s.main.issue_rows.len(), 1, "the filter stays after Enter");
    press(&mut s, "Esc");
    assert_eq!(s.main.issue_rows.len(), all);
    assert_eq!(
        issue_id(&s),
        Some("crimea"),
        "the selection survives clearing"
    );
    press(&mut s, "f");
    common::type_text(&mut s, "zzzz");
    assert!(s.main.issue_rows.is_empty());
    assert!(s.main.position_rows.is_empty());
    press(&mut s, "Esc");
    assert_eq!(s.main.issue_rows.len(), all);
}

#[test]
fn find_in_source_highlights_and_steps_through_matches() {
    let mut s = state(bundled_data(), 120, 40);
    press(&mut s, "j j Tab Tab Tab Enter /");
    assert_eq!(parley::app::mode(&s), Mode::Find);
    common::type_text(&mut s, "kiev");
    let Screen::Source(v, _) = &s.screen else {
        panic!()
    };
    let find = v.find.clone().expect("find");
    let body = s.data.ds.sources[v.source].body();
    assert!(find.matches.len() >= 2);
    assert!(
        find.matches
            .iter()
            .all(|r| body[r.clone()].eq_ignore_ascii_case("kiev"))
    );
    press(&mut s, "Enter n");
    let Screen::Source(v, _) = &s.screen else {
        panic!()
    };
    let f = v.find.as_ref().expect("find kept");
    assert_eq!(f.current, (find.current + 1) % find.matches.len());
    press(&mut s, "Esc");
    let Screen::Source(v, _) = &s.screen else {
        panic!("first Esc only clears the find")
    };
    assert!(v.find.is_none());
    press(&mut s, "Esc");
    assert!(matches!(s.screen, Screen::Main(_)));
}

#[test]
fn the_jump_list_keeps_places_left_with_esc() {
    let mut s = state(bundled_data(), 120, 40);
    let source_quote = |s: &State| match &s.screen {
        Screen::Source(v, _) => v.quote.map(|q| s.data.ds.quotes[q].id.clone()),
        _ => None,
    };
    // Palette → quote A, then Esc back to the start.
    press(&mut s, "/");
    common::type_text(&mut s, "'15-year");
    press(&mut s, "Tab Tab Tab Tab Tab Enter");
    assert_eq!(source_quote(&s).as_deref(), Some("q-ua-crimea-15y"));
    press(&mut s, "Esc");
    assert!(matches!(s.screen, Screen::Main(_)));
    // Palette → issue B, then on to quote C in the source viewer.
    press(&mut s, "/");
    common::type_text(&mut s, "^status of the donbas");
    press(&mut s, "Enter");
    assert_eq!(issue_id(&s), Some("donbas"));
    press(&mut s, "Enter Enter Enter");
    let c = source_quote(&s).expect("quote C in the source viewer");
    assert_ne!(c, "q-ua-crimea-15y");

    press(&mut s, "C-o");
    assert!(matches!(s.screen, Screen::Main(_)), "C → B");
    assert_eq!(issue_id(&s), Some("donbas"));
    press(&mut s, "C-o");
    assert!(matches!(s.screen, Screen::Main(_)), "B → start");
    assert_eq!((party_name(&s), s.main.focus), (None, Pane::Parties));
    press(&mut s, "C-o");
    assert_eq!(
        source_quote(&s).as_deref(),
        Some("q-ua-crimea-15y"),
        "start → A: the place left with Esc is still in the list"
    );
    // And forward again, all the way to C.
    press(&mut s, "C-i C-i C-i");
    assert_eq!(source_quote(&s), Some(c));
}

#[test]
fn every_mode_is_reached_from_what_is_on_screen() {
    let mut s = common::with_review(state(fixture_data(), 120, 40));
    let mut seen = vec![parley::app::mode(&s)];
    for keys in [
        "?",
        "?",
        "f",
        "Esc",
        "/",
        "F1",
        "F1 Esc",
        "j Tab Tab Tab Enter",
        "/",
        "Esc Esc",
        "r",
        "n",
        "Esc Esc m",
        "t",
    ] {
        press(&mut s, keys);
        seen.push(parley::app::mode(&s));
    }
    assert_eq!(
        seen,
        [
            Mode::Browser,
            Mode::Help,
            Mode::Browser,
            Mode::Filter,
            Mode::Browser,
            Mode::Search,
            Mode::Help,
            Mode::Browser,
            Mode::Source,
            Mode::Find,
            Mode::Browser,
            Mode::Review,
            Mode::Note,
            Mode::Matrix,
            Mode::Timeline,
        ]
    );
    // The links menu, on a position that links to another issue.
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "j Tab j Tab L");
    seen.push(parley::app::mode(&s));
    assert_eq!(parley::app::mode(&s), Mode::Links);
    // The Problems pane, and the loading screen the runtime starts on.
    press(&mut s, "Esc p");
    seen.push(parley::app::mode(&s));
    assert_eq!(parley::app::mode(&s), Mode::Problems);
    s.screen =
        parley::app::Screen::Loading(parley::app::LoadingView::new("x".into(), Mode::Browser));
    seen.push(parley::app::mode(&s));
    assert_eq!(parley::app::mode(&s), Mode::Loading);
    // The filter menu, the saved views and naming one.
    let mut s = state(fixture_data(), 120, 40);
    for (keys, mode) in [
        ("c", Mode::Facets),
        ("Esc v", Mode::Views),
        ("a", Mode::ViewName),
        ("Esc", Mode::Views),
        ("Esc", Mode::Browser),
    ] {
        press(&mut s, keys);
        assert_eq!(parley::app::mode(&s), mode, "after {keys}");
        seen.push(mode);
    }
    for mode in Mode::ALL {
        assert!(seen.contains(mode), "{mode:?} never reached");
    }
}

#[test]
fn q_closes_help_before_it_quits() {
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "?");
    assert!(!press(&mut s, "q"), "q closes help");
    assert_eq!(s.help, None);
    assert!(press(&mut s, "q"), "then q quits");
}

#[test]
fn y_and_shift_y_copy_what_each_screen_has_selected() {
    let mut s = common::with_review(state(fixture_data(), 120, 40));
    press(&mut s, "Tab Tab Tab f");
    common::type_text(&mut s, "zzz");
    press(&mut s, "Enter y");
    assert!(s.message.as_deref().is_some_and(|m| m.contains("no quote")));
    press(&mut s, "Esc");
    // The quote row, with the position it backs.
    press(&mut s, "S-Tab S-Tab S-Tab j Tab j Tab Tab j y");
    assert_eq!(s.message.as_deref(), Some("copied quote q-ruiz-monitored"));
    assert_eq!(
        common::copied().as_deref(),
        Some(
            "“a ceasefire – if agreed – must be monitored” — Ana Ruiz, Talks resume, Fixture Wire, 2024-05-06"
        )
    );
    press(&mut s, "Y");
    let md = common::copied().expect("copied");
    assert!(
        md.starts_with("**Northland** ! demands: *Ceasefire*"),
        "{md}"
    );
    // The source viewer's quote in focus.
    press(&mut s, "Enter n y");
    assert!(
        s.message
            .as_deref()
            .is_some_and(|m| m.starts_with("copied quote"))
    );
    // The review screen's selected quote and its position.
    press(&mut s, "Esc r Tab y");
    let Screen::Review(view, _) = &s.screen else {
        panic!("review expected")
    };
    let p = view.position().expect("an item");
    let second = s.data.index.quotes_of[p][1];
    let expected = format!("copied quote {}", s.data.ds.quotes[second].id);
    assert_eq!(s.message.as_deref(), Some(expected.as_str()));
    press(&mut s, "Y");
    let expected = format!("copied position {}", s.data.ds.positions[p].id);
    assert_eq!(s.message.as_deref(), Some(expected.as_str()));
}
