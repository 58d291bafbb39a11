//! Property test: arbitrary keys, resizes and reload events (a new version
//! of the dataset, a failed reload, the first load after the loading
//! screen) never panic, every selection points at an item of the version
//! shown, and no reload loses a mark or a note.
//!
//! Case counts are small so `cargo test` stays quick; run it longer with
//! `PROPTEST_CASES=2000 cargo test --test reload_props`.

mod common;

use common::{act, fixture_data, press, state, with_review};
use parley::app::{Action, LoadingView, Pane, ReloadFailure, Screen, State};
use parley::keymap::Mode;
use parley::model::{Dataset, ItemRef};
use parley::prepared::Prepared;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

const KEYS: &[&str] = common::WALK_KEYS;

/// A change to the fixture, as an editor might make between two saves.
#[derive(Debug, Clone)]
enum Change {
    /// Drops the nth item of a kind (modulo its count).
    Drop(usize, usize),
    /// Reverses every list: no index means what it did.
    Reverse,
    /// Renames the nth party.
    Rename(usize),
    /// Points the nth position at a party that does not exist.
    Dangle(usize),
    /// Copies the nth quote, id and all.
    Duplicate(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..7usize, 0..8usize).prop_map(|(k, n)| Change::Drop(k, n)),
        Just(Change::Reverse),
        (0..4usize).prop_map(Change::Rename),
        (0..4usize).prop_map(Change::Dangle),
        (0..5usize).prop_map(Change::Duplicate),
    ]
}

fn apply(ds: &mut Dataset, c: &Change) {
    fn drop<T>(v: &mut Vec<T>, n: usize) {
        if !v.is_empty() {
            let at = n % v.len();
            v.remove(at);
        }
    }
    match *c {
        Change::Drop(kind, n) => match kind {
            0 => drop(&mut ds.parties.raw, n),
            1 => drop(&mut ds.people.raw, n),
            2 => drop(&mut ds.issues.raw, n),
            3 => drop(&mut ds.positions.raw, n),
            4 => drop(&mut ds.quotes.raw, n),
            5 => drop(&mut ds.sources.raw, n),
            _ => drop(&mut ds.events.raw, n),
        },
        Change::Reverse => {
            ds.parties.raw.reverse();
            ds.issues.raw.reverse();
            ds.positions.raw.reverse();
            ds.quotes.raw.reverse();
            ds.sources.raw.reverse();
        }
        Change::Rename(n) => {
            let len = ds.parties.len();
            if let Some(p) = ds.parties.raw.get_mut(n % len.max(1)) {
                p.name.push_str(" (renamed)");
            }
        }
        Change::Dangle(n) => {
            let len = ds.positions.len();
            if let Some(p) = ds.positions.raw.get_mut(n % len.max(1)) {
                p.party = "nobody".into();
            }
        }
        Change::Duplicate(n) => {
            let len = ds.quotes.len();
            if let Some(q) = ds.quotes.raw.get(n % len.max(1)).cloned() {
                ds.quotes.raw.push(q);
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(&'static str),
    Resize(u16, u16),
    /// A new version: the fixture with these changes.
    Reload(Vec<Change>),
    /// A reload that did not parse.
    Fail,
    /// The runtime starting again from its loading screen.
    Restart,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => proptest::sample::select(KEYS).prop_map(Step::Key),
        1 => (0u16..160, 0u16..50).prop_map(|(w, h)| Step::Resize(w, h)),
        3 => proptest::collection::vec(change(), 0..4).prop_map(Step::Reload),
        1 => Just(Step::Fail),
        1 => Just(Step::Restart),
    ]
}

/// Every place that names an item names one of the version shown.
fn check_selections(s: &State) {
    for pane in Pane::ALL {
        if let Some(item) = s.main.selected(pane) {
            assert!(
                !s.data.id(item).is_empty(),
                "{pane:?}: {item:?} not in data"
            );
        }
    }
    if let Screen::Source(view, _) = &s.screen {
        assert!(!s.data.id(ItemRef::Source(view.source)).is_empty());
    }
    if let Screen::Review(view, _) = &s.screen {
        for &p in &view.queue {
            assert!(!s.data.id(p.into()).is_empty());
        }
    }
}

/// Marks and notes, by kind and id.
fn marks(s: &State) -> Vec<(String, Option<String>, Option<String>)> {
    let mut out: Vec<_> = s
        .review
        .iter()
        .flat_map(|r| &r.file.items)
        .map(|i| {
            (
                format!("{:?}:{}", i.kind, i.id),
                i.mark.map(|m| format!("{m:?}")),
                i.note.clone(),
            )
        })
        .collect();
    out.sort();
    out
}

fn draw(s: &State) {
    let mut t = Terminal::new(TestBackend::new(s.width, s.height)).expect("terminal");
    t.draw(|f| parley::ui::render(f, s)).expect("draw");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn keys_resizes_and_reloads_never_panic_or_lose_a_mark(
        steps in proptest::collection::vec(step(), 1..80)
    ) {
        let mut s = with_review(state(fixture_data(), 120, 40));
        for step in steps {
            match step {
                Step::Key(k) => {
                    press(&mut s, k);
                }
                Step::Resize(width, height) => act(&mut s, Action::Resize { width, height }),
                Step::Reload(changes) => {
                    let mut ds = fixture_data().ds;
                    for c in &changes {
                        apply(&mut ds, c);
                    }
                    let before = marks(&s);
                    act(&mut s, Action::Replace(Arc::new(Prepared::new(ds))));
                    let after = marks(&s);
                    for m in &before {
                        // A note open on an item that went is saved, so a
                        // note may be added; nothing is removed or changed.
                        prop_assert!(
                            after.contains(m) || after.iter().any(|a| a.0 == m.0 && a.1 == m.1 && m.2.is_none()),
                            "{m:?} lost by a reload"
                        );
                    }
                }
                Step::Fail => act(
                    &mut s,
                    Action::ReloadFailed(ReloadFailure {
                        summary: "data.ron:1:1: E001 Expected".into(),
                        diagnostics: Arc::new(Vec::new()),
                    }),
                ),
                Step::Restart => {
                    if s.loading_view().is_none() && s.note_editor().is_none() {
                        s.screen = Screen::Loading(LoadingView::new("x".into(), Mode::Browser));
                    } else if s.loading_view().is_some() {
                        act(&mut s, Action::Loaded(Arc::new(fixture_data())));
                    }
                }
            }
            check_selections(&s);
            draw(&s);
        }
    }
}
