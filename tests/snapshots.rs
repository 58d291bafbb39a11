//! Rendered screens, snapshotted with insta.
//!
//! Screens are captured in monochrome (as with `NO_COLOR`), where selection
//! and quote highlighting are reverse video and matches are underlined;
//! both are marked so the snapshots show *what* is highlighted, not only
//! the text.

mod common;

use common::{bundled_data, fixture_data, press};
use parley::app::State;
use parley::prepared::Prepared;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use std::sync::Arc;

fn mono(data: Prepared, width: u16, height: u16) -> State {
    State::new(Arc::new(data), width, height, false)
}

fn draw(state: &State) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(state.width, state.height)).expect("test terminal");
    terminal
        .draw(|f| parley::ui::render(f, state))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as text, with reversed runs marked ⟦ ⟧, underlined runs
/// (search and filter matches) marked « », and italic runs (the find match
/// in focus) marked ‹ ›.
fn marked(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let (mut rev, mut under, mut italic) = (false, false, false);
        let mut skip = 0;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let r = cell.modifier.contains(Modifier::REVERSED);
            let u = cell.modifier.contains(Modifier::UNDERLINED) && !r;
            let i = cell.modifier.contains(Modifier::ITALIC);
            // Runs that end are closed before runs that begin, so the
            // marks nest.
            if italic && !i {
                out.push('›');
            }
            if rev && !r {
                out.push('⟧');
            }
            if under && !u {
                out.push('»');
            }
            if u && !under {
                out.push('«');
            }
            if r && !rev {
                out.push('⟦');
            }
            if i && !italic {
                out.push('‹');
            }
            (rev, under, italic) = (r, u, i);
            // A wide character covers the next cell too.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        if italic {
            out.push('›');
        }
        if under {
            out.push('»');
        }
        if rev {
            out.push('⟧');
        }
        out.push('\n');
    }
    out
}

fn snap(name: &str, state: &State) {
    insta::assert_snapshot!(
        format!("{name}_{}x{}", state.width, state.height),
        marked(&draw(state))
    );
}

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

#[test]
fn fixture_screens() {
    for (w, h) in SIZES {
        let s = mono(fixture_data(), w, h);
        snap("fixture_main", &s);

        let mut s = mono(fixture_data(), w, h);
        press(&mut s, "j Tab Tab Tab j");
        snap("fixture_quote_preview", &s);
        press(&mut s, "Enter");
        snap("fixture_source", &s);

        let mut s = mono(fixture_data(), w, h);
        press(&mut s, "?");
        snap("fixture_help", &s);
    }
}

#[test]
fn bundled_screens() {
    for (w, h) in SIZES {
        let mut s = mono(bundled_data(), w, h);
        snap("bundled_main", &s);
        // Ukraine › Neutrality › its position › the quote › source viewer.
        press(&mut s, "j j Tab j j j Tab Tab");
        snap("bundled_quotes", &s);
        press(&mut s, "Enter");
        snap("bundled_source", &s);
        press(&mut s, "n");
        snap("bundled_source_next_quote", &s);
        press(&mut s, "?");
        snap("bundled_source_help", &s);
    }
}

#[test]
fn search_screens() {
    for (w, h) in SIZES {
        let mut s = mono(bundled_data(), w, h);
        press(&mut s, "/");
        common::type_text(&mut s, "kalin");
        snap("palette_kalin", &s);
        press(&mut s, "Down Down");
        snap("palette_kalin_third", &s);

        let mut s = mono(bundled_data(), w, h);
        press(&mut s, "Tab f");
        common::type_text(&mut s, "status");
        snap("issues_filtered", &s);

        let mut s = mono(bundled_data(), w, h);
        press(&mut s, "j j Tab Tab Tab Enter /");
        common::type_text(&mut s, "ukraine");
        press(&mut s, "Enter n");
        snap("source_find", &s);
    }
}

#[test]
fn review_screens() {
    for (w, h) in SIZES {
        let mut s = common::with_review(mono(fixture_data(), w, h));
        press(&mut s, "r");
        snap("review_item", &s);
        press(&mut s, "x n");
        common::type_text(&mut s, "The quote does not say weekly.");
        snap("review_note_editor", &s);
        press(&mut s, "Esc a f");
        snap("review_summary", &s);
        press(&mut s, "Esc Tab Tab");
        snap("browser_with_marks", &s);
    }
}

#[test]
fn too_small_window() {
    for (w, h) in [(59, 24), (120, 15), (30, 8)] {
        let s = mono(fixture_data(), w, h);
        snap("too_small", &s);
    }
}

#[test]
fn quote_highlight_is_on_the_quote_text_in_colour_too() {
    let mut s = State::new(Arc::new(fixture_data()), 120, 40, true);
    press(&mut s, "j Tab Tab Tab j Enter");
    let buf = draw(&s);
    let highlighted: String = buf
        .content()
        .iter()
        .filter(|c| c.bg == ratatui::style::Color::Yellow)
        .map(|c| c.symbol())
        .collect();
    assert_eq!(highlighted, "a ceasefire – if agreed – must be monitored");
}

#[test]
fn previews_of_each_kind() {
    for (w, h) in SIZES {
        let mut s = mono(fixture_data(), w, h);
        press(&mut s, "j");
        snap("preview_party", &s);
        press(&mut s, "Tab Tab");
        snap("preview_position", &s);

        // Events and sources are previewed in the palette.
        let mut s = mono(fixture_data(), w, h);
        press(&mut s, "/ S-Tab");
        common::type_text(&mut s, "geneva");
        snap("preview_event", &s);
        let mut s = mono(fixture_data(), w, h);
        press(&mut s, "/ S-Tab S-Tab");
        common::type_text(&mut s, "talks");
        snap("preview_source", &s);
    }
}

#[test]
fn help_in_review_mode_and_a_read_only_review() {
    for (w, h) in SIZES {
        let mut s = common::with_review(mono(fixture_data(), w, h));
        press(&mut s, "r ?");
        snap("review_help", &s);

        // A second parley on a review file another one holds: the first
        // frame says it is read-only, before any key.
        let mut s = mono(fixture_data(), w, h);
        let review = parley::review::Review::new(&s.data.ds.id.clone(), "bo");
        s.open_review(
            Some(review),
            Some("held by parley (pid 42, user ana) since 2026-11-30T09:00:00Z".into()),
        );
        snap("read_only_browser", &s);
        press(&mut s, "Tab a");
        snap("read_only_refuses_a_mark", &s);
        press(&mut s, "j");
        snap("read_only_badge", &s);
    }
}

/// One screen with its colours, as ratatui's buffer debug output lists
/// them: the stance and status colours, focus, selection and marks.
#[test]
fn browser_in_colour() {
    let mut s = common::with_review(State::new(Arc::new(bundled_data()), 100, 24, true));
    press(&mut s, "j j Tab j j j Tab a");
    insta::assert_snapshot!("browser_colour_100x24", format!("{:?}", draw(&s)));
}

fn rivers_data() -> Prepared {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/rivers.ron");
    let loaded = parley::model::load_path(&path).expect("fixture readable");
    Prepared::new(loaded.into_valid().expect("fixture valid"))
}

#[test]
fn matrix_screens() {
    for (w, h) in SIZES {
        let mut s = mono(rivers_data(), w, h);
        press(&mut s, "m j");
        snap("matrix_rivers", &s);
        press(&mut s, "o o");
        snap("matrix_rivers_by_disagreement", &s);
        // Ten parties do not fit: the columns scroll, the issues stay.
        let mut s = mono(bundled_data(), w, h);
        press(&mut s, "m j j l l l l l l l");
        snap("matrix_scrolled", &s);
    }
}

#[test]
fn timeline_screens() {
    for (w, h) in SIZES {
        let mut s = mono(rivers_data(), w, h);
        press(&mut s, "t j j j j j j j j j j");
        snap("timeline_rivers", &s);
    }
}
