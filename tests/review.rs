//! Review sessions driven by keys: marks, undo, notes, scope, resume,
//! stale marks, and what happens when the review file cannot be written.

mod common;

use common::{act, bundled_data, fixture_data, press, state, type_text, with_review};
use parley::app::update::action_for_key;
use parley::app::{Action, Effect, Pane, Screen, State, update};
use parley::model::{ItemRef, Kind, PositionIx};
use parley::prepared::Prepared;
use parley::review::{Mark, Review, Status};

/// The action a key stands for now, through the state's keymap.
fn bound(s: &State, key: &str) -> Action {
    action_for_key(s, common::key(key)).expect("bound")
}

fn view(s: &State) -> &parley::app::ReviewView {
    match &s.screen {
        Screen::Review(v, _) => v,
        other => panic!("review screen expected, got {other:?}"),
    }
}

fn current_id(s: &State) -> String {
    let p = view(s).position().expect("an item");
    s.data.ds.positions[p].id.clone()
}

fn status(s: &State, id: &str) -> Status {
    let i = s
        .data
        .ds
        .positions
        .iter()
        .position(|p| p.id == id)
        .expect("position");
    s.review
        .as_ref()
        .expect("review")
        .status(&s.data, ItemRef::Position(PositionIx::from(i)))
}

#[test]
fn marking_advances_and_undo_walks_back() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r");
    assert_eq!(view(&s).queue.len(), 3);
    assert_eq!(view(&s).scope, "everything");
    let first = current_id(&s);
    press(&mut s, "a");
    assert_eq!(status(&s, &first), Status::Marked(Mark::Verified));
    let second = current_id(&s);
    assert_ne!(first, second, "marking moves on");
    press(&mut s, "x");
    let third = current_id(&s);
    press(&mut s, "f");
    assert!(view(&s).summary, "all done: the summary shows");
    assert_eq!(status(&s, &third), Status::Marked(Mark::Flagged));
    press(&mut s, "u u");
    assert_eq!(status(&s, &third), Status::Unreviewed);
    assert_eq!(status(&s, &second), Status::Unreviewed);
    assert_eq!(status(&s, &first), Status::Marked(Mark::Verified));
    assert!(!view(&s).summary);
    press(&mut s, "] s");
    let c = s
        .review
        .as_ref()
        .expect("review")
        .counts(&s.data, &view(&s).queue);
    assert_eq!((c.verified, c.skipped, c.unreviewed), (1, 1, 1));
}

#[test]
fn every_mark_asks_for_a_save_before_the_next_key() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r");
    for (key, mark) in [
        ("a", Mark::Verified),
        ("x", Mark::Disputed),
        ("f", Mark::Flagged),
        ("s", Mark::Skipped),
    ] {
        let cmd = bound(&s, key);
        press(&mut s, "h h h");
        let id = current_id(&s);
        assert_eq!(update(&mut s, cmd), Some(Effect::SaveReview), "{key}");
        assert_eq!(status(&s, &id), Status::Marked(mark));
    }
}

#[test]
fn brackets_jump_between_unreviewed_items() {
    let mut s = with_review(state(bundled_data(), 120, 40));
    press(&mut s, "r");
    let queue = view(&s).queue.clone();
    // Mark items 1 and 2: each mark moves on to the next.
    press(&mut s, "l a a");
    press(&mut s, "h h h");
    assert_eq!(view(&s).at, 0);
    press(&mut s, "]");
    assert_eq!(view(&s).at, 3, "items 1 and 2 are done");
    press(&mut s, "[");
    assert_eq!(view(&s).at, 0);
    assert_eq!(queue.len(), s.data.ds.positions.len());
}

#[test]
fn scope_follows_the_selected_party_and_issue() {
    let mut s = with_review(state(bundled_data(), 120, 40));
    press(&mut s, "j j r");
    let ua = s.data.index.party("ua").expect("ua");
    assert!(
        view(&s)
            .queue
            .iter()
            .all(|&p| s.data.ds.positions[p].party == "ua")
    );
    assert_eq!(
        view(&s).queue.len(),
        s.data.index.positions_by_party[ua].len()
    );
    assert_eq!(view(&s).scope, "Ukraine");
    press(&mut s, "Esc");
    assert!(matches!(s.screen, Screen::Main(_)));
    // The parent issue includes the positions on its sub-issues.
    press(&mut s, "k k Tab g");
    let top = s.main.issue().expect("issue");
    assert_eq!(s.data.ds.issues[top].id, "territorial-integrity");
    press(&mut s, "r");
    let ids: Vec<&str> = view(&s)
        .queue
        .iter()
        .map(|&p| s.data.ds.positions[p].issue.as_str())
        .collect();
    assert!(
        ids.contains(&"crimea")
            && ids.contains(&"donbas")
            && ids.contains(&"territorial-integrity"),
        "{ids:?}"
    );
}

#[test]
fn notes_are_written_inline_and_esc_saves() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r n");
    assert_eq!(parley::app::mode(&s), parley::keymap::Mode::Note);
    type_text(&mut s, "first line");
    press(&mut s, "Enter");
    type_text(&mut s, "second q line");
    let id = current_id(&s);
    let cmd = bound(&s, "Esc");
    assert_eq!(update(&mut s, cmd), Some(Effect::SaveReview));
    let item = s
        .review
        .as_ref()
        .expect("review")
        .item(Kind::Position, &id)
        .expect("item")
        .clone();
    assert_eq!(item.note.as_deref(), Some("first line\nsecond q line"));
    assert_eq!(
        (item.reviewer.as_str(), item.time.as_str()),
        ("ana", "2026-11-22T12:00:00Z")
    );
    assert_eq!(item.mark, None, "a note alone does not mark");
    // Ctrl-e hands the note to the external editor, which sends it back.
    press(&mut s, "n");
    let cmd = bound(&s, "C-e");
    let Some(Effect::EditNote { item, text }) = update(&mut s, cmd) else {
        panic!("external editor expected");
    };
    assert_eq!(text, "first line\nsecond q line");
    act(
        &mut s,
        Action::NoteEdited {
            item,
            text: "from the editor\n".into(),
        },
    );
    let note = s
        .review
        .as_ref()
        .expect("review")
        .item(Kind::Position, &id)
        .and_then(|i| i.note.clone());
    assert_eq!(note.as_deref(), Some("from the editor"));
}

#[test]
fn marks_and_notes_work_in_the_browser_on_quotes_and_issues() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "Tab j a");
    let issue = s.main.issue().expect("issue");
    assert_eq!(
        s.review.as_ref().expect("r").status(&s.data, issue.into()),
        Status::Marked(Mark::Verified)
    );
    press(&mut s, "Tab Tab F");
    let quote = s.main.quote().expect("quote");
    assert_eq!(
        s.review.as_ref().expect("r").status(&s.data, quote.into()),
        Status::Marked(Mark::Flagged)
    );
    press(&mut s, "n");
    type_text(&mut s, "check");
    press(&mut s, "Esc");
    assert_eq!(
        s.review.as_ref().expect("r").note(&s.data, quote.into()),
        Some("check")
    );
    press(&mut s, "S-Tab S-Tab S-Tab a");
    assert!(
        s.message
            .as_deref()
            .is_some_and(|m| m.contains("select an issue")),
        "{:?}",
        s.message
    );
}

#[test]
fn enter_opens_the_quote_and_esc_returns_to_the_same_item() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r");
    let item = view(&s).at;
    press(&mut s, "Tab Enter");
    let Screen::Source(v, _) = &s.screen else {
        panic!("source viewer expected")
    };
    assert!(v.quote.is_some());
    press(&mut s, "Esc");
    assert_eq!(view(&s).at, item);
}

#[test]
fn resumes_at_the_saved_place() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r l");
    let place = current_id(&s);
    assert_eq!(
        s.review.as_ref().expect("r").file.place.as_deref(),
        Some(place.as_str())
    );
    let file = s.review.as_ref().expect("r").file.clone();
    let mut again = with_review(state(fixture_data(), 120, 40));
    again.review = Some(Review::from_file(file, "ana"));
    press(&mut again, "r");
    assert_eq!(current_id(&again), place);
}

#[test]
fn changed_positions_are_stale_and_reviewed_again() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r a a a");
    let file = s.review.as_ref().expect("r").file.clone();
    let mut ds = fixture_data().ds;
    ds.positions[PositionIx::from(1)]
        .summary
        .push_str(" (corrected)");
    let changed = ds.positions[PositionIx::from(1)].id.clone();
    let mut again = with_review(state(Prepared::new(ds), 120, 40));
    again.review = Some(Review::from_file(file, "ana"));
    assert_eq!(status(&again, &changed), Status::Stale(Mark::Verified));
    again.review.as_mut().expect("r").file.place = None;
    press(&mut again, "r");
    assert_eq!(
        current_id(&again),
        changed,
        "the stale item is the one left to review"
    );
}

#[test]
fn a_review_that_cannot_be_written_refuses_marks_but_browses() {
    let mut s = state(fixture_data(), 120, 40);
    s.review_blocked = Some("d.review.ron:3:7: Expected comma".into());
    press(&mut s, "r");
    assert!(matches!(s.screen, Screen::Main(_)));
    assert!(
        s.message.as_deref().is_some_and(|m| m.contains("3:7")),
        "{:?}",
        s.message
    );
    press(&mut s, "j Tab");
    assert_eq!(s.main.focus, Pane::Issues);

    let mut ro = with_review(state(fixture_data(), 120, 40));
    ro.review_blocked = Some("held by parley (pid 42, user bo)".into());
    press(&mut ro, "r");
    let cmd = bound(&ro, "a");
    assert_eq!(update(&mut ro, cmd), None, "no save when read-only");
    assert!(ro.review.as_ref().expect("r").file.items.is_empty());
    assert!(ro.message.as_deref().is_some_and(|m| m.contains("pid 42")));
}

#[test]
fn undo_says_what_it_undid_and_shows_the_item() {
    // In the browser: mark an issue, wander off, undo.
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "Tab j a");
    let marked = s.main.issue().expect("issue");
    let id = s.data.ds.issues[marked].id.clone();
    press(&mut s, "S-Tab j j Tab Tab");
    assert_ne!(s.main.focus, Pane::Issues);
    press(&mut s, "u");
    assert_eq!(
        s.message.as_deref(),
        Some(format!("undid verified mark on issue {id}").as_str())
    );
    assert_eq!(s.main.focus, Pane::Issues, "the cursor is on the item");
    assert_eq!(s.main.issue(), Some(marked));
    assert_eq!(
        s.review.as_ref().expect("r").status(&s.data, marked.into()),
        Status::Unreviewed
    );
    // A note undone says so.
    press(&mut s, "n");
    type_text(&mut s, "check");
    press(&mut s, "Esc j u");
    assert_eq!(
        s.message.as_deref(),
        Some(format!("undid note on issue {id}").as_str())
    );
    assert_eq!(s.main.issue(), Some(marked));

    // In a review session: the item undone is shown again.
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r a x");
    let second = view(&s).queue[1];
    assert_eq!(view(&s).at, 2);
    press(&mut s, "u");
    assert_eq!(view(&s).position(), Some(second));
    let id = s.data.ds.positions[second].id.clone();
    assert_eq!(
        s.message.as_deref(),
        Some(format!("undid disputed mark on position {id}").as_str())
    );
    press(&mut s, "u u");
    assert_eq!(s.message.as_deref(), Some("nothing to undo"));
}

/// A save that fails (a full disk) leaves the mark in the review but
/// visibly unsaved; the next key asks for the save again, and quitting
/// asks first: `q` retries (and quits if that works), `q` again quits
/// without the marks, any other key stays.
#[test]
fn a_failed_save_leaves_marks_unsaved_retried_and_asked_about_on_quit() {
    use parley::app::update::has_unsaved_marks;
    let full = || Action::Saved(Some("No space left on device (os error 28)".into()));
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "r");
    let id = current_id(&s);
    let cmd = bound(&s, "x");
    assert_eq!(update(&mut s, cmd), Some(Effect::SaveReview));
    assert_eq!(update(&mut s, full()), None);
    assert!(has_unsaved_marks(&s));
    assert!(s.is_unsaved(Kind::Position, &id));
    assert!(
        s.message
            .as_deref()
            .is_some_and(|m| m.contains("1 mark or note not saved")),
        "{:?}",
        s.message
    );
    // Any key retries, even one that asks for nothing else.
    let cmd = bound(&s, "j");
    assert_eq!(update(&mut s, cmd), Some(Effect::SaveReview));
    assert_eq!(update(&mut s, full()), None);
    // Quitting retries and asks instead of quitting.
    let quit = bound(&s, "q");
    assert_eq!(update(&mut s, quit.clone()), Some(Effect::SaveReview));
    assert!(s.confirm_quit);
    assert_eq!(update(&mut s, full()), None);
    // Another key stays.
    let cmd = bound(&s, "k");
    assert_eq!(update(&mut s, cmd), Some(Effect::SaveReview));
    assert!(!s.confirm_quit);
    // Asked again, and this time the retry works: parley quits.
    assert_eq!(update(&mut s, quit.clone()), Some(Effect::SaveReview));
    assert_eq!(update(&mut s, Action::Saved(None)), Some(Effect::Quit));
    assert!(!has_unsaved_marks(&s));
    // Saved: a key asks for no save, and q quits at once.
    let cmd = bound(&s, "j");
    assert_eq!(update(&mut s, cmd), None);
    assert_eq!(update(&mut s, quit.clone()), Some(Effect::Quit));
    // Unsaved again: q twice quits without them.
    let cmd = bound(&s, "f");
    update(&mut s, cmd);
    update(&mut s, full());
    assert_eq!(update(&mut s, quit.clone()), Some(Effect::SaveReview));
    update(&mut s, full());
    assert_eq!(update(&mut s, quit), Some(Effect::Quit));
}

/// A mark the file does not have is drawn apart: `*` after its glyph in
/// the browser's panes, `not saved yet` on the review screen, and an
/// `[N unsaved]` badge once the message is gone.
#[test]
fn unsaved_marks_are_drawn_as_unsaved() {
    let mut s = with_review(state(fixture_data(), 120, 40));
    press(&mut s, "Tab x");
    update(&mut s, Action::Saved(Some("disk full".into())));
    press(&mut s, "Esc");
    let text = common::screen(&s);
    assert!(text.contains("✘*"), "{text}");
    assert!(text.contains("[1 unsaved]"), "{text}");
    update(&mut s, Action::Saved(None));
    let text = common::screen(&s);
    assert!(text.contains("✘ ") && !text.contains("✘*"), "{text}");
    assert!(!text.contains("unsaved"), "{text}");
}
