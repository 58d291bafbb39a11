use super::*;
use proptest::prelude::*;

const MINIMAL: &str = include_str!("../../../tests/fixtures/good/minimal.ron");
const BUNDLED: &str = include_str!("../../../assets/ru-ua-2022-03.ron");

fn whole(text: &str) -> SpannedResult<Dataset> {
    ron_options().from_str::<Dataset>(text)
}

/// The dataset read in pieces, only when the pieces are taken.
fn in_pieces(text: &str) -> Option<Dataset> {
    pieces(text, &scan(text)?)
}

/// Both parses as text, so that a difference shows.
fn both(text: &str) -> (String, String) {
    (format!("{:?}", parse(text)), format!("{:?}", whole(text)))
}

#[test]
fn written_datasets_are_read_in_pieces_to_the_same_values() {
    for text in [MINIMAL, BUNDLED] {
        let lists = scan(text).expect("scanned");
        let names: Vec<&str> = lists.iter().map(|l| l.kind.plural()).collect();
        assert_eq!(
            names,
            [
                "sources",
                "parties",
                "people",
                "issues",
                "quotes",
                "positions",
                "events"
            ],
            "every list is found, in file order"
        );
        let quotes = lists
            .iter()
            .find(|l| l.kind == Kind::Quote)
            .expect("quotes");
        assert!(text[quotes.items[0].clone()].starts_with("Quote("));
        assert!(text[quotes.items[0].clone()].ends_with(')'));
        let split = in_pieces(text).expect("taken in pieces");
        let one = whole(text).expect("parses");
        assert_eq!(format!("{split:?}"), format!("{one:?}"));
    }
}

#[test]
fn strings_raw_strings_comments_and_unnamed_items_are_followed() {
    let text = r####"Dataset(format: 1, id: "x", title: "t",
        sources: [
            // a comment between items, with ) and ] and "
            Source(id: "a", title: "(]\"[)", text: "x"),
            (id: "b", title: r#"raw "(" [ ] "#, text: "// not a comment"),
            Source(id: "c", title: "c", text: r"\"),
        ],
        parties: [], issues: [], quotes: [], positions: [])"####;
    let lists = scan(text).expect("scanned");
    assert_eq!(lists[0].items.len(), 3);
    let ds = in_pieces(text).expect("taken in pieces");
    assert_eq!(
        ds.sources[crate::model::SourceIx::from(1)].title,
        r#"raw "(" [ ] "#
    );
    assert_eq!(ds.sources[crate::model::SourceIx::from(2)].body(), r"\");
    let (split, one) = both(text);
    assert_eq!(split, one);
}

#[test]
fn what_the_scan_does_not_follow_is_parsed_whole() {
    let item = r#"Party(id: "a", name: "A", role: Principal)"#;
    let with = |list: &str| {
        format!(
            r#"Dataset(format: 1, id: "x", title: "t", sources: [], parties: [{list}], issues: [], quotes: [], positions: [])"#
        )
    };
    for list in [
        format!("{item} /* block */, {item}"),
        format!("#![enable(implicit_some)] {item}, {item}"),
        format!("{item}, 'c', {item}"),
        format!("r#raw, {item}, {item}"),
    ] {
        assert!(scan(&with(&list)).is_none(), "{list}");
    }
    // Separators RON refuses are never taken as read: the whole parse
    // reports them.
    for list in [
        format!("{item},, {item}"),
        format!("{item} {item}"),
        format!(", {item}, {item}"),
        format!("{item}, {item},,"),
    ] {
        let text = with(&list);
        assert!(in_pieces(&text).is_none(), "{list}");
        let (split, one) = both(&text);
        assert!(split.starts_with("Err"), "{list}: {split}");
        assert_eq!(split, one);
    }
}

proptest! {
    /// Whatever is inserted or deleted, reading in pieces gives what the
    /// whole parse gives: the same dataset or the same error.
    #[test]
    fn pieces_and_whole_agree_on_any_edit(
        edits in proptest::collection::vec(
            (any::<proptest::sample::Index>(), 0..3usize, proptest::sample::select(&[
                ",", ",,", "(", ")", "[", "]", "\"", "\\\"", "//", "\n", "/*", "*/",
                "r#\"", "\"#", "Quote(", "x: 1,", "'", "#", "é", " ",
            ][..])),
            1..4,
        ),
        bundled in any::<bool>(),
    ) {
        let mut text = if bundled { BUNDLED } else { MINIMAL }.to_string();
        for (at, delete, insert) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + delete).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, insert);
        }
        let (split, one) = both(&text);
        prop_assert_eq!(split, one);
    }
}
