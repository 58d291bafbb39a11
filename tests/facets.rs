//! The query language: every qualifier and its negation on a held-out
//! fixture, synonyms, ranking, and the errors a mistyped query gets.

mod common;

use parley::model::{ItemRef, Kind};
use parley::prepared::Prepared;
use parley::search::facet::{Marks, ReviewMark};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

fn facets_data() -> Prepared {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/facets.ron");
    let loaded = parley::model::load_path(&path).expect("fixture readable");
    Prepared::new(loaded.into_valid().expect("fixture valid"))
}

/// The ids of the items of `kind` a query finds, in rank order.
fn ranked(data: &Prepared, query: &str, kind: Kind) -> Vec<String> {
    ranked_with(data, query, kind, None)
}

fn ranked_with(data: &Prepared, query: &str, kind: Kind, marks: Option<Arc<Marks>>) -> Vec<String> {
    let search = data.search();
    let q = search
        .query(query, marks)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    data.matcher
        .search(search, &q, Some(kind), &|| false)
        .expect("not cancelled")
        .into_iter()
        .map(|h| data.id(h.item).to_string())
        .collect()
}

fn found(data: &Prepared, query: &str, kind: Kind) -> BTreeSet<String> {
    ranked(data, query, kind).into_iter().collect()
}

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn all(data: &Prepared, kind: Kind) -> BTreeSet<String> {
    data.ds
        .items(kind)
        .map(|i| data.id(i).to_string())
        .collect()
}

fn error(data: &Prepared, query: &str) -> String {
    match data.search().query(query, None) {
        Ok(_) => panic!("{query} should not parse"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_qualifier_and_its_negation() {
    let data = facets_data();
    use Kind::{Position as P, Quote as Q};
    // (query, kind, what it finds); the negation finds the rest of the kind.
    let table: &[(&str, Kind, &[&str])] = &[
        (
            "party:velmora",
            P,
            &["v-cap-june", "v-cap-sept", "v-cap-oct"],
        ),
        // By name, by alias, by a unique prefix, folded.
        (
            "party:\"Republic of Velmora\"",
            P,
            &["v-cap-june", "v-cap-sept", "v-cap-oct"],
        ),
        ("party:velm", P, &["v-cap-june", "v-cap-sept", "v-cap-oct"]),
        ("party:council", P, &["m-fund"]),
        // On a quote, party is the speaker's party, a person's included.
        ("party:velmora", Q, &["q-rejects", "q-accepts", "q-quota"]),
        // An issue takes its sub-issues with it.
        (
            "issue:water",
            P,
            &[
                "v-cap-june",
                "v-cap-sept",
                "v-cap-oct",
                "d-cap",
                "m-fund",
                "d-fund",
            ],
        ),
        (
            "issue:cap",
            P,
            &["v-cap-june", "v-cap-sept", "v-cap-oct", "d-cap"],
        ),
        ("issue:\"navigation rights\"", P, &["d-navigation"]),
        ("stance:red-line", P, &["v-cap-oct", "d-navigation"]),
        ("stance:RedLine", P, &["v-cap-oct", "d-navigation"]),
        ("stance:\"red line\"", P, &["v-cap-oct", "d-navigation"]),
        ("stance:rej", P, &["v-cap-june"]),
        (
            "status:contested",
            P,
            &["v-cap-june", "v-cap-sept", "v-cap-oct", "d-cap"],
        ),
        ("status:deferred", P, &["d-navigation"]),
        ("role:mediator", P, &["m-fund"]),
        ("role:third-party", P, &[]),
        ("source:gazette", P, &["v-cap-oct", "m-fund", "d-fund"]),
        (
            "source:s-wire",
            Q,
            &[
                "q-rejects",
                "q-accepts",
                "q-durant-cap",
                "q-navigation",
                "q-summit",
            ],
        ),
        (
            "tag:energy",
            P,
            &["v-cap-june", "v-cap-sept", "v-cap-oct", "d-cap"],
        ),
        ("tag:money", P, &["m-fund", "d-fund"]),
        ("by:varga", P, &["v-cap-june", "v-cap-oct"]),
        ("by:\"Jon Okoro\"", P, &["d-cap"]),
        ("speaker:varga", Q, &["q-rejects", "q-quota"]),
        // A party speaks through its people too.
        ("speaker:velmora", Q, &["q-rejects", "q-accepts", "q-quota"]),
        ("is:reported", P, &["d-navigation"]),
        (
            "is:direct",
            P,
            &[
                "v-cap-june",
                "v-cap-sept",
                "v-cap-oct",
                "d-cap",
                "m-fund",
                "d-fund",
            ],
        ),
        ("is:paraphrase", Q, &["q-navigation", "q-fund"]),
        (
            "is:exact",
            Q,
            &[
                "q-rejects",
                "q-accepts",
                "q-durant-cap",
                "q-navigation",
                "q-quota",
                "q-fund",
                "q-summit",
                "q-zalhora",
            ],
        ),
        ("is:orphaned", Q, &[]),
        ("kind:quote", P, &[]),
        // Dates: a day, a month, ranges; partial dates as the ranges they
        // denote, so `2031` (a year) is inside no month of it.
        ("date:2031-09-20", P, &["v-cap-sept", "d-cap"]),
        ("date:2031-09", P, &["v-cap-sept", "d-cap", "m-fund"]),
        (
            "date:2031",
            P,
            &[
                "v-cap-june",
                "v-cap-sept",
                "v-cap-oct",
                "d-cap",
                "d-navigation",
                "m-fund",
            ],
        ),
        (
            "date:>=2031-09-20",
            P,
            &["v-cap-sept", "v-cap-oct", "d-cap"],
        ),
        ("date:>2031-09", P, &["v-cap-oct"]),
        ("date:<2031-09", P, &["v-cap-june"]),
        (
            "date:<=2031-09",
            P,
            &["v-cap-june", "v-cap-sept", "d-cap", "m-fund"],
        ),
        (
            "date:2031-06-01..2031-09-30",
            P,
            &["v-cap-june", "v-cap-sept", "d-cap", "m-fund"],
        ),
        ("date:2031-10..", P, &["v-cap-oct"]),
        // A quote is dated by the positions citing it, else by its source.
        ("date:2031-10", Q, &["q-quota", "q-zalhora"]),
        (
            "date:2031-09-20",
            Q,
            &["q-accepts", "q-durant-cap", "q-summit"],
        ),
    ];
    for &(query, kind, expected) in table {
        let expected = ids(expected);
        assert_eq!(found(&data, query, kind), expected, "{query} on {kind}");
        let negated = format!("-{query}");
        let rest: BTreeSet<String> = all(&data, kind).difference(&expected).cloned().collect();
        assert_eq!(found(&data, &negated, kind), rest, "{negated} on {kind}");
        let bang = format!("!{query}");
        assert_eq!(found(&data, &bang, kind), rest, "{bang} on {kind}");
    }
}

#[test]
fn repeats_are_either_and_different_qualifiers_both() {
    let data = facets_data();
    assert_eq!(
        found(&data, "party:velmora party:mediator", Kind::Position),
        ids(&["v-cap-june", "v-cap-sept", "v-cap-oct", "m-fund"])
    );
    assert_eq!(
        found(&data, "party:velmora,mediator", Kind::Position),
        found(&data, "party:velmora party:mediator", Kind::Position)
    );
    assert_eq!(
        found(&data, "party:velmora stance:red-line", Kind::Position),
        ids(&["v-cap-oct"])
    );
    // Two negations exclude both.
    assert_eq!(
        found(&data, "-party:velmora -party:durant", Kind::Position),
        ids(&["m-fund"])
    );
    // Different `is:` groups are both asked for; the same group either.
    assert_eq!(
        found(&data, "is:reported is:paraphrase", Kind::Position),
        ids(&["d-navigation"])
    );
    assert_eq!(
        found(&data, "is:reported is:direct", Kind::Position),
        all(&data, Kind::Position)
    );
    // With text: qualifiers narrow, the text ranks.
    assert_eq!(
        ranked(&data, "party:durant storage", Kind::Position),
        ["d-cap"]
    );
}

#[test]
fn mistakes_are_errors_with_the_closest_suggestion() {
    let data = facets_data();
    let e = error(&data, "partty:velmora cap");
    assert!(e.contains("unknown qualifier `partty:`"), "{e}");
    assert!(e.contains("did you mean `party:`"), "{e}");
    let e = error(&data, "party:velmorra");
    assert!(e.contains("no party matches `velmorra`"), "{e}");
    assert!(e.contains("did you mean `party:Velmora`"), "{e}");
    let e = error(&data, "stance:re");
    assert!(e.contains("could be `rejects`, `red line`"), "{e}");
    let e = error(&data, "date:last-week");
    assert!(e.contains("is not a date"), "{e}");
    // Review words need a review's marks.
    let e = error(&data, "is:verified");
    assert!(e.contains("needs an open review"), "{e}");
    // A qualifier still being typed is no error and no filter.
    assert_eq!(
        found(&data, "cap party:", Kind::Issue),
        found(&data, "cap", Kind::Issue)
    );
}

#[test]
fn review_marks_are_facets_when_a_review_is_open() {
    let data = facets_data();
    let mut marks = Marks::default();
    let pos = |id: &str| ItemRef::from(data.index.position(id).expect("position"));
    marks.set(pos("d-cap"), ReviewMark::Verified);
    marks.set(pos("d-fund"), ReviewMark::Disputed);
    marks.set(pos("m-fund"), ReviewMark::Stale);
    let marks = Some(Arc::new(marks));
    let run = |q: &str| -> BTreeSet<String> {
        ranked_with(&data, q, Kind::Position, marks.clone())
            .into_iter()
            .collect()
    };
    assert_eq!(run("is:verified"), ids(&["d-cap"]));
    assert_eq!(run("is:verified is:disputed"), ids(&["d-cap", "d-fund"]));
    assert_eq!(run("is:stale"), ids(&["m-fund"]));
    assert_eq!(
        run("is:unreviewed"),
        ids(&["v-cap-june", "v-cap-sept", "v-cap-oct", "d-navigation"])
    );
    assert_eq!(
        run("-is:unreviewed party:durant"),
        ids(&["d-cap", "d-fund"])
    );
}

#[test]
fn items_are_found_by_what_their_rows_show() {
    let data = facets_data();
    // A party's name finds its positions, a speaker's name their quotes,
    // a source's title its quotes.
    assert_eq!(
        found(&data, "durant", Kind::Position),
        ids(&["d-cap", "d-navigation", "d-fund"])
    );
    assert_eq!(found(&data, "'okoro", Kind::Quote), ids(&["q-durant-cap"]));
    assert_eq!(
        found(&data, "'gazette", Kind::Quote),
        ids(&["q-quota", "q-fund", "q-zalhora"])
    );
    // A stance word, an issue title, who reported it.
    assert_eq!(
        found(&data, "'red line", Kind::Position),
        ids(&["v-cap-oct", "d-navigation"])
    );
    assert_eq!(
        found(&data, "'navigation rights", Kind::Position),
        ids(&["d-navigation"])
    );
    assert_eq!(
        found(&data, "'council of the basin", Kind::Position),
        ids(&["d-navigation", "m-fund"])
    );
    // An issue by its parent's title.
    assert!(found(&data, "'water sharing", Kind::Issue).contains("cap"));
}

#[test]
fn synonyms_find_each_other_both_ways_and_across_diacritics() {
    let data = facets_data();
    let hydro = ids(&["q-rejects", "q-accepts", "q-durant-cap", "q-quota"]);
    assert_eq!(found(&data, "hydroelectric", Kind::Quote), hydro);
    assert_eq!(found(&data, "hydropower", Kind::Quote), hydro);
    // What was typed ranks above its synonym.
    assert_eq!(ranked(&data, "hydroelectric", Kind::Quote)[0], "q-quota");
    assert_ne!(ranked(&data, "hydropower", Kind::Quote)[0], "q-quota");
    // `Ostra` and `Žalhora` are one group: each finds the other, typed
    // with or without the diacritics.
    let places = ids(&["q-summit", "q-zalhora"]);
    assert_eq!(found(&data, "'ostra", Kind::Quote), places);
    assert_eq!(found(&data, "'zalhora", Kind::Quote), places);
    assert_eq!(found(&data, "'Žalhora", Kind::Quote), places);
    assert_eq!(ranked(&data, "'zalhora", Kind::Quote)[0], "q-zalhora");
    assert_eq!(ranked(&data, "'ostra", Kind::Quote)[0], "q-summit");
    // Aliases are synonyms: the council is the Council of the Basin.
    assert!(found(&data, "'the council", Kind::Party).contains("mediator"));
    // Not a word of any group: nothing added.
    assert_eq!(found(&data, "'lakeland", Kind::Quote), ids(&[]));
}

#[test]
fn ranking_prefers_whole_words_phrases_and_titles() {
    let data = common::bundled_data();
    // `red line` ranks an item containing "red line" first, not
    // "Reduction of Russian military activity".
    let hits = ranked(&data, "red line", Kind::Position);
    let first = &data.ds.positions[data.index.position(&hits[0]).expect("position")];
    assert_eq!(first.stance, parley::model::Stance::RedLine, "{hits:?}");
    let all: Vec<String> = {
        let search = data.search();
        let q = search.query("red line", None).expect("query");
        data.matcher
            .search(search, &q, None, &|| false)
            .expect("hits")
            .into_iter()
            .map(|h| format!("{}:{}", h.item.kind().as_str(), data.id(h.item)))
            .collect()
    };
    let reduction = all
        .iter()
        .position(|h| h == "issue:de-escalation")
        .unwrap_or(usize::MAX);
    assert!(reduction > 3, "{all:?}");
    // `ceasefire`: the issue, then positions on it, above the quotes.
    let search = data.search();
    let q = search.query("ceasefire", None).expect("query");
    let hits: Vec<ItemRef> = data
        .matcher
        .search(search, &q, None, &|| false)
        .expect("hits")
        .into_iter()
        .map(|h| h.item)
        .collect();
    assert_eq!(data.id(hits[0]), "ceasefire");
    let first_quote = hits
        .iter()
        .position(|h| h.kind() == Kind::Quote)
        .expect("a quote");
    let on_ceasefire: Vec<usize> = hits
        .iter()
        .enumerate()
        .filter(|(_, h)| match h {
            ItemRef::Position(p) => data.ds.positions[*p].issue == "ceasefire",
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    assert!(!on_ceasefire.is_empty());
    assert!(
        on_ceasefire.iter().all(|&i| i < first_quote),
        "{:?}",
        hits.iter().map(|&h| data.id(h)).collect::<Vec<_>>()
    );
    // Letters strewn over a long quote are no match.
    assert!(hits.len() < 60, "{} hits for ceasefire", hits.len());
}

#[test]
fn contiguous_beats_scattered_and_a_title_beats_long_text() {
    let data = facets_data();
    // "fishery fund" is a title; "fund" also occurs in a long summary.
    let hits = ranked(&data, "fund", Kind::Issue);
    assert_eq!(hits[0], "fund");
    // A whole word above the same letters scattered.
    let search = data.search();
    let q = search.query("cap", None).expect("query");
    let hits = data
        .matcher
        .search(search, &q, None, &|| false)
        .expect("hits");
    assert_eq!(data.id(hits[0].item), "cap", "the issue titled Cap… first");
}
