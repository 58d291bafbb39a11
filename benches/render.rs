//! Drawing a frame at 100k quotes on a 120×40 `TestBackend`: the main view,
//! the source viewer and the search palette with over 100k results, each
//! as it stands and after one keystroke.
//! State is built once; keys go through the real keymap and `update`, as
//! in `tests/common/mod.rs`.

// What the binary allocates with, so the benches time what it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parley::app::update::action_for_key;
use parley::app::{Action, Screen, State, update};
use parley::prepared::Prepared;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

const SEED: u64 = 1;
const QUOTES: usize = 100_000;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// Presses a key through the keymap of the current mode.
fn press(state: &mut State, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = action_for_key(state, key).expect("key is bound in this mode");
    update(state, action);
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    terminal
        .draw(|f| parley::ui::render(f, state))
        .expect("TestBackend draws");
}

/// Benches one screen: redrawing it unchanged, and a down/up keystroke
/// (alternating, so the state stays put) followed by a redraw.
fn screen(c: &mut Criterion, name: &str, state: &mut State) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("TestBackend");
    let mut group = c.benchmark_group(format!("render/{QUOTES}/{name}"));
    group.bench_function("frame", |b| b.iter(|| draw(&mut terminal, state)));
    let mut down = true;
    group.bench_function("key+frame", |b| {
        b.iter(|| {
            press(state, if down { KeyCode::Down } else { KeyCode::Up });
            down = !down;
            draw(&mut terminal, state);
        })
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let path = synth::cached(QUOTES, SEED).expect("bench data is generated");
    let ds = parley::model::load_path(&path)
        .expect("bench dataset is readable")
        .into_valid()
        .expect("bench dataset is valid");
    let data = Arc::new(Prepared::new(ds));

    let mut state = State::new(Arc::clone(&data), WIDTH, HEIGHT, true);
    screen(c, "main", &mut state);

    // Focus the quotes pane and open the selected quote in its source.
    let mut state = State::new(Arc::clone(&data), WIDTH, HEIGHT, true);
    for code in [KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Enter] {
        press(&mut state, code);
    }
    assert!(
        matches!(state.screen, Screen::Source(..)),
        "Enter on a quote opens the source viewer"
    );
    screen(c, "source", &mut state);

    // The search palette holding every hit of a one-letter query: only the
    // visible rows may cost anything.
    let mut state = State::new(Arc::clone(&data), WIDTH, HEIGHT, true);
    press(&mut state, KeyCode::Char('/'));
    let key = KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE);
    if let Some(parley::app::Effect::Search(request)) = update(&mut state, Action::Key(key)) {
        let response = parley::search::worker::run(data.search(), &data.matcher, request);
        update(&mut state, Action::SearchDone(response));
    }
    let hits = state.palette().map_or(0, |p| p.hits.len());
    assert!(hits > QUOTES / 2, "the palette holds {hits} hits");
    screen(c, "palette", &mut state);
}

criterion_group!(benches, render);
criterion_main!(benches);
