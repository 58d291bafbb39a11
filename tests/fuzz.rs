//! Arbitrary key sequences and window sizes never panic: keys go through
//! the keymap into `update`, every effect is carried out in-process (saves
//! fail at random, the editor sends back text), and every state is drawn
//! on a test backend at its size, 0×0 included.
//!
//! Few cases run by default, so `cargo test` stays quick; run longer with
//! `PROPTEST_CASES=2000 cargo test --release --test fuzz`.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parley::app::update::action_for_key;
use parley::app::{Action, Effect, State, update};
use parley::prepared::Prepared;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone)]
enum Event {
    Key(KeyEvent),
    Resize(u16, u16),
    /// The next save fails (or, when false, succeeds).
    FailSaves(bool),
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let plain = prop_oneof![
        // The letters and signs bindings use, more often than others.
        4 => proptest::sample::select(
            "jkhlgGqrnaxfsuyYLmtopPeENn[]/?F0 \n".chars().collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        1 => proptest::char::range(' ', '~').prop_map(KeyCode::Char),
        1 => proptest::sample::select(vec!['é', 'ж', '中', '\u{200d}', '👩']).prop_map(KeyCode::Char),
        3 => proptest::sample::select(vec![
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::F(1),
        ]),
    ];
    let mods = prop_oneof![
        6 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::SHIFT),
    ];
    (plain, mods).prop_map(|(code, mods)| KeyEvent::new(code, mods))
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        20 => key().prop_map(Event::Key),
        2 => (0u16..200, 0u16..70).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => (0u16..4, 0u16..4).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => any::<bool>().prop_map(Event::FailSaves),
    ]
}

/// Loaded once for every case.
fn datasets() -> &'static [(String, Arc<Prepared>)] {
    static ALL: std::sync::OnceLock<Vec<(String, Arc<Prepared>)>> = std::sync::OnceLock::new();
    ALL.get_or_init(load_datasets)
}

fn load_datasets() -> Vec<(String, Arc<Prepared>)> {
    let mut out = vec![("bundled".to_string(), Arc::new(common::bundled_data()))];
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let files = ["minimal.ron", "rivers.ron"]
        .iter()
        .map(|f| good.join(f))
        .chain(["zwj.ron", "formulas.ron"].iter().map(|f| hostile.join(f)));
    for path in files {
        let ds = parley::model::load_path(&path)
            .expect("readable")
            .into_valid()
            .expect("valid");
        out.push((path.display().to_string(), Arc::new(Prepared::new(ds))));
    }
    out
}

/// Carries out an effect as the runtime would, without a terminal.
fn carry_out(state: &mut State, mut effect: Option<Effect>, fail: bool) {
    // A bound on chains of effects: none should be long.
    for _ in 0..16 {
        let Some(e) = effect.take() else { return };
        effect = match e {
            Effect::Quit | Effect::Suspend => {
                let (width, height) = (state.width, state.height);
                update(state, Action::Resize { width, height })
            }
            Effect::Search(req) => {
                let response =
                    parley::search::worker::run(state.data.search(), &state.data.matcher, req);
                update(state, Action::SearchDone(response))
            }
            Effect::SaveReview => {
                let error = fail.then(|| "No space left on device (os error 28)".to_string());
                update(state, Action::Saved(error))
            }
            Effect::EditNote { item, text } => update(
                state,
                Action::NoteEdited {
                    item,
                    text: format!("{text}\nedited \u{1b}[2J\u{200d}"),
                },
            ),
            Effect::Copy { .. } => update(state, Action::Copied(Ok("copied".into()))),
            Effect::SaveViews(_) | Effect::Reload | Effect::Replay(_) => None,
        };
    }
    panic!("an effect chain did not end");
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    if terminal.backend().buffer().area != state.area() {
        *terminal = Terminal::new(TestBackend::new(state.width, state.height)).expect("terminal");
    }
    terminal
        .draw(|f| parley::ui::render(f, state))
        .expect("draw");
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn keys_and_resizes_never_panic(
        which in 0usize..5,
        reviewing in any::<bool>(),
        events in proptest::collection::vec(event(), 1..80),
    ) {
        let all = datasets();
        let (_, data) = &all[which % all.len()];
        let mut state = State::new(Arc::clone(data), 120, 40, true);
        if reviewing {
            state.open_review(
                Some(parley::review::Review::new(data.review_dataset_id(), "fuzz")),
                None,
            );
        }
        let mut terminal =
            Terminal::new(TestBackend::new(state.width, state.height)).expect("terminal");
        let mut fail = false;
        draw(&mut terminal, &state);
        for e in events {
            let effect = match e {
                Event::Key(key) => match action_for_key(&state, key) {
                    Some(action) => update(&mut state, action),
                    None => None,
                },
                Event::Resize(width, height) => update(&mut state, Action::Resize { width, height }),
                Event::FailSaves(f) => {
                    fail = f;
                    None
                }
            };
            carry_out(&mut state, effect, fail);
            draw(&mut terminal, &state);
        }
    }
}
