//! Replacing the dataset with a new version while parley shows it: every
//! place that pointed at an item finds it again by id, whatever its new
//! index; what is gone is dropped, never pointed at.

mod common;

use common::{act, fixture_data, press, state, type_text, with_review};
use parley::app::{Action, Effect, Pane, Screen, State, update};
use parley::model::Dataset;
use parley::prepared::Prepared;
use std::sync::Arc;

/// The fixture with every list reversed, so no index means what it did.
fn reordered() -> Dataset {
    let mut ds = fixture_data().ds;
    ds.sources.raw.reverse();
    ds.parties.raw.reverse();
    ds.issues.raw.reverse();
    ds.quotes.raw.reverse();
    ds.positions.raw.reverse();
    ds
}

fn replace(s: &mut State, ds: Dataset) -> Option<Effect> {
    update(s, Action::Replace(Arc::new(Prepared::new(ds))))
}

fn selected_ids(s: &State) -> Vec<String> {
    Pane::ALL
        .into_iter()
        .map(|p| {
            s.main
                .selected(p)
                .map_or("-".into(), |i| s.data.id(i).to_string())
        })
        .collect()
}

#[test]
fn selections_the_source_viewer_and_the_jump_list_follow_ids() {
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "j Tab j Tab Tab j");
    let before = selected_ids(&s);
    assert_eq!(
        before,
        ["north", "ceasefire", "north-ceasefire", "q-ruiz-monitored"]
    );
    press(&mut s, "Enter j");
    let Screen::Source(view, _) = &s.screen else {
        panic!("source viewer expected")
    };
    let top = view.top();

    assert_eq!(replace(&mut s, reordered()), None);
    let Screen::Source(view, _) = &s.screen else {
        panic!("still in the source viewer")
    };
    assert_eq!(s.data.ds.sources[view.source].id, "s-talks");
    assert_eq!(
        view.quote.map(|q| s.data.ds.quotes[q].id.as_str()),
        Some("q-ruiz-monitored")
    );
    assert_eq!(view.top(), top, "the same text at the top");
    // The browser beneath, and the place the jump list returns to.
    assert_eq!(selected_ids(&s), before);
    press(&mut s, "C-o");
    assert!(matches!(s.screen, Screen::Main(_)));
    assert_eq!(selected_ids(&s), before);
    assert_eq!(s.main.focus, Pane::Quotes);
    press(&mut s, "C-i");
    assert!(matches!(s.screen, Screen::Source(..)));
}

#[test]
fn what_is_gone_is_dropped() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    // A review session on the second position; then a version without
    // it, and without its source's other quotes.
    press(&mut s, "r l");
    let Screen::Review(view, _) = &s.screen else {
        panic!("review expected")
    };
    assert_eq!(view.queue.len(), 3);
    let mut ds = reordered();
    ds.positions.raw.retain(|p| p.id != "south-commission");
    ds.quotes.raw.retain(|q| q.id != "q-south-commission");
    replace(&mut s, ds);
    let Screen::Review(view, _) = &s.screen else {
        panic!("still reviewing")
    };
    let ids: Vec<&str> = view
        .queue
        .iter()
        .map(|&p| s.data.ds.positions[p].id.as_str())
        .collect();
    assert_eq!(ids, ["north-ceasefire", "med-meetings"]);
    assert!(view.at < view.queue.len());
    press(&mut s, "a l h Enter");

    // A source that disappears takes the viewer with it.
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "j Tab Tab Tab Enter");
    let mut ds = fixture_data().ds;
    ds.sources.raw.retain(|x| x.id != "s-talks");
    ds.quotes.raw.retain(|q| q.source != "s-talks");
    replace(&mut s, ds);
    assert!(matches!(s.screen, Screen::Main(_)));
    assert!(
        s.message
            .as_deref()
            .is_some_and(|m| m.contains("no longer"))
    );
    // Every pane still lists something real, and keys still work.
    press(&mut s, "C-o C-i j k Tab Tab Tab Enter Esc");
}

#[test]
fn the_palette_asks_again_and_keeps_only_hits_that_exist() {
    let mut s = state(fixture_data(), 120, 40);
    press(&mut s, "/");
    type_text(&mut s, "land");
    let hits = s.palette().expect("open").hits.len();
    assert!(hits >= 2);
    let mut ds = reordered();
    ds.parties.raw.retain(|p| p.id != "south");
    let effect = replace(&mut s, ds);
    let Some(Effect::Search(request)) = effect else {
        panic!("a new search expected, got {effect:?}")
    };
    assert_eq!(request.query, "land");
    let p = s.palette().expect("still open");
    assert!(p.hits.len() < hits);
    assert!(p.hits.iter().all(|h| !s.data.id(h.item).is_empty()));
    assert!(
        p.hits.iter().all(|h| s.data.id(h.item) != "south"),
        "a removed party is not a hit"
    );
    let response = parley::search::worker::run(s.data.search(), &s.data.matcher, request);
    act(&mut s, Action::SearchDone(response));
    press(&mut s, "Enter");
}

#[test]
fn a_note_on_an_item_that_goes_is_saved_first() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r n");
    type_text(&mut s, "typed before the reload");
    let Screen::Review(view, _) = &s.screen else {
        panic!("review expected")
    };
    let id = s.data.ds.positions[view.position().expect("an item")]
        .id
        .clone();
    let mut ds = fixture_data().ds;
    ds.positions.raw.retain(|p| p.id != id);
    assert_eq!(replace(&mut s, ds), Some(Effect::SaveReview));
    let note = s
        .review
        .as_ref()
        .expect("review")
        .item(parley::model::Kind::Position, &id)
        .and_then(|it| it.note.clone());
    assert_eq!(note.as_deref(), Some("typed before the reload"));
    assert!(s.note_editor().is_none());
}
