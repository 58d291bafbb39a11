//! The dataset as CSV: one row per position and quote it cites (a
//! position without quotes gets one row with the quote cells empty).
//! Cells a spreadsheet would run as formulas are neutralised.

use crate::cite;
use crate::prepared::Prepared;
use crate::text::spreadsheet_safe;

pub const HEADER: [&str; 16] = [
    "issue_id",
    "issue",
    "party_id",
    "party",
    "position_id",
    "stance",
    "date",
    "reported_by",
    "summary",
    "quote_id",
    "quote",
    "speaker",
    "source",
    "publisher",
    "published",
    "citation",
];

pub fn csv(data: &Prepared) -> String {
    let (ds, ix) = (&data.ds, &data.index);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for &(issue, _) in &data.issue_tree {
        for &p in &ix.positions_by_issue[issue] {
            let pos = &ds.positions[p];
            let reported = pos.reported_by.as_deref().map(|r| ix.speaker_name(ds, r));
            let position = [
                ds.issues[issue].id.as_str(),
                ds.issues[issue].title.as_str(),
                pos.party.as_str(),
                ix.party_name(ds, &pos.party),
                pos.id.as_str(),
                pos.stance.label(),
                pos.date.as_deref().unwrap_or(""),
                reported.unwrap_or(""),
                pos.summary.as_str(),
            ];
            let quotes = &ix.quotes_of[p];
            let rows: Vec<[String; 7]> = if quotes.is_empty() {
                vec![Default::default()]
            } else {
                quotes
                    .iter()
                    .map(|&q| {
                        let quote = &ds.quotes[q];
                        let source = ix.source_of[q].map(|s| &ds.sources[s]);
                        [
                            quote.id.clone(),
                            cite::words(data, q),
                            quote
                                .speaker
                                .as_deref()
                                .map(|s| ix.speaker_name(ds, s).to_string())
                                .unwrap_or_default(),
                            source.map(|s| s.title.clone()).unwrap_or_default(),
                            source.and_then(|s| s.publisher.clone()).unwrap_or_default(),
                            source.and_then(|s| s.published.clone()).unwrap_or_default(),
                            cite::quote(data, q, reported.is_some()),
                        ]
                    })
                    .collect()
            };
            for quote in rows {
                let record = position
                    .iter()
                    .map(|c| spreadsheet_safe(c))
                    .chain(quote.iter().map(|c| spreadsheet_safe(c)))
                    .map(|c| c.into_owned());
                let _ = w.write_record(record);
            }
        }
    }
    // Writing to memory cannot fail; an empty string is the fallback.
    w.into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}
