//! Citations: how a quote or a position is attributed when it leaves
//! parley, copied to a clipboard or written into a report.
//!
//! A quote is attributed to its speaker when the words are the speaker's
//! own. When they are the source's account (a paraphrase), or when the
//! position they back rests on someone else's account (`reported_by`),
//! the citation names the source instead: the reader must not take a
//! reporter's words for the speaker's.

use crate::markdown;
use crate::model::{PositionIx, QuoteIx};
use crate::prepared::Prepared;

/// Who or what the quote is attributed to, then the source's title,
/// publisher and date: whatever of these is known.
pub fn attribution(data: &Prepared, q: QuoteIx, reported: bool) -> Vec<&str> {
    let (ds, ix) = (&data.ds, &data.index);
    let quote = &ds.quotes[q];
    let mut parts = Vec::new();
    if !quote.paraphrase
        && !reported
        && let Some(speaker) = quote.speaker.as_deref()
    {
        parts.push(ix.speaker_name(ds, speaker));
    }
    if let Some(s) = ix.source_of[q] {
        let source = &ds.sources[s];
        let fields = [
            Some(source.title.as_str()),
            source.publisher.as_deref(),
            source.published.as_deref(),
        ];
        parts.extend(
            fields
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|v| !v.is_empty()),
        );
    }
    parts
}

/// The quote's words as its source has them (typographic quotes and dashes
/// included, line breaks as spaces, elisions as `…`), or as the dataset
/// types them when the quote is not anchored.
pub fn words(data: &Prepared, q: QuoteIx) -> String {
    let quote = &data.ds.quotes[q];
    let Some(body) = data.index.source_of[q].map(|s| data.ds.sources[s].body()) else {
        return quote.text.clone();
    };
    let pieces: Vec<String> = quote
        .anchor
        .iter()
        .filter_map(|r| body.get(r.clone()))
        .map(|piece| piece.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    if pieces.is_empty() {
        quote.text.clone()
    } else {
        pieces.join(" … ")
    }
}

/// `“…” — Speaker, Source title, Publisher, date`.
pub fn quote(data: &Prepared, q: QuoteIx, reported: bool) -> String {
    let text = words(data, q);
    let parts = attribution(data, q, reported);
    if parts.is_empty() {
        format!("“{text}”")
    } else {
        format!("“{text}” — {}", parts.join(", "))
    }
}

/// A position as Markdown: party, stance, issue and date, the summary,
/// whose account it rests on, and every quote with its citation.
pub fn position_markdown(data: &Prepared, p: PositionIx) -> String {
    let (ds, ix) = (&data.ds, &data.index);
    let pos = &ds.positions[p];
    let mut out = format!(
        "**{}** {} {}: *{}*",
        markdown::inline(ix.party_name(ds, &pos.party)),
        pos.stance.glyph(),
        markdown::inline(pos.stance.label()),
        markdown::inline(ix.issue_title(ds, &pos.issue)),
    );
    if let Some(date) = &pos.date {
        out.push_str(&format!(" ({})", markdown::inline(date)));
    }
    out.push_str("\n\n");
    out.push_str(&markdown::lines(&pos.summary, ""));
    out.push('\n');
    let reported = pos.reported_by.as_deref();
    if let Some(by) = reported {
        out.push_str(&format!(
            "\nReported by {}, not stated by the party itself.\n",
            markdown::inline(ix.speaker_name(ds, by))
        ));
    }
    for &q in &ix.quotes_of[p] {
        let text = words(data, q);
        out.push_str(&format!("\n> “{}”\n", markdown::lines(&text, "> ")));
        let parts: Vec<String> = attribution(data, q, reported.is_some())
            .into_iter()
            .map(markdown::inline)
            .collect();
        if !parts.is_empty() {
            out.push_str(&format!("> — {}\n", parts.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemRef;

    fn data() -> Prepared {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/good/minimal.ron");
        let mut ds = crate::model::load_path(&path)
            .expect("fixture readable")
            .into_valid()
            .expect("fixture valid");
        // Ruiz's line as the wire's paraphrase, and Southland's proposal
        // as told by the mediator.
        let ruiz = ds.quotes.iter_mut().find(|q| q.id == "q-ruiz-monitored");
        ruiz.expect("quote").paraphrase = true;
        let south = ds.positions.iter_mut().find(|p| p.id == "south-commission");
        south.expect("position").reported_by = Some("med".into());
        Prepared::new(ds)
    }

    fn quote_ix(data: &Prepared, id: &str) -> QuoteIx {
        match data.find(crate::model::Kind::Quote, id) {
            Some(ItemRef::Quote(q)) => q,
            _ => panic!("no quote {id}"),
        }
    }

    #[test]
    fn a_direct_quote_names_its_speaker_and_a_paraphrase_its_source() {
        let data = data();
        assert_eq!(
            quote(&data, quote_ix(&data, "q-north-guarantees"), false),
            "“will not accept any ceasefire without guarantees” — Northland, Talks resume, Fixture Wire, 2024-05-06"
        );
        assert_eq!(
            quote(&data, quote_ix(&data, "q-ruiz-monitored"), false),
            "“a ceasefire – if agreed – must be monitored” — Talks resume, Fixture Wire, 2024-05-06"
        );
        assert_eq!(
            quote(&data, quote_ix(&data, "q-med-meet"), false),
            "“The mediator said” — Mediator statement"
        );
    }

    #[test]
    fn a_reported_position_cites_the_source_and_says_whose_account_it_is() {
        let data = data();
        let p = data.index.position("south-commission").expect("position");
        let md = position_markdown(&data, p);
        assert_eq!(
            md,
            "**Southland** + proposes: *Joint commission* (2024-05)\n\nProposes a joint commission meeting weekly.\n\nReported by Mediatoria, not stated by the party itself.\n\n> “The Southern delegation proposed a joint commission. … could meet weekly.”\n> — Talks resume, Fixture Wire, 2024-05-06\n"
        );
        let p = data.index.position("north-ceasefire").expect("position");
        let md = position_markdown(&data, p);
        assert!(md.contains("> — Northland, Talks resume"), "{md}");
        assert!(!md.contains("Reported by"), "{md}");
    }
}
