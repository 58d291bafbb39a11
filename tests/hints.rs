//! Every key hint on screen comes from the keymap in force. Each binding
//! is moved to a key of its own (F13, F14, …), every screen is drawn, and
//! every hint shown must name a key bound to the command its words
//! describe; no default key may be left in a hint.

mod common;

use common::{fixture_data, press, screen, state, type_text, with_review};
use parley::app::State;
use parley::command::Command;
use parley::keymap::{Binding, Key, Keymap, Mode};
use std::collections::HashMap;
use std::sync::Arc;

/// The default bindings, each on a function key of its own, and which
/// (mode, command) each function key stands for.
fn scrambled() -> (Keymap, HashMap<u8, (Mode, Command)>) {
    let mut owner = HashMap::new();
    let mut n = 13u8;
    let bindings = Keymap::default()
        .bindings()
        .iter()
        .map(|b| {
            owner.insert(n, (b.mode, b.command));
            let key = Key {
                code: crossterm::event::KeyCode::F(n),
                mods: crossterm::event::KeyModifiers::NONE,
            };
            n += 1;
            Binding {
                keys: vec![key],
                ..b.clone()
            }
        })
        .collect();
    (Keymap::new(bindings), owner)
}

/// The words a hint may use for a command: its own hint word, or the
/// phrase a particular place uses for it.
fn names(c: Command) -> Vec<&'static str> {
    let mut words = vec![c.hint()];
    words.extend(match c {
        Command::Open => &["opens the source at this quote", "quote", "recalls"][..],
        Command::Back => &["closes", "leave review"],
        Command::ToggleHelp => &["closes"],
        Command::Down | Command::Up => &["scroll"],
        Command::NextQuote | Command::PrevQuote => &["step"],
        Command::ClearFind => &["clears"],
        Command::Accept => &["saves"],
        Command::EditNote => &["opens $EDITOR"],
        Command::Quit => &["quits", "quits without them"],
        Command::Links => &["follows a link"],
        Command::NextUnreviewed | Command::PrevUnreviewed => &["back to unreviewed items"],
        Command::SaveView => &["saves the filters and screen as a view"],
        _ => &[],
    });
    words
}

/// Every hint in `text`: the function keys it shows and the words after
/// them, up to the next hint, border or end of line.
fn hints(text: &str) -> Vec<(Vec<u8>, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts = chars[i] == 'F'
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && (i == 0 || !chars[i - 1].is_alphanumeric());
            if !starts {
                i += 1;
                continue;
            }
            let mut keys = Vec::new();
            loop {
                let mut j = i + 1;
                while chars.get(j).is_some_and(char::is_ascii_digit) {
                    j += 1;
                }
                let digits: String = chars[i + 1..j].iter().collect();
                keys.push(digits.parse::<u8>().expect("a function key number"));
                let rest: String = chars[j..].iter().collect();
                if let Some(next) = ["/F", " or F"].iter().find(|p| rest.starts_with(**p)) {
                    i = j + next.chars().count() - 1;
                } else {
                    i = j;
                    break;
                }
            }
            // The words: after one space, up to a separator.
            let rest: String = chars[i..].iter().collect();
            let words = rest
                .strip_prefix(' ')
                .unwrap_or("")
                .split(" · ")
                .next()
                .unwrap_or("")
                .split("  ")
                .next()
                .unwrap_or("")
                .split(|c| ('\u{2500}'..='\u{259f}').contains(&c))
                .next()
                .unwrap_or("")
                .trim_end()
                .to_string();
            // A hint cut off at the window's edge, key and no words, says
            // nothing to check.
            let cut = words.is_empty()
                && rest
                    .chars()
                    .all(|c| c == ' ' || ('\u{2500}'..='\u{259f}').contains(&c));
            if !cut {
                out.push((keys, words));
            }
        }
    }
    out
}

/// Draws `state` under the scrambled keymap and checks its hints; returns
/// how many there were.
fn check(name: &str, state: &mut State) -> usize {
    let (keymap, owner) = scrambled();
    let defaults = std::mem::replace(&mut state.keymap, Arc::new(keymap));
    let text = screen(state);
    state.keymap = defaults;
    let found = hints(&text);
    for (keys, words) in &found {
        for k in keys {
            let (mode, command) = owner
                .get(k)
                .unwrap_or_else(|| panic!("{name}: F{k} is bound to nothing\n{text}"));
            // A hint in a narrow pane may wrap after a word, or be cut at
            // the end of its line.
            let named = names(*command)
                .iter()
                .any(|n| *n == words || (!words.is_empty() && n.starts_with(words.as_str())));
            assert!(
                named,
                "{name}: F{k} is {command:?} in {mode:?}, but the hint says {words:?}\n{text}"
            );
        }
    }
    for default in ["Esc ", "Enter ", "Tab ", "Ctrl-", "? help", "q quit", "n/N"] {
        assert!(
            !text.contains(default),
            "{name}: a default key is left in a hint: {default:?}\n{text}"
        );
    }
    found.len()
}

#[test]
fn every_hint_on_every_screen_is_bound_to_what_it_names() {
    let mut s = state(fixture_data(), 120, 40);
    assert_eq!(check("browser", &mut s), 5);

    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "j Tab Tab Tab");
    assert_eq!(check("browser, quote preview", &mut s), 6);

    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "j Tab Tab Tab Enter");
    assert_eq!(check("source viewer", &mut s), 5);
    press(&mut s, "/");
    type_text(&mut s, "ceasefire");
    press(&mut s, "Enter");
    assert_eq!(check("source viewer with a find", &mut s), 7);

    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "/");
    type_text(&mut s, "north");
    assert_eq!(
        check("palette", &mut s),
        3 + 5,
        "its own and the status bar's"
    );

    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "?");
    // The help body lists keys, not hints: only its bottom line is one.
    let mut scrambled_state = s;
    let (keymap, _) = scrambled();
    scrambled_state.keymap = Arc::new(keymap);
    let text = screen(&scrambled_state);
    let bottom: String = text
        .lines()
        .filter(|l| l.contains("closes"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(hints(&bottom).len(), 2, "{text}");

    // Wide enough that three-digit function keys leave every hint whole.
    let mut s = with_review(state(fixture_data(), 150, 40));
    press(&mut s, "r");
    assert_eq!(check("review item", &mut s), 9);

    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r a a a");
    assert_eq!(check("review summary", &mut s), 4);

    let mut s = with_review(state(fixture_data(), 150, 40));
    press(&mut s, "r n");
    assert_eq!(check("note editor", &mut s), 11);

    // Quitting with a mark a failed save left unsaved asks first.
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r x");
    parley::app::update(&mut s, parley::app::Action::Saved(Some("disk full".into())));
    press(&mut s, "q");
    assert!(s.confirm_quit);
    assert_eq!(check("quit with unsaved marks", &mut s), 1);

    let mut s = state(fixture_data(), 50, 10);
    assert_eq!(check("window too small", &mut s), 1);

    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "m");
    assert_eq!(check("matrix", &mut s), 6);
    press(&mut s, "t j j j");
    assert!(check("timeline", &mut s) >= 5);
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "c");
    assert_eq!(check("filter menu", &mut s), 8);
    press(&mut s, "Space Esc");
    assert_eq!(check("browser with a chip", &mut s), 5);
    press(&mut s, "v");
    assert_eq!(
        check("saved views", &mut s),
        6,
        "its own and the empty list's"
    );
    press(&mut s, "a");
    assert_eq!(
        check("naming a view", &mut s),
        3,
        "its own and the empty list's"
    );
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "j Tab j Tab L");
    assert_eq!(
        check("links menu", &mut s),
        2 + 5,
        "its own and the status bar's"
    );
}

#[test]
fn the_problems_pane_the_loading_screen_and_the_reload_banner_hint_from_the_keymap() {
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "p");
    assert_eq!(check("problems pane", &mut s), 6);

    let mut s = state(fixture_data(), 120, 40);
    s.screen = parley::app::Screen::Loading(parley::app::LoadingView::new(
        "data.ron".into(),
        Mode::Browser,
    ));
    assert_eq!(check("loading screen", &mut s), 1);

    let mut s = state(fixture_data(), 120, 40);
    common::act(
        &mut s,
        parley::app::Action::ReloadFailed(parley::app::ReloadFailure {
            summary: "data.ron:1:1: E001 Expected".into(),
            diagnostics: Arc::new(Vec::new()),
        }),
    );
    assert_eq!(
        check("reload banner", &mut s),
        2 + 5,
        "its own and the status bar's"
    );
}

#[test]
fn a_rebound_key_shows_rebound() {
    let mut s = state(fixture_data(), 120, 40);
    let mut keymap = Keymap::default();
    keymap.rebind(
        Mode::Browser,
        Command::Quit,
        vec![Key {
            code: crossterm::event::KeyCode::Char('Q'),
            mods: crossterm::event::KeyModifiers::NONE,
        }],
    );
    keymap.rebind(Mode::Browser, Command::Filter, Vec::new());
    s.keymap = Arc::new(keymap);
    let text = screen(&s);
    let status = text.lines().last().expect("status line");
    assert!(status.contains("Q quit"), "{status}");
    assert!(!status.contains("q quit"), "{status}");
    assert!(
        !status.contains("filter"),
        "an unbound command has no hint: {status}"
    );
    // And the key does what the hint says.
    assert!(common::press(&mut s, "Q"));
    assert!(!common::press(&mut s, "q"));
}
