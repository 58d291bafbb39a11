//! Shared helpers: build app state on fixtures and drive it with real key
//! events through the real keymap, the way the terminal runtime does.
#![allow(dead_code)]

pub mod pty;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parley::app::update::action_for_key;
use parley::app::{Action, Effect, State, update};
use parley::prepared::Prepared;
use std::path::Path;
use std::sync::Arc;

/// (code, line, column) for every `/*@CODE*/` marker in the text: the
/// place of the character after the marker.
pub fn markers(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find("/*@").map(|a| a + from) {
            let close = line[at..].find("*/").expect("marker closes") + at;
            let column = line[..close + 2].chars().count() + 1;
            out.push((line[at + 3..close].to_string(), i + 1, column));
            from = close + 2;
        }
    }
    out.sort();
    out
}

/// The errors (and the warnings a marker asks for) the loader reports, as
/// (code, line, column), against the markers of `path`.
pub fn check_markers(path: &Path, options: parley::model::LoadOptions) -> parley::model::Loaded {
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let expected = markers(&text);
    assert!(!expected.is_empty(), "{} has no markers", path.display());
    let loaded = parley::model::load_path_with(path, options, &parley::model::progress::quiet)
        .expect("fixture loads");
    let mut found: Vec<(String, usize, usize)> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == parley::model::Severity::Error
                || expected.iter().any(|e| e.0 == d.code.as_str())
        })
        .map(|d| (d.code.as_str().to_string(), d.line, d.column))
        .collect();
    found.sort();
    assert_eq!(
        found,
        expected,
        "{}: diagnostics were {:#?}",
        path.display(),
        loaded.diagnostics
    );
    loaded
}

/// Keys of every screen, for random walks that must never panic.
pub const WALK_KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "Tab",
    "S-Tab",
    "Enter",
    "Esc",
    "C-o",
    "C-i",
    "n",
    "N",
    "m",
    "t",
    "r",
    "L",
    "o",
    "s",
    "a",
    "x",
    "F",
    "f",
    "u",
    "l",
    "h",
    "z",
    "i",
    "e",
    "y",
    "Y",
    "]",
    "[",
    "p",
    "?",
    "PgDn",
    "PgUp",
    "Space",
    "/",
    "Backspace",
];

/// The parley binary with no config file of the user's, and its load
/// cache under target/, never in the user's cache.
pub fn parley() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_parley"));
    cmd.env(
        "XDG_CONFIG_HOME",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home"),
    );
    cmd.env(
        "XDG_CACHE_HOME",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
    );
    cmd
}

pub fn fixture_data() -> Prepared {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal.ron");
    let loaded = parley::model::load_path(&path).expect("fixture readable");
    Prepared::new(loaded.into_valid().expect("fixture valid"))
}

/// A good fixture by name, from `tests/fixtures/good/`.
pub fn good_data(name: &str) -> Prepared {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/good")
        .join(name);
    let loaded = parley::model::load_path(&path).expect("fixture readable");
    Prepared::new(loaded.into_valid().expect("fixture valid"))
}

pub fn bundled_data() -> Prepared {
    Prepared::new(
        parley::bundled::load()
            .into_valid()
            .expect("bundled dataset valid"),
    )
}

pub fn state(data: Prepared, width: u16, height: u16) -> State {
    State::new(Arc::new(data), width, height, true)
}

/// A key as written in tests: "j", "G", "?", "Tab", "S-Tab", "Enter",
/// "Esc", "Down", "C-o" and so on.
pub fn key(spec: &str) -> KeyEvent {
    let (mods, name) = match spec.strip_prefix("C-") {
        Some(rest) => (KeyModifiers::CONTROL, rest),
        None => match spec.strip_prefix("A-") {
            Some(rest) => (KeyModifiers::ALT, rest),
            None => (KeyModifiers::NONE, spec),
        },
    };
    let code = match name {
        "Tab" => KeyCode::Tab,
        "S-Tab" => KeyCode::BackTab,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Backspace" => KeyCode::Backspace,
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "PgDn" => KeyCode::PageDown,
        "PgUp" => KeyCode::PageUp,
        "Space" => KeyCode::Char(' '),
        c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().expect("one char")),
        f if f.len() > 1 && f.starts_with('F') => {
            KeyCode::F(f[1..].parse().expect("F and a number"))
        }
        other => panic!("unknown key {other}"),
    };
    KeyEvent::new(code, mods)
}

/// Presses each key (space separated) and returns whether one quit. In
/// typing modes unbound keys type, as in the terminal runtime.
pub fn press(state: &mut State, keys: &str) -> bool {
    let mut quit = false;
    for spec in keys.split_whitespace() {
        // Through the keymap in the state, with its conditions, as the
        // runtime reads keys.
        let Some(action) = action_for_key(state, key(spec)) else {
            continue;
        };
        quit |= run(state, action);
    }
    quit
}

/// Types text into the current input, one key per character.
pub fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        run(state, Action::Key(event));
    }
}

/// Runs an action and carries out its effect the way the runtime does,
/// with searches run on this thread. Returns whether it quit.
pub fn run(state: &mut State, action: Action) -> bool {
    match update(state, action) {
        Some(Effect::Quit) => true,
        // The review file is the runtime's business; tests look at the
        // review in the state.
        Some(Effect::SaveReview) | Some(Effect::EditNote { .. }) => false,
        // What the runtime would put on the clipboard is kept for the test
        // to read.
        Some(Effect::Copy { text, what }) => {
            COPIED.with(|c| *c.borrow_mut() = Some(text));
            run(state, Action::Copied(Ok(format!("copied {what}"))))
        }
        Some(Effect::Suspend) => false,
        // The views file is the runtime's; tests read `state.views`.
        Some(Effect::SaveViews(_)) => false,
        // Tests replace the dataset themselves, with `Action::Replace`.
        Some(Effect::Reload) => false,
        // The keys typed while loading, read again as the runtime does.
        Some(Effect::Replay(keys)) => {
            let mut quit = false;
            for key in keys {
                if let Some(action) = action_for_key(state, key) {
                    quit |= run(state, action);
                }
            }
            quit
        }
        Some(Effect::Search(req)) => {
            let response =
                parley::search::worker::run(state.data.search(), &state.data.matcher, req);
            run(state, Action::SearchDone(response))
        }
        None => false,
    }
}

thread_local! {
    static COPIED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The text last copied, if any.
pub fn copied() -> Option<String> {
    COPIED.with(|c| c.borrow().clone())
}

pub fn act(state: &mut State, action: Action) {
    run(state, action);
}

fn fixed_now() -> String {
    "2026-11-22T12:00:00Z".to_string()
}

/// Turns reviewing on, with an empty review by "ana" and a fixed clock.
pub fn with_review(mut state: State) -> State {
    state.review = Some(parley::review::Review::new(
        &state.data.ds.id.clone(),
        "ana",
    ));
    state.now = fixed_now;
    state
}

/// The screen as text, drawn at the state's size.
pub fn screen(state: &State) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        state.width,
        state.height,
    ))
    .expect("test terminal");
    terminal
        .draw(|f| parley::ui::render(f, state))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The files in a cache home's parley folder whose names end in `suffix`
/// (`.search.parley-cache` for kept indexes, `.parley-cache` for all).
pub fn cache_files(cache_home: &Path, suffix: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(cache_home.join("parley"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default()
}
