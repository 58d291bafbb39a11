//! A dataset that parses but has semantic errors opens in the browser:
//! nothing panics on dangling references, duplicate ids, cycles or quotes
//! that do not anchor, faulty items are marked, and the Problems pane
//! lists every diagnostic and jumps to the item it is about.

mod common;

use common::{press, state, with_review};
use parley::app::State;
use parley::prepared::{Opened, Prepared};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

fn broken_data() -> Prepared {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/opens.ron");
    let loaded = parley::model::load_path(&path).expect("fixture readable");
    match Opened::from_loaded(loaded, &parley::model::progress::quiet) {
        Opened::Ready(data) => data,
        Opened::Unparsable(l) => panic!("fixture parses: {:?}", l.diagnostics),
    }
}

fn draw(s: &State) {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).expect("terminal");
    t.draw(|f| parley::ui::render(f, s)).expect("draw");
}

/// Every key of every screen, in a long pseudo-random walk, drawing as it
/// goes: no lookup of a dangling reference or a duplicate may panic.
#[test]
fn a_long_walk_through_every_screen_never_panics() {
    const KEYS: &[&str] = &[
        "j", "k", "g", "G", "Tab", "S-Tab", "Enter", "Esc", "C-o", "C-i", "n", "N", "m", "t",
        "r", "L", "o", "s", "a", "x", "F", "f", "u", "l", "h", "z", "i", "y", "Y", "]", "[",
        "p", "?", "PgDn", "PgUp", "Space", "/", "Backspace",
    ];
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
