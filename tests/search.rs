//! Search: query syntax, folding, smart case, aliases, ranking, the worker
//! and `parley search`.

mod common;

use common::parley;

use parley::model::{ItemRef, Kind, PartyIx, QuoteIx};
use parley::prepared::Prepared;
use parley::search::worker::{Request, Worker};
use parley::search::{Matcher, Query, SearchIndex};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn ids(data: &Prepared, query: &str, scope: Option<Kind>) -> Vec<String> {
    let index = SearchIndex::new(&data.ds, &data.index);
    let hits = Matcher::default()
        .search(&index, &Query::parse(query), scope, &|| false)
        .expect("not cancelled");
    hits.iter()
        .map(|h| format!("{}:{}", h.item.kind().as_str(), data.id(h.item)))
        .collect()
}

#[test]
fn folding_finds_names_without_their_diacritics() {
    let data = common::bundled_data();
    assert_eq!(
        ids(&data, "cavusoglu", Some(Kind::Person))[0],
        "person:cavusoglu"
    );
    assert_eq!(ids(&data, "kalin", None)[0], "person:kalin");
    assert_eq!(ids(&data, "turkiye", Some(Kind::Party))[0], "party:tr");
    // Typographic quotes in the text fold to straight ones in the query.
    assert!(
        ids(&data, "'day's negotiations", Some(Kind::Quote))
            .contains(&"quote:q-fomin-neutral".to_string())
    );
}

#[test]
fn odemis_folds_in_text_and_query() {
    let mut ds = common::fixture_data().ds;
    ds.parties[PartyIx::from(0)].name = "Ödemiş Delegation".into();
    let data = Prepared::new(ds);
    assert_eq!(ids(&data, "odemis", None)[0], "party:north");
    assert!(
        ids(&data, "ÖDEMİŞ", None).is_empty(),
        "an uppercase query is case-sensitive"
    );
    assert_eq!(ids(&data, "Ödemiş", Some(Kind::Party)), ["party:north"]);
    assert_eq!(ids(&data, "Odemis", Some(Kind::Party)), ["party:north"]);
}

#[test]
fn aliases_count_as_the_item() {
    let data = common::bundled_data();
    assert_eq!(ids(&data, "Kiev", Some(Kind::Party)), ["party:ua"]);
    assert_eq!(ids(&data, "medinski", None)[0], "person:medinsky");
    let fixture = common::fixture_data();
    assert_eq!(
        ids(&fixture, "the north", Some(Kind::Party)),
        ["party:north"]
    );
}

#[test]
fn each_operator_on_the_fixture() {
    let data = common::fixture_data();
    // Fuzzy: letters in order.
    assert_eq!(ids(&data, "nrthlnd", Some(Kind::Party)), ["party:north"]);
    // Exact substring.
    assert!(ids(&data, "'rthl", Some(Kind::Party)).contains(&"party:north".to_string()));
    assert!(ids(&data, "'rtxl", Some(Kind::Party)).is_empty());
    // Prefix and suffix anchor to a field.
    assert_eq!(ids(&data, "^south", Some(Kind::Party)), ["party:south"]);
    assert!(ids(&data, "^outh", Some(Kind::Party)).is_empty());
    assert_eq!(ids(&data, "toria$", Some(Kind::Party)), ["party:med"]);
    assert_eq!(ids(&data, "^mediatoria$", Some(Kind::Party)), ["party:med"]);
    // Exclusion.
    let all = ids(&data, "land", Some(Kind::Party));
    assert_eq!(all, ["party:north", "party:south"]);
    assert_eq!(
        ids(&data, "land !north", Some(Kind::Party)),
        ["party:south"]
    );
    // OR, and AND across groups.
    assert_eq!(
        ids(&data, "mediatoria | southland", Some(Kind::Party)).len(),
        2
    );
    assert_eq!(
        ids(&data, "mediatoria | southland !^south", Some(Kind::Party)),
        ["party:med"]
    );
    assert!(ids(&data, "zzzz", None).is_empty());
}

#[test]
fn smart_case() {
    let data = common::fixture_data();
    assert_eq!(ids(&data, "northland", Some(Kind::Party)), ["party:north"]);
    assert_eq!(ids(&data, "Northland", Some(Kind::Party)), ["party:north"]);
    assert!(ids(&data, "NorthLand", Some(Kind::Party)).is_empty());
}

#[test]
fn ties_break_on_kind_then_length_then_order() {
    let data = common::fixture_data();
    // "ceasefire" is an issue title and appears in quotes and positions;
    // the issue wins the tie on kind.
    let hits = ids(&data, "'Ceasefire", None);
    assert_eq!(hits[0], "issue:ceasefire", "{hits:?}");
    // The same text twice: dataset order decides, and stays stable.
    let mut ds = common::fixture_data().ds;
    ds.parties[PartyIx::from(1)].name = ds.parties[PartyIx::from(0)].name.clone();
    let data = Prepared::new(ds);
    assert_eq!(
        ids(&data, "northland", Some(Kind::Party)),
        ["party:north", "party:south"]
    );
    // Shorter text first.
    let mut ds = common::fixture_data().ds;
    ds.parties[PartyIx::from(0)].name = "Mediatoria Grande".into();
    let data = Prepared::new(ds);
    assert_eq!(
        ids(&data, "'mediatoria", Some(Kind::Party)),
        ["party:med", "party:north"]
    );
}

#[test]
fn highlight_positions_are_in_the_displayed_text() {
    let mut ds = common::fixture_data().ds;
    ds.parties[PartyIx::from(0)].name = "Delegation of Ödemiş".into();
    let data = Prepared::new(ds);
    let index = SearchIndex::new(&data.ds, &data.index);
    let m = Matcher::default();
    let e = index
        .entry(ItemRef::Party(PartyIx::from(0)))
        .expect("entry");
    let e = &e;
    let chars: Vec<char> = e.joined().chars().collect();
    for (query, expect) in [
        ("odemis", "Ödemiş"),
        ("'Deleg", "Deleg"),
        ("miş$", "miş"),
        ("^the", "the"),
    ] {
        let pos = m.positions(e, &Query::parse(query));
        let marked: String = pos.iter().map(|&i| chars[i]).collect();
        assert_eq!(marked, expect, "{query}");
    }
    let pos = m.positions(e, &Query::parse("odemis"));
    assert_eq!(e.field_at(&pos).name(), "name");
    assert_eq!(e.field_text(&e.field_at(&pos)), "Delegation of Ödemiş");
}

#[test]
fn cancelled_search_returns_nothing() {
    let data = common::bundled_data();
    let index = SearchIndex::new(&data.ds, &data.index);
    assert!(
        Matcher::default()
            .search(&index, &Query::parse("a"), None, &|| true)
            .is_none()
    );
}

#[test]
fn worker_drops_a_stale_query() {
    // Enough entries that the first search cannot finish between the two
    // submissions.
    let mut ds = common::bundled_data().ds;
    let template = ds.quotes[QuoteIx::from(0)].clone();
    for i in 0..60_000 {
        let mut q = template.clone();
        q.id = format!("extra-{i}");
        ds.quotes.push(q);
    }
    let data = Prepared::new(ds);
    let index = Arc::new(SearchIndex::new(&data.ds, &data.index));
    let worker = Worker::spawn(move || index).expect("worker");
    worker.submit(Request {
        generation: 1,
        query: "a".into(),
        scope: None,
        marks: None,
    });
    worker.submit(Request {
        generation: 2,
        query: "significant".into(),
        scope: None,
        marks: None,
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let response = loop {
        if let Some(r) = worker.try_recv() {
            break r;
        }
        assert!(Instant::now() < deadline, "no response");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(response.generation, 2, "the stale query must not answer");
    assert!(!response.hits.is_empty());
}

fn fixture() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good/minimal.ron"
    )
    .to_string()
}

#[test]
fn cli_json_is_best_first_with_the_matched_field() {
    let out = parley()
        .args(["search", "ceasefire", &fixture(), "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON array");
    assert_eq!(hits[0]["kind"], "issue");
    assert_eq!(hits[0]["id"], "ceasefire");
    assert_eq!(hits[0]["text"], "Ceasefire");
    for h in &hits {
        for key in ["kind", "id", "score", "text", "context"] {
            assert!(h.get(key).is_some(), "{key} missing in {h}");
        }
    }
    let scores: Vec<i64> = hits
        .iter()
        .map(|h| h["score"].as_i64().expect("score"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let quote = hits
        .iter()
        .find(|h| h["id"] == "q-north-guarantees")
        .expect("a quote hit");
    assert_eq!(quote["context"], "Northland · Talks resume");
}

#[test]
fn cli_kind_limit_and_exit_codes() {
    let out = parley()
        .args([
            "search",
            "e",
            &fixture(),
            "--json",
            "--kind",
            "party",
            "--kind",
            "person",
            "--limit",
            "2",
        ])
        .output()
        .expect("runs");
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON array");
    assert_eq!(hits.len(), 2);
    assert!(
        hits.iter()
            .all(|h| h["kind"] == "party" || h["kind"] == "person")
    );
    let none = parley()
        .args(["search", "zzzzqqq", &fixture()])
        .output()
        .expect("runs");
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    let bad = parley()
        .args(["search", "x", "tests/fixtures/bad/syntax.ron"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let usage = parley()
        .args(["search", "x", "--kind", "planet"])
        .output()
        .expect("runs");
    assert_eq!(usage.status.code(), Some(2));
}

/// In a pipe, a hit is one line of tab-separated columns with the text
/// as the dataset has it: `grep Southland` must find it.
#[test]
fn cli_output_in_a_pipe_is_plain_tab_separated_text() {
    let out = parley()
        .args(["search", "^south", &fixture(), "--kind", "party"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let columns: Vec<&str> = text.trim_end().split('\t').collect();
    assert_eq!(columns.len(), 5, "{text:?}");
    assert_eq!(
        (columns[0], columns[1], columns[3], columns[4]),
        ("party", "south", "Southland", "principal")
    );
    assert!(columns[2].parse::<i64>().is_ok(), "a score: {text:?}");
    assert!(!text.contains('\u{1b}'), "no colour in a pipe: {text:?}");
}

#[test]
fn cli_colour_marks_the_match_when_asked_for() {
    let out = parley()
        .args([
            "search",
            "^south",
            &fixture(),
            "--kind",
            "party",
            "--color",
            "always",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\u{1b}[1;4mSouth\u{1b}[0mland"), "{text:?}");
    // NO_COLOR wins over auto, CLICOLOR_FORCE over a pipe.
    let forced = parley()
        .env("CLICOLOR_FORCE", "1")
        .args(["search", "^south", &fixture(), "--kind", "party"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'));
    let never = parley()
        .env("CLICOLOR_FORCE", "1")
        .args(["search", "^south", &fixture(), "--color", "never"])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}

/// Typed a key at a time, each query searched within the hits of the
/// earlier ones it narrows finds exactly what a search of every entry
/// finds, in the same order, in every scope. The queries add words after
/// words, change the word being typed, negate, offer alternatives, quote,
/// qualify and change case, so both narrowing and not narrowing are met.
#[test]
fn searching_within_earlier_hits_finds_what_a_full_search_finds() {
    use parley::search::recent::{Recent, narrows};
    let data = common::bundled_data();
    let index = SearchIndex::new(&data.ds, &data.index);
    let matcher = Matcher::default();
    let typed = [
        "talks in istanbul were constructive",
        "russia neutral status ukraine",
        "kalin 'ceasefire !army",
        "ukraine | russia guarantees",
        "party:ua security guarantees",
        "Russia Security",
        "medinsky said the",
        "a b c d e",
    ];
    let mut narrowed = 0;
    for scope in [None, Some(Kind::Quote), Some(Kind::Position)] {
        for text in typed {
            let mut recent = Recent::default();
            let mut earlier: Option<Query> = None;
            for end in (1..=text.len()).filter(|&n| text.is_char_boundary(n)) {
                let Ok(q) = index.query(&text[..end], None) else {
                    continue;
                };
                if earlier.as_ref().is_some_and(|e| narrows(e, &q)) {
                    narrowed += 1;
                }
                let q = Arc::new(q);
                let full = matcher.search(&index, &q, scope, &|| false);
                let within = recent.search(&matcher, &index, &q, scope, &|| false);
                assert_eq!(within, full, "{:?} in {scope:?}", &text[..end]);
                earlier = Some((*q).clone());
            }
        }
    }
    // The queries above must exercise narrowing, or this test proves
    // nothing.
    assert!(narrowed > 50, "only {narrowed} narrowed searches");
}
